import math

import pandas as pd
import pytest

from desktop_app.formatting import (
    MISSING,
    counted,
    format_axis_number,
    format_change_percent,
    format_count,
    format_percent,
    format_rate,
    format_signed_count,
    honest_fraction,
    ordinal,
)


@pytest.mark.parametrize("missing", [None, math.nan, pd.NA])
def test_missing_is_a_dash_never_zero(missing):
    for formatter in (format_count, format_signed_count, format_percent, format_change_percent, format_rate):
        assert formatter(missing) == MISSING


def test_counts_have_thousands_separators_and_no_decimals():
    assert format_count(3041.0) == "3,041"
    assert format_count(0) == "0"
    assert format_signed_count(-169) == "−169"
    assert format_signed_count(8343) == "+8,343"


def test_percentages_round_to_whole_numbers_with_a_decimal_only_below_one():
    assert format_percent(650 / 3041) == "21%"
    assert format_percent(0.004) == "0.4%"
    assert format_percent(0) == "0%"
    assert format_change_percent(-5.26) == "−5%"
    assert format_change_percent(0.26) == "+0.3%"
    assert format_change_percent(0) == "0%"
    assert format_change_percent(0.8) == "+0.8%", "one decimal below 1%, as the summary and format_percent write it"


def test_one_in_n_only_where_it_is_honest():
    assert honest_fraction(650 / 3041) == "one in five"
    assert honest_fraction(0.10) == "one in ten"
    assert honest_fraction(0.44) is None  # "one in two" would overstate 44%
    assert honest_fraction(0.03) is None
    assert honest_fraction(math.nan) is None


def test_ordinals_and_rates_and_axis_labels():
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
    ]
    assert format_rate(5.4166) == "5.4"
    assert format_axis_number(80000, 20000) == "80,000"
    assert format_axis_number(2.5, 0.5) == "2.5"


def test_halves_round_up_the_way_published_statistics_do():
    assert format_percent(0.125) == "13%"
    assert format_percent(0.145) == "15%"  # 14.5 held as 14.4999… in binary still rounds up
    assert format_percent(0.0025) == "0.3%"
    assert format_change_percent((41 - 40) / 40 * 100) == "+3%"
    assert format_change_percent(-2.5) == "−3%"
    assert format_change_percent(0.25) == "+0.3%"
    assert format_rate(2.25) == "2.3"
    assert format_axis_number(0.25, 0.05) == "0.3"
    assert format_signed_count(-0.0) == "0"


def test_a_count_of_things_agrees_with_its_number():
    assert (counted(1, "figure"), counted(2, "figure"), counted(1204, "figure")) == (
        "1 figure",
        "2 figures",
        "1,204 figures",
    )
