"""Issue 2: the site builds strictly, every language has its home and 404 page,
nothing is fetched from another host, and a page load makes no 404 request."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, mkdocs_build
from mkdocs.config import load_config
from selectolax.lexbor import LexborHTMLParser as HTMLParser
from support.browser import RequestLog
from support.project import copy_project

CONFIG = load_config(str(ROOT / "mkdocs.yml"))
I18N = CONFIG.plugins["i18n"].config
DEFAULT = next(lang.locale for lang in I18N.languages if lang.default)
LANGS = [lang.locale for lang in I18N.languages]
SITE_HOST = urlsplit(CONFIG.site_url).netloc

# Elements and attributes that make the browser fetch something (not plain <a> links).
FETCHING = {
    "link": ["href"],
    "script": ["src"],
    "img": ["src", "srcset"],
    "source": ["src", "srcset"],
    "iframe": ["src"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "embed": ["src"],
    "object": ["data"],
    "image": ["href"],
    "use": ["href"],
}
CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])([^'")\s]+)""")
NAVIGATION_RELS = {"alternate", "canonical", "prev", "next"}


def _foreign(url: str) -> bool:
    url = url.strip()
    if url.startswith("//"):
        url = "https:" + url
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and parts.netloc != SITE_HOST


def third_party_references(html: str) -> list[str]:
    """URLs on other hosts that a browser would fetch while rendering `html`."""
    found = []
    tree = HTMLParser(html)
    for tag, attrs in FETCHING.items():
        for node in tree.css(tag):
            rel = set((node.attributes.get("rel") or "").split())
            if tag == "link" and rel & NAVIGATION_RELS and not rel & {"stylesheet", "preload", "icon"}:
                continue  # navigation hints, not fetched
            for attr in attrs:
                for value in re.split(r",\s*", node.attributes.get(attr) or ""):
                    if value and _foreign(value.split()[0]):
                        found.append(f"<{tag} {attr}={value}>")
    for node in tree.css("style, [style]"):
        text = node.text() if node.tag == "style" else node.attributes.get("style") or ""
        found += [u for u in CSS_URL.findall(text) if _foreign(u)]
    return found


def test_site_builds_strictly(site_dir: Path):
    assert (site_dir / "index.html").exists()


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_has_home_and_404_with_its_lang(site_dir: Path, lang: str):
    prefix = site_dir if lang == DEFAULT else site_dir / lang
    for page in ("index.html", "404.html"):
        html = HTMLParser((prefix / page).read_text(encoding="utf-8"))
        assert html.css_first("html").attributes["lang"] == lang, f"{lang}/{page}"


def scan_site(site_dir: Path) -> dict[str, list[str]]:
    offenders = {}
    for path in site_dir.rglob("*"):
        if path.suffix == ".html":
            found = third_party_references(path.read_text(encoding="utf-8"))
        elif path.suffix == ".css":
            found = [u for u in CSS_URL.findall(path.read_text(encoding="utf-8")) if _foreign(u)]
        else:
            continue
        if found:
            offenders[str(path.relative_to(site_dir))] = found[:3]
    return offenders


def test_no_built_file_fetches_from_another_host(site_dir: Path):
    assert scan_site(site_dir) == {}


def test_third_party_detector_catches_a_google_fonts_link():
    html = '<html><head><link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto"></head></html>'
    assert third_party_references(html) == ["<link href=https://fonts.googleapis.com/css?family=Roboto>"]
    css = "@font-face{src:url(//fonts.gstatic.com/x.woff2)}"
    assert [u for u in CSS_URL.findall(css) if _foreign(u)] == ["//fonts.gstatic.com/x.woff2"]
    assert third_party_references('<a href="https://www.allo119.gouv.fr/">119</a>') == []


def test_a_template_with_a_google_font_turns_the_check_red(tmp_path: Path):
    """Break it on purpose: a copy of the project whose main.html adds Google Fonts."""
    copy_project(tmp_path, with_docs=True)
    main = tmp_path / "overrides" / "main.html"
    main.write_text(
        main.read_text(encoding="utf-8")
        + '{% block extrahead %}<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
        "{% endblock %}",
        encoding="utf-8",
    )
    result = mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site", env={"VIGIE_PREVIEW_LANG": DEFAULT})
    # Offline, the privacy plugin fails the strict build; online it may self-host
    # the font. Either way the link must never reach a published page unnoticed.
    if result.returncode != 0:
        assert "fonts.googleapis.com" in result.stderr
    else:
        assert "index.html" in scan_site(tmp_path / "site")


def test_pages_load_with_local_requests_only_and_localised_404(site_url: str, phone):
    log = RequestLog(phone)
    other = next((lang for lang in LANGS if lang != DEFAULT), None)
    paths = ["", f"{other}/"] if other else [""]
    for path in paths:
        phone.goto(site_url + path, wait_until="networkidle")
    missing = site_url + (f"{other}/" if other else "") + "no-such-page/"
    phone.goto(missing, wait_until="networkidle")

    hosts = {urlsplit(url).hostname for url in log.urls()}
    assert hosts == {"127.0.0.1"}, hosts
    assert log.with_status(404) == [missing], log.with_status(404)
    assert not log.failed, log.failed
    assert phone.locator("html").get_attribute("lang") == (other or DEFAULT)
    title = phone.locator("article h1").inner_text()
    import vigie_data

    assert title == vigie_data.load_labels(other or DEFAULT)["ui"]["not_found_title"]


def test_the_built_stylesheet_is_minified_with_every_rule_kept(site_dir):
    """Every page loads vigie.css on roaming data: comments and spaces are dropped at build time."""
    source = (ROOT / "overrides" / "assets" / "css" / "vigie.css").read_text(encoding="utf-8")
    built = (site_dir / "assets" / "css" / "vigie.css").read_text(encoding="utf-8")
    rules = re.sub(r"/\*.*?\*/", "", source, flags=re.S)
    assert "/*" not in built and len(built) < 0.8 * len(source)
    assert built.count("{") == rules.count("{") and built.count("}") == rules.count("}")
    assert re.sub(r"\s", "", built) == re.sub(r"\s", "", rules)
