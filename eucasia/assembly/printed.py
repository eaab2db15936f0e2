"""LaTeX of the PDF edition that makes print work as print, each rule in its own function.

- Floats stay near their first mention: LaTeX may fill most of a page with floats above or
  below text, a page of floats only when they fill most of it, and a float page starts at the
  top; floats still waiting when a section or a longtable starts open the next page, above
  its heading or head, when the page they leave is at least half full (`float_latex`).
- A table of up to `KEEP_WHOLE_ROWS` body rows is never split: the book's extension sets it as
  a tabular, which this preamble floats like a figure (`[htbp]`); longer tables break with
  their header repeated (longtable), and never with fewer than `rows_kept_together` rows on
  either side of a break (`KEEP_ROWS_LATEX`).
- A table the web page folds (a detail table: evidence, full lists, every change) is set as a
  reference in smaller type with tighter columns (`folded_tables_latex`), so that the chapter
  around it reads as a chapter.
- Names, ids and amounts never break at a hyphen: table cells are not hyphenated at all (as on
  the web page), names of actors and states and a few terms nowhere (`hyphenation_latex`), an
  amount's number and unit are held together by a no-break space (`hold_amounts`).
- The index of actors gives the pages where each actor is named (`ACTOR_PAGES_LATEX`).
- A reference to a chapter gives its number and page (`chapter_reference`).
- The back of the title page is a colophon from the edition's own files (`colophon_latex`).

Text from data or from the edition's files is escaped by the book's one escaper
(`eucasia.assembly.print_text.tex`, built on `sphinx.util.texescape`). The
module is long because each rule's LaTeX sits beside the Python that decides where it
applies, so that a rule reads whole in one place.
"""

from __future__ import annotations

import functools
import re
import subprocess
from collections.abc import Iterable
from pathlib import Path

from eucasia.assembly.edition import Edition
from eucasia.assembly.print_text import breakable_pieces, tex

#: A table with at most this many body rows is kept whole in print when it fits a page ("about
#: 15": a table of 16 rows split 14 + 2 left its last rows under a "continued" head).
KEEP_WHOLE_ROWS = 20

#: Words that are never hyphenated besides the names from the data (a metric, money units).
TERMS = ("PageRank", "Louvain", "million", "billion", "thousand")

#: An amount as the book writes it ('EUR 22 million', 'USD 1.5 billion', '€1 billion').
AMOUNT = re.compile(
    r"(?:EUR|USD|US\$|€|\$) ?\d[\d,.]*\d?(?: (?:million|billion|thousand)\b)?|"
    r"\d[\d,.]*(?: (?:million|billion)) (?:EUR|euros?)\b"
)


