"""The figure of a country profile: each of a state's agreements with the EU on a time axis.

Drawn from ``agreements`` and ``agreement_milestones`` only, with the 2019 Communication (found
in ``timeline`` by its document number) marked; the alt text is written from the same rows.

The module is long because the chart lays itself out by hand, in points, as the overview's
timeline does: its names follow the timeline's rule (figurekit/slots.py), and each lane is as
tall as the names it carries.
"""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from eucasia.analysis.milestones import (
    MILESTONE_ORDER,
    STRATEGY_DOCUMENT,
    state_milestones,
    strategy_date,
)
from eucasia.presentation.charts.plain_charts import plot_date
from eucasia.presentation.figurekit.canvas import axes_in_points, year_axis
from eucasia.presentation.figurekit.labels import HALO, wrap_label
from eucasia.presentation.figurekit.layout import stack_ranks
from eucasia.presentation.figurekit.legends import bottom_of, marker_handle
from eucasia.presentation.figurekit.slots import GAP_PT, HALO_PAD_PT, fullest_slots, text_size_pt
from eucasia.presentation.figurekit.style import MARK_COLOURS, STRATEGY_MARK, WIDTH_IN, figure_style

#: Agreement types as a reader names them (the acronym is explained where it is used).
AGREEMENT_LABELS = {
    "PCA": "Partnership and Cooperation Agreement (PCA)",
    "EPCA": "Enhanced Partnership and Cooperation Agreement (EPCA)",
    "interim_trade_agreement": "Interim trade agreement",
    "other": "Other agreement",
}

#: Milestone -> marker: the later the step, the fuller the mark (colour is never the only cue).
MILESTONE_MARKERS = {
    "negotiations_launched": "o",
    "negotiations_concluded": "s",
    "initialled": "^",
    "signed": "D",
    "provisionally_applied": "v",
    "in_force": "*",
}


def _steps(tables: Mapping[str, pd.DataFrame], code: str) -> pd.DataFrame:
    """The state's milestones in the book's one order (`state_milestones`), with plot dates."""
    steps = state_milestones(tables, code)
    return steps.assign(when=[plot_date(d) for d in steps["date"]])


def agreement_chart_data(tables: Mapping[str, pd.DataFrame], code: str) -> pd.DataFrame:
    """The milestones :func:`agreement_chart` draws for a state, in its order (its CSV).

    Examples
    --------
    >>> from eucasia.data import load_tables
    >>> tables = load_tables(["agreement_milestones", "timeline", "countries"])
    >>> list(agreement_chart_data(tables, "KAZ").columns)
    ['agreement', 'milestone', 'date']
    """
    steps = _steps(tables, code)
    return pd.DataFrame(
        {
            "agreement": steps["agreement_type"].str.replace("_", " "),
            "milestone": steps["milestone"].str.replace("_", " "),
            "date": steps["date"],
        }
    )


#: Marker areas (points²) of a milestone and of the entry into force (the fullest mark).
MARK_AREA, IN_FORCE_AREA = 42.0, 70.0
#: How far apart (points) the marks of a cluster are stacked.
STACK_PT = 6.0
#: Characters a milestone's name is wrapped at where it does not fit whole.
NARROW_WRAP = 12
#: Height (points) of a lane's band that carries no name.
LANE_PT = 24.0


def _lane_title_left(width: float, line: float, width_pt: float) -> float:
    """Where a lane's title starts (points): at the left, unless it would cross the 2019 line;
    then just right of the line if it fits there."""
    if width <= line - GAP_PT or width > width_pt - line - GAP_PT:
        return 0.0
    return line + GAP_PT


