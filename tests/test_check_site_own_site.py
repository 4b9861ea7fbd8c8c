"""Issue 25: "Use the checker on your own site" (README), tried as a new user would.

A fresh MkDocs + static-i18n project in a temporary folder, nothing of Vigie's in it: its own
mkdocs.yml and pages, built with mkdocs, then the INSTALLED console command `vigie-check` run
in that folder. The findings and the exit code are exact.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent  # the venv that `make` installed the package into
CONFIG = """\
site_name: Harbour Walks
site_url: https://walks.example.org/
theme:
  name: material
  font: false
plugins:
  - search
  - i18n:
      docs_structure: folder
      languages:
        - locale: en
          name: English
          default: true
        - locale: fr
          name: Français
          site_name: Balades du port
"""
PAGES = {
    "docs/en/index.md": "# Harbour walks\n\nStart with [the routes](routes.md).\n\nSee [the map](#map).\n",
    "docs/en/routes.md": (
        "# Routes\n\n## North pier { #north }\n\nThe loop is composed of 10 stops; version 2 of the map [1].\n\n"
        "Lost? Call the harbour office on 0800 000 0000.\n"
    ),
    "docs/fr/index.md": "# Balades du port\n\nCommencez par [les parcours](routes.md).\n",
}


def _project(tmp_path: Path) -> Path:
    (tmp_path / "mkdocs.yml").write_text(CONFIG, "utf-8")
    for name, text in PAGES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, "utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([BIN / "mkdocs", "build", "--quiet"], cwd=tmp_path, check=True, env=env, capture_output=True)
    return tmp_path


def test_the_installed_command_checks_a_fresh_static_i18n_project(tmp_path):
    project = _project(tmp_path)
    command = BIN / "vigie-check"
    assert command.is_file(), "make installs the package: vigie-check must be in the venv"
    result = subprocess.run([command, "--format", "json"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 1, result.stderr  # errors found
    assert "Traceback" not in result.stderr
    data = json.loads(result.stdout)
    found = sorted((f["kind"], f["file"], f["line"], f["target"], f["language"]) for f in data["findings"])
    assert found == [
        ("broken-anchor", "docs/en/index.md", 5, "#map", None),
        ("hardcoded-phone", "docs/en/routes.md", 7, "0800 000 0000", "en"),
        ("missing-translation", "docs/en/routes.md", None, "docs/fr/routes.md", "fr"),
    ]
    phone = next(f for f in data["findings"] if f["kind"] == "hardcoded-phone")
    assert phone["message"] == "phone number 0800 000 0000 typed in the text"
    assert [(r["language"], r["pages"], r["done"], r["missing"]) for r in data["summary"]["translations"]] == [
        ("en", 2, 2, 0),
        ("fr", 2, 1, 1),
    ]
    text = subprocess.run([command], cwd=project, capture_output=True, text=True)
    assert text.returncode == 1
    assert "extra.checker.region" in text.stdout  # the fix for a national number without a region
    assert "2 errors, 1 warning (links, translations, content, facts)" in text.stdout.splitlines()[-1]
