"""What the publish job ships: a theme bundle named after its final content (so a
changed patch reaches every phone), and the print PDFs linked only when they exist."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import mkdocs_build

ROOT = Path(__file__).resolve().parents[1]
BUNDLE_REF = re.compile(r"assets/javascripts/(bundle\.[0-9a-f]+\.min\.js)")


def _copy_project(target: Path) -> Path:
    for name in ("docs", "overrides", "data", "scripts"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target / "mkdocs.yml"


def _bundle(site: Path) -> str:
    (bundle,) = sorted((site / "assets" / "javascripts").glob("bundle.*.min.js"))
    return bundle.name


def _check_fingerprint(site: Path) -> str:
    """One bundle, named after its content, and every page, service worker and header rule names it."""
    name = _bundle(site)
    content = (site / "assets" / "javascripts" / name).read_bytes()
    assert name == f"bundle.{hashlib.sha256(content).hexdigest()[:8]}.min.js"
    referring = [p for p in site.rglob("*") if p.suffix in (".html", ".js", ".json") and p.is_file()]
    named = {m for p in referring for m in BUNDLE_REF.findall(p.read_text(encoding="utf-8", errors="replace"))}
    assert named == {name}
    for worker in site.rglob("sw.js"):
        precache = json.loads(re.search(r"var PRECACHE = (\[.*?\]);", worker.read_text(encoding="utf-8")).group(1))
        folder = worker.parent
        missing = [u for u in precache if not ((folder / u / "index.html") if u.endswith("/") else folder / u).exists()]
        assert not missing, f"{worker}: precache lists files that do not exist: {missing}"
    (worker,) = sorted((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    assert worker.name == f"search.{hashlib.sha256(worker.read_bytes()).hexdigest()[:8]}.min.js", (
        "patched search worker"
    )
    assert all(worker.name in p.read_text(encoding="utf-8") for p in (site / "fr").glob("*/index.html"))
    headers = (site / "_headers").read_text(encoding="utf-8")
    assert f"/assets/javascripts/{name}\n  Cache-Control: public, max-age=31536000, immutable" in headers
    return name


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    """The same site built twice, the second time with another patch and with exported PDFs."""
    root = tmp_path_factory.mktemp("publish")
    config = _copy_project(root / "project")
    env = {"VIGIE_PREVIEW_LANG": "fr", "VIGIE_PRINT_FILES": ""}
    first = mkdocs_build(config, root / "site1", env)
    assert first.returncode == 0, first.stdout + first.stderr
    hook = root / "project" / "overrides" / "hooks" / "site_outputs.py"
    text = hook.read_text(encoding="utf-8")
    assert text.count("[data-vigie-sitemap]") == 1
    hook.write_text(text.replace("[data-vigie-sitemap]", "[data-vigie-sitemap-v2]"), encoding="utf-8")
    pdfs = root / "print"
    pdfs.mkdir()
    for name in ("vigie-poster-a4-fr.pdf", "vigie-poster-multilingual.pdf"):
        (pdfs / name).write_bytes(b"%PDF-1.4 test\n")
    second = mkdocs_build(config, root / "site2", {**env, "VIGIE_PRINT_FILES": str(pdfs)})
    assert second.returncode == 0, second.stdout + second.stderr
    return root / "site1", root / "site2"


def test_a_changed_patch_gives_the_bundle_a_new_name(two_builds):
    first, second = two_builds
    one, two = _check_fingerprint(first), _check_fingerprint(second)
    assert one != two
    assert "data-vigie-sitemap-v2" in (second / "assets" / "javascripts" / two).read_text(encoding="utf-8")


def test_posters_page_links_only_the_pdfs_that_were_exported(two_builds):
    first, second = two_builds
    assert "vigie-print-pdfs" not in (first / "fr" / "posters" / "index.html").read_text(encoding="utf-8")
    assert not (first / "print" / "pdf").exists()
    fr = (second / "fr" / "posters" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+)" download="([^"]+)">PDF</a>', fr)
    assert links == [
        ("../../print/pdf/vigie-poster-a4-fr.pdf", "vigie-poster-a4-fr.pdf"),
        ("../../print/pdf/vigie-poster-multilingual.pdf", "vigie-poster-multilingual.pdf"),
    ]
    en = (second / "posters" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'download="([^"]+)">PDF</a>', en) == ["vigie-poster-multilingual.pdf"]
    for _, name in links:
        assert (second / "print" / "pdf" / name).read_bytes().startswith(b"%PDF")
