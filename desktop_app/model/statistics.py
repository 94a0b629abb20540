"""Figures derived from the published ones: change, online share, rates, ranks and the national comparison,
for one year's table or an area's trend over the years.

Missing stays missing: a figure that was not published is NaN here and in every
value computed from it, never zero and never interpolated.
"""

import functools
import weakref

import numpy as np
import pandas as pd

from desktop_app.model.dataset import DataSet
from desktop_app.model.measures import MEASURES, OFFENCES, ONLINE_FLAGGED
from desktop_app.model.years import financial_year, previous_year, start_year

POLICE_FORCE = "police_force"
NATION = "nation"
RATE = "rate_per_1000_children"
ONLINE_SHARE = "online_share"

# A population estimate further than this from the year's start is not used for a rate.
MAX_POPULATION_GAP_YEARS = 2
# Below this many offences in either year a percentage change misleads ("up 200%" for 1 to 3): it is withheld.
SMALL_COUNT = 10
# Rates within this fraction of the nation's rate are called "similar", not higher or lower.
SIMILAR_RATE_TOLERANCE = 0.05


def _once_per_data(compute):
    """Works a frame out once per data set (a DataSet never changes) and further arguments, and shares it:
    callers must not change it."""
    frames: weakref.WeakKeyDictionary[DataSet, dict[tuple, pd.DataFrame]] = weakref.WeakKeyDictionary()

    @functools.wraps(compute)
    def shared(data: DataSet, *arguments) -> pd.DataFrame:
        computed = frames.setdefault(data, {})
        if arguments not in computed:
            computed[arguments] = compute(data, *arguments)
        return computed[arguments]

    return shared


def _in_year(frame: pd.DataFrame, year: str) -> pd.DataFrame:
    """One year's rows of a frame indexed by (year, area), indexed by area; no rows for a year with none."""
    if year not in frame.index.get_level_values("year"):
        return frame.iloc[0:0].droplevel("year")
    return frame.xs(year, level="year")


def _ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """A share or change that has no meaning over a count of zero is missing, not infinite."""
    return numerator / denominator.where(denominator != 0)


@_once_per_data
def _figures_by_year(data: DataSet) -> pd.DataFrame:
    """Every year's current figures: one row per (year, area), one column per measure."""
    figures = data.current_figures.pivot(index=["year", "area"], columns="measure", values="value")
    return figures.reindex(columns=list(MEASURES))


@_once_per_data
def _populations_by_year(data: DataSet) -> pd.DataFrame:
    """For every year, each area's nearest mid-year estimate of children (at most two years away)."""
    years = pd.DataFrame({"year": all_years(data)})
    years["start"] = years["year"].map(start_year)
    pairs = years.merge(data.child_population, how="cross")
    pairs["gap"] = (pairs["mid_year"] - pairs["start"]).abs()
    usable = pairs[pairs["gap"] <= MAX_POPULATION_GAP_YEARS]
    nearest = usable.sort_values(["gap", "mid_year"], ascending=[True, False]).drop_duplicates(["year", "area"])
    return nearest.set_index(["year", "area"])[["children_0_17", "mid_year", "source"]].rename(
        columns={"children_0_17": "children", "mid_year": "population_year", "source": "population_source"}
    )


@_once_per_data
def _derived_by_year(data: DataSet) -> pd.DataFrame:
    """Online share and rate per 1,000 children for every (year, area) with figures, worked out in one go
    for the table of any year and for trend charts alike."""
    figures = _figures_by_year(data)
    derived = pd.DataFrame(index=figures.index)
    derived[ONLINE_SHARE] = _ratio(figures[ONLINE_FLAGGED], figures[OFFENCES])
    derived[RATE] = figures[OFFENCES] / _populations_by_year(data)["children"].reindex(figures.index) * 1000
    return derived


def child_population_for(data: DataSet, year: str) -> pd.DataFrame:
    """The child population used for each area's rates in a year: the nearest mid-year estimate."""
    return _in_year(_populations_by_year(data), year)


