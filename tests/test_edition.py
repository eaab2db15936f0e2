"""One edition everywhere: version and date agree across the sources and the built book.

edition.toml is the one source. CITATION.cff, .zenodo.json and CHANGELOG.md repeat it by hand; the
PDF's title page and metadata, the footer of every HTML page and the BibTeX of "How to cite" are
generated from it. These tests read the built book (`make book`), and the PDF's dates must be the
last commit's (SOURCE_DATE_EPOCH), never the clock of the machine that built it.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import sys
from datetime import datetime
from pathlib import Path

import pytest
import yaml
from harness.commands import run
from harness.paths import BUILD, ROOT

from eucasia.assembly.edition import Edition, read_edition

GENERATED_BIB = BUILD / "generated" / "citation.bib"
FOOTER = re.compile(
    r'<p class="eucasia-edition"><a href="(?P<href>[^"]+)">PDF edition</a>, '
    r"version (?P<version>[^,<]+), "
    # the site keeps a date whole in a no-break span (eucasia.assembly.site.table_cells)
    r'(?:<span class="eucasia-nobr">)?(?P<date>[^.<]+)(?:</span>)?\.'
)
#: Folders of the site that hold assets, not pages.
NOT_PAGES = {"_static", "_sources", "_downloads", "_images", "_pdf"}
CHANGELOG_HEADING = re.compile(r"^## (?P<version>\d+\.\d+\.\d+) — (?P<date>\d{4}-\d{2}-\d{2})$")
CHANGELOG_BULLET = re.compile(r"^- (Added|Corrected|Changed|Removed): \S")


@pytest.fixture(scope="module")
def edition() -> Edition:
    return read_edition()


def pages(site: Path) -> list[Path]:
    """Every built page, except the root index.html (a redirect to the first page)."""
    found = [
        p
        for p in site.rglob("*.html")
        if p != site / "index.html" and not NOT_PAGES & set(p.relative_to(site).parts)
    ]
    assert found, f"no HTML pages under {site}"
    return sorted(found)


def text_of(page: Path) -> str:
    """A page's visible text, tags removed and entities decoded, whitespace collapsed."""
    raw = page.read_text(encoding="utf-8")
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", raw)).split())


def pdfinfo(pdf: Path) -> dict[str, str]:
    result = run(["pdfinfo", "-isodates", str(pdf)])
    assert result.returncode == 0, f"pdfinfo failed (poppler-utils installed?): {result.stderr}"
    info = {}
    for line in result.stdout.splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def pdf_first_page(pdf: Path) -> str:
    result = run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"])
    assert result.returncode == 0, f"pdftotext failed: {result.stderr}"
    return " ".join(result.stdout.split())


#: The heading of what has changed since the last edition, before it is released (first, if any).
UNRELEASED = "## Unreleased"


def changelog_entries() -> list[dict]:
    """CHANGELOG.md's entries, newest first, each with its version, date and bullets (an
    "Unreleased" entry first has neither)."""
    entries: list[dict] = []
    lines = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        where = f"CHANGELOG.md:{number}"
        if line == UNRELEASED:
            assert not entries, f"{where}: '{UNRELEASED}' may only be the first entry"
            entries.append({"version": None, "date": None, "line": number, "bullets": []})
        elif line.startswith("## "):
            match = CHANGELOG_HEADING.match(line)
            assert match, f"{where}: {line!r} is not '## X.Y.Z — YYYY-MM-DD' (an em dash)"
            entries.append({**match.groupdict(), "line": number, "bullets": []})
        elif line.startswith("#"):
            assert line.startswith("# ") and not entries, (
                f"{where}: one '# ' title first, then only '## ' entries"
            )
        elif line.startswith("- ") and entries:
            assert CHANGELOG_BULLET.match(line), (
                f"{where}: a bullet starts 'Added:', 'Corrected:', 'Changed:' or 'Removed:'"
            )
            entries[-1]["bullets"].append(line)
    return entries


def last_commit_epoch() -> int:
    result = run(["git", "-C", str(ROOT), "log", "-1", "--format=%ct"])
    assert result.returncode == 0 and result.stdout.strip(), (
        f"cannot read the last commit's date with git (the PDF's dates): {result.stderr}"
    )
    return int(result.stdout.strip())


