"""Figures of the synthesis: actor strength across strands, and the 2019 → 2023 crosswalk."""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from eucasia.presentation.figurekit.canvas import text_renderer
from eucasia.presentation.figurekit.labels import wrap_label
from eucasia.presentation.figurekit.style import (
    FONT_PT,
    MAX_WIDTH_PT,
    STRAND_COLOURS,
    WIDTH_IN,
    figure_style,
)


def strength_heatmap(matrix: pd.DataFrame, titles: Mapping[str, str]) -> Figure:
    """Actors (rows) by strand (columns), shaded by the actor's strength in that strand network;
    a dash where the actor is absent from a strand (a missing value of `matrix`).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> matrix = pd.DataFrame({"resilience": [12, 4], "prosperity": [15, None]},
    ...                       index=["European Union", "UNDP"], dtype="Int64")
    >>> fig = strength_heatmap(matrix, {"resilience": "Resilience", "prosperity": "Prosperity"})
    >>> type(fig).__name__, float(fig.get_figwidth())  # inches: the print width
    ('Figure', 7.0)
    >>> plt.close(fig)
    """
    figure_style()
    names = [wrap_label(x, 44) for x in matrix.index]
    lines = sum(n.count("\n") + 1 for n in names)
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 0.18 * lines + 0.1 * len(matrix) + 1.4))
    values = matrix.to_numpy(dtype=float, na_value=np.nan)
    shade = np.log1p(np.nan_to_num(values, nan=0.0))
    ax.imshow(shade, aspect="auto", cmap="Blues", vmin=0, vmax=shade.max() * 1.15)
    for (i, j), v in np.ndenumerate(values):
        ax.text(
            j,
            i,
            "–" if np.isnan(v) else f"{int(v)}",
            ha="center",
            va="center",
            fontsize=FONT_PT,
            color="white" if shade[i, j] > shade.max() * 0.6 else "#222222",
        )
    ax.set_xticks(
        range(matrix.shape[1]),
        [wrap_label(titles[c], 14) for c in matrix.columns],
        fontsize=FONT_PT,
    )
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(matrix)), names)  # whole names, wrapped: never cut
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    fig.tight_layout()
    return fig


#: Characters a column heading of the crosswalk is wrapped at: five headings side by side.
#: Characters a line of the key areas' names above the columns holds: the five columns' width.
#: (Each name in its own column, 13 characters wide, stacked the longest over 12 lines.)
CROSSWALK_KEY_WRAP = 66
#: The heading of the list of names.
CROSSWALK_KEY_TITLE = "Columns: the 2023 Joint Roadmap's key areas"
#: Lines a key area's name may take.
CROSSWALK_KEY_LINES = 3
CROSSWALK_WIDTH_IN = 7.8
assert CROSSWALK_WIDTH_IN * 72 <= MAX_WIDTH_PT


