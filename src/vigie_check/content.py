"""Content check on the Markdown: unsafe HTML, third-party resources, phones.

Raw HTML inside Markdown is tokenised with the standard library's HTML
parser, which gives the line of every tag; the files are small, so its speed
does not matter here. Markdown link syntax is matched with patterns.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

from .findings import Finding
from .markdown import Lines, blank_all, mask_code, spaces
from .phones import CANDIDATE, phone_in_text

UNSAFE_TAGS = {"script", "iframe", "object", "embed"}
# Attributes that make the browser fetch something while the page loads.
RESOURCE_ATTRS = {
    "img": ("src", "srcset"), "source": ("src", "srcset"), "video": ("src", "poster"), "audio": ("src",),
    "track": ("src",), "iframe": ("src",), "embed": ("src",), "object": ("data",), "script": ("src",),
    "link": ("href",), "input": ("src",), "image": ("href", "xlink:href"), "use": ("href", "xlink:href"),
}  # fmt: skip
_LINK = re.compile(r"(!?)\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\(\s*(<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)")
_REF_DEF = re.compile(r"^ {0,3}\[([^\]\n]+)\]:[ \t]*(<[^>\n]*>|\S+)", re.M)
_REF_IMAGE = re.compile(r"!\[([^\]\n]*)\]\[([^\]\n]*)\]")
_ATTR_LIST = re.compile(r"\{:?[ \t]*[#.:\w][^}\n]*\}")
_ON_ATTR = re.compile(r"(?<![\w:-])(on[a-z]+)\s*=", re.I)
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.I)
_TEL = re.compile(r"(?<![\w.-])(?:tel|sms):[^\s)\"'<>\]]+", re.I)
# Not prose, for the phone search: tags, URLs, link targets, attribute lists...
_NOT_PROSE = re.compile(
    r"(?=[<\]hHwW{\[&: \t>\d])(?:"  # a cheap first-character filter, then the alternatives
    + "|".join(
        [
            r"<[a-zA-Z/!?][^>]*>",
            r"\]\([^)\n]*\)",
            r"(?i:(?:https?://|www\.)[^\s<>)\]]+)",
            r"(?m:^ {0,3}\[[^\]\n]+\]:[ \t]*\S+)",
            _ATTR_LIST.pattern,
            r"(?m:^[ \t>]*\d{1,9}[.)](?=[ \t]))",
            r"\[\^[^\]\n]*\]",
            r"&#?\w+;",
            r":[\w+-]+:",
        ]
    )
    + ")"
)


def is_script_url(value: str) -> bool:
    value = re.sub(r"[\x00-\x20]", "", html.unescape(value)).lower()
    return value.startswith(("javascript:", "vbscript:"))


def foreign_host(url: str, site_host: str) -> str | None:
    """The host of an absolute URL that is not the site's own, else None."""
    url = url.strip()
    if not re.match(r"(?i)(https?:)?//", url):
        return None
    try:
        host = urlsplit(url if ":" in url.split("/", 1)[0] else "https:" + url).hostname or ""
    except ValueError:
        return "?"
    return host if host and host != site_host else None


def srcset_urls(value: str) -> list[str]:
    """The URLs of a srcset attribute ('a.png 1x, b.png 2x')."""
    urls = []
    for candidate in re.split(r",\s+|,(?=\S)(?![^(]*\))", value.strip()):
        candidate = candidate.strip()
        if candidate:
            urls.append(candidate.split()[0].rstrip(","))
    return urls


def css_urls(css: str) -> list[str]:
    """The URLs a piece of CSS loads: url(...) and @import."""
    return [a or b for a, b in _CSS_URL.findall(css)]