def test_sources_agree(edition: Edition) -> None:
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    zenodo = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    newest = released_entries()[0]
    found = {
        "edition.toml": (edition.version, edition.date),
        "CITATION.cff": (str(cff["version"]), str(cff["date-released"])),
        "CITATION.cff preferred-citation": (
            str(cff["preferred-citation"]["edition"]),
            str(cff["preferred-citation"]["date-released"]),
        ),
        ".zenodo.json": (zenodo["version"], zenodo["publication_date"]),
        "CHANGELOG.md (newest entry)": (newest["version"], newest["date"]),
    }
    wrong = {source: value for source, value in found.items() if value != found["edition.toml"]}
    assert not wrong, f"these disagree with edition.toml {found['edition.toml']}: {wrong}"


def test_the_package_version_is_the_edition(edition: Edition) -> None:
    """pyproject.toml names no version of its own: it takes eucasia.__version__, read from
    edition.toml (0.1.0 had stayed there while the edition was 0.2.0)."""
    import tomllib

    import eucasia

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    dynamic = project["tool"]["setuptools"]["dynamic"]["version"]
    assert dynamic == {"attr": "eucasia.__version__"}
    assert eucasia.__version__ == edition.version


def released_entries() -> list[dict]:
    return [e for e in changelog_entries() if e["version"] is not None]


def test_an_unreleased_entry_is_first_or_nowhere(tmp_path: Path, monkeypatch) -> None:
    """The check can fail: 'Unreleased' below an edition is refused."""
    fake = tmp_path / "CHANGELOG.md"
    fake.write_text(
        "# Changelog\n\n## 0.2.0 — 2026-12-01\n\n- Added: x\n\n## Unreleased\n\n- Added: y\n"
    )
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    with pytest.raises(AssertionError, match="may only be the first entry"):
        changelog_entries()


def test_changelog_is_strict_and_newest_first() -> None:
    everything = changelog_entries()
    for entry in everything:
        assert entry["bullets"], f"CHANGELOG.md:{entry['line']}: an entry that lists nothing"
    entries = released_entries()
    assert entries, "CHANGELOG.md has no '## X.Y.Z — YYYY-MM-DD' entry"
    for entry in entries:
        assert entry["bullets"], (
            f"CHANGELOG.md:{entry['line']}: edition {entry['version']} lists nothing"
        )
        datetime.strptime(entry["date"], "%Y-%m-%d")
    versions = [tuple(int(n) for n in e["version"].split(".")) for e in entries]
    assert versions == sorted(versions, reverse=True) and len(set(versions)) == len(versions), (
        "CHANGELOG.md: one entry per version, newest first"
    )
    dates = [e["date"] for e in entries]
    assert dates == sorted(dates, reverse=True), "CHANGELOG.md: dates go back in time, newest first"


def test_pdf_title_page_names_the_edition(edition: Edition, built_pdf: Path) -> None:
    page = pdf_first_page(built_pdf)
    assert f"Edition {edition.version}" in page, f"no 'Edition {edition.version}' on {page!r}"
    assert edition.date in page, f"the title page does not show the date {edition.date}: {page!r}"
    assert " ".join(edition.title.split()) in page, f"the title page lacks the title: {page!r}"


def test_pdf_metadata_names_the_edition(edition: Edition, built_pdf: Path) -> None:
    info = pdfinfo(built_pdf)
    assert info.get("Title") == edition.title
    assert info.get("Author") == ", ".join(edition.authors)
    subject = info.get("Subject", "")
    assert edition.version in subject and edition.date in subject, f"PDF Subject {subject!r}"
    assert f"Edition {edition.version}, {edition.date}" in subject
    assert info.get("Keywords") == ", ".join(edition.keywords)


def test_pdf_dates_are_the_last_commits(built_pdf: Path) -> None:
    expected = last_commit_epoch()
    info = pdfinfo(built_pdf)
    assert "CreationDate" in info, "the PDF has no CreationDate"
    for key in ("CreationDate", "ModDate"):
        if key not in info:
            continue
        stamp = datetime.fromisoformat(info[key])
        assert stamp.tzinfo is not None, f"{key} {info[key]!r} has no time zone"
        assert int(stamp.timestamp()) == expected, (
            f"PDF {key} is {info[key]}, but the last commit is "
            f"{datetime.fromtimestamp(expected).astimezone().isoformat()} "
            f"(SOURCE_DATE_EPOCH={expected}): the PDF was built from another commit or with "
            "the clock's date; rebuild it with `make pdf`"
        )


