"""Offline after the first visit, and "add to home screen": one service worker
and one web app manifest per language, written after that language's build.

`<prefix>sw.js` precaches the pages listed in data/site.yml `offline_pages`
(home, helplines, what to do, warning signs) with every asset those pages load,
read from the built HTML. Its cache name carries a hash of that content, so a
new build installs a new cache and the worker deletes the old ones.
The worker's code lives in overrides/assets/js/vigie-sw.js.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from vigie_data import i18n_languages, theme_strings

SW_TEMPLATE = Path(__file__).resolve().parents[1] / "assets" / "js" / "vigie-sw.js"
SW_TEMPLATE_OUT = "assets/js/vigie-sw.js"  # the copy mkdocs publishes: a template, not a worker
MANIFEST = "manifest.webmanifest"
ICON = "assets/images/favicon.svg"
THEME_COLOR = "#1d3b72"
# What a page loads by itself: stylesheets, icons, scripts, images.
ASSET_RE = re.compile(
    r"<(?:link\b[^>]*\brel=\"(?:stylesheet|icon|manifest)\"[^>]*\bhref|script\b[^>]*\bsrc|img\b[^>]*\bsrc)=\"([^\"]+)\""
)


def _prefix(lang: str, default: str) -> str:
    return "" if lang == default else f"{lang}/"


def _page_url(prefix: str, src: str) -> str:
    stem = src.removesuffix(".md")
    return prefix if stem == "index" else f"{prefix}{stem}/"


def page_assets(html: str, page_url: str) -> list[str]:
    """Site-relative paths of the same-origin files a built page loads."""
    found = []
    for ref in ASSET_RE.findall(html):
        parts = urlsplit(ref)
        if parts.scheme or parts.netloc or ref.startswith("data:"):
            continue
        found.append(posixpath.normpath(posixpath.join(page_url, parts.path)))
    return found


def precache_list(site: Path, prefix: str, pages: list[str]) -> list[str]:
    """Site-relative URLs: the offline pages, then their assets, in a stable order."""
    urls, assets = [], []
    for src in pages:
        url = _page_url(prefix, src)
        built = site / url / "index.html"
        if not built.exists():
            raise PluginError(f"offline: data/site.yml offline_pages: '{src}' was not built ({built})")
        urls.append(url)
        for asset in page_assets(built.read_text(encoding="utf-8"), url):
            if asset not in assets:
                assets.append(asset)
    return urls + assets


def _version(site: Path, urls: list[str]) -> str:
    digest = hashlib.sha256()
    for url in urls:
        path = site / url / "index.html" if url.endswith("/") or not url else site / url
        digest.update(url.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def relative_to(prefix: str, url: str) -> str:
    """`url` (site-relative) as seen from the folder `prefix` (e.g. 'fr/')."""
    if url.startswith(prefix):
        return url[len(prefix) :] or "./"
    return "../" * prefix.count("/") + url


def service_worker(site: Path, lang: str, prefix: str, pages: list[str]) -> str:
    urls = precache_list(site, prefix, pages)
    code = SW_TEMPLATE.read_text(encoding="utf-8")
    values = {  # placeholder -> JSON value
        '"__VERSION__"': _version(site, urls),
        '"__PREFIX__"': f"vigie-{lang}-",
        "__PRECACHE__": [relative_to(prefix, url) for url in urls],
    }
    for key, value in values.items():
        if code.count(key) != 1:
            raise PluginError(f"offline: {SW_TEMPLATE.name} must hold the placeholder {key} once")
        code = code.replace(key, json.dumps(value, ensure_ascii=False))
    return code


def manifest(data, lang: str, prefix: str, direction: str) -> dict:
    labels = data.labels
    return {
        "name": labels["ui"].get("app_name") or labels["site_name"],
        "short_name": labels["site_name"],
        "description": labels.get("site_description", ""),
        "lang": lang,
        "dir": direction,
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOR,
        "icons": [
            {"src": posixpath.relpath(ICON, prefix or "."), "sizes": "any", "type": "image/svg+xml", "purpose": "any"}
        ],
    }


@event_priority(-60)  # after the pages are written, before static-i18n builds the next language (-100)
def on_post_build(config):
    lang, default, _ = i18n_languages(config)
    site = Path(config.site_dir)
    data = config.extra["vigie"]
    prefix = _prefix(lang, default)
    pages = list(data.site.get("offline_pages") or [])
    if not pages:
        raise PluginError("offline: data/site.yml needs an 'offline_pages' list")
    (site / prefix).mkdir(parents=True, exist_ok=True)
    direction = theme_strings(config)("direction") or "ltr"
    (site / prefix / MANIFEST).write_text(
        json.dumps(manifest(data, lang, prefix, direction), ensure_ascii=False, indent=1), encoding="utf-8"
    )
    (site / prefix / "sw.js").write_text(service_worker(site, lang, prefix, pages), encoding="utf-8")
    (site / SW_TEMPLATE_OUT).unlink(missing_ok=True)
