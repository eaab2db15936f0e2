"""Every CSV offered under a table or figure is the data, and safe to open in a spreadsheet.

Read from the built site (`_build/html/_data`), cell by cell, against the data package:
- no cell carries the page's Markdown escapes or citation markup (edition 0.2.0 offered 23
  files with `and\\, in an annex\\, country\\-level`), unless the data itself has that text;
- every text cell of more than a few words is a value of the data (a cell of a table, or text
  of the descriptor), or a list of such values as the page joins them;
- no text cell starts as a spreadsheet formula (OWASP's rule for CSV injection).
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from harness.paths import ROOT

from eucasia.data import load_tables

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
    """Every text value of the data package: table cells and the descriptor's own text."""
    found: set[str] = set()
    for frame in load_tables().values():
        for column in frame.columns:
            _strings([v for v in frame[column].dropna() if isinstance(v, str)], found)
    _strings(json.loads((ROOT / "data" / "datapackage.json").read_text("utf-8")), found)
    return found


def downloads(html: Path) -> list[tuple[str, list[str], list[list[str]]]]:
    """(file name, header, rows) of every CSV the pages offer, its comment line left out."""
    files = []
    for path in sorted((html / "_data").glob("*.csv")):
        text = path.read_text(encoding="utf-8")
        body = "".join(line for line in text.splitlines(True) if not line.startswith("#"))
        header, *rows = csv.reader(io.StringIO(body))
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
