"""Issues 25 and 26: configs the checker must judge like mkdocs-static-i18n does, and bad input.

A 1.x config with a 0.x leftover is checked fully, with one warning; only a config the plugin
rejects, a broken mkdocs.yml, a missing docs_dir or a page that cannot be decoded stops the
check (exit 2), with one clear message naming the file and line. Fresh fixtures, written here.
"""

from __future__ import annotations

import json
from pathlib import Path

from vigie_check.cli import main

V1_WITH_LEFTOVER = """\
site_name: Leftover
plugins:
  - search
  - i18n:
      docs_structure: folder
      default_language: en
      languages:
        - locale: en
          name: English
          default: true
        - locale: es
          name: Español
          site_name: Restos
        - locale: fr
          name: Français
          site_name: Restes
"""
PAGES = {
    "docs/index.md": "# Home\n",
    "docs/guide.md": "# Guide\n",
    "docs/about.md": "# About\n",
    "docs/es/index.md": "# Inicio\n",
    "docs/fr/index.md": "# Accueil\n",
    "docs/fr/guide.md": "# Guide\n",
}


def _write(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            (root / name).write_bytes(text)
        else:
            (root / name).write_text(text, "utf-8")
    return root / "mkdocs.yml"


def _json(capsys, *args) -> tuple[int, dict]:
    code = main([*args, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def test_a_v1_config_with_a_leftover_v0_key_is_checked_fully_with_one_warning(tmp_path, capsys):
    config = _write(tmp_path, {"mkdocs.yml": V1_WITH_LEFTOVER, **PAGES})
    code, data = _json(capsys, "translations", "--config", str(config))
    assert code == 0  # warnings only: the plugin builds this site
    found = sorted((f["kind"], f["file"], f["line"], f["target"]) for f in data["findings"])
    assert found == [
        ("ignored-i18n-option", "mkdocs.yml", 6, "default_language"),
        ("missing-translation", "docs/about.md", None, "docs/es/about.md"),
        ("missing-translation", "docs/about.md", None, "docs/fr/about.md"),
        ("missing-translation", "docs/guide.md", None, "docs/es/guide.md"),
    ]
    assert [(r["language"], r["pages"], r["done"]) for r in data["summary"]["translations"]] == [
        ("en", 3, 3),
        ("es", 3, 1),
        ("fr", 3, 2),
    ]
    assert main(["translations", "--config", str(config), "--format", "github"]) == 0
    (annotation,) = [line for line in capsys.readouterr().out.splitlines() if "ignored-i18n-option" in line]
    assert annotation.startswith("::warning file=mkdocs.yml,line=6,title=ignored-i18n-option::")
    assert "Remove the line" in annotation and "`default: true` (here: en)" in annotation


def test_a_real_v0_config_still_gets_its_clear_message_and_exit_2(tmp_path, capsys):
    v0 = "site_name: Old\nplugins:\n  - i18n:\n      default_language: en\n      languages:\n        fr: Français\n"
    config = _write(tmp_path, {"mkdocs.yml": v0, "docs/index.md": "# Home\n"})
    assert main(["translations", "--config", str(config)]) == 2
    out = capsys.readouterr().out
    assert "note: mkdocs.yml:4: the i18n plugin options are in the mkdocs-static-i18n 0.x format" in out
    assert "ignored-i18n-option" in out  # and its leftover key is named too


def test_only_what_the_plugin_rejects_is_exit_2_with_its_reason(tmp_path, capsys):
    bad = V1_WITH_LEFTOVER.replace("      default_language: en\n", "").replace("locale: es", "locale: ES")
    config = _write(tmp_path, {"mkdocs.yml": bad, **PAGES})
    assert main(["translations", "--config", str(config)]) == 2
    assert "Language code values must be either ISO-639-1" in capsys.readouterr().out


def _github(capsys, *args) -> tuple[int, list[str]]:
    code = main([*args, "--format", "github"])
    return code, [line for line in capsys.readouterr().out.splitlines() if line.startswith("::error")]


def test_a_broken_mkdocs_yml_is_one_annotation_on_its_line(tmp_path, capsys):
    config = _write(tmp_path, {"mkdocs.yml": "site_name: T\nnav:\n  - Home: index.md\n   - Bad: x.md\n"})
    code, errors = _github(capsys, "--config", str(config))
    assert code == 2 and len(errors) == 1
    assert errors[0].startswith(f"::error file={tmp_path.as_posix().replace(':', '%3A')}/mkdocs.yml,line=4::")
    assert "not valid YAML" in errors[0]
    assert "Traceback" not in capsys.readouterr().err


def test_a_missing_docs_dir_names_the_docs_dir_line(tmp_path, capsys):
    config = _write(tmp_path, {"mkdocs.yml": "site_name: T\ndocs_dir: pages\n" + V1_WITH_LEFTOVER[19:]})
    code, errors = _github(capsys, "translations", "content", "--config", str(config))
    assert code == 2
    assert errors == ["::error file=mkdocs.yml,line=2::mkdocs.yml:2: docs dir pages does not exist: create it, or fix"
                      " docs_dir"]  # fmt: skip


def test_a_page_that_cannot_be_decoded_is_named_with_its_line_and_exit_2(tmp_path, capsys):
    pages = {**PAGES, "docs/fr/guide.md": b"# Guide\n\nCaf\xe9 au lait.\n"}
    config = _write(tmp_path, {"mkdocs.yml": V1_WITH_LEFTOVER, **pages})
    code, errors = _github(capsys, "content", "--config", str(config))
    assert code == 2
    assert errors == ["::error file=docs/fr/guide.md,line=3::docs/fr/guide.md:3: is not valid UTF-8 (byte 12): save it"
                      " as UTF-8 (the check went on with replacement characters)"]  # fmt: skip


def test_an_unknown_layout_names_the_option_that_decides_it(tmp_path, capsys):
    config = _write(tmp_path, {"mkdocs.yml": V1_WITH_LEFTOVER.replace("folder", "suffix"), **PAGES})
    code, errors = _github(capsys, "translations", "--config", str(config))
    assert code == 2 and len(errors) == 1
    assert errors[0].startswith("::error file=mkdocs.yml,line=5::mkdocs.yml:5: docs/es/index.md: the pages are in")


def test_odd_configs_never_give_a_traceback(tmp_path, capsys):
    for text in ("site_name: T\nplugins: 5\n", "site_name: T\ntheme: [1]\nextra: 3\nnav: {a: 1}\n", "- a\n"):
        config = _write(tmp_path, {"mkdocs.yml": text, "docs/index.md": "# A\n"})
        assert main(["--config", str(config)]) == 2
        assert "Traceback" not in capsys.readouterr().err
