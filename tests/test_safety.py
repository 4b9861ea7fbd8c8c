"""Issue 6: phone-first safety features, in real Chromium at 390x844.

Quick exit, the root's language choice, honest fallbacks, search in the
visitor's language only (loaded on demand), offline after the first visit.
Everything runs against a small fixture site (en fr es ar zh ja ko) built once
per session from a copy of the project, so the tests do not depend on which
pages are translated. The quick exit points at a local stand-in.
Every browser flow also checks: no request leaves 127.0.0.1, no 404.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from conftest import ROOT, mkdocs_build
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from selectolax.lexbor import LexborHTMLParser as HTMLParser
from support.browser import PHONE
from support.project import copy_project

from vigie_tools.pages_server import PagesServer

LANGS = ["en", "fr", "es", "ar", "zh", "ja", "ko"]
NAMES = {
    "en": "English",
    "fr": "Français",
    "es": "Español",
    "ar": "العربية",
    "zh": "中文",
    "ja": "日本語",
    "ko": "한국어",
}
PAGES = ["index", "what-to-do", "helplines", "warning-signs", "about"]
EN = {
    "index": "# Keep children safe\n\nWarning signs and whom to call.\n\n<!-- helpline:police -->\n",
    "what-to-do": "# What to do\n\nDo not confront anyone. Note what you saw, then call.\n",
    "helplines": "# Helplines\n\nTap a number to call.\n\n<!-- helplines:emergency -->\n",
    "warning-signs": "# Warning signs\n\nA child who seems scared or controlled.\n",
    "about": "# About\n\nWho we are.\n\n<!-- history-switch -->\n\n[Helplines](helplines.md)\n",
}
# Translated pages; every other page falls back to English.
TRANSLATED = {
    "fr": {
        "index": "# Protéger les enfants\n\nLes signaux d'alerte et qui appeler.\n\n<!-- helpline:police -->\n",
        "helplines": "# Numéros utiles\n\nTouchez un numéro pour appeler.\n\n<!-- helplines:emergency -->\n",
        "about": "# À propos\n\nQui sommes-nous. Protéger les enfants, ensemble.\n",
    },
    "es": {"index": "# Proteger a los niños\n\nSeñales de alerta y a quién llamar.\n"},
    "ar": {"index": "# حماية الأطفال\n\nعلامات التحذير ومن يجب الاتصال به.\n\n<!-- helpline:police -->\n"},
    "zh": {"index": "# 保护儿童\n\n如果孩子有危险，请立即报警。我们一起保护儿童的安全。\n"},
    "ja": {"index": "# 子どもを守る\n\n子どもが危険なときは、すぐに警察に電話してください。\n"},
    "ko": {"index": "# 아동 보호\n\n아이가 위험하면 즉시 경찰에 전화하세요.\n"},
}
# Arabic UI labels (merged over English); Spanish has none, like a language
# whose data/i18n file is not written yet.
AR_LABELS = {
    "language_name": "العربية",
    "ui": {
        "quick_exit": "خروج سريع",
        "quick_exit_hint": "أو اضغط على Shift ثلاث مرات",
        "emergency_bar_label": "أرقام الطوارئ",
        "fallback_notice": "هذه الصفحة غير متوفرة بعد باللغة {language}. أنت تقرأ النسخة الإنجليزية.",
        "languages": "اختر لغتك",
    },
}
SEARCH_FILES = ("/search/", "/workers/", "/lunr/", "/javascripts/bundle.")


# ---------------------------------------------------------------- fixtures


class NeutralHandler(SimpleHTTPRequestHandler):
    """The quick exit's stand-in; /slow/ answers after a pause."""

    def do_GET(self):
        if self.path.startswith("/slow/"):
            time.sleep(1.5)
        body = b"<!doctype html><html lang=en><title>Weather</title><h1>Weather</h1></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def neutral():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), NeutralHandler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


