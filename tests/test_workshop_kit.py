"""Issue 15: the workshop kit. Quiz cards made from the `/// quiz` blocks (duplex-aligned),
the board game on one A3 page, no text overflowing a card or a square in any language
(chromium), the facilitator's guide and the professionals' quiz (axe, the same right
answers in every translation), and bad input failing the build with file:line."""

from __future__ import annotations

import re
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import workshop_kit as kit
from axe_playwright_python.sync_playwright import Axe
from conftest import ROOT, mkdocs_build
from export_print import PAPER, export_pdfs
from pypdf import PdfReader
from quiz_format import parse
from selectolax.lexbor import LexborHTMLParser as HTMLParser
from support.project import copy_project
from test_foundation import DEFAULT, LANGS
from vigie_data import load

MM = 72 / 25.4  # PDF points per millimetre
CARD_W, CARD_H, LEFT, TOP = 95 * MM, 69 * MM, 10 * MM, 10.5 * MM  # overrides/print/quiz-cards.css
FITS = """() => [...document.querySelectorAll('.sheet, .card, .square, .rules, .sheet__hint')]
  .filter(el => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)
  .map(el => (el.dataset.card ? 'card ' + el.dataset.card + ' ' : '') + el.className + ': '
       + el.textContent.trim().slice(0, 60))"""


def prefix(lang: str) -> str:
    return "" if lang == DEFAULT else f"{lang}/"


def tree(site: Path, lang: str, name: str) -> HTMLParser:
    return HTMLParser((site / prefix(lang) / "print" / name).read_text(encoding="utf-8"))


# ---- Cards come from the quiz blocks ---------------------------------------------------------


def test_every_quiz_question_of_the_site_is_a_card(site_dir):
    for lang in ("en", "fr"):
        cards = tree(site_dir, lang, "quiz-cards.html")
        fronts = [c.css_first(".card__question").text(strip=True) for c in cards.css(".card--front")]
        for page in ("quiz.md", "professionals-quiz.md"):
            questions = [q.text for _, _, q in parse((ROOT / "docs" / lang / page).read_text(encoding="utf-8"))]
            # The text up to any shortcode (expanded on the card into the registry's number).
            plain = [q.replace("*", "").split("<!--")[0].strip() for q in questions]
            assert questions and all(any(f.startswith(q) for f in fronts) for q in plain), (lang, page)
        assert len(fronts) == len(cards.css(".card--back"))


@pytest.fixture(scope="module")
def edited_site(tmp_path_factory) -> Path:
    """A copy of the project whose English quiz has its first question edited."""
    base = tmp_path_factory.mktemp("kit-edited")
    copy_project(base, with_docs=True)
    quiz = base / "docs" / "en" / "quiz.md"
    text = quiz.read_text(encoding="utf-8")
    first = parse(text)[0][2].text
    quiz.write_text(text.replace(first, "Edited in the fixture: who can you always talk to?", 1), encoding="utf-8")
    result = mkdocs_build(base / "mkdocs.yml", base / "site", env={"VIGIE_PREVIEW_LANG": "fr"})
    assert result.returncode == 0, result.stdout + result.stderr
    return base / "site"


def test_editing_a_question_changes_its_card(site_dir, edited_site):
    def first_card(site: Path) -> str:
        return tree(site, "en", "quiz-cards.html").css_first('.card--front[data-card="1"] .card__question').text()

    assert first_card(edited_site) == "Edited in the fixture: who can you always talk to?"
    assert first_card(site_dir) != first_card(edited_site)


# ---- Printed: duplex alignment, one board page -------------------------------------------------