class _Tags(HTMLParser):
    """Every start tag with its attributes and line; CSS inside <style>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]], int]] = []
        self.css: list[tuple[str, int]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs, self.getpos()[0]))

    def handle_data(self, data):
        if self.lasttag == "style" and self.cdata_elem == "style":
            self.css.append((data, self.getpos()[0]))


# Not text for any content check: what <script> and <style> contain (the tags stay for the HTML checks),
# and superscripts (citations¹, exponents 10<sup>-6</sup>).
_BODIES = re.compile(r"(?is)(<(script|style|sup)\b[^>]*>)(.*?)(</\2\s*>|\Z)")


def _blank_bodies(text: str) -> str:
    """`text` with the bodies of <script>, <style> and <sup> blanked (offsets and lines kept)."""
    if "<" not in text:
        return text
    return _BODIES.sub(lambda m: m.group(1) + spaces(m.group(3)) + m.group(4), text)


def check_markdown(
    text: str,
    file: str,
    language: str | None,
    site_host: str,
    region: str | None,
    languages: tuple[str, ...] | None = None,
) -> list[Finding]:
    """Findings of one Markdown page; `languages` are the site's, for the call words of phone numbers."""
    with_bodies = mask_code(text)
    line_of = Lines(with_bodies)
    out: list[Finding] = []

    def add(kind: str, line: int, target: str | None, message: str) -> None:
        out.append(Finding(kind, file, line, target, language, message))

    parser = _Tags()
    try:
        parser.feed(with_bodies)
        parser.close()
    except Exception:  # noqa: BLE001 - a parser bug must not hide other findings
        pass
    for tag, attrs, line in parser.tags:
        if tag in UNSAFE_TAGS:
            add("unsafe-html", line, f"<{tag}>", f"raw <{tag}> in the page")
        for name, value in attrs:
            if re.fullmatch(r"on[a-z]+", name):
                add("unsafe-html", line, name, f"event handler attribute {name}= on <{tag}>")
            elif value and is_script_url(value):
                add("unsafe-html", line, value[:80], f"javascript: URL in {name}= of <{tag}>")
        for name, value in attrs:
            if not value:
                continue
            urls = srcset_urls(value) if name == "srcset" else [value] if name in RESOURCE_ATTRS.get(tag, ()) else []
            if name == "style":
                urls = css_urls(value)
            for url in urls:
                host = foreign_host(url, site_host)
                if host:
                    add("third-party-resource", line, url, f"<{tag} {name}> loads a resource from {host}")
    for css, line in parser.css:
        for url in css_urls(css):
            host = foreign_host(url, site_host)
            if host:
                add("third-party-resource", line, url, f"a style loads a resource from {host}")

    masked = _blank_bodies(with_bodies)

    refs = {m.group(1).strip().lower(): m.group(2).strip("<>") for m in _REF_DEF.finditer(masked)}
    for match in _LINK.finditer(masked):
        url = match.group(2).strip("<>")
        line = line_of(match.start(2))
        if is_script_url(url):
            add("unsafe-html", line, url[:80], "javascript: URL in a Markdown link")
        elif match.group(1) and foreign_host(url, site_host):
            add("third-party-resource", line, url, f"image loaded from {foreign_host(url, site_host)}")
    for match in _REF_IMAGE.finditer(masked):
        url = refs.get((match.group(2) or match.group(1)).strip().lower(), "")
        if foreign_host(url, site_host):
            add(
                "third-party-resource", line_of(match.start()), url, f"image loaded from {foreign_host(url, site_host)}"
            )
    for match in _REF_DEF.finditer(masked):
        if is_script_url(match.group(2)):
            add("unsafe-html", line_of(match.start(2)), match.group(2)[:80], "javascript: URL in a link definition")
    for match in _ATTR_LIST.finditer(masked):
        for handler in _ON_ATTR.findall(match.group()):
            add("unsafe-html", line_of(match.start()), handler, f"event handler {handler}= in an attribute list")
        if "javascript:" in match.group().lower():
            add("unsafe-html", line_of(match.start()), match.group()[:80], "javascript: URL in an attribute list")

    out.extend(_phones(masked, line_of, file, language, region, languages))
    return out


NO_REGION_HINT = (
    "Use a shortcode (<!-- helpline:ID --> or <!-- number:ID -->) with the number in the registry;"
    " or set extra.checker.region in mkdocs.yml (for example FR) so national numbers can be validated."
)


def _phones(
    masked: str, line_of: Lines, file: str, language: str | None, region: str | None, languages
) -> list[Finding]:
    found: dict[tuple[int, str], Finding] = {}
    lowered = masked.lower()
    for match in _TEL.finditer(masked) if "tel:" in lowered or "sms:" in lowered else ():
        line = line_of(match.start())
        digits = re.sub(r"\D", "", match.group())
        found.setdefault(
            (line, digits),
            Finding("hardcoded-phone", file, line, match.group(), language, f"number typed in a link: {match.group()}"),
        )
    prose = blank_all(masked, _NOT_PROSE)
    for match in CANDIDATE.finditer(prose):
        if phone_in_text(prose, match.start(), match.end(), region, languages):
            line = line_of(match.start())
            number = match.group()
            hint = NO_REGION_HINT if not region and not number.startswith("+") else None
            found.setdefault(
                (line, re.sub(r"\D", "", number)),
                Finding(
                    "hardcoded-phone",
                    file,
                    line,
                    number,
                    language,
                    f"phone number {number} typed in the text",
                    hint=hint,
                ),
            )
    return list(found.values())
