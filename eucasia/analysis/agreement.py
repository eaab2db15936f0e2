"""Agreement between two coders on nominal categories (the tracker's statuses).

Krippendorff's alpha comes from the `krippendorff` package (light: NumPy only). Cohen's kappa is
written here: it is one formula over a 2 × k table, and the packages that ship it (scikit-learn,
statsmodels) would add tens of megabytes to the reader's environment for one function. It is
tested against a worked example from the literature.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import krippendorff
import numpy as np


def percent_agreement(first: Sequence[str], second: Sequence[str]) -> float:
    """Share of units both coders put in the same category.

    Examples
    --------
    >>> percent_agreement(["delivered", "partly", "none"], ["delivered", "partly", "partly"])
    0.6666666666666666
    """
    _check(first, second)
    return sum(a == b for a, b in zip(first, second, strict=True)) / len(first)


def cohen_kappa(first: Sequence[str], second: Sequence[str]) -> float:
    """Cohen's kappa: observed agreement corrected for the agreement the coders' marginals expect.

    Examples
    --------
    >>> round(cohen_kappa(["delivered", "partly", "none"], ["delivered", "partly", "partly"]), 3)
    0.5
    """
    _check(first, second)
    n = len(first)
    observed = percent_agreement(first, second)
    a, b = Counter(first), Counter(second)
    expected = sum(a[c] * b[c] for c in set(a) | set(b)) / n**2
    if expected == 1:
        return 1.0 if observed == 1 else float("nan")
    return (observed - expected) / (1 - expected)


def krippendorff_alpha(
    first: Sequence[str], second: Sequence[str], categories: Sequence[str]
) -> float:
    """Krippendorff's alpha, nominal level, for two coders over the same units.

    Examples
    --------
    >>> codes = ["delivered", "partly", "none"]
    >>> round(krippendorff_alpha(codes, ["delivered", "partly", "partly"], codes), 3)
    0.545
    >>> krippendorff_alpha(codes, codes, codes)
    1.0
    """
    _check(first, second)
    code = {c: i for i, c in enumerate(categories)}
    unknown = sorted((set(first) | set(second)) - set(code))
    if unknown:
        raise ValueError(f"categories not in the vocabulary: {unknown}")
    data = np.array([[code[c] for c in first], [code[c] for c in second]], dtype=float)
    if len(set(first) | set(second)) < 2:
        return float("nan")  # alpha is undefined when all values are one category
    return float(
        krippendorff.alpha(
            reliability_data=data, level_of_measurement="nominal", value_domain=range(len(code))
        )
    )


def _check(first: Sequence[str], second: Sequence[str]) -> None:
    if len(first) != len(second) or not first:
        raise ValueError(f"two codings of the same units are needed: {len(first)} vs {len(second)}")
