"""The body of the one tracking issue, "Facts and links to re-check".

Built from the facts of data/helplines.yml and a checker report (facts, and
links with --external): one row per entry and field to look at, with its
source, its age and the answer of its URLs. Pure: no network, no date lookup.
"""

from __future__ import annotations

from datetime import date

from .facts import Fact, Policy, parse_date
from .findings import Finding

TITLE = "Facts and links to re-check"
MARKER = "<!-- vigie-recheck -->"  # tells our issue apart from one a person opened with the same title
STATE = {"external-link": "broken", "external-unchecked": "could not check"}


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|") or "—"


def _age(fact: Fact, now: date) -> str:
    checked = parse_date(fact.checked)
    if checked is None:
        return f"unknown (checked: {fact.checked or 'missing'})"
    return f"{(now - checked).days} days (checked {fact.checked})"


def url_states(findings: list[Finding], data_file: str) -> dict[str, str]:
    """url -> "broken: HTTP 404" or "could not check: timed out", from the data file's findings."""
    states = {}
    for f in findings:
        if f.file == data_file and f.kind in STATE and f.target:
            why = f.message.rsplit(f"{f.target}: ", 1)[-1]
            states[f.target] = f"{STATE[f.kind]} ({why.removeprefix('could not check (').rstrip(')')})"
    return states


def fact_rows(facts: list[Fact], findings: list[Finding], data_file: str, now: date, external: bool) -> list[list[str]]:
    """[entry, field, source, age, URL status] for every entry that needs a look."""
    stale = {f.target: f.severity for f in findings if f.kind in ("stale-fact", "stale-fact-event")}
    states = url_states(findings, data_file)
    rows = []
    for fact in facts:

        def status(url: str) -> str:
            return states.get(url, "ok" if external else "not checked")

        if fact.entry in stale:
            urls = "; ".join(f"{url}: {status(url)}" for url in fact.urls) or "no URL"
            label = "checked (**before the event**)" if stale[fact.entry] == "error" else "checked"
            rows.append([fact.entry, label, fact.source, _age(fact, now), urls])
        for url, fld in fact.urls.items():
            if url in states:
                rows.append([fact.entry, fld, fact.source, _age(fact, now), f"{url}: {states[url]}"])
    return rows


def page_rows(findings: list[Finding], data_file: str) -> list[list[str]]:
    return [
        [f.file, f.target or "", f"{STATE[f.kind]} ({f.message.rsplit(': ', 1)[-1]})"]
        for f in findings
        if f.kind in STATE and f.file != data_file
    ]


def issue_body(
    facts: list[Fact], findings: list[Finding], data_file: str, now: date, policy: Policy,
    external: bool = True, run_url: str | None = None,
) -> str:  # fmt: skip
    facts_table = fact_rows(facts, findings, data_file, now, external)
    pages_table = page_rows(findings, data_file)
    seen = f" ([this run]({run_url}))" if run_url else ""
    lines = [
        MARKER,
        f"The scheduled re-check of {now.isoformat()}{seen} found what is listed below. "
        "This issue is updated by each run; it is closed when nothing is left.",
        "",
        f"A fact is due for a re-check {policy.recheck_days} days after its `checked` date "
        f"(`recheck_every_days` in data/site.yml); in the 30 days before the event"
        f"{' (' + str(policy.event_start) + ')' if policy.event_start else ''} it blocks the build.",
        "",
        "## Helplines (data/helplines.yml)",
        "",
    ]
    if facts_table:
        lines += ["| Entry | Field | Source | Age | URL status |", "|---|---|---|---|---|"]
        lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in facts_table]
    else:
        lines.append("Nothing to re-check.")
    lines += ["", "## Links on the site's pages", ""]
    if pages_table:
        lines += ["| Page | URL | Status |", "|---|---|---|"]
        lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in pages_table]
    else:
        lines.append("Every external link answered." if external else "Not checked in this run.")
    lines += [
        "",
        "## How to work through this issue",
        "",
        "1. For each helpline row, open the source, check the number, hours and cost, then edit "
        "data/helplines.yml: fix what changed and set `checked` to today's date (YYYY-MM-DD).",
        '2. "could not check" means the server would not answer a robot (403, 429, a timeout): '
        "open the URL in a browser before changing anything.",
        '3. "broken" means the page is gone: find the service\'s new page, or remove the link.',
        "4. Open one pull request; the next run updates this list. See CONTRIBUTING.md.",
    ]
    return "\n".join(lines) + "\n"


def has_findings(findings: list[Finding]) -> bool:
    return any(f.kind in STATE or f.kind.startswith("stale-fact") for f in findings)
