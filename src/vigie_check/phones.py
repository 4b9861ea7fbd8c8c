"""Phone numbers: validate tel:/sms: links, and find numbers typed in prose.

Short numbers are validated for the project's region (`extra.checker.region`,
else the default locale's territory); without one they are not validated.
Numbers starting with + are validated globally. In prose, a number is a phone
only with the context a reader sees: a call word or label, a phone-like format
(+33 1 .., 01 23 45 67 89), or a table column headed like "Helpline".
Figures, years, citations and measured values are not phones.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from urllib.parse import unquote

import phonenumbers
from phonenumbers import NumberParseException

from .phone_words import UNIT, words_for

_TEL_BODY = re.compile(r"^\+?[0-9]+$")
_VISUAL = re.compile(r"[\s\-.()\u00a0]")


@functools.lru_cache(maxsize=4096)
def tel_problem(url: str, region: str | None) -> str | None:
    """Why a tel: or sms: URL is wrong, or None when it is a valid number."""
    scheme, _, rest = url.partition(":")
    value = unquote(rest, errors="replace").split("?", 1)[0].split(";", 1)[0]
    if scheme.lower() == "sms" and value.startswith("//"):
        value = value[2:]
    numbers = value.split(",") if scheme.lower() == "sms" else [value]
    for number in numbers:
        digits = _VISUAL.sub("", number)
        if not digits:
            return "no number"
        if not _TEL_BODY.match(digits):
            return f"malformed number {number!r}"
        if not digits.startswith("+") and not region:
            continue  # a short or national number cannot be judged without a region
        if not number_is_valid(digits, region):
            return f"{number} is not a valid number" + ("" if digits.startswith("+") else f" for region {region}")
    return None


@functools.lru_cache(maxsize=4096)
def number_is_valid(digits: str, region: str | None) -> bool:
    try:
        if digits.startswith("+"):
            return phonenumbers.is_valid_number(phonenumbers.parse(digits, None))
        parsed = phonenumbers.parse(digits, region)
    except NumberParseException:
        return False
    return phonenumbers.is_valid_short_number_for_region(parsed, region) or phonenumbers.is_valid_number(parsed)


# A digit run with single separators; the checks below decide if it is a phone.
# Letters of scripts written without spaces (CJK) may touch a number: "拨打119".
# The character before the number is tested after its first character (fixed-width lookbehinds), so
# that the pattern starts with [+\d] and the regex engine skips straight to digits.
_NOT_BEFORE_CHAR = r"[+\-./:#@=&%§°\\]"  # not in a URL, a path or a figure
_IN_WORD = r"[^\W\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]"  # a letter of a spaced script, or a digit
CANDIDATE = re.compile(
    rf"(?:\+(?<!{_NOT_BEFORE_CHAR}\+)(?<!{_IN_WORD}\+)\s?\d+|\d(?<!{_NOT_BEFORE_CHAR}\d)(?<!{_IN_WORD}\d)\d*)"
    r"(?:(?:[ \u00a0\u202f.]|-(?=\d))\d+)*"
)
_UNSPACED = re.compile(r"[\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]")
_WORD = re.compile(r"[^\W\d_]+|[☎📞✆]", re.UNICODE)
# Words next to a number that say it is an age, a count, a date or a law.
_NOT_BEFORE = (
    "under", "over", "aged", "age", "âge", "moins", "plus", "than", "article", "art", "loi", "law", "no",
    "n", "nº", "chapter", "page", "p", "decree", "décret", "section", "top", "since", "depuis", "en", "in",
    "year", "année", "from", "to", "and", "et", "until", "jusqu", "between", "entre", "menos", "unter", "über",
    "vol", "volume", "issue", "pp", "tome", "band", "bd", "fig", "figure", "table", "tab", "ch", "ed", "edition",
    "isbn", "issn", "doi", "ref", "nr", "nos", "numéros",
    # version and item numbers: "version 5", "template 1 and template 2", "step 3"
    "version", "versión", "versione", "versão", "versie", "v", "release", "template", "modèle", "plantilla",
    "vorlage", "modello", "modelo", "sjabloon", "step", "étape", "paso", "schritt", "passo", "stap", "level",
    "niveau", "nivel", "stufe", "livello", "item", "element", "élément", "elemento", "option", "part", "partie",
    "teil", "parte", "rule", "règle", "type", "model", "phase", "stage", "round", "lesson", "leçon", "module",
    "unit", "slide", "exercise", "exercice", "question",
)  # fmt: skip
_TABLE_SEPARATOR = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_NOT_AFTER = (
    "year", "age", "ans", "km", "min", "sec", "hour", "heure", "day", "jour", "week", "semaine", "month",
    "mois", "people", "person", "personne", "child", "enfant", "kid", "victim", "victime", "percent", "pour",
    "page", "euro", "dollar", "million", "milliard", "billion", "thousand", "mille", "times", "fois",
    "janv", "januar", "febr", "févr", "march", "mars", "märz", "april", "avril", "june", "juin", "july", "juil",
    "juli", "august", "août", "septem", "octob", "oktob", "novem", "decem", "décem", "dezem",
    "años", "jahre", "anni", "лет", "год",
    "歳", "才", "岁", "세", "살",  # years of age: 18歳, 18岁, 18세
    # counts of things: "composed of 10 elements", "3 steps", "5 questions"
    "element", "élément", "elemento", "item", "step", "étape", "word", "mot", "wort", "wört", "part", "member",
    "membre", "language", "langue", "file", "fichier", "question", "point", "option", "template", "version",
    "level", "niveau", "categor", "catégor", "chapter", "chapitre", "section", "article", "rule", "règle",
    "module", "lesson", "leçon", "slide", "exercis", "exercice", "character", "caractère", "digit", "chiffre",
    "letter", "lettre", "schritt", "teil",
)  # fmt: skip
# Labels ("Median: 3018") that say the number is a figure, not a phone.
_FIGURE_LABELS = (
    "page", "year", "année", "percent", "km", "kg", "ms",
    "median", "médian", "average", "moyen", "mean", "total", "count", "nombre", "weight", "poids", "size", "taille",
    "time", "temps", "load", "score", "rate", "taux", "built", "result", "résultat", "value", "valeur", "cases", "cas",
    "reports", "report", "signalement", "calls", "appels", "answered", "measured", "mesur",
)  # fmt: skip
# Short words after a number that are units or ordinals only when whole.
_NOT_AFTER_EXACT = {"an", "m", "h", "e", "er", "ème", "th", "st", "nd", "rd", "x", "lat", "s"} | {
    "ms", "kb", "mb", "gb", "ko", "mo", "go", "kg", "g", "cm", "mm", "mg", "ml", "l", "px", "em", "rem", "fps",
    "hz", "khz", "mhz", "ghz", "kbps", "mbps", "w", "kw", "kwh", "v", "ma", "mah", "dpi", "pt",
    # month abbreviations, whole only: "mai" is May, "maintenant" is not
    "jan", "feb", "fév", "mar", "apr", "avr", "mai", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "déc",
}  # fmt: skip
_SUPERSCRIPTS = set("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺")
_AFTER_SYMBOLS = ("%", "€", "$", "£", "‰", "°", "+", "x", "×", "-", "–", "—")


def _words(text: str) -> list[str]:
    return [unicodedata.normalize("NFC", w.lower()) for w in _WORD.findall(text)]


def _starts(word: str, prefixes: tuple[str, ...], exact: bool = False) -> bool:
    return word in prefixes if exact else any(word.startswith(p) for p in prefixes)


def _call_word(words: list[str], digits: str, languages: tuple[str, ...] | None) -> bool:
    """A whole call word of the site's languages among `words`; weak ones only for 3+ digits, not a year."""
    strong, weak, _ = words_for(languages)
    if any(w in strong for w in words):
        return True
    return len(digits) >= 3 and not re.fullmatch(r"(19|20)\d\d", digits) and any(w in weak for w in words)


