"""Make the execution cache notice changes to the data and the package a notebook uses.

jupyter-cache keys a notebook on its code cells only, so a changed CSV or package function
would otherwise leave stale outputs on the page. At build time the book's Sphinx extension
(`book/_ext/eucasia_book.py`) calls :func:`notebook_inputs` for each notebook, tells Sphinx
the files are dependencies (so the page is re-read when one changes), and writes their
:func:`fingerprint` into the first code cell with :func:`inject_fingerprint` (so the cache key
changes exactly when an input changes). The file on disk is never modified.

A notebook's inputs are found statically from its code:
- the tables named in `load_tables([...])` calls (all tables for `load_tables()` or a list that
  is not a literal), plus the tables they reference through foreign keys;
- `data/datapackage.json` when tables are loaded or any imported module reads it (every module
  importing `eucasia.data.descriptor`, e.g. `eucasia.data.vocabulary` at import);
- every table and the descriptor, and every file of the stored editions (`book/_editions/`), when
  it imports the module that reads packages as text to compare editions
  (`eucasia.data.snapshots`);
- every module of the package it imports, with the package modules those import in turn and the
  `__init__` of every package on the way (imports are read from the parsed code, not from lines).
"""

from __future__ import annotations

import ast
import hashlib
import re
from pathlib import Path

from eucasia.data import DATA_DIR, DESCRIPTOR, read_descriptor, required_resources, resource_names
from eucasia.data.snapshots import EDITIONS

PACKAGE = "eucasia"
PACKAGE_DIR = Path(__file__).resolve().parent.parent
MARKER = "# inputs-fingerprint:"
#: The module that reads `datapackage.json`: whoever imports it depends on the descriptor.
READS_DESCRIPTOR = PACKAGE_DIR / "data" / "descriptor.py"
#: The module that reads whole packages as text, this edition's and the stored ones.
READS_EDITIONS = PACKAGE_DIR / "data" / "snapshots.py"
CODE_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n", re.MULTILINE)
LOAD_CALL = re.compile(r"load_tables\(\s*(\[[^\]]*\])?")


def code_cells(text: str) -> list[str]:
    """Source of each `{code-cell}` of a MyST notebook, options and all."""
    cells = []
    for match in CODE_CELL.finditer(text):
        end = text.find("\n```", match.end() - 1)
        cells.append(text[match.end() : end if end != -1 else len(text)])
    return cells


def cell_code(cell: str) -> str:
    """A cell's code without its MyST option block (`:key: value` lines or a `---` YAML block)."""
    if cell.startswith("---\n"):
        close = cell.find("\n---\n", 3)
        return cell[close + len("\n---\n") :] if close != -1 else ""
    lines = cell.split("\n")
    while lines and lines[0].startswith(":"):
        lines.pop(0)
    return "\n".join(lines)


def _python_source(source: str) -> str:
    """Cell code as plain Python: IPython's transformer turns magics and `!` lines into calls."""
    from IPython.core.inputtransformer2 import TransformerManager

    return TransformerManager().transform_cell(source)


def imported_package_modules(source: str, module: str | None = None) -> set[str]:
    """Dotted names of `eucasia` modules (and candidate attributes) that `source` imports.

    `source` is parsed whole, so an import spread over several lines is seen; a cell that is not
    valid Python is an error, not something to skip. `module` (the dotted name of the module
    `source` belongs to) resolves relative imports.
    """
    try:
        tree = ast.parse(_python_source(source))
    except SyntaxError as exc:
        where = module or "a notebook cell"
        raise SyntaxError(f"cannot read the imports of {where}: {exc}") from exc
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == PACKAGE)
            continue
        if not isinstance(node, ast.ImportFrom):
            continue
        base = node.module or ""
        if node.level:
            if module is None:
                continue
            anchor = module.split(".")[: -node.level]
            base = ".".join([*anchor, base] if base else anchor)
        if base.split(".")[0] == PACKAGE:
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names)
    return found


def _parents(dotted: str) -> list[str]:
    """`eucasia.a.b` → `eucasia`, `eucasia.a`: the packages whose `__init__` an import runs."""
    parts = dotted.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def _module_file(dotted: str) -> Path | None:
    parts = dotted.split(".")[1:]
    candidate = PACKAGE_DIR.joinpath(*parts)
    if candidate.with_suffix(".py").is_file():
        return candidate.with_suffix(".py")
    if (candidate / "__init__.py").is_file():
        return candidate / "__init__.py"
    return None  # an attribute such as eucasia.data.load_tables, not a module


