"""Ready-to-quote words: a summary with its caveat and citation, and the stamp every export carries."""

from datetime import date

import pandas as pd

from desktop_app import __version__
from desktop_app.formatting import is_missing
from desktop_app.model.dataset import DataSet, newest_publication, publication_date
from desktop_app.model.measures import MEASURE_LABELS, OFFENCES, ONLINE_FLAGGED
from desktop_app.model.statistics import ONLINE_SHARE, SERIES, child_population_for, statistics_table
from desktop_app.model.summary import summary
from desktop_app.model.years import previous_year

QUOTE_CAVEAT = (
    "These are offences recorded by the police, which reflect reporting and recording as well as abuse itself."
)


SOURCES_IN_THE_WORKBOOK = (
    "Each figure's sources are in the column beside it, and in full on the Sources sheet. Beside an empty cell, "
    "the source column says why it is empty."
)
SOURCES_LISTED_BELOW = "The sources of the figures are listed below."
SOURCES_LISTED_ABOVE = "The sources of the figures are listed above."
SOURCES_IN_THE_NOTES = "Each figure's source is in the numbered notes."
NO_FIGURES_NO_SOURCES = "The table holds no figures, so no sources are listed."
# Under a chart there is room to name this many sources of a series; beyond it, how many and where they are listed.
NAMED_SOURCES = 3


def export_stamp(data: DataSet, produced_on: date | None = None, *, sources: str) -> str:
    """Tells a copy printed today from one printed next year: the release, its newest source, the app; and
    ``sources`` says where this copy's sources are."""
    produced_on = produced_on or date.today()
    newest = newest_publication(data.figures)
    return (
        f"Data release: {data.name} (newest source {newest}). {sources} "
        f"Produced {produced_on.isoformat()} with Fact Sheets {__version__}."
    )


def _sources_of_summary(data: DataSet, area: str, year: str) -> list[str]:
    """Every source the summary draws on: each figure shown for the area in the year and the year before (the
    changes), and the population estimate behind its rates, in that order, each once."""
    row = statistics_table(data, year).loc[area]
    figures = data.current_figures
    used = figures[(figures["area"] == area) & figures["year"].isin([year, previous_year(year)])]
    used = used.sort_values("year", ascending=False, kind="stable")
    cited = list(dict.fromkeys(used["source"]))
    if not is_missing(row["population_source"]):
        cited.append(row["population_source"])
    return cited


def citation_of(data: DataSet, source_id: str) -> str:
    """A source in its own words: publisher, title and date, never a description the source did not give."""
    source = data.source(source_id)
    return f"{source['publisher']}, {source['title']} ({publication_date(source['published'])}), {source['url']}"


def citable_summary(data: DataSet, area: str, year: str, produced_on: date | None = None) -> str:
    """The summary as a journalist would quote it: the words, the caveat and every source behind them."""
    produced_on = produced_on or date.today()
    cited = "; ".join(citation_of(data, source) for source in _sources_of_summary(data, area, year))
    return (
        f"{summary(data, area, year)} {QUOTE_CAVEAT}{f' Sources: {cited}.' if cited else ''} "
        f"Compiled with Fact Sheets {__version__} on {produced_on.isoformat()} (data release: {data.name})."
    )


def figure_sentence(
    data: DataSet, area: str, year: str, label: str, shown: str, measure: str | None, per_children: bool = False
) -> str:
    """One figure as a quotable sentence with its caveat and the source of the figure behind it; a rate also
    names the population estimate it was divided by."""
    found = data.current_sources.get((area, year, measure or OFFENCES))
    source = ""
    if found:
        url = data.source(found.source)["url"]
        source = f" Source: {found.publisher} ({publication_date(found.published)}), {url}."
    populations = child_population_for(data, year) if per_children else None
    if populations is not None and area in populations.index:
        population = populations.loc[area]
        source += (
            f" Rate worked out per 1,000 of the {population['children']:,} children aged 0-17 in the mid-"
            f"{population['population_year']} estimate: {citation_of(data, population['population_source'])}."
        )
    return f"{area}, {year}: {label} {shown}. {QUOTE_CAVEAT}{source}"


