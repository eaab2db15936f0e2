"""The network explorer's data moved out of its page into a script file of the site.

`eucasia.presentation.page.explorer` writes the data into the page as JSON (so a notebook's output
carries them, and a cached chapter too). On the site, a chapter's first load should carry only
what the reader sees first: the data (15 to 45 kB a page) are needed once the explorer starts,
after the first paint. So the build writes them to `_data/explorer-<page>.js`, which assigns
them to `window.eucasiaExplorerData[<file name>]`, and leaves in the page an empty element that
names the file; the explorer's script loads it with a `<script>` element, which works when the
site is read from disk too (`fetch` does not, from `file://`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from eucasia.assembly.files import write_if_changed

#: The site folder of data files (`eucasia.assembly.datafiles.DATA_DIR`).
DATA_DIR = "_data"
DATA_CLASS = "eucasia-explorer-data"
_DATA_SCRIPT = re.compile(
    r'<script type="application/json" class="' + DATA_CLASS + r'">(.*?)</script>', re.S
)


def data_file_name(pagename: str) -> str:
    """The file of a page's explorer data (`notebooks/resilience` → `explorer-notebooks-resilience.js`)."""
    return "explorer-" + re.sub(r"[^A-Za-z0-9_-]", "-", pagename) + ".js"


def data_script(name: str, data: str) -> str:
    """The data file: it hands the JSON (escaped for a script: no `<`, `>`, `&`) to the page."""
    json.loads(data)  # a page whose data do not parse fails the build here, not in a browser
    return (
        "window.eucasiaExplorerData = window.eucasiaExplorerData || {};\n"
        f"window.eucasiaExplorerData[{json.dumps(name)}] = {data};\n"
    )


def move_data_out(body: str, pagename: str, outdir: Path, link: Callable[[str], str]) -> str:
    """`body` with its explorer data written to a file under `outdir` and named in the page by
    an empty element (`link` turns a site path into the page's relative address)."""
    match = _DATA_SCRIPT.search(body)
    if match is None:
        return body
    if _DATA_SCRIPT.search(body, match.end()):
        raise ValueError(f"{pagename}: more than one explorer on a page; show one, with a switch")
    name = data_file_name(pagename)
    write_if_changed(outdir / DATA_DIR / name, data_script(name, match.group(1)))
    element = (
        f'<div class="{DATA_CLASS}" data-src="{link(f"{DATA_DIR}/{name}")}" '
        f'data-key="{name}" hidden=""></div>'
    )
    return body[: match.start()] + element + body[match.end() :]
