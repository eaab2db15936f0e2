"""The header's download menu offers the book's PDF edition, apart from printing the page.

sphinx-book-theme's download menu (`use_download_button`) lists the page's sources and an item
".pdf" that runs `window.print()`: a reader who wants the PDF edition got the web page printed,
and the edition was linked only in the footer. Here the menu's ".pdf" item becomes "Print this
page" (what it does) and a link to the PDF edition the site carries comes before it.
"""

from __future__ import annotations

from collections.abc import MutableSequence

#: The theme's label of its download group and of its print item.
GROUP, PRINT = "download-buttons", "download-pdf-button"
#: Labels of the two items here (their buttons get the class `btn-<label>`).
EDITION, PRINT_PAGE = "download-edition-pdf-button", "print-page-button"


def offer_pdf_edition(buttons: MutableSequence[dict], href: str, version: str) -> bool:
    """In the theme's header `buttons`, the download group gets the PDF edition (`href`, relative
    to the page) before its print item, which is renamed for what it does. True when the menu
    was found and changed.

    >>> menu = [{"label": GROUP, "buttons": [{"label": PRINT, "text": ".pdf"}]}]
    >>> offer_pdf_edition(menu, "../_pdf/book.pdf", "1.0")
    True
    >>> [(b["text"], b.get("url")) for b in menu[0]["buttons"]]
    [('PDF edition', '../_pdf/book.pdf'), ('Print this page', None)]
    """
    for group in buttons:
        if group.get("label") != GROUP:
            continue
        items = group.get("buttons", [])
        for index, item in enumerate(items):
            if item.get("label") != PRINT:
                continue
            item.update(text="Print this page", icon="fas fa-print", label=PRINT_PAGE)
            item["tooltip"] = "Print this web page (the PDF edition is the whole book)"
            items.insert(
                index,
                {
                    "type": "link",
                    "url": href,
                    "text": "PDF edition",
                    "tooltip": f"The whole book as a PDF: edition {version}",
                    "icon": "fas fa-file-pdf",
                    "label": EDITION,
                },
            )
            return True
    return False
