"""One stylesheet a page: the sheets a page links, joined in their order into one file.

Before its first paint a browser waits for every stylesheet the page links, and over HTTP/1.1
(what most static hosts and `python -m http.server` speak) it opens at most six connections to
a host, each costing round trips before its first byte. A chapter with an explorer linked seven
sheets (Sphinx's, the theme's two, pygments', myst-nb's, the explorer's, the book's): on a
phone's slow link Lighthouse timed its first paint at 2.6 s, with about 0.5 s of it the cost of
the separate files (`make measure`).

So each page links one file, `_static/styles/eucasia-<digest>.css`, named after the list of its
sheets (pages with the same list share it) and made after every build from the sheets as cut
by `assets` (the bundle is cut too, and written again when the cut changes). Its first line
names its sheets. The order, and so the cascade, is the page's own. The bundles live beside the
theme's sheets, so the theme's `url()`s stay valid; the others are rebased.

Which sheets a bundle holds is recorded, when the page is written, in one small file per
bundle under the doctree folder: a rebuild that writes no page still knows every bundle.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import posixpath
from collections.abc import Callable
from pathlib import Path

from tinycss2 import ast

from eucasia.assembly.files import write_if_changed
from eucasia.assembly.site import css, markup

#: Folder of the bundles under `_static`: the theme's sheets live there too.
BUNDLE_DIR = "styles"
BUNDLE_PREFIX = "eucasia-"
#: Icon font subsets (a few kB each) travel inside the bundle: fetched apart, each cost a round
#: trip after the stylesheet's before the page's buttons showed their icons.
INLINE_FONTS = {".woff": "font/woff", ".woff2": "font/woff2"}
INLINE_MAX_BYTES = 8192
#: The first line of every bundle; the sheets follow, separated by spaces.
HEADER = "/* eucasia_site: one file for "
_STATIC = "_static/"


class BundleError(ValueError):
    """A stylesheet that cannot be joined to others (an @import would stop working)."""


def bundle_name(members: list[str]) -> str:
    """The bundle's file name for these sheets (paths under `_static`, in the page's order)."""
    digest = hashlib.sha256("\n".join(members).encode("utf-8")).hexdigest()[:12]
    return f"{BUNDLE_PREFIX}{digest}.css"


def _local_sheet(tag: markup.Tag) -> str | None:
    """The path under `_static` of a stylesheet link to this site, else None."""
    rel = (tag.get("rel") or "").lower().split()
    href = tag.get("href") or ""
    if "stylesheet" not in rel or (tag.get("media") or "all") != "all" or "://" in href:
        return None
    path = href.split("?", 1)[0].split("#", 1)[0]
    while path.startswith("../"):
        path = path[3:]
    return path[len(_STATIC) :] if path.startswith(_STATIC) else None


def join_stylesheets(page: str) -> tuple[str, list[str]]:
    """The page linking one bundle instead of its local stylesheets, and those sheets (paths
    under `_static`, in order); a page with fewer than two is returned as it is."""
    doc = markup.parse(page)
    head_end = page.find("</head>")
    links = [
        (tag, member)
        for tag in doc.find_all("link")
        if (member := _local_sheet(tag)) and (head_end < 0 or tag.start < head_end)
    ]
    if len(links) < 2:
        return page, []
    members = [member for _, member in links]
    first = links[0][0]
    prefix = (first.get("href") or "").split(_STATIC, 1)[0]
    version = hashlib.sha256(
        "\n".join(tag.get("href") or "" for tag, _ in links).encode("utf-8")
    ).hexdigest()[:8]
    href = f"{prefix}{_STATIC}{BUNDLE_DIR}/{bundle_name(members)}?v={version}"
    edits = [(first.start, first.end, f'<link rel="stylesheet" href="{href}" />')]
    edits += [(markup.with_space_before(page, tag.start), tag.end, "") for tag, _ in links[1:]]
    return markup.splice(page, edits), members


def bundle_members(bundle: str) -> list[str]:
    """The sheets a bundle holds, read from its first line (empty if it is not a bundle)."""
    first = bundle.split("\n", 1)[0]
    if not first.startswith(HEADER):
        return []
    return first[len(HEADER) :].removesuffix("*/").split()


def _is_relative(url: str) -> bool:
    return bool(url) and not url.startswith(("#", "/", "data:")) and ":" not in url.split("/")[0]


def rebase_urls(
    text: str, member: str, inline: Callable[[str], str | None] = lambda target: None
) -> str:
    """`text`, a sheet at `_static/<member>`, with its relative `url()`s made relative to the
    bundle folder (unquoted and quoted forms; the addresses are written quoted), or replaced by
    what `inline` gives for their target (a path under `_static`), when it gives one."""
    sheet = css.Sheet(text)
    here = posixpath.dirname(member)
    edits = []
    for token in css.walk(sheet.tokens):
        if isinstance(token, ast.URLToken) and _is_relative(token.value):
            value, start = token.value, sheet.at(token)
            end = sheet.text.index(")", start) + 1  # an unquoted url() holds no bare ")"
        elif isinstance(token, ast.FunctionBlock) and token.lower_name == "url":
            strings = [t for t in token.arguments if isinstance(t, ast.StringToken)]
            if not strings or not _is_relative(strings[0].value):
                continue
            value, start = strings[0].value, sheet.at(token)
            end = sheet.text.index(")", sheet.at(strings[0]) + len(strings[0].representation)) + 1
        else:
            continue
        path, sep, rest = value.partition("?") if "?" in value else value.partition("#")
        target = posixpath.normpath(posixpath.join(here, path))
        rebased = inline(target) or posixpath.relpath(target, BUNDLE_DIR) + sep + rest
        edits.append((start, end, 'url("' + rebased.replace('"', '\\"') + '")'))
    out = sheet.text
    for start, end, replacement in sorted(edits, reverse=True):
        out = out[:start] + replacement + out[end:]
    return out


def _without_charset(text: str, member: str) -> str:
    sheet = css.Sheet(text)
    cut = []
    for statement in sheet.statements():
        if statement.keyword == "import":
            raise BundleError(
                f"_static/{member}: @import at line {statement.tokens[0].source_line} would be "
                "ignored inside a joined stylesheet; link the imported sheet from the page instead"
            )
        if statement.keyword == "charset":
            cut.append((statement.rule, statement.end))
    out = sheet.text
    for start, end in reversed(cut):
        out = out[:start] + out[end:]
    return out


def font_data_uri(static: Path, target: str) -> str | None:
    """A small font file under `static` as a `data:` address (None for anything else)."""
    path = static / target
    media = INLINE_FONTS.get(path.suffix.lower())
    if media is None or not path.is_file() or path.stat().st_size > INLINE_MAX_BYTES:
        return None
    return f"data:{media};base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def member_text(static: Path, member: str) -> str:
    """A sheet as it goes into a bundle: without `@charset`, its addresses rebased and its
    small fonts inside it."""
    text = _without_charset((static / member).read_text(encoding="utf-8"), member)
    return rebase_urls(text, member, functools.partial(font_data_uri, static)).strip("\n")


def bundle_text(static: Path, members: list[str], done: dict[str, str] | None = None) -> str:
    """The sheets under `static`, joined: a header naming them, `@charset`, then each sheet
    (`done`: sheets already prepared by `member_text`, shared by the bundles of one build)."""
    done = {} if done is None else done
    parts = [f"{HEADER}{' '.join(members)} */", '@charset "UTF-8";']
    for member in members:
        if member not in done:
            done[member] = member_text(static, member)
        parts.append(done[member])
    return "\n".join(parts) + "\n"


def record(keep: Path, members: list[str]) -> None:
    """Note which sheets the bundle of `members` holds (for `write_bundles`)."""
    name = bundle_name(members)
    write_if_changed(keep / (name + ".json"), json.dumps(members).encode("utf-8"))


def write_bundles(out: Path, keep: Path) -> list[str]:
    """Write every recorded bundle into `out/_static/styles` from the sheets now in `out`;
    returns the sheets that are missing (their bundles are not written)."""
    static = out / "_static"
    missing: list[str] = []
    done: dict[str, str] = {}
    for path in sorted(keep.glob(f"{BUNDLE_PREFIX}*.css.json")):
        members = json.loads(path.read_text(encoding="utf-8"))
        absent = [m for m in members if not (static / m).is_file()]
        if absent:
            missing += absent
            continue
        text = bundle_text(static, members, done)
        write_if_changed(static / BUNDLE_DIR / path.name.removesuffix(".json"), text.encode())
    return missing