def agreement_chart(tables: Mapping[str, pd.DataFrame], code: str) -> Figure:
    """One lane per agreement of the state ``code``; each documented milestone named at its date.

    Names follow the overview timeline's rule
    (:func:`~eucasia.presentation.figurekit.slots.label_slots`): each stands just above or just
    below its own mark, starting at it, clear of the other names and marks and of the dashed
    line of the 2019 Communication, and a lane's names read in date order. The chart is laid
    out in points (a lane is as tall as the names it carries), its lane titles above the lanes.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from eucasia.data import load_tables
    >>> tables = load_tables(["agreement_milestones", "timeline", "countries"])
    >>> fig = agreement_chart(tables, "KAZ")
    >>> type(fig).__name__, len(fig.axes) >= 1
    ('Figure', True)
    >>> plt.close(fig)
    """
    figure_style()
    steps = _steps(tables, code)
    lanes = sorted(set(steps["agreement_type"]), key=list(AGREEMENT_LABELS).index)[::-1]
    row = {a: i for i, a in enumerate(lanes)}  # the first agreement type on top
    strategy = pd.Timestamp(strategy_date(tables["timeline"]))
    names = {i: m.replace("_", " ") for i, m in zip(steps.index, steps["milestone"], strict=True)}
    # Each name written whole, else wrapped narrower, else numbered and named in a key below.
    forms = {
        i: [f"{names[i]}\n{d}", f"{wrap_label(names[i], NARROW_WRAP)}\n{d}", str(len(steps))]
        for i, d in zip(steps.index, steps["date"], strict=True)
    }
    fig = plt.figure(figsize=(WIDTH_IN, 3))
    sizes = {i: [text_size_pt(fig, t) for t in options] for i, options in forms.items()}
    left_in, right_in = 0.1, 0.15
    width_pt = (WIDTH_IN - left_in - right_in) * 72
    years = [t.year for t in steps["when"]] + [strategy.year]
    start = pd.Timestamp(min(years) - 1, 1, 1)
    x0 = mdates.date2num(start)
    # The axis runs on until the whole name of every milestone after 2019 fits before its end.
    ends = [
        x0 + (mdates.date2num(w) - x0) * width_pt / (width_pt - sizes[i][0][0] + GAP_PT)
        for i, w in zip(steps.index, steps["when"], strict=True)
        if w > strategy
    ]
    end = pd.Timestamp(max([max(years) + 2, *(mdates.num2date(x).year + 1 for x in ends)]), 1, 1)
    x1 = mdates.date2num(end)

    def points(when: pd.Timestamp) -> float:
        return (mdates.date2num(when) - x0) / (x1 - x0) * width_pt

    line = points(strategy)
    segments = [(0.0, line - GAP_PT), (line + GAP_PT, width_pt)]
    steps["x"] = [points(w) for w in steps["when"]]
    steps["area"] = [IN_FORCE_AREA if m == "in_force" else MARK_AREA for m in steps["milestone"]]
    in_date_order = sorted(steps.index, key=lambda i: (steps.loc[i, "x"], steps.loc[i, "order"], i))
    lane_of = steps["agreement_type"].map(row)
    # Marks of a lane closer than their width (concluded and initialled on one day, or three
    # weeks apart) are stacked a little apart, so that no mark hides another; the upper one is
    # named above the stack, the lower one below.
    steps["rank"] = stack_ranks(steps["x"], lane_of, steps["area"])
    sides = {i: ("above",) if k > 0 else ("below",) for i, k in steps["rank"].items() if k}
    slots = fullest_slots(
        [(i, lane_of[i], steps.loc[i, "x"], [w for w, _ in sizes[i]]) for i in in_date_order],
        segments,
        sides=sides,
    )
    if set(steps.index) - set(slots):
        raise ValueError(
            f"no free place for the milestones {sorted(set(steps.index) - set(slots))} of {code}"
        )
    numbered = [
        i
        for i in sorted(in_date_order, key=lambda i: -lane_of[i])
        if slots[i][0] == len(forms[i]) - 1
    ]
    for n, i in enumerate(numbered, 1):
        forms[i][-1] = str(n)

    stack = steps.groupby(lane_of)["rank"].max().to_dict()
    mark_pt = IN_FORCE_AREA**0.5 / 2 + GAP_PT / 2
    reach = {
        (r, side): STACK_PT * stack[r] + IN_FORCE_AREA**0.5 / 2
        for r in row.values()
        for side in ("above", "below")
    }
    for i, (choice, side, _) in slots.items():
        r = lane_of[i]
        height = sizes[i][choice][1]
        reach[(r, side)] = max(reach[(r, side)], mark_pt + STACK_PT * stack[r] + height)
    titles = {a: AGREEMENT_LABELS[a] for a in lanes}
    title_size = {a: text_size_pt(fig, t, fontweight="bold") for a, t in titles.items()}
    y, title_y, top = {}, {}, 0.0
    for agreement in lanes:
        r = row[agreement]
        y[r] = top + max(LANE_PT / 2, reach[(r, "below")] + GAP_PT / 2)
        title_y[r] = y[r] + max(LANE_PT / 2, reach[(r, "above")] + GAP_PT / 2)
        top = title_y[r] + title_size[agreement][1] + GAP_PT
    height_pt = top
    ax = axes_in_points(fig, left_in, width_pt, height_pt, (0.45, 0.1))
    ax.set_xlim(start, end)
    per_pt = (x1 - x0) / width_pt

    ax.axvline(strategy, zorder=1, **STRATEGY_MARK)
    steps["y"] = [y[r] + STACK_PT * k for r, k in zip(lane_of, steps["rank"], strict=True)]
    for agreement in lanes:
        r = row[agreement]
        when = steps.loc[lane_of == r, "when"]
        if when.nunique() > 1:  # the agreement's life, from its first milestone to its last
            ax.plot([min(when), max(when)], [y[r]] * 2, color="#6b6b6b", lw=1.5, zorder=2)
        width, height = title_size[agreement]
        lane = ax.text(
            x0 + (_lane_title_left(width, line, width_pt) + HALO_PAD_PT) * per_pt,
            title_y[r] + HALO_PAD_PT,
            titles[agreement],
            fontweight="bold",
            va="bottom",
            ha="left",
        )
        lane.lane = r
    for milestone in MILESTONE_ORDER:
        part = steps[steps["milestone"] == milestone]
        if part.empty:
            continue
        drawn = ax.scatter(
            part["when"],
            part["y"],
            marker=MILESTONE_MARKERS[milestone],
            s=part["area"],
            color=MARK_COLOURS[0],
            edgecolor="white",
            linewidth=0.5,
            zorder=3,
        )
        drawn.marks = list(part.index)  # which milestone each mark is: tests match names to it
    for i, (choice, side, left) in slots.items():
        r = lane_of[i]
        offset = mark_pt + STACK_PT * stack[r] + HALO_PAD_PT
        name = ax.text(
            x0 + (left + HALO_PAD_PT) * per_pt,
            y[r] + offset if side == "above" else y[r] - offset,
            forms[i][choice],
            ha="left",
            va="bottom" if side == "above" else "top",
            bbox=HALO,
            zorder=5,
        )
        name.mark, name.lane = i, r  # its own mark, and its lane
    ax.set_yticks([])
    year_axis(ax, base=5 if max(years) - min(years) > 16 else 2)
    ax.grid(axis="x", color="#e5e5e5", lw=0.6)
    ax.spines[["top", "right", "left"]].set_visible(False)
    ax.tick_params(axis="y", length=0)
    key = [f"{forms[i][-1]}: {names[i]} {steps.loc[i, 'date']}" for i in numbered]
    _key_and_legend(ax, key, [m for m in MILESTONE_ORDER if m in set(steps["milestone"])])
    return fig


