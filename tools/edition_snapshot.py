"""Store the data package of a released edition inside the book, so the build can compare with it.

The "What changed" page compares this edition's data with the previous edition's. The build may
use neither git nor the network, so the previous package is kept as a snapshot under
``book/_editions/<version>/``: its ``datapackage.json`` and every CSV of ``data/`` exactly as the
release tag holds them (bytes, not a re-export). Run it once when an edition is released:

    python tools/edition_snapshot.py v0.2.0      # writes book/_editions/0.2.0/

then commit the folder. ``tests/test_editions.py`` checks that each stored snapshot still equals
``git show <tag>:data/<file>`` when git and the tag are available (skipped otherwise).

Stdlib only; it runs git and writes only inside ``book/_editions/<version>/``.
"""

from __future__ import annotations

import argparse
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EDITIONS = ROOT / "book" / "_editions"


def tagged_files(tag: str, root: Path = ROOT) -> list[str]:
    """Names of the data package's files (the descriptor and the CSVs) in `data/` at `tag`."""
    listing = subprocess.run(
        ["git", "ls-tree", "--name-only", f"{tag}:data"],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return sorted(n for n in listing if n == "datapackage.json" or n.endswith(".csv"))


def tagged_bytes(tag: str, name: str, root: Path = ROOT) -> bytes:
    """The exact bytes of `data/<name>` at `tag`."""
    return subprocess.run(
        ["git", "show", f"{tag}:data/{name}"], cwd=root, check=True, capture_output=True
    ).stdout


def version_of(tag: str) -> str:
    """The edition's version a release tag names: ``v0.2.0`` → ``0.2.0``."""
    return tag.removeprefix("v")


def write_snapshot(tag: str, root: Path = ROOT) -> Path:
    """Write `data/` at `tag` into ``book/_editions/<version>/``, replacing what was there."""
    folder = root / "book" / "_editions" / version_of(tag)
    folder.mkdir(parents=True, exist_ok=True)
    names = tagged_files(tag, root)
    for stale in folder.iterdir():
        if stale.name not in names:
            stale.unlink()
    for name in names:
        (folder / name).write_bytes(tagged_bytes(tag, name, root))
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tag", help="the release tag, e.g. v0.2.0")
    folder = write_snapshot(parser.parse_args().tag)
    print(f"wrote {len(list(folder.iterdir()))} files to {folder.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
