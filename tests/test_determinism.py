"""Two clean builds give the same book: exports, figures, data outputs and PDF text, byte for byte.

The book in `_build/` is compared with a second build made from nothing (no execution cache) in
a temporary copy of the repository. Any difference fails the test naming the differing file.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from buildtimes import build_environment
from conftest import BIN, BUILD, copy_repository, run


def digests(folder: Path, patterns: tuple[str, ...]) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for pattern in patterns
        for path in sorted(folder.rglob(pattern))
    }


def differences(first: dict[str, str], second: dict[str, str]) -> list[str]:
    problems = [f"only in the first build: {name}" for name in sorted(set(first) - set(second))]
    problems += [f"only in the second build: {name}" for name in sorted(set(second) - set(first))]
    problems += [
        f"differs: {name}"
        for name in sorted(set(first) & set(second))
        if first[name] != second[name]
    ]
    return problems


@pytest.fixture(scope="module")
def second_build(tmp_path_factory) -> Path:
    if (
        not (BUILD / "html" / "index.html").is_file()
        or not (BUILD / "latex" / "book.pdf").is_file()
    ):
        pytest.fail("the book is not built: run `make book` first (make test does)")
    book = copy_repository(tmp_path_factory.mktemp("determinism") / "book")
    # The first build's date (make's, from the last commit), so the two can be compared.
    env = {"SOURCE_DATE_EPOCH": build_environment()["SOURCE_DATE_EPOCH"]}
    for builder in ("html", "pdflatex"):
        result = run(
            [str(BIN / "jupyter-book"), "build", ".", "--builder", builder],
            cwd=book,
            timeout=1200,
            env=env,
        )
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return book / "_build"


def test_graph_exports_are_identical(second_build: Path) -> None:
    first = digests(BUILD / "exports", ("*.graphml", "*.gexf", "*.json"))
    assert first, "no graph exports in the first build"
    assert (
        differences(first, digests(second_build / "exports", ("*.graphml", "*.gexf", "*.json")))
        == []
    )


def figure_digests(build: Path) -> dict[str, str]:
    """SVG figures the HTML pages show (old builds leave unused files in _images) and PDF figures."""
    shown = set()
    for page in (build / "html").rglob("*.html"):
        shown |= set(
            re.findall(r'src="(?:\.\./)*_images/([^"]+\.svg)"', page.read_text(encoding="utf-8"))
        )
    found = {
        name: digest
        for name, digest in digests(build / "html" / "_images", ("*.svg",)).items()
        if name in shown
    }
    assert len(found) == len(shown), f"pages show missing images: {sorted(shown - set(found))}"
    figures = digests(build / "latex", ("*.pdf",))
    figures.pop("book.pdf", None)
    return found | figures


def test_figures_are_identical(second_build: Path) -> None:
    first, second = figure_digests(BUILD), figure_digests(second_build)
    assert len(first) >= 10, "expected the book's figures as SVG and PDF files"
    assert differences(first, second) == []


def test_downloadable_data_is_identical(second_build: Path) -> None:
    patterns = ("*.csv", "*.json", "*.graphml", "*.gexf")
    assert (
        differences(
            digests(BUILD / "html" / "_downloads", patterns),
            digests(second_build / "html" / "_downloads", patterns),
        )
        == []
    )


def test_pdf_text_and_dates_are_identical(second_build: Path) -> None:
    first, second = BUILD / "latex" / "book.pdf", second_build / "latex" / "book.pdf"
    assert run(["pdftotext", str(first), "-"]).stdout == run(["pdftotext", str(second), "-"]).stdout
    info = [
        dict(
            line.split(":", 1)
            for line in run(["pdfinfo", str(p)]).stdout.splitlines()
            if ":" in line
        )
        for p in (first, second)
    ]
    assert info[0]["CreationDate"] == info[1]["CreationDate"]
