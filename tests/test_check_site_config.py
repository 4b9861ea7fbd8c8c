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
