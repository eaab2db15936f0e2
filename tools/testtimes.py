"""Time the test suite as `make test` runs it, by group, against its budget (`make measure`).

Runs pytest exactly as `make test` does (pytest-xdist, `--dist loadgroup`) on the built book,
with a JUnit XML report, and prints the wall time of the whole run and, for each group of the
suite (README, "The tests": unit, book, browser, rebuild), how many tests it has and the time
its tests took (setup, call and teardown summed over the workers: the shared second build is
charged to the first test that asked for it). Exit status 1 when the run's wall time is over the
budget, 2 when tests failed.

    .venv/bin/python tools/testtimes.py [--workers 2] [--budget 720] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
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


def collect_groups() -> dict[str, str]:
    """Test id → its group, read from pytest's own collection with the markers the suite's
    conftest gives (the most demanding group wins: rebuild, then browser, then book)."""
    query = [
        sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
    ]  # fmt: skip
    groups: dict[str, str] = {}
    for group in ("rebuild", "browser", "book"):
        result = subprocess.run(
            [*query, "-m", group], cwd=ROOT, capture_output=True, text=True, check=False
        )
        for line in result.stdout.splitlines():
            if "::" in line:
                groups.setdefault(line.strip(), group)
    return groups


def test_seconds(report: Path) -> dict[str, float]:
    """Test id → seconds, from a JUnit XML report."""
    seconds = {}
    for case in ET.parse(report).getroot().iter("testcase"):
        path = case.get("classname", "").replace(".", "/")
        test_id = f"{path}.py::{case.get('name')}"
        seconds[test_id] = seconds.get(test_id, 0.0) + float(case.get("time", 0))
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", default="3", help="pytest-xdist workers (make test's)")
    parser.add_argument("--budget", type=float, default=BUDGET_SECONDS)
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="testtimes-") as tmp:
        report = Path(tmp) / "junit.xml"
        command = [
            sys.executable, "-m", "pytest", "-n", args.workers, "--dist", "loadgroup", "-q",
            "-p", "no:cacheprovider", f"--junitxml={report}",
        ]  # fmt: skip
        print("timing: " + " ".join(command[2:]), file=sys.stderr, flush=True)
        start = time.perf_counter()
        result = subprocess.run(command, cwd=ROOT, check=False)
        wall = round(time.perf_counter() - start, 1)
        seconds = test_seconds(report) if report.is_file() else {}
    groups = collect_groups()
    by_group: dict[str, list[float]] = defaultdict(list)
    for test_id, spent in seconds.items():
        by_group[groups.get(test_id, "unit")].append(spent)
    print(f"\n| tests (make test, {args.workers} workers) | tests | seconds |")
    print("|---|---:|---:|")
    print(f"| whole run, wall time | {len(seconds)} | {wall} |")
    for group in GROUPS:
        spent = by_group.get(group, [])
        print(f"| {group}: test time summed | {len(spent)} | {sum(spent):.1f} |")
    print("\nslowest tests (seconds, summed over setup, call and teardown):")
    for test_id, spent in sorted(seconds.items(), key=lambda kv: -kv[1])[:15]:
        print(f"  {spent:7.1f}  {groups.get(test_id, 'unit'):8}  {test_id}")
    if args.json:
        figures = {
            "wall_seconds": wall,
            "budget_seconds": args.budget,
            "groups": {
                g: {"tests": len(v), "seconds": round(sum(v), 1)} for g, v in by_group.items()
            },
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
