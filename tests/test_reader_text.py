"""Reader text: no internal source key, one money format, an en dash between the partners.

The unit tests pin the formatting functions (eucasia.presentation.text.money and .text); the build
tests read every built page as a reader sees it (text of the page body, without scripts, code,
the bibliography's quoted titles and words in quotation marks) and fail on any source key of
data/sources.csv, any money amount not in the house style, and any 'EU-Central Asia' with a
hyphen. Each check is first shown to catch a page that breaks it.
"""

from __future__ import annotations

import csv
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from harness.paths import HTML, ROOT

from eucasia.presentation.text.money import format_eur, format_money, house_money
from eucasia.presentation.text.readertext import PARTNERS, cite_sources, partner_dash, reader_text

SOURCE_IDS = sorted(
    (r["source_id"] for r in csv.DictReader((ROOT / "data" / "sources.csv").open())),
    key=len,
    reverse=True,
)

# --- the formatting functions -------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (4.3e9, "EUR 4.3 billion"),
        (845e6, "EUR 845 million"),
        (1e9, "EUR 1 billion"),
        (1.072e9, "EUR 1.072 billion"),  # never rounded beyond what the source gives
        (1.47e9, "EUR 1.47 billion"),
        (10.4e6, "EUR 10.4 million"),
        (1234567, "EUR 1.235 million"),  # rounded to a thousandth of the unit
        (999_999_999, "EUR 1,000 million"),
        (1.5e12, "EUR 1,500 billion"),  # thousands separated by commas
        (500_000, "EUR 500,000"),
        (0, "EUR 0"),
    ],
)
def test_format_money_units_rounding_thousands(amount: float, expected: str) -> None:
    assert format_money(amount) == expected


def test_format_money_currency_and_qualifier() -> None:
    assert format_money(80.4e9, "USD") == "USD 80.4 billion"
    assert format_eur(550e6, "approximately") == "about EUR 550 million"
    assert format_eur(1e9, "up_to") == "up to EUR 1 billion"
    assert format_eur(365e6, "at_least") == "at least EUR 365 million"


@pytest.mark.parametrize(
    ("text", "currency", "expected"),
    [
        ("from EUR 845 m to 780 m.", None, "from EUR 845 million to EUR 780 million."),
        ("with 3.77 bn exports", "EUR", "with EUR 3.77 billion exports"),
        ("Budget: €10 million", None, "Budget: EUR 10 million"),
        ("EUR 1 072 million allocation", None, "EUR 1.072 billion allocation"),
        (
            "transport EUR 3 bn, water EUR 2.5 bn",
            None,
            "transport EUR 3 billion, water EUR 2.5 billion",
        ),
        ("USD 200 bln in 20 years", None, "USD 200 billion in 20 years"),
        ("a grant of EUR 5000000", None, "a grant of EUR 5 million"),
        ("it said 'rose to €1 billion'.", None, "it said 'rose to €1 billion'."),  # a quotation
        ("in 2019 the 5 states, 12 m high", None, "in 2019 the 5 states, 12 m high"),  # no currency
    ],
)
def test_house_money_in_free_text(text: str, currency: str | None, expected: str) -> None:
    assert house_money(text, currency) == expected


def test_partner_dash_joins_the_partners_only() -> None:
    assert partner_dash("the EU-Central Asia Forum") == "the EU–Central Asia Forum"
    assert (
        partner_dash("EU - Uzbekistan and EU-Kyrgyz talks") == "EU–Uzbekistan and EU–Kyrgyz talks"
    )
    assert partner_dash("an EU-funded EUR-Lex text") == "an EU-funded EUR-Lex text"
    assert reader_text(float("nan")) == ""


def test_missing_values_are_empty_cells() -> None:
    import pandas as pd

    assert reader_text(pd.NA) == reader_text(None) == cite_sources(pd.NA, ["a_2014"]) == ""


def test_year_spans_take_an_en_dash_dates_do_not() -> None:
    from eucasia.presentation.text.readertext import range_dash

    assert range_dash("DCI 2014-2020, MIP 2021-2027") == "DCI 2014–2020, MIP 2021–2027"
    assert range_dash("on 2019-05-15 and 2024-06") == "on 2019-05-15 and 2024-06"


