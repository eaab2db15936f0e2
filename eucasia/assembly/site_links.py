"""Links from the PDF edition to the website: the files a page offers for download, and a page.

On the website a `{download}` link serves the file; the PDF has no files, so Sphinx's LaTeX
writer printed the link's text alone ("download sources.csv"), and a print reader was sent to
downloads the PDF does not hold. In print each download links to the site's copy instead, and
the `page-url` role names a page's address on the site where the text sends the reader there.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes


def page_url(site: str, docname: str) -> str:
    """The address of document `docname` on the site at `site` (the book's `html.baseurl`).

    Examples
    --------
    >>> page_url("https://example.org/book/", "notebooks/resilience")
    'https://example.org/book/notebooks/resilience.html'
    """
    return f"{site.rstrip('/')}/{docname.strip('/')}.html"


def download_url(site: str, filename: str) -> str:
    """The address of a download on the site: Sphinx copies it to `_downloads/<filename>`, where
    `filename` is the download node's (a digest folder and the file's name).

    Examples
    --------
    >>> download_url("https://example.org/book/", "0a1b/sources.csv")
    'https://example.org/book/_downloads/0a1b/sources.csv'
    """
    return f"{site.rstrip('/')}/_downloads/{filename}"


def link_downloads_to_site(doctree: nodes.Node, site: str) -> int:
    """Each download link of `doctree` made a link to the site's copy of its file (print);
    how many. Without a site address nothing changes."""
    if not site:
        return 0
    count = 0
    for node in list(doctree.findall(addnodes.download_reference)):
        if not node.get("filename"):
            continue
        link = nodes.reference("", "", *node.children, refuri=download_url(site, node["filename"]))
        node.replace_self(link)
        count += 1
    return count


def page_url_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """`{page-url}`notebooks/resilience``: the page's address on the site, as a link."""
    site = inliner.document.settings.env.config.html_baseurl
    if not site:
        message = inliner.reporter.error("page-url: the book has no html.baseurl", line=lineno)
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    url = page_url(site, text)
    return [nodes.reference(rawtext, url, refuri=url)], []
