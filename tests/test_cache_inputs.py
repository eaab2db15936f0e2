"""Every file a chapter depends on re-executes exactly the chapters whose inputs include it.

In a copy of the repository, with the copy's package first on PYTHONPATH (so the kernels and
the book's extension import the copy, not the checkout), the book is built once; then every
input file of every chapter is edited: package modules get a comment appended, tables a real
change to a free-text cell, the descriptor a trailing newline. Files with the same expected set
of chapters (computed by `notebook_inputs`) are edited together and checked with one rebuild,
against MyST-NB's log (the reader of tools/buildtimes): one clean build, one no-op build, 19
rebuilds (one per distinct set of chapters, edition 0.2.0) and one for a visible code change.
Measured: 23 min on the 2-core machine while other builds shared it (1380 s, pytest
--durations); expect less on an idle machine.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from pathlib import Path

import buildtimes
import pytest
from conftest import BIN, ROOT, copy_repository, run
from test_text_safety import text_columns

from eucasia.build.cachekey import notebook_inputs
from eucasia.data import read_descriptor

JB = str(BIN / "jupyter-book")
MARK = "# edited by tests/test_cache_inputs.py"
TOKEN = "CACHEPROBE"


def build(book: Path) -> set[str]:
    result = run(
        [JB, "build", ".", "--builder", "html", "-W", "-n", "--keep-going"],
        cwd=book,
        env={"PYTHONPATH": str(book)},
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-6000:]
    return set(buildtimes.executed_notebooks(log))


def expected_sets(book: Path) -> dict[frozenset[str], list[Path]]:
    """Input file (in the copy) grouped by the set of chapters that read it."""
    readers: dict[Path, set[str]] = defaultdict(set)
    for notebook in sorted((book / "notebooks").glob("*.md")):
        for path in notebook_inputs(notebook.read_text(encoding="utf-8"), data_dir=book / "data"):
            path = Path(path)
            local = book / path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
            readers[local].add(notebook.stem)
    groups: dict[frozenset[str], list[Path]] = defaultdict(list)
    for path, stems in readers.items():
        groups[frozenset(stems)].append(path)
    return groups


def edit(path: Path, book: Path) -> None:
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


@pytest.mark.slow
def test_each_input_reexecutes_exactly_its_chapters(tmp_path: Path) -> None:
    book = copy_repository(tmp_path / "book")
    first = build(book)
    assert len(first) == len(list((book / "notebooks").glob("*.md"))), first
    assert build(book) == set(), "a rebuild with nothing changed executed notebooks"
    groups = expected_sets(book)
    kinds = {p.suffix for files in groups.values() for p in files}
    assert {".py", ".csv", ".json"} <= kinds, kinds
    for stems, files in sorted(groups.items(), key=lambda kv: sorted(kv[0])):
        for path in files:
            edit(path, book)
        executed = build(book)
        names = sorted(str(p.relative_to(book)) for p in files)
        assert executed == set(stems), (
            f"editing {names} executed {sorted(executed)}, not {sorted(stems)}"
        )

    pages = book / "_build" / "html" / "notebooks"
    assert any(TOKEN in p.read_text(encoding="utf-8") for p in pages.glob("*.html")), (
        "no edited table value reached a page"
    )

    # a real change of package code, visible on the page
    module = book / "eucasia" / "presentation" / "tables.py"
    text = module.read_text(encoding="utf-8")
    assert '"in a single initiative"' in text
    module.write_text(
        text.replace('"in a single initiative"', '"in one single initiative"'), encoding="utf-8"
    )
    expected = next(set(stems) for stems, files in groups.items() if module in files)
    assert build(book) == expected
    assert "in one single initiative" in (pages / "resilience.html").read_text(encoding="utf-8")