def test_reader_frame_rewrites_text_columns_of_any_text_dtype() -> None:
    import pandas as pd

    from eucasia.presentation.text.readertext import reader_frame

    frame = pd.DataFrame({"a": ["EU-Central Asia"], "n": [3]}).assign(
        b=lambda f: f["a"].astype("string")
    )
    out = reader_frame(frame)
    assert out["a"][0] == out["b"][0] == "EU–Central Asia" and out["n"][0] == 3


def test_cite_sources_turns_keys_into_citations_and_escapes_the_rest() -> None:
    ids = ["eeas_kgz_2018_ministerial", "ebxnews_2013", "a_2014", "b_2014"]
    note = "EEAS 2018 (eeas_kgz_2018_ministerial) says *x*; (a_2014; b_2014), see ebxnews_2013."
    out = cite_sources(note, ids)
    assert "EEAS 2018 {cite}`eeas_kgz_2018_ministerial` says \\*x\\*\\;" in out
    assert "{cite}`a_2014,b_2014`" in out and "see {cite}`ebxnews_2013`\\." in out
    assert "(eeas" not in out
    assert cite_sources("no key here {glue}`x`", ids) == "no key here \\{glue\\}\\`x\\`"


def test_every_table_of_data_text_cites_only_real_sources_and_shows_no_key() -> None:
    from eucasia.data import load_tables
    from eucasia.presentation.tables.context_tables import funding_table
    from eucasia.presentation.tables.country_tables import agreements_table, indicators_table
    from eucasia.presentation.tables.tracker_tables import status_table

    tables = load_tables()
    cells = [*funding_table(tables)["note"]]
    for strand in ("resilience", "prosperity", "together"):
        cells += [*status_table(tables, strand)["why"]]
    for code in tables["countries"]["country_code"]:
        cells += [*agreements_table(tables, code)["note"], *indicators_table(tables, code)["note"]]
    cited = {k for c in cells for m in re.findall(r"\{cite\}`([^`]*)`", c) for k in m.split(",")}
    assert cited and cited <= set(SOURCE_IDS), sorted(cited - set(SOURCE_IDS))
    bare = [c for c in cells if source_keys_in(re.sub(r"\{cite\}`[^`]*`", "", c).replace("\\", ""))]
    assert bare == []


# --- the checks over built pages ----------------------------------------------------------

_SKIP = {"script", "style", "code", "pre", "noscript", "template"}


class _ReaderText(HTMLParser):
    """Visible text of the page body, without code, scripts and the bibliography's entries."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"br", "img", "meta", "link", "input", "hr", "source", "wbr"}:
            return
        classes = (dict(attrs).get("class") or "").split()
        hidden = tag in _SKIP or "citation-list" in classes or "citation" in classes
        self.stack.append(hidden or (bool(self.stack) and self.stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        if tag not in {"br", "img", "meta", "link", "input", "hr", "source", "wbr"} and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


def reader_text_of(html: str) -> str:
    body = html.split("<body", 1)[-1]
    parser = _ReaderText()
    parser.feed(body)
    return re.sub(r"\s+", " ", " ".join(parser.parts))


_QUOTED = re.compile(r"[‘“'][^’”']{0,300}[’”']")
_KEY = re.compile(r"\b(" + "|".join(map(re.escape, SOURCE_IDS)) + r")\b")
_MONEY = re.compile(
    r"(?:EUR|USD|€|US\$|\$)\s?\d[\d,. \u202f\u00a0]*(?:\s?(?:billion|million|bn|bln|mln|mn|m)\b)?"
    r"|\b\d[\d,.]*\s?(?:bn|bln|mln)\b",
    re.IGNORECASE,
)
_HOUSE = re.compile(
    r"(?:EUR|USD) (?:\d{1,3}(?:,\d{3})*(?:\.\d{0,2}[1-9])? (?:billion|million)|\d{1,3}(?:,\d{3})*)"
)
_HYPHENATED_PAIR = re.compile(r"\bEU ?[-‐‑] ?(?:" + "|".join(PARTNERS) + r")\b")


def source_keys_in(text: str) -> list[str]:
    return sorted(set(_KEY.findall(text)))


def off_style_money(text: str) -> list[str]:
    unquoted = _QUOTED.sub(" ", text)
    found = (m.group().strip(" ,.") for m in _MONEY.finditer(unquoted))
    return sorted({m for m in found if not _HOUSE.fullmatch(m)})


def hyphenated_year_spans(text: str) -> list[str]:
    return sorted(set(re.findall(r"\b(?:19|20)\d\d-(?:19|20)\d\d\b", _QUOTED.sub(" ", text))))


def missing_markers(text: str) -> list[str]:
    """pandas' '<NA>' or a bare 'nan' shown where a cell is empty."""
    return sorted(set(re.findall(r"<NA>|\bnan\b|\bNaN\b", text)))


