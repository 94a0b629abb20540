"""Figures derived from the published ones: change, online share, rates, ranks and the national comparison,
for one year's table or an area's trend over the years.

Missing stays missing: a figure that was not published is NaN here and in every
value computed from it, never zero and never interpolated.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from desktop_app.model.caching import once_per_data
from desktop_app.model.comparison import compare_rates
from desktop_app.model.dataset import NATION, POLICE_FORCE, DataSet
from desktop_app.model.measures import (
    HOME_OFFICE_CHILD_OFFENCES,
    MEASURES,
    NOT_COMPARABLE_WITH_NEXT,
    OFFENCES,
    ONLINE_FLAGGED,
    PARTIAL_TOTAL,
    SEXUAL_COMMUNICATION,
)
from desktop_app.model.years import financial_year, previous_year, start_year

RATE = "rate_per_1000_children"
HOME_OFFICE_RATE = "home_office_rate_per_1000_children"
ONLINE_SHARE = "online_share"
# Below this many offences in either year a percentage change misleads ("up 200%" for 1 to 3): it is withheld.
SMALL_COUNT = 10


@dataclass(frozen=True)
class SeriesColumns:
    """The columns a year's table holds for one series of counts. The NSPCC's and the Home Office's
    series are never mixed: each has its own change, rate, ranks and comparison."""

    count: str
    previous: str
    change: str
    change_percent: str
    rate: str
    rank: str
    ranked: str
    rank_in_nation: str
    ranked_in_nation: str
    nation_rate: str
    compared: str


NSPCC_SERIES = SeriesColumns(
    OFFENCES,
    "previous_offences",
    "change",
    "change_percent",
    RATE,
    "rank_uk",
    "forces_ranked_uk",
    "rank_in_nation",
    "forces_ranked_in_nation",
    "nation_rate",
    "compared_with_nation",
)
HOME_OFFICE_SERIES = SeriesColumns(
    HOME_OFFICE_CHILD_OFFENCES,
    "home_office_previous",
    "home_office_change",
    "home_office_change_percent",
    HOME_OFFICE_RATE,
    "home_office_rank",
    "home_office_forces_ranked",
    "home_office_rank_in_nation",
    "home_office_forces_ranked_in_nation",
    "home_office_nation_rate",
    "home_office_compared_with_nation",
)
SERIES = (NSPCC_SERIES, HOME_OFFICE_SERIES)
RATES = {series.rate: series.count for series in SERIES}


def _in_year(frame: pd.DataFrame, year: str) -> pd.DataFrame:
    """One year's rows of a frame indexed by (year, area), indexed by area; no rows for a year with none."""
    if year not in frame.index.get_level_values("year"):
        return frame.iloc[0:0].droplevel("year")
    return frame.xs(year, level="year")


def _ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """A share or change that has no meaning over a count of zero is missing, not infinite."""
    return numerator / denominator.where(denominator != 0)


@once_per_data
def _figures_by_year(data: DataSet) -> pd.DataFrame:
    """Every year's current figures: one row per (year, area), one column per measure."""
    figures = data.current_figures.pivot(index=["year", "area"], columns="measure", values="value")
    return figures.reindex(columns=list(MEASURES))


@once_per_data
def _populations_by_year(data: DataSet) -> pd.DataFrame:
    """For every financial year, each area's estimate of children at the middle of it (mid-2016 for 2016/17);
    a year without one has no rate rather than a neighbouring year's estimate."""
    years = pd.DataFrame({"year": all_years(data)})
    years["mid_year"] = years["year"].map(start_year)
    inside = years.merge(data.child_population, on="mid_year")
    return inside.set_index(["year", "area"])[["children_0_17", "mid_year", "source"]].rename(
        columns={"children_0_17": "children", "mid_year": "population_year", "source": "population_source"}
    )


@once_per_data
def _derived_by_year(data: DataSet) -> pd.DataFrame:
    """Online share and rate per 1,000 children for every (year, area) with figures, worked out in one go
    for the table of any year and for trend charts alike."""
    figures = _figures_by_year(data)
    derived = pd.DataFrame(index=figures.index)
    derived[ONLINE_SHARE] = _ratio(figures[ONLINE_FLAGGED], figures[OFFENCES])
    children = _populations_by_year(data)["children"].reindex(figures.index)
    for rate, count in RATES.items():
        derived[rate] = figures[count] / children * 1000
    # A total that leaves out forces would be divided by every force's children: it gets no rate.
    derived.loc[derived.index.isin(_incomplete_totals(data)), RATE] = np.nan
    return derived


def child_population_for(data: DataSet, year: str) -> pd.DataFrame:
    """The child population used for each area's rates in a year: the mid-year estimate inside it."""
    return _in_year(_populations_by_year(data), year)