def _key_and_legend(ax: Axes, key: list[str], milestones: list[str]) -> None:
    """Under the years: the key of the numbered names (if any), then the marks' legend."""
    top = -24 / ax.get_ylim()[1]  # axes units: the axes' height is in points
    if key:
        text = ax.annotate(
            "\n".join(key),
            (0, 0),
            xycoords="axes fraction",
            xytext=(0, -24),
            textcoords="offset points",
            ha="left",
            va="top",
        )
        top = bottom_of(ax, text)
    handles = [
        marker_handle(
            MILESTONE_MARKERS[m],
            MARK_COLOURS[0],
            m.replace("_", " "),
            size=(10 if m == "in_force" else 7),
        )
        for m in milestones
    ]
    handles.append(
        Line2D([], [], label=f"the 2019 Communication, {STRATEGY_DOCUMENT}", **STRATEGY_MARK)
    )
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, top), ncol=2, frameon=False)


def agreement_alt(tables: Mapping[str, pd.DataFrame], code: str) -> str:
    """Alt text of :func:`agreement_chart`, from the same rows: every milestone and its date.

    Examples
    --------
    >>> from eucasia.data import load_tables
    >>> tables = load_tables(["agreement_milestones", "timeline", "countries"])
    >>> agreement_alt(tables, "KAZ").split(". ")[0]
    "Timeline of Kazakhstan's agreements with the EU"
    """
    name = tables["countries"].set_index("country_code").loc[code, "name"]
    steps = _steps(tables, code)
    parts = [
        f"{AGREEMENT_LABELS[a]}: "
        + ", ".join(
            f"{m.replace('_', ' ')} {d}" for m, d in zip(g["milestone"], g["date"], strict=True)
        )
        for a, g in steps.groupby("agreement_type", sort=True)
    ]
    return (
        f"Timeline of {name}'s agreements with the EU. "
        + "; ".join(parts)
        + f". A dashed line marks the 2019 Communication ({strategy_date(tables['timeline'])})."
    )
