"""Headings written by a cell's output, made sections of the page.

A notebook that writes one part of the page per item of the data (the data dictionary: a heading,
a paragraph and a table for each table of the data package) writes its headings as Markdown
output; MyST-NB renders a heading inside a cell's output as a rubric, a heading that is no section,
so the page's contents ("On this page", and the PDF's) listed none of them. A cell tagged
`SECTIONS_TAG` has each of its output's rubrics turned into a section of the page, one level
below the section the cell sits in, holding what the output shows up to the next rubric (still
inside a cell's output, so it keeps its look). Its ids stay the rubric's, so links to it hold.

A tagged cell that also folds its output (MyST-NB's `hide-output` tag) folds, on the web, each
section's part that the cell shows after the heading's own text (the data dictionary: each
table's columns), behind the chapters' own fold with its prompts (`code_prompt_show`, in which
`{section}` names the section), and keeps the heading's text in view
(:func:`fold_section_outputs`, an HTML-only step). Print keeps every part open.
"""

from __future__ import annotations

from docutils import nodes

#: The cell tag that asks for it (MyST-NB gives the cell's container the class `tag_<tag>`).
SECTIONS_TAG = "output-sections"

#: Marks a node of a section's output that its fold holds on the web: one the cell showed after
#: the output that wrote the section's heading. An attribute that no writer prints, so the
#: page's print is the same with the mark as without.
FOLDED = "eucasia_folded"

#: In a folding cell's prompts, the place of the section's title.
SECTION_FIELD = "{section}"


def _is_cell(node: nodes.Node) -> bool:
    return isinstance(node, nodes.container) and f"tag_{SECTIONS_TAG}" in node.get("classes", [])


def _is_output(node: nodes.Node) -> bool:
    return isinstance(node, nodes.container) and "cell_output" in node.get("classes", [])


def _markdown_of_bundles(output: nodes.container) -> list[list[nodes.Node]]:
    """Replace each of `output`'s MyST-NB mime bundles that has a `text/markdown` alternative by
    that alternative's content, as MyST-NB's mime selection does at write time for both the
    HTML and the LaTeX builder; done here, at read time, its headings can become sections
    before Sphinx collects the page's contents. Returns `output`'s children grouped by the
    output (the display) that wrote them."""
    groups: list[list[nodes.Node]] = []
    for bundle in list(output.children):
        if not (isinstance(bundle, nodes.container) and bundle.get("nb_element") == "mime_bundle"):
            groups.append([bundle])
            continue
        markdown = [c for c in bundle.children if c.get("mime_type") == "text/markdown"]
        if markdown:
            content = list(markdown[0].children)
            bundle.replace_self(content)
            groups.append(content)
        else:
            groups.append([bundle])
    return groups


def _section(rubric: nodes.rubric, cell: nodes.container, output: nodes.container) -> nodes.section:
    """A section titled as `rubric`, holding a cell container like `cell` with an empty output
    container like `output`, into which the content that follows the rubric goes."""
    section = nodes.section("", ids=list(rubric["ids"]), names=list(rubric["names"]))
    section.source, section.line = rubric.source, rubric.line
    title = nodes.title(rubric.rawsource, "", *[child.deepcopy() for child in rubric.children])
    title.source, title.line = rubric.source, rubric.line
    shell = cell.copy()  # attributes only, no children
    shell += output.copy()
    section += [title, shell]
    return section


