"""The PDF's print rules on small doctrees, without Sphinx (eucasia.assembly.print_doctree)."""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes

from eucasia.assembly.print_doctree import (
    ACTOR_INDEX_CLASS,
    HEAD_HYPHENATED,
    KEEP_ROW,
    add_chapter_pages,
    add_float_pages,
    fit_print_tables,
    in_parentheses,
    insert_part_numbering,
    rewrite_print_text,
)


def _document(*children: nodes.Node) -> nodes.document:
    doc = nodes.document(None, None)
    doc.extend(children)
    return doc


def _table(rows: int, classes: list[str] | None = None) -> nodes.table:
    body = nodes.tbody(
        "", *[nodes.row("", nodes.entry("", nodes.paragraph("", f"r{i}"))) for i in range(rows)]
    )
    tgroup = nodes.tgroup("", nodes.colspec(colwidth=10), body, cols=1)
    return nodes.table("", tgroup, classes=classes or [])


def test_the_first_chapter_of_an_unnumbered_part_switches_numbering_off() -> None:
    doc = _document(addnodes.start_of_file(docname="a"), addnodes.start_of_file(docname="cite"))
    insert_part_numbering(doc, {"cite": False})
    raws = [n.astext() for n in doc.findall(nodes.raw)]
    assert raws == ["\\setcounter{secnumdepth}{-1}\n"]


def test_a_long_table_breaks_and_a_short_one_stays_whole() -> None:
    short, long = _table(3), _table(60, ["longtable"])
    fit_print_tables(_document(short, long))
    assert "longtable" not in short["classes"] and "longtable" in long["classes"]
    widened = _table(2, ["print-widths-40"])
    fit_print_tables(_document(widened))
    assert next(iter(widened.findall(nodes.colspec)))["colwidth"] == 40


def _kept(table: nodes.table) -> list[int]:
    rows = [r for tbody in table.findall(nodes.tbody) for r in tbody.children]
    return [i for i, row in enumerate(rows) if KEEP_ROW in row.astext()]


def test_a_broken_table_keeps_rows_on_both_sides_of_a_break() -> None:
    # Table 2.4: 18 rows, printed 16 + 2; now no break after its first 3 rows or before its last 4
    table = _table(18, ["longtable"])
    for row in table.findall(nodes.row):  # rows tall enough that the table does not stay whole
        row.children[0].children[0][0] = nodes.Text("a long cell of words " * 12)
    fit_print_tables(_document(table))
    assert "longtable" in table["classes"]
    assert _kept(table) == [0, 1, 2, 14, 15, 16]
    whole = _table(3)
    fit_print_tables(_document(whole))
    assert _kept(whole) == [], "a table kept whole needs no marks"
    # the mark itself: it reads on to the row's end and sets a \nobreak between the rows
    from eucasia.assembly.printed import KEEP_ROWS_LATEX

    assert r"\eucasiakeeprow#1\\{#1\\\noalign{\nobreak}}" in KEEP_ROWS_LATEX


def test_print_text_cites_keys_holds_amounts_and_marks_actors() -> None:
    para = nodes.paragraph("", "The EU gave EUR 5 million (join2019_sv).")
    doc = _document(para)
    rewrite_print_text(doc, {"join2019_sv": "[7]"}, {"EU": "eu"})
    latex = [n.astext() for n in doc.findall(nodes.raw)]
    assert "[7]" in latex and any("eu" in piece for piece in latex if piece != "[7]")
    assert "5\u00a0million" in para.astext()  # an amount's number and unit held together


def test_the_index_of_actors_and_citations_carry_no_actor_marks() -> None:
    table = _table(1)
    table["classes"].append(ACTOR_INDEX_CLASS)
    table.next_node(nodes.paragraph).replace_self(nodes.paragraph("", "EU"))
    doc = _document(table)
    rewrite_print_text(doc, {}, {"EU": "eu"})
    assert not list(doc.findall(nodes.raw))


def test_a_chapter_reference_gets_its_page_and_knows_its_parentheses() -> None:
    ref = nodes.reference("", "the tracker", refuri="%notebooks/tracker")
    para = nodes.paragraph("", "", nodes.Text("see ("), ref, nodes.Text(")"))
    doc = _document(para)
    assert in_parentheses(ref)
    add_chapter_pages(doc, {"notebooks/tracker"}, {"notebooks/tracker"})
    raws = list(doc.findall(nodes.raw))
    assert len(raws) == 1 and "notebooks/tracker::doc" in raws[0].astext()
    other = nodes.reference("", "x", refuri="%unknown")
    add_chapter_pages(_document(nodes.paragraph("", "", other)), {"notebooks/tracker"}, set())


def test_a_table_or_figure_reference_gets_its_page_outside_captions() -> None:
    ref = addnodes.number_reference("", "Table 2.3", refuri="%notebooks/resilience#tbl-x")
    in_caption = addnodes.number_reference("", "Table 2.3", refuri="%notebooks/resilience#tbl-x")
    para = nodes.paragraph("", "", nodes.Text("see ("), ref, nodes.Text(")"))
    table = nodes.table("", nodes.title("", "", nodes.Text("as in "), in_caption))
    doc = _document(para, table)
    add_float_pages(doc)
    raws = [n.astext() for n in doc.findall(nodes.raw)]
    assert raws == [r"\eucasiafloatpage{, }{}{\detokenize{notebooks/resilience:tbl-x}}"]
    local = addnodes.number_reference("", "Figure 1.1", refid="fig-a")
    start = addnodes.start_of_file(docname="notebooks/overview")
    start.children = [nodes.paragraph("", "", local)]  # as Sphinx includes a document: no parent
    doc = _document(start)
    add_float_pages(doc)
    assert (
        "{ (}{)}{\\detokenize{notebooks/overview:fig-a}}" in next(doc.findall(nodes.raw)).astext()
    )


def test_numbers_get_only_the_room_they_need_and_their_head_may_hyphenate() -> None:
    def row(*cells: str) -> nodes.row:
        return nodes.row("", *[nodes.entry("", nodes.paragraph("", c)) for c in cells])

    tgroup = nodes.tgroup(
        "",
        *[nodes.colspec(colwidth=1) for _ in range(3)],
        nodes.thead("", row("actor", "type", "betweenness")),
        nodes.tbody(
            "",
            row("Organisation for Security and Co-operation in Europe", "Intl.", "0.79"),
            row("European Union", "EU institution", "0.10"),
        ),
        cols=3,
    )
    table = nodes.table("", tgroup)
    fit_print_tables(_document(table))
    widths = [c["colwidth"] for c in tgroup.findall(nodes.colspec)]
    assert "colwidths-given" in table["classes"]
    # (the type column is only as wide as "EU institution": it does not wrap, the actor does)
    assert widths[2] < widths[0] / 3 and widths[2] < widths[1] < widths[0] / 3, widths
    heads = list(tgroup.findall(nodes.thead))[0]
    hyphenated = [e for e in heads.findall(nodes.entry) if list(e.findall(nodes.raw))]
    assert [e.astext() for e in hyphenated] == [HEAD_HYPHENATED + "betweenness"]
