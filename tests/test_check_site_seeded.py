"""Seeded fixture: each kind of finding is found, at the right file and line,
and nothing else is (the fixture also holds look-alikes that must pass)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from vigie_check.project import load_project
from vigie_check.run import run_checks

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "checker" / "seeded"

# (kind, file, text on the line, target): file is relative to the site dir for
# links and to the project for the rest; None text means "no line".
EXPECTED = [
    ("missing-asset", "index.html", "assets/missing.css", "assets/missing.css"),
    ("broken-anchor", "index.html", "about/#nowhere", "about/#nowhere"),
    ("broken-anchor", "index.html", "#missing-here", "#missing-here"),
    ("broken-link", "index.html", "missing-page/", "missing-page/"),
    ("broken-link", "index.html", "/fr/nope/", "/fr/nope/"),
    ("broken-anchor", "index.html", '"fr/about/#team"', "fr/about/#team"),
    ("broken-link", "index.html", "../../etc/passwd", "../../etc/passwd"),
    ("broken-link", "index.html", "https://example.org/gone/", "https://example.org/gone/"),
    ("missing-asset", "index.html", "img/missing.png", "img/missing.png"),
    ("missing-asset", "index.html", "img/missing-2x.png", "img/missing-2x.png"),
    ("bad-tel", "index.html", "tel:abc", "tel:abc"),
    ("bad-tel", "index.html", "tel:12345", "tel:12345"),
    ("broken-link", "fr/index.html", "pas-de-page/", "pas-de-page/"),
    ("missing-translation", "docs/en/only-en.md", None, "docs/fr/only-en.md"),
    ("orphan-translation", "docs/fr/old.md", None, "docs/en/old.md"),
    ("missing-label", "data/i18n/en.yml", None, "helplines.child-line.name"),
    ("missing-label", "data/i18n/en.yml", None, "helplines.child-line.when"),
    ("missing-label", "data/i18n/fr.yml", None, "helplines.police.when"),
    ("missing-label", "data/i18n/fr.yml", None, "helplines.child-line.name"),
    ("missing-label", "data/i18n/fr.yml", None, "helplines.child-line.when"),
    ("missing-label", "data/i18n/fr.yml", 'website: ""', "ui.website"),
    ("missing-label", "mkdocs.yml", "locale: fr", "About"),
    ("unsafe-html", "docs/en/content.md", '<script>alert("x")', "<script>"),
    ("unsafe-html", "docs/en/content.md", "onclick=", "onclick"),
    ("unsafe-html", "docs/en/content.md", "<iframe src=", "<iframe>"),
    ("third-party-resource", "docs/en/content.md", "<iframe src=", "https://video.example.net/embed/1"),
    ("unsafe-html", "docs/en/content.md", "<object", "<object>"),
    ("unsafe-html", "docs/en/content.md", "<embed", "<embed>"),
    ("unsafe-html", "docs/en/content.md", "javascript:alert", "javascript:alert(1)"),
    ("third-party-resource", "docs/en/content.md", "pixel.gif", "https://tracker.example.com/pixel.gif"),
    ("third-party-resource", "docs/en/content.md", "photo.jpg", "https://cdn.example.net/photo.jpg"),
    ("hardcoded-phone", "docs/en/content.md", "Call 119 if", "119"),
    ("hardcoded-phone", "docs/en/content.md", "116 000", "116 000"),
    ("hardcoded-phone", "docs/en/content.md", "+33 1 80", "+33 1 80 52 33 76"),
    ("hardcoded-phone", "docs/en/content.md", "+1 800", "+1 800 843 5678"),
    ("hardcoded-phone", "docs/en/content.md", "01 23 45", "01 23 45 67 89"),
    ("hardcoded-phone", "docs/fr/content.md", "3919", "3919"),
    ("hardcoded-phone", "docs/fr/content.md", "3919", "17"),
]


def line_of(path: Path, text: str | None) -> int | None:
    if text is None:
        return None
    lines = path.read_text("utf-8").splitlines()
    hits = [i + 1 for i, line in enumerate(lines) if text in line]
    assert len(hits) == 1, f"{text!r} must be on exactly one line of {path}"
    return hits[0]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy outside the repo, so that git history does not come into play."""
    root = tmp_path_factory.mktemp("seeded")
    shutil.copytree(FIXTURE, root, dirs_exist_ok=True)
    return root


@pytest.fixture(scope="module")
def found(project) -> list[tuple]:
    report = run_checks(load_project(project / "mkdocs.yml"))
    return [(f.kind, f.file, f.line, f.target) for f in report.findings]


def _expected(project: Path, kind, file, text, target) -> tuple:
    path = project / ("built/" + file if kind in ("broken-link", "broken-anchor", "missing-asset", "bad-tel") else file)
    return (kind, file, line_of(path, text), target)


@pytest.mark.parametrize("kind, file, text, target", EXPECTED, ids=[f"{e[0]}:{e[3]}" for e in EXPECTED])
def test_seeded_finding_is_found_at_its_line(project, found, kind, file, text, target):
    assert _expected(project, kind, file, text, target) in found


def test_seeded_fixture_has_no_other_finding(project, found):
    expected = [_expected(project, *e) for e in EXPECTED]
    assert sorted(found, key=repr) == sorted(expected, key=repr)


def test_every_kind_but_network_and_git_ones_is_seeded():
    from vigie_check.findings import KINDS

    seeded = {e[0] for e in EXPECTED}
    # Network, git and calendar kinds: tested in test_check_site_cli.py and test_recheck.py.
    later = {"external-link", "external-unchecked", "outdated-translation", "native-review-outdated"}
    later |= {"ignored-i18n-option"}  # in test_check_site_config.py
    assert set(KINDS) - seeded == later | {"stale-fact", "stale-fact-event"}
