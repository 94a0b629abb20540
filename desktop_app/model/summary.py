"""The plain-English summary of one area and year, put the way a careful press release would.

Each sentence appears only where every figure it needs exists; nothing is
guessed to fill a gap.
"""

import pandas as pd

from desktop_app.formatting import (
    format_count,
    format_percent,
    format_rate,
    honest_fraction,
    is_missing,
    ordinal,
)
from desktop_app.model.dataset import ENGLAND_AND_WALES, DataSet, names_the_nspcc
from desktop_app.model.measures import (
    HOME_OFFICE_CHILD_OFFENCES,
    NOT_SUPPLIED,
    OFFENCES,
    ONLINE_FLAGGED,
    SEXUAL_COMMUNICATION,
    VICTIMS_AGED_4_AND_UNDER,
    VICTIMS_AGED_10_AND_UNDER,
    VICTIMS_UNDER_1,
)
from desktop_app.model.statistics import (
    HOME_OFFICE_SERIES,
    NATION,
    NSPCC_SERIES,
    ONLINE_SHARE,
    SMALL_COUNT,
    SeriesColumns,
    statistics_table,
)
from desktop_app.model.years import previous_year

_AGE_PHRASES = {
    VICTIMS_AGED_10_AND_UNDER: "against children aged 10 and under",
    VICTIMS_AGED_4_AND_UNDER: "against children aged 4 and under",
    VICTIMS_UNDER_1: "against babies under one",
}


def recorder(area: str, area_type: str) -> str:
    """Who recorded the offences: 'police in Kent', 'the Metropolitan Police', 'Police Scotland'."""
    if area_type == "country":
        return f"police across the {area}"
    if area.startswith("City of"):
        return f"police in the {area}"
    if "Police" in area:
        return area if area.startswith("Police Scotland") else f"the {area}"
    return f"police in {area}"


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _offences_word(count) -> str:
    return "offence" if count == 1 else "offences"


def _whose_figures(data: DataSet, area: str, year: str) -> str:
    """The NSPCC's, where the count's source says so (every shipped report does); otherwise the publisher an
    imported file names: a file of someone else's figures is never credited to the NSPCC."""
    found = data.current_sources.get((area, year, OFFENCES))
    source = data.source(found.source) if found is not None else None
    if source is None or names_the_nspcc(source):
        return "by the NSPCC's Freedom of Information figures"
    return f"as published by {source['publisher']}"


def _count_sentence(data: DataSet, row: pd.Series, area: str) -> str | None:
    if row["offences_status"] == NOT_SUPPLIED:
        who = _capitalised(recorder(area, row["area_type"]))
        return f"{who} did not supply the NSPCC with a figure for {row['year']}."
    if is_missing(row[OFFENCES]):
        return None
    count = row[OFFENCES]
    return (
        f"In {row['year']}, {recorder(area, row['area_type'])} recorded {format_count(count)} sexual "
        f"{_offences_word(count)} against children (victims under 18), {_whose_figures(data, area, row['year'])}"
        + (
            f"; {row['forces_left_out']} did not supply a figure and the total leaves "
            f"{'them' if ' and ' in row['forces_left_out'] else 'it'} out"
            if row["forces_left_out"]
            else ""
        )
        + ("; its source says this total covers only some forces" if row["partial_total"] else "")
        + "."
    )


def coverage_words(left_out: str, partial: bool) -> str:
    """What a published total covers, in words."""
    if partial:
        return "covers only some forces, as its source says"
    return f"leaves out {left_out}" if left_out else "leaves out none that the reports name"


def _unlike_change_sentence(row: pd.Series) -> str | None:
    """Totals that cover different forces: the difference between them would not compare like with like."""
    if not row["change_unlike"]:
        return None
    earlier = previous_year(row["year"])
    if row["previous_not_comparable"]:
        return (
            f"No change from {earlier} ({format_count(row['previous_offences'])}) is given: the source says the "
            f"{earlier} figure is not comparable with {row['year']}'s."
        )
    before = coverage_words(row["previous_forces_left_out"], row["previous_partial_total"])
    now = coverage_words(row["forces_left_out"], row["partial_total"])
    covered = (
        f"each of the {earlier} and {row['year']} totals {now}"
        if before == now
        else f"the {earlier} total {before}; the {row['year']} total {now}"
    )
    return (
        f"No change from {earlier} ({format_count(row['previous_offences'])}) is given: the two totals cover "
        f"different forces ({covered})."
    )


