"""eucasia.assembly.explorerdata: the explorer's data leave the page for a script file of the site."""

from __future__ import annotations

import json

import pytest

from eucasia.assembly import explorerdata
from eucasia.presentation.page.explorer import explorer_json

DATA = explorer_json([{"strand": "resilience", "title": "</script><b>x</b> & ‘y’"}])
BODY = (
    '<p>before</p><div class="eucasia-explorer" role="region">'
    f'<script type="application/json" class="eucasia-explorer-data">{DATA}</script>'
    '<p class="eucasia-explorer-intro">Explore</p></div><p>after</p>'
)


def _link(path: str) -> str:
    return "../" + path


def test_the_data_go_to_a_script_file_and_the_page_names_it(tmp_path) -> None:
    body = explorerdata.move_data_out(BODY, "notebooks/resilience", tmp_path, _link)
    name = "explorer-notebooks-resilience.js"
    assert DATA not in body and "application/json" not in body
    assert (
        f'<div class="eucasia-explorer-data" data-src="../_data/{name}" data-key="{name}" '
        'hidden=""></div><p class="eucasia-explorer-intro">' in body
    )
    assert body.startswith("<p>before</p>") and body.endswith("<p>after</p>")
    script = (tmp_path / "_data" / name).read_text(encoding="utf-8")
    assert script.startswith("window.eucasiaExplorerData = window.eucasiaExplorerData || {};\n")
    assert f'window.eucasiaExplorerData["{name}"] = ' in script
    # The value is the JSON, escaped for a script: no markup can start in it.
    value = script.split("] = ", 1)[1].rstrip().removesuffix(";")
    assert json.loads(value) == json.loads(DATA) and "<" not in value


def test_a_page_without_an_explorer_is_left_alone(tmp_path) -> None:
    assert explorerdata.move_data_out("<p>x</p>", "index", tmp_path, _link) == "<p>x</p>"
    assert not (tmp_path / "_data").exists()


def test_data_that_do_not_parse_fail_the_build(tmp_path) -> None:
    broken = BODY.replace(DATA, '{"strands": [')
    with pytest.raises(json.JSONDecodeError):
        explorerdata.move_data_out(broken, "notebooks/x", tmp_path, _link)


def test_two_explorers_on_a_page_are_refused(tmp_path) -> None:
    with pytest.raises(ValueError, match="more than one explorer"):
        explorerdata.move_data_out(BODY + BODY, "notebooks/x", tmp_path, _link)
