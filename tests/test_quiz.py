"""Issue 8: the Markdown quiz format, its HTML without JavaScript, quiz.js driven
by keyboard and by taps in Debian's chromium at 390x844, and axe-core."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import markdown
import pytest
import quiz
from axe_playwright_python.sync_playwright import Axe
from conftest import ROOT, mkdocs_build
from selectolax.lexbor import LexborHTMLParser as HTMLParser
from support.browser import PHONE
from support.project import copy_project
from vigie_data import load

LANGS = {"en": "quiz/", "fr": "fr/quiz/"}
EXTENSIONS = ["toc", "attr_list", "md_in_html", "pymdownx.details", "pymdownx.superfences"]

VALID = """\
# Quiz

/// quiz | Someone you only know online asks for a *photo*. What do you do?
- [ ] Send it
- [x] Say no, and tell an adult you trust
- [ ] Keep it secret
> People online are not always who they say they are.
>
> Second paragraph.
more: [Strangers](online-safety.md#location-strangers)
///

/// quiz | Which settings help?
- [x] Private accounts
- [X] Limit who can message you
- [ ] Show your school
> Check them together.
///
"""


def labels(lang: str = "en") -> dict:
    return load(lang).labels["quiz"]


def render(text: str) -> HTMLParser:
    return HTMLParser(markdown.markdown(quiz.expand(text, labels()), extensions=EXTENSIONS))


# ---- The format ---------------------------------------------------------------------------------


def test_parse_reads_question_answers_explanation_and_link():
    (start, end, first), (_, _, second) = [block for block in quiz.parse(VALID)]
    assert (start, end) == (2, 10)
    assert first.text == "Someone you only know online asks for a *photo*. What do you do?"
    assert first.answers == [
        (False, "Send it"),
        (True, "Say no, and tell an adult you trust"),
        (False, "Keep it secret"),
    ]
    assert first.explanation == ["People online are not always who they say they are.", "", "Second paragraph."]
    assert first.more == "[Strangers](online-safety.md#location-strangers)"
    assert second.correct == ["Private accounts", "Limit who can message you"]


def test_a_quiz_shown_in_a_code_fence_is_left_alone():
    text = "```markdown\n/// quiz | Not a question\n- [ ] a\n```\n"
    assert quiz.parse(text) == []
    assert quiz.expand(text, labels()) == text


def test_html_without_javascript_has_answers_and_a_details_reveal():
    html = render(VALID)
    questions = html.css(".vigie-quiz__q")
    assert len(questions) == 2
    first = questions[0]
    assert first.css_first(".vigie-quiz__count").text() == "Question 1 of 2"
    assert first.css_first(".vigie-quiz__question em").text() == "photo"  # text stays Markdown
    items = first.css(".vigie-quiz__answers > li")
    assert [("data-correct" in li.attributes) for li in items] == [False, True, False]
    assert first.css("input") == [] and first.css("form") == []  # only quiz.js adds them
    details = first.css_first("details.vigie-quiz__reveal")
    assert details.css_first("summary").text() == labels()["show_answer"]
    assert details.css_first(".vigie-quiz__solution").text(strip=True).endswith("Say no, and tell an adult you trust")
    assert len(details.css(".vigie-quiz__explain p")) == 2
    more = details.css_first(".vigie-quiz__more a")
    assert more.attributes["href"] == "online-safety.md#location-strangers"  # mkdocs validates and rewrites it
    assert first.attributes["data-multiple"] == "false" and first.css_first(".vigie-quiz__hint") is None


def test_several_right_answers_get_a_hint_and_every_one_in_the_reveal():
    second = render(VALID).css(".vigie-quiz__q")[1]
    assert second.attributes["data-multiple"] == "true"
    assert second.css_first(".vigie-quiz__hint").text() == labels()["several"]
    assert [li.text() for li in second.css(".vigie-quiz__solution li")] == [
        "Private accounts",
        "Limit who can message you",
    ]


def test_ids_are_unique_and_the_score_box_carries_the_script_labels():
    html = render(VALID)
    ids = [node.attributes["id"] for node in html.css("[id]")]
    assert len(ids) == len(set(ids))
    assert {"quiz-q1", "quiz-q1-a2", "quiz-q2-a3"} <= set(ids)
    boxes = html.css(".vigie-quiz__result")
    assert len(boxes) == 1
    assert '"try_again": "Try again"' in boxes[0].attributes["data-labels"]


def test_helpline_shortcodes_come_through_as_inline_html():
    link = '<a class="vigie-tel" href="tel:3018"><bdi class="vigie-number" dir="ltr">3018</bdi> (e-Enfance)</a>'
    text = f"/// quiz | Who helps?\n- [x] {link}\n- [ ] Nobody\n> Call {link}.\n///\n"
    answer = render(text).css_first("#quiz-q1-a1 a.vigie-tel")
    assert answer is not None and answer.attributes["href"] == "tel:3018"


MALFORMED = {
    "no correct answer": ("- [ ] a\n- [ ] b\n> Why.", 3, "no correct answer"),
    "no answers": ("> Why.", 3, "no answers"),
    "one answer": ("- [x] a\n> Why.", 3, "1 answers: write 2 to 4"),
    "five answers": ("- [x] a\n- [ ] b\n- [ ] c\n- [ ] d\n- [ ] e\n> Why.", 3, "5 answers: write 2 to 4"),
    "unknown option": ("- [x] a\n- [ ] b\nhint: be quick\n> Why.", 6, "unknown option 'hint'"),
    "unknown box": ("- [x] a\n- [?] b\n> Why.", 5, "unknown answer box `[?]`"),
    "answer without a box": ("- [x] a\n- b\n> Why.", 5, "an answer needs a box"),
    "empty answer": ("- [x] a\n- [ ]\n> Why.", 5, "this answer has no text"),
    "no explanation": ("- [x] a\n- [ ] b", 3, "no explanation"),
    "unexpected line": ("- [x] a\n- [ ] b\nJust some text\n> Why.", 6, "unexpected line"),
    "more is not a link": ("- [x] a\n- [ ] b\n> Why.\nmore: online-safety.md", 7, "'more:' takes one Markdown link"),
    "more twice": ("- [x] a\n- [ ] b\n> Why.\nmore: [a](a.md)\nmore: [b](b.md)", 8, "given twice"),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_a_malformed_question_says_which_line(case):
    body, line, message = MALFORMED[case]
    text = f"# Quiz\n\n/// quiz | Question?\n{body}\n///\n"
    with pytest.raises(quiz.QuizError) as error:
        quiz.parse(text)
    assert error.value.line == line
    assert message in str(error.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("/// quiz\n- [x] a\n- [ ] b\n> Why.\n///\n", "starts with `/// quiz | Your question?`"),
        ("/// quiz | Q?\n- [x] a\n- [ ] b\n> Why.\n", "not closed"),
        ("/// quiz | Q?\n- [x] a\n/// quiz | R?\n- [x] a\n- [ ] b\n> Why.\n///\n", "not closed"),
    ],
)
def test_a_block_without_question_or_end_fails_on_its_first_line(text, message):
    with pytest.raises(quiz.QuizError, match=re.escape(message)) as error:
        quiz.parse(text)
    assert error.value.line == 1


# ---- A real build: strict failure with page and line; links validated by mkdocs -----------------


@pytest.fixture
def fixture_site(tmp_path):
    """The real config, hooks and data, the English pages, and a quiz page to write (English build only)."""
    copy_project(tmp_path)
    shutil.copytree(ROOT / "docs" / "en", tmp_path / "docs" / "en")

    def build(page: str):
        (tmp_path / "docs" / "en" / "quiz.md").write_text(page, encoding="utf-8")
        return mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site", env={"VIGIE_PREVIEW_LANG": "en"})

    return build


FRONT = "---\ntitle: Quiz\n---\n# Quiz\n\n"  # front matter: mkdocs strips it before the hooks run


@pytest.mark.parametrize(
    ("block", "where"),
    [
        (
            "/// quiz | Who helps? <!-- number:e-enfance -->\n- [ ] a\n- [ ] b\n> Why.\n///\n",
            "8: this question has no correct answer",
        ),
        ("/// quiz | Who helps?\n> Why.\n///\n", "8: this question has no answers"),
        ("/// quiz | Who helps?\n- [x] a\n- [ ] b\ncolour: red\n> Why.\n///\n", "11: unknown option 'colour'"),
    ],
    ids=["no correct answer", "no answers", "unknown option"],
)
def test_strict_build_fails_with_the_page_and_line(fixture_site, block, where):
    # A shortcode card adds lines before the quiz; the line must still be the file's.
    result = fixture_site(FRONT + "<!-- helplines:online -->\n\n" + block)
    assert result.returncode != 0
    assert f"docs/en/quiz.md:{where}" in result.stdout + result.stderr


def test_links_inside_a_quiz_are_checked_by_mkdocs(fixture_site):
    block = "/// quiz | Q?\n- [x] a\n- [ ] b\n> Why.\nmore: [Gone](no-such-page.md)\n///\n"
    result = fixture_site(FRONT + block)
    assert result.returncode != 0
    assert "no-such-page.md" in result.stdout + result.stderr


def test_a_good_quiz_builds_with_its_script_on_that_page_only(fixture_site, tmp_path):
    block = "/// quiz | Q?\n- [x] <!-- helpline:e-enfance -->\n- [ ] b\n> Why.\n"
    block += "more: [See](online-safety.md#sextortion)\n///\n"
    result = fixture_site(FRONT + block)
    assert result.returncode == 0, result.stdout + result.stderr
    page = (tmp_path / "site" / "quiz" / "index.html").read_text(encoding="utf-8")
    assert page.count('<script src="../assets/js/quiz.js" defer></script>') == 1
    assert 'href="../online-safety/#sextortion"' in page
    assert "quiz.js" not in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


# ---- The real quiz pages ------------------------------------------------------------------------


def quiz_page(site_dir: Path, lang: str) -> HTMLParser:
    return HTMLParser((site_dir / LANGS[lang] / "index.html").read_text(encoding="utf-8"))


def correct_pattern(tree: HTMLParser) -> list[list[bool]]:
    return [
        ["data-correct" in li.attributes for li in q.css(".vigie-quiz__answers > li")]
        for q in tree.css(".vigie-quiz__q")
    ]


@pytest.mark.parametrize("lang", sorted(LANGS))
def test_the_quiz_pages_have_about_ten_complete_questions(site_dir, lang):
    tree = quiz_page(site_dir, lang)
    questions = tree.css(".vigie-quiz__q")
    assert 8 <= len(questions) <= 12
    for q in questions:
        assert q.css_first(".vigie-quiz__explain").text(strip=True)
        assert q.css_first(".vigie-quiz__more a") is not None, q.attributes["id"]
    assert all(2 <= len(p) <= 4 and any(p) for p in correct_pattern(tree))


def test_every_translated_quiz_asks_the_same_questions(site_dir):
    """Same number of questions and answers, the same ones right, in every docs/<lang>/quiz.md."""
    english = correct_pattern(quiz_page(site_dir, "en"))
    translated = sorted(path.parent.name for path in (ROOT / "docs").glob("*/quiz.md"))
    assert "fr" in translated
    for lang in translated:
        tree = HTMLParser((site_dir / ("" if lang == "en" else lang) / "quiz" / "index.html").read_text("utf-8"))
        assert correct_pattern(tree) == english, lang


@pytest.mark.parametrize("lang", sorted(LANGS))
def test_whom_to_call_answers_use_the_registry_numbers(site_dir, lang):
    """119 and 3018 are right answers, dialled from data/helplines.yml, never typed."""
    registry = load(lang).registry["helplines"]
    tree = quiz_page(site_dir, lang)
    right = [li for li in tree.css(".vigie-quiz__answers > li") if "data-correct" in li.attributes]
    for hid in ("child-in-danger", "e-enfance"):
        tel = f"tel:{registry[hid]['tel']}"
        assert any(a.attributes.get("href") == tel for li in right for a in li.css("a")), hid
    source = (ROOT / "docs" / lang / "quiz.md").read_text(encoding="utf-8")
    for entry in registry.values():
        if "tel" in entry and len(entry["tel"]) >= 3:
            assert not re.search(rf"(?<![\d#-]){re.escape(entry['tel'])}(?!\d)", source), entry["tel"]


@pytest.mark.parametrize("lang", sorted(LANGS))
def test_sextortion_question_matches_the_online_safety_page(site_dir, lang):
    tree = quiz_page(site_dir, lang)
    q = next(q for q in tree.css(".vigie-quiz__q") if q.css_first('.vigie-quiz__more a[href$="#sextortion"]'))
    right = [li.text() for li in q.css(".vigie-quiz__answers > li") if "data-correct" in li.attributes]
    wrong = " ".join(li.text() for li in q.css(".vigie-quiz__answers > li") if "data-correct" not in li.attributes)
    words = {"en": ("screenshot", "trust", "Pay", "Delete"), "fr": ("capture", "confiance", "Payer", "Supprimer")}[lang]
    assert words[0] in right[0] and words[1] in right[0]  # keep the evidence, tell a trusted adult
    assert words[2] in wrong and words[3] in wrong  # do not pay; do not delete the account


def test_the_script_is_loaded_on_quiz_pages_only(site_dir):
    for lang, path in LANGS.items():
        html = (site_dir / path / "index.html").read_text(encoding="utf-8")
        assert html.count("assets/js/quiz.js") == 1, lang
    assert "quiz.js" not in (site_dir / "online-safety" / "index.html").read_text(encoding="utf-8")


# ---- In the browser -----------------------------------------------------------------------------


@pytest.fixture
def quiet_phone(browser):
    """A phone-sized page with service workers blocked, so every request is the page's own."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, service_workers="block")
    page = context.new_page()
    yield page
    context.close()


def focused_id(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


def answer_by_keyboard(page, qid: str, targets: list[int], multiple: bool) -> None:
    """From the first choice of a question, pick `targets` and reach the Check button with keys only."""
    if multiple:
        count = page.locator(f"#{qid} input").count()
        for i in range(count):
            if i in targets:
                page.keyboard.press("Space")
            page.keyboard.press("Tab")
    else:
        [target] = targets
        if target == 0:
            page.keyboard.press("Space")
        for _ in range(target):
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className").startswith("vigie-quiz__check")


def test_keyboard_only_quiz_gives_feedback_and_a_score(quiet_phone, site_url):
    """Every question answered with the keyboard: wrong on odd, right on even questions."""
    page, text = quiet_phone, labels("en")
    requests = []
    page.goto(site_url + "quiz/", wait_until="networkidle")
    page.on("request", lambda r: requests.append(r.url))
    storage = "JSON.stringify([Object.keys(localStorage), Object.keys(sessionStorage), document.cookie])"
    stored = page.evaluate(storage)
    total = page.locator("form.vigie-quiz__form").count()
    assert total == page.locator(".vigie-quiz__q").count() >= 8
    page.locator("#quiz-q1-a1-input").focus()
    # Nothing chosen: a nudge in the live region, and the question stays open.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.locator("#quiz-q1 .vigie-quiz__feedback").inner_text() == text["choose_first"]
    page.keyboard.press("Shift+Tab")
    assert focused_id(page).startswith("quiz-q1-a")
    page.locator("#quiz-q1-a1-input").focus()
    score = 0
    for n in range(1, total + 1):
        qid = f"quiz-q{n}"
        q = page.locator(f"#{qid}")
        assert focused_id(page) == f"{qid}-a1-input"
        right = [
            i
            for i, flag in enumerate(q.locator("li").evaluate_all("li => li.map(e => e.hasAttribute('data-correct'))"))
            if flag
        ]
        multiple = q.get_attribute("data-multiple") == "true"
        wants_right = n % 2 == 0
        targets = right if wants_right else [next(i for i in range(4) if i not in right)]
        answer_by_keyboard(page, qid, targets, multiple)
        live = q.locator(".vigie-quiz__feedback")
        assert live.get_attribute("aria-live") == "polite" and live.inner_text() == ""
        page.keyboard.press("Enter")
        verdict = q.locator(".vigie-quiz__verdict strong")
        assert verdict.inner_text() == text["correct" if wants_right else "not_quite"]
        assert q.locator(".vigie-quiz__verdict .vigie-quiz__icon[aria-hidden=true]").inner_text() in "\u2713\u2717"
        assert text["answers" if multiple else "answer"] in live.inner_text()  # the right answer is spelt out
        assert q.locator(".vigie-quiz__after .vigie-quiz__explain").is_visible()
        marks = q.locator(".vigie-quiz__mark").all_inner_texts()
        assert sum(text["mark_right"] in m for m in marks) == len(right)  # words, not colour alone
        assert sum(text["mark_wrong"] in m for m in marks) == (0 if wants_right else 1)
        assert q.locator("input:enabled").count() == 0
        score += wants_right
        button = q.locator(".vigie-quiz__check")
        assert button.inner_text() == text["see_score" if n == total else "next"]
        page.keyboard.press("Enter")  # on to the next question, or the score
    assert page.evaluate("document.activeElement.classList.contains('vigie-quiz__result')")
    result = page.locator(".vigie-quiz__score")
    assert result.get_attribute("aria-live") == "polite"
    assert text["score"].format(score=score, total=total) in result.inner_text()
    assert text["score_some"] in result.inner_text()
    assert requests == [], "the quiz must not send anything"
    assert page.evaluate(storage) == stored, "the quiz must not store anything"


def test_tapping_every_right_answer_scores_all_and_try_again_resets(quiet_phone, site_url):
    page, text = quiet_phone, labels("fr")
    page.goto(site_url + "fr/quiz/", wait_until="networkidle")
    total = page.locator("form.vigie-quiz__form").count()
    for n in range(1, total + 1):
        q = page.locator(f"#quiz-q{n}")
        for label in q.locator("li[data-correct] label").all():
            label.click()
        q.locator(".vigie-quiz__check").click()
        assert q.locator(".vigie-quiz__verdict strong").inner_text() == text["correct"]
    result = page.locator(".vigie-quiz__score").inner_text()
    assert text["score"].format(score=total, total=total) in result and text["score_all"] in result
    retry = page.get_by_role("button", name=text["try_again"])
    retry.click()
    assert page.locator(".vigie-quiz__q input:checked").count() == 0
    assert page.locator(".vigie-quiz__q input:disabled").count() == 0
    assert page.locator(".vigie-quiz__verdict, .vigie-quiz__mark:not(:empty)").count() == 0
    assert page.locator(".vigie-quiz__score").inner_text() == "" and retry.is_hidden()
    assert page.locator(".vigie-quiz__check").all_inner_texts() == [text["check"]] * total
    assert focused_id(page) == "quiz-q1-a1-input"


def boxes_smaller_than_44(page, selector: str) -> list[str]:
    small = []
    for node in page.locator(selector).all():
        if node.is_visible():
            box = node.bounding_box()
            if box["width"] < 44 or box["height"] < 44:
                small.append(f"{selector} {node.inner_text()[:30]!r}: {box['width']:.0f}x{box['height']:.0f}")
    return small


@pytest.mark.parametrize("lang", sorted(LANGS))
def test_touch_targets_are_at_least_44px(quiet_phone, site_url, lang):
    page = quiet_phone
    page.goto(site_url + LANGS[lang])
    small = boxes_smaller_than_44(page, ".vigie-quiz__label") + boxes_smaller_than_44(page, ".vigie-quiz__check")
    for n in range(1, page.locator("form.vigie-quiz__form").count() + 1):
        page.locator(f"#quiz-q{n} label").first.click()
        page.locator(f"#quiz-q{n} .vigie-quiz__check").click()
    small += boxes_smaller_than_44(page, ".vigie-quiz__retry") + boxes_smaller_than_44(page, ".vigie-quiz__more a")
    assert small == []


@pytest.mark.parametrize("lang", sorted(LANGS))
def test_without_javascript_every_answer_is_revealed_by_details(browser, site_url, lang):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + LANGS[lang])
    assert page.locator(".vigie-quiz__q input, form.vigie-quiz__form").count() == 0
    questions = page.locator(".vigie-quiz__q")
    assert questions.count() >= 8
    for q in questions.all():
        right = [li.inner_text() for li in q.locator("li[data-correct]").all()]
        summary = q.locator("details.vigie-quiz__reveal > summary")
        assert summary.inner_text().strip() == labels(lang)["show_answer"]
        box = summary.bounding_box()
        assert box["height"] >= 44
        solution, explain = q.locator(".vigie-quiz__solution"), q.locator(".vigie-quiz__explain")
        assert not explain.is_visible()
        summary.click()
        assert explain.is_visible() and solution.is_visible()
        assert all(answer in solution.inner_text() for answer in right)
    assert boxes_smaller_than_44(page, ".vigie-quiz__more a") == []
    context.close()


@pytest.mark.parametrize("lang", sorted(LANGS))
def test_axe_finds_no_violation_on_the_quiz_page(browser, site_url, lang):
    """With the script (before and after answering) and without it (the script's request refused)."""
    found = {}
    for state in ("no script", "script", "answered"):
        context = browser.new_context(viewport=PHONE, service_workers="block")
        page = context.new_page()
        if state == "no script":
            page.route("**/quiz.js", lambda route: route.abort())
        page.goto(site_url + LANGS[lang], wait_until="load")
        total = page.locator(".vigie-quiz__q").count()
        assert page.locator("form.vigie-quiz__form").count() == (0 if state == "no script" else total)
        if state == "answered":
            for n in range(1, total + 1):
                page.locator(f"#quiz-q{n} label").first.click()
                page.locator(f"#quiz-q{n} .vigie-quiz__check").click()
        violations = Axe().run(page).response["violations"]
        found[state] = [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in violations]
        context.close()
    assert found == {"no script": [], "script": [], "answered": []}
