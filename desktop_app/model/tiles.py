"""A tile map of the forces: each force area's tile shaded by a rate in quintiles (five classes with about as
many forces in each), or marked as having no figure."""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from desktop_app.formatting import format_rate, is_missing, run_on
from desktop_app.model.dataset import DataSet, publication_date
from desktop_app.model.measures import HOME_OFFICE_NATIONS, NOT_SUPPLIED, STATUS_LABELS
from desktop_app.model.statistics import HOME_OFFICE_RATE, RATE, RATES, statistics_table

QUINTILES = 5
OUTSIDE_THE_SERIES = "not in the Home Office's series, which covers England and Wales only"
SHADED_RATES = {
    HOME_OFFICE_RATE: "Home Office rate per 1,000 children",
    RATE: "NSPCC rate per 1,000 children",
}


@dataclass(frozen=True)
class Tile:
    area: str
    label: str  # short, to fit on the tile; the hover text names the area in full
    column: int
    row: int
    value: float  # NaN where the area has no figure
    quintile: int | None  # 0 (lowest fifth) to 4 (highest fifth); None with no figure
    source: str  # publisher and date of the count behind the rate, for the hover text
    no_rate_because: str = ""  # why there is no rate, for the hover text

    @property
    def no_rate_label(self) -> str:
        """The few words written on a hatched tile."""
        return "not in series" if self.no_rate_because == OUTSIDE_THE_SERIES else "no figure"

    @property
    def hover_text(self) -> str:
        if self.quintile is None:
            return f"{self.area}: {self.no_rate_because}"
        return f"{self.area}: {format_rate(self.value)} per 1,000 children ({self.source})"


def quintile_classes(values: pd.Series) -> pd.Series:
    """0 to 4 for each value by the fifth of the known values it falls in (ties share a class); NA where
    missing. Fewer than five known values still get classes by rank."""
    known = values.dropna()
    classes = pd.Series(pd.NA, index=values.index, dtype="Int64")
    if known.empty:
        return classes
    ranks = known.rank(method="min", pct=False) - 1
    classes[known.index] = np.floor(ranks / len(known) * QUINTILES).astype(int)
    return classes


def quintile_bounds(shown: list[Tile]) -> list[tuple[float, float]]:
    """The lowest and highest value in each quintile of the tiles, for the legend (a class with no tile is
    left out)."""
    by_class: dict[int, list[float]] = {}
    for tile in shown:
        if tile.quintile is not None:
            by_class.setdefault(tile.quintile, []).append(tile.value)
    return [(min(by_class[index]), max(by_class[index])) for index in sorted(by_class)]


def quintile_labels(shown: list[Tile]) -> list[str]:
    """Each quintile's range in words for the legend ("2.9 to 4.8"), with a second decimal (or a third) where
    one band's top and the next one's bottom would otherwise read the same and seem to overlap."""
    bounds = quintile_bounds(shown)
    places = 1
    while places < 3 and any(
        format_rate(high, places) == format_rate(low, places)
        for (_, high), (low, _) in zip(bounds, bounds[1:], strict=False)
    ):
        places += 1
    return [f"{format_rate(low, places)} to {format_rate(high, places)}" for low, high in bounds]


def hatched_label(shown: list[Tile]) -> str:
    """What the legend's hatched swatch stands for on this map: "no figure", "not in series", or both."""
    return " or ".join(dict.fromkeys(tile.no_rate_label for tile in shown if tile.quintile is None)) or "no figure"


def missing_from_layout(layout: pd.DataFrame, data: DataSet) -> tuple[list[str], list[str]]:
    """The force areas the layout leaves out, and the areas it has that are not force areas."""
    placed = set(layout["area"])
    return [area for area in data.force_areas if area not in placed], sorted(placed - set(data.force_areas))


def _no_rate_because(row: pd.Series, rate: str) -> str:
    """Why a force has no rate: outside the series, its force did not supply the count, or no population
    estimate; else the data set has no figure (never "not published": nothing says so)."""
    count = RATES[rate]
    if rate == HOME_OFFICE_RATE and row["nation"] not in HOME_OFFICE_NATIONS:
        return OUTSIDE_THE_SERIES
    if row.get(f"{count}_status") == NOT_SUPPLIED:
        return run_on(STATUS_LABELS[NOT_SUPPLIED])
    if not is_missing(row[count]):
        return "no rate: no population estimate for this year in this data set"
    return "no figure in this data set"


def tiles(data: DataSet, year: str, rate: str, layout: pd.DataFrame) -> list[Tile]:
    """Every force area's tile for a year and rate; areas of the layout the data set does not know are left off."""
    table = statistics_table(data, year)
    forces = [area for area in layout["area"] if area in table.index and table.at[area, "is_force"]]
    values = table.loc[forces, rate].astype(float)
    classes = quintile_classes(values)
    sources = data.current_sources
    count = RATES[rate]
    placed = layout.set_index("area")
    result = []
    for area in forces:
        shown = sources.get((area, year, count))
        source = f"{shown.publisher}, {publication_date(shown.published)}" if shown else ""
        quintile = None if is_missing(classes[area]) else int(classes[area])
        where = placed.loc[area]
        result.append(
            Tile(
                area,
                where["label"],
                int(where["column"]),
                int(where["row"]),
                values[area],
                quintile,
                source,
                "" if quintile is not None else _no_rate_because(table.loc[area], rate),
            )
        )
    return result
