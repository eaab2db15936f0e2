"""The data under tables and figures: CSV writer, its metadata, web-only block, row anchors.

Unit tests (no built book): the CSV is byte-stable and holds what the page shows, header row
first; the folder's datapackage.json names each file's item, page, edition, columns and source
tables; a network's CSV names both ends of each tie; an absent value is an empty cell; the block
is HTML-only, one CSV link and one "Cite" disclosure; the row-anchor transform gives each row of
a marked table its id and leaves other tables alone.
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

from eucasia.assembly import datafiles
from eucasia.assembly.edition import read_edition
from eucasia.presentation.page import display
from eucasia.presentation.page.downloads import (
    Shown,
    csv_value,
    data_payload,
    field_type,
    frame_csv,
    plain_text,
)
from eucasia.presentation.text.readertext import cite_sources, reader_text

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


def test_resource_names_item_page_edition_columns_and_source_files() -> None:
    edition = read_edition()
    url = datafiles.anchor_url("https://example.org/book/", "notebooks/resilience", "tbl-x")
    assert url == "https://example.org/book/notebooks/resilience.html#tbl-x"
    files = datafiles.source_files(["initiatives", "actors.csv"])
    assert files == ["actors.csv", "initiatives.csv"]
    frame = pd.DataFrame({"area": ["1.1"], "n": pd.array([None], dtype="Int64"), "x": [0.5]})
    payload = data_payload(frame, "table", ["initiatives"])
    item = payload | {"name": "tbl-x", "url": url, "sources": files, "caption": " Two\n lines"}
    described = datafiles.resource(item, "Table 2.1", edition)
    assert described["path"] == "tbl-x.csv" and described["name"] == "tbl-x"
    assert described["title"] == "Table 2.1" and described["description"] == "Two lines"
    assert described["homepage"] == url
    assert described["schema"]["fields"] == [
        {"name": "area", "type": "string"},  # an id that looks like a number stays text
        {"name": "n", "type": "integer"},
        {"name": "x", "type": "number"},
    ]
    assert [s["title"] for s in described["sources"]] == ["data/actors.csv", "data/initiatives.csv"]
    assert described["sources"][0]["path"].endswith(f"/blob/v{edition.version}/data/actors.csv")
    package = datafiles.package([described], edition, "https://example.org/book/")
    assert package["version"] == edition.version and package["resources"] == [described]
    assert edition.doi and edition.doi in package["description"]


def test_each_file_states_its_dialect_so_no_reader_guesses_it(tmp_path) -> None:
    """The fixture is the start of a file the page of what changed offered: notes with many
    semicolons. Frictionless, left to guess, read it with ";" as the delimiter (its header one
    label) until each resource stated the dialect."""
    from frictionless import Resource

    text = (ROOT / "tests" / "fixtures" / "downloads" / "semicolon_notes.csv").read_text("utf-8")
    (tmp_path / "tbl-x.csv").write_text(text, encoding="utf-8")
    item = {
        "name": "tbl-x",
        "csv": text,
        "url": "https://example.org/x.html#tbl-x",
        "sources": ["initiatives"],
        "caption": "x",
    }
    described = datafiles.resource(item, "Table 1", read_edition())

    def errors(descriptor: dict) -> list[str]:
        report = Resource(descriptor, basepath=str(tmp_path)).validate()
        return [e.type for task in report.tasks for e in task.errors]

    assert errors(described) == []
    guessed = {k: v for k, v in described.items() if k != "dialect"}
    assert "missing-label" in errors(guessed)  # without it, the check fails on this file


def test_csv_starts_with_its_header_row() -> None:
    """Edition 0.2.0 put a `# Figure ...` comment line first: a spreadsheet's junk first row."""
    text = frame_csv(pd.DataFrame({"a": [1]}))
    assert text.splitlines()[0] == "a" and not text.startswith("#")


def test_field_types_follow_the_values_written() -> None:
    assert field_type(pd.Series([True, False])) == "boolean"
    assert field_type(pd.Series([1.5, None])) == "number"
    assert field_type(pd.Series([1, "x"], dtype=object)) == "string"
    assert field_type(pd.Series([pd.Timestamp("2020-01-02")])) == "date"
    assert field_type(pd.Series([Shown("1,000", data=1000)])) == "integer"
    assert field_type(pd.Series([None, None])) == "string"
    assert field_type(pd.Series([None], dtype="Int64")) == "integer"  # from the column's type


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


