#!/usr/bin/env python3
"""The scheduled re-check: stale facts and dead links, as the body of one tracking issue.

    python scripts/recheck_issue.py --body recheck.md [--no-external] [--today YYYY-MM-DD]

Runs the site checker's `facts` and `links --external` checks (every helpline
url, every source URL, every external page link), prints the usual text report
and writes the issue body (Markdown) to --body. The workflow then opens or
updates the one issue titled "Facts and links to re-check" with `gh`.
Exit codes: 0 nothing to re-check, 1 something to re-check (body written),
2 usage or config error.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from vigie_check.facts import data_dir, load_facts, load_policy, parse_date, today
from vigie_check.project import ConfigError, load_project
from vigie_check.recheck import has_findings, issue_body
from vigie_check.report import as_text
from vigie_check.run import run_checks


def run_url() -> str | None:
    env = os.environ
    if env.get("GITHUB_SERVER_URL") and env.get("GITHUB_REPOSITORY") and env.get("GITHUB_RUN_ID"):
        return f"{env['GITHUB_SERVER_URL']}/{env['GITHUB_REPOSITORY']}/actions/runs/{env['GITHUB_RUN_ID']}"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="recheck_issue.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", "-f", default="mkdocs.yml", help="the mkdocs config (default: mkdocs.yml)")
    parser.add_argument("--site", "-d", help="the built site (default: the config's site_dir)")
    parser.add_argument("--body", required=True, type=Path, help="where to write the issue body")
    parser.add_argument("--no-external", action="store_true", help="do not ask the network (facts only)")
    parser.add_argument("--today", help="the date for staleness (default: $VIGIE_TODAY, else today)")
    args = parser.parse_args(argv)  # exits 2 on bad arguments
    if args.today and parse_date(args.today) is None:
        parser.error(f"--today {args.today!r} is not a date like 2026-11-15")
    try:
        project = load_project(args.config, args.site)
    except ConfigError as exc:
        print(f"recheck_issue: error: {exc}", file=sys.stderr)
        return 2
    now = today(args.today)
    external = not args.no_external
    checks = ("links", "facts") if external else ("facts",)
    report = run_checks(project, checks, external=external, today=now)
    print(as_text(report, project))
    if any(note.fatal for note in report.notes):
        return 2
    folder = data_dir(project)
    facts = load_facts(folder / "helplines.yml")
    body = issue_body(
        facts, report.findings, project.rel(folder / "helplines.yml"), now, load_policy(folder / "site.yml"),
        external=external, run_url=run_url(),
    )  # fmt: skip
    try:
        args.body.write_text(body, encoding="utf-8")
    except OSError as exc:
        print(f"recheck_issue: error: cannot write {args.body}: {exc.strerror}", file=sys.stderr)
        return 2
    return 1 if has_findings(report.findings) else 0


if __name__ == "__main__":
    sys.exit(main())
