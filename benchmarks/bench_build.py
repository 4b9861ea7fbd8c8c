"""Build time of the 12-language site: Vigie against a stock Material + static-i18n
site built from the same pages, alternating runs in one session (noisy machine:
compare the ratio, not the seconds).

    .venv/bin/python benchmarks/bench_build.py [--runs 3]

The stock site has the same docs/, languages and Markdown extensions, but no
overrides, hooks or privacy plugin (fonts off, so it builds offline).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "benchmarks" / "_work" / "build"


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_constructor("!ENV", lambda loader, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: None)


def stock_project() -> Path:
    """A copy of docs/ with a stock config: same languages and extensions, nothing of ours."""
    ours = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    i18n = next(p["i18n"] for p in ours["plugins"] if isinstance(p, dict) and "i18n" in p)
    config = {
        "site_name": "Stock",
        "site_url": "http://127.0.0.1:8000/",
        "theme": {"name": "material", "font": False},
        "plugins": ["search", {"i18n": {"docs_structure": "folder", "languages": i18n["languages"]}}],
        "markdown_extensions": ours["markdown_extensions"],
        "nav": ours["nav"],
        "not_in_nav": ours.get("not_in_nav"),
    }
    project = WORK / "stock"
    shutil.rmtree(project, ignore_errors=True)
    shutil.copytree(ROOT / "docs", project / "docs")
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return project / "mkdocs.yml"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_build(config: Path, site: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one `mkdocs build`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cpu = _children_cpu()
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
        check=True,
        env=env,
        cwd=config.parent,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start, _children_cpu() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    stock = stock_project()
    times: dict[str, list[tuple[float, float]]] = {"stock": [], "vigie": []}
    for _ in range(args.runs):
        times["stock"].append(timed_build(stock, WORK / "stock-site"))
        times["vigie"].append(timed_build(ROOT / "mkdocs.yml", WORK / "vigie-site"))
    pages = sum(1 for _ in (WORK / "vigie-site").rglob("index.html"))
    wall = {k: statistics.median(t[0] for t in v) for k, v in times.items()}
    cpu = {k: statistics.median(t[1] for t in v) for k, v in times.items()}
    machine = platform.processor() or platform.machine()
    print(f"- Machine: {machine}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print(f"- Load average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    command = f"`.venv/bin/python benchmarks/bench_build.py --runs {args.runs}`"
    print(f"- Command: {command} ({pages} pages in the Vigie build)")
    print()
    print("| Build (12 languages) | Median wall | Median CPU | Wall runs (s) | CPU vs stock |")
    print("|---|--:|--:|---|--:|")
    for name in ("stock", "vigie"):
        runs = ", ".join(f"{t[0]:.1f}" for t in times[name])
        ratio = cpu[name] / cpu["stock"]
        print(f"| {name} | {wall[name]:.1f} s | {cpu[name]:.1f} s | {runs} | {ratio:.2f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
