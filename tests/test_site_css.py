"""eucasia.assembly.site.css and .purge: stylesheets read with tinycss2 and cut to the classes used."""

from __future__ import annotations

import pytest

from eucasia.assembly.site import css, purge


def test_statements_keep_their_leading_whitespace_and_comments() -> None:
    sheet = css.Sheet('@charset "utf-8";\n/* a */ .a{x:1}\n@media print{.b{y:2}}\n/* tail */\n')
    texts = [sheet.text[s.start : s.end] for s in sheet.statements()]
    assert texts == [
        '@charset "utf-8";',
        "\n/* a */ .a{x:1}",
        "\n@media print{.b{y:2}}",
        "\n/* tail */\n",
    ]
    assert [s.keyword for s in sheet.statements()] == ["charset", None, "media", None]


@pytest.mark.parametrize(
    ("stylesheet", "classes", "expected"),
    [
        (".a{x:1}.b{x:2}", {"a"}, ".a{x:1}"),
        (".a,.b .c{x:1}", {"a", "c"}, ".a{x:1}"),
        ("div:not(.gone){x:1}", set(), "div:not(.gone){x:1}"),
        ("@media print{.b{x:1}}.a{y:2}", {"a"}, ".a{y:2}"),
        ("@media print{.b{x:1}.a{x:2}}", {"a"}, "@media print{.a{x:2}}"),
        ("/*! licence */.b{x:1}", set(), "/*! licence */"),
        ('p{x:1}[data-x=".b"]{y:2}', set(), 'p{x:1}\n[data-x=".b"]{y:2}'),
        (".bs-tooltip-auto{x:1}", set(), ".bs-tooltip-auto{x:1}"),
        # Kept as written: at-rules, escapes (tinycss2 would write "\f185" as the character).
        (
            '@font-face{src:url(a.woff)}.a:before{content:"\\f185"}',
            {"a"},
            '@font-face{src:url(a.woff)}\n.a:before{content:"\\f185"}',
        ),
        (".a /* why */ , .b{x:1 /* note */}", {"a"}, ".a{x:1 }"),
        (".sm\\:flex{x:1}", set(), ".sm\\:flex{x:1}"),  # escaped: can't tell, kept
        (":is(.a, .b) .c{x:1}", {"c"}, ":is(.a, .b) .c{x:1}"),
        ("@supports (display:grid){@media print{.a{x:1}}.b{x:2}}", set(), ""),
    ],
)
def test_purge(stylesheet: str, classes: set[str], expected: str) -> None:
    assert purge.purge(stylesheet, classes) == expected


@pytest.mark.parametrize(
    ("stylesheet", "expected"),
    [
        # `{` inside a string does not open the block (the old splitter kept `.gone` here).
        ('[data-x="{"] .gone{x:1}', ""),
        # `/*` inside a string is no comment (the old one cut the rule to `content:"}`).
        ('.c:after{content:"/*";color:red /* x */}', '.c:after{content:"/*";color:red }'),
        # `)` inside a string closes nothing (the old one dropped the whole rule).
        (':is([title=")"]) .gone, .c{x:1}', ".c{x:1}"),
        # A comma inside an attribute value does not split the selector list.
        ('[data-x="a,.b"] .c, .d{x:1}', '[data-x="a,.b"] .c{x:1}'),
    ],
)
def test_purge_reads_strings_as_a_css_parser_does(stylesheet: str, expected: str) -> None:
    assert purge.purge(stylesheet, {"c"}) == expected


def test_required_classes() -> None:
    def required(selector: str) -> list[str] | None:
        sheet = css.Sheet(selector + "{}")
        statement = sheet.statements()[0]
        (_, tokens, end), *_ = css.selectors(sheet, statement)
        return purge.required_classes(sheet, tokens, end)

    assert required("div.a > p.b:hover::before") == ["a", "b"]
    assert required("a:not(.x)[href$='.pdf']") == []
    assert required(".a\\+b") is None


def test_without_source_map_and_imports() -> None:
    assert css.without_source_map("a{x:1}\n/*# sourceMappingURL=x.css.map*/\n") == "a{x:1}\n"
    assert css.without_source_map("/*# sourceMappingURL=x */a{x:1}") == (
        "/*# sourceMappingURL=x */a{x:1}"
    )
    assert css.imports_only('/* theme */\n@import "../basic.css";\n') == ["../basic.css"]
    assert css.imports_only("@import url(../basic.css);") == ["../basic.css"]
    assert css.imports_only('@import "../basic.css";a{x:1}') is None


def test_urls_of_a_stylesheet() -> None:
    sheet = (
        "@import 'https://a.example/x.css';\n"
        "@import url(//b.example/y.css);\n"
        'a{background:url( "c.png" )}\n'
        'b{background-image:image-set("d.png" 1x,"https://e.example/d.png" 2x)}\n'
    )
    assert sorted(css.urls(sheet)) == sorted(
        [
            "https://a.example/x.css",
            "//b.example/y.css",
            "c.png",
            "d.png",
            "https://e.example/d.png",
        ]
    )


def test_line_endings_are_read_as_css_parsers_read_them() -> None:
    assert purge.purge(".a{x:1}\r\n.b{x:2}", {"b"}) == ".b{x:2}"
