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

The format and its parser live in quiz_format.py (shared with the printed
quiz cards). A malformed block stops the build with `docs/<lang>/page.md:LINE: what to fix`.
"""

from __future__ import annotations

import json
from html import escape

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url
from quiz_format import Question, QuizError, block_starts, located, parse

__all__ = ["Question", "QuizError", "block_starts", "parse", "expand", "render"]

SCRIPT = "assets/js/quiz.js"
# Labels under `quiz:` in data/i18n/<lang>.yml: the first are rendered here,
# the others are handed to quiz.js.
PAGE_LABELS = ("question_count", "several", "show_answer", "answer", "answers", "learn_more")
SCRIPT_LABELS = (
    *("check", "correct", "not_quite", "mark_right", "mark_wrong", "choose_first"),
    *("next", "see_score", "score", "score_all", "score_some", "try_again"),
)


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
        raise PluginError(located(page, config, markdown, exc)) from None


def on_post_page(output, page, config):
    """Quiz pages only: load the script that makes the quiz interactive."""
    if 'class="vigie-quiz__result"' not in output:
        return output
    src = get_relative_url(SCRIPT, page.url or ".")
    return output.replace("</body>", f'<script src="{src}" defer></script>\n</body>', 1)
