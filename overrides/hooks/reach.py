"""Help for visitors the plain page does not reach: no French, no voice, no trail.

    <!-- french-phrases -->   French sentences to show or read (what-to-do #no-french),
                              each with its meaning in the page's language, and a
                              "Show this screen" view (CSS :target; JS adds full screen)
    <!-- sms-114 -->          an SMS to 114 prefilled in French, with a button that adds
                              the phone's position (assets/js/vigie-sms.js)
    <!-- history-switch -->   the opt-in "keep this site out of Back" switch (vigie-exit.js)

The French text lives once, in data/i18n/fr.yml (`no_french`, `sms_114`, and the
language names in French); each language's file says what it means. Numbers come
from data/helplines.yml. Scripts are added only to pages that use them.
"""

from __future__ import annotations

import re
from html import escape
from urllib.parse import quote

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url
from vigie_data import french_labels

SHORTCODE_RE = re.compile(r"<!--\s*(french-phrases|sms-114|history-switch)\s*-->")
SCRIPTS = {'id="show-screen"': "assets/js/vigie-show.js", 'id="sms-114"': "assets/js/vigie-sms.js"}
FR = "fr"


def _number(data, hid: str) -> str:
    entry = data.registry["helplines"][hid]
    return f'<bdi class="vigie-number" dir="ltr">{escape(entry["number"])}</bdi>'


def _french_name(lang: str) -> str:
    names = french_labels()["no_french"].get("language_names") or {}
    if not names.get(lang):
        raise LookupError(
            f"data/i18n/fr.yml: no_french.language_names.{lang} is missing: add the language's name in French"
        )
    return names[lang]


def _fill(text: str, **values) -> str:
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return text


def render_phrases(data, lang: str) -> str:
    french, own = french_labels()["no_french"], data.labels["no_french"]
    police = _number(data, "police")
    items = []
    for key, sentence in french["phrases"].items():
        if lang == FR and "{language}" in sentence:
            continue  # "I do not speak French" says nothing on the French page
        fr_text = _fill(escape(sentence), language=escape(_french_name(lang)), police=police)
        item = f'<p class="vigie-phrase__fr" lang="fr" dir="ltr">{fr_text}</p>'
        if lang != FR:
            meaning = _fill(escape(own["phrases"][key]), language=escape(data.labels["language_name"]), police=police)
            item += f'<p class="vigie-phrase__meaning">{meaning}</p>'
        items.append(f"<li>{item}</li>")
    return (
        f'<p class="vigie-show-link"><a class="vigie-button" href="#show-screen">{escape(own["show_screen"])}</a></p>\n'
        f'<div class="vigie-phrases" id="show-screen" role="region" aria-label="{escape(own["screen_label"])}">'
        f'<p class="vigie-phrases__close"><a class="vigie-button" href="#no-french">{escape(own["close"])}</a></p>'
        f'<ul class="vigie-phrases__list">{"".join(items)}</ul></div>\n'
    )


def sms_body(data, lang: str) -> tuple[str, str]:
    """The French message and what it means in the page's language (both plain text)."""
    french, own = french_labels()["sms_114"], data.labels["sms_114"]
    fr_lines, own_lines = [], []
    for fr_line, own_line in zip(french["lines"], own["lines"], strict=True):
        if lang == FR and "{language}" in fr_line:
            continue
        fr_lines.append(_fill(fr_line, language=_french_name(lang)))
        own_lines.append(_fill(own_line, language=data.labels["language_name"]))
    return "\n".join(fr_lines + [french["place"]]), "\n".join(own_lines + [own["place"]])


def render_sms(data, lang: str) -> str:
    french, own = french_labels()["sms_114"], data.labels["sms_114"]
    entry = data.registry["helplines"]["sms-emergency"]
    body, meaning = sms_body(data, lang)
    # `?&body=`: RFC 5724's `?body=` that iOS 8+ (which reads `&body=`) also accepts;
    # vigie-sms.js writes the exact form for the phone it runs on.
    href = f"sms:{entry['sms']}?&body={quote(body, safe='')}"
    preview = f'<p class="vigie-sms__body" lang="fr" dir="ltr">{escape(body)}</p>'
    if lang != FR:
        preview += f'<p class="vigie-sms__meaning">{escape(meaning)}</p>'
    place = french["place"].strip()
    link = (
        f'<a id="sms-114" class="vigie-button vigie-button--urgent" href="{escape(href)}" '
        f'data-sms="{escape(entry["sms"])}" data-place="{escape(place)}">'
        f"{_fill(escape(own['send']), number=_number(data, 'sms-emergency'))}</a>"
    )
    attrs = {
        "data-position": french["position"],
        "data-locating": own["locating"],
        "data-added": own["added"],
        "data-refused": _fill(own["refused"], place=place),
    }
    button = (
        '<button id="add-location" class="vigie-button" type="button" hidden '
        + " ".join(f'{k}="{escape(v)}"' for k, v in attrs.items())
        + f">{escape(own['add_location'])}</button>"
    )
    return (
        f'<div class="vigie-sms"><p>{link}</p><p>{button}</p>'
        '<p class="vigie-sms__status" role="status"></p>'
        f'<details class="vigie-sms__read"><summary>{escape(own["read"])}</summary>{preview}</details>'
        "</div>\n"
    )


def render_history_switch(data, lang: str) -> str:
    labels = data.labels["history"]
    return (
        '<div class="vigie-history">'
        f'<p class="vigie-history__switch" hidden><input type="checkbox" id="history-switch" '
        f'data-on="{escape(labels["enabled"])}" data-off="{escape(labels["disabled"])}">'
        f' <label for="history-switch">{escape(labels["label"])}</label></p>'
        f'<p class="vigie-history__state" role="status">{escape(labels["no_js"])}</p>'
        "</div>\n"
    )


RENDERERS = {"french-phrases": render_phrases, "sms-114": render_sms, "history-switch": render_history_switch}


def on_page_markdown(markdown, page, config, files):
    data = config.extra["vigie"]

    def expand(match: re.Match) -> str:
        try:
            return RENDERERS[match.group(1)](data, data.lang)
        except (LookupError, ValueError) as exc:
            line = markdown.count("\n", 0, match.start()) + 1
            raise PluginError(f"{page.file.src_uri}:{line}: {match.group(0)}: {exc}") from None

    return SHORTCODE_RE.sub(expand, markdown)


def on_post_page(output, page, config):
    for marker, script in SCRIPTS.items():
        if marker in output:
            src = get_relative_url(script, page.url or ".")
            output = output.replace("</body>", f'<script src="{src}" defer></script>\n</body>', 1)
    return output