def float_latex() -> str:
    """Float placement: near the first mention, float pages at least two thirds full, set from
    the top of the page, kept to their section where the page left is at least half full,
    figures with room for their caption on the page, and short tables floated like figures
    (outer paragraphs only: a table inside a box stays where it is). A failed patch of longtable stops the build (an undefined
    command), never passes unseen."""
    return r"""
% --- print: floats near their first mention (eucasia.assembly.printed.float_latex) ---
\setcounter{topnumber}{3}\setcounter{bottomnumber}{2}\setcounter{totalnumber}{5}
\renewcommand{\topfraction}{0.92}\renewcommand{\bottomfraction}{0.8}
\renewcommand{\textfraction}{0.06}\renewcommand{\floatpagefraction}{0.67}
\makeatletter
\setlength{\@fptop}{0pt}\setlength{\@fpsep}{\floatsep}\setlength{\@fpbot}{0pt plus 1fil}
\newif\ifeucasia@tablefloat
\let\eucasia@attablestart\sphinxattablestart
\let\eucasia@attableend\sphinxattableend
\def\sphinxattablestart{\eucasia@tablefloatfalse
  \ifinner\else\ifnum\@floatpenalty=\z@\eucasia@tablefloattrue\fi\fi
  \ifeucasia@tablefloat\begin{table}[htbp]\fi\eucasia@attablestart}
\def\sphinxattableend{\eucasia@attableend\ifeucasia@tablefloat\end{table}\fi}
% A longtable starts with a few rows under its head, never with one or two at a page's foot.
\preto\sphinxatlongtablestart{\Needspace{8\baselineskip}}
% Floats in number order and within their section: when floats are still waiting as the next
% section or a longtable starts (a longtable cannot float past them), the page ends there and
% they open the next one, above the heading or table, if the page so far (text and the floats
% set on it) is at least half full: a page less full would be left half empty. No page of
% floats alone is forced where they fill less than half of it (placeins' \FloatBarrier does
% that, and left pages a third full). A page already overfull breaks before its last lines
% anyway: ending it again after them left those lines alone under the floats, a page a third
% full; the floats then open the next page on their own. When the floats set on the next page
% fill half of it and more still wait (two tall figures that do not share a page), that page
% ends too (`\eucasia@flush`): the heading or table follows the last of them.
\def\eucasia@barrier{\par\ifx\@deferlist\@empty\else\ifdim\pagegoal<\maxdimen
  \ifdim\dimexpr\pagetotal-\pageshrink\relax>\pagegoal\else
  \ifdim\dimexpr\pagetotal+\textheight-\pagegoal\relax>.5\textheight
    \newpage\eucasia@flush\fi\fi\fi\fi}
\def\eucasia@flush{\ifx\@deferlist\@empty\else\ifdim\vsize<.5\textheight
  \null\newpage\expandafter\expandafter\expandafter\eucasia@flush\fi\fi}
\pretocmd{\section}{\eucasia@barrier}{}{\eucasia@sectionfailed}
\preto\sphinxatlongtablestart{\eucasia@barrier}
% A figure leaves room on its page for a caption of a few lines: Sphinx scales an image to
% the text block's full height, and the caption of a figure that tall ran past the block's
% foot onto the folio ("Float too large for page").
\AtBeginDocument{\spx@image@maxheight=.88\textheight}
% A longtable starts each new page itself and never offered it to the floats waiting: they
% drifted past the whole table. Now each of its pages starts as any page does (\@startcolumn),
% less the height of its foot ("continues on next page"), which longtable takes off the room
% at its start and gives back at its end: without it the foot hung below the text block and
% the page after the table's end ran up to a foot's height over it (an overfull \vbox).
\def\eucasia@ltpage{\global\@textfloatsheight\z@\@floatplacement
  \@startcolumn\@whilesw\if@fcolmade\fi{\@opcol\@startcolumn}%
  \ifvoid\LT@foot\else\global\advance\@colroom-\ht\LT@foot\fi}
\patchcmd{\LT@output}{\@outputpage\global\vsize\@colroom\setbox}
  {\@outputpage\eucasia@ltpage\global\vsize\@colroom\setbox}{}{\eucasia@ltfailed}
\patchcmd{\LT@output}{\@outputpage\global\vsize\@colroom\copy}
  {\@outputpage\eucasia@ltpage\global\vsize\@colroom\copy}{}{\eucasia@ltfailed}
\makeatother
"""


def table_cells_latex() -> str:
    """Table cells and their heads are never hyphenated, nor broken at a hyphen of their own
    ('Co-operation'): a line breaks at a space, as on the web page (ids and patterns keep the
    break points the book's extension gives them)."""
    return r"""
% --- print: no hyphenation in table cells (eucasia.assembly.printed.table_cells_latex) ---
\makeatletter
\g@addto@macro\sphinxattablestart{\hyphenpenalty\@M\exhyphenpenalty\@M}
\g@addto@macro\sphinxatlongtablestart{\hyphenpenalty\@M\exhyphenpenalty\@M}
\makeatother
"""


#: The type of a detail table (one the web page folds): one size below the other tables, with
#: tighter columns and heads in the same size as the cells.
FOLDED_TABLE_STYLE = r"\footnotesize\setlength{\tabcolsep}{3pt}\def\eucasiatheadsize{}"


def folded_tables_latex() -> str:
    r"""Detail tables in print: a table inside a cell the web page folds (myst-nb's
    ``tag_hide-output``, which Sphinx writes as ``\begin{sphinxuseclass}{tag_hide-output}``) is
    set in `FOLDED_TABLE_STYLE`. On the web a reader opens such a table on demand; in print it
    is there on every page, so it is set as a reference (as the data dictionary's tables are)
    and the chapter's argument is not spread over twice the pages.

    Examples
    --------
    >>> r"\newenvironment{sphinxclasstag_hide-output}" in folded_tables_latex()
    True
    """
    return (
        "\n% --- print: detail tables in smaller type (eucasia.assembly.printed.folded_tables_latex) ---\n"
        "\\newenvironment{sphinxclasstag_hide-output}"
        f"{{\\renewcommand{{\\eucasiatablestyle}}{{{FOLDED_TABLE_STYLE}}}}}{{}}\n"
    )


