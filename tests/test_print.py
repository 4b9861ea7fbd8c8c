"""Issue 7: QR codes, posters and pocket cards, generated from data/ for every language.

Two builds: the real site (shared session build), and a fixture copy with Arabic
and Chinese added, a changed number and a site_url with a path. Each is exported
to PDF once per session; the PDFs are rendered with pdftoppm and every QR code,
in its files and on paper, is decoded with zxing-cpp.
"""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path

import pytest
import vigie_data
import yaml
import zxingcpp
from conftest import ROOT, mkdocs_build
from mkdocs.config import load_config
from pypdf import PdfReader
from selectolax.lexbor import LexborHTMLParser as HTMLParser
from support.project import copy_project

CONFIG = load_config(str(ROOT / "mkdocs.yml"))
I18N = CONFIG.plugins["i18n"].config
DEFAULT = next(lang.locale for lang in I18N.languages if lang.default)
LANGS = [lang.locale for lang in I18N.languages]
EXPORT = ROOT / "scripts" / "export_print.py"
PAPER = {
    "A3": (841.89, 1190.55),
    "A4": (595.28, 841.89),
    "A6": (297.64, 419.53),
}  # PDF points, written out here on purpose
FIXTURE_URL = "https://example.org/vigie/"
OLD, NEW = ("119", "119"), ("116 111", "116111")  # child-in-danger: number, tel

AR = """language_name: العربية
helplines:
  police: {name: الشرطة, when: خطر فوري. طفل يتعرض للأذى أو يُؤخذ الآن.}
  eu-emergency:
    name: رقم الطوارئ الأوروبي
    when: أي حالة طارئة، من أي هاتف محمول أوروبي. في فرنسا يلزم وجود شريحة SIM.
  child-in-danger: {when: أنت قلق على طفل، أو أنت شاب تحتاج إلى مساعدة. مجاني وسري.}
print:
  headline: هل أنت قلق على طفل؟ اتصل.
  look_for: انتبه لطفل يبدو خائفًا، أو يتحكم فيه شخص بالغ، أو لا يستطيع المغادرة بحرية.
  scan: امسح الرمز للحصول على المساعدة بلغتك
  greeting: ساعدوا في حماية الأطفال. امسحوا الرمز لتعرفوا بمن تتصلون، بلغتكم.
  card_headline: احتفظ بهذه الأرقام. قد تحمي طفلًا.
  card_text: لا تواجه أحدًا. دوّن ما رأيت، ثم اتصل.
"""
ZH = """language_name: 中文
helplines:
  police: {name: 警察, when: 紧急危险：孩子正在受到伤害或被带走。}
  eu-emergency: {name: 欧洲紧急号码, when: 任何紧急情况，可用任何欧盟手机拨打。在法国需要插入SIM卡。}
  child-in-danger: {when: 您担心某个孩子，或您是需要帮助的年轻人。免费且保密。}
print:
  headline: 担心某个孩子？请拨打电话。
  look_for: 留意看起来害怕、受成年人控制或无法自由离开的孩子。
  scan: 扫码获取您所用语言的帮助
  greeting: 一起保护儿童。扫描二维码，用您的语言了解该拨打哪个电话。
  card_headline: 请保存这些号码，它们可以保护孩子。
  card_text: 不要与任何人正面冲突。记下您看到的情况，然后拨打电话。
"""
EXTRA = {"ar": ("العربية", AR), "zh": ("中文", ZH)}
# The fixture greets in every configured language, so the multilingual poster is tested full.
GREETINGS = {
    "es": "Ayude a proteger a los niños. Escanee el código para saber a quién llamar, en su idioma.",
    "de": "Helfen Sie, Kinder zu schützen. Scannen Sie den Code, um in Ihrer Sprache zu erfahren, "
    "wen Sie anrufen können.",
    "it": "Aiutate a proteggere i bambini. Scansionate il codice per sapere chi chiamare, nella vostra lingua.",
    "pt": "Ajude a proteger as crianças. Leia o código para saber a quem ligar, no seu idioma.",
    "nl": "Help kinderen te beschermen. Scan de code en lees in uw taal wie u kunt bellen.",
    "ja": "子どもを守るために。コードを読み取ると、どこに電話すればよいかがあなたの言語でわかります。",
    "ko": "아이들을 보호하는 데 함께해 주세요. 코드를 스캔하면 어디에 연락해야 하는지 사용하는 언어로 알 수 있습니다.",
    "uk": "Допоможіть захистити дітей. Відскануйте код, щоб дізнатися своєю мовою, куди телефонувати.",
}
RTL = {"ar", "fa", "he", "ur"}


