"""eucasia.assembly.site.staticcopy: a changed file of book/_static is seen, so Sphinx copies it."""

from __future__ import annotations

import os

from eucasia.assembly.site.staticcopy import stale_copies


def test_a_source_newer_than_its_copy_or_without_one_is_stale(tmp_path) -> None:
    source, out = tmp_path / "book_static", tmp_path / "html_static"
    (source / "vendor").mkdir(parents=True)
    (out / "vendor").mkdir(parents=True)
    for name in ("a.js", "vendor/b.js", "c.css", ".hidden"):
        (source / name).write_text("x")
    for name in ("a.js", "vendor/b.js", "c.css"):
        (out / name).write_text("x")
        os.utime(out / name, (2_000_000_000, 2_000_000_000))
    os.utime(source / "a.js", (1_000_000_000, 1_000_000_000))
    assert stale_copies([source], out) == []
    os.utime(source / "vendor" / "b.js", (2_000_000_001, 2_000_000_001))  # edited since
    (out / "c.css").unlink()
    assert stale_copies([source], out) == ["c.css", "vendor/b.js"]
