"""The workshop kit, printed: quiz cards and a board game, for every built language.

- `<prefix>print/quiz-cards.html`: every `/// quiz` block of every page, parsed by
  quiz_format.py (the web quiz's parser) as the page is built, so editing the
  Markdown changes the cards. A4, 8 cards a sheet, cut marks; each front sheet is
  followed by its back sheet, mirrored left-right for long-edge duplex.
- `<prefix>print/board.html`: one A3 page, the path of data/board.yml with the
  square texts of data/i18n/<lang>.yml (`kit.squares`), and the rules.
- `<!-- workshop-kit -->`: the links to both, and to the posters page, in a page.

Text that would not fit a card or a square stops the build with page:line or
data file:line and how much to shorten: nothing is ever cut. The limits are
character budgets (a CJK character counts double); tests/test_workshop_kit.py
checks in chromium that text within them fits in every language.
"""

from __future__ import annotations

import json
import re
import unicodedata
from html import escape, unescape
from pathlib import Path

import markdown as md
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url
from quiz_format import QuizError, block_starts, located, parse, source_line
from vigie_data import DATA_DIR, DataError, i18n_languages, load

TEMPLATES = Path(__file__).resolve().parents[1] / "print"
PRINT_DIR, MANIFEST = "print", "materials.json"
SHORTCODE_RE = re.compile(r"<!--\s*workshop-kit\s*-->")
RTL = {"ar", "fa", "he", "ur", "ps", "yi", "dv", "ckb"}
CARDS_PER_SHEET = 8
# Character budgets (visible text; a wide CJK character counts 2), matched to overrides/print/cards.css
# and board.css: the chromium test proves that text within them fits, in every language.
FRONT_MAX = 440  # question and answers
BACK_MAX = 520  # right answers and explanation
SQUARE_MAX = 84
BOARD_COLUMNS = 6
KINDS = {"start", "finish", "question", "safe", "risky"}

_decks: dict[str, list[dict]] = {}  # language -> quiz pages built in it, filled by on_page_markdown


def direction(lang: str) -> str:
    return "rtl" if lang.split("-")[0] in RTL else "ltr"


def width(text: str) -> int:
    """Visible length: wide (CJK) characters count double."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def visible(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html)).strip()


def to_html(text: str, inline: bool = True) -> str:
    """Card text: the quiz's Markdown (shortcodes already expanded) as HTML, links as plain text on paper."""
    html = md.markdown(text)
    html = re.sub(r"</?a\b[^>]*>", "", html)
    if inline:
        html = re.sub(r"^<p>(.*)</p>$", r"\1", html.strip(), flags=re.S)
    return Markup(html)


# ---- Collect the quiz questions as pages are built -------------------------------------------


def on_pre_build(config):
    lang, _, _ = i18n_languages(config)
    _decks[lang] = []


def on_page_markdown(markdown, page, config, files):
    lang, default, locales = i18n_languages(config)
    if SHORTCODE_RE.search(markdown):
        markdown = SHORTCODE_RE.sub(lambda _: kit_links(config, page.url or "."), markdown)
    if not block_starts(markdown):
        return markdown
    try:
        blocks = parse(markdown)
    except QuizError as exc:
        raise PluginError(located(page, config, markdown, exc)) from None
    source = Path(page.file.abs_src_path or page.file.src_uri)
    docs = Path(config.docs_dir)
    folder = source.relative_to(docs).parts[0] if source.is_relative_to(docs) else lang
    text_lang = folder if folder in locales else lang
    title = next((line[2:].strip() for line in markdown.split("\n") if line.startswith("# ")), page.file.name)
    cards = []
    for number, (_, _, q) in enumerate(blocks, 1):
        card = make_card(q, number, len(blocks))
        for side, limit, what in (
            ("front", FRONT_MAX, "question and answers"),
            ("back", BACK_MAX, "answer and explanation"),
        ):
            used = card[f"{side}_width"]
            if used > limit:
                line = source_line(page, markdown, q.line)
                raise PluginError(
                    f"{_rel(source, config)}:{line}: this question is too long for a printed quiz card: its {side} "
                    f"({what}) has {used} characters, the most is {limit}; shorten it by {used - limit}"
                )
        cards.append(card)
    nav = _nav_order(config)
    _decks[lang].append(
        {
            "order": nav.get(page.file.src_uri.split("/")[-1], len(nav)),
            "title": visible(str(to_html(title))),
            "lang": text_lang,
            "dir": direction(text_lang),
            "cards": cards,
        }
    )
    return markdown


def _rel(path: Path, config) -> str:
    root = Path(config.config_file_path or ".").parent
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


