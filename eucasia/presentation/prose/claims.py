"""Qualitative claims of the prose, checked against the data where the chapter shows them.

Claims about extremes ("the lowest share", "the most initiatives", "the densest network") are
checked against every group, and name every group tied at the extreme: :func:`at_extreme`
finds them all, :func:`require_extreme` stops the build when a sentence names fewer (or others),
and :func:`and_list` writes the names for the prose.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Mapping, Sequence


class ClaimError(AssertionError):
    """A sentence of the prose no longer holds for the data: the build must stop."""


def require(condition: bool, claim: str) -> None:
    """Stop the build if a qualitative claim the chapter's prose makes is false for the data.

    Numbers in the prose are glued from the data; statements such as "the OSCE bodies form a
    community of their own" cannot be, so each is checked here next to the code that shows it.

    Examples
    --------
    >>> require(3 > 2, "three exceeds two")
    >>> require(1 > 2, "one exceeds two")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    eucasia.presentation.prose.claims.ClaimError: the text claims that one exceeds two, but ...
    """
    if not condition:
        raise ClaimError(
            f"the text claims that {claim}, but the data no longer support it; "
            "update the prose or the data"
        )


def at_extreme(values: Mapping[Hashable, float], highest: bool = True) -> list[Hashable]:
    """Every key whose value is the highest (or lowest), in the mapping's order: all tied groups.

    `max(d, key=d.get)` names one group and silently drops the others tied with it; a sentence
    about "the lowest share" must name them all.

    Examples
    --------
    >>> at_extreme({"1.1": 0.0, "1.2": 0.7, "3.3": 0.0}, highest=False)
    ['1.1', '3.3']
    """
    if not values:
        return []
    best = max(values.values()) if highest else min(values.values())
    return [key for key, value in values.items() if value == best]


def require_extreme(
    named: Collection[Hashable],
    values: Mapping[Hashable, float],
    highest: bool,
    claim: str,
    *,
    shown: Mapping[Hashable, float] | None = None,
    scope: str = "",
) -> None:
    """Stop the build unless `named` are exactly the groups at the extreme of `values`.

    A sentence that names one group as "the highest" while another ties with it is false by
    omission; one that names a group below the extreme is false outright.

    `shown` holds every group the page's figure shows beside the sentence, with its value. A
    reader checks "the highest" against all of them: when a shown group outside `values`
    reaches the extreme, the claim holds only with its scope stated ("among the three strands"),
    so `scope` (the words the prose glues in front of the claim) must not be empty. The
    tracker once called a strand's 54% "the highest share delivered" above a figure showing
    the overarching priority at 100%.

    Examples
    --------
    >>> require_extreme(["a"], {"a": 2, "b": 1}, True, "a has the most")
    >>> require_extreme(["a"], {"a": 2, "b": 2}, True, "a has the most")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    ClaimError: the text claims that a has the most (every group tied at the highest: 'a', 'b'), ...
    >>> shown = {"a": 2, "b": 1, "c": 3}
    >>> require_extreme(["a"], {"a": 2, "b": 1}, True, "a has the most", shown=shown,
    ...                 scope="among a and b")
    >>> require_extreme(["a"], {"a": 2, "b": 1}, True, "a has the most", shown=shown)  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    ClaimError: the text claims that a has the most over every group the page shows ...
    """
    tied = at_extreme(values, highest)
    require(
        set(named) == set(tied),
        f"{claim} (every group tied at the {'highest' if highest else 'lowest'}: "
        + ", ".join(map(repr, tied))
        + ")",
    )
    if shown is None or not tied or scope.strip():
        return
    extreme = values[tied[0]]
    beyond = [
        group
        for group, value in shown.items()
        if group not in values and (value >= extreme if highest else value <= extreme)
    ]
    require(
        not beyond,
        f"{claim} over every group the page shows, but "
        + ", ".join(map(repr, beyond))
        + " (outside the claim) reach the extreme; state the claim's scope or name them",
    )


def and_list(names: Sequence[str]) -> str:
    """Names joined for a sentence: 'A', 'A and B', 'A, B and C'.

    Examples
    --------
    >>> and_list(["1.1"]), and_list(["1.1", "3.3"]), and_list(["a", "b", "c"])
    ('1.1', '1.1 and 3.3', 'a, b and c')
    """
    names = [str(n) for n in names]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
