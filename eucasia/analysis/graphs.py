"""Build bipartite (affiliation) graphs and their weighted one-mode projections.

Two entry points share one builder and one projection routine:

* :func:`bipartite_graph` turns the coded strategy tables (initiatives, actors,
  initiative–actor links) into an actor–initiative graph, optionally for one
  strand only;
* :func:`affiliation_graph` does the same for any two-column edge table
  (rivers → countries, corridors → countries, dialogue formats → participants).

Node ids are used as they are (no prefixes), so the two node sets must be
disjoint; the builders refuse overlapping ids instead of silently merging two
different things into one node. All graphs are built in sorted order so that
layouts, community detection and exports are reproducible.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from itertools import combinations
from typing import Any

import networkx as nx
import pandas as pd

from eucasia.analysis.corpus import Corpus

ACTOR_SIDE = 0
INITIATIVE_SIDE = 1


def _clean(value: Any) -> Any:
    """Return ``None`` for missing values so they can be dropped from attributes."""
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):  # lists, tuples and other non-scalars
        return value
    return value


def _attrs(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Drop missing values: GraphML/GEXF cannot store ``None`` or ``NaN`` text."""
    return {k: v for k, v in raw.items() if _clean(v) is not None}


def _join(values: Iterable[Any]) -> str | None:
    """Merge repeated edge attributes (an actor both *lead* and *funder*); None if all missing."""
    return "; ".join(sorted({str(v) for v in values if _clean(v) is not None})) or None


def _build(
    left: Mapping[Hashable, Mapping[str, Any]],
    right: Mapping[Hashable, Mapping[str, Any]],
    edges: Iterable[tuple[Hashable, Hashable, Mapping[str, Any]]],
    edge_attrs: Sequence[str] = (),
) -> nx.Graph:
    """Assemble a bipartite graph with sorted insertion order.

    ``left`` nodes get ``bipartite=0``, ``right`` nodes ``bipartite=1``.
    Repeated (left, right) pairs collapse into one edge whose ``edge_attrs`` are
    the sorted, ``"; "``-joined distinct values.
    """
    overlap = sorted(set(left) & set(right), key=str)
    if overlap:
        raise ValueError(f"node ids must be disjoint between the two sides; shared: {overlap[:5]}")
    merged: dict[tuple[Hashable, Hashable], dict[str, list[Any]]] = {}
    for u, v, data in edges:
        slot = merged.setdefault((u, v), {a: [] for a in edge_attrs})
        for a in edge_attrs:
            slot[a].append(data.get(a))
    B = nx.Graph()
    for side, nodes in ((ACTOR_SIDE, left), (INITIATIVE_SIDE, right)):
        for n in sorted(nodes, key=str):
            B.add_node(n, **{**_attrs(nodes[n]), "bipartite": side})
    for u, v in sorted(merged, key=lambda e: (str(e[0]), str(e[1]))):
        B.add_edge(u, v, **_attrs({a: _join(vals) for a, vals in merged[(u, v)].items()}))
    return B


def _check_known(ids: pd.Series, known: set[str], what: str) -> None:
    unknown = sorted(set(ids) - known)
    if unknown:
        raise ValueError(f"link names unknown {what} id(s): {', '.join(unknown[:10])}")


def _strand_of(initiatives: pd.DataFrame, areas: pd.DataFrame) -> pd.Series:
    """Map each initiative id to its strand via its area (raises on unknown areas)."""
    area_strand = dict(
        zip(areas["area_id"].astype(str), areas["strand_id"].astype(str), strict=True)
    )
    area = initiatives["area_id"].astype(str)
    missing = sorted(set(area) - set(area_strand))
    if missing:
        raise ValueError(f"initiative names unknown area id(s): {', '.join(missing)}")
    return pd.Series(
        area.map(area_strand).to_numpy(), index=initiatives["initiative_id"].astype(str)
    )


def bipartite_graph(
    corpus: Corpus, strand: str | None = None, keep_unlinked: bool = False
) -> nx.Graph:
    """Actor–initiative graph, for the whole strategy or one ``strand``.

    Actor nodes: ``kind="actor"``, ``bipartite=0``, ``label`` (= name), ``name``,
    ``actor_type``, ``scope``, ``country_code`` and ``strands`` (sorted tuple of
    the strands the actor is linked to). Initiative nodes: ``kind="initiative"``,
    ``bipartite=1``, ``label`` (= id), ``initiative_kind``, ``area``, ``strand``,
    ``summary``. Edges carry ``role`` and ``basis`` ("; "-joined if an actor has
    several roles in one initiative).

    All links are validated against the full tables before filtering, so a typo
    fails loudly (``ValueError`` naming the id) whichever strand is requested.
    Actors without any link in the selection are left out unless
    ``keep_unlinked`` — otherwise they would inflate node counts and deflate
    density of strand networks.
    """
    initiatives, actors, links, areas = (
        corpus.initiatives,
        corpus.actors,
        corpus.links,
        corpus.areas,
    )
    for frame, col in ((initiatives, "initiative_id"), (actors, "actor_id")):
        dupes = sorted(set(frame[col][frame[col].duplicated()].astype(str)))
        if dupes:
            raise ValueError(f"duplicate {col}(s): {', '.join(dupes[:10])}")
    strand_of = _strand_of(initiatives, areas)
    if strand is not None and strand not in set(strand_of) | set(areas["strand_id"]):
        raise ValueError(f"unknown strand: {strand!r}")
    links = links.assign(
        initiative_id=links["initiative_id"].astype(str),
        actor_id=links["actor_id"].astype(str),
    )
    actor_rows = {str(r["actor_id"]): r for r in actors.to_dict("records")}
    _check_known(links["actor_id"], set(actor_rows), "actor")
    _check_known(links["initiative_id"], set(strand_of.index), "initiative")

    links = links.assign(strand=links["initiative_id"].map(strand_of))
    actor_strands = links.groupby("actor_id")["strand"].agg(lambda s: tuple(sorted(set(s))))
    if strand is not None:
        links = links[links["strand"] == strand]
    chosen = {i for i, s in strand_of.items() if strand is None or s == strand}

    init_nodes = {}
    for r in initiatives.to_dict("records"):
        iid = str(r["initiative_id"])
        if iid in chosen:
            init_nodes[iid] = {
                "kind": "initiative",
                "label": iid,
                "initiative_kind": r.get("kind"),
                "area": str(r["area_id"]),
                "strand": strand_of[iid],
                "summary": r.get("summary"),
            }
    linked = set(links["actor_id"])
    actor_nodes = {
        aid: {
            "kind": "actor",
            "label": r.get("name"),
            "name": r.get("name"),
            "actor_type": r.get("actor_type"),
            "scope": r.get("scope"),
            "country_code": r.get("country_code"),
            "strands": actor_strands.get(aid, ()),
        }
        for aid, r in actor_rows.items()
        if keep_unlinked or aid in linked
    }
    none = pd.Series(None, index=links.index, dtype=object)  # role/basis are optional
    edges = (
        (a, i, {"role": role, "basis": basis})
        for a, i, role, basis in zip(
            links["actor_id"],
            links["initiative_id"],
            links.get("role", none),
            links.get("basis", none),
            strict=True,
        )
    )
    return _build(actor_nodes, init_nodes, edges, edge_attrs=("role", "basis"))


