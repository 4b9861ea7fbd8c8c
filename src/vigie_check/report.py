"""Print a report as text (people), json (tools) or github (annotations)."""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from itertools import groupby

from .findings import CHECKS, Finding, Report
from .project import Project


def shown_file(finding: Finding, project: Project) -> str:
    """Link findings are relative to the site dir; show them from the repo."""
    if finding.check == "links":
        return project.rel(project.site_dir / finding.file)
    return finding.file


def place(finding: Finding, project: Project | None) -> tuple[str, int | None]:
    """Where to fix a finding: its Markdown, template or CSS line when known, else the file it is in."""
    if finding.source:
        return finding.source
    return (shown_file(finding, project) if project else finding.file), finding.line


def summary(report: Report, seconds: float | None = None) -> dict:
    data = {
        "errors": report.errors,
        "warnings": report.warnings,
        "checks": list(report.checks),
        "by_kind": dict(sorted(Counter(f.kind for f in report.findings).items())),
        "notes": [note.message for note in report.notes],
    }
    if report.status is not None:
        data["translations"] = report.status
    if seconds is not None:
        data["seconds"] = round(seconds, 3)
    return data


def _json_finding(finding: Finding, project: Project | None) -> dict:
    data = finding.as_json()
    if project is not None:  # file and line: where to fix it; "built": the built file that shows it
        data["file"], data["line"] = place(finding, project)
        if finding.check == "links":
            data["built"] = {"file": shown_file(finding, project), "line": finding.line}
    return data


def as_json(report: Report, seconds: float | None = None, project: Project | None = None) -> str:
    findings = [_json_finding(f, project) for f in report.findings]
    data = {"findings": findings, "summary": summary(report, seconds)}
    return json.dumps(data, ensure_ascii=False, indent=2)


def _width(text: str) -> int:
    """Columns on a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def status_table(rows: list[dict]) -> list[str]:
    width = max([_width(f"{r['language']} {r['name']}") for r in rows] + [12])
    lines = [f"{'Translations':<{width}}  pages   done  missing  outdated  up to date"]
    for r in rows:
        label = f"{r['language']} {r['name']}"
        label += " " * (width - _width(label))
        counts = f"{r['pages']:>5}  {r['done']:>5}  {r['missing']:>7}  {r['outdated']:>8}"
        lines.append(f"{label}  {counts}  {r['percent']:>9}%")
    return lines


def as_text(report: Report, project: Project, seconds: float | None = None) -> str:
    lines: list[str] = []

    def order(f: Finding) -> tuple:
        file, line = place(f, project)
        return CHECKS.index(f.check), file, line or 0

    for file, group in groupby(sorted(report.findings, key=order), key=lambda f: place(f, project)[0]):
        lines.append(file)
        for f in group:
            line = place(f, project)[1]
            where = f"{file}:{line}" if line else file
            lang = f" [{f.language}]" if f.language else ""
            lines.append(f"  {where}: {f.severity} {f.kind}{lang}: {f.message}")
            built = f" (built: {shown_file(f, project)}:{f.line})" if f.source and f.check == "links" else ""
            lines.append(f"      fix: {f.fix}{built}")
        lines.append("")
    if report.status:
        lines.extend(status_table(report.status) + [""])
    lines.extend(f"note: {note.message}" for note in report.notes)
    took = f" in {seconds:.2f} s" if seconds is not None else ""
    plural = "" if report.warnings == 1 else "s"
    lines.append(
        f"{report.errors} error{'' if report.errors == 1 else 's'}, {report.warnings} warning{plural}"
        f" ({', '.join(report.checks)}){took}"
    )
    return "\n".join(lines)


def _escape(value: str, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


def as_github(report: Report, project: Project) -> str:
    """::error/::warning workflow commands; link findings point at the Markdown when found."""
    lines = []
    for f in report.findings:
        file, line = place(f, project)
        props = [f"file={_escape(file, True)}"] + ([f"line={line}"] if line else [])
        props.append(f"title={_escape(f.kind, True)}")
        lines.append(f"::{f.severity} {','.join(props)}::{_escape(f.message + '. Fix: ' + f.fix)}")
    for note in report.notes:
        props = f" file={_escape(note.file, True)}" if note.file else ""
        props += f",line={note.line}" if note.file and note.line else ""
        lines.append(f"::{'error' if note.fatal else 'notice'}{props}::{_escape(note.message)}")
    if report.status:  # the job summary: check_site.py --summary "$GITHUB_STEP_SUMMARY"
        lines.extend(status_table(report.status))
    lines.append(f"{report.errors} errors, {report.warnings} warnings")
    return "\n".join(lines)


def markdown_table(rows: list[dict]) -> list[str]:
    lines = ["| Language | Pages | Done | Missing | Outdated | Up to date |", "|---|--:|--:|--:|--:|--:|"]
    for r in rows:
        lines.append(f"| {r['name']} ({r['language']}) | {r['pages']} | {r['done']} | {r['missing']} "
                     f"| {r['outdated']} | {r['percent']}% |")  # fmt: skip
    return lines
