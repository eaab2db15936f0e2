"""A cell's text as a page shows it, carrying the value it was made from.

Tables show house-styled text (dashes, money, citations) but their downloads must carry the
data, and their sort must follow the number a cell stands for; a `Shown` is both at once, so the
table, its CSV and its sort order cannot drift apart.
"""

from __future__ import annotations


class Shown(str):
    """Text as a page shows it (house dashes and money style, MyST citations, escapes) that
    remembers the data value it was made from, so the download carries that value instead, and
    optionally the number it stands for, by which a web table sorts it (`sort`), and that
    number's unit (`unit`, e.g. "eur"): a cell with a unit is text standing for an amount, whose
    download gets the number beside the text, in a column of its own (`amount_eur`).

    >>> cell = Shown("EU–Kazakhstan", data="EU-Kazakhstan")
    >>> cell, cell.data
    ('EU–Kazakhstan', 'EU-Kazakhstan')
    >>> Shown("about EUR 1 billion", data="about EUR 1 billion", sort=1e9).sort
    1000000000.0
    """

    data: object
    sort: float | None
    unit: str | None

    def __new__(
        cls, shown: str, data: object, sort: float | None = None, unit: str | None = None
    ) -> Shown:
        made = super().__new__(cls, shown)
        made.data = data
        made.sort = sort
        made.unit = unit
        return made
