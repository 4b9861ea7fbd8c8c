"""Helpline shortcodes: HTML comments in Markdown, expanded from data/helplines.yml.

    <!-- helpline:ID -->          inline tap-to-call link with the localised name
    <!-- number:ID -->            inline tap-to-call link, number only
    <!-- helplines:CATEGORY -->   cards of one category
    <!-- helplines -->            cards of every category
    <!-- channels:ID -->          one service's buttons (call, chat, form...) and hours per channel
    <!-- home-clash -->           where this language's home countries use a bar number for
                                  something else: what it is in France, and the emergency numbers
                                  (renders nothing for other languages)
    <!-- save-numbers -->         link to this language's vCard

Comments stay invisible in GitHub's preview. Like Material's own shortcodes
they fail fast: an unknown name, id or category stops the build with page:line.
"""

from __future__ import annotations

import re
from html import escape

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url
from vigie_data import VCARD_NAME, channel_url, hours_text, i18n_languages

SHORTCODE_RE = re.compile(r"<!--\s*([a-z][a-z-]*)(?::([A-Za-z0-9_-]+))?\s*-->")
# Shortcodes that other hooks expand; listed so a typo elsewhere still fails.
OTHER_HOOKS = {
    "translation-status",
    "print-materials",
    "print-pdfs",
    "french-phrases",
    "sms-114",
    "history-switch",
    "workshop-kit",
}


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


# Channels that open a page: their button label is under `actions:` in data/i18n.
ACTION_CHANNELS = ("chat", "web-form", "whatsapp", "messenger", "app", "video", "text")


def _link(href: str, text: str, cls: str) -> str:
    return f'<a class="{cls}" href="{escape(href)}">{escape(text)}</a>'


def actions(data, entry: dict) -> list[str]:
    """Buttons: call, SMS, then every channel with a web address, then the website if not already linked."""
    ui, out, linked = data.labels["ui"], [], set()
    if "tel" in entry and entry.get("voice", True):
        out.append(f'<a class="vigie-card__call" href="tel:{entry["tel"]}">{escape(ui["call"])} {_number(entry)}</a>')
    if "sms" in entry:
        out.append(
            f'<a class="vigie-card__call" href="sms:{entry["sms"]}">{escape(ui["send_sms"])} {_number(entry)}</a>'
        )
    for channel in entry["channels"]:
        # A web service's own site is where its channels are; a phone line's site is not a chat.
        url = channel.get("url") or (entry.get("url") if "tel" not in entry else None)
        if channel["type"] in ACTION_CHANNELS and url and url not in linked:
            out.append(_link(url, data.labels["actions"][channel["type"]], "vigie-card__web vigie-card__action"))
            linked.add(url)
    if entry.get("url") and entry["url"] not in linked:
        out.append(_link(entry["url"], ui["website"], "vigie-card__web"))
    return out


def _hours_html(data, entry: dict, channel: dict) -> str:
    if channel["hours"] == "see-site":
        return _link(channel_url(entry, channel), hours_text("see-site", data.labels), "vigie-hours__site")
    return escape(hours_text(channel["hours"], data.labels))


def hours_html(data, entry: dict) -> str:
    """Opening hours per channel; one line when every channel has the same hours."""
    channels = entry["channels"]
    if len({c["hours"] for c in channels}) == 1:
        return _hours_html(data, entry, channels[0])
    template = data.labels["ui"]["channel_hours"]
    items = []
    for channel in channels:
        name = escape(data.labels["channels"][channel["type"]])
        items.append("<li>" + template.format(channel=name, hours=_hours_html(data, entry, channel)) + "</li>")
    return '<ul class="vigie-hours">' + "".join(items) + "</ul>"


def facts(data, entry: dict) -> str:
    ui = data.labels["ui"]
    channels = ui.get("list_separator", ", ").join(data.labels["channels"][c["type"]] for c in entry["channels"])
    rows = [
        (ui["available"], hours_html(data, entry)),
        (ui["cost"], escape(data.labels["costs"][entry["cost"]])),
        (ui["channels"], escape(channels)),
    ]
    return '<dl class="vigie-card__facts">' + "".join(f"<dt>{escape(k)}</dt><dd>{v}</dd>" for k, v in rows) + "</dl>"


def card(data, entry: dict) -> str:
    ui = data.labels["ui"]
    notes = []
    if "tel" in entry and entry.get("voice") is False:
        notes.append(ui["no_voice"])
    if entry.get("accessible") and "tel" in entry:
        notes.append(ui["accessible"])
    note = "".join(f'<p class="vigie-card__note">{escape(n)}</p>' for n in notes)
    return (
        f'<div class="vigie-card vigie-card--{entry["category"]}">'
        f'<p class="vigie-card__name">{escape(entry["name"])}</p>'
        f'<p class="vigie-card__when">{escape(entry["when"])}</p>'
        f'<p class="vigie-card__actions">{" ".join(actions(data, entry))}</p>{note}'
        f"{facts(data, entry)}</div>"
    )


def render_channels(data, hid, **_):
    """One service's ways in: the buttons and the hours of each channel, without the card's name."""
    entry = _entry(data, hid)
    return (
        f'\n<div class="vigie-channels vigie-card vigie-card--{entry["category"]}">'
        f'<p class="vigie-card__actions">{" ".join(actions(data, entry))}</p>{facts(data, entry)}</div>\n'
    )


def render_home_clash(data, arg, **_):
    """In zh, ja, ko...: what a bar number is in France, and the numbers to call instead (data/helplines.yml)."""
    if arg:
        raise LookupError("home-clash takes no argument")
    clashes = data.registry["home_clashes"].get(data.lang) or []
    if not clashes:
        return ""
    text = data.labels["home_clash"]
    notes = []
    for hid in clashes:
        entry = data.helpline(hid)
        note = escape(text["note"]).replace("{number}", _number(entry)).replace("{name}", escape(entry["name"]))
        notes.append(f'<p class="vigie-clash__note">{note}</p>')
    items = []
    for hid in data.registry["emergency_numbers"]:
        entry = data.helpline(hid)
        label = escape(f"{entry['name']} {entry['number']}")
        call = f'<a class="vigie-tel" href="tel:{entry["tel"]}" aria-label="{label}">{_number(entry)}</a>'
        items.append(f"<li>{call} <bdi>{escape(entry['name'])}</bdi></li>")
    return (
        f'\n<div class="vigie-clash" role="note">{"".join(notes)}'
        f'<p class="vigie-clash__title">{escape(text["numbers"])}</p>'
        f'<ul class="vigie-clash__numbers">{"".join(items)}</ul></div>\n'
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
    "channels": render_channels,
    "home-clash": render_home_clash,
    "save-numbers": render_save,
}
KNOWN = sorted(RENDERERS)
