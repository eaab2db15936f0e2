"""Values are data, never markup: a hostile string in every text column renders as text everywhere.

One escaping rule covers every way a value from data reaches a page:
- Markdown handed to MyST (tables, captions, paragraphs written by code) goes through
  `eucasia.presentation.text.escaping.escape_markdown`, so no role or directive from data runs;
- `{glue:text}` pastes a text node (MyST-NB literal-evals the text/plain repr back to the string),
  which Sphinx's HTML and LaTeX writers escape like any text;
- alt text is an attribute Sphinx escapes; figure text is drawn with `text.parse_math` off;
- the loader rejects control, bidirectional and zero-width characters before any of this.

The slow test builds a copy of the whole book, HTML and PDF, with `tests/fixtures/hostile.txt`
appended to every free-text cell of every table (keys, coded columns, dates and URLs are
checked by the loader, not shown raw) and parses every page with an HTML parser.
"""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from harness.commands import run
from harness.edits import text_columns
from harness.paths import BIN
from harness.repository import copy_repository

from eucasia.presentation.page.display import table_markdown
from eucasia.presentation.text.escaping import escape_markdown

FIXTURES = Path(__file__).parent / "fixtures"
HOSTILE = (FIXTURES / "hostile.txt").read_text(encoding="utf-8").strip()
#: A piece of the value that is in it once and survives every writer: where it shows, all must.
PROBE = "<script>alert(1)</script>"
#: Characters the PDF's fonts (Noto Serif, xelatex without script fallbacks) cannot typeset.
NOT_IN_PDF_FONTS = re.compile(r"[\U0001F000-\U0001FFFF\u0590-\u05FF\u0600-\u06FF]")


def poison(data: Path) -> dict[str, list[str]]:
    """Append the hostile value to every non-empty free-text cell; the columns changed, by table."""
    descriptor = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    changed = {}
    for resource in descriptor["resources"]:
        columns = text_columns(resource)
        path = data / resource["path"]
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
        for row in rows:
            for c in columns:
                if row[c]:
                    row[c] = f"{row[c]} {HOSTILE}"
        out = io.StringIO(newline="")
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8")
        changed[resource["name"]] = columns
    return changed


class Page(HTMLParser):
    """The DOM as a parser sees it: elements with their attributes, and the visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.stack: list[str] = []
        self.scripts: list[str] = []
        #: Data blocks (`<script type="application/json">`, the network explorer's data): never
        #: run, so data may be in them; each must still parse whole as JSON (no value broke out).
        self.json_blocks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.elements.append((tag, dict(attrs)))
        self.stack.append(
            "json" if tag == "script" and dict(attrs).get("type") == "application/json" else tag
        )

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self.stack and self.stack[-1] == "json":
            tag = "json"
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] == "json":
            self.json_blocks.append(data)
        elif self.stack and self.stack[-1] in ("script", "style"):
            self.scripts.append(data)
        else:
            self.text.append(data)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_escaped_markdown_has_no_markup_left() -> None:
    escaped = escape_markdown(HOSTILE)
    assert "<script>" not in escaped and r"\<script\>" in escaped
    assert "{glue:text}`" not in escaped and "{download}`" not in escaped
    table = table_markdown(__import__("pandas").DataFrame({"name": [HOSTILE]}), "caption", "tbl-x")
    assert "<script>" not in table


def test_every_table_has_a_text_column_to_poison() -> None:
    from eucasia.data import read_descriptor

    descriptor = read_descriptor()
    empty = [r["name"] for r in descriptor["resources"] if not text_columns(r)]
    # tables made only of keys and codes: nothing of theirs reaches a page as free text
    assert set(empty) <= {"corridor_countries", "implementation_evidence_actors"}, empty


# The whole book built again from poisoned data (every chapter executed, HTML and PDF): in
# `make test-exhaustive`, with the edit-every-input sweep, weekly and before every release. What
# `make test` keeps: the escaping functions (above), actor pages built from poisoned data
# (test_actor_pages.py), the explorer's data with a hostile value (test_explorer.py), and the
# glued text nodes Sphinx escapes in HTML and LaTeX.
@pytest.mark.exhaustive
@pytest.mark.rebuild
@pytest.mark.xdist_group("hostile-build")
def test_hostile_value_in_every_text_column_renders_as_text(tmp_path: Path) -> None:
    book = copy_repository(tmp_path / "book")
    changed = poison(book / "data")
    assert sum(map(len, changed.values())) >= 40, changed
    jb = str(BIN / "jupyter-book")
    html_build = run([jb, "build", ".", "--builder", "html", "-W", "--keep-going"], cwd=book)
    assert html_build.returncode == 0, html_build.stdout[-6000:] + html_build.stderr[-4000:]

    shown_on = []
    for page_path in sorted((book / "_build" / "html").rglob("*.html")):
        page = Page()
        page.feed(page_path.read_text(encoding="utf-8"))
        name = str(page_path.relative_to(book / "_build" / "html"))
        # no live element from the value: no script running it, no handler, no tag of its own
        assert not any("alert(" in s for s in page.scripts), f"{name}: a script from data"
        for block in page.json_blocks:
            json.loads(block)  # a value that closed its data block would leave broken JSON
        for tag, attrs in page.elements:
            assert "onerror" not in attrs, f"{name}: <{tag}> with an event handler from data"
            assert not (tag == "img" and attrs.get("src") == "x"), f"{name}: an <img> from data"
        text = flat(" ".join(page.text))
        probes, whole = text.count(PROBE), text.count(flat(HOSTILE))
        assert probes == whole, f"{name}: the value is shown {probes} times, whole only {whole}"
        if whole:
            shown_on.append(name)
    for chapter in ("overview", "resilience", "prosperity", "together", "synthesis", "countries"):
        assert f"notebooks/{chapter}.html" in shown_on, f"{chapter} never shows the value"

    pdf_build = run([jb, "build", ".", "--builder", "pdflatex", "-W", "--keep-going"], cwd=book)
    assert pdf_build.returncode == 0, pdf_build.stdout[-6000:] + pdf_build.stderr[-4000:]
    pdf_text = run(["pdftotext", str(book / "_build" / "latex" / "book.pdf"), "-"]).stdout
    printable = flat(NOT_IN_PDF_FONTS.sub("", HOSTILE))
    pdf_flat = flat(pdf_text).replace("- ", "").replace("‘", "`").replace("’", "'")
    assert pdf_flat.count(PROBE) > 10
    assert printable in pdf_flat, "the value is not in the PDF text literally"
