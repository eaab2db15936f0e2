"""The actors' index page, as MyST text: every actor linked, grouped by type with counts.

On the site the index lists the actor pages by type; the PDF edition has no actor pages and
shows instead one compact table of every actor (the ``{only} latex`` block), in the same order.
The group sections are the site's; the build drops them from the PDF (see
:mod:`eucasia.assembly.actor_sources`). Values from data are escaped.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from eucasia.analysis.actor_profiles import ActorProfile, by_type
from eucasia.data.vocabulary import STRANDS
from eucasia.presentation.actors.actor_pages import plural, strand_names, type_target
from eucasia.presentation.page.display import format_cell
from eucasia.presentation.tables.network_tables import type_label
from eucasia.presentation.text.escaping import escape_markdown

#: The caption of the PDF's table of all actors. Its strand columns are headed by the strands'
#: titles, as the chapters name them: "strand 1" sent a reader to a key to learn which it was.
APPENDIX_CAPTION = (
    "Every actor in the data, by type: the items of the strategy (specific initiatives and "
    "commitments) it takes part in, its strength and, in brackets, its rank by strength in each "
    "strand's actor network (blank: not in that network), and the pieces of implementation "
    "evidence naming it."
)


def _summary(profile: ActorProfile) -> str:
    """One line on an actor for the index: items, networks, evidence."""
    items = len(profile.initiatives)
    if not items and len(profile.declaration):
        return "not in the strategy, named in the 2025 summit declaration"
    if not items:
        return "named, but in no item of the strategy"
    parts = [plural(items, "item"), plural(len(profile.positions), "strand network")]
    if len(profile.evidence):
        parts.append(plural(len(profile.evidence), "piece") + " of evidence")
    return ", ".join(parts)


def _strand_cell(profile: ActorProfile, strand: str) -> str:
    position = profile.position(strand)
    if position is None:
        return ""
    return f"{format_cell(position.strength, 0)} ({position.rank})"


def appendix_table(profiles: Sequence[ActorProfile], strands: pd.DataFrame) -> str:
    """The PDF's one table of all actors (a captioned longtable), in the index's order; a
    strand's column is headed by the strand's title (from the data), as the chapters name it.

    Examples
    --------
    >>> strands = pd.DataFrame({"strand_id": list(STRANDS), "number": [1, 2, 3],
    ...                         "title": ["Partnering for Resilience", "P", "W"]})
    >>> appendix_table([], strands).splitlines()[5]
    '* - actor'
    >>> "  - Partnering for Resilience" in appendix_table([], strands).splitlines()
    True
    """
    titles, _ = strand_names(strands)
    header = ["actor", "type", "items", *(titles[s] for s in STRANDS), "evidence"]
    lines = [
        f"~~~{{list-table}} {APPENDIX_CAPTION}",
        ":header-rows: 1",
        f":widths: 29 17 8 {' '.join(['12'] * len(STRANDS))} 10",
        ":class: longtable",
        "",
        "* - " + "\n  - ".join(escape_markdown(h) for h in header),
    ]
    for actor_type, members in by_type(profiles):
        for p in members:
            cells = [
                escape_markdown(p.name),
                escape_markdown(type_label(actor_type)),
                f"{len(p.initiatives):,}",
                *(_strand_cell(p, s) for s in STRANDS),
                f"{len(p.evidence):,}",
            ]
            lines.append("* - " + "\n  - ".join(c or " " for c in cells))
    lines.append("~~~")
    return "\n".join(lines)


def index_page(profiles: Sequence[ActorProfile], strands: pd.DataFrame) -> str:
    """The MyST index of the actor pages (site) and the appendix table (PDF); ``strands`` is
    the strands table."""
    groups = by_type(profiles)
    linked = sum(1 for p in profiles if len(p.initiatives))
    counts = (
        f"The data name {plural(len(profiles), 'actor')} of {plural(len(groups), 'type')}; "
        f"{linked:,} of them take part in at least one item of the strategy (a specific "
        "initiative or a commitment)."
    )
    parts = [
        "# Index of actors",
        ":::{only} html\n"
        f"{counts} Each has a page of its own: who it is, every item of the strategy it takes "
        "part in and its role there, its place in each strand's actor network and how firm "
        "that place is, the instruments tied to it and what the implementation tracker found "
        "it delivering. The actors are grouped by type below.\n:::",
        ":::{only} latex\n"
        f"{counts} The table lists them all; on the web edition each actor has a page of its "
        "own with its items, network positions, instruments and the evidence naming it.\n:::",
        f":::{{only}} latex\n{appendix_table(profiles, strands)}\n:::",
    ]
    for actor_type, members in groups:
        lines = [
            f"({type_target(actor_type)})=",
            f"## {escape_markdown(type_label(actor_type))} ({len(members):,})",
            "",
            *(
                f"- [{escape_markdown(p.name)}]({p.actor_id}.md): {escape_markdown(_summary(p))}"
                for p in members
            ),
        ]
        parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"
