"""One page per actor, as MyST text: who it is, where the strategy involves it, its place in each
strand's network, its instruments, what the implementation tracker found and, for an actor the
2025 summit declaration names, the paragraphs that name it.

Every value from data goes through :func:`~eucasia.presentation.text.escaping.escape_markdown`, so a
name or a note is always shown as text. What is not escaped is written here from identifiers
the loader constrains to ``[a-z0-9_]`` and the initiative pattern (links, citations). The pages
carry no numbered table or figure, so they leave the book's numbering alone.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping, Sequence

import pandas as pd

from eucasia.analysis.actor_profiles import ActorProfile, StrandPosition
from eucasia.data.vocabulary import STRANDS
from eucasia.presentation.figurekit.style import status_label
from eucasia.presentation.page.display import format_cell
from eucasia.presentation.tables.network_tables import ROLE_ORDER, type_label
from eucasia.presentation.text.escaping import escape_markdown
from eucasia.presentation.text.numbers import fixed

#: The chapter (docname) that lists each strand's initiatives; each row there carries the HTML id
#: ``initiative-<initiative_id>``. The overarching priority's few items are listed in none.
STRAND_CHAPTERS: dict[str, str] = {s: f"notebooks/{s}" for s in STRANDS}
SCOPE_LABELS = {"eu": "the EU", "central_asia": "Central Asia", "national": "national"}
KIND_LABELS = {
    "specific_initiative": "specific initiative",
    "commitment": "commitment",
    "statement": "statement",
}
#: The label of the synthesis chapter's section on the 2025 declaration.
DECLARATION_SECTION = "syn-declaration"
SOURCE_KINDS = {"official": "official", "news": "news report"}


def type_target(actor_type: str) -> str:
    """The label of an actor type's group on the index page."""
    return f"actors-type-{actor_type}"


def plural(n: int, word: str, words: str | None = None) -> str:
    """``1 initiative``, ``2 initiatives``."""
    return f"{n:,} {word if n == 1 else (words or word + 's')}"


def list_table(header: Sequence[str], rows: Iterable[Sequence[str]], widths: Sequence[int]) -> str:
    """An uncaptioned (so unnumbered) MyST list-table; cells are MyST the caller escaped."""
    lines = ["~~~{list-table}", ":header-rows: 1", f":widths: {' '.join(map(str, widths))}", ""]
    for row in [[escape_markdown(h) for h in header], *rows]:
        lines.append("* - " + "\n  - ".join(cell or " " for cell in row))
    lines.append("~~~")
    return "\n".join(lines)


def item_link(initiative_id: str, strand: str | None, depth: str = "../") -> str:
    """An initiative's id, linked to its row in the chapter that lists it (raw HTML: the row's id
    is an HTML id, not a Sphinx label); plain text for an item no chapter lists."""
    text = escape_markdown(initiative_id)
    chapter = STRAND_CHAPTERS.get(strand or "")
    if chapter is None:
        return text
    href = html.escape(f"{depth}{chapter}.html#initiative-{initiative_id}", quote=True)
    return f'<a href="{href}">{html.escape(initiative_id)}</a>'


def chapter_link(strand: str, titles: Mapping[str, str]) -> str:
    """A strand's title, linked to its chapter."""
    return f"[{escape_markdown(titles.get(strand, strand))}](../{STRAND_CHAPTERS[strand]}.md)"


def _status(value: object) -> str:
    return "" if pd.isna(value) else status_label(str(value))


def _identity(profile: ActorProfile) -> str:
    facts = [
        f"- **Type:** {{ref}}`{type_label(profile.actor_type)} <{type_target(profile.actor_type)}>`",
        f"- **Reach:** {escape_markdown(SCOPE_LABELS.get(profile.scope, profile.scope))}",
    ]
    if profile.country:
        facts.append(f"- **Country:** {escape_markdown(profile.country)}")
    facts.append(f"- **Identifier in the data:** `{profile.actor_id}`")
    text = "\n".join(facts)
    if profile.note:
        text += f"\n\n**Coder's note.** {escape_markdown(profile.note)}"
    return text


def _roles(profile: ActorProfile) -> str:
    counts = profile.initiatives["role"].value_counts()
    roles = sorted(counts.index, key=lambda r: (ROLE_ORDER.get(r, len(ROLE_ORDER)), r))
    return "; ".join(f"{escape_markdown(r)} in {int(counts[r]):,}" for r in roles)


