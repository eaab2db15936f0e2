"""Free text from the data, made fit for a reader: house dash, house money, sources as citations.

The data's notes and reasons are written by coders: they name sources by their key
('(eeas_kgz_2018_ministerial)'), write money in several ways and join the partners with a hyphen
('EU-Central Asia'). Every table that shows such text passes it through here, so the rules hold
by construction rather than by editing the data. Titles of documents are not rewritten: the
bibliography quotes them as their publishers wrote them, and so do quotations inside notes.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

import pandas as pd

from eucasia.presentation.text.escaping import escape_markdown
from eucasia.presentation.text.money import house_money
from eucasia.presentation.text.shown import Shown

PARTNERS = (
    "Central Asia", "Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan",
    "Kazakh", "Kyrgyz", "Tajik", "Turkmen", "Uzbek",
)  # fmt: skip
_PAIR = re.compile(r"\bEU ?[-\u2010\u2011\u2012\u2014] ?(?=(?:" + "|".join(PARTNERS) + r")\b)")


def partner_dash(text: str) -> str:
    """'EU-Central Asia' → 'EU–Central Asia': an en dash joins the two partners, as in the prose."""
    return _PAIR.sub("EU\u2013", text)


_YEARS = re.compile(r"\b((?:19|20)\d\d)-((?:19|20)\d\d)\b")


def range_dash(text: str) -> str:
    """'2014-2020' → '2014–2020': a span of years takes an en dash, as the tables' periods do."""
    return _YEARS.sub("\\1\u2013\\2", text)


def reader_text(text: object, currency: str | None = None) -> str:
    """Data text with the house dashes and the house money style (see :mod:`money`)."""
    if not isinstance(text, str) and (text is None or pd.isna(text)):
        return ""  # None, NaN and pandas' NA are an empty cell, never the word "<NA>"
    data = text.data if isinstance(text, Shown) else text
    shown = house_money(range_dash(partner_dash(str(text))), currency)
    return Shown(shown, data=data) if shown != data else shown


def _key_pattern(source_ids: Iterable[str]) -> re.Pattern[str]:
    keys = sorted(set(source_ids), key=len, reverse=True)
    key = "|".join(map(re.escape, keys)) or r"(?!x)x"
    # A parenthesis that holds nothing but keys becomes one citation; other keys are cited in place.
    return re.compile(rf"\((?P<group>(?:{key})(?:[;,] ?(?:{key}))*)\)|\b(?P<key>{key})\b")


def cite_sources(text: object, source_ids: Collection[str], currency: str | None = None) -> str:
    """MyST for a data note: text escaped and in house style, each source key a {cite} role.

    The result is markup written here, so the table shows it with ``raw_columns``; everything
    taken from the data between the citations is escaped.
    """
    plain = reader_text(text, currency)
    out, last = [], 0
    for m in _key_pattern(source_ids).finditer(plain):
        keys = re.split(r"[;,] ?", m["group"]) if m["group"] else [m["key"]]
        out += [_escape(plain[last : m.start()]), "{cite}`" + ",".join(keys) + "`"]
        last = m.end()
    out.append(_escape(plain[last:]))
    myst = "".join(out)
    data = getattr(plain, "data", plain)  # the download holds the note as the data has it
    return Shown(myst, data=data) if myst else myst


def _escape(piece: str) -> str:
    """escape_markdown, keeping one space at either end where the piece had one."""
    core = escape_markdown(piece)
    if not core:
        return " " if piece.strip() == "" and piece else ""
    return (" " if piece[0].isspace() else "") + core + (" " if piece[-1].isspace() else "")


def reader_frame(frame: pd.DataFrame, skip: Collection[str] = ()) -> pd.DataFrame:
    """Every text column of a table through :func:`reader_text` (columns in `skip` untouched).

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"period": ["2021-2027"], "id": ["2021-2027"]})
    >>> reader_frame(frame, skip=["id"]).iloc[0].tolist()
    ['2021–2027', '2021-2027']
    """
    columns = {
        c: frame[c].map(reader_text)
        for c in frame.columns
        if c not in set(skip)
        and (pd.api.types.is_object_dtype(frame[c]) or pd.api.types.is_string_dtype(frame[c]))
    }
    return frame.assign(**columns) if columns else frame
