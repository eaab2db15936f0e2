"""Text that MyST renders literally, whatever a data value holds.

Values from the data are text, never markup: a note with an asterisk, a backtick or a bracket
must print as written, in HTML and in the PDF alike.
"""

from __future__ import annotations

import math
import re

import pandas as pd

# CommonMark lets a backslash escape any ASCII punctuation character.
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def escape_markdown(value: object) -> str:
    """Text that MyST renders literally: punctuation escaped, line breaks folded to spaces.

    Examples
    --------
    >>> print(escape_markdown("EU *and* [partners]\\nlisted"))
    EU \\*and\\* \\[partners\\] listed
    """
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    text = " ".join(str(value).split())
    return _PUNCTUATION.sub(r"\\\1", text)
