"""The data under tables and figures: CSV writer, header line, web-only block, row anchors.

Unit tests (no built book): the CSV is byte-stable and holds what the page shows; the header
names the edition and the source tables; the block is HTML-only; the row-anchor transform gives
each row of a marked table its id and leaves other tables alone.
"""

from __future__ import annotations

import sys

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document
from harness.paths import ROOT
from sphinx import addnodes

from eucasia.build import datafiles
from eucasia.build.edition import read_edition
from eucasia.presentation import display
from eucasia.presentation.datafiles import Shown, csv_value, data_payload, frame_csv, plain_text
from eucasia.presentation.text import cite_sources, reader_text

sys.path.insert(0, str(ROOT / "book" / "_ext"))
import eucasia_tables  # noqa: E402


def test_csv_has_shown_rows_in_order_with_fixed_floats_and_unix_line_ends() -> None:
    frame = pd.DataFrame(
        {
            "name": ["b, with comma", "a"],
            "share": [0.1 + 0.2, 2.0],
            "count": [np.int64(3), np.int64(12000)],
            "flag": [True, False],
            "missing": [np.nan, 1.5],
        }
    )
    text = frame_csv(frame)
    assert text == (
        'name,share,count,flag,missing\n"b, with comma",0.3,3,true,\na,2.0,12000,false,1.5\n'
    )
    assert "\r" not in text
    assert frame_csv(frame.copy()) == text  # byte for byte, run after run


def test_csv_values_are_values_not_display_text() -> None:
    assert csv_value(1234567) == "1234567"  # no thousands separator (the page shows 1,234,567)
    assert csv_value(1 / 3) == "0.333333"
    assert csv_value(None) == "" and csv_value(pd.NA) == ""
    assert csv_value("  two\nlines ") == "two lines"


def test_raw_columns_become_the_text_a_reader_sees() -> None:
    assert plain_text("{ref}`In progress <tbl-res-evidence>`") == "In progress"
    assert plain_text("{cite}`join2019_en`") == "join2019_en"
    assert plain_text("[the file](../data/x.csv)") == "the file (../data/x.csv)"
    frame = pd.DataFrame({"item": ["1.1-SI-01"], "status": ["{ref}`Done <x>`"]})
    assert frame_csv(frame, raw_columns=["status"]).splitlines()[1] == "1.1-SI-01,Done"
    # Data columns are never rewritten: text that looks like markup is data.
    assert frame_csv(frame).splitlines()[1] == "1.1-SI-01,{ref}`Done <x>`"


def test_downloads_hold_the_data_value_not_its_display() -> None:
    """Notes shown with citations and escapes, and text in the house style, download as the
    data has them (the escapes were in 23 downloads of edition 0.2.0)."""
    note = "Agreed in Bishkek (doc_a; doc_b), and in an annex, country-level 2021-2027."
    shown = cite_sources(note, ["doc_a", "doc_b"])
    assert "\\," in shown and "{cite}`doc_a,doc_b`" in shown  # the page's MyST
    frame = pd.DataFrame({"note": [shown], "period": [reader_text("2021-2027")]})
    row = frame_csv(frame, raw_columns=["note"]).splitlines()[1]
    assert row == f'"{note}",2021-2027'
    assert plain_text("and\\, in an annex\\, country\\-level") == "and, in an annex, country-level"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t=", "\r="])
def test_a_cell_a_spreadsheet_would_run_is_made_inert(start: str) -> None:
    attack = f'{start}HYPERLINK("http://example.org","x")'
    frame = pd.DataFrame({"name": [attack, Shown("shown", data=attack)], "n": [-1, -0.5]})
    rows = frame_csv(frame).splitlines()[1:]
    assert all(r.startswith(("'=", "'+", "'-", "'@", "\"'")) for r in rows), rows
    assert [r.rsplit(",", 1)[1] for r in rows] == ["-1.0", "-0.5"]  # numbers stay numbers


def test_payload_names_sorted_sources_and_rejects_unknown_kind() -> None:
    frame = pd.DataFrame({"a": [1]})
    assert data_payload(frame, "table", ["links", "actors", "links"])["sources"] == [
        "actors",
        "links",
    ]
    with pytest.raises(ValueError, match="kind"):
        data_payload(frame, "chart")


def test_header_line_names_item_edition_and_source_files() -> None:
    edition = read_edition()
    url = datafiles.anchor_url("https://example.org/book/", "notebooks/resilience", "tbl-x")
    assert url == "https://example.org/book/notebooks/resilience.html#tbl-x"
    files = datafiles.source_files(["initiatives", "actors.csv"])
    assert files == ["actors.csv", "initiatives.csv"]
    text = datafiles.csv_file("a\n1\n", "Table 2.1", url, files, edition)
    header, body = text.split("\n", 1)
    assert header.startswith("# Table 2.1 of ")
    assert f"edition {edition.version} ({edition.date})" in header
    assert "source tables: data/actors.csv, data/initiatives.csv" in header
    assert url in header and body == "a\n1\n"


def test_chapter_tables_are_what_the_chapter_loads() -> None:
    text = (ROOT / "notebooks" / "overview.md").read_text(encoding="utf-8")
    files = datafiles.chapter_tables(text, ROOT / "data")
    assert "timeline.csv" in files and "initiatives.csv" in files
    assert "funding.csv" not in files
    assert datafiles.chapter_tables("# no code\n", ROOT / "data") == []


