"""`make measure`'s test timing (tools/testtimes.py): reading JUnit reports and the budget."""

from __future__ import annotations

from pathlib import Path

from harness.tools import load_tool

testtimes = load_tool("testtimes")

REPORT = """<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="pytest" tests="3">
<testcase classname="tests.test_a" name="test_one" time="1.5"/>
<testcase classname="tests.test_a" name="test_two[x-y]" time="0.25"/>
<testcase classname="tests.test_b" name="test_three@second-build" time="30.0"><failure message="no"/></testcase>
<testcase classname="tests.test_b" name="test_four[a@b]" time="2.0"/>
</testsuite></testsuites>
"""


def test_seconds_are_read_per_test_id(tmp_path: Path) -> None:
    report = tmp_path / "junit.xml"
    report.write_text(REPORT, encoding="utf-8")
    assert testtimes.test_seconds(report) == {
        "tests/test_a.py::test_one": 1.5,
        "tests/test_a.py::test_two[x-y]": 0.25,
        "tests/test_b.py::test_three": 30.0,  # the id as the timeline has it, group cut off
        "tests/test_b.py::test_four[a@b]": 2.0,  # an @ inside parameters is not a group
    }


def test_the_budget_is_the_issues_twelve_minutes() -> None:
    assert testtimes.BUDGET_SECONDS == 12 * 60
