"""The data package as one file a reader can take away: `datapackage.json` and every table it
lists, in one ZIP archive, byte for byte the same from the same files.

On the site each file of the package was a download of its own, in a folder of its own, so the
descriptor a reader downloaded named siblings that were not beside it and did not validate until
34 tables were fetched by hand. The archive keeps the package's own layout (the descriptor at the
top, the tables beside it), so `frictionless validate datapackage.json` works once it is unpacked.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

#: Every member's time stamp: the archive must not carry the build's clock (reproducible builds).
STAMP = (1980, 1, 1, 0, 0, 0)
ARCHIVE_NAME = "eucasia-data-package.zip"


def package_files(data_dir: Path) -> list[Path]:
    """The descriptor, then each resource's file in the descriptor's order."""
    descriptor = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    return [data_dir / "datapackage.json"] + [data_dir / r["path"] for r in descriptor["resources"]]


def package_archive(data_dir: Path, folder: str = "eucasia-data-package") -> bytes:
    """The ZIP archive of the package in `data_dir`, its files under `folder/`.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "datapackage.json").write_text('{"resources": [{"path": "a.csv"}]}')
    >>> _ = (d / "a.csv").write_text("id\\n1\\n")
    >>> archive = zipfile.ZipFile(io.BytesIO(package_archive(d)))
    >>> archive.namelist()
    ['eucasia-data-package/datapackage.json', 'eucasia-data-package/a.csv']
    >>> package_archive(d) == package_archive(d)
    True
    """
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for path in package_files(data_dir):
            member = zipfile.ZipInfo(f"{folder}/{path.name}", date_time=STAMP)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            archive.writestr(member, path.read_bytes(), compresslevel=9)
    return out.getvalue()
