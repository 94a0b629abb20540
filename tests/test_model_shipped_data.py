"""The model on the real figures shipped in data/."""

import math

import pytest

from desktop_app.factsheet.content import sheet_content
from desktop_app.model.measures import HOME_OFFICE_CHILD_OFFENCES, NOT_SUPPLIED, OFFENCES
from desktop_app.model.statistics import HOME_OFFICE_RATE, HOME_OFFICE_SERIES, RATE, statistics_table, trend
from desktop_app.model.summary import summary


def test_greater_manchester_2016_17_matches_the_published_press_report(shipped):
    row = statistics_table(shipped, "2016/17").loc["Greater Manchester"]
    assert row[OFFENCES] == 3041
    assert row["previous_offences"] == 3210
    assert row["change"] == -169
    assert row["change_percent"] == pytest.approx(-5.26, abs=0.01)
    assert row["online_share"] == pytest.approx(650 / 3041)
    assert row["previous_online_share"] == pytest.approx(417 / 3210)


def test_the_newest_release_is_the_default_and_the_older_value_stays_as_a_revision(shipped):
    assert statistics_table(shipped, "2015/16").at["United Kingdom", OFFENCES] == 56324
    history = shipped.revisions("United Kingdom", "2015/16", OFFENCES)
    assert list(history["value"]) == [56324, 55507]
    assert history["published"].iat[0] > history["published"].iat[1]


def test_a_force_that_did_not_supply_a_figure_is_missing_not_zero(shipped):
    row = statistics_table(shipped, "2018/19").loc["Cheshire"]
    assert math.isnan(row[OFFENCES])
    assert row["offences_status"] == NOT_SUPPLIED
    assert math.isnan(row["rank_uk"])
    assert "did not supply" in summary(shipped, "Cheshire", "2018/19")


def test_ranks_count_only_forces_with_a_figure_that_year(shipped):
    table = statistics_table(shipped, "2018/19")
    forces = table[table.index.isin(shipped.force_areas) & table[OFFENCES].notna()]
    assert table.at["Scotland", "rank_uk"] == 1  # Scotland is one force area, ranked among the UK's 45
    assert table.at["West Midlands", "rank_uk"] == 2  # 3,624, after Scotland (5,325)
    assert table.at["Thames Valley", "rank_uk"] == 4
    assert set(table.loc[forces.index, "forces_ranked_uk"]) == {len(forces)}
    welsh = table.loc[["South Wales", "North Wales", "Dyfed-Powys", "Gwent"], "rank_in_nation"]
    assert list(welsh) == [1, 2, 3, 4]
    assert math.isnan(table.at["England", "rank_uk"])


def test_rate_uses_the_child_population_at_the_middle_of_the_financial_year_and_compares_with_the_nation(shipped):
    row = statistics_table(shipped, "2018/19").loc["Durham"]
    durham_children = shipped.child_population.query("area == 'Durham' and mid_year == 2018")["children_0_17"].item()
    assert row["population_year"] == 2018
    assert row[RATE] == pytest.approx(1155 / durham_children * 1000)
    england = statistics_table(shipped, "2018/19").loc["England"]
    assert row[HOME_OFFICE_SERIES.nation_rate] == pytest.approx(england[HOME_OFFICE_CHILD_OFFENCES] / 11954618 * 1000)
    assert row[HOME_OFFICE_SERIES.compared] == "higher"
    # England's NSPCC total for 2018/19 leaves out Cheshire: no rate for it, so nothing to compare with
    assert england["forces_left_out"] == "Cheshire" and math.isnan(row["nation_rate"])


def test_each_series_has_its_own_rate_and_none_without_a_population_estimate_for_the_year(shipped):
    early, later = statistics_table(shipped, "2013/14"), statistics_table(shipped, "2014/15")
    assert early.at["Kent", HOME_OFFICE_CHILD_OFFENCES] > 0
    assert math.isnan(early.at["Kent", HOME_OFFICE_RATE])  # no estimate for mid-2013 in England and Wales
    kent_children = shipped.child_population.query("area == 'Kent' and mid_year == 2014")["children_0_17"].item()
    assert later.at["Kent", HOME_OFFICE_RATE] == pytest.approx(
        later.at["Kent", HOME_OFFICE_CHILD_OFFENCES] / kent_children * 1000
    )
    assert later.at["Kent", HOME_OFFICE_SERIES.ranked] == 43  # every force of England and Wales, every year
    assert math.isnan(later.at["Scotland", HOME_OFFICE_SERIES.rank])  # not in the Home Office series


def test_no_rank_within_a_nation_that_has_one_force(shipped):
    table = statistics_table(shipped, "2022/23")
    assert table.at["Scotland", OFFENCES] > 0
    assert math.isnan(table.at["Scotland", "rank_in_nation"])


def test_summary_reads_like_a_careful_press_release(shipped):
    text = summary(shipped, "Greater Manchester", "2016/17")
    assert text.startswith(
        "By the Home Office's official figures, police in Greater Manchester recorded 2,846 offences in 2016/17"
    )
    assert "police in Greater Manchester recorded 3,041 sexual offences against children (victims under 18)" in text
    assert "169 fewer than the 3,210 recorded in 2015/16, a fall of 5%" in text
    assert "650 of these offences (21%, about one in five) were flagged as having an online element" in text
    assert "up 56% from 417 (13%) in 2015/16" in text  # the count's change, as the press release put it
    assert "3 offences were against babies under one" in text


def test_summary_leaves_out_sentences_whose_figures_do_not_exist(shipped):
    text = summary(shipped, "Wales", "2018/19")
    assert "3,671" in text
    nspcc = text[text.index("In 2018/19, police in Wales") :]
    assert "online" not in nspcc and "than the" not in nspcc  # no NSPCC figure for online offences or 2017/18


def test_trend_has_gaps_for_missing_years_and_never_fills_them(shipped):
    values = trend(shipped, "Greater Manchester", OFFENCES)
    assert values["2016/17"] == 3041
    assert math.isnan(values["2017/18"])
    assert math.isnan(values["2019/20"])  # GMP did not supply this year
    assert not (values == 0).any()


def test_a_total_that_leaves_out_a_force_gets_no_rate_and_no_change_from_a_year_missing_another(shipped):
    row = statistics_table(shipped, "2019/20").loc["United Kingdom"]
    assert row[OFFENCES] == 73518 and row["previous_offences"] == 76204
    assert math.isnan(row["change"]) and math.isnan(row[RATE])  # GMP missing in 2019/20, Cheshire in 2018/19
    text = summary(shipped, "United Kingdom", "2019/20")
    assert "Greater Manchester did not supply a figure and the total leaves it out" in text
    assert "No change from 2018/19 (76,204) is given: the two totals cover different forces" in text
    assert "No rate per 1,000 children is given: the total leaves out Greater Manchester" in text
    headline = {
        figure.label: figure for figure in sheet_content(shipped, "United Kingdom", "2019/20").headline[0].figures
    }
    assert headline["Change on 2018/19"].detail == "the two totals cover different forces"
    assert headline["Per 1,000 children"].detail == "the total leaves out Greater Manchester"


def test_a_summary_says_when_a_force_did_not_supply_a_figure_for_sexual_communication(shipped):
    text = summary(shipped, "South Wales", "2022/23")
    assert "Police in South Wales did not supply the NSPCC with a figure for offences of sexual communication" in text
