"""Phone numbers: validate tel:/sms: links, and find numbers typed in prose.

Short numbers are validated for one region (FR by default, or
`extra.checker.region`); numbers starting with + are validated globally.
"""

from __future__ import annotations

import functools
import re
from urllib.parse import unquote

import phonenumbers
from phonenumbers import NumberParseException

_TEL_BODY = re.compile(r"^\+?[0-9]+$")
_VISUAL = re.compile(r"[\s\-.()\u00a0]")


@functools.lru_cache(maxsize=4096)
def tel_problem(url: str, region: str) -> str | None:
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
        if not number_is_valid(digits, region):
            return f"{number} is not a valid number" + ("" if digits.startswith("+") else f" for region {region}")
    return None


def number_is_valid(digits: str, region: str) -> bool:
    try:
        if digits.startswith("+"):
            return phonenumbers.is_valid_number(phonenumbers.parse(digits, None))
        parsed = phonenumbers.parse(digits, region)
    except NumberParseException:
        return False
    return phonenumbers.is_valid_short_number_for_region(parsed, region) or phonenumbers.is_valid_number(parsed)


# A digit run with single separators; the checks below decide if it is a phone.
# Letters of scripts written without spaces (CJK) may touch a number: "拨打119".
CANDIDATE = re.compile(
    r"(?=[+\d])(?<![+\-./:#@=&%§°\\])(?<![^\W\u3000-\u9fff\uac00-\ud7af\uff00-\uffef])"  # not in a word or URL
    r"(\+\s?)?\d+(?:(?:[ \u00a0\u202f.]|-(?=\d))\d+)*"
)
_UNSPACED = re.compile(r"[\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]")
_UNSPACED_CALL_WORDS = ("拨打", "致电", "电话", "電話", "ダイヤル", "かけ", "전화", "번으로")
_WORD = re.compile(r"[^\W\d_]+|[☎📞✆]", re.UNICODE)
# Words that say "this is a number to call" (prefix match, many languages).
_CALL_WORDS = (
    "call", "dial", "phone", "tel", "tél", "telephon", "téléphon", "hotline", "helpline", "sms", "text",
    "appel", "compos", "numéro", "number", "ligne", "joindre", "llam", "marca", "teléfon", "número",
    "chiam", "telefon", "numero", "anruf", "ruf", "wähl", "nummer", "bel", "ligue", "ligar", "liga",
    "gratuit", "free", "gratis", "kostenlos", "gratuito",
    "звон", "номер", "телефон", "اتصل", "رقم", "拨打", "电话", "電話", "☎", "📞", "✆",
)  # fmt: skip
# Words next to a number that say it is an age, a count, a date or a law.
_NOT_BEFORE = (
    "under", "over", "aged", "age", "âge", "moins", "plus", "than", "article", "art", "loi", "law", "no",
    "n", "nº", "chapter", "page", "p", "decree", "décret", "section", "top", "since", "depuis", "en", "in",
    "year", "année", "from", "to", "and", "et", "until", "jusqu", "between", "entre", "menos", "unter", "über",
)  # fmt: skip
_NOT_AFTER = (
    "year", "age", "ans", "km", "min", "sec", "hour", "heure", "day", "jour", "week", "semaine", "month",
    "mois", "people", "person", "personne", "child", "enfant", "kid", "victim", "victime", "percent", "pour",
    "page", "euro", "dollar", "million", "milliard", "billion", "thousand", "mille", "times", "fois", "janv",
    "jan", "fév", "feb", "mar", "avr", "apr", "mai", "may", "juin", "jun", "juil", "jul", "août", "aug", "sep",
    "oct", "nov", "déc", "dec", "años", "jahre", "anni", "лет", "год",
)  # fmt: skip
# Short words after a number that are units or ordinals only when whole.
_NOT_AFTER_EXACT = {"an", "m", "h", "e", "er", "ème", "th", "st", "nd", "rd", "x", "lat", "s"}
_ARTICLES = {"le", "au", "du", "the", "el", "al", "il", "lo", "der", "den", "dem", "o", "het"}
_AFTER_SYMBOLS = ("%", "€", "$", "£", "‰", "°", "+", "x", "×", "-", "–", "—")


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _starts(word: str, prefixes: tuple[str, ...], exact: bool = False) -> bool:
    return word in prefixes if exact else any(word.startswith(p) for p in prefixes)


def phone_in_text(text: str, start: int, end: int, region: str) -> bool:
    """Whether text[start:end], a CANDIDATE match, is a phone number typed in."""
    token = text[start:end]
    digits = re.sub(r"\D", "", token)
    after = text[end : end + 24]
    if re.match(r"\s?[%€$£‰°]|[,.]\d|:\d|/\d|-\w|–", after) or re.search(r"\d[:h]\d*$", token):
        return False
    if token.startswith("+"):
        return _possible(token, None)
    if digits.startswith("0") and len(digits) >= 9:
        return _possible(token, region) and not _is_date(token)
    if len(digits) > 6 or re.search(r"[.\-]", token) or not number_is_valid(digits, region):
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
    if len(digits) >= 5:  # 116 000, 118 218: no ordinary number looks like these
        return True
    if len(digits) >= 3 and before_words and before_words[-1] in _ARTICLES:
        return True  # "le 119", "the 3018"; dates were ruled out above
    near = text[max(0, start - 12) : start] + " " + text[end : end + 12]
    if any(word in near for word in _UNSPACED_CALL_WORDS):
        return True
    return _emphasised(text, start, end) or any(_starts(w, _CALL_WORDS) for w in before_words + after_words)


def _emphasised(text: str, start: int, end: int) -> bool:
    """Bold, a link text, a table cell or a line of its own: shown as a number."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    before = text[line_start:start].rstrip()
    after = text[end : line_end if line_end >= 0 else len(text)].lstrip()
    if before.endswith(("**", "__", "[")) or (before.endswith(("*", "(")) and after.startswith(("*", ")"))):
        return True
    before = before.lstrip(" \t>#-*+|").strip()
    return (not before or before.endswith("|")) and (not after.strip(" .:!") or after.startswith("|"))


def _possible(token: str, region: str | None) -> bool:
    try:
        return phonenumbers.is_possible_number(phonenumbers.parse(token, region))
    except NumberParseException:
        return False


def _is_date(token: str) -> bool:
    return bool(re.fullmatch(r"\d{1,4}[.\-/ ]\d{1,2}[.\-/ ]\d{1,4}", token))
