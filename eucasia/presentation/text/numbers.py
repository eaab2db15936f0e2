"""The one rounding of the book: every number a reader sees goes through :func:`fixed`.

A number shown twice (in a sentence and in the table beside it, on a figure and in its
download) must read the same. Before, a table rounded betweenness to three places and then
printed two, while the prose printed two from the unrounded value: 0.7949 read 0.79 in the text
and 0.80 in the table. Rounding once, from the value the analysis computed, prevents that; the
glued facts declare the table cell that shows the same quantity (:mod:`glued`), and the tests
compare the two on the built pages.
"""

from __future__ import annotations

import math

#: Decimal places of the measures pages show (betweenness, PageRank, density, correlations).
DECIMALS = 2


def fixed(value: float, decimals: int = DECIMALS, grouping: bool = False) -> str:
    """`value` with `decimals` places, rounded once from the value itself (never from a rounded copy).

    Python's formatting rounds the binary value exactly (0.795 is stored as 0.79500000000000004,
    so it reads 0.80); every page, figure and download uses this one function, so a quantity reads
    the same wherever it is shown. `grouping` adds thousands separators (pages, not CSV).

    Examples
    --------
    >>> fixed(0.7948717948717949), fixed(1234.5, 1, grouping=True), fixed(-0.0001)
    ('0.79', '1,234.5', '0.00')
    """
    number = float(value)
    if math.isnan(number):
        return ""
    text = f"{number:,.{decimals}f}" if grouping else f"{number:.{decimals}f}"
    return text[1:] if text.startswith("-") and not text.strip("-0.,") else text  # no "-0.00"


def percent(part: float, whole: float, decimals: int = 0) -> str:
    """`part` of `whole` in percent, rounded once; "n/a" for an empty whole.

    Examples
    --------
    >>> percent(1, 3), percent(2, 3), percent(0, 0)
    ('33%', '67%', 'n/a')
    """
    return f"{fixed(100 * part / whole, decimals)}%" if whole else "n/a"
