"""The page-code digest sees every file of the code that makes pages (`eucasia.assembly.codedigest`).

Together with `test_rebuilds.py::test_an_extension_edit_reaches_every_page` (a changed digest
makes Sphinx write every page again, observed on the shared build) this proves that no edit to
the extensions, the assembly layer or the static assets leaves a page stale; the build itself
warns (an error under -W) when a package module is imported after the digest was taken.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from eucasia.assembly.codedigest import FOLDERS, ROOT, page_code_digest, page_code_files


def copy_folders(root: Path) -> None:
    for folder in FOLDERS:
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))


def test_every_file_of_the_page_code_changes_the_digest(tmp_path: Path) -> None:
    copy_folders(tmp_path)
    files = page_code_files(tmp_path, modules=[])
    assert len(files) >= 30, files
    kinds = {p.suffix for p in files}
    assert {".py", ".js", ".css"} <= kinds, kinds
    before = page_code_digest(tmp_path, modules=[])
    unchanged = []
    for path in files:
        data = path.read_bytes()
        path.write_bytes(data + b"\n")
        if page_code_digest(tmp_path, modules=[]) == before:
            unchanged.append(str(path.relative_to(tmp_path)))
        path.write_bytes(data)
    assert unchanged == []
    assert page_code_digest(tmp_path, modules=[]) == before


def test_a_new_or_renamed_file_changes_the_digest(tmp_path: Path) -> None:
    copy_folders(tmp_path)
    before = page_code_digest(tmp_path, modules=[])
    extra = tmp_path / "eucasia" / "assembly" / "site" / "new_step.py"
    extra.write_text("", encoding="utf-8")
    with_new = page_code_digest(tmp_path, modules=[])
    assert with_new != before
    extra.rename(extra.with_name("renamed_step.py"))
    assert page_code_digest(tmp_path, modules=[]) not in (before, with_new)


def test_package_modules_the_extensions_loaded_are_in_it() -> None:
    import eucasia.presentation.actors.actor_pages as loaded

    names = [p.relative_to(ROOT).as_posix() for p in page_code_files(modules=[loaded])]
    assert "eucasia/presentation/actors/actor_pages.py" in names
    assert "eucasia/presentation/actors/actor_pages.py" not in [
        p.relative_to(ROOT).as_posix() for p in page_code_files(modules=[])
    ]


def test_caches_and_bytecode_are_not_code(tmp_path: Path) -> None:
    copy_folders(tmp_path)
    before = page_code_digest(tmp_path, modules=[])
    cache = tmp_path / "eucasia" / "assembly" / "__pycache__"
    cache.mkdir(exist_ok=True)
    (cache / "files.cpython-311.pyc").write_bytes(b"\0")
    assert page_code_digest(tmp_path, modules=[]) == before
