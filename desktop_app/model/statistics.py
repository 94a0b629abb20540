"""Figures derived for one year: change, online share, rates, ranks and the national comparison.

Missing stays missing: a figure that was not published is NaN here and in every
value computed from it, never zero and never interpolated.
"""

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


def _ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """A share or change that has no meaning over a count of zero is missing, not infinite."""
    return numerator / denominator.where(denominator != 0)


def _wide(data: DataSet, year: str) -> pd.DataFrame:
    rows = data.current_figures[data.current_figures["year"] == year]
    return rows.pivot(index="area", columns="measure", values="value").reindex(columns=list(MEASURES))


def child_population_for(data: DataSet, year: str) -> pd.DataFrame:
    """The child population used for each area's rates in a year: the nearest mid-year estimate."""
    population = data.child_population.copy()
    population["gap"] = (population["mid_year"] - start_year(year)).abs()
    usable = population[population["gap"] <= MAX_POPULATION_GAP_YEARS]
    nearest = usable.sort_values(["gap", "mid_year"], ascending=[True, False]).drop_duplicates("area")
    return nearest.set_index("area")[["children_0_17", "mid_year", "source"]].rename(
        columns={"children_0_17": "children", "mid_year": "population_year", "source": "population_source"}
    )


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


_TABLES_BY_DATA: "weakref.WeakKeyDictionary[DataSet, dict[str, pd.DataFrame]]" = weakref.WeakKeyDictionary()


def statistics_table(data: DataSet, year: str) -> pd.DataFrame:
    """One row per area (forces, nations and the UK) with every figure the views show for ``year``.

    Worked out once per data set and year and shared by the table, summaries, charts and sheets:
    callers read it and must not change it.
    """
    tables = _TABLES_BY_DATA.setdefault(data, {})
    if year not in tables:
        tables[year] = _statistics_table(data, year)
    return tables[year]


def _statistics_table(data: DataSet, year: str) -> pd.DataFrame:
    table = data.areas.set_index("area")
    current = _wide(data, year)
    previous = _wide(data, previous_year(year))
    table = table.join(current)

    statuses = data.current_figures[
        (data.current_figures["year"] == year) & (data.current_figures["measure"] == OFFENCES)
    ]
    table["offences_status"] = statuses.set_index("area")["status"].reindex(table.index)

    table["previous_offences"] = previous[OFFENCES].reindex(table.index)
    table["change"] = table[OFFENCES] - table["previous_offences"]
    big_enough = (table[OFFENCES] >= SMALL_COUNT) & (table["previous_offences"] >= SMALL_COUNT)
    table["change_percent"] = (_ratio(table["change"], table["previous_offences"]) * 100).where(big_enough)
    table[ONLINE_SHARE] = _ratio(table[ONLINE_FLAGGED], table[OFFENCES])
    table["previous_online_flagged"] = previous[ONLINE_FLAGGED].reindex(table.index)
    table["previous_online_share"] = _ratio(table["previous_online_flagged"], table["previous_offences"])

    table = table.join(child_population_for(data, year))
    table[RATE] = table[OFFENCES] / table["children"] * 1000

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


_STACKED_BY_DATA: "weakref.WeakKeyDictionary[DataSet, pd.DataFrame]" = weakref.WeakKeyDictionary()


def statistics_over_years(data: DataSet) -> pd.DataFrame:
    """Every year's statistics table stacked (index: year, area); computed once per data set."""
    if data not in _STACKED_BY_DATA:
        _STACKED_BY_DATA[data] = pd.concat(
            {year: statistics_table(data, year) for year in all_years(data)}, names=["year_key", "area"]
        )
    return _STACKED_BY_DATA[data]


def all_years(data: DataSet) -> list[str]:
    """Every financial year from the first to the last in the data, gaps included."""
    first, last = start_year(data.years[0]), start_year(data.years[-1])
    return [financial_year(start) for start in range(first, last + 1)]


def trend(data: DataSet, area: str, measure: str) -> pd.Series:
    """One area's values for a measure (or a derived figure such as the rate) in every year, NaN where missing."""
    years = all_years(data)
    if measure in MEASURES:
        rows = data.current_figures[
            (data.current_figures["area"] == area) & (data.current_figures["measure"] == measure)
        ]
        return rows.set_index("year")["value"].reindex(years).rename(measure).astype(float)
    values = statistics_over_years(data)[measure].xs(area, level="area")
    return values.reindex(years).rename(measure).rename_axis("year").astype(float)
