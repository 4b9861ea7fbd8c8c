"""`make test` runs the site checker on the real site, as `make check` does.

"today" is pinned to the newest `checked` date in data/helplines.yml, so this
test never turns red only because the calendar moved on: staleness is tested
with fixed dates in test_recheck.py, and `make check` runs it on the real date.
"""

from __future__ import annotations

from pathlib import Path

from vigie_check.facts import load_facts, parse_date
from vigie_check.project import load_project
from vigie_check.report import as_text
from vigie_check.run import run_checks

ROOT = Path(__file__).resolve().parents[1]


def test_real_site_has_no_checker_errors(site_dir):
    project = load_project(ROOT / "mkdocs.yml", site_dir)
    newest = max(parse_date(f.checked) for f in load_facts(ROOT / "data" / "helplines.yml") if f.checked)
    report = run_checks(project, today=newest)
    assert not [n.message for n in report.notes if n.fatal]
    assert report.errors == 0, as_text(report, project)