def _not_a_count(text: str, start: int, end: int) -> bool:
    """A citation [1], an exponent (7.5 × 10⁻⁶, 10^6) or a unit (50 kV, 3 MW): never a phone."""
    before, after = text[max(0, start - 12) : start], text[end : end + 12]
    if re.search(r"\[[\d,\s–-]*$", before) and re.match(r"[\d,\s–-]*\]", after):
        return True  # [1], [2, 3], [4-6]
    if (
        re.search(r"(?:(?<![^\W\d_])x|[×·^])\s?$", before)
        or after[:1] in _SUPERSCRIPTS
        or after.startswith(("^", "⁻", "⁺"))
    ):
        return True
    return bool(UNIT.match(after))


def phone_in_text(
    text: str, start: int, end: int, region: str | None, languages: tuple[str, ...] | None = None
) -> bool:
    """Whether text[start:end], a CANDIDATE match, is a phone number typed in.

    `languages` are the site's (call words of those languages count); None means all of them.
    """
    token = text[start:end]
    digits = re.sub(r"\D", "", token)
    after = text[end : end + 24]
    if re.match(r"\s?[%€$£‰°]|[,.]\d|:\d|/\d|-\w|–", after) or re.search(r"\d[:h]\d*$", token):
        return False
    if _not_a_count(text, start, end):
        return False
    if token.startswith("+"):
        return _possible(token, None)
    if digits.startswith("0") and len(digits) >= 9 and region:
        return _possible(token, region) and not _is_date(token) and bool(re.search(r"\d[ .\-]\d", token))
    if not region and len(digits) >= 8:  # "call us on 01 23 45 67 89": national, no region to validate it
        near = _words(text[max(0, start - 64) : start])[-8:] + _words(after)[:2]
        return not _is_date(token) and bool(re.search(r"\d[ .\-]\d", token)) and _call_word(near, digits, languages)
    valid = number_is_valid(digits, region) if region else None
    if len(digits) > 6 or re.search(r"[.\-]", token) or valid is False:
        return False
    before_words = _words(text[max(0, start - 48) : start])[-4:]
    after_words = _words(after)[:2]
    if before_words and _starts(before_words[-1], _NOT_BEFORE, exact=True):
        return False
    if after[:1].isalpha() and not _UNSPACED.match(after):
        return False  # 17th, 15e, 9h
    unit_after = after.lstrip()[:1] in _AFTER_SYMBOLS or (
        after_words and (after_words[0] in _NOT_AFTER_EXACT or _starts(after_words[0], _NOT_AFTER))
    )
    if unit_after and not re.match(r"\s*\(", after):
        return False
    near = text[max(0, start - 12) : start] + " " + text[end : end + 12]
    header = _column_header(text, start)
    header_words = _words(header or "")
    if any(_starts(w, _FIGURE_LABELS) for w in header_words):
        return False  # a column of figures: "Calls answered", "Reports"
    if any(word in near for word in words_for(languages)[2]) or _call_word(
        before_words + after_words + header_words, digits, languages
    ):
        return True
    if valid is None or header is not None or re.fullmatch(r"(19|20)\d\d", digits):
        return False  # no region to validate, a table of figures, a year: a call word is needed
    label = _label(text, start)
    if label is not None and any(_starts(w, _FIGURE_LABELS) for w in _words(label)):
        return False  # "Median: 3018", "Pages built: 116 000"
    if len(digits) >= 5:  # 116 000, 118 218: no ordinary number looks like these
        return True
    return label is None and _emphasised(text, start, end)


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    line_end = text.find("\n", pos)
    return text.rfind("\n", 0, pos) + 1, line_end if line_end >= 0 else len(text)


