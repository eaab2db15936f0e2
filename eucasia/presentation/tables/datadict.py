"""The data dictionary: the descriptor's tables and fields as DataFrames and tables for the book."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from eucasia.presentation.page.display import show_table, table_markdown

#: Column widths (per cent) of a field table on the web page.
FIELD_WIDTHS = (16, 8, 8, 14, 22, 32)
#: In print the meaning gets the room the short columns (type, required, key) do not need.
FIELD_PRINT_WIDTHS = (15, 8, 7, 12, 20, 38)


def print_widths_class(widths: Sequence[int]) -> str:
    """The table class that gives the PDF its own column widths (read by the book's extension)."""
    return "print-widths-" + "-".join(str(w) for w in widths)


def _allowed(field: Mapping) -> str:
    constraints = field.get("constraints", {})
    if field.get("x-partialDate"):
        return "YYYY, YYYY-MM or YYYY-MM-DD"
    if "enum" in constraints:
        return ", ".join(constraints["enum"])
    if "pattern" in constraints:
        return f"pattern {constraints['pattern']}"
    if field.get("format") == "uri":
        return "http(s) URL"
    return ""


def field_table(resource: Mapping) -> pd.DataFrame:
    """One row per column of a table: name, type, required, key role, allowed values, meaning."""
    schema = resource["schema"]
    key = schema.get("primaryKey") or []
    key = [key] if isinstance(key, str) else list(key)
    references = {}
    for fk in schema.get("foreignKeys", []):
        fields = [fk["fields"]] if isinstance(fk["fields"], str) else fk["fields"]
        for name in fields:
            references[name] = f"refers to {fk['reference']['resource']}"
    rows = []
    for field in schema["fields"]:
        name = field["name"]
        roles = ["key"] if name in key else []
        if name in references:
            roles.append(references[name])
        rows.append(
            {
                "column": name,
                "type": field.get("type", "string"),
                "required": "yes" if field.get("constraints", {}).get("required") else "",
                "key": " ".join(roles),
                "allowed values": _allowed(field),
                "meaning": field.get("description", ""),
            }
        )
    return pd.DataFrame(rows)


def table_overview(descriptor: Mapping, tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per table: name, file, rows, columns, description.

    Examples
    --------
    >>> from eucasia.data import load_tables, read_descriptor
    >>> overview = table_overview(read_descriptor(), load_tables())
    >>> list(overview.columns)
    ['table', 'file', 'rows', 'columns', 'what a row is']
    """
    return pd.DataFrame(
        [
            {
                "table": r["name"],
                "file": r["path"],
                "rows": len(tables[r["name"]]),
                "columns": len(r["schema"]["fields"]),
                "what a row is": r["description"],
            }
            for r in descriptor["resources"]
        ]
    )


def _field_table_options() -> dict:
    return {
        "widths": FIELD_WIDTHS,
        "long": True,
        "extra_classes": [print_widths_class(FIELD_PRINT_WIDTHS)],
    }


def field_table_markdown(resource: Mapping, caption: str, name: str) -> str:
    """The field table of `resource` as a numbered table that breaks across pages in print,
    with the PDF's own column widths (what :func:`show_field_table` shows)."""
    return table_markdown(field_table(resource), caption, name, **_field_table_options())


def show_field_table(resource: Mapping, caption: str, name: str) -> None:
    """Show :func:`field_table_markdown`'s table, its rows offered as CSV on the web.

    Examples
    --------
    Outside a notebook, record what it puts on the page instead of displaying it:

    >>> from unittest import mock
    >>> from eucasia.data import read_descriptor
    >>> strands = next(r for r in read_descriptor()["resources"] if r["name"] == "strands")
    >>> with mock.patch("eucasia.presentation.page.display.display") as page:
    ...     show_field_table(strands, "Columns of the table strands.", "tbl-dict-strands")
    >>> lines = page.call_args.args[0].data.splitlines()
    >>> lines[0][:15], lines[1]  # a MyST table, and its label
    ('~~~{list-table}', ':name: tbl-dict-strands')
    """
    show_table(
        field_table(resource),
        caption,
        name,
        sources=("datapackage.json",),
        **_field_table_options(),
    )