@pytest.fixture(scope="module")
def kit_pdfs(site_dir, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("kit-pdf")
    pages = [
        {"id": f"{kind}-{lang}", "html": f"{prefix(lang)}print/{kind}.html", "size": size, "pages": count}
        for lang in ("en", "fr", "ar", "zh")
        for kind, size, count in (("board", "A3", 1), ("quiz-cards", "A4", 2 * sheets(site_dir, lang)))
    ]
    # Checks the page count and size of each, as `make print` does. In its own thread: the
    # session's browser fixture may already run Playwright's sync API in this one.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(export_pdfs, site_dir, pages, out).result()
    return out


def sheets(site: Path, lang: str) -> int:
    return len(tree(site, lang, "quiz-cards.html").css(".sheet--front"))


def positions(page) -> list[tuple[float, float, str]]:
    """(x, y, text) of every text run on a PDF page, in points from the bottom left."""
    runs = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            runs.append((x, y, text))

    page.extract_text(visitor_text=visit)
    return runs


def cell(x: float, y: float, height: float) -> tuple[int, int]:
    """(row, column) of the card slot a point lies in."""
    return int((height - y - TOP) // CARD_H), int((x - LEFT) // CARD_W)


def find(runs, start: str) -> tuple[float, float]:
    """The first text run that is the beginning of `start` (at least 10 characters of it)."""

    def norm(text: str) -> str:  # the PDF has ligatures (ﬀ) and may split a line into several runs
        return " ".join(unicodedata.normalize("NFKC", text).split())

    hits = [(x, y) for x, y, text in runs if len(norm(text)) >= 10 and norm(start).startswith(norm(text))]
    assert hits, f"{start!r} not found in the PDF"
    return hits[0]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_each_answer_is_printed_behind_its_question(site_dir, kit_pdfs, lang):
    """Long-edge duplex: the back of card k is in the same row, mirrored column, same offset in its card."""
    html = tree(site_dir, lang, "quiz-cards.html")
    reader = PdfReader(kit_pdfs / f"vigie-quiz-cards-{lang}.pdf")
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    for number, (front_sheet, back_sheet) in enumerate(zip(reader.pages[::2], reader.pages[1::2], strict=True)):
        front, back = positions(front_sheet), positions(back_sheet)
        section = html.css(".sheet--front")[number]
        for card in section.css(".card--front"):
            k = card.attributes["data-card"]
            back_card = html.css(".sheet--back")[number].css_first(f'.card--back[data-card="{k}"]')
            qx, qy = find(front, card.css_first(".card__question").text(strip=True))
            ex, ey = find(back, back_card.css_first(".card__explain").text(strip=True))
            (q_row, q_col), (e_row, e_col) = cell(qx, qy, height), cell(ex, ey, height)
            assert e_row == q_row and e_col == 1 - q_col, (lang, number, k)
            # The same distance from the card's start edge: the two sides are the same card.
            assert abs((qx - LEFT - q_col * CARD_W) - (ex - LEFT - e_col * CARD_W)) < 2, (lang, k)
            assert abs((LEFT + (q_col + 0.5) * CARD_W) - (width - LEFT - (e_col + 0.5) * CARD_W)) < 1


def test_the_backs_mirror_the_fronts_in_arabic_too(site_dir):
    html = tree(site_dir, "ar", "quiz-cards.html")
    assert html.css_first("html").attributes["dir"] == "rtl"
    for front, back in zip(html.css(".sheet--front"), html.css(".sheet--back"), strict=True):
        place = {}
        for card in front.css(".card--front"):
            row, col = re.search(r"grid-row:(\d+);grid-column:(\d+)", card.attributes["style"]).groups()
            place[card.attributes["data-card"]] = (row, col)
        first = min(place, key=int)
        assert place[first] == ("1", "2"), "in Arabic the first card of a sheet is at the top right"
        for card in back.css(".card--back"):
            row, col = re.search(r"grid-row:(\d+);grid-column:(\d+)", card.attributes["style"]).groups()
            assert (row, str(3 - int(col))) == place[card.attributes["data-card"]]


@pytest.mark.parametrize("lang", ["en", "fr", "ar", "zh"])
def test_the_board_prints_on_exactly_one_a3_page(kit_pdfs, lang):
    pages = PdfReader(kit_pdfs / f"vigie-board-{lang}.pdf").pages
    assert len(pages) == 1
    box = pages[0].mediabox
    assert abs(float(box.width) - PAPER["A3"][0]) <= 1 and abs(float(box.height) - PAPER["A3"][1]) <= 1


def test_the_board_path_has_30_to_40_squares_and_runs_the_other_way_in_arabic(site_dir):
    en, ar = (tree(site_dir, lang, "board.html") for lang in ("en", "ar"))
    squares = en.css(".square")
    assert 30 <= len(squares) <= 40
    kinds = [s.attributes["class"].split("--")[1] for s in squares]
    assert {kinds.count(k) for k in ("safe", "risky", "question")} and min(
        kinds.count("safe"), kinds.count("risky")
    ) >= 8
    assert ar.css_first("html").attributes["dir"] == "rtl" and en.css_first("html").attributes["dir"] == "ltr"
    # Same grid cells; in a right-to-left page the grid's first column is on the right, so the path mirrors.
    assert [s.attributes["style"] for s in squares] == [s.attributes["style"] for s in ar.css(".square")]


# ---- Every language fits, and untranslated text is marked as English ---------------------------


def test_no_text_overflows_a_card_or_a_square_in_any_language(site_dir, browser):
    page = browser.new_page()
    try:
        page.emulate_media(media="print")
        failures = {}
        for lang in LANGS:
            for name in ("quiz-cards.html", "board.html"):
                page.goto((site_dir / prefix(lang) / "print" / name).as_uri())
                if found := page.evaluate(FITS):
                    failures[f"{lang}/{name}"] = found
        assert failures == {}
    finally:
        page.close()


def test_text_within_the_budgets_fits(browser, tmp_path):
    """The character budgets the build enforces are safe: a card and a square filled to the limit fit."""
    base = load("en")
    words = "Worried abouts " * 100  # long-ish words: the worst case for wrapping
    cjk = "担心孩子请拨打电话保护" * 100
    arabic = "احتفظ بهذه الأرقام قد تحمي طفلا " * 100  # the Arabic font has a taller line

    def card(text: str, wide: bool) -> dict:
        unit = 2 if wide else 1
        front, back = kit.FRONT_MAX // unit, kit.BACK_MAX // unit
        answers = [text[: front // 8]] * 4
        block = f"/// quiz | {text[: front - 4 * (front // 8)]}\n" + "".join(f"- [x] {a}\n" for a in answers[:1])
        block += "".join(f"- [ ] {a}\n" for a in answers[1:]) + f"> {text[: back - front // 8]}\n///\n"
        made = kit.make_card(parse(block)[0][2], 1, 8)
        assert made["front_width"] <= kit.FRONT_MAX and made["back_width"] <= kit.BACK_MAX
        return made

    for text, wide, lang in ((words, False, "en"), (cjk, True, "zh"), (arabic, False, "ar")):
        data = load(lang)
        context = {**kit.kit_context(data, base), "lang": lang, "dir": kit.direction(lang)}
        deck = {"order": 0, "title": "Quiz", "lang": lang, "dir": kit.direction(lang), "cards": [card(text, wide)] * 8}
        html = kit.render_page("quiz-cards", context, {"sheets": kit.card_sheets([deck], context["dir"])})
        path = tmp_path / f"cards-{lang}.html"
        path.write_text(html, encoding="utf-8")
        squares = kit.board_squares(kit.board_path(), data, base)
        for square in squares:
            if square["text"]:
                square["text"] = text[: kit.SQUARE_MAX // (2 if wide else 1)].strip()
        board = tmp_path / f"board-{lang}.html"
        board.write_text(
            kit.render_page("board", context, {"squares": squares, "numbers": kit.help_numbers(data, base)}), "utf-8"
        )
        page = browser.new_page()
        try:
            page.emulate_media(media="print")
            for target in (path, board):
                page.goto(target.as_uri())
                assert page.evaluate(FITS) == [], target.name
        finally:
            page.close()


def _without_kit_labels(text: str) -> str:
    """A data/i18n file with its top-level `kit:` block removed (as before a translator reaches it)."""
    return re.sub(r"^kit:\n(?:(?:[ #].*)?\n)*", "", text, count=1, flags=re.M)


@pytest.fixture(scope="module")
def untranslated_kit_site(tmp_path_factory) -> Path:
    """German as it was before its kit was translated: no `kit:` labels, no professionals' quiz."""
    base = tmp_path_factory.mktemp("untranslated-kit")
    copy_project(base, with_docs=True)
    de_yml = base / "data" / "i18n" / "de.yml"
    text = de_yml.read_text(encoding="utf-8")
    assert "\nkit:" in text
    de_yml.write_text(_without_kit_labels(text), encoding="utf-8")
    assert "\nkit:" not in de_yml.read_text(encoding="utf-8")
    (base / "docs" / "de" / "professionals-quiz.md").unlink()
    result = mkdocs_build(base / "mkdocs.yml", base / "site", env={"VIGIE_PREVIEW_LANG": "de"})
    assert result.returncode == 0, result.stdout + result.stderr
    return base / "site"


def test_untranslated_kit_text_falls_back_to_english_marked_lang_en(site_dir, untranslated_kit_site):
    cards = tree(untranslated_kit_site, "de", "quiz-cards.html")
    assert cards.css_first("html").attributes["lang"] == "de"
    assert cards.css_first(".sheet__hint").attributes.get("lang") == "en"
    langs = {c.attributes.get("lang") for c in cards.css(".card--front")}
    assert langs == {None, "en"}, "German quiz cards (no mark) and the English professionals' quiz (lang=en)"
    board = tree(untranslated_kit_site, "de", "board.html")
    assert board.css_first(".headline").attributes.get("lang") == "en"
    assert all(s.attributes.get("lang") == "en" for s in board.css(".square__text"))
    for lang in ("fr", "de"):  # translated: nothing marked as borrowed English
        translated = tree(site_dir, lang, "board.html")
        assert translated.css_first(".headline").attributes.get("lang") is None
        assert not [s for s in translated.css(".square__text") if s.attributes.get("lang")]


# ---- Bad input fails the build with file:line ------------------------------------------------


@pytest.fixture
def broken_build(tmp_path):
    def build(path: str, old: str, new: str):
        copy_project(tmp_path, with_docs=True)
        target = tmp_path / path
        text = target.read_text(encoding="utf-8")
        assert text.count(old) == 1, old
        target.write_text(text.replace(old, new), encoding="utf-8")
        return mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site", env={"VIGIE_PREVIEW_LANG": "fr"})

    return build


def test_a_question_too_long_for_a_card_fails_with_page_and_line(broken_build):
    text = (ROOT / "docs" / "en" / "quiz.md").read_text(encoding="utf-8")
    first = parse(text)[0][2]
    line = first.line
    result = broken_build("docs/en/quiz.md", first.text, first.text + " And then?" * 40)
    assert result.returncode != 0
    assert re.search(
        rf"docs/en/quiz\.md:{line}: this question is too long for a printed quiz card: its front",
        result.stdout + result.stderr,
    )
    assert "shorten it by" in result.stdout + result.stderr


def test_a_square_text_too_long_fails_with_data_file_and_line(broken_build):
    en = (ROOT / "data" / "i18n" / "en.yml").read_text(encoding="utf-8")
    old = "    privacy: You check your privacy settings with your family."
    line = en.split("\n").index(old) + 1
    result = broken_build("data/i18n/en.yml", old, old + " Then you check them again, app by app, every month.")
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"data/i18n/en.yml:{line}: kit.squares.privacy is too long for its square" in out
    assert "shorten it by" in out


# ---- The pages --------------------------------------------------------------------------------


def right_answers(site: Path, lang: str) -> list[list[bool]]:
    page = HTMLParser((site / prefix(lang) / "professionals-quiz" / "index.html").read_text(encoding="utf-8"))
    return [
        ["data-correct" in li.attributes for li in q.css(".vigie-quiz__answers > li")]
        for q in page.css(".vigie-quiz__q")
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_the_professionals_quiz_keeps_the_same_right_answers_in_every_translation(site_dir, lang):
    """Red until docs/<lang>/professionals-quiz.md is translated: translators, see the README's list."""
    english = right_answers(site_dir, DEFAULT)
    assert 6 <= len(english) <= 10
    assert (ROOT / "docs" / lang / "professionals-quiz.md").is_file(), f"{lang}: professionals-quiz.md not translated"
    assert right_answers(site_dir, lang) == english


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_professionals_quiz_dials_the_registry_numbers(site_dir, lang):
    registry = load(lang).registry["helplines"]
    html = (site_dir / prefix(lang) / "professionals-quiz" / "index.html").read_text(encoding="utf-8")
    for hid in ("police", "child-in-danger"):
        assert f'href="tel:{registry[hid]["tel"]}"' in html, hid


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_axe_finds_no_violation_on_the_workshop_guide_and_professionals_quiz(browser, site_url, lang):
    context = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
    page = context.new_page()
    failures = {}
    for path in ("workshop/", "professionals-quiz/"):
        page.goto(site_url + prefix(lang) + path, wait_until="load")
        result = Axe().run(page)
        found = [f"{v['id']}: {v['nodes'][0]['target']}" for v in result.response["violations"]]
        if found:
            failures[path] = found
    context.close()
    assert failures == {}


def test_the_kit_is_linked_from_the_quiz_professionals_posters_and_workshop_pages(site_dir):
    for lang in ("en", "fr"):
        for page in ("quiz", "professionals-quiz", "workshop", "posters"):
            html = (site_dir / prefix(lang) / page / "index.html").read_text(encoding="utf-8")
            assert "print/quiz-cards.html" in html and "print/board.html" in html, (lang, page)
        html = (site_dir / prefix(lang) / "professionals" / "index.html").read_text(encoding="utf-8")
        assert 'href="../workshop/"' in html and 'href="../professionals-quiz/"' in html, lang
