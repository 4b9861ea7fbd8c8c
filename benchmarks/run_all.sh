#!/usr/bin/env bash
# Every measured comparison in one run, for benchmarks/RESULTS.md (issue: quality gates).
# Needs: `make test` done once (venv, chromium), and Lighthouse 12.2.3 under benchmarks/_work:
#   npm install --prefix benchmarks/_work lighthouse@12.2.3
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1
echo "## Run of $(date -u +%Y-%m-%dT%H:%MZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo; echo "### Build time, 12 languages"; echo
.venv/bin/python benchmarks/bench_build.py --runs "${RUNS:-3}"
echo; echo "### Phone budget: page weight and Lighthouse mobile"; echo
.venv/bin/python benchmarks/bench_phone.py --runs "${RUNS:-3}"
echo; echo "### Site checker vs linkchecker"; echo
.venv/bin/python benchmarks/bench_checker.py
