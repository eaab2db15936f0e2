"""Every CSV offered under a table or figure is the data, and opens cleanly in a spreadsheet.

Read from the built site (`_build/html/_data`), cell by cell, against the data package:
- no cell carries the page's Markdown escapes or citation markup (edition 0.2.0 offered 23
  files with `and\\, in an annex\\, country\\-level`), unless the data itself has that text;
- every text cell of more than a few words is a value of the data (a cell of a table, or text
  of the descriptor), or a list of such values as the page joins them;
- no text cell starts as a spreadsheet formula (OWASP's rule for CSV injection).

And against the pages that offer them (edition 0.2.0's reader met each of these):
- the first row is the header, the table's own on the page (there was a `# Figure ...` comment
  line, a junk first row in a spreadsheet); what a file is lives in `_data/datapackage.json`,
  which Frictionless validates, each file a resource naming its page;
- a network's CSV names each end of a tie as the figure does, beside its id (it gave only ids),
  and so does any figure's CSV for ids the figure does not show (the crosswalk gave "RA3" only);
- a column of amounts as text ("EUR 22 million", which a spreadsheet sorts as words) has the
  amounts as numbers right after it (`amount_eur`), which the header check allows;
- a value the page shows as absent ("–") is an empty cell (the heat map's dashes were 0s);
- each table and figure has one short "Cite" control, whose citation names the item's page and
  the edition's DOI (there were four to eight lines citing the repository, the URL in brackets);
- the header's download menu links the PDF edition (its ".pdf" item printed the web page).
Each rule is a function of the files, proven on a fixture that breaks it.
"""

from __future__ import annotations

import csv
import io
import json
import posixpath
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup, SoupStrainer
from harness.paths import ROOT

from eucasia.assembly.edition import PDF_NAME, read_edition
from eucasia.data import load_tables
from eucasia.data.snapshots import read_text_package, stored_editions
from eucasia.presentation.figurekit.style import STATUS_STYLE

#: Columns whose text the book computes (its own wording), not values of the data.
COMPUTED = {
    "why at the margin": "the reason an actor is at a network's margin, worded by the analysis",
    "what counts": "the book's definition of each reading of the tracker's statuses",
}
#: A text cell at least this long is checked against the data: prose (notes, reasons, summaries),
#: where display escapes and restyling hid; shorter cells are labels, ids, names and counts.
CHECKED_LENGTH = 60
ESCAPE = re.compile(r"\\[!-/:-@\[-`{-~]")
FORMULA = ("=", "+", "-", "@", "\t", "\r")
ROLE = re.compile(r" \((lead|partner|beneficiary|funder|forum)\)$")


def _strings(value: object, into: set[str]) -> None:
    if isinstance(value, str):
        into.add(" ".join(value.split()))
    elif isinstance(value, dict):
        for item in value.values():
            _strings(item, into)
    elif isinstance(value, list):
        for item in value:
            _strings(item, into)


@pytest.fixture(scope="module")
def data_text() -> set[str]:
    """Every text value of the data package: table cells and the descriptor's own text, and the
    cells of the stored previous editions."""
    found: set[str] = set()
    for frame in load_tables().values():
        for column in frame.columns:
            _strings([v for v in frame[column].dropna() if isinstance(v, str)], found)
    _strings(json.loads((ROOT / "data" / "datapackage.json").read_text("utf-8")), found)
    # The previous editions' data too: the page of what changed shows their values.
    for version in stored_editions(ROOT / "book" / "_editions"):
        for table in read_text_package(ROOT / "book" / "_editions" / version).values():
            _strings(table.frame.to_numpy().ravel().tolist(), found)
    return found


def downloads(html: Path) -> list[tuple[str, list[str], list[list[str]]]]:
    """(file name, first row, other rows) of every CSV the pages offer, read as a spreadsheet
    reads it: nothing skipped."""
    files = []
    for path in sorted((html / "_data").glob("*.csv")):
        header, *rows = csv.reader(io.StringIO(path.read_text(encoding="utf-8")))
        files.append((path.name, header, rows))
    return files


