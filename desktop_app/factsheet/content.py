"""What a fact sheet says, decided without Qt: figures, words, chart values and numbered source notes.

Every figure on the sheet carries the number of the note that names its source,
so a reader can trace each one.
"""

from dataclasses import dataclass, field
from datetime import date
from itertools import groupby

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
from desktop_app.io.force_tiles import read_force_tiles
from desktop_app.model.caching import once_per_data
from desktop_app.model.citation import SOURCES_IN_THE_NOTES, export_stamp
from desktop_app.model.comparison import CHANGE_METHOD, METHOD, METHOD_SOURCE
from desktop_app.model.dataset import ENGLAND_AND_WALES, UNITED_KINGDOM, DataSet, published_in_words
from desktop_app.model.measures import (
    AGE_MEASURES,
    HOME_OFFICE_CHILD_OFFENCES,
    HOME_OFFICE_NATIONS,
    MEASURE_LABELS,
    NOT_SUPPLIED,
    OFFENCES,
    ONLINE_FLAGGED,
    SERIES_EXPLAINED,
    SEXUAL_COMMUNICATION,
)
from desktop_app.model.spine import SpineRow, spine_rows
from desktop_app.model.statistics import (
    HOME_OFFICE_SERIES,
    NATION,
    NSPCC_SERIES,
    ONLINE_SHARE,
    POLICE_FORCE,
    SeriesColumns,
    statistics_table,
    trend,
    unlike_year_before,
)
from desktop_app.model.summary import coverage_words, official_series_leads, summary_paragraph, summary_sentences
from desktop_app.model.tiles import Tile, tiles
from desktop_app.model.years import previous_year

CAVEATS = (
    "These are offences recorded by the police, not a measure of how much abuse happens: they rise and fall "
    "with how many children and adults come forward and with how forces record crime.",
    "Forces answer the NSPCC's requests differently, and a later release of either series can revise an earlier "
    "year; the newest published figure is shown.",
)  # changes in recording practice and the law are dated notes, each on the sheets whose years it touches


@dataclass(frozen=True)
class Figure:
    label: str
    value: str
    notes: tuple[int, ...] = ()
    detail: str = ""


@dataclass(frozen=True)
class HeadlineRow:
    """One series' headline figures; a sheet never puts the two series in one row."""

    label: str
    figures: list[Figure]


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
    headline: list[HeadlineRow]
    series_note: str
    summary: str
    trend_label: str
    trend: pd.DataFrame  # one column per series, named for the legend; never joined into one line
    trend_unjoined: pd.DataFrame  # like trend: True where a figure is not joined to the year before's, though both
    # are known: their totals cover different forces
    trend_notes: tuple[int, ...]
    comparison: list[Figure]
    breakdown: list[Figure]
    contacts: tuple  # support_contacts rows (named tuples) for the area's nation
    notes: list[SourceNote]
    caveats: tuple[str, ...]
    footer: str
    missing_reason: str = ""
    spine: list[SpineRow] = field(default_factory=list)  # where the area stands among all forces
    spine_caveat: str = ""  # one of the caveats, explaining the spine chart: left out of a sheet without it
    locator: list[Tile] = field(default_factory=list)  # every force's tile, to show where the area is


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
            text = f"{source['publisher']}: {source['title']} ({published_in_words(source['published'])})."
            notes.append(SourceNote(number, text, source["url"]))
        return notes


def _source_id(data: DataSet, area: str, year: str, measure: str) -> str | None:
    """The source of the figure shown for an area, year and measure; None where there is no figure."""
    found = data.current_sources.get((area, year, measure))
    return found.source if found else None


@once_per_data
def _contacts_for(data: DataSet, nation: str) -> tuple:
    contacts = data.support_contacts
    covers = contacts["nations"].str.contains("UK") | contacts["nations"].str.contains(nation or "UK", regex=False)
    return tuple(contacts[covers].itertuples(index=False))


# First among the contacts on screen and on paper, and on a sheet's front even when the contacts go overleaf.
EMERGENCY_LINE = "If a child is in immediate danger, call 999."

