"""The table of the 2025 declaration: each theme of 2019 and 2023, and each new theme, with what
the declaration did with it, the paragraphs it rests on and why (the book's judgement)."""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd

from eucasia.presentation.charts.declaration_figure import (
    COLUMNS,
    GROUPS,
    paragraph_span,
)
from eucasia.presentation.text.readertext import cite_sources, reader_text

#: How a relation reads in the table (the figure's column headings, without their asides).
RELATION_WORDS = {
    "gained_emphasis": "gained emphasis",
    "kept": "kept",
    "new": "new",
    "undetermined": "undetermined",
    "dropped": "dropped",
}
assert set(RELATION_WORDS) == set(COLUMNS)
#: The text a theme comes from, short, for the table's first column.
TEXT_WORDS = {"strategy_2019": "2019", "roadmap_2023": "2023", "declaration_2025": "2025"}
assert set(TEXT_WORDS) == set(GROUPS)


def area_number(row) -> str:
    """The number a theme has in its text: ``1.2`` (a 2019 section), ``4`` (a Roadmap key area),
    nothing for the overarching priority (it has none) and for a theme new in 2025.

    >>> import pandas as pd
    >>> rows = pd.DataFrame({"text": ["strategy_2019", "strategy_2019", "roadmap_2023"],
    ...                      "label": ["0", "1.2", "RA4"]})
    >>> [area_number(r) for r in rows.itertuples(index=False)]
    ['', '1.2', '4']
    """
    if row.text == "roadmap_2023":
        return str(row.label).removeprefix("RA")
    return "" if row.label in ("", "0") else str(row.label)


def agenda_table(changes: pd.DataFrame, source_ids: Collection[str]) -> pd.DataFrame:
    """One row per theme, in the figure's order: the text it comes from, the area's number and
    title (as the data has it, so the table's download is the data), the relation, the
    paragraphs and the rationale with its sources cited.

    ``changes`` is :func:`eucasia.analysis.declaration.agenda_changes`. *why* holds MyST
    (citations): show it with ``raw_columns``.

    Examples
    --------
    >>> import pandas as pd
    >>> changes = pd.DataFrame({"text": ["roadmap_2023"], "label": ["RA4"], "title": ["Security"],
    ...     "relation": ["kept"], "paragraphs": [("D-05", "D-06")], "rationale": ["See x_2025"]})
    >>> agenda_table(changes, {"x_2025"}).iloc[0].tolist()
    ['2023', '4', 'Security', 'kept', '§5–6', 'See {cite}`x_2025`']
    """
    return pd.DataFrame(
        {
            "text": changes["text"].map(TEXT_WORDS),
            "area": [area_number(row) for row in changes.itertuples(index=False)],
            "title": [reader_text(x) for x in changes["title"]],
            "in 2025": changes["relation"].map(RELATION_WORDS),
            "paragraphs": [paragraph_span(p) for p in changes["paragraphs"]],
            "why": [cite_sources(r, source_ids) for r in changes["rationale"]],
        }
    ).reset_index(drop=True)