def promote_output_headings(doctree: nodes.document) -> int:
    """Turn the rubrics in the outputs of cells tagged `SECTIONS_TAG` into sections (see the
    module's doc); returns how many. A tagged cell whose section holds more after it keeps those
    nodes in its last new section, as a section's body may not follow its subsections.

    >>> from docutils.utils import new_document
    >>> from docutils.frontend import get_default_settings
    >>> doc = new_document("x", get_default_settings())
    >>> top = nodes.section("", nodes.title("", "Tables"), ids=["tables"])
    >>> cell = nodes.container(classes=["cell", "tag_output-sections"])
    >>> out = nodes.container(classes=["cell_output"])
    >>> for name in ("a", "b"):
    ...     out += [nodes.rubric("", name, ids=[name]), nodes.paragraph("", f"about {name}")]
    >>> cell += out
    >>> top += cell
    >>> doc += top
    >>> promote_output_headings(doc)
    2
    >>> [(s["ids"], s[0].astext(), s[1][0].astext()) for s in top.findall(nodes.section)][1:]
    [(['a'], 'a', 'about a'), (['b'], 'b', 'about b')]
    """
    made = 0
    for cell in list(doctree.findall(_is_cell)):
        parent = cell.parent
        if not isinstance(parent, (nodes.section, nodes.document)):
            continue
        folds = bool(cell.get("hide_mode"))
        sections: list[nodes.section] = []
        leading: list[nodes.Node] = []  # output before the first heading stays where it was
        for output in [child for child in cell.children if _is_output(child)]:
            for group in _markdown_of_bundles(output):
                heading_here = False  # whether this display wrote the last section's heading
                for node in group:
                    output.remove(node)
                    if isinstance(node, nodes.rubric) and node["ids"]:
                        sections.append(_section(node, cell, output))
                        heading_here = True
                    elif sections:
                        if folds and not heading_here and isinstance(node, nodes.Element):
                            node[FOLDED] = True
                        sections[-1][-1][-1] += node
                    else:
                        leading.append(node)
            output += leading
            leading = []
        if not sections:
            continue
        index = parent.index(cell)
        trailing = parent.children[index + 1 :]
        if any(isinstance(node, nodes.section) for node in trailing):
            # The cell's sections go before the section that follows; body between stays put.
            first = next(i for i, n in enumerate(trailing) if isinstance(n, nodes.section))
            trailing = trailing[:first]
        for node in trailing:
            parent.remove(node)
            sections[-1] += node
        if not any(_is_output(child) and child.children for child in cell.children):
            parent.remove(cell)
            index -= 1
        for offset, section in enumerate(sections, start=1):
            parent.insert(index + offset, section)
            for name in section["ids"]:
                doctree.ids[name] = section
        made += len(sections)
    return made


def fold_section_outputs(doctree: nodes.document) -> int:
    """Give each section a folding cell made (see the module's doc) its own fold: the nodes
    marked `FOLDED` move into a cell of their own that keeps the cell's `hide_mode` and prompts
    (`SECTION_FIELD` replaced by the section's title), so that MyST-NB's HTML step
    (`HideInputCells`, run after this) folds them as it folds a chapter's cell; the rest stays
    in view in a cell without them. For the web only: print shows every section whole.
    Returns how many folds it made.

    >>> from docutils.utils import new_document
    >>> from docutils.frontend import get_default_settings
    >>> doc = new_document("x", get_default_settings())
    >>> top = nodes.section("", nodes.title("", "Tables"), ids=["tables"])
    >>> cell = nodes.container(classes=["cell", "tag_output-sections", "tag_hide-output"],
    ...                        hide_mode="output", prompt_show="Show {section}", prompt_hide="Hide")
    >>> out = nodes.container(classes=["cell_output"], nb_element="cell_code_output")
    >>> def display(*shown):  # one display of the cell: a bundle with its Markdown
    ...     markdown = nodes.container("", *shown, mime_type="text/markdown")
    ...     return nodes.container("", markdown, nb_element="mime_bundle")
    >>> for name in ("a", "b"):
    ...     out += display(nodes.rubric("", name, ids=[name]), nodes.paragraph("", f"on {name}"))
    ...     out += display(nodes.table("", ids=[f"tbl-{name}"]))
    >>> cell += out
    >>> top += cell
    >>> doc += top
    >>> promote_output_headings(doc)
    2
    >>> fold_section_outputs(doc)
    2
    >>> a = top[1]
    >>> [(c.get("hide_mode"), c.get("prompt_show"), c[0][0].tagname) for c in a[1:]]
    [(None, None, 'paragraph'), ('output', 'Show a', 'table')]
    """
    made = 0
    for output in list(doctree.findall(_is_output)):
        shell = output.parent
        section = shell.parent if shell is not None else None
        if not (
            isinstance(section, nodes.section)
            and shell.get("hide_mode")
            and any(isinstance(n, nodes.Element) and n.get(FOLDED) for n in output.children)
        ):
            continue
        title = section[0].astext() if isinstance(section[0], nodes.title) else ""
        shown = shell.copy()
        for key in ("hide_mode", "prompt_show", "prompt_hide"):
            shown.attributes.pop(key, None)
        shown["classes"] = [c for c in shown["classes"] if c != "tag_hide-output"]
        shown_output = output.copy()
        for node in list(output.children):
            if not (isinstance(node, nodes.Element) and node.get(FOLDED)):
                output.remove(node)
                shown_output += node
        for key in ("prompt_show", "prompt_hide"):
            if isinstance(shell.get(key), str):
                shell[key] = shell[key].replace(SECTION_FIELD, title)
        if shown_output.children:
            shown += shown_output
            section.insert(section.index(shell), shown)
        made += 1
    return made
