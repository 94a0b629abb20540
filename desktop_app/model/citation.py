"""Ready-to-quote words: a summary with its caveat and citation, and the stamp every export carries."""

from datetime import date

from desktop_app import __version__
from desktop_app.model.dataset import DataSet
from desktop_app.model.measures import HOME_OFFICE_CHILD_OFFENCES, OFFENCES
from desktop_app.model.summary import summary

QUOTE_CAVEAT = (
    "These are offences recorded by the police, which reflect reporting and recording as well as abuse itself."
)


def export_stamp(data: DataSet, produced_on: date | None = None) -> str:
    """Tells a copy printed today from one printed next year: the release, its newest source, the app."""
    produced_on = produced_on or date.today()
    newest = data.figures["published"].max()
    return (
        f"Data release: {data.name} (newest source {newest}). Sources are listed with the data. "
        f"Produced {produced_on.isoformat()} with Fact Sheets {__version__}."
    )


def _citation(data: DataSet, area: str, year: str, measure: str) -> str:
    """Where the figure shown for a measure came from, in the source's own words: its publisher, title and
    date, never a description the source did not give."""
    found = data.current_sources.get((area, year, measure))
    if found is None:
        return ""
    source = data.source(found.source)
    return f"{source['publisher']}, {source['title']} ({source['published']}), {source['url']}"


def citable_summary(data: DataSet, area: str, year: str, produced_on: date | None = None) -> str:
    """The summary as a journalist would quote it: the words, the caveat and where each series' figure
    came from."""
    produced_on = produced_on or date.today()
    citations = [_citation(data, area, year, measure) for measure in (HOME_OFFICE_CHILD_OFFENCES, OFFENCES)]
    cited = "; ".join(citation for citation in citations if citation)
    return (
        f"{summary(data, area, year)} {QUOTE_CAVEAT}{f' Sources: {cited}.' if cited else ''} "
        f"Compiled with Fact Sheets {__version__} on {produced_on.isoformat()} (data release: {data.name})."
    )


def figure_sentence(data: DataSet, area: str, year: str, label: str, shown: str, measure: str | None) -> str:
    """One figure as a quotable sentence with its caveat and the source of the figure behind it."""
    found = data.current_sources.get((area, year, measure or OFFENCES))
    source = ""
    if found:
        source = f" Source: {found.publisher} ({found.published}), {data.source(found.source)['url']}."
    return f"{area}, {year}: {label} {shown}. {QUOTE_CAVEAT}{source}"
