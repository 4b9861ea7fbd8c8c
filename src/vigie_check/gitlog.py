"""Git history of docs/: one `git log` for all pages, read newest first."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Commit:
    short: str
    date: str
    subject: str
    sha: str = ""  # the full hash, for links

    def __str__(self) -> str:
        return f"{self.short} {self.date} {self.subject}"


@dataclass
class History:
    commits: list[Commit] = field(default_factory=list)
    touched: dict[str, list[int]] = field(default_factory=dict)  # path -> commit indexes, newest first
    head: str = ""  # the full hash of HEAD
    prefix: str = ""  # docs_dir inside the repository, e.g. "docs/"

    def last(self, path: str) -> Commit | None:
        indexes = self.touched.get(path)
        return self.commits[indexes[0]] if indexes else None

    def changes_since(self, path: str, other: str) -> list[Commit] | None:
        """Commits that changed `path` after `other` last changed, or None if unknown."""
        mine, theirs = self.touched.get(path), self.touched.get(other)
        if not mine or not theirs:
            return None
        return [self.commits[i] for i in mine if i < theirs[0]]


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", "-c", "core.quotepath=off", *args], cwd=cwd, capture_output=True, text=True, errors="replace"
    )


def load_history(docs_dir: Path) -> tuple[History | None, str | None]:
    """The history of docs_dir, with paths relative to it; or None and why not."""
    try:
        shallow = _git(docs_dir, "rev-parse", "--is-shallow-repository")
    except (FileNotFoundError, NotADirectoryError, PermissionError):
        return None, "git history is not available (git is not installed or docs/ is missing)"
    if shallow.returncode != 0:
        reason = (shallow.stderr.strip().splitlines() or ["not a git repository"])[-1]
        return None, f"git history is not available ({reason.removeprefix('fatal: ')})"
    if shallow.stdout.strip() == "true":
        return None, "git history is shallow (clone with fetch-depth: 0): outdated translations not checked"
    log = _git(
        docs_dir, "log", "--no-renames", "--relative", "--format=%x1e%h%x1f%cs%x1f%s%x1f%H", "--name-only", "--", "."
    )
    if log.returncode != 0:
        return None, "git history is not available (git log failed)"
    where = _git(docs_dir, "rev-parse", "HEAD", "--show-prefix").stdout.split("\n")
    history = History(head=where[0].strip(), prefix=(where[1] if len(where) > 1 else "").strip())
    for block in log.stdout.split("\x1e")[1:]:
        head, _, names = block.partition("\n")
        short, date, subject, sha = (head.split("\x1f") + ["", "", ""])[:4]
        index = len(history.commits)
        history.commits.append(Commit(short, date, subject, sha))
        for name in names.split("\n"):
            if name:
                history.touched.setdefault(name, []).append(index)
    return history, None
