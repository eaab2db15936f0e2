"""The overview's timeline: events on a time axis, one row per kind, the main ones named.

A reader saw the names collide with each other and with the dashed line of the 2019
Communication, and a 2023 meeting named in the summit row beside the 2025 summit. So names now
follow one rule, :func:`~eucasia.presentation.figurekit.slots.label_slots` (shared with
the country figures): each name stands in its own row, just above or just below
its mark, as near over the mark as the room allows, and never across the 2019 line; the rows
are then spaced for the names they carry. A name that finds no such place is numbered and
given in full in a key under the chart. tests/test_figure_real.py measures the drawn labels.

The module is long because the chart lays itself out by hand, in points (the rows' heights come
from the names they carry), and it keeps the timeline's vocabulary (kinds of event, the strategy's
document number, where a date of partial precision is plotted) beside the one chart that uses it.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from eucasia.analysis.milestones import STRATEGY_DOCUMENT, strategy_events
from eucasia.presentation.figurekit.canvas import axes_in_points, text_renderer
from eucasia.presentation.figurekit.labels import HALO, wrap_label
from eucasia.presentation.figurekit.layout import stack_ranks
from eucasia.presentation.figurekit.legends import marker_handle
from eucasia.presentation.figurekit.slots import GAP_PT, HALO_PAD_PT, label_slots, text_size_pt
from eucasia.presentation.figurekit.style import (
    MARK_COLOURS,
    STRATEGY_MARK,
    WIDTH_IN,
    figure_style,
)

#: Widths (characters) a name is wrapped at, tried in turn: the fewest lines that fit.
LABEL_WRAPS = (30, 24, 18)
#: The most lines a name may take beside its mark; a longer one is numbered and keyed.
MAX_LABEL_LINES = 6
#: Marker areas (points²) of an event and of a named event.
PLAIN_AREA, NAMED_AREA = 30.0, 60.0
#: Free space (points) between the 2019 line's centre and a name's halo: the line is an obstacle
#: the names keep clear of, by more than the slots' gap between two names (a name 4 points
#: off the line, halo to centre, read as running into it).
LINE_CLEAR_PT = 2 * GAP_PT
#: How far apart (points) the marks of a cluster are stacked.
STACK_PT = 8.0
#: Height (points) of a row that carries no name.
ROW_PT = 24.0


def plot_date(text: str) -> pd.Timestamp:
    """Where to plot a date of partial precision: mid-year for a year, mid-month for a month."""
    parts = str(text).split("-")
    if len(parts) == 1:
        return pd.Timestamp(int(parts[0]), 7, 1)
    if len(parts) == 2:
        return pd.Timestamp(int(parts[0]), int(parts[1]), 15)
    return pd.Timestamp(text)


#: Kinds of timeline event in a reading order, with their labels.
EVENT_KINDS = {
    "strategy": "Strategy",
    "communication": "Communication",
    "council_conclusions": "Council conclusions",
    "parliament_resolution": "Parliament resolution",
    "parliament_consent": "Parliament consent",
    "ministerial_meeting": "Ministerial meeting",
    "leaders_meeting": "Leaders' meeting",
    "summit": "Summit",
    "political_dialogue": "Political dialogue",
    "cooperation_council": "Cooperation council",
    "parliamentary_committee": "Parliamentary committee",
    "agreement_milestone": "Agreement milestone",
    "programming": "Programming",
    "investment_package": "Investment package",
    "financing_agreement": "Financing agreement",
    "forum": "Forum",
    "connectivity_platform": "Connectivity platform",
    "other": "Other",
}


#: The kinds of event a timeline names: the strategies and Joint Communications that set the
#: policy, and the meetings of heads of state (leaders' meetings, summits). Every other event
#: is a point on its row; the timeline table lists them all.
NAMED_KINDS = ("strategy", "communication", "leaders_meeting", "summit")


def _width(text: str, size: tuple[float, float]) -> float:
    """A way of writing a name, as :func:`label_slots` sees it: too many lines never fit."""
    return size[0] if text.count("\n") < MAX_LABEL_LINES else float("inf")


def timeline_chart(
    timeline: pd.DataFrame,
    kinds: dict[str, str] = EVENT_KINDS,
    named: tuple[str, ...] = NAMED_KINDS,
) -> Figure:
    """Events on a time axis, one row per kind; the events of the ``named`` kinds are named.

    The 2019 Communication (the event whose title cites :data:`STRATEGY_DOCUMENT`) is marked by a
    dashed line across all rows. Points are dark blue (5:1 contrast on white), named events
    vermillion (3.9:1); each name stands in its row beside its mark (:func:`label_slots`).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from eucasia.data import load_tables
    >>> fig = timeline_chart(load_tables(["timeline"])["timeline"])
    >>> type(fig).__name__, float(fig.get_figwidth())  # inches: the print width
    ('Figure', 7.0)
    >>> plt.close(fig)
    """
    figure_style()
    frame = timeline.copy()
    frame["when"] = [plot_date(d) for d in frame["date"]]
    unknown = set(frame["kind"]) - set(kinds)
    if unknown:
        raise ValueError(f"timeline kinds without a label: {sorted(unknown)}")
    order = [k for k in kinds if k in set(frame["kind"])][::-1]  # first kind on top
    row = {k: i for i, k in enumerate(order)}
    strategy = frame.loc[strategy_events(frame).index]
    shown = frame[frame["kind"].isin(named) & ~frame.index.isin(strategy.index)]
    shown = shown.loc[sorted(shown.index, key=lambda i: (shown.loc[i, "date"], i))]

    # The axes' width: the figure's, less the row names on the left.
    fig = plt.figure(figsize=(WIDTH_IN, 4))
    row_names = [kinds[k] for k in order]
    names_pt = max(text_size_pt(fig, n)[0] for n in row_names) + 8
    left_in, right_in = names_pt / 72, 0.15
    width_pt = (WIDTH_IN - left_in - right_in) * 72
    start = min(frame["when"]) - pd.Timedelta(days=240)
    end = max(frame["when"]) + pd.Timedelta(days=240)
    x0, x1 = mdates.date2num(start), mdates.date2num(end)

    def points(when: pd.Timestamp) -> float:
        return (mdates.date2num(when) - x0) / (x1 - x0) * width_pt

    lines = [points(w) for w in strategy["when"]]
    edges = [
        0.0,
        *sorted(x for x in lines for x in (x - LINE_CLEAR_PT, x + LINE_CLEAR_PT)),
        width_pt,
    ]
    segments = [(edges[i], edges[i + 1]) for i in range(0, len(edges), 2)]

    texts = {
        i: [f"{wrap_label(t, w)}\n({d})" for w in LABEL_WRAPS]
        for i, t, d in zip(shown.index, shown["title"], shown["date"], strict=True)
    }
    # An event whose name finds no place is numbered, and named in full in a key under the chart.
    for n, i in enumerate(shown.index, 1):
        texts[i].append(str(n))
    sizes = {i: [text_size_pt(fig, t) for t in options] for i, options in texts.items()}
    slots = label_slots(
        [
            (
                i,
                row[k],
                points(w),
                [_width(t, size) for t, size in zip(texts[i], sizes[i], strict=True)],
            )
            for i, k, w in zip(shown.index, shown["kind"], shown["when"], strict=True)
        ],
        segments,
    )
    if set(shown.index) - set(slots):
        raise ValueError(
            f"no place to name events {sorted(shown.loc[list(set(shown.index) - set(slots)), 'title'])}"
        )

    # An event of a named kind is drawn as one (a diamond), named beside its mark or not: the 2019
    # Communication is named over its line, and was drawn as a plain point when the mark
    # followed the name rather than the kind.
    marked = frame["kind"].isin(named)
    # Marks of a row closer than their width (two meetings a month apart) are stacked.
    frame["area"] = [NAMED_AREA if m else PLAIN_AREA for m in marked]
    frame["rank"] = stack_ranks(
        [points(w) for w in frame["when"]], frame["kind"].map(row), frame["area"]
    )
    stack = frame.groupby(frame["kind"].map(row))["rank"].max().to_dict()
    # Rows spaced for the names they carry, above and below their marks (in points).
    mark_pt = NAMED_AREA**0.5 / 2 + GAP_PT / 2
    reach = {
        (r, side): STACK_PT * stack.get(r, 0) + PLAIN_AREA**0.5 / 2
        for r in range(len(order))
        for side in ("above", "below")
    }
    for i, (choice, side, _) in slots.items():
        r = row[shown.loc[i, "kind"]]
        reach[(r, side)] = max(
            reach[(r, side)], mark_pt + STACK_PT * stack.get(r, 0) + sizes[i][choice][1]
        )
    y, top = {}, 0.0
    for r in range(len(order)):
        y[r] = top + max(ROW_PT / 2, reach[(r, "below")] + GAP_PT / 2)
        top = y[r] + max(ROW_PT / 2, reach[(r, "above")] + GAP_PT / 2)
    height_pt = top
    ax = axes_in_points(fig, left_in, width_pt, height_pt, (0.55, 0.3))
    ax.set_xlim(start, end)

    frame["y"] = [
        y[row[k]] + STACK_PT * rank for k, rank in zip(frame["kind"], frame["rank"], strict=True)
    ]
    plain = frame[~marked]
    shown = frame.loc[shown.index]
    ax.scatter(
        plain["when"],
        plain["y"],
        s=PLAIN_AREA,
        color=MARK_COLOURS[0],
        edgecolor="white",
        linewidth=0.5,
        zorder=3,
    )
    ax.scatter(
        frame.loc[marked, "when"],
        frame.loc[marked, "y"],
        s=NAMED_AREA,
        color=MARK_COLOURS[1],
        marker="D",
        edgecolor="white",
        linewidth=0.5,
        zorder=4,
    )
    for when, date in zip(strategy["when"], strategy["date"], strict=True):
        ax.axvline(when, zorder=2, **STRATEGY_MARK)
        ax.annotate(
            f"{STRATEGY_DOCUMENT}, {date}",
            (when, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            va="bottom",
            color=MARK_COLOURS[1],
            fontweight="bold",
        )
    per_pt = (x1 - x0) / width_pt
    numbered = [i for i in shown.index if slots[i][0] == len(LABEL_WRAPS)]
    for n, i in enumerate(numbered, 1):
        texts[i][-1] = str(n)
    for i, (choice, side, left) in slots.items():
        r = row[shown.loc[i, "kind"]]
        offset = mark_pt + STACK_PT * stack.get(r, 0) + HALO_PAD_PT
        ax.text(
            x0 + (left + HALO_PAD_PT) * per_pt,
            y[r] + offset if side == "above" else y[r] - offset,
            texts[i][choice],
            ha="left",
            va="bottom" if side == "above" else "top",
            bbox=HALO,
            zorder=5,
        )
    ax.set_yticks([y[r] for r in range(len(order))], row_names)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.spines[["top", "right", "left"]].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.set_xlabel("Year")
    legend_top = -40 / height_pt  # under the year axis and its label
    if numbered:
        key = ax.annotate(
            "\n".join(
                f"{texts[i][-1]}: {wrap_label(shown.loc[i, 'title'], 90)} ({shown.loc[i, 'date']})"
                for i in numbered
            ),
            (0, 0),
            xycoords="axes fraction",
            xytext=(0, -40),
            textcoords="offset points",
            ha="left",
            va="top",
        )
        box = key.get_window_extent(text_renderer(fig)).transformed(ax.transAxes.inverted())
        legend_top = box.y0 - 0.02
    ax.legend(
        handles=[
            marker_handle("o", MARK_COLOURS[0], "event", size=5.5),
            marker_handle(
                "D",
                MARK_COLOURS[1],
                "named: " + ", ".join(kinds[k].lower() for k in named),
                size=6.5,
            ),
            Line2D([], [], label=f"the 2019 Communication, {STRATEGY_DOCUMENT}", **STRATEGY_MARK),
        ],
        loc="upper left",
        bbox_to_anchor=(0, legend_top),
        ncol=1,
        frameon=False,
    )
    return fig
