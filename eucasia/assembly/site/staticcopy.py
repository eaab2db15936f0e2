"""Whether the site's copies of `html_static_path` files are older than the files themselves.

Sphinx 7 copies the static files only when it writes pages: a build in which nothing but a
script or stylesheet of `book/_static` changed reports "no targets are out of date" and keeps the
old copy, and `make html` then records the inputs as built. The extension asks this module, and
when a source is newer than its copy it has Sphinx write the root page, which copies them all.

Modification times, not contents: Sphinx's copy keeps the source's time, while the cut
stylesheets (`assets`) differ from their sources by design and are written after them.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


def stale_copies(static_dirs: Iterable[Path], out_static: Path) -> list[str]:
    """Files of `static_dirs` (paths relative to their folder) whose copy in `out_static` is
    missing or older than they are."""
    stale = []
    for folder in static_dirs:
        for source in sorted(folder.rglob("*")):
            if not source.is_file() or any(part.startswith(".") for part in source.parts):
                continue
            relative = source.relative_to(folder)
            copy = out_static / relative
            if not copy.is_file() or copy.stat().st_mtime < source.stat().st_mtime:
                stale.append(relative.as_posix())
    return stale