def affiliation_graph(
    table: pd.DataFrame,
    left: str,
    right: str,
    *,
    left_kind: str | None = None,
    right_kind: str | None = None,
    node_attrs: Mapping[Hashable, Mapping[str, Any]] | None = None,
    edge_attrs: Sequence[str] = (),
) -> nx.Graph:
    """General bipartite graph from any two-column edge table.

    ``left`` values become ``bipartite=0`` nodes with ``kind=left_kind``
    (default: the column name), ``right`` values ``bipartite=1``. Extra node
    attributes (e.g. ``actor_type`` for countries, so the drawing colours match
    the actor network) come from ``node_attrs``; ``label`` defaults to the id.
    Rows with a missing end are dropped; duplicates collapse to one edge.
    """
    node_attrs = node_attrs or {}
    rows = table.dropna(subset=[left, right])
    lids, rids = rows[left].astype(str), rows[right].astype(str)

    def nodes(ids: Iterable[str], kind: str) -> dict[str, dict[str, Any]]:
        return {n: {"kind": kind, "label": n, **dict(node_attrs.get(n, {}))} for n in set(ids)}

    edges = (
        (u, v, dict(zip(edge_attrs, vals, strict=True)))
        for u, v, *vals in zip(lids, rids, *(rows[a] for a in edge_attrs), strict=True)
    )
    return _build(
        nodes(lids, left_kind or left), nodes(rids, right_kind or right), edges, edge_attrs
    )


def project(
    B: nx.Graph,
    side: int = ACTOR_SIDE,
    via: str = "shared",
    multiplicity: Mapping[Hashable, int] | None = None,
) -> nx.Graph:
    """Weighted one-mode projection of ``B`` onto the nodes with ``bipartite == side``.

    ``weight`` is the number of shared opposite-side nodes; edge attribute ``via``
    holds their sorted ids. ``multiplicity`` (used by the bootstrap) lets an
    opposite-side node count several times (or zero times) in the weights; ids
    in ``via`` stay distinct. Nodes without any co-member are kept as isolates,
    because "no shared initiative" is itself a finding.
    """
    keep = sorted((n for n, d in B.nodes(data=True) if d.get("bipartite") == side), key=str)
    pairs: dict[tuple[Hashable, Hashable], list[Any]] = {}
    for g, members in memberships(B, side).items():
        m = 1 if multiplicity is None else multiplicity.get(g, 0)
        if m <= 0:
            continue
        for u, v in combinations(members, 2):
            slot = pairs.setdefault((u, v), [0, []])
            slot[0] += m
            slot[1].append(g)
    P = nx.Graph()
    P.add_nodes_from((n, dict(B.nodes[n])) for n in keep)
    P.add_edges_from(
        (u, v, {"weight": w, via: tuple(gs)})
        for (u, v), (w, gs) in sorted(pairs.items(), key=lambda kv: (str(kv[0][0]), str(kv[0][1])))
    )
    return P


def actor_projection(B: nx.Graph) -> nx.Graph:
    """Actor–actor network: ``weight`` = shared initiatives, ``initiatives`` = their ids."""
    return project(B, ACTOR_SIDE, via="initiatives")


def affiliation_projection(B: nx.Graph, onto: str = "right", via: str = "shared") -> nx.Graph:
    """Project an :func:`affiliation_graph` onto its ``"left"`` or ``"right"`` nodes.

    E.g. rivers → countries projected onto countries links two countries by the
    number of rivers they share.
    """
    if onto not in {"left", "right"}:
        raise ValueError(f"onto must be 'left' or 'right', not {onto!r}")
    return project(B, ACTOR_SIDE if onto == "left" else INITIATIVE_SIDE, via=via)


def memberships(B: nx.Graph, side: int = ACTOR_SIDE) -> dict[Hashable, tuple[Hashable, ...]]:
    """Sorted members (``bipartite == side``) of every opposite-side node, in sorted order."""
    groups = sorted((n for n, d in B.nodes(data=True) if d.get("bipartite") != side), key=str)
    return {g: tuple(sorted(B[g], key=str)) for g in groups}
