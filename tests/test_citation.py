"""Citation metadata: CITATION.cff validates, and it agrees with edition.toml and .zenodo.json."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

from eucasia.edition import read_edition

ROOT = Path(__file__).resolve().parent.parent


def test_citation_cff_validates() -> None:
    result = subprocess.run(
        [str(Path(sys.executable).parent / "cffconvert"), "--validate", "-i", str(ROOT / "CITATION.cff")],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_citation_metadata_agree_with_edition() -> None:
    edition = read_edition()
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    zenodo = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    assert cff["version"] == edition.version == zenodo["version"]
    assert str(cff["date-released"]) == edition.date == zenodo["publication_date"]
    assert cff["preferred-citation"]["edition"] == edition.version
    assert cff["title"] == edition.title == zenodo["title"] == cff["preferred-citation"]["title"]
    assert [a["name"] for a in cff["authors"]] == list(edition.authors) == [c["name"] for c in zenodo["creators"]]
    assert cff["repository-code"] == edition.repository


def test_bibtex_names_the_edition() -> None:
    edition = read_edition()
    bib = edition.bibtex()
    assert f"Version {edition.version}, {edition.date}" in bib
    assert bib.startswith("@book{") and bib.rstrip().endswith("}")
