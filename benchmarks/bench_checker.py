#!/usr/bin/env python3
"""Benchmark: the site checker (the installed `vigie-check` command) against linkchecker on two 12-language sites.

    python benchmarks/bench_checker.py [--runs 7] [--lc-runs 3] [--http] [--write]

Builds throwaway 12-language copies of the site under benchmarks/_work/
(each locale folder is a copy of docs/<default>, or the real translation
when it exists), with the project's own theme, plugins and hooks: one in the
project's layout (docs/<default>/), one with the default language at the
docs/ root, which static-i18n also supports. Then, in one run, times both
tools on the same builds (median of N, wall clock, including interpreter
start-up), and checks what each finds on a copy of each build seeded with
defects. --write records the results in
benchmarks/RESULTS.md, section "## Site checker vs linkchecker".

linkchecker is not a project dependency: install it in its own venv
(python3 -m venv benchmarks/_work/lcvenv && benchmarks/_work/lcvenv/bin/pip install linkchecker==10.6.0)
and pass --linkchecker PATH if it is elsewhere. Both tools run with their bytecode caches
(PYTHONDONTWRITEBYTECODE, which the Makefile sets, is removed for the timed runs), as installed tools do.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from vigie_check.project import load_project

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "benchmarks" / "_work" / "bench12"
WORK_ROOT = ROOT / "benchmarks" / "_work" / "bench12-root"  # the default language at the docs/ root
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
SECTION = "## Site checker vs linkchecker, two layouts"
FILL = ["en", "fr", "de", "es", "it", "pt", "nl", "pl", "uk", "ar", "zh", "ja"]
LOCALES: list[str] = []
CHECKER = [str(Path(sys.executable).parent / "vigie-check")]  # what `make` installs in the venv
LC_DEFAULT = ROOT / "benchmarks" / "_work" / "lcvenv" / "bin" / "linkchecker"
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def prepare(work: Path = WORK, root_default: bool = False) -> Path:
    """Write the 12-language docs and config under `work`; return the config."""
    project = load_project(ROOT / "mkdocs.yml")
    default = project.default.locale
    names = {lang.locale: lang.name for lang in project.languages}
    LOCALES[:] = list(dict.fromkeys([*names, *FILL]))[:12]  # the project's languages first
    shutil.rmtree(work, ignore_errors=True)
    docs = work / "docs"
    for locale in LOCALES:
        source = project.docs_dir / locale
        into = docs if root_default and locale == default else docs / locale
        shutil.copytree(source if source.is_dir() else project.docs_dir / default, into, dirs_exist_ok=True)
    for extra in project.docs_dir.iterdir():  # shared files outside the locale folders
        if extra.name not in LOCALES and not extra.name.startswith("."):
            copy = shutil.copytree if extra.is_dir() else shutil.copy2
            copy(extra, docs / extra.name)
    config = _load_raw(ROOT / "mkdocs.yml")
    plugins = []
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            options = dict(plugin["i18n"])
            options.pop("build_only_locale", None)
            options["languages"] = [
                {"locale": loc, "name": names.get(loc, loc), "default": loc == default, "build": True}
                for loc in LOCALES
            ]
            plugin = {"i18n": options}
        plugins.append(plugin)
    lines = [
        f"INHERIT: {ROOT / 'mkdocs.yml'}",
        f"docs_dir: {docs}",
        f"site_dir: {work / 'site'}",
        f"plugins: {json.dumps(plugins, ensure_ascii=False)}",
        f"hooks: {json.dumps([str(ROOT / h) for h in config.get('hooks') or []])}",
        f"watch: {json.dumps([str(ROOT / w) for w in config.get('watch') or []])}",  # relative to this config
    ]
    project_extra = {"labels_dir": str(ROOT / "data" / "i18n"), "helplines": str(ROOT / "data" / "helplines.yml")}
    lines.append(f"extra: {json.dumps({'checker': project_extra})}")  # data/ is next to the real config
    custom_dir = (config.get("theme") or {}).get("custom_dir")
    if custom_dir:
        lines.append(f"theme: {{custom_dir: {json.dumps(str(ROOT / custom_dir))}}}")
    bench_config = work / "mkdocs.yml"
    bench_config.write_text("\n".join(lines) + "\n", "utf-8")
    # The fallback when the project's hooks cannot build (work in progress):
    # the same docs, theme features and extensions, with stock Material only.
    stock = [line for line in lines if not line.startswith(("hooks:", "theme:"))]
    stock += ["hooks: []", "extra_css: []", "theme: {custom_dir: null}"]
    (work / "mkdocs-stock.yml").write_text("\n".join(stock) + "\n", "utf-8")
    return bench_config


def _load_raw(path: Path) -> dict:
    from vigie_check.project import load_yaml

    return load_yaml(path)


def build(config: Path) -> tuple[Path, float, str]:
    """Build with the project's hooks, or stock Material if they fail."""
    start = time.perf_counter()
    error = _build(config)
    if not error:
        return config, time.perf_counter() - start, "the project's mkdocs.yml, theme overrides and hooks"
    print(f"build with the project's hooks failed, using stock Material: {error.strip().splitlines()[-1]}")
    stock = config.with_name("mkdocs-stock.yml")
    start = time.perf_counter()
    error = _build(stock)
    if error:
        sys.exit(f"mkdocs build failed:\n{error}")
    return stock, time.perf_counter() - start, "stock Material + static-i18n with the project's features and extensions"


