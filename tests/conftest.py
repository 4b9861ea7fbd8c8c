"""Shared fixtures: one strict build of the real site per session, a Pages-like
server, and Debian's chromium at phone size."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from vigie_tools.chromium import PHONE, launch
from vigie_tools.pages_server import PagesServer

ROOT = Path(__file__).resolve().parents[1]


def mkdocs_build(config: Path, site_dir: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """A real `mkdocs build --strict`, as CI and `make build` run it."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        cwd=config.parent,
    )


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT / "mkdocs.yml", out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="session")
def site_url(site_dir):
    with PagesServer(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = launch(pw)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser):
    """A fresh phone-sized page; closed after the test."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=1)
    page = context.new_page()
    yield page
    context.close()