def make_fixture_project(dest: Path, quick_exit_url: str) -> Path:
    """A copy of the project with a small docs tree and seven languages."""
    copy_project(dest)
    config_path = dest / "mkdocs.yml"
    text = config_path.read_text(encoding="utf-8")
    raw = yaml.load(text, Loader=_IgnoreTagsLoader)
    i18n = next(p["i18n"] for p in raw["plugins"] if isinstance(p, dict) and "i18n" in p)
    i18n["languages"] = [
        {"locale": code, "name": NAMES[code], "build": True, **({"default": True} if code == "en" else {})}
        for code in LANGS
    ]
    raw["nav"] = [f"{page}.md" for page in PAGES]
    raw["plugins"] = [p for p in raw["plugins"] if not (isinstance(p, dict) and "privacy" in p) and p != "privacy"]
    raw["site_url"] = "http://127.0.0.1:8000/"
    config_path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    site = yaml.safe_load((dest / "data" / "site.yml").read_text(encoding="utf-8"))
    site["quick_exit_url"] = quick_exit_url
    (dest / "data" / "site.yml").write_text(yaml.safe_dump(site, allow_unicode=True), encoding="utf-8")
    for extra in (dest / "data" / "i18n").glob("*.yml"):
        if extra.stem not in ("en", "fr"):
            extra.unlink()
    (dest / "data" / "i18n" / "ar.yml").write_text(yaml.safe_dump(AR_LABELS, allow_unicode=True), encoding="utf-8")
    for page, body in EN.items():
        _write(dest / "docs" / "en" / f"{page}.md", body)
    for lang, pages in TRANSLATED.items():
        for page, body in pages.items():
            _write(dest / "docs" / lang / f"{page}.md", body)
    return config_path


class _IgnoreTagsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's !ENV tags as their default value."""


_IgnoreTagsLoader.add_constructor(
    "!ENV", lambda loader, node: loader.construct_sequence(node)[-1] if isinstance(node, yaml.SequenceNode) else None
)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory, neutral) -> Path:
    project = tmp_path_factory.mktemp("safety-project")
    config = make_fixture_project(project, neutral + "slow/")
    out = project / "site"
    result = mkdocs_build(config, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="session")
def fixture_url(fixture_site):
    with PagesServer(fixture_site) as url:
        yield url


class Watch:
    """Every request of a browser context (pages and service workers)."""

    def __init__(self, context):
        self.requests: list[str] = []
        self.statuses: list[tuple[str, int]] = []
        context.on("request", lambda r: self.requests.append(r.url))
        context.on("response", lambda r: self.statuses.append((r.url, r.status)))

    def check(self, expected_404: tuple[str, ...] = ()):
        foreign = [
            u for u in self.requests if urlsplit(u).scheme in ("http", "https") and urlsplit(u).hostname != "127.0.0.1"
        ]
        assert not foreign, foreign
        missing = [u for u, status in self.statuses if status == 404 and u not in expected_404]
        assert not missing, missing


@pytest.fixture
def phone_context(browser):
    """Factory: a fresh 390x844 context; every one is checked for foreign requests and 404s."""
    made = []

    def make(**options):
        context = browser.new_context(**{"viewport": PHONE, "device_scale_factor": 1, **options})
        watch = Watch(context)
        made.append((context, watch))
        return context, watch

    yield make
    for context, watch in made:
        context.close()
        watch.check()


# ---------------------------------------------------------------- quick exit


def test_quick_exit_button_blanks_the_page_and_back_does_not_return(fixture_url, neutral, phone_context):
    context, _ = phone_context()
    page = context.new_page()
    page.goto(neutral + "start/")
    page.goto(fixture_url + "fr/helplines/")
    # Blank at once: checked in the same task as the click, before the neutral site answers.
    assert page.evaluate("() => { document.getElementById('quick-exit').click(); return document.body.hidden; }")
    page.wait_for_url(neutral + "slow/")
    page.go_back()
    assert page.url == neutral + "start/", page.url


