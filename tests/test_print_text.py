"""The book's one LaTeX escaper and the print pieces, without Sphinx (eucasia.assembly.print_text)."""

from __future__ import annotations

import pytest
from sphinx.util import texescape

from eucasia.assembly.edition import Edition, read_edition
from eucasia.assembly.print_text import hypersetup_latex, tex

SPECIALS = "\\ { } $ & # ^ _ % ~ [ ]"


def _the_escaper_that_missed_two(text: str) -> str:
    """The hand-made escaper the PDF metadata used before (kept here as the breaking fixture)."""
    for char, escaped in (
        ("\\", r"\textbackslash{}"),
        ("&", r"\&"),
        ("%", r"\%"),
        ("#", r"\#"),
        ("_", r"\_"),
        ("{", r"\{"),
        ("}", r"\}"),
        ("$", r"\$"),
    ):
        text = text.replace(char, escaped)
    return text


def leaves_specials_bare(escaper, text: str = SPECIALS) -> list[str]:
    """The LaTeX special characters that come out of `escaper` unescaped (not after a backslash,
    not inside a group of their own)."""
    out = escaper(text)
    bare = []
    for char in "^~":
        if char in out.replace(r"\textasciicircum{}", "").replace(r"\textasciitilde{}", ""):
            bare.append(char)
    return bare


def test_every_special_is_escaped_as_sphinx_escapes_it() -> None:
    texescape.init()
    assert tex(SPECIALS) == texescape.escape(SPECIALS, "xelatex")
    assert leaves_specials_bare(tex) == []


def test_the_check_catches_an_escaper_that_misses_caret_and_tilde() -> None:
    assert leaves_specials_bare(_the_escaper_that_missed_two) == ["^", "~"]


def test_pdf_strings_keep_plain_hyphens() -> None:
    assert tex("EU-Central Asia", pdf_string=True) == "EU-Central Asia"
    assert r"\sphinxhyphen{}" in tex("EU-Central Asia")


@pytest.mark.parametrize("field", ["title", "subtitle"])
def test_hostile_edition_text_cannot_break_the_metadata(field: str) -> None:
    edition = read_edition()
    hostile = Edition(**{**edition.__dict__, field: "R&D ^ ~ } { \\ 100% #1 [x]"})
    latex = hypersetup_latex(hostile)
    inner = latex.removeprefix("\\hypersetup{").removesuffix("}\n")
    depth = 0
    for i, char in enumerate(inner):  # braces balance: no value closes its field early
        if char == "{" and (i == 0 or inner[i - 1] != "\\"):
            depth += 1
        elif char == "}" and (i == 0 or inner[i - 1] != "\\"):
            depth -= 1
        assert depth >= 0, latex
    assert depth == 0 and r"\textasciicircum{}" in latex and r"\textasciitilde{}" in latex


def test_the_metadata_of_this_edition_reads_as_before() -> None:
    """The move to the one escaper leaves the PDF's metadata as it was for this edition."""
    edition = read_edition()
    latex = hypersetup_latex(edition)
    assert f"pdftitle={{{edition.title}}}," in latex
    assert f"Edition {edition.version}, {edition.date}}}" in latex
