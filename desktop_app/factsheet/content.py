"""What a fact sheet says, decided without Qt: figures, words, chart values and numbered source notes.

Every figure on the sheet carries the number of the note that names its source,
so a reader can trace each one.
"""

from dataclasses import dataclass
from datetime import date

import pandas as pd

from desktop_app.formatting import (
    format_change_percent,
    format_count,
    format_percent,
    format_rate,
    format_signed_count,
    is_missing,
    ordinal,
)
from desktop_app.model.citation import export_stamp
from desktop_app.model.dataset import UNITED_KINGDOM, DataSet
from desktop_app.model.measures import (
    AGE_MEASURES,
    HOME_OFFICE_CAVEAT,
    HOME_OFFICE_CHILD_OFFENCES,
    MEASURE_LABELS,
    NOT_SUPPLIED,
    OFFENCES,
    ONLINE_FLAGGED,
)
from desktop_app.model.statistics import NATION, ONLINE_SHARE, POLICE_FORCE, RATE, statistics_table, trend
from desktop_app.model.summary import summary
from desktop_app.model.years import previous_year

CAVEATS = (
    "These are offences recorded by the police, not a measure of how much abuse happens: they rise and fall "
    "with how many children and adults come forward and with how forces record crime.",
    "The figures come from the NSPCC's yearly Freedom of Information requests to every UK police force. Forces "
    "answer differently, and a later release can revise an earlier year; the newest published figure is shown.",
    "Recording practice has changed over the years. Flagging offences with an online element only became "
    "mandatory for forces in 2015/16, so online figures for earlier years are not comparable.",
)


@dataclass(frozen=True)
class Figure:
    label: str
    value: str
    notes: tuple[int, ...] = ()
    detail: str = ""


@dataclass(frozen=True)
class SourceNote:
    number: int
    text: str
    url: str


@dataclass(frozen=True)
class SheetContent:
    area: str
    year: str
    title: str
    subtitle: str
    headline: list[Figure]
    summary: str
    trend_label: str
    trend: pd.Series
    trend_notes: tuple[int, ...]
    comparison: list[Figure]
    breakdown: list[Figure]
    contacts: tuple  # support_contacts rows (named tuples) for the area's nation
    notes: list[SourceNote]
    caveats: tuple[str, ...]
    footer: str
    missing_reason: str = ""


class _NoteNumbers:
    """Numbers sources in the order the sheet first cites them."""

    def __init__(self, data: DataSet):
        self._data = data
        self._numbers: dict[str, int] = {}

    def cite(self, *source_ids) -> tuple[int, ...]:
        numbers = []
        for source_id in source_ids:
            if not isinstance(source_id, str) or not source_id:
                continue
            self._numbers.setdefault(source_id, len(self._numbers) + 1)
            numbers.append(self._numbers[source_id])
        return tuple(sorted(set(numbers)))

    def notes(self) -> list[SourceNote]:
        sources = self._data.sources.set_index("source")
        notes = []
        for source_id, number in self._numbers.items():
            source = sources.loc[source_id]
            text = f"{source['publisher']}: {source['title']} (published {source['published']})."
            notes.append(SourceNote(number, text, source["url"]))
        return notes


def _source_id(data: DataSet, area: str, year: str, measure: str) -> str | None:
    """The source of the figure shown for an area, year and measure; None where there is no figure."""
    found = data.current_sources.get((area, year, measure))
    return found.source if found else None


def _contacts_for(data: DataSet, nation: str) -> tuple:
    contacts = data.support_contacts
    covers = contacts["nations"].str.contains("UK") | contacts["nations"].str.contains(nation or "UK", regex=False)
    return tuple(contacts[covers].itertuples(index=False))


