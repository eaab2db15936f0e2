"""Every chapter runs in a fresh kernel as a Binder reader runs it, and its cache key lists
everything it was seen to read.

`harness.audit` executes each chapter top to bottom from its own folder with an audit hook that
records every file opened for reading under the repository and every `eucasia` module imported.
A file or module the chapter used that `notebook_inputs` does not list is a stale page waiting
to happen (an edit to it would change the chapter without changing its cache key), so the test
fails naming it. The check is proven on a fixture chapter that opens a table's file directly and
imports a module by a name built at run time: both must be reported.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from harness.audit import Observed, observe
from harness.paths import ROOT

from eucasia.assembly.cachekey import notebook_inputs

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.md"))
FIXTURE = ROOT / "tests" / "fixtures" / "audit" / "undeclared_inputs.md"
BUDGET_SECONDS = 30

pytestmark = [pytest.mark.rebuild, pytest.mark.xdist_group("kernels")]


def declared(path: Path) -> set[Path]:
    inputs = notebook_inputs(path.read_text(encoding="utf-8"), data_dir=ROOT / "data")
    return {Path(p).resolve() for p in inputs}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_chapter_runs_fresh_and_its_cache_key_lists_what_it_reads(path: Path) -> None:
    seen: Observed = observe(path)
    assert seen.errors == [], seen.errors
    assert seen.seconds < BUDGET_SECONDS, (
        f"{path.name} took {seen.seconds:.1f} s (budget {BUDGET_SECONDS} s)"
    )
    assert any(p.suffix == ".csv" for p in seen.files), "the audit saw no table read at all"
    assert seen.undeclared(declared(path)) == []


def test_the_audit_reports_a_chapter_reading_undeclared_inputs() -> None:
    seen = observe(FIXTURE)
    assert seen.errors == [], seen.errors
    assert seen.undeclared(declared(FIXTURE)) == [
        "data/parliament_statements.csv",
        "eucasia/analysis/__init__.py",  # importing a module imports its package
        "eucasia/analysis/tracker.py",
    ]
