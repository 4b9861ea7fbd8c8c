"""Files written after each language build: per-language 404 pages and vCards,
plus one theme fix applied once every language is built, after which Material's
bundle and search worker are renamed after their final content (vigie_data.fingerprint_theme_bundle).

static-i18n builds the default language, then every other language into the
same site_dir from the default build's `on_post_build` (priority -100). This
hook runs at -200, so its last call happens after every language is done.
"""

from __future__ import annotations

import re
from copy import deepcopy
from pathlib import Path

import phonenumbers
from mkdocs.plugins import event_priority
from vigie_data import (
    VCARD_NAME,
    channel_url,
    fingerprint_theme_bundle,
    hours_text,
    i18n_languages,
    load,
    patch_theme_bundle,
)

_default_404: dict[str, str] = {}

# Material's language switcher fetches `sitemap.xml` below the href of every
# <link rel=alternate> on every page load (one 404 per language with
# static-i18n, and a request to site_url's host for absolute hreflang links).
# static-i18n already points each switcher entry at the same page in that
# language, so the lookup adds nothing: we make its selector match no element.
SWITCHER_SELECTOR = 'M("link[rel=alternate]")'
SWITCHER_DISABLED = 'M("link[rel=alternate][data-vigie-sitemap]")'


def on_template_context(context, template_name, config):
    """The 404 page is not a translation of the last page built: switch between language homes."""
    plugin = config.plugins.get("i18n")
    if template_name == "404.html" and plugin is not None and plugin.extra_alternate:
        config.extra.alternate = deepcopy(plugin.extra_alternate)  # attribute, as static-i18n sets it
    return context


def on_post_template(output, template_name, config):
    """Keep each language's 404 page: the root one is overwritten by every build."""
    if template_name != "404.html":
        return output
    lang, default, _ = i18n_languages(config)
    if lang == default:
        _default_404["html"] = output
    else:
        target = Path(config.site_dir) / lang / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(output, encoding="utf-8")
    return output


@event_priority(-200)
def on_post_build(config):
    plugin = config.plugins.get("i18n")
    if plugin is not None and plugin.building:
        return  # one language's inner build: the outermost call writes for all
    site = Path(config.site_dir)
    _, default, _ = i18n_languages(config)
    for item in config.extra["vigie"].languages or [{"code": default, "prefix": ""}]:
        target = site / item["prefix"] / VCARD_NAME
        target.write_text(vcard(load(item["code"], default)), encoding="utf-8", newline="")
    if "html" in _default_404:
        (site / "404.html").write_text(_default_404["html"], encoding="utf-8")
    disable_switcher_sitemap_fetch(site)
    minify_css(site / "assets" / "css" / "vigie.css")
    fingerprint_theme_bundle(site)  # last: after every patch, before security.py hashes the pages (-300)


def minify_css(path: Path) -> None:
    """Drop comments and spaces from our stylesheet: every page loads it, on roaming data.

    The source keeps its comments for volunteers; the built file is about 40 % smaller gzipped.
    Our CSS has no strings or url()s with spaces, which this simple pass would change.
    """
    css = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
    css = re.sub(r"\s*([{};,>])\s*", r"\1", re.sub(r"\s+", " ", css))
    path.write_text(css.strip() + "\n", encoding="utf-8")


def disable_switcher_sitemap_fetch(site: Path) -> None:
    patch_theme_bundle(
        site, [(SWITCHER_SELECTOR, SWITCHER_DISABLED)], "the sitemap 404 fix in overrides/hooks/site_outputs.py"
    )


def _vcard_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def _fold(line: str, limit: int = 75) -> str:
    """RFC 2426 folding: no line longer than 75 octets, never splitting a character."""
    out, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > limit:
            out.append(current.decode("utf-8"))
            current, limit = b"", 74  # continuation lines start with a space
        current += encoded
    out.append(current.decode("utf-8"))
    return "\r\n ".join(out)


def _region(tel: str) -> str | None:
    return phonenumbers.region_code_for_number(phonenumbers.parse(tel, None)) if tel.startswith("+") else None


def vcard_note(data, item: dict) -> str:
    """The `when` line, then the hours of every channel (a link where the site gives them)."""
    labels, template = data.labels, data.labels["ui"]["channel_hours"]
    parts = []
    for channel in item["channels"]:
        hours = hours_text(channel["hours"], labels)
        if channel["hours"] == "see-site":
            hours = f"{hours} ({channel_url(item, channel)})"
        parts.append(template.format(channel=labels["channels"][channel["type"]], hours=hours))
    return "\n".join([item["when"], *parts])


def vcard(data) -> str:
    """A vCard 3.0 file with one contact per helpline that has a number, named as French services."""
    org = _vcard_text(data.labels.get("site_name", "Vigie"))
    cards = []
    for hid, entry in data.registry["helplines"].items():
        if "tel" not in entry:
            continue
        item = data.helpline(hid)
        # "Police (France)": once home, a saved contact must not pass for a local service.
        # A number of another country (the US CyberTipline) keeps its plain name.
        french = (entry.get("region") or _region(entry["tel"])) == "FR"
        name = _vcard_text(data.labels["ui"]["vcard_name"].format(name=item["name"]) if french else item["name"])
        lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{name}", f"N:{name};;;;", f"ORG:{org}"]
        if entry.get("voice", True):
            lines.append(f"TEL;TYPE=VOICE:{entry['tel']}")
        if "sms" in entry:
            lines.append(f"TEL;TYPE=TEXT:{entry['sms']}")
        if entry.get("url"):
            lines.append(f"URL:{entry['url']}")
        lines += [f"NOTE:{_vcard_text(vcard_note(data, item))}", f"UID:vigie-{hid}", "END:VCARD"]
        cards.append("\r\n".join(_fold(line) for line in lines))
    return "\r\n".join(cards) + "\r\n"
