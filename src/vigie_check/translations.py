"""Translations check on docs/: missing, orphan and outdated pages, per language.

Which file translates which comes from static-i18n's own rules (`layout`):
docs/<locale>/<path>.md or <path>.<locale>.md translates the default page,
which is in docs/<default>/, at the docs/ root, or unsuffixed. The status
table is also what the translation_status hook renders on the site.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .findings import Finding, Report
from .gitlog import Commit, load_history
from .layout import Layout, load_layout
from .project import Project
from .repo_links import compare_url, edit_url, repo_branch, repo_url

SHOWN_COMMITS = 5


@dataclass
class LanguageStatus:
    locale: str
    name: str
    pages: int
    missing: list[str] = field(default_factory=list)
    outdated: dict[str, list[Commit]] = field(default_factory=dict)
    links: dict[str, tuple[str, str]] = field(default_factory=dict)  # outdated page -> (compare, edit) URLs
    orphans: list[str] = field(default_factory=list)

    @property
    def done(self) -> int:
        return self.pages - len(self.missing)

    @property
    def percent(self) -> int:
        """Pages translated and up to date, in percent (rounded down)."""
        return 100 if not self.pages else (self.done - len(self.outdated)) * 100 // self.pages

    def row(self) -> dict:
        return {
            "language": self.locale,
            "name": self.name,
            "pages": self.pages,
            "done": self.done,
            "missing": len(self.missing),
            "outdated": len(self.outdated),
            "percent": self.percent,
        }


def _excluded(project: Project):
    """mkdocs' default exclusions (dot files, templates/) plus exclude_docs."""
    spec = None
    if project.exclude_docs:
        try:
            import pathspec

            spec = pathspec.GitIgnoreSpec.from_lines(project.exclude_docs.splitlines())
        except ImportError:  # pragma: no cover - pathspec comes with mkdocs
            spec = None

    def excluded(rel: str) -> bool:
        parts = rel.split("/")
        if any(p.startswith(".") for p in parts) or parts[0] == "templates":
            return True
        return bool(spec and spec.match_file(rel))

    return excluded


def markdown_files(project: Project, folder: str = "") -> list[str]:
    """Markdown files under docs_dir/folder, as posix paths relative to docs_dir."""
    excluded = _excluded(project)
    top = project.docs_dir / folder if folder else project.docs_dir
    found = []
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        rel_dir = os.path.relpath(dirpath, project.docs_dir).replace(os.sep, "/")
        for filename in sorted(filenames):
            if filename.endswith((".md", ".markdown")):
                rel = filename if rel_dir == "." else f"{rel_dir}/{filename}"
                if not excluded(rel):
                    found.append(rel)
    return found


def project_layout(project: Project, report: Report | None = None) -> Layout | None:
    """The layout of docs/, or None (with a fatal note) when the checker cannot tell."""
    layout = load_layout(project, markdown_files(project))
    if report is not None:
        for note in layout.notes:
            report.note(note)
        for problem in layout.problems:
            report.note(f"{problem}: translations not checked", fatal=True)
    return None if layout.problems else layout


def translator_links(history, path: str, environ=None) -> tuple[str, str] | None:
    """(compare, edit) URLs for an outdated translation at `path` (relative to docs_dir), when the repo is known.

    The compare view starts at the translation's last commit: the English text
    it was based on. It ends at HEAD: the English text now.
    """
    repo, last = repo_url(environ), history.last(path)
    if not repo or not last or not last.sha or not history.head:
        return None
    return compare_url(repo, last.sha, history.head), edit_url(repo, repo_branch(environ), history.prefix + path)


def translation_status(project: Project, report: Report | None = None) -> list[LanguageStatus]:
    """One status per built language, default first. Adds findings to `report`."""
    default = project.default
    layout = project_layout(project, report) if default else None
    if layout is None:
        return []
    docs = project.rel(project.docs_dir)
    pages = {lang.locale: layout.pages(lang.locale) for lang in project.languages}  # norm -> source
    base = pages[default.locale]
    history, why_not = load_history(project.docs_dir) if base else (None, None)
    if why_not and report is not None:
        report.note(why_not)
    statuses = [LanguageStatus(default.locale, default.name, len(base))]
    for lang in project.languages[1:]:
        status = LanguageStatus(lang.locale, lang.name, len(base))
        mine = pages[lang.locale]
        status.missing = sorted(base.keys() - mine.keys())
        status.orphans = sorted(mine.keys() - base.keys())
        for rel in sorted(base.keys() & mine.keys()):
            changes = history.changes_since(base[rel], mine[rel]) if history else None
            if changes:
                status.outdated[rel] = changes
                links = translator_links(history, mine[rel])
                if links:
                    status.links[rel] = links
        statuses.append(status)
        if report is None:
            continue
        for rel in status.missing:
            report.add(
                Finding(
                    "missing-translation",
                    f"{docs}/{base[rel]}",
                    None,
                    f"{docs}/{layout.expected(lang.locale, rel)}",
                    lang.locale,
                    f"no {lang.name} translation: {docs}/{layout.expected(lang.locale, rel)} does not exist",
                )
            )
        for rel in status.orphans:
            report.add(
                Finding(
                    "orphan-translation",
                    f"{docs}/{mine[rel]}",
                    None,
                    f"{docs}/{layout.expected(default.locale, rel)}",
                    lang.locale,
                    f"{docs}/{layout.expected(default.locale, rel)} does not exist any more",
                )
            )
        for rel, changes in status.outdated.items():
            shown = "; ".join(map(str, changes[:SHOWN_COMMITS]))
            more = f"; and {len(changes) - SHOWN_COMMITS} more" if len(changes) > SHOWN_COMMITS else ""
            report.add(
                Finding(
                    "outdated-translation",
                    f"{docs}/{mine[rel]}",
                    None,
                    f"{docs}/{base[rel]}",
                    lang.locale,
                    f"{docs}/{base[rel]} changed since: {shown}{more}",
                    hint=f"Apply the changes to the translation: what changed in English: {status.links[rel][0]} ; "
                    f"edit this translation on GitHub: {status.links[rel][1]}"
                    if rel in status.links
                    else f"Apply the changes to the translation: git diff "
                    f"{history.last(mine[rel]).short} HEAD -- {docs}/{base[rel]}",
                )
            )
    if report is not None:
        report.status = [s.row() for s in statuses]
    return statuses
