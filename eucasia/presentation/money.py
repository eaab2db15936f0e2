"""One way to write money in the book: 'EUR 550 million', with its qualifier."""

from __future__ import annotations

QUALIFIER_WORDS = {
    "exact": "",
    "at_least": "at least ",
    "approximately": "about ",
    "up_to": "up to ",
}


def format_eur(amount: float, qualifier: str) -> str:
    """'EUR 550 million' with its qualifier ('at least', 'about', 'up to')."""
    if amount >= 1e9:
        text = f"EUR {amount / 1e9:,.1f} billion".replace(".0 billion", " billion")
    else:
        text = f"EUR {amount / 1e6:,.1f} million".replace(".0 million", " million")
    return QUALIFIER_WORDS[qualifier] + text
