"""Figures of the synthesis: actor strength across strands, and the 2019 → 2023 crosswalk."""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from eucasia.presentation.canvas import text_renderer
from eucasia.presentation.labels import wrap_label
from eucasia.presentation.style import STRAND_COLOURS, WIDTH_IN, figure_style


def strength_heatmap(matrix: pd.DataFrame, titles: Mapping[str, str]) -> Figure:
    """Actors (rows) by strand (columns), shaded by the actor's strength in that strand network;
    a dash where the actor is absent from a strand (a missing value of `matrix`)."""
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
            fontsize=8,
            color="white" if shade[i, j] > shade.max() * 0.6 else "#222222",
        )
    ax.set_xticks(
        range(matrix.shape[1]),
        [wrap_label(titles[c], 14) for c in matrix.columns],
        fontsize=8,
    )
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(matrix)), names)  # whole names, wrapped: never cut
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    fig.tight_layout()
    return fig


def crosswalk_chart(tables: Mapping[str, pd.DataFrame]) -> Figure:
    """Matrix of 2019 sections (rows) against Roadmap key areas (columns): primary and partial."""
    figure_style()
    areas = tables["areas"].sort_values("area_id")
    roadmap = tables["roadmap_areas"].sort_values("number")
    walk = tables["crosswalk"]
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 0.34 * len(areas) + 1.0))
    col = {r: j for j, r in enumerate(roadmap["roadmap_area_id"])}
    row = {a: i for i, a in enumerate(areas["area_id"])}
    for a, r, rel in zip(walk["area_id"], walk["roadmap_area_id"], walk["relation"], strict=True):
        if rel == "none" or pd.isna(r):
            ax.text(
                len(col) - 0.5,
                row[a],
                "no key area",
                va="center",
                ha="right",
                fontsize=8,
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
    # Key areas are numbered on the axis and named in full in the key under the chart.
    ax.set_xticks(range(len(col)), [str(n) for n in roadmap["number"]], fontsize=8.5)
    ax.xaxis.tick_top()
    ax.set_yticks(
        range(len(row)),
        [
            wrap_label(f"{a} {t}" if a != "0" else t, 52)
            for a, t in zip(areas["area_id"], areas["title"], strict=True)
        ],
        fontsize=8,
    )
    ax.set_xlim(-0.5, len(col) - 0.5)
    ax.set_ylim(len(row) - 0.5, -0.5)
    ax.grid(color="#e5e5e5", linewidth=0.6)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.scatter(
        [], [], s=150, color="#777777", label="primary: the key area carries the section forward"
    )
    ax.scatter([], [], s=70, color="white", edgecolor="#777777", linewidth=1.6, label="partial")
    legend = ax.legend(
        loc="upper left", bbox_to_anchor=(0, -0.02), ncol=2, frameon=False, fontsize=8
    )
    fig.tight_layout()
    renderer = text_renderer(fig)
    below = legend.get_window_extent(renderer).transformed(fig.transFigure.inverted()).y0
    entries = [f"{n}. {t}" for n, t in zip(roadmap["number"], roadmap["title"], strict=True)]
    fig.text(
        0.01,  # from the left edge: the key uses the full width
        below - 0.01,
        "Key areas of the Joint Roadmap (columns)\n"
        + "\n".join(wrap_label(e, 84).replace("\n", "\n    ") for e in entries),
        va="top",
        ha="left",
        fontsize=8,
        linespacing=1.3,
    )
    return fig
