"""Tools the scripts, tests and benchmarks share: Debian's chromium and a GitHub-Pages-like server."""
