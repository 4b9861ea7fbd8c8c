"""Issue 3: the helplines registry is validated, rendered by shortcodes, saved as
vCards and shown in the emergency bar; no page types a number by hand."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import phonenumbers
import pytest
import shortcodes
import vigie_data
import yaml
from conftest import ROOT, mkdocs_build
from mkdocs.exceptions import PluginError
from support.project import copy_project

REGISTRY = vigie_data.load_helplines()
WITH_NUMBER = {hid: e for hid, e in REGISTRY["helplines"].items() if "tel" in e}


# ---- the registry -------------------------------------------------------------


@pytest.mark.parametrize("hid", sorted(WITH_NUMBER))
def test_every_number_is_accepted_by_phonenumbers(hid):
    entry = WITH_NUMBER[hid]
    if entry["tel"].startswith("+"):
        assert phonenumbers.is_valid_number(phonenumbers.parse(entry["tel"], None))
    else:
        short = phonenumbers.parse(entry["tel"], entry["region"])
        assert phonenumbers.is_valid_short_number_for_region(short, entry["region"])
    assert re.sub(r"[^0-9+]", "", entry["number"]) == entry["tel"]


@pytest.mark.parametrize("hid", sorted(REGISTRY["helplines"]))
def test_every_entry_has_source_checked_date_and_english_labels(hid):
    entry = REGISTRY["helplines"][hid]
    assert entry["source"].strip() and vigie_data.CHECKED_RE.match(entry["checked"])
    labels = vigie_data.load_labels("en")["helplines"][hid]
    assert labels["name"] and labels["when"]


def test_114_is_sms_only_and_112_never_promises_calls_without_a_sim():
    assert REGISTRY["helplines"]["sms-emergency"]["voice"] is False
    when = vigie_data.load_labels("en")["helplines"]["eu-emergency"]["when"]
    assert "SIM" in when and "without" not in when.lower()


def _write_registry(tmp_path: Path, mutate) -> Path:
    raw = yaml.safe_load((ROOT / "data" / "helplines.yml").read_text(encoding="utf-8"))
    mutate(raw["helplines"])
    path = tmp_path / "helplines.yml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _set(entry_id, **fields):
    def mutate(entries):
        entry = next(e for e in entries if e["id"] == entry_id)
        for key, value in fields.items():
            if value is None:
                entry.pop(key, None)
            else:
                entry[key] = value

    return mutate


BAD_INPUT = {
    "malformed number": (_set("police", number="1 7x", tel="17x"), "'police' field 'number'"),
    "malformed tel": (_set("police", tel="17x"), "'police' field 'number'"),
    "number phonenumbers rejects": (
        _set("child-in-danger", number="1190", tel="1190"),
        "'child-in-danger' field 'tel'",
    ),
    "bad E.164": (_set("cybertipline", number="+1 800 000", tel="+1800000"), "'cybertipline' field 'tel'"),
    "bad sms": (_set("sms-emergency", sms="99999"), "'sms-emergency' field 'sms'"),
    "no source": (_set("samu", source=None), "'samu' field 'source'"),
    "no checked date": (_set("fire", checked=None), "'fire' field 'checked'"),
    "bad checked date": (_set("fire", checked="last week"), "'fire' field 'checked'"),
    "unknown category": (_set("fire", category="misc"), "'fire' field 'category'"),
    "duplicated id": (lambda entries: entries.append(dict(entries[0])), "'police' field 'id': duplicated"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUT))
def test_bad_registry_input_fails_naming_entry_and_field(tmp_path, case):
    mutate, expected = BAD_INPUT[case]
    path = _write_registry(tmp_path, mutate)
    with pytest.raises(vigie_data.DataError) as err:
        vigie_data.load_helplines(path)
    assert expected in str(err.value)
    assert re.match(r"^\S+helplines\.yml:\d+: ", str(err.value)), "the message names the file and line"


# ---- shortcodes ---------------------------------------------------------------


def _render(markdown: str, lang: str = "en", url: str = "helplines/", src: str = "en/helplines.md") -> str:
    plugin = SimpleNamespace(current_language=lang, default_language="en", config=SimpleNamespace(languages=[]))
    config = SimpleNamespace(
        extra={"vigie": vigie_data.load(lang)},
        plugins={"i18n": plugin},
        theme={"language": lang},
    )
    page = SimpleNamespace(url=url, file=SimpleNamespace(src_uri=src))
    return shortcodes.on_page_markdown(markdown, page, config, None)


def test_inline_helpline_is_a_tap_to_call_link_with_the_localised_name():
    assert _render("<!-- helpline:police -->") == (
        '<a class="vigie-tel" href="tel:17"><bdi class="vigie-number" dir="ltr">17</bdi> '
        "<bdi>(Police or gendarmerie)</bdi></a>"
    )
    assert "(Police ou gendarmerie)" in _render("<!-- helpline:police -->", lang="fr", url="fr/helplines/")


def test_inline_helpline_for_sms_only_and_web_only_services():
    assert 'href="sms:114"' in _render("<!-- helpline:sms-emergency -->")
    assert _render("<!-- helpline:pharos -->") == (
        '<a class="vigie-web" href="https://www.internet-signalement.gouv.fr/">Pharos</a>'
    )


def test_number_shortcode_shows_only_the_number_with_an_accessible_name():
    html = _render("<!-- number:child-in-danger -->")
    assert html.startswith('<a class="vigie-tel" href="tel:119" aria-label="Allô Enfance en Danger 119">')
    with pytest.raises(PluginError, match="has no number"):
        _render("<!-- number:pharos -->")


@pytest.mark.parametrize("category", REGISTRY["categories"])
def test_category_cards_render_every_entry_of_the_category(category):
    html = _render(f"<!-- helplines:{category} -->")
    expected = [h for h, e in REGISTRY["helplines"].items() if e["category"] == category]
    assert html.count('class="vigie-card ') == len(expected)
    for hid in expected:
        entry = REGISTRY["helplines"][hid]
        if "tel" in entry:
            scheme = "tel" if entry.get("voice", True) else "sms"
            assert f'href="{scheme}:{entry["tel"]}"' in html
        else:
            assert entry["url"] in html


def test_all_helplines_render_every_category_with_a_heading():
    html = _render("<!-- helplines -->")
    assert html.count('class="vigie-card ') == len(REGISTRY["helplines"])
    assert html.count('<h3 class="vigie-category"') == len(REGISTRY["categories"])


def test_cards_show_localised_hours_and_cost():
    html = _render("<!-- helplines:online -->", lang="fr", url="fr/helplines/")
    assert "Tous les jours, de 09:00 à 23:00" in html and "Gratuit" in html


def test_save_numbers_links_to_the_language_vcard():
    assert 'href="../vigie-helplines.vcf"' in _render("<!-- save-numbers -->")
    assert 'href="../vigie-helplines.vcf"' in _render("<!-- save-numbers -->", lang="fr", url="fr/helplines/")


@pytest.mark.parametrize(
    "markdown, expected",
    [
        ("Intro\n\n<!-- helpline:polise -->", "en/helplines.md:3: shortcode '<!-- helpline:polise -->': unknown"),
        ("<!-- helplines:elsewhere -->", "en/helplines.md:1: shortcode '<!-- helplines:elsewhere -->': unknown"),
        ("a\nb\n<!-- hotline:police -->", "en/helplines.md:3: unknown shortcode 'hotline'"),
    ],
)
def test_unknown_shortcodes_fail_naming_page_and_line(markdown, expected):
    with pytest.raises(PluginError) as err:
        _render(markdown)
    assert str(err.value).startswith(expected)


def test_unknown_id_fails_a_real_strict_build(tmp_path):
    copy_project(tmp_path)
    for lang in ("en", "fr"):
        (tmp_path / "docs" / lang).mkdir(parents=True)
    (tmp_path / "docs" / "en" / "index.md").write_text("# Home\n\nCall <!-- helpline:nobody -->\n", encoding="utf-8")
    result = mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert result.returncode != 0
    assert "en/index.md:3: shortcode '<!-- helpline:nobody -->': unknown helpline id 'nobody'" in result.stderr


# ---- vCards -------------------------------------------------------------------


def parse_vcards(text: str) -> list[dict]:
    """A small vCard 3.0 reader: unfolds lines, returns one dict per card."""
    text = re.sub(r"\r\n[ \t]", "", text)
    cards, card = [], None
    for line in text.split("\r\n"):
        if line == "BEGIN:VCARD":
            card = {"TEL": []}
        elif line == "END:VCARD":
            cards.append(card)
        elif card is not None and ":" in line:
            key, value = line.split(":", 1)
            name = key.split(";")[0]
            if name == "TEL":
                card["TEL"].append((key, value))
            else:
                card[name] = value
    return cards


@pytest.mark.parametrize("prefix", ["", "fr/"])
def test_vcard_parses_back_to_the_registry_numbers(site_dir, prefix):
    raw = (site_dir / prefix / "vigie-helplines.vcf").read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n")), "lines are folded at 75 octets"
    cards = parse_vcards(raw.decode("utf-8"))
    numbers = {value for card in cards for _, value in card["TEL"]}
    expected = {e["tel"] for e in WITH_NUMBER.values() if e.get("voice", True)} | {
        e["sms"] for e in WITH_NUMBER.values() if "sms" in e
    }
    assert numbers == expected
    labels = vigie_data.load_labels(prefix.strip("/") or "en")
    assert any(card["FN"].startswith(labels["helplines"]["police"]["name"]) for card in cards)


# ---- the emergency bar in a real browser ----------------------------------------


@pytest.mark.parametrize("lang, path", [("en", ""), ("fr", "fr/")])
def test_emergency_bar_is_one_tap_away_on_a_phone(site_url, phone, lang, path):
    phone.goto(site_url + path + "warning-signs/")
    bar = vigie_data.load(lang)
    links = phone.locator(".vigie-bar a")
    assert links.count() == len(bar.bar)
    for link, entry in zip(links.all(), bar.bar, strict=True):
        assert link.get_attribute("href") == f"tel:{entry['tel']}"
        assert (entry.get("short") or entry["name"]) in link.inner_text()
        box = link.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44
        assert box["y"] >= 0 and box["y"] + box["height"] <= 844, "visible without scrolling"
    phone.mouse.wheel(0, 3000)
    assert links.first.bounding_box()["y"] + links.first.bounding_box()["height"] <= 844, "still there after scrolling"


# ---- no number typed by hand ------------------------------------------------------

SHORTCODE = re.compile(r"<!--.*?-->", re.S)
PHONE_LIKE = re.compile(r"(?<![\w/#.:-])\+?\d[\d\u00a0 .-]{5,}\d(?![\w-])")


def hand_typed_numbers(markdown: str) -> list[str]:
    """Registry numbers, or anything shaped like a phone number, outside shortcodes."""
    text = SHORTCODE.sub(" ", markdown)
    text = re.sub(r"\{[^}]*#[^}]*\}", " ", text)  # heading attributes
    text = re.sub(r"\]\([^)]*\)|https?://\S+", " ", text)  # link targets
    found = PHONE_LIKE.findall(text)
    for entry in WITH_NUMBER.values():
        for form in {entry["number"], entry["tel"]}:
            found += re.findall(rf"(?<![\w.:/-]){re.escape(form)}(?![\w:/-])", text)
    return [f.strip() for f in found]


def test_the_detector_finds_hand_typed_numbers():
    assert hand_typed_numbers("Call 119 now") == ["119"]
    assert hand_typed_numbers("or 01 23 45 67 89") == ["01 23 45 67 89"]
    assert hand_typed_numbers("Call <!-- number:child-in-danger --> in 2024 (law of 4 March 2002)") == []


def test_no_page_types_a_phone_number_by_hand():
    offenders = {}
    for path in sorted((ROOT / "docs").rglob("*.md")):
        found = hand_typed_numbers(path.read_text(encoding="utf-8"))
        if found:
            offenders[str(path.relative_to(ROOT))] = found
    assert offenders == {}
