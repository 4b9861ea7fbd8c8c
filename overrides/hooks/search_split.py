"""Search in the visitor's language only, and only once the visitor opens it.

Stock Material loads, on every page, its 35 KB bundle, a search worker, one
index holding every language and the lunr stemmers of every language. Here:

* each language build writes `search/<lang>.json`: that language's pages only,
  with the lunr language, separator and pipeline Material ships for it
  (`partials/languages/<lang>.html`), so a page loads one stemmer at most.
  Chinese needs word segmentation at build time: Material runs jieba when it is
  installed; other languages get their text back unsegmented;
* static-i18n still writes its merged `search/search_index.json`; nothing
  fetches it;
* every page loads `assets/js/vigie-search.js` (about 1 KB) instead of the
  bundle, and that loader fetches the bundle when the search is opened;
* the bundle is patched to read the index path from the loader's tag, to
  fetch the index and start its worker only when the search opens, and to
  start when it arrives after DOMContentLoaded.

The patches fail the build when the theme's code changes (pattern not found).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from vigie_data import i18n_languages, patch_theme_bundle, theme_strings

BUNDLE_TAG = re.compile(r'<script src="(?P<src>[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')
LOADER = "assets/js/vigie-search.js"
ZWSP = "\u200b"
HAN = re.compile(r"[\u4e00-\u9fff]")

# (what Material 9.x ships, what we write); each must be found exactly once.
PATCHES = [
    (  # the index path comes from the loader's tag: search/<lang>.json
        'new URL("search/search_index.json",',
        'new URL((document.querySelector("script[data-search-index]")||{dataset:{}}).dataset.searchIndex'
        '||"search/search_index.json",',
    ),
    (  # fetch the index when the search opens, not at start-up
        'L($(location.protocol!=="file:"),Je("search"))',
        'L($(!1),Je("search"))',
    ),
    (  # start the worker with the first message (the index), not at start-up
        "function Mn(e,t=new Worker(e)){",
        "function Mn(e,t=vigieLazyWorker(e)){",
    ),
    (  # the loader injects the bundle after DOMContentLoaded
        'function an(){let e=new It(1);return h(document,"DOMContentLoaded",{once:!0})'
        ".subscribe(()=>e.next(document)),e}",
        'function an(){let e=new It(1);return document.readyState!=="loading"?e.next(document):'
        'h(document,"DOMContentLoaded",{once:!0}).subscribe(()=>e.next(document)),e}'
        "function vigieLazyWorker(u){let w,q=[];return{"
        "addEventListener(...a){w?w.addEventListener(...a):q.push(a)},"
        "removeEventListener(...a){w?w.removeEventListener(...a):q=q.filter(x=>x[1]!==a[1])},"
        "postMessage(m){if(!w){w=new Worker(u);for(let a of q)w.addEventListener(...a)}w.postMessage(m)}}}",
    ),
]


def search_config(config, fields: dict) -> dict:
    t = theme_strings(config)
    lang = t("search.config.lang") or "en"
    pipeline = [p for p in re.split(r"\s*,\s*", t("search.config.pipeline").strip()) if p]
    return {
        "lang": [lang],
        "separator": t("search.config.separator"),
        "pipeline": pipeline,
        "fields": fields,
    }


def language_index(entries: list[dict], lang: str, cfg: dict) -> dict:
    """The index one language searches. Chinese keeps jieba's zero-width spaces."""
    docs = []
    for entry in entries:
        entry = dict(entry)
        if lang.split("-")[0] != "zh":
            entry["title"] = entry["title"].replace(ZWSP, "")
            entry["text"] = entry["text"].replace(ZWSP, "")
        docs.append(entry)
    return {"config": cfg, "docs": docs}


def _search_plugin(config):
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    if plugin is None or not hasattr(plugin, "search_index"):
        raise PluginError("search_split: Material's search plugin is not enabled")
    return plugin


@event_priority(-50)  # after Material's search plugin, before static-i18n merges the languages (-100)
def on_post_build(config):
    lang, default, _ = i18n_languages(config)
    plugin = _search_plugin(config)
    entries = plugin.search_index.entries
    if lang.split("-")[0] == "zh" and any(HAN.search(e["text"]) for e in entries):
        try:
            import jieba  # noqa: F401
        except ImportError:
            raise PluginError("search_split: Chinese search needs jieba (pip install -r requirements.txt)") from None
    cfg = search_config(config, plugin.config.fields)
    target = Path(config.site_dir) / "search" / f"{lang}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    data = language_index(entries, lang, cfg)
    target.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    patch_bundle(Path(config.site_dir))


def _rewrite(output: str, lang: str, where: str) -> str:
    matches = BUNDLE_TAG.findall(output)
    if len(matches) != 1:
        raise PluginError(f"search_split: {where}: Material's bundle <script> tag found {len(matches)} times, not once")

    def loader(match: re.Match) -> str:
        src = match.group("src")
        base = src.split("assets/javascripts/")[0]
        return (
            f'<script src="{base}{LOADER}" data-bundle="{src}" data-search-index="search/{lang}.json" defer></script>'
        )

    return BUNDLE_TAG.sub(loader, output)


def on_post_page(output, page, config):
    lang, _, _ = i18n_languages(config)
    return _rewrite(output, lang, page.file.src_uri)


def on_post_template(output, template_name, config):
    if template_name != "404.html":
        return output
    lang, _, _ = i18n_languages(config)
    return _rewrite(output, lang, template_name)


def patch_bundle(site: Path) -> None:
    patch_theme_bundle(site, PATCHES, "the lazy search patches in overrides/hooks/search_split.py")