def is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def from_the_data(cell: str, data_text: set[str]) -> bool:
    """The cell is a text of the data, or a list of them as pages join them (by `; `, else
    ` / `, else `, `; an actor's role in brackets after its name; a pattern after `pattern`)."""
    if cell.removeprefix("pattern ") in data_text:
        return True
    for separator in ("; ", " / ", ", "):
        parts = [ROLE.sub("", p) for p in cell.split(separator)]
        if len(parts) > 1 and all(p in data_text for p in parts):
            return True
    return False


def test_every_download_cell_is_the_data(built_html: Path, data_text: set[str]) -> None:
    files = downloads(built_html)
    assert len(files) >= 100, len(files)
    escaped, foreign, checked = [], [], 0
    for name, header, rows in files:
        for row in rows:
            for column, cell in zip(header, row, strict=True):
                if ESCAPE.search(cell) and not from_the_data(cell, data_text):
                    escaped.append(f"{name}, {column}: {cell[:80]}")
                if len(cell) < CHECKED_LENGTH or is_number(cell) or column in COMPUTED:
                    continue
                checked += 1
                if not from_the_data(cell, data_text):
                    foreign.append(f"{name}, {column}: {cell[:100]}")
    assert escaped == [], f"{len(escaped)} cells carry display escapes: {escaped[:5]}"
    assert foreign == [], f"{len(foreign)} of {checked} cells are not the data: {foreign[:8]}"
    assert checked >= 500, checked


def test_no_download_cell_is_a_spreadsheet_formula(built_html: Path) -> None:
    formulas = [
        f"{name}, {column}: {cell[:60]}"
        for name, header, rows in downloads(built_html)
        for row in rows
        for column, cell in zip(header, row, strict=True)
        if cell.startswith(FORMULA) and not is_number(cell)
    ]
    assert formulas == []


def test_the_checks_fail_on_a_display_escape_and_a_formula(data_text: set[str]) -> None:
    assert ESCAPE.search("and\\, in an annex")
    assert not from_the_data("A made-up sentence, not in any table of the data", data_text)
    assert from_the_data("European Union (lead); Kazakhstan (beneficiary)", data_text)
    assert "=1+1".startswith(FORMULA) and not is_number("=1+1") and is_number("-0.5")


# --- The files against the pages that offer them ---

BASEURL = "https://eucasia-book.github.io/eu-central-asia-strategy/"
#: What a page shows for a value that is absent.
ABSENT = ("–", "—")
SVG_TEXT = "{http://www.w3.org/2000/svg}text"
#: An actor name ending in its acronym: figures show the acronym and explain it in their key.
ACRONYM = re.compile(r"^(.*) \(([A-Z][A-Za-z&-]*[A-Z])\)$")


@dataclass
class Item:
    """A table or figure of a built page with the block under it."""

    page: str  # the page's path in the site, e.g. notebooks/tracker.html
    name: str  # its id, e.g. tbl-trk-agreement
    block: str  # the block's HTML
    blocks: int  # how many blocks on the page link this item's CSV
    text: str  # the CSV file as it is
    header: list[str] | None  # a table's header row on the page
    cells: list[list[str]] | None  # a table's body cells on the page
    svg: str | None  # a figure's SVG


def _cells(row) -> list[str]:
    return [" ".join(c.get_text(" ").split()) for c in row.find_all(["td", "th"])]


@pytest.fixture(scope="module")
def items(built_html: Path) -> list[Item]:
    return site_items(built_html)


