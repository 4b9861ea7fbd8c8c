"""Issue 16: WCAG 2.2 AA checks that axe cannot make, in a real browser (Debian
chromium), on every page of every language: reflow at 320 px, whole text, text
spacing, 200 % text, focus not obscured, forced colours, reduced motion, names.

One browser for the session; one context per language and check, pages in turn."""

from __future__ import annotations

from pathlib import Path

import pytest
import vigie_data
from test_foundation import DEFAULT, LANGS
from test_quality import language_pages

SMALL = {"width": 320, "height": 640}
PHONE = {"width": 390, "height": 844}
ROOT = Path(__file__).resolve().parents[1]
# What the visitor acts on: the bar, quick exit, the "who do I contact?" chooser, cards, the quiz.
COMPONENTS = (
    ".vigie-bar__call, #quick-exit, .vigie-chooser a, .vigie-card, .vigie-card__actions a,"
    " .vigie-quiz__label, .vigie-quiz__check, .vigie-quiz__retry, .vigie-quiz__feedback"
)
# The WCAG 1.4.12 text-spacing bookmarklet's overrides.
TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: .12em !important; word-spacing: .16em !important; }
p { margin-bottom: 2em !important; }
"""

# A short description of an element, for failure messages.
JS_DESCRIBE = """
window.vigieDescribe = (el) => {
  const cls = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/)[0] : '';
  const text = (el.textContent || '').trim().slice(0, 40);
  return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + cls + ' "' + text + '"';
};
"""

JS_REFLOW = """
() => {
  const out = [];
  const doc = document.scrollingElement;
  if (doc.scrollWidth > innerWidth + 1) out.push(`page scrolls sideways: ${doc.scrollWidth} px wide`);
  for (const table of document.querySelectorAll('.md-typeset table')) {
    let box = table, scrolls = false;
    for (; box && box !== document.body; box = box.parentElement) {
      if (['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) { scrolls = true; break; }
    }
    const r = (scrolls ? box : table).getBoundingClientRect();
    if (!scrolls || r.left < -1 || r.right > innerWidth + 1)
      out.push('table not in its own scroll box: ' + vigieDescribe(table));
  }
  return out;
}
"""

# Text cut with an ellipsis, or a one-line box whose text does not fit.
JS_ELLIPSIS = """
() => {
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const cs = getComputedStyle(el);
    const clamped = cs.webkitLineClamp !== 'none';
    if (cs.textOverflow !== 'ellipsis' && !clamped) continue;
    if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    const r = el.getBoundingClientRect();
    if (r.right <= 0 || r.left >= innerWidth || r.bottom <= 0 || r.top >= innerHeight) continue;
    if (el.scrollWidth > el.clientWidth + 1 || (clamped && el.scrollHeight > el.clientHeight + 1))
      out.push('cut: ' + vigieDescribe(el));
  }
  return out;
}
"""

# Every text of a component lies inside the component's box, inside the screen,
# and no ancestor clips it.
JS_CLIPPED = """
(selector) => {
  const out = [];
  for (const box of document.querySelectorAll(selector)) {
    if (!box.checkVisibility({visibilityProperty: true})) continue;
    const b = box.getBoundingClientRect();
    if (b.width === 0) continue;
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.data.trim() || !node.parentElement.checkVisibility()) continue;
      let readOnly = false;  // visually hidden on purpose (read by screen readers only)
      for (let up = node.parentElement; up && up !== box; up = up.parentElement) {
        if (getComputedStyle(up).clipPath !== 'none') readOnly = true;
      }
      if (readOnly) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const t of range.getClientRects()) {
        if (t.width === 0) continue;
        // Vertically, a glyph's box may pass a tight line box (Arabic, CJK): allow a third of it.
        const slack = t.height / 3;
        if (t.left < b.left - 1 || t.right > b.right + 1 || t.top < b.top - slack || t.bottom > b.bottom + slack
            || t.left < -1 || t.right > innerWidth + 1) {
          out.push('text outside its box: ' + vigieDescribe(box));
          break;
        }
      }
      for (let up = node.parentElement; up && up !== box; up = up.parentElement) {
        const cs = getComputedStyle(up);
        if ((cs.overflowX !== 'visible' || cs.overflowY !== 'visible') &&
            (up.scrollWidth > up.clientWidth + 1 || up.scrollHeight > up.clientHeight + 1)) {
          out.push('text clipped: ' + vigieDescribe(up));
          break;
        }
      }
    }
  }
  return [...new Set(out)];
}
"""

# Elements that stay on screen while scrolling (fixed or stuck), with the share
# of the screen height they cover. Measured half-way down the page.
JS_STUCK = """
() => {
  scrollTo(0, (document.scrollingElement.scrollHeight - innerHeight) / 2);
  let covered = 0;
  const found = [];
  for (const el of document.querySelectorAll('.vigie-exit, .md-header, .vigie-bar')) {
    const pos = getComputedStyle(el).position;
    if (pos !== 'fixed' && pos !== 'sticky') continue;
    const r = el.getBoundingClientRect();
    const seen = Math.min(r.bottom, innerHeight) - Math.max(r.top, 0);
    if (seen > 0 && getComputedStyle(el).display !== 'none') {
      covered += seen;
      found.push(el.className + ' ' + Math.round(seen));
    }
  }
  scrollTo(0, 0);
  return [covered / innerHeight, found];
}
"""

# What covers the top and the bottom of the screen right now.
JS_COVERS = """
() => {
  let top = 0, bottom = innerHeight;
  for (const el of document.querySelectorAll('.vigie-exit, .md-header, .vigie-bar')) {
    const pos = getComputedStyle(el).position;
    if (pos !== 'fixed' && pos !== 'sticky') continue;
    const r = el.getBoundingClientRect();
    if (r.bottom <= 0 || r.top >= innerHeight) continue;
    if (r.top < innerHeight / 2) top = Math.max(top, r.bottom); else bottom = Math.min(bottom, r.top);
  }
  return [top, bottom];
}
"""

# The focused element: is some of it visible (not under a bar, not off screen),
# and does it show a focus indicator?
JS_FOCUS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const r = el.getBoundingClientRect();
  let seen = false;
  for (const fx of [.1, .3, .5, .7, .9]) {
    for (const fy of [.2, .5, .8]) {
      const x = r.left + r.width * fx, y = r.top + r.height * fy;
      if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
      const hit = document.elementFromPoint(x, y);
      const inLabel = el.labels && [...el.labels].some(l => l.contains(hit));
      if (hit && (el === hit || el.contains(hit) || hit.contains(el) || inLabel)) seen = true;
    }
  }
  const ringOf = (node) => {
    const cs = getComputedStyle(node);
    return (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 1) || cs.boxShadow !== 'none';
  };
  const ring = ringOf(el) || (el.closest('label') && ringOf(el.closest('label')));
  return {what: vigieDescribe(el), seen, ring, size: r.width * r.height};
}
"""

