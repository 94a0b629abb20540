"""The model on small made-up data: missing years, revisions, zeros, a single year."""

import math

import pytest

from desktop_app.model.dataset import UnknownNameError
from desktop_app.model.details import figure_details
from desktop_app.model.measures import OFFENCES, ONLINE_FLAGGED
from desktop_app.model.statistics import RATE, statistics_table, trend
from desktop_app.model.summary import summary

from builders import make_dataset


def test_a_missing_previous_year_gives_no_change_and_no_change_sentence():
    data = make_dataset(
        [("North Force", "2016/17", OFFENCES, 120, "s1"), ("North Force", "2014/15", OFFENCES, 80, "s1")]
    )
    row = statistics_table(data, "2016/17").loc["North Force"]
    assert math.isnan(row["change"]) and math.isnan(row["change_percent"])
    assert "than the" not in summary(data, "North Force", "2016/17")


def test_the_newest_source_wins_whatever_order_the_rows_are_in():
    data = make_dataset(
        [("North Force", "2016/17", OFFENCES, 150, "new"), ("North Force", "2016/17", OFFENCES, 120, "old")],
        sources={"s1": "2019", "old": "2017-03", "new": "2018-02"},
    )
    assert statistics_table(data, "2016/17").at["North Force", OFFENCES] == 150
    assert list(data.revisions("North Force", "2016/17", OFFENCES)["value"]) == [150, 120]


def test_a_zero_is_a_real_figure_but_nothing_is_divided_by_it():
    data = make_dataset(
        [
            ("North Force", "2015/16", OFFENCES, 0, "s1"),
            ("North Force", "2016/17", OFFENCES, 12, "s1"),
            ("North Force", "2016/17", ONLINE_FLAGGED, 0, "s1"),
        ]
    )
    row = statistics_table(data, "2016/17").loc["North Force"]
    assert row["previous_offences"] == 0
    assert row["change"] == 12
    assert math.isnan(row["change_percent"])
    assert row["online_share"] == 0
    text = summary(data, "North Force", "2016/17")
    assert "That is 12 more than the 0 recorded in 2015/16." in text
    assert "a rise of" not in text
    assert "0 of these offences (0%) were flagged as having an online element" in text


def test_a_single_year_of_data():
    data = make_dataset([("South Force", "2018/19", OFFENCES, 7, "s1")])
    assert data.years == ["2018/19"]
    assert list(trend(data, "South Force", OFFENCES)) == [7]
    assert math.isnan(statistics_table(data, "2018/19").at["South Force", "rank_uk"])  # first of one says nothing
    assert summary(data, "South Force", "2018/19").startswith(
        "In 2018/19, police in South Force recorded 7 sexual offences"
    )


def test_one_offence_is_singular():
    data = make_dataset([("South Force", "2018/19", OFFENCES, 1, "s1")])
    assert "recorded 1 sexual offence against" in summary(data, "South Force", "2018/19")


def test_rates_and_the_nation_comparison_need_a_population():
    data = make_dataset(
        [
            ("North Force", "2019/20", OFFENCES, 500, "s1"),
            ("South Force", "2019/20", OFFENCES, 300, "s1"),
            ("Testland", "2019/20", OFFENCES, 800, "s1"),
        ]
    )
    table = statistics_table(data, "2019/20")
    assert table.at["North Force", RATE] == pytest.approx(5.0)
    assert table.at["Testland", RATE] == pytest.approx(2.0)
    assert table.at["North Force", "compared_with_nation"] == "higher"
    assert math.isnan(table.at["South Force", RATE])


def test_population_estimates_too_far_from_the_year_are_not_used():
    data = make_dataset([("North Force", "2012/13", OFFENCES, 500, "s1")])
    assert math.isnan(statistics_table(data, "2012/13").at["North Force", RATE])


def test_unknown_names_suggest_the_closest_known_one():
    data = make_dataset([("North Force", "2016/17", OFFENCES, 1, "s1")])
    assert data.resolve_area("nf") == "North Force"
    assert data.resolve_area("  north force ") == "North Force"
    with pytest.raises(UnknownNameError, match="Did you mean 'North Force'"):
        data.resolve_area("Nort Forse")
    with pytest.raises(UnknownNameError, match="2016/17"):
        data.resolve_year("2016/18")


def test_published_totals_are_checked_against_the_sum_of_their_forces():
    from desktop_app.model.coverage import force_sums_against_totals

    data = make_dataset(
        [
            ("North Force", "2016/17", OFFENCES, 100, "s1"),
            ("South Force", "2016/17", OFFENCES, 50, "s1"),
            ("Testland", "2016/17", OFFENCES, 160, "s1"),
            ("North Force", "2017/18", OFFENCES, 100, "s1"),
            ("Testland", "2017/18", OFFENCES, 100, "s1"),  # South Force missing: no check
        ]
    )
    checks = force_sums_against_totals(data)
    assert checks.to_dict("records") == [
        {"area": "Testland", "year": "2016/17", "published": 160, "sum_of_forces": 150, "difference": -10}
    ]


def test_shipped_welsh_totals_match_their_four_forces(shipped):
    from desktop_app.model.coverage import force_sums_against_totals

    wales = force_sums_against_totals(shipped).query("area == 'Wales'")
    assert set(wales["year"]) >= {"2013/14", "2014/15", "2015/16", "2018/19"}
    assert (wales["difference"] == 0).all()


