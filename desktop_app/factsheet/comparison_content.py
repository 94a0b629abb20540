"""What a comparison sheet says, decided without Qt: a table of counts, rates, ranks and comparison words for a
chosen set of areas, their rates over the years for small charts on shared axes, and the sources and methods."""

from dataclasses import dataclass
from datetime import date

import pandas as pd

from desktop_app.formatting import format_count, format_rate, is_missing
from desktop_app.model.citation import SOURCES_LISTED_ABOVE, export_stamp
from desktop_app.model.comparison import CHANGE_METHOD, METHOD, METHOD_SOURCE
from desktop_app.model.dataset import DataSet, publication_date
from desktop_app.model.spine import change_comparison
from desktop_app.model.statistics import (
    HOME_OFFICE_RATE,
    HOME_OFFICE_SERIES,
    NSPCC_SERIES,
    RATE,
    SeriesColumns,
    all_years,
    statistics_table,
    trends,
)

# Twelve small charts and a table of twelve rows still leave the notes room on one A4 page at a readable size.
MOST_AREAS = 12
# The table's columns under their series: the two series sit side by side, never in one column.
COLUMN_GROUPS = (
    ("", ("Area",)),
    (
        "The Home Office's official figures",
        ("offences", "rate", "rank", "rate against the nation", "change on the year before"),
    ),
    ("The NSPCC's figures", ("offences", "rate", "rank", "rate against the nation")),
)
COLUMNS = tuple(name for _group, names in COLUMN_GROUPS for name in names)
TREND_LINES = {"Home Office rate per 1,000 children": HOME_OFFICE_RATE, "NSPCC rate per 1,000 children": RATE}


class TooManyAreas(ValueError):
    """More areas than one page holds legibly."""


@dataclass(frozen=True)
class ComparisonContent:
    title: str
    year: str
    rows: list[tuple[str, ...]]  # one per area, in COLUMNS order, every cell already in words
    trends: dict[str, pd.DataFrame]  # area -> one column per line of TREND_LINES, one row per year
    notes: list[str]
    footer: str


def _rank(row: pd.Series, series: SeriesColumns) -> str:
    if is_missing(row[series.rank]):
        return "—"
    return f"{int(row[series.rank])} of {int(row[series.ranked])}"


def _word(word) -> str:
    return "—" if is_missing(word) else str(word)


def comparison_content(data: DataSet, areas: list[str], year: str, printed_on: date | None = None) -> ComparisonContent:
    """The comparison sheet of ``areas`` (in the order given, each once) for ``year``."""
    areas = list(dict.fromkeys(areas))
    if len(areas) > MOST_AREAS:
        raise TooManyAreas(f"A comparison sheet holds at most {MOST_AREAS} areas; {len(areas)} were chosen.")
    table = statistics_table(data, year)
    changes = change_comparison(data, year, HOME_OFFICE_SERIES.count, HOME_OFFICE_SERIES.previous)
    rows = []
    for area in areas:
        row = table.loc[area]
        rows.append(
            (
                area,
                format_count(row[HOME_OFFICE_SERIES.count]),
                format_rate(row[HOME_OFFICE_SERIES.rate]),
                _rank(row, HOME_OFFICE_SERIES),
                _word(row[HOME_OFFICE_SERIES.compared]),
                _word(changes.get(area)),
                format_count(row[NSPCC_SERIES.count]),
                format_rate(row[NSPCC_SERIES.rate]),
                _rank(row, NSPCC_SERIES),
                _word(row[NSPCC_SERIES.compared]),
            )
        )
    lines = {label: trends(data, areas, measure) for label, measure in TREND_LINES.items()}
    per_area = {area: pd.DataFrame({label: lines[label][area] for label in TREND_LINES}) for area in areas}
    # The charts span the years where any of the areas has a rate, so every chart shares one axis of years.
    known = [year for year in all_years(data) if any(frame.loc[year].notna().any() for frame in per_area.values())]
    if known:
        per_area = {area: frame.loc[known[0] : known[-1]] for area, frame in per_area.items()}
    sources = {
        data.current_sources[key].source
        for key in ((area, year, series.count) for area in areas for series in (HOME_OFFICE_SERIES, NSPCC_SERIES))
        if key in data.current_sources
    }
    # The rates' population estimates, for the year's rates: a rate is a count divided by one of them.
    rated = table.loc[areas]
    has_rate = rated[HOME_OFFICE_SERIES.rate].notna() | rated[NSPCC_SERIES.rate].notna()
    sources |= set(rated.loc[has_rate, "population_source"].dropna())
    source_lines = [
        f"{source['publisher']}, {source['title']}, {publication_date(source['published'])}: {source['url']}"
        for source in (data.source(source_id) for source_id in sorted(sources))
    ]
    notes = [
        'Ranks are by number of offences among the forces with a figure ("N of M"); a rank is not a rate.',
        f"Rate against the nation (higher, similar or lower): {METHOD} ({METHOD_SOURCE}).",
        f"Change on the year before (Home Office offences): {CHANGE_METHOD}.",
        "Higher is not worse: more recorded offences can mean better recording and more children coming forward. "
        "The two series count different things and are never compared with each other.",
        "Charts: rate per 1,000 children by financial year, every chart on the same scale; a gap is a year with "
        f"no figure in this data set. The sources below are of the {year} figures and their population estimates; "
        "each area's fact sheet gives every year's.",
        '"—": no figure to show: this data set has none, the force did not supply one, or a rate or comparison '
        "lacks its population estimate or the nation's rate; each area's fact sheet says which.",
        *(f"Source: {line}" for line in source_lines),
    ]
    return ComparisonContent(
        title=f"Comparison of {len(areas)} {'area' if len(areas) == 1 else 'areas'}, {year}",
        year=year,
        rows=rows,
        trends=per_area,
        notes=notes,
        footer=export_stamp(data, printed_on, sources=SOURCES_LISTED_ABOVE),
    )