# A visible boundary (border or outline on every side) in forced colours.
JS_BOUNDARY = """
(selector) => [...document.querySelectorAll(selector)].filter(el => el.checkVisibility()).map(el => {
  const cs = getComputedStyle(el);
  const sides = ['Top', 'Right', 'Bottom', 'Left'];
  const border = sides.every(s => cs['border' + s + 'Style'] !== 'none' && parseFloat(cs['border' + s + 'Width']) >= 1
                                 && cs['border' + s + 'Color'] !== cs.backgroundColor);
  const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 1;
  return border || outline ? null : 'no boundary: ' + vigieDescribe(el);
}).filter(Boolean)
"""

# Our own elements (ours, or what they contain) that move longer than 0.01 s.
JS_MOTION = """
() => {
  const out = [];
  const one = (v) => v.trim().endsWith('ms') ? parseFloat(v) / 1000 : parseFloat(v);
  const seconds = (list) => Math.max(...list.split(',').map(one));
  const ours = '[class*="vigie"], [class*="vigie"] *, #quick-exit, .md-typeset a';
  for (const el of document.querySelectorAll(ours)) {
    for (const pseudo of [null, '::before', '::after']) {
      const cs = getComputedStyle(el, pseudo);
      if (cs.transitionProperty !== 'none' && seconds(cs.transitionDuration) + seconds(cs.transitionDelay) > 0.01)
        out.push(`transition ${cs.transitionDuration}: ` + vigieDescribe(el));
      if (cs.animationName !== 'none' && seconds(cs.animationDuration) > 0.01)
        out.push(`animation ${cs.animationDuration}: ` + vigieDescribe(el));
    }
  }
  return [...new Set(out)].slice(0, 10);
}
"""


