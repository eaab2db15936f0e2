"""The PDF's print rules applied to a page's doctree (docutils nodes), without Sphinx.

The book's extension (`book/_ext/eucasia_book.py`) only hands each page's doctree to these
functions when the LaTeX builder resolves it, with what they need from Sphinx (the table of
contents, the citations, the actors' ids); the LaTeX they insert comes from
`eucasia.assembly.printed` and `eucasia.assembly.print_text`. Each takes nodes and changes them
in place, so it is tested on small doctrees (tests/test_print_doctree.py).

The module is long because it holds every transform the PDF makes to a page in one place: part
numbering, print tables (kept whole or broken, column widths), print text (citations, ids,
amounts, actors' index marks), chapter references with their page and the index of actors.
"""

from __future__ import annotations

from collections.abc import Collection

from docutils import nodes
from sphinx import addnodes

from eucasia.assembly.print_text import actor_marks, actor_pattern, print_pieces
from eucasia.assembly.printed import (
    actor_mark,
    actor_pages_cell,
    chapter_reference,
    fit_columns,
    float_reference,
    hold_amounts,
    keeps_whole,
    numeric_column,
    rows_kept_together,
    table_height,
)

#: LaTeX at the start of the one-word head of a column of numbers: TeX may hyphenate it (table cells
#: are otherwise never hyphenated), so that the column is only as wide as its numbers need
#: (`eucasia.assembly.printed.fit_columns`).
HEAD_HYPHENATED = "\\hyphenpenalty=50\\relax "


def numbering_switches(toc: dict) -> dict[str, bool]:
    """The first document of each part whose numbering differs from the part before it.

    Maps the docname to True (numbered from there on) or False (unnumbered). LaTeX numbers every
    chapter unless told otherwise, so the state before the first part is "numbered".
    """
    switches: dict[str, bool] = {}
    numbered = True
    for part in toc.get("parts", []):
        chapters = part.get("chapters") or []
        wanted = bool(part.get("numbered", False))
        if chapters and wanted != numbered:
            switches[str(chapters[0]["file"])] = wanted
            numbered = wanted
    return switches


#: LaTeX for each state; 2 is the report class's default depth (chapters to subsections).
SECNUMDEPTH = {True: "\\setcounter{secnumdepth}{2}", False: "\\setcounter{secnumdepth}{-1}"}


def insert_part_numbering(doctree: nodes.document, switches: dict[str, bool]) -> None:
    """Before the first chapter of a part whose numbering differs from the part before it, set
    LaTeX's section numbering depth (`switches` from :func:`numbering_switches`)."""
    for start in doctree.findall(addnodes.start_of_file):
        if start["docname"] in switches:
            state = switches[start["docname"]]
            start.insert(0, nodes.raw("", SECNUMDEPTH[state] + "\n", format="latex"))


def fit_print_tables(doctree: nodes.document) -> None:
    """Print tables: their own column widths where a class `print-widths-A-B-…` gives them, kept
    whole up to `KEEP_WHOLE_ROWS` body rows (a tabular, which the preamble floats), longtables
    beyond."""
    for table in doctree.findall(nodes.table):
        for name in table["classes"]:
            if name.startswith("print-widths-"):
                widths = [int(w) for w in name.removeprefix("print-widths-").split("-")]
                colspecs = list(table.findall(nodes.colspec))
                if len(colspecs) == len(widths):
                    for colspec, width in zip(colspecs, widths, strict=True):
                        colspec["colwidth"] = width
        _fit_print_table(table)


def _cell_texts(rows: list[nodes.row]) -> list[list[str]]:
    """The text each cell prints (raw LaTeX left out)."""
    return [
        [
            "".join(
                str(t) for t in entry.findall(nodes.Text) if not isinstance(t.parent, nodes.raw)
            )
            for entry in row.children
        ]
        for row in rows
    ]