def hyphenated_pairs(text: str) -> list[str]:
    return sorted(set(_HYPHENATED_PAIR.findall(_QUOTED.sub(" ", text))))


BROKEN_PAGE = """<html><body><main><p>Political announcement (politico_2014_kaz_epca).</p>
<table><tr><td>Trade fell from EUR 845 m to 780 m; 3.77 bn exports; €1 billion; EUR 4.30 billion</td>
<td>The EU-Central Asia Forum, MIP 2021-2027, on 2019-05-15</td></tr></table>
<div class="citation-list"><div class="citation">EUR-Lex. €10 billion for EU-Central Asia ties</div></div>
<pre>join2019_en</pre><table><tr><td>&lt;NA&gt;</td></tr></table><p>He said ‘EU-Central Asia partners got €1 billion’.</p></main></body></html>"""

GOOD_PAGE = """<html><body><main><p>Announcement [12]. EUR 4.3 billion, EUR 845 million,
about EUR 10.4 million, EUR 500,000, USD 80.4 billion. The EU–Central Asia Forum; EU-funded.</p>
<div class="citation-list"><div class="citation">EBX News. €1 billion for EU-Central Asia</div></div>
</main></body></html>"""


def test_the_checks_catch_a_page_that_breaks_each_rule() -> None:
    text = reader_text_of(BROKEN_PAGE)
    assert source_keys_in(text) == ["politico_2014_kaz_epca"]  # not the one in <pre>
    # '780 m' alone cannot be told from metres: house_money gives it the currency named before it.
    assert off_style_money(text) == ["3.77 bn", "EUR 4.30 billion", "EUR 845 m", "€1 billion"]
    assert hyphenated_pairs(text) == ["EU-Central Asia"]  # not the bibliography's, not the quote's
    assert missing_markers(text) == ["<NA>"]
    assert hyphenated_year_spans(text) == ["2021-2027"]  # not the date


def test_the_checks_pass_a_page_in_house_style() -> None:
    text = reader_text_of(GOOD_PAGE)
    assert (source_keys_in(text), off_style_money(text), hyphenated_pairs(text)) == ([], [], [])
    assert missing_markers(text) == [] == hyphenated_year_spans(text)


PAGES = (
    sorted(p.relative_to(HTML).as_posix() for p in HTML.glob("**/*.html")) if HTML.is_dir() else []
)
READER_PAGES = [p for p in PAGES if p.startswith(("book/", "notebooks/"))]


@pytest.mark.parametrize("page", READER_PAGES)
def test_built_pages_follow_the_reader_text_rules(built_html: Path, page: str) -> None:
    text = reader_text_of((built_html / page).read_text(encoding="utf-8"))
    assert source_keys_in(text) == [], f"{page}: internal source keys shown to readers"
    assert off_style_money(text) == [], f"{page}: money not in the house style (money.py)"
    assert hyphenated_pairs(text) == [], f"{page}: a hyphen where the partners take an en dash"
    assert missing_markers(text) == [], f"{page}: a missing value shown as a word"
    assert hyphenated_year_spans(text) == [], f"{page}: a span of years with a hyphen"
