"""Check the site: broken links and anchors, translations, unsafe content.

    vigie-check [CHECK ...] [--config mkdocs.yml] [--site DIR]
                [--format text|json|github|markdown] [--external]
                [--summary FILE] [--today YYYY-MM-DD]

CHECK is links, translations, content or facts (default: all four).
--external also checks every external link, helpline url and source URL.
--summary appends a Markdown report (the GitHub job summary) to FILE. Exit codes:
0 no errors (warnings allowed), 1 at least one error, 2 usage or config error.
The checks live in this package (vigie_check), one module per concern;
`python scripts/check_site.py` is the same command.
"""

from __future__ import annotations

import argparse
import sys
import time

from .facts import parse_date
from .findings import CHECKS, Report
from .project import ConfigError, load_project
from .report import as_github, as_json, as_text
from .run import run_checks
from .summary import as_markdown


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2
        self.exit(2, f"vigie-check: error: {message} (see --help)\n")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = _Parser(prog="vigie-check", description=__doc__.split("\n\n")[0])
    parser.add_argument("checks", nargs="*", metavar="CHECK", help="links, translations, content, facts (default: all)")
    parser.add_argument("--config", "-f", default="mkdocs.yml", help="the mkdocs config (default: mkdocs.yml)")
    parser.add_argument("--site", "-d", help="the built site (default: the config's site_dir)")
    parser.add_argument("--format", choices=("text", "json", "github", "markdown"), default="text")
    parser.add_argument("--external", action="store_true", help="also check external URLs (needs network)")
    parser.add_argument("--summary", metavar="FILE", help="also append a Markdown report to FILE")
    parser.add_argument("--today", help="the date for staleness checks (default: $VIGIE_TODAY, else today)")
    args = parser.parse_args(argv)
    unknown = [c for c in args.checks if c not in CHECKS]
    if unknown:
        parser.error(f"unknown check {unknown[0]!r}: choose from {', '.join(CHECKS)}")
    args.checks = tuple(dict.fromkeys(args.checks)) or CHECKS
    if args.today and parse_date(args.today) is None:
        parser.error(f"--today {args.today!r} is not a date like 2026-11-15")
    return args


def main(argv: list[str] | None = None) -> int:
    start = time.perf_counter()
    for stream in (sys.stdout, sys.stderr):  # odd file names must not crash the report
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    args = parse_args(argv)
    try:
        project = load_project(args.config, args.site)
    except ConfigError as exc:
        print(f"vigie-check: error: {exc}", file=sys.stderr)
        if args.format in ("json", "github"):  # tools read stdout: the same error, in their format
            report = Report(checks=args.checks)
            report.note(str(exc), exc.file, fatal=True, line=exc.line)
            print(as_json(report) if args.format == "json" else as_github(report, None))
        return 2
    try:
        report = run_checks(project, args.checks, external=args.external, today=parse_date(args.today))
    except Exception as exc:  # noqa: BLE001 - a volunteer gets one line, never a traceback
        where = project.rel(project.config_path)
        print(f"vigie-check: error: {where}: cannot check this site ({exc.__class__.__name__}: {exc});"
              " please report it with the config", file=sys.stderr)  # fmt: skip
        return 2
    seconds = time.perf_counter() - start
    if args.summary:
        try:
            with open(args.summary, "a", encoding="utf-8") as out:
                out.write(as_markdown(report, project) + "\n")
        except OSError as exc:
            print(f"vigie-check: error: cannot write --summary {args.summary}: {exc.strerror}", file=sys.stderr)
            return 2
    if args.format == "json":
        print(as_json(report, seconds, project))
    elif args.format == "markdown":
        print(as_markdown(report, project))
    elif args.format == "github":
        print(as_github(report, project))
    else:
        print(as_text(report, project, seconds))
    for note in report.notes:
        if note.fatal and args.format == "json":
            print(f"vigie-check: error: {note.message}", file=sys.stderr)
    return report.exit_code()


if __name__ == "__main__":
    sys.exit(main())
