"""Ready-to-quote words: a summary with its caveat and citation, and the stamp every export carries."""

from datetime import date

from desktop_app import __version__
from desktop_app.formatting import is_missing
from desktop_app.model.dataset import DataSet, newest_publication, publication_date
from desktop_app.model.measures import OFFENCES
from desktop_app.model.statistics import child_population_for, statistics_table
from desktop_app.model.summary import summary
from desktop_app.model.years import previous_year

QUOTE_CAVEAT = (
    "These are offences recorded by the police, which reflect reporting and recording as well as abuse itself."
)


def export_stamp(data: DataSet, produced_on: date | None = None) -> str:
    """Tells a copy printed today from one printed next year: the release, its newest source, the app."""
    produced_on = produced_on or date.today()
    newest = newest_publication(data.figures)
    return (
        f"Data release: {data.name} (newest source {newest}). Sources are listed with the data. "
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


def _citation(data: DataSet, source_id: str) -> str:
    """A source in its own words: publisher, title and date, never a description the source did not give."""
    source = data.source(source_id)
    return f"{source['publisher']}, {source['title']} ({publication_date(source['published'])}), {source['url']}"


def citable_summary(data: DataSet, area: str, year: str, produced_on: date | None = None) -> str:
    """The summary as a journalist would quote it: the words, the caveat and every source behind them."""
    produced_on = produced_on or date.today()
    cited = "; ".join(_citation(data, source) for source in _sources_of_summary(data, area, year))
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
    populations = child_population_for(data, year)
    if per_children and area in populations.index:
        population = populations.loc[area]
        estimate = data.source(population["population_source"])
        source += (
            f" Rate worked out per 1,000 of the {population['children']:,} children aged 0-17 in the mid-"
            f"{population['population_year']} estimate: {estimate['publisher']}, {estimate['title']} "
            f"({publication_date(estimate['published'])}), {estimate['url']}."
        )
    return f"{area}, {year}: {label} {shown}. {QUOTE_CAVEAT}{source}"
