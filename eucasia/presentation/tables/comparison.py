"""Tables that compare the three strand networks: size and shape, shared actors, strength across strands."""

from __future__ import annotations

from collections.abc import Mapping
from itertools import combinations

import pandas as pd

from eucasia.analysis.network import StrandResult
from eucasia.presentation.figurekit.labels import short_label
from eucasia.presentation.text.numbers import fixed
from eucasia.presentation.text.shown import Shown


def strand_titles(tables: Mapping[str, pd.DataFrame]) -> dict[str, str]:
    """Each strand's title by its id, as the strands table gives it: headers, legends and the
    explorer's switch name a strand by its title, never by an id written in the code.

    Examples
    --------
    >>> from eucasia.data import load_tables
    >>> strand_titles(load_tables(["strands"]))["resilience"]
    'Partnering for Resilience'
    """
    return dict(zip(tables["strands"]["strand_id"], tables["strands"]["title"], strict=True))


def compare_strands(
    results: Mapping[str, StrandResult], tables: Mapping[str, pd.DataFrame]
) -> pd.DataFrame:
    """One column per strand: size, density, centralisation, communities, most central actors.

    Examples
    --------
    >>> from eucasia.analysis.corpus import Corpus
    >>> from eucasia.analysis.network import strand_analysis
    >>> from eucasia.data import load_tables
    >>> from eucasia.data.vocabulary import STRANDS
    >>> tables = load_tables(["initiative_actors"])
    >>> corpus = Corpus.from_tables(tables)
    >>> results = {s: strand_analysis(corpus, s, robustness=False) for s in STRANDS}
    >>> list(compare_strands(results, tables).columns)
    ['measure', 'Partnering for Resilience', 'Partnering for Prosperity', 'Working Better Together']
    """
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
            "density": fixed(s["density"]),
            "degree centralisation": fixed(s["degree_centralization"]),
            "communities": s["communities"],
            "modularity": fixed(s["modularity"]),
            "most central (strength)": Shown(
                "; ".join(short_label(x) for x in ranked[:3]), "; ".join(ranked[:3])
            ),
        }
    table = pd.DataFrame(rows)
    table.index.name = "measure"
    return table.reset_index()


def actor_overlap(
    results: Mapping[str, StrandResult], tables: Mapping[str, pd.DataFrame]
) -> pd.DataFrame:
    """For each pair of strands: actors in both, in either, and their Jaccard similarity.

    Examples
    --------
    >>> from eucasia.analysis.corpus import Corpus
    >>> from eucasia.analysis.network import strand_analysis
    >>> from eucasia.data import load_tables
    >>> from eucasia.data.vocabulary import STRANDS
    >>> tables = load_tables(["initiative_actors"])
    >>> corpus = Corpus.from_tables(tables)
    >>> results = {s: strand_analysis(corpus, s, robustness=False) for s in STRANDS}
    >>> overlap = actor_overlap(results, tables)
    >>> len(overlap), list(overlap.columns)  # the three pairs, then all three
    (4, ['strands', 'actors in both', 'actors in either', 'Jaccard similarity'])
    """
    titles = strand_titles(tables)
    rows = []
    for a, b in combinations(results, 2):
        left, right = set(results[a].projection), set(results[b].projection)
        rows.append(
            {
                "strands": f"{titles[a]} / {titles[b]}",
                "actors in both": len(left & right),
                "actors in either": len(left | right),
                "Jaccard similarity": len(left & right) / len(left | right),
            }
        )
    everywhere = set.intersection(*(set(r.projection) for r in results.values()))
    rows.append(
        {
            "strands": "all three",
            "actors in both": len(everywhere),
            "actors in either": len(set.union(*(set(r.projection) for r in results.values()))),
            "Jaccard similarity": len(everywhere)
            / len(set.union(*(set(r.projection) for r in results.values()))),
        }
    )
    return pd.DataFrame(rows)


def strength_matrix(results: Mapping[str, StrandResult], min_strands: int = 2) -> pd.DataFrame:
    """Strength of each actor present in at least `min_strands` strand networks; missing
    (`<NA>`) where the actor is absent from a strand's network, never 0, so the figure's dash
    and its download's empty cell say the same thing.

    Examples
    --------
    >>> from eucasia.analysis.corpus import Corpus
    >>> from eucasia.analysis.network import strand_analysis
    >>> from eucasia.data import load_tables
    >>> from eucasia.data.vocabulary import STRANDS
    >>> corpus = Corpus.from_tables(load_tables(["initiative_actors"]))
    >>> results = {s: strand_analysis(corpus, s, robustness=False) for s in STRANDS}
    >>> matrix = strength_matrix(results)
    >>> list(matrix.columns) == list(STRANDS), matrix.index[0]
    (True, 'European Union')
    """
    frames = {s: r.metrics.set_index("node")["strength"] for s, r in results.items()}
    labels = {}
    for r in results.values():
        labels.update(dict(zip(r.metrics["node"], r.metrics["label"], strict=True)))
    matrix = pd.DataFrame(frames).round().astype("Int64")
    present = matrix.notna().sum(axis=1)
    matrix = matrix[present >= min_strands]
    total = matrix.sum(axis=1, skipna=True)
    matrix = matrix.loc[total.sort_values(ascending=False, kind="mergesort").index]
    matrix.index = [labels[n] for n in matrix.index]
    return matrix
