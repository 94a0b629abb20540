"""Builds the shipped official series, "Child-specific offences (Home Office codes)", from a Home Office police
recorded crime open data table at police force area level.

It runs the app's own importer (the same code as File > Import), so the shipped figures are exactly what a
user gets by importing the table: the child-specific offence codes of data/home_office_child_offence_codes.csv
summed over four quarters per force and year, part years left out, and each nation's and England and Wales's
figure as the sum of its forces. It writes:

- data/home_office_figures.csv: the derived figures (never the table itself, which is not ours to ship);
- the release's row in data/sources.csv;
- its row in data/home_office_builds.csv: the input file's name, size and SHA-256, the codes, the years
  kept and left out, and when and with what it was built.

Rerun on a newer release (CSV, .csv.gz, .xlsx or .ods), giving the date the Home Office published it:

    python scripts/build_home_office_series.py TABLE --released YYYY-MM-DD
"""

import argparse
import hashlib
import sys
from datetime import date
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop_app import __version__  # noqa: E402
from desktop_app.io.dataset_files import load_dataset  # noqa: E402
from desktop_app.io.importers import (  # noqa: E402
    FIGURE_COLUMNS,
    HOME_OFFICE_PAGE,
    SOURCE_COLUMNS,
    SourceDetails,
    child_offence_codes,
    read_home_office,
)

DATA = ROOT / "data"
DEFAULT_TABLE = ROOT.parent / "shared" / "reference" / "official" / "prc-pfa-mar2013-onwards-191023.csv.gz"
FIGURES_FILE = DATA / "home_office_figures.csv"
BUILDS_FILE = DATA / "home_office_builds.csv"
BUILD_COLUMNS = [
    "source",
    "input_file",
    "input_bytes",
    "input_sha256",
    "offence_codes",
    "years",
    "left_out",
    "built_on",
    "built_with",
]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(2**20), b""):
            digest.update(block)
    return digest.hexdigest()


def _replace_rows(path: Path, rows: pd.DataFrame, key: str, columns: list[str]) -> None:
    existing = pd.read_csv(path, dtype=str, keep_default_na=False) if path.exists() else pd.DataFrame(columns=columns)
    kept = existing[~existing[key].isin(rows[key])]
    merged = pd.concat([kept, rows.astype(str)], ignore_index=True).sort_values(key, kind="stable")
    merged[columns].to_csv(path, index=False, lineterminator="\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("table", nargs="?", type=Path, default=DEFAULT_TABLE)
    parser.add_argument("--released", default="2023-10-19", help="the date the Home Office published the table")
    arguments = parser.parse_args()
    table: Path = arguments.table
    source_id = f"home-office-prc-{arguments.released}"

    base = load_dataset(DATA, "shipped data")  # for its areas and their other names; the build replaces the series
    source = SourceDetails(
        "Home Office",
        "Police recorded crime open data tables by police force area, release of "
        + date.fromisoformat(arguments.released).strftime("%-d %B %Y"),
        HOME_OFFICE_PAGE,
        arguments.released,
    )
    result = read_home_office(table, base, DATA, source=source)
    if result.problems:
        for problem in result.problems:
            print(f"problem: {problem}", file=sys.stderr)
        sys.exit("the table has problems; nothing was written")

    figures = result.figures.assign(source=source_id, value=result.figures["value"].astype("int64"))
    figures = figures.sort_values(["area", "year"])[FIGURE_COLUMNS]
    figures.to_csv(FIGURES_FILE, index=False, lineterminator="\n")
    _replace_rows(DATA / "sources.csv", result.sources.assign(source=source_id), "source", SOURCE_COLUMNS)
    build = {
        "source": source_id,
        "input_file": table.name,
        "input_bytes": table.stat().st_size,
        "input_sha256": sha256_of(table),
        "offence_codes": " ".join(sorted(child_offence_codes(DATA))),
        "years": f"{figures['year'].min()} to {figures['year'].max()}",
        "left_out": " ".join(result.notes[1:]),
        "built_on": date.today().isoformat(),
        "built_with": f"Fact Sheets {__version__}, scripts/build_home_office_series.py",
    }
    _replace_rows(BUILDS_FILE, pd.DataFrame([build]), "source", BUILD_COLUMNS)
    print(f"wrote {len(figures)} figures for {figures['area'].nunique()} areas ({build['years']})")
    for note in result.notes:
        print(f"note: {note}")


if __name__ == "__main__":
    main()