def _rank_forces(table: pd.DataFrame, series: SeriesColumns) -> pd.DataFrame:
    """Ranks by count among the forces with a figure in this series and year, where there are two or more (first
    of one says nothing, however many are missing); within a nation only where the nation has more than one."""
    forces = table[table["is_force"] & table[series.count].notna()]
    if len(forces) < 2:
        forces = forces.iloc[:0]
    counts = forces[series.count]
    ranks = pd.DataFrame(index=forces.index)
    ranks[series.rank] = counts.rank(ascending=False, method="min")
    ranks[series.ranked] = float(len(forces))
    ranks[series.rank_in_nation] = counts.groupby(forces["nation"]).rank(ascending=False, method="min")
    ranks[series.ranked_in_nation] = counts.groupby(forces["nation"]).transform("size").astype(float)
    single = ranks[series.ranked_in_nation] < 2
    ranks.loc[single, [series.rank_in_nation, series.ranked_in_nation]] = np.nan
    return ranks


def _add_series(table: pd.DataFrame, previous: pd.DataFrame, derived: pd.DataFrame, series: SeriesColumns) -> None:
    """One series' change, rate, ranks and comparison with the nation, from its own figures only."""
    table[series.previous] = previous[series.count].reindex(table.index)
    table[series.change] = table[series.count] - table[series.previous]
    big_enough = (table[series.count] >= SMALL_COUNT) & (table[series.previous] >= SMALL_COUNT)
    table[series.change_percent] = (_ratio(table[series.change], table[series.previous]) * 100).where(big_enough)
    table[series.rate] = derived[series.rate].reindex(table.index)
    ranks = _rank_forces(table, series)
    for column in ranks.columns:
        table[column] = ranks[column].reindex(table.index)
    nation_rates = table.loc[table["area_type"] == NATION, series.rate]
    table[series.nation_rate] = table["nation"].map(nation_rates)
    table.loc[table["area_type"] == NATION, series.nation_rate] = np.nan
    forces_per_nation = table[table["area_type"] == POLICE_FORCE].groupby("nation").size()
    sole_force = (table["area_type"] == POLICE_FORCE) & table["nation"].map(forces_per_nation).eq(1)
    table.loc[sole_force, series.nation_rate] = np.nan  # Police Scotland and the PSNI are their nations
    nation_rate = table[series.nation_rate]
    table[series.compared] = compare_rates(
        table[series.count].where(table[series.rate].notna()), table["children"], nation_rate
    )


@once_per_data
def _forces_left_out(data: DataSet, year: str) -> dict[str, str]:
    """For each total (the UK, a nation, England and Wales), the forces in it that did not supply the NSPCC
    with a figure for ``year``, named: its published total leaves them out."""
    missing = set(data.not_supplied(year))
    named = {total: [force for force in forces if force in missing] for total, forces in data.total_members.items()}
    return {total: " and ".join(forces) for total, forces in named.items() if forces}


def _with_status(data: DataSet, year: str, status: str) -> set[str]:
    figures = data.current_figures
    chosen = (figures["year"] == year) & (figures["measure"] == OFFENCES) & (figures["status"] == status)
    return set(figures.loc[chosen, "area"])


@once_per_data
def _partial_totals(data: DataSet, year: str) -> set[str]:
    return _with_status(data, year, PARTIAL_TOTAL)


@once_per_data
def _not_comparable_with_next(data: DataSet, year: str) -> set[str]:
    return _with_status(data, year, NOT_COMPARABLE_WITH_NEXT)


def _incomplete_totals(data: DataSet) -> set[tuple[str, str]]:
    """(year, total) of every NSPCC total that leaves out forces, by name or as its source says."""
    return {
        (year, total) for year in data.years for total in [*_forces_left_out(data, year), *_partial_totals(data, year)]
    }


def _unlike_year_before(data: DataSet, year: str) -> set[str]:
    """The totals whose NSPCC figure for ``year`` leaves out other forces than the year before's, or that the
    source says covers only some forces in either year, or whose figure the year before the source says is not
    comparable with it: a change between the two would not compare like with like."""
    now, before = _forces_left_out(data, year), _forces_left_out(data, previous_year(year))
    differ = {total for total in {*now, *before} if now.get(total, "") != before.get(total, "")}
    partial = _partial_totals(data, year) | _partial_totals(data, previous_year(year))
    return differ | partial | _not_comparable_with_next(data, previous_year(year))