def _build(config: Path) -> str | None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,  # paths such as pymdownx.snippets' base_path are relative to it
    )
    return f"{result.stdout}{result.stderr}" if result.returncode != 0 else None


@dataclass
class Timing:
    wall: float  # median wall-clock seconds
    cpu: float  # median user + system CPU seconds of the command and its children
    walls: list[float]
    result: subprocess.CompletedProcess


def timed(cmd: list[str], runs: int, **kwargs) -> Timing:
    """Run `cmd` `runs` times. CPU time is what a busy shared machine distorts least."""
    walls, cpus, result = [], [], None
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        result = subprocess.run(cmd, capture_output=True, text=True, env=ENV, **kwargs)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return Timing(statistics.median(walls), statistics.median(cpus), walls, result)


def seed(site: Path) -> tuple[Path, dict[str, str]]:
    """A copy of the build with four defects on one page: {label: URL}."""
    seeded = site.parent / "site-seeded"
    shutil.rmtree(seeded, ignore_errors=True)
    shutil.copytree(site, seeded)
    page = seeded / "fr" / "index.html"
    defects = {
        "broken anchor, same page": "#no-such-heading",
        "broken anchor, other page": "../about/#no-such-heading",
        "root-absolute broken link": "/de/no-such-page/",
        "missing image": "../assets/images/no-such-image.png",
    }
    html = "".join(
        f'<img src="{url}" alt="">' if "image" in label else f'<a href="{url}">x</a>' for label, url in defects.items()
    )
    text = page.read_text("utf-8")
    page.write_text(text.replace("</article>", html + "</article>", 1), "utf-8")
    return seeded, defects


def pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def linkchecker_http(linkchecker: str, site: Path) -> Timing:
    """linkchecker over HTTP with its AnchorCheck plugin: the slow, thorough mode."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "-d", str(site)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    rc = site.parent / "linkcheckerrc"
    rc.write_text("[AnchorCheck]\n", "utf-8")
    try:
        time.sleep(0.5)
        return timed([linkchecker, "--no-status", "-f", str(rc), f"http://127.0.0.1:{port}/"], 1)
    finally:
        server.terminate()
        server.wait()


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    system = f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
    return f"{cpu}, {os.cpu_count()} CPUs, {system}; load average at the start: {load}"


SITES = [
    ("bench12", WORK, False, "the project's layout: the default language in docs/en/"),
    ("bench12-root", WORK_ROOT, True, "the default language at the docs/ root (English in docs/, docs/fr/ beside)"),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of the checker (median)")
    parser.add_argument("--lc-runs", type=int, default=3, help="runs of linkchecker in file mode (median)")
    parser.add_argument("--http", action="store_true", help="also time linkchecker over HTTP with anchors")
    parser.add_argument("--linkchecker", default=shutil.which("linkchecker") or str(LC_DEFAULT))
    parser.add_argument("--write", action="store_true", help=f"record in {RESULTS.relative_to(ROOT)}")
    parser.add_argument("--reuse-builds", action="store_true", help="time the builds of a previous run again")
    args = parser.parse_args()

    rows = [
        f"- Machine: {machine()}",
        f"- Date: {datetime.date.today().isoformat()}",
        "- Command: `python benchmarks/bench_checker.py"
        + (f" --runs {args.runs}" if args.runs != 7 else "")
        + (f" --lc-runs {args.lc_runs}" if args.lc_runs != 3 else "")
        + (" --http" if args.http else "")
        + (" --reuse-builds" if args.reuse_builds else "")
        + " --write`",
        "- Wall: the whole command, interpreter start-up included. CPU: user + system time of the command (all its"
        " threads). Medians of the runs shown; ratios from this one run, so both tools saw the same load.",
    ]
    for name, work, root_default, layout in SITES:
        if args.reuse_builds and (work / "site" / "index.html").is_file():
            config, build_s, how = (
                work / "mkdocs.yml",
                float("nan"),
                "the project's mkdocs.yml, theme overrides and hooks",
            )
            LOCALES[:] = [lang.locale for lang in load_project(config).languages]
        else:
            config, build_s, how = build(prepare(work, root_default))
        print(f"{name}: built {pages(work / 'site')} pages in 12 languages in {build_s:.1f} s")
        rows += ["", f"### {name}: {layout}", ""] + bench_site(name, config, work / "site", build_s, how, args)
    text = "\n".join(rows)
    print(text)
    if args.write:
        record(text + "\n\n" + NOTES)
    return 0


def bench_site(name: str, config: Path, site: Path, build_s: float, how: str, args) -> list[str]:
    full = [*CHECKER, "--config", str(config), "--format", "json"]
    links_only = [*CHECKER, "links", "--config", str(config), "--format", "json"]
    ours = timed(full, args.runs)
    clean = json.loads(ours.result.stdout)
    ours_links = timed(links_only, args.runs)
    lc_cmd = [args.linkchecker, "--no-status", f"file://{site}/index.html"]
    have_lc = Path(args.linkchecker).exists()
    lc = timed(lc_cmd, args.lc_runs) if have_lc else None

    seeded, defects = seed(site)
    seeded_run = subprocess.run([*links_only, "--site", str(seeded)], capture_output=True, text=True)
    ours_found = {f["target"] for f in json.loads(seeded_run.stdout)["findings"]}
    lc_seeded = (
        subprocess.run([args.linkchecker, "--no-status", f"file://{seeded}/index.html"], capture_output=True, text=True)
        if have_lc
        else None
    )
    http = linkchecker_http(args.linkchecker, site) if (args.http and have_lc) else None
    status = clean["summary"].get("translations") or []
    rows = [
        f"- Site: {pages(site)} HTML pages, 12 languages ({', '.join(LOCALES)}), copies of docs/ built with {how} "
        + (f"(mkdocs build: {build_s:.1f} s)" if build_s == build_s else "(built by an earlier run)"),
        f"- Translation status read by the checker: {_status(status)}",
        "",
        "| Tool | Command | Runs | Median wall | Median CPU | Wall vs checker | CPU vs checker |",
        "|---|---|--:|--:|--:|--:|--:|",
        _row("vigie-check, all checks", f"vigie-check --config {name}/mkdocs.yml", ours, ours),
        _row("vigie-check, links only", "vigie-check links ...", ours_links, ours),
    ]
    if lc:
        rows.append(
            _row("linkchecker 10.6.0, file mode", "linkchecker --no-status file://.../site/index.html", lc, ours)
        )
    if http:
        rows.append(
            _row("linkchecker 10.6.0, HTTP + AnchorCheck", "linkchecker -f rc http://127.0.0.1:PORT/", http, ours)
        )
    rows += [
        "",
        f"Findings on the clean build: vigie-check {len(clean['findings'])} "
        f"({clean['summary']['errors']} errors, {clean['summary']['warnings']} warnings)"
        + (f"; linkchecker file mode: {_lc_summary(lc.result)}." if lc else "."),
        "",
        "Defects seeded in one page of a copy of the build (fr/index.html):",
        "",
        "| Defect | URL | vigie-check | linkchecker (file) |",
        "|---|---|---|---|",
    ]
    for label, url in defects.items():
        lc_cell = ("found" if url in lc_seeded.stdout else "**missed**") if lc_seeded else "n/a"
        rows.append(f"| {label} | `{url}` | {'found' if url in ours_found else '**missed**'} | {lc_cell} |")
    if not have_lc:
        rows += ["", f"linkchecker was not found at {args.linkchecker}: not measured."]
    runs = [f"vigie-check {[round(t, 2) for t in ours.walls]}"] + (
        [f"linkchecker {[round(t, 2) for t in lc.walls]}"] if lc else []
    )
    rows += ["", f"Every run, wall seconds: {'; '.join(runs)}."]
    return rows


def _status(rows: list[dict]) -> str:
    if not rows:
        return "none (translations not checked)"
    pages_per_language = sorted({r["pages"] for r in rows})
    missing = sum(r["missing"] for r in rows)
    return f"{len(rows)} languages, {'/'.join(map(str, pages_per_language))} pages each, {missing} missing"


def _row(tool: str, command: str, t: Timing, base: Timing) -> str:
    return (
        f"| {tool} | `{command}` | {len(t.walls)} | {t.wall:.3f} s | {t.cpu:.3f} s "
        f"| {t.wall / base.wall:.1f}x | {t.cpu / base.cpu:.1f}x |"
    )


def _lc_summary(result: subprocess.CompletedProcess) -> str:
    tail = [line for line in result.stdout.splitlines() if "links in" in line or "errors found" in line]
    summary = "; ".join(line.strip().removeprefix("That's it. ").rstrip(".") for line in tail)
    return summary or f"exit code {result.returncode}"


NOTES = """\
Notes
- Parser: selectolax with its Lexbor engine, a C HTML5 parser that builds the tree a browser builds (HTML5 error
  recovery included): 169 Material pages parse in about 0.06 s of CPU, and CSS selectors pick the links in one walk.
  lxml (libxml2) does not build the HTML5 tree, html5lib (and BeautifulSoup over it) is pure Python and one to two
  orders of magnitude slower, and the standard library's html.parser is only a tokenizer. selectolax gives no
  source lines, so the checker finds the line of a finding afterwards by searching the page's source (only for
  findings). Raw HTML inside Markdown is small; it is tokenised with html.parser, which does give lines.
