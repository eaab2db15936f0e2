"""Comparisons across strands, the 2019 → 2023 crosswalk, funding and country profiles."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from itertools import combinations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from eucasia.charts import STRAND_COLOURS
from eucasia.figures import WIDTH_IN, figure_style, short_label
from eucasia.network import StrandResult

STRANDS = ("resilience", "prosperity", "together")


def strand_titles(tables: Mapping[str, pd.DataFrame]) -> dict[str, str]:
    return dict(zip(tables["strands"]["strand_id"], tables["strands"]["title"], strict=True))


def compare_strands(
    results: Mapping[str, StrandResult], tables: Mapping[str, pd.DataFrame]
) -> pd.DataFrame:
    """One column per strand: size, density, centralisation, communities, most central actors."""
    titles = strand_titles(tables)
    rows: dict[str, dict[str, object]] = {}
    for strand, result in results.items():
        s = result.summary
        ranked = result.metrics.sort_values(["rank_strength", "node"])["label"].tolist()
        initiatives = sum(
            1 for _, d in result.bipartite.nodes(data=True) if d.get("kind") == "initiative"
        )
        rows[titles[strand]] = {
            "initiatives": initiatives,
            "actors": s["nodes"],
            "ties": s["edges"],
            "density": f"{s['density']:.2f}",
            "degree centralisation": f"{s['degree_centralization']:.2f}",
            "communities": s["communities"],
            "modularity": f"{s['modularity']:.2f}",
            "most central (strength)": "; ".join(short_label(x) for x in ranked[:3]),
        }
    table = pd.DataFrame(rows)
    table.index.name = "measure"
    return table.reset_index()


def actor_overlap(
    results: Mapping[str, StrandResult], tables: Mapping[str, pd.DataFrame]
) -> pd.DataFrame:
    """For each pair of strands: actors in both, in either, and their Jaccard similarity."""
    titles = strand_titles(tables)
    rows = []
    for a, b in combinations(results, 2):
        left, right = set(results[a].projection), set(results[b].projection)
        rows.append(
            {
                "strands": f"{titles[a]} / {titles[b]}",
                "actors in both": len(left & right),
                "actors in either": len(left | right),
                "Jaccard similarity": round(len(left & right) / len(left | right), 2),
            }
        )
    everywhere = set.intersection(*(set(r.projection) for r in results.values()))
    rows.append(
        {
            "strands": "all three",
            "actors in both": len(everywhere),
            "actors in either": len(set.union(*(set(r.projection) for r in results.values()))),
            "Jaccard similarity": round(
                len(everywhere) / len(set.union(*(set(r.projection) for r in results.values()))), 2
            ),
        }
    )
    return pd.DataFrame(rows)


def strength_matrix(results: Mapping[str, StrandResult], min_strands: int = 2) -> pd.DataFrame:
    """Strength of each actor present in at least `min_strands` strand networks (0 = absent)."""
    frames = {s: r.metrics.set_index("node")["strength"] for s, r in results.items()}
    labels = {}
    for r in results.values():
        labels.update(dict(zip(r.metrics["node"], r.metrics["label"], strict=True)))
    matrix = pd.DataFrame(frames).fillna(0).astype(int)
    present = (matrix > 0).sum(axis=1)
    matrix = matrix[present >= min_strands]
    matrix = matrix.loc[matrix.sum(axis=1).sort_values(ascending=False, kind="mergesort").index]
    matrix.index = [labels[n] for n in matrix.index]
    return matrix


def strength_heatmap(matrix: pd.DataFrame, titles: Mapping[str, str]) -> Figure:
    """Actors (rows) by strand (columns), shaded by the actor's strength in that strand network."""
    figure_style()
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 0.26 * len(matrix) + 1.4))
    values = matrix.to_numpy(dtype=float)
    shade = np.log1p(values)
    ax.imshow(shade, aspect="auto", cmap="Blues", vmin=0, vmax=shade.max() * 1.15)
    for (i, j), v in np.ndenumerate(values):
        ax.text(
            j,
            i,
            "–" if v == 0 else f"{int(v)}",
            ha="center",
            va="center",
            fontsize=7.5,
            color="white" if shade[i, j] > shade.max() * 0.6 else "#222222",
        )
    ax.set_xticks(
        range(matrix.shape[1]),
        ["\n".join(textwrap.wrap(titles[c], 12)) for c in matrix.columns],
        fontsize=7,
    )
    ax.xaxis.tick_top()
    ax.set_yticks(
        range(len(matrix)),
        [textwrap.shorten(short_label(x), 42, placeholder=" …") for x in matrix.index],
    )
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    fig.tight_layout()
    return fig


