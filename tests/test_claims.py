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
from eucasia.presentation.text.readertext import reader_frame

TRACKER_TABLES = ["implementation_evidence_actors", "second_coding", "initiative_actors"]


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
