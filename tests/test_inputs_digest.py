"""A no-op `make html` / `make pdf` costs nothing (issue 12, item 3).

`tools/inputs_digest.py` digests every input of the build; make skips Jupyter Book when the digest
equals the one stored with the outputs and the outputs are all there. The unit tests change each
input area in a small tree; the make tests run the real Makefile on a tiny fake book whose
`jupyter-book` only records that it ran, so they are fast.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from harness.tools import load_tool

inputs_digest = load_tool("inputs_digest")

ROOT = Path(__file__).resolve().parent.parent

TREE = {
    "_config.yml": "title: t\n",
    "_toc.yml": "root: book/intro\n",
    "book/intro.md": "# Intro\n",
    "book/_ext/ext.py": "x = 1\n",
    "book/_static/site.css": "p {}\n",
    "notebooks/chapter.md": "```{code-cell} ipython3\n1\n```\n",
    "data/table.csv": "a,b\n1,2\n",
    "data/datapackage.json": "{}\n",
    "eucasia/__init__.py": "",
    "eucasia/sub/module.py": "y = 2\n",
    "eucasia/sub/resource.json": "{}\n",
    "edition.toml": 'version = "0.1.0"\n',
    "environment.yml": "dependencies: []\n",
    "requirements-dev.txt": "pytest==9.2.0\n",
    "pyproject.toml": "[project]\n",
    "package.json": "{}\n",
    "package-lock.json": "{}\n",
    "Makefile": "all:\n",
    "CHANGELOG.md": "## 0.1.0\n",
}
ENV = {"SOURCE_DATE_EPOCH": "1700000000", "PYTHONHASHSEED": "0", "MPLBACKEND": "Agg"}


def make_tree(root: Path) -> Path:
    for name, text in TREE.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / ".venv").mkdir()
    (root / ".venv" / ".pins-installed").write_text("python 3.11.7\npandas==3.1.1\n")
    return root


def digest(root: Path) -> str:
    return inputs_digest.inputs_digest(root, root / ".venv" / ".pins-installed", ENV)


@pytest.mark.parametrize("name", sorted(TREE))
def test_an_edit_in_each_input_changes_the_digest(tmp_path: Path, name: str) -> None:
    root = make_tree(tmp_path)
    before = digest(root)
    with (root / name).open("a", encoding="utf-8") as handle:
        handle.write("\n# edited\n")
    assert digest(root) != before


@pytest.mark.parametrize(
    "name",
    [
        "data/new.csv",
        "notebooks/new.md",
        "eucasia/sub/new.py",
        "book/_static/new.svg",
        "new-top-level-file.txt",
        "newdir/page.md",  # untracked, in a folder nobody listed yet: still an input
    ],
)
def test_a_new_file_changes_the_digest(tmp_path: Path, name: str) -> None:
    root = make_tree(tmp_path)
    before = digest(root)
    (root / name).parent.mkdir(parents=True, exist_ok=True)
    (root / name).write_text("new\n", encoding="utf-8")
    assert digest(root) != before


def test_a_deleted_or_renamed_input_changes_the_digest(tmp_path: Path) -> None:
    root = make_tree(tmp_path)
    before = digest(root)
    (root / "data" / "table.csv").rename(root / "data" / "renamed.csv")
    renamed = digest(root)
    assert renamed != before
    (root / "data" / "renamed.csv").unlink()
    assert digest(root) not in (before, renamed)


def test_the_environment_and_the_variables_count(tmp_path: Path) -> None:
    root = make_tree(tmp_path)
    before = digest(root)
    (root / ".venv" / ".pins-installed").write_text("python 3.11.7\npandas==3.1.2\n")
    assert digest(root) != before
    after_env = digest(root)
    stamp = root / ".venv" / ".pins-installed"
    other = {**ENV, "SOURCE_DATE_EPOCH": "1700000001"}
    assert inputs_digest.inputs_digest(root, stamp, other) != after_env


@pytest.mark.parametrize(
    "name",
    [
        "eucasia/__pycache__/module.cpython-311.pyc",
        "eucasia/sub/__pycache__/module.cpython-311.pyc",
        "notebooks/.ipynb_checkpoints/chapter-checkpoint.md",
        "eucasia.egg-info/PKG-INFO",
        "_build/html/index.html",
        ".venv/lib/site.py",
        "node_modules/x/index.js",
        "tests/test_new.py",
        ".github/workflows/ci.yml",
        ".ci/run",
        "tools/measure.py",
        ".pytest_cache/v/cache",
        ".git",
    ],
)
def test_what_the_build_never_reads_does_not_count(tmp_path: Path, name: str) -> None:
    root = make_tree(tmp_path)
    before = digest(root)
    (root / name).parent.mkdir(parents=True, exist_ok=True)
    (root / name).write_text("x\n", encoding="utf-8")
    assert digest(root) == before


def test_the_real_repository_inputs_cover_every_area() -> None:
    listed = {p.relative_to(ROOT).as_posix() for p in inputs_digest.input_files(ROOT)}
    for name in (
        "_config.yml",
        "_toc.yml",
        "edition.toml",
        "environment.yml",
        "requirements-dev.txt",
        "pyproject.toml",
        "package.json",
        "package-lock.json",
        "Makefile",
        "CHANGELOG.md",
        "data/datapackage.json",
        "eucasia/__init__.py",
    ):
        assert name in listed, f"{name} is not an input of the build"
    for folder in ("book/", "notebooks/", "data/", "eucasia/", "book/_static/"):
        assert any(n.startswith(folder) for n in listed), folder
    assert not any("__pycache__" in n or n.startswith(("tests/", "_build/")) for n in listed)


def test_stamp_records_outputs_and_notices_a_deleted_one(tmp_path: Path) -> None:
    out = tmp_path / "html"
    (out / "_pdf").mkdir(parents=True)
    (out / "index.html").write_text("<p>")
    (out / "page.html").write_text("<p>page")
    (out / "_pdf" / "book.pdf").write_text("%PDF")
    stamp = out / ".inputs.sha256"
    d = "a" * 64
    inputs_digest.write_stamp(stamp, d, [out], exclude=[out / "_pdf"])
    assert "_pdf" not in stamp.read_text()
    assert inputs_digest.stamp_is_current(stamp, d) == (True, "nothing changed")
    assert inputs_digest.stamp_is_current(stamp, "b" * 64) == (False, "inputs changed")
    (out / "_pdf" / "book.pdf").unlink()  # not recorded: another target's output
    assert inputs_digest.stamp_is_current(stamp, d)[0]
    (out / "page.html").write_text("<p>page, edited by hand")
    assert inputs_digest.stamp_is_current(stamp, d) == (
        False,
        f"output {out / 'page.html'} changed size",
    )
    (out / "page.html").unlink()
    assert inputs_digest.stamp_is_current(stamp, d) == (
        False,
        f"output {out / 'page.html'} is missing",
    )


def test_no_stamp_without_a_digest_or_outputs(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="not a SHA-256"):
        inputs_digest.write_stamp(tmp_path / "s", "", [tmp_path])
    with pytest.raises(SystemExit, match="no outputs"):
        inputs_digest.write_stamp(tmp_path / "s", "a" * 64, [tmp_path / "nothing"])
    assert not (tmp_path / "s").exists()


# ------------------------------------------------------------------ the Makefile on a fake book

FAKE_JUPYTER_BOOK = """#!/bin/sh
# Records each run; writes what the real builder would, or fails when FAIL is set.
echo "$*" >> ../calls.log  # outside the book: not an input
[ -n "${FAIL:-}" ] && { echo "fake build failed" >&2; exit 1; }
case "$*" in
  *pdflatex*) mkdir -p _build/latex && echo "%PDF $(date +%N)" > _build/latex/book.pdf ;;
  *) mkdir -p _build/html && echo "<p>index" > _build/html/index.html \\
       && echo "<p>page" > _build/html/page.html ;;
