"""The figure of the 2025 declaration: what it did with each area of 2019 and 2023, and what it added.

One row per theme, grouped by the text it comes from (the 2019 sections, the 2023 Roadmap's key
areas, the themes new in 2025); one column per relation, so that a reader counts down a column
and sees at once how many areas are *undetermined* and that none can be called *dropped*. Each
mark carries the paragraphs it rests on (``§1–4``), the figure's only numbers beside the
row labels. The drawing is as wide as the page's column allows at the book's one type size, and
each row as tall as its wrapped name, so the figure opens whole in the phone's figure view.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from eucasia.analysis.declaration import RELATIONS
from eucasia.presentation.figurekit.labels import wrap_label
from eucasia.presentation.figurekit.style import FONT_PT, MAX_WIDTH_PT, OKABE_ITO, figure_style

#: Column order for a reader: what moved up, what stayed, what is new, what cannot be told, what
#: went (the descriptor's vocabulary, reordered; every relation has a column, used or not).
COLUMNS = ("gained_emphasis", "kept", "new", "undetermined", "dropped")
assert set(COLUMNS) == set(RELATIONS)
HEADINGS = {
    "gained_emphasis": "gained emphasis",
    "kept": "kept",
    "new": "new in 2025",
    "undetermined": "undetermined",
    "dropped": "dropped",
}
#: Mark of each relation: (marker, face colour, edge colour); undetermined is hollow, so that it
#: reads as "no answer" in greyscale too.
MARKS = {
    "gained_emphasis": ("^", OKABE_ITO["blue"], OKABE_ITO["blue"]),
    "kept": ("o", OKABE_ITO["bluish_green"], OKABE_ITO["bluish_green"]),
    "new": ("D", OKABE_ITO["vermillion"], OKABE_ITO["vermillion"]),
    "undetermined": ("o", "white", "#6b6b6b"),
    "dropped": ("X", "#333333", "#333333"),
}
GROUPS = {
    "strategy_2019": "2019 strategy: its sections",
    "roadmap_2023": "2023 Joint Roadmap: its key areas",
    "declaration_2025": "Themes new in the 2025 declaration",
}
#: Characters a row name is wrapped at, and the figure's width (within MAX_WIDTH_PT).
ROW_WRAP = 48
WIDTH_IN = 7.6
assert WIDTH_IN * 72 <= MAX_WIDTH_PT


def paragraph_span(paragraphs: tuple[str, ...]) -> str:
    """``("D-01", "D-02", "D-03", "D-08")`` -> ``"§1–3, 8"``: runs of paragraphs as ranges.

    Examples
    --------
    >>> paragraph_span(("D-05", "D-06"))
    '§5–6'
    >>> paragraph_span(("D-03", "D-06"))
    '§3, 6'
    >>> paragraph_span(())
    ''
    """
    numbers = sorted(int(p.split("-")[1]) for p in paragraphs)
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts = [f"{r[0]}–{r[-1]}" if len(r) > 1 else f"{r[0]}" for r in runs]
    return "§" + ", ".join(parts) if parts else ""


def row_name(row) -> str:
    """A theme's name as the figure and the table show it: ``1.1 Title``, ``1. Title`` (a
    Roadmap key area), the title alone (the overarching priority, a theme new in 2025)."""
    if row.text == "strategy_2019":
        return f"{row.label} {row.title}" if row.label != "0" else str(row.title)
    if row.text == "roadmap_2023":
        return f"{str(row.label).removeprefix('RA')}. {row.title}"
    return str(row.title)


def agenda_chart(changes: pd.DataFrame, last_paragraph: int) -> Figure:
    """Themes (rows, grouped by text) against relations (columns), each mark with its paragraphs.

    ``changes`` is :func:`eucasia.analysis.declaration.agenda_changes`; ``last_paragraph`` the
    last paragraph coded (:func:`~eucasia.analysis.declaration.coverage`), which the heading of
    the *undetermined* column names: those areas are not in paragraphs 1 to it.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from eucasia.analysis.declaration import agenda_changes, coverage
    >>> from eucasia.data import load_tables
    >>> tables = load_tables()
    >>> fig = agenda_chart(agenda_changes(tables), coverage(tables)["last"])
    >>> bool(fig.get_figwidth() == WIDTH_IN)
    True
    >>> plt.close(fig)
    """
    figure_style()
    line_in = FONT_PT * 1.25 / 72
    names: list[str] = []
    heights: list[float] = []
    marks: list[tuple[int, str, str]] = []  # (row index, relation, paragraph span)
    headers: list[int] = []
    for text, group in changes.groupby("text", sort=False):
        headers.append(len(names))
        names.append(GROUPS[str(text)])
        heights.append(line_in + 0.16)
        for row in group.itertuples(index=False):
            name = wrap_label(row_name(row), ROW_WRAP)
            marks.append((len(names), str(row.relation), paragraph_span(row.paragraphs)))
            names.append(name)
            heights.append(line_in * (name.count("\n") + 1) + 0.1)
    centres = [sum(heights[:i]) + heights[i] / 2 for i in range(len(heights))]
    headings = {**HEADINGS, "undetermined": f"undetermined (not in §1–{last_paragraph})"}
    heads = [wrap_label(headings[c], 13) for c in COLUMNS]
    head_in = line_in * max(h.count("\n") + 1 for h in heads) + 0.2
    fig, ax = plt.subplots(figsize=(WIDTH_IN, sum(heights) + head_in + 0.3))
    col = {c: j for j, c in enumerate(COLUMNS)}
    for i, relation, span in marks:
        marker, face, edge = MARKS[relation]
        ax.scatter(
            col[relation] - 0.22,
            centres[i],
            s=70,
            marker=marker,
            color=face,
            edgecolor=edge,
            linewidth=1.4,
            zorder=3,
        )
        if span:
            ax.text(
                col[relation] - 0.08, centres[i], span, va="center", ha="left", fontsize=FONT_PT
            )
    for i in headers[1:]:  # a rule above each group but the first
        ax.axhline(sum(heights[:i]), color="#999999", linewidth=0.8)
    ax.set_xticks(range(len(COLUMNS)), heads, fontsize=FONT_PT, va="bottom")
    ax.xaxis.tick_top()
    ax.set_yticks(centres, names, fontsize=FONT_PT)
    for i, label in enumerate(ax.get_yticklabels()):
        if i in headers:
            label.set_fontweight("bold")
    ax.set_xlim(-0.5, len(COLUMNS) - 0.5)
    ax.set_ylim(sum(heights), 0)
    ax.grid(axis="x", color="#e5e5e5", linewidth=0.6)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    fig.tight_layout()
    return fig
