"""Citation metadata: CITATION.cff validates, and it agrees with edition.toml and .zenodo.json."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import yaml

from eucasia.assembly.edition import read_edition

ROOT = Path(__file__).resolve().parent.parent


SCHEMA = ROOT / "tools" / "schemas" / "citation-file-format-1.2.0.json"


def cff_errors(data: dict) -> list[str]:
    """Violations of the Citation File Format 1.2.0 schema (the schema cffconvert validates with)."""
    validator = jsonschema.Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)
    ]


class _NoDates(yaml.SafeLoader):
    """YAML without implicit dates: CFF dates are strings in the schema (as cffconvert reads them)."""


_NoDates.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_cff() -> dict:
    return yaml.load((ROOT / "CITATION.cff").read_text(encoding="utf-8"), Loader=_NoDates)


def test_citation_cff_validates() -> None:
    assert cff_errors(load_cff()) == []


def test_invalid_citation_cff_is_caught() -> None:
    broken = load_cff()
    del broken["authors"]
    broken["date-released"] = "24 November 2026"
    errors = cff_errors(broken)
    assert any("authors" in e for e in errors) and any("date-released" in e for e in errors), errors


def test_citation_metadata_agree_with_edition() -> None:
    edition = read_edition()
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    zenodo = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    assert cff["version"] == edition.version == zenodo["version"]
    assert str(cff["date-released"]) == edition.date == zenodo["publication_date"]
    assert cff["preferred-citation"]["edition"] == edition.version
    assert cff["title"] == edition.title == zenodo["title"] == cff["preferred-citation"]["title"]
    assert (
        [a["name"] for a in cff["authors"]]
        == list(edition.authors)
        == [c["name"] for c in zenodo["creators"]]
    )
    assert cff["repository-code"] == edition.repository


def test_bibtex_names_the_edition() -> None:
    edition = read_edition()
    bib = edition.bibtex("https://example.org/book/")
    assert f"Version {edition.version}, {edition.date}" in bib
    assert bib.startswith("@book{") and bib.rstrip().endswith("}")


def test_repository_url_agrees_everywhere() -> None:
    """The repository URL is set in _config.yml (launch buttons) and edition.toml (citation)."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    edition = read_edition()
    assert config["repository"]["url"] == edition.repository
    # What a reader cites is the book at its address on the web; the repository holds its code.
    assert load_cff()["preferred-citation"]["url"] == config["html"]["baseurl"]
    assert load_cff()["repository-code"] == edition.repository
    assert not config["launch_buttons"]["binderhub_url"].endswith("/")
