"""Phone-size screenshots of built pages, for reviewing layout in every language.

    python scripts/screenshot.py --site site --out shots / fr/ ar/what-to-do/
    python scripts/screenshot.py --width 320 --height 640 --text-scale 2 de/   (200 % text, 320 px)

Exit codes: 0 ok, 1 a page failed to load, 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from vigie_tools.chromium import PHONE, launch
from vigie_tools.pages_server import PagesServer

ROOT = Path(__file__).resolve().parents[1]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", help="site paths such as / or fr/what-to-do/")
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--out", type=Path, default=ROOT / "shots")
    parser.add_argument("--full-page", action="store_true")
    parser.add_argument("--width", type=int, default=PHONE["width"])
    parser.add_argument("--height", type=int, default=PHONE["height"])
    parser.add_argument("--text-scale", type=float, default=1, help="the browser's text size, 2 = 200 %%")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").exists():
        print(f"error: {args.site} is not a built site (run `make build`)", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    status = 0
    with PagesServer(args.site) as url, sync_playwright() as pw:
        browser = launch(pw)
        page = browser.new_page(viewport={"width": args.width, "height": args.height})
        if args.text_scale != 1:  # the text-size setting (default font size), not zoom
            size = {"standard": round(16 * args.text_scale), "fixed": round(13 * args.text_scale)}
            page.context.new_cdp_session(page).send("Page.setFontSizes", {"fontSizes": size})
        suffix = (
            ""
            if (args.width, args.height, args.text_scale) == (PHONE["width"], PHONE["height"], 1)
            else (f"-{args.width}x{args.height}" + (f"-text{args.text_scale:g}x" if args.text_scale != 1 else ""))
        )
        for path in args.paths:
            response = page.goto(url + path.lstrip("/"), wait_until="networkidle")
            name = path.strip("/").replace("/", "_") or "home"
            target = args.out / f"{name}{suffix}.png"
            page.screenshot(path=str(target), full_page=args.full_page)
            code = response.status if response else 0
            print(f"{code} {path} -> {target}")
            status |= code >= 400
        browser.close()
    return status


if __name__ == "__main__":
    sys.exit(main())
