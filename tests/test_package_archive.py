"""The data package as one download: the archive on the site is the package, byte for byte.

Before, each file of the package was a download of its own, and the descriptor a reader took
away named tables that were not beside it.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from harness.paths import ROOT

from eucasia.assembly.package_archive import ARCHIVE_NAME, package_archive, package_files


def archive_problems(archive: bytes, data_dir: Path) -> list[str]:
    """How the archive differs from the package in `data_dir`: files missing, extra or not the
    same bytes."""
    members = {
        Path(name).name: data
        for name, data in (
            (i.filename, zipfile.ZipFile(io.BytesIO(archive)).read(i))
            for i in zipfile.ZipFile(io.BytesIO(archive)).infolist()
        )
    }
    expected = {p.name: p.read_bytes() for p in package_files(data_dir)}
    problems = [f"missing {n}" for n in sorted(set(expected) - set(members))]
    problems += [f"not in the package: {n}" for n in sorted(set(members) - set(expected))]
    problems += [
        f"{n} differs" for n in sorted(set(expected) & set(members)) if expected[n] != members[n]
    ]
    return problems


def test_the_site_offers_the_package_as_one_archive(built_html: Path) -> None:
    found = sorted((built_html / "_downloads").glob(f"*/{ARCHIVE_NAME}"))
    assert len(found) == 1, f"expected one {ARCHIVE_NAME} on the site, found {found}"
    assert archive_problems(found[0].read_bytes(), ROOT / "data") == []
    for page in ("notebooks/data_dictionary.html", "book/how-to-cite.html"):
        assert ARCHIVE_NAME in (built_html / page).read_text(encoding="utf-8"), page


def test_the_unpacked_archive_validates_as_a_package(tmp_path: Path) -> None:
    from frictionless import Package, system

    zipfile.ZipFile(io.BytesIO(package_archive(ROOT / "data"))).extractall(tmp_path)
    descriptor = next(tmp_path.glob("*/datapackage.json"))
    with system.use_context(trusted=True):
        report = Package(str(descriptor)).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_an_archive_missing_or_changing_a_table_is_named(tmp_path: Path) -> None:
    (tmp_path / "datapackage.json").write_text(
        '{"resources": [{"path": "a.csv"}, {"path": "b.csv"}]}'
    )
    (tmp_path / "a.csv").write_text("id\n1\n")
    (tmp_path / "b.csv").write_text("id\n2\n")
    good = package_archive(tmp_path)
    assert archive_problems(good, tmp_path) == []
    (tmp_path / "b.csv").write_text("id\n3\n")
    assert archive_problems(good, tmp_path) == ["b.csv differs"]
    (tmp_path / "datapackage.json").write_text(
        '{"resources": [{"path": "a.csv"}, {"path": "c.csv"}]}'
    )
    (tmp_path / "c.csv").write_text("id\n")
    assert archive_problems(good, tmp_path) == [
        "missing c.csv",
        "not in the package: b.csv",
        "datapackage.json differs",
    ]
