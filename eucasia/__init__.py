"""Shared code of the open book on the EU Strategy on Central Asia, in four layers.

Data flows one way, and imports point down this list only:

* :mod:`eucasia.data` reads and validates the data package (the only code that reads ``data/``);
* :mod:`eucasia.analysis` turns validated tables into graphs, metrics and robustness checks;
* :mod:`eucasia.presentation` turns tables and analyses into what a page shows: figures, tables,
  glued facts and the checks of the prose's claims;
* :mod:`eucasia.assembly` assembles the book from them: what Sphinx and make need (cache keys,
  edition metadata, the notebook renderer, downloads and graph exports, the site's post-processing).

Notebooks import the public names of ``data``, ``analysis`` and ``presentation``; nothing here
imports a notebook, and nothing but Sphinx, make and the tests imports ``assembly``.
"""

import tomllib
from pathlib import Path

#: Where the edition's identity is written (version, date, DOI): the one source.
EDITION_FILE = Path(__file__).resolve().parent.parent / "edition.toml"


def __getattr__(name: str) -> str:
    """``eucasia.__version__``, read from ``edition.toml`` when asked for (by the packaging
    tools and the tests), never on import: a chapter that imports the package reads no file it
    does not declare (tests/test_cache_audit.py watches what a kernel opens)."""
    if name == "__version__":
        return tomllib.loads(EDITION_FILE.read_text(encoding="utf-8"))["version"]
    raise AttributeError(f"module 'eucasia' has no attribute {name!r}")