def site_items(site: Path) -> list[Item]:
    """Every table and figure of the built `site` that offers its data, with its block."""
    found = []
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        if "eucasia-data" not in html:
            continue
        soup = BeautifulSoup(html, "html.parser")
        blocks = soup.select("div.eucasia-data")
        links = [b.select_one('a[href$=".csv"]') for b in blocks]
        for block, link in zip(blocks, links, strict=True):
            csv_path = (path.parent / link["href"]).resolve()
            name = csv_path.stem
            element = soup.find(id=name)
            header = cells = svg = None
            if element is not None and element.name == "table":
                header = _cells(element.select_one("thead tr"))
                cells = [_cells(r) for r in element.select("tbody tr")]
            if element is not None and element.name == "figure":
                img = element.find("img")
                svg = (path.parent / img["src"]).read_text(encoding="utf-8")
            found.append(
                Item(
                    page=path.relative_to(site).as_posix(),
                    name=name,
                    block=str(block),
                    blocks=sum(x["href"] == link["href"] for x in links),
                    text=csv_path.read_text(encoding="utf-8"),
                    header=header,
                    cells=cells,
                    svg=svg,
                )
            )
    return found


#: A column of numbers after a column of amounts as text: `amount_eur` after `amount`.
TWIN = re.compile(r"^(?P<of>.+)_(?P<unit>eur|usd)$")
#: An amount as the book writes it: "at least EUR 550 million", "EUR 4,500", "USD 1.2 billion".
MONEY = re.compile(
    r"^(?:(?:at least|about|up to|over|more than|almost) )?(?P<cur>EUR|USD) "
    r"(?P<num>\d[\d,]*(?:\.\d+)?)(?: (?P<unit>thousand|million|billion))?$"
)
SCALE = {None: 1, "thousand": 1e3, "million": 1e6, "billion": 1e9}


def page_columns(header: list[str]) -> list[int]:
    """The positions of the columns the page shows: all but the numbers written after a column
    of amounts as text (`amount_eur` right after `amount`; `value_eur`, `value_usd` after a
    `value` mixing currencies)."""
    shown: list[int] = []
    for i, column in enumerate(header):
        m = TWIN.match(column)
        if not (shown and m and m["of"] == header[shown[-1]] and i - shown[-1] <= 2):
            shown.append(i)
    return shown


def _twins(header: list[str], i: int) -> dict[str, int]:
    """The number columns written right after column `i`, by currency: {"EUR": i + 1, ...}."""
    found = {}
    for j in range(i + 1, len(header)):
        m = TWIN.match(header[j])
        if not (m and m["of"] == header[i]):
            break
        found[m["unit"].upper()] = j
    return found


def header_problems(item: Item) -> list[str]:
    """The file's first row is a header: not a comment, the page table's own header (with the
    numbers of a column of amounts after it)."""
    first = next(csv.reader(io.StringIO(item.text)), [])
    if not first or first[0].startswith("#"):
        return [f"{item.name}: the first row is {first[:1]}, not the header"]
    if item.header is not None and [first[i] for i in page_columns(first)] != item.header:
        return [f"{item.name}: header {first} is not the table's {item.header}"]
    return []


def money_problems(item: Item) -> list[str]:
    """Every column that holds amounts as text ("EUR 22 million": a spreadsheet sorts its
    words), wholly or in some rows (a country's indicators mix "EUR 4.35 billion",
    "USD 80.4 billion" and "28%"), has the amounts as numbers right after it, one column per
    currency (`amount_eur`, `value_usd`), the same amount row by row, empty on every other row."""
    header, *rows = list(csv.reader(io.StringIO(item.text))) or [[]]
    problems = []
    for i, column in enumerate(header):
        texts = [r[i] for r in rows if r[i]]
        currencies = sorted({m["cur"] for t in texts if (m := MONEY.match(t))})
        if not currencies:
            continue
        twins = _twins(header, i)
        missing = [f"{column}_{c.lower()}" for c in currencies if c not in twins]
        if missing:
            problems.append(f"{item.name}: {column!r} holds amounts as text, with no {missing}")
            continue
        for r, row in enumerate(rows, start=1):
            m = MONEY.match(row[i])
            for currency, j in twins.items():
                twin, number = header[j], row[j]
                if not (m and m["cur"] == currency):
                    if number:
                        problems.append(f"{item.name}, row {r}: {twin} {number!r} for no amount")
                    continue
                amount = float(m["num"].replace(",", "")) * SCALE[m["unit"]]
                if not is_number(number) or abs(float(number) - amount) > 0.01 * amount:
                    problems.append(f"{item.name}, row {r}: {row[i]!r} against {twin} {number!r}")
    return problems


