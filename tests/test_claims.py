"""Claims about extremes name every tied group: the checks and the tracker's sentences.

The tracker said the lowest share delivered was in section 1.1 while its figure showed section
3.3 at zero too: `min()` had picked one of two tied sections. `claims.at_extreme` finds every
group at the extreme and `claims.require_extreme` stops the build when a sentence names fewer;
the page test reads the built tracker's sentences against the data.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from eucasia.analysis import tracker
from eucasia.data import load_tables
from eucasia.presentation.prose.claims import ClaimError, and_list, at_extreme, require_extreme
from eucasia.presentation.tables.comparison import strand_titles
from eucasia.presentation.text.readertext import reader_frame

TRACKER_TABLES = ["implementation_evidence_actors", "second_coding", "initiative_actors", "strands"]


@pytest.fixture(scope="module")
def tables() -> dict:
    return load_tables(TRACKER_TABLES)


def section_shares(tables: dict) -> dict[str, float]:
    by_section = tracker.status_counts(tables, by="area_id")
    return (by_section["delivered"] / by_section.sum(axis=1)).to_dict()


def test_every_tied_group_is_found() -> None:
    shares = {"1.1": 0.0, "1.2": 0.7, "3.3": 0.0}
    assert at_extreme(shares, highest=False) == ["1.1", "3.3"]
    assert at_extreme(shares) == ["1.2"]
    assert at_extreme({}) == []
    assert and_list(["1.1", "3.3"]) == "1.1 and 3.3"


def test_the_check_fails_when_a_tie_is_ignored(tables: dict) -> None:
    """The tracker's old code, `min(shares)`, names one of the sections tied at the lowest share.

    The tie was among the specific initiatives, which the tracker then followed alone; the
    commitments (edition 0.3.0) broke it, so the fixture keeps the initiatives' shares."""
    shares = section_shares(tracker.of_kind(tables, "specific_initiative"))
    tied = at_extreme(shares, highest=False)
    assert len(tied) > 1, "the real data no longer have a tie: the fixture below still does"
    one = min(shares, key=shares.get)
    with pytest.raises(ClaimError, match=r"every group tied at the lowest: " + "'1.1', '3.3'"):
        require_extreme([one], shares, False, f"the lowest share delivered is in section {one}")
    require_extreme(tied, shares, False, "the lowest share delivered is in the sections named")


def test_the_check_fails_on_a_group_that_is_not_at_the_extreme() -> None:
    with pytest.raises(ClaimError, match="tied at the highest: 'b'"):
        require_extreme(["a"], {"a": 1, "b": 2}, True, "a has the most")


def test_a_tie_in_hand_made_data_is_caught() -> None:
    """A fixture tie, independent of the real data: two strands with the same share."""
    shares = {"resilience": 0.5, "prosperity": 0.5, "together": 0.25}
    with pytest.raises(ClaimError):
        require_extreme([max(shares, key=shares.get)], shares, True, "one strand is best")
    assert at_extreme(shares) == ["resilience", "prosperity"]


def _page_text(path: Path) -> str:
    text = re.sub(r"<[^>]+>", " ", path.read_text("utf-8"))
    return " ".join(html.unescape(text).split())


def test_the_tracker_names_every_tied_extreme(built_html: Path, tables: dict) -> None:
    text = _page_text(built_html / "notebooks" / "tracker.html")
    areas = tables["areas"].set_index("area_id")["title"]
    weakest = at_extreme(section_shares(tables), highest=False)
    sentence = re.search(r"the lowest share delivered is in (sections?) (.*?)\.\s", text)
    assert sentence, "the tracker no longer states the lowest share by section"
    assert sentence[1] == ("section" if len(weakest) == 1 else "sections"), sentence[0]
    for area in weakest:
        assert f"{area} ({areas[area]})".replace("'", "\u2019") in sentence[2].replace(
            "'", "\u2019"
        ), (area, sentence[0])
    vehicles = tracker.instruments_of_delivery(tables).pipe(reader_frame)
    most = at_extreme(dict(enumerate(vehicles["initiatives"])))
    named = re.search(r"named for the most items (is|are) (.*?); Table", text)
    assert named and named[1] == ("is" if len(most) == 1 else "are"), named and named[0]
    for i in most:
        assert vehicles.iloc[i]["vehicle"] in named[2], (vehicles.iloc[i]["vehicle"], named[0])


def test_a_strand_chapter_stops_on_a_tie_among_its_leaders() -> None:
    """The facts of a strand chapter ("the three most central", "alone has a betweenness of",
    "the next broker") are checked where they are computed: a tie in any of them stops it."""
    import pandas as pd

    from eucasia.presentation.prose.facts import _check_leaders

    ranked = pd.DataFrame({"label": list("ABCD"), "strength": [9, 7, 5, 4]})
    brokers = pd.DataFrame({"node": list("abcd"), "betweenness": [0.8, 0.1, 0.05, 0.0]})
    _check_leaders(ranked, brokers)
    with pytest.raises(ClaimError, match="D ties with the third"):
        _check_leaders(ranked.assign(strength=[9, 7, 5, 5]), brokers)
    with pytest.raises(ClaimError, match="a alone is the top broker"):
        _check_leaders(ranked, brokers.assign(betweenness=[0.8, 0.8, 0.05, 0.0]))
    with pytest.raises(ClaimError, match="b is the next broker"):
        _check_leaders(ranked, brokers.assign(betweenness=[0.8, 0.1, 0.1, 0.0]))


