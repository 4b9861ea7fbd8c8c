"""Export Vigie's posters, cards and workshop kit for print shops: one PDF each, plus the QR codes.

    python scripts/export_print.py --site site --out print

Reads `<site>/print/materials.json`, written by the build (overrides/hooks/
print_materials.py), prints every poster with Debian's headless chromium
through playwright, and checks that each PDF has its expected number of pages
(one for a poster or the board game, two per sheet of quiz cards), each of its
paper size. Copies every QR code as SVG and PNG next to the PDFs.

Exit codes: 0 all exported, 1 an export failed or a PDF is wrong, 2 usage
(bad arguments, or no built site with print materials).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from vigie_tools.chromium import CHROMIUM, launch

# Paper sizes in PDF points (1/72 inch), portrait.
PAPER = {"A3": (841.89, 1190.55), "A4": (595.28, 841.89), "A5": (419.53, 595.28), "A6": (297.64, 419.53)}
TOLERANCE = 1.0
MANIFEST = Path("print") / "materials.json"


class ExportError(Exception):
    """An export went wrong; the message says which file and why."""


def pdf_name(page: dict) -> str:
    return f"vigie-{page['id']}.pdf"


def check_pdf(path: Path, size: str, count: int = 1) -> None:
    """Exactly `count` pages (1 for a poster or the board; 2 per sheet of quiz cards), each of the
    intended paper size (±1 pt)."""
    from pypdf import PdfReader

    pages = PdfReader(path).pages
    if len(pages) != count:
        raise ExportError(
            f"{path.name}: {len(pages)} pages, expected {count} (the text does not fit on its {size} page(s))"
        )
    for number, page in enumerate(pages, 1):
        box = page.mediabox
        width, height = float(box.width), float(box.height)
        want_w, want_h = PAPER[size]
        if abs(width - want_w) > TOLERANCE or abs(height - want_h) > TOLERANCE:
            raise ExportError(
                f"{path.name}: page {number} is {width:.2f} x {height:.2f} pt, expected {size} {want_w} x {want_h}"
            )


def export_pdfs(site: Path, pages: list[dict], out: Path) -> list[Path]:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    written = []
    try:
        with sync_playwright() as pw:
            browser = launch(pw)
            page = browser.new_page()
            for item in pages:
                target = out / pdf_name(item)
                page.goto((site / item["html"]).resolve().as_uri(), wait_until="load")
                page.emulate_media(media="print")
                page.pdf(path=str(target), format=item["size"], print_background=True, prefer_css_page_size=True)
                check_pdf(target, item["size"], item.get("pages", 1))
                written.append(target)
            browser.close()
    except PlaywrightError as exc:
        raise ExportError(f"chromium ({CHROMIUM}) failed: {exc}") from None
    return written


def copy_qr_codes(site: Path, codes: list[dict], out: Path) -> list[Path]:
    written = []
    for code in codes:
        for kind in ("svg", "png"):
            source = site / code[kind]
            if not source.is_file():
                raise ExportError(f"{source}: missing; rebuild the site")
            target = out / f"vigie-qr-{code['id']}.{kind}"
            shutil.copyfile(source, target)
            written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=Path("site"), help="the built site (default: site)")
    parser.add_argument("--out", type=Path, default=Path("print"), help="where to write the files (default: print)")
    args = parser.parse_args(argv)  # exits with 2 on bad arguments

    manifest_path = args.site / MANIFEST
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        pages, codes = manifest["pages"], manifest["qr"]
    except (OSError, ValueError, KeyError) as exc:
        print(f"export_print: no print materials in {args.site} ({exc}); build the site first", file=sys.stderr)
        return 2
    unknown = sorted({p["size"] for p in pages} - set(PAPER))
    if unknown:
        print(f"export_print: {manifest_path}: unknown paper size(s) {unknown}", file=sys.stderr)
        return 1

    args.out.mkdir(parents=True, exist_ok=True)
    try:
        written = export_pdfs(args.site, pages, args.out) + copy_qr_codes(args.site, codes, args.out)
    except ExportError as exc:
        print(f"export_print: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    print(f"export_print: {len(pages)} PDFs and {len(codes)} QR codes in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
