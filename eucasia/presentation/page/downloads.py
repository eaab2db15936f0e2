"""The data behind a table or figure, as CSV text a reader can download from the web page.

`show_table` and `show_figure` (display.py) attach :func:`data_payload` to their output's
metadata; the build (`eucasia.assembly.datafiles`) writes the file into the site and describes it
(source tables, edition, page, each column's type) in the folder's `datapackage.json`, so the
file itself starts with its header row, as a spreadsheet expects. The CSV holds exactly the rows
and columns the page shows, in the order it shows them, as values rather than display text (no
thousands separators, an empty cell where the page shows a value as absent), and is the same
bytes on every run: `\\n` line ends, floats in one fixed format.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from eucasia.presentation.text.numbers import fixed
from eucasia.presentation.text.shown import Shown

#: Output-metadata key under which a table's or figure's data travels to the build.
DATA_KEY = "eucasia/data"
#: Decimal places of every float in a CSV (trailing zeros dropped, one kept): a fixed rule.
FLOAT_DECIMALS = 6


#: First characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(text: str) -> str:
    """A text cell a spreadsheet would run as a formula, made inert by a leading apostrophe
    (OWASP's rule for CSV injection); other text unchanged.

    >>> neutralise_formula("=SUM(A1:A9)"), neutralise_formula("EU")
    ("'=SUM(A1:A9)", 'EU')
    """
    return "'" + text if text.startswith(FORMULA_STARTS) else text


# CommonMark lets a backslash escape any ASCII punctuation character; the download has none.
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")

# MyST the book's code writes into raw columns: {role}`text <target>`, {role}`text`, [text](url).
_ROLE = re.compile(r"\{[a-z:]+\}`([^`<]*?)\s*(?:<[^`>]*>)?`")
_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)\)")


def plain_text(myst: str) -> str:
    """The text a reader sees for a cell of MyST written by the book (roles and links)."""
    text = _ROLE.sub(lambda m: m.group(1), myst)
    text = _LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})", text)
    return _ESCAPED.sub(r"\1", text)


def csv_value(value: object) -> str:
    """One cell: empty for missing, `true`/`false`, integers plain, floats fixed, text as is
    (the data value where the page shows it restyled, formulas made inert)."""
    if isinstance(value, Shown):
        return csv_value(value.data)
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        number = float(value)
        if math.isnan(number):
            return ""
        text = fixed(number, FLOAT_DECIMALS).rstrip("0")  # the pages' one rounding
        return text + "0" if text.endswith(".") else text
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    return " ".join(str(value).split())


def _cell(value: object, raw: bool) -> str:
    """One cell as written: MyST of a raw column as its text, then a text cell a spreadsheet
    would run made inert (last, so an unescaped `\\=` cannot slip through)."""
    data = value.data if isinstance(value, Shown) else value
    text = (
        plain_text(csv_value(value)) if raw and not isinstance(value, Shown) else csv_value(value)
    )
    return neutralise_formula(text) if isinstance(data, str) else text


def frame_csv(frame: pd.DataFrame, raw_columns: Iterable[str] = ()) -> str:
    """The header row and the rows of `frame`, as shown: MyST in `raw_columns` becomes its text."""
    raw = set(raw_columns)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    columns = [str(c) for c in frame.columns]
    writer.writerow(columns)
    for row in frame.itertuples(index=False):
        writer.writerow(_cell(v, c in raw) for c, v in zip(columns, row, strict=True))
    return out.getvalue()


def field_type(column: pd.Series) -> str:
    """The Table Schema type of a column as its CSV cells write it: `integer`, `number`,
    `boolean`, `date`, `datetime` or `string` (text, and any column of mixed values).

    >>> field_type(pd.Series([1, None], dtype="Int64")), field_type(pd.Series(["1.1", "2"]))
    ('integer', 'string')
    """
    values = [v.data if isinstance(v, Shown) else v for v in column if not _absent(v)]
    if not values:  # nothing to go by but the column's type
        if pd.api.types.is_bool_dtype(column.dtype):
            return "boolean"
        if pd.api.types.is_integer_dtype(column.dtype):
            return "integer"
        return "number" if pd.api.types.is_float_dtype(column.dtype) else "string"
    if all(isinstance(v, (bool, np.bool_)) for v in values):
        return "boolean"
    if all(
        isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_)) for v in values
    ):
        return "integer"
    if all(
        isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, (bool, np.bool_))
        for v in values
    ):
        return "number"
    if all(isinstance(v, pd.Timestamp) for v in values):
        return "date" if all(v == v.normalize() for v in values) else "datetime"
    return "string"


def _absent(value: object) -> bool:
    data = value.data if isinstance(value, Shown) else value
    return csv_value(data) == "" and not isinstance(data, str)


def number_twins(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with, after each column of text standing for amounts (`Shown` cells with a
    `unit`, such as "EUR 22 million"), the amounts as numbers in a column of their own, named
    after it and the unit (`amount_eur`), empty where the text is: a spreadsheet sorts and sums
    the numbers, while the text stays as the page shows it.

    A column mixing units (a country's indicators: "EUR 4.35 billion", "USD 80.4 billion",
    "28%") gets one such column per unit, euros first, each empty on the rows in another unit
    or in none: one column never adds euros to dollars, and no rate the sources do not give is
    made up to convert them.

    >>> frame = pd.DataFrame({"amount": [Shown("EUR 2 million", "EUR 2 million", 2e6, "eur"), ""]})
    >>> print(frame_csv(number_twins(frame)), end="")
    amount,amount_eur
    EUR 2 million,2000000
    ,
    >>> mixed = pd.DataFrame({"value": [Shown("USD 8 billion", "USD 8 billion", 8e9, "usd"),
    ...                                 "28%", Shown("EUR 3 million", "EUR 3 million", 3e6, "eur")]})
    >>> print(frame_csv(number_twins(mixed)), end="")
    value,value_eur,value_usd
    USD 8 billion,,8000000000
    28%,,
    EUR 3 million,3000000,
    """
    columns: dict[str, object] = {}
    for column in frame.columns:
        cells = list(frame[column])
        columns[column] = frame[column]
        units = {v.unit for v in cells if isinstance(v, Shown) and v.unit is not None}
        for unit in sorted(units, key=lambda u: (u != "eur", u)):
            numbers = [
                v.sort
                if isinstance(v, Shown) and v.unit == unit and v.sort is not None
                else math.nan
                for v in cells
            ]
            whole = all(math.isnan(n) or float(n).is_integer() for n in numbers)
            twin = pd.Series(numbers, index=frame.index, dtype=float)
            columns[f"{column}_{unit}"] = twin.round().astype("Int64") if whole else twin
    return pd.DataFrame(columns, index=frame.index)


def data_payload(
    frame: pd.DataFrame, kind: str, sources: Sequence[str] = (), raw_columns: Iterable[str] = ()
) -> dict[str, object]:
    """What the build needs to publish the data of a `kind` ("table" or "figure").

    `sources`: the data package tables it comes from (names, without `.csv`); empty means the
    build names the tables the chapter reads. The CSV has the page's columns, and after a
    column of amounts written as text their numbers (:func:`number_twins`); `sort` follows the
    page's columns.
    """
    if kind not in ("table", "figure"):
        raise ValueError(f"kind must be 'table' or 'figure', not {kind!r}")
    written = number_twins(frame)
    fields = [
        {"name": str(c), "type": field_type(written.iloc[:, i])}
        for i, c in enumerate(written.columns)
    ]
    return {
        "kind": kind,
        "csv": frame_csv(written, raw_columns),
        "sources": sorted(set(sources)),
        "sort": sort_keys(frame),
        "fields": fields,
    }


def _sort_key(value: object) -> float | None | bool:
    """The number a cell stands for; None when it is missing; False when it is not a number."""
    if isinstance(value, Shown):
        if value.sort is None:
            return False
        return None if math.isnan(float(value.sort)) else float(value.sort)
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.number)):
        return False if not (isinstance(value, str) and value == "") else None
    number = float(value)
    return None if math.isnan(number) else number


def sort_keys(frame: pd.DataFrame) -> dict[str, list[float | None]]:
    """For each column whose every cell stands for a number (a number, or text such as "about
    EUR 1 billion" that carries its amount in `Shown.sort`), that number per row, None where
    the cell is empty: a web table sorts such a column by value, never by its words. Columns of
    text are left out (a table sorts those as text).

    >>> frame = pd.DataFrame({"name": ["a", "b"], "amount": [Shown("EUR 2 million", "", 2e6), ""]})
    >>> sort_keys(frame)
    {'1': [2000000.0, None]}

    Keyed by the column's position (as text, as JSON keys are), since a header's rendered text
    may differ from the column's name (typographic quotes).
    """
    keys = {}
    for position, column in enumerate(frame.columns):
        values = [_sort_key(v) for v in frame[column]]
        if any(v is False for v in values) or all(v is None for v in values):
            continue
        units = {v.unit for v in frame[column] if isinstance(v, Shown) and v.unit is not None}
        if len(units) > 1:  # euros beside dollars: no one order of numbers is the right one
            continue
        keys[str(position)] = values
    return keys
