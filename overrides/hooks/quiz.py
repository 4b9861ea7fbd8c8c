"""Quizzes written in plain Markdown, rendered as HTML that works without JavaScript.

    /// quiz | Someone you only know online asks for a photo. What do you do?
    - [ ] Send it: they seem nice
    - [x] Say no, and tell an adult you trust
    > People online are not always who they say they are.
    more: [Location sharing and contact from strangers](online-safety.md#location-strangers)
    ///

Every block on a page is one question of the same quiz. The hook turns each
into Markdown-in-HTML (md_in_html), so the text stays Markdown: mkdocs renders
and validates its links, and the helpline shortcodes (expanded just before this
hook) come through as inline HTML. Without JavaScript each question shows its
answers and a <details> "Show the answer"; assets/js/quiz.js, added to quiz
pages only, turns them into a form with feedback and a score.

A malformed block stops the build with `docs/<lang>/page.md:LINE: what to fix`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

OPEN_RE = re.compile(r"^///\s*quiz\b(.*)$")
CLOSE = "///"
ANSWER_RE = re.compile(r"^[-*+]\s+\[(.?)\]\s*(.*)$")
OPTION_RE = re.compile(r"^([A-Za-z][\w-]*)\s*:\s*(.*)$")
LINK_RE = re.compile(r"^\[[^\]]+\]\([^)\s]+\)$")
FENCE_RE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
OPTIONS = ("more",)
MIN_ANSWERS, MAX_ANSWERS = 2, 4
SCRIPT = "assets/js/quiz.js"
# Labels under `quiz:` in data/i18n/<lang>.yml: the first are rendered here,
# the others are handed to quiz.js.
PAGE_LABELS = ("question_count", "several", "show_answer", "answer", "answers", "learn_more")
SCRIPT_LABELS = (
    *("check", "correct", "not_quite", "mark_right", "mark_wrong", "choose_first"),
    *("next", "see_score", "score", "score_all", "score_some", "try_again"),
)


class QuizError(ValueError):
    """A malformed quiz block; `line` is 1-based in the text that was parsed."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line


@dataclass
class Question:
    text: str
    line: int
    answers: list[tuple[bool, str]] = field(default_factory=list)
    explanation: list[str] = field(default_factory=list)
    more: str = ""

    @property
    def correct(self) -> list[str]:
        return [text for ok, text in self.answers if ok]


def _outside_fences(lines: list[str]):
    """Yield (index, line) for lines that are not inside a fenced code block."""
    fence = ""
    for i, line in enumerate(lines):
        match = FENCE_RE.match(line)
        if fence:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = ""
        elif match:
            fence = match.group(1)
        else:
            yield i, line


def block_starts(text: str) -> list[int]:
    """0-based indexes of the lines that open a quiz block."""
    return [i for i, line in _outside_fences(text.split("\n")) if OPEN_RE.match(line.rstrip())]


def parse(text: str) -> list[tuple[int, int, Question]]:
    """Every quiz block as (first line index, last line index, question), validated."""
    lines = text.split("\n")
    blocks = []
    for start in block_starts(text):
        if blocks and start <= blocks[-1][1]:
            continue
        end, question = _parse_block(lines, start)
        blocks.append((start, end, question))
    return blocks


def _parse_block(lines: list[str], start: int) -> tuple[int, Question]:
    header = OPEN_RE.match(lines[start].rstrip()).group(1).strip()
    if not header.startswith("|") or not header[1:].strip():
        raise QuizError(start + 1, "a quiz block starts with `/// quiz | Your question?`")
    q = Question(text=header[1:].strip(), line=start + 1)
    for i in range(start + 1, len(lines)):
        line, where = lines[i].strip(), i + 1
        if line == CLOSE:
            _check(q)
            return i, q
        if OPEN_RE.match(line):
            raise QuizError(start + 1, "this quiz block is not closed: add a line `///` after it")
        _read_line(q, line, where)
    raise QuizError(start + 1, "this quiz block is not closed: add a line `///` after it")


def _read_line(q: Question, line: str, where: int) -> None:
    if not line:
        if q.explanation and q.explanation[-1]:
            q.explanation.append("")
        return
    if answer := ANSWER_RE.match(line):
        box, text = answer.group(1), answer.group(2).strip()
        if box not in (" ", "", "x", "X"):
            raise QuizError(
                where, f"unknown answer box `[{box}]`: use `- [ ]` for a wrong answer, `- [x]` for a right one"
            )
        if not text:
            raise QuizError(where, "this answer has no text")
        q.answers.append((box in ("x", "X"), text))
    elif re.match(r"^[-*+]\s", line):
        raise QuizError(where, "an answer needs a box: `- [ ] wrong answer` or `- [x] right answer`")
    elif line.startswith(">"):
        q.explanation.append(line[1:].strip())
    elif option := OPTION_RE.match(line):
        name, value = option.group(1), option.group(2).strip()
        if name not in OPTIONS:
            raise QuizError(where, f"unknown option '{name}' (known: {', '.join(OPTIONS)})")
        if q.more:
            raise QuizError(where, "option 'more' is given twice")
        if not LINK_RE.match(value):
            raise QuizError(where, "'more:' takes one Markdown link, like [Sextortion](online-safety.md#sextortion)")
        q.more = value
    else:
        raise QuizError(
            where, "unexpected line: a quiz block holds `- [ ]`/`- [x]` answers, `>` explanation lines and `more:`"
        )


