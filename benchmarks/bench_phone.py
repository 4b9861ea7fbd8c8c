"""Phone budget: page weight of each language's home on a first visit, and
Lighthouse mobile scores (median of several runs).

    .venv/bin/python benchmarks/bench_phone.py [--runs 3] [--port 8791] [--skip-lighthouse]

Builds the site into benchmarks/_work/site with site_url = the local server
(so canonical and hreflang URLs are on the audited host), serves it like
GitHub Pages, and prints Markdown tables for benchmarks/RESULTS.md.
Weight = gzip -6 size of every response body (what Pages sends), split into
what the page itself loads and what the service worker precaches after the
load event. Lighthouse: npm package lighthouse@12.2.3 in benchmarks/_work
(`npm install --prefix benchmarks/_work lighthouse@12.2.3`), Debian's chromium.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from vigie_tools.chromium import CHROMIUM, CHROMIUM_ARGS, PHONE, launch
from vigie_tools.pages_server import PagesHandler, PagesServer

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "benchmarks" / "_work"


LIGHTHOUSE = WORK / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
AUDITED = [f"{lang}{page}" for lang in ("", "fr/", "ar/", "zh/", "uk/") for page in ("", "helplines/", "what-to-do/")]
PAGE_TYPES = [
    "",
    "what-to-do/",
    "helplines/",
    "warning-signs/",
    "risks/",
    "online-safety/",
    "quiz/",
    "professionals/",
    "posters/",
    "browse-safely/",
    "about/",
]


SERVED: list[str] = []  # paths the server answered with a body (200 or 404)


class PagesLikeHandler(PagesHandler):
    """GitHub Pages' gzip and caching (max-age=600), and a log of what was really sent."""

    COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".webmanifest", ".vcf")

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (
            path.is_file() and path.suffix in self.COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")
        ):
            return super().do_GET()
        if self.path.split("?")[0].endswith("/") is False and path.name == "index.html":
            return super().do_GET()  # let the base class redirect /dir to /dir/
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_request(self, code="-", size="-"):
        if str(code) in ("200", "404"):
            SERVED.append(urlsplit(self.path).path)


def build(site: Path, url: str) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "VIGIE_SITE_URL": url}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)]
    subprocess.run(cmd, cwd=ROOT, env=env, check=True)


def gzip_size(site: Path, url: str) -> int:
    path = site / urlsplit(url).path.lstrip("/")
    if path.is_dir() or not path.suffix:
        path = path / "index.html"
    return len(gzip.compress(path.read_bytes(), compresslevel=6)) if path.exists() else 0


def languages() -> list[str]:
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    return [lang.locale for lang in config.plugins["i18n"].config.languages]


def weigh(site: Path, base: str, langs: list[str]) -> list[dict]:
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as pw:
        browser = launch(pw)
        for lang in langs:
            path = "" if lang == langs[0] else f"{lang}/"
            context = browser.new_context(viewport=PHONE, service_workers="allow", locale=f"{lang}-XX")
            seen: list[tuple[str, bool, str]] = []
            context.on("request", lambda r, s=seen: s.append((r.url, r.service_worker is not None, r.resource_type)))
            page = context.new_page()
            page.goto(base + path, wait_until="networkidle")
            page.evaluate("navigator.serviceWorker.ready")
            page.wait_for_timeout(1500)
            own = [u for u, sw, _ in seen if not sw]
            # The worker's precache mostly hits the HTTP cache: count what the server sent again.
            extra = list(SERVED)
            for u in own:
                if urlsplit(u).path in extra:
                    extra.remove(urlsplit(u).path)
            worker = [base.rstrip("/") + p for p in extra]
            SERVED.clear()
            rows.append(
                {
                    "lang": lang,
                    "requests": len(own),
                    "kb": sum(gzip_size(site, u) for u in own) / 1024,
                    "sw_requests": len(worker),
                    "sw_kb": sum(gzip_size(site, u) for u in worker) / 1024,
                    "fonts": sum(1 for _, _, kind in seen if kind == "font"),
                    "foreign": sum(1 for u, _, _ in seen if urlsplit(u).hostname != "127.0.0.1"),
                }
            )
            context.close()
        browser.close()
    return rows


