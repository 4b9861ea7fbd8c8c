"""Phone-size screenshots of built pages, for reviewing layout in every language.

    python scripts/screenshot.py --site site --out shots / fr/ ar/what-to-do/

Exit codes: 0 ok, 1 a page failed to load, 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from support.browser import PHONE, launch  # noqa: E402
from support.server import PagesServer  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", help="site paths such as / or fr/what-to-do/")
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--out", type=Path, default=ROOT / "shots")
    parser.add_argument("--full-page", action="store_true")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").exists():
        print(f"error: {args.site} is not a built site (run `make build`)", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    status = 0
    with PagesServer(args.site) as url, sync_playwright() as pw:
        browser = launch(pw)
        page = browser.new_page(viewport=PHONE)
        for path in args.paths:
            response = page.goto(url + path.lstrip("/"), wait_until="networkidle")
            name = path.strip("/").replace("/", "_") or "home"
            target = args.out / f"{name}.png"
            page.screenshot(path=str(target), full_page=args.full_page)
            code = response.status if response else 0
            print(f"{code} {path} -> {target}")
            status |= code >= 400
        browser.close()
    return status


if __name__ == "__main__":
    sys.exit(main())
