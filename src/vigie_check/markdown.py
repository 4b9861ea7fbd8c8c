"""Markdown text helpers: blank out what is not prose, keeping offsets and lines.

Masking replaces characters by spaces (newlines stay), so an offset in the
masked text is the same offset, hence the same line, in the source.
"""

from __future__ import annotations

import bisect
import re

_FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")
_INLINE_CODE = re.compile(r"(?<!`)(`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)", re.S)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?^(?:---|\.\.\.)[ \t]*$", re.S | re.M)
_SNIPPET = re.compile(r"^.*--8<--.*$", re.M)


def spaces(text: str) -> str:
    if "\n" not in text:
        return " " * len(text)
    return "\n".join(" " * len(part) for part in text.split("\n"))


def blank_all(text: str, pattern: re.Pattern) -> str:
    """Replace every match of `pattern` by spaces, keeping newlines."""
    return pattern.sub(lambda match: spaces(match.group()), text)


def _blank_fences(text: str) -> str:
    if "```" not in text and "~~~" not in text:
        return text
    lines = text.split("\n")
    fence = None
    for i, line in enumerate(lines):
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
            lines[i] = " " * len(line)
        elif fence is not None:
            closing = match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence)
            if closing and not line[match.end() :].strip():
                fence = None
            lines[i] = " " * len(line)
    return "\n".join(lines)


def mask_code(text: str) -> str:
    """Blank front matter, fenced and inline code, comments and snippet lines."""
    text = blank_all(text, _FRONT_MATTER) if text.startswith("---") else text
    text = _blank_fences(text)
    text = blank_all(text, _INLINE_CODE) if "`" in text else text
    text = blank_all(text, _COMMENT) if "<!--" in text else text
    return blank_all(text, _SNIPPET) if "--8<--" in text else text


class Lines:
    """Offset to 1-based line number, by bisection on newline offsets."""

    def __init__(self, text: str):
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def __call__(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)