def crosswalk_data(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """The crosswalk as :func:`crosswalk_chart` draws it, for its download: each id beside the
    name the figure shows for it (the 2019 section's and the Roadmap key area's titles), then
    the relation and its reasons. Ids alone sent a reader back to the data package to decode
    "RA3".

    Examples
    --------
    >>> from eucasia.data import load_tables
    >>> list(crosswalk_data(load_tables(["crosswalk"])).columns)
    ['area_id', 'area', 'roadmap_area_id', 'roadmap_area', 'relation', 'rationale', 'note']
    """
    areas = tables["areas"].set_index("area_id")["title"]
    roadmap = tables["roadmap_areas"].set_index("roadmap_area_id")["title"]
    walk = tables["crosswalk"]
    named = walk.assign(
        area=walk["area_id"].map(areas), roadmap_area=walk["roadmap_area_id"].map(roadmap)
    )
    order = ["area_id", "area", "roadmap_area_id", "roadmap_area"]
    return named[order + [c for c in walk.columns if c not in order]]


def crosswalk_chart(tables: Mapping[str, pd.DataFrame]) -> Figure:
    """Matrix of 2019 sections (rows) against Roadmap key areas (columns): primary and partial.

    Rows are named beside them; columns by their key area's number, the names given in full in a
    list right above the columns (each in at most :data:`CROSSWALK_KEY_LINES` lines).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from eucasia.data import load_tables
    >>> fig = crosswalk_chart(load_tables(["crosswalk"]))
    >>> type(fig).__name__, float(fig.get_figwidth())  # inches: the print width
    ('Figure', 7.8)
    >>> plt.close(fig)
    """
    figure_style()
    areas = tables["areas"].sort_values("area_id")
    roadmap = tables["roadmap_areas"].sort_values("number")
    walk = tables["crosswalk"]
    rows = [
        wrap_label(f"{a} {t}" if a != "0" else t, 44)
        for a, t in zip(areas["area_id"], areas["title"], strict=True)
    ]
    # Columns are headed by their key area's number, the names listed in full right above them:
    # five columns leave each too narrow for a long name (one took 12 lines).
    numbers = [str(n) for n in roadmap["number"]]
    names = [
        wrap_label(f"{n}. {t}", CROSSWALK_KEY_WRAP)
        for n, t in zip(numbers, roadmap["title"], strict=True)
    ]
    line_in = FONT_PT * 1.25 / 72  # one line of text, in inches
    # Each row as tall as its name (the figure must fit a printed page with its caption).
    tall = [line_in * (r.count("\n") + 1) + 0.1 for r in rows]
    centres = [sum(tall[:i]) + tall[i] / 2 for i in range(len(tall))]
    key_lines = sum(h.count("\n") + 1 for h in names) + 1
    head_in = line_in * (key_lines + 1) + 0.1 * len(names) + 0.35
    # Wider than the other figures (within MAX_WIDTH_PT): five named columns beside the rows.
    fig, ax = plt.subplots(figsize=(CROSSWALK_WIDTH_IN, sum(tall) + head_in + 0.9))
    col = {r: j for j, r in enumerate(roadmap["roadmap_area_id"])}
    row = dict(zip(areas["area_id"], centres, strict=True))
    for a, r, rel in zip(walk["area_id"], walk["roadmap_area_id"], walk["relation"], strict=True):
        if rel == "none" or pd.isna(r):
            ax.text(
                len(col) - 0.5,
                row[a],
                "no key area",
                va="center",
                ha="right",
                fontsize=FONT_PT,
                color="#555555",
            )
            continue
        strand = areas.set_index("area_id").loc[a, "strand_id"]
        ax.scatter(
            col[r],
            row[a],
            s=150 if rel == "primary" else 70,
            marker="o",
            color=STRAND_COLOURS[strand] if rel == "primary" else "white",
            edgecolor=STRAND_COLOURS[strand],
            linewidth=1.6,
            zorder=3,
        )
    ax.set_xticks(range(len(col)), numbers, fontsize=FONT_PT, fontweight="bold", va="bottom")
    ax.xaxis.tick_top()
    # The names, last nearest the columns, each starting at the axes' left edge.
    above = FONT_PT * 2.2  # points: clear of the column numbers
    renderer = text_renderer(fig)
    for name in [*reversed(names), CROSSWALK_KEY_TITLE]:
        entry = ax.annotate(
            name,
            (0, 1),
            xycoords="axes fraction",
            xytext=(0, above),
            textcoords="offset points",
            va="bottom",
            ha="left",
            fontsize=FONT_PT,
            fontweight="bold" if name == CROSSWALK_KEY_TITLE else "normal",
        )
        above += entry.get_window_extent(renderer).height * 72 / fig.dpi + FONT_PT * 0.4
    ax.set_yticks(centres, rows, fontsize=FONT_PT)
    ax.set_xlim(-0.5, len(col) - 0.5)
    ax.set_ylim(sum(tall), 0)
    ax.grid(color="#e5e5e5", linewidth=0.6)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.scatter(
        [], [], s=150, color="#777777", label="primary: the key area carries the section forward"
    )
    ax.scatter([], [], s=70, color="white", edgecolor="#777777", linewidth=1.6, label="partial")
    ax.legend(loc="upper left", bbox_to_anchor=(0, -0.02), ncol=1, frameon=False)
    fig.tight_layout()
    return fig
