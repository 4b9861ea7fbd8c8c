"""Printable posters, pocket cards and QR codes, generated from data/ at every build.

For every built language, under `<prefix>print/`: `poster-a4.html`, `card-a6.html`,
`qr.svg` and `qr.png` (pointing to that language's home page). Once, under
`print/`: `poster-multilingual.html`, `qr-root.svg`/`.png` (pointing to `/`) and
`materials.json`, the list scripts/export_print.py turns into PDFs.

Posters are standalone HTML: CSS and QR code inlined, no script, no request, so
a downloaded file prints on its own. Their templates and CSS live in
overrides/print/. The `<!-- print-materials -->` shortcode lists them on the
"Posters and cards" page.

PDFs: when VIGIE_PRINT_FILES names the folder scripts/export_print.py wrote
(`make print`; the publish job sets it), the PDFs found there are published
under `print/pdf/` and `<!-- print-pdfs -->` links this language's ones. Without
it (a local build), the shortcode renders nothing: no link to a missing file.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from html import escape
from pathlib import Path

import segno
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url
from vigie_data import i18n_languages, load

TEMPLATES = Path(__file__).resolve().parents[1] / "print"
PRINT_DIR = "print"
MANIFEST = "materials.json"
SHORTCODE_RE = re.compile(r"<!--\s*print-materials\s*-->")
PDF_SHORTCODE_RE = re.compile(r"<!--\s*print-pdfs\s*-->")
PDF_DIR = f"{PRINT_DIR}/pdf"
RTL = {"ar", "fa", "he", "ur", "ps", "yi", "dv", "ckb"}
# (template, CSS files, paper size) of each printable page.
KINDS = {
    "poster-a4": ("poster-a4.html", ("base.css", "a4.css"), "A4"),
    "card-a6": ("card-a6.html", ("base.css", "a6.css"), "A6"),
    "poster-multilingual": ("poster-multilingual.html", ("base.css", "a4.css"), "A4"),
}
PER_LANGUAGE = ("poster-a4", "card-a6")
KIT = ("quiz-cards", "board")  # written by workshop_kit.py; listed here, with their labels under `kit:`
QR_ERROR = "h"  # 30% of the code can be lost (small print, torn corner) and it still scans
PNG_SCALE, PNG_DPI = 25, 300  # about 1000 px for print shops


def direction(lang: str) -> str:
    return "rtl" if lang.split("-")[0] in RTL else "ltr"


def languages(config) -> list[dict]:
    """[{code, name, prefix}] of the languages this build publishes, default first."""
    _, default, _ = i18n_languages(config)
    return config.extra["vigie"].languages or [{"code": default, "name": default, "prefix": ""}]


def home_url(config, prefix: str = "") -> str:
    """The clean public URL of a home page: site_url + prefix, no tracking parameters."""
    if not config.site_url:
        raise PluginError("print_materials: site_url is not set; QR codes need the public address")
    return config.site_url.rstrip("/") + "/" + prefix


def url_text(url: str) -> str:
    """The URL as printed under the code: without https://, which people need not type."""
    return url.removeprefix("https://")


# ---- The posters page ------------------------------------------------------


def on_files(files, config):
    """The templates and CSS in overrides/print/ are inlined into posters, never published as is."""
    for file in list(files):
        # Cheap name test first: resolving every theme file of every language build costs ~0.5 s.
        path = file.abs_src_path
        if path and TEMPLATES.name in path and Path(path).resolve().is_relative_to(TEMPLATES):
            files.remove(file)
    return files


def on_page_markdown(markdown, page, config, files):
    if PDF_SHORTCODE_RE.search(markdown):
        markdown = PDF_SHORTCODE_RE.sub(lambda _: pdf_list(config, page.url or "."), markdown)
    if not SHORTCODE_RE.search(markdown):
        return markdown
    return SHORTCODE_RE.sub(lambda _: materials_list(config, page.url or "."), markdown)


def exported_pdfs() -> dict[str, Path]:
    """{file name: path} of the PDFs `make print` wrote, when VIGIE_PRINT_FILES names their folder."""
    folder = os.environ.get("VIGIE_PRINT_FILES")
    if not folder or not Path(folder).is_dir():
        return {}
    return {path.name: path for path in sorted(Path(folder).glob("vigie-*.pdf"))}


