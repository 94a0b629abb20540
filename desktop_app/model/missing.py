"""Why a cell of a year's table is empty, in words true of that cell: the table's "—", its copied sentence and
an exported workbook all say the same. A figure worked out from another (a change, a rate, a rank) that is
missing because that one is says that one's reason; only what a source says is said to be so."""

import pandas as pd

from desktop_app.formatting import is_missing, run_on
from desktop_app.model.dataset import NATION, DataSet
from desktop_app.model.measures import (
    HOME_OFFICE_COVERS,
    MEASURE_LABELS,
    NO_FIGURE,
    OFFENCES,
    ONLINE_FLAGGED,
    STATUS_LABELS,
)
from desktop_app.model.statistics import (
    HOME_OFFICE_SERIES,
    NSPCC_SERIES,
    ONLINE_SHARE,
    SERIES,
    SMALL_COUNT,
    SeriesColumns,
    statistics_table,
)
from desktop_app.model.summary import coverage_words
from desktop_app.model.years import previous_year


def why_empty(data: DataSet, year: str, area: str, key: str) -> str:
    status = data.current_statuses.get((area, year, key))
    if status:
        return STATUS_LABELS.get(status, NO_FIGURE)
    if key == ONLINE_SHARE:
        return _why_no_share(data, year, area)
    series = next((series for series in SERIES if key in vars(series).values()), None)
    if series is None:
        return NO_FIGURE
    if series is HOME_OFFICE_SERIES and not data.in_home_office_series(area):
        return HOME_OFFICE_COVERS
    if key == series.previous:
        return _no_figure_the_year_before(data, year, area, series.count)
    row = statistics_table(data, year).loc[area]
    if key != series.count and is_missing(row[series.count]):
        return why_empty(data, year, area, series.count)
    return _why_not_worked_out(data, row, key, series)


def _why_no_share(data: DataSet, year: str, area: str) -> str:
    row = statistics_table(data, year).loc[area]
    for part in (ONLINE_FLAGGED, OFFENCES):
        if is_missing(row[part]):
            reason = run_on(why_empty(data, year, area, part))
            return f"No share, as {run_on(MEASURE_LABELS[part])} is missing: {reason}"
    return NO_FIGURE


def _no_figure_the_year_before(data: DataSet, year: str, area: str, count: str) -> str:
    before = previous_year(year)
    status = data.current_statuses.get((area, before, count))
    if status in STATUS_LABELS:
        return f"{before}: {run_on(STATUS_LABELS[status]).replace(' for this year', '')}"
    return f"This data set has no figure for {before}"


def _why_not_worked_out(data: DataSet, row: pd.Series, key: str, series: SeriesColumns) -> str:
    """Why a change, rate, rank or comparison is missing beside the year's count."""
    area = row.name
    if key in (series.change, series.change_percent):
        if is_missing(row[series.previous]):
            return f"{_no_figure_the_year_before(data, row['year'], area, series.count)} to compare with"
        if row["change_unlike"] and row["previous_not_comparable"]:
            return f"Not given: the source says the {previous_year(row['year'])} figure is not comparable with this one"
        if row["change_unlike"]:
            return "Not given: this total and the year before's cover different forces"
        if key == series.change_percent:
            return f"Fewer than {SMALL_COUNT} offences in one of the years: a percentage change would mislead"
    if key == series.rate:
        if series is NSPCC_SERIES and (row["forces_left_out"] or row["partial_total"]):
            covers = coverage_words(row["forces_left_out"], bool(row["partial_total"]))
            return f"Not given: the total {covers}, while the population estimate counts every force's children"
        return "No child population estimate for this area and year"
    if key == series.compared:
        if row["area_type"] == NATION and row["is_force"]:
            return "One police force covers the whole nation: there is nothing to compare it with"
        if not row["is_force"]:
            return "Nations and totals are what each force is compared with; they are not compared"
        if is_missing(row[series.rate]):
            return why_empty(data, row["year"], area, series.rate)
        nation_has_none = run_on(why_empty(data, row["year"], row["nation"], series.rate))
        return f"No comparison: {row['nation']} has no rate per 1,000 children this year ({nation_has_none})"
    if key in (series.rank, series.rank_in_nation):
        if not row["is_force"]:
            return "Ranks are given for police forces only"
        if is_missing(row[series.ranked]):
            return "No rank: only this force has a figure this year in this data set, and first of one says nothing"
        if key == series.rank_in_nation and len(data.total_members.get(row["nation"], [])) > 1:
            return f"No rank within {row['nation']}: only this force of {row['nation']} has a figure this year"
        if key == series.rank_in_nation:
            return "No rank within a nation that has one force"
    return NO_FIGURE