#: At least this many body rows on each side of a page break in a longtable ("continued" with
#: two rows under its head reads as a table that forgot to end), or a fifth of the rows, up to
#: `KEEP_ROWS_MAX` (a longer run of tall rows may not fit a page).
KEEP_ROWS_MIN = 3
KEEP_ROWS_MAX = 5

#: LaTeX at the end of a longtable's row after which the page may not break, put in the row's
#: last cell (Sphinx writes the row's end, ``\\``, itself): it reads on to the row's end and sets
#: ``\noalign{\nobreak}`` after it. Longtable's own ``\\*`` does not hold with the array
#: package: its ``\nobreak`` is defined in a group that ends before the row does.
KEEP_ROWS_LATEX = r"""
% --- print: rows kept together across a longtable's page break (eucasia.assembly.printed) ---
\protected\long\def\eucasiakeeprow#1\\{#1\\\noalign{\nobreak}}
"""


def rows_kept_together(rows: int) -> int:
    """How many body rows of a longtable of `rows` rows stay together at its start and at its
    end: at least `KEEP_ROWS_MIN`, a fifth of them for a longer table, at most `KEEP_ROWS_MAX`.

    >>> rows_kept_together(18), rows_kept_together(12), rows_kept_together(60)
    (4, 3, 5)
    """
    return max(KEEP_ROWS_MIN, min(KEEP_ROWS_MAX, -(-rows // 5)))


def missing_glyphs_latex() -> str:
    r"""Characters the book's text fonts lack, set from the math font instead: the data's notes
    write a change as 'medium → high', and Noto Serif has no arrow (the PDF showed an empty box).

    Examples
    --------
    >>> r"\newunicodechar{→}" in missing_glyphs_latex()
    True
    """
    return r"""
% --- print: glyphs the text fonts lack (eucasia.assembly.printed.missing_glyphs_latex) ---
\usepackage{newunicodechar}
\newunicodechar{→}{\ensuremath{\rightarrow}}
"""


#: The text block of an A4 page with the book's margins (points), and table metrics: a cell's
#: padding (2 x tabcolsep and a rule), the type of cells (small serif) and heads (footnote-size
#: sans) as `fontpkg` in `_config.yml` sets them, a line's height, and the share of the text
#: block a table kept whole may fill (a taller one, floated, either drifted past the next
#: section or longtable or left the page before it half empty: it breaks instead).
LINE_WIDTH = 470.0
TEXT_HEIGHT = 700.0
CELL_PAD = 8.5
CELL_FONT = ("Noto Serif", 9.0)
HEAD_FONT = ("Noto Sans", 8.0)
CELL_LINE = 11.0
ROW_PAD = 4.0
FILL = 0.6


@functools.cache
def _font(family: str):
    """The font file fontconfig gives for `family`, opened with Pillow (None if not found)."""
    from PIL import ImageFont

    try:
        found = subprocess.run(
            ["fc-match", "-f", "%{file}", family], capture_output=True, text=True, check=True
        ).stdout.strip()
        return ImageFont.truetype(found, 1000)
    except (OSError, subprocess.CalledProcessError):
        return None


@functools.lru_cache(maxsize=65536)
def text_width(text: str, font: tuple[str, float]) -> float:
    """Width of `text` in points, set in `font` (family, size); 0.55 em a character when the
    font cannot be found.

    >>> 30 < text_width("betweenness", HEAD_FONT) < 60
    True
    """
    family, size = font
    face = _font(family)
    if face is None:
        return len(text) * 0.55 * size
    return face.getlength(text) / 1000 * size


@functools.cache
def _hyphen_patterns() -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """TeX's patterns for the book's language (`hyphen.tex`, what polyglossia's english loads)
    as Liang's algorithm reads them, and its exceptions as break points; empty when TeX is not
    installed (then no word is taken to break, as before)."""
    try:
        found = subprocess.run(
            ["kpsewhich", "hyphen.tex"], capture_output=True, text=True, check=True
        ).stdout.strip()
        text = re.sub(r"%.*", "", Path(found).read_text(encoding="utf-8"))
    except (OSError, subprocess.CalledProcessError):
        return {}, {}
    start = text.index(r"\patterns{") + len(r"\patterns{")
    patterns: dict[str, list[int]] = {}
    for pattern in text[start : text.index("}", start)].split():
        letters = re.sub(r"\d", "", pattern)
        points = [0] * (len(letters) + 1)
        at = 0
        for ch in pattern:
            if ch.isdigit():
                points[at] = int(ch)
            else:
                at += 1
        patterns[letters] = points
    start = text.index(r"\hyphenation{") + len(r"\hyphenation{")
    exceptions = {}
    for word in text[start : text.index("}", start)].split():
        parts = word.split("-")
        exceptions["".join(parts)] = [len("".join(parts[:k])) for k in range(1, len(parts))]
    return patterns, exceptions


def hyphenation_points(word: str, left: int = 2, right: int = 3) -> list[int]:
    """Where TeX may hyphenate `word` (after how many letters), by Liang's algorithm on TeX's
    own patterns, with English's shortest first and last pieces (`left`, `right`). A word
    with anything but lowercase letters (a name, a term, a number) is taken never to break.

    >>> hyphenation_points("betweenness"), hyphenation_points("PageRank")
    ([2, 7], [])
    """
    patterns, exceptions = _hyphen_patterns()
    if not re.fullmatch(r"[a-z]+", word) or word in TERMS:
        return []
    if word in exceptions:
        return exceptions[word]
    work = f".{word}."
    points = [0] * (len(work) + 1)
    for i in range(len(work)):
        for j in range(i + 1, len(work) + 1):
            for k, value in enumerate(patterns.get(work[i:j], ())):
                points[i + k] = max(points[i + k], value)
    return [m for m in range(left, len(word) - right + 1) if points[m + 1] % 2]


def head_width(head: str, font: tuple[str, float] = HEAD_FONT) -> float:
    """The narrowest a column head can be set: a head of one word on at most two lines,
    hyphenated once where TeX may break it (the head of a column of numbers); a head of
    several words wraps between them, each word whole ("coun-tries down-stream" reads badly).

    >>> head_width("betweenness") < text_width("betweenness", HEAD_FONT)
    True
    >>> head_width("PageRank") == text_width("PageRank", HEAD_FONT)
    True
    >>> head_width("countries upstream") == text_width("upstream", HEAD_FONT)
    True
    """
    if len(head.split()) > 1:
        return _longest([head], font)
    widest = 0.0
    for word in head.split():
        whole = text_width(word, font)
        halves = [
            max(text_width(word[:m] + "-", font), text_width(word[m:], font))
            for m in hyphenation_points(word)
        ]
        widest = max(widest, min([whole, *halves]))
    return widest


def _char_width() -> float:
    """The mean width of a character of running text in a cell (an estimate for heights)."""
    sample = "the quick brown fox jumps over a lazy dog, 2019–2026; EU Central Asia "
    return text_width(sample, CELL_FONT) / len(sample)


def _longest(texts: Iterable[str], font: tuple[str, float]) -> float:
    """The widest unbreakable piece of `texts`: words, and a long run (a path-like key,
    'timeline/2012-06-strategy-implementation-review') in the pieces it may break into
    (`eucasia.assembly.print_text.breakable_pieces`, as a cell prints it)."""
    words = {
        p
        for t in texts
        for w in re.split(r"[ \t\n]+", hold_amounts(t))
        if w
        for p in breakable_pieces(w)
    }
    # The widest word is among the longest: measure those only (a build has thousands of cells).
    longest = sorted(words, key=lambda w: (-len(w), w))[:8]
    return max((text_width(w, font) for w in longest), default=0.0)


#: A cell of a numeric column: a number, a share, a count with its rank ("70 (1)"), or empty.
NUMERIC = re.compile(r"[-+\u2212\u2013]?\d[\d.,]*%?(?: \(\d+\))?|[\u2013\u2014-]?")


def numeric_column(column: Iterable[str]) -> bool:
    """Whether every cell of `column` is a number (or empty), and at least one is.

    >>> numeric_column(["0.79", "1,796", "70 (1)", ""]), numeric_column(["41", "EU institution"])
    (True, False)
    """
    cells = [c.strip() for c in column]
    return any(cells) and all(NUMERIC.fullmatch(c) for c in cells)


def fit_columns(
    widths: list[int] | list[float], heads: list[str], columns: list[list[str]]
) -> list[int]:
    """Column widths (the same sum) in which each column holds its longest unbreakable word:
    table cells are not hyphenated, so a column narrower than a word runs into the next one.
    A column of numbers gets just what its widest value needs, its head hyphenated where TeX
    may break it (`head_width`; the book's extension lets TeX hyphenate those heads), and the
    text columns share the rest, in proportion to the widths asked for: names wrap, numbers
    never do, so room a number does not use is better spent on a name; a text column whose
    longest cell fits on one line with room to spare keeps only that room (`_to_content`). The width a
    narrow column needs is taken from the columns with room to spare; when the words cannot
    all fit, every column gets the same share of what they need.

    >>> fit_columns([40, 10, 50], ["name", "betweenness", "note"], [["a"], ["low"], ["b"]])
    [39, 13, 48]
    >>> fit_columns([30, 30, 40], ["actor", "degree", "note"], [["a b"], ["12"], ["c d"]])
    [41, 6, 53]
    >>> fit_columns([36, 64], ["row", "value"], [["1.3-SI-05"], ["a long value " * 20]])
    [10, 90]
    """
    total = sum(widths)
    numeric = [numeric_column(col) for col in columns]
    need = [
        (
            max(
                max((text_width(c.strip(), CELL_FONT) for c in col), default=0.0)
                if num
                else _longest(col, CELL_FONT),
                head_width(head) if num else _longest([head], HEAD_FONT),
            )
            + 1
            + CELL_PAD
        )
        / LINE_WIDTH
        * total
        for head, col, num in zip(heads, columns, numeric, strict=True)
    ]
    if any(numeric) and not all(numeric) and sum(need) < total:
        # Numbers get their need; text columns the rest, as asked, but at least their need.
        text = [i for i, num in enumerate(numeric) if not num]
        spare = total - sum(n for n, num in zip(need, numeric, strict=True) if num)
        asked = sum(widths[i] for i in text)
        widths = [
            widths[i] / asked * spare if not numeric[i] else need[i] for i in range(len(widths))
        ]
    if sum(need) >= total:
        wanted = [n * total / sum(need) for n in need]
    else:
        wanted = [max(float(w), n) for w, n in zip(widths, need, strict=True)]
        excess = sum(wanted) - total
        slack = [max(0.0, w - n) for w, n in zip(wanted, need, strict=True)]
        wanted = [w - excess * s / sum(slack) for w, s in zip(wanted, slack, strict=True)]
        wanted = _to_content(wanted, need, heads, columns, numeric, total)
    out = [int(w) + (1 if w > int(w) else 0) for w in wanted]
    out[max(range(len(out)), key=lambda i: out[i] - need[i])] -= sum(out) - total
    return out


def _to_content(
    wanted: list[float],
    need: list[float],
    heads: list[str],
    columns: list[list[str]],
    numeric: list[bool],
    total: float,
) -> list[float]:
    """A text column wider than its longest cell set on one line (a column of short keys given
    a third of the line) keeps only that, and the columns that wrap share what it gives up, in
    proportion to what each lacks to be set on one line: a key column never takes the room its
    values wrap for."""
    full = [
        max(
            need[i],
            (max((text_width(c.strip(), CELL_FONT) for c in col), default=0.0) + 1 + CELL_PAD)
            / LINE_WIDTH
            * total,
        )
        for i, col in enumerate(columns)
    ]
    wrapping = [i for i, w in enumerate(wanted) if not numeric[i] and full[i] > w]
    # A column without text is filled by LaTeX (the index's pages): its content is not known.
    roomy = [
        i
        for i, w in enumerate(wanted)
        if not numeric[i] and full[i] < w and any(c.strip() for c in columns[i])
    ]
    if not wrapping or not roomy:
        return wanted
    freed = sum(wanted[i] - full[i] for i in roomy)
    out = list(wanted)
    for i in roomy:
        out[i] = full[i]
    # in proportion to what each lacks for one line: a key that wraps once takes little
    short = {i: full[i] - wanted[i] for i in wrapping}
    for i in wrapping:
        out[i] += freed * short[i] / sum(short.values())
    return out


def table_height(widths: list[int], rows: list[list[str]]) -> float:
    """An estimate of a table's height in points: each row as tall as its cell of most lines.

    >>> table_height([50, 50], [["short", "text"]] * 3)
    45.0
    """
    total = sum(widths)
    inner = [max(20.0, w / total * LINE_WIDTH - CELL_PAD) for w in widths]
    height = 0.0
    for row in rows:
        lines = max(
            (
                -(-len(text) * _char_width() // width)
                for text, width in zip(row, inner, strict=False)
            ),
            default=1,
        )
        height += max(1, lines) * CELL_LINE + ROW_PAD
    return height


def keeps_whole(widths: list[int], rows: list[list[str]], caption_lines: int = 3) -> bool:
    """Whether a table is set whole in print: at most `KEEP_WHOLE_ROWS` rows and short enough
    for one page (with its caption and head); otherwise it breaks with its head repeated.

    >>> keeps_whole([50, 50], [["a", "b"]] * 20), keeps_whole([50, 50], [["a", "b"]] * 21)
    (True, False)
    >>> keeps_whole([50, 50], [["word " * 400, "b"]] * 3)
    False
    """
    if len(rows) > KEEP_WHOLE_ROWS:
        return False
    head = (caption_lines + 2) * CELL_LINE
    return head + table_height(widths, rows) <= FILL * TEXT_HEIGHT


def never_hyphenated(names: Iterable[str], terms: Iterable[str] = TERMS) -> list[str]:
    """The words of `names` (actors, states) and `terms` that LaTeX must not hyphenate: words of
    letters only, five or more long, capitalised (names) or listed (terms).

    >>> never_hyphenated(["Tajikistan", "Council of the European Union", "OSCE"], ["PageRank"])
    ['Council', 'European', 'PageRank', 'Tajikistan', 'Union']
    """
    words = set(terms)
    for name in names:
        words |= {w for w in re.findall(r"[^\W\d_]+", name) if len(w) >= 5 and w[0].isupper()}
    return sorted(w for w in words if re.fullmatch(r"[^\W\d_]+", w))


def hyphenation_latex(words: Iterable[str]) -> str:
    """`\\hyphenation` exceptions with no break point: these words are never hyphenated."""
    listed = " ".join(tex(w) for w in words)
    return (
        "\n% --- print: names and terms never hyphenated (eucasia.assembly.printed) ---\n"
        f"\\hyphenation{{{listed}}}\n"
    )


def hold_amounts(text: str) -> str:
    """Amounts with a no-break space between number and unit: "22 million" never breaks.

    >>> hold_amounts("up to EUR 22 million in 2024") == "up to EUR 22\\u00a0million in 2024"
    True
    """
    return AMOUNT.sub(lambda m: re.sub(r"(?<=\d) (?=[a-z])", "\u00a0", m[0]), text)


#: The actor index's page numbers: every mention of an actor writes its page to the .aux file
#: (at shipout, so the page is the one it lands on); the index prints them, consecutive pages as
#: ranges, each a link to its page; a dash for an actor the text never names in full.
ACTOR_PAGES_LATEX = r"""
% --- print: the pages naming each actor (eucasia.assembly.printed.ACTOR_PAGES_LATEX) ---
\makeatletter
\protected\def\eucasiaactor#1{\ifhmode\protected@write\@auxout{}{\string\eucasiaactorpage{#1}{\the\c@page}}\fi}
\def\eucasia@cs#1#2{\csname eucasia@#1@#2\endcsname}
\def\eucasia@range#1#2{\ifnum#1=#2 \hyperlink{page.#1}{#1}\else\ifnum\numexpr#1+1\relax=#2
  \hyperlink{page.#1}{#1}, \hyperlink{page.#2}{#2}\else
  \hyperlink{page.#1}{#1}\textendash\hyperlink{page.#2}{#2}\fi\fi}
\def\eucasiaactorpage#1#2{%
  \expandafter\ifx\csname eucasia@last@#1\endcsname\relax
    \expandafter\xdef\csname eucasia@list@#1\endcsname{}%
    \expandafter\xdef\csname eucasia@first@#1\endcsname{#2}%
    \expandafter\xdef\csname eucasia@last@#1\endcsname{#2}%
  \else\ifnum#2>\eucasia@cs{last}{#1}\relax
    \ifnum#2=\numexpr\eucasia@cs{last}{#1}+1\relax
      \expandafter\xdef\csname eucasia@last@#1\endcsname{#2}%
    \else
      \expandafter\xdef\csname eucasia@list@#1\endcsname{%
        \unexpanded\expandafter\expandafter\expandafter{\csname eucasia@list@#1\endcsname}%
        \noexpand\eucasia@range{\eucasia@cs{first}{#1}}{\eucasia@cs{last}{#1}}, }%
      \expandafter\xdef\csname eucasia@first@#1\endcsname{#2}%
      \expandafter\xdef\csname eucasia@last@#1\endcsname{#2}%
    \fi\fi\fi}
\newcommand\eucasiaactorpages[1]{\expandafter\ifx\csname eucasia@last@#1\endcsname\relax
  \textendash\else\eucasia@cs{list}{#1}\eucasia@range{\eucasia@cs{first}{#1}}{\eucasia@cs{last}{#1}}\fi}
\makeatother
"""


def actor_pages_cell(actor_id: str) -> str:
    """LaTeX of the index cell listing the pages that name `actor_id`.

    >>> actor_pages_cell("eu")
    '\\\\eucasiaactorpages{eu}'
    """
    if not re.fullmatch(r"[a-z0-9_]+", actor_id):
        raise ValueError(f"actor id {actor_id!r} cannot name a LaTeX macro")
    return rf"\eucasiaactorpages{{{actor_id}}}"


def actor_mark(actor_id: str) -> str:
    """LaTeX after a mention of an actor: records the page for the index (prints nothing)."""
    if not re.fullmatch(r"[a-z0-9_]+", actor_id):
        raise ValueError(f"actor id {actor_id!r} cannot name a LaTeX macro")
    return rf"\eucasiaactor{{{actor_id}}}"


def chapter_reference(label: str, numbered: bool, in_parentheses: bool = False) -> str:
    r"""LaTeX after a reference to a chapter: its number (when numbered) and page, in
    parentheses, or after a comma when the reference already stands in parentheses.

    `label` is the chapter's label as the LaTeX writer sets it (``notebooks/tracker::doc``).

    >>> chapter_reference("book/methods::doc", True)
    ' (chapter~\\ref{\\detokenize{book/methods::doc}}, p.~\\pageref{\\detokenize{book/methods::doc}})'
    >>> chapter_reference("book/how-to-cite::doc", False, in_parentheses=True)
    ', p.~\\pageref{\\detokenize{book/how-to-cite::doc}}'
    """
    ref = rf"\detokenize{{{label}}}"
    where = rf"p.~\pageref{{{ref}}}"
    if numbered:
        where = rf"chapter~\ref{{{ref}}}, {where}"
    return f", {where}" if in_parentheses else f" ({where})"


#: The page of a table or figure after a reference to it, unless the reference stands on the
#: same page: each reference leaves a label of its own, and the two labels' pages are compared
#: (refcount) on the next LaTeX run, as the book's chapter references are resolved.
FLOAT_PAGES_LATEX = r"""
% --- print: references to tables and figures with their page (eucasia.assembly.printed) ---
\usepackage{refcount}
\makeatletter
\newcounter{eucasia@ref}
% #1 before the page, #2 after it, #3 the float's label; nothing when both stand on one page.
\newcommand\eucasiafloatpage[3]{\stepcounter{eucasia@ref}%
  \label{eucasia@ref@\arabic{eucasia@ref}}%
  \edef\eucasia@here{\getpagerefnumber{eucasia@ref@\arabic{eucasia@ref}}}%
  \edef\eucasia@there{\getpagerefnumber{#3}}%
  \ifx\eucasia@here\eucasia@there\else#1p.~\pageref{#3}#2\fi}
\makeatother
"""


def float_reference(label: str, in_parentheses: bool = False) -> str:
    r"""LaTeX after a reference to a table or figure: its page in parentheses (after a comma
    when the reference already stands in parentheses), printed only when the table or figure
    stands on another page (`FLOAT_PAGES_LATEX`).

    `label` is the float's label as the LaTeX writer sets it (``notebooks/overview:tbl-sections``).

    >>> float_reference("notebooks/overview:tbl-sections")
    '\\eucasiafloatpage{ (}{)}{\\detokenize{notebooks/overview:tbl-sections}}'
    >>> float_reference("a:b", in_parentheses=True)
    '\\eucasiafloatpage{, }{}{\\detokenize{a:b}}'
    """
    ref = rf"\detokenize{{{label}}}"
    around = "{, }{}" if in_parentheses else "{ (}{)}"
    return rf"\eucasiafloatpage{around}{{{ref}}}"


_SAFE_URL = re.compile(r"https://[A-Za-z0-9.\-/_]+")


def _url(url: str) -> str:
    r"""A link to `url` that breaks only after a "/" of its path, each piece set whole in a box:
    a reader sees where the address goes on, and never a host or a word cut in two (the
    `\url` of `xurl` breaks anywhere, even after "https:").

    >>> _url("https://doi.org/10.5281/zenodo_1")
    '\\href{https://doi.org/10.5281/zenodo_1}{\\mbox{https://doi.org/}\\allowbreak{}\\mbox{10.5281/}\\allowbreak{}\\mbox{zenodo\\_1}}'
    """
    if not _SAFE_URL.fullmatch(url):
        return tex(url)
    pieces = re.findall(r"https://[^/]*/?|[^/]+/?", url)
    linked = r"\allowbreak{}".join(rf"\mbox{{{tex(p)}}}" for p in pieces)
    return rf"\href{{{url}}}{{{linked}}}"


def _cite_as(edition: Edition, site: str) -> str:
    """The colophon's "Cite as": the book at its web address with the DOI (or that it is not yet
    assigned), as the site's "Cite" controls cite it; the address set as a breakable link.

    >>> from eucasia.assembly.edition import Edition
    >>> print(_cite_as(Edition("1.0", "2026", "T", "", ("A",), "https://github.com/o/r", (), ""),
    ...                "https://o.example/b/"))
    A (2026). T. Version 1.0, 2026. \\href{https://o.example/b/}{\\mbox{https://o.example/}\\allowbreak{}\\mbox{b/}}
    """
    reference = edition.book_reference(site)
    if not site:
        return tex(reference)
    return tex(reference.removesuffix(site)) + _url(site)


def colophon_latex(edition: Edition, root: Path, site: str) -> str:
    """The back of the title page: edition, licences, DOI, where the data and code live and how
    to cite, from `edition.toml`, `LICENSE`, `LICENSE-CONTENT.md` and the
    site's address (`_config.yml`). Nothing here is typed: a missing fact is said missing."""
    content = (root / "LICENSE-CONTENT.md").read_text(encoding="utf-8")
    code = (root / "LICENSE").read_text(encoding="utf-8").splitlines()[0].strip()
    cc_name = re.search(r"\*\*([^*]+)\*\*[^(]*\(([^)]+)\)", content)
    cc_url = re.search(r"<(https://creativecommons\.org/[^>]+)>", content)
    doi_line = (
        f"DOI: {_url('https://doi.org/' + edition.doi)}"
        if edition.doi_minted
        else tex(edition.doi_text()) + "."
    )
    licence = (
        rf"Text, figures and data: {tex(cc_name[1])} ({tex(cc_name[2])}), {_url(cc_url[1])} "
        r"(\texttt{LICENSE\sphinxhyphen{}CONTENT.md}). "
        if cc_name and cc_url
        else ""
    )
    licence += rf"Code: {tex(code)} (\texttt{{LICENSE}})."
    lines = [
        rf"{{\large\bfseries {tex(edition.title)}}}\par\smallskip",
        rf"{tex(edition.subtitle)}\par\bigskip",
        rf"Edition {tex(edition.version)}, {tex(edition.date)}.\par",
        rf"{tex('; '.join(edition.authors))}\par\bigskip",
        rf"\textbf{{Licence.}} {licence}\par\medskip",
        rf"\textbf{{Identifier.}} {doi_line}\par\medskip",
        rf"\textbf{{Data and code.}} The data package (\texttt{{data/}}, described by "
        rf"\texttt{{datapackage.json}}), the notebooks and the code that computes every table, "
        rf"figure and number of this edition: {_url(edition.repository)}.\par\medskip",
        rf"\textbf{{Web edition.}} {_url(site)}\par\medskip",
        rf"\textbf{{Cite as.}} {_cite_as(edition, site)}\par",
    ]
    body = "\n".join(lines)
    return (
        "\n% --- print: the colophon on the back of the title page (eucasia.assembly.printed) ---\n"
        "\\makeatletter\n\\def\\sphinxbackoftitlepage{\\begingroup\\thispagestyle{empty}"
        "\\small\\RaggedRight\\null\\vfill\n"
        f"{body}\n\\endgroup\\clearpage}}\n\\makeatother\n"
    )
