"""Counts the prose glues as words where a digit would read wrongly.

A glued count reads right for 2 and more ("3 appear"), but "0 appear in no evidence at all
(none)" is how the tracker once read: a zero, and a count of one, need sentences of their own.
These functions write them, so the notebook glues one phrase that reads right for 0, 1 and n.
"""

from __future__ import annotations

from collections.abc import Sequence

from eucasia.presentation.prose.claims import and_list

_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def number_word(n: int) -> str:
    """A small count as a word ("three strands"), larger ones as digits, as prose writes them.

    Examples
    --------
    >>> number_word(3), number_word(10), number_word(12)
    ('three', 'ten', '12')
    """
    return _WORDS[n] if 0 <= n < len(_WORDS) else str(n)


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """A count with its noun, as a sentence says it: "no meetings", "one meeting", "3 meetings".

    Examples
    --------
    >>> counted(0, "meeting"), counted(1, "meeting"), counted(3, "meeting")
    ('no meetings', 'one meeting', '3 meetings')
    """
    noun = singular if n == 1 else plural or singular + "s"
    return f"{'no' if n == 0 else 'one' if n == 1 else n} {noun}"


def silent_actors(names: Sequence[str]) -> str:
    """The clause on the actors that appear in no evidence, for 0, 1 or more of them.

    It follows "of these actors," in the tracker's prose. A zero is written as words (none is
    missing), one actor is named in the singular, and several are counted and named.

    Examples
    --------
    >>> silent_actors([])
    'none is missing from the evidence altogether'
    >>> silent_actors(["NATO"])
    'one, NATO, appears in no evidence at all'
    >>> silent_actors(["NATO", "the OSCE"])
    'two appear in no evidence at all: NATO and the OSCE'
    """
    if not names:
        return "none is missing from the evidence altogether"
    if len(names) == 1:
        return f"one, {names[0]}, appears in no evidence at all"
    return f"{number_word(len(names))} appear in no evidence at all: {and_list(list(names))}"
