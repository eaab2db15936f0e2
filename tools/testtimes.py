"""Time the test suite as `make test` runs it, by group, against its budget (`make measure`).

Runs pytest exactly as `make test` does (pytest-xdist, `--dist loadgroup`) on the built book,
with a JUnit XML report, and prints the wall time of the whole run and, for each group of the
suite (README, "The tests": unit, book, browser, rebuild), how many tests it has and the time
its tests took from the first one's start to the last one's end (the suite's conftest records
each test's start and end when `EUCASIA_TEST_TIMELINE` names a folder), beside the time its tests
took summed over the workers (the shared second build is charged to the first test that asked
for it), and the slowest tests. Exit status 1 when the run's wall time is over the
budget, 2 when tests failed.

    .venv/bin/python tools/testtimes.py [--workers 2] [--budget 720] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: `make test` on the project's 2-core machine, after `make book` (issue 21: at most 12 minutes).
BUDGET_SECONDS = 720.0
GROUPS = ("unit", "book", "browser", "rebuild")


def test_seconds(report: Path) -> dict[str, float]:
    """Test id → seconds, from a JUnit XML report (without the `@group` pytest-xdist appends)."""
    seconds = {}
    for case in ET.parse(report).getroot().iter("testcase"):
        path = case.get("classname", "").replace(".", "/")
        name = case.get("name", "")
        if name.rfind("@") > name.rfind("]"):
            name = name[: name.rfind("@")]
        test_id = f"{path}.py::{name}"
        seconds[test_id] = seconds.get(test_id, 0.0) + float(case.get("time", 0))
    return seconds


def read_timeline(folder: Path) -> list[dict]:
    """Every test's start and end (seconds since the epoch), worker and groups, as the suite's
    conftest wrote them (one file a process)."""
    rows = []
    for path in sorted(folder.glob("timeline-*.json")):
        rows += json.loads(path.read_text(encoding="utf-8"))
    return rows


def spans(timeline: list[dict]) -> dict[str, tuple[int, float, float]]:
    """Per group (unit, book, browser, rebuild, and each pytest-xdist group): how many tests, the
    wall time from its first test's start to its last test's end, and its tests' summed time.

    >>> rows = [{"start": 0.0, "end": 5.0, "marks": ["rebuild"], "xdist_group": "kernels"},
    ...         {"start": 2.0, "end": 9.0, "marks": [], "xdist_group": None}]
    >>> spans(rows)["rebuild"], spans(rows)["unit"], spans(rows)["kernels"]
    ((1, 5.0, 5.0), (1, 7.0, 7.0), (1, 5.0, 5.0))
    """
    members: dict[str, list[dict]] = defaultdict(list)
    for row in timeline:
        marks = set(row["marks"])
        group = next((g for g in ("rebuild", "browser", "book") if g in marks), "unit")
        members[group].append(row)
        if row["xdist_group"]:
            members[row["xdist_group"]].append(row)
    return {
        name: (
            len(rows),
            round(max(r["end"] for r in rows) - min(r["start"] for r in rows), 1),
            round(sum(r["end"] - r["start"] for r in rows), 1),
        )
        for name, rows in members.items()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", default="3", help="pytest-xdist workers (make test's)")
    parser.add_argument("--budget", type=float, default=BUDGET_SECONDS)
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="testtimes-") as tmp:
        report = Path(tmp) / "junit.xml"
        command = [
            sys.executable, "-m", "pytest", "-n", args.workers, "--dist", "loadgroup",
            "--no-loadscope-reorder", "-q",
            "-p", "no:cacheprovider", f"--junitxml={report}",
        ]  # fmt: skip
        print("timing: " + " ".join(command[2:]), file=sys.stderr, flush=True)
        env = {**os.environ, "EUCASIA_TEST_TIMELINE": tmp}
        start = time.perf_counter()
        result = subprocess.run(command, cwd=ROOT, check=False, env=env)
        wall = round(time.perf_counter() - start, 1)
        seconds = test_seconds(report) if report.is_file() else {}
        timeline = read_timeline(Path(tmp))
    groups = {row["test"]: (row["marks"] or ["unit"])[-1] for row in timeline}
    span = spans(timeline)
    print(
        f"\n| tests (make test, {args.workers} workers) | tests | wall seconds | test seconds summed |"
    )
    print("|---|---:|---:|---:|")
    print(f"| whole run | {len(seconds)} | {wall} | {sum(seconds.values()):.1f} |")
    for group in (*GROUPS, *sorted(set(span) - set(GROUPS))):
        if group in span:
            count, group_wall, summed = span[group]
            print(f"| {group} | {count} | {group_wall} | {summed} |")
    print("\nslowest tests (seconds, summed over setup, call and teardown):")
    for test_id, spent in sorted(seconds.items(), key=lambda kv: -kv[1])[:15]:
        print(f"  {spent:7.1f}  {groups.get(test_id, 'unit'):8}  {test_id}")
    if args.json:
        figures = {
            "wall_seconds": wall,
            "budget_seconds": args.budget,
            "groups": {
                g: {"tests": n, "wall_seconds": w, "seconds": s} for g, (n, w, s) in span.items()
            },
            "timeline": timeline,  # when each test started and ended, on which worker
        }
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    if result.returncode:
        print(f"\ntests failed (pytest exit status {result.returncode})")
        return 2
    if wall > args.budget:
        print(f"\nBUDGET MISSED: make test took {wall} s (budget {args.budget:.0f} s)")
        return 1
    print(f"\nmake test within its budget ({wall} s of {args.budget:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
