#!/usr/bin/env python3
"""Pull-request preview: the pages a change affects, screenshot at phone size.

    python scripts/preview_pages.py --base origin/main [--site site] [--out preview]
                                    [--before before.json] [--summary FILE] [--no-screenshots]
    python scripts/preview_pages.py --files docs/fr/helplines.md data/i18n/ar.yml ...

Which pages: a changed docs/<lang>/x.md is that page in that language;
data/helplines.yml, data/site.yml or anything under overrides/ is the home,
helplines and what-to-do pages in every language; data/i18n/<lang>.yml is
those three pages in that language. Each page is screenshot at 390x844 with
Debian's chromium (scripts/screenshot.py) into <out>/screenshots/, and
<out>/summary.md lists the pages with their translation status before the
change (--before: `check_site.py translations --format json` run on the base)
and after it. Exit codes: 0 done, 1 a page failed to load, 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from vigie_check.project import ConfigError, load_project
from vigie_check.run import run_checks

KEY_PAGES = ("index.md", "helplines.md", "what-to-do.md")
SHARED = ("data/helplines.yml", "data/site.yml")


def pages_for(changed: list[str], locales: list[str], exists=lambda lang, rel: True) -> list[tuple[str, str]]:
    """(language, page) pairs to preview, in language order then file order; no duplicates."""
    wanted: list[tuple[str, str]] = []

    def add(lang: str, rel: str) -> None:
        if (lang, rel) not in wanted and exists(lang, rel):
            wanted.append((lang, rel))

    for path in changed:
        parts = path.split("/")
        if path in SHARED or parts[0] == "overrides":
            for lang in locales:
                for rel in KEY_PAGES:
                    add(lang, rel)
        elif len(parts) == 3 and parts[:2] == ["data", "i18n"] and parts[2].endswith(".yml"):
            lang = parts[2].removesuffix(".yml")
            if lang in locales:
                for rel in KEY_PAGES:
                    add(lang, rel)
        elif len(parts) >= 3 and parts[0] == "docs" and parts[1] in locales and path.endswith(".md"):
            add(parts[1], "/".join(parts[2:]))
    order = {lang: i for i, lang in enumerate(locales)}
    return sorted(wanted, key=lambda item: order[item[0]])  # stable: file order within a language


def site_path(lang: str, rel: str, default: str) -> str:
    """The page's URL path in the built site: fr/what-to-do/, or / for the default home."""
    prefix = "" if lang == default else f"{lang}/"
    stem = rel.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return "/" + prefix + stem.removesuffix("index")
    return f"/{prefix}{stem}/"


def shot_name(path: str) -> str:
    """The file scripts/screenshot.py writes for a path."""
    return (path.strip("/").replace("/", "_") or "home") + ".png"


def page_status(findings: list[dict], lang: str, rel: str, default: str, docs: str = "docs") -> str:
    """A page's translation status from checker findings (JSON shape)."""
    if lang == default:
        return "English (source)"
    mine = f"{docs}/{lang}/{rel}"
    for f in findings:
        if f["kind"] == "missing-translation" and f.get("target") == mine:
            return "missing (English shown)"
        if f["kind"] == "outdated-translation" and f["file"] == mine:
            return "outdated"
    return "up to date"


def summary(pages, default: str, before: list[dict] | None, after: list[dict], docs: str = "docs") -> str:
    lines = ["## Pull-request preview", ""]
    if not pages:
        return "\n".join(lines + ["This change affects no page: nothing to preview.", ""])
    lines += [
        f"{len(pages)} page(s) at phone size (390×844): download the `preview` artifact of this run, "
        "open `screenshots/`, or open `site/` in a browser.",
        "",
        "| Page | Language | Screenshot | Translation before | Translation after |",
        "|---|---|---|---|---|",
    ]
    for lang, rel in pages:
        path = site_path(lang, rel, default)
        was = page_status(before, lang, rel, default, docs) if before is not None else "not known"
        now = page_status(after, lang, rel, default, docs)
        flag = " ⚠️" if before is not None and was != now else ""
        lines.append(f"| `{path}` | {lang} | `screenshots/{shot_name(path)}` | {was} | {now}{flag} |")
    return "\n".join(lines) + "\n"


def changed_files(base: str) -> list[str]:
    result = subprocess.run(
        ["git", "-c", "core.quotepath=off", "diff", "--name-only", "--no-renames", f"{base}...HEAD"],
        capture_output=True, text=True,
    )  # fmt: skip
    if result.returncode != 0:
        raise ValueError(f"git diff against {base!r} failed: {result.stderr.strip() or 'unknown error'}")
    return [line for line in result.stdout.splitlines() if line]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="preview_pages.py", description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--base", help="compare HEAD with this git ref (the pull request's base)")
    source.add_argument("--files", nargs="+", help="the changed files, relative to the repository")
    parser.add_argument("--config", "-f", default="mkdocs.yml", help="the mkdocs config (default: mkdocs.yml)")
    parser.add_argument("--site", type=Path, default=Path("site"), help="the built site (default: site)")
    parser.add_argument("--out", type=Path, default=Path("preview"), help="where to write (default: preview)")
    parser.add_argument("--before", type=Path, help="check_site.py translations --format json, run on the base")
    parser.add_argument("--summary", type=Path, help="also append the summary to FILE ($GITHUB_STEP_SUMMARY)")
    parser.add_argument("--no-screenshots", action="store_true", help="only select the pages and write the summary")
    args = parser.parse_args(argv)  # exits 2 on bad arguments

    try:
        project = load_project(args.config)
        changed = args.files or changed_files(args.base)
        before = json.loads(args.before.read_text(encoding="utf-8"))["findings"] if args.before else None
    except (ConfigError, ValueError, OSError, KeyError) as exc:
        print(f"preview_pages: error: {exc}", file=sys.stderr)
        return 2
    if project.default is None:
        print(f"preview_pages: error: {project.i18n_error}", file=sys.stderr)
        return 2
    locales = [lang.locale for lang in project.languages]
    default = project.default.locale
    pages = pages_for(changed, locales, lambda lang, rel: (project.docs_dir / lang / rel).is_file())
    after = [f.as_json() for f in run_checks(project, ("translations",)).findings]
    text = summary(pages, default, before, after, project.rel(project.docs_dir))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "summary.md").write_text(text, encoding="utf-8")
    if args.summary:
        with open(args.summary, "a", encoding="utf-8") as out:
            out.write(text)
    print(text)
    if not pages or args.no_screenshots:
        return 0
    import screenshot

    paths = [site_path(lang, rel, default) for lang, rel in pages]
    return screenshot.main(["--site", str(args.site), "--out", str(args.out / "screenshots"), *paths])


if __name__ == "__main__":
    sys.exit(main())
