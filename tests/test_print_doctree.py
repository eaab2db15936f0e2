"""The PDF's print rules on small doctrees, without Sphinx (eucasia.assembly.print_doctree)."""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes

from eucasia.assembly.print_doctree import (
    ACTOR_INDEX_CLASS,
    add_chapter_pages,
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
