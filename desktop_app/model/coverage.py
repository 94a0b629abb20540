"""What a data set holds, in words: areas, years, measures, sources and gaps."""

import pandas as pd

from desktop_app.formatting import format_count, format_signed_count
from desktop_app.model.dataset import DataSet
from desktop_app.model.measures import HOME_OFFICE_CHILD_OFFENCES, MEASURE_LABELS, NOT_SUPPLIED, OFFENCES
from desktop_app.model.statistics import HOME_OFFICE_RATE, RATE, statistics_table
from desktop_app.model.years import financial_year, start_year


def describe(data: DataSet) -> str:
    figures = data.figures
    published = figures[figures["value"].notna()]
    current = data.current_figures
    forces = pd.Series(data.force_areas)
    revised = published.groupby(["area", "year", "measure"]).size().gt(1).sum()
    areas_with = data.areas_with_figures
    published_years = sorted(published["year"].unique())
    # Every year from the first to the last, so a year with no figure at all shows as a row of noughts.
    first, last = start_year(published_years[0]), start_year(published_years[-1])
    years_with = [financial_year(start) for start in range(first, last + 1)]
    cited = set(figures["source"]) | set(data.child_population["source"])

    lines = [
        f"Data set: {data.name}",
        f"Areas: {len(data.areas)} ({len(forces)} police forces, nations and the UK); {len(areas_with)} with figures",
        f"Police forces with no figures: {', '.join(sorted(set(forces) - set(areas_with))) or 'none'}",
        "",
        "Figures by measure (published values, revisions included):",
    ]
    for measure, label in MEASURE_LABELS.items():
        lines.append(f"  {label}: {(published['measure'] == measure).sum()}")
    lines += [
        f"Revised figures (more than one published value): {revised}",
        f"Figures a force did not supply: {(figures['status'] == NOT_SUPPLIED).sum()}",
        "",
        "Police forces with a figure, by series and year (NSPCC | Home Office | rate per 1,000 children, either):",
    ]
    in_forces = current[current["area"].isin(forces) & current["value"].notna()]
    per_year = {
        measure: in_forces[in_forces["measure"] == measure].groupby("year").size()
        for measure in (OFFENCES, HOME_OFFICE_CHILD_OFFENCES)
    }
    rated = {year: _forces_with_a_rate(data, year) for year in years_with}
    for year in years_with:
        nspcc, official = (per_year[measure].get(year, 0) for measure in (OFFENCES, HOME_OFFICE_CHILD_OFFENCES))
        lines.append(f"  {year}: {nspcc:>2} | {official:>2} | {rated[year]:>2} of {len(forces)}")
    checks = force_sums_against_totals(data)
    if not checks.empty:
        lines += [
            "",
            "NSPCC offences: published totals against the sum of their forces (where every force has a figure):",
        ]
        for check in checks.itertuples():
            verdict = "matches" if check.difference == 0 else f"differs by {format_signed_count(check.difference)}"
            lines.append(
                f"  {check.area} {check.year}: published {format_count(check.published)}, forces sum to "
                f"{format_count(check.sum_of_forces)} ({verdict})"
            )
    population_years = sorted(data.child_population["mid_year"].unique())
    lines += [
        "",
        f"Child population estimates: {len(data.child_population)} "
        f"(mid-{population_years[0]} to mid-{population_years[-1]})",
        f"Support contacts: {len(data.support_contacts)}",
        f"Sources cited: {len(cited)} ({len(set(figures['source']))} for offence figures)",
        "",
        f"areas with figures: {len(areas_with)}, years: {years_with[0]}-{years_with[-1]}, "
        f"figures: {len(published)}, sources: {len(cited)}",
    ]
    return "\n".join(lines)


def _forces_with_a_rate(data: DataSet, year: str) -> int:
    table = statistics_table(data, year)
    forces = table[table["is_force"]]
    return int((forces[RATE].notna() | forces[HOME_OFFICE_RATE].notna()).sum())


def force_sums_against_totals(data: DataSet) -> pd.DataFrame:
    """Where a nation's (or the UK's) published total exists and every force in it has a figure for the
    same year, the forces' sum beside the published total; the published total is always the one shown."""
    current = data.current_figures
    offences = current[(current["measure"] == OFFENCES) & current["value"].notna()].set_index(["area", "year"])["value"]
    groups = data.total_members
    rows = []
    for total_area, members in groups.items():
        for (area, year), published in offences.items():
            if area != total_area:
                continue
            known = [offences[(force, year)] for force in members if (force, year) in offences.index]
            if len(known) == len(members) and len(members) > 1:
                rows.append(
                    {
                        "area": total_area,
                        "year": year,
                        "published": published,
                        "sum_of_forces": sum(known),
                        "difference": sum(known) - published,
                    }
                )
    return pd.DataFrame(rows, columns=["area", "year", "published", "sum_of_forces", "difference"])
