"""The 2025 Samarkand declaration as a third text: what the agenda gained, kept and dropped.

The tables ``declaration_paragraphs`` (with its actor and instrument links) and
``declaration_crosswalk`` code the joint declaration of the first EU–Central Asia summit against
the 2019 strategy's sections and the 2023 Joint Roadmap's key areas. Only the paragraphs the
stored copies reach are coded, so an area those paragraphs do not address is *undetermined*,
never *dropped*: the functions here keep that distinction visible instead of folding it into a
count of what was lost. They check what the loader cannot (that a crosswalk row's paragraphs
exist, that only themes of the declaration are *new*) and count; the pages format.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from eucasia.data import field_values

#: The relation vocabulary, in the descriptor's order.
RELATIONS: tuple[str, ...] = tuple(field_values("declaration_crosswalk", "relation"))
#: The texts a theme comes from, oldest first.
TEXTS: tuple[str, ...] = tuple(field_values("declaration_crosswalk", "text"))
#: The funding row of the summit's Global Gateway package; its reported shares are the rows
#: whose id extends it (``<id>_transport`` ...).
SUMMIT_PACKAGE = "gg_summit_package_2025"
#: The funding row of the EIB memoranda signed at the summit.
SUMMIT_EIB = "gg_eib_mous_2025_summit"


def _paragraph_list(cell: object) -> tuple[str, ...]:
    """``"D-01;D-03"`` -> ``("D-01", "D-03")``; an empty cell -> ``()``."""
    if cell is None or cell is pd.NA or (isinstance(cell, float) and pd.isna(cell)):
        return ()
    return tuple(str(cell).split(";"))


def crosswalk_problems(tables: Mapping[str, pd.DataFrame]) -> list[str]:
    """What is wrong in ``declaration_crosswalk`` beyond its schema (empty: nothing).

    The descriptor checks each cell and the keys; across rows and tables it cannot say that a
    listed paragraph exists, that a row of 2019 names its section and one of 2023 its key area,
    that every Roadmap key area has its row, that *new* belongs to exactly the themes of the
    declaration, or that a theme new in 2025 has a title.

    Examples
    --------
    >>> import pandas as pd
    >>> tables = {
    ...     "declaration_paragraphs": pd.DataFrame({"paragraph_id": ["D-01"]}),
    ...     "roadmap_areas": pd.DataFrame({"roadmap_area_id": ["RA1"]}),
    ...     "declaration_crosswalk": pd.DataFrame({
    ...         "theme_id": ["2023-RA1", "2025-x"], "text": ["roadmap_2023", "declaration_2025"],
    ...         "relation": ["new", "new"], "paragraphs": ["D-09", "D-01"], "theme": [None, "X"],
    ...         "area_id": [None, None], "roadmap_area_id": ["RA1", None]}),
    ... }
    >>> for problem in crosswalk_problems(tables):
    ...     print(problem)
    2023-RA1: paragraph D-09 is not coded in declaration_paragraphs
    2023-RA1: only a theme of the declaration itself can be new
    """
    walk = tables["declaration_crosswalk"]
    coded = set(tables["declaration_paragraphs"]["paragraph_id"])
    problems = []
    for row in walk.itertuples(index=False):
        for paragraph in _paragraph_list(row.paragraphs):
            if paragraph not in coded:
                problems.append(
                    f"{row.theme_id}: paragraph {paragraph} is not coded in declaration_paragraphs"
                )
        for text, column in (("strategy_2019", "area_id"), ("roadmap_2023", "roadmap_area_id")):
            value = getattr(row, column, None)
            if row.text == text and (value is None or value is pd.NA or pd.isna(value)):
                problems.append(f"{row.theme_id}: a row of {text} needs its {column}")
        own = row.text == "declaration_2025"
        if own != (row.relation == "new"):
            problems.append(
                f"{row.theme_id}: a theme of the declaration itself must be new"
                if own
                else f"{row.theme_id}: only a theme of the declaration itself can be new"
            )
        if own and (row.theme is None or row.theme is pd.NA or pd.isna(row.theme)):
            problems.append(f"{row.theme_id}: a theme new in 2025 needs its title")
    covered = set(walk.loc[walk["text"] == "roadmap_2023", "theme_id"].str[5:])
    for missing in sorted(set(tables["roadmap_areas"]["roadmap_area_id"]) - covered):
        problems.append(f"Roadmap key area {missing} has no row in declaration_crosswalk")
    return problems


def agenda_changes(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per theme: its text, label, title, relation to the declaration and paragraphs.

    Columns: theme_id, text, label (``1.1``, ``RA3``; empty for a new theme), title (the
    area's, the key area's or the new theme's), relation, paragraphs (a tuple of paragraph
    ids), rationale. Rows in text order (2019, 2023, 2025), then by label. Raises
    ``ValueError`` listing :func:`crosswalk_problems` when there are any.

    Examples
    --------
    >>> import pandas as pd
    >>> tables = {
    ...     "areas": pd.DataFrame({"area_id": ["1.1"], "title": ["Democracy"]}),
    ...     "roadmap_areas": pd.DataFrame({"roadmap_area_id": ["RA1"], "title": ["Dialogue"]}),
    ...     "declaration_paragraphs": pd.DataFrame({"paragraph_id": ["D-01"]}),
    ...     "declaration_crosswalk": pd.DataFrame({
    ...         "theme_id": ["2019-1.1", "2023-RA1"], "text": ["strategy_2019", "roadmap_2023"],
    ...         "area_id": ["1.1", None], "roadmap_area_id": [None, "RA1"], "theme": [None, None],
    ...         "relation": ["undetermined", "kept"], "paragraphs": [None, "D-01"],
    ...         "rationale": ["not read", "paragraph 1"]}),
    ... }
    >>> agenda_changes(tables)[["label", "title", "relation", "paragraphs"]]
      label      title      relation paragraphs
    0   1.1  Democracy  undetermined         ()
    1   RA1   Dialogue          kept    (D-01,)
    """
    problems = crosswalk_problems(tables)
    if problems:
        raise ValueError("declaration_crosswalk: " + "; ".join(problems))
    walk = tables["declaration_crosswalk"]
    areas = dict(zip(tables["areas"]["area_id"], tables["areas"]["title"], strict=True))
    key_areas = dict(
        zip(
            tables["roadmap_areas"]["roadmap_area_id"],
            tables["roadmap_areas"]["title"],
            strict=True,
        )
    )
    label = walk["area_id"].fillna(walk["roadmap_area_id"]).fillna("")
    title = [
        areas[a] if t == "strategy_2019" else key_areas[r] if t == "roadmap_2023" else theme
        for t, a, r, theme in zip(
            walk["text"], walk["area_id"], walk["roadmap_area_id"], walk["theme"], strict=True
        )
    ]
    out = pd.DataFrame(
        {
            "theme_id": walk["theme_id"],
            "text": walk["text"],
            "label": label,
            "title": title,
            "relation": walk["relation"],
            "paragraphs": [_paragraph_list(p) for p in walk["paragraphs"]],
            "rationale": walk["rationale"],
        }
    )
    out["order"] = out["text"].map(TEXTS.index)
    return (
        out.sort_values(["order", "label", "theme_id"]).drop(columns="order").reset_index(drop=True)
    )


