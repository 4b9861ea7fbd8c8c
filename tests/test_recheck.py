"""Keeping facts true after launch: staleness with fixed dates, the tracking
issue's body, external URLs without network, and translators' links.

No test here reads the calendar: "today" is always given.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from vigie_check import external
from vigie_check.cli import main
from vigie_check.facts import Fact, Policy, load_facts, load_policy, parse_date, staleness
from vigie_check.findings import Finding
from vigie_check.gitlog import Commit, History
from vigie_check.recheck import MARKER, TITLE, issue_body
from vigie_check.repo_links import compare_url, edit_url, repo_url
from vigie_check.translations import translator_links

ROOT = Path(__file__).resolve().parents[1]
EVENT = Policy(recheck_days=180, event_start=date(2027, 6, 1), event_end=date(2027, 6, 20), event_name="Games")


# ---- Dates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [("2026-11", date(2026, 11, 1)), ("2026-11-15", date(2026, 11, 15)), ("2026-13", None), ("soon", None),
     ("2026-02-30", None), (None, None)],
)  # fmt: skip
def test_checked_dates_are_a_month_or_a_day(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "age, now, expected",
    [
        (180, date(2026, 12, 1), None),  # exactly the limit: still fresh
        (181, date(2026, 12, 1), "stale-fact"),  # one day over: a warning
        (181, date(2027, 5, 1), "stale-fact"),  # 31 days before the event: still a warning
        (181, date(2027, 5, 2), "stale-fact-event"),  # 30 days before: an error
        (181, date(2027, 6, 20), "stale-fact-event"),  # the last day of the event
        (181, date(2027, 6, 21), "stale-fact"),  # after the event: a warning again
        (10, date(2027, 5, 20), None),  # fresh facts are fine even just before the event
    ],
)
def test_staleness_around_the_thresholds(age, now, expected):
    assert staleness(now - timedelta(days=age), now, EVENT) == expected


def _project(tmp_path: Path, checked: str = "2026-11-15", site: str = "") -> Path:
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "mkdocs.yml").write_text("site_name: T\n")
    (tmp_path / "data" / "helplines.yml").write_text(
        "helplines:\n"
        '  - id: fresh\n    source: "Service (https://fresh.example/page)"\n    checked: "2026-11-20"\n'
        f'  - id: old\n    url: https://old.example/\n    source: "Old service"\n    checked: "{checked}"\n'
    )
    (tmp_path / "data" / "site.yml").write_text(site or 'event:\n  dates: "2027-06-01 / 2027-06-20"\n')
    return tmp_path / "mkdocs.yml"


def test_facts_are_read_with_their_lines_and_urls(tmp_path):
    facts = load_facts(_project(tmp_path).parent / "data" / "helplines.yml")
    assert [(f.entry, f.line, f.checked_line) for f in facts] == [("fresh", 2, 4), ("old", 5, 8)]
    assert facts[0].urls == {"https://fresh.example/page": "source"}
    assert facts[1].urls == {"https://old.example/": "url"}
    policy = load_policy(tmp_path / "data" / "site.yml")
    assert (policy.recheck_days, policy.event_start, policy.event_end) == (180, date(2027, 6, 1), date(2027, 6, 20))


def test_a_fact_checked_in_2020_is_reported_at_its_line(tmp_path, capsys):
    config = _project(tmp_path, checked="2020-01-02")
    code = main(["facts", "--config", str(config), "--today", "2026-12-02", "--format", "json"])
    (finding,) = json.loads(capsys.readouterr().out)["findings"]
    assert code == 0 and finding["kind"] == "stale-fact" and finding["severity"] == "warning"
    assert (finding["file"], finding["line"], finding["target"]) == ("data/helplines.yml", 8, "old")
    assert "2020-01-02" in finding["message"] and "2526 days ago" in finding["message"]


def test_a_stale_fact_blocks_in_the_month_before_the_event(tmp_path, capsys):
    config = _project(tmp_path, checked="2026-11")
    code = main(["facts", "--config", str(config), "--today", "2027-05-15"])
    out = capsys.readouterr().out
    assert code == 1 and "error stale-fact-event" in out and "starts 2027-06-01" in out


def test_recheck_every_days_comes_from_site_yml(tmp_path, capsys):
    config = _project(tmp_path, checked="2026-11-01", site="recheck_every_days: 20\n")
    assert main(["facts", "--config", str(config), "--today", "2026-11-21", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["findings"] == []
    main(["facts", "--config", str(config), "--today", "2026-11-22", "--format", "json"])
    assert [f["target"] for f in json.loads(capsys.readouterr().out)["findings"]] == ["old"]


def test_the_real_data_with_one_fact_from_2020_is_reported(tmp_path, capsys):
    """What `make check` does on a clone where one `checked` is set to 2020-01-02."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    path = tmp_path / "data" / "helplines.yml"
    text = path.read_text(encoding="utf-8")
    first = next(f for f in load_facts(path) if f.checked)
    lines = text.split("\n")
    lines[first.checked_line - 1] = '    checked: "2020-01-02"'
    path.write_text("\n".join(lines), encoding="utf-8")
    newest = max(parse_date(f.checked) for f in load_facts(ROOT / "data" / "helplines.yml") if f.checked)
    main(["facts", "--config", str(tmp_path / "mkdocs.yml"), "--today", newest.isoformat(), "--format", "json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    ours = [f for f in findings if "2020-01-02" in f["message"]]
    assert [(f["kind"], f["target"], f["line"]) for f in ours] == [("stale-fact", first.entry, first.checked_line)]


# ---- The tracking issue ---------------------------------------------------------------


SP = "https://sp.example/17"


def _facts() -> list[Fact]:
    return [
        Fact(
            "police", 3, "2026-01-10", 12, "Service public (https://sp.example/17)", {"https://sp.example/17": "source"}
        ),
        Fact("child-line", 14, "2026-11-20", 24, "Allo 119", {"https://119.example/": "url"}),
        Fact("fresh", 26, "2026-11-28", 30, "", {}),
    ]


GONE = "https://gone.example/x"


def test_issue_body_lists_entry_field_source_age_and_url_status():
    findings = [
        Finding("stale-fact", "data/helplines.yml", 12, "police", None, "old"),
        Finding("external-unchecked", "data/helplines.yml", 3, "https://sp.example/17", None,
                "helpline 'police' field 'source': https://sp.example/17: could not check (HTTP 403)"),
        Finding("external-link", "data/helplines.yml", 14, "https://119.example/", None,
                "helpline 'child-line' field 'url': https://119.example/: HTTP 404"),
        Finding("external-link", "fr/index.html", 40, GONE, None, f"{GONE}: HTTP 410"),
    ]  # fmt: skip
    body = issue_body(_facts(), findings, "data/helplines.yml", date(2026, 12, 1), EVENT, run_url="https://r/1")
    assert body.startswith(MARKER) and TITLE == "Facts and links to re-check"
    rows = [line for line in body.splitlines() if line.startswith("| ") and "---" not in line]
    assert rows == [
        "| Entry | Field | Source | Age | URL status |",
        "| police | checked | Service public (https://sp.example/17) | 325 days (checked 2026-01-10) "
        "| https://sp.example/17: could not check (HTTP 403) |",
        "| police | source | Service public (https://sp.example/17) | 325 days (checked 2026-01-10) "
        "| https://sp.example/17: could not check (HTTP 403) |",
        "| child-line | url | Allo 119 | 11 days (checked 2026-11-20) | https://119.example/: broken (HTTP 404) |",
        "| Page | URL | Status |",
        "| fr/index.html | https://gone.example/x | broken (HTTP 410) |",
    ]
    assert "[this run](https://r/1)" in body and "(2027-06-01)" in body


def test_issue_body_when_nothing_is_left_and_without_network():
    body = issue_body(_facts(), [], "data/helplines.yml", date(2026, 12, 1), EVENT, external=False)
    assert "Nothing to re-check." in body and "Not checked in this run." in body
    stale = [Finding("stale-fact-event", "data/helplines.yml", 12, "police", None, "old")]
    body = issue_body(_facts(), stale, "data/helplines.yml", date(2027, 5, 20), EVENT, external=False)
    assert "| police | checked (**before the event**) |" in body and "https://sp.example/17: not checked |" in body


def test_recheck_script_writes_the_body_and_exits_1_on_findings(tmp_path):
    config = _project(tmp_path, checked="2020-01-02")
    body = tmp_path / "body.md"
    args = ["scripts/recheck_issue.py", "--config", str(config), "--no-external", "--body", str(body)]
    result = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    assert "| old | checked | Old service |" in body.read_text()
    result = subprocess.run([sys.executable, *args, "--today", "2020-02-01"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0 and "Nothing to re-check." in body.read_text()


# ---- External URLs: three answers, no crash without network --------------------------------


class _Handler(BaseHTTPRequestHandler):
    def _answer(self):
        if self.path == "/slow":
            time.sleep(1.0)
        codes = {"/ok": 200, "/forbidden": 403, "/busy": 429, "/gone": 404, "/down": 503, "/slow": 200}
        self.send_response(codes.get(self.path, 404))
        self.end_headers()

    do_HEAD = do_GET = _answer

    def log_message(self, *args):
        pass


@pytest.fixture
def server(monkeypatch, tmp_path):
    monkeypatch.setattr(external, "RETRY_DELAY", 0)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


def test_403_429_5xx_and_timeouts_are_could_not_check_not_broken(server):
    urls = [f"{server}/{p}" for p in ("ok", "forbidden", "busy", "gone", "down", "slow")]
    answers = external.check_external(urls, timeout=0.3)
    assert {url.rsplit("/", 1)[1]: answer for url, answer in answers.items()} == {
        "forbidden": ("unchecked", "HTTP 403"),
        "busy": ("unchecked", "HTTP 429"),
        "gone": ("broken", "HTTP 404"),
        "down": ("unchecked", "HTTP 503"),
        "slow": ("unchecked", "timed out"),
    }


def test_one_retry_before_saying_no(monkeypatch):
    monkeypatch.setattr(external, "RETRY_DELAY", 0)
    answers = iter([("unchecked", "timed out"), ("ok", None)])
    monkeypatch.setattr(external, "_ask", lambda url, timeout: next(answers))
    assert external.probe("https://flaky.example/") == ("ok", None)


def test_no_network_says_could_not_reach_and_does_not_crash(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(external, "RETRY_DELAY", 0)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    config = _project(tmp_path)
    # .invalid never resolves (RFC 2606): the same answer as a machine without network.
    helplines = tmp_path / "data" / "helplines.yml"
    helplines.write_text(helplines.read_text().replace("old.example", "nowhere.invalid"))
    (tmp_path / "site").mkdir()
    code = main(["links", "facts", "--external", "--config", str(config), "--site", str(tmp_path / "site"),
                 "--today", "2026-12-01", "--format", "json"])  # fmt: skip
    findings = json.loads(capsys.readouterr().out)["findings"]
    reach = [f for f in findings if f["target"] == "https://nowhere.invalid/"]
    assert code == 0 and reach and reach[0]["kind"] == "external-unchecked"
    assert "could not check (could not reach" in reach[0]["message"] and reach[0]["line"] == 5


# ---- Translators: compare and edit links ---------------------------------------------------------


def test_repo_url_and_links():
    assert repo_url({"VIGIE_REPO_URL": "https://github.com/acpe/vigie.git/"}) == "https://github.com/acpe/vigie"
    assert repo_url({"VIGIE_REPO_URL": "acpe/vigie"}) is None and repo_url({}) is None
    assert compare_url("https://github.com/a/v", "abc", "def") == "https://github.com/a/v/compare/abc...def"
    assert edit_url("https://github.com/a/v", "main", "docs/fr/what to do.md") == (
        "https://github.com/a/v/edit/main/docs/fr/what%20to%20do.md"
    )


def test_translator_links_start_at_the_translations_last_commit():
    history = History(
        commits=[Commit("c3", "2026-11-03", "en again", "c3" * 20), Commit("c2", "2026-11-02", "fr", "c2" * 20),
                 Commit("c1", "2026-11-01", "first", "c1" * 20)],
        touched={"en/a.md": [0, 2], "fr/a.md": [1, 2]}, head="ff" * 20, prefix="docs/",
    )  # fmt: skip
    env = {"VIGIE_REPO_URL": "https://github.com/a/v", "VIGIE_REPO_BRANCH": "trunk"}
    assert translator_links(history, "fr/a.md", env) == (
        f"https://github.com/a/v/compare/{'c2' * 20}...{'ff' * 20}",
        "https://github.com/a/v/edit/trunk/docs/fr/a.md",
    )
    assert translator_links(history, "fr/a.md", {}) is None


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false", *args],
        cwd=cwd, check=True, capture_output=True,
    )  # fmt: skip


def test_compare_link_appears_when_english_is_edited_after_a_translation(tmp_path, capsys, monkeypatch):
    root = tmp_path / "repo"
    for lang in ("en", "fr"):
        (root / "docs" / lang).mkdir(parents=True)
        (root / "docs" / lang / "index.md").write_text("# Home\n")
    (root / "mkdocs.yml").write_text(
        "site_name: T\nplugins:\n  - i18n:\n      docs_structure: folder\n      languages:\n"
        "        - {locale: en, name: English, default: true}\n        - {locale: fr, name: Français}\n"
    )
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", ".")
    _git(root, "commit", "-qm", "Both languages")
    based_on = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True).stdout.strip()
    (root / "docs" / "en" / "index.md").write_text("# Home\n\nA new English paragraph.\n")
    _git(root, "commit", "-qam", "English changes")
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True).stdout.strip()
    config = str(root / "mkdocs.yml")

    monkeypatch.delenv("VIGIE_REPO_URL", raising=False)
    main(["translations", "--config", config])
    assert f"git diff {based_on[:7]} HEAD -- docs/en/index.md" in capsys.readouterr().out

    monkeypatch.setenv("VIGIE_REPO_URL", "https://github.com/acpe/vigie")
    for fmt in ("text", "github"):
        main(["translations", "--config", config, "--format", fmt])
        out = capsys.readouterr().out
        assert f"https://github.com/acpe/vigie/compare/{based_on}...{head}" in out, fmt
        assert "https://github.com/acpe/vigie/edit/main/docs/fr/index.md" in out, fmt
        assert "git diff" not in out


# ---- Native review -------------------------------------------------------------------------------


def test_native_review_warns_when_pages_changed_after_it(tmp_path, capsys):
    root = tmp_path / "repo"
    for lang in ("en", "fr"):
        (root / "docs" / lang).mkdir(parents=True)
        (root / "docs" / lang / "index.md").write_text("# Home\n")
    (root / "data" / "i18n").mkdir(parents=True)
    (root / "data" / "i18n" / "en.yml").write_text("native_review: none\n")
    (root / "data" / "i18n" / "fr.yml").write_text("native_review: 2020-01-02\n")
    (root / "mkdocs.yml").write_text(
        "site_name: T\nplugins:\n  - i18n:\n      docs_structure: folder\n      languages:\n"
        "        - {locale: en, name: English, default: true}\n        - {locale: fr, name: Français}\n"
    )
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-qm", "Pages")
    main(["translations", "--config", str(root / "mkdocs.yml"), "--format", "json"])
    (finding,) = [f for f in json.loads(capsys.readouterr().out)["findings"] if f["kind"] == "native-review-outdated"]
    assert finding["language"] == "fr" and "after the native review of 2020-01-02: index.md" in finding["message"]
    (root / "data" / "i18n" / "fr.yml").write_text("native_review: none\n")
    main(["translations", "--config", str(root / "mkdocs.yml"), "--format", "json"])
    assert not [f for f in json.loads(capsys.readouterr().out)["findings"] if f["kind"] == "native-review-outdated"]


def test_no_language_claims_a_native_review_yet():
    from vigie_check.native_review import native_review
    from vigie_check.project import load_project

    project = load_project(ROOT / "mkdocs.yml")
    assert len(project.languages) == 12
    assert {lang.locale: native_review(project, lang.locale) for lang in project.languages} == {
        lang.locale: None for lang in project.languages
    }


# ---- The job summary (check job) -----------------------------------------------------------------


def test_summary_file_gets_findings_and_the_translation_table(tmp_path, capsys):
    seeded = tmp_path / "seeded"
    shutil.copytree(ROOT / "tests" / "fixtures" / "checker" / "seeded", seeded)
    summary = tmp_path / "summary.md"
    summary.write_text("# Earlier step\n")
    code = main(["--config", str(seeded / "mkdocs.yml"), "--format", "github", "--summary", str(summary)])
    out = capsys.readouterr().out
    text = summary.read_text()
    assert code == 1 and out.startswith("::") and text.startswith("# Earlier step\n## Site checker\n")
    assert "| ❌ | missing-asset | `built/index.html:6` |" in text
    assert "### Translations" in text and "| Français (fr) |" in text
    assert main(["--config", str(seeded / "mkdocs.yml"), "--format", "markdown"]) == 1
    assert capsys.readouterr().out.strip() == text.removeprefix("# Earlier step\n").strip()
