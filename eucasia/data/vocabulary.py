"""Categories the code names, read from the descriptor: one definition of each vocabulary."""

from __future__ import annotations

from eucasia.data.descriptor import field_values

#: The overarching priority (regional cooperation), which is not one of the three strands.
REGIONAL = "regional"
#: The three strands of the 2019 strategy, in the descriptor's order.
STRANDS: tuple[str, ...] = tuple(s for s in field_values("strands", "strand_id") if s != REGIONAL)
