"""One number everywhere: a quantity the prose cites reads as the table beside it shows it.

A chapter glues numbers into its prose and often shows the same quantity in a table on the same
page. A glued value that a table also shows is a `Fact` naming that table's cell (its label, the
text of its row's first cell, its column's header: `eucasia.presentation.prose.glued`); the executed
notebooks keep the cell in the glue's metadata. For every such glue of the built book, the
check finds the table on the built page, reads the cell and compares it with the glued text,
and finds the glued text in the page's prose. Before, the resilience chapter said the EU's
betweenness was 0.79 while its table printed 0.80 (the table rounded to three places, then
printed two): the fixture below is that page, and the check names it.

Also here: the one rounding (`eucasia.presentation.text.numbers.fixed`) is what the prose, the tables
and the downloads use, so the double rounding cannot come back unseen.
"""

from __future__ import annotations

import ast
import html.parser
import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from harness.paths import BUILD, HTML

from eucasia.presentation.prose.glued import CELL_KEY, Cell, Fact

EXECUTED = BUILD / "jupyter_execute"
#: The glues that declare a cell today (3 strands x 2, tracker readings 6, actors 2, vehicles 1,
#: synthesis overlap 2): fewer means a chapter stopped declaring them and the check would pass
#: by finding nothing.
MIN_DECLARED = 17

QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def _text(value: str) -> str:
    """Text as compared: whitespace folded, docutils' typographic quotes made plain."""
    return " ".join(value.translate(QUOTES).split())


@dataclass
class Page:
    """A built page read with html.parser: each table by id (header and rows as cell texts),
    and the text outside tables (the prose)."""

    tables: dict[str, list[list[str]]] = field(default_factory=dict)
    prose: str = ""


