"""Everything behind one area's figures for a year: each value, where it came from, and its revisions."""

import pandas as pd

from desktop_app.model.dataset import DataSet, newest_first, publication_date
from desktop_app.model.measures import HOME_OFFICE_CHILD_OFFENCES, MEASURE_LABELS


def figure_details(data: DataSet, area: str, year: str) -> pd.DataFrame:
    """One row per measure published for the area and year, newest value first, with older values listed.

    Columns: measure, label, value, status, note, publisher, title, url, published, earlier (a list of
    (value, publisher, published, published before) for other values, where "published before" says whether
    that value's source states a date before the shown one's: an import that states no date replaces what it
    lands on, which may have been published later).
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
        earlier = []
        for older in published.iloc[1:].to_dict("records"):
            # The same figure published again is not a revision; a value imported twice is listed once.
            listed = (older["value"], sources.at[older["source"], "publisher"], publication_date(older["published"]))
            if older["value"] != newest["value"] and listed not in [other[:3] for other in earlier]:
                earlier.append((*listed, _published_before(older["published"], newest["published"])))
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


def _published_before(older, newer) -> bool:
    """Both dates stated (ISO text, so they compare as dates) and the first the earlier."""
    return isinstance(older, str) and isinstance(newer, str) and "" < older < newer
