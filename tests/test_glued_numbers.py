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
import re
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
    cell: Cell | None


def all_glues(executed: Path) -> list[Glued]:
    """Every glue of the executed notebooks, with the table cell its metadata names (or None)."""
    found = []
    for store in sorted(executed.rglob("*.glue.json")):
        page = store.relative_to(executed).as_posix().removesuffix(".glue.json") + ".html"
        for name, output in json.loads(store.read_text("utf-8")).items():
            plain = output.get("data", {}).get("text/plain")
            if plain is None:
                continue  # a figure or a table glued whole, not text
            try:
                text = str(ast.literal_eval(plain))
            except (ValueError, SyntaxError):
                text = plain
            cell = output.get("metadata", {}).get(CELL_KEY)
            found.append(Glued(page, name, text, Cell(**cell) if cell else None))
    return found


def declared_glues(executed: Path) -> list[Glued]:
    """Every glue of the executed notebooks whose metadata names a table cell."""
    return [g for g in all_glues(executed) if g.cell is not None]


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


#: A glued quantity worth comparing when undeclared: a decimal, a share or an amount of money
#: (small counts and years match table cells by chance too often to say anything).
DISTINCTIVE = re.compile(r"^(?:[A-Z]{3} )?(?:about |at least |up to )?[\d,]+\.\d+%?$|^\d+%$|EUR ")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _lookalike(glued: str, shown: str) -> bool:
    """The cell shows the glued text, or, with the same words around it, a number one unit of
    its last shown place away (0.79 and 0.80, 51% and 52%, EUR 1.5 and 1.4 billion)."""
    if shown == glued:
        return True
    a, b = _NUMBER.search(glued), _NUMBER.search(shown)
    if not (a and b) or (glued[: a.start()], glued[a.end() :]) != (
        shown[: b.start()],
        shown[b.end() :],
    ):
        return False
    places = [len(m.group().partition(".")[2]) for m in (a, b)]
    if places[0] != places[1] or (places[0] == 0 and not glued[a.end() :].startswith("%")):
        return False
    x, y = (float(m.group().replace(",", "")) for m in (a, b))
    return abs(x - y) <= 10.0 ** -places[0] * 1.000001


def undeclared_lookalikes(glues: list[Glued], pages: dict[str, Page]) -> dict[str, str]:
    """Glues that declare no cell although a table on their page shows the same value, or one a
    rounding away: each is either the same quantity (declare its cell with `Fact`) or a
    coincidence a person has checked (`COINCIDENCES`). Name -> where the table shows it."""
    found = {}
    for glue in glues:
        text = _text(glue.text)
        page = pages.get(glue.page)
        if glue.cell is not None or page is None or not DISTINCTIVE.search(text):
            continue
        for table_id, (header, *rows) in ((t, r) for t, r in page.tables.items() if r):
            for row in rows:
                for column, shown in list(zip(header, row, strict=False))[1:]:
                    if _lookalike(text, shown):
                        found.setdefault(
                            glue.name, f"{table_id} row {row[0]!r} {column!r}: {shown!r}"
                        )
    return found


#: Undeclared glues a table on the same page shows a lookalike of, each read by a person and
#: found to be another quantity. A name here that no longer looks alike fails the test too.
COINCIDENCES = {
    "pro_centralization": "the network's betweenness centralisation, not the EU's betweenness",
    "pro_modularity": "the partition's modularity, not an actor's PageRank",
    "res_loo_min_spearman": "the lowest rank correlation when an initiative is left out, not a "
    "bootstrap share",
    "syn_unmapped": "section 3.3 of the strategy, a section number",
    "tog_density": "the network's density, not an actor's betweenness",
    "trk_si_delivered_share": "23 of 45 specific initiatives; the cell is 57 of 112 items",
    "trk_c_delivered_share": "34 of 67 commitments; the cell is 57 of 112 items",
    "trk_roadmap_delivered": "items in sections the Roadmap carries forward; the cell is all items",
    "pro_loo_spearman": "a mean rank correlation, not the EU's share of bootstrap runs",
    "pro_boot_spearman": "a mean rank correlation, not an actor's share of bootstrap runs",
    "res_density": "the network's density, not an actor's PageRank",
}


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


