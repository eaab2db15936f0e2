"""The PDF edition works as print: floats near their first mention on pages at least half full,
short tables whole, names and amounts never hyphenated, an index of actors with page numbers,
chapter references with their page, a colophon on the back of the title page.

Each rule is a function over what poppler reports (`pdftotext -layout` per page, page images)
or what LaTeX was given (`book.tex`), proven on a fixture that breaks it, then run on the
built PDF. The LaTeX the rules rest on is `eucasia/assembly/printed.py`.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from harness.commands import run
from harness.paths import BUILD, HTML, ROOT
from test_pdf_layout import (
    AREA,
    IMAGE_DPI,
    TypeArea,
    chapter_starts,
    inked_rows,
    pdf_pages,  # noqa: F401  (a fixture this module uses)
    type_area_from_config,
)

from eucasia.assembly.edition import Edition, read_edition
from eucasia.assembly.printed import KEEP_WHOLE_ROWS, keeps_whole, never_hyphenated

TEX = BUILD / "latex" / "book.tex"
#: How many pages a figure or table may stand after the page that first mentions it: a
#: longtable of several pages may come between.
NEAR = 3


def layout_pages(pdf: Path) -> list[str]:
    """The text of each page, laid out as printed (`pdftotext -layout`)."""
    text = run(["pdftotext", "-layout", str(pdf), "-"]).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


# --- floats: pages at least half full, near the first mention --------------------------------


def ink_span(image: Path, area: TypeArea, dpi: int = IMAGE_DPI) -> float:
    """Share of the text block's height from its first to its last row of ink: a float page
    whose floats are centred or set from the top counts only what they fill."""
    inked, height = inked_rows(image, area, dpi)
    return (inked[-1] - inked[0] + 1) / height if inked else 0.0


def under_half_full(images: list[Path], area: TypeArea, starts: list[int], front: int) -> list[str]:
    """Pages whose ink spans less than half the text block (a float page of one small float, a
    page left short). Exempt as in `half_empty_pages`: the front matter, the last page, the end
    of a chapter (the page before a chapter start, or before the blank page ahead of it)."""
    span = {n: ink_span(image, area) for n, image in enumerate(images, start=1)}
    exempt = set(range(1, front)) | {len(images)}
    for start in starts:
        exempt.add(start - 1)
        if span.get(start - 1) == 0.0:
            exempt.add(start - 2)
    return [
        f"page {n}: ink spans {s:.0%} of the text block"
        for n, s in span.items()
        if n not in exempt and s < 0.5
    ]


_CAPTION = re.compile(r"^\s*(Figure|Table) (\d+\.\d+): ", re.M)


def far_floats(pages: list[str], near: int = NEAR) -> list[str]:
    """Figures and tables set more than `near` pages after the last page before them that
    mentions them (a float set before its first mention counts as near). A chapter may name
    its full lists in its opening summary and set them where it closes: the mention that
    introduces a float is the one just before it."""
    captions = {}
    for n, text in enumerate(pages, start=1):
        for kind, number in _CAPTION.findall(text):
            captions.setdefault(f"{kind} {number}", n)
    found = []
    for name, at in captions.items():
        kind, number = name.split()
        pattern = re.compile(rf"{kind}\s+{re.escape(number)}(?![\d.]*\d)(?!:)")
        mentions = [n for n, text in enumerate(pages, start=1) if pattern.search(text)]
        before = [n for n in mentions if n <= at]
        if before and at - before[-1] > near:
            found.append(f"{name}: mentioned on page {before[-1]}, set on page {at}")
    return found


# --- floats: in number order, within their section ------------------------------------------

AUX = BUILD / "latex" / "book.aux"
_AUX_LABEL = re.compile(
    r"\\newlabel\{(?P<label>[^}]*)\}\{\{(?P<number>\d+\.\d+)\}\{[^}]*\}\{(?P<title>.*?)\}"
    r"\{(?P<kind>table|figure|section)\.[\d.]+\}"
)
_TEX_MARK = re.compile(r"\\(chapter)\b|\\label\{\\detokenize\{([^}]*)\}\}")


def float_sections(aux: str, tex: str) -> tuple[dict[str, str], dict[str, str]]:
    """The sections, number to title (LaTeX's record, `book.aux`), and the section each table
    and figure stands in in the text ("Table 7.14" to "7.5"): the last section label before the
    float's label in `book.tex` (none before a chapter's first section: an unnumbered chapter
    goes on numbering its tables after the chapter before it)."""
    labels = {m["label"]: m for m in _AUX_LABEL.finditer(aux)}
    sections = {m["number"]: m["title"] for m in labels.values() if m["kind"] == "section"}
    in_section: dict[str, str] = {}
    current = None
    for m in _TEX_MARK.finditer(tex):
        if m[1]:
            current = None
            continue
        found = labels.get(m[2])
        if found is None:
            continue
        if found["kind"] == "section":
            current = found["number"]
        elif current is not None:
            in_section.setdefault(f"{found['kind'].title()} {found['number']}", current)
    return sections, in_section


def _positions(pages: list[str], pattern: re.Pattern[str], skip: int) -> dict[str, tuple[int, int]]:
    """The first (page, line) at which each match of `pattern` stands, from page `skip` on."""
    found: dict[str, tuple[int, int]] = {}
    for n, text in enumerate(pages, start=1):
        if n <= skip:
            continue
        for i, line in enumerate(text.split("\n")):
            m = pattern.match(line)
            if m and not re.search(r"\. \. \.", line):
                found.setdefault(" ".join(m.groups()), (n, i))
    return found


def misplaced_floats(
    pages: list[str], sections: dict[str, str], in_section: dict[str, str], contents: int = 6
) -> list[str]:
    """Tables and figures set out of their number order, or after the heading of the section
    that follows theirs (on a later page). Headings and captions are read from the printed
    text (`pages`, after the first `contents` pages); `sections` and `in_section` come from
    `float_sections`."""
    captions = _positions(pages, re.compile(r"\s*(Figure|Table) (\d+\.\d+): "), contents)
    found = []
    for kind in ("Figure", "Table"):
        placed = sorted((at, name) for name, at in captions.items() if name.startswith(kind))
        last: dict[str, tuple[int, str]] = {}
        for (page, _), name in placed:
            chapter, number = (int(x) for x in name.split()[1].split("."))
            before = last.get(str(chapter))
            if before and before[0] > number:
                found.append(f"{name} (page {page}) is set after {before[1]}")
            if not before or before[0] < number:
                last[str(chapter)] = (number, name)
    heading_at = {}
    for number, title in sections.items():
        word = re.match(r"[^\W\d_]+", re.sub(r"\\[a-zA-Z]+\{?\}?", "", title))
        if word:
            pattern = re.compile(rf"\s*({re.escape(number)})\s+({re.escape(word[0])})\b")
            at = _positions(pages, pattern, contents)
            if at:
                heading_at[number] = next(iter(at.values()))[0]
    for name, section in in_section.items():
        chapter, k = section.split(".")
        following = f"{chapter}.{int(k) + 1}"
        if (
            name in captions
            and following in heading_at
            and captions[name][0] > heading_at[following]
        ):
            found.append(
                f"{name} (section {section}) is set on page {captions[name][0]}, after "
                f"section {following} starts on page {heading_at[following]}"
            )
    return found


# --- tables: short ones whole ---------------------------------------------------------------

_CONTINUED = re.compile(r"Table (\d+\.\d+) – continued from previous page")


class _Tables(HTMLParser):
    """Numbered tables of a built HTML page: number -> (widths, body rows of cell texts)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, tuple[list[int], list[list[str]]]] = {}
        self._stack: list[dict] = []
        self._in: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "table":
            self._stack.append({"number": None, "widths": [], "rows": [], "body": False})
        elif not self._stack:
            return
        t = self._stack[-1] if self._stack else None
        if tag == "col" and t is not None:
            m = re.search(r"width:\s*(\d+)%", a.get("style") or "")
            t["widths"].append(int(m[1]) if m else 1)
        elif tag == "tbody" and t is not None:
            t["body"] = True
        elif tag == "tr" and t is not None and t["body"]:
            t["rows"].append([])
        elif tag == "td" and t is not None and t["body"]:
            self._in, self._text = "td", []
        elif tag == "span" and "caption-number" in (a.get("class") or ""):
            self._in, self._text = "number", []

    def handle_endtag(self, tag: str) -> None:
        if not self._stack:
            return
        t = self._stack[-1]
        if tag == "td" and self._in == "td":
            t["rows"][-1].append(" ".join("".join(self._text).split()))
            self._in = None
        elif tag == "span" and self._in == "number":
            m = re.search(r"Table (\d+\.\d+)", "".join(self._text))
            t["number"] = m[1] if m else None
            self._in = None
        elif tag == "table":
            self._stack.pop()
            if t["number"]:
                widths = t["widths"] or [1] * max((len(r) for r in t["rows"]), default=1)
                self.tables[t["number"]] = (widths, t["rows"])

    def handle_data(self, data: str) -> None:
        if self._in:
            self._text.append(data)


