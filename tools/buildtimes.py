"""Time the book's builds and check their budgets (`make measure`, first half).

In a copy of the repository (so the reader's `_build/` is never touched), it runs and times
`make html` and `make pdf` themselves, with the repository's venv (`make VENV=<root>/.venv`, its
stamp taken as up to date: the copy never rebuilds or touches the venv):

1. a clean HTML build (every notebook executes; each notebook's execution time is read from
   MyST-NB's log line "Executed notebook in N seconds");
2. `make html` again with nothing changed (make finds the inputs' digest unchanged and skips
   Jupyter Book: no notebook may execute);
3. `make html` after one chapter's last code cell gained a comment line (only that chapter may
   execute);
4. `make pdf` on top of the executed cache.

Budgets on this project's 2-core machine (issue "publication quality gates", issue 12): the no-op
build under 5 % of the clean build and nothing executed, the edited chapter and nothing else
re-executed, every notebook executed in under 30 s. Page weight is measured by `tools/measure.py`.

    .venv/bin/python tools/buildtimes.py [--chapter notebooks/resilience.md] [--json FILE]
                                         [--no-pdf]

Exit status 1 when a budget is missed, 2 when a build fails.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The build helpers are the tests' (tests/harness): the suite's shared build and this benchmark
# copy, run and read builds the same way.
sys.path.insert(0, str(ROOT / "tests"))
from harness.commands import build_environment  # noqa: E402
from harness.notebooks import executed_notebooks  # noqa: E402
from harness.repository import copy_repository  # noqa: E402
from harness.shared_build import SKIPPED, make_command  # noqa: E402

__all__ = ["SKIPPED", "executed_notebooks"]
NOOP_SHARE_BUDGET = 0.05
NOTEBOOK_SECONDS_BUDGET = 30.0
DEFAULT_CHAPTER = "notebooks/resilience.md"
EDIT_MARK = "# edited by tools/buildtimes.py to time a one-chapter rebuild"


@dataclass
class Build:
    """One timed build: wall seconds and the notebooks it executed (name → seconds)."""

    name: str
    seconds: float
    executed: dict[str, float] = field(default_factory=dict)
    returncode: int = 0
    skipped: bool = False  # make found nothing changed and ran no Jupyter Book


def add_edit_mark(chapter: Path) -> None:
    """Append a comment line to the chapter's last code cell: a change of its code, so its cache
    key changes, and of nothing any other notebook reads."""
    text = chapter.read_text(encoding="utf-8")
    start = text.rfind("```{code-cell}")
    if start < 0:
        raise ValueError(f"{chapter}: no code cell to edit")
    end = text.find("\n```", text.find("\n", start))
    if end < 0:
        raise ValueError(f"{chapter}: the last code cell is not closed")
    chapter.write_text(text[:end] + "\n" + EDIT_MARK + text[end:], encoding="utf-8")


def timed(name: str, cmd: list[str], cwd: Path, log_dir: Path, env: dict[str, str]) -> Build:
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=1800)
    seconds = time.perf_counter() - start
    log = result.stdout + result.stderr
    (log_dir / f"{name}.log").write_text(log, encoding="utf-8")
    return Build(
        name, round(seconds, 1), executed_notebooks(log), result.returncode, SKIPPED in log
    )


def run_builds(book: Path, chapter: str, with_pdf: bool, log_dir: Path) -> list[Build]:
    html = make_command("html")
    env = build_environment()
    builds = [timed("clean-html", html, book, log_dir, env)]
    if builds[-1].returncode:
        return builds
    builds.append(timed("noop-html", html, book, log_dir, env))
    add_edit_mark(book / chapter)
    builds.append(timed("one-chapter-edit-html", html, book, log_dir, env))
    if with_pdf and not builds[-1].returncode:
        builds.append(timed("pdf", make_command("pdf"), book, log_dir, env))
    return builds


def budget_failures(builds: list[Build], chapter: str) -> list[str]:
    """Every missed budget, in words; empty when all are met."""
    by_name = {b.name: b for b in builds}
    failures = []
    clean, noop = by_name.get("clean-html"), by_name.get("noop-html")
    edit = by_name.get("one-chapter-edit-html")
    if clean and noop:
        share = noop.seconds / clean.seconds
        if share >= NOOP_SHARE_BUDGET:
            failures.append(
                f"no-op rebuild {noop.seconds} s is {share:.0%} of the clean build "
                f"{clean.seconds} s (budget: under {NOOP_SHARE_BUDGET:.0%})"
            )
        if noop.executed:
            failures.append(f"no-op rebuild executed {sorted(noop.executed)}")
        if not noop.skipped:
            failures.append(
                "no-op make html ran Jupyter Book: make did not find the inputs unchanged"
            )
    if clean:
        for stem, seconds in sorted(clean.executed.items()):
            if not seconds < NOTEBOOK_SECONDS_BUDGET:
                failures.append(
                    f"{stem} executed in {seconds} s (budget: under {NOTEBOOK_SECONDS_BUDGET:.0f} s)"
                )
    if edit and sorted(edit.executed) != [Path(chapter).stem]:
        failures.append(
            f"editing {chapter} re-executed {sorted(edit.executed)}, not just {Path(chapter).stem}"
        )
    return failures


def format_report(builds: list[Build], chapter: str) -> str:
    clean = next((b for b in builds if b.name == "clean-html"), None)
    lines = [
        "Build times (seconds of wall time of make html / make pdf, with the repository's venv)",
        "",
        f"{'build':<24} {'seconds':>8} {'of clean':>9}  notebooks executed",
    ]
    for b in builds:
        share = f"{b.seconds / clean.seconds:.1%}" if clean and clean.seconds else ""
        names = ", ".join(sorted(b.executed)) or "none"
        skipped = " (Jupyter Book skipped: nothing changed)" if b.skipped else ""
        lines.append(
            f"{b.name:<24} {b.seconds:>8.1f} {share:>9}  {len(b.executed)}: {names}{skipped}"
        )
    if clean and clean.executed:
        lines += ["", "Execution time per notebook in the clean build (budget: under 30 s)"]
        for stem, seconds in sorted(clean.executed.items(), key=lambda kv: -kv[1]):
            lines.append(f"  {stem:<22} {seconds:>6.1f} s")
    lines.append(f"\n(the one-chapter edit appends a comment to the last code cell of {chapter})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chapter", default=DEFAULT_CHAPTER, help="the chapter to edit")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF build")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--keep", action="store_true", help="keep the copy and its logs")
    args = parser.parse_args(argv)
    if not (ROOT / args.chapter).is_file():
        print(f"{args.chapter}: no such chapter", file=sys.stderr)
        return 2
    workdir = Path(tempfile.mkdtemp(prefix="buildtimes-"))
    try:
        book = copy_repository(workdir / ROOT.name)
        print(f"timing builds in {book} ...", file=sys.stderr, flush=True)
        builds = run_builds(book, args.chapter, not args.no_pdf, workdir)
        print(format_report(builds, args.chapter))
        failed = [b for b in builds if b.returncode]
        if failed:
            print(f"\nbuild failed: {failed[0].name}; log: {workdir / failed[0].name}.log")
            args.keep = True
            return 2
        failures = budget_failures(builds, args.chapter)
        for failure in failures:
            print(f"BUDGET MISSED: {failure}")
        if not failures:
            print("\nall build budgets met")
        if args.json:
            report = {"chapter": args.chapter, "builds": [asdict(b) for b in builds]}
            args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
        return 1 if failures else 0
    finally:
        if args.keep:
            print(f"copy and logs kept in {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
