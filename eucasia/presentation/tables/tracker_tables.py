"""Tables of the implementation tracker for the pages: statuses, evidence, actors, agreement.

The module is long because each of the chapter's tables and the row anchors its status links
land on (`item_anchor`) are written here, beside the cells they label.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import pandas as pd

from eucasia.analysis.agreement import confusion_table
from eucasia.analysis.tracker import STATUSES, kind_counts, second_coding
from eucasia.presentation.figurekit.style import status_label, with_status_labels
from eucasia.presentation.page.display import show_table
from eucasia.presentation.tables.comparison import strand_titles
from eucasia.presentation.tables.network_tables import strand_initiatives
from eucasia.presentation.text.escaping import escape_markdown
from eucasia.presentation.text.readertext import cite_sources, reader_text
from eucasia.presentation.text.shown import Shown


def evidence_label(strand: str) -> str:
    """The label of a strand's evidence table on the tracker page."""
    return f"tbl-trk-evidence-{strand}"


#: The prefix of an item's anchor in each of the tracker's tables (see :func:`item_anchor`).
ANCHOR_PREFIXES = {"evidence": "ev", "status": "st"}


def item_anchor(item_id: str, table: str = "evidence") -> str:
    """The anchor of an item's row in the tracker's evidence (or status) table: its first row
    there carries it as a label, and the strand chapters' status links point to it, so a reader
    lands on the item, not at the top of a table hundreds of rows long.

    A valid HTML id and Sphinx label (lowercase letters, digits and hyphens), made from the id
    alone, so that the page writing the row and the pages linking to it cannot disagree.

    Examples
    --------
    >>> item_anchor("1.1-SI-03"), item_anchor("0-C-01", "status")
    ('ev-1-1-si-03', 'st-0-c-01')
    """
    slug = re.sub(r"[^a-z0-9]+", "-", str(item_id).lower()).strip("-")
    if not slug:
        raise ValueError(f"item id {item_id!r} gives no anchor")
    return f"{ANCHOR_PREFIXES[table]}-{slug}"


def _anchored(texts: Iterable[str], items: Iterable[str], table: str) -> list[str]:
    """The item cells of a tracker table, as MyST: the first row of each item carries the
    item's anchor (a label on the cell's paragraph), later rows of the same item the text only.
    Every cell is a :class:`Shown` whose data is the text, which the download carries."""
    cells: list[str] = []
    owners: dict[str, str] = {}
    for text, item in zip(texts, items, strict=True):
        anchor = item_anchor(item, table)
        if anchor in owners:
            if owners[anchor] != item:
                raise ValueError(f"items {owners[anchor]!r} and {item!r} share {anchor!r}")
            cells.append(Shown(escape_markdown(text), data=text))
            continue
        owners[anchor] = item
        cells.append(Shown(f"({anchor})=\n{escape_markdown(text)}", data=text))
    return cells


def status_links(tables: Mapping[str, pd.DataFrame], strand: str) -> pd.Series:
    """Per initiative id: its status as MyST, linked to the item's first row in the tracker's
    evidence table, or, for an item without evidence, to its row in the status table."""
    status = tables["implementation_status"].set_index("initiative_id")["status"]
    with_evidence = set(tables["implementation_evidence"]["initiative_id"])
    return pd.Series(
        {
            i: f"{{ref}}`{status_label(s)} "
            f"<{item_anchor(i, 'evidence' if i in with_evidence else 'status')}>`"
            for i, s in status.items()
        },
        dtype=object,
    )


#: How the pages name the two kinds of coded item, in a table cell.
KIND_LABELS = {"specific_initiative": "initiative", "commitment": "commitment"}
#: ... and as a row or column heading that counts them.
KIND_HEADINGS = {"specific_initiative": "specific initiatives", "commitment": "commitments"}


def status_table(tables: Mapping[str, pd.DataFrame], strand: str) -> pd.DataFrame:
    """One row per coded item of a strand, section by section (its specific initiatives,
    then its commitments, in source order): the item with its kind, status, confidence, evidence
    and why.

    *why* holds MyST (sources cited in the coder's reason) and *item* the row's anchor
    (:func:`item_anchor`, which items without evidence are linked to): show both with
    ``raw_columns``.
    """
    source_ids = set(tables["sources"]["source_id"])
    initiatives = strand_initiatives(tables, strand)
    kinds = initiatives.set_index("initiative_id")["kind"]
    status = tables["implementation_status"].set_index("initiative_id").loc[list(kinds.index)]
    evidence = tables["implementation_evidence"]
    counts = evidence.groupby("initiative_id").size()
    return pd.DataFrame(
        {
            "item": _anchored(
                [f"{i} ({KIND_LABELS[kinds[i]]})" for i in status.index], status.index, "status"
            ),
            "status": [status_label(s) for s in status["status"]],
            "confidence": status["confidence"].to_numpy(),
            "evidence": [int(counts.get(i, 0)) for i in status.index],
            "why": [
                cite_sources(Shown(with_status_labels(str(r)), data=r), source_ids)
                for r in status["rationale"]
            ],
        }
    ).reset_index(drop=True)


