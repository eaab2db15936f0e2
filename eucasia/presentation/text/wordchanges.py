"""Which words of a value changed between two editions, so a reader sees them at a glance.

A long note or rationale corrected by a few words reads, printed twice one under the other, as
the same text twice: the "What changed" page marks the words that differ (in bold) instead.
Used by :mod:`eucasia.presentation.tables.edition_tables`.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

#: A corrected value marks the words it changed only when both editions' values have at least
#: this many words and the other keeps at least `MARK_SIMILAR` of the shorter one's words (so a
#: note that grew by a sentence marks the sentence): a short value (a date, a status) is read
#: whole, and two unrelated texts would be bold from end to end.
MARK_WORDS = 4
MARK_SIMILAR = 0.5
#: Marks around changed words while the value is escaped and cited (private-use characters, which
#: no value of the data holds); they become bold once the value is markup.
START, END = "\ue000", "\ue001"


def changed_words(before: str, after: str) -> tuple[str, str] | None:
    """`before` and `after` with each run of words that differs between them between `START`
    and `END`, or None when marking would not help (see `MARK_WORDS`, `MARK_SIMILAR`): in a
    long rationale corrected by a few words, those words are what a reader looks for.

    Examples
    --------
    >>> marked = changed_words("coded from the first paragraph", "coded from the second paragraph")
    >>> [m.replace(START, "[").replace(END, "]") for m in marked]
    ['coded from the [first] paragraph', 'coded from the [second] paragraph']
    >>> changed_words("2019-05", "2019-05-15") is None
    True
    """
    old, new = re.split(r"(\s+)", before), re.split(r"(\s+)", after)
    old_words, new_words = old[::2], new[::2]
    if min(len(old_words), len(new_words)) < MARK_WORDS:
        return None
    matcher = SequenceMatcher(None, old_words, new_words, autojunk=False)
    kept = sum(block.size for block in matcher.get_matching_blocks())
    if kept < MARK_SIMILAR * min(len(old_words), len(new_words)):
        return None

    def mark(tokens: list[str], runs: list[tuple[int, int]]) -> str:
        for start, end in reversed(runs):  # word indices; tokens alternate word, space
            tokens = [*tokens[: 2 * start], START, *tokens[2 * start : 2 * end - 1], END,
                      *tokens[2 * end - 1 :]]  # fmt: skip
        return "".join(tokens)

    changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    old_runs = [(i1, i2) for _, i1, i2, _, _ in changes if i2 > i1]
    new_runs = [(j1, j2) for _, _, _, j1, j2 in changes if j2 > j1]
    return mark(old, old_runs), mark(new, new_runs)
