"""Build-time budgets (issue: publication quality gates, speed).

The unit tests check how `tools/buildtimes.py` reads build logs and judges budgets. The budgets
themselves are held on the suite's shared build (`test_rebuilds.py`); `make measure` runs the
tool for real (clean, no-op, one-chapter edit, PDF) and fails on any missed budget.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from harness.tools import load_tool

buildtimes = load_tool("buildtimes")
Build = buildtimes.Build

LOG = """\
Running Sphinx v7.4.7
/tmp/x/notebooks/countries.md: Executing notebook using local CWD [mystnb]
/tmp/x/notebooks/countries.md: Executed notebook in 4.93 seconds [mystnb]
/tmp/x/notebooks/data_dictionary.md: Executing notebook using local CWD [mystnb]
/tmp/x/notebooks/data_dictionary.md: Executed notebook in 4.40 seconds [mystnb]
/tmp/x/notebooks/overview.md: Executing notebook using local CWD [mystnb]
/tmp/x/notebooks/together.md: Using cached notebook: ID=4 [mystnb]
build succeeded.
"""


def test_log_gives_each_executed_notebook_and_its_seconds() -> None:
    executed = buildtimes.executed_notebooks(LOG)
    assert set(executed) == {"countries", "data_dictionary", "overview"}
    assert executed["countries"] == 4.93
    assert executed["data_dictionary"] == 4.40
    assert math.isnan(executed["overview"])  # started, never finished: not a pass


def test_cached_notebooks_are_not_counted() -> None:
    assert buildtimes.executed_notebooks("x.md: Using cached notebook: ID=1 [mystnb]\n") == {}


def test_edit_mark_lands_in_the_last_code_cell(tmp_path: Path) -> None:
    chapter = tmp_path / "c.md"
    chapter.write_text(
        "# T\n\n```{code-cell} ipython3\na = 1\n```\n\ntext\n\n"
        "```{code-cell} ipython3\nb = 2\n```\n\nend\n",
        encoding="utf-8",
    )
    buildtimes.add_edit_mark(chapter)
    text = chapter.read_text(encoding="utf-8")
    assert f"b = 2\n{buildtimes.EDIT_MARK}\n```\n\nend\n" in text
    assert text.count(buildtimes.EDIT_MARK) == 1
    assert "a = 1\n```" in text


def test_edit_mark_refuses_a_page_without_code(tmp_path: Path) -> None:
    page = tmp_path / "p.md"
    page.write_text("# Only prose\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no code cell"):
        buildtimes.add_edit_mark(page)


def _builds(noop_seconds: float, edited: dict, slowest: float = 6.0) -> list[Build]:
    return [
        Build("clean-html", 60.0, {"overview": 5.0, "resilience": slowest}),
        Build("noop-html", noop_seconds, {}, skipped=True),
        Build("one-chapter-edit-html", 15.0, edited),
        Build("pdf", 20.0, {}),
    ]


def test_budgets_met() -> None:
    chapter = "notebooks/resilience.md"
    assert buildtimes.budget_failures(_builds(2.9, {"resilience": 6.0}), chapter) == []


@pytest.mark.parametrize(
    ("builds", "message"),
    [
        (_builds(3.0, {"resilience": 6.0}), "no-op rebuild 3.0 s is 5%"),
        (_builds(9.0, {"resilience": 6.0}), "no-op rebuild 9.0 s is 15%"),
        (_builds(1.0, {"resilience": 6.0, "overview": 5.0}), "re-executed ['overview'"),
        (_builds(1.0, {}), "re-executed []"),
        (_builds(1.0, {"resilience": 6.0}, slowest=31.0), "resilience executed in 31.0 s"),
        (_builds(1.0, {"resilience": 6.0}, slowest=math.nan), "resilience executed in nan s"),
    ],
)
def test_each_missed_budget_is_named(builds: list[Build], message: str) -> None:
    failures = buildtimes.budget_failures(builds, "notebooks/resilience.md")
    assert any(message in failure for failure in failures), failures


def test_noop_that_runs_jupyter_book_is_a_failure() -> None:
    builds = _builds(1.0, {"resilience": 6.0})
    builds[1].skipped = False
    failures = buildtimes.budget_failures(builds, "notebooks/resilience.md")
    assert failures == ["no-op make html ran Jupyter Book: make did not find the inputs unchanged"]


def test_skip_is_read_from_makes_output(tmp_path: Path) -> None:
    script = f"echo 'make html: {buildtimes.SKIPPED}'"
    build = buildtimes.timed("noop-html", ["sh", "-c", script], tmp_path, tmp_path, {})
    assert build.skipped and build.returncode == 0 and build.executed == {}


def test_noop_that_executes_is_a_failure() -> None:
    builds = _builds(1.0, {"resilience": 6.0})
    builds[1].executed = {"overview": 5.0}
    failures = buildtimes.budget_failures(builds, "notebooks/resilience.md")
    assert failures == ["no-op rebuild executed ['overview']"]