def test_every_page_has_the_edition_footer_and_its_pdf(
    edition: Edition, built_html: Path, built_pdf: Path
) -> None:
    in_site = built_html / "_pdf" / built_pdf.name
    assert in_site.is_file(), (
        f"{in_site.relative_to(ROOT)} is missing: `make pdf` copies the PDF into the site"
    )
    digest = hashlib.sha256(built_pdf.read_bytes()).hexdigest()
    assert hashlib.sha256(in_site.read_bytes()).hexdigest() == digest, (
        "the PDF in the site is not the PDF edition of _build/pdf: rebuild with `make book`"
    )
    problems = []
    for page in pages(built_html):
        name = page.relative_to(built_html)
        footers = FOOTER.findall(page.read_text(encoding="utf-8"))
        if len(footers) != 1:
            problems.append(f"{name}: {len(footers)} edition footers")
            continue
        href, version, date = (html.unescape(v) for v in footers[0])
        if (version, date) != (edition.version, edition.date):
            problems.append(f"{name}: footer says version {version}, {date}")
        target = (page.parent / href).resolve()
        if target != in_site.resolve():
            problems.append(f"{name}: the PDF link {href!r} resolves to {target}, not {in_site}")
    assert not problems, "\n".join(problems)


#: The book's address on the web (`_config.yml`), which a reference cites.
SITE = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["html"]["baseurl"]


def reference_problems(text: str, bibtex: str, edition: Edition) -> list[str]:
    """What How to cite's reference (page text) and BibTeX get wrong: they must cite the book at
    its address on the web with its DOI, as the site's "Cite" and the PDF's colophon do, never
    the code's repository as the thing cited."""
    problems = []
    if " ".join(edition.book_reference(SITE).split()) not in " ".join(text.split()):
        problems.append("the page does not give the book's reference (its address and DOI)")
    if f"url       = {{{SITE}}}" not in bibtex:
        problems.append("the BibTeX does not cite the book's address")
    if f"{edition.version}, {edition.date}. {edition.repository}" in " ".join(text.split()):
        problems.append("the reference cites the repository")
    return problems


def test_a_reference_citing_the_repository_fails(edition: Edition) -> None:
    authors = "; ".join(edition.authors)
    old_text = (
        f"{authors} ({edition.year}). {edition.title}. Version {edition.version}, "
        f"{edition.date}. {edition.repository}"
    )
    old_bib = edition.bibtex(edition.repository)
    assert reference_problems(old_text, old_bib, edition) == [
        "the page does not give the book's reference (its address and DOI)",
        "the BibTeX does not cite the book's address",
        "the reference cites the repository",
    ]


def test_how_to_cite_shows_this_editions_bibtex(edition: Edition, built_html: Path) -> None:
    assert GENERATED_BIB.is_file(), f"{GENERATED_BIB.relative_to(ROOT)} is missing: build the book"
    assert GENERATED_BIB.read_text(encoding="utf-8") == edition.bibtex(SITE) + "\n", (
        f"{GENERATED_BIB.relative_to(ROOT)} is not this edition's BibTeX: rebuild with `make book`"
    )
    page = built_html / "book" / "how-to-cite.html"
    assert page.is_file(), "the How to cite page was not built"
    text = text_of(page)
    assert f"edition {edition.version} of the book, dated {edition.date}" in text
    assert f"Version {edition.version}, {edition.date}" in text, (
        "the BibTeX on How to cite is not this edition's"
    )
    assert f"eucasia_book_{edition.version.replace('.', '_')}" in text
    assert reference_problems(text, GENERATED_BIB.read_text(encoding="utf-8"), edition) == []


def test_editions_page_shows_the_changelog(edition: Edition, built_html: Path) -> None:
    page = built_html / "book" / "editions.html"
    assert page.is_file(), "book/editions.html was not built: add `book/editions` to _toc.yml"
    text = text_of(page)
    for entry in released_entries():
        assert f"{entry['version']} — {entry['date']}" in text, (
            f"the Editions page misses {entry['version']}"
        )
    assert f"{edition.version} — {edition.date}" in text
    raw = page.read_text(encoding="utf-8")
    # The included CHANGELOG nests under the page title: its entries are h3, its title h2.
    date = rf'(?:<span class="eucasia-nobr">)?{re.escape(edition.date)}'
    assert re.search(rf"<h3>{re.escape(edition.version)} — {date}", raw), (
        "the newest edition's heading is not an h3 under the Editions page (heading-offset)"
    )
