"""Issue 9: every language is complete: each page is built with the right lang and
direction, and the emergency bar and quick exit speak the page's language."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from selectolax.lexbor import LexborHTMLParser
from test_foundation import DEFAULT, LANGS

RTL = {"ar"}
EN_PAGES = sorted(p.name for p in (ROOT / "docs" / DEFAULT).glob("*.md"))


def _own_labels(lang: str) -> dict:
    path = ROOT / "data" / "i18n" / f"{lang}.yml"
    assert path.exists(), f"{path.relative_to(ROOT)} is missing"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_exists_in_every_language(lang):
    assert sorted(p.name for p in (ROOT / "docs" / lang).glob("*.md")) == EN_PAGES


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_is_built_with_its_lang_direction_bar_and_quick_exit(site_dir: Path, lang):
    labels = _own_labels(lang)
    bar = yaml.safe_load((ROOT / "data" / "site.yml").read_text(encoding="utf-8"))["emergency_bar"]
    prefix = site_dir if lang == DEFAULT else site_dir / lang
    for page in EN_PAGES:
        name = page[: -len(".md")]
        html_path = prefix / ("index.html" if name == "index" else f"{name}/index.html")
        tree = LexborHTMLParser(html_path.read_text(encoding="utf-8"))
        where = html_path.relative_to(site_dir)
        assert tree.css_first("html").attributes["lang"] == lang, where
        assert tree.css_first("body").attributes["dir"] == ("rtl" if lang in RTL else "ltr"), where
        assert tree.css_first(".vigie-fallback-text, .vigie-fallback") is None, f"{where} falls back to English"
        exit_button = tree.css_first("#quick-exit")
        assert exit_button.text(deep=False).strip() == labels["ui"]["quick_exit"], where
        names = [n.text().strip() for n in tree.css(".vigie-bar__name")]
        expected = [labels["helplines"][h].get("short") or labels["helplines"][h]["name"] for h in bar]
        assert names == expected, where


@pytest.mark.parametrize("lang", [code for code in LANGS if code != DEFAULT])
def test_labels_are_translated_not_copied_from_english(lang):
    english, own = _own_labels(DEFAULT), _own_labels(lang)
    assert own["ui"]["quick_exit"] != english["ui"]["quick_exit"]
    assert own["site_description"] != english["site_description"]
    assert own["language_name"] != english["language_name"]
