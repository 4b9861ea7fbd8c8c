"""Issue 17: the checker on sites shaped like real third-party static-i18n sites.

One fixture per point of the issue (tests/fixtures/checker/layouts/), built for
real with mkdocs. Each test lists the exact findings, at the place a GitHub
annotation shows them (the Markdown source when known), and nothing else.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from vigie_check.cli import main
from vigie_check.project import load_project
from vigie_check.report import as_github, shown_file
from vigie_check.run import run_checks

LAYOUTS = Path(__file__).resolve().parent / "fixtures" / "checker" / "layouts"


def built(name: str, tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp(name)
    shutil.copytree(LAYOUTS / name, project, dirs_exist_ok=True)
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site")))
    return project


def line_of(path: Path, text: str | None) -> int | None:
    if text is None:
        return None
    hits = [i + 1 for i, line in enumerate(path.read_text("utf-8").splitlines()) if text in line]
    assert len(hits) == 1, f"{text!r} must be on exactly one line of {path}"
    return hits[0]


def found(project: Path, checks: tuple[str, ...] = ("links", "translations", "content")):
    """(kind, annotated file, annotated line, target, language) of every finding, and the report."""
    loaded = load_project(project / "mkdocs.yml")
    report = run_checks(loaded, checks)
    out = []
    for f in report.findings:
        file, line = f.source if f.source else (shown_file(f, loaded), f.line)
        target = f.target.split("?")[0] if getattr(f, "pages", None) is not None else f.target  # no queries
        out.append((f.kind, file, line, target, f.language))
    return sorted(out, key=repr), report


def expected(project: Path, rows) -> list[tuple]:
    """Rows give the text on the line rather than its number, so the fixtures can change."""
    return sorted(
        [(kind, file, line_of(project / file, text), target, lang) for kind, file, text, target, lang in rows], key=repr
    )


# 1. Default language at the docs/ root.
@pytest.fixture(scope="module")
def root_default(tmp_path_factory) -> Path:
    return built("root-default", tmp_path_factory)


def test_1_default_language_at_the_docs_root(root_default):
    findings, report = found(root_default)
    assert findings == expected(
        root_default,
        [
            ("missing-translation", "docs/only-en.md", None, "docs/fr/only-en.md", "fr"),
            ("orphan-translation", "docs/fr/old.md", None, "docs/old.md", "fr"),
        ],
    )
    assert [(r["language"], r["pages"], r["done"], r["missing"]) for r in report.status] == [
        ("en", 3, 3, 0),
        ("fr", 3, 2, 1),
    ]
    assert not [n for n in report.notes if n.fatal]


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, "utf-8")
    return root / "mkdocs.yml"


FOLDER = "site_name: T\nplugins:\n  - i18n:\n      docs_structure: {structure}\n      languages:\n{languages}"
LANGS = "        - {locale: en, name: English, default: true}\n        - {locale: fr, name: Français}\n"


@pytest.mark.parametrize(
    "structure, files, message",
    [
        (
            "folder",
            {"docs/a.md": "# A\n", "docs/en/a.md": "# A\n", "docs/fr/a.md": "# A\n"},
            "docs/a.md and docs/en/a.md are both the en page a.md",
        ),
        ("suffix", {"docs/en/a.md": "# A\n", "docs/fr/a.md": "# A\n"}, "docs_structure is suffix"),
        ("folder", {"docs/a.md": "# A\n", "docs/a.fr.md": "# A\n"}, "language suffix but docs_structure is folder"),
        ("folder", {"docs/fr/a.md": "# A\n"}, "no en (default language) page in docs/en/ or docs/"),
    ],
)
def test_1_when_the_layout_cannot_be_told_it_says_so_and_exits_2(tmp_path, capsys, structure, files, message):
    config = _write(tmp_path, {"mkdocs.yml": FOLDER.format(structure=structure, languages=LANGS), **files})
    assert main(["translations", "--config", str(config)]) == 2
    assert message in capsys.readouterr().out


def test_1_old_v0_config_gets_a_clear_message(tmp_path, capsys):
    v0 = "site_name: T\nplugins:\n  - i18n:\n      default_language: en\n      languages:\n        fr: Français\n"
    config = _write(tmp_path, {"mkdocs.yml": v0, "docs/index.md": "# A\n"})
    assert main(["translations", "--config", str(config)]) == 2
    out = capsys.readouterr().out
    assert "mkdocs-static-i18n 0.x format" in out and "languages: [{locale: en" in out


def test_1_the_plugin_own_validation_is_used(tmp_path, capsys):
    config = _write(
        tmp_path,
        {
            "mkdocs.yml": FOLDER.format(
                structure="folder", languages="        - {locale: EN, name: E, default: true}\n"
            ),
            "docs/en/index.md": "# A\n",
        },
    )
    assert main(["translations", "--config", str(config)]) == 2
    assert "Language code values must be either ISO-639-1" in capsys.readouterr().out


# 2. Suffix layout.
@pytest.fixture(scope="module")
def suffix(tmp_path_factory) -> Path:
    return built("suffix", tmp_path_factory)


def test_2_suffix_layout(suffix):
    findings, report = found(suffix)
    assert findings == expected(
        suffix,
        [
            ("missing-translation", "docs/only-en.md", None, "docs/only-en.fr.md", "fr"),
            ("orphan-translation", "docs/old.fr.md", None, "docs/old.md", "fr"),
            ("hardcoded-phone", "docs/about.fr.md", "appelez le 3919", "3919", "fr"),
        ],
    )
    assert [(r["language"], r["pages"], r["done"]) for r in report.status] == [("en", 3, 3), ("fr", 3, 2)]
    assert not [n for n in report.notes if n.fatal]


# 3. What the theme and the config load from other hosts, on the built pages.
@pytest.fixture(scope="module")
def theme_loads(tmp_path_factory) -> Path:
    return built("theme-loads", tmp_path_factory)


def test_3_theme_and_config_loads_are_reported_once_where_they_come_from(theme_loads):
    findings, report = found(theme_loads, ("content",))
    kind, photo = "third-party-resource", "https://cdn.example.net/photo.jpg"
    assert findings == expected(
        theme_loads,
        [  # Material's default fonts are pointed at the theme: in mkdocs.yml
            (kind, "mkdocs.yml", "theme:", "https://fonts.googleapis.com/css", None),
            (kind, "mkdocs.yml", "widget.min.js", "https://cdn.jsdelivr.net/npm/widget@1.2.3/widget.min.js", None),
            (kind, "mkdocs.yml", "cdn.example.net/theme.css", "https://cdn.example.net/theme.css", None),
            (kind, "overrides/main.html", "googletagmanager", "https://www.googletagmanager.com/gtag/js", None),
            (kind, "docs/css/site.css", "fonts.example.com", "https://fonts.example.com/brand.css", None),
            # Raw HTML in a page: the Markdown check reports it, once per page source, not again.
            (kind, "docs/en/index.md", "photo.jpg", photo, "en"),
            (kind, "docs/fr/index.md", "photo.jpg", photo, "fr"),
        ],
    )
    pages = sorted(p.relative_to(theme_loads / "site").as_posix() for p in (theme_loads / "site").rglob("*.html"))
    site_wide = [f for f in report.findings if f.pages is not None]
    assert len(site_wide) == 5 and pages == ["404.html", "fr/index.html", "index.html"]
    assert all(sorted(f.pages) == pages for f in site_wide)
    assert all(f.message.startswith("every page loads a resource from") for f in site_wide)
    fonts = next(f for f in site_wide if "googleapis" in f.target)
    assert "font: false" in fonts.fix


def test_3_the_json_lists_the_pages_that_load_a_resource(theme_loads, capsys):
    import json

    assert main(["content", "--config", str(theme_loads / "mkdocs.yml"), "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert sorted(f["pages"] for f in findings if "pages" in f) == [["404.html", "fr/index.html", "index.html"]] * 5
    assert sum("pages" not in f for f in findings) == 2  # optional: only site-wide loads have it


# 4. `..` above the site root: browsers stop at the root, so the resource loads.
def test_4_dotdot_above_the_root_is_clamped_like_a_browser(tmp_path_factory):
    project = built("dotdot", tmp_path_factory)
    findings, _ = found(project)
    assert findings == expected(
        project,
        [  # the logo loads in both languages; the missing picture is missing, not "outside the root"
            ("missing-asset", "docs/en/guide/deep.md", "none.png", "../../../img/none.png", None),
            ("missing-asset", "docs/fr/guide/deep.md", "none.png", "../../../img/none.png", None),
        ],
    )


# 5. Numbers typed by hand: figures, years, citations, measured values are not phones.
def test_5_phone_numbers_need_the_context_a_reader_sees(tmp_path_factory):
    project = built("phones", tmp_path_factory)
    findings, _ = found(project)
    assert findings == expected(
        project,
        [
            ("hardcoded-phone", "docs/en/index.md", "| Example | 3020", "3020", "en"),  # a "Helpline" column
            ("hardcoded-phone", "docs/en/index.md", "call 119 now", "119", "en"),
            ("hardcoded-phone", "docs/fr/index.md", "appelez le 119", "119", "fr"),
        ],
    )


# 6. Annotations: on the Markdown line of each occurrence, for pages at the docs/ root too.
def test_6_each_occurrence_is_annotated_on_its_own_markdown_line(tmp_path_factory, capsys):
    project = built("annotations", tmp_path_factory)
    findings, report = found(project)
    assert findings == expected(
        project,
        [
            ("broken-anchor", "docs/guide.md", "Then [the end](#the-end).", "#the-end", None),
            ("broken-anchor", "docs/guide.md", "Then [the end](#the-end) again.", "#the-end", None),
            ("broken-anchor", "docs/guide.md", "And [the end](#the-end) once more.", "#the-end", None),
            ("broken-link", "docs/guide.md", "lost.md", "lost.md", None),
            # docs/fr/: there, the checker found the source before, but put both on the first line
            ("broken-anchor", "docs/fr/guide.md", "Puis [la fin](#la-fin).", "#la-fin", None),
            ("broken-anchor", "docs/fr/guide.md", "Puis [la fin](#la-fin) encore.", "#la-fin", None),
        ],
    )
    annotations = [line.split("::")[1] for line in as_github(report, load_project(project / "mkdocs.yml")).splitlines()
                   if line.startswith("::error")]  # fmt: skip
    assert sorted(annotations) == [
        "error file=docs/fr/guide.md,line=7,title=broken-anchor",
        "error file=docs/fr/guide.md,line=8,title=broken-anchor",
        "error file=docs/guide.md,line=6,title=broken-anchor",
        "error file=docs/guide.md,line=7,title=broken-anchor",
        "error file=docs/guide.md,line=8,title=broken-anchor",
        "error file=docs/guide.md,line=9,title=broken-link",
    ]


# 7. A link wrapping an image of the same missing file: one finding.
def test_7_linked_image_of_one_missing_file_is_one_finding(tmp_path_factory):
    project = built("linked-image", tmp_path_factory)
    findings, _ = found(project)
    assert findings == expected(project, [("missing-asset", "docs/en/index.md", "poster.png", "img/poster.png", None)])


# 8. Issue 25: every annotation at the file a volunteer edits, on the line of that finding.
def test_8_annotations_name_the_template_the_stylesheet_and_each_markdown_line(tmp_path_factory, capsys):
    import json

    project = built("template-in-docs", tmp_path_factory)
    config = str(project / "mkdocs.yml")
    assert main(["links", "content", "--config", config, "--format", "github"]) == 1
    annotations = [line.split("::")[1] for line in capsys.readouterr().out.splitlines() if line.startswith("::")]
    assert sorted(annotations) == [
        "error file=docs/css/fonts.css,line=2,title=third-party-resource",  # the @import, not theme.font
        "error file=docs/en/index.md,line=6,title=broken-anchor",  # four anchors, four lines
        "error file=docs/en/index.md,line=7,title=broken-anchor",
        "error file=docs/en/index.md,line=8,title=broken-anchor",
        "error file=docs/en/index.md,line=9,title=broken-anchor",
        "error file=docs/overrides/main.html,line=5,title=broken-link",  # the template in docs/, once
        "error file=mkdocs.yml,line=5,title=third-party-resource",  # Material's own fonts: theme
    ]
    assert main(["links", "--config", config, "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    template = next(f for f in findings if f["kind"] == "broken-link")
    assert (template["file"], template["line"]) == ("docs/overrides/main.html", 5)
    assert template["message"].endswith("(on 4 pages)") and template["built"]["file"].startswith("site/")
    anchors = [(f["file"], f["line"], f["built"]["file"]) for f in findings if f["kind"] == "broken-anchor"]
    assert anchors == [("docs/en/index.md", line, "site/index.html") for line in (6, 7, 8, 9)]
    assert main(["links", "--config", config]) == 1
    text = capsys.readouterr().out
    assert "  docs/en/index.md:9: error broken-anchor: #summary: no id 'summary' in this page" in text
    assert "{{ base_url }}" not in text  # mkdocs' copy of the template in site/ is not a page
