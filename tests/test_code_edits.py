"""Every file of the code that makes pages, edited in turn, makes the build write every page again.

`make test-exhaustive` only (about a minute a file). The unit test `test_codedigest.py` shows
each such file changes the page-code digest, and `test_rebuilds.py` shows on the shared build
that a visible edit of the extension reaches every page; this sweep observes, file by file,
that Sphinx really re-reads and writes every page after an edit that changes no behaviour (a
comment appended), where before the digest it wrote 0 pages and `make` then said "nothing
changed" until `make clean`.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from harness.commands import run
from harness.paths import JB_FLAGS, JUPYTER_BOOK, ROOT
from harness.repository import copy_repository
from harness.shared_build import SharedBuild

from eucasia.assembly.codedigest import page_code_files

pytestmark = [pytest.mark.exhaustive, pytest.mark.xdist_group("code-edits")]

FILES = [p.relative_to(ROOT).as_posix() for p in page_code_files(modules=[])]


@pytest.fixture(scope="module")
def book(second_build: SharedBuild, tmp_path_factory) -> Path:
    book = copy_repository(tmp_path_factory.mktemp("code-edits") / "book")
    shutil.copytree(second_build.build, book / "_build", symlinks=True)
    build(book)  # the copy's first build re-reads once (new paths); later ones are compared
    return book


def build(book: Path) -> str:
    result = run(
        [JUPYTER_BOOK, "build", ".", "--builder", "html", *JB_FLAGS],
        cwd=book,
        env={"PYTHONPATH": str(book)},
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    return result.stdout + result.stderr


def changed_documents(log: str) -> int:
    """How many documents Sphinx re-read (`updating environment: A added, C changed, R removed`)."""
    # another extension's message may come between the label and the counts, on its own line
    match = re.search(r"updating environment: .*?(\d+) added, (\d+) changed", log, re.S)
    return int(match[1]) + int(match[2]) if match else 0


@pytest.mark.parametrize("file", FILES)
def test_an_edit_to_page_code_writes_every_page(book: Path, file: str) -> None:
    path = book / file
    original = path.read_bytes()
    comment = b"\n/* edited */\n" if path.suffix in (".css", ".js") else b"\n# edited\n"
    if path.suffix not in (".py", ".css", ".js"):
        comment = b"\n"
    try:
        path.write_bytes(original + comment)
        log = build(book)
        documents = len(list((book / "_build" / "html").rglob("*.html")))
        assert changed_documents(log) >= documents * 0.9, log[-3000:]
    finally:
        path.write_bytes(original)
