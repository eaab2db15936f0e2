"""Make the execution cache notice changes to the data and the package a notebook uses.

jupyter-cache keys a notebook on its code cells only, so a changed CSV or package function
would otherwise leave stale outputs on the page. At build time the book's Sphinx extension
(`book/_ext/eucasia_book.py`) calls :func:`notebook_inputs` for each notebook, tells Sphinx
the files are dependencies (so the page is re-read when one changes), and writes their
:func:`fingerprint` into the first code cell with :func:`inject_fingerprint` (so the cache key
changes exactly when an input changes). The file on disk is never modified.

A notebook's inputs are found statically from its code:
- the tables named in `load_tables([...])` calls (all tables for `load_tables()`), plus the
  tables they reference through foreign keys, and `data/datapackage.json`;
- every module of the package it imports, with the package modules those import in turn.
"""

from __future__ import annotations

import ast
import hashlib
import re
from pathlib import Path

from eucasia.data import DATA_DIR, DESCRIPTOR, read_descriptor, required_resources, resource_names

PACKAGE = "eucasia"
PACKAGE_DIR = Path(__file__).resolve().parent
MARKER = "# inputs-fingerprint:"
CODE_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n", re.MULTILINE)
LOAD_CALL = re.compile(r"load_tables\(\s*(\[[^\]]*\])?")


def code_cells(text: str) -> list[str]:
    """Source of each `{code-cell}` of a MyST notebook, options and all."""
    cells = []
    for match in CODE_CELL.finditer(text):
        end = text.find("\n```", match.end() - 1)
        cells.append(text[match.end() : end if end != -1 else len(text)])
    return cells


def _imported_package_modules(source: str) -> set[str]:
    """Dotted names of `eucasia` modules imported by `source` (lines that are not Python ignored)."""
    found: set[str] = set()
    for line in source.splitlines():
        stripped = line.strip()
        if not stripped.startswith(("import ", "from ")):
            continue
        try:
            tree = ast.parse(stripped)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name.split(".")[0] == PACKAGE)
            elif (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.module.split(".")[0] == PACKAGE
            ):
                found.add(node.module)
                found.update(f"{node.module}.{a.name}" for a in node.names)
    return found


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
    if stack:
        stack.append(PACKAGE)  # importing a submodule runs the package's __init__
    while stack:
        path = _module_file(stack.pop())
        if path is None or path in files:
            continue
        files.add(path)
        stack.extend(sorted(_imported_package_modules(path.read_text(encoding="utf-8"))))
    return sorted(files)


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
    code = "\n".join(code_cells(text))
    modules = _imported_package_modules(code)
    files = list(package_closure(modules))
    if modules:
        descriptor = read_descriptor(data_dir)
        tables = tables_loaded(code, descriptor)
        if tables:
            by_name = {r["name"]: r for r in descriptor["resources"]}
            files.append(Path(data_dir) / DESCRIPTOR)
            files.extend(Path(data_dir) / by_name[t]["path"] for t in tables)
    return sorted(set(files))


def _label(path: Path, root: Path) -> str:
    """A file's name in the fingerprint: relative to the book, or package-relative outside it.

    The package may be installed from another checkout than the book being built; either way
    the label (and so the fingerprint) must not depend on where the checkout lies on disk.
    """
    resolved, base = Path(path).resolve(), root.resolve()
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
