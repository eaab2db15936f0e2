"""Rebuilds do no more than they must, read from the suite's shared second build.

- nothing changed: `make html` skips Jupyter Book, and Jupyter Book itself executes nothing;
- budgets: every chapter executed once in the clean build, each in under 30 s (the seconds
  jupyter-cache recorded), and the no-op `make html` under 5 % of the clean build.

The edits that must re-execute exactly their chapters are `test_rebuild_edits.py`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from harness.notebooks import cached_execution_seconds
from harness.shared_build import SharedBuild
from harness.tools import load_tool

buildtimes = load_tool("buildtimes")

pytestmark = pytest.mark.xdist_group("second-build")


def chapters(book: Path) -> set[str]:
    return {p.stem for p in (book / "notebooks").glob("*.md")}


def test_noop_make_html_runs_no_jupyter_book(second_build: SharedBuild) -> None:
    noop = second_build.steps["noop-make"]
    assert noop.skipped, Path(noop.log).read_text(encoding="utf-8")[-2000:]
    assert noop.executed == {}


def test_noop_jupyter_book_executes_nothing(second_build: SharedBuild) -> None:
    noop = second_build.steps["noop-jupyter-book"]
    assert noop.executed == {}, noop.executed
    # one cache record per chapter: the no-op build added none
    records = cached_execution_seconds(second_build.build)
    assert set(records) == chapters(second_build.book)


def test_build_budgets_are_met(second_build: SharedBuild) -> None:
    """Each chapter executed once in the clean build, in under its budget, and the no-op
    rebuild cost under 5 % of the clean build (tools/buildtimes.py judges, as `make measure`)."""
    steps = second_build.steps
    assert set(steps["clean-html"].executed) == chapters(second_build.book)
    seconds = cached_execution_seconds(second_build.build)
    builds = [
        buildtimes.Build("clean-html", steps["clean-html"].seconds, seconds),
        buildtimes.Build(
            "noop-html",
            steps["noop-make"].seconds,
            steps["noop-make"].executed,
            skipped=steps["noop-make"].skipped,
        ),
    ]
    assert buildtimes.budget_failures(builds, buildtimes.DEFAULT_CHAPTER) == []
