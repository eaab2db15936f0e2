"""eucasia.assembly.site.table_cells and .figures: words kept whole in tables, figures that open at full
size. The browser side (what a reader sees) is checked in tests/test_reader_view.py."""

from __future__ import annotations

import re

from eucasia.assembly.site import figures, markup, table_cells

NOBR = table_cells.NOBR

TABLE = """<p>Prose 2019-05-15 outside tables is left alone.</p>
<table class="table">
<caption><span class="caption-text">Status by date (2019&#8211;2026)</span></caption>
<thead><tr class="row-odd"><th class="head"><p>initiative</p></th><th class="head"><p>note</p></th></tr></thead>
<tbody><tr class="row-even"><td><p>1.3-SI-01</p></td>
<td><p>A long note about water-energy-food cooperation, met in 2019 (E01) and again, and/or later.</p></td></tr>
<tr><td>R&amp;D-funded</td><td><script>var a = "x-y";</script>short</td></tr></tbody>
</table>
<figure><img src="../_images/a.svg" alt="A"><figcaption><p>Strength of EU-funded ties</p></figcaption></figure>
"""


def test_words_with_an_inner_break_are_wrapped_and_nothing_else_changes() -> None:
    out = table_cells.keep_words_whole(TABLE)
    assert f"<p>{NOBR}1.3-SI-01</span></p>" in out
    assert f"{NOBR}water-energy-food</span> cooperation" in out
    assert f"{NOBR}and/or</span> later" in out
    assert f"{NOBR}(2019&#8211;2026)</span>" in out  # an en dash written as a reference
    assert f"{NOBR}R&amp;D-funded</span>" in out
    assert f"{NOBR}EU-funded</span> ties" in out  # a figure caption
    assert "Prose 2019-05-15 outside" in out  # not in a table
    assert 'var a = "x-y";' in out  # a script's text is not text
    assert "(E01)" in out and f"{NOBR}(E01)" not in out  # no break inside: left alone
    # Only insertions: removing them gives the page back byte for byte.
    unwrapped = re.sub(r'<span class="eucasia-nobr">([^<]*)</span>', r"\1", out)
    assert unwrapped.replace(' class="eucasia-prose"', "") == TABLE


def test_long_cells_are_marked_as_prose() -> None:
    out = table_cells.keep_words_whole(TABLE)
    doc = markup.parse(out)
    prose = [t for t in doc.find_all("td", "th") if table_cells.PROSE_CLASS in t.classes()]
    assert len(prose) == 1 and prose[0].get("class") == "eucasia-prose"
    header = '<th class="head x"><p>' + "word " * 20 + "</p></th>"
    assert 'class="head x eucasia-prose"' in table_cells.keep_words_whole(
        f"<table><tr>{header}</tr></table>"
    )


def test_a_page_without_tables_is_returned_as_it_is() -> None:
    page = "<p>2019-05-15 and/or</p>"
    assert table_cells.keep_words_whole(page) is page


def test_figure_images_are_linked_to_their_files() -> None:
    page = (
        '<figure><img loading="lazy" alt="A &amp; B" src="../_images/a.svg" /></figure>'
        '<a href="x.html"><img src="../_images/linked.svg"></a>'
        '<img src="../_static/logo.svg" alt="logo">'
        "<img alt='' src='../_images/b&amp;c.png'>"
    )
    out = figures.link_to_full_size(page)
    link = (
        '<a class="eucasia-figure-link" href="../_images/{}" title="Open the figure at full size">'
    )
    assert out == (
        "<figure>"
        + link.format("a.svg")
        + '<img loading="lazy" alt="A &amp; B" src="../_images/a.svg" /></a></figure>'
        '<a href="x.html"><img src="../_images/linked.svg"></a>'
        '<img src="../_static/logo.svg" alt="logo">'
        + link.format("b&amp;c.png")
        + "<img alt='' src='../_images/b&amp;c.png'></a>"
    )


def test_end_tags_are_located() -> None:
    doc = markup.parse("<td><p>x</p></TD>")
    assert [(e.name, doc.text[e.start : e.end]) for e in doc.end_tags] == [
        ("p", "</p>"),
        ("td", "</TD>"),
    ]