def _nav_order(config) -> dict[str, int]:
    names = []

    def walk(items):
        for item in items or []:
            if isinstance(item, str):
                names.append(item)
            elif isinstance(item, dict):
                for value in item.values():
                    walk(value if isinstance(value, list) else [value])

    walk(config.nav)
    return {name.split("/")[-1]: i for i, name in enumerate(names)}


def make_card(q, number: int, total: int) -> dict:
    front = [to_html(q.text)] + [to_html(text) for _, text in q.answers]
    right = [to_html(text) for text in q.correct]
    explain = to_html("\n".join(q.explanation), inline=False)
    return {
        "number": number,
        "total": total,
        "question": front[0],
        "answers": front[1:],
        "right": right,
        "explanation": explain,
        "front_width": sum(width(visible(str(x))) for x in front),
        "back_width": sum(width(visible(str(x))) for x in right) + width(visible(str(explain))),
    }


# ---- Links in pages -------------------------------------------------------------------------


def kit_links(config, page_url: str) -> str:
    data = config.extra["vigie"]
    lang, default, _ = i18n_languages(config)
    t, base = data.labels["kit"], load(default, default).labels["kit"]
    prefix = "" if lang == default else f"{lang}/"
    items = [
        (f"{prefix}{PRINT_DIR}/quiz-cards.html", "quiz_cards"),
        (f"{prefix}{PRINT_DIR}/board.html", "board"),
    ]
    out = ['<ul class="vigie-kit">']
    for target, key in items:
        mark = f' lang="{default}"' if lang != default and t[key] == base[key] else ""
        out.append(f'<li><a href="{escape(get_relative_url(target, page_url))}"{mark}>{escape(t[key])}</a></li>')
    out.append("</ul>")
    return "\n" + "\n".join(out) + "\n"


# ---- Files written once every language is built ----------------------------------------------


@event_priority(-210)  # after print_materials.py (-200) wrote materials.json, before security.py (-300)
def on_post_build(config):
    plugin = config.plugins.get("i18n")
    if plugin is not None and plugin.building:
        return
    try:
        write_kit(config, Path(config.site_dir))
    except DataError as exc:
        raise PluginError(str(exc)) from None


def write_kit(config, site: Path) -> None:
    _, default, _ = i18n_languages(config)
    base = load(default, default)
    manifest_path = site / PRINT_DIR / MANIFEST
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    path = board_path()
    for lang in config.extra["vigie"].languages or [{"code": default, "prefix": ""}]:
        code, folder = lang["code"], lang["prefix"] + PRINT_DIR
        (site / folder).mkdir(parents=True, exist_ok=True)
        data = load(code, default)
        context = kit_context(data, base)
        sheets = card_sheets(sorted(_decks.get(code, []), key=lambda deck: deck["order"]), context["dir"])
        squares = board_squares(path, data, base)
        for kind, extra, size, pages in (
            ("quiz-cards", {"sheets": sheets}, "A4", 2 * len(sheets)),
            ("board", {"squares": squares, "numbers": help_numbers(data, base)}, "A3", 1),
        ):
            (site / folder / f"{kind}.html").write_text(render_page(kind, context, extra), encoding="utf-8")
            manifest["pages"].append(
                {"id": f"{kind}-{code}", "kind": kind, "html": f"{folder}/{kind}.html", "size": size, "pages": pages}
            )
    manifest_path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")


def render_page(kind: str, context: dict, extra: dict) -> str:
    """A standalone printable page (CSS inlined, no script), as print_materials.py writes the posters."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined)
    css = "\n".join((TEMPLATES / name).read_text(encoding="utf-8") for name in ("base.css", f"{kind}.css"))
    title = f"{context['t']['cards_title' if kind == 'quiz-cards' else 'board_title']} · {context['site_name']}"
    return env.get_template(f"{kind}.html").render(kind=kind, css=Markup(css), title=title, **context, **extra)


def kit_context(data, base) -> dict:
    """Labels of the kit; while `kit:` is not translated they are the default language's, marked so."""
    translated = data.lang == base.lang or data.labels["kit"] != base.labels["kit"]
    lang = data.lang if translated else base.lang
    return {
        "lang": data.lang,
        "dir": direction(data.lang),
        "labels_lang": lang,
        "labels_dir": direction(lang),
        "t": data.labels["kit"],
        "q": data.labels["quiz"],
        "q_lang": data.lang if data.labels["quiz"] != base.labels["quiz"] or translated else base.lang,
        "site_name": data.labels.get("site_name", "Vigie"),
    }