def _check(q: Question) -> None:
    where = q.line
    if not q.answers:
        raise QuizError(where, "this question has no answers: add lines `- [ ] answer`, and `- [x]` for right ones")
    if not MIN_ANSWERS <= len(q.answers) <= MAX_ANSWERS:
        raise QuizError(where, f"this question has {len(q.answers)} answers: write {MIN_ANSWERS} to {MAX_ANSWERS}")
    if not q.correct:
        raise QuizError(where, "this question has no correct answer: mark the right ones `- [x]`")
    if not any(q.explanation):
        raise QuizError(where, "this question has no explanation: add lines starting with `>`")


def render(q: Question, number: int, total: int, labels: dict) -> str:
    """One question as Markdown-in-HTML: text parts stay Markdown, mkdocs renders them."""
    qid = f"quiz-q{number}"
    multiple = len(q.correct) > 1
    count = labels["question_count"].format(n=number, total=total)
    out = [
        f'<div class="vigie-quiz__q" id="{qid}" data-multiple="{str(multiple).lower()}" markdown="block">',
        f'<p class="vigie-quiz__count">{escape(count)}</p>',
        f'<p class="vigie-quiz__question" id="{qid}-text" markdown="span">{q.text}</p>',
    ]
    if multiple:
        out.append(f'<p class="vigie-quiz__hint" id="{qid}-hint">{escape(labels["several"])}</p>')
    out.append('<ul class="vigie-quiz__answers" markdown="block">')
    for i, (ok, text) in enumerate(q.answers, 1):
        flag = ' data-correct=""' if ok else ""
        out.append(f'<li id="{qid}-a{i}"{flag} markdown="span">{text}</li>')
    out += [
        "</ul>",
        '<details class="vigie-quiz__reveal" markdown="block">',
        f"<summary>{escape(labels['show_answer'])}</summary>",
        '<div class="vigie-quiz__solution" markdown="block">',
    ]
    if multiple:
        out.append(f"<p><strong>{escape(labels['answers'])}</strong></p>")
        out.append('<ul markdown="block">')
        out += [f'<li markdown="span">{text}</li>' for text in q.correct]
        out.append("</ul>")
    else:
        out.append(f'<p markdown="span"><strong>{escape(labels["answer"])}</strong> {q.correct[0]}</p>')
    out += [
        "</div>",
        '<div class="vigie-quiz__explain" markdown="block">',
        "",
        *q.explanation,
        "",
        "</div>",
    ]
    if q.more:
        out.append(f'<p class="vigie-quiz__more" markdown="span">{escape(labels["learn_more"])} {q.more}</p>')
    out += ["</details>", "</div>"]
    return "\n".join(out)


def render_result(labels: dict) -> str:
    """The empty box quiz.js fills with the score; it carries the script's labels."""
    data = escape(json.dumps({k: labels[k] for k in SCRIPT_LABELS}, ensure_ascii=False))
    return f'<div class="vigie-quiz__result" data-labels="{data}"></div>'


def expand(markdown: str, labels: dict) -> str:
    """Replace every quiz block of a page; raises QuizError on a malformed one."""
    blocks = parse(markdown)
    if not blocks:
        return markdown
    lines = markdown.split("\n")
    out, pos = [], 0
    for number, (start, end, question) in enumerate(blocks, 1):
        out += lines[pos:start]
        out += ["", render(question, number, len(blocks), labels), ""]
        pos = end + 1
    out += ["", render_result(labels), ""] + lines[pos:]
    return "\n".join(out)


def _source_line(page, markdown: str, line: int) -> int:
    """Map a line of the markdown this hook sees back to the file.

    Front matter is already stripped, and shortcodes may add lines, so count
    from the matching quiz block in the file instead.
    """
    try:
        source = page.file.content_string
    except (OSError, ValueError):
        return line
    seen, original = block_starts(markdown), block_starts(source)
    before = [s for s in seen if s < line]
    if not before or len(seen) != len(original):
        return line
    k = len(before) - 1
    return original[k] + 1 + (line - 1 - seen[k])


def _labels(config) -> dict:
    labels = config.extra["vigie"].labels.get("quiz") or {}
    missing = [key for key in (*PAGE_LABELS, *SCRIPT_LABELS) if not labels.get(key)]
    if missing:
        raise PluginError(f"data/i18n: quiz labels missing: {', '.join('quiz.' + k for k in missing)}")
    return labels


def on_page_markdown(markdown, page, config, files):
    if not block_starts(markdown):
        return markdown
    try:
        return expand(markdown, _labels(config))
    except QuizError as exc:
        path = Path(page.file.abs_src_path or page.file.src_uri)
        root = Path(config.config_file_path or ".").parent
        where = path.relative_to(root) if path.is_relative_to(root) else page.file.src_uri
        raise PluginError(f"{where}:{_source_line(page, markdown, exc.line)}: {exc}") from None


def on_post_page(output, page, config):
    """Quiz pages only: load the script that makes the quiz interactive."""
    if 'class="vigie-quiz__result"' not in output:
        return output
    src = get_relative_url(SCRIPT, page.url or ".")
    return output.replace("</body>", f'<script src="{src}" defer></script>\n</body>', 1)
