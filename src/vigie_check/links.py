"""Links check on the built HTML: pages, anchors, assets and tel: links.

Each page is read and parsed once with selectolax's Lexbor engine, a C HTML5
parser (the same tree a browser builds, ~1 ms for a Material page). The first
pass collects every id and every URL; the second resolves the URLs against the
set of files and ids. Lines are found afterwards, only for the findings.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from selectolax.lexbor import LexborHTMLParser

from .content import css_urls, srcset_urls
from .findings import Finding, Report
from .phones import tel_problem
from .places import link_in_templates, template_copies
from .project import Project
from .sitefiles import SiteFiles, Target, resolve

_SELECTOR = "[id], a[name], [href], [src], [srcset], [poster], object[data], meta[http-equiv], [style], style"
ASSET_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "mask-icon", "manifest", "preload", "modulepreload"}
SKIP_RELS = {"preconnect", "dns-prefetch", "prefetch", "prerender"}
HREF_TAGS = {"a", "area", "link", "use", "image"}  # what a browser follows or loads
ASSET_TAGS = {
    "img",
    "source",
    "script",
    "iframe",
    "video",
    "audio",
    "track",
    "embed",
    "input",
    "object",
    "image",
    "use",
}
_URL_ATTRS = {"href", "xlink:href", "src", "poster", "data", "srcset", "style", "content"}
_REFRESH = re.compile(r"^\s*\d*\s*[;,]\s*url\s*=\s*['\"]?([^'\"]*)", re.I)


@dataclass
class Ref:
    """One URL in one page: `asset` decides missing-asset over broken-link."""

    page: str
    attr: str
    raw: str
    asset: bool
    base: str = ""  # the page URLs resolve against: `page`, or what <base href> says

    def __post_init__(self):
        self.base = self.base or self.page


@dataclass
class Page:
    text: str
    ids: set[str]
    refs: list[Ref]
    wrapped: set[str] = field(default_factory=set)  # image URLs inside a link to the same URL


def read_text(path: Path, report: Report, shown: str) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        message = f"{shown}:{line}: is not valid UTF-8 (byte {exc.start}): save it as UTF-8"
        report.note(f"{message} (the check went on with replacement characters)", shown, fatal=True, line=line)
        return data.decode("utf-8", "replace")


def parse_page(name: str, text: str, site_host: str = "", site_path: str = "/") -> Page:
    tree = LexborHTMLParser(text)
    ids: set[str] = set()
    refs: list[Ref] = []
    wrapped: set[str] = set()
    seen: set[int] = set()  # a selector list returns a node once per match
    for node in tree.css(_SELECTOR):  # one walk of the tree for ids and URLs
        if node.mem_id in seen:
            continue
        seen.add(node.mem_id)
        tag, attrs = node.tag, node.attributes
        if "id" in attrs:
            ids.add(attrs["id"] or "")
        if tag == "a" and "name" in attrs:
            ids.add(attrs["name"] or "")
        if tag == "style":
            refs.extend(Ref(name, "style", url, True) for url in css_urls(node.text(deep=True)))
        for attr, value in attrs.items():
            if not value or attr not in _URL_ATTRS:
                continue
            if attr in ("href", "xlink:href") and tag in HREF_TAGS:
                rels = set((attrs.get("rel") or "").lower().split())
                if tag == "link" and rels & SKIP_RELS:
                    continue
                refs.append(Ref(name, attr, value, tag in ASSET_TAGS or (tag == "link" and bool(rels & ASSET_RELS))))
            elif attr in ("src", "poster") or (attr == "data" and tag == "object"):
                refs.append(Ref(name, attr, value, True))
                if tag == "img" and attr == "src" and _link_around(node) == value:
                    wrapped.add(value)  # [![x](a.png)](a.png): the image reports a missing a.png
            elif attr == "srcset":
                refs.extend(Ref(name, attr, url, True) for url in srcset_urls(value))
            elif attr == "style":
                refs.extend(Ref(name, attr, url, True) for url in css_urls(value))
            elif attr == "content" and tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
                match = _REFRESH.match(value)
                if match and match.group(1):
                    refs.append(Ref(name, attr, match.group(1), False))
    base = tree.css_first("base[href]")
    if base is not None and base.attributes.get("href"):
        target = resolve(base.attributes["href"] or "", name, site_host, site_path)
        base_page = None
        if target.kind == "internal":
            base_page = target.path + ("index.html" if target.path.endswith("/") or not target.path else "")
        elif target.kind == "external":
            base_page = target.path  # every relative URL now points to that other host
        for ref in refs if base_page else ():
            ref.base = base_page if ref.raw.lstrip()[:1] not in "#?" else name
    return Page(text, ids, refs, wrapped)


def _link_around(node) -> str | None:
    parent = node.parent
    for _ in range(3):
        if parent is None:
            return None
        if parent.tag == "a":
            return parent.attributes.get("href")
        parent = parent.parent
    return None


def load_site(project: Project, report: Report) -> tuple[SiteFiles, dict[str, Page]]:
    """Every built page, read and parsed once for all checks."""
    if "site" not in project.cache:
        site = SiteFiles(project.site_dir)
        pages: dict[str, Page] = {}
        copies = template_copies(project)  # mkdocs' copies of a custom_dir inside docs_dir: Jinja, not pages
        for name in sorted(site.files):
            if name.endswith((".html", ".htm")) and not (copies and name.startswith(copies)):
                text = read_text(Path(site.root, name), report, project.rel(project.site_dir / name))
                try:
                    pages[name] = parse_page(name, text, project.site_host, project.site_path)
                except Exception as exc:  # noqa: BLE001 - one odd page must not stop the check
                    report.note(f"{name}: cannot parse ({exc.__class__.__name__}: {exc})", name)
        project.cache["site"] = site, pages
    return project.cache["site"]


def target_of(project: Project, ref: Ref) -> Target:
    """Where a ref points; resolved once per base folder and URL."""
    cache = project.cache.setdefault("targets", {})
    first = ref.raw.lstrip()[:1]
    if first in "#?":
        key = (ref.base, ref.raw)
    elif (first == "/" or ref.raw.startswith(("http://", "https://", "tel:", "sms:"))) and ":" not in ref.base:
        key = ("", ref.raw)  # absolute: the same from every page (no <base> to another host)
    else:
        key = (ref.base.rpartition("/")[0], ref.raw)
    target = cache.get(key)
    if target is None:
        target = cache[key] = resolve(ref.raw, ref.base, project.site_host, project.site_path)
    return target


def check_links(project: Project, report: Report, external: bool = False) -> None:
    site, pages = load_site(project, report)
    region = project.region
    externals: dict[str, Ref] = {}
    templated: dict[tuple, list] = {}  # (template, line, kind) -> [first finding, pages]
    for name, page in pages.items():
        cursor: dict[str, int] = {}
        md_cursor: dict[str, int] = {}
        for ref in page.refs:
            target = target_of(project, ref)
            finding = _judge(ref, target, site, pages, region)
            if target.kind == "external" and target.path not in externals:
                externals[target.path] = ref
            if finding and not ref.asset and ref.raw in page.wrapped and finding.kind == "broken-link":
                locate(page.text, ref, cursor)  # keep the cursor in step; the image's finding says it
                continue
            if finding:
                finding.line = locate(page.text, ref, cursor)
                finding.source = source_of(project, name, ref, md_cursor)
                if finding.source is None and _from_template(project, finding, ref, templated):
                    continue  # the same template line on another page: counted in the first finding
                report.add(finding)
    if external:
        from .external import check_external

        for url, (state, problem) in check_external(externals).items():
            ref = externals[url]
            line = locate(pages[ref.page].text, ref, {})
            kind, said = (
                ("external-link", problem)
                if state == "broken"
                else ("external-unchecked", f"could not check ({problem})")
            )
            report.add(Finding(kind, ref.page, line, url, None, f"{url}: {said}"))


def _from_template(project: Project, finding: Finding, ref: Ref, seen: dict[tuple, list]) -> bool:
    """Point a finding that is not in the Markdown at the custom_dir template line that writes it.

    A template writes the link on every page: the first finding stands for all of them.
    Returns True when `finding` is such a repeat, and must not be reported again.
    """
    place = link_in_templates(project, _needle(ref.raw))
    if place is None:
        return False
    finding.source = place
    key = (*place, finding.kind)
    if key not in seen:
        seen[key] = [finding, 1]
        return False
    first = seen[key]
    first[1] += 1
    first[0].message = re.sub(r" \(on \d+ pages\)$", "", first[0].message) + f" (on {first[1]} pages)"
    return True


def _judge(ref: Ref, target: Target, site: SiteFiles, pages: dict[str, Page], region: str | None) -> Finding | None:
    kind = "missing-asset" if ref.asset else "broken-link"
    if target.kind == "invalid":
        return Finding(kind, ref.page, None, ref.raw, None, f"{ref.raw} {target.reason}")
    if target.kind == "tel":
        problem = tel_problem(target.path, region)
        return Finding("bad-tel", ref.page, None, ref.raw, None, f"{ref.raw}: {problem}") if problem else None
    if target.kind != "internal":
        return None
    found = site.lookup(target.path)
    if found is None:
        what = "file" if ref.asset else "page or file"
        return Finding(kind, ref.page, None, ref.raw, None, f"{ref.raw}: no {what} {target.path or '/'} in the site")
    fragment = target.fragment
    if ref.asset or not fragment or found not in pages or fragment.lower() == "top" or fragment.startswith(":~:"):
        return None
    ids = pages[found].ids
    if fragment in ids or unquote(fragment, errors="replace") in ids:
        return None
    where = "this page" if found == ref.page else found
    return Finding("broken-anchor", ref.page, None, ref.raw, None, f"{ref.raw}: no id {fragment!r} in {where}")


def locate(text: str, ref: Ref, cursor: dict[str, int]) -> int | None:
    """The line of the next occurrence of ref's attribute in the page source."""
    values = dict.fromkeys((ref.raw, html.escape(ref.raw, quote=False), html.escape(ref.raw)))
    start = cursor.get(ref.raw, 0)
    for value in values:
        for needle in (f'{ref.attr}="{value}"', f"{ref.attr}='{value}'", f"{ref.attr}={value}", value):
            pos = text.find(needle, start)
            if pos >= 0:
                cursor[ref.raw] = pos + 1
                return text.count("\n", 0, pos) + 1
    return None


