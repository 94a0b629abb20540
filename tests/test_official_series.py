"""The shipped official series, built from the Home Office open data table by scripts/build_home_office_series.py
through the app's own importer, checked figure for figure against the per-code sums in ../shared/reference."""

import hashlib
from pathlib import Path

import pandas as pd
import pytest

from desktop_app.factsheet.content import HOME_OFFICE_LINE, sheet_content
from desktop_app.factsheet.export import sheets_to_export
from desktop_app.io.importers import read_home_office
from desktop_app.model.measures import HOME_OFFICE_CHILD_OFFENCES
from desktop_app.model.statistics import HOME_OFFICE_RATE, HOME_OFFICE_SERIES, statistics_table
from desktop_app.paths import DATA_DIR

REFERENCE = Path(__file__).parents[2] / "shared" / "reference"
FULL_TABLE = REFERENCE / "official" / "prc-pfa-mar2013-onwards-191023.csv.gz"
PER_CODE = REFERENCE / "home_office_child_codes_by_force_year_code.csv"
ENGLAND_AND_WALES_YEARS = [f"{start}/{(start + 1) % 100:02d}" for start in range(2012, 2023)]


def _shipped_series(shipped) -> pd.Series:
    figures = shipped.current_figures
    series = figures[figures["measure"] == HOME_OFFICE_CHILD_OFFENCES]
    return series.set_index(["area", "year"])["value"]


def test_every_force_of_england_and_wales_has_an_official_figure_every_complete_year(shipped):
    series = _shipped_series(shipped)
    areas = shipped.areas
    forces = areas.loc[(areas["area_type"] == "police_force") & areas["nation"].isin(["England", "Wales"]), "area"]
    assert len(forces) == 43
    for year in ENGLAND_AND_WALES_YEARS:
        assert all((force, year) in series.index for force in forces), year
    assert "2023/24" not in set(series.index.get_level_values("year"))  # one quarter only: not a year


def test_nation_figures_are_the_exact_sums_of_their_forces(shipped):
    series = _shipped_series(shipped)
    nation_of = shipped.areas.set_index("area")["nation"]
    for year in ENGLAND_AND_WALES_YEARS:
        in_year = series.xs(year, level="year")
        forces = in_year[
            in_year.index.map(lambda area: shipped.areas.set_index("area").at[area, "area_type"]) == "police_force"
        ]
        for nation in ("England", "Wales"):
            assert in_year[nation] == forces[forces.index.map(nation_of) == nation].sum()
        assert in_year["England and Wales"] == in_year["England"] + in_year["Wales"]


@pytest.mark.skipif(not PER_CODE.exists(), reason="no ../shared/reference beside the checkout: no per-code sums")
def test_the_shipped_series_equals_the_reference_per_code_sums_figure_for_figure(shipped):
    reference = pd.read_csv(PER_CODE, dtype={"code": str})
    codes = pd.read_csv(DATA_DIR / "home_office_child_offence_codes.csv", dtype=str)
    included = set(codes.loc[codes["included"] == "yes", "offence_code"])
    whole_years = reference[(reference["quarters"] == 4) & reference["territorial"] & reference["code"].isin(included)]
    expected = whole_years.groupby(["force", "year"])["value"].sum()
    expected.index = expected.index.set_levels(
        expected.index.levels[0].map(lambda force: shipped.resolve_area(force)), level=0
    )
    series = _shipped_series(shipped)
    forces = series[series.index.get_level_values("area").isin(expected.index.get_level_values(0))]
    assert len(expected) == 43 * 11
    pd.testing.assert_series_equal(
        forces.sort_index(), expected.astype(float).sort_index(), check_names=False, check_index_type=False
    )


@pytest.mark.skipif(not FULL_TABLE.exists(), reason="no ../shared/reference beside the checkout: no full table")
def test_importing_the_full_table_reproduces_the_shipped_series_and_leaves_out_the_part_year(shipped):
    seen = []
    result = read_home_office(FULL_TABLE, shipped, DATA_DIR, progress=lambda done: seen.append(done) or True)
    assert result.problems == []
    assert seen and seen[-1] == pytest.approx(1.0, abs=0.01) and seen == sorted(seen)  # progress moves forward
    assert any(note.startswith("2023/24 holds only April to June") for note in result.notes)
    imported = result.figures.set_index(["area", "year"])["value"].sort_index()
    pd.testing.assert_series_equal(imported, _shipped_series(shipped).sort_index(), check_names=False)


@pytest.mark.skipif(not FULL_TABLE.exists(), reason="no ../shared/reference beside the checkout: no full table")
def test_the_build_script_records_the_input_it_was_built_from():
    builds = pd.read_csv(DATA_DIR / "home_office_builds.csv", dtype=str)
    build = builds.set_index("source").loc["home-office-prc-2023-10-19"]
    assert build["input_file"] == FULL_TABLE.name
    assert int(build["input_bytes"]) == FULL_TABLE.stat().st_size
    assert build["input_sha256"] == hashlib.sha256(FULL_TABLE.read_bytes()).hexdigest()
    assert build["offence_codes"].split() == sorted(
        pd.read_csv(DATA_DIR / "home_office_child_offence_codes.csv", dtype=str).query("included == 'yes'")[
            "offence_code"
        ]
    )


def test_every_force_of_england_and_wales_has_a_rate_and_a_rank_of_43_every_year_with_a_population(shipped):
    forces = shipped.areas.query("area_type == 'police_force' and nation in ['England', 'Wales']")["area"]
    for year in ENGLAND_AND_WALES_YEARS[2:]:  # rates need a population estimate: mid-2014 onwards
        table = statistics_table(shipped, year).loc[forces]
        assert table[HOME_OFFICE_RATE].notna().all(), year
        assert (table[HOME_OFFICE_SERIES.ranked] == 43).all() and table[HOME_OFFICE_SERIES.rank].between(1, 43).all()


@pytest.mark.parametrize("force", ["City of London", "Dyfed-Powys", "Metropolitan Police"])
@pytest.mark.parametrize("year", ["2014/15", "2018/19", "2022/23"])
def test_a_force_sheet_leads_with_the_official_figures_and_their_whole_trend(shipped, force, year):
    content = sheet_content(shipped, force, year)
    official = content.headline[0]
    assert official.label == "The Home Office's official figures"
    values = {figure.label: figure.value for figure in official.figures}
    assert values["Per 1,000 children"] != "—" and values["Rank in England and Wales"].endswith(" of 43")
    assert content.trend[HOME_OFFICE_LINE].notna().sum() == len(ENGLAND_AND_WALES_YEARS)
    assert "Headline: the Home Office's official figures" in content.subtitle or len(content.headline) == 1


def test_export_all_for_a_year_gives_a_sheet_for_every_force_of_england_and_wales_and_each_nation(shipped):
    areas = {area for area, _year in sheets_to_export(shipped, "2019/20")}
    forces = set(shipped.areas.query("area_type == 'police_force' and nation in ['England', 'Wales']")["area"])
    assert forces | {"England", "Wales", "England and Wales"} <= areas