def evidence_table(tables: Mapping[str, pd.DataFrame], strand: str) -> pd.DataFrame:
    """Every piece of evidence for a strand's items, by item and date, with its source.

    The column *no.* (E01, E02 …) is the number the coders' reasons cite; *item* says whether
    the item is a specific initiative or a commitment. An item's first row carries its anchor
    (:func:`item_anchor`; MyST, so show *item* with ``raw_columns``), which the strand
    chapters' status links point to.
    """
    initiatives = strand_initiatives(tables, strand)
    kinds = initiatives.set_index("initiative_id")["kind"]
    evidence = tables["implementation_evidence"]
    evidence = evidence[evidence["initiative_id"].isin(set(initiatives["initiative_id"]))]
    evidence = evidence.sort_values(["initiative_id", "date", "evidence_id"])
    kind = evidence["source_kind"].map({"official": "official", "news": "news report"})
    return pd.DataFrame(
        {
            "item": _anchored(
                [f"{i} ({KIND_LABELS[kinds[i]]})" for i in evidence["initiative_id"]],
                evidence["initiative_id"],
                "evidence",
            ),
            "no.": evidence["evidence_id"].str.rsplit("-", n=1).str[-1],
            "date": evidence["date"],
            "what happened": evidence["event"].map(reader_text),
            "source": [
                f"{{cite}}`{s}` ({k})" for s, k in zip(evidence["source_id"], kind, strict=True)
            ],
        }
    ).reset_index(drop=True)


def actors_table(comparison: pd.DataFrame, top: int = 12) -> pd.DataFrame:
    """The actors most central in the 2019 text beside what the evidence shows them delivering.

    Examples
    --------
    >>> from eucasia.analysis import tracker
    >>> from eucasia.analysis.corpus import Corpus
    >>> from eucasia.analysis.network import strand_analysis
    >>> from eucasia.data import load_tables
    >>> tables = load_tables(["initiative_actors", "implementation_evidence_actors"])
    >>> metrics = strand_analysis(Corpus.from_tables(tables), robustness=False).metrics
    >>> table = actors_table(tracker.centrality_against_delivery(tables, metrics), top=3)
    >>> len(table), list(table.columns[:2])
    (3, ['actor', 'rank by strength, 2019 text'])
    """
    ranked = comparison.dropna(subset=["rank_strength"]).head(top)
    return pd.DataFrame(
        {
            "actor": ranked["label"].to_numpy(),
            "rank by strength, 2019 text": ranked["rank_strength"].astype(int).to_numpy(),
            "items with evidence naming it": ranked["initiatives"].to_numpy(),
            "pieces of evidence": ranked["evidence"].to_numpy(),
        }
    )


def agreement_table(tables: Mapping[str, pd.DataFrame], round_: str) -> pd.DataFrame:
    """One round's sampled items: kind, first coding, second coder, status after resolution.

    Examples
    --------
    >>> from eucasia.data import load_tables
    >>> rows = agreement_table(load_tables(["second_coding"]), "0.3.0")
    >>> list(rows.columns), len(rows)
    (['item', 'kind', 'first coding', 'second coder', 'final'], 32)
    """
    rows = second_coding(tables, round_)
    return pd.DataFrame(
        {
            "item": rows["initiative_id"].to_numpy(),
            "kind": [KIND_LABELS[k] for k in rows["kind"]],
            "first coding": [status_label(s) for s in rows["first"]],
            "second coder": [status_label(s) for s in rows["second"]],
            "final": [status_label(s) for s in rows["final"]],
        }
    )


