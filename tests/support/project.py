"""Copies of the real project for fixture builds (mkdocs-static-i18n's test style)."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# What a build needs besides docs/: the hooks and their loader (overrides/hooks); the checker they
# import is the installed vigie_check package. scripts/ is copied for tests that run them in the copy.
BUILD_FILES = ("mkdocs.yml", "overrides", "data", "scripts")


def copy_project(dest: Path, with_docs: bool = False) -> Path:
    """Copy config, theme, data and scripts (and docs/ if asked) into dest; return the config path."""
    for name in (*BUILD_FILES, "docs") if with_docs else BUILD_FILES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True)
        else:
            shutil.copy(src, dest / name)
    return dest / "mkdocs.yml"
