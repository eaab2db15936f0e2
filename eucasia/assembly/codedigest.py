"""One digest of the code that turns executed notebooks into pages, so no code edit leaves a
page stale.

The execution cache follows what each notebook reads (`eucasia.assembly.cachekey`), and Sphinx
follows the sources; neither sees the code that runs inside Sphinx: the book's extensions
(`book/_ext`), the assembly layer (`eucasia/assembly`), the static assets (`book/_static`), and any
package module those load. The extension records this digest as a setting of the environment,
so when it changes Sphinx reads and writes every page again instead of reporting "0 pages".
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: Folders whose every file can change a page after the notebooks ran.
FOLDERS = ("book/_ext", "book/_static", "eucasia/assembly")


def page_code_files(root: Path = ROOT, modules: Iterable[object] | None = None) -> list[Path]:
    """The files of :data:`FOLDERS` under `root`, and the `eucasia` modules loaded in this
    process (by default `sys.modules`: what the extensions imported), sorted, no caches.

    >>> names = [p.relative_to(ROOT).as_posix() for p in page_code_files(modules=[])]
    >>> "book/_ext/eucasia_book.py" in names and "eucasia/assembly/codedigest.py" in names
    True
    """
    files = {
        path
        for folder in FOLDERS
        for path in (root / folder).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    loaded = sys.modules.values() if modules is None else modules
    for module in list(loaded):
        name = getattr(module, "__name__", "")
        source = getattr(module, "__file__", None)
        if (name == "eucasia" or name.startswith("eucasia.")) and source:
            path = Path(source).resolve()
            if path.is_relative_to(root):
                files.add(path)
    return sorted(files)


def digest_of(files: Iterable[Path], root: Path = ROOT) -> str:
    """SHA-256 over the names (relative to `root`) and bytes of `files` (first 16 hex digits)."""
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def page_code_digest(root: Path = ROOT, modules: Iterable[object] | None = None) -> str:
    """:func:`digest_of` the :func:`page_code_files`."""
    return digest_of(page_code_files(root, modules), root)
