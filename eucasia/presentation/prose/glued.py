"""Glued text that names the table cell showing the same quantity, so the two can be compared.

A chapter glues a number into its prose and often shows the same quantity in a table on the
same page (the top broker's betweenness in the sentence and in the actors table). A
:class:`Fact` carries, next to its text, the :class:`Cell` of that table; `myst_nb.glue` stores
it in the output's metadata under :data:`CELL_KEY`, and the tests read every such glue of the
executed notebooks and compare it with the cell of the built page (tests/test_glued_numbers.py).
A glue without a cell is a quantity no table on its page shows.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

#: Output-metadata key of the table cell a glued value corresponds to.
CELL_KEY = "eucasia/table-cell"


@dataclass(frozen=True)
class Cell:
    """A cell of a table on the page: the table's label, the text of its row's first cell as the
    page shows it, and the column's header.

    Examples
    --------
    >>> cell = Cell("tbl-res-actors", "European Union", "betweenness")
    >>> cell.table, cell.column
    ('tbl-res-actors', 'betweenness')
    """

    table: str
    row: str
    column: str


class Fact(str):
    """Text to glue that knows the table cell showing the same quantity.

    Examples
    --------
    >>> fact = Fact("0.79", Cell("tbl-res-actors", "European Union", "betweenness"))
    >>> fact, fact._repr_mimebundle_()[1]["eucasia/table-cell"]["row"]
    ('0.79', 'European Union')
    """

    cell: Cell | None

    def __new__(cls, text: str, cell: Cell | None = None) -> Fact:
        made = super().__new__(cls, text)
        made.cell = cell
        return made

    def _repr_mimebundle_(self, include=None, exclude=None) -> tuple[dict, dict]:
        """What `glue` stores: the text as a plain string's repr, and the cell in the metadata."""
        data = {"text/plain": repr(str(self))}
        if self.cell is None:
            return data, {}
        # Plain strings: a row named by a restyled value (`Shown`, a str subclass) is its text.
        return data, {CELL_KEY: {f.name: str(getattr(self.cell, f.name)) for f in fields(Cell)}}
