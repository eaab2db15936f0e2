"""Two clean builds give the same book: exports, figures, data outputs and PDF text, byte for byte.

The book in `_build/` is compared with the suite's shared second build (`harness.shared_build`),
made from nothing (no execution cache) in a copy of the repository outside the checkout, offline.
Any difference fails the test naming the differing file.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from harness.commands import run
from harness.paths import BUILD
from harness.shared_build import SharedBuild


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


def test_graph_exports_are_identical(second_build: SharedBuild) -> None:
    first = digests(BUILD / "exports", ("*.graphml", "*.gexf", "*.json"))
    assert first, "no graph exports in the first build"
    assert (
        differences(
            first, digests(second_build.build / "exports", ("*.graphml", "*.gexf", "*.json"))
        )
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


def test_figures_are_identical(second_build: SharedBuild) -> None:
    first, second = figure_digests(BUILD), figure_digests(second_build.build)
    assert len(first) >= 10, "expected the book's figures as SVG and PDF files"
    assert differences(first, second) == []


def test_downloadable_data_is_identical(second_build: SharedBuild) -> None:
    patterns = ("*.csv", "*.json", "*.graphml", "*.gexf")
    assert (
        differences(
            digests(BUILD / "html" / "_downloads", patterns),
            digests(second_build.build / "html" / "_downloads", patterns),
        )
        == []
    )


def test_pdf_text_and_dates_are_identical(second_build: SharedBuild) -> None:
    first, second = BUILD / "latex" / "book.pdf", second_build.build / "latex" / "book.pdf"
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