def test_back_after_quick_exit_still_shows_the_site_pages_opened_before(fixture_url, neutral, phone_context):
    """The limit "Browse safely" documents: quick exit replaces only the page it leaves."""
    context, _ = phone_context()
    page = context.new_page()
    page.goto(neutral + "start/")
    page.goto(fixture_url + "about/")
    page.click("article a[href*='helplines']")
    page.wait_for_url(fixture_url + "helplines/")
    page.click("#quick-exit")
    page.wait_for_url(neutral + "slow/")
    page.go_back()
    assert page.url == fixture_url + "about/", page.url


def test_with_the_history_switch_back_after_quick_exit_skips_the_whole_site(fixture_url, neutral, phone_context):
    """Opt-in (issue 18): in-site links replace the current entry, so the visit is one entry; the exit replaces it."""
    context, _ = phone_context()
    page = context.new_page()
    page.goto(neutral + "start/")
    before = page.evaluate("history.length")
    page.goto(fixture_url + "about/")
    page.check("#history-switch")
    page.click("article a[href*='helplines']")
    page.wait_for_url(fixture_url + "helplines/")
    assert page.evaluate("history.length") == before + 1  # this site takes one entry
    page.click("#quick-exit")
    page.wait_for_url(neutral + "slow/")
    assert page.title() == "Weather"
    page.go_back()
    assert page.url == neutral + "start/", page.url
    page.go_forward()
    assert page.url == neutral + "slow/", page.url  # the site is nowhere in this tab's history
    # A new tab does not inherit the choice.
    other = context.new_page()
    other.goto(fixture_url + "about/")
    assert not other.locator("#history-switch").is_checked()


def test_quick_exit_with_shift_three_times(fixture_url, neutral, phone_context):
    context, _ = phone_context()
    page = context.new_page()
    page.goto(neutral + "start/")
    page.goto(fixture_url + "fr/")
    for key in ("Shift", "a", "Shift", "Shift"):  # interrupted: not three in a row
        page.keyboard.press(key)
    page.wait_for_timeout(300)
    assert page.url == fixture_url + "fr/"
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(neutral + "slow/")
    page.go_back()
    assert page.url == neutral + "start/", page.url


def test_quick_exit_is_a_plain_link_without_javascript(fixture_url, neutral, phone_context):
    context, _ = phone_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(fixture_url + "ar/")
    link = page.locator("#quick-exit")
    assert link.get_attribute("href") == neutral + "slow/"
    assert link.inner_text().startswith(AR_LABELS["ui"]["quick_exit"])
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(200)
    assert link.is_visible() and link.bounding_box()["y"] >= 0  # sticky: still on screen after scrolling
    link.click()
    page.wait_for_url(neutral + "slow/")


# ---------------------------------------------------------------- language


@pytest.mark.parametrize(("locale", "expected"), [("es-ES", "es/"), ("fr-FR", "fr/"), ("sv-SE", ""), ("en-GB", "")])
def test_root_sends_the_visitor_to_their_language(fixture_url, phone_context, locale, expected):
    context, _ = phone_context(locale=locale)
    page = context.new_page()
    navigations = []
    page.on("framenavigated", lambda frame: frame == page.main_frame and navigations.append(frame.url))
    page.goto(fixture_url)
    if expected:
        page.wait_for_url(fixture_url + expected)
    page.wait_for_timeout(500)
    assert page.url == fixture_url + expected
    assert len(navigations) <= 2, navigations  # the root, then at most one redirect


def test_a_remembered_choice_wins_and_language_pages_never_redirect(fixture_url, phone_context):
    context, _ = phone_context(locale="es-ES")
    page = context.new_page()
    page.goto(fixture_url + "fr/")
    page.wait_for_timeout(300)
    assert page.url == fixture_url + "fr/"  # a language page stays put, whatever the browser says
    page.click(".vigie-languages a[hreflang=en]")  # the visitor picks English
    page.wait_for_load_state()
    page.wait_for_timeout(500)
    assert page.url == fixture_url
    page.goto(fixture_url)
    page.wait_for_timeout(500)
    assert page.url == fixture_url
    page.goto(fixture_url + "ar/")
    page.click(".vigie-languages a[hreflang=ja]")
    page.wait_for_url(fixture_url + "ja/")
    page.goto(fixture_url)
    page.wait_for_url(fixture_url + "ja/")