def card_sheets(decks: list[dict], page_dir: str) -> list[dict]:
    """Sheets of up to 8 cards, one deck per run of sheets. Card k sits at (row, column) on the front
    and at (row, 1 - column) on the back: long-edge duplex puts each back behind its front."""
    sheets = []
    for deck in decks:
        cards = deck["cards"]
        for start in range(0, len(cards), CARDS_PER_SHEET):
            slots = []
            for i, card in enumerate(cards[start : start + CARDS_PER_SHEET]):
                col = i % 2 if page_dir == "ltr" else 1 - i % 2  # reading order: first card top-left, or top-right
                slots.append({"card": card, "row": i // 2 + 1, "front_col": col + 1, "back_col": 2 - col})
            sheets.append({"deck": deck, "slots": slots})
    return sheets


# ---- The board --------------------------------------------------------------------------------


def board_path(path: Path | None = None) -> dict:
    """data/board.yml, validated: {'moves': {...}, 'squares': [(kind, id, line)]}."""
    path = Path(path or DATA_DIR / "board.yml")
    where = "data/board.yml"
    import yaml

    text = path.read_text(encoding="utf-8")
    raw = yaml.safe_load(text) or {}
    lines = text.split("\n")
    squares, seen = [], set()
    line = next((i for i, text in enumerate(lines) if text.startswith("squares:")), 0)
    for item in raw.get("squares") or []:
        # The next list item after the previous one: every square gets its own line, even repeated ones.
        line = next((i + 1 for i in range(line, len(lines)) if lines[i].strip() == f"- {item}"), line + 1)
        parts = str(item).split()
        kind, sid = parts[0], (parts[1] if len(parts) > 1 else "")
        if kind not in KINDS or (kind in ("safe", "risky")) != bool(sid) or len(parts) > 2:
            raise DataError(f"{where}:{line}: square '{item}': write start, finish, question, 'safe ID' or 'risky ID'")
        if sid and sid in seen:
            raise DataError(f"{where}:{line}: square id '{sid}' is used twice")
        seen.add(sid)
        squares.append((kind, sid, line))
    if not 30 <= len(squares) <= 40 or squares[0][0] != "start" or squares[-1][0] != "finish":
        raise DataError(f"{where}: the path needs 30 to 40 squares, from start to finish (has {len(squares)})")
    return {"moves": raw.get("moves") or {}, "squares": squares}


def _label_line(lang: str, key: str) -> str:
    """data/i18n/<lang>.yml:LINE of `kit.squares.<key>`, for error messages."""
    path = DATA_DIR / "i18n" / f"{lang}.yml"
    lines = path.read_text(encoding="utf-8").split("\n") if path.exists() else []
    start = next((i for i, line in enumerate(lines) if line.strip() == "squares:"), 0)
    line = next((i + 1 for i in range(start, len(lines)) if lines[i].strip().startswith(f"{key}:")), start + 1)
    return f"data/i18n/{lang}.yml:{line}"


def board_squares(path: dict, data, base) -> list[dict]:
    t, fallback = data.labels["kit"], base.labels["kit"]
    squares = []
    for n, (kind, sid, line) in enumerate(path["squares"]):
        move = abs(int(path["moves"].get(kind, 0)))
        if sid:
            text = (t.get("squares") or {}).get(sid)
            if not text:
                raise DataError(f"data/i18n/{base.lang}.yml: kit.squares.{sid} is missing (data/board.yml:{line})")
            own = data.lang == base.lang or text != fallback["squares"].get(sid)
            used = width(text)
            if used > SQUARE_MAX:
                raise DataError(
                    f"{_label_line(data.lang if own else base.lang, sid)}: kit.squares.{sid} is too long for its "
                    f"square on the board: {used} characters, the most is {SQUARE_MAX}; "
                    f"shorten it by {used - SQUARE_MAX}"
                )
        else:
            text, own = "", True
        label = t[kind].format(n=move)
        label_own = data.lang == base.lang or t[kind] != fallback[kind]
        row, col = divmod(n, BOARD_COLUMNS)
        if row % 2:  # the path snakes: every other row runs back
            col = BOARD_COLUMNS - 1 - col
        squares.append(
            {
                "number": n + 1,
                "kind": kind,
                "label": label,
                "label_lang": None if label_own else base.lang,
                "text": text,
                "text_lang": None if own else base.lang,
                "row": row + 1,
                "col": col + 1,
            }
        )
    return squares


def help_numbers(data, base) -> list[dict]:
    """The numbers printed under the rules, from the registry (never typed); untranslated names marked."""
    out = []
    for hid in ("child-in-danger", "police"):
        entry, fallback = data.helpline(hid), base.helpline(hid)
        same = data.lang != base.lang and entry["name"] == fallback["name"]
        out.append({**entry, "name_lang": base.lang if same else None})
    return out