def written_in(lang: str, key: str = "headline", i18n_dir: Path = ROOT / "data" / "i18n") -> str:
    """A poster is in its language once data/i18n/<lang>.yml translates `print:`; until then, in the default's."""
    path = i18n_dir / f"{lang}.yml"
    own = path.exists() and ((yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("print") or {}).get(key)
    return lang if lang == DEFAULT or own else DEFAULT


def home(site_url: str, lang: str, default: str = DEFAULT) -> str:
    """The URL a language's QR code must hold: site_url, plus `<lang>/` except for the default language."""
    return site_url if lang == default else f"{site_url}{lang}/"


def prefix(lang: str) -> str:
    return "" if lang == DEFAULT else f"{lang}/"


# ---- Decoding ----------------------------------------------------------------


def decode(gray: bytes, width: int, height: int) -> list:
    return zxingcpp.read_barcodes(memoryview(gray).cast("B", (height, width)))


def read_pgm(path: Path) -> tuple[bytes, int, int]:
    """A binary PGM (P5), as pdftoppm -gray writes it."""
    data = path.read_bytes()
    magic, width, height, maxval, rest = data.split(maxsplit=4)
    assert magic == b"P5" and maxval == b"255", path
    return rest[: int(width) * int(height)], int(width), int(height)


def render(pdf: Path, out: Path, dpi: int, gray: bool = False) -> Path:
    """The PDF's single page as PNG (to look at) or PGM (to decode)."""
    args = ["pdftoppm", "-r", str(dpi), "-singlefile"] + (["-gray"] if gray else ["-png"])
    subprocess.run([*args, str(pdf), str(out)], check=True)
    return out.with_suffix(".pgm" if gray else ".png")


def printed_codes(pdf: Path, tmp: Path) -> list[str]:
    pgm = render(pdf, tmp / pdf.stem, 150, gray=True)
    return [code.text for code in decode(*read_pgm(pgm))]


RASTERISE = """async (src) => {
  const img = new Image(); img.src = src; await img.decode();
  const size = 600, canvas = document.createElement('canvas');
  canvas.width = canvas.height = size;
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, size, size);
  ctx.drawImage(img, 0, 0, size, size);
  const rgba = ctx.getImageData(0, 0, size, size).data;
  let out = '';
  for (let i = 0; i < rgba.length; i += 4) out += String.fromCharCode(rgba[i]);
  return btoa(out);
}"""


def file_codes(page, path: Path) -> list:
    """Decode an SVG or PNG file as the browser draws it (a data: URL keeps the canvas readable)."""
    mime = {".svg": "image/svg+xml", ".png": "image/png"}[path.suffix]
    src = f"data:{mime};base64," + base64.b64encode(path.read_bytes()).decode()
    gray = base64.b64decode(page.evaluate(RASTERISE, src))
    return decode(gray, 600, 600)


def test_decoder_tells_codes_apart(browser, tmp_path):
    """The decoding helpers can fail: a code for another URL decodes to that other URL."""
    import segno

    segno.make("https://example.org/other/", error="h").save(str(tmp_path / "x.png"), scale=8)
    page = browser.new_page()
    try:
        assert [c.text for c in file_codes(page, tmp_path / "x.png")] == ["https://example.org/other/"]
    finally:
        page.close()


# ---- The real site -----------------------------------------------------------------


def export(site: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(EXPORT), "--site", str(site), "--out", str(out)], capture_output=True, text=True
    )


