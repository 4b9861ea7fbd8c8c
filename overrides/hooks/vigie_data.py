"""Load and validate Vigie's single-source data: helplines, labels, site settings.

Every hook, script and test reads data/ through this module, so validation
happens once and fails closed: a `DataError` names the file, the line and the
field. Nothing downstream re-validates or guesses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import phonenumbers
import yaml

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "data"

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DIAL_RE = re.compile(r"^\+?[0-9]{2,15}$")
CHECKED_RE = re.compile(r"^20[0-9]{2}-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?$")
HOURS_RE = re.compile(r"^(24/7|([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-4]):[0-5][0-9])$")
CHANNELS = {"voice", "sms", "chat", "app", "video", "text", "web-form", "whatsapp", "messenger"}
COSTS = {"free", "international-rate", "free-in-us"}
REQUIRED = ("id", "category", "channels", "hours", "cost", "source", "checked")


class DataError(ValueError):
    """A data file is wrong. The message says where: `file:line: what`."""


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """A YAML loader (libyaml when available) that remembers the line of every mapping as `__line__`."""

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
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
        return {k: _strip_lines(v) for k, v in value.items() if k != "__line__"}
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


def _check_entry(entry: dict, categories: list[str], where: str) -> None:
    line = entry.get("__line__", "?")
    name = entry.get("id", "?")

    def fail(fld: str, why: str):
        raise DataError(f"{where}:{line}: helpline '{name}' field '{fld}': {why}")

    for fld in REQUIRED:
        if entry.get(fld) in (None, "", []):
            fail(fld, "is missing (every entry needs it)")
    if not ID_RE.match(str(entry["id"])):
        fail("id", "use lowercase letters, digits and hyphens")
    if entry["category"] not in categories:
        fail("category", f"'{entry['category']}' is not one of {categories}")
    if not CHECKED_RE.match(str(entry["checked"])):
        fail("checked", f"'{entry['checked']}' is not a date like 2026-11 or 2026-11-28")
    if not HOURS_RE.match(str(entry["hours"])):
        fail("hours", f"'{entry['hours']}' is not '24/7' or 'HH:MM-HH:MM'")
    if entry["cost"] not in COSTS:
        fail("cost", f"'{entry['cost']}' is not one of {sorted(COSTS)}")
    unknown = set(entry["channels"]) - CHANNELS
    if unknown:
        fail("channels", f"unknown channel(s) {sorted(unknown)}")
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
    if url is not None and not re.match(r"^https?://[^\s/]+", str(url)):
        fail("url", f"'{url}' is not an http(s) URL")


def load_helplines(path: Path | None = None) -> dict:
    """Return {'categories': [...], 'helplines': {id: entry}} in file order, validated."""
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
        _check_entry(entry, categories, where)
        if entry["id"] in entries:
            line = entry["__line__"]
            raise DataError(f"{where}:{line}: helpline '{entry['id']}' field 'id': duplicated id")
        entries[entry["id"]] = _strip_lines(entry)
    return {"categories": categories, "helplines": entries}


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
    for hid in site.get("emergency_bar") or []:
        if hid not in registry["helplines"] or "tel" not in registry["helplines"][hid]:
            raise DataError(f"data/site.yml: emergency_bar: '{hid}' is not a helpline with a number")
        data.bar.append(data.helpline(hid))
    return data


def hours_text(entry: dict, labels: dict) -> str:
    """Localised opening hours of a helpline."""
    if entry["hours"] == "24/7":
        return labels["ui"]["hours_24_7"]
    start, end = entry["hours"].split("-")
    return labels["ui"]["hours_daily"].format(start=start, end=end)


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


def patch_theme_bundle(site: Path, patches: list[tuple[str, str]], fix: str) -> None:
    """Apply (old, new) replacements to Material's JS bundle once, or fail loudly.

    Each `old` must occur exactly once: if Material's code changes, the build
    stops and names `fix`, the patch to re-check. Already-patched bundles are left alone.
    """
    from mkdocs.exceptions import PluginError

    bundles = sorted((site / "assets" / "javascripts").glob("bundle.*.min.js"))
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
