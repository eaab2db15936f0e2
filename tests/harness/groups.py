"""The xdist groups really apply: tests that share a build or a Chromium run on one worker.

pytest-xdist's `--dist loadgroup` keeps the tests of one `xdist_group` together by appending
`@group` to each test's id inside the worker, and the controller groups by that suffix. A
pytest that ignores the way xdist writes the id (pytest 9.2 keeps ids in `Item._id`, while
pytest-xdist 3.8 sets `Item._nodeid`) leaves the marks in place but spreads the group over
every worker, silently: each worker then waits for the shared build, and the suite runs
minutes longer. `conftest.py` checks every collection with :func:`ungrouped`.
"""

from __future__ import annotations

from collections.abc import Iterable

import pytest


def group_of(item: pytest.Item) -> str | None:
    """The name the item's `xdist_group` mark gives, as pytest-xdist reads it."""
    names = {
        str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
        for mark in item.iter_markers("xdist_group")
    }
    return "_".join(sorted(names)) if names else None


def ungrouped(items: Iterable[pytest.Item]) -> list[str]:
    """Ids of marked tests whose id lacks the `@group` suffix pytest-xdist schedules by.

    >>> class Item:  # a stand-in: a marked test whose id xdist did not suffix
    ...     nodeid = "tests/test_rebuilds.py::test_noop"
    ...     def iter_markers(self, name):
    ...         return [pytest.mark.xdist_group("second-build").mark]
    >>> ungrouped([Item()])
    ['tests/test_rebuilds.py::test_noop']
    """
    return [
        item.nodeid
        for item in items
        if (group := group_of(item)) and not item.nodeid.endswith(f"@{group}")
    ]


def ungrouped_message(missing: list[str]) -> str:
    return (
        f"pytest-xdist did not apply the xdist_group of {len(missing)} tests (first: "
        f"{missing[0]}), so --dist loadgroup would spread each group over every worker. "
        "This happens when pytest and pytest-xdist disagree on how a test's id is stored: "
        "install the pinned versions of requirements-dev.txt (make env)."
    )