def test_no_glued_number_shows_up_in_a_table_undeclared(built_html: Path) -> None:
    glues = all_glues(EXECUTED)
    pages = {
        page: read_page((HTML / page).read_text("utf-8"))
        for page in {g.page for g in glues}
        if (HTML / page).is_file()
    }
    found = undeclared_lookalikes(glues, pages)
    unexplained = {name: where for name, where in found.items() if name not in COINCIDENCES}
    assert not unexplained, (
        "glued values a table on the same page shows, with no declared cell (declare it with "
        f"eucasia.presentation.prose.glued.Fact, or add a checked coincidence): {unexplained}"
    )
    stale = sorted(set(COINCIDENCES) - set(found))
    assert not stale, f"COINCIDENCES lists glues that no longer look like a table cell: {stale}"


def unseparated_counts(glues: list[Glued]) -> list[str]:
    """Glued whole numbers of four digits or more written without the book's thousands
    separator (3835 where every table writes 3,835); a year (1900–2099) is not a count."""
    return [
        f"{g.page}: glue {g.name} ({g.text!r})"
        for g in glues
        if re.fullmatch(r"\d{4,}", g.text.strip()) and not re.fullmatch(r"(19|20)\d\d", g.text)
    ]


def test_glued_counts_are_written_as_the_tables_write_them(built_html: Path) -> None:
    assert unseparated_counts(all_glues(EXECUTED)) == []
    page = "notebooks/data_dictionary.html"
    assert unseparated_counts([Glued(page, "n_rows", "3835", None)]) == [
        f"{page}: glue n_rows ('3835')"
    ]
    assert (
        unseparated_counts([Glued(page, "y", "2019", None), Glued(page, "z", "3,835", None)]) == []
    )


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


def test_an_undeclared_glue_a_rounding_from_a_table_cell_is_named() -> None:
    page = {"notebooks/resilience.html": read_page(ROUNDED_TWICE)}
    undeclared = Glued("notebooks/resilience.html", "res_top_broker_betweenness", "0.79", None)
    assert undeclared_lookalikes([undeclared], page) == {
        "res_top_broker_betweenness": "tbl-res-actors row 'European Union' 'betweenness': '0.80'"
    }
    far = Glued(undeclared.page, "x", "0.77", None)
    count = Glued(undeclared.page, "y", "0", None)  # small counts are not compared
    assert undeclared_lookalikes([far, count], page) == {}
    assert _lookalike("EUR 1.5 billion", "EUR 1.4 billion") and _lookalike("51%", "52%")
    assert not _lookalike("51%", "52.0%") and not _lookalike("EUR 15 million", "EUR 16 million")


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


def actor_count_mismatch(glues: list[Glued], index_prose: str) -> str | None:
    """How the overview's count of actors taking part in the strategy's items differs from the
    count the index of actors gives ("…; N of them take part in at least one item"), or None."""
    overview = {g.name: g.text for g in glues if g.page == "notebooks/overview.html"}
    match = re.search(r"([\d,]+) of them take part in at least one item", index_prose)
    if "n_linked_actors" not in overview or match is None:
        return "the overview glues no n_linked_actors, or the index states no count"
    if overview["n_linked_actors"] != match[1]:
        return f"overview {overview['n_linked_actors']}, index of actors {match[1]}"
    return None


def test_the_overview_and_the_actor_index_count_the_same_actors(built_html: Path) -> None:
    """The overview said the items 'name 61 actors' (every actor of the 2019 text) while the
    index of actors said 51 take part in an item: one quantity, now glued from one count."""
    index = read_page((built_html / "actors" / "index.html").read_text(encoding="utf-8"))
    assert actor_count_mismatch(all_glues(EXECUTED), index.prose) is None


def test_an_actor_count_the_index_contradicts_is_named() -> None:
    glues = [Glued("notebooks/overview.html", "n_linked_actors", "61", None)]
    prose = "The data name 63 actors of 14 types; 51 of them take part in at least one item."
    assert actor_count_mismatch(glues, prose) == "overview 61, index of actors 51"
    assert actor_count_mismatch(glues, prose.replace("51", "61")) is None