def test_the_switcher_keeps_the_page_and_is_remembered(fixture_url, phone_context):
    context, _ = phone_context(locale="fr-FR")
    page = context.new_page()
    page.goto(fixture_url + "fr/helplines/")
    page.click(".md-select button")  # focus opens Material's language menu, no JavaScript needed
    page.click(".md-select a[hreflang=es]")
    page.wait_for_url(fixture_url + "es/helplines/")
    page.goto(fixture_url)
    page.wait_for_url(fixture_url + "es/")  # the pick beats the browser's French


def test_root_without_javascript_is_english_with_every_language_listed(fixture_site):
    html = HTMLParser((fixture_site / "index.html").read_text(encoding="utf-8"))
    assert html.css_first("html").attributes["lang"] == "en"
    links = html.css("nav.vigie-languages a[hreflang]")
    assert [a.attributes["hreflang"] for a in links] == LANGS
    assert all(a.attributes.get("lang") == a.attributes["hreflang"] for a in links)
    script = html.css_first("script[data-root]")
    assert script is not None and "vigie-lang.js" in script.attributes["src"]
    assert all(
        HTMLParser((fixture_site / lang / "index.html").read_text(encoding="utf-8")).css_first("script[data-root]")
        is None
        for lang in LANGS[1:]
    )


def test_search_dialog_has_a_name_in_the_page_language(fixture_site):
    html = HTMLParser((fixture_site / "fr" / "index.html").read_text(encoding="utf-8"))
    assert html.css_first(".md-search[role=dialog]").attributes.get("aria-label") == "Recherche"


def test_alternates_and_sitemap_are_absolute_with_x_default(fixture_site):
    html = HTMLParser((fixture_site / "fr" / "helplines" / "index.html").read_text(encoding="utf-8"))
    alternates = {a.attributes["hreflang"]: a.attributes["href"] for a in html.css("head link[rel=alternate]")}
    assert alternates["x-default"] == "http://127.0.0.1:8000/helplines/"
    assert alternates["fr"] == "http://127.0.0.1:8000/fr/helplines/"
    assert set(alternates) == {*LANGS, "x-default"}
    sitemap = (fixture_site / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.startswith("<?xml")
    assert '<xhtml:link rel="alternate" hreflang="x-default" href="http://127.0.0.1:8000/helplines/"/>' in sitemap
    assert 'href="/' not in sitemap and 'href="../' not in sitemap


# ---------------------------------------------------------------- fallbacks


def test_fallback_page_says_so_in_the_visitors_language(fixture_url, phone_context):
    context, _ = phone_context()
    page = context.new_page()
    page.goto(fixture_url + "ar/helplines/")
    notice = page.locator(".vigie-fallback")
    expected = AR_LABELS["ui"]["fallback_notice"].replace("{language}", "العربية")
    assert notice.inner_text().strip() == expected
    assert page.evaluate("document.documentElement.lang") == "ar"
    assert page.evaluate("document.body.dir") == "rtl"
    assert notice.evaluate("n => n.closest('[lang]').lang") == "ar"
    # The borrowed English text says it is English.
    assert page.locator("article h1").evaluate("n => n.closest('[lang]').lang") == "en"
    assert page.locator("article h1").evaluate("n => getComputedStyle(n).direction") == "ltr"
    # A translated page has no notice.
    page.goto(fixture_url + "ar/")
    assert page.locator(".vigie-fallback").count() == 0


def test_fallback_notice_without_translated_labels_is_marked_english(fixture_site):
    html = HTMLParser((fixture_site / "es" / "helplines" / "index.html").read_text(encoding="utf-8"))
    notice = html.css_first(".vigie-fallback")
    assert notice.attributes.get("lang") == "en"
    assert notice.css_first("span").attributes.get("lang") == "es"
    assert "Español" in notice.text()
    translated = HTMLParser((fixture_site / "fr" / "helplines" / "index.html").read_text(encoding="utf-8"))
    assert translated.css_first(".vigie-fallback") is None


def test_each_label_file_names_its_language_as_mkdocs_yml_does():
    """main.html tells a translated label file from the English fallback by its
    language_name: it must be the language's name in mkdocs.yml."""
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    for lang in config.plugins["i18n"].config.languages:
        path = ROOT / "data" / "i18n" / f"{lang.locale}.yml"
        if path.exists():
            name = yaml.safe_load(path.read_text(encoding="utf-8")).get("language_name")
            assert name == lang.name, f"{path.name}: language_name {name!r} is not {lang.name!r} (mkdocs.yml)"


# ---------------------------------------------------------------- search


def _search(page, query: str) -> list[str]:
    page.click("label.md-header__button[for=__search]")
    page.keyboard.type(query)
    page.wait_for_selector(".md-search-result__list li, .md-search-result__meta", timeout=10000)
    page.wait_for_function(
        "() => !document.querySelector('.md-search-result__meta').textContent.includes('…') ", timeout=10000
    )
    with contextlib.suppress(PlaywrightTimeout):  # results are drawn after the count: give a busy machine time
        page.wait_for_selector(".md-search-result__link", timeout=5000)
    page.wait_for_timeout(300)
    return page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.getAttribute('href'))")