def test_block_is_html_only_one_csv_link_and_one_cite_disclosure() -> None:
    payload = {"csv": "a\n1\n", "sources": ["x.csv"]}
    edition = read_edition()
    only = datafiles.block(
        "figure", "fig-a", "notebooks/overview", "https://e.org/b/", edition, payload
    )
    assert isinstance(only, addnodes.only) and only["expr"] == "html"
    container = only.children[0]
    assert container["eucasia_data"]["name"] == "fig-a"
    raw = "".join(n.astext() for n in container.findall(nodes.raw))
    assert raw.count('href="../_data/fig-a.csv"') == 1 and raw.count("<summary>Cite</summary>") == 1
    assert 'href="../_data/datapackage.json"' in raw
    cite = next(
        p for p in container.findall(nodes.paragraph) if "eucasia-cite-text" in p["classes"]
    )
    text = cite.astext()
    url = "https://e.org/b/notebooks/overview.html#fig-a"
    assert text.endswith(url) and f"{edition.doi_text()}." in text  # the page, not the repository
    assert edition.repository not in text and "(" + url not in text
    assert next(iter(cite.findall(addnodes.pending_xref)))["reftarget"] == "fig-a"


def test_table_markup_marks_interactive_and_anchored_tables() -> None:
    frame = pd.DataFrame({"item": ["1.1-SI-01"], "what": ["x"]})
    text = display.table_markdown(frame, "c", "tbl-a", interactive=True, row_anchors="initiative")
    assert ":class: eucasia-interactive eucasia-row-anchors-initiative" in text
    assert ":class:" not in display.table_markdown(frame, "c", "tbl-a")
    with pytest.raises(ValueError, match="row_anchors"):
        display.table_markdown(frame, "c", "tbl-a", row_anchors='x" onclick')


def test_figure_data_from_a_network_is_its_sorted_ties_named_as_shown() -> None:
    G = nx.Graph()
    G.add_node("z", label="Zeta (Z)")
    G.add_edge("z", "a", weight=2, initiatives=("1", "2"))
    G.add_edge("b", "c", weight=1, initiatives=("3",))
    frame = display._figure_frame(G)
    # lists are not CSV values; a node without a label is named by its id
    assert list(frame.columns) == ["source_id", "source", "target_id", "target", "weight"]
    assert frame.values.tolist() == [["a", "a", "z", "Zeta (Z)", 2], ["b", "b", "c", "c", 1]]
    labelled = pd.DataFrame({"n": [1]}, index=pd.Index(["x"], name="actor"))
    assert list(display._figure_frame(labelled).columns) == ["actor", "n"]
    years = pd.DataFrame({"n": [1, 2]}, index=pd.RangeIndex(2019, 2021, name="year"))
    assert display._figure_frame(years).values.tolist() == [[2019, 1], [2020, 2]]
    with pytest.raises(TypeError):
        display._figure_frame([1, 2])
    with pytest.raises(ValueError, match="name the index"):  # its column would be 'index'
        display._figure_frame(pd.DataFrame({"n": [1]}, index=pd.Index(["x"])))


def test_an_absent_value_shows_a_dash_and_downloads_empty() -> None:
    frame = pd.DataFrame({"actor": ["EU"], "rank": pd.array([None], dtype="Int64")})
    assert display.table_markdown(frame, "c", "tbl-a", absent="–").endswith("* - EU\n  - –\n~~~")
    assert frame_csv(frame).splitlines()[1] == "EU,"  # not 0, not a dash


def test_the_strength_heat_map_dashes_exactly_its_missing_values() -> None:
    """An actor absent from a strand is missing in the matrix (its CSV cell empty), never 0;
    the figure draws its dash there and a number everywhere else."""
    import matplotlib.pyplot as plt

    from eucasia.presentation.charts.synthesis_figures import strength_heatmap

    matrix = pd.DataFrame(
        {"resilience": pd.array([3, None], dtype="Int64"), "together": pd.array([0, 2], "Int64")},
        index=["EU", "OSCE"],
    )
    fig = strength_heatmap(matrix, {"resilience": "R", "together": "T"})
    drawn = {t.get_position(): t.get_text() for t in fig.axes[0].texts}
    plt.close(fig)
    assert drawn == {(0, 0): "3", (1, 0): "0", (0, 1): "–", (1, 1): "2"}
    assert frame_csv(matrix.rename_axis("actor").reset_index()).splitlines()[2] == "OSCE,,2"


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
    datafiles.write_files(tmp_path, {"tbl-a.csv": "a\n1\n"}, {"resources": []})
    assert not stale.exists()
    assert (tmp_path / datafiles.DATA_DIR / "tbl-a.csv").read_bytes() == b"a\n1\n"
    assert (tmp_path / datafiles.DATA_DIR / "datapackage.json").read_text() == (
        '{\n  "resources": []\n}\n'
    )


def test_an_escaped_formula_in_a_raw_column_is_made_inert_after_unescaping() -> None:
    """Page MyST escapes a leading `=` as `\\=`; the download unescapes it, then neutralises."""
    frame = pd.DataFrame({"note": ["\\=SUM(A1:A9)"]})
    assert frame_csv(frame, raw_columns=["note"]).splitlines()[1] == "'=SUM(A1:A9)"