def confusion_display(tables: Mapping[str, pd.DataFrame], round_: str) -> pd.DataFrame:
    """One round's confusion table for the page: first coding in rows, second coder in columns,
    status labels as readers see them; the diagonal holds the items coded alike.

    Examples
    --------
    >>> from eucasia.data import load_tables
    >>> table = confusion_display(load_tables(["second_coding"]), "0.3.0")
    >>> table.columns[0], int(table.iloc[:, 1:].to_numpy().sum())
    ('first coding / second coder', 32)
    """
    rows = second_coding(tables, round_)
    table = confusion_table(list(rows["first"]), list(rows["second"]), STATUSES)
    labels = {s: status_label(s) for s in table.index}
    table = table.rename(index=labels, columns=labels)
    return table.rename_axis("first coding / second coder").reset_index()


def kinds_table(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Items per status for each kind of item and for all items, with a total column.

    Examples
    --------
    >>> from eucasia.data import load_tables
    >>> table = kinds_table(load_tables(["implementation_status"]))
    >>> list(table["kind"]), int(table["items"].iloc[-1])
    (['specific initiatives', 'commitments', 'all items'], 112)
    """
    counts = kind_counts(tables)
    counts.loc["all"] = counts.sum()
    present = [s for s in counts.columns if counts[s].sum() > 0]
    out = counts[present].rename(columns=status_label)
    out.insert(0, "kind", [KIND_HEADINGS.get(k, "all items") for k in counts.index])
    out["items"] = counts.sum(axis=1)
    return out.reset_index(drop=True)


def with_status(
    initiatives: pd.DataFrame, tables: Mapping[str, pd.DataFrame], strand: str
) -> pd.DataFrame:
    """A strand chapter's initiative table with a status column linking to the evidence.

    The column holds MyST written here (a cross-reference), so pass ``raw_columns=["status"]``.

    Examples
    --------
    >>> from eucasia.data import load_tables
    >>> from eucasia.presentation.tables.network_tables import initiatives_table
    >>> tables = load_tables(
    ...     ["initiative_actors", "initiative_instruments", "implementation_status"]
    ... )
    >>> initiatives = initiatives_table(tables, "resilience", "specific_initiative")
    >>> with_status(initiatives, tables, "resilience").columns[-1]  # the table, one column more
    'status'
    """
    links = status_links(tables, strand)
    return initiatives.assign(status=initiatives["item"].map(links).fillna(""))


def show_status_table(tables: Mapping[str, pd.DataFrame], strand: str) -> None:
    """Show a strand's status table on the tracker page (folded there: the cell hides its output).

    Examples
    --------
    Outside a notebook, record what it puts on the page instead of displaying it:

    >>> from unittest import mock
    >>> from eucasia.data import load_tables
    >>> tables = load_tables(["implementation_status", "implementation_evidence"])
    >>> with mock.patch("eucasia.presentation.page.display.display") as page:
    ...     show_status_table(tables, "resilience")
    >>> lines = page.call_args.args[0].data.splitlines()
    >>> lines[0][:15], lines[1]  # a MyST table, and its label
    ('~~~{list-table}', ':name: tbl-trk-status-resilience')
    """
    title = escape_markdown(strand_titles(tables)[strand])
    show_table(
        status_table(tables, strand),
        f"Status of the specific initiatives and the commitments of *{title}*, with the "
        "coder's confidence, the number of pieces of evidence and the reasons.",
        f"tbl-trk-status-{strand}",
        widths=[14, 13, 13, 11, 49],
        long=True,
        raw_columns=["item", "why"],
    )


def show_evidence_table(tables: Mapping[str, pd.DataFrame], strand: str) -> None:
    """Show a strand's evidence table on the tracker page (:func:`evidence_label`), each item's
    first row under the anchor the strand chapters' status links point to (:func:`item_anchor`).

    Examples
    --------
    Outside a notebook, record what it puts on the page instead of displaying it:

    >>> from unittest import mock
    >>> from eucasia.data import load_tables
    >>> tables = load_tables(["implementation_evidence"])
    >>> with mock.patch("eucasia.presentation.page.display.display") as page:
    ...     show_evidence_table(tables, "resilience")
    >>> lines = page.call_args.args[0].data.splitlines()
    >>> lines[0][:15], lines[1]  # a MyST table, and its label
    ('~~~{list-table}', ':name: tbl-trk-evidence-resilience')
    """
    title = escape_markdown(strand_titles(tables)[strand])
    show_table(
        evidence_table(tables, strand),
        f"Evidence for the specific initiatives and the commitments of *{title}*.",
        evidence_label(strand),
        widths=[14, 6, 11, 47, 22],
        long=True,
        raw_columns=["item", "source"],
    )
