"""Loads a generated 1,000,000-row table in the Home Office open data layout and prints time and memory.

Run: python benchmarks/import_official_table.py [rows] [repeats]
The table is made up (random forces, offence codes and counts in the official column layout and quirks:
space-padded counts, "-00" for zero); it is written to a temporary folder and removed afterwards.
"""

import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

FORCES = [
    "Avon and Somerset",
    "Kent",
    "Greater Manchester",
    "London, City of",
    "Metropolitan Police",
    "Dyfed-Powys",
    "British Transport Police",
    "Action Fraud",
]
CODES = [
    ("19D", "Rape of a female child under 16"),
    ("88A", "Sexual grooming"),
    ("19C", "Rape of a female aged 16 and over"),
    ("28E", "Burglary - residential"),
    ("8N", "Assault with injury"),
    ("22B", "Sexual activity involving child under 16"),
]
HEADER = (
    "Financial Year,Financial Quarter,Force Name,Offence Description,Offence Group,Offence Subgroup,Offence Code,"
    "Number of Offences\n"
)


def generate(path: Path, rows: int) -> None:
    chance = random.Random(1)
    # Every force, code and quarter once a year, so that no row repeats another (the app refuses repeats).
    combinations = [(force, code) for force in FORCES for code in CODES]
    with open(path, "w", encoding="utf-8") as table:
        table.write(HEADER)
        for number in range(rows):
            quarter, (force, (code, description)) = 1 + number % 4, combinations[number // 4 % len(combinations)]
            count = chance.randrange(-1, 90)
            shown = "-00" if count == 0 else f" {count} "
            force = f'"{force}"' if "," in force else force
            start = 1000 + number // (4 * len(combinations))
            table.write(
                f"{start}/{(start + 1) % 100:02d},{quarter},{force},{description},Group,Subgroup,{code},{shown}\n"
            )


REFERENCE_TABLE = Path("/work/shared/reference/official/prc-pfa-mar2013-onwards-191023.csv.gz")
# The descriptive columns, which the app does not read, are cut so that 3 million real rows (337 MB in
# full) stay under the app's 256 MB limit on a file's size.
DESCRIPTION_CHARACTERS = 12


def from_reference(path: Path, rows: int, reference: Path = REFERENCE_TABLE) -> None:
    """A table of ``rows`` rows made of the real Home Office table's rows, over and over, in its layout; each time
    over, its years are moved on by as many years as the table spans, so that no row repeats another."""
    import csv
    import gzip

    with gzip.open(reference, "rt", encoding="utf-8", newline="") as source:
        table = csv.reader(source)
        header = next(table)
        described = [header.index(name) for name in ("Offence Description", "Offence Group", "Offence Subgroup")]
        body = []
        for row in table:
            for column in described:
                row[column] = row[column][:DESCRIPTION_CHARACTERS].strip()
            body.append(row)
    year = header.index("Financial Year")
    starts = [int(row[year][:4]) for row in body]
    span = max(starts) - min(starts) + 1
    with open(path, "w", encoding="utf-8", newline="") as target:
        writer = csv.writer(target, lineterminator="\n")
        writer.writerow(header)
        for number in range(rows):
            row, start = list(body[number % len(body)]), starts[number % len(body)] + span * (number // len(body))
            row[year] = f"{start}/{(start + 1) % 100:02d}"
            writer.writerow(row)


def measure_once(path: Path) -> tuple[float, float]:
    """Runs the import in a fresh process so its peak memory is its own."""
    code = (
        "import resource, time\n"
        "from desktop_app.io.shipped import load_default_dataset\n"
        "from desktop_app.io.importers import read_home_office\n"
        "from desktop_app.paths import DATA_DIR\n"
        "base = load_default_dataset()\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "start = time.perf_counter()\n"
        f"result = read_home_office(r'{path}', base, DATA_DIR)\n"
        "seconds = time.perf_counter() - start\n"
        "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(seconds, peak / 1024, (peak - before) / 1024, len(result.figures))\n"
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    return float(output[0]), float(output[1])


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "prc-pfa-generated.csv"
        generate(path, rows)
        size = path.stat().st_size / 2**20
        runs = [measure_once(path) for _ in range(repeats)]
    seconds = [run[0] for run in runs]
    peaks = [run[1] for run in runs]
    print(f"Home Office open data table, {rows:,} rows ({size:,.0f} MB), {repeats} runs")
    print(f"{'measure':<34}{'median':>10}{'min':>10}{'max':>10}")
    print(
        f"{'load and aggregate (s)':<34}{statistics.median(seconds):>10.2f}{min(seconds):>10.2f}{max(seconds):>10.2f}"
    )
    print(f"{'peak resident memory (MB)':<34}{statistics.median(peaks):>10.0f}{min(peaks):>10.0f}{max(peaks):>10.0f}")


if __name__ == "__main__":
    main()