def source_of(
    project: Project, page: str, ref: Ref, cursor: dict[str, int] | None = None
) -> tuple[str, int | None] | None:
    """The Markdown page a built page comes from, and the line of the link in it.

    The page is found by static-i18n's own rules (any layout). Used for GitHub
    annotations, which must point at files in the pull request. With `cursor`,
    several occurrences of one URL on a page go to successive Markdown lines.
    Returns None when the link is not in the Markdown (a theme template).
    """
    from .layout import load_layout
    from .translations import markdown_files

    src = load_layout(project, markdown_files(project)).source_of_page(page)
    needle = _needle(ref.raw)
    if not src or not needle:
        return None
    lead = r"[^)\s\"']*" if needle[0] in "#:" else r"(?:[^)\s\"']*/)?"
    pattern = re.compile(
        r"(?:\]\(<?|\]:\s*<?|(?:href|src)=[\"']?)" + lead + re.escape(needle) + r"(?=[.)/#?\s\"'>]|$)", re.M
    )
    path_md = project.docs_dir / src
    texts = project.cache.setdefault("markdown", {})
    if src not in texts:
        texts[src] = path_md.read_text("utf-8", "replace") if path_md.is_file() else ""
    text = texts[src]
    cursor = {} if cursor is None else cursor
    match = pattern.search(text, cursor.get(ref.raw, 0))
    if match is None and ref.raw in cursor:  # more occurrences in the HTML than in the Markdown
        match = pattern.search(text)
    if match is None:
        return None
    cursor[ref.raw] = match.end()
    return project.rel(path_md), text.count("\n", 0, match.start()) + 1


def _needle(raw: str) -> str:
    """The part of a built URL that the Markdown link most likely contains too."""
    if raw.startswith(("tel:", "sms:")):
        return raw[3:]
    if "#" in raw:
        return "#" + raw.split("#", 1)[1]
    last = raw.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    return "" if last in ("", ".", "..") else unquote(last, errors="replace")
