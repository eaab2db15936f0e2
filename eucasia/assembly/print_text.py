"""Text in the PDF: the book's one LaTeX escaper, and the pieces a line of running text or a
table cell is cut into for print.

One escaper, :func:`tex`, built on ``sphinx.util.texescape`` (the escaper Sphinx itself uses for
XeLaTeX), for everything the book writes into LaTeX from data or from its own files: the
colophon, the hyphenation exceptions, the pieces below and, through :func:`hypersetup_latex`, the
PDF's metadata. Two hand-made escapers used to do this, one of which missed ``^`` and ``~``.
"""

from __future__ import annotations

import re

from sphinx.util import texescape

from eucasia.assembly.edition import Edition


def tex(text: str, pdf_string: bool = False) -> str:
    """`text` as LaTeX that prints it literally, escaped as Sphinx escapes it for XeLaTeX.

    With `pdf_string` the result goes into a PDF string (``\\hypersetup`` metadata), where a
    hyphen is a hyphen rather than Sphinx's breakable ``\\sphinxhyphen{}``.

    Examples
    --------
    >>> tex("R&D at 100% {x} ^~")
    'R\\\\&D at 100\\\\% \\\\{x\\\\} \\\\textasciicircum{}\\\\textasciitilde{}'
    >>> tex("EU-Kazakhstan [draft]")
    'EU\\\\sphinxhyphen{}Kazakhstan {[}draft{]}'
    >>> tex("EU-Kazakhstan", pdf_string=True)
    'EU-Kazakhstan'
    """
    texescape.init()  # idempotent; Sphinx calls it when its LaTeX builder starts
    escaped = texescape.escape(text, "xelatex")
    return escaped.replace(r"\sphinxhyphen{}", "-") if pdf_string else escaped


def hypersetup_latex(edition: Edition) -> str:
    """The PDF's metadata (title, authors, subject with the edition, keywords) as LaTeX.

    Examples
    --------
    >>> from eucasia.assembly.edition import read_edition
    >>> hypersetup_latex(read_edition()).startswith("\\\\hypersetup{pdftitle={The EU and Central Asia")
    True
    """
    authors = ", ".join(edition.authors)
    subject = f"{edition.subtitle}. Edition {edition.version}, {edition.date}"
    return (
        "\\hypersetup{"
        f"pdftitle={{{tex(edition.title, pdf_string=True)}}},"
        f"pdfauthor={{{tex(authors, pdf_string=True)}}},"
        f"pdfsubject={{{tex(subject, pdf_string=True)}}},"
        f"pdfkeywords={{{tex(', '.join(edition.keywords), pdf_string=True)}}}"
        "}\n"
    )


#: An id or a date: letters, digits and dots joined by hyphens, with a digit ("1.3-SI-01").
_ID = r"(?<![\w-])(?=[\w.-]*\d)(?:[^\W_]|\.)+(?:-(?:[^\W_]|\.)+)+(?![\w-])"
#: A code of words joined by underscores ("partly_delivered", "record_checks"): the preamble
#: lets a line break after any "_", which in a cell cut a status in two ("partly_" / "delivered").
_CODE = r"(?<![\w-])[^\W_]+(?:_[^\W_]+)+(?![\w-])"
#: A run of 16 or more characters without a space (a pattern, a path).
_LONG = r"\S{16,}"
#: Where a long run may break: after these characters.
_BREAK_AFTER = re.compile(r"(?<=[\]\)}|/,;=&?])(?=\S)")


def breakable_pieces(word: str) -> list[str]:
    """The pieces a word of a table cell prints in, one line each at most: a long run of
    characters breaks after its punctuation (`_table_pieces`), any other word is one piece.

    >>> breakable_pieces("timeline/2012-06-strategy-review"), breakable_pieces("partly_delivered")
    (['timeline/', '2012-06-strategy-review'], ['partly_delivered'])
    """
    if re.fullmatch(_LONG, word) and _BREAK_AFTER.search(word):
        return [p for p in _BREAK_AFTER.split(word) if p]
    return [word]


def _whole_codes(text: str) -> str:
    """`text` as LaTeX, a piece with an underscore in a box (never broken after the "_")."""
    return rf"\mbox{{{tex(text)}}}" if "_" in text else tex(text)


def _table_pieces(text: str) -> list[tuple[str, bool]]:
    pieces: list[tuple[str, bool]] = []
    last = 0
    for m in re.finditer(f"(?P<id>{_ID})|(?P<code>{_CODE})|(?P<long>{_LONG})", text):
        if m.lastgroup == "long" and not _BREAK_AFTER.search(m[0]):
            continue
        if m.start() > last:
            pieces.append((text[last : m.start()], False))
        if m.lastgroup in ("id", "code"):
            pieces.append((r"\mbox{" + tex(m[0]) + "}", True))
        else:
            parts = _BREAK_AFTER.split(m[0])
            pieces.append((r"\allowbreak{}".join(_whole_codes(p) for p in parts), True))
        last = m.end()
    if last < len(text):
        pieces.append((text[last:], False))
    return pieces


