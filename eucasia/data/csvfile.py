"""Read one CSV file of the package: bytes to text, header against the schema, rows with their line numbers."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from eucasia.data.cells import convert_cell
from eucasia.data.errors import Problem
from eucasia.data.frames import ParsedTable, typed_frame
from eucasia.data.paths import show_path
from eucasia.data.rules import as_list, check_row_rules

LONE_CARRIAGE_RETURN = re.compile(r"\r(?!\n)")


def decode(path: Path, shown: str, problems: list[Problem]) -> str | None:
    raw = path.read_bytes()
    if not raw.strip():
        problems.append(
            Problem(
                shown,
                None,
                None,
                "file is empty; it needs at least the header row",
                code="source-error",
            )
        )
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append(
            Problem(
                shown,
                1,
                None,
                "file starts with a byte-order mark (BOM); save it as UTF-8 without BOM",
                code="encoding-error",
            )
        )
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(
            Problem(
                shown,
                line,
                None,
                f"bytes {raw[exc.start : exc.end]!r} are not valid UTF-8; save the file as UTF-8",
                code="encoding-error",
            )
        )
        return None
    lone = LONE_CARRIAGE_RETURN.search(text)
    if lone:  # the CSV reader would end a line there, and every later line number would be off
        problems.append(
            Problem(
                shown,
                text.count("\n", 0, lone.start()) + 1,
                None,
                "a carriage return (U+000D) that does not end a line: lines end with a line "
                "feed (LF) or CR LF; delete it",
                code="format-error",
            )
        )
        return None
    return text


def key_fields(schema: dict) -> set[str]:
    """Columns holding identifiers or keys: primary and foreign keys, coded and patterned columns."""
    keys = set(as_list(schema.get("primaryKey", [])))
    for fk in schema.get("foreignKeys", []):
        keys.update(as_list(fk["fields"]))
    for field in schema["fields"]:
        constraints = field.get("constraints", {})
        if "pattern" in constraints or "enum" in constraints:
            keys.add(field["name"])
    keys.update(rule["field"] for rule in schema.get("x-idEncodes", []))
    return keys


def read_table(data_dir: Path, resource: dict, problems: list[Problem]) -> ParsedTable | None:
    path = data_dir / resource["path"]
    shown = show_path(path)
    if not path.resolve().is_relative_to(data_dir.resolve()):  # checked in the descriptor too
        problems.append(
            Problem(shown, None, None, "file lies outside data/; it is not read", code="path-error")
        )
        return None
    if not path.is_file():
        problems.append(
            Problem(
                shown,
                None,
                None,
                f"file for table '{resource['name']}' is missing",
                code="source-error",
            )
        )
        return None
    text = decode(path, shown, problems)
    if text is None:
        return None
    fields = resource["schema"]["fields"]
    names = [f["name"] for f in fields]
    keys = key_fields(resource["schema"])
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except csv.Error as exc:
        problems.append(
            Problem(shown, 1, None, f"malformed CSV header: {exc}", code="format-error")
        )
        return None
    if header != names:
        missing = [n for n in names if n not in header]
        extra = [h for h in header if h not in names]
        detail = []
        if missing:
            detail.append(f"missing {missing}")
        if extra:
            detail.append(f"unexpected {extra}")
        if not detail:
            detail.append("columns are out of order")
        problems.append(
            Problem(
                shown,
                1,
                None,
                f"header does not match the descriptor ({'; '.join(detail)}); expected {names}",
                code="incorrect-label",
            )
        )
        return None
    rows: list[list[object]] = []
    lines: list[int] = []
    start = reader.line_num + 1
    before = len(problems)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(
                Problem(
                    shown, reader.line_num, None, f"malformed CSV row: {exc}", code="format-error"
                )
            )
            break
        line, start = start, reader.line_num + 1
        if not row:
            problems.append(
                Problem(
                    shown, line, None, "blank line inside the table; delete it", code="blank-row"
                )
            )
            continue
        if len(row) != len(names):
            problems.append(
                Problem(
                    shown,
                    line,
                    None,
                    f"row has {len(row)} cells but the header has {len(names)}",
                    code="extra-cell" if len(row) > len(names) else "missing-cell",
                )
            )
            continue
        rows.append(
            [
                convert_cell(shown, line, f, cell, problems, f["name"] in keys)
                for f, cell in zip(fields, row, strict=True)
            ]
        )
        lines.append(line)
    minimum = resource.get("x-minRows", 0)
    if len(rows) < minimum and len(problems) == before:
        problems.append(
            Problem(
                shown,
                None,
                None,
                f"table has {len(rows)} rows; the book needs at least {minimum} (x-minRows)",
                code="table-dimensions",
            )
        )
    if len(problems) == before:
        check_row_rules(shown, resource, names, rows, lines, problems)
    frame = typed_frame(fields, rows)
    clean = len(problems) == before
    return ParsedTable(resource=resource, path=shown, lines=lines, frame=frame, clean=clean)
