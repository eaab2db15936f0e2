"""Where the data package lives, and paths as an author sees them in messages."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the book: eucasia/data/paths.py → ./
DATA_DIR = ROOT / "data"
DESCRIPTOR = "datapackage.json"


def default_data_dir() -> Path:
    """The `data/` folder of the book being worked on.

    Searched upwards from the working directory (a notebook runs in `notebooks/`, so this finds
    the data of the copy of the book it belongs to), falling back to the package's own book.
    """
    for folder in (Path.cwd(), *Path.cwd().parents):
        if (folder / "data" / DESCRIPTOR).is_file():
            return folder / "data"
    return DATA_DIR


def show_path(path: Path) -> str:
    """A path as an author sees it: relative to the repository when possible."""
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)