class _PageReader(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._table: list[list[str]] | None = None
        self._depth = 0
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._prose: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._depth += 1
            if self._depth == 1:
                self._table = []
                self.page.tables[dict(attrs).get("id") or f"#{len(self.page.tables)}"] = self._table
        elif tag == "tr" and self._table is not None:
            self._row = []
            self._table.append(self._row)
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag == "caption" and self._table is not None:
            self._cell = None

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._depth -= 1
            if self._depth == 0:
                self._table = self._row = self._cell = None
        elif tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append(_text("".join(self._cell)))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        elif self._table is None:
            self._prose.append(data)

    def close(self) -> None:
        super().close()
        self.page.prose = _text(" ".join(self._prose))


def read_page(markup: str) -> Page:
    reader = _PageReader()
    reader.feed(markup)
    reader.close()
    return reader.page


@dataclass(frozen=True)
class Glued:
    page: str  # the page's path under the site, e.g. notebooks/resilience.html
    name: str
    text: str
    cell: Cell


def declared_glues(executed: Path) -> list[Glued]:
    """Every glue of the executed notebooks whose metadata names a table cell."""
    found = []
    for store in sorted(executed.rglob("*.glue.json")):
        page = store.relative_to(executed).as_posix().removesuffix(".glue.json") + ".html"
        for name, output in json.loads(store.read_text("utf-8")).items():
            cell = output.get("metadata", {}).get(CELL_KEY)
            if cell:
                text = ast.literal_eval(output["data"]["text/plain"])
                found.append(Glued(page, name, str(text), Cell(**cell)))
    return found


def mismatches(glues: list[Glued], pages: dict[str, Page]) -> list[str]:
    """What differs between each glue and the table cell it declares, on its page."""
    problems = []
    for glue in glues:
        where = f"{glue.page}: glue {glue.name} ({glue.text!r})"
        page = pages.get(glue.page)
        table = page.tables.get(glue.cell.table) if page else None
        if table is None:
            problems.append(f"{where}: no table {glue.cell.table} on the page")
            continue
        header, *rows = table
        if glue.cell.column not in header:
            problems.append(f"{where}: {glue.cell.table} has no column {glue.cell.column!r}")
            continue
        column = header.index(glue.cell.column)
        row = [r for r in rows if r and r[0] == _text(glue.cell.row)]
        if len(row) != 1:
            problems.append(
                f"{where}: {glue.cell.table} has {len(row)} rows {glue.cell.row!r}, not one"
            )
            continue
        shown = row[0][column]
        if shown != _text(glue.text):
            problems.append(
                f"{where}: the prose says {glue.text!r}, {glue.cell.table} row "
                f"{glue.cell.row!r} column {glue.cell.column!r} shows {shown!r}"
            )
        if _text(glue.text) not in page.prose:
            problems.append(f"{where}: the glued text is not in the page's prose")
    return problems


# --------------------------------------------------------------------------- the built book


def test_every_glued_number_reads_as_its_table_cell(built_html: Path) -> None:
    glues = declared_glues(EXECUTED)
    assert len(glues) >= MIN_DECLARED, (
        f"only {len(glues)} glues declare their table cell: {[g.name for g in glues]}"
    )
    pages = {
        g.page: read_page((HTML / g.page).read_text("utf-8"))
        for g in glues
        if (HTML / g.page).is_file()
    }
    problems = mismatches(glues, pages)
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------- the check can fail

ROUNDED_TWICE = """<html><body>
<p>the EU alone has a betweenness of 0.79, meaning most shortest paths pass through it</p>
<table id="tbl-res-actors"><caption>The actors</caption>
<thead><tr><th><p>actor</p></th><th><p>betweenness</p></th></tr></thead>
<tbody><tr><td><p><a href="../actors/eu.html">European Union</a></p></td><td><p>0.80</p></td></tr>
<tr><td><p>Civil society</p></td><td><p>0.00</p></td></tr></tbody></table>
</body></html>"""


def test_the_check_names_a_table_that_rounds_differently() -> None:
    page = {"notebooks/resilience.html": read_page(ROUNDED_TWICE)}
    cell = Cell("tbl-res-actors", "European Union", "betweenness")
    glue = Glued("notebooks/resilience.html", "res_top_broker_betweenness", "0.79", cell)
    assert mismatches([glue], page) == [
        "notebooks/resilience.html: glue res_top_broker_betweenness ('0.79'): the prose says "
        "'0.79', tbl-res-actors row 'European Union' column 'betweenness' shows '0.80'"
    ]
    agreeing = Glued(glue.page, glue.name, "0.80", cell)
    assert mismatches([agreeing], page) == [
        f"{glue.page}: glue {glue.name} ('0.80'): the glued text is not in the page's prose"
    ]
    missing = Glued(glue.page, glue.name, "0.79", Cell("tbl-res-actors", "OSCE", "betweenness"))
    assert "has 0 rows 'OSCE', not one" in mismatches([missing], page)[0]
    elsewhere = Glued(glue.page, glue.name, "0.79", Cell("tbl-res-other", "EU", "betweenness"))
    assert "no table tbl-res-other" in mismatches([elsewhere], page)[0]


def test_a_fact_keeps_its_cell_in_the_glue_metadata() -> None:
    from IPython.core.formatters import format_display_data

    cell = Cell("tbl-res-actors", "European Union", "betweenness")
    data, metadata = format_display_data(Fact("0.79", cell))
    assert data == {"text/plain": "'0.79'"}
    assert metadata[CELL_KEY] == {"table": cell.table, "row": cell.row, "column": cell.column}
    assert format_display_data(Fact("0.79"))[1] == {}


# --------------------------------------------------------------------------- one rounding


def test_one_rounding_for_prose_tables_and_downloads() -> None:
    from eucasia.presentation.page.display import format_cell
    from eucasia.presentation.page.downloads import csv_value
    from eucasia.presentation.text.numbers import fixed, percent

    eu = 0.7948717948717949  # the EU's betweenness in the resilience network
    assert fixed(round(eu, 3)) == "0.80" != fixed(eu) == "0.79"  # what rounding twice did
    assert format_cell(eu) == fixed(eu) == "0.79"
    assert csv_value(eu) == fixed(eu, 6) == "0.794872"
    assert format_cell(12345.678) == "12,345.68"
    assert fixed(-0.001) == "0.00" and percent(1, 3) == "33%" and percent(1, 0) == "n/a"


@pytest.mark.parametrize("strand", ["resilience", "prosperity", "together"])
def test_strand_facts_and_actor_tables_share_one_computation(strand: str) -> None:
    from eucasia.analysis.corpus import Corpus
    from eucasia.analysis.network import strand_analysis
    from eucasia.data import load_tables
    from eucasia.presentation.page.display import format_cell
    from eucasia.presentation.prose.facts import strand_facts
    from eucasia.presentation.tables.network_tables import ACTOR_TABLE_TOP, actor_table

    tables = load_tables(["initiative_actors", "initiative_instruments"])
    result = strand_analysis(Corpus.from_tables(tables), strand, seed=2019, robustness=False)
    facts = strand_facts(result, tables, strand, prefix="x")
    shown = actor_table(result, tables, top=ACTOR_TABLE_TOP).set_index("actor")
    for key in ("top_broker_betweenness", "top3_strength"):
        cell = facts[key].cell
        assert cell is not None and cell.table == "tbl-x-actors", key
        assert format_cell(shown.loc[cell.row, cell.column]) == facts[key], key
