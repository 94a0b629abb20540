"""Builds data/child_population.csv from the official mid-year estimates of children aged 0-17.

Input: the per-area, per-year table gathered from the ONS, NRS and NISRA releases (by default
../shared/reference/child_population_by_force_year.csv, one row per area and mid-year with the release file
each figure was read from). Force areas of England and Wales are the ONS local-authority estimates summed
along the ONS lookup of December 2019; that aggregation was done when the table was gathered and is
exact. This script adds only exact sums of its own (England and Wales; the UK where all four nations have
an estimate), and names a source for every row.

Rerun: python scripts/build_child_population.py [INPUT.csv]
"""

import argparse
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_INPUT = ROOT.parent / "shared" / "reference" / "child_population_by_force_year.csv"
NATIONS = ["England", "Wales", "Scotland", "Northern Ireland"]
FORCE_METHOD = "sum of ages 0-17 over the local authorities in the force area (ONS lookup of December 2019)"


def source_of(nation: str, mid_year: int) -> str:
    """The release each estimate was read from (the input's source_file column): NRS and NISRA tables for
    Scotland's and Northern Ireland's earlier years, the ONS UK-wide or England and Wales tables otherwise
    (for mid-2023 the England and Wales release and, for the rest of the UK, the UK-wide one)."""
    if nation == "Scotland" and mid_year <= 2021:
        return f"nrs-mid-{mid_year}"
    if nation == "Northern Ireland" and mid_year <= 2013:
        return "nisra-mye-2019"
    if mid_year == 2023 and nation not in ("England", "Wales", "England and Wales"):
        return "ons-uk-mid-2023"
    return f"ons-mid-{mid_year}"


def build(input_path: Path) -> pd.DataFrame:
    gathered = pd.read_csv(input_path, dtype={"area": str})
    areas = pd.read_csv(ROOT / "data" / "areas.csv", dtype=str, keep_default_na=False)
    nation_of = dict(zip(areas["area"], areas["nation"], strict=True))
    unknown = sorted(set(gathered["area"]) - set(nation_of))
    if unknown:
        sys.exit(f"not areas of data/areas.csv: {', '.join(unknown)}")
    rows = []
    for record in gathered.itertuples(index=False):
        nation = nation_of[record.area]
        is_nation = record.area in NATIONS
        rows.append(
            {
                "area": record.area,
                "mid_year": int(record.mid_year),
                "children_0_17": int(record.population_0_17),
                "source": source_of(nation, int(record.mid_year)),
                "method": "ages 0-17 as published for the nation" if is_nation else FORCE_METHOD,
            }
        )
    table = pd.DataFrame(rows)
    nations = table[table["area"].isin(NATIONS)].pivot(index="mid_year", columns="area", values="children_0_17")
    england_and_wales = nations[["England", "Wales"]].dropna()
    uk = nations[NATIONS].dropna()
    sums = [
        pd.DataFrame(
            {
                "area": "England and Wales",
                "mid_year": england_and_wales.index,
                "children_0_17": england_and_wales.sum(axis=1).astype(int).to_numpy(),
                "method": "sum of the estimates for England and for Wales",
            }
        ),
        pd.DataFrame(
            {
                "area": "United Kingdom",
                "mid_year": uk.index,
                "children_0_17": uk.sum(axis=1).astype(int).to_numpy(),
                "method": "sum of the estimates for the four nations",
            }
        ),
    ]
    for frame in sums:
        frame["source"] = [source_of(area, year) for area, year in zip(frame["area"], frame["mid_year"], strict=True)]
    table = pd.concat([table, *sums], ignore_index=True)
    return table[["area", "mid_year", "children_0_17", "source", "method"]].sort_values(["area", "mid_year"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", nargs="?", type=Path, default=DEFAULT_INPUT)
    arguments = parser.parse_args()
    table = build(arguments.input)
    sources = set(pd.read_csv(ROOT / "data" / "sources.csv", dtype=str)["source"])
    missing = sorted(set(table["source"]) - sources)
    if missing:
        sys.exit(f"add these sources to data/sources.csv first: {', '.join(missing)}")
    output = ROOT / "data" / "child_population.csv"
    table.to_csv(output, index=False, lineterminator="\n")
    print(f"wrote {len(table)} estimates for {table['area'].nunique()} areas to {output.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