def _item(row) -> str:
    """One item of the strategy as a list entry: id, kind, role, status, what it proposes."""
    role = escape_markdown(row.role) + ("" if row.basis == "explicit" else ", *implied*")
    facts = [escape_markdown(KIND_LABELS.get(row.kind, row.kind)), role]
    if _status(row.status):
        facts.append(escape_markdown(_status(row.status)))
    link = item_link(row.initiative_id, row.strand_id)
    return f"- {link} ({'; '.join(facts)}): {escape_markdown(row.summary)}"


#: A list of more entries than this opens on demand: a hub's page (the EU takes part in over a
#: hundred items) would otherwise run to dozens of phone screens.
FOLD_AFTER = 8


def folded(body: str, entries: int, what: str) -> str:
    """`body` (MyST) in a fold a reader opens, when it lists more than `FOLD_AFTER` `entries`.

    >>> print(folded("- a", 9, "items"))
    :::{admonition} Show the 9 items
    :class: dropdown
    <BLANKLINE>
    - a
    :::
    >>> folded("- a", 1, "items")
    '- a'
    """
    if entries <= FOLD_AFTER:
        return body
    return f":::{{admonition}} Show the {entries:,} {what}\n:class: dropdown\n\n{body}\n:::"


def _initiatives(profile: ActorProfile, titles: Mapping[str, str]) -> str:
    rows = profile.initiatives
    if rows.empty and not profile.declaration.empty:
        return (
            "The 2019 strategy does not name this actor: the data holds it for the 2025 summit "
            "declaration (below), so it is in none of the networks."
        )
    if rows.empty:
        return (
            "The strategy names this actor, but the coding links it to no initiative or "
            "commitment, so it is in none of the networks."
        )
    kinds = rows["kind"].value_counts()
    parts = [
        f"The strategy involves it in {plural(len(rows), 'item')}: "
        f"{plural(int(kinds.get('specific_initiative', 0)), 'specific initiative')} and "
        f"{plural(int(kinds.get('commitment', 0)), 'commitment')}. Its role: {_roles(profile)}. "
        "Each item links to its row in the strand's chapter and gives the kind of item, the "
        "actor's role (*implied*: the passage does not name the actor, the coder inferred it; "
        "see the data dictionary) and, for a specific initiative, its status by the edition date."
    ]
    for strand, group in rows.groupby("strand_id", sort=False):
        title = escape_markdown(titles.get(str(strand), str(strand)))
        parts.append(f"### {title} ({len(group):,})")
        items = "\n".join(_item(r) for r in group.itertuples(index=False))
        parts.append(folded(items, len(group), "items"))
    return "\n\n".join(parts)


def _declaration(profile: ActorProfile) -> str:
    """The paragraphs of the 2025 declaration that name the actor: number, kind, role, theme."""
    rows = profile.declaration
    entries = []
    for row in rows.itertuples(index=False):
        role = escape_markdown(row.role) + ("" if row.basis == "explicit" else ", *implied*")
        kind = escape_markdown(KIND_LABELS.get(row.kind, row.kind))
        entries.append(
            f"- Paragraph {int(row.number):,} ({kind}; {role}): {escape_markdown(row.theme)}"
        )
    return (
        f"The joint declaration of the first EU–Central Asia summit names it in "
        f"{plural(len(rows), 'paragraph')} of those coded (what the stored text covers, and the "
        f"coding: {{ref}}`{DECLARATION_SECTION}`).\n\n" + "\n".join(entries)
    )


def _share(value: float) -> str:
    return fixed(value)


def position_rows(top_k: int) -> list[tuple[str, Callable[[StrandPosition], str]]]:
    """The rows of the network table: what is shown and how, for one strand's position."""
    return [
        ("initiatives in the strand", lambda p: f"{p.initiatives:,}"),
        ("partners (actors sharing an initiative)", lambda p: f"{p.partners:,}"),
        ("strength", lambda p: format_cell(p.strength, 0)),
        ("rank by strength", lambda p: f"{p.rank} of {p.network_size}"),
        ("community (its size)", lambda p: f"{p.community} ({plural(p.community_size, 'actor')})"),
        ("rank range, leaving one initiative out", lambda p: "{}–{}".format(*p.loo_range)),
        ("bootstrap rank interval (95%)", lambda p: "{}–{}".format(*p.boot_interval)),
        (f"share of bootstrap runs in the top {top_k}", lambda p: _share(p.share_top_k)),
    ]


