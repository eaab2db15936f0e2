"""The settings meant in _config.yml are the ones in force (JB1 silently ignores misplaced keys)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from harness.commands import run
from harness.paths import BIN, ROOT
from harness.repository import copy_repository


@pytest.fixture(scope="module")
def sphinx_conf(tmp_path_factory) -> dict:
    assert not (ROOT / "conf.py").exists(), "a stray conf.py is in the repository root"
    # jupyter-book writes conf.py into the book's folder: a copy, never the checkout
    book = copy_repository(tmp_path_factory.mktemp("conf") / "book")
    result = run([str(BIN / "jupyter-book"), "config", "sphinx", "."], cwd=book)
    assert result.returncode == 0, result.stdout + result.stderr
    text = (book / "conf.py").read_text(encoding="utf-8")
    values = {}
    for node in ast.parse(text).body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            try:
                values[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                continue
    return values


EXPECTED = {
    "nb_execution_mode": "cache",
    "nb_execution_raise_on_error": True,
    "nb_execution_allow_errors": False,
    "nb_execution_timeout": 120,
    "nb_render_markdown_format": "myst",
    "latex_engine": "xelatex",
    "use_jupyterbook_latex": False,
    "nitpicky": True,
    "numfig": True,
    "myst_heading_anchors": 3,
    "bibtex_bibfiles": ["book/references.bib"],
}


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_setting_in_force(sphinx_conf: dict, key: str) -> None:
    assert sphinx_conf.get(key) == EXPECTED[key]


def test_book_extension_and_sitemap_loaded(sphinx_conf: dict) -> None:
    for extension in ("eucasia_book", "myst_nb", "sphinxcontrib.bibtex", "sphinx_sitemap"):
        assert extension in sphinx_conf["extensions"]


def test_latex_build_prefers_vector_pdf_figures(sphinx_conf: dict) -> None:
    latex = {
        mime: rank
        for builder, mime, rank in sphinx_conf["nb_mime_priority_overrides"]
        if builder == "latex"
    }
    assert latex["application/pdf"] < latex["image/png"], "lower ranks are preferred"
    assert latex["image/svg+xml"] is None, "xelatex cannot include SVG"


def test_no_remote_inventories(sphinx_conf: dict) -> None:
    assert not sphinx_conf.get("intersphinx_mapping"), (
        "intersphinx would fetch inventories at build time"
    )


def test_no_stray_conf_py() -> None:
    assert not (Path(ROOT) / "conf.py").exists()
