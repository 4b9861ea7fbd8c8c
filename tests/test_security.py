"""Issue 10: CSP and privacy headers generated at build time, and honoured in a browser."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
import security
from selectolax.lexbor import LexborHTMLParser

from vigie_tools.pages_server import read_headers_file


def _site_headers(site_dir):
    rules = read_headers_file(site_dir / "_headers")
    assert rules, "_headers is generated"
    return dict(rules[0][1])


def test_headers_file_sets_every_security_header(site_dir):
    headers = _site_headers(site_dir)
    csp = headers["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]+)", csp).group(1).split()
    assert script_src[0] == "'self'" and all(s.startswith("'sha256-") for s in script_src[1:])
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp
    assert not re.search(r"https?://|\*", csp), "no third-party origin"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in headers["Permissions-Policy"]
    # Geolocation for this site only: the SMS to 114 adds the position (issue 18); never for frames.
    assert "geolocation=(self)" in headers["Permissions-Policy"]


def test_cache_rules_never_overlap_and_fit_the_file_kind(site_dir):
    rules = read_headers_file(site_dir / "_headers")[1:]
    cache = {pattern.pattern: dict(h)["Cache-Control"] for pattern, h in rules}
    assert len(cache) == len(rules), "one Cache-Control rule per path"
    immutable = [p for p, v in cache.items() if "immutable" in v]
    assert immutable and all(re.search(r"\\\.[0-9a-f]{8}\\\.min\\\.(js|css)\$$", p) for p in immutable)
    assert cache[r"^/$"] == "no-cache" and cache[r"^/sw\.js$"] == "no-cache"


def test_every_page_carries_its_policy_in_a_meta_tag(site_dir):
    for path in site_dir.rglob("*.html"):
        tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
        meta = tree.css_first('meta[http-equiv="Content-Security-Policy"]')
        assert meta is not None, path
        content = meta.attributes["content"]
        for expression in security.inline_script_hashes(tree.html):
            assert expression in content, (path, expression)
        assert tree.css_first('meta[name="referrer"]').attributes["content"] == "no-referrer"


def test_hashes_change_when_an_inline_script_changes():
    first = security.inline_script_hashes("<script>a()</script><script type='application/json'>{}</script>")
    second = security.inline_script_hashes("<script>b()</script>")
    assert len(first) == 1 and first != second


WATCH_CSP = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""


@pytest.mark.parametrize("path", ["", "fr/", "helplines/", "fr/what-to-do/", "quiz/", "fr/no-such-page/"])
def test_pages_run_under_the_csp_without_violations(site_url, browser, path):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.add_init_script(WATCH_CSP)
    console = []
    page.on("console", lambda m: console.append(m.text))
    hosts = set()
    page.on("request", lambda r: hosts.add(urlsplit(r.url).hostname))
    response = page.goto(site_url + path, wait_until="networkidle")
    assert "content-security-policy" in response.headers, "served with the _headers policy"
    search = page.locator("label[for='__search']").first
    if search.is_visible():
        search.click()
        page.keyboard.type("child")
        page.wait_for_timeout(300)
    assert page.evaluate("window.__csp") == []
    assert not [m for m in console if "Content Security Policy" in m]
    assert hosts == {"127.0.0.1"}
    assert context.cookies() == []
    keys = page.evaluate("Object.keys(localStorage)")
    assert set(keys) <= {"vigie-lang"}, keys
    context.close()


def test_the_violation_watcher_sees_an_unhashed_inline_script(tmp_path, browser):
    from vigie_tools.pages_server import PagesServer

    html = (
        '<!doctype html><html><head><meta charset="utf-8"></head>'
        "<body><script>document.title='x'</script></body></html>"
    )
    (tmp_path / "index.html").write_text(security.add_meta(html).replace("document.title='x'", "document.title='y'"))
    with PagesServer(tmp_path) as url:
        page = browser.new_page()
        page.add_init_script(WATCH_CSP)
        page.goto(url, wait_until="load")
        assert page.evaluate("window.__csp") and page.title() == ""
        page.close()
