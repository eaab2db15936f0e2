"""What changed between editions: the stored previous edition is the release, the comparison is
right on small packages, and the page and its CSVs show exactly the comparison of the two packages.

- The snapshot under `book/_editions/<version>/` equals `git show v<version>:data/<file>`, file for
  file and byte for byte, when git and the tag are there (skipped otherwise: a source archive
  has neither).
- `diff_editions` on fixtures: a row added, removed, a field corrected, a table new, a table
  dropped, a column added, a composite key, a renamed key paired only where a record check
  names the old key.
- The built page: each of its three tables has the rows the comparison has, and each CSV is the
  comparison, cell for cell (each check shown failing on a fixture that breaks it).
- The cache key of the page lists both packages, so an edit to either re-executes it.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from harness.paths import ROOT

from eucasia.analysis.editions import diff_editions
from eucasia.assembly.cachekey import notebook_inputs
from eucasia.data.snapshots import TextTable, read_text_package, stored_editions
from eucasia.presentation.page.downloads import frame_csv
from eucasia.presentation.tables.edition_tables import (
    SUMMARY_LABEL,
    corrections_label,
    corrections_tables,
    marked_values,
    rows_label,
    rows_tables,
    summary_table,
)

EDITIONS = ROOT / "book" / "_editions"
PAGE = "notebooks/changes.html"


# The snapshot is the release -------------------------------------------------------------------


def _git(*args: str, root: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)


def snapshot_mismatches(folder: Path, tag: str, root: Path = ROOT) -> list[str]:
    """Files of `folder` that differ from `data/` at `tag`, or are missing from either side."""
    listing = _git("ls-tree", "--name-only", f"{tag}:data", root=root)
    assert listing.returncode == 0, listing.stderr
    tagged = {n for n in listing.stdout.decode().split() if n.endswith((".csv", ".json"))}
    stored = {p.name for p in folder.iterdir()}
    problems = [f"{n}: not in the tag" for n in sorted(stored - tagged)]
    problems += [f"{n}: not stored" for n in sorted(tagged - stored)]
    for name in sorted(tagged & stored):
        if _git("show", f"{tag}:data/{name}", root=root).stdout != (folder / name).read_bytes():
            problems.append(f"{name}: differs from {tag}")
    return problems


def _tag_or_skip(version: str) -> str:
    tag = f"v{version}"
    if shutil.which("git") is None or _git("rev-parse", "--verify", f"{tag}^{{}}").returncode:
        pytest.skip(f"git or the tag {tag} is not available here")
    return tag


@pytest.mark.parametrize("version", stored_editions(EDITIONS))
def test_each_stored_edition_is_its_release_tag(version: str) -> None:
    tag = _tag_or_skip(version)
    assert snapshot_mismatches(EDITIONS / version, tag) == []


def test_the_snapshot_check_fails_on_an_edited_extra_or_missing_file(tmp_path: Path) -> None:
    version = stored_editions(EDITIONS)[0]
    tag = _tag_or_skip(version)
    copy = tmp_path / version
    shutil.copytree(EDITIONS / version, copy)
    (copy / "strands.csv").write_bytes((copy / "strands.csv").read_bytes() + b"x")
    (copy / "extra.csv").write_text("a\n1\n", encoding="utf-8")
    (copy / "areas.csv").unlink()
    assert snapshot_mismatches(copy, tag) == [
        "extra.csv: not in the tag",
        "areas.csv: not stored",
        f"strands.csv: differs from {tag}",
    ]


def test_there_is_a_stored_edition_and_it_reads() -> None:
    versions = stored_editions(EDITIONS)
    assert versions, "no previous edition is stored under book/_editions"
    package = read_text_package(EDITIONS / versions[-1])
    assert package and all(t.key for t in package.values())


def test_versions_sort_as_numbers(tmp_path: Path) -> None:
    for version in ("0.10.0", "0.9.1", "0.2.0"):
        (tmp_path / version).mkdir()
        (tmp_path / version / "datapackage.json").write_text("{}", encoding="utf-8")
    (tmp_path / "notes").mkdir()  # not an edition: no descriptor
    assert stored_editions(tmp_path) == ["0.2.0", "0.9.1", "0.10.0"]


# The comparison on fixtures ---------------------------------------------------------------------


def _table(name: str, key: tuple[str, ...], rows: list[list[str]], columns: list[str]) -> TextTable:
    return TextTable(name, key, pd.DataFrame(rows, columns=columns, dtype=object))


def _events(rows: list[list[str]], columns: tuple[str, ...] = ("event_id", "date")) -> TextTable:
    return _table("timeline", ("event_id",), rows, list(columns))


def _checks(rows: list[list[str]]) -> TextTable:
    return _table("record_checks", ("table", "row_key"), rows, ["table", "row_key", "note"])


def _summary(diff, table: str) -> dict:
    return diff.summary.set_index("table").loc[table].to_dict()


def test_rows_added_removed_and_a_corrected_field() -> None:
    old = {"timeline": _events([["a", "2019"], ["b", "2020"], ["c", "2021"]])}
    new = {"timeline": _events([["a", "2019"], ["b", "2020-05"], ["d", "2022"]])}
    diff = diff_editions(old, new)
    row = _summary(diff, "timeline")
    assert (row["added"], row["corrected"], row["removed"]) == (1, 1, 1)
    assert (row["rows_before"], row["rows_after"]) == (3, 3)
    assert diff.corrections.values.tolist() == [["timeline", "b", "date", "2020", "2020-05"]]
    assert diff.rows[["key", "change"]].values.tolist() == [["d", "added"], ["c", "removed"]]


def test_an_emptied_cell_is_missing_not_an_empty_string() -> None:
    diff = diff_editions({"timeline": _events([["a", "2019"]])}, {"timeline": _events([["a", ""]])})
    assert diff.corrections.values.tolist() == [["timeline", "a", "date", "2019", None]]


def test_a_new_table_is_all_added_and_a_dropped_table_all_removed() -> None:
    events = _events([["a", "2019"], ["b", "2020"]])
    diff = diff_editions({"old_table": events}, {"timeline": events})
    assert diff.summary["table"].tolist() == ["timeline", "old_table"]  # dropped tables last
    new, dropped = _summary(diff, "timeline"), _summary(diff, "old_table")
    assert (new["added"], new["removed"], pd.isna(new["rows_before"])) == (2, 0, True)
    assert (dropped["added"], dropped["removed"], pd.isna(dropped["rows_after"])) == (0, 2, True)
    assert new["columns_added"] is None and dropped["columns_removed"] is None


def test_a_column_added_or_removed_is_named_not_a_correction_of_every_row() -> None:
    old = {"timeline": _events([["a", "2019"]])}
    new = {"timeline": _events([["a", "2019", "x"]], ("event_id", "date", "place"))}
    diff = diff_editions(old, new)
    assert _summary(diff, "timeline")["columns_added"] == "place"
    assert _summary(diff, "timeline")["corrected"] == 0 and diff.corrections.empty
    assert _summary(diff_editions(new, old), "timeline")["columns_removed"] == "place"


def test_a_composite_key_matches_rows_by_all_its_fields() -> None:
    columns = ["agreement_id", "milestone", "date"]
    key = ("agreement_id", "milestone")
    old = {"m": _table("m", key, [["kaz", "signed", "2015"], ["kgz", "signed", "2019"]], columns)}
    new = {
        "m": _table("m", key, [["kaz", "signed", "2015-12-21"], ["kgz", "signed", "2019"]], columns)
    }
    diff = diff_editions(old, new)
    assert diff.corrections.values.tolist() == [["m", "kaz/signed", "date", "2015", "2015-12-21"]]


def test_a_renamed_key_is_paired_where_a_record_check_names_the_old_key() -> None:
    old = {"timeline": _events([["2013-11-x", "2013-11"], ["2014-y", "2014"]])}
    new = {
        "timeline": _events([["2013-11-20-x", "2013-11-20"], ["2014-05-y", "2014-05"]]),
        "record_checks": _checks(
            [
                ["timeline", "2013-11-20-x", "Day added; event id changed from 2013-11-x."],
                # names no old key as a whole word (2014-y is only a part of 2014-yz): not paired
                ["timeline", "2014-05-y", "Month added (was 2014-yz)."],
            ]
        ),
    }
    rows = diff_editions(old, new).rows.set_index(["table", "key"])
    assert rows.loc[("timeline", "2013-11-20-x"), "renamed"] == "2013-11-x"
    assert rows.loc[("timeline", "2013-11-x"), "renamed"] == "2013-11-20-x"
    assert rows.loc[("timeline", "2013-11-x"), "record_check"].startswith("Day added")
    assert pd.isna(rows.loc[("timeline", "2014-05-y"), "renamed"])
    assert pd.isna(rows.loc[("timeline", "2014-y"), "renamed"])


def test_the_table_a_reader_sees_names_the_rename_and_totals_the_counts() -> None:
    old = {"timeline": _events([["a", "2019"], ["b", "2020"]]), "record_checks": _checks([])}
    new = {
        "timeline": _events([["a2", "2019"], ["b", "2021"]]),
        "record_checks": _checks([["timeline", "a2", "Id changed from a."]]),
    }
    diff = diff_editions(old, new)
    shown = {name: frame.fillna("") for name, frame in rows_tables(diff).items()}
    assert shown["timeline"][["row", "renamed"]].values.tolist() == [
        ["a2", "from a"],
        ["a", "to a2"],
    ]
    assert shown["record_checks"][["row", "renamed"]].values.tolist() == [["timeline/a2", ""]]
    assert corrections_tables(diff, "0.1.0")["timeline"].values.tolist() == [
        ["b", "date", "0.1.0", "2020"],
        ["b", "date", "now", "2021"],
    ]
    summary = summary_table(diff, "0.1.0").set_index("table")
    assert summary.loc["all tables", ["added", "corrected", "removed"]].tolist() == [2, 1, 1]
    assert summary.loc["all tables", "rows in 0.1.0"] == 2
    assert summary["columns changed"].isna().all()


def test_only_a_table_whose_columns_changed_says_so() -> None:
    # One table gains a column, the other does not: the other's cell is absent (pandas 3 made the
    # missing names NaN, and the page read "added: nan" on every other table).
    old = {"timeline": _events([["a", "2019"]]), "other": _events([["a", "2019"]])}
    new = {
        "timeline": _events([["a", "2019", "x"]], ("event_id", "date", "place")),
        "other": _events([["a", "2019"]]),
    }
    shown = summary_table(diff_editions(old, new), "0.1.0")["columns changed"]
    assert shown.fillna("–").tolist() == ["added: place", "–", "–"]


# The cache key -----------------------------------------------------------------------------------


def test_the_page_is_re_executed_when_either_package_changes() -> None:
    inputs = {p.resolve() for p in notebook_inputs((ROOT / "notebooks" / "changes.md").read_text())}
    stored = {p.resolve() for p in EDITIONS.rglob("*") if p.is_file()}
    current = {p.resolve() for p in (ROOT / "data").iterdir() if p.suffix in {".csv", ".json"}}
    assert stored and stored <= inputs
    assert current <= inputs


# The built page and its files -------------------------------------------------------------------


def page_row_counts(markup: str) -> dict[str, int]:
    """Body rows of each table of the page that shows the change, by its label."""
    soup = BeautifulSoup(markup, "html.parser")
    return {
        table["id"]: len(table.select("tbody > tr"))
        for table in soup.find_all("table", id=True)
        if table["id"].startswith("tbl-chg-")
    }


def page_mismatches(html: Path, expected: dict[str, pd.DataFrame]) -> list[str]:
    """The page has exactly the expected tables, each with its frame's rows, and each CSV is
    that frame as the page helpers write it, byte for byte."""
    counts = page_row_counts((html / PAGE).read_text(encoding="utf-8"))
    problems = [f"{label}: not on the page" for label in expected if label not in counts]
    problems += [f"{label}: not in the comparison" for label in counts if label not in expected]
    for label, frame in expected.items():
        if counts.get(label, len(frame)) != len(frame):
            problems.append(f"{label}: {counts[label]} rows on the page, {len(frame)} in the data")
        file = html / "_data" / f"{label}.csv"
        if not file.is_file() or file.read_text(encoding="utf-8") != frame_csv(frame):
            problems.append(f"{label}.csv is not the comparison of the two packages")
    return problems


def expected_tables(root: Path = ROOT) -> dict[str, pd.DataFrame]:
    previous = stored_editions(root / "book" / "_editions")[-1]
    diff = diff_editions(
        read_text_package(root / "book" / "_editions" / previous),
        read_text_package(root / "data"),
    )
    tables = {SUMMARY_LABEL: summary_table(diff, previous)}
    tables |= {corrections_label(n): f for n, f in corrections_tables(diff, previous).items()}
    tables |= {rows_label(n): f for n, f in rows_tables(diff).items()}
    return tables


def test_the_page_and_its_csvs_are_the_comparison_of_the_two_packages(built_html: Path) -> None:
    assert page_mismatches(built_html, expected_tables()) == []


def test_the_page_check_fails_on_a_missing_row_and_an_edited_value(
    built_html: Path, tmp_path: Path
) -> None:
    site = tmp_path / "html"
    (site / "notebooks").mkdir(parents=True)
    shutil.copytree(built_html / "_data", site / "_data")
    expected = expected_tables()
    fixed = next(label for label in expected if label.startswith("tbl-chg-fix-"))
    rows = next(label for label in expected if label.startswith("tbl-chg-rows-"))
    markup = (built_html / PAGE).read_text(encoding="utf-8")
    soup = BeautifulSoup(markup, "html.parser")
    soup.find("table", id=rows).select("tbody > tr")[0].decompose()
    soup.find("table", id=SUMMARY_LABEL)["id"] = "tbl-chg-other"
    (site / PAGE).write_text(str(soup), encoding="utf-8")
    corrections = site / "_data" / f"{fixed}.csv"
    header, first, *rest = corrections.read_text(encoding="utf-8").split("\n")
    corrections.write_text("\n".join([header, first + "x", *rest]), encoding="utf-8")
    assert page_mismatches(site, expected) == [
        f"{SUMMARY_LABEL}: not on the page",
        "tbl-chg-other: not in the comparison",
        f"{fixed}.csv is not the comparison of the two packages",
        f"{rows}: {len(expected[rows]) - 1} rows on the page, {len(expected[rows])} in the data",
    ]


def test_a_longer_corrected_value_shows_the_words_that_changed_in_bold() -> None:
    columns = ["row", "field", "edition", "value"]
    frame = pd.DataFrame(
        [
            ["k", "note", "0.1.0", "coded from the first paragraph of the text"],
            ["k", "note", "now", "coded from the second paragraph of the text"],
            ["d", "date", "0.1.0", "2019-05"],
            ["d", "date", "now", "2019-05-15"],
        ],
        columns=columns,
    )
    values = marked_values(frame, set())
    assert [str(v) for v in values] == [
        "coded from the **first** paragraph of the text",
        "coded from the **second** paragraph of the text",
        "2019\\-05",
        "2019\\-05\\-15",
    ]
    # The download holds the values as the data has them.
    assert [getattr(v, "data", v) for v in values[:2]] == list(frame["value"][:2])


def bold_problems(html: Path, expected: dict[str, pd.DataFrame]) -> list[str]:
    """Corrections tables whose cells show a different number of values with bold words than
    the comparison marks, or that show the bold markers as text."""
    soup = BeautifulSoup((html / PAGE).read_text(encoding="utf-8"), "html.parser")
    problems = []
    for label, frame in expected.items():
        if not label.startswith("tbl-chg-fix-"):
            continue
        table = soup.find("table", id=label)
        cells = table.select("tbody td") if table else []
        marked = sum("**" in str(v) for v in marked_values(frame, set()))
        shown = sum(1 for td in cells if td.find("strong"))
        if shown != marked:
            problems.append(f"{label}: {shown} values with bold words, {marked} marked")
        problems += [f"{label}: markers shown as text" for td in cells if "**" in td.get_text()]
    return problems


def test_the_page_shows_the_changed_words_in_bold(built_html: Path) -> None:
    expected = expected_tables()
    assert any("**" in str(v) for f in expected.values() if "value" in f for v in
               marked_values(f, set())), "expected some corrected values to mark"  # fmt: skip
    assert bold_problems(built_html, expected) == []


def test_the_bold_check_fails_on_markers_left_as_text(built_html: Path, tmp_path: Path) -> None:
    site = tmp_path / "html"
    (site / "notebooks").mkdir(parents=True)
    soup = BeautifulSoup((built_html / PAGE).read_text(encoding="utf-8"), "html.parser")
    cell = soup.select_one("table[id^=tbl-chg-fix-] td strong").find_parent("td")
    for strong in cell.find_all("strong"):  # the bold words of one value shown as typed
        strong.replace_with("**" + strong.get_text() + "**")
    (site / PAGE).write_text(str(soup), encoding="utf-8")
    problems = bold_problems(site, expected_tables())
    assert any("values with bold words" in p for p in problems)
    assert any("markers shown as text" in p for p in problems)
