"""Qualitative claims of the prose, checked against the data where the chapter shows them."""

from __future__ import annotations


class ClaimError(AssertionError):
    """A sentence of the prose no longer holds for the data: the build must stop."""


def require(condition: bool, claim: str) -> None:
    """Stop the build if a qualitative claim the chapter's prose makes is false for the data.

    Numbers in the prose are glued from the data; statements such as "the OSCE bodies form a
    community of their own" cannot be, so each is checked here next to the code that shows it.
    """
    if not condition:
        raise ClaimError(
            f"the text claims that {claim}, but the data no longer support it; "
            "update the prose or the data"
        )
