"""The edition's version, date and title, read from `edition.toml` (the one source)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

EDITION_FILE = Path(__file__).resolve().parents[2] / "edition.toml"
PDF_NAME = "eu-central-asia-strategy.pdf"


@dataclass(frozen=True)
class Edition:
    version: str
    date: str
    title: str
    subtitle: str
    authors: tuple[str, ...]
    repository: str
    keywords: tuple[str, ...]
    #: The edition's DOI, or a placeholder until one is minted (see `edition.toml`).
    doi: str = ""

    @property
    def year(self) -> str:
        return self.date[:4]

    @property
    def doi_minted(self) -> bool:
        """Whether `doi` is a real DOI, not the placeholder (`X`s where the number will go).

        >>> Edition("1", "2026", "T", "", (), "", (), "10.5281/zenodo.XXXXXXX").doi_minted
        False
        """
        return bool(self.doi) and "XXX" not in self.doi

    def doi_text(self) -> str:
        """The DOI as a citation gives it: the DOI, or that it is not assigned yet (a reader
        must never copy the placeholder as if it were an identifier).

        >>> Edition("1", "2026", "T", "", (), "", (), "10.5281/zenodo.XXXXXXX").doi_text()
        'DOI: not yet assigned (Zenodo mints one when the edition is released)'
        """
        if self.doi_minted:
            return f"DOI: {self.doi}"
        return "DOI: not yet assigned (Zenodo mints one when the edition is released)"

    def bibtex(self, site: str) -> str:
        """BibTeX entry citing this edition of the book at its address on the web (`site`), with
        its DOI once one is minted; the repository is named as where the code and data live.

        >>> print(Edition("1.0", "2026-01-02", "T", "", ("A",), "r", (), "10.1/x").bibtex("u/"))
        @book{eucasia_book_1_0,
          title     = {T},
          author    = {{A}},
          year      = {2026},
          edition   = {Version 1.0, 2026-01-02},
          url       = {u/},
          doi       = {10.1/x},
          note      = {Open, executable book. Code MIT, text and data CC BY 4.0. Code and data: r}
        }
        """
        authors = " and ".join("{" + a + "}" for a in self.authors)
        doi = f"  doi       = {{{self.doi}}},\n" if self.doi_minted else ""
        return (
            f"@book{{eucasia_book_{self.version.replace('.', '_')},\n"
            f"  title     = {{{self.title}}},\n"
            f"  author    = {{{authors}}},\n"
            f"  year      = {{{self.year}}},\n"
            f"  edition   = {{Version {self.version}, {self.date}}},\n"
            f"  url       = {{{site}}},\n"
            f"{doi}"
            f"  note      = {{Open, executable book. Code MIT, text and data CC BY 4.0. "
            f"Code and data: {self.repository}}}\n"
            f"}}"
        )

    def book_reference(self, site: str) -> str:
        """The book's reference as How to cite and the PDF's colophon give it: author, year,
        title, version, date, the DOI (or that it is not assigned yet) and the book's address on
        the web, as the site's "Cite" controls cite it; the repository is where the code lives,
        not what a reader cites.

        >>> Edition("1.0", "2026-01-02", "T", "", ("A",), "", (), "10.1/x").book_reference("u/")
        'A (2026). T. Version 1.0, 2026-01-02. DOI: 10.1/x. u/'
        """
        return self.item_citation(site).removeprefix("in ")

    def item_citation(self, url: str) -> str:
        """What follows a table's or figure's number in its one-line citation: the book, this
        edition, its DOI, then the item's own address on the site (last, so nothing can be
        read as part of it).

        >>> Edition("1.0", "2026-01-02", "T", "", ("A",), "", (), "10.1/x").item_citation("u#t")
        'in A (2026). T. Version 1.0, 2026-01-02. DOI: 10.1/x. u#t'
        """
        doi = f" {self.doi_text()}." if self.doi else ""
        return (
            f"in {'; '.join(self.authors)} ({self.year}). {self.title}. "
            f"Version {self.version}, {self.date}.{doi} {url}"
        )


def read_edition(path: Path = EDITION_FILE) -> Edition:
    """Parse `edition.toml`; missing keys raise KeyError naming the key."""
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    return Edition(
        version=raw["version"],
        date=raw["date"],
        title=raw["title"],
        subtitle=raw["subtitle"],
        authors=tuple(raw["authors"]),
        repository=raw["repository"],
        keywords=tuple(raw["keywords"]),
        doi=raw.get("doi", ""),
    )