def _shows(name: str, shown: str) -> bool:
    """The figure (its text, squeezed) shows `name`: whole, wrapped anywhere, or as the acronym
    its key explains."""
    acronym = ACRONYM.match(name)
    return _squeezed(name) in shown or bool(
        acronym and _squeezed(acronym[1]) in shown and acronym[2] in shown
    )


def id_problems(item: Item) -> list[str]:
    """A figure's column of ids (`roadmap_area_id`: "RA3") has beside it the names the figure
    shows for them (`roadmap_area`), as a network's ties do; a row's own id (the first column)
    may be named by its `title`. Ids the figure shows too need their names as well: Figure
    6.2 labels each bar "1.1 Human rights ...", its download gave `area_id` "1.1" alone."""
    if item.svg is None:
        return []
    header, *rows = list(csv.reader(io.StringIO(item.text))) or [[]]
    shown = _squeezed(" ".join(_svg_text(item.svg)))
    problems = []
    for i, column in enumerate(header):
        if not column.endswith("_id"):
            continue
        names = [column.removesuffix("_id"), *(["title"] if i == 0 else [])]
        name = next((n for n in names if n in header), None)
        if name is None:
            problems.append(f"{item.name}: {column!r} without the names the figure shows")
            continue
        j = header.index(name)
        missing = sorted({r[j] for r in rows if r[i] and not _shows(r[j], shown)})
        if missing:
            problems.append(f"{item.name}: {name!r} has names the figure does not show: {missing}")
    return problems


def _svg_text(svg: str) -> list[str]:
    return ["".join(e.itertext()) for e in ET.fromstring(svg.encode("utf-8")).iter(SVG_TEXT)]


def _squeezed(text: str) -> str:
    return "".join(text.split())


def network_problems(item: Item) -> list[str]:
    """A figure's ties name each end as the figure shows it (whole, wrapped anywhere, or as the
    acronym its key explains), beside the id."""
    rows = list(csv.DictReader(io.StringIO(item.text)))
    if item.svg is None or not rows or not {"source", "target"} & set(rows[0]):
        return []
    if not {"source_id", "target_id"} <= set(rows[0]):
        return [f"{item.name}: a network's CSV without source_id and target_id columns"]
    shown = _squeezed(" ".join(_svg_text(item.svg)))
    problems = []
    for name in sorted({r[c] for r in rows for c in ("source", "target")}):
        if not _shows(name, shown):
            problems.append(f"{item.name}: {name!r} is not a name the figure shows")
    return problems


#: A column of counts by implementation status, named by its code, and the label a key shows.
STATUS_LABELS = {code: label for code, (label, _) in STATUS_STYLE.items()}


def status_problems(item: Item) -> list[str]:
    """A figure's download holds what the figure shows: a column of counts by status is one
    of the statuses its key shows (Figure 6.2's had `superseded`, all 0, which it draws not)."""
    if item.svg is None:
        return []
    header = next(csv.reader(io.StringIO(item.text)), [])
    shown = _squeezed(" ".join(_svg_text(item.svg)))
    return [
        f"{item.name}: a column {column!r} for a status the figure's key does not show"
        for column in header
        if column in STATUS_LABELS and _squeezed(STATUS_LABELS[column]) not in shown
    ]


#: A first column headed by a kind of thing the data names, and the table whose names it holds.
NAMED_KINDS = {"country": ("countries", "name"), "actor": ("actors", "name")}


def first_column_problems(item: Item, names: dict[str, set[str]]) -> list[str]:
    """A table's first header says what its column holds: a column headed `country` holds
    countries (Table 7.1's held "EPCA", "PCA", "population" under `country`, the states being
    the other headers), one headed `actor` actors: `names` gives each such header's names."""
    header, *rows = list(csv.reader(io.StringIO(item.text))) or [[]]
    if item.header is None or not header or header[0] not in names:
        return []
    foreign = [r[0] for r in rows if r and r[0] and r[0] not in names[header[0]]]
    return [f"{item.name}: under {header[0]!r}: {foreign[:3]}"] if foreign else []


