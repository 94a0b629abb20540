"""Is an area's rate higher than, similar to or lower than its nation's? Said only where the difference is
larger than the chance variation of a count.

The method is the one England's public health profiles (OHID Fingertips) use for crude rates: the 95%
confidence interval of the area's count is found by Byar's approximation to the Poisson distribution for 10
or more events, and by the exact Poisson limits below 10; the area is "higher" when the whole interval lies
above the benchmark rate, "lower" when it lies below, and "similar" otherwise. A difference inside the noise
of a small count is therefore "similar", never "higher".
"""

import math
from collections.abc import Callable
from functools import cache
from statistics import NormalDist

import numpy as np
import pandas as pd

CONFIDENCE = 0.95
Z = NormalDist().inv_cdf(1 - (1 - CONFIDENCE) / 2)
# Byar's approximation is within 0.2% of the exact limits from 10 events up; below that the exact ones are used.
BYAR_FROM = 10
METHOD = (
    "the 95% confidence interval of the count, by Byar's method for 10 or more offences and exact Poisson limits "
    "below 10, as OHID's public health profiles do: 'higher' or 'lower' only where the whole interval lies "
    "above or below the nation's rate"
)
METHOD_SOURCE = (
    "https://fingertips.phe.org.uk/static-reports/public-health-technical-guidance/Basic_statistics/Rates.html"
)


def _poisson_cdf(count: int, mean: float) -> float:
    term = total = math.exp(-mean)
    for k in range(1, count + 1):
        term *= mean / k
        total += term
    return total


def _solve(falls: Callable[[float], float], target: float) -> float:
    """The mean at which a quantity that falls as the mean grows equals ``target`` (bisection)."""
    low, high = 0.0, 100.0
    for _ in range(200):
        middle = (low + high) / 2
        low, high = (middle, high) if falls(middle) > target else (low, middle)
    return (low + high) / 2


@cache
def exact_limits(count: int) -> tuple[float, float]:
    """The exact Poisson confidence limits of a small count."""
    tail = (1 - CONFIDENCE) / 2
    lower = 0.0 if count == 0 else _solve(lambda mean: _poisson_cdf(count - 1, mean), 1 - tail)
    upper = _solve(lambda mean: _poisson_cdf(count, mean), tail)
    return lower, upper


def byar_limits(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    counts = np.asarray(counts, dtype=float)
    lower = counts * (1 - 1 / (9 * counts) - Z / (3 * np.sqrt(counts))) ** 3
    upper = (counts + 1) * (1 - 1 / (9 * (counts + 1)) + Z / (3 * np.sqrt(counts + 1))) ** 3
    return lower, upper


def count_limits(counts: pd.Series) -> tuple[pd.Series, pd.Series]:
    """The 95% confidence limits of each count (NaN where the count is missing)."""
    values = counts.to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        lower, upper = byar_limits(values)
    small = np.isfinite(values) & (values < BYAR_FROM)
    for index in np.flatnonzero(small):
        lower[index], upper[index] = exact_limits(int(values[index]))
    return pd.Series(lower, index=counts.index), pd.Series(upper, index=counts.index)


def compare_rates(counts: pd.Series, children: pd.Series, benchmark_rate: pd.Series) -> pd.Series:
    """'higher', 'similar' or 'lower' for each area's rate per 1,000 children against a benchmark rate;
    missing where any of the three is missing."""
    lower, upper = count_limits(counts)
    lower_rate, upper_rate = lower / children * 1000, upper / children * 1000
    known = counts.notna() & children.notna() & benchmark_rate.notna()
    words = np.select(
        [lower_rate > benchmark_rate, upper_rate < benchmark_rate, known], ["higher", "lower", "similar"], default=""
    )
    return pd.Series(np.where(known, words, ""), index=counts.index).replace("", pd.NA)


CHANGE_METHOD = (
    "the two years' counts tested as two Poisson counts (the exact conditional test: given their total, this "
    "year's count is binomial; two-sided, 5% level): 'higher' or 'lower' than the year before only where the "
    "test finds the difference beyond chance"
)


def _binomial_tails(successes: int, trials: int, chance: float) -> tuple[float, float]:
    """P(X <= successes) and P(X >= successes) for X binomial, summed in logs so thousands of trials do not
    overflow; log k! for every k at once (a running sum of logs), as a loop over lgamma took a second a sheet."""
    log_factorial = np.concatenate(([0.0], np.cumsum(np.log(np.arange(1, trials + 1)))))
    k = np.arange(trials + 1)
    log_terms = (
        log_factorial[trials]
        - log_factorial
        - log_factorial[::-1]
        + k * math.log(chance)
        + (trials - k) * math.log1p(-chance)
    )
    terms = np.exp(log_terms)
    return float(terms[: successes + 1].sum()), float(terms[successes:].sum())


def poisson_ratio_p_value(count: int, exposure: float, other_count: int, other_exposure: float) -> float:
    """Two-sided p-value that two Poisson counts have the same rate per unit of exposure: the exact conditional
    test (twice the smaller tail, at most 1), as R's rateratio.test and poisson.test compute it."""
    chance = exposure / (exposure + other_exposure)
    below, above = _binomial_tails(count, count + other_count, chance)
    return min(1.0, 2 * min(below, above))


def compare_with_previous_year(counts: pd.Series, previous: pd.Series) -> pd.Series:
    """'higher', 'similar' or 'lower' than the year before for each count, by the exact test of two Poisson
    counts (the change shown is a change in count, so the counts are tested); missing where either is."""
    words = pd.Series(pd.NA, index=counts.index, dtype=object)
    for area, now, before in zip(counts.index, counts, previous.reindex(counts.index), strict=True):
        if pd.isna(now) or pd.isna(before) or now + before == 0:
            continue
        if poisson_ratio_p_value(int(now), 1.0, int(before), 1.0) >= 1 - CONFIDENCE:
            words[area] = "similar"
        else:
            words[area] = "higher" if now > before else "lower"
    return words
