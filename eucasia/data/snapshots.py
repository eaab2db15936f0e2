"""Read a data package as its files hold it, to compare one edition's data with another's.

A reader who cited an edition cited the values its CSV files held. Comparing editions therefore
reads both packages as text, cell for cell, without the loader's checks: the previous edition
was checked by its own rules, which this edition's loader may since have tightened, and a
comparison must not refuse, or retype, what was published. Only the descriptor's resource
names, paths, columns and primary keys are used.

Released editions are stored in the book's sources, ``book/_editions/<version>/`` (written from
the release tag by ``tools/edition_snapshot.py``), because the build uses neither git nor the
network.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from eucasia.data.paths import DESCRIPTOR, default_data_dir

#: Where released editions' data packages are stored, one folder per version.
EDITIONS = Path("book") / "_editions"


@dataclass(frozen=True)
class TextTable:
    """One table as its file holds it: every cell a string ("" when empty), and its key."""

    name: str
    key: tuple[str, ...]
    frame: pd.DataFrame


def editions_dir() -> Path:
    """The stored editions of the book being worked on (found as :func:`default_data_dir` is).

    Examples
    --------
    >>> editions_dir().parts[-2:]
    ('book', '_editions')
    """
    return default_data_dir().parent / EDITIONS


def stored_editions(folder: Path | None = None) -> list[str]:
    """Versions of the stored editions, oldest first (compared as numbers: 0.10 after 0.9).

    Examples
    --------
    >>> stored_editions(Path("/nonexistent"))
    []
    """
    folder = editions_dir() if folder is None else Path(folder)
    if not folder.is_dir():
        return []
    found = [p.name for p in folder.iterdir() if (p / DESCRIPTOR).is_file()]
    return sorted(found, key=lambda v: tuple(int(x) if x.isdigit() else -1 for x in v.split(".")))


def _as_tuple(key: object) -> tuple[str, ...]:
    if key is None:
        return ()
    return (key,) if isinstance(key, str) else tuple(key)


def read_text_package(folder: Path | str) -> dict[str, TextTable]:
    """Every table of the package in `folder` as text, keyed by resource name.

    The columns are the file's header (as published, even if the descriptor then said
    otherwise); the key is the descriptor's primary key.

    Examples
    --------
    >>> from eucasia.data import DATA_DIR
    >>> tables = read_text_package(DATA_DIR)
    >>> tables["strands"].key, bool(tables["strands"].frame["strand_id"].map(type).eq(str).all())
    (('strand_id',), True)
    """
    folder = Path(folder)
    descriptor = json.loads((folder / DESCRIPTOR).read_text(encoding="utf-8"))
    tables = {}
    for resource in descriptor["resources"]:
        text = (folder / resource["path"]).read_text(encoding="utf-8")
        header, *rows = csv.reader(io.StringIO(text, newline=""))
        frame = pd.DataFrame(rows, columns=header, dtype=object)
        key = _as_tuple(resource.get("schema", {}).get("primaryKey"))
        tables[resource["name"]] = TextTable(resource["name"], key, frame)
    return tables


def previous_and_current() -> tuple[str, dict[str, TextTable], dict[str, TextTable]]:
    """The newest stored edition's version and package, and this edition's package, as text:
    what the page of what changed compares.

    Examples
    --------
    >>> version, before, now = previous_and_current()
    >>> version in stored_editions(), "timeline" in before, "timeline" in now
    (True, True, True)
    """
    versions = stored_editions()
    if not versions:
        raise FileNotFoundError(f"no edition is stored in {editions_dir()}")
    previous = versions[-1]
    return (
        previous,
        read_text_package(editions_dir() / previous),
        read_text_package(default_data_dir()),
    )
