"""The harness's own checks can fail: the checkout guard sees a written file, the shared build
reports a failed step, and only one caller may edit the shared build's folder."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from harness.checkout import changed_files, snapshot
from harness.groups import ungrouped, ungrouped_message
from harness.shared_build import SharedBuild, Step


def test_the_checkout_guard_sees_a_file_created_written_or_deleted(tmp_path: Path) -> None:
    (tmp_path / "kept.txt").write_text("a", encoding="utf-8")
    (tmp_path / "gone.txt").write_text("b", encoding="utf-8")
    (tmp_path / "__pycache__").mkdir()
    before = snapshot(tmp_path)
    assert changed_files(before, snapshot(tmp_path)) == []
    (tmp_path / "kept.txt").write_text("a longer text", encoding="utf-8")
    (tmp_path / "gone.txt").unlink()
    (tmp_path / "new.txt").write_text("c", encoding="utf-8")
    (tmp_path / "__pycache__" / "m.pyc").write_bytes(b"")  # bytecode is not the checkout's
    assert changed_files(before, snapshot(tmp_path)) == [
        "deleted: gone.txt",
        "created: new.txt",
        "written: kept.txt",
    ]


def test_a_failed_step_makes_the_shared_build_unusable(tmp_path: Path) -> None:
    log = tmp_path / "pdf.log"
    log.write_text("! LaTeX Error: File `x.sty' not found.", encoding="utf-8")
    steps = {
        "clean-html": Step("clean-html", 60.0, 0, str(log)),
        "pdf": Step("pdf", 5.0, 2, str(log)),
    }
    problem = SharedBuild(tmp_path / "book", True, steps).failure()
    assert problem and "'pdf' failed (2)" in problem and "x.sty" in problem
    steps["pdf"].returncode = 0
    assert "never ran its step 'noop-make'" in SharedBuild(tmp_path, True, steps).failure()


def test_xdist_keeps_a_group_on_one_worker(tmp_path: Path) -> None:
    """Observed, not assumed: a group split over two modules runs on one worker under the
    installed pytest and pytest-xdist (pytest 9.2 with pytest-xdist 3.8 spreads it)."""
    for module in ("a", "b"):
        (tmp_path / f"test_{module}.py").write_text(
            "import pytest\n"
            + "".join(
                f"@pytest.mark.xdist_group('shared')\ndef test_{module}{k}(): pass\n"
                f"def test_{module}_alone{k}(): pass\n"
                for k in range(3)
            ),
            encoding="utf-8",
        )
    # Only xdist is loaded (no other plugin's start-up cost per worker) and none of this run's
    # PYTEST_* variables leak into the child: on a loaded two-core machine three workers that
    # each import every installed plugin took over two minutes to start.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    env["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "xdist.plugin", "-n", "3", "--dist", "loadgroup",
         "-v", "-p", "no:cacheprovider", "--rootdir", str(tmp_path), str(tmp_path)],
        capture_output=True, text=True, cwd=tmp_path, env=env, check=False, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-2000:]
    workers = set(re.findall(r"\[(gw\d+)\].*PASSED \S+@shared", result.stdout))
    assert len(re.findall(r"PASSED \S+@shared", result.stdout)) == 6, result.stdout[-2000:]
    assert len(workers) == 1, f"the group ran on {sorted(workers)}"


def test_a_marked_test_without_its_group_suffix_is_reported() -> None:
    class Marked:
        nodeid = "tests/test_rebuilds.py::test_noop"

        def iter_markers(self, name: str):
            return [pytest.mark.xdist_group("second-build").mark]

    class Suffixed(Marked):
        nodeid = "tests/test_rebuilds.py::test_noop@second-build"

    assert ungrouped([Suffixed()]) == []
    assert ungrouped([Marked()]) == ["tests/test_rebuilds.py::test_noop"]
    assert "make env" in ungrouped_message(["x"])
