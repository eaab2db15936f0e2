"""Write networks for Gephi, Cytoscape and the web, byte for byte reproducibly.

GraphML and GEXF cannot hold lists, so tuple/list attributes (e.g. the
``initiatives`` behind an actor tie) are written as ``"; "``-joined strings;
node-link JSON keeps them as lists. Attribute keys are sorted, numpy scalars
become Python numbers, missing values are dropped (NaN → ``null`` in JSON), and
GEXF's "last modified" date stamp is removed, so re-running the book only
changes a file when the network changed.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np

from eucasia.assembly.files import write_if_changed

SEPARATOR = "; "
_GEXF_DATE = re.compile(r' lastmodifieddate="[^"]*"')


def _scalar(value: Any) -> Any:
    return value.item() if isinstance(value, np.generic) else value


def _for_xml(value: Any) -> Any:
    value = _scalar(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return SEPARATOR.join(str(_scalar(v)) for v in items)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def _for_json(value: Any) -> Any:
    value = _scalar(value)
    if isinstance(value, (list, tuple)):
        return [_for_json(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return [_for_json(v) for v in sorted(value, key=str)]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _clean_graph(G: nx.Graph, convert: Callable[[Any], Any]) -> nx.Graph:
    """Copy of ``G`` with converted values and sorted attribute keys (same node/edge order)."""

    def clean(data: Mapping[str, Any]) -> dict[str, Any]:
        out = {k: convert(data[k]) for k in sorted(data)}
        return {k: v for k, v in out.items() if v is not None}

    H = G.__class__()
    H.graph.update(clean(G.graph))
    H.add_nodes_from((n, clean(d)) for n, d in G.nodes(data=True))
    H.add_edges_from((u, v, clean(d)) for u, v, d in G.edges(data=True))
    return H


def export_graph(G: nx.Graph, directory: str | Path, stem: str) -> dict[str, Path]:
    """Write ``<stem>.graphml``, ``<stem>.gexf`` and ``<stem>.json``; return their paths."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    paths = {fmt: directory / f"{stem}.{fmt}" for fmt in ("graphml", "gexf", "json")}

    xml_graph = _clean_graph(G, _for_xml)
    graphml = "\n".join(nx.generate_graphml(xml_graph, prettyprint=True)) + "\n"
    write_if_changed(paths["graphml"], graphml)
    gexf = "\n".join(nx.generate_gexf(xml_graph, prettyprint=True)) + "\n"
    write_if_changed(paths["gexf"], _GEXF_DATE.sub("", gexf))

    data = nx.node_link_data(_clean_graph(G, _for_json), edges="edges")
    text = json.dumps(data, sort_keys=True, indent=1, ensure_ascii=False, allow_nan=False)
    write_if_changed(paths["json"], text + "\n")
    return paths


def read_graph(path: str | Path) -> nx.Graph:
    """Read a file written by :func:`export_graph` (format chosen by suffix)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".graphml":
        return nx.read_graphml(path)
    if suffix == ".gexf":
        return nx.read_gexf(path)
    if suffix == ".json":
        data = json.loads(path.read_text(encoding="utf-8"))
        return nx.node_link_graph(data, edges="edges")
    raise ValueError(f"unsupported graph format: {path.name}")