# The published figures each column of a year's table is worked out from, as (years back, measure).
_FIGURES_BEHIND = {
    **{measure: ((0, measure),) for measure in MEASURE_LABELS},
    ONLINE_SHARE: ((0, ONLINE_FLAGGED), (0, OFFENCES)),
    **{
        column: figures
        for series in SERIES
        for column, figures in {
            series.previous: ((1, series.count),),
            series.change: ((0, series.count), (1, series.count)),
            series.change_percent: ((0, series.count), (1, series.count)),
            series.rate: ((0, series.count),),
            series.rank: ((0, series.count),),
            series.rank_in_nation: ((0, series.count),),
            series.compared: ((0, series.count),),
        }.items()
    },
}
# Columns worked out with a child population estimate, whose source is cited with the counts'.
_USES_POPULATION = {column for series in SERIES for column in (series.rate, series.compared)}


def column_source_ids(data: DataSet, rows: pd.DataFrame, year: str, column: str) -> pd.Series | None:
    """Each row's sources for one column of a year's table (a list of ids, empty where there is no figure), or
    None for a column that holds no figure. ``rows`` has the table's ``area`` and ``population_source``."""
    figures = _FIGURES_BEHIND.get(column)
    if figures is None:
        return None
    years = {0: year, 1: previous_year(year)}
    cited = []
    for area, population in zip(rows["area"], rows["population_source"], strict=True):
        found = (data.current_sources.get((area, years[back], measure)) for back, measure in figures)
        ids = list(dict.fromkeys(source.source for source in found if source is not None))
        if column in _USES_POPULATION and ids and not is_missing(population):
            ids.append(population)
        cited.append(ids)
    return pd.Series(cited, index=rows.index, dtype=object)


def sources_in_words(data: DataSet, cited: pd.Series) -> pd.Series:
    """Lists of source ids as citations a reader can follow, "; " between them; empty where none."""
    words = {source: citation_of(data, source) for source in {source for ids in cited for source in ids}}
    return cited.map(lambda ids: "; ".join(words[source] for source in ids) or None)


def sources_listed(data: DataSet, cited: list[pd.Series]) -> pd.DataFrame:
    """Every source cited, once, with how many cells cite it: publisher, title, date and address, no ids."""
    counts = pd.Series([source for column in cited for ids in column for source in ids], dtype=object).value_counts()
    listed = data.sources.set_index("source").join(counts.rename("cells"), how="inner")
    listed = listed.sort_values(["publisher", "published"])
    listed["published"] = listed["published"].map(publication_date)
    return listed[["publisher", "title", "published", "url", "cells"]]


def sources_in_brief(data: DataSet, cited_by_series: dict[str, pd.Series], listed_in: str) -> str:
    """An image has room for a line of sources, not forty citations: each series' publishers and dates when
    there are a few, otherwise how many sources, and the file beside it that lists them all."""
    parts = []
    for series, cited in cited_by_series.items():
        listed = sources_listed(data, [cited])
        publishers = listed["publisher"].unique()
        if len(listed) > NAMED_SOURCES and len(publishers) == 1:  # one publisher's yearly releases: name it
            parts.append(f"{series} figures from {publishers[0]} ({len(listed)} releases)")
        elif len(listed) > NAMED_SOURCES:
            parts.append(f"{series} figures from {len(listed)} sources")
        elif len(listed) and set(publishers) == {series}:  # "Home Office figures (2023-10-19)", said once
            parts.append(f"{series} figures ({', '.join(listed['published'])})")
        elif len(listed):
            named = ", ".join(f"{row.publisher} ({row.published})" for row in listed.itertuples())
            parts.append(f"{series} figures from {named}")
    return f"Sources: {'; '.join(parts)}. All are listed in {listed_in}." if parts else "No figures are charted."


def about_the_export(data: DataSet, cited: list[pd.Series]) -> str:
    """The text kept beside an exported table: the stamp a sentence a line, then every source of its figures."""
    listed = sources_listed(data, cited)
    stamp = export_stamp(data, sources=SOURCES_LISTED_BELOW if len(listed) else NO_FIGURES_NO_SOURCES)
    lines = [stamp.replace(". ", ".\n")]
    if len(listed):
        lines += ["", "Sources of the figures:", *(f"- {citation_of(data, source)}" for source in listed.index)]
    return "\n".join(lines)