- Each page is read and parsed once; URLs are resolved once per folder (cache), tel: numbers once per number.
- linkchecker checks no anchors by default. With its AnchorCheck plugin in file mode, it checks same-page anchors
  only (as warnings, and it flags `#top`, which HTML defines), and skips the anchors of directory URLs, which is
  every cross-page link of a Material site (`about/#team`). In file mode it does not report root-absolute links
  (`/fr/nope/`), links that escape the site root, absolute links to the site's own host, or bad tel: numbers.
- The machine is shared with other sessions; the load average above says how busy it was. Wall times grow with the
  load, CPU times much less: compare CPU when the load average is above the number of CPUs.
- Earlier runs of this script on 2026-11-28: at a lower load (mkdocs build 12 s), 0.53 s for the checker against
  7.5 s for linkchecker in file mode (14x wall); with --http under a load average of 11 to 16, linkchecker over
  HTTP (python -m http.server) with AnchorCheck took 484 s for 1474 URLs (about 40 s of CPU), 340x the checker."""


def record(body: str) -> None:
    """Replace (or add, after the title) this benchmark's section; other sections stay as they are."""
    text = RESULTS.read_text("utf-8") if RESULTS.exists() else "# Benchmark results\n"
    lines = text.rstrip("\n").split("\n")
    section = [SECTION, "", *body.rstrip("\n").split("\n"), ""]
    if SECTION in lines:
        start = lines.index(SECTION)
        end = next((i for i in range(start + 1, len(lines)) if re.match(r"#{1,2} ", lines[i])), len(lines))
        lines[start:end] = section
    else:
        lines[1:1] = ["", *section[:-1]]
    RESULTS.write_text("\n".join(lines) + "\n", "utf-8")


if __name__ == "__main__":
    sys.exit(main())