def relation_counts(changes: pd.DataFrame) -> pd.DataFrame:
    """Themes per relation (columns, vocabulary order) for each text (rows, oldest first).

    Examples
    --------
    >>> import pandas as pd
    >>> changes = pd.DataFrame({"text": ["strategy_2019", "strategy_2019", "declaration_2025"],
    ...                         "relation": ["kept", "undetermined", "new"]})
    >>> relation_counts(changes).loc["strategy_2019", ["kept", "undetermined", "dropped"]].tolist()
    [1, 1, 0]
    """
    counts = pd.crosstab(changes["text"], changes["relation"])
    return counts.reindex(index=list(TEXTS), columns=list(RELATIONS), fill_value=0)


def coverage(tables: Mapping[str, pd.DataFrame]) -> dict[str, object]:
    """What the stored text of the declaration covers: paragraphs coded, the last one, whether
    the last is coded from part of it only (its locator says so), the kinds of paragraph, and
    for each source the first and last paragraph coded from it (``sources``).

    Examples
    --------
    >>> import pandas as pd
    >>> paragraphs = pd.DataFrame({"paragraph_id": ["D-01", "D-02"], "number": [1, 2],
    ...     "kind": ["commitment", "statement"], "source_id": ["a", "b"],
    ...     "locator": ["paragraph 1", "paragraph 2 (first sentence only)"]})
    >>> c = coverage({"declaration_paragraphs": paragraphs})
    >>> c["coded"], c["last"], c["last_partial"], c["kinds"]["statement"], c["sources"]["b"]
    (2, 2, True, 1, (2, 2))
    """
    paragraphs = tables["declaration_paragraphs"].sort_values("number")
    numbers = paragraphs["number"].astype(int).tolist()
    if numbers != list(range(1, len(numbers) + 1)):
        raise ValueError(f"the coded paragraphs are not 1 to n without a gap: {numbers}")
    last = paragraphs.iloc[-1]
    return {
        "coded": len(numbers),
        "last": numbers[-1],
        "last_partial": "only" in str(last["locator"]),
        "kinds": paragraphs["kind"].value_counts().to_dict(),
        "sources": {
            str(s): (int(g["number"].min()), int(g["number"].max()))
            for s, g in paragraphs.groupby("source_id", sort=False)
        },
    }


