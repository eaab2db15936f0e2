"""Edits of a book's inputs that must change what a rebuild executes (the cache-key checks)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

MARK = "# edited by the tests' cache checks"
TOKEN = "CACHEPROBE"


def text_columns(resource: dict) -> list[str]:
    """Free-text columns: strings that are no key, code, date, URL or id the loader constrains."""
    schema = resource["schema"]
    keyed = set(
        [schema["primaryKey"]] if isinstance(schema["primaryKey"], str) else schema["primaryKey"]
    )
    for fk in schema.get("foreignKeys", []):
        keyed.update([fk["fields"]] if isinstance(fk["fields"], str) else fk["fields"])
    keyed.update(rule["field"] for rule in schema.get("x-idEncodes", []))
    return [
        f["name"]
        for f in schema["fields"]
        if f.get("type", "string") == "string"
        and f["name"] not in keyed
        and not f.get("x-partialDate")
        and "format" not in f
        and not {"enum", "pattern"} & set(f.get("constraints", {}))
    ]


def edit_input(path: Path, book: Path) -> None:
    """A real change of one input: a package module gains a comment line, a table's first
    free-text cell gains `TOKEN` (so the rebuilt page can show it), the descriptor a trailing
    newline; a table of keys only has its rows reversed."""
    from eucasia.data import read_descriptor

    if path.suffix == ".py":
        path.write_text(path.read_text(encoding="utf-8") + f"\n{MARK}\n", encoding="utf-8")
    elif path.name == "datapackage.json":
        path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    elif path.suffix == ".csv":
        resource = next(
            r for r in read_descriptor(book / "data")["resources"] if r["path"] == path.name
        )
        columns = text_columns(resource)
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
        if columns:
            column = columns[0]
            row = next(r for r in rows if r[column])
            row[column] += f" {TOKEN}"
            out = io.StringIO(newline="")
            writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
            path.write_text(out.getvalue(), encoding="utf-8")
        else:  # only keys: a row order change is a real change of the file
            text = path.read_text(encoding="utf-8").splitlines(keepends=True)
            path.write_text(text[0] + "".join(reversed(text[1:])), encoding="utf-8")
    else:
        raise AssertionError(f"no rule to edit {path}")


def chapters_reading(book: Path, path: Path) -> set[str]:
    """The chapters of `book` whose cache key lists `path` (a file of the copy)."""
    from eucasia.assembly.cachekey import notebook_inputs
    from harness.paths import ROOT

    found = set()
    for notebook in sorted((book / "notebooks").glob("*.md")):
        for listed in notebook_inputs(notebook.read_text(encoding="utf-8"), data_dir=book / "data"):
            listed = Path(listed)
            local = book / listed.relative_to(ROOT) if listed.is_relative_to(ROOT) else listed
            if local == path:
                found.add(notebook.stem)
    return found


def rebuild_html(book: Path) -> set[str]:
    """`jupyter-book build` of `book`'s HTML with the book's own package first on the path (so
    the kernels and the extension run the edited code); the chapters it executed."""
    from harness.commands import run
    from harness.notebooks import executed_notebooks
    from harness.paths import JB_FLAGS, JUPYTER_BOOK

    result = run(
        [JUPYTER_BOOK, "build", ".", "--builder", "html", *JB_FLAGS],
        cwd=book,
        env={"PYTHONPATH": str(book)},
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-6000:]
    return set(executed_notebooks(log))
