"""Findings: one fixed kind each, with its check, severity and fix hint."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

# kind: (check, severity, fix hint). The kind fixes everything but the place.
KINDS: dict[str, tuple[str, str, str]] = {
    "broken-link": ("links", "error", "Link to a page that exists, or fix the path."),
    "broken-anchor": ("links", "error", "Link to a heading id that exists on the target page."),
    "missing-asset": ("links", "error", "Add the file, or fix the src/href path."),
    "bad-tel": ("links", "error", "Use a valid number: short code for the region, or E.164 (+33...)."),
    "external-link": ("links", "warning", "Update or remove the link: the site does not answer."),
    "external-unchecked": ("links", "warning", "Open the link in a browser: the server would not tell a robot."),
    # Warnings: static-i18n falls back to the default language, so nothing is broken.
    "missing-translation": ("translations", "warning", "Translate the page into the language folder."),
    "orphan-translation": ("translations", "error", "Delete or rename the page to match the default language."),
    "outdated-translation": ("translations", "warning", "Bring the translation up to date with these commits."),
    "missing-label": ("translations", "warning", "Add the label in this language."),
    "ignored-i18n-option": ("translations", "warning", "Remove it: mkdocs-static-i18n 1.x does not read it."),
    "native-review-outdated": (
        "translations",
        "warning",
        "Ask a native speaker to read the changed pages, then update native_review.",
    ),
    # Facts in data/helplines.yml (vigie_check/facts.py).
    "stale-fact": ("facts", "warning", "Re-check the number at its source, then update `checked` (YYYY-MM-DD)."),
    "stale-fact-event": ("facts", "error", "The event is near: re-check at the source now, then update `checked`."),
    "unsafe-html": ("content", "error", "Remove the script, frame, event handler or javascript: URL."),
    "third-party-resource": ("content", "error", "Copy the file into docs/ and link it locally."),
    "hardcoded-phone": ("content", "error", "Use a shortcode: <!-- helpline:ID --> or <!-- number:ID -->."),
}
CHECKS = ("links", "translations", "content", "facts")


@dataclass
class Finding:
    kind: str
    file: str
    line: int | None = None
    target: str | None = None
    language: str | None = None
    message: str = ""
    # Not in the JSON: a better place for annotations (docs source) and a hint.
    source: tuple[str, int | None] | None = field(default=None, compare=False)
    hint: str | None = field(default=None, compare=False)
    # In the JSON only when set (optional field): the built pages that load a third-party resource.
    pages: list[str] | None = field(default=None, compare=False)

    @property
    def check(self) -> str:
        return KINDS[self.kind][0]

    @property
    def severity(self) -> str:
        return KINDS[self.kind][1]

    @property
    def fix(self) -> str:
        return self.hint or KINDS[self.kind][2]

    def as_json(self) -> dict:
        data = asdict(self)
        return {
            "check": self.check,
            "kind": self.kind,
            "severity": self.severity,
            "file": data["file"],
            "line": data["line"],
            "target": data["target"],
            "language": data["language"],
            "message": data["message"],
        } | ({"pages": self.pages} if self.pages is not None else {})


@dataclass
class Note:
    """A clear one-line message that is not a finding (bad encoding, no git...)."""

    message: str
    file: str | None = None
    fatal: bool = False  # a usage or config error: exit code 2
    line: int | None = None

    def __post_init__(self):
        place = re.match(r"([^\s:]+):(\d+): ", self.message) if self.file is None else None
        if place:  # "mkdocs.yml:12: ...": the message says where
            self.file, self.line = place.group(1), int(place.group(2))


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    status: list[dict] | None = None  # translation status rows
    checks: tuple[str, ...] = CHECKS

    def add(self, *findings: Finding) -> None:
        self.findings.extend(findings)

    def note(self, message: str, file: str | None = None, fatal: bool = False, line: int | None = None) -> None:
        self.notes.append(Note(message, file, fatal, line))

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity == "warning" for f in self.findings)

    def exit_code(self) -> int:
        if any(n.fatal for n in self.notes):
            return 2
        return 1 if self.errors else 0