def absent_problems(item: Item) -> list[str]:
    """What the page shows as absent is an empty cell: a table's cell by cell, a figure's
    dashes at most as many as its file's empty cells."""
    header, *rows = list(csv.reader(io.StringIO(item.text))) or [[]]
    problems = []
    if item.cells is not None:
        on_page = page_columns(header)
        for r, (shown, row) in enumerate(zip(item.cells, rows, strict=False)):
            written = [row[i] for i in on_page]
            for c, (cell, value) in enumerate(zip(shown, written, strict=False)):
                if cell in ABSENT and value != "":
                    problems.append(f"{item.name}, row {r + 1}, column {c + 1}: {value!r}")
    if item.svg is not None:
        dashes = sum(t.strip() in ABSENT for t in _svg_text(item.svg))
        empty = sum(value == "" for row in rows for value in row)
        if dashes > empty:
            problems.append(f"{item.name}: {dashes} dashes drawn, {empty} empty cells")
    return problems


def cite_problems(item: Item, doi: str, repository: str) -> list[str]:
    # `doi`: the DOI, or the words an edition without one says in its place (Edition.doi_text)
    """One block per item, on one line closed: the CSV link and one "Cite" disclosure whose
    one-line citation names the item's page and the edition's DOI, and no URL in brackets."""
    block = BeautifulSoup(item.block, "html.parser")
    url = f"{BASEURL}{item.page}#{item.name}"
    details = block.select("details.eucasia-cite")
    texts = block.select("details.eucasia-cite .eucasia-cite-text")
    problems = []
    if item.blocks != 1 or len(details) != 1 or len(texts) != 1:
        problems.append(f"{item.name}: {item.blocks} blocks, {len(details)} Cite controls")
    elif details[0].summary is None or details[0].summary.get_text(strip=True) != "Cite":
        problems.append(f"{item.name}: the control is not a 'Cite' disclosure")
    else:
        outside = " ".join(
            t.get_text(" ", strip=True)
            for t in block.div.find_all(recursive=False)
            if t.name != "details"
        )
        citation = " ".join(texts[0].get_text().split())
        if outside != "Download data (CSV)":
            problems.append(f"{item.name}: beside the Cite control: {outside!r}")
        if (
            not citation.endswith(url)
            or (doi if doi.startswith("DOI: ") else f"DOI: {doi}") not in citation
            or repository in citation
        ):
            problems.append(f"{item.name}: the citation {citation!r} does not cite {url}, {doi}")
    if re.search(r"\(\s*https?:", block.get_text(" ")):
        problems.append(f"{item.name}: a URL in brackets")
    return problems


def download_menu(html: str):
    """The theme's download menu of a page (only it is parsed: the rest is skipped), or None."""
    only = SoupStrainer("div", class_=lambda c: bool(c) and "dropdown-download-buttons" in c)
    return BeautifulSoup(html, "html.parser", parse_only=only).div


def menu_problems(page: str, html: str) -> list[str]:
    """The header's download menu links the PDF edition (relative to the page) and says that
    its print item prints the page."""
    menu = download_menu(html)
    if menu is None:
        return []
    want = f"_pdf/{PDF_NAME}"
    links = [
        a
        for a in menu.select("a[href]")
        if posixpath.normpath(posixpath.join(posixpath.dirname(page), a["href"])) == want
    ]
    problems = []
    if len(links) != 1 or links[0].get_text(strip=True) != "PDF edition":
        problems.append(f"{page}: the download menu does not link {want} as 'PDF edition'")
    for printing in menu.select('[onclick*="print"]'):
        if printing.get_text(strip=True) != "Print this page":
            problems.append(f"{page}: the print item says {printing.get_text(strip=True)!r}")
    return problems


