"""Issue 13: the registry holds hours per channel, web services, full check dates and
home-number clashes; each mistake stops the build naming data/helplines.yml:LINE."""

from __future__ import annotations

import re
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
import site_outputs
import vigie_data
from conftest import ROOT
from test_helplines import _render, parse_vcards

LANGS = sorted(p.name for p in (ROOT / "docs").iterdir() if p.is_dir())


def _data_copy(tmp_path: Path, edit_registry=None, edit_site=None) -> Path:
    """A copy of data/ with text edits (text, not YAML round-trips, so line numbers stay real)."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    for name, edit in (("helplines.yml", edit_registry), ("site.yml", edit_site)):
        if edit:
            path = target / name
            path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return target


def _replace_once(old: str, new: str):
    def edit(text: str) -> str:
        assert text.count(old) >= 1, f"fixture text not found: {old!r}"
        return text.replace(old, new, 1)

    return edit


def _fails_at(data_dir: Path, file: str, expected: str, line_contains: str) -> None:
    """Loading fails; the message names file:LINE, and that line holds `line_contains`."""
    with pytest.raises(vigie_data.DataError) as err:
        vigie_data.load("en", data_dir=data_dir)
    message = str(err.value)
    assert expected in message
    match = re.match(rf"^(\S*{re.escape(file)}):(\d+): ", message)
    assert match, f"the message names {file} and a line: {message}"
    line = (data_dir / file).read_text(encoding="utf-8").split("\n")[int(match.group(2)) - 1]
    assert line_contains in line, f"line {match.group(2)} is {line!r}"


# ---- loader rejections -----------------------------------------------------------


def test_a_clash_naming_an_unknown_helpline_fails(tmp_path):
    edit = _replace_once("{lang: ja, helplines: [child-in-danger]}", "{lang: ja, helplines: [fire-brigade]}")
    data = _data_copy(tmp_path, edit)
    _fails_at(data, "helplines.yml", "'fire-brigade' is not a helpline id", "lang: ja")


def test_adding_a_clash_for_another_language_is_one_line(tmp_path):
    data = _data_copy(
        tmp_path,
        _replace_once("home_clashes:\n", "home_clashes:\n  - {lang: fr, helplines: [child-in-danger]}\n"),
    )
    assert vigie_data.load("fr", data_dir=data).registry["home_clashes"]["fr"] == ["child-in-danger"]


def test_a_channel_without_hours_fails(tmp_path):
    data = _data_copy(tmp_path, _replace_once("- {type: chat, hours: see-site}", "- {type: chat}"))
    _fails_at(data, "helplines.yml", "'child-in-danger' field 'channels': channel 'chat' has no hours", "type: chat")


def test_hours_at_entry_level_are_refused(tmp_path):
    data = _data_copy(tmp_path, _replace_once("    cost: free\n", '    hours: "24/7"\n    cost: free\n'))
    _fails_at(data, "helplines.yml", "'police' field 'hours': hours are given per channel", "id: police")


def test_a_web_service_in_the_emergency_bar_fails(tmp_path):
    data = _data_copy(tmp_path, edit_site=_replace_once("emergency_bar: [", "emergency_bar: [ma-securite, "))
    _fails_at(data, "site.yml", "'ma-securite' has no number to call", "emergency_bar:")


@pytest.mark.parametrize(
    "value, expected",
    [
        ('"2026-11"', "'2026-11' is not a full date"),
        ((date.today() + timedelta(days=2)).isoformat(), "is in the future"),
        ('"2026-02-30"', "is not a real date"),
    ],
)
def test_checked_must_be_a_full_past_date(tmp_path, value, expected):
    data = _data_copy(tmp_path, _replace_once("    checked: 2026-12-02\n", f"    checked: {value}\n"))
    _fails_at(data, "helplines.yml", "'police' field 'checked': ", "id: police")
    with pytest.raises(vigie_data.DataError, match=expected):
        vigie_data.load_helplines(data / "helplines.yml")


def test_source_must_name_the_page_with_its_url(tmp_path):
    data = _data_copy(tmp_path, _replace_once("source: \"'Quel numéro", "source: \"SDIS 04 'Quel numéro"))
    assert vigie_data.load("en", data_dir=data)  # a title before the URL is fine
    data = _data_copy(
        tmp_path / "b", lambda t: re.sub(r'(id: samu\n(?:.*\n)*?    source: )".*"', r'\1"the SDIS page"', t, count=1)
    )
    _fails_at(data, "helplines.yml", "'samu' field 'source': name the page", "id: samu")


# ---- rendering ----------------------------------------------------------------------


def test_a_card_renders_hours_per_channel():
    html = _render("<!-- helplines:child-in-danger -->")
    assert "<li>Phone call: 24 hours a day, 7 days a week</li>" in html
    assert (
        '<li>Online chat: <a class="vigie-hours__site" href="https://www.allo119.gouv.fr/">'
        "see the service&#x27;s website</a></li>" in html
    ), "the chat's hours are not confirmed: the card links to the service's site, never guesses"
    fr = _render("<!-- helplines:child-in-danger -->", lang="fr", url="fr/helplines/")
    assert "<li>Appel téléphonique\u00a0: 24 h/24, 7 j/7</li>" in fr and ">voir le site du service</a>" in fr


def test_a_web_service_card_has_a_localised_action_button():
    html = _render("<!-- helplines:emergency -->", lang="fr", url="fr/helplines/")
    button = '<a class="vigie-card__web vigie-card__action" href="https://www.masecurite.interieur.gouv.fr/">'
    assert button + "Ouvrir le tchat</a>" in html


def test_channels_shortcode_renders_the_buttons_and_hours_of_one_service():
    html = _render("<!-- channels:e-enfance -->")
    assert 'href="tel:3018"' in html and ">Open the chat</a>" in html and "Every day, 09:00–23:00" in html
    assert "vigie-card__name" not in html


def _clash_note(data_dir: Path | None, lang: str = "zh") -> str:
    import shortcodes

    data = vigie_data.load(lang, data_dir=data_dir)
    return shortcodes.render_home_clash(data, None)


def test_the_clash_note_renders_the_numbers_from_the_registry(tmp_path):
    html = _clash_note(None)
    assert "在中国是火警电话" in html and 'dir="ltr">119</bdi>' in html
    for tel in ("18", "15", "17", "112"):
        assert f'href="tel:{tel}"' in html
    # Change the fire number in a fixture registry: the note follows.
    data = _data_copy(tmp_path, _replace_once('number: "18"\n    tel: "18"', 'number: "114"\n    tel: "114"'))
    changed = _clash_note(data)
    assert 'href="tel:114"' in changed and 'href="tel:18"' not in changed


@pytest.mark.parametrize("lang", ["en", "fr", "ar", "uk"])
def test_the_clash_note_renders_nothing_where_the_language_has_no_clash(lang):
    assert _clash_note(None, lang) == ""


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", ["index.md", "helplines.md"])
def test_every_home_and_helplines_page_has_the_clash_shortcode(lang, page):
    assert "<!-- home-clash -->" in (ROOT / "docs" / lang / page).read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGS)
def test_every_what_to_do_page_points_to_the_police_chat(lang):
    """Red until each translation adds it: the English and French pages are the model."""
    text = (ROOT / "docs" / lang / "what-to-do.md").read_text(encoding="utf-8")
    assert re.search(r"<!--\s*(helpline|channels):ma-securite\s*-->", text)


def test_vcard_names_say_france_and_the_note_gives_hours_per_channel():
    cards = {c["UID"]: c for c in parse_vcards(site_outputs.vcard(vigie_data.load("en")))}
    assert cards["vigie-police"]["FN"] == "Police or gendarmerie (France)"
    assert cards["vigie-france-victimes-abroad"]["FN"].endswith("(France)")
    assert cards["vigie-cybertipline"]["FN"] == "NCMEC CyberTipline", "a US number is not named France"
    note = cards["vigie-child-in-danger"]["NOTE"]
    assert "Phone call: 24 hours a day\\, 7 days a week" in note
    assert "Online chat: see the service's website (https://www.allo119.gouv.fr/)" in note
    assert cards["vigie-e-enfance"]["NOTE"].endswith("Messenger: Every day\\, 09:00–23:00")
