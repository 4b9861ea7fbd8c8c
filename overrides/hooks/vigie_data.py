"""Load and validate Vigie's single-source data: helplines, labels, site settings.

Every hook, script and test reads data/ through this module, so validation
happens once and fails closed: a `DataError` names the file, the line and the
field. Nothing downstream re-validates or guesses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import phonenumbers
import yaml

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "data"

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DIAL_RE = re.compile(r"^\+?[0-9]{2,15}$")
CHECKED_RE = re.compile(r"^20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")
# "see-site": hours not confirmed by a source we read; the card links to the service's site instead.
HOURS_RE = re.compile(r"^(24/7|see-site|([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-4]):[0-5][0-9])$")
CHANNELS = {"voice", "sms", "chat", "app", "video", "text", "web-form", "whatsapp", "messenger"}
COSTS = {"free", "international-rate", "free-in-us"}
REQUIRED = ("id", "category", "channels", "cost", "source", "checked")
URL_RE = re.compile(r"^https?://[^\s/]+")


class DataError(ValueError):
    """A data file is wrong. The message says where: `file:line: what`."""


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """A YAML loader (libyaml when available) that remembers the line of every mapping as `__line__`."""

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        mapping["__keys__"] = {k.value: k.start_mark.line + 1 for k, _ in node.value if hasattr(k, "value")}
        return mapping


_parsed: dict[tuple, object] = {}


def _read_yaml(path: Path):
    """Parse once per file version: static-i18n rebuilds (and reloads data) once per language.

    Callers get fresh copies through _strip_lines, so the cached tree is never mutated.
    """
    try:
        stat = path.stat()
        key = (str(path), stat.st_mtime_ns, stat.st_size)
        if key not in _parsed:
            _parsed[key] = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
        return _parsed[key]
    except FileNotFoundError:
        raise DataError(f"{_rel(path)}: file not found") from None
    except yaml.YAMLError as exc:
        raise DataError(f"{_rel(path)}: not valid YAML: {exc}") from None


def _rel(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def _strip_lines(value):
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k not in ("__line__", "__keys__")}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


def dial_is_valid(dial: str, region: str | None) -> bool:
    """True if `dial` (digits, optional leading +) is a number phonenumbers accepts."""
    if not DIAL_RE.match(dial or ""):
        return False
    try:
        if dial.startswith("+"):
            return phonenumbers.is_valid_number(phonenumbers.parse(dial, None))
        if not region:
            return False
        parsed = phonenumbers.parse(dial, region)
        return phonenumbers.is_valid_short_number_for_region(parsed, region)
    except phonenumbers.NumberParseException:
        return False


def _check_entry(entry: dict, categories: list[str], where: str, today: date) -> None:
    line = entry.get("__line__", "?")
    name = entry.get("id", "?")

    def fail(fld: str, why: str, at=None):
        raise DataError(f"{where}:{at or line}: helpline '{name}' field '{fld}': {why}")

    for fld in REQUIRED:
        if entry.get(fld) in (None, "", []):
            fail(fld, "is missing (every entry needs it)")
    if not ID_RE.match(str(entry["id"])):
        fail("id", "use lowercase letters, digits and hyphens")
    if entry["category"] not in categories:
        fail("category", f"'{entry['category']}' is not one of {categories}")
    _check_checked(entry["checked"], today, fail)
    if not re.search(r"https?://", str(entry["source"])):
        fail("source", "name the page you read: its title and its URL (https://...)")
    if "hours" in entry:
        fail("hours", "hours are given per channel now: move them under each item of 'channels'")
    if "voice" in entry:
        fail("voice", "not needed: a number without a 'voice' channel takes no voice calls")
    if entry["cost"] not in COSTS:
        fail("cost", f"'{entry['cost']}' is not one of {sorted(COSTS)}")
    _check_channels(entry, fail)
    if "number" in entry or "tel" in entry:
        number, tel = str(entry.get("number", "")), str(entry.get("tel", ""))
        if not number or not tel:
            fail("tel" if number else "number", "'number' and 'tel' go together")
        if re.sub(r"[^0-9+]", "", number) != tel:
            fail("number", f"'{number}' does not match tel '{tel}'")
        if not dial_is_valid(tel, entry.get("region")):
            fail("tel", f"'{tel}' is not a valid number (phonenumbers, region {entry.get('region')})")
    if "sms" in entry and not dial_is_valid(str(entry["sms"]), entry.get("region")):
        fail("sms", f"'{entry['sms']}' is not a valid number")
    if "tel" not in entry and not entry.get("url"):
        fail("url", "an entry without a number needs a url")
    url = entry.get("url")
    if url is not None and not URL_RE.match(str(url)):
        fail("url", f"'{url}' is not an http(s) URL")


def _check_checked(value, today: date, fail) -> None:
    """`checked` is the full date a current source was read: never a month, never in the future."""
    text = value.isoformat() if isinstance(value, date) else str(value)
    if not CHECKED_RE.match(text):
        fail("checked", f"'{text}' is not a full date like 2026-12-02 (the day you read the source)")
    try:
        day = date.fromisoformat(text)
    except ValueError:
        fail("checked", f"'{text}' is not a real date")
    if day > today:
        fail("checked", f"'{text}' is in the future: write the day you actually read the source")


def _check_channels(entry: dict, fail) -> None:
    """Every channel says how (type), when (hours) and, optionally, where (url)."""
    channels = entry["channels"]
    if not isinstance(channels, list):
        fail("channels", 'must be a list of items like {type: voice, hours: "24/7"}')
    seen = set()
    for item in channels:
        if not isinstance(item, dict):
            fail("channels", f'{item!r} must be like {{type: voice, hours: "24/7"}}: every channel has its hours')
        at = item.get("__line__")
        kind = item.get("type")
        if kind not in CHANNELS:
            fail("channels", f"unknown channel type {kind!r} (one of {sorted(CHANNELS)})", at)
        if kind in seen:
            fail("channels", f"channel '{kind}' is listed twice", at)
        seen.add(kind)
        hours = item.get("hours")
        if hours in (None, ""):
            fail("channels", f'channel \'{kind}\' has no hours: write "24/7", "HH:MM-HH:MM" or see-site', at)
        if not HOURS_RE.match(str(hours)):
            fail("channels", f"channel '{kind}' hours '{hours}' is not '24/7', 'HH:MM-HH:MM' or 'see-site'", at)
        if item.get("url") is not None and not URL_RE.match(str(item["url"])):
            fail("channels", f"channel '{kind}' url '{item['url']}' is not an http(s) URL", at)
        if hours == "see-site" and not (item.get("url") or entry.get("url")):
            fail("channels", f"channel '{kind}' says see-site but the entry has no url to link to", at)
        unknown = set(item) - {"type", "hours", "url", "__line__", "__keys__"}
        if unknown:
            fail("channels", f"channel '{kind}': unknown field(s) {sorted(unknown)}", at)
    if "voice" in seen and "tel" not in entry:
        fail("channels", "a 'voice' channel needs a number (number and tel)")
    if "sms" in seen and "sms" not in entry:
        fail("channels", "an 'sms' channel needs the 'sms' field")


def _check_clashes(raw: dict, entries: dict, where: str) -> tuple[list[str], dict[str, list[str]]]:
    """`emergency_numbers` and `home_clashes`: every id must be a helpline with a number."""
    line = raw.get("__line__", "?")

    def known(hid, at, fld) -> str:
        if hid not in entries or "tel" not in entries[hid]:
            raise DataError(f"{where}:{at}: {fld}: '{hid}' is not a helpline id with a number (see 'helplines:')")
        return hid

    numbers = raw.get("emergency_numbers")
    if not isinstance(numbers, list) or not numbers:
        raise DataError(f"{where}:{line}: needs an 'emergency_numbers:' list (fire, medical, police, any emergency)")
    at = _key_line(raw, "emergency_numbers")
    numbers = [known(hid, at, "emergency_numbers") for hid in numbers]
    clashes: dict[str, list[str]] = {}
    for item in raw.get("home_clashes") or []:
        if not isinstance(item, dict) or not item.get("lang") or not isinstance(item.get("helplines"), list):
            at = _key_line(raw, "home_clashes")
            raise DataError(f"{where}:{at}: home_clashes: write one line per language: {{lang: xx, helplines: [id]}}")
        at = item["__line__"]
        if item["lang"] in clashes:
            raise DataError(f"{where}:{at}: home_clashes: language '{item['lang']}' is listed twice")
        clashes[item["lang"]] = [known(hid, at, f"home_clashes ({item['lang']})") for hid in item["helplines"]]
    return numbers, clashes


def _key_line(mapping: dict, key: str):
    return (mapping.get("__keys__") or {}).get(key, mapping.get("__line__", "?"))


def load_helplines(path: Path | None = None, today: date | None = None) -> dict:
    """Return {'categories', 'helplines': {id: entry}, 'emergency_numbers', 'home_clashes'}, validated.

    Entries keep file order; `voice` is derived (True when the entry has a voice channel).
    """
    today = today or date.today()
    path = Path(path or DATA_DIR / "helplines.yml")
    where = _rel(path)
    raw = _read_yaml(path)
    if not isinstance(raw, dict) or not isinstance(raw.get("helplines"), list):
        raise DataError(f"{where}: needs a 'helplines:' list")
    categories = [c for c in raw.get("categories") or [] if isinstance(c, str)]
    if not categories:
        raise DataError(f"{where}: needs a 'categories:' list")
    entries: dict[str, dict] = {}
    for entry in raw["helplines"]:
        if not isinstance(entry, dict):
            raise DataError(f"{where}: each helpline must be a mapping, got {entry!r}")
        _check_entry(entry, categories, where, today)
        if entry["id"] in entries:
            line = entry["__line__"]
            raise DataError(f"{where}:{line}: helpline '{entry['id']}' field 'id': duplicated id")
        clean = _strip_lines(entry)
        if isinstance(clean["checked"], date):
            clean["checked"] = clean["checked"].isoformat()
        if "tel" in clean:
            clean["voice"] = any(c["type"] == "voice" for c in clean["channels"])
        entries[entry["id"]] = clean
    numbers, clashes = _check_clashes(raw, entries, where)
    return {"categories": categories, "helplines": entries, "emergency_numbers": numbers, "home_clashes": clashes}


def load_site(path: Path | None = None) -> dict:
    path = Path(path or DATA_DIR / "site.yml")
    return _strip_lines(_read_yaml(path)) or {}


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for key, value in (over or {}).items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            out[key] = _merge(base[key], value)
        elif value not in (None, ""):
            out[key] = value
    return out


def load_labels(lang: str, i18n_dir: Path | None = None, default: str = "en") -> dict:
    """Labels for `lang`, with the default language filling any gap."""
    i18n_dir = Path(i18n_dir or DATA_DIR / "i18n")
    base = _strip_lines(_read_yaml(i18n_dir / f"{default}.yml")) or {}
    if lang == default or not (i18n_dir / f"{lang}.yml").exists():
        return base
    return _merge(base, _strip_lines(_read_yaml(i18n_dir / f"{lang}.yml")) or {})


def check_labels(registry: dict, labels: dict, where: str) -> None:
    """The default language must name and describe every helpline and category."""
    for hid in registry["helplines"]:
        item = (labels.get("helplines") or {}).get(hid) or {}
        for fld in ("name", "when"):
            if not item.get(fld):
                raise DataError(f"{where}: helplines.{hid}.{fld} is missing")
    for cat in registry["categories"]:
        if not (labels.get("categories") or {}).get(cat):
            raise DataError(f"{where}: categories.{cat} is missing")


@dataclass
class SiteData:
    """Everything the templates and hooks need for one language."""

    lang: str
    registry: dict
    labels: dict
    site: dict
    bar: list = field(default_factory=list)
    languages: list = field(default_factory=list)

    def helpline(self, hid: str) -> dict:
        entry = dict(self.registry["helplines"][hid])
        entry.update(self.labels["helplines"][hid])
        return entry


def load(lang: str, default: str = "en", data_dir: Path | None = None) -> SiteData:
    data_dir = Path(data_dir or DATA_DIR)
    registry = load_helplines(data_dir / "helplines.yml")
    site = load_site(data_dir / "site.yml")
    check_labels(registry, load_labels(default, data_dir / "i18n", default), f"data/i18n/{default}.yml")
    labels = load_labels(lang, data_dir / "i18n", default)
    if site.get("quick_exit_url") and not site.get("quick_exit_name"):
        raise DataError("data/site.yml: quick_exit_name is missing: name the site quick_exit_url opens (read out)")
    data = SiteData(lang=lang, registry=registry, labels=labels, site=site)
    site_where = f"{_rel(data_dir / 'site.yml')}:{_site_line(data_dir / 'site.yml', 'emergency_bar')}"
    for hid in site.get("emergency_bar") or []:
        entry = registry["helplines"].get(hid)
        if entry is None:
            raise DataError(f"{site_where}: emergency_bar: '{hid}' is not a helpline id (see data/helplines.yml)")
        if not entry.get("voice"):
            raise DataError(
                f"{site_where}: emergency_bar: '{hid}' has no number to call: the bar is numbers to tap; "
                "show web services with <!-- channels:ID --> or <!-- helpline:ID --> in a page instead"
            )
        data.bar.append(data.helpline(hid))
    return data


def _site_line(path: Path, key: str):
    """Line of a top-level key in site.yml, for messages (site.yml keeps plain lists)."""
    raw = _read_yaml(path)
    return _key_line(raw, key) if isinstance(raw, dict) else "?"


def hours_text(hours: str, labels: dict) -> str:
    """Localised opening hours of one channel ("see-site": the caller links to the service's site)."""
    if hours == "24/7":
        return labels["ui"]["hours_24_7"]
    if hours == "see-site":
        return labels["ui"]["hours_see_site"]
    start, end = hours.split("-")
    return labels["ui"]["hours_daily"].format(start=start, end=end)


def channel_hours(entry: dict, labels: dict) -> list[tuple[str, str]]:
    """[(localised channel name, localised hours)] of an entry, in file order.

    When every channel has the same hours, one pair with an empty channel name.
    """
    hours = [c["hours"] for c in entry["channels"]]
    if len(set(hours)) == 1:
        return [("", hours_text(hours[0], labels))]
    return [(labels["channels"][c["type"]], hours_text(c["hours"], labels)) for c in entry["channels"]]


def channel_url(entry: dict, channel: dict) -> str | None:
    """Where a channel is reached on the web: its own url, else the service's site."""
    return channel.get("url") or entry.get("url")


def i18n_languages(config) -> tuple[str, str, list[str]]:
    """(current, default, all configured locales) from the static-i18n plugin."""
    plugin = config.plugins.get("i18n")
    if plugin is None:
        lang = config.theme["language"]
        return lang, lang, [lang]
    locales = [lang.locale for lang in plugin.config.languages]
    return plugin.current_language, plugin.default_language, locales


def theme_strings(config):
    """Material's own translation function `t(key)` for the language being built."""
    env = config.theme.get_env()
    return env.get_template("partials/language.html", None, {"config": config}).module.t


VCARD_NAME = "vigie-helplines.vcf"  # per language, written by site_outputs.py, linked by <!-- save-numbers -->


def patch_theme_bundle(site: Path, patches: list[tuple[str, str]], fix: str, glob: str = "bundle.*.min.js") -> None:
    """Apply (old, new) replacements to Material's JS bundle once, or fail loudly.

    Each `old` must occur exactly once: if Material's code changes, the build
    stops and names `fix`, the patch to re-check. Already-patched bundles are left alone.
    """
    from mkdocs.exceptions import PluginError

    bundles = sorted((site / "assets" / "javascripts").glob(glob))
    if len(bundles) != 1:
        raise PluginError(f"{fix}: expected one Material bundle in {site}/assets/javascripts, found {len(bundles)}")
    text = bundles[0].read_text(encoding="utf-8")
    if all(new in text for _, new in patches):
        return
    for old, new in patches:
        if text.count(old) != 1:
            raise PluginError(
                f"{bundles[0].name}: {old[:60]!r} found {text.count(old)} times, not once; "
                f"Material changed: re-check {fix}"
            )
        text = text.replace(old, new)
    bundles[0].write_text(text, encoding="utf-8")


def french_labels() -> dict:
    """data/i18n/fr.yml over English: the French text every language shows (reach.py)."""
    return load_labels("fr")


# Files whose references may name a theme file: pages, the service workers' precache lists, manifests.
_REFERRING = (".html", ".js", ".json", ".webmanifest")
# Material's files that the build patches (search_split.py, site_outputs.py). The search
# worker comes first: the pages name it, and renaming it must not follow the bundle's hash.
PATCHED_THEME_FILES = ("workers/search.*.min.js", "bundle.*.min.js")


def fingerprint_theme_bundle(site: Path, globs: tuple[str, ...] = PATCHED_THEME_FILES) -> list[str]:
    """Name each patched Material file after its final content, and rewrite every reference to it.

    These files keep Material's fingerprint when we patch them, and `_headers` serves
    fingerprinted files as immutable for a year: without a new name, a phone that
    has the old file would never get a changed patch. Run once, after every patch.
    Returns the new file names.
    """
    import hashlib

    from mkdocs.exceptions import PluginError

    folder = site / "assets" / "javascripts"
    names = []
    for glob in globs:
        found = sorted(folder.glob(glob))
        if len(found) != 1:
            raise PluginError(f"fingerprint_theme_bundle: expected one {glob} in {folder}, found {len(found)}")
        old = found[0]
        data = old.read_bytes()
        stem = old.name.split(".", 1)[0]
        new = old.with_name(f"{stem}.{hashlib.sha256(data).hexdigest()[:8]}.min.js")
        names.append(new.name)
        if new == old:
            continue
        new.write_bytes(data)
        old.unlink()
        needle = old.name.encode()
        for path in site.rglob("*"):
            if path.suffix in _REFERRING and path.is_file() and path != new:
                content = path.read_bytes()
                if needle in content:
                    path.write_bytes(content.replace(needle, new.name.encode()))
    return names
