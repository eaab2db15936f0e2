"""Names beside marks on a time axis: the one rule of the overview's timeline and the country figures.

A reader saw names collide, cross the dashed line of the 2019 Communication, sit beside a mark
that was not theirs, and read out of date order. :func:`label_slots` places every name in its
own row, just above or just below its mark, its left edge as near the mark as the room allows,
never across a line, never starting left of an earlier name of its row; the caller then spaces
its rows for the names they carry. tests/test_figure_real.py measures the drawn names.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

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


def label_slots(
    events: Sequence[tuple[Hashable, Hashable, float, Sequence[float]]],
    segments: Sequence[tuple[float, float]],
    gap: float = GAP_PT,
) -> dict[Hashable, Slot]:
    """Where each event's name goes: ``id -> (choice, side, left edge)``, greedily, in order.

    ``events`` are ``(id, row, x, widths)`` in date order: the mark's position ``x`` (points
    from the axes' left) and the width of each way of writing its name, preferred first.
    ``segments`` are the stretches a name may occupy (the axes cut by the 2019 line). A name
    goes ``"above"`` or ``"below"`` its mark, in its own row, its left edge as near the mark as
    the segment of the mark allows; two names on one side of a row keep ``gap`` between them, and
    no name starts left of an earlier name of its row, so a row's names read in date order. An
    event that fits nowhere is left out (the caller numbers it, or fails).

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
                    for side in ("above", "below")
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
