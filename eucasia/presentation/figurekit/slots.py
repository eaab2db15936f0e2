"""Names beside marks on a time axis: the one rule of the overview's timeline and the country figures.

A reader saw names collide, cross the dashed line of the 2019 Communication, sit beside a mark
that was not theirs, and read out of date order. :func:`label_slots` places every name in its
own row, just above or just below its mark, its left edge as near the mark as the room allows,
never across a line, never starting left of an earlier name of its row; the caller then spaces
its rows for the names they carry. tests/test_figure_real.py measures the drawn names.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Hashable, Mapping, Sequence

from matplotlib.figure import Figure

from eucasia.presentation.figurekit.canvas import text_renderer
from eucasia.presentation.figurekit.labels import HALO
from eucasia.presentation.figurekit.style import FONT_PT

#: Room (points) kept between two names, a name and a dashed line, a name and its mark.
GAP_PT = 4.0
#: The halo's padding around a name (points): `HALO`'s pad is a fraction of the type size.
HALO_PAD_PT = float(HALO["boxstyle"].split("pad=")[1]) * FONT_PT

#: Where a name goes: (which way of writing it, "above" or "below", left edge in points).
Slot = tuple[int, str, float]
#: A name to place: (its id, its row, its mark's x in points from the axes' left, the width in
#: points of each way of writing it, preferred first).
Event = tuple[Hashable, Hashable, float, Sequence[float]]
#: The one side ("above" or "below") an event's name must take, by event id.
Sides = Mapping[Hashable, tuple[str, ...]]


def label_slots(
    events: Sequence[Event],
    segments: Sequence[tuple[float, float]],
    gap: float = GAP_PT,
    sides: Sides | None = None,
) -> dict[Hashable, Slot]:
    """Where each event's name goes: ``id -> (choice, side, left edge)``, greedily, in order.

    ``events`` (:data:`Event`) are ``(id, row, x, widths)`` in date order: the mark's position
    ``x`` (points from the axes' left) and the width of each way of writing its name, preferred
    first.
    ``segments`` are the stretches a name may occupy (the axes cut by the 2019 line). A name
    goes ``"above"`` or ``"below"`` its mark, in its own row, its left edge as near the mark as
    the segment of the mark allows; two names on one side of a row keep ``gap`` between them, and
    no name starts left of an earlier name of its row, so a row's names read in date order. An
    event that fits nowhere is left out (the caller numbers it, or fails). ``sides`` may hold
    the one side an event's name must take: the upper of two marks stacked on one date is named
    above them, the lower one below, so that the mark next to a name is its own.

    >>> label_slots([("a", 0, 10, [50]), ("b", 0, 30, [50]), ("c", 0, 40, [50])], [(0, 100)])
    {'a': (0, 'above', 6.0), 'b': (0, 'below', 26.0)}

    A name pushed left by the end of its segment may not start before an earlier one:

    >>> label_slots([("a", 0, 80, [10]), ("b", 0, 90, [40])], [(0, 100)])
    {'a': (0, 'above', 76.0)}
    """
    placed: dict[tuple[Hashable, str], list[tuple[float, float]]] = {}
    first: dict[Hashable, float] = {}  # per row: the left edge a later name may not start before
    slots: dict[Hashable, Slot] = {}
    for key, row, x, widths in events:
        lo, hi = min(
            segments, key=lambda s: 0 if s[0] <= x <= s[1] else min(abs(x - s[0]), abs(x - s[1]))
        )
        for choice, width in enumerate(widths):
            if width > hi - lo:
                continue
            left = min(max(x - GAP_PT, lo), hi - width)
            if left < first.get(row, lo):
                continue
            side = next(
                (
                    side
                    for side in (sides or {}).get(key, ("above", "below"))
                    if all(
                        left + width + gap <= a or b + gap <= left
                        for a, b in placed.get((row, side), [])
                    )
                ),
                None,
            )
            if side is not None:
                placed.setdefault((row, side), []).append((left, left + width))
                first[row] = max(first.get(row, lo), left)
                slots[key] = (choice, side, float(left))
                break
    return slots


#: The most ways of writing a row's names :func:`fullest_slots` compares (it tries them all).
MAX_TRIALS = 4096


def fullest_slots(
    events: Sequence[Event],
    segments: Sequence[tuple[float, float]],
    gap: float = GAP_PT,
    sides: Sides | None = None,
) -> dict[Hashable, Slot]:
    """:func:`label_slots` for rows too crowded for its greedy choice of forms: in each row,
    the one way of writing every name (one form per event) that places them all with the least
    shortening (the smallest sum of form indices, then the fullest early names).

    :func:`label_slots` takes each name's first form that fits, so an early long name can leave
    no room for a later one; a country's agreement has up to six milestones in a few years. A row
    whose names cannot all be placed, or that has more than :data:`MAX_TRIALS` ways of writing
    them, keeps the greedy answer.

    >>> events = [("a", 0, 10, [60, 10]), ("b", 0, 20, [60, 10]), ("c", 0, 30, [60, 10])]
    >>> sorted(label_slots(events, [(0, 200)]))  # the greedy rule leaves "c" out
    ['a', 'b']
    >>> fullest_slots(events, [(0, 200)])
    {'a': (1, 'above', 6.0), 'b': (0, 'below', 16.0), 'c': (0, 'above', 26.0)}
    """
    slots = label_slots(events, segments, gap, sides)
    for row in dict.fromkeys(row for _, row, _, _ in events):
        mine = [e for e in events if e[1] == row]
        if all(e[0] in slots and slots[e[0]][0] == 0 for e in mine):
            continue  # every name whole where the greedy rule put it
        forms = [range(len(widths)) for *_, widths in mine]
        if math.prod(len(f) for f in forms) > MAX_TRIALS:
            continue
        best = None
        for choice in itertools.product(*forms):
            if best is not None and (sum(choice), choice) >= best[0]:
                continue
            trial = label_slots(
                [(k, r, x, [w[c]]) for (k, r, x, w), c in zip(mine, choice, strict=True)],
                segments,
                gap,
                sides,
            )
            if len(trial) == len(mine):
                best = (
                    (sum(choice), choice),
                    {
                        k: (c, side, left)
                        for (k, (_, side, left)), c in zip(trial.items(), choice, strict=True)
                    },
                )
        if best is not None:
            slots.update(best[1])
    return slots


def text_size_pt(fig: Figure, text: str, **style) -> tuple[float, float]:
    """Width and height (points) of ``text`` as drawn with the figure's type, on its halo.

    >>> from matplotlib.figure import Figure
    >>> w, h = text_size_pt(Figure(), "signed\\n1998-05-25")
    >>> bool(40 < w < 80 and 20 < h < 35)
    True
    """
    probe = fig.text(0, 0, text, fontsize=FONT_PT, **style)
    extent = probe.get_window_extent(text_renderer(fig))
    probe.remove()
    scale = 72 / fig.dpi
    return extent.width * scale + 2 * HALO_PAD_PT, extent.height * scale + 2 * HALO_PAD_PT
