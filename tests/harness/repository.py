"""Copies of the repository for the tests that build: never inside the checkout."""

from __future__ import annotations

import shutil
from pathlib import Path

from harness.paths import BUILD, ROOT

#: What is not copied: the environment, history and anything built or cached.
COPY_IGNORE = shutil.ignore_patterns(
    ".venv",
    ".git",
    "_build",
    "node_modules",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    "*.egg-info",
)


def copy_repository(target: Path, with_cache: bool = False, source: Path = ROOT) -> Path:
    """The sources at `target`, without environment, history, builds or caches; with
    `with_cache`, the execution cache of the source's `_build` too (when there is one)."""
    shutil.copytree(source, target, ignore=COPY_IGNORE)
    cache = (BUILD if source == ROOT else source / "_build") / ".jupyter_cache"
    if with_cache and cache.is_dir():
        shutil.copytree(cache, target / "_build" / ".jupyter_cache")
    return target