esac
"""


@pytest.fixture
def fake_book(tmp_path: Path) -> Path:
    root = make_tree(tmp_path / "book")
    shutil.copy(ROOT / "Makefile", root / "Makefile")
    (root / "tools").mkdir()
    shutil.copy(ROOT / "tools" / "inputs_digest.py", root / "tools")
    (root / "tools" / "ensure-tex.sh").write_text("#!/bin/sh\nexit 0\n")
    (root / "tools" / "ensure-tex.sh").chmod(0o755)
    jb = root / ".venv" / "bin" / "jupyter-book"
    jb.parent.mkdir(parents=True)
    jb.write_text(FAKE_JUPYTER_BOOK)
    jb.chmod(0o755)
    return root


def make(root: Path, target: str, **env: str) -> tuple[int, str, int]:
    """(exit status, output, how many times jupyter-book ran so far)."""
    result = subprocess.run(
        # -o: the fake venv's stamp is taken as up to date (make must not build a real venv).
        ["make", "--no-print-directory", "-o", ".venv/.pins-installed", target],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, **ENV, **env},
        timeout=60,
    )
    log = root.parent / "calls.log"
    calls = len(log.read_text().splitlines()) if log.is_file() else 0
    return result.returncode, result.stdout + result.stderr, calls


def test_noop_make_html_skips_jupyter_book(fake_book: Path) -> None:
    code, out, calls = make(fake_book, "html")
    assert code == 0 and calls == 1, out
    assert (fake_book / "_build" / "html" / ".inputs.sha256").is_file()
    code, out, calls = make(fake_book, "html")
    assert code == 0 and calls == 1, out
    assert out.strip() == "make html: nothing changed since the last build"
    # A cache file is no input: still nothing to do.
    pyc = fake_book / "eucasia" / "__pycache__" / "x.cpython-311.pyc"
    pyc.parent.mkdir()
    pyc.write_bytes(b"\0")
    assert make(fake_book, "html")[2] == 1


@pytest.mark.parametrize(
    "change",
    ["new data file", "edited chapter", "deleted index", "deleted page", "new commit"],
)
def test_any_change_runs_the_build(fake_book: Path, change: str) -> None:
    assert make(fake_book, "html")[2] == 1
    env = {}
    if change == "new data file":
        (fake_book / "data" / "new.csv").write_text("c\n3\n")
    elif change == "edited chapter":
        (fake_book / "notebooks" / "chapter.md").write_text("changed\n")
    elif change == "deleted index":
        (fake_book / "_build" / "html" / "index.html").unlink()
    elif change == "deleted page":
        (fake_book / "_build" / "html" / "page.html").unlink()
    elif change == "new commit":
        env["SOURCE_DATE_EPOCH"] = "1800000000"
    code, out, calls = make(fake_book, "html", **env)
    assert code == 0 and calls == 2, out
    assert "nothing changed" not in out
    assert make(fake_book, "html", **env)[2] == 2  # and then nothing again


def test_a_failed_build_writes_no_digest(fake_book: Path) -> None:
    assert make(fake_book, "html")[2] == 1
    (fake_book / "data" / "table.csv").write_text("a,b\n9,9\n")
    code, out, calls = make(fake_book, "html", FAIL="1")
    assert code != 0 and calls == 2, out
    assert not (fake_book / "_build" / "html" / ".inputs.sha256").exists()
    # The outputs of the earlier build are still there, but the next make must build again.
    code, out, calls = make(fake_book, "html")
    assert code == 0 and calls == 3, out


def test_noop_make_pdf_skips_jupyter_book_and_keeps_the_sites_copy(fake_book: Path) -> None:
    code, out, calls = make(fake_book, "pdf")
    assert code == 0 and calls == 1, out
    pdf = fake_book / "_build" / "pdf" / "eu-central-asia-strategy.pdf"
    site_copy = fake_book / "_build" / "html" / "_pdf" / pdf.name
    assert site_copy.read_bytes() == pdf.read_bytes()
    site_copy.unlink()
    code, out, calls = make(fake_book, "pdf")
    assert code == 0 and calls == 1, out
    assert "make pdf: nothing changed since the last build" in out
    assert site_copy.read_bytes() == pdf.read_bytes()  # copied again, without a build
    pdf.unlink()
    assert make(fake_book, "pdf")[2] == 2
