"""third-party-resource on the built site: what the visitor's browser fetches from other hosts.

Whatever adds it (the theme's defaults, mkdocs.yml's extra_css/extra_javascript,
a template override, raw HTML in a page), every resource a page loads is in the
built HTML: link, script, img/srcset, iframe, source, video/audio, object/embed,
style attributes and <style>; and in the site's own CSS files that pages load
(their url() and @import, and one level of @import further). Each resource is
reported once, with the pages that load it, at the place it comes from when
that can be found: a Markdown page, mkdocs.yml, or a file of the theme's custom_dir.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from .content import css_urls
from .findings import Finding, Report
from .links import Page, Ref, load_site, locate, target_of
from .places import in_templates, template_dirs
from .places import line_of as _line_of
from .project import Project
from .sitefiles import SiteFiles, resolve

SHOWN_PAGES = 3


@dataclass
class Load:
    url: str
    tag: str  # "src", "href", "<style>", "the stylesheet css/site.css"
    css: str | None = None  # the site CSS file it is written in
    pages: list[str] = field(default_factory=list)
    first: Ref | None = None  # where it is first seen in the HTML


def check_third_party(project: Project, report: Report, known: set[str]) -> None:
    """Add one finding per foreign resource the built pages load; `known` URLs are already reported."""
    site, pages = load_site(project, report)
    loads: dict[str, Load] = {}
    stylesheets: dict[str, list[str]] = {}  # site CSS file -> pages that load it
    for name, page in pages.items():
        for ref in page.refs:
            if not ref.asset:
                continue
            target = target_of(project, ref)
            if target.kind == "external":
                _add(loads, target.path, f"<{ref.attr}>" if ref.attr == "style" else ref.attr, name, ref)
            elif target.kind == "internal" and target.path.endswith(".css"):
                found = site.lookup(target.path)
                if found:
                    stylesheets.setdefault(found, []).append(name)
    for css, users in stylesheets.items():
        for url, written_in in _css_loads(project, site, css):
            for name in users:
                _add(loads, url, f"the stylesheet {css}", name, None)
                loads[url].css = loads[url].css or written_in
    for url, load in sorted(loads.items()):
        if url in known or url.split("?", 1)[0] in known:
            continue  # raw HTML in a page: the Markdown check already says where
        report.add(_finding(project, pages, load))


def _add(loads: dict[str, Load], url: str, tag: str, page: str, ref: Ref | None) -> None:
    load = loads.setdefault(url, Load(url, tag, first=ref))
    if not load.pages or load.pages[-1] != page:
        load.pages.append(page)
    if load.first is None and ref is not None:
        load.first, load.tag = ref, tag


def _css_loads(project: Project, site: SiteFiles, css: str, depth: int = 0) -> list[tuple[str, str]]:
    """Foreign URLs in a site CSS file, and in the site CSS files it @imports (one level)."""
    cache = project.cache.setdefault("css", {})
    if (css, depth) in cache:
        return cache[(css, depth)]
    try:
        text = Path(site.root, css).read_text("utf-8", "replace")
    except OSError:
        text = ""
    out: list[tuple[str, str]] = []  # (URL, the CSS file it is in)
    for url in css_urls(text):
        target = resolve(url, css, project.site_host, project.site_path)
        if target.kind == "external":
            out.append((target.path, css))
        elif target.kind == "internal" and depth == 0 and target.path.endswith(".css"):
            found = site.lookup(target.path)
            out.extend(_css_loads(project, site, found, 1) if found else [])
    cache[(css, depth)] = out
    return out


def _finding(project: Project, pages: dict[str, Page], load: Load) -> Finding:
    host = urlsplit(load.url if "//" in load.url else "https:" + load.url).hostname or "?"
    count = len(load.pages)
    every = count == len(pages) and count > 1
    who = "every page" if every else f"{count} page{'s' if count > 1 else ''}"
    shown = ", ".join(load.pages[:SHOWN_PAGES]) + (f" and {count - SHOWN_PAGES} more" if count > SHOWN_PAGES else "")
    origin, line, hint = _origin(project, load)
    if origin is None:  # not found in the sources: point at the first page that loads it
        first = load.first
        origin = project.rel(project.site_dir / load.pages[0])
        line = locate(pages[first.page].text, first, {}) if first else None
    via = f" via {load.tag}" if load.tag.startswith("the stylesheet") else ""
    finding = Finding(
        "third-party-resource",
        origin,
        line,
        load.url,
        None,
        f"{who} {'loads' if who in ('every page', '1 page') else 'load'} a resource from {host}{via} ({shown})",
        hint=hint,
    )
    finding.pages = list(load.pages)
    return finding


def _origin(project: Project, load: Load) -> tuple[str | None, int | None, str | None]:
    """Where the URL is written: mkdocs.yml, the theme's custom_dir, a Markdown page; else None."""
    needles = list(dict.fromkeys([load.url, load.url.split("?", 1)[0], load.url.split("//", 1)[-1]]))
    config_text = _read(project.config_path)
    for needle in needles:
        line = _line_of(config_text, needle)
        if line:
            return project.rel(project.config_path), line, "Copy the file into docs/ and list the local copy instead."
    theme = project.theme
    folders = template_dirs(project)
    if load.css:  # a CSS file of docs/ (or of the theme's custom_dir), copied as is into the site: its own line
        for path in [project.docs_dir / load.css] + [folder / load.css for folder in folders]:
            text = _read(path)
            for needle in needles:
                line = _line_of(text, needle)
                if line:
                    return project.rel(path), line, "Copy the file into docs/ and load the local copy instead."
    place = in_templates(project, needles)
    if place:
        return *place, "Remove it from the template, or serve the file from the site itself."
    if "fonts.googleapis.com" in load.url and theme.get("name") == "material" and theme.get("font") is not False:
        line = _line_at(config_text, r"^[ \t]+font:") or _line_at(config_text, r"^theme:")
        hint = "Material loads Google Fonts unless theme.font is false: set font: false (system fonts) or self-host."
        return project.rel(project.config_path), line, hint
    return None, None, None


def _read(path: Path) -> str:
    try:
        return path.read_text("utf-8", "replace")
    except OSError:
        return ""


def _line_at(text: str, pattern: str) -> int | None:
    match = re.search(pattern, text, re.M)
    return text.count("\n", 0, match.start()) + 1 if match else None
