"""The execution cache's fingerprint follows exactly a notebook's data and package inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from eucasia.assembly import cachekey
from eucasia.data import DATA_DIR

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "eucasia"

NOTEBOOK = """---
kernelspec:
  name: python3
---
# Title

```{code-cell} ipython3
:tags: [remove-cell]

from eucasia.data import load_tables
tables = load_tables(["initiative_actors"])
```

Some text mentioning load_tables() in prose, which is not code.

```{code-cell} ipython3
print(1)
```
"""


def test_tables_and_their_foreign_key_closure_are_inputs() -> None:
    inputs = {p.name for p in cachekey.notebook_inputs(NOTEBOOK)}
    for name in (
        "initiative_actors.csv",
        "initiatives.csv",
        "actors.csv",
        "areas.csv",
        "strands.csv",
        "sources.csv",
        "datapackage.json",
    ):
        assert name in inputs
    assert "timeline.csv" not in inputs, "a table the notebook does not load is not an input"


def test_imported_package_modules_are_inputs_transitively() -> None:
    inputs = set(cachekey.notebook_inputs(NOTEBOOK))
    assert PKG / "data" / "load.py" in inputs and PKG / "data" / "cells.py" in inputs
    assert PKG / "__init__.py" in inputs and PKG / "data" / "__init__.py" in inputs
    assert PKG / "presentation" / "page" / "display.py" not in inputs, (
        "an unimported module is not an input"
    )
    text = NOTEBOOK.replace(
        "from eucasia.data import load_tables",
        "from eucasia.presentation.tables.datadict import field_table",
    )
    # datadict imports the page helpers; load_tables is no longer imported; load_tables is no longer imported
    inputs = set(cachekey.notebook_inputs(text))
    assert PKG / "presentation" / "tables" / "datadict.py" in inputs
    assert PKG / "presentation" / "__init__.py" in inputs, "a package's __init__ runs on import"


def test_an_import_over_several_lines_is_an_input() -> None:
    """Parsed whole, a parenthesised import spread over lines is seen (it was skipped line by line)."""
    text = NOTEBOOK.replace(
        "from eucasia.data import load_tables",
        "from eucasia.data import load_tables\nfrom eucasia.presentation.tables.network_tables import (\n"
        "    actor_table,\n    stability_table,\n)",
    )
    inputs = set(cachekey.notebook_inputs(text))
    assert PKG / "presentation" / "tables" / "network_tables.py" in inputs
    assert PKG / "analysis" / "network.py" in inputs, "and what that module imports in turn"


def test_magics_do_not_hide_imports() -> None:
    text = NOTEBOOK.replace(
        "from eucasia.data import load_tables",
        "%matplotlib inline\n!echo hello\nfrom eucasia.data import load_tables",
    )
    assert PKG / "data" / "load.py" in set(cachekey.notebook_inputs(text))


def test_a_cell_that_is_not_python_is_an_error() -> None:
    text = NOTEBOOK.replace("from eucasia.data import load_tables", "from eucasia.data import (")
    with pytest.raises(SyntaxError, match="cannot read the imports"):
        cachekey.notebook_inputs(text)


def test_notebook_without_the_package_has_no_inputs() -> None:
    assert cachekey.notebook_inputs("```{code-cell} ipython3\nprint(1)\n```\n") == []


def test_bare_load_tables_depends_on_every_table() -> None:
    text = NOTEBOOK.replace('load_tables(["initiative_actors"])', "load_tables()")
    names = {p.name for p in cachekey.notebook_inputs(text)}
    csvs = {p.name for p in DATA_DIR.glob("*.csv")}
    assert csvs <= names


def test_fingerprint_changes_with_content(tmp_path: Path) -> None:
    a = tmp_path / "a.csv"
    a.write_text("x\n1\n", encoding="utf-8")
    before = cachekey.fingerprint([a], tmp_path)
    assert cachekey.fingerprint([a], tmp_path) == before
    a.write_text("x\n2\n", encoding="utf-8")
    assert cachekey.fingerprint([a], tmp_path) != before


def test_fingerprint_goes_after_cell_options() -> None:
    out = cachekey.inject_fingerprint(NOTEBOOK, "abc")
    assert ":tags: [remove-cell]\n# inputs-fingerprint: abc\n\nfrom eucasia.data" in out
    assert out.count(cachekey.MARKER) == 1
    yaml_options = NOTEBOOK.replace(":tags: [remove-cell]\n", "---\ntags: [remove-cell]\n---\n")
    out = cachekey.inject_fingerprint(yaml_options, "abc")
    assert "---\ntags: [remove-cell]\n---\n# inputs-fingerprint: abc\n" in out


def test_text_without_code_cells_is_unchanged() -> None:
    assert cachekey.inject_fingerprint("# Just prose\n", "abc") == "# Just prose\n"


def test_fingerprint_does_not_depend_on_where_the_book_lies(tmp_path: Path) -> None:
    """A copy of the book at another path (CI checkout, a test's temporary copy) keeps its cache."""
    package = tmp_path / "m" / "eucasia"
    package.mkdir(parents=True)
    (package / "data.py").write_text("x = 1\n", encoding="utf-8")
    digests = []
    for name in ("a", "z"):  # one book sorts before the package's folder, one after
        data = tmp_path / name / "book" / "data"
        data.mkdir(parents=True)
        (data / "t.csv").write_text("x\n1\n", encoding="utf-8")
        digests.append(cachekey.fingerprint([package / "data.py", data / "t.csv"], data.parent))
    assert digests[0] == digests[1]


def test_a_module_reading_the_descriptor_makes_it_an_input() -> None:
    """vocabulary reads datapackage.json at import (field_values), without any load_tables."""
    text = "```{code-cell} ipython3\nfrom eucasia.data.vocabulary import STRANDS\n```\n"
    inputs = set(cachekey.notebook_inputs(text))
    assert DATA_DIR / "datapackage.json" in inputs
    assert PKG / "data" / "vocabulary.py" in inputs and PKG / "data" / "structure.py" in inputs
    assert not any(p.suffix == ".csv" for p in inputs)


def test_a_table_list_that_is_not_a_literal_depends_on_every_table() -> None:
    text = NOTEBOOK.replace('load_tables(["initiative_actors"])', "load_tables(NAMES)")
    names = {p.name for p in cachekey.notebook_inputs(text)}
    assert {p.name for p in DATA_DIR.glob("*.csv")} <= names


def test_fingerprint_of_package_files_does_not_depend_on_the_book_being_built(
    tmp_path: Path,
) -> None:
    """A copy of the book built with this checkout's package gets the same key as the checkout.

    The labels of subpackage modules once lost their folder outside the book's root
    ("data/load.py" instead of "eucasia/data/load.py"), so a copied cache never matched.
    """
    files = [
        PKG / "data" / "load.py",
        PKG / "presentation" / "tables" / "network_tables.py",
        PKG / "__init__.py",
    ]
    assert cachekey.fingerprint(files, ROOT) == cachekey.fingerprint(files, tmp_path)