def test_no_percentage_change_on_small_counts_only_the_counts():
    data = make_dataset([("North Force", "2015/16", OFFENCES, 1, "s1"), ("North Force", "2016/17", OFFENCES, 3, "s1")])
    row = statistics_table(data, "2016/17").loc["North Force"]
    assert row["change"] == 2 and math.isnan(row["change_percent"])
    text = summary(data, "North Force", "2016/17")
    assert "That is 2 more than the 1 recorded in 2015/16." in text and "%" not in text


def test_percentage_change_from_ten_offences_up():
    data = make_dataset(
        [("North Force", "2015/16", OFFENCES, 10, "s1"), ("North Force", "2016/17", OFFENCES, 15, "s1")]
    )
    assert statistics_table(data, "2016/17").at["North Force", "change_percent"] == 50


def test_forces_that_did_not_supply_are_named_where_ranks_depend_on_them():
    data = make_dataset(
        [
            ("North Force", "2016/17", OFFENCES, 10, "s1"),
            ("South Force", "2016/17", OFFENCES, None, "s1", "not_supplied"),
        ]
    )
    assert data.not_supplied("2016/17") == ["South Force"]
    assert summary(data, "North Force", "2016/17").endswith(
        "North Force is the only one of the UK forces with a figure for 2016/17 in this data set (1 force has none; "
        "South Force did not supply one)."
    )


def test_recording_practice_notes_are_found_for_the_years_and_nation():
    data = make_dataset([("North Force", "2016/17", OFFENCES, 10, "s1")])
    assert list(data.practice_notes_for("North Force", ["2016/17"])["note"]) == ["A made-up change in recording"]
    assert data.practice_notes_for("North Force", ["2015/16"]).empty


def test_a_suppressed_count_hides_what_would_let_it_be_worked_out():
    data = make_dataset(
        [
            ("North Force", "2019/20", OFFENCES, None, "s1", "suppressed"),
            ("North Force", "2019/20", ONLINE_FLAGGED, 4, "s1"),
            ("North Force", "2018/19", OFFENCES, 40, "s1"),
        ]
    )
    row = statistics_table(data, "2019/20").loc["North Force"]
    for derived in ("change", "change_percent", "online_share", RATE):
        assert math.isnan(row[derived]), derived


def test_the_same_figure_published_again_is_not_shown_as_a_revision():
    data = make_dataset(
        [("North Force", "2018/19", "offences", 120, "s1"), ("North Force", "2018/19", "offences", 120, "s2")],
        sources={"s1": "2019-10", "s2": "2020-08"},
    )
    details = figure_details(data, "North Force", "2018/19")
    assert details.loc[details["measure"] == "offences", "earlier"].item() == []
    assert ("North Force", "offences", "2018/19") not in data.revised


def test_the_online_count_change_is_given_in_per_cent_only_where_both_counts_are_big_enough():
    data = make_dataset(
        [
            ("North Force", "2015/16", "offences", 400, "s1"),
            ("North Force", "2015/16", "online_flagged", 8, "s1"),
            ("North Force", "2016/17", "offences", 420, "s1"),
            ("North Force", "2016/17", "online_flagged", 12, "s1"),
        ]
    )
    text = summary(data, "North Force", "2016/17")
    assert "were flagged as having an online element, up from 8 (2%) in 2015/16" in text  # 8 is too few for a %


def test_a_note_published_with_a_compared_figure_is_given_with_the_summary():
    data = make_dataset(
        [("Testland", "2015/16", "offences", 400, "s1"), ("Testland", "2016/17", "offences", 500, "s1")]
    )
    data.figures.loc[data.figures["year"] == "2015/16", "note"] = "Total from 3 of the 4 forces"
    text = summary(data, "Testland", "2016/17")
    assert "100 more than the 400 recorded in 2015/16" in text
    assert text.endswith("Notes from the sources: 2015/16: Total from 3 of the 4 forces.")


def test_a_half_per_cent_change_rounds_up_in_the_summary():
    data = make_dataset(
        [("North Force", "2015/16", OFFENCES, 40, "s1"), ("North Force", "2016/17", OFFENCES, 41, "s1")]
    )
    assert "a rise of 3%" in summary(data, "North Force", "2016/17")


def test_a_part_larger_than_its_whole_is_found_with_both_rows():
    from desktop_app.model.consistency import parts_above_their_whole
    from desktop_app.model.measures import HOME_OFFICE_CHILD_OFFENCES, VICTIMS_AGED_4_AND_UNDER

    data = make_dataset(
        [
            ("North Force", "2016/17", OFFENCES, 5, "s1"),
            ("North Force", "2016/17", ONLINE_FLAGGED, 7, "s1"),
            ("North Force", "2016/17", VICTIMS_AGED_4_AND_UNDER, 5, "s1"),  # equal to its whole: allowed
            ("South Force", "2016/17", ONLINE_FLAGGED, 7, "s1"),  # no whole to compare with
        ]
    )
    (clash,) = parts_above_their_whole(data.figures).itertuples()
    assert (clash.area, clash.part, clash.part_value, clash.part_index) == ("North Force", ONLINE_FLAGGED, 7, 1)
    assert (clash.whole, clash.whole_value, clash.whole_index) == (OFFENCES, 5, 0)
    only_home_office = make_dataset([("North Force", "2016/17", HOME_OFFICE_CHILD_OFFENCES, 5, "s1")])
    assert parts_above_their_whole(only_home_office.figures).empty


def test_an_official_figure_for_one_force_alone_gets_no_rank_sentence():
    from desktop_app.model.measures import HOME_OFFICE_CHILD_OFFENCES

    data = make_dataset([("North Force", "2016/17", HOME_OFFICE_CHILD_OFFENCES, 40, "s1")])
    text = summary(data, "North Force", "2016/17")
    assert "recorded 40 offences" in text and "highest" not in text and "of the 1 " not in text