def _fit_print_table(table: nodes.table) -> None:
    """Kept whole (a tabular, floated by the preamble) or broken with its head repeated
    (longtable), by `keeps_whole`; columns at least as wide as their longest word, columns of
    numbers only as wide as their numbers, with heads TeX may hyphenate."""
    tgroup = next(iter(table.findall(nodes.tgroup)), None)
    if tgroup is None:
        return
    colspecs = [c for c in tgroup.children if isinstance(c, nodes.colspec)]
    body = [row for tbody in tgroup.findall(nodes.tbody) for row in tbody.children]
    head = [row for thead in tgroup.findall(nodes.thead) for row in thead.children]
    widths = [int(c.get("colwidth", 1)) for c in colspecs]
    cells = _cell_texts(body)
    rectangular = bool(cells) and all(len(r) == len(widths) for r in cells)
    if rectangular and "colwidths-given" not in table["classes"]:
        # Sphinx gives such a table equal columns; one with numbers and text gets its own.
        kinds = {numeric_column(col) for col in zip(*cells, strict=True)}
        if kinds == {True, False}:
            widths = [100] * len(widths)
            table["classes"] = [c for c in table["classes"] if c != "colwidths-auto"]
            table["classes"].append("colwidths-given")
    if "colwidths-given" in table["classes"] and rectangular:
        head_cells = [r for r in _cell_texts(head) if len(r) == len(widths)]
        heads = [" ".join(col) for col in zip(*head_cells, strict=True)] if head_cells else []
        columns = [list(col) for col in zip(*cells, strict=True)]
        widths = fit_columns(
            [w * 10 for w in widths], heads or [""] * len(widths), columns or [[]] * len(widths)
        )
        for colspec, width in zip(colspecs, widths, strict=True):
            colspec["colwidth"] = width
        for row in head:
            for entry, column in zip(row.children, columns or [], strict=False):
                paragraph = next(iter(entry.findall(nodes.paragraph)), None)
                one_word = len(entry.astext().split()) == 1
                if paragraph is not None and one_word and numeric_column(column):
                    paragraph.insert(0, nodes.raw("", HEAD_HYPHENATED, format="latex"))
    whole = keeps_whole(widths, cells)
    if not whole and "longtable" not in table["classes"]:
        table["classes"].append("longtable")
    elif whole and "longtable" in table["classes"]:
        table["classes"].remove("longtable")
    if not whole:
        keep_rows_together(body, widths, cells)


#: LaTeX at the end of a longtable's row after which the page may not break
#: (`eucasia.assembly.printed.KEEP_ROWS_LATEX`).
KEEP_ROW = "\\eucasiakeeprow{}"
#: Rows that fill this much of a page (points, a quarter of the text block) are enough on
#: either side of a break, however few.
KEPT_HEIGHT = 175.0