def pdf_list(config, page_url: str) -> str:
    """Links to this language's poster and card PDFs and the multilingual poster's, if they were exported."""
    pdfs = exported_pdfs()
    data = config.extra["vigie"]
    t = data.labels["print"]
    wanted = [(f"vigie-{kind}-{data.lang}.pdf", t[kind.replace("-", "_")]) for kind in PER_LANGUAGE]
    wanted.append(("vigie-poster-multilingual.pdf", t["poster_multilingual"]))
    items = []
    for name, label in wanted:
        if name in pdfs:
            href = escape(get_relative_url(f"{PDF_DIR}/{name}", page_url))
            link = f'<a href="{href}" download="{escape(name)}">PDF</a>'
            items.append(f"<li><strong>{escape(label)}</strong> {link}</li>")
    return '\n<ul class="vigie-print-pdfs">\n' + "\n".join(items) + "\n</ul>\n" if items else ""


def materials_list(config, page_url: str) -> str:
    """HTML list of every poster, card and QR code, this page's language first."""
    data = config.extra["vigie"]
    t, kit = data.labels["print"], data.labels["kit"]
    _, default, _ = i18n_languages(config)
    base_kit = load(default, default).labels["kit"]
    langs = sorted(languages(config), key=lambda item: item["code"] != data.lang)

    def link(target: str, text: str, download: str | None = None) -> str:
        href = get_relative_url(target, page_url)
        attr = f' download="{escape(download)}"' if download else ""
        return f'<a href="{escape(href)}"{attr}>{escape(text)}</a>'

    def item(label: str, target: str, name: str, label_lang: str = "") -> str:
        links = f"{link(target, t['open'])} · {link(target, t['download'], name)}"
        mark = f' lang="{label_lang}"' if label_lang else ""
        return f"<li><strong{mark}>{escape(label)}</strong> {links}</li>"  # no colon: its spacing is language-specific

    def qr_item(base: str, name: str) -> str:
        svg = link(f"{base}.svg", t["svg"], f"{name}.svg")
        png = link(f"{base}.png", t["png"], f"{name}.png")
        return f"<li><strong>{escape(t['qr_code'])}</strong> {svg} · {png}</li>"

    parts = ['<div class="vigie-print-materials">']
    for lang in langs:
        code, folder = lang["code"], lang["prefix"] + PRINT_DIR
        name = (
            f'<span lang="{code}" dir="{direction(code)}">{escape(lang["name"])}</span>'  # the page sets the alignment
        )
        parts.append(f'<h2 id="print-{code}">{name}</h2><ul>')
        for kind in PER_LANGUAGE:
            parts.append(item(t[kind.replace("-", "_")], f"{folder}/{kind}.html", f"vigie-{kind}-{code}.html"))
        for kind in KIT:
            key = kind.replace("-", "_")
            same = data.lang != default and kit[key] == base_kit[key]  # not translated yet: marked as the default's
            label_lang = default if same else ""
            parts.append(item(kit[key], f"{folder}/{kind}.html", f"vigie-{kind}-{code}.html", label_lang))
        parts.append(qr_item(f"{folder}/qr", f"vigie-qr-{code}") + "</ul>")
        if lang is langs[0]:
            parts.append(f'<h2 id="print-all">{escape(t["all_languages"])}</h2><ul>')
            kind = "poster-multilingual"
            parts.append(item(t["poster_multilingual"], f"{PRINT_DIR}/{kind}.html", f"vigie-{kind}.html"))
            parts.append(qr_item(f"{PRINT_DIR}/qr-root", "vigie-qr-root") + "</ul>")
    parts.append("</div>")
    return "\n" + "\n".join(parts) + "\n"


# ---- Files written once every language is built --------------------------------


@event_priority(-200)
def on_post_build(config):
    plugin = config.plugins.get("i18n")
    if plugin is not None and plugin.building:
        return  # one language's inner build: the outermost call writes for all
    write_materials(config, Path(config.site_dir))
    publish_pdfs(Path(config.site_dir))


