"""Centrality, community and whole-network measures for weighted actor networks.

Conventions used throughout (state them in any chapter that reports the numbers):

* ``weight`` on an edge = number of shared initiatives (a *strength of tie*).
  Path-based measures (betweenness, closeness) need a *length*, so they use
  ``distance = 1 / weight``: two actors sharing five initiatives are "closer"
  than two sharing one.
* Ranks are competition ranks ("1224"): 1 = highest value, ties share the best
  rank. Values are rounded to 12 decimals before ranking so float noise does not
  break ties.
* Communities are Louvain (``nx.community.louvain_communities``, weighted,
  seeded), numbered from 1 by decreasing size, then by smallest member id.
* Empty graphs and graphs without edges never raise: degree, strength,
  betweenness and closeness are 0, eigenvector centrality is NaN, PageRank is
  uniform, every node is its own community, modularity is NaN.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Hashable, Iterable, Mapping

import networkx as nx
import numpy as np
import pandas as pd
from scipy.stats import rankdata

MetricFn = Callable[[nx.Graph], dict[Hashable, float]]

METRIC_COLUMNS = ("degree", "strength", "betweenness", "closeness", "eigenvector", "pagerank")
SORT_KEY = (["strength", "degree", "node"], [False, False, True])


def _distance(u: Hashable, v: Hashable, data: Mapping) -> float:
    """Edge length for path measures: ``1 / weight`` (see module docstring)."""
    return 1.0 / data.get("weight", 1)


def ordered(sets: Iterable[Iterable[Hashable]]) -> list[set[Hashable]]:
    """Sort node sets by decreasing size, then smallest member id (stable numbering)."""
    return sorted((set(s) for s in sets), key=lambda s: (-len(s), min(map(str, s))))


def components(G: nx.Graph) -> list[set[Hashable]]:
    """Connected components, largest first (ties broken by smallest member id)."""
    return ordered(nx.connected_components(G))


def degree(G: nx.Graph) -> dict[Hashable, float]:
    """Number of distinct partners."""
    return dict(G.degree())


def strength(G: nx.Graph) -> dict[Hashable, float]:
    """Weighted degree: sum of shared-initiative counts over all partners."""
    return dict(G.degree(weight="weight"))


def betweenness(G: nx.Graph, k: int | None = None, seed: int = 0) -> dict[Hashable, float]:
    """Normalised weighted betweenness (distance = 1/weight).

    With ``k`` smaller than the number of nodes, shortest paths are computed from
    ``k`` seeded random sources only (Brandes–Pich estimate) — used for large
    benchmark graphs, never silently: callers pass ``k`` explicitly.
    """
    k = k if k is not None and k < G.number_of_nodes() else None
    return nx.betweenness_centrality(G, k=k, normalized=True, weight=_distance, seed=seed)


def closeness(G: nx.Graph, k: int | None = None, seed: int = 0) -> dict[Hashable, float]:
    """Weighted closeness (distance = 1/weight), Wasserman–Faust scaled for disconnection.

    The scaling multiplies by the share of other nodes a node can reach, so an
    actor in a small fragment does not look central. With ``k`` smaller than the
    number of nodes, mean distances are estimated from ``k`` seeded random pivots
    (Eppstein–Wang); nodes whose component holds no other pivot are computed
    exactly.
    """
    n = G.number_of_nodes()
    if k is None or k >= n:
        return nx.closeness_centrality(G, distance=_distance)
    size = {v: len(c) for c in components(G) for v in c}
    pivots = random.Random(seed).sample(sorted(G, key=str), k)
    total = dict.fromkeys(G, 0.0)
    count = dict.fromkeys(G, 0)
    for p in pivots:
        for v, d in nx.single_source_dijkstra_path_length(G, p, weight=_distance).items():
            if v != p:
                total[v] += d
                count[v] += 1
    out = {}
    for v in G:
        if size[v] == 1:
            out[v] = 0.0
            continue
        if count[v] == 0:
            lengths = nx.single_source_dijkstra_path_length(G, v, weight=_distance)
            total[v], count[v] = sum(lengths.values()), len(lengths) - 1
        out[v] = (count[v] / total[v]) * (size[v] - 1) / (n - 1) if total[v] > 0 else 0.0
    return out


def eigenvector(G: nx.Graph, max_iter: int = 10_000, tol: float = 1e-12) -> dict[Hashable, float]:
    """Weighted eigenvector centrality on the largest connected component; NaN elsewhere.

    Eigenvector centrality is only well defined on a connected graph (on a
    disconnected one the leading eigenvector lives on a single component and the
    others get 0 for reasons of algebra, not of position). We therefore compute
    it on the largest component and leave other nodes NaN; use PageRank to
    compare across components. Power iteration on ``A + I`` from a uniform start
    (as networkx does) is deterministic; the vector has unit Euclidean norm.
    """
    out = dict.fromkeys(G, math.nan)
    if G.number_of_edges() == 0:
        return out
    nodes = sorted(components(G)[0], key=str)
    A = nx.to_scipy_sparse_array(G, nodelist=nodes, weight="weight", format="csr")
    x = np.full(len(nodes), 1.0 / math.sqrt(len(nodes)))
    for _ in range(max_iter):
        nxt = A @ x + x
        nxt /= np.linalg.norm(nxt)
        done = np.abs(nxt - x).sum() < len(nodes) * tol
        x = nxt
        if done:
            break
    out.update(zip(nodes, x.tolist(), strict=True))
    return out


def pagerank(G: nx.Graph) -> dict[Hashable, float]:
    """Weighted PageRank (damping 0.85); defined on disconnected graphs too."""
    return nx.pagerank(G, weight="weight") if len(G) else {}


METRICS: dict[str, MetricFn] = {
    "degree": degree,
    "strength": strength,
    "betweenness": betweenness,
    "closeness": closeness,
    "eigenvector": eigenvector,
    "pagerank": pagerank,
}


def rank_desc(values: np.ndarray, axis: int = -1) -> np.ndarray:
    """Competition ranks (1 = largest) along ``axis``; NaN ranks last."""
    v = np.round(np.nan_to_num(np.asarray(values, dtype=float), nan=-np.inf), 12)
    return rankdata(-v, method="min", axis=axis)


def communities(G: nx.Graph, seed: int = 0) -> list[set[Hashable]]:
    """Weighted Louvain communities, numbered by :func:`ordered` (isolates are singletons)."""
    if G.number_of_edges() == 0:
        return ordered({n} for n in G)
    return ordered(nx.community.louvain_communities(G, weight="weight", seed=seed))


def actor_metrics(G: nx.Graph, seed: int = 0, k: int | None = None) -> pd.DataFrame:
    """One row per node with all centralities, Louvain community and ranks.

    Columns: ``node, label, actor_type`` (missing attributes → ``""``),
    ``degree, strength, betweenness, closeness, eigenvector, pagerank,
    community`` and ``rank_<metric>`` for each metric (nullable Int64; NaN
    values, i.e. eigenvector outside the largest component, get no rank).
    Sorted by strength, then degree (both descending), then node id, so the
    table reads as "who is most tied in". ``k`` switches betweenness and
    closeness to seeded sampling (for benchmarks on very large graphs only).
    """
    nodes = list(G)
    values = {
        "degree": degree(G),
        "strength": strength(G),
        "betweenness": betweenness(G, k=k, seed=seed),
        "closeness": closeness(G, k=k, seed=seed),
        "eigenvector": eigenvector(G),
        "pagerank": pagerank(G),
    }
    member = {n: i for i, c in enumerate(communities(G, seed=seed), start=1) for n in c}
    frame = pd.DataFrame(
        {
            "node": pd.Series(nodes, dtype=object),
            "label": [str(G.nodes[n].get("label", n)) for n in nodes],
            "actor_type": [str(G.nodes[n].get("actor_type", "")) for n in nodes],
            **{m: pd.Series([v[n] for n in nodes], dtype=float) for m, v in values.items()},
            "community": pd.Series([member[n] for n in nodes], dtype="Int64"),
        }
    )
    frame = frame.astype({"degree": "int64"})
    for m in METRIC_COLUMNS:
        col = frame[m].to_numpy(dtype=float)
        ranks = pd.Series(rank_desc(col), dtype="Int64")
        frame[f"rank_{m}"] = ranks.mask(np.isnan(col))
    by, ascending = SORT_KEY
    return frame.sort_values(by, ascending=ascending, kind="mergesort").reset_index(drop=True)


def degree_centralization(G: nx.Graph) -> float:
    """Freeman's degree centralization: 1 for a star, 0 when all degrees are equal."""
    n = G.number_of_nodes()
    if n < 3:
        return math.nan
    deg = [d for _, d in G.degree()]
    return sum(max(deg) - d for d in deg) / ((n - 1) * (n - 2))


