"""Exhaustive: every input of every chapter, edited, re-executes exactly the chapters that list it.

Run by `make test-exhaustive` (a scheduled workflow and every release tag), not by `make test`.
What `make test` proves instead, in minutes: `test_cache_audit.py` observes in a fresh kernel
every file each chapter opens and every package module it imports, and fails when one is missing
from that chapter's cache key; `test_rebuilds.py` edits a table, a module and a visible string in
a copy of the shared build and checks that exactly the right chapters re-execute. This sweep adds
one rebuild per distinct set of reading chapters (about 20), all testing the same hashing of the
same listed files; it is kept for releases because it is the only check that every listed file's
hash really reaches the key.

In a copy of the repository, with the copy's package first on PYTHONPATH (so the kernels and the
book's extension import the copy, not the checkout), the book is built once; then files with the
same expected set of chapters (computed by `notebook_inputs`) are edited together and checked with
one rebuild, against MyST-NB's log.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from harness.edits import TOKEN, edit_input, rebuild_html
from harness.paths import ROOT
from harness.repository import copy_repository

from eucasia.assembly.cachekey import notebook_inputs

pytestmark = [pytest.mark.exhaustive, pytest.mark.rebuild]


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


def test_each_input_reexecutes_exactly_its_chapters(tmp_path: Path) -> None:
    book = copy_repository(tmp_path / "book")
    first = rebuild_html(book)
    assert len(first) == len(list((book / "notebooks").glob("*.md"))), first
    assert rebuild_html(book) == set(), "a rebuild with nothing changed executed notebooks"
    groups = expected_sets(book)
    kinds = {p.suffix for files in groups.values() for p in files}
    assert {".py", ".csv", ".json"} <= kinds, kinds
    for stems, files in sorted(groups.items(), key=lambda kv: sorted(kv[0])):
        for path in files:
            edit_input(path, book)
        executed = rebuild_html(book)
        names = sorted(str(p.relative_to(book)) for p in files)
        assert executed == set(stems), (
            f"editing {names} executed {sorted(executed)}, not {sorted(stems)}"
        )

    pages = book / "_build" / "html" / "notebooks"
    assert any(TOKEN in p.read_text(encoding="utf-8") for p in pages.glob("*.html")), (
        "no edited table value reached a page"
    )
