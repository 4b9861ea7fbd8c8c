"""A Markdown report for people on GitHub: the job summary of the `check` job.

Findings first (errors, then warnings, each with its place and fix), then the
translation status table. Written by `check_site.py --summary FILE` or
`--format markdown`.
"""

from __future__ import annotations

from .findings import Report
from .project import Project
from .report import markdown_table, place

SHOWN = 200  # a job summary holds 1 MiB; a long list helps nobody


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def as_markdown(report: Report, project: Project) -> str:
    errors, warnings = report.errors, report.warnings
    verdict = "No errors" if not errors else f"{errors} error{'s' * (errors != 1)}"
    lines = [
        "## Site checker",
        "",
        f"**{verdict}**, {warnings} warning{'s' * (warnings != 1)} ({', '.join(report.checks)}).",
        "",
    ]
    findings = sorted(report.findings, key=lambda f: f.severity != "error")
    if findings:
        lines += ["| | Kind | Where | What | Fix |", "|---|---|---|---|---|"]
        for f in findings[:SHOWN]:
            file, line = place(f, project)
            where = f"`{file}:{line}`" if line else f"`{file}`"
            mark = "❌" if f.severity == "error" else "⚠️"
            lines.append(f"| {mark} | {f.kind} | {where} | {_cell(f.message)} | {_cell(f.fix)} |")
        if len(findings) > SHOWN:
            lines.append(f"\n…and {len(findings) - SHOWN} more: run `make check` for the full list.")
        lines.append("")
    if report.status:
        lines += ["### Translations", "", *markdown_table(report.status), ""]
    lines += [f"> {note.message}" for note in report.notes]
    return "\n".join(lines).rstrip() + "\n"