def unbreakable_after(rows: int, heights: list[float] | None = None) -> list[int]:
    """The body rows (0-based) of a longtable of `rows` rows after which the page may not break:
    those that would leave fewer than `rows_kept_together` rows before the break or after it,
    or, where rows are tall (`heights`, points), fewer than fill `KEPT_HEIGHT` of a page (five
    rows of ten lines each do not fit under a head). A table too short for both keeps one
    break point, in its middle (it was broken because it is too tall for a page).

    >>> unbreakable_after(18)
    [0, 1, 2, 14, 15, 16]
    >>> unbreakable_after(5)
    [0, 2, 3]
    >>> unbreakable_after(12, [150.0] * 12)
    [0, 10]
    """
    keep = rows_kept_together(rows)
    heights = heights or [0.0] * rows

    def enough(run: list[float]) -> int:
        total = 0.0
        for n, height in enumerate(run, start=1):
            total += height
            if n >= keep or total >= KEPT_HEIGHT:
                return n
        return len(run)

    head, tail = enough(heights), enough(heights[::-1])
    kept = [i for i in range(rows - 1) if i + 1 < head or rows - (i + 1) < tail]
    if len(kept) == rows - 1 and rows > 1:
        kept.remove(rows // 2 - 1)
    return kept


def keep_rows_together(body: list[nodes.row], widths: list[int], cells: list[list[str]]) -> None:
    """A longtable never breaks with fewer than `rows_kept_together` rows (or a quarter page of
    tall rows) before or after the break ('continued' over two rows): the rows of
    `unbreakable_after` end with `KEEP_ROW`, put at the end of their last cell (Sphinx writes
    the row's end itself)."""
    heights = [table_height(widths, [row]) for row in cells] if len(cells) == len(body) else None
    for i in unbreakable_after(len(body), heights):
        entries = [e for e in body[i].children if isinstance(e, nodes.entry)]
        if not entries:
            continue
        last = entries[-1]
        paragraphs = [p for p in last.findall(nodes.paragraph)]
        raw = nodes.raw("", KEEP_ROW, format="latex")
        if paragraphs:
            paragraphs[-1].append(raw)
        else:
            last.append(raw)


_NO_PRINT_REWRITE = (nodes.literal, nodes.FixedTextElement, nodes.raw, nodes.title, nodes.caption)


def rewrite_print_text(
    doctree: nodes.document, citations: dict[str, str], actors: dict[str, str]
) -> None:
    """Source keys as bibliography numbers (`citations`: key to LaTeX); ids and dates unbroken
    in table cells; amounts held together; each mention of an actor (`actors`: name to id)
    marked for the index of actors, except in citations and in the index itself."""
    pattern = actor_pattern(actors)
    for text in list(doctree.findall(nodes.Text)):
        parent = text.parent
        ancestors = []
        node = parent
        while node is not None:
            ancestors.append(node)
            node = node.parent
        if any(isinstance(a, _NO_PRINT_REWRITE) for a in ancestors):
            continue
        in_table = any(isinstance(a, nodes.entry) for a in ancestors)
        unmarked = any(
            isinstance(a, nodes.citation)
            or (isinstance(a, nodes.table) and ACTOR_INDEX_CLASS in a["classes"])
            for a in ancestors
        )
        pieces = print_pieces(str(text), citations, in_table)
        pieces = [(p if raw else hold_amounts(p), raw) for p, raw in pieces]
        if not unmarked:
            pieces = [
                q
                for p, raw in pieces
                for q in ([(p, raw)] if raw else actor_marks(p, pattern, actors, actor_mark))
            ]
        if len(pieces) == 1 and not pieces[0][1] and pieces[0][0] == str(text):
            continue
        parent.replace(
            text,
            [nodes.raw("", p, format="latex") if raw else nodes.Text(p) for p, raw in pieces],
        )


def numbered_chapters(toc: dict) -> set[str]:
    """The documents of the parts `_toc.yml` numbers (their chapters carry a number in print)."""
    return {
        str(chapter["file"])
        for part in toc.get("parts", [])
        if part.get("numbered", False)
        for chapter in part.get("chapters") or []
    }


def in_parentheses(ref: nodes.Element) -> bool:
    """Whether `ref` stands inside parentheses opened earlier in its paragraph."""
    block = ref.parent
    while block is not None and not isinstance(block, nodes.TextElement):
        block = block.parent
    if block is None:
        return False
    before = []
    for node in block.findall():
        if node is ref:
            break
        if isinstance(node, nodes.Text):
            before.append(str(node))
    text = "".join(before)
    return text.count("(") > text.count(")")


def add_chapter_pages(
    doctree: nodes.document, documents: Collection[str], numbered: Collection[str]
) -> None:
    """After each reference to a chapter (one of `documents`), its number (when `numbered`)
    and page, in print."""
    for ref in list(doctree.findall(nodes.reference)):
        uri = ref.get("refuri", "")
        if not uri.startswith("%") or "#" in uri or uri[1:] not in documents:
            continue
        target = uri[1:]
        latex = chapter_reference(f"{target}::doc", target in numbered, in_parentheses(ref))
        raw = nodes.raw("", latex, format="latex")
        ref.parent.insert(ref.parent.index(ref) + 1, raw)


def _float_label(ref: addnodes.number_reference, docname: str | None) -> str | None:
    """The LaTeX label of the table or figure `ref` points to, as Sphinx's LaTeX writer sets it
    (``docname:id``): from its `refuri` (``%docname#id``), or its `refid` in `docname`, the
    document the reference stands in."""
    uri = ref.get("refuri", "")
    if uri.startswith("%") and "#" in uri:
        return uri[1:].replace("#", ":", 1)
    if ref.get("refid") and docname:
        return f"{docname}:{ref['refid']}"
    return None


def add_float_pages(doctree: nodes.document) -> None:
    """After each reference to a table or figure (a numbered reference), its page, in print,
    when it stands on another page. Not inside captions and titles: a caption is written to
    the list of tables too, where a label of the reference's own would be set twice."""
    # The document each reference stands in: Sphinx wraps each included document in a
    # start_of_file node without making it the parent, so look down from each, outer first.
    docnames = {}
    for start in doctree.findall(addnodes.start_of_file):
        for ref in start.findall(addnodes.number_reference):
            docnames[id(ref)] = start["docname"]
    for ref in list(doctree.findall(addnodes.number_reference)):
        node = ref.parent
        inside = False
        while node is not None:
            inside = inside or isinstance(node, (nodes.caption, nodes.title))
            node = node.parent
        label = _float_label(ref, docnames.get(id(ref), doctree.get("docname")))
        if inside or label is None:
            continue
        raw = nodes.raw("", float_reference(label, in_parentheses(ref)), format="latex")
        ref.parent.insert(ref.parent.index(ref) + 1, raw)


#: The class of the index of actors' table in print, and the head of its continued pages.
ACTOR_INDEX_CLASS = "eucasia-actor-index"
INDEX_CONTINUED = (
    "\\begingroup\\renewcommand{\\tablename}{Index of actors}\\renewcommand{\\thetable}{\\unskip}\n"
)


def print_actor_index(doctree: nodes.document, ids: dict[str, str]) -> None:
    """The index of actors in print: unnumbered (its caption becomes the text above it), named
    on its continued pages, and with a column of the pages that name each actor (`ids` maps an
    actor's name, as its row shows it, to its id)."""
    for table in list(doctree.findall(nodes.table)):
        table["classes"].append(ACTOR_INDEX_CLASS)
        title = next((c for c in table.children if isinstance(c, nodes.title)), None)
        if title is not None:
            table.remove(title)
            table.parent.insert(table.parent.index(table), nodes.paragraph("", "", *title.children))
        at = table.parent.index(table)
        table.parent.insert(at + 1, nodes.raw("", "\\endgroup\n", format="latex"))
        table.parent.insert(at, nodes.raw("", INDEX_CONTINUED, format="latex"))
        tgroup = next(iter(table.findall(nodes.tgroup)))
        colspecs = list(tgroup.findall(nodes.colspec))
        total = sum(int(c["colwidth"]) for c in colspecs)
        tgroup.insert(tgroup.index(colspecs[-1]) + 1, nodes.colspec(colwidth=round(total * 0.2)))
        tgroup["cols"] = len(colspecs) + 1
        for head_row in (r for thead in tgroup.findall(nodes.thead) for r in thead.children):
            head_row += nodes.entry("", nodes.paragraph("", "pages"))
        for tbody in tgroup.findall(nodes.tbody):
            for row in tbody.children:
                actor = ids.get(row.children[0].astext().strip())
                cell = [nodes.raw("", actor_pages_cell(actor), format="latex")] if actor else []
                row += nodes.entry("", nodes.paragraph("", "", *cell))
