"""Writing build outputs without touching what has not changed."""

from __future__ import annotations

from pathlib import Path


def write_if_changed(path: Path, content: str | bytes) -> bool:
    """Write `content` (text as UTF-8) unless the file already holds it; True when written.

    An unchanged file keeps its modification time, so Sphinx, which takes a page for outdated
    when a file it links or depends on is newer, does not re-read it on a no-op build.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True
