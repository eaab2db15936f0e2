"""Headings written by a cell's output, made sections of the page.

A notebook that writes one part of the page per item of the data (the data dictionary: a heading,
a paragraph and a table for each table of the data package) writes its headings as Markdown
output; MyST-NB renders a heading inside a cell's output as a rubric, a heading that is no section,
so the page's contents ("On this page", and the PDF's) listed none of them. A cell tagged
`SECTIONS_TAG` has each of its output's rubrics turned into a section of the page, one level
below the section the cell sits in, holding what the output shows up to the next rubric (still
inside a cell's output, so it keeps its look). Its ids stay the rubric's, so links to it hold.
"""

from __future__ import annotations

from docutils import nodes

#: The cell tag that asks for it (MyST-NB gives the cell's container the class `tag_<tag>`).
SECTIONS_TAG = "output-sections"


def _is_cell(node: nodes.Node) -> bool:
    return isinstance(node, nodes.container) and f"tag_{SECTIONS_TAG}" in node.get("classes", [])


def _is_output(node: nodes.Node) -> bool:
    return isinstance(node, nodes.container) and "cell_output" in node.get("classes", [])


def _markdown_of_bundles(output: nodes.container) -> None:
    """Replace each of `output`'s MyST-NB mime bundles that has a `text/markdown` alternative by
    that alternative's content, as MyST-NB's mime selection does at write time for both the
    HTML and the LaTeX builder; done here, at read time, its headings can become sections
    before Sphinx collects the page's contents."""
    for bundle in list(output.children):
        if not (isinstance(bundle, nodes.container) and bundle.get("nb_element") == "mime_bundle"):
            continue
        markdown = [c for c in bundle.children if c.get("mime_type") == "text/markdown"]
        if markdown:
            bundle.replace_self(list(markdown[0].children))


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
        sections: list[nodes.section] = []
        leading: list[nodes.Node] = []  # output before the first heading stays where it was
        for output in [child for child in cell.children if _is_output(child)]:
            _markdown_of_bundles(output)
            for node in list(output.children):
                output.remove(node)
                if isinstance(node, nodes.rubric) and node["ids"]:
                    sections.append(_section(node, cell, output))
                elif sections:
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