def test_first_load_fetches_no_search_file_and_search_stays_in_the_language(fixture_url, phone_context):
    context, watch = phone_context()
    page = context.new_page()
    page.goto(fixture_url + "fr/", wait_until="networkidle")
    assert not [u for u in watch.requests if any(part in u for part in SEARCH_FILES)], watch.requests
    results = _search(page, "enfants")
    assert results, "no result for a word on the French pages"
    assert all(urlsplit(href).path.startswith("/fr/") for href in results), results
    fetched = [urlsplit(u).path for u in watch.requests]
    assert "/search/fr.json" in fetched
    assert not [p for p in fetched if p.startswith("/search/") and p != "/search/fr.json"], fetched
    # One stemmer: French only.
    assert not [p for p in fetched if "/lunr/min/lunr." in p and not p.endswith(("lunr.fr.min.js", "support.min.js"))]


@pytest.mark.parametrize(("lang", "query"), [("zh", "儿童"), ("zh", "报警"), ("ja", "警察"), ("ko", "경찰")])
def test_cjk_search_finds_words_inside_sentences(fixture_url, phone_context, lang, query):
    context, _ = phone_context()
    page = context.new_page()
    page.goto(fixture_url + f"{lang}/")
    results = _search(page, query)
    assert any(urlsplit(h).path == f"/{lang}/" for h in results), (query, results)


def test_each_language_index_holds_only_its_pages(fixture_site):
    for lang in LANGS:
        index = json.loads((fixture_site / "search" / f"{lang}.json").read_text(encoding="utf-8"))
        prefix = "" if lang == "en" else f"{lang}/"
        assert index["docs"] and all(d["location"].startswith(prefix) for d in index["docs"])
        if lang == "en":
            assert not [d for d in index["docs"] if d["location"].split("/")[0] in LANGS]
    zh = json.loads((fixture_site / "search" / "zh.json").read_text(encoding="utf-8"))
    assert "\\u200b" in zh["config"]["separator"] and "\u200b" in json.dumps(zh["docs"], ensure_ascii=False)
    ja = json.loads((fixture_site / "search" / "ja.json").read_text(encoding="utf-8"))
    assert ja["config"]["lang"] == ["ja"] and "\u200b" not in json.dumps(ja["docs"], ensure_ascii=False)


