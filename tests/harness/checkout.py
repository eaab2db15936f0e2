"""A picture of the checkout's files, to prove that no test wrote inside it."""

from __future__ import annotations

import os
from pathlib import Path

from harness.paths import ROOT

#: Folders that are not the checkout's content: the environment, history, tool caches and the
#: bytecode Python writes beside every module it imports.
NOT_CHECKED = {".git", ".venv", "node_modules", "__pycache__", ".pytest_cache", ".ruff_cache"}


def snapshot(root: Path = ROOT) -> dict[str, tuple[int, int]]:
    """Relative path → (size, modification time in ns) of every file under `root`."""
    files = {}
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = [d for d in subfolders if d not in NOT_CHECKED]
        for name in names:
            path = os.path.join(folder, name)
            try:
                stat = os.lstat(path)
            except FileNotFoundError:
                continue
            files[os.path.relpath(path, root)] = (stat.st_size, stat.st_mtime_ns)
    return files


def changed_files(before: dict, after: dict) -> list[str]:
    """Files created, deleted or rewritten between two snapshots, each with what happened.

    >>> changed_files({"a": (1, 1), "b": (1, 1)}, {"a": (1, 2), "c": (1, 1)})
    ['deleted: b', 'created: c', 'written: a']
    """
    return (
        [f"deleted: {p}" for p in sorted(set(before) - set(after))]
        + [f"created: {p}" for p in sorted(set(after) - set(before))]
        + [f"written: {p}" for p in sorted(set(before) & set(after)) if before[p] != after[p]]
    )
