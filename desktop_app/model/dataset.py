"""The loaded data set: areas, every published figure with its source, and what goes with them."""

import difflib
import re
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

import pandas as pd

from desktop_app.formatting import is_missing
from desktop_app.model.measures import COUNT_MEASURES, HOME_OFFICE_NATIONS, NOT_SUPPLIED, OFFENCES
from desktop_app.model.names import UnknownNameError
from desktop_app.model.years import normalise_year

FIGURE_KEY = ["area", "year", "measure"]
UNITED_KINGDOM = "United Kingdom"
POLICE_FORCE = "police_force"
NATION = "nation"
ENGLAND_AND_WALES = "England and Wales"


# What a reader is told where a source does not state when it was published (a Home Office open data table).
DATE_NOT_STATED = "publication date not stated"


def publication_date(published) -> str:
    """A source's publication date for a reader; a missing one is said to be missing, never filled in."""
    return DATE_NOT_STATED if is_missing(published) else str(published)


def published_in_words(published) -> str:
    """Says "published 2024-01-10", or that the source does not say when."""
    return DATE_NOT_STATED if is_missing(published) else f"published {published}"


def newest_publication(figures: pd.DataFrame) -> str:
    """The newest publication date the figures' sources state, saying so where some state none: an import
    date is never passed off as a publication date."""
    stated = figures["published"].dropna()
    if stated.empty:
        return "date not stated"
    undated = " (some sources state no date)" if len(stated) < len(figures) else ""
    return f"{stated.max()}{undated}"


def newest_first(figures: pd.DataFrame) -> pd.DataFrame:
    """Figures by publication date, newest first. On the same date the later row wins: a release added on top
    of another (a correction imported under an existing source) is newer than what it corrects. A source that
    states no date was imported on top of the data it joins, so it counts as the newest."""
    return figures.iloc[::-1].sort_values("published", ascending=False, kind="stable", na_position="first")


def names_the_nspcc(source: pd.Series) -> bool:
    """Whether a source (its publisher or title) gives the NSPCC's figures: every shipped report of them does; a
    file imported from another publisher does not."""
    return "NSPCC" in f"{source['publisher']} {source['title']}"


class ShownSource(NamedTuple):
    """Where the figure shown for an area, year and measure was published."""

    source: str
    publisher: str
    published: str | None  # None where the source does not state it


FORCE_WORDS = re.compile(r"\b(police|constabulary|service|force|of)\b")


def _core_of_name(name: str) -> str:
    """A force's name without the words many share ("police", "constabulary"), for suggesting the nearest."""
    return " ".join(FORCE_WORDS.sub(" ", name).split())


