"""Agreement between two coders on nominal categories (the tracker's statuses).

Krippendorff's alpha comes from the `krippendorff` package (light: NumPy only). Cohen's kappa is
written here: it is one formula over a 2 × k table, and the packages that ship it (scikit-learn,
statsmodels) would add tens of megabytes to the reader's environment for one function. It is
tested against a worked example from the literature.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import krippendorff
import numpy as np
import pandas as pd


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


#: What counts as acceptable agreement, fixed in research/tracker/second-coding-2-plan.md before
#: any status was compared: Cohen's kappa of at least 0.60 (the lower bound of "substantial"
#: agreement on Landis and Koch's scale) and Krippendorff's alpha of at least 0.667 (the lowest
#: value Krippendorff accepts for tentative conclusions), judged on the point estimates.
KAPPA_ACCEPTABLE = 0.60
ALPHA_ACCEPTABLE = 0.667
#: The plan's bootstrap: resamples of the items and the seed (the sample's own draw seed).
RESAMPLES = 2000
SEED = 20261207


@dataclass(frozen=True)
class Agreement:
    """Agreement of two coders over one sample, with 95% bootstrap intervals.

    ``kappa_ci`` and ``alpha_ci`` are percentile intervals over resamples of the items (the
    units drawn with replacement); a resample in which a statistic is undefined (every value
    one category) is left out, and ``undefined`` counts those left out for alpha.
    """

    n: int
    agreed: int
    kappa: float
    kappa_ci: tuple[float, float]
    alpha: float
    alpha_ci: tuple[float, float]
    resamples: int
    undefined: int


def bootstrap_agreement(
    first: Sequence[str],
    second: Sequence[str],
    categories: Sequence[str],
    resamples: int = RESAMPLES,
    seed: int = SEED,
) -> Agreement:
    """Kappa and alpha with percentile bootstrap intervals, resampling items with a fixed seed.

    The plan of the second coding fixes the method before the result is seen: 2,000 resamples
    of the sampled items, 95% percentile intervals, one seed so that every build gives the same
    bytes. Items, not single codes, are resampled: a unit keeps its pair of codes.

    Examples
    --------
    >>> a = ["delivered", "under_way", "delivered", "announced_only"] * 5
    >>> b = ["delivered", "delivered", "delivered", "announced_only"] * 5
    >>> report = bootstrap_agreement(a, b, ["delivered", "under_way", "announced_only"], 200)
    >>> report.agreed, report.n
    (15, 20)
    >>> report.kappa_ci[0] <= report.kappa <= report.kappa_ci[1]
    True
    """
    _check(first, second)
    rng = np.random.default_rng(seed)
    n = len(first)
    kappas, alphas = [], []
    for _ in range(resamples):
        pick = rng.integers(0, n, n)
        one, two = [first[i] for i in pick], [second[i] for i in pick]
        kappas.append(cohen_kappa(one, two))
        alphas.append(krippendorff_alpha(one, two, categories))
    kappas_arr, alphas_arr = np.array(kappas), np.array(alphas)

    def interval(values: np.ndarray) -> tuple[float, float]:
        kept = values[~np.isnan(values)]
        low, high = np.percentile(kept, [2.5, 97.5])
        return float(low), float(high)

    return Agreement(
        n=n,
        agreed=sum(a == b for a, b in zip(first, second, strict=True)),
        kappa=cohen_kappa(first, second),
        kappa_ci=interval(kappas_arr),
        alpha=krippendorff_alpha(first, second, categories),
        alpha_ci=interval(alphas_arr),
        resamples=resamples,
        undefined=int(np.isnan(alphas_arr).sum()),
    )


def confusion_table(
    first: Sequence[str], second: Sequence[str], categories: Sequence[str]
) -> pd.DataFrame:
    """Items per pair of codes: first coder in rows, second in columns, in vocabulary order.

    Only the categories either coder used are kept, so the table stays readable; the diagonal
    holds the items coded alike.

    Examples
    --------
    >>> confusion_table(["a", "a", "b"], ["a", "b", "b"], ["a", "b", "c"]).to_dict("index")
    {'a': {'a': 1, 'b': 1}, 'b': {'a': 0, 'b': 1}}
    """
    _check(first, second)
    used = [c for c in categories if c in set(first) | set(second)]
    table = pd.crosstab(pd.Series(list(first)), pd.Series(list(second)))
    table = table.reindex(index=used, columns=used, fill_value=0).astype(int)
    table.index.name, table.columns.name = None, None
    return table
