"""The totals the "What changed" page's prose cites, each naming the summary cell showing it."""

from __future__ import annotations

from eucasia.analysis.editions import EditionDiff
from eucasia.presentation.prose.glued import Cell, Fact
from eucasia.presentation.tables.edition_tables import SUMMARY_LABEL, TOTAL
from eucasia.presentation.text.numbers import fixed


def change_facts(diff: EditionDiff, previous: str) -> dict[str, str]:
    """Glue values for the page, keyed as the notebook glues them (``chg_<key>``).

    The row totals are :class:`Fact` s naming the summary's total row, so the tests compare
    each with the table on the page.

    Examples
    --------
    >>> from eucasia.analysis.editions import diff_editions
    >>> facts = change_facts(diff_editions({}, {}), "0.1.0")
    >>> facts["previous"], facts["added"], facts["tables_changed"]
    ('0.1.0', '0', '0')
    """
    s = diff.summary
    total = lambda column: Fact(  # noqa: E731
        fixed(int(s[column].sum()), 0, grouping=True), Cell(SUMMARY_LABEL, TOTAL, column)
    )
    changed = (s[["added", "corrected", "removed"]].sum(axis=1) > 0) | s["columns_added"].notna()
    changed |= s["columns_removed"].notna()
    return {
        "previous": previous,
        "tables": str(len(s)),
        "tables_changed": str(int(changed.sum())),
        "added": total("added"),
        "corrected": total("corrected"),
        "removed": total("removed"),
        "cells": fixed(len(diff.corrections), 0, grouping=True),
        "renamed": str(
            int((diff.rows["change"] == "added").mul(diff.rows["renamed"].notna()).sum())
        ),
    }
