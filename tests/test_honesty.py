"""The README's honesty counts are measured by the tests, never typed.

The counts come from the fixture lists the tests run: the loader's bad-input cases
(tests/test_loader_errors.py, every one asserted rejected with its location), the kinds of
the seeded corruption test, the fuzzer's case counts (tests/test_fuzz_loader.py), the broken
packages Frictionless referees (tests/test_referee.py), and the kinds of markup in the hostile value that the slow text
safety test places in every free-text column. They are written to `$EUCASIA_TEST_ARTIFACTS/honesty.json`, and
the README must state the same numbers.
"""

from __future__ import annotations

import json
import re

import test_corruption_property as corruption
import test_fuzz_loader as fuzz
import test_loader_errors as loader
import test_referee as referee
import test_text_safety as safety
from harness.paths import ARTIFACTS, ROOT

from eucasia.data import read_descriptor

#: What the hostile value carries, each piece of which must render as text.
MARKUP = {
    "HTML tag": "<b>bold</b>",
    "script element": "<script>alert(1)</script>",
    "event-handler attribute": "onerror=alert(2)",
    "HTML entity": "&amp;",
    "bare ampersand": " & ",
    "MyST glue role": "{glue:text}`syn_largest`",
    "MyST download role": "{download}`x <../data/actors.csv>`",
    "Markdown emphasis": "*b*",
    "backticks": "`c`",
    "math": "$a$",
    "TeX command": "\\textbf{x}",
    "TeX comment (%)": "100%",
    "hash": "#z",
    "emoji": "\U0001f642",
    "right-to-left text": "עברית",
}


def counts() -> dict[str, int]:
    rejected = len(loader.CASES) + len(loader.EXACT_CASES)
    columns = [
        (r["name"], c) for r in read_descriptor()["resources"] for c in safety.text_columns(r)
    ]
    return {
        "bad_input_cases_rejected": rejected,
        "seeded_corruptions_rejected": len(corruption.CASES),
        "corruption_kinds": len(corruption.KINDS),
        "markup_kinds_rendered_inert": len(MARKUP),
        "text_columns_poisoned": len(columns),
        "tables_poisoned": len({t for t, _ in columns}),
        "kinds_of_bad_input_tried": rejected + len(MARKUP),
        "fuzz_cases_in_make_test": fuzz.EXAMPLES,
        "fuzz_cases_long_run": fuzz.LONG_RUN_DEFAULT,
        "packages_refereed": len(referee.fixture_corpus()) + len(referee.REAL_CASES),
    }


def test_the_hostile_value_carries_every_markup_kind() -> None:
    for kind, piece in MARKUP.items():
        assert piece in safety.HOSTILE, kind


def test_readme_states_the_measured_counts() -> None:
    measured = counts()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "honesty.json").write_text(json.dumps(measured, indent=2) + "\n", encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## How the build stays honest")[1].split("\n## ")[0]
    stated = dict(re.findall(r"<!-- honesty:(\w+) -->\*\*(\d+)\*\*", section))
    assert stated == {k: str(v) for k, v in measured.items()}, (
        f"README states {stated}, the tests measure {measured}"
    )