def _report(failures: dict) -> str:
    return "\n".join(f"{path or '/'}: {problem}" for path, found in failures.items() for problem in found)


def _prefix(lang: str) -> str:
    return "" if lang == DEFAULT else f"{lang}/"


def _context(browser, viewport=PHONE, **options):
    context = browser.new_context(viewport=viewport, service_workers="block", **options)
    context.add_init_script(JS_DESCRIBE)
    return context


def _larger_text(page, scale: int = 2) -> None:
    """The browser's text-size setting (chromium's default font size), not page zoom."""
    session = page.context.new_cdp_session(page)
    session.send("Page.setFontSizes", {"fontSizes": {"standard": 16 * scale, "fixed": 13 * scale}})


def _answer_quiz(page) -> None:
    forms = page.locator("form.vigie-quiz__form")
    for i in range(forms.count()):
        forms.nth(i).locator("input").first.check()
        forms.nth(i).locator(".vigie-quiz__check").click()


# ---------------------------------------------------------------- reflow and whole text


@pytest.mark.parametrize("lang", LANGS)
def test_reflow_at_320px_and_no_text_cut(site_dir, site_url, browser, lang):
    """1.4.10: no page scrolls sideways at 320 CSS px; tables scroll in their own box;
    no visible text ends in an ellipsis, at 320 px or at phone size."""
    context = _context(browser, SMALL)
    page = context.new_page()
    failures = {}
    for path in language_pages(site_dir, lang):
        page.set_viewport_size(SMALL)
        page.goto(site_url + path, wait_until="load")
        found = page.evaluate(JS_REFLOW) + page.evaluate(JS_ELLIPSIS)
        page.set_viewport_size(PHONE)
        found += [f"390 px: {f}" for f in page.evaluate(JS_ELLIPSIS)]
        if found:
            failures[path] = found
    context.close()
    assert not failures, _report(failures)


@pytest.mark.parametrize("lang", LANGS)
def test_text_spacing_clips_nothing(site_dir, site_url, browser, lang):
    """1.4.12: with the WCAG text-spacing overrides, nothing in the bar, quick exit,
    chooser, cards or quiz is cut or spills out (320 px and phone size)."""
    context = _context(browser, SMALL)
    page = context.new_page()
    failures = {}
    for path in language_pages(site_dir, lang):
        page.set_viewport_size(SMALL)
        page.goto(site_url + path, wait_until="load")
        if "quiz/" in path:
            _answer_quiz(page)
        page.add_style_tag(content=TEXT_SPACING)
        found = page.evaluate(JS_CLIPPED, COMPONENTS) + page.evaluate(JS_ELLIPSIS) + page.evaluate(JS_REFLOW)
        page.set_viewport_size(PHONE)
        found += [f"390 px: {f}" for f in page.evaluate(JS_CLIPPED, COMPONENTS)]
        if found:
            failures[path] = found
    context.close()
    assert not failures, _report(failures)


@pytest.mark.parametrize("lang", LANGS)
def test_double_text_size_keeps_bars_small_and_text_whole(site_dir, site_url, browser, lang):
    """1.4.4 and 2.4.11 with the text-size setting at 200 % on a phone: the bars that stay
    on screen cover at most a quarter of it; nothing is cut or scrolls sideways."""
    context = _context(browser, PHONE)
    page = context.new_page()
    _larger_text(page)
    failures = {}
    for path in language_pages(site_dir, lang):
        page.goto(site_url + path, wait_until="load")
        share, bars = page.evaluate(JS_STUCK)
        found = [] if share <= 0.25 else [f"bars cover {share:.0%} of the screen: {bars}"]
        found += page.evaluate(JS_REFLOW) + page.evaluate(JS_ELLIPSIS) + page.evaluate(JS_CLIPPED, COMPONENTS)
        if found:
            failures[path] = found
    context.close()
    assert not failures, _report(failures)


def test_double_text_size_really_doubles_the_text(site_url, browser):
    """The text-size measure is real: the body text is twice as big."""
    context = _context(browser, PHONE)
    page = context.new_page()
    page.goto(site_url, wait_until="load")
    normal = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)")
    _larger_text(page)
    page.reload(wait_until="load")
    assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)") == 2 * normal
    context.close()


# ---------------------------------------------------------------- headings under the bars


