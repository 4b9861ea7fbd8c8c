"""A clean stock Material + static-i18n site, built for real: no false finding.

Stock Material loads Google Fonts on every page (theme.font is not false):
that one true finding, at the theme in mkdocs.yml, and nothing else."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from vigie_check.cli import main
from vigie_check.project import load_project
from vigie_check.run import run_checks

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "checker"
HOOK = ROOT / "overrides" / "hooks" / "translation_status.py"


@pytest.fixture(scope="module", params=["https://example.org/stock/", None], ids=["subpath", "no-site-url"])
def stock(request, tmp_path_factory) -> Path:
    """The stock fixture copied and built (static-i18n's own test style)."""
    project = tmp_path_factory.mktemp("stock")
    shutil.copytree(FIXTURES / "stock", project, dirs_exist_ok=True)
    config = load_config(
        str(project / "mkdocs.yml"), site_dir=str(project / "site"), site_url=request.param, hooks=[str(HOOK)]
    )
    build(config)
    return project


def _google_fonts(findings: list[dict]) -> list[tuple]:
    return [(f["kind"], f["file"], f["line"], f["target"].split("?")[0], len(f["pages"])) for f in findings]


GOOGLE_FONTS = [("third-party-resource", "mkdocs.yml", 4, "https://fonts.googleapis.com/css", 11)]


def test_stock_site_has_no_false_findings(stock):
    report = run_checks(load_project(stock / "mkdocs.yml"))
    assert _google_fonts([f.as_json() for f in report.findings]) == GOOGLE_FONTS
    assert not [n for n in report.notes if n.fatal]
    assert [row["percent"] for row in report.status] == [100, 100]


def test_stock_site_json_has_only_the_fonts(stock, capsys):
    assert main(["--config", str(stock / "mkdocs.yml"), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert _google_fonts(data["findings"]) == GOOGLE_FONTS and data["summary"]["errors"] == 1
    assert main(["links", "translations", "--config", str(stock / "mkdocs.yml"), "--format", "json"]) == 0


def test_stock_site_really_has_what_material_adds(stock):
    """Guard the test itself: the things that must not be reported are there."""
    page = (stock / "site" / "fr" / "about" / "index.html").read_text("utf-8")
    assert 'class="md-skip"' in page and 'class="headerlink"' in page
    assert 'hreflang="en"' in page and "__tabbed_" in page
    assert (stock / "site" / "sitemap.xml").is_file() and (stock / "site" / "404.html").is_file()
    assert "../img/logo.svg" in (stock / "site" / "fr" / "index.html").read_text("utf-8")


def test_status_page_is_rendered_by_the_hook(stock):
    page = (stock / "site" / "fr" / "status" / "index.html").read_text("utf-8")
    assert "<table>" in page and "Français" in page and "100%" in page
    assert "<!-- translation-status -->" not in page
