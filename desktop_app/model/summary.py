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
from desktop_app.model.dataset import DataSet
from desktop_app.model.measures import (
    HOME_OFFICE_CHILD_OFFENCES,
    NOT_SUPPLIED,
    OFFENCES,
    ONLINE_FLAGGED,
    VICTIMS_AGED_4_AND_UNDER,
    VICTIMS_AGED_10_AND_UNDER,
    VICTIMS_UNDER_1,
)
from desktop_app.model.statistics import NATION, ONLINE_SHARE, POLICE_FORCE, RATE, statistics_table
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
    if "Police" in area:
        return area if area.startswith("Police Scotland") else f"the {area}"
    return f"police in {area}"


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _offences_word(count) -> str:
    return "offence" if count == 1 else "offences"


def _count_sentence(row: pd.Series, area: str, missing: list[str]) -> str | None:
    if row["offences_status"] == NOT_SUPPLIED:
        return f"{_capitalised(recorder(area, row['area_type']))} did not supply a figure for {row['year']}."
    if is_missing(row[OFFENCES]):
        return None
    count = row[OFFENCES]
    return (
        f"In {row['year']}, {recorder(area, row['area_type'])} recorded {format_count(count)} sexual "
        f"{_offences_word(count)} against children (victims under 18)"
        + (
            f"; {_named(missing)} did not supply a figure and is not included"
            if missing and row["area_type"] == "country"
            else ""
        )
        + "."
    )


def _change_sentence(row: pd.Series) -> str | None:
    if is_missing(row["change"]):
        return None
    earlier = previous_year(row["year"])
    before = format_count(row["previous_offences"])
    if row["change"] == 0:
        return f"That is the same number as in {earlier}."
    direction, movement = ("more", "a rise") if row["change"] > 0 else ("fewer", "a fall")
    sentence = f"That is {format_count(abs(row['change']))} {direction} than the {before} recorded in {earlier}"
    if is_missing(row["change_percent"]):
        return sentence + "."
    return f"{sentence}, {movement} of {format_percent(abs(row['change_percent']) / 100)}."


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
    earlier_share = row["previous_online_share"]
    if format_percent(share) == format_percent(earlier_share):
        how = "about the same share as"
    else:
        how = "up from" if share > earlier_share else "down from"
    return (
        f"{sentence}, {how} {format_count(row['previous_online_flagged'])} "
        f"({format_percent(earlier_share)}) in {previous_year(row['year'])}."
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


def _rate_sentence(row: pd.Series) -> str | None:
    if is_missing(row[RATE]):
        return None
    sentence = (
        f"That is {format_rate(row[RATE])} offences for every 1,000 children living there "
        f"(child population from the mid-{int(row['population_year'])} estimate)"
    )
    if row["area_type"] != NATION and not is_missing(row["compared_with_nation"]):
        nation_words = {"higher": "higher than", "lower": "lower than", "similar": "similar to"}[
            row["compared_with_nation"]
        ]
        sentence += f", {nation_words} the rate for {row['nation']} ({format_rate(row['nation_rate'])})"
    return sentence + "."


def _rank_sentence(row: pd.Series, area: str, missing: list[str]) -> str | None:
    if row["area_type"] != POLICE_FORCE or is_missing(row["rank_uk"]):
        return None
    position = "the highest" if row["rank_uk"] == 1 else f"the {ordinal(row['rank_uk'])} highest"
    return (
        f"{_capitalised(recorder(area, row['area_type']))} recorded {position} number "
        f"of the {format_count(row['forces_ranked_uk'])} UK forces with a figure for {row['year']} in this data set"
        + _not_supplied_clause(missing)
        + "."
    )


def _named(forces: list[str]) -> str:
    return forces[0] if len(forces) == 1 else ", ".join(forces[:-1]) + " and " + forces[-1]


def _not_supplied_clause(forces: list[str]) -> str:
    return f" ({_named(forces)} did not supply a figure)" if forces else ""


def _home_office_sentence(row: pd.Series) -> str | None:
    if is_missing(row[HOME_OFFICE_CHILD_OFFENCES]):
        return None
    count = row[HOME_OFFICE_CHILD_OFFENCES]
    return (
        f"The Home Office open data tables record {format_count(count)} {_offences_word(count)} in {row['year']} "
        "whose legal definition fixes a child victim; that narrower measure is not comparable with the count above."
        if not is_missing(row[OFFENCES])
        else f"The Home Office open data tables record {format_count(count)} {_offences_word(count)} in "
        f"{row['year']} whose legal definition fixes a child victim (a narrower measure than offences against "
        "all under-18s)."
    )


def summary_sentences(data: DataSet, area: str, year: str) -> list[str]:
    row = statistics_table(data, year).loc[area]
    sentences = [
        _count_sentence(row, area, data.not_supplied(year)),
        _change_sentence(row),
        _online_sentence(row),
        _youngest_sentence(row),
        _rate_sentence(row),
        _rank_sentence(row, area, data.not_supplied(year)),
        _home_office_sentence(row),
    ]
    return [sentence for sentence in sentences if sentence]


def summary(data: DataSet, area: str, year: str) -> str:
    sentences = summary_sentences(data, area, year)
    if not sentences:
        return f"No figures have been published for {area} in {year}."
    return " ".join(sentences)
