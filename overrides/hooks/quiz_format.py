"""The `/// quiz` block format: one parser, shared by the web quiz (quiz.py) and
the printed quiz cards (workshop_kit.py). See CONTRIBUTING.md, "Writing a quiz".

A malformed block raises QuizError with its 1-based line in the parsed text;
`source_line` maps it back to the page file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

OPEN_RE = re.compile(r"^///\s*quiz\b(.*)$")
CLOSE = "///"
ANSWER_RE = re.compile(r"^[-*+]\s+\[(.?)\]\s*(.*)$")
OPTION_RE = re.compile(r"^([A-Za-z][\w-]*)\s*:\s*(.*)$")
LINK_RE = re.compile(r"^\[[^\]]+\]\([^)\s]+\)$")
FENCE_RE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
OPTIONS = ("more",)
MIN_ANSWERS, MAX_ANSWERS = 2, 4


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


def source_line(page, markdown: str, line: int) -> int:
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


def located(page, config, markdown: str, exc: QuizError) -> str:
    """`docs/<lang>/page.md:LINE: message` for an error found in the markdown a hook received."""
    from pathlib import Path

    path = Path(page.file.abs_src_path or page.file.src_uri)
    root = Path(config.config_file_path or ".").parent
    where = path.relative_to(root) if path.is_relative_to(root) else page.file.src_uri
    return f"{where}:{source_line(page, markdown, exc.line)}: {exc}"
