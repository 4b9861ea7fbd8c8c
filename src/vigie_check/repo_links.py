"""Links translators can open: the repository's compare view and its web editor.

Known only when VIGIE_REPO_URL is set (CI sets it from GITHUB_SERVER_URL and
GITHUB_REPOSITORY); without it, messages keep the `git diff` command.
VIGIE_REPO_BRANCH names the branch to edit (default: main).
"""

from __future__ import annotations

import os
from urllib.parse import quote


def repo_url(environ=None) -> str | None:
    environ = os.environ if environ is None else environ
    url = (environ.get("VIGIE_REPO_URL") or "").strip().rstrip("/").removesuffix(".git")
    return url if url.startswith(("https://", "http://")) else None


def repo_branch(environ=None) -> str:
    environ = os.environ if environ is None else environ
    return (environ.get("VIGIE_REPO_BRANCH") or "").strip() or "main"


def compare_url(repo: str, base: str, head: str) -> str:
    """What changed between two commits (GitHub, Gitea and Forgejo share this form)."""
    return f"{repo}/compare/{base}...{head}"


def edit_url(repo: str, branch: str, path: str) -> str:
    return f"{repo}/edit/{quote(branch, safe='/')}/{quote(path, safe='/')}"