def crosswalk_table(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Each 2019 section with the Joint Roadmap key areas that carry it forward."""
    areas = tables["areas"].set_index("area_id")["title"]
    roadmap = tables["roadmap_areas"].set_index("roadmap_area_id")["title"]
    walk = tables["crosswalk"].copy()
    walk["roadmap key area"] = walk["roadmap_area_id"].map(roadmap).fillna("none")
    walk = walk.assign(order=walk["relation"].map({"primary": 0, "partial": 1, "none": 2}))
    walk = walk.sort_values(["area_id", "order", "roadmap_area_id"])
    return pd.DataFrame(
        {
            "section": walk["area_id"],
            "2019 section": walk["area_id"].map(areas),
            "relation": walk["relation"],
            "2023 Roadmap key area": walk["roadmap key area"],
            "why": walk["rationale"],
        }
    ).reset_index(drop=True)


def crosswalk_chart(tables: Mapping[str, pd.DataFrame]) -> Figure:
    """Matrix of 2019 sections (rows) against Roadmap key areas (columns): primary and partial."""
    figure_style()
    areas = tables["areas"].sort_values("area_id")
    roadmap = tables["roadmap_areas"].sort_values("number")
    walk = tables["crosswalk"]
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 0.34 * len(areas) + 2.2))
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
                fontsize=7,
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
    ax.set_xticks(
        range(len(col)),
        [
            f"{n}. {textwrap.shorten(t, 44, placeholder=' …')}"
            for n, t in zip(roadmap["number"], roadmap["title"], strict=True)
        ],
        fontsize=7,
        rotation=28,
        ha="left",
        rotation_mode="anchor",
    )
    ax.xaxis.tick_top()
    ax.set_yticks(
        range(len(row)),
        [
            f"{a} {textwrap.shorten(t, 52, placeholder=' …')}"
            if a != "0"
            else textwrap.shorten(t, 56, placeholder=" …")
            for a, t in zip(areas["area_id"], areas["title"], strict=True)
        ],
        fontsize=7.5,
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
    ax.legend(loc="upper left", bbox_to_anchor=(0, -0.02), ncol=2, frameon=False, fontsize=7.5)
    fig.tight_layout()
    return fig


QUALIFIER_WORDS = {
    "exact": "",
    "at_least": "at least ",
    "approximately": "about ",
    "up_to": "up to ",
}


def format_eur(amount: float, qualifier: str) -> str:
    """'EUR 550 million' with its qualifier ('at least', 'about', 'up to')."""
    if amount >= 1e9:
        text = f"EUR {amount / 1e9:,.1f} billion".replace(".0 billion", " billion")
    else:
        text = f"EUR {amount / 1e6:,.1f} million".replace(".0 million", " million")
    return QUALIFIER_WORDS[qualifier] + text


def funding_table(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Funding rows for readers: programme, period, scope, amount in words, source, note."""
    f = tables["funding"].copy()
    names = dict(zip(tables["countries"]["country_code"], tables["countries"]["name"], strict=True))
    period = [
        "" if pd.isna(a) else (f"{a}" if pd.isna(b) or a == b else f"{a}–{b}")
        for a, b in zip(f["period_start"], f["period_end"], strict=True)
    ]
    f = f.assign(
        period=period,
        scope_name=f["scope"].map(lambda s: "regional" if s == "regional" else names.get(s, s)),
    )
    f = f.assign(sort_year=pd.to_numeric(f["period_start"]).fillna(9999)).sort_values(
        ["sort_year", "scope", "funding_id"]
    )
    return pd.DataFrame(
        {
            "programme or package": f["programme"],
            "period": f["period"],
            "scope": f["scope_name"],
            "amount": [
                format_eur(a, q)
                for a, q in zip(f["amount_eur"], f["amount_qualifier"], strict=True)
            ],
            "source": [f"{{cite}}`{s}`" for s in f["source_id"]],
            "note": f["note"].fillna(""),
        }
    ).reset_index(drop=True)


def events_by_period(timeline: pd.DataFrame, split: str = "2019-05-15") -> pd.DataFrame:
    """Counts of timeline events by kind before and after the 2019 communication."""
    after = timeline["date"] >= split[:10]
    table = pd.crosstab(timeline["kind"], np.where(after, "from May 2019", "before May 2019"))
    for column in ("before May 2019", "from May 2019"):
        if column not in table:
            table[column] = 0
    table = table[["before May 2019", "from May 2019"]].reset_index()
    table["kind"] = table["kind"].str.replace("_", " ")
    return table.sort_values(["from May 2019", "kind"], ascending=[False, True]).reset_index(
        drop=True
    )
