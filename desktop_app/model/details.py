"""Everything behind one area's figures for a year: each value, where it came from, and its revisions."""

import pandas as pd

from desktop_app.model.dataset import DataSet, newest_first, publication_date
from desktop_app.model.measures import HOME_OFFICE_CHILD_OFFENCES, MEASURE_LABELS


def figure_details(data: DataSet, area: str, year: str) -> pd.DataFrame:
    """One row per measure published for the area and year, newest value first, with older values listed.

    Columns: measure, label, value, status, note, publisher, title, url, published, earlier (a list of
    (value, publisher, published) for values an older release gave).
    """
    rows = data.figures[(data.figures["area"] == area) & (data.figures["year"] == year)]
    sources = data.sources.set_index("source")
    details = []
    # The official series first, as on the sheet; then the NSPCC's figures.
    ordered = sorted(MEASURE_LABELS.items(), key=lambda item: item[0] != HOME_OFFICE_CHILD_OFFENCES)
    for measure, label in ordered:
        published = newest_first(rows[rows["measure"] == measure])
        if published.empty:
            continue
        newest = published.iloc[0]
        source = sources.loc[newest["source"]]
        earlier = [
            (older["value"], sources.at[older["source"], "publisher"], publication_date(older["published"]))
            for older in published.iloc[1:].to_dict("records")
            if older["value"] != newest["value"]  # the same figure published again is not a revision
        ]
        details.append(
            {
                "measure": measure,
                "label": label,
                "value": newest["value"],
                "status": newest["status"],
                "note": newest["note"],
                "publisher": source["publisher"],
                "title": source["title"],
                "url": source["url"],
                "published": publication_date(newest["published"]),
                "earlier": earlier,
            }
        )
    return pd.DataFrame(
        details,
        columns=["measure", "label", "value", "status", "note", "publisher", "title", "url", "published", "earlier"],
    )


def revised_years(data: DataSet, area: str, measure: str) -> set[str]:
    """Years whose figure was published with more than one value."""
    return {
        year
        for revised_area, revised_measure, year in data.revised
        if (revised_area, revised_measure) == (area, measure)
    }


def changes_in_words(data: DataSet, changes: pd.DataFrame) -> pd.DataFrame:
    """What changed between two releases as a reader sees it: measures by name and sources by publisher and
    date, never by their ids."""
    sources = data.sources.set_index("source")
    return changes.assign(
        measure=changes["measure"].map(MEASURE_LABELS),
        source=[
            f"{sources.at[source, 'publisher']} ({publication_date(sources.at[source, 'published'])})"
            for source in changes["source"]
        ],
    )
