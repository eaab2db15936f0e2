"""One way to write money in the book: 'EUR 4.3 billion', 'EUR 845 million', 'EUR 500,000'.

House style: the ISO currency code, a space, the amount in the largest unit (billion from a
thousand million, million from a million, else the whole amount with thousands separated by
commas). Amounts keep up to three decimals of their unit, trailing zeros dropped, so a figure is
never rounded beyond what the sources give (EUR 1.47 billion stays apart from EUR 1.5 billion).
Every table, glue value and figure label that shows money is written by :func:`format_money`;
free text from the data (notes, reasons) is brought to the same style by :func:`house_money`.
"""

from __future__ import annotations

import re

from eucasia.presentation.text.shown import Shown

QUALIFIER_WORDS = {
    "exact": "",
    "at_least": "at least ",
    "approximately": "about ",
    "up_to": "up to ",
}

_UNITS = {"billion": 1e9, "bn": 1e9, "bln": 1e9, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6}
_CURRENCIES = {"EUR": "EUR", "€": "EUR", "USD": "USD", "US$": "USD", "$": "USD"}
# A money amount in free text: optional currency, number (thousands by space or comma), unit.
_AMOUNT = re.compile(
    r"(?P<cur>EUR|USD|US\$|€|\$)?[ \u00a0\u202f]?"
    r"(?P<num>\d{1,3}(?:[ ,\u00a0\u202f]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"[ \u00a0\u202f]?(?P<unit>billion|bln|bn|million|mln|mn|m)\b",
    re.IGNORECASE,
)
_CURRENCY_ONLY = re.compile(
    r"(?P<cur>EUR|USD) (?P<num>\d{1,3}(?:,\d{3})+|\d+)(?![.,]?\d)(?! (?:billion|million)\b)"
)
# Quoted words are the source's own and stay verbatim: 'rose to €1 billion'.
_QUOTED = re.compile(r"(?<![A-Za-z])['‘“\"][^'’”\"]*['’”\"](?![A-Za-z])")


def _plain(value: float) -> str:
    return f"{value:,.3f}".rstrip("0").rstrip(".")


def format_money(amount: float, currency: str = "EUR", qualifier: str = "exact") -> str:
    """'EUR 550 million' (house style, module docstring) with its qualifier ('about', 'up to').

    >>> format_money(-0.0), format_money(1.5e9, qualifier="approximately")
    ('EUR 0', 'about EUR 1.5 billion')
    """
    amount = amount + 0.0  # negative zero is zero: never "EUR -0"
    if amount >= 1e9:
        text = f"{currency} {_plain(amount / 1e9)} billion"
    elif amount >= 1e6:
        text = f"{currency} {_plain(amount / 1e6)} million"
    else:
        text = f"{currency} {amount:,.0f}"
    return QUALIFIER_WORDS[qualifier] + text


def format_eur(amount: float, qualifier: str) -> Shown:
    """'EUR 550 million' with its qualifier ('at least', 'about', 'up to'), carrying the amount
    in euros by which a web table sorts it (a table column of such text sorts by amount, never
    by its words) and which its download writes beside the text (`amount_eur`).

    Examples
    --------
    >>> cell = format_eur(5.5e8, "at_least")
    >>> str(cell), cell.sort, cell.unit
    ('at least EUR 550 million', 550000000.0, 'eur')
    """
    text = format_money(amount, "EUR", qualifier)
    return Shown(text, data=text, sort=float(amount), unit="eur")


def _normalise(text: str, currency: str | None) -> tuple[str, str | None]:
    out, last = [], 0
    for m in _AMOUNT.finditer(text):
        cur = _CURRENCIES[m["cur"].upper()] if m["cur"] else currency
        if cur is None:
            continue
        number = float(re.sub(r"[ ,\u00a0\u202f]", "", m["num"]))
        start = m.start() if m["cur"] else m.start("num")
        out.append(text[last:start] + format_money(number * _UNITS[m["unit"].lower()], cur))
        last, currency = m.end(), cur
    out.append(text[last:])
    text = "".join(out)
    return _CURRENCY_ONLY.sub(
        lambda m: format_money(float(m["num"].replace(",", "")), m["cur"]), text
    ), currency


def house_money(text: str, currency: str | None = None) -> str:
    """Free text with every money amount outside quotation marks in the house style.

    'EUR 845 m to 780 m' becomes 'EUR 845 million to EUR 780 million'; an amount without a
    currency takes the one last named before it in the text, else `currency` (the unit of the
    row the text annotates), else it is left alone. Quoted words are the source's and stay as
    they are.
    """
    pieces, last = [], 0
    for q in _QUOTED.finditer(text):
        plain, currency = _normalise(text[last : q.start()], currency)
        pieces += [plain, q.group()]
        last = q.end()
    plain, currency = _normalise(text[last:], currency)
    pieces.append(plain)
    return "".join(pieces)
