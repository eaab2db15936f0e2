"""Alt text for network figures, written from the data so it always says what the figure shows."""

from __future__ import annotations

import networkx as nx
import pandas as pd

from eucasia.presentation.figurekit.labels import count_label
from eucasia.presentation.figurekit.style import actor_type_style


def alt_text(
    G: nx.Graph,
    metrics: pd.DataFrame,
    what: str = "network",
    node_noun: str = "actors",
    tie_noun: str = "shared initiatives",
) -> str:
    """Plain-language description of a network figure, written from the data.

    Examples
    --------
    >>> import networkx as nx
    >>> from eucasia.analysis.metrics import actor_metrics
    >>> G = nx.Graph([("eu", "kaz", {"weight": 3}), ("eu", "undp", {"weight": 1})])
    >>> print(alt_text(G, actor_metrics(G)))
    Network of 3 actors and 2 ties; eu, kaz and undp are most central by strength; the strongest tie links eu and kaz (3 shared initiatives).
    """
    n, m = G.number_of_nodes(), G.number_of_edges()
    what = what[:1].upper() + what[1:]  # not str.capitalize: keep "EU" upper case
    if n == 0:
        return f"{what} with no {node_noun}."
    head = f"{what} of {n} {node_noun} and {m} {'tie' if m == 1 else 'ties'}"
    comps = nx.number_connected_components(G)
    iso = nx.number_of_isolates(G)
    extras = []
    if comps > 1:
        extras.append(f"{comps} separate groups")
    if iso:
        extras.append(f"{iso} without ties")
    parts = [head + (f" ({', '.join(extras)})" if extras else "")]
    known = metrics[metrics["node"].isin(list(G)) & (metrics["strength"] > 0)]
    names = known["label"].head(3).tolist()
    if names:
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        verb = "is" if len(names) == 1 else "are"
        parts.append(f"{listed} {verb} most central by strength")
    if m:
        u, v, w = sorted(
            G.edges(data="weight", default=1), key=lambda e: (-e[2], str(e[0]), str(e[1]))
        )[0]
        lab = {x: G.nodes[x].get("label", x) for x in (u, v)}
        parts.append(f"the strongest tie links {lab[u]} and {lab[v]} ({count_label(w, tie_noun)})")
    if any("actor_type" in d for _, d in G.nodes(data=True)):
        types = pd.Series([actor_type_style(G.nodes[x].get("actor_type"))[0] for x in G])
        counts = types.value_counts()
        counts = counts.sort_index().sort_values(ascending=False, kind="mergesort").head(2)
        groups = " and ".join(f"{lab} ({c})" for lab, c in counts.items())
        parts.append(f"colours show actor type; largest groups: {groups}")
    return "; ".join(parts) + "."