def _label(text: str, start: int) -> str | None:
    """'Median' in 'Median: **3018**': the words before a colon on the number's line."""
    line_start, _ = _line_bounds(text, start)
    before = text[line_start:start]
    return before.rsplit(":", 1)[0] if ":" in before else None


def _column_header(text: str, start: int) -> str | None:
    """The header of the table column the number is in; None outside a Markdown table."""
    line_start, line_end = _line_bounds(text, start)
    if "|" not in text[line_start:line_end]:
        return None
    column = text[line_start:start].lstrip(" \t>").lstrip("|").count("|")
    lines = text[:line_start].split("\n")[:-1]
    for index in range(len(lines) - 1, 0, -1):
        if "|" not in lines[index]:
            return None
        if _TABLE_SEPARATOR.match(lines[index]):
            cells = lines[index - 1].strip(" \t>").strip("|").split("|")
            return cells[column] if column < len(cells) else ""
    return None


def _emphasised(text: str, start: int, end: int) -> bool:
    """Bold, a link text, a table cell or a line of its own: shown as a number."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    before = text[line_start:start].rstrip()
    after = text[end : line_end if line_end >= 0 else len(text)].lstrip()
    if before.endswith(("**", "__", "[")) or (before.endswith(("*", "(")) and after.startswith(("*", ")"))):
        return True
    before = before.lstrip(" \t>#|").strip()  # a list item of figures ("- 17") is not shown as a number
    return (not before or before.endswith("|")) and (not after.strip(" .:!") or after.startswith("|"))


def _possible(token: str, region: str | None) -> bool:
    try:
        return phonenumbers.is_possible_number(phonenumbers.parse(token, region))
    except NumberParseException:
        return False


def _is_date(token: str) -> bool:
    return bool(re.fullmatch(r"\d{1,4}[.\-/ ]\d{1,2}[.\-/ ]\d{1,4}", token))
