"""Search in the visitor's language only, and only once the visitor opens it.

Stock Material loads, on every page, its 35 KB bundle, a search worker, one
index holding every language and the lunr stemmers of every language. Here:

* each language build writes `search/<lang>.json`: that language's pages only,
  with the lunr language, separator and pipeline Material ships for it
  (`partials/languages/<lang>.html`), so a page loads one stemmer at most.
  Chinese needs word segmentation at build time: Material runs jieba when it is
  installed; other languages get their text back unsegmented;
* the visitor's own words: each section gets a `keywords` field with the
  synonyms of data/i18n/<lang>.yml (`search_synonyms`: brand names, everyday
  words, misspellings) for the page words it contains. Korean sections also
  get the beginnings of each word (섹스토션은 -> 섹스토션), so that a word
  followed by another particle is found;
* the search worker is patched to split a Korean, Japanese or Chinese query
  into the words of the index (Material does it for Chinese characters only),
  so 섹스토션을 looks for 섹스토션 and 警察に for 警察;
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
HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]{2,}")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]")
LETTER = r"[^\W\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]"  # a letter or digit, but not CJK: "SNSの" ends SNS
KEYWORDS = "keywords"
KEYWORDS_BOOST = 10.0
WORKER_PATCHES = [
    (  # segment the query with the index's words: Korean and kana too, not only Han
        'new RegExp("\\\\p{sc=Han}+","gu")',
        # (ー, the long-vowel mark of katakana words, is in no script of its own)
        'new RegExp("[\\\\p{sc=Han}\\\\p{sc=Hiragana}\\\\p{sc=Katakana}\\\\p{sc=Hangul}\\\\u30fc]+","gu")',
    ),
]

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
        "fields": {**fields, KEYWORDS: {"boost": KEYWORDS_BOOST}},
    }


def synonyms(labels: dict, lang: str) -> list[tuple[str, str, list[str]]]:
    """(key, page words, visitor words) from `search_synonyms` in data/i18n/<lang>.yml."""
    out = []
    for key, item in (labels.get("search_synonyms") or {}).items():
        where = f"data/i18n/{lang}.yml: search_synonyms.{key}"
        if not isinstance(item, dict) or not str(item.get("page") or "").strip() or not item.get("words"):
            raise PluginError(f"{where}: needs `page` (a word on the pages) and `words` (comma-separated)")
        words = [w.strip() for w in str(item["words"]).split(",") if w.strip()]
        out.append((key, str(item["page"]).strip(), words))
    return out


def _contains(text: str, phrase: str) -> bool:
    """Whole-word match for alphabetic scripts; substring for CJK, which has no spaces."""
    if CJK.search(phrase):
        return phrase.lower() in text.lower()
    return re.search(rf"(?<!{LETTER}){re.escape(phrase)}(?!{LETTER})", text, re.IGNORECASE) is not None


def korean_stems(text: str) -> set[str]:
    """Every beginning (2+ syllables) of every Hangul word, without punctuation: 섹스토션은, -> 섹스 … 섹스토션은."""
    return {word[:n] for word in HANGUL_WORD.findall(text) for n in range(2, len(word) + 1)}


def language_index(entries: list[dict], lang: str, cfg: dict, labels: dict | None = None) -> dict:
    """The index one language searches. Chinese keeps jieba's zero-width spaces."""
    base = lang.split("-")[0]
    rules = synonyms(labels or {}, lang)
    docs = []
    for entry in entries:
        entry = dict(entry)
        section = entry["location"].partition("#")[2]
        if base != "zh":
            entry["title"] = entry["title"].replace(ZWSP, "")
            entry["text"] = entry["text"].replace(ZWSP, "")
        plain = re.sub(r"<[^>]+>", " ", f"{entry['title']} {entry['text']}").replace(ZWSP, "")
        extra: list[str] = []
        for _key, page_words, words in rules:
            if not section.startswith("sources") and _contains(plain, page_words):
                extra += words
        if base == "ko":
            extra += sorted(korean_stems(plain))
        if extra:
            entry[KEYWORDS] = " ".join(dict.fromkeys(extra))
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
    data = language_index(entries, lang, cfg, config.extra["vigie"].labels)
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
    patch_theme_bundle(
        site,
        WORKER_PATCHES,
        "the query segmentation patch in overrides/hooks/search_split.py",
        "workers/search.*.min.js",
    )