def weigh_page_types(site: Path, base: str, langs: list[str]) -> dict[str, dict[str, float]]:
    """KB gzip of each page type's first visit (empty cache, no service worker), per language."""
    from playwright.sync_api import sync_playwright

    table: dict[str, dict[str, float]] = {}
    with sync_playwright() as pw:
        browser = launch(pw)
        for lang in langs:
            prefix = "" if lang == langs[0] else f"{lang}/"
            for page_type in PAGE_TYPES:
                context = browser.new_context(viewport=PHONE, service_workers="block")
                seen: list[str] = []
                context.on("request", lambda r, s=seen: s.append(r.url))
                context.new_page().goto(base + prefix + page_type, wait_until="networkidle")
                table.setdefault(page_type or "home", {})[lang] = sum(gzip_size(site, u) for u in seen) / 1024
                context.close()
        browser.close()
    return table


def lighthouse(url: str, out: Path) -> dict[str, float]:
    flags = " ".join(["--headless", *CHROMIUM_ARGS])
    cmd = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={flags}",
    ]
    subprocess.run(cmd, env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True, timeout=300)
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    scores["lcp_ms"] = report["audits"]["largest-contentful-paint"]["numericValue"]
    failing = [
        a["id"]
        for c in CATEGORIES[1:]
        for ref in report["categories"][c]["auditRefs"]
        if ref["weight"] and (a := report["audits"][ref["id"]])["score"] not in (None, 1)
    ]
    scores["failing"] = failing
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--port", type=int, default=8791)
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument("--pages", nargs="*", default=AUDITED, help="paths to audit, e.g. ar/ fr/helplines/")
    args = parser.parse_args()
    site = WORK / "site"
    build(site, f"http://127.0.0.1:{args.port}/")
    server = PagesServer(site, port=args.port)
    server.httpd.RequestHandlerClass = functools.partial(PagesLikeHandler, directory=str(site))
    with server as base:
        rows = weigh(site, base, languages())
        print("| Home page, first visit | Requests | KB gzip | then the service worker fetches | fonts | other hosts |")
        print("|---|---|---|---|---|---|")
        for r in rows:
            print(
                f"| {r['lang']} | {r['requests']} | {r['kb']:.1f} | {r['sw_requests']} requests, "
                f"{r['sw_kb']:.1f} KB | {r['fonts']} | {r['foreign']} |"
            )
        langs = languages()
        types = weigh_page_types(site, base, langs)
        print("\n| First visit, KB gzip | " + " | ".join(langs) + " | budget |")
        print("|---|" + "--:|" * (len(langs) + 1))
        for name, per_lang in types.items():
            budget = 60 if name == "home" else 80
            print(f"| {name} | " + " | ".join(f"{per_lang[lang]:.1f}" for lang in langs) + f" | {budget} |")
        if args.skip_lighthouse:
            return
        print(f"\n| Page | Perf | A11y | BP | SEO | LCP (s) | (median of {args.runs}) |")
        print("|---|---|---|---|---|---|---|")
        for path in args.pages:
            runs = [
                lighthouse(base + path, WORK / f"lh-{path.replace('/', '_') or 'home'}-{i}.json")
                for i in range(args.runs)
            ]
            med = {k: statistics.median(r[k] for r in runs) for k in (*CATEGORIES, "lcp_ms")}
            failing = sorted({a for r in runs for a in r["failing"]})
            print(
                f"| /{path} | {med['performance']:.0f} | {med['accessibility']:.0f} | {med['best-practices']:.0f} | "
                f"{med['seo']:.0f} | {med['lcp_ms'] / 1000:.2f} | {', '.join(failing)} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