@dataclass(frozen=True, eq=False)
class DataSet:
    """Everything one release of data holds.

    ``figures`` keeps every published value, revisions included; a value is NaN
    only where the data says why it is missing (``status``).
    """

    name: str
    areas: pd.DataFrame
    figures: pd.DataFrame
    sources: pd.DataFrame
    child_population: pd.DataFrame
    support_contacts: pd.DataFrame
    aliases: pd.DataFrame
    practice_notes: pd.DataFrame

    @cached_property
    def current_figures(self) -> pd.DataFrame:
        """The newest published value for each area, year and measure: the default view."""
        return newest_first(self.figures).drop_duplicates(FIGURE_KEY).sort_values(FIGURE_KEY).reset_index(drop=True)

    @cached_property
    def current_sources(self) -> dict[tuple[str, str, str], ShownSource]:
        """(area, year, measure) -> the source of the figure shown: one look-up, not a search."""
        shown = self.current_figures.merge(self.sources[["source", "publisher"]], on="source", how="left")
        return {
            (area, year, measure): ShownSource(source, publisher, published)
            for area, year, measure, source, publisher, published in zip(
                shown["area"],
                shown["year"],
                shown["measure"],
                shown["source"],
                shown["publisher"],
                shown["published"],
                strict=True,
            )
        }

    @cached_property
    def current_notes(self) -> dict[tuple[str, str, str], str]:
        """(area, year, measure) -> the note published with the figure shown, where it has one."""
        shown = self.current_figures[self.current_figures["note"].fillna("").ne("")]
        return dict(zip(zip(shown["area"], shown["year"], shown["measure"], strict=True), shown["note"], strict=True))

    @cached_property
    def current_statuses(self) -> dict[tuple[str, str, str], str]:
        """(area, year, measure) -> the status of the figure shown (not supplied, a partial total), where it has one."""
        shown = self.current_figures[self.current_figures["status"].fillna("").ne("")]
        return dict(zip(zip(shown["area"], shown["year"], shown["measure"], strict=True), shown["status"], strict=True))

    @cached_property
    def other_names(self) -> pd.Series:
        """Each area's other names in one text ("GMP / Greater Manchester Police"), for searching by them."""
        return self.aliases.groupby("area")["alias"].agg(" / ".join)

    @cached_property
    def revised(self) -> set[tuple[str, str, str]]:
        """(area, measure, year) of every figure published with more than one value."""
        values = self.figures.dropna(subset=["value"]).groupby(["area", "measure", "year"])["value"].nunique()
        return set(values[values > 1].index)

    def revisions(self, area: str, year: str, measure: str) -> pd.DataFrame:
        """Every published value for one figure, newest first; more than one row means it was revised."""
        match = (self.figures["area"] == area) & (self.figures["year"] == year) & (self.figures["measure"] == measure)
        return newest_first(self.figures[match]).reset_index(drop=True)

    @cached_property
    def years(self) -> list[str]:
        return sorted(self.figures["year"].unique())

    @cached_property
    def latest_offences_year_of(self) -> dict[str, str]:
        """Each area's newest year with an offences figure in either count series: the year its sheet or summary
        is of when none is asked for."""
        figures = self.current_figures
        counts = figures[figures["measure"].isin(COUNT_MEASURES) & figures["value"].notna()]
        return counts.groupby("area")["year"].max().to_dict()

    @cached_property
    def latest_offences_year(self) -> str:
        """The newest year with an offences figure in either count series: the year views open on (a later
        year may hold only a narrower measure, such as sexual communication with a child)."""
        counts = self.figures[self.figures["measure"].isin(COUNT_MEASURES) & self.figures["value"].notna()]
        return counts["year"].max() if not counts.empty else self.years[-1]

    @cached_property
    def force_areas(self) -> list[str]:
        """Every police force area: the forces, and each nation one force covers whole (Scotland, Northern
        Ireland), which is one area here rather than a force and a nation that could tell different stories."""
        areas = self.areas
        forces = areas["area_type"] == POLICE_FORCE
        single_force = (areas["area_type"] == NATION) & ~areas["area"].isin(set(areas.loc[forces, "nation"]))
        return list(areas.loc[forces | single_force, "area"])

    @cached_property
    def total_members(self) -> dict[str, list[str]]:
        """The force areas each total is made of: the UK, England and Wales, and each nation (a nation one
        force covers whole has none besides itself)."""
        nation_of = self.areas.set_index("area")["nation"]
        members = {UNITED_KINGDOM: self.force_areas}
        if ENGLAND_AND_WALES in nation_of.index:
            members[ENGLAND_AND_WALES] = [
                force for force in self.force_areas if nation_of[force] in HOME_OFFICE_NATIONS
            ]
        for nation in self.areas.loc[self.areas["area_type"] == NATION, "area"]:
            members[nation] = [force for force in self.force_areas if nation_of[force] == nation and force != nation]
        return members

    @cached_property
    def area_names(self) -> list[str]:
        return list(self.areas["area"])

    @cached_property
    def nations(self) -> list[str]:
        return sorted(self.areas.loc[self.areas["area_type"] == "nation", "area"])

    @cached_property
    def areas_with_figures(self) -> list[str]:
        with_value = set(self.figures.loc[self.figures["value"].notna(), "area"])
        return [area for area in self.area_names if area in with_value]

    @cached_property
    def _areas_by_name(self) -> pd.DataFrame:
        return self.areas.set_index("area")

    @cached_property
    def _sources_by_id(self) -> pd.DataFrame:
        return self.sources.set_index("source")

    def area_row(self, area: str) -> pd.Series:
        return self._areas_by_name.loc[area]

    def in_home_office_series(self, area: str) -> bool:
        """England and Wales, its two nations and their forces: the Home Office publishes for no other area."""
        return area == ENGLAND_AND_WALES or self.area_row(area)["nation"] in HOME_OFFICE_NATIONS

    def source(self, source_id: str) -> pd.Series:
        return self._sources_by_id.loc[source_id]

    def not_supplied(self, year: str, measure: str = OFFENCES) -> list[str]:
        """Forces that told the NSPCC they had no figure for this year and measure; totals and ranks of that
        measure leave them out."""
        return list(self._not_supplied.get((year, measure), []))

    @cached_property
    def _not_supplied(self) -> dict[tuple[str, str], list[str]]:
        """Looked up once: every sheet and summary of a batch asks."""
        rows = self.current_figures
        rows = rows[rows["status"] == NOT_SUPPLIED]
        return {key: sorted(areas) for key, areas in rows.groupby(["year", "measure"])["area"]}

    def practice_notes_for(self, area: str, years: list[str], rates: bool = True, online: bool = True) -> pd.DataFrame:
        """Dated changes in recording practice that touch these years and this area's nation: those in population
        estimates only where ``rates``, and in the online flag only where ``online``."""
        nation = self.area_row(area)["nation"] if area in self.area_names else ""
        notes = self.practice_notes
        applies = notes["applies_to"].map(
            lambda where: area in where or (nation and nation in where) or area in (UNITED_KINGDOM, where)
        )
        affects = notes["affects"]
        relevant = affects.eq("all measures") | (affects.eq("rates") & rates)
        relevant |= affects.eq("online-flagged offences") & online
        return notes[applies & relevant & notes["year"].isin(years)].reset_index(drop=True)

    @cached_property
    def _areas_by_folded_name(self) -> dict[str, str]:
        """Every area's name and known alias, case folded: built once, as an import resolves each row's area."""
        by_folded_name = {name.casefold(): name for name in self.area_names}
        by_folded_name.update(
            {alias.casefold(): area for alias, area in zip(self.aliases["alias"], self.aliases["area"], strict=True)}
        )
        return by_folded_name

    @cached_property
    def _areas_by_core_of_name(self) -> dict[str, str]:
        """As ``_areas_by_folded_name``, by each name without the words forces share: built once, as an import
        suggests an area for each row whose force it does not know."""
        cores = {_core_of_name(name): area for name, area in self._areas_by_folded_name.items()}
        return {core: area for core, area in cores.items() if core}

    def resolve_area(self, text: str) -> str:
        """The area a user means, by its name or a known alias, ignoring case."""
        by_folded_name = self._areas_by_folded_name
        folded = text.strip().casefold()
        if folded in by_folded_name:
            return by_folded_name[folded]
        # "Kentish Police" is nearer Kent than Metropolitan Police: the words every force shares are left out first.
        by_core = self._areas_by_core_of_name
        close = difflib.get_close_matches(_core_of_name(folded), list(by_core), n=1, cutoff=0.5)
        if close:
            raise UnknownNameError("region", text, by_core[close[0]])
        close = difflib.get_close_matches(folded, list(by_folded_name), n=1, cutoff=0.5)
        raise UnknownNameError("region", text, by_folded_name[close[0]] if close else None)

    def resolve_year(self, text: str) -> str:
        """The year a user means, however written (2016/17, 2016-17, 2016/2017)."""
        given = normalise_year(text) or text.strip().replace("-", "/")
        if given in self.years:
            return given
        close = difflib.get_close_matches(given, self.years, n=1, cutoff=0.5)
        raise UnknownNameError("year", text, close[0] if close else None)
