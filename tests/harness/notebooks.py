"""What a build executed: from MyST-NB's log, and from the execution cache it left behind."""

from __future__ import annotations

import re
from pathlib import Path

_EXECUTED = re.compile(r"Executed notebook in (?P<seconds>[\d.]+) seconds")
_NOTEBOOK = re.compile(r"(?P<path>[\w./\\-]+\.(?:md|ipynb))")


def executed_notebooks(log: str) -> dict[str, float]:
    """Notebook stem → execution seconds, from a build log at Sphinx's default verbosity.

    MyST-NB logs `Executing notebook using local CWD [mystnb]: <path>` and, once done,
    `Executed notebook in <N> seconds [mystnb]`, both prefixed by the document name. A notebook
    that started but has no time line (it failed) is reported with NaN.

    >>> executed_notebooks("/b/notebooks/overview.md: Executed notebook in 4.21 seconds [mystnb]")
    {'overview': 4.21}
    """
    result: dict[str, float] = {}
    for line in log.splitlines():
        if "Executing notebook" not in line and "Executed notebook" not in line:
            continue
        path = _NOTEBOOK.search(line)
        stem = Path(path.group("path")).stem if path else line.strip()
        seconds = _EXECUTED.search(line)
        if seconds:
            result[stem] = float(seconds.group("seconds"))
        else:
            result.setdefault(stem, float("nan"))
    return result


def cached_execution_seconds(build: Path) -> dict[str, float]:
    """Notebook stem → seconds its last execution took, as jupyter-cache recorded it in the
    build's `.jupyter_cache` (each record keeps `execution_seconds`). A notebook executed more
    than once keeps its latest record."""
    from jupyter_cache import get_cache

    cache_dir = build / ".jupyter_cache"
    if not cache_dir.is_dir():
        raise FileNotFoundError(f"{cache_dir}: no execution cache (was the book built?)")
    records = sorted(get_cache(str(cache_dir)).list_cache_records(), key=lambda r: r.pk)
    return {Path(r.uri).stem: float(r.data["execution_seconds"]) for r in records}
