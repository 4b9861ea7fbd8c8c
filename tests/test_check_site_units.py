"""Units of the checker: URL resolution, tel: links, phone numbers in prose,
Markdown masking, and the property-based test that nothing ever raises."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vigie_check.content import check_markdown
from vigie_check.links import Ref, locate, parse_page
from vigie_check.markdown import mask_code
from vigie_check.phones import CANDIDATE, phone_in_text, tel_problem
from vigie_check.sitefiles import resolve


@pytest.mark.parametrize(
    "url, page, expected",
    [
        ("about/", "fr/index.html", ("internal", "fr/about/", None)),
        ("../img.png", "fr/index.html", ("internal", "img.png", None)),
        ("#x", "fr/a.html", ("internal", "fr/a.html", "x")),
        ("?q=1#x", "a/index.html", ("internal", "a/index.html", "x")),
        ("/stock/fr/", "x/index.html", ("internal", "fr/", None)),
        ("/stock", "index.html", ("internal", "", None)),
        ("https://EXAMPLE.org/stock/fr/#a", "index.html", ("internal", "fr/", "a")),
        ("//example.org/stock/a.css", "index.html", ("internal", "a.css", None)),
        ("/other/", "index.html", ("invalid", "/other/", None)),
        ("https://example.org/other/", "index.html", ("invalid", "/other/", None)),
        # As a browser: .. stops at the host's root (here outside the base path /stock/).
        ("../../x", "a/index.html", ("invalid", "/x", None)),
        ("../../../../stock/img.png", "a/index.html", ("internal", "img.png", None)),
        ("%2e%2e/img.png", "a/index.html", ("internal", "img.png", None)),
        ("..\\img.png", "a/index.html", ("internal", "img.png", None)),
        ("a%2Fb/c%3F.html", "index.html", ("internal", "a/b/c?.html", None)),
        ("img.png", "https://cdn.example.net/x/", ("external", "https://cdn.example.net/x/img.png", None)),
        ("a%20b.html", "d/index.html", ("internal", "d/a b.html", None)),
        (" about/\n", "index.html", ("internal", "about/", None)),
        ("https://other.org/a#b", "index.html", ("external", "https://other.org/a", None)),
        ("tel:17", "index.html", ("tel", "tel:17", None)),
        ("mailto:a@b.c", "index.html", ("ignore", "", None)),
        ("javascript:void(0)", "index.html", ("ignore", "", None)),
    ],
)
def test_resolve(url, page, expected):
    target = resolve(url, page, "example.org", "/stock/")
    assert (target.kind, target.path, target.fragment) == expected


@pytest.mark.parametrize(
    "url, problem",
    [
        ("tel:17", None),
        ("tel:119", None),
        ("tel:116000", None),
        ("tel:+33180523376", None),
        ("tel:+1-800-843-5678", None),
        ("tel:0123456789", None),
        ("sms:114?body=Help", None),
        ("tel:%2B33180523376", None),
        ("tel:", "no number"),
        ("tel:abc", "malformed"),
        ("tel:12345", "not a valid number for region FR"),
        ("tel:+3312", "not a valid number"),
        ("sms:114,abc", "malformed"),
    ],
)
def test_tel_problem(url, problem):
    result = tel_problem(url, "FR")
    assert result is None if problem is None else problem in result


PHONES = [
    ("Call 119 now.", ["119"]),
    ("In an emergency, dial 17 or 112.", ["17", "112"]),
    ("Appelez le 3018.", ["3018"]),
    ("Le 3919 est gratuit.", ["3919"]),
    ("Missing child: 116 000.", ["116 000"]),
    ("116 006 for victims", ["116 006"]),
    ("Call +33 1 80 52 33 76 or +1 800 843 5678.", ["+33 1 80 52 33 76", "+1 800 843 5678"]),
    ("Tel: 01 23 45 67 89", ["01 23 45 67 89"]),
    ("**15**", ["15"]),
    ("| SAMU | 15 |", ["15"]),
    ("SMS 114", ["114"]),
    ("Children under 18 can call 119.", ["119"]),
    ("请拨打119。", ["119"]),
    ("17歳の子ども、2024年。", []),
    ("112에 전화하세요.", ["112"]),
    ("اتصل بالرقم ١١٩", ["١١٩"]),
    ("2024年7月26日から", []),
    ("Founded in 1986. In 2024 the Games.", []),
    ("On 4 March 2002 the law no. 2002-305 passed.", []),
    ("From 2024-07-26 to 2024-09-08.", []),
    ("Open 09:00 to 18:00, 9h30.", []),
    ("15% of children, 15 % of adults.", []),
    ("1000 children call every day.", []),
    ("3000 volunteers.", []),
    ("A 15-year-old girl.", []),
    ("Aged 15 or over 17.", []),
    ("le 15 mars, the 17th", []),
    ("from 15 to 18", []),
    ("Paris 2024 Olympics, 3 days.", []),
    # Issue 17: figures, years, citations and measured values are not phones; context is.
    ("| Year | Reports |\n|---|---|\n| 2019 | 3018 |", []),
    ("| Service | Helpline |\n|---|---|\n| Harassment | 3020 |", ["3020"]),
    ("| Year | Calls answered |\n|---|---|\n| 2019 | 116 000 |", []),
    ("Median: **3018**", []),
    ("Pages built: 116 000", []),
    ("Load on a phone: 119 ms", []),
    ("Journal of Care, vol. 17, no. 3, p. 119.", []),
    ("- 17\n- 18", []),
    ("Appelez le 119 maintenant.", ["119"]),
    ("In 2019, call 3018.", ["3018"]),
    # Ages in CJK, even near a call word: not phones.
    ("- [18歳未満で、助けが必要](#young-people)", []),
    ("18岁以下的年轻人也可以打电话。", []),
    ("열여덟 살 미만, 18세 미만은 전화하세요.", []),
]


@pytest.mark.parametrize("text, numbers", PHONES)
def test_phone_in_text(text, numbers):
    assert [m.group() for m in CANDIDATE.finditer(text) if phone_in_text(text, m.start(), m.end(), "FR")] == numbers


@pytest.mark.parametrize(
    "text, numbers",
    [
        ("Call 119 now.", ["119"]),
        ("**119**", []),
        ("Missing child: 116 000.", []),
        ("Call +33 1 80 52 33 76", ["+33 1 80 52 33 76"]),
    ],
)
def test_without_a_region_short_numbers_need_a_call_word(text, numbers):
    assert [m.group() for m in CANDIDATE.finditer(text) if phone_in_text(text, m.start(), m.end(), None)] == numbers
    assert tel_problem("tel:119", None) is None and "not a valid" in tel_problem("tel:+3312", None)


def test_parse_page_reads_inline_css_and_links_around_images():
    page = parse_page(
        "index.html",
        '<a href="a.png"><img src="a.png"></a><a href="b.png"><img src="c.png"></a>'
        '<p style="background: url(\'https://x.example/bg.png\')"></p><style>@import "https://y.example/s.css";</style>',
    )
    assert page.wrapped == {"a.png"}
    assert [(r.attr, r.raw) for r in page.refs if r.attr == "style"] == [
        ("style", "https://x.example/bg.png"),
        ("style", "https://y.example/s.css"),
    ]


def test_phones_in_markdown_skip_shortcodes_anchors_lists_and_urls():
    text = (
        "# Step 15 {#step-15}\n\n15. Fifteenth item\n\nSee <!-- helpline:police --> and <!-- number:119 -->.\n"
        "[Report](https://example.org/report/119) ![x](img/119.png)\n<a href='page-17.html'>x</a>\n"
    )
    assert check_markdown(text, "x.md", None, "example.org", "FR") == []


def test_mask_code_keeps_lines():
    text = "a\n```\n<script>\n```\n`<iframe>` <!-- x\ny --> b\n"
    masked = mask_code(text)
    assert masked.count("\n") == text.count("\n") and len(masked) == len(text)
    assert "<script>" not in masked and "<iframe>" not in masked and masked.rstrip().endswith("b")


def test_locate_finds_each_occurrence_in_turn():
    text = '<a href="x">\n<a href="y">\n<a href="x">\n<a href="a&amp;b">'
    cursor: dict = {}
    assert locate(text, Ref("p", "href", "x", False), cursor) == 1
    assert locate(text, Ref("p", "href", "x", False), cursor) == 3
    assert locate(text, Ref("p", "href", "a&b", False), cursor) == 4


def test_parse_page_reads_srcset_refresh_and_base():
    page = parse_page(
        "d/index.html",
        '<base href="/x/"><img src="a.png" srcset="b.png 1x, c.png 2x">'
        '<meta http-equiv="refresh" content="0; url=../y/">'
        '<link rel="preconnect" href="https://fonts.example.org"><p id="i"></p><a name="n"></a>',
    )
    assert {r.page for r in page.refs} == {"d/index.html"}
    assert [(r.base, r.raw, r.asset) for r in page.refs] == [
        ("x/index.html", "a.png", True),
        ("x/index.html", "b.png", True),
        ("x/index.html", "c.png", True),
        ("x/index.html", "../y/", False),
    ]
    assert {"i", "n"} <= page.ids


# Property-based: random HTML and links never make the checker raise.
_LINKS = st.one_of(
    st.text(max_size=40),
    st.builds(
        lambda a, b, c: a + b + c,
        st.sampled_from(["", "/", "../", "#", "?", "//", "http://", "https://", "tel:", "sms:", "javascript:", "%"]),
        st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20),
        st.sampled_from(["", "/", "#x", "%20", "%ZZ", "%C3%A9", "/..", "?a=1", "]", "[::1"]),
    ),
)
_TAGS = st.sampled_from(["a", "img", "link", "script", "iframe", "source", "meta", "base", "p", "div", "svg", "use"])
_ATTRS = st.sampled_from(["href", "src", "srcset", "id", "name", "rel", "content", "http-equiv", "onclick", "style"])


@st.composite
def html_documents(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 12))):
        tag = draw(_TAGS)
        attrs = " ".join(f'{draw(_ATTRS)}="{draw(_LINKS)}"' for _ in range(draw(st.integers(0, 3))))
        parts.append(
            draw(st.sampled_from([f"<{tag} {attrs}>", f"</{tag}>", f"<{tag} {attrs}", draw(st.text(max_size=20))]))
        )
    return "".join(parts)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html=st.one_of(html_documents(), st.text(max_size=300)), page=st.sampled_from(["index.html", "fr/a/index.html"]))
def test_random_html_never_raises(html, page):
    parsed = parse_page(page, html)
    for ref in parsed.refs:
        resolve(ref.raw, ref.page, "example.org", "/")
        locate(html, ref, {})
    check_markdown(html, "x.md", "en", "example.org", "FR")


@settings(max_examples=300, deadline=None)
@given(url=_LINKS, site_path=st.sampled_from(["/", "/stock/"]))
def test_random_links_never_raise(url, site_path):
    resolve(url, "fr/index.html", "example.org", site_path)
    tel_problem("tel:" + url, "FR")
    tel_problem("sms:" + url, "FR")


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from("0123456789 +-.()/:%#*|\nCall le 15 ans"), max_size=80))
def test_random_prose_never_raises(text):
    for match in CANDIDATE.finditer(text):
        phone_in_text(text, match.start(), match.end(), "FR")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    pages=st.lists(
        st.tuples(st.sampled_from(["index.html", "a/index.html", "fr/b.html", "été/x.html"]), html_documents()),
        max_size=4,
    ),
    markdown=st.text(max_size=200),
)
def test_random_site_through_the_whole_checker_never_raises(pages, markdown):
    import tempfile
    from pathlib import Path

    from vigie_check.project import load_project
    from vigie_check.report import as_github, as_json, as_text
    from vigie_check.run import run_checks

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "mkdocs.yml").write_text(
            "site_name: T\nsite_url: https://example.org/\nplugins:\n  - i18n:\n      docs_structure: folder\n"
            "      languages:\n        - {locale: en, default: true}\n        - {locale: fr, site_name: T}\n"
        )
        for name, html in pages:
            (root / "site" / name).parent.mkdir(parents=True, exist_ok=True)
            (root / "site" / name).write_text(html, "utf-8", errors="replace")
        for lang in ("en", "fr"):
            (root / "docs" / lang).mkdir(parents=True)
            (root / "docs" / lang / "index.md").write_text(markdown, "utf-8", errors="replace")
        project = load_project(root / "mkdocs.yml")
        report = run_checks(project)
        as_text(report, project), as_json(report), as_github(report, project)


# Issues 25 and 26: sites with no extra.checker.region, in their own languages. Written for these tests.
@pytest.mark.parametrize(
    "text, languages, numbers",
    [
        # A call word is a whole word of the site's languages, never a prefix of another word.
        ("The build numbering restarts: number 5 is next.", ("en",), []),
        ("The kit is composed of 10 cards.", ("en",), []),
        ("Pick template 1 and template 2 for the posters.", ("en",), []),
        ("Release 3 of the poster set, version 4 of the cards.", ("en",), []),
        ("The texture uses 12 shades.", ("en",), []),
        ("Anna Freese 2041 wrote the guide.", ("en",), []),
        ("Téléchargez 3 affiches et le guide 2026.", ("fr",), []),
        ("Scroll below 120 pixels for the map.", ("en",), []),
        ("Ce formulaire en ligne 2049 est court.", ("fr",), []),
        ("Formulario en línea 3052 para voluntarios.", ("es",), []),
        ("Bel 112.", ("en",), []),  # Dutch, but the site has no Dutch
        ("Bel 112.", ("nl",), ["112"]),
        # Citation markers, exponents, units: never phones, even near a call word.
        ("Call the helpline [1], or the team [2, 3].", ("en",), []),
        ("Call volume per visitor: 4.2 × 10⁻⁶ in July.", ("en",), []),
        ("| Phone line | Supply |\n|---|---|\n| North | 50 kV |\n| South | 3 MW |", ("en",), []),
        ("Phone the site office: 50 kV and 3 MW lines.", ("en",), []),
        ("Call the venue: it uses 12 kWh a day and a 400 V supply.", ("en",), []),
        # Still found: a call word beside the number.
        ("Call 119 now.", ("en",), ["119"]),
        ("Text 85258 to talk.", ("en",), ["85258"]),
        ("Le numéro 3919 est gratuit.", ("fr",), ["3919"]),
        # Missed before: national numbers of 8+ digits beside a call word, with no region to validate them.
        ("If you are worried, call the team on 01 40 00 00 00 any day.", ("en",), ["01 40 00 00 00"]),
        ("Call the helpline on 0800 000 0000.", ("en",), ["0800 000 0000"]),
        ("Appelez l'équipe au 01 40 00 00 00.", ("fr",), ["01 40 00 00 00"]),
        ("The report 2024 03 18 19 was filed.", ("en",), []),  # no call word
    ],
)
def test_without_a_region_call_words_are_whole_words_of_the_site_languages(text, languages, numbers):
    found = [m.group() for m in CANDIDATE.finditer(text) if phone_in_text(text, m.start(), m.end(), None, languages)]
    assert found == numbers


def test_a_national_number_without_a_region_says_how_to_fix_it():
    (finding,) = check_markdown("Call us on 01 40 00 00 00.\n", "docs/a.md", "en", "example.org", None, ("en",))
    assert (finding.kind, finding.line, finding.target) == ("hardcoded-phone", 1, "01 40 00 00 00")
    assert "extra.checker.region" in finding.fix and "<!-- number:ID -->" in finding.fix


def test_script_style_and_superscript_bodies_are_not_text():
    text = (
        "# Help\n\n<script>\nconst phone = 'call 0140000000'; button.onclick = () => { dial(119) };\n</script>\n"
        "<style>.call { margin: 119px }</style>\n\nCall<sup>1</sup> the venue.\n"
    )
    findings = check_markdown(text, "docs/a.md", "en", "example.org", None, ("en",))
    assert [(f.kind, f.line, f.target) for f in findings] == [("unsafe-html", 3, "<script>")]


@settings(max_examples=400, deadline=None)
@given(
    url=st.lists(st.sampled_from(["a", "b", ".", "/", "#", "-", "..", "../", "./", "x/"]), max_size=10).map("".join),
    page=st.sampled_from(["index.html", "fr/index.html", "fr/a/b/index.html", "a.html"]),
    site_path=st.sampled_from(["/", "/stock/"]),
)
def test_the_fast_path_for_plain_links_resolves_like_the_general_rules(url, page, site_path):
    from vigie_check import sitefiles

    fast = sitefiles.resolve(url, page, "example.org", site_path)
    original, sitefiles._simple_relative = sitefiles._simple_relative, lambda *args: None
    try:
        general = sitefiles.resolve(url, page, "example.org", site_path)
    finally:
        sitefiles._simple_relative = original
    assert fast == general
