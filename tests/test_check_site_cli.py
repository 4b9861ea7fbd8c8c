"""The command line: exit codes, the three formats, git history, --external,
and bad input that must neither crash the checker nor hide other findings."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from vigie_check.cli import main

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "checker"
SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "check_site.py"
KINDS = {
    "broken-link", "broken-anchor", "missing-asset", "bad-tel", "external-link", "missing-translation",
    "orphan-translation", "outdated-translation", "missing-label", "unsafe-html", "third-party-resource",
    "hardcoded-phone",
}  # fmt: skip


@pytest.fixture
def seeded(tmp_path) -> Path:
    shutil.copytree(FIXTURES / "seeded", tmp_path, dirs_exist_ok=True)
    return tmp_path


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_output_matches_the_schema(seeded, capsys):
    code, out, _ = run(capsys, "--config", str(seeded / "mkdocs.yml"), "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert set(data) == {"findings", "summary"}
    for f in data["findings"]:
        assert set(f) - {"built"} == {"check", "kind", "severity", "file", "line", "target", "language", "message"}
        if f["check"] == "links":  # file and line: where to fix it; built: the built page that shows it
            assert set(f["built"]) == {"file", "line"} and f["built"]["file"].startswith("built/")
        assert f["check"] in ("links", "translations", "content") and f["kind"] in KINDS
        assert f["severity"] in ("error", "warning")
        assert isinstance(f["file"], str) and not f["file"].startswith("/")
        assert f["line"] is None or (isinstance(f["line"], int) and f["line"] > 0)
        assert f["target"] is None or isinstance(f["target"], str)
        assert f["language"] is None or isinstance(f["language"], str)
        assert isinstance(f["message"], str) and "\n" not in f["message"]
    assert data["summary"]["errors"] + data["summary"]["warnings"] == len(data["findings"])
    assert {row["language"] for row in data["summary"]["translations"]} == {"en", "fr"}


def test_text_output_is_grouped_by_file_with_hints_and_a_status_table(seeded, capsys):
    code, out, _ = run(capsys, "--config", str(seeded / "mkdocs.yml"))
    assert code == 1
    assert "\nbuilt/index.html\n  built/index.html:6: error missing-asset: assets/missing.css" in "\n" + out
    assert "\n  built/index.html:15: error broken-anchor: about/#nowhere: no id 'nowhere' in about/index.html" in out
    assert "      fix: Link to a heading id that exists on the target page." in out
    assert "docs/en/content.md:14: error hardcoded-phone [en]: phone number 119 typed in the text" in out
    table = out[out.index("Translations") :].splitlines()
    assert table[1].split()[:6] == ["en", "English", "4", "4", "0", "0"]
    assert table[2].split()[:7] == ["fr", "Français", "4", "3", "1", "0", "75%"]


def test_github_output_annotates_lines(seeded, capsys):
    code, out, _ = run(capsys, "--config", str(seeded / "mkdocs.yml"), "--format", "github")
    assert code == 1
    assert "::error file=docs/en/content.md,line=14,title=hardcoded-phone::phone number 119" in out
    assert "::error file=built/index.html,line=16,title=broken-anchor::#missing-here" in out
    assert "::warning file=data/i18n/fr.yml,title=missing-label::" in out
    # A broken link written in the Markdown is annotated there, where the pull request changed it.
    assert "::error file=docs/en/index.md,line=5,title=broken-link::missing-page/" in out


def test_text_output_names_the_markdown_source_of_a_broken_link(seeded, capsys):
    _, out, _ = run(capsys, "links", "--config", str(seeded / "mkdocs.yml"))
    assert "docs/en/index.md:5: error broken-link: missing-page/" in out  # where to fix it (issue 25)
    assert "(built: built/index.html:17)" in out


def test_only_the_requested_checks_run(seeded, capsys):
    code, out, _ = run(capsys, "content", "--config", str(seeded / "mkdocs.yml"), "--format", "json")
    assert {f["check"] for f in json.loads(out)["findings"]} == {"content"}
    assert code == 1


def test_exit_zero_with_warnings_only(tmp_path, capsys):
    git_project = _git_project(tmp_path)
    code, out, _ = run(capsys, "translations", "--config", str(git_project / "mkdocs.yml"), "--format", "json")
    data = json.loads(out)
    assert [f["kind"] for f in data["findings"]] == ["outdated-translation"]
    assert code == 0


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false", *args],
        cwd=cwd, check=True, capture_output=True,
    )  # fmt: skip


def _git_project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "docs" / "en").mkdir(parents=True)
    (root / "docs" / "fr").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(
        "site_name: T\nplugins:\n  - i18n:\n      docs_structure: folder\n      languages:\n"
        "        - {locale: en, name: English, default: true}\n        - {locale: fr, name: Français, site_name: T}\n"
    )
    for lang in ("en", "fr"):
        (root / "docs" / lang / "index.md").write_text("# Home\n")
        (root / "docs" / lang / "same.md").write_text("# Same\n")
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-qm", "First pages")
    (root / "docs" / "en" / "index.md").write_text("# Home\n\nNew paragraph.\n")
    _git(root, "commit", "-qam", "Add a paragraph")
    (root / "docs" / "en" / "index.md").write_text("# Home\n\nNew paragraph, fixed.\n")
    (root / "docs" / "en" / "same.md").write_text("# Same\n\nChanged with its translation.\n")
    (root / "docs" / "fr" / "same.md").write_text("# Même\n\nChangé avec sa traduction.\n")
    _git(root, "commit", "-qam", "Fix the paragraph")
    return root


def test_outdated_translation_shows_the_commits_in_between(tmp_path, capsys):
    root = _git_project(tmp_path)
    code, out, _ = run(capsys, "translations", "--config", str(root / "mkdocs.yml"), "--format", "json")
    (finding,) = json.loads(out)["findings"]
    assert finding["kind"] == "outdated-translation" and finding["severity"] == "warning"
    assert finding["file"] == "docs/fr/index.md" and finding["target"] == "docs/en/index.md"
    assert finding["language"] == "fr" and finding["line"] is None
    assert "Fix the paragraph" in finding["message"] and "Add a paragraph" in finding["message"]
    assert "First pages" not in finding["message"]
    assert json.loads(out)["summary"]["translations"][1]["outdated"] == 1


def test_no_git_history_is_said_once_in_one_line(seeded, capsys):
    code, out, _ = run(capsys, "translations", "--config", str(seeded / "mkdocs.yml"))
    notes = [line for line in out.splitlines() if line.startswith("note:")]
    assert len(notes) == 1 and "git history is not available" in notes[0]


def test_shallow_clone_is_said_once(tmp_path, capsys):
    root = _git_project(tmp_path)
    clone = tmp_path / "clone"
    _git(tmp_path, "clone", "-q", "--depth", "1", f"file://{root}", str(clone))
    code, out, _ = run(capsys, "translations", "--config", str(clone / "mkdocs.yml"))
    assert code == 0 and out.count("git history is shallow") == 1


class _Handler(BaseHTTPRequestHandler):
    def do_HEAD(self):
        self.send_response(200 if self.path == "/ok" else 405 if self.path == "/no-head" else 404)
        self.end_headers()

    def do_GET(self):
        self.send_response(200 if self.path in ("/ok", "/no-head") else 404)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_external_links_only_with_the_flag(seeded, capsys, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(seeded / "cache"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    home = seeded / "built" / "index.html"  # no real network in tests
    home.write_text(home.read_text().replace("https://other.example.net/x", "/"))
    page = seeded / "built" / "about" / "index.html"
    links = f'<a href="{base}/ok">ok</a> <a href="{base}/no-head">ok</a>\n<a href="{base}/gone">gone</a>\n'
    page.write_text(page.read_text().replace("</body>", links + "</body>"))
    try:
        args = ["links", "--config", str(seeded / "mkdocs.yml"), "--format", "json"]
        _, out, _ = run(capsys, *args)
        assert not [f for f in json.loads(out)["findings"] if f["kind"] == "external-link"]
        _, out, _ = run(capsys, *args, "--external")
        external = [f for f in json.loads(out)["findings"] if f["kind"] == "external-link"]
        assert [(f["file"], f["target"], f["severity"]) for f in external] == [
            ("built/about/index.html", f"{base}/gone", "warning")  # in the HTML only: the built file
        ]
        assert external[0]["line"] == 8
        cache = json.loads((seeded / "cache" / "vigie-check-site" / "external.json").read_text())
        assert f"{base}/ok" in cache and f"{base}/gone" not in cache
    finally:
        server.shutdown()


def test_not_utf8_files_are_said_and_do_not_hide_findings(seeded, capsys):
    (seeded / "built" / "latin1.html").write_bytes(b'<p>caf\xe9 <a href="nowhere/">x</a></p>\n')
    (seeded / "docs" / "en" / "latin1.md").write_bytes(b"# Caf\xe9\n\nCall 119 now.\n")
    (seeded / "docs" / "fr" / "latin1.md").write_bytes(b"# Caf\xe9\n")
    code, out, _ = run(capsys, "--config", str(seeded / "mkdocs.yml"), "--format", "json")
    data = json.loads(out)
    found = {(f["kind"], f["file"], f["line"]) for f in data["findings"]}
    assert ("broken-link", "built/latin1.html", 1) in found
    assert ("hardcoded-phone", "docs/en/latin1.md", 3) in found
    assert ("broken-anchor", "built/index.html", 16) in found  # the others are still there
    notes = data["summary"]["notes"]
    assert any("built/latin1.html:1: is not valid UTF-8" in n for n in notes)
    assert any("docs/en/latin1.md:1: is not valid UTF-8" in n for n in notes)
    assert code == 2  # a file that cannot be decoded stops the check from passing (issue 25)


def test_odd_link_encodings(tmp_path, capsys):
    site = tmp_path / "site"
    (site / "été").mkdir(parents=True)
    (site / "été" / "index.html").write_text("<h1 id='été'>x</h1>")
    (site / "a b.html").write_text("x")
    (site / "index.html").write_text(
        '<a href="a%20b.html">ok</a><a href="%C3%A9t%C3%A9/#%C3%A9t%C3%A9">ok</a><a href="été/#été">ok</a>\n'
        '<a href="a%2Gb.html">bad</a><a href="%FF%FE/">bad</a><a href="../../../x">bad</a><a href="/../x">bad</a>\n'
        '<a href="http://[::1">bad</a><a href="a b.html">ok</a>\n'
    )
    (tmp_path / "mkdocs.yml").write_text("site_name: T\n")
    code, out, _ = run(capsys, "links", "--config", str(tmp_path / "mkdocs.yml"), "--format", "json")
    found = [(f["kind"], f["line"], f["target"]) for f in json.loads(out)["findings"]]
    assert found == [
        ("broken-link", 2, "a%2Gb.html"),
        ("broken-link", 2, "%FF%FE/"),
        ("broken-link", 2, "../../../x"),
        ("broken-link", 2, "/../x"),
        ("broken-link", 3, "http://[::1"),
    ]
    assert code == 1  # no i18n plugin, but only links were asked for


@pytest.mark.parametrize(
    "args, message",
    [
        (["spelling"], "unknown check 'spelling'"),
        (["--format", "xml"], "invalid choice"),
        (["--config", "nope.yml"], "config file not found"),
    ],
)
def test_usage_errors_exit_2_with_one_line(tmp_path, args, message):
    result = subprocess.run([sys.executable, str(SCRIPT), *args], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stdout == "" and len(result.stderr.strip().splitlines()) == 1 and message in result.stderr


def test_config_errors_exit_2(tmp_path, capsys):
    (tmp_path / "mkdocs.yml").write_text("site_name: [unclosed\n")
    code, _, err = run(capsys, "--config", str(tmp_path / "mkdocs.yml"))
    assert code == 2 and "cannot read" in err and len(err.strip().splitlines()) == 1


def test_config_without_i18n_plugin_says_so_and_still_checks(seeded, capsys):
    config = seeded / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - i18n:", "  - not-i18n:"))
    code, out, _ = run(capsys, "--config", str(config))
    assert code == 2
    assert "note: no i18n plugin in the config: translations not checked" in out
    assert "built/index.html:16: error broken-anchor" in out and "hardcoded-phone" in out


def test_missing_site_dir_says_so_and_still_checks(seeded, capsys):
    code, out, _ = run(capsys, "--config", str(seeded / "mkdocs.yml"), "--site", str(seeded / "nowhere"))
    assert code == 2
    assert "note: site dir nowhere does not exist: build the site first" in out
    assert "missing-translation" in out and "hardcoded-phone" in out


def test_env_tags_in_the_config_are_read(seeded, capsys, monkeypatch):
    config = seeded / "mkdocs.yml"
    text = config.read_text().replace("site_url: https://example.org/", "site_url: !ENV [SEEDED_URL, 'http://x/']")
    config.write_text(text.replace("site_dir: built", "site_dir: !ENV [SEEDED_DIR, built]"))
    monkeypatch.setenv("SEEDED_URL", "https://example.org/")
    code, out, _ = run(capsys, "links", "--config", str(config), "--format", "json")
    assert "https://example.org/gone/" in {f["target"] for f in json.loads(out)["findings"]}