def _rank_forces(table: pd.DataFrame) -> pd.DataFrame:
    forces = table[(table["area_type"] == POLICE_FORCE) & table[OFFENCES].notna()]
    ranks = pd.DataFrame(index=forces.index)
    ranks["rank_uk"] = forces[OFFENCES].rank(ascending=False, method="min")
    ranks["forces_ranked_uk"] = float(len(forces))
    ranks["rank_in_nation"] = forces.groupby("nation")[OFFENCES].rank(ascending=False, method="min")
    ranks["forces_ranked_in_nation"] = forces.groupby("nation")[OFFENCES].transform("size").astype(float)
    return ranks


def _compare(rate: pd.Series, reference: pd.Series) -> pd.Series:
    ratio = rate / reference
    words = np.select(
        [ratio > 1 + SIMILAR_RATE_TOLERANCE, ratio < 1 - SIMILAR_RATE_TOLERANCE, ratio.notna()],
        ["higher", "lower", "similar"],
        default="",
    )
    return pd.Series(words, index=rate.index).replace("", pd.NA)


@_once_per_data
def statistics_table(data: DataSet, year: str) -> pd.DataFrame:
    """One row per area (forces, nations and the UK) with every figure the views show for ``year``.

    Worked out once per data set and year and shared by the table, summaries, charts and sheets:
    callers read it and must not change it.
    """
    table = data.areas.set_index("area")
    current = _in_year(_figures_by_year(data), year)
    previous = _in_year(_figures_by_year(data), previous_year(year))
    table = table.join(current)

    statuses = data.current_figures[
        (data.current_figures["year"] == year) & (data.current_figures["measure"] == OFFENCES)
    ]
    table["offences_status"] = statuses.set_index("area")["status"].reindex(table.index)

    table["previous_offences"] = previous[OFFENCES].reindex(table.index)
    table["change"] = table[OFFENCES] - table["previous_offences"]
    big_enough = (table[OFFENCES] >= SMALL_COUNT) & (table["previous_offences"] >= SMALL_COUNT)
    table["change_percent"] = (_ratio(table["change"], table["previous_offences"]) * 100).where(big_enough)
    derived = _in_year(_derived_by_year(data), year)
    table[ONLINE_SHARE] = derived[ONLINE_SHARE].reindex(table.index)
    table["previous_online_flagged"] = previous[ONLINE_FLAGGED].reindex(table.index)
    previous_derived = _in_year(_derived_by_year(data), previous_year(year))
    table["previous_online_share"] = previous_derived[ONLINE_SHARE].reindex(table.index)

    table = table.join(child_population_for(data, year))
    table[RATE] = derived[RATE].reindex(table.index)

    table = table.join(_rank_forces(table))
    nation_rates = table.loc[table["area_type"] == NATION, RATE]
    table["nation_rate"] = table["nation"].map(nation_rates)
    table.loc[table["area_type"] == NATION, "nation_rate"] = np.nan
    forces_per_nation = table[table["area_type"] == POLICE_FORCE].groupby("nation").size()
    sole_force = (table["area_type"] == POLICE_FORCE) & table["nation"].map(forces_per_nation).eq(1)
    table.loc[sole_force, "nation_rate"] = np.nan  # Police Scotland and the PSNI are their nations
    table["compared_with_nation"] = _compare(table[RATE], table["nation_rate"])
    table["year"] = year
    return table


def all_years(data: DataSet) -> list[str]:
    """Every financial year from the first to the last in the data, gaps included."""
    first, last = start_year(data.years[0]), start_year(data.years[-1])
    return [financial_year(start) for start in range(first, last + 1)]


def trends(data: DataSet, areas: list[str], measure: str) -> pd.DataFrame:
    """Areas' values for a measure (or a derived figure such as the rate) in every year: one column per area,
    one row per financial year, NaN where missing."""
    by_year = (_figures_by_year(data) if measure in MEASURES else _derived_by_year(data))[measure]
    wide = by_year.unstack("area").reindex(index=all_years(data), columns=areas).astype(float)
    return wide.rename_axis(index="year", columns=None)


def trend(data: DataSet, area: str, measure: str) -> pd.Series:
    """One area's values for a measure in every year, NaN where missing."""
    return trends(data, [area], measure)[area].rename(measure)
