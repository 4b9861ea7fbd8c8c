"""Facts in data/helplines.yml: stale `checked` dates and, with --external, dead URLs.

stale-fact: a `checked` date older than `recheck_every_days` (data/site.yml,
default 180) is a warning; in the 30 days before the event starts (data/site.yml
`event.start`, or the first date of `event.dates`) and until it ends, an error
(stale-fact-event). `checked` may be a month (2026-11, read as its first day:
the oldest it can be) or a day (2026-11-15). "today" is a parameter, so tests
pin it and never turn red because the calendar moved on.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import yaml

from .findings import Finding, Report
from .project import Project

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader

DEFAULT_RECHECK_DAYS = 180
EVENT_WINDOW_DAYS = 30
DATE_RE = re.compile(r"\b(20[0-9]{2})-(0[1-9]|1[0-2])(?:-(0[1-9]|[12][0-9]|3[01]))?\b")
URL_RE = re.compile(r"https?://[^\s<>\"'()\[\],;]+[^\s<>\"'()\[\],;.:]")


def parse_date(value) -> date | None:
    """2026-11-15, or 2026-11 (its first day); None when there is no such date."""
    if isinstance(value, date):
        return value
    match = DATE_RE.search(str(value or ""))
    if not match:
        return None
    year, month, day = match.groups()
    try:
        return date(int(year), int(month), int(day or 1))
    except ValueError:
        return None


def today(value: str | None = None) -> date:
    """The date checks run on: `value`, else $VIGIE_TODAY, else the calendar."""
    return parse_date(value or os.environ.get("VIGIE_TODAY")) or date.today()


@dataclass
class Fact:
    """One helpline entry: where it is, when it was checked, which URLs back it."""

    entry: str
    line: int
    checked: str | None
    checked_line: int
    source: str
    urls: dict[str, str] = field(default_factory=dict)  # url -> field ("url" or "source")


@dataclass
class Policy:
    recheck_days: int = DEFAULT_RECHECK_DAYS
    event_start: date | None = None
    event_end: date | None = None
    event_name: str = ""


def _scalars(node) -> list[yaml.ScalarNode]:
    if isinstance(node, yaml.ScalarNode):
        return [node]
    children = node.value if isinstance(node, yaml.SequenceNode) else []
    if isinstance(node, yaml.MappingNode):
        children = [value for _, value in node.value]
    return [leaf for child in children for leaf in _scalars(child)]


def data_dir(project: Project) -> Path:
    return project.root / str(project.checker_options.get("data_dir") or "data")


def load_facts(path: Path) -> list[Fact]:
    """The entries of a helplines file with their lines; [] when there is none."""
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []  # the build (vigie_data) reports a broken file with its line
    if not isinstance(root, yaml.MappingNode):
        return []
    entries = next((v for k, v in root.value if k.value == "helplines"), None)
    facts = []
    for node in entries.value if isinstance(entries, yaml.SequenceNode) else []:
        if not isinstance(node, yaml.MappingNode):
            continue
        fields = {k.value: v for k, v in node.value}
        ident = fields.get("id")
        checked = fields.get("checked")
        source = fields.get("source")
        fact = Fact(
            entry=str(ident.value) if isinstance(ident, yaml.ScalarNode) else "?",
            line=node.start_mark.line + 1,
            checked=str(checked.value) if isinstance(checked, yaml.ScalarNode) else None,
            checked_line=(checked or node).start_mark.line + 1,
            source=" ".join(s.value for s in _scalars(source)) if source is not None else "",
        )
        url = fields.get("url")
        if isinstance(url, yaml.ScalarNode) and url.value.startswith(("http://", "https://")):
            fact.urls[url.value] = "url"
        for match in URL_RE.findall(fact.source):
            fact.urls.setdefault(match, "source")
        facts.append(fact)
    return facts


def load_policy(path: Path) -> Policy:
    try:
        site = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        site = {}
    site = site if isinstance(site, dict) else {}
    policy = Policy()
    days = site.get("recheck_every_days")
    policy.recheck_days = days if isinstance(days, int) and days > 0 else DEFAULT_RECHECK_DAYS
    event = site.get("event") if isinstance(site.get("event"), dict) else {}
    dates = [parse_date(m.group(0)) for m in DATE_RE.finditer(str(event.get("dates") or ""))]
    policy.event_start = parse_date(event.get("start")) or (dates[0] if dates else None)
    policy.event_end = parse_date(event.get("end")) or (dates[-1] if dates else policy.event_start)
    policy.event_name = str(event.get("name") or "the event")
    return policy


def staleness(checked: date, now: date, policy: Policy) -> str | None:
    """None (fresh), "stale-fact" (warning) or "stale-fact-event" (error)."""
    if (now - checked).days <= policy.recheck_days:
        return None
    start, end = policy.event_start, policy.event_end or policy.event_start
    if start and start - timedelta(days=EVENT_WINDOW_DAYS) <= now <= (end or start):
        return "stale-fact-event"
    return "stale-fact"


def check_facts(project: Project, report: Report, now: date | None = None) -> list[Fact]:
    """Add stale-fact findings; return the facts (for --external and the tracking issue)."""
    now = now or today()
    folder = data_dir(project)
    path = folder / "helplines.yml"
    facts = load_facts(path)
    policy = load_policy(folder / "site.yml")
    shown = project.rel(path)
    for fact in facts:
        checked = parse_date(fact.checked)
        if fact.checked is None:
            continue
        if checked is None:
            why = f"helpline '{fact.entry}': checked '{fact.checked}' is not a date like 2026-11-15"
            report.add(Finding("stale-fact", shown, fact.checked_line, fact.entry, None, why))
            continue
        kind = staleness(checked, now, policy)
        if kind is None:
            continue
        age = (now - checked).days
        when = f"; {policy.event_name} starts {policy.event_start}" if kind == "stale-fact-event" else ""
        report.add(
            Finding(
                kind,
                shown,
                fact.checked_line,
                fact.entry,
                None,
                f"helpline '{fact.entry}' was checked {fact.checked}, {age} days ago "
                f"(re-check every {policy.recheck_days} days{when}); source: {fact.source or 'none'}",
            )
        )
    return facts


def check_fact_urls(project: Project, report: Report, facts: list[Fact]) -> None:
    """--external: every helpline `url` and every URL in a `source`."""
    from .external import check_external

    where: dict[str, tuple[Fact, str]] = {}
    for fact in facts:
        for url, fld in fact.urls.items():
            where.setdefault(url, (fact, fld))
    shown = project.rel(data_dir(project) / "helplines.yml")
    for url, (state, problem) in check_external(where).items():
        fact, fld = where[url]
        kind = "external-link" if state == "broken" else "external-unchecked"
        said = problem if state == "broken" else f"could not check ({problem})"
        report.add(Finding(kind, shown, fact.line, url, None, f"helpline '{fact.entry}' field '{fld}': {url}: {said}"))
