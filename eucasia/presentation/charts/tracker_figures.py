"""Figures of the implementation tracker: status by strand and section, and delivery over time."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from eucasia.presentation.figurekit.canvas import count_axis, row_height_in
from eucasia.presentation.figurekit.legends import key_under_axis, status_legend, swatch_handle
from eucasia.presentation.figurekit.slots import GAP_PT, text_size_pt
from eucasia.presentation.figurekit.style import (
    BAR_EDGE,
    FONT_PT,
    STATUS_STYLE,
    STRAND_COLOURS,
    WIDTH_IN,
    figure_style,
)


def drawn_statuses(counts: pd.DataFrame) -> list[str]:
    """The statuses :func:`status_chart` draws and its key shows: those with at least one item,
    in the vocabulary's order. A status no item has (none is superseded) gets no swatch, so it
    gets no column in the figure's download either.

    >>> drawn_statuses(pd.DataFrame({"delivered": [2, 1], "superseded": [0, 0]}))
    ['delivered']
    """
    return [s for s in counts.columns if counts[s].sum() > 0]


def status_chart_data(counts: pd.DataFrame, names: Sequence[str], name_column: str) -> pd.DataFrame:
    """What :func:`status_chart` draws, as its download: the counts of the statuses it draws
    (:func:`drawn_statuses`), each row's ``names`` (as its bar's label gives them) in
    ``name_column`` beside its id, as the network figures' downloads name each node beside its
    id. Figure 6.2's gave section numbers alone, and a column for a status its key does not show.

    Examples
    --------
    >>> counts = pd.DataFrame({"delivered": [2, 1], "superseded": [0, 0]},
    ...                       index=pd.Index(["1.1", "1.2"], name="area_id"))
    >>> status_chart_data(counts, ["Human rights", "Trade"], "area").reset_index().values.tolist()
    [['1.1', 'Human rights', 2], ['1.2', 'Trade', 1]]
    """
    data = counts[drawn_statuses(counts)].copy()
    data.insert(0, name_column, list(names))
    return data


def status_chart(
    counts: pd.DataFrame, row_labels: Mapping[str, str], unit: str = "Coded items"
) -> Figure:
    """One horizontal bar per row (a strand or a section), split by status, counts written in.

    ``counts`` has one column per status (vocabulary order) and one row per strand or section
    (or per strand and kind of item); ``row_labels`` names the rows, ``unit`` the axis. Segments are labelled with their count so that colour is
    never the only cue; the legend is built from the same style table as the bars.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from eucasia.analysis import tracker
    >>> from eucasia.data import load_tables
    >>> counts = tracker.status_counts(load_tables(["implementation_status"]))
    >>> fig = status_chart(counts, {strand: strand.title() for strand in counts.index})
    >>> type(fig).__name__, float(fig.get_figwidth())  # inches: the print width
    ('Figure', 7.0)
    >>> plt.close(fig)
    """
    figure_style()
    rows = counts.iloc[::-1]
    names = ["\n".join(textwrap.wrap(row_labels[r], 40)) for r in rows.index]
    fig, ax = plt.subplots(figsize=(WIDTH_IN, row_height_in(names) * len(rows) + 1.5))
    left = pd.Series(0, index=rows.index)
    present = drawn_statuses(counts)
    for status in present:
        label, colour = STATUS_STYLE[status]
        values = rows[status]
        ax.barh(
            range(len(rows)), values, left=left, color=colour, edgecolor=BAR_EDGE, linewidth=0.5
        )
        for y, (value, start) in enumerate(zip(values, left, strict=True)):
            if value:
                ax.text(
                    start + value / 2, y, str(value), ha="center", va="center", fontsize=FONT_PT
                )
        left = left + values
    ax.set_yticks(range(len(rows)), names)
    ax.set_xlabel(unit)
    count_axis(ax.xaxis)
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(axis="y", length=0)
    fig.tight_layout()
    status_legend(ax, present)
    return fig


def event_name(fig: Figure, text: str, width_pt: float) -> str:
    """``text`` wrapped at the longest line that keeps it within ``width_pt`` (a year's slot):
    wrapped at 18 characters whatever the scale, the Connectivity Conference's name (2022) ran
    into the Joint Roadmap's (2023). A single word wider than the slot stays whole.

    >>> from matplotlib.figure import Figure
    >>> event_name(Figure(), "Connectivity Conference, Team Europe Initiatives", 60.0)
    'Connectivity\\nConference,\\nTeam Europe\\nInitiatives'
    """
    for chars in range(max(len(text), 1), 0, -1):
        name = "\n".join(textwrap.wrap(text, chars, break_long_words=False))
        if text_size_pt(fig, name)[0] <= width_pt:
            return name
    return name


def delivery_timeline(
    by_year: pd.DataFrame, strand_titles: Mapping[str, str], events: Mapping[int, str]
) -> Figure:
    """Evidence per year, stacked by strand, with the key events of the period named above it;
    the strands' key under the years, as the status figures' (inside the plot it covered bars).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> by_year = pd.DataFrame({"resilience": [2, 3], "prosperity": [1, 4]},
    ...                        index=pd.Index([2022, 2023], name="year"))
    >>> fig = delivery_timeline(by_year, {"resilience": "Resilience", "prosperity": "Prosperity"},
    ...                         {2023: "Roadmap"})
    >>> type(fig).__name__, float(fig.get_figwidth())  # inches: the print width
    ('Figure', 7.0)
    >>> plt.close(fig)
    """
    figure_style()
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 3.4))
    bottom = pd.Series(0, index=by_year.index)
    for strand in by_year.columns:
        ax.bar(
            by_year.index,
            by_year[strand],
            bottom=bottom,
            color=STRAND_COLOURS[strand],
            edgecolor=BAR_EDGE,
            linewidth=0.5,
        )
        bottom = bottom + by_year[strand]
    top = int(bottom.max())
    lo, hi = ax.get_xlim()
    year_pt = ax.bbox.width * 72 / fig.dpi / (hi - lo)  # before `tight_layout` widens the axes
    for year, text in events.items():
        ax.annotate(
            event_name(fig, text, year_pt - GAP_PT),
            # above its own bar and both neighbours, over which a name wider than a bar reaches
            (year, max(bottom.get(y, 0) for y in (year - 1, year, year + 1))),
            xytext=(0, 6),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=FONT_PT,
            color="#222222",
        )
    ax.set_ylim(0, top * 1.45 + 1)
    ax.set_xticks(list(by_year.index))
    count_axis(ax.yaxis)
    ax.set_ylabel("Pieces of evidence")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    strands = [swatch_handle(STRAND_COLOURS[s], strand_titles[s]) for s in by_year]
    key_under_axis(ax, strands, ncol=2)  # four strands: two rows of two
    return fig
