"""The coded strategy as the network analysis reads it, passed whole instead of four tables."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

#: Where each part of a corpus comes from in the data package.
TABLES = {
    "initiatives": "initiatives",
    "actors": "actors",
    "links": "initiative_actors",
    "areas": "areas",
}


@dataclass(frozen=True, eq=False)
class Corpus:
    """Initiatives, actors, the initiative–actor links and the areas that place initiatives in strands.

    Immutable, so an analysis cannot change the tables another one reads. Tables are used as
    they are: the loader (or a synthetic generator) is responsible for their validity.

    Examples
    --------
    >>> from eucasia.data import load_tables
    >>> corpus = Corpus.from_tables(load_tables(["initiative_actors"]))
    >>> list(corpus.links.columns[:2])
    ['initiative_id', 'actor_id']
    >>> corpus.links = corpus.links.head(0)  # immutable
    Traceback (most recent call last):
    dataclasses.FrozenInstanceError: cannot assign to field 'links'
    """

    initiatives: pd.DataFrame
    actors: pd.DataFrame
    links: pd.DataFrame
    areas: pd.DataFrame

    @classmethod
    def from_tables(cls, tables: Mapping[str, pd.DataFrame]) -> Corpus:
        """The corpus inside the tables returned by :func:`eucasia.data.load_tables`."""
        missing = [table for table in TABLES.values() if table not in tables]
        if missing:
            raise KeyError(f"tables lacks {', '.join(missing)}")
        return cls(**{part: tables[table] for part, table in TABLES.items()})