@pytest.mark.parametrize("scale", [1, 2])
@pytest.mark.parametrize("lang", LANGS)
def test_every_chooser_link_shows_its_heading(site_dir, site_url, browser, lang, scale):
    """A tap on a "who do I contact?" choice shows the whole heading it leads to,
    below the sticky header and above the bar, with normal and double text."""
    context = _context(browser, PHONE, reduced_motion="reduce")
    page = context.new_page()
    if scale != 1:
        _larger_text(page, scale)
    failures = []
    for path in language_pages(site_dir, lang):
        if not (site_dir / path / "index.html").exists() or "vigie-chooser" not in (
            site_dir / path / "index.html"
        ).read_text(encoding="utf-8"):
            continue
        page.goto(site_url + path, wait_until="load")
        links = page.locator(".vigie-chooser a[href*='#']")
        assert links.count() >= 3, path
        for href in links.evaluate_all("els => els.map(a => a.getAttribute('href'))"):
            page.goto(site_url + path, wait_until="load")
            page.locator(f".vigie-chooser a[href='{href}']").click()
            page.wait_for_timeout(50)
            target = page.evaluate("decodeURIComponent(location.hash.slice(1))")
            box = page.locator(f"[id='{target}']").bounding_box()
            top, bottom = page.evaluate(JS_COVERS)
            if box["y"] < top - 1 or box["y"] + box["height"] > bottom + 1:
                failures.append(
                    f"{path}{href}: heading at {box['y']:.0f}-{box['y'] + box['height']:.0f}, "
                    f"visible between {top:.0f} and {bottom:.0f}"
                )
    context.close()
    assert not failures, "\n".join(failures)


# ---------------------------------------------------------------- keyboard focus

FOCUS_PAGES = ["", "what-to-do/", "helplines/", "quiz/"]


@pytest.mark.parametrize("lang", LANGS)
def test_tab_keeps_focus_visible(site_url, browser, lang):
    """2.4.11 and 2.4.7: Tab through home, what-to-do, helplines and quiz; every
    focused element is at least partly on screen and shows a focus indicator.
    (Reduced motion: what a closing search leaves on screen for 0.3 s is not at stake.)"""
    context = _context(browser, PHONE, reduced_motion="reduce")
    page = context.new_page()
    failures = {}
    for path in FOCUS_PAGES:
        url = site_url + _prefix(lang) + path
        page.goto(url, wait_until="load")
        seen, found = 0, []
        for _ in range(400):
            page.keyboard.press("Tab")
            state = page.evaluate(JS_FOCUS)
            if state is None or page.url.split("#")[0] != url:
                break
            seen += 1
            if state["size"] and not state["seen"]:
                found.append("hidden: " + state["what"])
            elif state["size"] and not state["ring"]:
                found.append("no focus indicator: " + state["what"])
        assert seen >= 5, f"{path}: Tab reached only {seen} elements"
        if found:
            failures[path] = sorted(set(found))
    context.close()
    assert not failures, _report(failures)


# ---------------------------------------------------------------- forced colours, motion

BOUNDARIES = ".vigie-bar__call, #quick-exit, .vigie-card__call, .vigie-quiz__feedback:not(:empty)"


@pytest.mark.parametrize("lang", LANGS)
def test_forced_colours_keep_button_boundaries(site_dir, site_url, browser, lang):
    """1.4.11 in Windows high contrast: call buttons, quick exit and quiz feedback keep
    a visible border or outline when the system removes backgrounds."""
    context = _context(browser, PHONE, forced_colors="active")
    page = context.new_page()
    failures, checked = {}, 0
    for path in language_pages(site_dir, lang):
        page.goto(site_url + path, wait_until="load")
        if "quiz/" in path:
            _answer_quiz(page)
            assert page.locator(".vigie-quiz__feedback:not(:empty)").count() >= 1
        checked += page.locator(BOUNDARIES).count()
        found = page.evaluate(JS_BOUNDARY, BOUNDARIES)
        if found:
            failures[path] = sorted(set(found))
    context.close()
    assert checked > 50
    assert not failures, _report(failures)


@pytest.mark.parametrize("lang", LANGS)
def test_reduced_motion_stops_our_transitions(site_dir, site_url, browser, lang):
    """2.3.3: with prefers-reduced-motion, none of our elements moves for longer than 0.01 s."""
    context = _context(browser, PHONE, reduced_motion="reduce")
    page = context.new_page()
    failures = {}
    for path in language_pages(site_dir, lang):
        page.goto(site_url + path, wait_until="load")
        found = page.evaluate(JS_MOTION)
        if found:
            failures[path] = found
    # The measure is real: a long transition on one of our elements is caught.
    page.add_style_tag(content=".vigie-bar__call { transition: background-color 1s !important; }")
    caught = page.evaluate(JS_MOTION)
    context.close()
    assert caught and "vigie-bar__call" in caught[0]
    assert not failures, _report(failures)