def html_tables(pages: list[Path]) -> dict[str, tuple[list[int], list[list[str]]]]:
    """Every numbered table of the site's chapters: its column widths and body rows."""
    tables: dict[str, tuple[list[int], list[list[str]]]] = {}
    for page in pages:
        parser = _Tables()
        parser.feed(page.read_text(encoding="utf-8"))
        tables.update(parser.tables)
    return tables


def split_short_tables(pages: list[str], tables: dict) -> list[str]:
    """Tables continued on a later page that have at most `KEEP_WHOLE_ROWS` rows and are short
    enough for one page (`keeps_whole`): each should have been set whole."""
    found = []
    for number in sorted({m for text in pages for m in _CONTINUED.findall(text)}):
        widths, rows = tables.get(number, ([1], []))
        if rows and keeps_whole(widths, rows):
            found.append(f"Table {number} ({len(rows)} rows) is split across pages")
    return found


# --- tables: no thin run of rows on either side of a break (issue 23, print) ---------------

#: Rows that span this many printed lines are enough on a side of a break, however few
#: (a quarter of a page of detail rows: the book's extension counts heights the same way).
KEPT_LINES = 14


def _row_key(row: list[str]) -> str:
    """What the first line of a printed row starts with: its first cell's first word."""
    words = (row[0] if row else "").split()
    return words[0] if words else ""


def _run_lines(lines: list[str], first: int, last: int) -> int:
    """Printed lines from a row's first line to the end of the run's last row (the lines
    after `last` up to the next blank line)."""
    end = last
    while end + 1 < len(lines) and lines[end + 1].strip() and "continues on" not in lines[end + 1]:
        end += 1
    return end - first + 1


def thin_breaks(pages: list[str], tables: dict) -> list[str]:
    """Broken tables that leave fewer than `rows_kept_together` rows (and fewer than
    `KEPT_LINES` lines of them) before the first break or under the last "continued" head.

    The rows are the site's (`html_tables`): on the page of the caption they are matched from
    the first row on, on the last continued page from the last row back, by the first word each
    row's first line starts with."""
    from eucasia.assembly.printed import rows_kept_together

    found = []
    for number in sorted({m for text in pages for m in _CONTINUED.findall(text)}):
        rows = tables.get(number, ([1], []))[1]
        keys = [_row_key(r) for r in rows]
        if not rows or not all(keys):
            continue
        keep = rows_kept_together(len(rows))
        caption = re.compile(rf"^\s*Table {re.escape(number)}: ", re.M)
        continued = [n for n, t in enumerate(pages) if f"Table {number} – continued" in t]
        starts = [n for n, t in enumerate(pages) if caption.search(t)]
        sides = []
        if starts:
            lines = pages[starts[0]].split("\n")
            at = next(i for i, line in enumerate(lines) if caption.match(line))
            hits = []
            for i in range(at + 1, len(lines)):
                if len(hits) < len(keys) and lines[i].strip().startswith(keys[len(hits)]):
                    hits.append(i)
            sides.append(("before the break", hits, lines))
        if continued:
            lines = pages[continued[-1]].split("\n")
            at = next(i for i, line in enumerate(lines) if f"Table {number} – continued" in line)
            hits = []
            for i in range(len(lines) - 1, at, -1):
                if len(hits) < len(keys) and lines[i].strip().startswith(keys[-1 - len(hits)]):
                    hits.append(i)
            sides.append(("under the last continued head", sorted(hits), lines))
        for where, hits, lines in sides:
            if hits and len(hits) < keep and _run_lines(lines, hits[0], hits[-1]) < KEPT_LINES:
                found.append(f"Table {number}: {len(hits)} of {len(rows)} rows {where}")
    return found


# --- cells: a code never broken at its underscore -------------------------------------------


def underscore_breaks(pages: list[str], codes: set[str]) -> list[str]:
    """A code of the data ('partly_delivered') broken after an underscore at the end of a table
    cell: a line whose cell ends in 'partly_' (before a gap of two spaces or the line's end),
    and a word on the next line that completes a code. Captions and running text (which may
    break there) are left out: a cell's line is indented or has a gap between columns."""
    found = []
    for n, text in enumerate(pages, start=1):
        lines = text.split("\n")
        for i, line in enumerate(lines[:-1]):
            if re.search(r"Table \d+\.\d+(:| –)", line) or not (
                line.startswith("   ") or re.search(r"\S {3,}\S", line)
            ):
                continue
            if i and re.search(r"Table \d+\.\d+:", lines[i - 1]):
                continue  # the second line of a caption
            # (not the end of an address: the bibliography's URLs break anywhere)
            for m in re.finditer(
                r"(?<![\w/.%=?&-])([A-Za-z0-9]+(?:_[A-Za-z0-9]+)*_)(?= {2,}|\s*$)", line
            ):
                for rest in re.findall(r"(?<!\S)([A-Za-z0-9]+)", lines[i + 1]):
                    word = m[1] + rest
                    if any(c == word or c.startswith(word + "_") for c in codes):
                        found.append(f"page {n}: {m[1]} / {rest}")
                        break
    return found


