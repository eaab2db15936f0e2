"""The package's folders are its architecture: imports point one way, notebooks use the public API.

Layers, from the bottom: data → analysis → presentation → assembly. A module may import its own
layer and the layers below it; notebooks import only the public names of data, analysis and
presentation. Modules stay short unless their docstring says why they are not.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import inspect
import re
import sys
import types
from pathlib import Path

import pytest

from eucasia.assembly.cachekey import cell_code, code_cells, imported_package_modules

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "eucasia"
LAYERS = ("data", "analysis", "presentation", "assembly")
NOTEBOOK_LAYERS = {"data", "analysis", "presentation"}
MAX_LINES = 300


def layer_of(dotted: str) -> str | None:
    parts = dotted.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = sorted(PACKAGE.rglob("*.py"))


def layering_violations(module: str, imported: set[str]) -> list[str]:
    """Imports of `module` that point up the layer stack."""
    own = layer_of(module)
    if own is None:
        return []
    rank = LAYERS.index(own)
    return sorted(
        f"{module} ({own}) imports {target} ({layer_of(target)})"
        for target in imported
        if layer_of(target) is not None and LAYERS.index(layer_of(target)) > rank
    )


def test_every_module_sits_in_a_layer() -> None:
    stray = [
        module_name(p) for p in MODULES if layer_of(module_name(p)) is None and p.stem != "__init__"
    ]
    assert not stray, f"modules outside data/, analysis/, presentation/, assembly/: {stray}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_imports_point_down_the_layers(path: Path) -> None:
    module = module_name(path)
    imported = imported_package_modules(path.read_text(encoding="utf-8"), module)
    assert not layering_violations(module, imported)


def test_the_layer_check_catches_an_upward_import() -> None:
    """The rule above can fail: analysis importing presentation is reported."""
    source = "from eucasia.presentation.figurekit.style import OKABE_ITO\nimport eucasia.data\n"
    found = layering_violations("eucasia.analysis.graphs", imported_package_modules(source))
    assert found == [
        "eucasia.analysis.graphs (analysis) imports eucasia.presentation.figurekit.style (presentation)",
        "eucasia.analysis.graphs (analysis) imports eucasia.presentation.figurekit.style.OKABE_ITO "
        "(presentation)",
    ]


#: The rooms of the presentation layer, by floor: a module may import its own room and the rooms
#: of lower floors, never a room of its own floor or above (a chart may use the figure kit, never
#: the other way round). Each room's ``__init__.py`` says what belongs there.
ROOM_FLOORS = {
    "figurekit": 0,
    "text": 0,
    "charts": 1,
    "page": 2,
    "tables": 3,
    "prose": 4,
    "actors": 4,
}
PRESENTATION = PACKAGE / "presentation"


def room_of(dotted: str) -> str | None:
    parts = dotted.split(".")
    if parts[:2] != ["eucasia", "presentation"] or len(parts) < 3:
        return None
    return parts[2] if parts[2] in ROOM_FLOORS else None


def room_violations(module: str, imported: set[str]) -> list[str]:
    """Imports of `module` into a room of its own floor or above (its own room excepted)."""
    own = room_of(module)
    if own is None:
        return []
    return sorted(
        f"{module} ({own}) imports {target} ({room_of(target)})"
        for target in imported
        if room_of(target) not in (None, own) and ROOM_FLOORS[room_of(target)] >= ROOM_FLOORS[own]
    )


def test_the_presentation_layer_is_rooms_only() -> None:
    """Every module of presentation/ lives in a room (a folder with a docstring saying its job)."""
    loose = [p.name for p in PRESENTATION.glob("*.py") if p.name != "__init__.py"]
    rooms = {p.name for p in PRESENTATION.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert not loose, f"modules outside a room of presentation/: {loose}"
    assert rooms == set(ROOM_FLOORS), f"rooms on disk {sorted(rooms)} vs the floors {ROOM_FLOORS}"
    for room in rooms:
        doc = ast.get_docstring(ast.parse((PRESENTATION / room / "__init__.py").read_text()))
        assert doc and len(doc) > 80, f"presentation/{room}/__init__.py must say what belongs there"


@pytest.mark.parametrize("path", sorted(PRESENTATION.rglob("*.py")), ids=lambda p: module_name(p))
def test_imports_point_down_the_rooms(path: Path) -> None:
    module = module_name(path)
    imported = imported_package_modules(path.read_text(encoding="utf-8"), module)
    assert not room_violations(module, imported)


def test_the_room_check_catches_a_kit_that_imports_a_chart() -> None:
    """The rule above can fail: the figure kit importing a chart, or a room its own floor."""
    source = (
        "from eucasia.presentation.charts.networkfig import draw_network\n"
        "from eucasia.presentation.text.numbers import fixed\n"
        "from eucasia.presentation.figurekit.canvas import row_height_in\n"
    )
    found = room_violations(
        "eucasia.presentation.figurekit.labels", imported_package_modules(source)
    )
    assert [f.split(" imports ")[1] for f in found] == [
        "eucasia.presentation.charts.networkfig (charts)",
        "eucasia.presentation.charts.networkfig.draw_network (charts)",
        "eucasia.presentation.text.numbers (text)",
        "eucasia.presentation.text.numbers.fixed (text)",
    ]


def test_no_two_modules_share_a_name() -> None:
    """A module's name says its job: two files of one name in different folders do not."""
    stems: dict[str, list[str]] = {}
    for path in MODULES:
        if path.stem != "__init__":
            stems.setdefault(path.stem, []).append(module_name(path))
    shared = {stem: names for stem, names in stems.items() if len(names) > 1}
    assert not shared, f"module names used twice: {shared}"


NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.md"))


def notebook_imports(text: str) -> list[tuple[str, str]]:
    """(module, name) for every `from eucasia... import name` in a notebook's code cells."""
    found = []
    for cell in code_cells(text):
        for node in ast.walk(ast.parse(cell_code(cell))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("eucasia"):
                found += [(node.module, alias.name) for alias in node.names]
            elif isinstance(node, ast.Import):
                found += [(a.name, "") for a in node.names if a.name.startswith("eucasia")]
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_import_only_the_public_api(path: Path) -> None:
    bad = [
        f"{module}.{name}"
        for module, name in notebook_imports(path.read_text(encoding="utf-8"))
        if layer_of(module) not in NOTEBOOK_LAYERS or name.startswith("_")
    ]
    assert not bad, f"{path.name} imports outside the public API of the book's layers: {bad}"


def notebook_api(text: str) -> list[tuple[str, str]]:
    """(module, name) of what a notebook uses from the package: each name it imports, and each
    attribute it reads from a package module it imports whole (``tracker.shares`` after
    ``from eucasia.analysis import tracker``)."""
    used = []
    whole: dict[str, str] = {}  # the name bound in the notebook -> the module's dotted name
    trees = [ast.parse(cell_code(cell)) for cell in code_cells(text)]
    for node in (n for tree in trees for n in ast.walk(tree)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("eucasia"):
            for alias in node.names:
                module = _module_named(node.module, alias.name)
                if module is None:
                    used.append((node.module, alias.name))
                else:
                    whole[alias.asname or alias.name] = module.__name__
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("eucasia") and alias.asname:
                    whole[alias.asname] = alias.name
    for node in (n for tree in trees for n in ast.walk(tree)):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in whole
        ):
            used.append((whole[node.value.id], node.attr))
    return sorted(set(used))


def _module_named(package: str, name: str) -> types.ModuleType | None:
    """The module `from package import name` binds, or None when it binds something else."""
    found = getattr(importlib.import_module(package), name, None)
    if found is None:
        try:
            found = importlib.import_module(f"{package}.{name}")
        except ModuleNotFoundError:
            return None
    return found if isinstance(found, types.ModuleType) else None


#: A numpydoc section heading: a title on its own line, underlined with dashes.
SECTION = re.compile(r"^(\S[^\n]*)\n-{3,}[ \t]*$", re.M)


def has_examples(obj: object) -> bool:
    """True when `obj`'s docstring has a numpydoc "Examples" section with a `>>>` line."""
    doc = inspect.getdoc(obj) or ""
    headings = list(SECTION.finditer(doc))
    for i, here in enumerate(headings):
        if here.group(1).strip() == "Examples":
            body = doc[here.end() : headings[i + 1].start() if i + 1 < len(headings) else None]
            return any(line.lstrip().startswith(">>> ") for line in body.splitlines())
    return False


def examples_missing(used: list[tuple[str, str]]) -> list[str]:
    """The functions and classes among `used` whose docstring shows no runnable example."""
    missing = []
    for module, name in used:
        obj = getattr(importlib.import_module(module), name, None)
        if (inspect.isfunction(obj) or inspect.isclass(obj)) and not has_examples(obj):
            missing.append(f"{module}.{name}")
    return missing


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_what_notebooks_call_shows_an_example(path: Path) -> None:
    """Every function and class a chapter uses carries a numpydoc Examples section, which
    `--doctest-modules` (pyproject.toml) runs in `make test`: a newcomer sees how it is called
    and what comes back, and the example cannot go stale."""
    missing = examples_missing(notebook_api(path.read_text(encoding="utf-8")))
    assert not missing, (
        f"{path.name} uses functions without an Examples section (numpydoc: a heading "
        f"'Examples', a line of dashes, then >>> lines with their output): {missing}"
    )


def test_the_examples_check_catches_a_function_without_one(monkeypatch) -> None:
    """The rule above can fail: a fake notebook uses, by name and through its module, functions
    and a class whose docstrings have no example, one with ">>>" outside an Examples section and
    one with an Examples heading but no ">>>"; only the documented function passes."""
    fake = types.ModuleType("eucasia.presentation.fake_room")

    def shown(x: int) -> int:
        """Doubles.

        Examples
        --------
        >>> shown(2)
        4

        Notes
        -----
        Nothing.
        """
        return 2 * x

    def bare(x: int) -> int:
        """Doubles, but shows nobody how."""
        return 2 * x

    def loose(x: int) -> int:
        """Doubles.

        >>> loose(2)
        4
        """
        return 2 * x

    def empty(x: int) -> int:
        """Doubles.

        Examples
        --------
        loose(2) is 4.

        See Also
        --------
        >>> loose(2)
        """
        return 2 * x

    class Plain:
        pass

    for function in (shown, bare, loose, empty, Plain):
        setattr(fake, function.__name__, function)
    fake.LIMIT = 3  # a constant: not a function, never asked for an example
    monkeypatch.setitem(sys.modules, fake.__name__, fake)
    notebook = (
        "```{code-cell} ipython3\n"
        "from eucasia.presentation.fake_room import LIMIT, bare, shown\n"
        "from eucasia.presentation import fake_room as room\n"
        "bare(shown(LIMIT)), room.loose(1), room.empty(1), room.Plain()\n"
        "```\n"
    )
    used = notebook_api(notebook)
    assert ("eucasia.presentation.fake_room", "loose") in used
    assert examples_missing(used) == [
        "eucasia.presentation.fake_room.Plain",
        "eucasia.presentation.fake_room.bare",
        "eucasia.presentation.fake_room.empty",
        "eucasia.presentation.fake_room.loose",
    ]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_modules_stay_short_or_say_why(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    lines = text.count("\n")
    doc = ast.get_docstring(ast.parse(text)) or ""
    assert lines <= MAX_LINES or re.search(r"\blong\b", doc), (
        f"{module_name(path)} has {lines} lines: split it, or say in its docstring why it is long"
    )


def test_strand_ids_are_written_only_in_the_descriptor() -> None:
    """One definition of each vocabulary: the strand ids come from datapackage.json."""
    literal = re.compile(r"""["']resilience["'],\s*["']prosperity["'],\s*["']together["']""")
    found = [
        str(p.relative_to(ROOT))
        for p in [*MODULES, *NOTEBOOKS]
        if literal.search(p.read_text(encoding="utf-8"))
    ]
    assert not found, f"the strand ids are listed by hand in {found}; use eucasia.data.vocabulary"


def test_style_tables_cover_exactly_the_descriptor_vocabularies() -> None:
    """Styles name categories; the categories themselves come from the descriptor only."""
    from eucasia.data import field_values
    from eucasia.presentation.figurekit.style import ACTOR_TYPE_STYLE, STATUS_STYLE, STRAND_COLOURS

    assert list(STATUS_STYLE) == field_values("implementation_status", "status")
    assert set(STRAND_COLOURS) == set(field_values("strands", "strand_id"))
    assert set(ACTOR_TYPE_STYLE) == set(field_values("actors", "actor_type"))


SOURCES = sorted(
    [*PACKAGE.rglob("*.py"), *(ROOT / "book" / "_ext").glob("*.py"), *(ROOT / "tools").glob("*.py")]
)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_package_import_resolves(path: Path) -> None:
    """Imports of the package anywhere in a file (inside functions too) name modules that exist.

    A module moved between layers must not leave a function-level import behind that fails
    only when that code path runs during a build.
    """
    module = module_name(path) if path.is_relative_to(PACKAGE) else None
    missing = []
    for dotted in imported_package_modules(path.read_text(encoding="utf-8"), module):
        parent, _, attribute = dotted.rpartition(".")
        exists = _is_module(dotted) or (
            _is_module(parent) and hasattr(importlib.import_module(parent), attribute)
        )
        if not exists:
            missing.append(dotted)
    assert not missing, f"{path.relative_to(ROOT)} imports what does not exist: {missing}"


def _is_module(dotted: str) -> bool:
    try:
        return importlib.util.find_spec(dotted) is not None
    except ModuleNotFoundError:
        return False


_CITED_TEST = re.compile(r"tests/(?:harness/)?test_[a-z0-9_]+\.py")


def missing_cited_tests(text: str) -> list[str]:
    """Test files a text names that do not exist (a docstring's promise nobody keeps)."""
    return sorted({m for m in _CITED_TEST.findall(text) if not (ROOT / m).is_file()})


def test_every_test_file_the_code_cites_exists() -> None:
    cited = [*SOURCES, ROOT / "README.md"]
    missing = {
        str(p.relative_to(ROOT)): found
        for p in cited
        if (found := missing_cited_tests(p.read_text(encoding="utf-8")))
    }
    assert not missing, f"these name test files that do not exist: {missing}"


def test_the_citation_check_catches_a_test_file_that_does_not_exist() -> None:
    text = "tests/test_datapackage.py runs Frictionless; tests/test_layers.py holds the layers"
    assert missing_cited_tests(text) == ["tests/test_datapackage.py"]