def package_closure(modules: set[str]) -> list[Path]:
    """Files of the given package modules and of every package module they import."""
    files: set[Path] = set()
    stack = sorted(modules)
    while stack:
        dotted = stack.pop()
        path = _module_file(dotted)
        if path is None or path in files:
            continue
        files.add(path)
        stack.extend(_parents(dotted))  # importing a submodule runs its packages' __init__
        source = path.read_text(encoding="utf-8")
        stack.extend(sorted(imported_package_modules(source, _module_name(path))))
    return sorted(files)


def _module_name(path: Path) -> str:
    """Dotted name of a package file (`__init__.py` names its package)."""
    parts = list(path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def tables_loaded(code: str, descriptor: dict) -> list[str]:
    """Tables a notebook's code loads: literal lists in `load_tables([...])`; all for a bare call."""
    names: set[str] = set()
    for match in LOAD_CALL.finditer(code):
        if match.group(1) is None:
            return resource_names(descriptor)
        names.update(ast.literal_eval(match.group(1)))
    return required_resources(descriptor, sorted(names)) if names else []


def notebook_inputs(text: str, data_dir: Path = DATA_DIR) -> list[Path]:
    """Every file whose content the notebook's outputs depend on, sorted."""
    cells = [cell_code(cell) for cell in code_cells(text)]
    code = "\n".join(cells)
    modules = set().union(*(imported_package_modules(cell) for cell in cells))
    files = list(package_closure(modules))
    if modules:
        descriptor = read_descriptor(data_dir)
        tables = tables_loaded(code, descriptor)
        by_name = {r["name"]: r for r in descriptor["resources"]}
        files.extend(Path(data_dir) / by_name[t]["path"] for t in tables)
        if tables or READS_DESCRIPTOR in files:
            # Loading tables reads the descriptor; so does any module that imports
            # eucasia.data.descriptor, at import (vocabulary's field_values) or later.
            files.append(Path(data_dir) / DESCRIPTOR)
        if READS_EDITIONS in files:
            files.extend(Path(data_dir) / r["path"] for r in descriptor["resources"])
            files.append(Path(data_dir) / DESCRIPTOR)
            stored = Path(data_dir).parent / EDITIONS
            files.extend(p for p in stored.rglob("*") if p.is_file())
    return sorted(set(files))


def _label(path: Path, root: Path) -> str:
    """A file's name in the fingerprint: relative to the book, or package-relative outside it.

    The package may be installed from another checkout than the book being built; either way
    the label (and so the fingerprint) must not depend on where the checkout lies on disk.
    """
    resolved = Path(path).resolve()
    # The package's own files are named from the folder that holds `eucasia/`, so a module of a
    # subpackage gets the same label ("eucasia/data/load.py") whichever checkout is being built.
    for base in (root.resolve(), PACKAGE_DIR.parent):
        if resolved.is_relative_to(base):
            return resolved.relative_to(base).as_posix()
    return f"{resolved.parent.name}/{resolved.name}"


def fingerprint(paths: list[Path], root: Path) -> str:
    """SHA-256 over each file's label and bytes, in label order (independent of absolute paths)."""
    digest = hashlib.sha256()
    for label, path in sorted((_label(p, root), Path(p)) for p in paths):
        digest.update(label.encode())
        digest.update(b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
        digest.update(b"\0")
    return digest.hexdigest()


def inject_fingerprint(text: str, digest: str) -> str:
    """Put `# inputs-fingerprint: <digest>` as the first line of the first code cell's code.

    The cell's option block (`:tags:` lines or a `---` YAML block) stays first, as MyST requires.
    Text without code cells is returned unchanged.
    """
    match = CODE_CELL.search(text)
    if not match:
        return text
    position = match.end()
    rest = text[position:]
    if rest.startswith("---\n"):
        close = rest.find("\n---\n", 3)
        position += close + len("\n---\n")
    else:
        while text[position:].startswith(":"):
            position = text.index("\n", position) + 1
    return f"{text[:position]}{MARKER} {digest}\n{text[position:]}"