def summit_packages(funding: pd.DataFrame) -> dict[str, object]:
    """The summit's amounts in ``funding``: the Global Gateway package, the sum of its reported
    shares and how many there are, and the EIB memoranda.

    The shares are news reports (their rows say so); the sum is returned so that a page can
    check, not assume, that they add up to the package.

    Examples
    --------
    >>> import pandas as pd
    >>> funding = pd.DataFrame({"funding_id": [SUMMIT_PACKAGE, SUMMIT_PACKAGE + "_a",
    ...     SUMMIT_PACKAGE + "_b", SUMMIT_EIB], "amount_eur": [10.0, 4.0, 6.0, 3.0]})
    >>> p = summit_packages(funding)
    >>> p["package"], p["shares"], p["n_shares"], p["eib"]
    (10.0, 10.0, 2, 3.0)
    """
    amount = funding.set_index("funding_id")["amount_eur"]
    shares = amount[amount.index.str.startswith(SUMMIT_PACKAGE + "_")]
    return {
        "package": float(amount[SUMMIT_PACKAGE]),
        "shares": float(shares.sum()),
        "n_shares": len(shares),
        "eib": float(amount[SUMMIT_EIB]),
    }


def declaration_only_actors(tables: Mapping[str, pd.DataFrame]) -> list[str]:
    """Actors the declaration links and the 2019 strategy does not: in ``actors`` only for it.

    Counts of the strategy's actors leave these out. An actor of the 2019 text that the coding
    links to no initiative stays an actor of the strategy only if the declaration does not link
    it either; its note then says where the strategy names it (tests hold the notes to that).

    Examples
    --------
    >>> import pandas as pd
    >>> tables = {"initiative_actors": pd.DataFrame({"actor_id": ["eu"]}),
    ...           "declaration_actors": pd.DataFrame({"actor_id": ["eu", "unsc"]})}
    >>> declaration_only_actors(tables)
    ['unsc']
    """
    linked = set(tables["initiative_actors"]["actor_id"])
    return sorted(set(tables["declaration_actors"]["actor_id"]) - linked)