def print_pieces(text: str, citations: dict[str, str], in_table: bool) -> list[tuple[str, bool]]:
    """Split `text` into (piece, is_latex) for the PDF.

    A source key becomes its bibliography reference (`citations` maps key to LaTeX); in a table
    an id, a date or a code ("partly_delivered") is kept on one line and a long run of
    characters gets break points after punctuation. Everything else stays text, for Sphinx to escape.

    Examples
    --------
    >>> print_pieces("see join2019_sv", {"join2019_sv": "[7]"}, in_table=False)
    [('see ', False), ('[7]', True)]
    >>> print_pieces("so partly_delivered.", {}, in_table=True)
    [('so ', False), ('\\\\mbox{partly\\\\_delivered}', True), ('.', False)]
    """
    pieces: list[tuple[str, bool]] = [(text, False)]
    if citations:
        keys = "|".join(map(re.escape, sorted(citations, key=len, reverse=True)))
        pieces = []
        last = 0
        for m in re.finditer(rf"(?<![\w-])(?:{keys})(?![\w-])", text):
            if m.start() > last:
                pieces.append((text[last : m.start()], False))
            pieces.append((citations[m[0]], True))
            last = m.end()
        if last < len(text):
            pieces.append((text[last:], False))
    if in_table:
        pieces = [q for p, raw in pieces for q in ([(p, raw)] if raw else _table_pieces(p))]
    return pieces


#: A name's trailing parenthesis ('Kyrgyzstan (Kyrgyz Republic)', 'Think tanks (EU and Central
#: Asia)'), and an abbreviation ('EBRD').
_TRAILING_PARENTHESIS = re.compile(r"^(?P<short>.+?) \((?P<inner>[^()]+)\)$")
_ABBREVIATION = re.compile(r"[A-Z][A-Z0-9]+")


def index_names(actors: list[tuple[str, str, bool]]) -> dict[str, str]:
    """Each name under which the text may name an actor, to the actor's id, for the index of
    actors. `actors`: (id, name as in the data, whether it is a state).

    The data's names are unique and complete ("Kyrgyzstan (Kyrgyz Republic)", "European Bank
    for Reconstruction and Development (EBRD)"); the text says "Kyrgyzstan", "the Kyrgyz
    Republic", "the EBRD", "the Council of the EU". So an actor is also found under its name
    without the trailing parenthesis, the parenthesis when it is an abbreviation or (for a
    state) its other official name, and "the EU" for "the European Union" inside a name. A
    form two actors share names neither. Typographic apostrophes as the pages print them.

    Examples
    --------
    >>> names = index_names([("kgz", "Kyrgyzstan (Kyrgyz Republic)", True),
    ...                      ("ebrd", "European Bank for Reconstruction and Development (EBRD)", False),
    ...                      ("council", "Council of the European Union", False),
    ...                      ("tt", "Think tanks (EU and Central Asia)", False)])
    >>> sorted(k for k in names if names[k] == "kgz")
    ['Kyrgyz Republic', 'Kyrgyzstan', 'Kyrgyzstan (Kyrgyz Republic)']
    >>> names["EBRD"], names["Council of the EU"], "EU and Central Asia" in names
    ('ebrd', 'council', False)
    """
    forms: dict[str, set[str]] = {}
    for actor_id, name, is_state in actors:
        variants = {name}
        match = _TRAILING_PARENTHESIS.match(name)
        if match:
            variants.add(match["short"])
            inner = match["inner"]
            if _ABBREVIATION.fullmatch(inner) or (is_state and inner[:1].isupper()):
                variants.add(inner)
        variants |= {v.replace("the European Union", "the EU") for v in variants}
        variants |= {v.replace("'", "\u2019") for v in variants}
        for variant in variants:
            forms.setdefault(variant, set()).add(actor_id)
    return {form: next(iter(ids)) for form, ids in forms.items() if len(ids) == 1}


def actor_pattern(actors: dict[str, str]) -> re.Pattern[str] | None:
    """Any of the actors' names as a whole word, longest first (None when there are none).

    Examples
    --------
    >>> actor_pattern({"EU": "eu", "EU Delegation": "eu_del"}).findall("the EU Delegation and the EU")
    ['EU Delegation', 'EU']
    >>> actor_pattern({"ISO": "iso"}).findall("ISO 8601 dates, as the ISO writes")
    ['ISO']
    """
    if not actors:
        return None
    # an abbreviation before a number names a standard or a document ("ISO 8601"), not the body
    names = "|".join(
        re.escape(n) + (r"(?! \d)" if _ABBREVIATION.fullmatch(n) else "")
        for n in sorted(actors, key=len, reverse=True)
    )
    return re.compile(rf"(?<![\w-])(?:{names})(?![\w-])")


def actor_marks(
    text: str, pattern: re.Pattern[str] | None, actors: dict[str, str], mark
) -> list[tuple[str, bool]]:
    """`text` cut after each actor's name, with `mark(actor_id)` (LaTeX) inserted there."""
    if pattern is None:
        return [(text, False)]
    pieces: list[tuple[str, bool]] = []
    last = 0
    for m in pattern.finditer(text):
        pieces += [(text[last : m.end()], False), (mark(actors[m[0]]), True)]
        last = m.end()
    return [*pieces, (text[last:], False)] if last < len(text) else pieces
