"""Run a chapter in a fresh kernel and observe what it really reads.

A chapter's cache key (`eucasia.assembly.cachekey.notebook_inputs`) is worked out from its code.
Whether that list is complete can only be seen by watching the chapter run: a cell placed
first installs a Python audit hook (PEP 578) that records every file the kernel opens for
reading under the repository, and a cell placed last reports it with the file of every
`eucasia` module the kernel imported. The observation cells are removed again, so the
executed notebook is the chapter as a Binder reader runs it.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient

from harness.paths import ROOT

REPORT = "EUCASIA-AUDIT:"
#: Folders under the repository that are not the book's sources: the installed packages (the
#: venv's pins are an input of every build through make's stamp), node tools and history.
NOT_SOURCES = (".venv", "node_modules", ".git")

_HOOK = """\
import os as _audit_os, sys as _audit_sys
_audit_root = {root!r} + _audit_os.sep
_audit_opened = set()
def _audit_hook(event, args):
    if event != "open" or args[0] is None or isinstance(args[0], int):
        return
    mode, flags = args[1], args[2]
    if mode is not None and any(c in mode for c in "wax+"):
        return
    if mode is None and flags & (_audit_os.O_WRONLY | _audit_os.O_RDWR):
        return
    path = _audit_os.path.abspath(_audit_os.fsdecode(args[0]))
    if path.startswith(_audit_root):
        _audit_opened.add(path)
_audit_sys.addaudithook(_audit_hook)
"""

_REPORT = """\
import json as _audit_json
print({marker!r} + _audit_json.dumps({{
    "opened": sorted(_audit_opened),
    "modules": sorted(
        getattr(m, "__file__", None) or name
        for name, m in list(_audit_sys.modules.items())
        if name == "eucasia" or name.startswith("eucasia.")
    ),
}}))
"""


@dataclass
class Observed:
    """What one run of a chapter did: errors, seconds, files read and package modules used."""

    errors: list[str]
    seconds: float
    files: set[Path]

    def undeclared(self, declared: set[Path]) -> list[str]:
        """Files read (or modules imported) that the declared inputs do not list, relative to
        the repository: each would leave the chapter stale when edited."""
        return sorted(str(p.relative_to(ROOT)) for p in self.files - declared)


def observe(path: Path, timeout: int = 120) -> Observed:
    """Execute the MyST notebook at `path` top to bottom in a fresh kernel from its own folder
    (as Binder does) and report what it read."""
    notebook = jupytext.read(path)
    hook = nbformat.v4.new_code_cell(_HOOK.format(root=str(ROOT)))
    report = nbformat.v4.new_code_cell(_REPORT.format(marker=REPORT))
    notebook.cells = [hook, *notebook.cells, report]
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        allow_errors=True,
        resources={"metadata": {"path": str(path.parent)}},
    )
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    errors = [
        f"{o.get('ename')}: {o.get('evalue')}"
        for cell in notebook.cells
        if cell.cell_type == "code"
        for o in cell.get("outputs", [])
        if o.get("output_type") == "error"
    ]
    found: dict = {"opened": [], "modules": []}
    for output in notebook.cells[-1].get("outputs", []):
        for line in output.get("text", "").splitlines():
            if line.startswith(REPORT):
                found = json.loads(line[len(REPORT) :])
    files = {Path(p) for p in found["opened"] + found["modules"] if Path(p).is_file()}
    # bytecode stands for its module's source, which is what an author edits
    files = {_source(p) for p in files}
    ours = {p for p in files if p.is_relative_to(ROOT)}
    return Observed(
        errors, seconds, {p for p in ours if p.relative_to(ROOT).parts[0] not in NOT_SOURCES}
    )


def _source(path: Path) -> Path:
    if path.suffix == ".pyc" and path.parent.name == "__pycache__":
        return path.parent.parent / (path.name.split(".")[0] + ".py")
    return path
