"""Where an area stands among all forces: one row per measure with the spread of every force (lowest, the
middle half, highest), the benchmark's value and the area's, and the comparison word that colours its marker.

The spread and the words come from the year's statistics table, so the chart, the table and the sheet agree.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from desktop_app.formatting import format_change_percent, format_percent, format_rate, is_missing
from desktop_app.model.caching import once_per_data
from desktop_app.model.comparison import compare_with_previous_year
from desktop_app.model.dataset import ENGLAND_AND_WALES, POLICE_FORCE, UNITED_KINGDOM, DataSet
from desktop_app.model.statistics import (
    HOME_OFFICE_SERIES,
    NSPCC_SERIES,
    ONLINE_SHARE,
    SMALL_COUNT,
    statistics_table,
)

NOT_COMPARED = "not compared"
NO_FIGURE = "no figure"
PER_1000 = " per 1,000 children"
COMPARISON_WORDS = {
    "higher": "higher than {benchmark}, beyond chance",
    "similar": "similar to {benchmark} (the difference is within chance)",
    "lower": "lower than {benchmark}, beyond chance",
    NOT_COMPARED: "not tested against {benchmark}",
}


@dataclass(frozen=True)
class SpineRow:
    """One measure: the area's value against every force's and its benchmark's."""

    label: str
    value: float
    lowest: float
    lower_quartile: float
    upper_quartile: float
    highest: float
    forces: int
    benchmark: float
    benchmark_name: str
    comparison: str  # higher, similar, lower, or NOT_COMPARED
    compared_with: str  # what the comparison word is against: the benchmark, or the year before
    formatter: Callable[[float], str]  # the bare number, as on the ends of the bar
    unit: str = ""  # after the number in words: " per 1,000 children"
    why_missing: str = NO_FIGURE  # said instead of the value where it is missing

    @property
    def in_words(self) -> str:
        """'12.3 per 1,000 children, higher than England, beyond chance': a marker's meaning in words. A change
        whose percentage is withheld for small counts can still be compared."""
        value = self.why_missing if is_missing(self.value) else self.formatter(self.value) + self.unit
        if not self.compared_with or (is_missing(self.value) and self.comparison == NOT_COMPARED):
            return value
        return f"{value}, {COMPARISON_WORDS[self.comparison].format(benchmark=self.compared_with)}"


def _benchmark_of(table: pd.DataFrame, area: str, whole: str) -> str | None:
    """A force is set against its nation where the nation has more than one force; a nation with one force,
    and a nation, against ``whole`` (England and Wales, or the UK); ``whole`` itself against nothing."""
    row = table.loc[area]
    if area == whole or (whole == ENGLAND_AND_WALES and area == UNITED_KINGDOM):
        return None
    if row["area_type"] == POLICE_FORCE:
        forces_in_nation = (table["nation"] == row["nation"]) & (table["area_type"] == POLICE_FORCE)
        if forces_in_nation.sum() > 1:
            return row["nation"]
    return whole if whole in table.index else None


@once_per_data
def _force_spread(data: DataSet, year: str) -> pd.DataFrame:
    """Each charted measure's spread over the forces with a figure, worked out once a year: every sheet of a
    batch draws it."""
    table = statistics_table(data, year)
    columns = [HOME_OFFICE_SERIES.rate, NSPCC_SERIES.rate, ONLINE_SHARE, HOME_OFFICE_SERIES.change_percent]
    values = table.loc[table["is_force"], columns].astype(float)
    return pd.DataFrame(
        {
            "lowest": values.min(),
            "lower_quartile": values.quantile(0.25),
            "upper_quartile": values.quantile(0.75),
            "highest": values.max(),
            "forces": values.count(),
        }
    )


def _row(
    spread: pd.DataFrame,
    table: pd.DataFrame,
    area: str,
    label: str,
    column: str,
    formatter,
    whole: str,
    comparison: pd.Series | None = None,
    against_year_before: bool = False,
    unit: str = "",
    why_missing: str = NO_FIGURE,
) -> SpineRow | None:
    """A row where at least two forces have a value in ``column``; None otherwise (nothing to set it against).
    ``comparison`` holds the words against the benchmark, or against the year before."""
    forces = spread.loc[column]
    if forces["forces"] < 2:
        return None
    benchmark = _benchmark_of(table, area, whole)
    has_benchmark = bool(benchmark) and not is_missing(table.at[benchmark, column])
    compared_with = "the year before" if against_year_before else (benchmark if has_benchmark else "")
    word = comparison.get(area) if comparison is not None and compared_with else None
    return SpineRow(
        label=label,
        value=float(table.at[area, column]) if not is_missing(table.at[area, column]) else np.nan,
        lowest=float(forces["lowest"]),
        lower_quartile=float(forces["lower_quartile"]),
        upper_quartile=float(forces["upper_quartile"]),
        highest=float(forces["highest"]),
        forces=int(forces["forces"]),
        benchmark=float(table.at[benchmark, column]) if has_benchmark else np.nan,
        benchmark_name=benchmark or "",
        comparison=NOT_COMPARED if is_missing(word) else word,
        compared_with=compared_with,
        formatter=formatter,
        unit=unit,
        why_missing=why_missing,
    )


@once_per_data
def change_comparison(data: DataSet, year: str, count: str, previous: str) -> pd.Series:
    """Each area's count against the year before, by the exact test of two Poisson counts; worked out once a
    year for every area, as each sheet of a batch asks for it."""
    table = statistics_table(data, year)
    return compare_with_previous_year(table[count], table[previous])


def spine_rows(data: DataSet, area: str, year: str) -> list[SpineRow]:
    """The rows of the spine chart for an area and year: the Home Office rate, the NSPCC rate, the online share
    and the Home Office change, each only where enough forces have a figure."""
    table = statistics_table(data, year)
    if area not in table.index:
        return []
    home_office = HOME_OFFICE_SERIES
    nspcc = NSPCC_SERIES
    counted = not is_missing(table.at[area, home_office.count]) and not is_missing(table.at[area, home_office.previous])
    change_missing = f"no percentage below {SMALL_COUNT} offences" if counted else NO_FIGURE
    spread = _force_spread(data, year)
    candidates = [
        _row(
            spread,
            table,
            area,
            "Home Office rate per 1,000 children",
            home_office.rate,
            format_rate,
            ENGLAND_AND_WALES,
            table[home_office.compared],
            unit=PER_1000,
        ),
        _row(
            spread,
            table,
            area,
            "NSPCC rate per 1,000 children",
            nspcc.rate,
            format_rate,
            UNITED_KINGDOM,
            table[nspcc.compared],
            unit=PER_1000,
        ),
        _row(spread, table, area, "NSPCC share flagged as online", ONLINE_SHARE, format_percent, UNITED_KINGDOM),
        _row(
            spread,
            table,
            area,
            "Home Office change on the year before",
            home_office.change_percent,
            format_change_percent,
            ENGLAND_AND_WALES,
            change_comparison(data, year, home_office.count, home_office.previous),
            against_year_before=True,
            why_missing=change_missing,
        ),
    ]
    return [row for row in candidates if row is not None]
