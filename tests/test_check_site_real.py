"""`make test` runs the site checker on the real site, as `make check` does."""

from __future__ import annotations

from pathlib import Path

from checksite.project import load_project
from checksite.report import as_text
from checksite.run import run_checks

ROOT = Path(__file__).resolve().parents[1]


def test_real_site_has_no_checker_errors(site_dir):
    project = load_project(ROOT / "mkdocs.yml", site_dir)
    report = run_checks(project)
    assert not [n.message for n in report.notes if n.fatal]
    assert report.errors == 0, as_text(report, project)