def sheet_content(data: DataSet, area: str, year: str, printed_on: date | None = None) -> SheetContent:
    printed_on = printed_on or date.today()
    table = statistics_table(data, year)
    row = table.loc[area]
    cite = _NoteNumbers(data)

    def this_year(measure: str) -> str | None:
        return _source_id(data, area, year, measure)

    def figure(label, value, formatter, sources, detail="", why_missing="not published"):
        if is_missing(value):
            return Figure(label, formatter(value), (), why_missing)
        return Figure(label, formatter(value), cite.cite(*sources), detail)

    has_offences = not is_missing(row[OFFENCES])
    headline = [
        figure(
            "Offences recorded",
            row[OFFENCES],
            format_count,
            [this_year(OFFENCES)],
            "sexual offences against under-18s",
            "not supplied by the force" if row["offences_status"] == NOT_SUPPLIED else "not published",
        ),
        figure(
            f"Change on {previous_year(year)}",
            row["change"],
            format_signed_count,
            [this_year(OFFENCES), _source_id(data, area, previous_year(year), OFFENCES)],
            "" if is_missing(row["change_percent"]) else format_change_percent(row["change_percent"]),
            f"no figure for {previous_year(year)}" if has_offences else "not published",
        ),
        figure(
            "Flagged as online",
            row[ONLINE_FLAGGED],
            format_count,
            [this_year(ONLINE_FLAGGED)],
            "" if is_missing(row[ONLINE_SHARE]) else f"{format_percent(row[ONLINE_SHARE])} of offences",
        ),
        figure(
            "Per 1,000 children",
            row[RATE],
            format_rate,
            [this_year(OFFENCES), row["population_source"]],
            "" if is_missing(row["population_year"]) else f"children aged 0-17, mid-{int(row['population_year'])}",
            "no child population estimate near this year" if has_offences else "not published",
        ),
    ]

    comparison = []
    if row["area_type"] == POLICE_FORCE and not is_missing(row["rank_uk"]):
        comparison.append(
            Figure(
                "Rank among UK forces",
                f"{ordinal(row['rank_uk'])} of {format_count(row['forces_ranked_uk'])}",
                detail="by number of offences, among forces with a figure this year in this data set",
            )
        )
        comparison.append(
            Figure(
                f"Rank in {row['nation']}",
                f"{ordinal(row['rank_in_nation'])} of {format_count(row['forces_ranked_in_nation'])}",
            )
        )
    if row["area_type"] not in (NATION, "country") and not is_missing(row["nation_rate"]):
        nation = row["nation"]
        comparison.append(
            figure(
                f"{nation}: per 1,000 children",
                row["nation_rate"],
                format_rate,
                [_source_id(data, nation, year, OFFENCES)],
                f"this area's rate is {row['compared_with_nation']}",
            )
        )
    if area != UNITED_KINGDOM and not is_missing(table.at[UNITED_KINGDOM, OFFENCES]):
        comparison.append(
            figure(
                f"{UNITED_KINGDOM}: offences recorded",
                table.at[UNITED_KINGDOM, OFFENCES],
                format_count,
                [_source_id(data, UNITED_KINGDOM, year, OFFENCES)],
            )
        )

    breakdown = [
        figure(MEASURE_LABELS[measure], row[measure], format_count, [this_year(measure)])
        for measure in (*AGE_MEASURES, HOME_OFFICE_CHILD_OFFENCES)
        if not is_missing(row[measure])
    ]
    caveats = CAVEATS + ((HOME_OFFICE_CAVEAT,) if not is_missing(row[HOME_OFFICE_CHILD_OFFENCES]) else ())

    values = trend(data, area, OFFENCES)
    known_years = list(values.dropna().index)
    if known_years:
        span = list(values.loc[known_years[0] : known_years[-1]].index)
        caveats += tuple(
            f"Recording practice, {note.year}: {note.note} ({note.source_url})."
            for note in data.practice_notes_for(area, span).itertuples()
        )
    trend_notes = cite.cite(
        *(_source_id(data, area, trend_year, OFFENCES) for trend_year, value in values.items() if not is_missing(value))
    )

    missing_reason = ""
    if row["offences_status"] == NOT_SUPPLIED:
        missing_reason = f"{area} did not supply a figure for {year}."
    elif is_missing(row[OFFENCES]):
        missing_reason = f"No figure has been published for {area} in {year}."

    return SheetContent(
        area=area,
        year=year,
        title=area,
        subtitle=f"Sexual offences against children recorded by the police, {year}",
        headline=headline,
        summary=summary(data, area, year),
        trend_label="Offences recorded, by financial year (April to March)",
        trend=values,
        trend_notes=trend_notes,
        comparison=comparison,
        breakdown=breakdown,
        contacts=_contacts_for(data, row["nation"]),
        notes=cite.notes(),
        caveats=caveats,
        footer=export_stamp(data, printed_on),
        missing_reason=missing_reason,
    )