def test_number_label_and_file_name() -> None:
    numbers = {"table": {"tbl-x": (3, 2)}}
    assert datafiles.number_label("table", numbers, "tbl-x") == "Table 3.2"
    assert datafiles.number_label("figure", numbers, "fig-y") == "Figure"
    assert datafiles.file_name("tbl-cty-kz/funding") == "tbl-cty-kz-funding.csv"


def test_block_is_html_only_and_links_the_data_file() -> None:
    payload = {"csv": "a\n1\n", "sources": ["x.csv"]}
    only = datafiles.block(
        "figure", "fig-a", "notebooks/overview", "https://e.org/b/", read_edition(), payload
    )
    assert isinstance(only, addnodes.only) and only["expr"] == "html"
    container = only.children[0]
    assert container["eucasia_data"]["name"] == "fig-a"
    raw = next(iter(container.findall(nodes.raw)))
    assert 'href="../_data/fig-a.csv"' in raw.astext()
    assert "Cite this figure:" in container.astext()
    assert next(iter(container.findall(addnodes.pending_xref)))["reftarget"] == "fig-a"


def test_table_markup_marks_interactive_and_anchored_tables() -> None:
    frame = pd.DataFrame({"item": ["1.1-SI-01"], "what": ["x"]})
    text = display.table_markdown(frame, "c", "tbl-a", interactive=True, row_anchors="initiative")
    assert ":class: eucasia-interactive eucasia-row-anchors-initiative" in text
    assert ":class:" not in display.table_markdown(frame, "c", "tbl-a")
    with pytest.raises(ValueError, match="row_anchors"):
        display.table_markdown(frame, "c", "tbl-a", row_anchors='x" onclick')


def test_figure_data_from_a_network_is_its_sorted_ties() -> None:
    G = nx.Graph()
    G.add_edge("z", "a", weight=2, initiatives=("1", "2"))
    G.add_edge("b", "c", weight=1, initiatives=("3",))
    frame = display._figure_frame(G)
    assert list(frame.columns) == ["source", "target", "weight"]  # lists are not CSV values
    assert frame.values.tolist() == [["a", "z", 2], ["b", "c", 1]]
    labelled = pd.DataFrame({"n": [1]}, index=pd.Index(["x"], name="actor"))
    assert list(display._figure_frame(labelled).columns) == ["actor", "n"]
    with pytest.raises(TypeError):
        display._figure_frame([1, 2])
    with pytest.raises(ValueError, match="name the index"):  # its column would be 'index'
        display._figure_frame(pd.DataFrame({"n": [1]}, index=pd.Index(["x"])))


def _document_with_tables() -> nodes.document:
    source = (
        ".. list-table::\n   :header-rows: 1\n   :class: eucasia-row-anchors-initiative\n\n"
        "   * - item\n     - what\n   * - 1.1-SI-01\n     - x\n   * - 2.3-C-04\n     - y\n\n"
        ".. list-table::\n   :header-rows: 1\n\n   * - item\n   * - 9.9-SI-99\n"
    )
    document = new_document("<test>", get_default_settings(Parser))
    Parser().parse(source, document)
    return document


def test_row_anchor_transform_ids_each_row_of_marked_tables_only() -> None:
    document = _document_with_tables()
    eucasia_tables.WebTables(document).run()
    ids = [row["ids"] for row in document.findall(nodes.row)]
    # header rows and the unmarked table keep no id
    assert ids == [[], ["initiative-1.1-SI-01"], ["initiative-2.3-C-04"], [], []]


def test_row_anchor_transform_is_what_gives_the_ids() -> None:
    """The fixture has no ids before the transform: the test above can fail."""
    document = _document_with_tables()
    assert all(not row["ids"] for row in document.findall(nodes.row))


def test_figure_block_moves_after_its_figure() -> None:
    document = new_document("<test>", get_default_settings(Parser))
    figure = nodes.figure("", nodes.image(uri="x.svg"))
    block = datafiles.block("figure", "fig-a", "x", "https://e.org/", read_edition(), {"csv": ""})
    figure.insert(1, block)
    figure += nodes.caption("", "Caption")
    document += figure
    eucasia_tables.WebTables(document).run()
    assert document.children == [figure, block]
    assert block not in figure.children


def test_write_files_removes_files_no_page_offers(tmp_path) -> None:
    (tmp_path / datafiles.DATA_DIR).mkdir()
    stale = tmp_path / datafiles.DATA_DIR / "gone.csv"
    stale.write_text("x\n")
    datafiles.write_files(tmp_path, {"tbl-a.csv": "# h\na\n"})
    assert not stale.exists()
    assert (tmp_path / datafiles.DATA_DIR / "tbl-a.csv").read_bytes() == b"# h\na\n"


def test_an_escaped_formula_in_a_raw_column_is_made_inert_after_unescaping() -> None:
    """Page MyST escapes a leading `=` as `\\=`; the download unescapes it, then neutralises."""
    frame = pd.DataFrame({"note": ["\\=SUM(A1:A9)"]})
    assert frame_csv(frame, raw_columns=["note"]).splitlines()[1] == "'=SUM(A1:A9)"
