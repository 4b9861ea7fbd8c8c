"""Pull-request preview: changed files in, pages out (scripts/preview_pages.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from preview_pages import main, page_status, pages_for, site_path, summary

CONFIG = str(Path(__file__).resolve().parents[1] / "mkdocs.yml")
LOCALES = ["en", "fr", "ar"]
KEY = ["index.md", "helplines.md", "what-to-do.md"]


@pytest.mark.parametrize(
    "changed, expected",
    [
        (["docs/fr/risks.md"], [("fr", "risks.md")]),
        (["docs/en/index.md"], [("en", "index.md")]),
        (["docs/ar/guides/safe.md"], [("ar", "guides/safe.md")]),
        (["data/helplines.yml"], [(lang, rel) for lang in LOCALES for rel in KEY]),
        (["data/site.yml"], [(lang, rel) for lang in LOCALES for rel in KEY]),
        (["overrides/hooks/shortcodes.py"], [(lang, rel) for lang in LOCALES for rel in KEY]),
        (["overrides/assets/css/vigie.css"], [(lang, rel) for lang in LOCALES for rel in KEY]),
        (["data/i18n/ar.yml"], [("ar", rel) for rel in KEY]),
        (["data/i18n/de.yml"], []),  # a language this build does not publish
        (["README.md", "tests/test_x.py", "scripts/check_site.py", "docs/xx/a.md", "docs/fr/img.png"], []),
        # Language order first, then the order of the changes; each page once.
        (["docs/ar/risks.md", "data/i18n/fr.yml", "docs/fr/helplines.md", "docs/en/risks.md"],
         [("en", "risks.md"), ("fr", "index.md"), ("fr", "helplines.md"), ("fr", "what-to-do.md"),
          ("ar", "risks.md")]),
    ],
)  # fmt: skip
def test_changed_files_in_pages_out(changed, expected):
    assert pages_for(changed, LOCALES) == expected


def test_deleted_pages_are_not_previewed():
    assert pages_for(["docs/fr/gone.md", "docs/fr/risks.md"], LOCALES, lambda lang, rel: rel != "gone.md") == [
        ("fr", "risks.md")
    ]


@pytest.mark.parametrize(
    "lang, rel, expected",
    [("en", "index.md", "/"), ("fr", "index.md", "/fr/"), ("ar", "what-to-do.md", "/ar/what-to-do/"),
     ("en", "guides/index.md", "/guides/"), ("fr", "guides/safe.md", "/fr/guides/safe/")],
)  # fmt: skip
def test_site_paths(lang, rel, expected):
    assert site_path(lang, rel, "en") == expected


def test_summary_lists_pages_with_translation_status_before_and_after():
    before = [{"kind": "missing-translation", "file": "docs/en/risks.md", "target": "docs/fr/risks.md"}]
    after = [{"kind": "outdated-translation", "file": "docs/ar/helplines.md", "target": "docs/en/helplines.md"}]
    pages = [("en", "risks.md"), ("fr", "risks.md"), ("ar", "helplines.md")]
    text = summary(pages, "en", before, after)
    assert "| `/risks/` | en | `screenshots/risks.png` | English (source) | English (source) |" in text
    assert "| `/fr/risks/` | fr | `screenshots/fr_risks.png` | missing (English shown) | up to date ⚠️ |" in text
    assert "| `/ar/helplines/` | ar | `screenshots/ar_helplines.png` | up to date | outdated ⚠️ |" in text
    assert page_status(after, "ar", "helplines.md", "en") == "outdated"
    assert "nothing to preview" in summary([], "en", None, [])


def test_cli_selects_real_pages_and_writes_the_summary(tmp_path, capsys):
    before = tmp_path / "before.json"
    before.write_text(json.dumps({"findings": [], "summary": {}}))
    code = main(["--files", "docs/fr/risks.md", "data/i18n/ar.yml", "--out", str(tmp_path), "--config", CONFIG,
                 "--before", str(before), "--no-screenshots"])  # fmt: skip
    text = (tmp_path / "summary.md").read_text()
    assert code == 0 and text == capsys.readouterr().out.rstrip("\n") + "\n"
    assert [line.split("|")[1].strip() for line in text.splitlines() if line.startswith("| `")] == [
        "`/fr/risks/`", "`/ar/`", "`/ar/helplines/`", "`/ar/what-to-do/`",
    ]  # fmt: skip


def test_cli_usage_errors_exit_2(tmp_path, capsys):
    assert main(["--base", "no-such-ref-anywhere", "--no-screenshots", "--out", str(tmp_path), "-f", CONFIG]) == 2
    assert "git diff against 'no-such-ref-anywhere' failed" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["--out", str(tmp_path)])
    assert exc.value.code == 2
