"""Helpline shortcodes: HTML comments in Markdown, expanded from data/helplines.yml.

    <!-- helpline:ID -->          inline tap-to-call link with the localised name
    <!-- number:ID -->            inline tap-to-call link, number only
    <!-- helplines:CATEGORY -->   cards of one category
    <!-- helplines -->            cards of every category
    <!-- save-numbers -->         link to this language's vCard

Comments stay invisible in GitHub's preview. Like Material's own shortcodes
they fail fast: an unknown name, id or category stops the build with page:line.
"""

from __future__ import annotations

import re
from html import escape

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url
from vigie_data import VCARD_NAME, hours_text, i18n_languages

SHORTCODE_RE = re.compile(r"<!--\s*([a-z][a-z-]*)(?::([A-Za-z0-9_-]+))?\s*-->")
# Shortcodes that other hooks expand; listed so a typo elsewhere still fails.
OTHER_HOOKS = {"translation-status", "print-materials", "print-pdfs"}


def on_page_markdown(markdown, page, config, files):
    data = config.extra["vigie"]

    def expand(match: re.Match) -> str:
        name, arg = match.group(1), match.group(2)
        where = f"{page.file.src_uri}:{markdown.count(chr(10), 0, match.start()) + 1}"
        render = RENDERERS.get(name)
        if render is None:
            if name in OTHER_HOOKS:
                return match.group(0)
            raise PluginError(f"{where}: unknown shortcode '{name}' (known: {', '.join(KNOWN)})")
        try:
            return render(data, arg, page=page, config=config)
        except LookupError as exc:
            raise PluginError(f"{where}: shortcode '{match.group(0)}': {exc.args[0]}") from None

    return SHORTCODE_RE.sub(expand, markdown)


def _entry(data, hid):
    if not hid or hid not in data.registry["helplines"]:
        raise LookupError(f"unknown helpline id '{hid}'")
    return data.helpline(hid)


def _number(entry: dict) -> str:
    return f'<bdi class="vigie-number" dir="ltr">{escape(entry["number"])}</bdi>'


def render_inline(data, hid, **_):
    entry = _entry(data, hid)
    name = escape(entry["name"])
    # <bdi> keeps "(name)" whole when a Latin name wraps inside right-to-left text.
    if "tel" in entry and entry.get("voice", True):
        return f'<a class="vigie-tel" href="tel:{entry["tel"]}">{_number(entry)} <bdi>({name})</bdi></a>'
    if "sms" in entry:
        return f'<a class="vigie-tel" href="sms:{entry["sms"]}">{_number(entry)} <bdi>({name})</bdi></a>'
    return f'<a class="vigie-web" href="{escape(entry["url"])}">{name}</a>'


def render_number(data, hid, **_):
    entry = _entry(data, hid)
    if "tel" not in entry:
        raise LookupError(f"helpline '{hid}' has no number; use helpline:{hid}")
    scheme, dial = ("tel", entry["tel"]) if entry.get("voice", True) else ("sms", entry["sms"])
    label = escape(f"{entry['name']} {entry['number']}")
    return f'<a class="vigie-tel" href="{scheme}:{dial}" aria-label="{label}">{_number(entry)}</a>'


def card(data, entry: dict) -> str:
    ui = data.labels["ui"]
    actions = []
    if "tel" in entry and entry.get("voice", True):
        actions.append(
            f'<a class="vigie-card__call" href="tel:{entry["tel"]}">{escape(ui["call"])} {_number(entry)}</a>'
        )
    if "sms" in entry:
        actions.append(
            f'<a class="vigie-card__call" href="sms:{entry["sms"]}">{escape(ui["send_sms"])} {_number(entry)}</a>'
        )
    if entry.get("url"):
        actions.append(f'<a class="vigie-card__web" href="{escape(entry["url"])}">{escape(ui["website"])}</a>')
    channels = ui.get("list_separator", ", ").join(data.labels["channels"][c] for c in entry["channels"])
    facts = [
        (ui["available"], hours_text(entry, data.labels)),
        (ui["cost"], data.labels["costs"][entry["cost"]]),
        (ui["channels"], channels),
    ]
    notes = []
    if entry.get("voice") is False:
        notes.append(ui["no_voice"])
    if entry.get("accessible") and "tel" in entry:
        notes.append(ui["accessible"])
    dl = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in facts)
    note = "".join(f'<p class="vigie-card__note">{escape(n)}</p>' for n in notes)
    return (
        f'<div class="vigie-card vigie-card--{entry["category"]}">'
        f'<p class="vigie-card__name">{escape(entry["name"])}</p>'
        f'<p class="vigie-card__when">{escape(entry["when"])}</p>'
        f'<p class="vigie-card__actions">{" ".join(actions)}</p>{note}'
        f'<dl class="vigie-card__facts">{dl}</dl></div>'
    )


def render_cards(data, category, **_):
    if category not in data.registry["categories"]:
        raise LookupError(f"unknown helpline category '{category}'")
    cards = [card(data, data.helpline(h)) for h, e in data.registry["helplines"].items() if e["category"] == category]
    return '\n<div class="vigie-cards">' + "".join(cards) + "</div>\n"


def render_all(data, arg, **kw):
    if arg:
        raise LookupError("use helplines:CATEGORY for one category")
    parts = []
    for cat in data.registry["categories"]:
        title = escape(data.labels["categories"][cat])
        parts.append(f'\n<h3 class="vigie-category" id="category-{cat}">{title}</h3>\n')
        parts.append(render_cards(data, cat))
    return "".join(parts)


def render_save(data, arg, page, config, **_):
    if arg:
        raise LookupError("save-numbers takes no argument")
    lang, default, _ = i18n_languages(config)
    target = VCARD_NAME if lang == default else f"{lang}/{VCARD_NAME}"
    href = get_relative_url(target, page.url or ".")
    label = escape(data.labels["ui"]["save_numbers"])
    return f'<p class="vigie-save"><a href="{href}" download type="text/vcard">{label}</a></p>'


RENDERERS = {
    "helpline": render_inline,
    "number": render_number,
    "helplines": lambda data, arg, **kw: render_cards(data, arg) if arg else render_all(data, arg),
    "save-numbers": render_save,
}
KNOWN = sorted(RENDERERS)