def publish_pdfs(site: Path) -> None:
    pdfs = exported_pdfs()
    if pdfs:
        (site / PDF_DIR).mkdir(parents=True, exist_ok=True)
    for name, path in pdfs.items():
        shutil.copyfile(path, site / PDF_DIR / name)


def write_materials(config, site: Path) -> None:
    _, default, _ = i18n_languages(config)
    base = load(default, default)
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined)
    manifest = {"site_url": home_url(config), "qr": [], "pages": []}

    def qr_files(url: str, folder: str, name: str, qr_id: str) -> segno.QRCode:
        manifest["qr"].append({"id": qr_id, "url": url, "svg": f"{folder}/{name}.svg", "png": f"{folder}/{name}.png"})
        return write_qr(url, site, f"{folder}/{name}")

    def page(kind: str, folder: str, page_id: str, context: dict) -> None:
        template, styles, size = KINDS[kind]
        css = "\n".join((TEMPLATES / name).read_text(encoding="utf-8") for name in styles)
        title = f"{context['t'][kind.replace('-', '_')]} · {context['site_name']}"
        html = env.get_template(template).render(kind=kind, css=Markup(css), title=title, **context)
        path = f"{folder}/{kind}.html"
        (site / path).write_text(html, encoding="utf-8")
        manifest["pages"].append({"id": page_id, "kind": kind, "html": path, "size": size})

    greetings = []
    for lang in languages(config):
        code, folder = lang["code"], lang["prefix"] + PRINT_DIR
        (site / folder).mkdir(parents=True, exist_ok=True)
        data = load(code, default)
        url = home_url(config, lang["prefix"])
        context = poster_context(data, base, url, qr_files(url, folder, "qr", code))
        for kind in PER_LANGUAGE:
            page(kind, folder, f"{kind}-{code}", context)
        greeting = data.labels["print"]["greeting"]
        if code == default or greeting != base.labels["print"]["greeting"]:  # not the default's, repeated
            greetings.append({"lang": code, "dir": direction(code), "text": greeting})

    url = home_url(config)
    context = poster_context(base, base, url, qr_files(url, PRINT_DIR, "qr-root", "root"))
    greetings.sort(key=lambda item: item["lang"] != default)
    page("poster-multilingual", PRINT_DIR, "poster-multilingual", {**context, "greetings": greetings})
    (site / PRINT_DIR / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")


def text_language(data, base) -> str:
    """The language a poster is written in: its own once `print:` is translated, else the default's."""
    if data.lang == base.lang or data.labels["print"]["headline"] != base.labels["print"]["headline"]:
        return data.lang
    return base.lang


def poster_context(data, base, url: str, qr: segno.QRCode) -> dict:
    """What the templates need. `base` is the default language's data, the fallback."""
    lang = text_language(data, base)
    entries = []
    for entry, fallback in zip(data.bar[:3], base.bar[:3], strict=True):
        # A helpline line not yet translated is marked as the default language's text.
        untranslated = lang != base.lang and (entry["name"], entry["when"]) == (fallback["name"], fallback["when"])
        entries.append({**entry, "lang": base.lang if untranslated else None, "dir": direction(base.lang)})
    org = data.site.get("organisation") or {}
    svg = qr.svg_inline(scale=1, border=4, omitsize=True, dark="#000", light="#fff", title=url)
    return {
        "lang": lang,
        "dir": direction(lang),
        "t": data.labels["print"],
        "site_name": data.labels.get("site_name", "Vigie"),
        "organisation": " · ".join(x for x in (org.get("name"), org.get("full_name")) if x),
        "entries": entries,
        "qr_svg": Markup(svg),
        "url_text": url_text(url),
    }


def write_qr(url: str, site: Path, base: str) -> segno.QRCode:
    """`base`.svg (scalable, for the web and print) and `base`.png (for print shops)."""
    qr = segno.make(url, error=QR_ERROR, micro=False)
    qr.save(str(site / f"{base}.svg"), kind="svg", scale=10, border=4, dark="#000", light="#fff", title=url)
    qr.save(str(site / f"{base}.png"), kind="png", scale=PNG_SCALE, border=4, dark="#000", light="#fff", dpi=PNG_DPI)
    return qr