def _left_out_rate_sentence(row: pd.Series) -> str | None:
    missing_forces = row["forces_left_out"] or row["partial_total"]
    if not missing_forces or is_missing(row[OFFENCES]) or is_missing(row["children"]):
        return None
    return (
        f"No rate per 1,000 children is given: the total "
        f"{coverage_words(row['forces_left_out'], row['partial_total'])}, while the population estimate counts "
        "every force's children."
    )


def _change_sentence(row: pd.Series, series: SeriesColumns = NSPCC_SERIES) -> str | None:
    if is_missing(row[series.change]):
        return None
    earlier = previous_year(row["year"])
    before = format_count(row[series.previous])
    if row[series.change] == 0:
        return f"That is the same number as in {earlier}."
    direction, movement = ("more", "a rise") if row[series.change] > 0 else ("fewer", "a fall")
    sentence = f"That is {format_count(abs(row[series.change]))} {direction} than the {before} recorded in {earlier}"
    if is_missing(row[series.change_percent]):
        return sentence + "."
    return f"{sentence}, {movement} of {format_percent(abs(row[series.change_percent]) / 100)}."


def _online_sentence(row: pd.Series) -> str | None:
    if is_missing(row[ONLINE_SHARE]):
        return None
    share = row[ONLINE_SHARE]
    fraction = honest_fraction(share)
    share_words = f"{format_percent(share)}, about {fraction}" if fraction else format_percent(share)
    flagged = format_count(row[ONLINE_FLAGGED])
    sentence = f"{flagged} of these offences ({share_words}) were flagged as having an online element"
    if is_missing(row["previous_online_share"]):
        return sentence + "."
    now, before = row[ONLINE_FLAGGED], row["previous_online_flagged"]
    if now == before:
        how = "the same number as"
    else:
        how = "up" if now > before else "down"
        if min(now, before) >= SMALL_COUNT:  # the same small-number rule as the offences' change
            how += f" {format_percent(abs(now - before) / before)}"
        how += " from"
    return (
        f"{sentence}, {how} {format_count(before)} ({format_percent(row['previous_online_share'])}) "
        f"in {previous_year(row['year'])}."
    )


def _sexual_communication_sentence(row: pd.Series, area: str) -> str | None:
    if is_missing(row[SEXUAL_COMMUNICATION]):
        if row[f"{SEXUAL_COMMUNICATION}_status"] == NOT_SUPPLIED:
            return (
                f"{_capitalised(recorder(area, row['area_type']))} did not supply the NSPCC with a figure for "
                f"offences of sexual communication with a child in {row['year']}."
            )
        return None
    count = row[SEXUAL_COMMUNICATION]
    also = "" if is_missing(row[OFFENCES]) else " also"
    return (
        f"The NSPCC's figures{also} record {format_count(count)} {_offences_word(count)} of sexual communication "
        f"with a child in {row['year']}."
    )


def _youngest_sentence(row: pd.Series) -> str | None:
    parts = [
        f"{format_count(row[measure])} {phrase}"
        for measure, phrase in _AGE_PHRASES.items()
        if not is_missing(row[measure])
    ]
    if not parts:
        return None
    parts[0] = parts[0].replace(" against", " offences were against", 1)
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"Where the victim's age was recorded, {listed}."


def _rate_sentence(row: pd.Series, series: SeriesColumns = NSPCC_SERIES) -> str | None:
    if is_missing(row[series.rate]):
        return None
    sentence = (
        f"That is {format_rate(row[series.rate])} offences for every 1,000 children living there "
        f"(child population from the mid-{int(row['population_year'])} estimate"
        + (
            f"; from only {format_count(row[series.count])} {_offences_word(row[series.count])}, so the rate can "
            "move a lot from year to year)"
            if row[series.count] < SMALL_COUNT
            else ")"
        )
    )
    if row["area_type"] != NATION and not is_missing(row[series.compared]):
        nation_words = {"higher": "higher than", "lower": "lower than", "similar": "similar to"}[row[series.compared]]
        sentence += f", {nation_words} the rate for {row['nation']} ({format_rate(row[series.nation_rate])})"
    return sentence + "."


