"""Higher, similar or lower than the nation: a difference inside the chance variation of a count is 'similar'.
Checked against published values of the exact Poisson limits and the formula in OHID's technical guidance."""

import math

import pandas as pd
import pytest

from desktop_app.model.comparison import (
    byar_limits,
    compare_rates,
    compare_with_previous_year,
    count_limits,
    exact_limits,
    poisson_ratio_p_value,
)


@pytest.mark.parametrize(
    "count, lower, upper",
    # exact 95% Poisson limits as tabulated in the statistical literature (e.g. Garwood's table)
    [(0, 0.0, 3.689), (1, 0.0253, 5.572), (2, 0.242, 7.225), (5, 1.623, 11.668), (9, 4.115, 17.084)],
)
def test_exact_limits_for_small_counts_match_the_published_table(count, lower, upper):
    found = exact_limits(count)
    assert found[0] == pytest.approx(lower, abs=0.001) and found[1] == pytest.approx(upper, abs=0.001)


def test_byars_method_follows_the_published_formula_and_is_close_to_exact_from_ten_up():
    lower, upper = byar_limits([100.0])
    z = 1.959963984540054
    assert lower[0] == pytest.approx(100 * (1 - 1 / 900 - z / 30) ** 3)
    assert upper[0] == pytest.approx(101 * (1 - 1 / 909 + z / (3 * math.sqrt(101))) ** 3)
    assert (lower[0], upper[0]) == pytest.approx((81.36, 121.63), rel=0.002)  # the exact limits of 100


def test_count_limits_use_the_exact_method_below_ten_and_keep_missing_missing():
    lower, upper = count_limits(pd.Series([5.0, float("nan"), 400.0]))
    assert (lower[0], upper[0]) == pytest.approx(exact_limits(5))
    assert math.isnan(lower[1]) and math.isnan(upper[1])
    assert lower[2] < 400 < upper[2]


def test_a_small_count_far_from_the_benchmark_is_similar_and_a_large_one_is_not():
    counts = pd.Series([9.0, 900.0, 900.0, 3000.0])
    children = pd.Series([1_000.0, 100_000.0, 100_000.0, 1_000_000.0])
    benchmark = pd.Series([5.0, 8.0, 10.0, 3.0])
    # 9.0 per 1,000 from 9 offences is within chance of 5.0 (its interval runs 4.1 to 17.1);
    # 9.0 from 900 is above 8.0 and below 10.0 beyond chance; 3.0 from 3,000 equals 3.0
    assert list(compare_rates(counts, children, benchmark)) == ["similar", "higher", "lower", "similar"]


def test_no_comparison_without_a_count_population_or_benchmark():
    words = compare_rates(pd.Series([float("nan"), 50.0]), pd.Series([1000.0, 1000.0]), pd.Series([5.0, float("nan")]))
    assert words.isna().all()


def test_the_test_of_two_poisson_counts_matches_the_published_worked_example():
    # Fay, "Testing the ratio of two Poisson rates" (the rateratio.test vignette): 2 events in 17,877 and 9 in
    # 16,660 give a two-sided p-value of 0.05011, "barely non-significant at the 0.05 level"
    assert poisson_ratio_p_value(2, 17877, 9, 16660) == pytest.approx(0.05011, abs=0.00001)


def test_a_year_on_year_change_is_higher_or_lower_only_beyond_chance():
    now = pd.Series({"Small": 9.0, "Large": 1100.0, "Falling": 900.0, "Flat": 1000.0, "New": 5.0})
    before = pd.Series({"Small": 3.0, "Large": 1000.0, "Falling": 1000.0, "Flat": 1000.0, "New": float("nan")})
    words = compare_with_previous_year(now, before)
    # 3 to 9 triples but is within chance of small counts; 1,000 to 1,100 is beyond it
    assert list(words[["Small", "Large", "Falling", "Flat"]]) == ["similar", "higher", "lower", "similar"]
    assert pd.isna(words["New"])