@pytest.fixture(scope="session")
def exported(site_dir, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("print")
    result = export(site_dir, out)
    assert result.returncode == 0, result.stderr
    return out


def materials(lang: str) -> list[str]:
    names = ("poster-a4.html", "card-a6.html", "quiz-cards.html", "board.html", "qr.svg", "qr.png")
    return [f"{prefix(lang)}print/{name}" for name in names]


@pytest.mark.parametrize("lang", LANGS)
def test_qr_files_hold_the_language_home_url(site_dir, browser, lang):
    page = browser.new_page()
    try:
        for suffix in ("svg", "png"):
            codes = file_codes(page, site_dir / prefix(lang) / "print" / f"qr.{suffix}")
            assert [c.text for c in codes] == [home(CONFIG.site_url, lang)], suffix
            assert codes[0].ec_level == "H", suffix
    finally:
        page.close()


def test_root_qr_holds_the_site_url(site_dir, browser):
    page = browser.new_page()
    try:
        for suffix in ("svg", "png"):
            codes = file_codes(page, site_dir / "print" / f"qr-root.{suffix}")
            assert [(c.text, c.ec_level) for c in codes] == [(CONFIG.site_url, "H")], suffix
    finally:
        page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_posters_and_cards_are_standalone_with_the_bar_numbers(site_dir, lang):
    data = vigie_data.load(lang, DEFAULT)
    for name in ("poster-a4.html", "card-a6.html"):
        html = (site_dir / prefix(lang) / "print" / name).read_text(encoding="utf-8")
        tree = HTMLParser(html)
        root = tree.css_first("html").attributes
        text_lang = written_in(lang)
        assert (root["lang"], root["dir"]) == (text_lang, "rtl" if text_lang in RTL else "ltr"), name
        dials = [(n.text(), n.attributes.get("dir")) for n in tree.css("bdi.number__dial")]
        assert dials == [(entry["number"], "ltr") for entry in data.bar[:3]], name
        assert data.labels["print"]["look_for"] in tree.body.text(), name
        assert tree.css_first(".qr__url").text() == home(CONFIG.site_url, lang).removeprefix("https://"), name
        # Standalone: nothing to fetch, nothing to run.
        assert not tree.css("script, link, img, iframe, [src]"), name
        assert "url(" not in html and "@import" not in html, name


def test_multilingual_poster_greets_in_every_language(site_dir):
    tree = HTMLParser((site_dir / "print" / "poster-multilingual.html").read_text(encoding="utf-8"))
    greetings = {n.attributes["lang"]: n.text() for n in tree.css(".greeting")}
    translated = [lang for lang in LANGS if written_in(lang, "greeting") == lang]
    assert greetings == {lang: vigie_data.load(lang, DEFAULT).labels["print"]["greeting"] for lang in translated}
    assert tree.css_first("svg title").text() == CONFIG.site_url


@pytest.mark.parametrize("lang", LANGS)
def test_posters_page_opens_and_downloads_every_material(site_dir, lang):
    page = site_dir / prefix(lang) / "posters" / "index.html"
    tree = HTMLParser(page.read_text(encoding="utf-8"))
    links = tree.css(".vigie-print-materials a")
    targets = {(page.parent / a.attributes["href"]).resolve() for a in links}
    wanted = [m for code in LANGS for m in materials(code)]
    wanted += ["print/poster-multilingual.html", "print/qr-root.svg", "print/qr-root.png"]
    assert targets == {(site_dir / path).resolve() for path in wanted}
    assert all(target.is_file() for target in targets)
    downloads = [a.attributes.get("download") for a in links if "download" in a.attributes]
    assert len(downloads) == len(wanted) and len(set(downloads)) == len(wanted)


def test_export_writes_one_page_pdfs_of_the_right_size(exported):
    """Posters, pocket cards and the board: one page each. Quiz cards: a front and a back per sheet."""
    kinds = (("poster-a4", "A4"), ("card-a6", "A6"), ("board", "A3"), ("quiz-cards", "A4"))
    expected = {f"vigie-{kind}-{lang}.pdf": size for lang in LANGS for kind, size in kinds}
    expected["vigie-poster-multilingual.pdf"] = "A4"
    assert {p.name for p in exported.glob("*.pdf")} == set(expected)
    for name, size in expected.items():
        pages = PdfReader(exported / name).pages
        if "quiz-cards" in name:
            assert len(pages) >= 2 and len(pages) % 2 == 0, name
        else:
            assert len(pages) == 1, name
        for page in pages:
            box = page.mediabox
            assert abs(float(box.width) - PAPER[size][0]) <= 1 and abs(float(box.height) - PAPER[size][1]) <= 1, name


def test_export_copies_every_qr_code(site_dir, exported):
    for lang in LANGS:
        for suffix in ("svg", "png"):
            copy = exported / f"vigie-qr-{lang}.{suffix}"
            assert copy.read_bytes() == (site_dir / prefix(lang) / "print" / f"qr.{suffix}").read_bytes()
    assert (exported / "vigie-qr-root.png").read_bytes() == (site_dir / "print" / "qr-root.png").read_bytes()


def test_printed_qr_codes_scan(exported, tmp_path):
    for lang in LANGS:
        for kind in ("poster-a4", "card-a6"):
            assert printed_codes(exported / f"vigie-{kind}-{lang}.pdf", tmp_path) == [home(CONFIG.site_url, lang)]
    assert printed_codes(exported / "vigie-poster-multilingual.pdf", tmp_path) == [CONFIG.site_url]


def test_export_usage_errors(tmp_path):
    assert export(tmp_path / "no-site", tmp_path / "out").returncode == 2
    bad = subprocess.run([sys.executable, str(EXPORT), "--no-such-flag"], capture_output=True, text=True)
    assert bad.returncode == 2


def test_export_refuses_a_poster_that_spills_onto_two_pages(tmp_path):
    site = tmp_path / "site"
    (site / "print").mkdir(parents=True)
    long = "<p>" + "Too long. " * 4000 + "</p>"
    (site / "print" / "long.html").write_text(f"<style>@page {{ size: A6; margin: 0 }}</style>{long}", encoding="utf-8")
    manifest = {"pages": [{"id": "long", "html": "print/long.html", "size": "A6"}], "qr": []}
    (site / "print" / "materials.json").write_text(json.dumps(manifest), encoding="utf-8")
    result = export(site, tmp_path / "out")
    assert result.returncode == 1 and "expected 1" in result.stderr, result.stderr


# ---- A fixture site: Arabic, Chinese, a changed number, a site_url with a path ------------


def add_languages(mkdocs_yml: str) -> str:
    """Add ar and zh to the i18n plugin's `languages:` list if missing (a text edit: the file has !ENV tags)."""
    missing = {code: item for code, item in EXTRA.items() if code not in LANGS}
    if not missing:
        return mkdocs_yml
    lines = mkdocs_yml.splitlines(keepends=True)
    start = next(n for n, line in enumerate(lines) if line.strip() == "- i18n:")
    at = next(n for n in range(start, len(lines)) if lines[n].strip() == "languages:") + 1
    pad = " " * (len(lines[at]) - len(lines[at].lstrip()))
    entries = [
        f"{pad}- locale: {code}\n{pad}  name: {name}\n{pad}  build: true\n" for code, (name, _) in missing.items()
    ]
    return "".join(lines[:at] + entries + lines[at:])


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> dict:
    base = tmp_path_factory.mktemp("fixture")
    copy_project(base, with_docs=True)
    config = base / "mkdocs.yml"
    config.write_text(add_languages(config.read_text(encoding="utf-8")), encoding="utf-8")
    registry = base / "data" / "helplines.yml"
    text = registry.read_text(encoding="utf-8")
    old = f'number: "{OLD[0]}"\n    tel: "{OLD[1]}"'
    assert text.count(old) == 1, "the fixture expects child-in-danger's number and tel on two lines"
    registry.write_text(text.replace(old, f'number: "{NEW[0]}"\n    tel: "{NEW[1]}"'), encoding="utf-8")
    i18n = base / "data" / "i18n"
    for code, (name, labels) in EXTRA.items():
        (i18n / f"{code}.yml").write_text(labels, encoding="utf-8")
        if not (base / "docs" / code).exists():
            (base / "docs" / code).mkdir()
            (base / "docs" / code / "index.md").write_text(f"# {name}\n\nVigie.\n", encoding="utf-8")
    for code, greeting in GREETINGS.items():
        if code in LANGS and not (i18n / f"{code}.yml").exists():
            (i18n / f"{code}.yml").write_text(yaml.safe_dump({"print": {"greeting": greeting}}), encoding="utf-8")

    result = mkdocs_build(config, base / "site", env={"VIGIE_SITE_URL": FIXTURE_URL, "VIGIE_PREVIEW_LANG": ""})
    assert result.returncode == 0, result.stdout + result.stderr
    out = base / "print"
    result = export(base / "site", out)
    assert result.returncode == 0, result.stderr
    pngs = base / "png"  # to look at: pytest --basetemp=DIR, then open DIR/fixture0/png/*.png
    pngs.mkdir()
    for pdf in look_at(out):
        render(pdf, pngs / pdf.stem, 200 if "card" in pdf.name else 100)
    langs = [*LANGS, *(code for code in EXTRA if code not in LANGS)]
    return {"site": base / "site", "out": out, "png": pngs, "langs": langs, "i18n": i18n}


def look_at(out: Path) -> list[Path]:
    """The PDFs rendered to PNG for people to look at: Latin, right-to-left and CJK scripts."""
    names = [f"vigie-{kind}-{lang}.pdf" for lang in ("en", "fr", "ar", "zh") for kind in ("poster-a4", "card-a6")]
    return [out / name for name in [*names, "vigie-poster-multilingual.pdf"]]


def fixture_prefix(lang: str) -> str:
    return "" if lang == DEFAULT else f"{lang}/"


def test_fixture_has_every_language(fixture_site):
    for lang in fixture_site["langs"]:
        for path in ("poster-a4.html", "card-a6.html", "qr.svg", "qr.png"):
            assert (fixture_site["site"] / fixture_prefix(lang) / "print" / path).is_file(), (lang, path)
        assert (fixture_site["out"] / f"vigie-poster-a4-{lang}.pdf").is_file()
        assert (fixture_site["out"] / f"vigie-card-a6-{lang}.pdf").is_file()
    tree = HTMLParser((fixture_site["site"] / "print" / "poster-multilingual.html").read_text(encoding="utf-8"))
    greeted = [n.attributes["lang"] for n in tree.css(".greeting")]
    assert greeted[0] == DEFAULT
    assert sorted(greeted) == sorted(
        lang for lang in fixture_site["langs"] if written_in(lang, "greeting", fixture_site["i18n"]) == lang
    )


def test_a_changed_number_reaches_every_poster(fixture_site):
    site = fixture_site["site"]
    pages = [p for lang in fixture_site["langs"] for p in (site / fixture_prefix(lang) / "print").glob("*.html")]
    assert len(pages) == 4 * len(fixture_site["langs"]) + 1  # posters, pocket card, quiz cards, board
    for page in pages:
        tree = HTMLParser(page.read_text(encoding="utf-8"))
        # Quiz cards show numbers through the quiz's shortcodes; the others in number boxes.
        dials = [n.text() for n in tree.css("bdi.vigie-number" if "quiz-cards" in page.name else "bdi.number__dial")]
        assert NEW[0] in dials and OLD[0] not in dials, page
    text = PdfReader(fixture_site["out"] / "vigie-poster-a4-ar.pdf").pages[0].extract_text()
    assert NEW[0] in text


def test_arabic_is_right_to_left_and_chinese_left_to_right(fixture_site):
    for lang, want in (("ar", "rtl"), ("zh", "ltr")):
        for name in ("poster-a4.html", "card-a6.html"):
            tree = HTMLParser((fixture_site["site"] / lang / "print" / name).read_text(encoding="utf-8"))
            assert tree.css_first("html").attributes["dir"] == want
            assert all(n.attributes.get("dir") == "ltr" for n in tree.css("bdi.number__dial"))
    tree = HTMLParser((fixture_site["site"] / "print" / "poster-multilingual.html").read_text(encoding="utf-8"))
    assert {n.attributes["lang"]: n.attributes["dir"] for n in tree.css(".greeting")}["ar"] == "rtl"


def test_right_to_left_layout_mirrors(fixture_site, browser):
    """In Arabic the number boxes sit on the right of the sheet; in Chinese on the left."""
    page = browser.new_page()
    try:
        for lang, on_right in (("ar", True), ("zh", False)):
            page.goto((fixture_site["site"] / lang / "print" / "poster-a4.html").as_uri())
            sheet = page.locator(".sheet").bounding_box()
            dial = page.locator(".number__dial").first.bounding_box()
            centre = dial["x"] + dial["width"] / 2 - sheet["x"]
            assert (centre > sheet["width"] / 2) is on_right, lang
    finally:
        page.close()


FITS = """() => [...document.querySelectorAll('.sheet, .half')]
  .filter(el => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)
  .map(el => el.className)"""


def test_text_fits_every_sheet_and_card_half(fixture_site, browser):
    page = browser.new_page()
    try:
        page.emulate_media(media="print")
        for path in sorted(fixture_site["site"].rglob("print/*.html")):
            page.goto(path.as_uri())
            assert page.evaluate(FITS) == [], path
    finally:
        page.close()


def platform_fonts(page, selector: str) -> set[str]:
    """The font families chromium really drew a node's text with (no tofu: a missing glyph shows up here)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    cdp.detach()
    return {font["familyName"] for font in fonts}


@pytest.mark.parametrize(("lang", "family"), [("ar", "Noto Sans Arabic"), ("zh", "Noto Sans CJK SC")])
def test_arabic_and_chinese_are_drawn_with_their_fonts(fixture_site, browser, lang, family):
    page = browser.new_page()
    try:
        for name in ("poster-a4.html", "card-a6.html"):
            page.goto((fixture_site["site"] / lang / "print" / name).as_uri())
            for selector in (".headline", ".look-for", ".qr__scan"):
                assert platform_fonts(page, selector) == {family}, (name, selector)
    finally:
        page.close()


def test_fixture_printed_codes_follow_site_url(fixture_site, tmp_path):
    for lang in fixture_site["langs"]:
        want = [home(FIXTURE_URL, lang)]
        for kind in ("poster-a4", "card-a6"):
            assert printed_codes(fixture_site["out"] / f"vigie-{kind}-{lang}.pdf", tmp_path) == want, (lang, kind)
    assert printed_codes(fixture_site["out"] / "vigie-poster-multilingual.pdf", tmp_path) == [FIXTURE_URL]
    for pdf in look_at(fixture_site["out"]):
        assert (fixture_site["png"] / f"{pdf.stem}.png").stat().st_size > 10_000, pdf.name
