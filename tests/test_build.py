"""The book builds, fails loudly on a broken notebook, and its cache is neither stale nor wasteful.

These tests need the built book (`make book`); the ones that rebuild work on a copy of the
repository in a temporary directory, so `_build/` is never disturbed.
"""

from __future__ import annotations

import re
from pathlib import Path

import buildtimes
import pytest
from conftest import BIN, BUILD, ROOT, copy_repository, run

from eucasia.build.cachekey import notebook_inputs

JB = str(BIN / "jupyter-book")


def executed_notebooks(log: str) -> set[str]:
    """Names of the notebooks a build log shows executing (the reader `make measure` uses)."""
    return set(buildtimes.executed_notebooks(log))


def pdftotext(path: Path) -> str:
    result = run(["pdftotext", "-layout", str(path), "-"])
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_html_site_exists(built_html: Path) -> None:
    assert (built_html / "index.html").is_file()
    for page in (
        "book/intro",
        "notebooks/overview",
        "notebooks/data_dictionary",
        "book/how-to-cite",
    ):
        assert (built_html / f"{page}.html").is_file(), page


def test_no_error_output_reached_a_page(built_html: Path) -> None:
    for page in built_html.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "Traceback (most recent call last)" not in text, page
        assert 'class="output traceback' not in text, page


CHAPTERS = [
    "The 2019 strategy and its place in EU–Central Asia relations",
    "Partnering for Resilience",
    "Partnering for Prosperity",
    "Working Better Together",
    "Synthesis: three networks, one partnership",
    "Country profiles",
    "Methods",
    "Data dictionary",
    "How to cite",
    "Glossary",
    "References",
]


def test_pdf_has_contents_and_no_unresolved_references(built_pdf: Path) -> None:
    text = pdftotext(built_pdf)
    front = "\n".join(text.split("\f")[:6])
    assert "CONTENTS" in front.upper()
    for title in CHAPTERS:
        assert re.search(rf"\d+\s+{re.escape(title)}\s+\d+\s*$", front, re.M), (
            f"{title!r} is not in the PDF's contents"
        )
    assert "??" not in text, "unresolved reference in the PDF"
    # The bibliography's numbered entries are printed (in the References chapter, listed above).
    assert re.search(r"^\s*\[1\]\s+\S", text, re.M) and re.search(
        r"^\s*\[100\]\s+\S", text, re.M
    ), "no bibliography"


@pytest.mark.slow  # builds a small book, or installs and starts a Jupyter server
def test_raising_cell_stops_the_build_and_names_the_notebook(tmp_path: Path) -> None:
    book = copy_repository(tmp_path / "book")
    broken = book / "notebooks" / "broken_chapter.md"
    broken.write_text(
        (ROOT / "notebooks" / "data_dictionary.md")
        .read_text(encoding="utf-8")
        .split("# Data dictionary")[0]
        + "# Broken\n\n```{code-cell} ipython3\nraise RuntimeError('deliberate failure')\n```\n",
        encoding="utf-8",
    )
    (book / "_toc.yml").write_text(
        "format: jb-book\nroot: book/intro\nchapters:\n  - file: notebooks/broken_chapter\n",
        encoding="utf-8",
    )
    result = run(
        [JB, "build", ".", "--builder", "html", "-W", "--keep-going"], cwd=book, timeout=600
    )
    log = result.stdout + result.stderr
    assert result.returncode != 0, log
    assert "broken_chapter" in log
    assert "deliberate failure" in log
    assert (
        not (book / "_build" / "html" / "notebooks" / "broken_chapter.html").exists()
        or "deliberate failure"
        not in (book / "_build" / "html" / "notebooks" / "broken_chapter.html").read_text()
    )


@pytest.mark.slow
def test_noop_rebuild_executes_nothing(built_html: Path) -> None:
    executed = BUILD / ".jupyter_cache" / "executed"
    before = sorted(p.name for p in executed.iterdir()) if executed.is_dir() else []
    result = run([JB, "build", ".", "--builder", "html", "-W", "-n", "--keep-going"], timeout=600)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert executed_notebooks(log) == set(), log
    after = sorted(p.name for p in executed.iterdir()) if executed.is_dir() else []
    assert after == before


@pytest.mark.slow
def test_changed_csv_reexecutes_exactly_its_notebooks_and_shows_new_value(
    tmp_path: Path, built_html: Path
) -> None:
    book = copy_repository(tmp_path / "book", with_cache=True)
    first = run(
        [JB, "build", ".", "--builder", "html", "-W", "-n", "--keep-going"], cwd=book, timeout=900
    )
    assert first.returncode == 0, first.stdout + first.stderr
    assert executed_notebooks(first.stdout + first.stderr) == set(), (
        "the copied cache should serve every notebook"
    )

    strands = book / "data" / "strands.csv"
    token = "Partnering for Resilience EDITEDVALUE"
    text = strands.read_text(encoding="utf-8")
    assert "Partnering for Resilience" in text
    strands.write_text(text.replace("Partnering for Resilience", token, 1), encoding="utf-8")

    second = run(
        [JB, "build", ".", "--builder", "html", "-W", "-n", "--keep-going"], cwd=book, timeout=900
    )
    log = second.stdout + second.stderr
    assert second.returncode == 0, log
    expected = {
        nb.stem
        for nb in (book / "notebooks").glob("*.md")
        if strands
        in {p for p in notebook_inputs(nb.read_text(encoding="utf-8"), data_dir=book / "data")}
    }
    assert expected, "no notebook reads strands.csv: the test would prove nothing"
    assert executed_notebooks(log) == expected, log
    overview = (book / "_build" / "html" / "notebooks" / "overview.html").read_text(
        encoding="utf-8"
    )
    assert "EDITEDVALUE" in overview
