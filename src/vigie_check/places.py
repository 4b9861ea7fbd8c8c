"""Where a volunteer fixes what the built site shows: the files of the theme's custom_dir.

A link or a load that is not in a Markdown page comes from a template (or a script or
stylesheet) of custom_dir; its finding is annotated there, relative to the repository.
When custom_dir is inside docs_dir, mkdocs also copies those templates into the site:
they are Jinja sources, not pages, and are not checked as pages.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .project import Project

TEMPLATE_FILES = (".html", ".htm", ".j2", ".jinja", ".js", ".css", ".xml", ".txt")


def template_dirs(project: Project) -> list[Path]:
    custom_dir = project.theme.get("custom_dir")
    return [(project.root / custom_dir).resolve()] if isinstance(custom_dir, str) else []


def template_copies(project: Project) -> str | None:
    """The site folder ('overrides/') that holds mkdocs' copies of a custom_dir inside docs_dir, or None."""
    for folder in template_dirs(project):
        try:
            return folder.relative_to(project.docs_dir).as_posix().rstrip("/") + "/"
        except ValueError:
            continue
    return None


def template_texts(project: Project) -> list[tuple[Path, str]]:
    """(path, text) of every file of custom_dir, read once."""
    if "templates" not in project.cache:
        found = []
        for folder in template_dirs(project):
            for dirpath, dirnames, filenames in os.walk(folder):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "__")))
                for name in sorted(filenames):
                    if name.endswith(TEMPLATE_FILES):
                        path = Path(dirpath, name)
                        found.append((path, path.read_text("utf-8", "replace")))
        project.cache["templates"] = found
    return project.cache["templates"]


def line_of(text: str, needle: str) -> int | None:
    pos = text.find(needle) if needle else -1
    return text.count("\n", 0, pos) + 1 if pos >= 0 else None


def in_templates(project: Project, needles: list[str]) -> tuple[str, int] | None:
    """The first custom_dir file and line that holds one of `needles`."""
    for path, text in template_texts(project):
        for needle in needles:
            line = line_of(text, needle)
            if line:
                return project.rel(path), line
    return None


def link_in_templates(project: Project, needle: str) -> tuple[str, int] | None:
    """The custom_dir file and line of an href/src attribute that ends like `needle` (a link's last part)."""
    if not needle:
        return None
    pattern = re.compile(r"(?:href|src)\s*=\s*[\"']?[^\"'\n>]*" + re.escape(needle) + r"(?=[/#?\"'\s>]|$)", re.M)
    for path, text in template_texts(project):
        match = pattern.search(text)
        if match:
            return project.rel(path), text.count("\n", 0, match.start()) + 1
    return None