def network_summary(G: nx.Graph, seed: int = 0) -> dict[str, float]:
    """Whole-network descriptors for a chapter's summary table.

    Keys: nodes, edges, density, components, largest_component_share,
    isolates, average_degree, average_strength, degree_centralization (Freeman,
    unweighted), modularity (weighted, of the Louvain partition with ``seed``)
    and communities. Undefined values (e.g. modularity without edges) are NaN.
    """
    n, m = G.number_of_nodes(), G.number_of_edges()
    comps = components(G)
    parts = communities(G, seed=seed)
    return {
        "nodes": n,
        "edges": m,
        "density": float(nx.density(G)) if n > 1 else math.nan,
        "components": len(comps),
        "largest_component_share": len(comps[0]) / n if n else math.nan,
        "isolates": nx.number_of_isolates(G),
        "average_degree": 2 * m / n if n else math.nan,
        "average_strength": 2 * G.size(weight="weight") / n if n else math.nan,
        "degree_centralization": degree_centralization(G),
        "modularity": (nx.community.modularity(G, parts, weight="weight") if m else math.nan),
        "communities": len(parts),
    }


def bridging_actors(
    graphs: Mapping[str, nx.Graph], top_n: int = 10, k: int | None = None, seed: int = 0
) -> pd.DataFrame:
    """Actors present in more than one strand network, with their rank in each.

    For each strand ``s`` the columns ``rank_strength_<s>`` and
    ``rank_betweenness_<s>`` give the actor's rank there (NA if absent);
    ``strands_present`` counts strands where the actor is a node,
    ``strands_top`` those where it is in the ``top_n`` by strength *or*
    betweenness, listed in ``top_in``. A zero value never counts as "top" (in a
    graph without bridges every betweenness is 0 and would tie at rank 1).
    Sorted by strands_top, strands_present (descending) and node id.

    Examples
    --------
    >>> import networkx as nx
    >>> one = nx.Graph([("eu", "kaz", {"weight": 3}), ("eu", "undp", {"weight": 1})])
    >>> two = nx.Graph([("eu", "kaz", {"weight": 2}), ("kaz", "wb", {"weight": 2})])
    >>> bridges = bridging_actors({"one": one, "two": two}, top_n=1)
    >>> bridges[["node", "strands_present", "strands_top"]].values.tolist()
    [['eu', 2, 1], ['kaz', 2, 1]]
    """
    rows = []
    for strand, G in graphs.items():
        nodes = list(G)
        vals = {"strength": strength(G), "betweenness": betweenness(G, k=k, seed=seed)}
        ranks = {
            m: dict(zip(nodes, rank_desc([v[n] for n in nodes]), strict=True))
            for m, v in vals.items()
        }
        for n in nodes:
            top = any(ranks[m][n] <= top_n and vals[m][n] > 0 for m in vals)
            rows.append(
                (
                    n,
                    str(G.nodes[n].get("label", n)),
                    strand,
                    top,
                    ranks["strength"][n],
                    ranks["betweenness"][n],
                )
            )
    long = pd.DataFrame(rows, columns=["node", "label", "strand", "top", "strength", "betweenness"])
    long = long.astype({"top": bool})
    out = long.groupby("node", sort=True).agg(
        label=("label", "first"),
        strands_present=("strand", "size"),
        strands_top=("top", "sum"),
    )
    out["top_in"] = long[long["top"]].groupby("node")["strand"].agg("; ".join)
    out["top_in"] = out["top_in"].fillna("")
    for strand in graphs:
        sub = long[long["strand"] == strand].set_index("node")
        for m in ("strength", "betweenness"):
            out[f"rank_{m}_{strand}"] = sub[m].reindex(out.index).astype("Int64")
    out = out[out["strands_present"] > 1].reset_index()
    out = out.astype({"strands_present": "int64", "strands_top": "int64"})
    return out.sort_values(
        ["strands_top", "strands_present", "node"],
        ascending=[False, False, True],
        kind="mergesort",
    ).reset_index(drop=True)