def test_bundle_patches_fail_loudly_when_material_changes(tmp_path):
    import search_split
    from mkdocs.exceptions import PluginError

    bundle = tmp_path / "assets" / "javascripts" / "bundle.0123abcd.min.js"
    bundle.parent.mkdir(parents=True)
    bundle.write_text("function Ei(e,t){let r=Mn(e);}", encoding="utf-8")
    with pytest.raises(PluginError, match="Material changed"):
        search_split.patch_bundle(tmp_path)
    with pytest.raises(PluginError, match="bundle"):
        search_split._rewrite("<html><body></body></html>", "fr", "page.md")


# ---------------------------------------------------------------- offline


def test_offline_after_one_visit(fixture_site, browser):
    """Own server, so the test can also switch the network off for real."""
    with PagesServer(fixture_site) as url:
        context = browser.new_context(viewport=PHONE, service_workers="allow")
        watch = Watch(context)
        page = context.new_page()
        # A stale cache of an older version, and another app's cache.
        page.goto(url + "no-such-page/")
        page.evaluate("Promise.all([caches.open('vigie-fr-old'), caches.open('someone-else')])")
        page.goto(url + "fr/", wait_until="networkidle")
        page.evaluate("navigator.serviceWorker.ready")
        page.wait_for_function(
            "async () => (await caches.keys()).some(k => k.startsWith('vigie-fr-') && k !== 'vigie-fr-old')"
        )
        keys = page.evaluate("caches.keys()")
        assert "vigie-fr-old" not in keys and "someone-else" in keys, keys
        watch.check(expected_404=(url + "no-such-page/",))  # the one page that registers no worker
    context.set_offline(True)  # and the server is gone
    for path in ("fr/", "fr/helplines/", "fr/what-to-do/", "fr/warning-signs/"):
        page.goto(url + path)
        assert page.locator("#quick-exit").is_visible()
        assert page.locator("a[href^='tel:']").count() >= 1, path
    assert page.locator("link[rel=stylesheet]").count() >= 2
    assert page.evaluate("getComputedStyle(document.querySelector('.vigie-bar')).position") == "sticky"
    context.close()


def test_manifest_and_worker_per_language(fixture_site):
    fr = json.loads((fixture_site / "fr" / "manifest.webmanifest").read_text(encoding="utf-8"))
    labels = yaml.safe_load((ROOT / "data" / "i18n" / "fr.yml").read_text(encoding="utf-8"))
    assert fr["name"] == labels["ui"]["app_name"] and fr["lang"] == "fr" and fr["start_url"] == "./"
    assert fr["icons"][0]["src"] == "../assets/images/favicon.svg"
    ar = json.loads((fixture_site / "ar" / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert ar["dir"] == "rtl"
    worker = (fixture_site / "fr" / "sw.js").read_text(encoding="utf-8")
    assert '"./", "helplines/", "what-to-do/", "warning-signs/"' in worker
    assert "__PRECACHE__" not in worker and "http" not in worker.split("var PRECACHE")[1].split(";")[0]
    assert not (fixture_site / "assets" / "js" / "vigie-sw.js").exists()


# ---------------------------------------------------------------- right to left, small screens


@pytest.mark.parametrize("lang", ["ar", "zh"])
def test_nothing_overlaps_at_360px(fixture_url, phone_context, lang):
    context, _ = phone_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(fixture_url + f"{lang}/helplines/")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 360
    exit_box = page.locator("#quick-exit").bounding_box()
    header = page.locator(".md-header").bounding_box()
    assert exit_box["y"] + exit_box["height"] <= header["y"] + 1
    numbers = page.locator(".vigie-bar__number")
    assert numbers.count() >= 2
    assert all(d == "ltr" for d in numbers.evaluate_all("els => els.map(e => getComputedStyle(e).direction)"))
    boxes = page.locator(".vigie-bar__call").evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.left, r.right]; })"
    )
    boxes.sort()
    assert all(a[1] <= b[0] + 0.5 for a, b in zip(boxes, boxes[1:], strict=False)), boxes
    fonts = page.evaluate("document.fonts.size")
    assert fonts == 0  # system fonts only