def _positions(profile: ActorProfile, titles: Mapping[str, str]) -> str:
    """Its place in each strand's network: the table's columns carry the strands' names, as the
    chapters do ("strand 1" sent a reader to look up which strand that was)."""
    positions: list[StrandPosition] = list(profile.positions)
    if not positions:
        return "It is in none of the three strands' actor networks."
    where = "; ".join(chapter_link(p.strand, titles) for p in positions)
    intro = (
        f"It is in the actor network of {plural(len(positions), 'strand')} ({where}). Strength "
        "counts the initiatives it shares with others, summed over its ties; communities are the "
        "chapters' Louvain communities. The last three rows say how firm the rank is when the "
        "coded initiatives change (as in each chapter's robustness table): a narrow range means "
        "the rank does not hang on a single coding decision."
    )
    header = ["measure", *(titles.get(p.strand, p.strand) for p in positions)]
    rows = (
        [escape_markdown(label), *(escape_markdown(show(p)) for p in positions)]
        for label, show in position_rows(positions[0].top_k)
    )
    widths = [40, *([60 // len(positions)] * len(positions))]
    return f"{intro}\n\n{list_table(header, rows, widths)}"


def _instruments(profile: ActorProfile, strand_of: Mapping[str, str]) -> str:
    table = profile.instruments
    if table.empty:
        return "The text ties no instrument to its items."
    rows = (
        [
            f"{escape_markdown(r.name)} ({escape_markdown(str(r.kind).replace('_', ' '))})",
            ", ".join(item_link(i, strand_of.get(i)) for i in r.initiatives),
        ]
        for r in table.itertuples(index=False)
    )
    intro = (
        f"The text ties {plural(len(table), 'instrument')} to the items it takes part in, "
        "most items first."
    )
    return f"{intro}\n\n{list_table(['instrument (kind)', 'its items'], rows, [62, 38])}"


def _evidence(profile: ActorProfile, strand_of: Mapping[str, str]) -> str:
    rows = profile.evidence
    if rows.empty:
        return "No piece of evidence in the implementation tracker names it."
    parts = [
        f"The implementation tracker names it in {plural(len(rows), 'piece')} of evidence on "
        f"{plural(rows['initiative_id'].nunique(), 'initiative')}, listed by initiative with its "
        "status by the edition date ([What became of the strategy](../notebooks/tracker.md) "
        "explains the coding)."
    ]
    lines = []
    for initiative, group in rows.groupby("initiative_id", sort=False):
        status = _status(group["status"].iloc[0]) or "no status coded"
        lines.append(
            f"- {item_link(str(initiative), strand_of.get(str(initiative)))}, "
            f"{escape_markdown(status)}:"
        )
        lines += [
            f"  - {escape_markdown(r.date)}: {escape_markdown(r.event)} "
            f"{{cite}}`{r.source_id}` ({SOURCE_KINDS.get(r.source_kind, 'source')})"
            for r in group.itertuples(index=False)
        ]
    initiatives = rows["initiative_id"].nunique()
    parts.append(folded("\n".join(lines), initiatives, "initiatives and their evidence"))
    return "\n\n".join(parts)


def strand_names(strands: pd.DataFrame) -> tuple[dict[str, str], dict[str, int]]:
    """Each strand's title and number (the strategy's section number), by strand id."""
    ids = strands["strand_id"].astype(str)
    return (
        dict(zip(ids, strands["title"].astype(str), strict=True)),
        dict(zip(ids, strands["number"].astype(int), strict=True)),
    )


def actor_page(profile: ActorProfile, strands: pd.DataFrame, strand_of: Mapping[str, str]) -> str:
    """The MyST page of one actor; ``strands`` is the strands table, ``strand_of`` maps
    initiative ids to their strand."""
    titles, _ = strand_names(strands)
    parts = [
        f"# {escape_markdown(profile.name)}",
        _identity(profile),
        "[All actors, by type](index.md)",
        "## In the strategy",
        _initiatives(profile, titles),
        "## In the strand networks",
        _positions(profile, titles),
        "## Instruments",
        _instruments(profile, strand_of),
        "## What the tracker found",
        _evidence(profile, strand_of),
    ]
    if not profile.declaration.empty:
        parts += ["## In the 2025 declaration", _declaration(profile)]
    return "\n\n".join(parts) + "\n"