NSPCC_LINE = "NSPCC: all sexual offences against under-18s"
HOME_OFFICE_LINE = "Home Office: offences that name a child victim"


def _series_note(row: pd.Series) -> str:
    """What the two series count, and for Scotland and Northern Ireland why only one appears."""
    if row["area_type"] in (POLICE_FORCE, NATION) and row["nation"] not in HOME_OFFICE_NATIONS:
        return f"{SERIES_EXPLAINED} {row['nation']} is not in the Home Office's series, which covers England and Wales."
    return SERIES_EXPLAINED


@once_per_data
def _locator_tiles(data: DataSet, year: str) -> list:
    """The small map on every sheet of a year is the same: worked out once."""
    return tiles(data, year, HOME_OFFICE_SERIES.rate, read_force_tiles())


def sheet_content(data: DataSet, area: str, year: str, printed_on: date | None = None) -> SheetContent:
    printed_on = printed_on or date.today()
    table = statistics_table(data, year)
    row = table.loc[area]
    cite = _NoteNumbers(data)
    earlier = previous_year(year)
    has_population = not is_missing(row["population_year"])

    def source_of(measure: str, in_year: str = year) -> str | None:
        return _source_id(data, area, in_year, measure)

    def figure(label, value, formatter, sources, detail="", why_missing="not in this data set"):
        if is_missing(value):
            return Figure(label, formatter(value), (), why_missing)
        return Figure(label, formatter(value), cite.cite(*sources), detail)

    def series_figures(series: SeriesColumns, what: str) -> list[Figure]:
        count = [source_of(series.count)]
        nspcc = series == NSPCC_SERIES
        if nspcc and row["change_unlike"] and row["previous_not_comparable"]:
            why_no_change = f"the source says the {earlier} figure is not comparable"
        elif nspcc and row["change_unlike"]:
            why_no_change = "the two totals cover different forces"
        else:
            why_no_change = f"no figure for {earlier} in this data set"
        if nspcc and (row["forces_left_out"] or row["partial_total"]):
            why_no_rate = f"the total {coverage_words(row['forces_left_out'], row['partial_total'])}"
        else:
            why_no_rate = "no child population estimate for this year"
        return [
            figure("Offences recorded", row[series.count], format_count, count, what),
            figure(
                f"Change on {earlier}",
                row[series.change],
                format_signed_count,
                [*count, source_of(series.count, earlier)],
                "" if is_missing(row[series.change_percent]) else format_change_percent(row[series.change_percent]),
                why_no_change,
            ),
            figure(
                "Per 1,000 children",
                row[series.rate],
                format_rate,
                [*count, row["population_source"]],
                f"children aged 0-17, mid-{int(row['population_year'])}" if has_population else "",
                why_no_rate,
            ),
        ]

    rows = []
    if not is_missing(row[HOME_OFFICE_CHILD_OFFENCES]):
        official = series_figures(HOME_OFFICE_SERIES, "offences that name a child victim")
        if not is_missing(row[HOME_OFFICE_SERIES.rank]):
            official.append(
                Figure(
                    f"Rank in {ENGLAND_AND_WALES}",
                    f"{ordinal(row[HOME_OFFICE_SERIES.rank])} of {format_count(row[HOME_OFFICE_SERIES.ranked])}",
                    detail="by number of offences",
                )
            )
        rows.append(HeadlineRow("The Home Office's official figures", official))
    if not is_missing(row[OFFENCES]):
        nspcc = series_figures(NSPCC_SERIES, "sexual offences against under-18s")
        nspcc.insert(
            2,
            figure(
                "Flagged as online",
                row[ONLINE_FLAGGED],
                format_count,
                [source_of(ONLINE_FLAGGED)],
                "" if is_missing(row[ONLINE_SHARE]) else f"{format_percent(row[ONLINE_SHARE])} of offences",
            ),
        )
        rows.append(HeadlineRow("The NSPCC's figures (Freedom of Information)", nspcc))
    if not official_series_leads(row):
        rows.reverse()

    comparison = []
    if row["is_force"] and not is_missing(row["rank_uk"]):
        forces = table[table["is_force"]]
        without = int(forces[OFFENCES].isna().sum())
        comparison.append(
            Figure(
                "NSPCC figures: rank among UK forces",
                f"{ordinal(row['rank_uk'])} of {format_count(row['forces_ranked_uk'])}",
                detail="by number of offences, among forces with a figure this year in this data set"
                + (f"; {without} of {len(forces)} forces have none" if without else ""),
            )
        )
        if not is_missing(row["rank_in_nation"]):
            comparison.append(
                Figure(
                    f"NSPCC figures: rank in {row['nation']}",
                    f"{ordinal(row['rank_in_nation'])} of {format_count(row['forces_ranked_in_nation'])}",
                )
            )
    if row["area_type"] not in (NATION, "country"):
        nation = row["nation"]
        for series, name in ((HOME_OFFICE_SERIES, "Home Office"), (NSPCC_SERIES, "NSPCC")):
            if not is_missing(row[series.nation_rate]):
                comparison.append(
                    figure(
                        f"{nation}, {name} figures: per 1,000 children",
                        row[series.nation_rate],
                        format_rate,
                        [_source_id(data, nation, year, series.count), row["population_source"]],
                        "" if is_missing(row[series.compared]) else f"this area's rate is {row[series.compared]}",
                    )
                )
    for total_area, measure, name in (
        (ENGLAND_AND_WALES, HOME_OFFICE_CHILD_OFFENCES, "Home Office figures"),
        (UNITED_KINGDOM, OFFENCES, "NSPCC figures"),
    ):
        in_scope = total_area == UNITED_KINGDOM or row["nation"] in HOME_OFFICE_NATIONS
        if (
            area != total_area
            and in_scope
            and total_area in table.index
            and not is_missing(table.at[total_area, measure])
        ):
            total = table.loc[total_area]
            covers_all = measure != OFFENCES or not (total["forces_left_out"] or total["partial_total"])
            comparison.append(
                figure(
                    f"{total_area}, {name}: offences",
                    total[measure],
                    format_count,
                    [_source_id(data, total_area, year, measure)],
                    ""
                    if covers_all
                    else f"the total {coverage_words(total['forces_left_out'], total['partial_total'])}",
                )
            )

    breakdown = [
        figure(MEASURE_LABELS[measure], row[measure], format_count, [source_of(measure)])
        for measure in (*AGE_MEASURES, SEXUAL_COMMUNICATION)
        if not is_missing(row[measure])
    ]

    lines = {HOME_OFFICE_LINE: HOME_OFFICE_CHILD_OFFENCES, NSPCC_LINE: OFFENCES}
    values = pd.DataFrame({line: trend(data, area, measure) for line, measure in lines.items()})
    values = values.loc[:, values.notna().any()]
    if not official_series_leads(row):
        values = values[values.columns[::-1]]
    unlike = pd.DataFrame({line: unlike_year_before(data, [area], lines[line])[area] for line in values.columns})
    unjoined = values.notna() & values.shift().notna() & unlike
    caveats = CAVEATS + _unjoined_years(unjoined)
    if any(not is_missing(row[series.compared]) for series in (HOME_OFFICE_SERIES, NSPCC_SERIES)):
        caveats += (f"Higher, similar or lower than the nation's rate: judged by {METHOD} ({METHOD_SOURCE}).",)
    spine = spine_rows(data, area, year)
    if all(is_missing(spine_row.value) for spine_row in spine):  # no mark for the area: it says nothing of it
        spine = []
    spine_caveat = ""
    if any(spine_row.compared_with == "the year before" for spine_row in spine):
        spine_caveat = f"Change on the year before, in the chart of where {area} stands: {CHANGE_METHOD}."
        caveats += (spine_caveat,)
    locator = _locator_tiles(data, year)
    locator = locator if any(tile.area == area for tile in locator) else []
    span = list(charted_years(values).index)
    if span:
        # A break in the population estimates matters only to a sheet that gives a rate, and the online flag's
        # start only to one that gives an online-flagged figure.
        gives_a_rate = any(not is_missing(row[series.rate]) for series in (HOME_OFFICE_SERIES, NSPCC_SERIES))
        notes = data.practice_notes_for(area, span, rates=gives_a_rate, online=not is_missing(row[ONLINE_FLAGGED]))
        caveats += tuple(f"{note.kind}, {note.year}: {note.note} ({note.source_url})." for note in notes.itertuples())
    trend_notes = cite.cite(
        *(
            _source_id(data, area, trend_year, lines[line])
            for line in values.columns
            for trend_year, value in values[line].items()
            if not is_missing(value)
        )
    )

    # Said where the summary does not say it already (it does for a force that did not supply a figure).
    sentences = summary_sentences(data, area, year)
    missing_reason = ""
    if not rows and row["offences_status"] != NOT_SUPPLIED and sentences:
        missing_reason = f"This data set has no offences figure for {area} in {year}."
    lead = "the Home Office's official figures" if official_series_leads(row) else "the NSPCC's figures"

    return SheetContent(
        area=area,
        year=year,
        title=area,
        subtitle=f"Sexual offences against children recorded by the police, {year}"
        + (f". Headline: {lead}" if len(rows) > 1 else ""),
        headline=rows,
        series_note=_series_note(row),
        summary=summary_paragraph(sentences, area, year),
        trend_label="Offences recorded, by financial year (April to March)",
        trend=values,
        trend_unjoined=unjoined,
        trend_notes=trend_notes,
        comparison=comparison,
        breakdown=breakdown,
        contacts=_contacts_for(data, row["nation"]),
        notes=cite.notes(),
        caveats=caveats,
        footer=export_stamp(data, printed_on, sources=SOURCES_IN_THE_NOTES),
        missing_reason=missing_reason,
        spine=spine,
        spine_caveat=spine_caveat,
        locator=locator,
    )