def test_every_csv_opens_with_its_header_row(built_html: Path, items: list[Item]) -> None:
    """Read as a spreadsheet reads it (pandas with no comment handling): the first row is the
    header the page's table shows."""
    assert len(items) == len(list((built_html / "_data").glob("*.csv"))) >= 100
    assert sum(i.header is not None for i in items) >= 80
    assert [p for i in items for p in header_problems(i)] == []
    for item in items[:: max(1, len(items) // 10)]:
        frame = pd.read_csv(io.StringIO(item.text), dtype=str, keep_default_na=False)
        assert list(frame.columns) == next(csv.reader(io.StringIO(item.text)))


def test_the_downloads_datapackage_validates_and_names_each_page(
    built_html: Path, items: list[Item]
) -> None:
    import frictionless

    path = built_html / "_data" / "datapackage.json"
    report = frictionless.validate(str(path))
    assert report.valid, report.flatten(["type", "note"])[:5]
    package = json.loads(path.read_text(encoding="utf-8"))
    resources = {r["path"]: r for r in package["resources"]}
    assert sorted(resources) == sorted(f"{i.name}.csv" for i in items)
    for item in items:
        described = resources[f"{item.name}.csv"]
        assert described["homepage"] == f"{BASEURL}{item.page}#{item.name}"
        assert described["title"].startswith(("Table ", "Figure ")) and described["sources"]
        assert [f["name"] for f in described["schema"]["fields"]] == next(
            csv.reader(io.StringIO(item.text))
        )


def test_network_csvs_name_what_the_figure_shows(items: list[Item]) -> None:
    networks = [i for i in items if i.text.startswith("source_id,source,target_id,target")]
    assert len(networks) >= 6, [i.name for i in networks]
    assert [p for i in items for p in network_problems(i)] == []


def test_amounts_have_their_numbers_and_ids_their_names(items: list[Item]) -> None:
    """The funding tables' "amount" ("EUR 22 million") has `amount_eur` beside it; the
    crosswalk figure's ids have the section and key area names it shows."""
    money = [i for i in items if "_eur," in i.text.split("\n", 1)[0]]
    assert {"tbl-syn-funding", "tbl-cty-kaz-funding", "tbl-cty-uzb-indicators"} <= {
        i.name for i in money
    }
    assert [p for i in items for p in money_problems(i)] == []
    assert [p for i in items for p in id_problems(i)] == []
    crosswalk = next(i for i in items if i.name == "fig-syn-crosswalk")
    assert crosswalk.text.startswith("area_id,area,roadmap_area_id,roadmap_area,")


def test_figure_downloads_hold_what_the_figure_shows(items: list[Item]) -> None:
    """No column for a status the figure's key leaves out; Figure 6.2's sections by name."""
    assert [p for i in items for p in status_problems(i)] == []
    sections = next(i for i in items if i.name == "fig-trk-sections")
    assert sections.text.startswith("area_id,area,delivered,")


def test_each_table_s_first_header_says_what_its_column_holds(items: list[Item]) -> None:
    tables = load_tables([table for table, _ in NAMED_KINDS.values()])
    names = {kind: set(tables[t][c]) for kind, (t, c) in NAMED_KINDS.items()}
    headed = [i for i in items if i.header and i.header[0] in NAMED_KINDS]
    assert len(headed) >= 10, [i.name for i in headed]  # the check met such tables
    assert [p for i in items for p in first_column_problems(i, names)] == []
    overview = next(i for i in items if i.name == "tbl-cty-overview")
    assert overview.header[0] == "indicator"


def test_no_absent_value_becomes_0(items: list[Item]) -> None:
    assert [p for i in items for p in absent_problems(i)] == []
    assert any(i.svg and "–" in _svg_text(i.svg) for i in items)  # the check met a dash


def test_each_item_has_one_short_cite_control(items: list[Item]) -> None:
    edition = read_edition()
    assert edition.doi
    assert [
        p for i in items for p in cite_problems(i, edition.doi_text(), edition.repository)
    ] == []


def test_the_header_menu_links_the_pdf_edition(built_html: Path) -> None:
    pages = sorted(built_html.rglob("*.html"))
    problems, menus = [], 0
    for path in pages:
        html = path.read_text(encoding="utf-8")
        menus += download_menu(html) is not None
        problems += menu_problems(path.relative_to(built_html).as_posix(), html)
    assert menus >= 20 and problems == []
    assert {len(p.relative_to(built_html).parts) for p in pages} >= {1, 2}  # root and folders


FIGURE_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg"><text>European Union</text><text>OSCE</text>'
    "<text>OSCE: Organization for Security</text><text>and Co-operation in Europe</text>"
    "<text>–</text><text>–</text></svg>"
)
GOOD_BLOCK = (
    '<div class="eucasia-data"><a href="../_data/tbl-a.csv">Download data (CSV)</a>'
    '<details class="eucasia-cite"><summary>Cite</summary><p class="eucasia-cite-text">Table 1, '
    "in A (2026). T. Version 1, 2026. DOI: 10.1/x. "
    f'<a href="{BASEURL}p.html#tbl-a">{BASEURL}p.html#tbl-a</a></p></details></div>'
)
MENU = (
    '<div class="dropdown-download-buttons"><a href="../_sources/a.md">.md</a>{}'
    '<button onclick="window.print()">{}</button></div>'
)


def _item(**fields: object) -> Item:
    blank = {"page": "p.html", "name": "tbl-a", "block": GOOD_BLOCK, "blocks": 1}
    return Item(**(blank | {"text": "", "header": None, "cells": None, "svg": None} | fields))


def test_the_checks_fail_on_fixtures_that_break_them() -> None:
    # a comment line first (edition 0.2.0), and a header that is not the table's
    assert header_problems(_item(text="# Table 1 of ...\na,b\n1,2\n"))
    assert header_problems(_item(text="a,c\n1,2\n", header=["a", "b"]))
    assert not header_problems(_item(text="a,b\n1,2\n", header=["a", "b"]))
    # a network by ids only; a name the figure does not show
    ties = "source_id,source,target_id,target\neu,European Union,osce,{}\n"
    osce = "Organization for Security and Co-operation in Europe (OSCE)"
    assert network_problems(_item(text="source,target\neu,osce\n", svg=FIGURE_SVG))
    assert network_problems(_item(text=ties.format("osce"), svg=FIGURE_SVG))
    assert not network_problems(_item(text=ties.format(osce), svg=FIGURE_SVG))
    # amounts as text alone (edition 0.3.0), a twin that disagrees, a good pair; a twin is
    # no column of the page's header
    assert money_problems(_item(text="a,amount\nx,EUR 22 million\ny,\n"))
    assert money_problems(_item(text="a,amount,amount_eur\nx,EUR 22 million,2200000\n"))
    assert money_problems(_item(text="a,amount,amount_eur\nx,EUR 1 million,1000000\ny,,5\n"))
    # a country's indicators as they were: amounts of two currencies among other values,
    # as text alone; then with a twin for the euros only; then with both
    mixed = "indicator,value{}\nGDP,USD 80.4 billion{}\nTrade,EUR 4.35 billion{}\nShare,28%{}\n"
    assert money_problems(_item(text=mixed.format("", "", "", ""))) == [
        "tbl-a: 'value' holds amounts as text, with no ['value_eur', 'value_usd']"
    ]
    assert money_problems(_item(text=mixed.format(",value_eur", ",", ",4350000000", ",")))
    both = mixed.format(",value_eur,value_usd", ",,80400000000", ",4350000000,", ",,")
    assert not money_problems(_item(text=both))
    assert not header_problems(_item(text=both, header=["indicator", "value"]))
    assert money_problems(_item(text=both.replace(",,80400000000", ",80400000000,")))
    good = "a,amount,amount_eur\nx,EUR 22 million,22000000\ny,about EUR 1.5 billion,1500000000\n"
    assert not money_problems(_item(text=good))
    assert not header_problems(_item(text=good, header=["a", "amount"]))
    assert header_problems(_item(text=good, header=["a", "amount", "amount_eur", "b"]))
    assert not absent_problems(_item(text="a,amount,amount_eur,b\nx,,,\n", cells=[["x", "–", "–"]]))
    # a figure's ids without the names it shows (edition 0.3.0's crosswalk), and with them
    svg = '<svg xmlns="http://www.w3.org/2000/svg"><text>1.1 Human rights</text><text>1. Dialogue</text></svg>'
    assert id_problems(_item(text="area_id,roadmap_area_id\n1.1,RA1\n", svg=svg))
    named = "area_id,area,roadmap_area_id,roadmap_area\n1.1,Human rights,RA1,{}\n"
    assert id_problems(_item(text=named.format("Trade"), svg=svg))
    assert not id_problems(_item(text=named.format("Dialogue"), svg=svg))
    # ids shown in the figure with their names, the download by ids alone (Figure 6.2)
    sections = '<svg xmlns="http://www.w3.org/2000/svg"><text>1.1 Human rights</text></svg>'
    assert id_problems(_item(text="area_id,delivered\n1.1,3\n", svg=sections))
    assert not id_problems(_item(text="area_id,area,delivered\n1.1,Human rights,3\n", svg=sections))
    # a status column the figure's key does not show (Figure 6.2's `superseded`), and without
    keyed = sections.replace(
        "</svg>", "<text>delivered</text><text>no public evidence found</text></svg>"
    )
    assert status_problems(_item(text="area_id,delivered,superseded\n1.1,3,0\n", svg=keyed))
    assert not status_problems(
        _item(text="area_id,delivered,no_public_evidence\n1.1,3,0\n", svg=keyed)
    )
    # a first column headed `country` whose cells are not countries (Table 7.1), and one that is
    names = {"country": {"Kazakhstan", "Uzbekistan"}, "actor": {"European Union"}}
    glance = "country,Kazakhstan,Uzbekistan\nEPCA,in force,signed\n"
    assert first_column_problems(_item(text=glance, header=glance.split("\n")[0].split(",")), names)
    fixed = glance.replace("country,", "indicator,", 1)
    assert not first_column_problems(
        _item(text=fixed, header=fixed.split("\n")[0].split(",")), names
    )
    listed = "country,type\nKazakhstan,EPCA\n"
    assert not first_column_problems(_item(text=listed, header=["country", "type"]), names)
    # an absent value written as 0 (table) or dashes drawn over zeros (figure)
    assert absent_problems(_item(text="a,b\nEU,0\n", cells=[["EU", "–"]]))
    assert absent_problems(_item(text="a,b\nEU,0\nCA,0\n", svg=FIGURE_SVG))
    assert not absent_problems(_item(text="a,b\nEU,\nCA,\n", svg=FIGURE_SVG))
    # citation lines citing the repository, the URL in brackets; two blocks; a good one
    old = (
        '<div class="eucasia-data"><p><a href="x.csv">Download data (CSV)</a></p><p>Cite this '
        f"table: Table 1 ({BASEURL}p.html#tbl-a), in A (2026). https://github.com/o/r</p></div>"
    )
    assert cite_problems(_item(block=old), "10.1/x", "https://github.com/o/r")
    assert cite_problems(_item(blocks=2), "10.1/x", "https://github.com/o/r")
    assert cite_problems(_item(), "10.9/other", "https://github.com/o/r")
    assert not cite_problems(_item(), "10.1/x", "https://github.com/o/r")
    # a menu whose ".pdf" prints the page; the PDF linked from the wrong depth; a good menu
    edition = f'<a href="../_pdf/{PDF_NAME}">PDF edition</a>'
    assert menu_problems("notebooks/a.html", MENU.format("", ".pdf"))
    assert menu_problems("actors/x/a.html", MENU.format(edition, "Print this page"))
    assert not menu_problems("notebooks/a.html", MENU.format(edition, "Print this page"))