# ---------------------------------------------------------------- names


def _name(locator) -> str:
    """The accessible name chromium computes, from playwright's ARIA snapshot."""
    snapshot = locator.aria_snapshot()
    first = snapshot.splitlines()[0]
    return first.split('"', 1)[1].rsplit('"', 1)[0] if '"' in first else ""


@pytest.mark.parametrize("lang", LANGS)
def test_names_say_number_service_and_destination(site_url, browser, lang):
    """4.1.2 and 3.1.2: each bar button's name has its number and the service's name in
    the page's language; quick exit says where it goes; the 17 button comes first and
    is the biggest; each language-switcher entry carries its own lang."""
    data = vigie_data.load(lang)
    context = _context(browser, PHONE)
    page = context.new_page()
    for path in ("", "what-to-do/"):
        page.goto(site_url + _prefix(lang) + path, wait_until="load")
        calls = page.locator(".vigie-bar__call")
        assert calls.count() == len(data.bar)
        for call, entry in zip(calls.all(), data.bar, strict=True):
            name = _name(call)
            assert entry["number"] in name and entry["name"] in name, (path, name, entry["name"])
        exit_name = _name(page.locator("#quick-exit"))
        destination = data.site.get("quick_exit_name")
        assert destination and destination in exit_name, exit_name
        assert data.labels["ui"]["quick_exit"] in exit_name
        boxes = calls.evaluate_all("els => els.map(e => e.getBoundingClientRect().toJSON())")
        first = boxes[0]
        assert data.bar[0]["id"] == "police"
        assert all(first["width"] > b["width"] + 2 for b in boxes[1:]), "17 is the biggest button"
        rtl = page.evaluate("getComputedStyle(document.body).direction") == "rtl"
        edge = max(b["right"] for b in boxes) if rtl else min(b["left"] for b in boxes)
        assert (first["right"] if rtl else first["left"]) == edge, "17 comes first in reading direction"
    switchers = page.locator(".md-select__link, .vigie-languages a").evaluate_all(
        "els => els.map(a => [a.getAttribute('hreflang'), a.getAttribute('lang')])"
    )
    page.goto(site_url + _prefix(lang), wait_until="load")
    switchers += page.locator(".md-select__link, .vigie-languages a").evaluate_all(
        "els => els.map(a => [a.getAttribute('hreflang'), a.getAttribute('lang')])"
    )
    assert len(switchers) >= 2 * len(LANGS)
    assert all(hreflang == own for hreflang, own in switchers), switchers
    context.close()


@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
def test_screen_reader_order_quick_exit_heading_then_numbers(site_url, browser, lang):
    """What a screen reader reads, from the accessibility tree: quick exit first, then
    the page's main heading, then the bar's numbers in their order; no unnamed control."""
    data = vigie_data.load(lang)
    context = _context(browser, PHONE)
    page = context.new_page()
    for path in ("", "what-to-do/"):
        page.goto(site_url + _prefix(lang) + path, wait_until="load")
        tree = page.locator("body").aria_snapshot()
        lines = [line.strip() for line in tree.splitlines()]
        exit_at = next(i for i, line in enumerate(lines) if data.labels["ui"]["quick_exit"] in line)
        heading_at = next(i for i, line in enumerate(lines) if line.startswith("- heading") and "[level=1]" in line)
        bar_label = data.labels["ui"]["emergency_bar_label"]
        bar_at = next(i for i, line in enumerate(lines) if line.startswith(f'- navigation "{bar_label}"'))
        links = [(i, line) for i, line in enumerate(lines) if i > bar_at and line.startswith("- link")]
        numbers_at = [next(i for i, line in links if entry["name"] in line) for entry in data.bar]
        assert exit_at < heading_at < bar_at, (path, exit_at, heading_at, bar_at)
        assert numbers_at == sorted(numbers_at)
        unnamed = [line for line in lines if line.rstrip(":") in ("- link", "- button", "- textbox", "- checkbox")]
        assert unnamed == [], (path, unnamed)
    context.close()