def _like_for_like(table: pd.DataFrame, data: DataSet, year: str) -> None:
    """A published total that leaves out a force is not compared with a year that leaves out another (the
    change would not compare like with like), nor is a total the source says covers only some forces;
    neither gets a rate (its population would still count the missing forces' children)."""
    now = pd.Series(_forces_left_out(data, year), dtype=object).reindex(table.index).fillna("")
    before = pd.Series(_forces_left_out(data, previous_year(year)), dtype=object).reindex(table.index).fillna("")
    table["forces_left_out"], table["previous_forces_left_out"] = now, before
    table["partial_total"] = table.index.isin(_partial_totals(data, year))
    table["previous_partial_total"] = table.index.isin(_partial_totals(data, previous_year(year)))
    table["previous_not_comparable"] = table.index.isin(_not_comparable_with_next(data, previous_year(year)))
    unlike = pd.Series(table.index.isin(_unlike_year_before(data, year)), index=table.index)
    unlike &= table[OFFENCES].notna() & table["previous_offences"].notna()
    table.loc[unlike, ["change", "change_percent"]] = np.nan
    table["change_unlike"] = unlike


@once_per_data
def statistics_table(data: DataSet, year: str) -> pd.DataFrame:
    """One row per area (forces, nations and the UK) with every figure the views show for ``year``.

    Worked out once per data set and year and shared by the table, summaries, charts and sheets:
    callers read it and must not change it.
    """
    table = data.areas.set_index("area")
    current = _in_year(_figures_by_year(data), year)
    previous = _in_year(_figures_by_year(data), previous_year(year))
    table = table.join(current)
    table["is_force"] = table.index.isin(data.force_areas)

    for measure in (OFFENCES, SEXUAL_COMMUNICATION):  # "offences_status": a figure not supplied, or partial
        statuses = data.current_figures[
            (data.current_figures["year"] == year) & (data.current_figures["measure"] == measure)
        ]
        table[f"{measure}_status"] = statuses.set_index("area")["status"].reindex(table.index)

    derived = _in_year(_derived_by_year(data), year)
    table[ONLINE_SHARE] = derived[ONLINE_SHARE].reindex(table.index)
    table["previous_online_flagged"] = previous[ONLINE_FLAGGED].reindex(table.index)
    previous_derived = _in_year(_derived_by_year(data), previous_year(year))
    table["previous_online_share"] = previous_derived[ONLINE_SHARE].reindex(table.index)

    table = table.join(child_population_for(data, year))
    for series in SERIES:
        _add_series(table, previous, derived, series)
    _like_for_like(table, data, year)
    table["year"] = year
    return table


def all_years(data: DataSet) -> list[str]:
    """Every financial year from the first to the last in the data, gaps included."""
    first, last = start_year(data.years[0]), start_year(data.years[-1])
    return [financial_year(start) for start in range(first, last + 1)]


@once_per_data
def _every_areas_trend(data: DataSet, measure: str) -> pd.DataFrame:
    """Every area's values for a measure in every year, worked out once: a batch of sheets asks for each area's."""
    by_year = (_figures_by_year(data) if measure in MEASURES else _derived_by_year(data))[measure]
    return by_year.unstack("area").reindex(index=all_years(data)).astype(float)


def trends(data: DataSet, areas: list[str], measure: str) -> pd.DataFrame:
    """Areas' values for a measure (or a derived figure such as the rate) in every year: one column per area,
    one row per financial year, NaN where missing."""
    wide = _every_areas_trend(data, measure).reindex(columns=areas)
    return wide.rename_axis(index="year", columns=None)


def trend(data: DataSet, area: str, measure: str) -> pd.Series:
    """One area's values for a measure in every year, NaN where missing."""
    return trends(data, [area], measure)[area].rename(measure)


@once_per_data
def _every_areas_unlike_year_before(data: DataSet) -> pd.DataFrame:
    """For every year (rows) and area (columns), whether its NSPCC figure is not like for like with the year
    before's: worked out once, as a batch of sheets asks for each area's."""
    areas, years = data.areas["area"], all_years(data)
    return pd.DataFrame(
        [areas.isin(_unlike_year_before(data, year)).to_numpy() for year in years], index=years, columns=areas
    )


def unlike_year_before(data: DataSet, areas: list[str], measure: str) -> pd.DataFrame:
    """True where an area's figure for a year must not be joined to the year before's on a chart: its NSPCC
    total covers other forces, or the source says the two are not comparable. Shaped like ``trends``.
    The Home Office's series does not depend on which forces answered the NSPCC: never True for it."""
    unlike = _every_areas_unlike_year_before(data).reindex(columns=areas, fill_value=False)
    if measure in (HOME_OFFICE_CHILD_OFFENCES, HOME_OFFICE_RATE):
        unlike = pd.DataFrame(False, index=unlike.index, columns=unlike.columns)
    return unlike.rename_axis(index="year", columns=None)