def data_codes(data: Path = ROOT / "data") -> set[str]:
    """Every code with an underscore in the data package's cells (statuses, stances, ids)."""
    import csv

    codes: set[str] = set()
    for path in sorted(data.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.reader(f):
                for cell in row:
                    codes |= set(re.findall(r"[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+", cell))
    return codes


# --- tables: a column of keys no wider than its keys ----------------------------------------

#: Room the key column may have beyond its longest key (or its head's longest word) (points).
TEXT_SLACK = 12.0


def wasted_key_columns(
    tables: list[tuple[list[float], list[str], list[list[str]]]],
) -> list[str]:
    """Tables whose first column (the row's key) is wider than its longest key, set on one line,
    or its head's longest word needs, while another text column wraps: the keys' room is the
    values' (the "What changed" tables gave their key 36% of the line)."""
    from eucasia.assembly.printed import (
        CELL_FONT,
        CELL_PAD,
        HEAD_FONT,
        LINE_WIDTH,
        numeric_column,
        text_width,
    )

    found = []
    for widths, head, rows in tables:
        if len(head) != len(widths) or len(widths) < 2 or not rows:
            continue
        columns = [list(col) for col in zip(*rows, strict=True)]
        room = [w * LINE_WIDTH - CELL_PAD for w in widths]
        wraps = [
            i
            for i, col in enumerate(columns[1:], start=1)
            if not numeric_column(col) and max(text_width(c, CELL_FONT) for c in col) > room[i]
        ]
        head_word = max((text_width(w, HEAD_FONT) for w in head[0].split()[-1:]), default=0.0)
        need = max(max(text_width(c, CELL_FONT) for c in columns[0]), head_word)
        if wraps and room[0] > need + TEXT_SLACK:
            found.append(
                f"column {head[0].split()[-1]!r}: {room[0]:.0f} pt wide, its longest key needs "
                f"{need:.0f} pt, and column {head[wraps[0]]!r} wraps"
            )
    return found


def chapter_tex(tex: str, docname: str) -> str:
    """The part of `book.tex` that holds the chapter `docname` (up to the next chapter)."""
    label = rf"\label{{\detokenize{{{docname}::doc}}}}"
    start = tex.index(label)
    following = re.compile(r"\\label\{\\detokenize\{[^}]*::doc\}\}").search(tex, start + len(label))
    return tex[start : following.start() if following else len(tex)]


# --- hyphenation: names and amounts whole ---------------------------------------------------


def broken_words(
    pages: list[str], words: list[str], own: frozenset[str] = frozenset()
) -> list[str]:
    """A listed word hyphenated at a line end ('Tajik-' / 'istan'), or an amount's number and
    unit on two lines ('EUR 22' / 'million'), in the laid-out text of each page: the rest of the
    word is looked for at the same column of the next line (tables) or at its start (prose).
    A break at a hyphen the name itself has (`own`: 'Co-operation') is a line break, not a
    hyphenation."""
    found = []
    listed = set(words)
    for n, text in enumerate(pages, start=1):
        lines = text.split("\n")
        for i, line in enumerate(lines[:-1]):
            below = lines[i + 1]
            for m in re.finditer(r"([^\W\d_]{2,})-(?=\s{2,}|\s*$)", line):
                rests = [re.match(r"\s*([^\W\d_]+)", b) for b in _next_cell(below, m.start(1))]
                for rest in (
                    r for r in rests if r and m[1] + r[1] in listed and f"{m[1]}-{r[1]}" not in own
                ):
                    found.append(f"page {n}: {m[1]}-/{rest[1]}")
                    break
            for m in re.finditer(r"(?:EUR|USD) [\d.,]+(?=\s{2,}|\s*$)", line):
                units = [
                    re.match(r"\s*(million|billion)\b", b) for b in _next_cell(below, m.start())
                ]
                unit = next((u for u in units if u), None)
                if unit:
                    found.append(f"page {n}: {m[0]}/{unit[1]}")
    return found


def _next_cell(below: str, column: int) -> list[str]:
    """Where a word broken at `column` goes on: the same column of the next line (a table
    cell), or the start of the next line (prose)."""
    return [below[max(0, column - 2) :], below]


def listed_words() -> tuple[list[str], frozenset[str]]:
    """The words the book never hyphenates (names of actors and states, and its terms), and
    the hyphenated words of those names ('Co-operation')."""
    from eucasia.data import load_tables

    tables = load_tables(["actors", "countries"], data_dir=ROOT / "data")
    names = [*tables["actors"]["name"], *tables["countries"]["name"]]
    own = frozenset(w for n in names for w in re.findall(r"\w+(?:-\w+)+", n))
    return never_hyphenated(names), own


# --- the index of actors --------------------------------------------------------------------


def index_pages(pages: list[str]) -> list[str]:
    """The pages of the index of actors: from its title to the next chapter."""
    out, inside = [], False
    for text in pages:
        head = text.lstrip()[:200]
        if "INDEX OF ACTORS" in head:
            inside = True
        elif inside and re.match(r"[A-Z][A-Z ]{5,}\n", head) and "Index of actors" not in text:
            break
        if inside:
            out.append(text)
    return out


def index_without_pages(pages: list[str], actors: int) -> list[str]:
    """Problems of the printed index: a numbered caption, a row (an actor: a number in the
    items column) with nothing in the pages column, or fewer rows than actors."""
    problems = [f"numbered like a table: {m[0]!r}" for t in pages for m in _CAPTION.finditer(t)]
    rows = 0
    for n, text in enumerate(pages, start=1):
        if not text.strip():
            continue
        lines = text.split("\n")
        header = next((line for line in lines if re.search(r"\bitems\b.*\bpages\b", line)), None)
        if header is None:
            problems.append(f"index page {n}: no column of pages")
            continue
        items, at = header.index("items"), header.index("pages")
        for line in lines[lines.index(header) + 1 :]:
            if not re.match(r"\s*\d+\b", line[items - 2 : items + 8]):
                continue
            rows += 1
            cell = line[at - 3 :].strip()
            if not re.match(r"(\d+|–)", cell):
                name = re.split(r"\s{2,}", line[:items].strip())[0]
                problems.append(f"index page {n}: no pages for {name!r}")
    if rows < actors:
        problems.append(f"{rows} rows of actors found, the data has {actors}")
    return problems


def unnamed_strand_columns(pages: list[str], titles: list[str]) -> list[str]:
    """Problems of the printed index's head, on each of its pages: a strand's column headed by
    a number ("strand 1", which sent a reader to the caption's key; pdftotext sets the number
    under the word) or without every word of
    the strand's title (the chapters' name for it), whole, not hyphenated."""
    problems = []
    for n, text in enumerate(pages, start=1):
        lines = text.split("\n")
        at = next(
            (i for i, line in enumerate(lines) if re.search(r"\bitems\b.*\bpages\b", line)), None
        )
        if at is None:
            continue
        items = lines[at].index("items")
        head = [lines[at]]
        for line in lines[at + 1 :]:
            if re.match(r"\s*\d+\b", line[items - 2 : items + 8]):
                break
            head.append(line)
        words = set(re.findall(r"[\w-]+", " ".join(head)))
        if "strand" in words:  # "strand" over its number, which may wrap to the next line
            problems.append(f"index page {n}: a column is headed 'strand' and a number")
        for title in titles:
            missing = [w for w in title.split() if w not in words]
            if missing:
                problems.append(f"index page {n}: no column headed {title!r} (missing {missing})")
    return problems


# --- chapter references ---------------------------------------------------------------------

_DOC_REF = re.compile(r"\\hyperref\[\\detokenize\{([^}]+)::doc\}\]\{")


def _after_group(tex: str, start: int) -> int:
    """The index after the brace group opened just before `start`."""
    depth = 1
    i = start
    while depth and i < len(tex):
        depth += {"{": 1, "}": -1}.get(tex[i], 0) if tex[i - 1] != "\\" else 0
        i += 1
    return i


def chapter_refs_without_page(tex: str) -> list[str]:
    """References to a chapter in the LaTeX that are not followed by its page."""
    found = []
    for m in _DOC_REF.finditer(tex):
        end = _after_group(tex, m.end())
        following = tex[end : end + 160]
        if rf"\pageref{{\detokenize{{{m[1]}::doc}}}}" not in following.split("\n")[0]:
            found.append(f"{m[1]}: …{tex[m.start() : end + 40]!r}")
    return found


_TOC_LINE = re.compile(r"^\s*(?:\d+\s+)?([A-Z][^\n.]*?)\s*(?:\. )*\.?\s+(\d+)\s*$", re.M)


def wrong_chapter_pages(pages: list[str], tex: str) -> list[str]:
    """Printed chapter references whose page differs from the chapter's page in the contents,
    or that print no page at all ('??')."""
    contents = {}
    for text in pages[:6]:
        for title, page in _TOC_LINE.findall(text):
            contents.setdefault(" ".join(title.split()), int(page))
    body = " ".join(" ".join(t.split()) for t in pages[6:])
    found = [f"undefined page: …{m[0]}…" for m in re.finditer(r".{40}p\. \?\?", body)]
    for m in re.finditer(r"(?:\(chapter (\d+), |, |\()p\. (\d+)\)?", body):
        before = body[max(0, m.start() - 80) : m.start()].rstrip()
        for title, page in contents.items():
            if before.endswith(title) and page != int(m[2]):
                found.append(f"{title}: printed p. {m[2]}, the contents say {page}")
    return found


# --- references to tables and figures --------------------------------------------------------

_FLOAT_REF = re.compile(
    r"\\hyperref\[\\detokenize\{(?P<label>[^}]+)\}\]\{(?:Table|Figure) \\ref\{\\detokenize\{(?P=label)\}\}\}"
)


def float_refs_without_page(tex: str) -> list[str]:
    """References to a table or figure in the LaTeX's running text (not in a caption, which
    the list of tables repeats) that are not followed by the macro that prints its page."""
    found = []
    for line in tex.split("\n"):
        if line.lstrip().startswith(("\\sphinxcaption", "\\caption")):
            continue
        for m in _FLOAT_REF.finditer(line):
            if not line[m.end() :].startswith("\\eucasiafloatpage"):
                found.append(f"{m['label']}: …{line[m.start() : m.end() + 40]}")
    return found


def _folio(page: str) -> str | None:
    """The page number printed at the foot of a laid-out page (left or right of its line)."""
    lines = [line for line in page.split("\n") if line.strip()]
    if not lines:
        return None
    m = re.match(r"\s*(\d+)\s{2,}", lines[-1]) or re.search(r"\s{2,}(\d+)\s*$", lines[-1])
    return m[1] if m else None


def wrong_float_pages(pages: list[str]) -> list[str]:
    """Printed references 'Table 7.14 (p. 161)' or ', p. 161' whose page is not the one the
    table's caption stands on, or that print an undefined page ('??')."""
    captions = {}
    for text in pages:
        for kind, number in _CAPTION.findall(text):
            captions.setdefault(f"{kind} {number}", _folio(text))
    found = []
    for n, text in enumerate(pages, start=1):
        flat = " ".join(text.split())
        for m in re.finditer(r"(Table|Figure) (\d+\.\d+)(?: \(|, )p\. (\d+|\?\?)", flat):
            where = captions.get(f"{m[1]} {m[2]}")
            if m[3] == "??" or (where is not None and where != m[3]):
                found.append(f"page {n}: {m[0]!r}, the caption stands on page {where}")
    return found


# --- the colophon ---------------------------------------------------------------------------


def urls_broken_mid_piece(page: str, urls: list[str]) -> list[str]:
    """Each of `urls` on the laid-out `page` broken across lines anywhere but right after a
    "/" (a host or a word cut in two: 'creativeco' / 'mmons.org'), or not found whole."""
    lines = [line.strip() for line in page.split("\n") if line.strip()]
    text = "\n".join(lines)
    found = []
    for url in urls:
        pattern = "\n?".join(re.escape(ch) for ch in url)
        matches = list(re.finditer(pattern, text))
        if not matches:
            found.append(f"{url}: not found")
        for m in matches:
            for at in (i for i, ch in enumerate(m[0]) if ch == "\n"):
                if m[0][at - 1] != "/":
                    found.append(f"{url}: broken as {m[0][:at]!r} / {m[0][at + 1 :]!r}")
    return found


# --- column widths: numbers no wider than they need -------------------------------------------

_TABLE = re.compile(
    r"\\begin\{(tabular|longtable)\}(?:\[[^\]]*\])?\{((?:\\X\{\d+\}\{\d+\})+)\}(.*?)\\end\{\1\}",
    re.S,
)


def _cell_text(cell: str) -> str:
    text = re.sub(r"\\(?:eucasiaactor|label|hyperlink)\{[^}]*\}", "", cell)
    text = re.sub(r"\\[a-zA-Z@]+\*?(?:=\d+)?", " ", text)
    return " ".join(re.sub(r"[{}]", "", text).split())


def tables_in_tex(tex: str) -> list[tuple[list[float], list[str], list[list[str]]]]:
    """Each table Sphinx wrote with column widths (`\\X{a}{b}`): its widths as shares of the
    line, its head cells and its body rows (cell texts, LaTeX taken out)."""
    tables = []
    for m in _TABLE.finditer(tex):
        widths = [int(a) / int(b) for a, b in re.findall(r"\\X\{(\d+)\}\{(\d+)\}", m[2])]
        body = m[3]
        if m[1] == "longtable":
            body = body.split("\\endlastfoot", 1)[-1]
            head_part = m[3].split("\\endfirsthead", 1)[0]
        else:
            head_part, _, body = body.partition("\\sphinxmidrule")
        head_rows = [r for r in re.split(r"\\\\\s*\n", head_part) if "&" in r]
        head = [_cell_text(c) for c in head_rows[-1].split("\n&")] if head_rows else []
        rows = [
            [_cell_text(c) for c in row.split("\n&")]
            for row in re.split(r"\\\\\s*\n", body)
            if row.count("\n&") == len(widths) - 1
        ]
        tables.append((widths, head, rows))
    return tables


#: Room a column of numbers may have beyond its widest value or head (points).
NUMBER_SLACK = 6.0


def wasted_number_columns(
    tables: list[tuple[list[float], list[str], list[list[str]]]],
) -> list[str]:
    """Tables in which a column of numbers is wider than its widest value (and its head, set on
    two lines at most) needs, while a text column wraps: the numbers' room is the names'."""
    from eucasia.assembly.printed import (
        CELL_FONT,
        CELL_PAD,
        LINE_WIDTH,
        head_width,
        numeric_column,
        text_width,
    )

    found = []
    for widths, head, rows in tables:
        if len(head) != len(widths) or not rows:
            continue
        columns = [list(col) for col in zip(*rows, strict=True)]
        room = [w * LINE_WIDTH - CELL_PAD for w in widths]
        wraps = any(
            text_width(cell, CELL_FONT) > room[i]
            for i, col in enumerate(columns)
            if not numeric_column(col)
            for cell in col
        )
        for i, col in enumerate(columns):
            if not numeric_column(col):
                continue
            need = max(max(text_width(c, CELL_FONT) for c in col), head_width(head[i]))
            if wraps and room[i] > need + NUMBER_SLACK:
                found.append(
                    f"{head[0]!r}…: column {head[i]!r} is {room[i]:.0f} pt wide, its numbers "
                    f"need {need:.0f} pt, and a text column wraps"
                )
    return found


# --- the colophon ---------------------------------------------------------------------------


def colophon_missing(page_two: str, root: Path = ROOT) -> list[str]:
    """What the back of the title page lacks: the edition, its date, the licences, a DOI line,
    where the data and code live."""
    edition = read_edition()
    text = " ".join(page_two.split())
    wanted = {
        "edition": f"Edition {edition.version}",
        "date": edition.date,
        "licence of text and data": "CC BY 4.0",
        "licence of code": "MIT",
        "DOI": "DOI",
        "repository": edition.repository.removeprefix("https://")[:30],
        "data package": "datapackage.json",
    }
    squeezed = "".join(page_two.split())  # an address may break over lines after a slash
    return [
        f"{what}: {needle!r}"
        for what, needle in wanted.items()
        if needle not in text and "".join(needle.split()) not in squeezed
    ]


def cite_as_problems(page_two: str, edition: Edition, site: str) -> list[str]:
    """The colophon's "Cite as" cites the book as the site's "Cite" controls do: its web
    address and the edition's DOI (or that it is not assigned yet), not the repository, which
    the colophon gives as "Data and code". It used to end with the repository's URL."""
    text = " ".join(page_two.split())
    found = re.search(r"Cite as\.(.*)", text)
    if not found:
        return ["no 'Cite as' in the colophon"]
    cited = "".join(found[1].split())  # an address may break over lines
    problems = [
        f"'Cite as' lacks {what}: {needle!r}"
        for what, needle in (("the book's address", site), ("the DOI", edition.doi_text()))
        if "".join(needle.split()) not in cited
    ]
    if edition.repository.removeprefix("https://") in cited:
        problems.append(f"'Cite as' cites the repository {edition.repository}")
    return problems


# === the checks catch what they are meant to catch (fixtures) ===============================


def _image(tmp_path: Path, name: str, top: float, bottom: float) -> Path:
    from PIL import Image, ImageDraw

    scale = IMAGE_DPI / 72
    size = (round(595.28 * scale), round(841.89 * scale))
    im = Image.new("RGB", size, "white")
    height = size[1] - 2 * AREA.vmargin * scale
    if bottom > top:
        y0 = AREA.vmargin * scale + top * height
        y1 = AREA.vmargin * scale + bottom * height - 1
        ImageDraw.Draw(im).rectangle((AREA.hmargin * scale, y0, 300, y1), fill="black")
    im.save(tmp_path / name)
    return tmp_path / name


def test_float_page_under_half_full_is_caught(tmp_path: Path) -> None:
    full = _image(tmp_path, "1.png", 0.0, 0.95)
    centred = _image(tmp_path, "2.png", 0.35, 0.7)  # one float, centred on its page
    top = _image(tmp_path, "3.png", 0.0, 0.4)  # one float, set from the top
    last = _image(tmp_path, "4.png", 0.0, 0.9)
    found = under_half_full([full, centred, top, last], AREA, [], 1)
    assert [f.split(":")[0] for f in found] == ["page 2", "page 3"], found
    assert under_half_full([full, full, full, last], AREA, [], 1) == []


def test_float_far_from_its_mention_is_caught() -> None:
    pages = ["see Figure 1.1 and Table 1.1.", "text", "Table 1.1: Near.", "x", "y", "z"]
    assert far_floats(pages + ["Figure 1.1: Far away."]) == [
        "Figure 1.1: mentioned on page 1, set on page 7"
    ]
    assert far_floats(pages[:-1] + ["as Figure 1.1 shows", "Figure 1.1: After it."]) == []
    assert far_floats(["Figure 1.1: Before its mention.", "as Figure 1.1 shows"]) == []
    wrapped = ["see Figure 1.1.", "x", "y", "z", "as Figure\n1.1 shows", "Figure 1.1: Here."]
    assert far_floats(wrapped) == [], "a mention broken across lines counts"


def test_short_table_split_across_pages_is_caught() -> None:
    short = ([50, 50], [["a", "b"]] * 10)
    long = ([50, 50], [["a", "b"]] * (KEEP_WHOLE_ROWS + 5))
    tall = ([50, 50], [["word " * 300, "b"]] * 4)
    tables = {"1.1": short, "1.2": long, "6.1": tall}
    pages = [
        "Table 1.1: Short.\n",
        "Table 1.1 – continued from previous page\nTable 1.2 – continued from previous page",
        "Table 6.1 – continued from previous page",
    ]
    assert split_short_tables(pages, tables) == ["Table 1.1 (10 rows) is split across pages"]


def test_thin_run_of_rows_at_a_break_is_caught() -> None:
    rows = [[f"Actor {i}", "type", "1"] for i in range(18)]
    head = "actor     type     items\n"
    first = "Table 2.4: Actors.\n" + head + "".join(f"Actor {i}   type   1\n" for i in range(16))
    # as printed before: two rows under the "continued" head (Table 2.4, printed page 18)
    thin = (
        "Table 2.4 – continued from previous page\n"
        + head
        + "Actor 16  type  1\nActor 17  type  1\n"
    )
    found = thin_breaks([first, thin], {"2.4": ([1, 1, 1], rows)})
    assert found == ["Table 2.4: 2 of 18 rows under the last continued head"], found
    # four rows (a fifth of 18) pass, and so do two rows that fill a quarter page
    first = "Table 2.4: Actors.\n" + head + "".join(f"Actor {i}   type   1\n" for i in range(14))
    kept = (
        "Table 2.4 – continued from previous page\n"
        + head
        + "".join(f"Actor {i}  type  1\n" for i in range(14, 18))
    )
    assert thin_breaks([first, kept], {"2.4": ([1, 1, 1], rows)}) == []
    tall = (
        "Table 2.4 – continued from previous page\n"
        + head
        + ("Actor 16  type  1\n" + "   more\n" * 8 + "Actor 17  type  1\n" + "   more\n" * 8)
    )
    first = "Table 2.4: Actors.\n" + head + "".join(f"Actor {i}   type   1\n" for i in range(16))
    assert thin_breaks([first, tall], {"2.4": ([1, 1, 1], rows)}) == []
    # two rows before the first break are caught too
    start = "Table 2.4: Actors.\n" + head + "Actor 0  type  1\nActor 1  type  1\n"
    rest = (
        "Table 2.4 – continued from previous page\n"
        + head
        + "".join(f"Actor {i}  type  1\n" for i in range(2, 18))
    )
    assert thin_breaks([start, rest], {"2.4": ([1, 1, 1], rows)}) == [
        "Table 2.4: 2 of 18 rows before the break"
    ]


def test_code_broken_at_its_underscore_is_caught() -> None:
    codes = {"partly_delivered", "under_way", "education_research_programme"}
    page = (
        "1.3-SI-05      status      0.2.0      partly_\n"
        "                                      delivered\n"
        "2.1-SI-01      note        now        lack evidence, partly_   x\n"
        "                                      delivered rather than\n"
        "status   string   yes   funding, education_research_\n"
        "                        programme, dialogue\n"
    )
    found = underscore_breaks([page], codes)
    assert found == [
        "page 1: partly_ / delivered",
        "page 1: partly_ / delivered",
        "page 1: education_research_ / programme",
    ], found
    # kept whole, or broken in running text or a caption, passes
    fine = (
        "1.3-SI-05      status      0.2.0      partly_delivered\n"
        "Running text of a chapter that ends its line at the word implementation_\n"
        "evidence and goes on.\n"
        "             Table 9.33: Columns of the table implementation_status (partly_\n"
        "                           delivered.csv)\n"
    )
    assert underscore_breaks([fine], codes | {"implementation_evidence"}) == []


def tabular_tex(spec: str, cells: list[list[str]]) -> str:
    """A table as Sphinx writes it for print, its first row the head (a fixture for the
    column-width checks)."""
    head, *rows = ("\n&".join(r"\sphinxAtStartPar" "\n" + c for c in r) for r in cells)
    body = "\\\\\n\\sphinxhline\n".join(rows)
    return (
        rf"\begin{{tabular}}[t]{{{spec}}}"
        "\n\\sphinxtoprule\n" + head + "\\\\\n"
        "\\sphinxmidrule\n" + body + "\\\\\n\\sphinxbottomrule\n\\end{tabular}"
    )


def test_key_column_wider_than_its_keys_is_caught() -> None:
    from eucasia.assembly.printed import fit_columns

    def table(widths: list[int]) -> str:
        spec = "".join(rf"\X{{{w}}}{{1000}}" for w in widths)
        value = "a value that the data holds as a long sentence of words " * 3
        cells = [
            ["row", "field", "value"],
            ["1.3-SI-05", "status", value],
            ["2.1-SI-01", "note", value],
        ]
        return tabular_tex(spec, cells)

    # the changes chapter's corrections as they were: the key given 36% of the line
    wasteful = tables_in_tex(table([360, 80, 560]))
    found = wasted_key_columns(wasteful)
    assert len(found) == 1 and "'row'" in found[0] and "'value'" in found[0], found
    fitted = fit_columns(
        [360, 80, 560],
        ["row", "field", "value"],
        [[r[i] for r in wasteful[0][2]] for i in range(3)],
    )
    assert fitted[0] < 200 and fitted[2] > 600, fitted
    assert wasted_key_columns(tables_in_tex(table(fitted))) == []


def test_html_tables_are_read_with_their_rows() -> None:
    page = (
        '<table><caption><span class="caption-number">Table 6.1 </span>x</caption>'
        '<colgroup><col style="width: 30%"><col style="width: 70%"></colgroup>'
        "<thead><tr><th>a</th><th>b</th></tr></thead>"
        "<tbody><tr><td>EUR 22 <b>million</b></td><td>y</td></tr></tbody></table>"
    )
    parser = _Tables()
    parser.feed(page)
    assert parser.tables == {"6.1": ([30, 70], [["EUR 22 million", "y"]])}


def test_hyphenated_name_or_amount_is_caught() -> None:
    pages = [
        "EU–Tajikistan bilateral pro-   2011–    Tajik-     EUR 128 mil-   [84]\n"
        "gramme                         2020     istan              lion\n"
        "in the prose of Kaza-\n"
        "khstan and a Trans-\n"
        "Caspian corridor; funds of EUR 22\n"
        "million.\n"
    ]
    found = broken_words(pages, ["Kazakhstan", "Tajikistan", "million"])
    assert found == [
        "page 1: Tajik-/istan",
        "page 1: mil-/lion",
        "page 1: Kaza-/khstan",
        "page 1: EUR 22/million",
    ], found
    assert broken_words(["a pro-\ngramme for Tajikistan, EUR 22 million"], ["Tajikistan"]) == []
    own_hyphen = ["Security and Co-\noperation in Europe"]
    assert broken_words(own_hyphen, ["Cooperation"]) == ["page 1: Co-/operation"]
    assert broken_words(own_hyphen, ["Cooperation"], frozenset({"Co-operation"})) == []


def test_actor_index_without_pages_is_caught() -> None:
    header = "actor             type        items   strand 1   evidence   pages\n"
    good = header + (
        "European Union    EU          110     70 (1)     145        3, 9–11\n"
        "                  institution\n"
        "Council of the    EU          0                  3          –\n"
    )
    assert index_without_pages([good], 2) == []
    missing = header + (
        "European Union    EU          110     70 (1)     145\n"
        "Council of the    EU          0                  3          –\n"
    )
    assert index_without_pages([missing], 2) == ["index page 1: no pages for 'European Union'"]
    old = "Table 9.32: Every actor in the data.\nactor  type  items  evidence\n"
    found = index_without_pages([old], 61)
    assert found[0].startswith("numbered like a table") and "no column of pages" in found[1]


def unindexed_actors(
    body: list[str], recorded: set[str], actors: list[tuple[str, str]], least: int = 3
) -> list[str]:
    """Actors (id, name) whose name, or its form without a trailing parenthesis ("Kyrgyzstan"
    for "Kyrgyzstan (Kyrgyz Republic)"), is printed on at least `least` pages of `body` while
    the index of actors records no page for them (`recorded`: ids with a page). A few pages
    are allowed: headings and captions are not indexed."""
    found = []
    for actor_id, name in actors:
        if actor_id in recorded:
            continue
        short = name.split(" (")[0]
        named = re.compile(rf"(?<![\w-]){re.escape(short)}(?![\w-])")
        pages = sum(1 for text in body if named.search(" ".join(text.split())))
        if pages >= least:
            found.append(f"{name!r} is named on {pages} pages but the index gives none")
    return found


def test_an_actor_named_in_the_text_but_not_indexed_is_caught() -> None:
    body = ["Kyrgyzstan and\n  Kazakhstan signed", "Kyrgyzstan", "the Kyrgyzstan EPCA", "x"]
    actors = [("kgz", "Kyrgyzstan (Kyrgyz Republic)"), ("kaz", "Kazakhstan")]
    assert unindexed_actors(body, {"kaz"}, actors) == [
        "'Kyrgyzstan (Kyrgyz Republic)' is named on 3 pages but the index gives none"
    ]
    assert unindexed_actors(body, {"kaz", "kgz"}, actors) == []
    assert unindexed_actors(body[:2], {"kaz"}, actors) == []  # two pages: a heading, a caption


def test_actor_index_strand_numbers_are_caught() -> None:
    titles = ["Partnering for Resilience", "Working Better Together"]
    old = (
        "actor              type     items   strand   strand   evi-     pages\n"
        "                                    1        3        dence\n"
        "European Union     EU       110     70 (1)   39 (1)   408      7, 13\n"
    )
    found = unnamed_strand_columns([old], titles)
    assert found[0] == "index page 1: a column is headed 'strand' and a number", found
    assert len(found) == 3, found  # and neither title is there
    named = (
        "actor              type     items   Partnering   Working    evidence   pages\n"
        "                                    for Resi-    Better\n"
        "                                    lience       Together\n"
        "European Union     EU       110     70 (1)       39 (1)     408        7, 13\n"
    )
    assert unnamed_strand_columns([named], titles) == [
        "index page 1: no column headed 'Partnering for Resilience' (missing ['Resilience'])"
    ]
    whole = named.replace("lience ", "       ").replace("Resi-", "Resilience")
    assert unnamed_strand_columns([whole], titles) == []


def test_chapter_reference_without_page_is_caught() -> None:
    good = (
        r"see {\hyperref[\detokenize{book/methods::doc}]{\sphinxcrossref{\DUrole{doc}{Methods}}}}"
        r" (chapter~\ref{\detokenize{book/methods::doc}}, p.~\pageref{\detokenize{book/methods::doc}})."
    )
    bad = r"(see {\hyperref[\detokenize{book/how-to-cite::doc}]{\sphinxcrossref{\DUrole{doc}{How to cite}}}})."
    assert chapter_refs_without_page(good) == []
    found = chapter_refs_without_page(good + "\n" + bad)
    assert len(found) == 1 and found[0].startswith("book/how-to-cite"), found


def test_printed_chapter_page_is_checked_against_the_contents() -> None:
    contents = (
        "CONTENTS\n8 Methods                                  103\nHow to cite          127\n"
    )
    pages = [contents, "", "", "", "", ""]
    good = pages + ["set out in Methods (chapter 8, p. 103) and (see How to cite, p. 127)."]
    assert wrong_chapter_pages(good, "") == []
    bad = pages + ["set out in Methods (chapter 8, p. 99); see How to cite (p. ??)."]
    found = wrong_chapter_pages(bad, "")
    assert any("Methods: printed p. 99" in f for f in found), found
    assert any("undefined page" in f for f in found), found


def test_float_out_of_order_or_past_the_next_section_is_caught() -> None:
    aux = (
        r"\newlabel{c:a}{{4.6}{50}{Open questions}{section.4.6}{}}"
        "\n"
        r"\newlabel{c:b}{{4.7}{51}{The full lists}{section.4.7}{}}"
        "\n"
        r"\newlabel{c:t7}{{4.7}{53}{x}{table.4.7}{}}"
        "\n"
        r"\newlabel{c:t8}{{4.8}{52}{y}{table.4.8}{}}"
        "\n"
        r"\newlabel{c:f1}{{4.1}{53}{z}{figure.4.1}{}}"
    )
    tex = (
        r"\chapter{W}\section{Open questions}\label{\detokenize{c:a}}"
        r"\begin{figure}\caption{z}\label{\detokenize{c:f1}}\end{figure}"
        r"\section{The full lists}\label{\detokenize{c:b}}"
        r"\sphinxcaption{x}\label{\detokenize{c:t7}} \caption{y}\label{\detokenize{c:t8}}"
    )
    sections, in_section = float_sections(aux, tex)
    assert sections == {"4.6": "Open questions", "4.7": "The full lists"}
    assert in_section == {"Figure 4.1": "4.6", "Table 4.7": "4.7", "Table 4.8": "4.7"}
    contents = ["4.6 Open questions . . . . 50\n4.7 The full lists . . . . 51"]
    pages = contents + [
        "4.6 Open questions\ntext\n4.7 The full lists\nTable 4.8: y\n",
        "Table 4.7: x\nFigure 4.1: z\n",
    ]
    found = misplaced_floats(pages, sections, in_section, contents=1)
    assert found == [
        "Table 4.7 (page 3) is set after Table 4.8",
        "Figure 4.1 (section 4.6) is set on page 3, after section 4.7 starts on page 2",
    ], found
    good = contents + [
        "4.6 Open questions\nFigure 4.1: z\n4.7 The full lists\nTable 4.7: x\n",
        "Table 4.8: y\n",
    ]
    assert misplaced_floats(good, sections, in_section, contents=1) == []


def test_reference_to_a_table_without_its_page_is_caught() -> None:
    ref = r"\hyperref[\detokenize{a:t}]{Table \ref{\detokenize{a:t}}}"
    good = ref + r"\eucasiafloatpage{ (}{)}{\detokenize{a:t}} shows"
    caption = r"\sphinxcaption{as in " + ref + "}"
    assert float_refs_without_page(good + "\n" + caption) == []
    found = float_refs_without_page(good + "\n" + ref.replace("Table", "Figure") + " shows")
    assert len(found) == 1, found
    bad = ref + " shows"
    assert len(float_refs_without_page(good + "\n" + bad)) == 1
    pages = [
        "Table 2.3 (p. 17) and Figure 2.1, p. 9\n\n16     Chapter 2",
        "Table 2.3: Communities.\n\n        17",
        "Figure 2.1: Network.\n\n10    Chapter 2",
        "see Table 2.3 (p. ??)\n\n 11",
    ]
    assert wrong_float_pages(pages) == [
        "page 1: 'Figure 2.1, p. 9', the caption stands on page 10",
        "page 4: 'Table 2.3 (p. ??', the caption stands on page 17",
    ]


def test_url_broken_mid_word_in_the_colophon_is_caught() -> None:
    urls = ["https://creativecommons.org/licenses/by/4.0/legalcode"]
    bad = "Licence: CC BY 4.0, https://creativeco\nmmons.org/licenses/by/4.0/legalcode (LICENSE)."
    assert urls_broken_mid_piece(bad, urls) == [
        f"{urls[0]}: broken as 'https://creativeco' / 'mmons.org/licenses/by/4.0/legalcode'"
    ]
    good = (
        "Licence: CC BY 4.0, https://creativecommons.org/\n  licenses/by/4.0/legalcode (LICENSE)."
    )
    assert urls_broken_mid_piece(good, urls) == []
    assert urls_broken_mid_piece("no address", urls) == [f"{urls[0]}: not found"]


def test_column_of_numbers_wider_than_it_needs_is_caught() -> None:
    def table(widths: list[int]) -> str:
        spec = "".join(rf"\X{{{w}}}{{1000}}" for w in widths)
        cells = [
            ["actor", "type", "betweenness"],
            ["Organisation for Security and Co-operation in Europe", "International", "0.79"],
            ["European Union", "EU institution", "0.10"],
        ]
        return tabular_tex(spec, cells)

    wasteful = tables_in_tex(table([300, 300, 400]))
    assert wasteful[0][1] == ["actor", "type", "betweenness"]
    assert wasteful[0][2][1] == ["European Union", "EU institution", "0.10"]
    found = wasted_number_columns(wasteful)
    assert len(found) == 1 and "'betweenness'" in found[0], found
    from eucasia.assembly.printed import fit_columns

    fitted = fit_columns(
        [300, 300, 400],
        ["actor", "type", "betweenness"],
        [[r[0] for r in wasteful[0][2]], [r[1] for r in wasteful[0][2]], ["0.79", "0.10"]],
    )
    assert fitted[2] < 120 and fitted[0] > 300, fitted
    assert wasted_number_columns(tables_in_tex(table(fitted))) == []


def test_missing_colophon_is_caught() -> None:
    assert len(colophon_missing("")) == 7
    edition = read_edition()
    page = (
        f"Edition {edition.version}, {edition.date}. Licence: CC BY 4.0; code MIT. DOI: none. "
        f"{edition.repository} data/ datapackage.json"
    )
    assert colophon_missing(page) == []


def test_print_rules_examples_run() -> None:
    import doctest

    from eucasia.assembly import printed

    result = doctest.testmod(printed)
    assert result.attempted >= 10 and not result.failed, result


def test_colophon_escapes_what_it_is_fed(tmp_path: Path) -> None:
    import dataclasses

    from eucasia.assembly.printed import colophon_latex

    for name in ("CITATION.cff", "LICENSE", "LICENSE-CONTENT.md"):
        (tmp_path / name).write_text((ROOT / name).read_text(encoding="utf-8"), encoding="utf-8")
    hostile = dataclasses.replace(
        read_edition(), title=r"R&D at 100% {x} \input{/etc/passwd} #1 ~ ^", version="1.0_rc"
    )
    latex = colophon_latex(hostile, tmp_path, "https://example.org/x")
    assert r"R\&D at 100\% \{x\} \textbackslash{}input\{/etc/passwd\} \#1" in latex
    assert r"\input{/etc" not in latex and "1.0\\_rc" in latex
    placeholder = dataclasses.replace(hostile, doi="10.5281/zenodo.XXXXXXX")
    latex = colophon_latex(placeholder, tmp_path, "")
    assert "DOI: not yet assigned" in latex and "XXX" not in latex, "a placeholder is no DOI"
    minted = dataclasses.replace(hostile, doi="10.5281/zenodo.1")
    assert r"\href{https://doi.org/10.5281/zenodo.1}{\mbox{https://doi.org/}" in (
        colophon_latex(minted, tmp_path, "")
    )


def test_columns_widen_to_their_longest_word() -> None:
    from eucasia.assembly.printed import HEAD_FONT, LINE_WIDTH, fit_columns, text_width

    widths = fit_columns([60, 8, 32], ["name", "betweenness", "note"], [["x"], ["low"], ["y"]])
    assert sum(widths) == 100 and widths[1] > 8
    assert widths[1] / 100 * LINE_WIDTH - 8.5 >= text_width("betweenness", HEAD_FONT)
    # A column of numbers: its head may be hyphenated ("between-ness"), so it needs less.
    numbers = fit_columns([60, 8, 32], ["name", "betweenness", "note"], [["x"], ["0.2"], ["y"]])
    assert numbers[1] < widths[1] and numbers[1] / 100 * LINE_WIDTH - 8.5 >= text_width(
        "between-", HEAD_FONT
    )
    assert fit_columns([50, 50], ["a", "b"], [["x"], ["y"]]) == [50, 50]


# === the checks on the built PDF ============================================================


@pytest.fixture(scope="module")
def printed_pages(built_pdf: Path) -> list[str]:
    return layout_pages(built_pdf)


@pytest.fixture(scope="module")
def page_images(built_pdf: Path, tmp_path_factory) -> list[Path]:
    """Page images in this module's own folder (test_pdf_layout keeps its copies for people)."""
    rendered = tmp_path_factory.mktemp("print-pages")
    result = run(["pdftoppm", "-r", str(IMAGE_DPI), "-png", str(built_pdf), str(rendered / "p")])
    assert result.returncode == 0, result.stderr
    return sorted(rendered.glob("p-*.png"))


def test_no_page_under_half_full(
    pdf_pages: list,  # noqa: F811
    page_images: list[Path],
) -> None:
    area = type_area_from_config()
    starts = chapter_starts(pdf_pages, area)
    assert len(page_images) == len(pdf_pages) > 20
    found = under_half_full(page_images, area, starts, front=starts[0])
    assert not found, f"{len(found)} pages under half full:\n" + "\n".join(found)


def test_floats_stand_near_their_first_mention(printed_pages: list[str]) -> None:
    found = far_floats(printed_pages)
    assert not found, "\n".join(found)


def test_short_tables_are_whole(printed_pages: list[str], built_html: Path) -> None:
    pages = sorted((HTML / "notebooks").glob("*.html")) + sorted((HTML / "book").glob("*.html"))
    tables = html_tables(pages)
    assert len(tables) > 40, "expected the chapters' numbered tables"
    found = split_short_tables(printed_pages, tables)
    assert not found, "\n".join(found)


def test_names_and_amounts_are_not_hyphenated(printed_pages: list[str]) -> None:
    words, own = listed_words()
    assert {"Tajikistan", "PageRank", "million"} <= set(words) and "Co-operation" in own
    found = broken_words(printed_pages, words, own)
    assert not found, "\n".join(found)


def test_actor_index_has_page_numbers(printed_pages: list[str]) -> None:
    from eucasia.data import load_tables

    actors = len(load_tables(["actors"], data_dir=ROOT / "data")["actors"])
    pages = index_pages(printed_pages)
    assert pages, "the index of actors was not found"
    found = index_without_pages(pages, actors)
    assert not found, "\n".join(found)


def test_every_actor_the_text_names_has_pages_in_the_index(printed_pages: list[str]) -> None:
    """Observed in print: the pages LaTeX recorded for each actor (book.aux) against the text of
    the pages before the index. The index used to give "–" for Kyrgyzstan, named on some 80
    pages, because the text never writes the data's full "Kyrgyzstan (Kyrgyz Republic)"."""
    from eucasia.data import load_tables

    actors = load_tables(["actors"], data_dir=ROOT / "data")["actors"]
    recorded = set(re.findall(r"\\eucasiaactorpage\{([^}]*)\}", AUX.read_text(encoding="utf-8")))
    start = next(i for i, t in enumerate(printed_pages) if "INTRODUCTION" in t.lstrip()[:40])
    end = next(i for i, t in enumerate(printed_pages) if "INDEX OF ACTORS" in t.lstrip()[:40])
    assert end - start > 100, "expected the chapters between the introduction and the index"
    found = unindexed_actors(
        printed_pages[start:end],
        recorded,
        list(zip(actors["actor_id"], actors["name"], strict=True)),
    )
    assert not found, "\n".join(found)


def test_actor_index_names_the_strands(printed_pages: list[str]) -> None:
    from eucasia.data import load_tables
    from eucasia.data.vocabulary import STRANDS

    strands = load_tables(["strands"], data_dir=ROOT / "data")["strands"].set_index("strand_id")
    titles = list(strands.loc[list(STRANDS), "title"])
    pages = index_pages(printed_pages)
    assert pages, "the index of actors was not found"
    found = unnamed_strand_columns(pages, titles)
    assert not found, "\n".join(found)


def test_chapter_references_carry_their_page(printed_pages: list[str], built_pdf: Path) -> None:
    tex = TEX.read_text(encoding="utf-8")
    assert len(_DOC_REF.findall(tex)) >= 5, "expected references to chapters"
    assert not chapter_refs_without_page(tex)
    assert not wrong_chapter_pages(printed_pages, tex)
    assert re.search(r"\(chapter \d+, p\. \d+\)", html.unescape(" ".join(printed_pages)))


def test_floats_in_number_order_and_within_their_section(
    printed_pages: list[str], built_pdf: Path
) -> None:
    sections, in_section = float_sections(
        AUX.read_text(encoding="utf-8"), TEX.read_text(encoding="utf-8")
    )
    assert len(sections) > 30 and len(in_section) > 40, "expected the chapters' floats"
    found = misplaced_floats(printed_pages, sections, in_section)
    assert not found, "\n".join(found)


def test_references_to_tables_and_figures_carry_their_page(
    printed_pages: list[str], built_pdf: Path
) -> None:
    tex = TEX.read_text(encoding="utf-8")
    assert len(_FLOAT_REF.findall(tex)) >= 50, "expected references to tables and figures"
    assert not float_refs_without_page(tex)
    assert not wrong_float_pages(printed_pages)
    flat = " ".join(" ".join(t.split()) for t in printed_pages)
    assert len(re.findall(r"Table \d+\.\d+ \(p\. \d+\)", flat)) >= 10


def test_columns_of_numbers_leave_their_room_to_text(built_pdf: Path) -> None:
    tables = tables_in_tex(TEX.read_text(encoding="utf-8"))
    assert len(tables) > 40, "expected the book's tables"
    found = wasted_number_columns(tables)
    assert not found, "\n".join(found)


def test_colophon_urls_break_only_after_a_slash(printed_pages: list[str]) -> None:
    import yaml

    edition = read_edition()
    site = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["html"]["baseurl"]
    content = (ROOT / "LICENSE-CONTENT.md").read_text(encoding="utf-8")
    urls = [
        site,
        edition.repository,
        *re.findall(r"<(https://creativecommons\.org/[^>]+)>", content),
    ]
    found = urls_broken_mid_piece(printed_pages[1], urls)
    assert not found, "\n".join(found)


def test_colophon_on_the_back_of_the_title_page(printed_pages: list[str]) -> None:
    assert not colophon_missing(printed_pages[1]), colophon_missing(printed_pages[1])
    import yaml

    site = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["html"]["baseurl"]
    edition = read_edition()
    assert cite_as_problems(printed_pages[1], edition, site) == []
    # the colophon as it was: "Cite as" ended with the repository, without the DOI
    old = printed_pages[1].split("Cite as.")[0] + f"Cite as. A (2026). T. {edition.repository}"
    assert len(cite_as_problems(old, edition, site)) == 3


def test_broken_tables_keep_rows_on_both_sides(printed_pages: list[str], built_html: Path) -> None:
    pages = sorted((HTML / "notebooks").glob("*.html")) + sorted((HTML / "book").glob("*.html"))
    tables = html_tables(pages)
    found = thin_breaks(printed_pages, tables)
    assert not found, "\n".join(found)


def test_no_cell_breaks_a_code_at_its_underscore(printed_pages: list[str]) -> None:
    codes = data_codes()
    assert {"partly_delivered", "under_way"} <= codes
    found = underscore_breaks(printed_pages, codes)
    assert not found, "\n".join(found)


def test_key_columns_leave_their_room_to_values(built_pdf: Path) -> None:
    tables = tables_in_tex(chapter_tex(TEX.read_text(encoding="utf-8"), "notebooks/changes"))
    assert len(tables) > 10, "expected the tables of every change"
    found = wasted_key_columns(tables)
    assert not found, "\n".join(found)
