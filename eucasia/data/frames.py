"""Parsed tables: typed DataFrames, with the source line of every row kept for messages."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass
class ParsedTable:
    resource: dict
    path: str  # as shown in messages
    lines: list[int]  # source line of each row
    frame: pd.DataFrame
    #: Every cell passed its own column's checks. Rules between columns and tables read cells
    #: as typed values, so they run only on clean tables: an invalid cell (empty, or a word
    #: outside its list) is reported where it is, never met by a rule as a missing value.
    clean: bool = True


PANDAS_TYPES = {"integer": "Int64", "number": "Float64", "boolean": "boolean"}


def typed_frame(fields: list[dict], rows: list[list[object]]) -> pd.DataFrame:
    columns = [f["name"] for f in fields]
    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    for field in fields:
        kind = field.get("type", "string")
        frame[field["name"]] = frame[field["name"]].astype(PANDAS_TYPES.get(kind, "string"))
    return frame
