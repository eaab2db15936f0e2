"""The harness's own checks can fail: the checkout guard sees a written file, the shared build
reports a failed step, and only one caller may edit the shared build's folder."""

from __future__ import annotations

import json
from pathlib import Path

from harness.checkout import changed_files, snapshot
from harness.shared_build import SharedBuild, Step, claim_for_edits


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


def test_only_the_first_caller_may_edit_the_shared_build(tmp_path: Path) -> None:
    shared = SharedBuild(tmp_path / "book", True, {})
    assert claim_for_edits(shared) is True
    assert claim_for_edits(shared) is False
    assert json.dumps(sorted(p.name for p in tmp_path.iterdir())) == '["claimed-for-edits"]'