def _unjoined_years(unjoined: pd.DataFrame) -> tuple[str, ...]:
    """Why the chart leaves a line unjoined between two years that both have a figure."""
    years = list(unjoined.index)
    said = {
        line: ", ".join(f"{years[years.index(year) - 1]} to {year}" for year in unjoined.index[unjoined[line]])
        for line in unjoined.columns
    }
    return tuple(
        f"On the chart, the line “{line}” is not joined from {pairs}: the two years of each pair are not like for "
        "like (totals covering different forces, or a figure its source says is not comparable)."
        for line, pairs in said.items()
        if pairs
    )


def charted_years(trend_values: pd.DataFrame) -> pd.DataFrame:
    """The chart's span: from the first to the last year with a figure in any series, gaps kept."""
    known = list(trend_values.dropna(how="all").index)
    return trend_values.loc[known[0] : known[-1]] if known else trend_values.iloc[0:0]


def chart_in_words(content: SheetContent) -> str:
    """The chart's figures as sentences, printed beside the sources: what a screen reader (or a reader of a
    black-and-white copy) gets instead of the picture."""
    shown = charted_years(content.trend)
    if shown.empty:
        return "The chart has no figures: this data set has none for this area."
    sentences = [f"{line}: " + "; ".join(_figures_and_gaps(shown[line])) + "." for line in shown.columns]
    return f"{content.trend_label}, {shown.index[0]} to {shown.index[-1]}. " + " ".join(sentences)


def _figures_and_gaps(values: pd.Series) -> list[str]:
    """'2016/17 2,202', and a run of years with no figure said once: '2017/18 to 2022/23 no figure in this data
    set'."""
    parts: list[str] = []
    for missing, run in groupby(values.items(), key=lambda year_value: is_missing(year_value[1])):
        run = list(run)
        if missing:
            last = f" to {run[-1][0]}" if len(run) > 1 else ""
            parts.append(f"{run[0][0]}{last} no figure in this data set")
        else:
            parts += [f"{year} {format_count(value)}" for year, value in run]
    return parts