def _rank_sentence(
    row: pd.Series, area: str, series: SeriesColumns, among: str, others_named: bool = False
) -> str | None:
    """The area's place among the forces ranked. One alone has no rank; it is said to be alone only where
    ``among`` names the forces left out (an imported table of one force says nothing)."""
    if not row["is_force"] or is_missing(row[series.count]):
        return None
    if is_missing(row[series.rank]):
        return f"{area} is the only one of the {among}." if others_named else None
    rank, ranked = row[series.rank], row[series.ranked]
    if rank == 1:
        position = "the highest"
    elif rank == ranked:
        position = "the lowest"
    else:
        position = f"the {ordinal(rank)} highest"
    return (
        f"{_capitalised(recorder(area, row['area_type']))} recorded {position} number "
        f"of the {format_count(ranked)} {among}."
    )


def _named(forces: list[str]) -> str:
    return forces[0] if len(forces) == 1 else ", ".join(forces[:-1]) + " and " + forces[-1]


def _home_office_count_sentence(row: pd.Series, area: str) -> str | None:
    if is_missing(row[HOME_OFFICE_CHILD_OFFENCES]):
        return None
    count = row[HOME_OFFICE_CHILD_OFFENCES]
    return (
        f"By the Home Office's official figures, {recorder(area, row['area_type'])} recorded "
        f"{format_count(count)} {_offences_word(count)} in {row['year']} whose legal definition names a child "
        "victim (a different count from the NSPCC's of every sexual offence against an under-18; the two are never "
        "compared)."
    )


def _notes_sentence(data: DataSet, area: str, years: list[str]) -> str | None:
    """What the source said about the offences figures a sentence compares (a total from fewer forces, say)."""
    notes = [f"{year}: {note}" for year in years if (note := data.current_notes.get((area, year, OFFENCES)))]
    return f"Notes from the sources: {'; '.join(notes)}." if notes else None


def _nspcc_sentences(
    data: DataSet, row: pd.Series, area: str, missing: list[str], forces_without: int
) -> list[str | None]:
    among = f"UK forces with a figure for {row['year']} in this data set"
    if forces_without:
        among += f" ({forces_without} {'force has' if forces_without == 1 else 'forces have'} none" + (
            f"; {_named(missing)} did not supply one)" if missing else ")"
        )
    compared_before = not is_missing(row["change"]) or row["change_unlike"]
    compared = [row["year"]] + ([previous_year(row["year"])] if compared_before else [])
    return [
        _count_sentence(data, row, area),
        _change_sentence(row),
        _unlike_change_sentence(row),
        _online_sentence(row),
        _youngest_sentence(row),
        _rate_sentence(row),
        _left_out_rate_sentence(row),
        _rank_sentence(row, area, NSPCC_SERIES, among, others_named=bool(forces_without)),
        _sexual_communication_sentence(row, area),  # after: "That is ... per 1,000" above must follow the offences
        _notes_sentence(data, area, compared) if not is_missing(row[OFFENCES]) else None,
    ]


def _home_office_sentences(row: pd.Series, area: str) -> list[str | None]:
    among = f"forces of {ENGLAND_AND_WALES} with an official figure for {row['year']} in this data set"
    return [
        _home_office_count_sentence(row, area),
        _change_sentence(row, HOME_OFFICE_SERIES),
        _rate_sentence(row, HOME_OFFICE_SERIES),
        _rank_sentence(row, area, HOME_OFFICE_SERIES, among),
    ]


def official_series_leads(row: pd.Series) -> bool:
    """The Home Office's series heads a sheet and a summary wherever the area has a figure in it: every force
    of England and Wales has one every year, so sheets and ranks compare like with like. Elsewhere (Scotland,
    Northern Ireland, the UK) the NSPCC's series leads."""
    return not is_missing(row[HOME_OFFICE_CHILD_OFFENCES])


def summary_sentences(data: DataSet, area: str, year: str) -> list[str]:
    table = statistics_table(data, year)
    row = table.loc[area]
    forces = table[table["is_force"]]
    forces_without = int(forces[OFFENCES].isna().sum())
    nspcc = _nspcc_sentences(data, row, area, data.not_supplied(year), forces_without)
    official = _home_office_sentences(row, area)
    ordered = official + nspcc if official_series_leads(row) else nspcc + official
    return [sentence for sentence in ordered if sentence]


def summary(data: DataSet, area: str, year: str) -> str:
    return summary_paragraph(summary_sentences(data, area, year), area, year)


def summary_paragraph(sentences: list[str], area: str, year: str) -> str:
    """The sentences as one paragraph, or, with none, that the data set has no figures."""
    if not sentences:
        return f"This data set has no figures for {area} in {year}."
    return " ".join(sentences)