def test_an_extreme_beaten_by_a_shown_group_outside_the_claim_fails() -> None:
    """The tracker called Partnering for Resilience's 22 of 41 "the highest share delivered"
    while its figure showed the overarching priority at 4 of 4: without a stated scope the
    claim fails; with one ("among the three strands") it holds, and so does a claim over all."""
    strands = {"resilience": 22 / 41, "prosperity": 23 / 46, "together": 8 / 21}
    shown = {**strands, "regional": 4 / 4}
    with pytest.raises(ClaimError, match="'regional' .outside the claim. reach the extreme"):
        require_extreme(["resilience"], strands, True, "resilience is highest", shown=shown)
    require_extreme(
        ["resilience"],
        strands,
        True,
        "resilience is highest",
        shown=shown,
        scope="among the strands",
    )
    require_extreme(["regional"], shown, True, "regional is highest", shown=shown)
    # a shown group that does not reach the extreme needs no scope
    require_extreme(["together"], strands, False, "together is lowest", shown=shown)


def test_the_silent_actors_clause_reads_right_for_0_1_and_2() -> None:
    from eucasia.presentation.prose.wording import silent_actors

    assert silent_actors([]) == "none is missing from the evidence altogether"
    assert silent_actors(["NATO"]) == "one, NATO, appears in no evidence at all"
    assert silent_actors(["NATO", "the OSCE"]) == (
        "two appear in no evidence at all: NATO and the OSCE"
    )
    for names in ([], ["NATO"], ["NATO", "the OSCE"]):
        assert not re.search(r"\b0\b|\(none\)", silent_actors(names))


def _strand_sentence_problems(text: str, tables: dict) -> list[str]:
    """What is wrong with the tracker's sentence on the strands' highest share, in page text."""
    counts = tracker.status_counts(tables)
    shares = (counts["delivered"] / counts.sum(axis=1)).to_dict()
    sentence = re.search(r"([^.]*)\bthe highest share delivered is in ([^,]*),", text)
    if not sentence:
        return ["the tracker no longer states the highest share delivered"]
    titles = strand_titles(tables)
    named = [s for s in shares if titles[s] in sentence[2]]
    top = max(shares[s] for s in named) if named else 0
    outside = [s for s in shares if s not in named and shares[s] >= top]
    if outside and not re.search(r"\bamong the \w+ strands\s*,?\s*$", sentence[1], re.I):
        return [f"{sentence[0]!r} ignores {outside}, which the figure shows at least as high"]
    return []


def test_the_tracker_states_the_scope_of_its_highest_share(built_html: Path, tables: dict) -> None:
    text = _page_text(built_html / "notebooks" / "tracker.html")
    assert _strand_sentence_problems(text, tables) == []
    unscoped = re.sub(r"Among the \w+ strands\s*,\s*the highest", "The highest", text)
    assert _strand_sentence_problems(unscoped, tables), "the check cannot fail"
    clause = re.search(
        r"Further down the ranking the picture thins: of these actors, ([^.]*)\.", text
    )
    assert clause and not re.search(r"\b0\b|\(none\)", clause[1]), clause and clause[0]


def glued_zero_counts(html: str) -> list[str]:
    """Glued values that put the digit 0 before a noun ("0 appear", "records 0 meetings"), or
    that are a bare 0 in running prose ("the largest number ... is 0 (Table 7.1)", as the
    countries page read): a zero count reads as words ("none", "no meetings"). A table cell
    may show 0; a paragraph or list item says it."""
    from bs4 import BeautifulSoup

    found = []
    for span in BeautifulSoup(html, "html.parser").select("span.pasted-text"):
        text = span.get_text()
        after = span.next_sibling if isinstance(span.next_sibling, str) else ""
        in_prose = span.find_parent(["td", "th"]) is None and span.find_parent(["p", "li"])
        if re.match(r"0 [a-z]", text) or (text.strip() == "0" and in_prose):
            found.append(" ".join((text + after).split())[:60])
    return found


def test_no_glued_zero_count_on_the_chapters(built_html: Path) -> None:
    pages = sorted((built_html / "notebooks").glob("*.html"))
    assert len(pages) >= 8
    found = [f"{p.name}: {z}" for p in pages for z in glued_zero_counts(p.read_text("utf-8"))]
    assert found == []
    # the tracker, the synthesis and the countries page as they were
    old = (
        '<p>of these actors, <span class="pasted-text">0 appear</span> in no evidence at all '
        '(<span class="pasted-text">none</span>). The timeline records '
        '<span class="pasted-text">0</span> meetings; the largest number is '
        '<span class="pasted-text">0</span> (Table 7.1).</p>'
    )
    found = glued_zero_counts(old)
    assert [z.split()[:2] for z in found] == [["0", "appear"], ["0", "meetings;"], ["0", "(Table"]]
    # a 0 in a table cell is a table's number, not prose
    cell = '<table><tr><td><p><span class="pasted-text">0</span></p></td></tr></table>'
    assert glued_zero_counts(cell) == []
