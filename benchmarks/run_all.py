"""Speed and memory of the main flows on this machine, printed as a table (never asserted in tests).

Run from the checkout: python benchmarks/run_all.py [repeats] [--only cold-start]
Each figure is the median of several runs with the spread (min-max); peak memory is the largest resident
set of the process that did the work. Where the app is compared with a floor or a peer, both run in the same
repeat, one after the other, and the ratio of the medians is printed ("x": the app's time over the other's):
cold start against a bare QMainWindow with a QTableView; the Home Office table import against polars and
duckdb at 1 and 3 million rows; an official workbook against pandas.read_excel(engine="calamine") and a
groupby; every fact sheet against a matplotlib PDF per area. The peers (polars, duckdb, matplotlib) are
installed for the run only, into a temporary folder (pip install --target), never into the project.
The tables are made at run time from the real Home Office table in ../shared/reference (never committed).
"""

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from import_official_table import REFERENCE_TABLE, from_reference, generate  # noqa: E402

ROWS = 1_000_000
PEER_ROWS = (1_000_000, 3_000_000)
WORKBOOK_ROWS = 60_000
PEERS = ("polars", "duckdb", "matplotlib")


def _child(code: str, peers: Path | None = None) -> list[float]:
    """Runs code in a fresh process (so imports and memory are its own); it prints numbers, last peak MB.
    The peers' folder goes last on the path, so the project's own numpy and pandas are the ones used."""
    script = (
        "import resource, time, os, sys\nos.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        + (f"sys.path.append({str(peers)!r})\n" if peers else "")
        + code
        + ("\nprint(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)\n")
    )
    with tempfile.TemporaryDirectory() as home:  # no remembered window state from earlier runs
        fresh = {**os.environ, "XDG_CONFIG_HOME": home, "XDG_DATA_HOME": home, "XDG_CACHE_HOME": home}
        output = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, check=True, env=fresh
        )
    return [float(value) for value in output.stdout.split()]


# Windows are timed to their first paint, as the user sees them: an event filter notes when each window (by its
# class) first paints, and a window's show() alone does not paint it.
FIRST_PAINTS = """
start = time.perf_counter()
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget
painted = {}
class FirstPaints(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
            painted.setdefault(type(watched.window()).__name__, time.perf_counter() - start)
        return False
app = QApplication([])
watcher = FirstPaints()
app.installEventFilter(watcher)
"""

BARE_WINDOW = (
    FIRST_PAINTS
    + """
from PySide6.QtWidgets import QMainWindow, QTableView
window = QMainWindow()
window.setCentralWidget(QTableView())
window.show()
while not painted:
    app.processEvents()
print(painted['QMainWindow'])
"""
)

FIRST_TREND_TAB = """
from desktop_app.io.shipped import load_default_dataset
from desktop_app.ui.app import create_application
from desktop_app.ui.main_window import MainWindow
app = create_application()
window = MainWindow(load_default_dataset())
window.show()
app.processEvents()
start = time.perf_counter()
window.tabs.setCurrentIndex(1)
app.processEvents()
print(time.perf_counter() - start)
"""

# The launch as `factsheets` does it (cli.main), with the event loop stood in for by one that ends once the
# main window has painted: the starting window's first paint, then the main window's with its figures.
COLD_START = (
    FIRST_PAINTS
    + """
def until_the_main_window_paints():
    while 'MainWindow' not in painted:
        app.processEvents()
    return 0
QApplication.exec = staticmethod(until_the_main_window_paints)
from desktop_app.cli import main
main([])
print(painted['StartingWindow'], painted['MainWindow'])
"""
)

IMPORT_TABLE = """
from desktop_app.io.shipped import load_default_dataset
from desktop_app.io.importers import read_home_office
from desktop_app.paths import DATA_DIR
base = load_default_dataset()
start = time.perf_counter()
read_home_office(r'{path}', base, DATA_DIR)
print(time.perf_counter() - start)
"""

CHILD_CODES = """
import csv
with open('data/home_office_child_offence_codes.csv', encoding='utf-8') as listed:
    codes = sorted(row['offence_code'] for row in csv.DictReader(listed) if row['included'] == 'yes')
"""

# The peers do the least the app does: keep the child codes, read the counts, sum per force and year (the app
# also checks every count, finds part years and names each problem with its line).
POLARS_TABLE = (
    CHILD_CODES
    + """
import polars as pl
start = time.perf_counter()
(pl.scan_csv(r'{path}', infer_schema=False)
 .filter(pl.col('Offence Code').str.strip_chars().is_in(codes))
 .with_columns(pl.col('Number of Offences').str.strip_chars().str.replace('^-00$', '0').cast(pl.Int64))
 .group_by('Force Name', 'Financial Year').agg(pl.col('Number of Offences').sum())
 .collect())
print(time.perf_counter() - start)
"""
)

DUCKDB_TABLE = (
    CHILD_CODES
    + """
import duckdb
duckdb.sql("set enable_progress_bar = false")
start = time.perf_counter()
listed = ", ".join(f"'{{code}}'" for code in codes)
duckdb.sql(f\"\"\"select "Force Name", "Financial Year",
                  sum(cast(replace(trim("Number of Offences"), '-00', '0') as bigint))
           from read_csv('{path}', all_varchar = true)
           where trim("Offence Code") in ({{listed}}) group by all\"\"\").fetchall()
print(time.perf_counter() - start)
"""
)

IMPORT_WORKBOOK = """
from desktop_app.io.shipped import load_default_dataset
from desktop_app.io.importers import detect_kind, read_home_office
from desktop_app.io.tables import sheets_read_once
from desktop_app.paths import DATA_DIR
base = load_default_dataset()
start = time.perf_counter()
with sheets_read_once():  # as File > Import does: recognise the layout, then read the rows
    detect_kind(r'{path}')
    read_home_office(r'{path}', base, DATA_DIR)
print(time.perf_counter() - start)
"""

PANDAS_WORKBOOK = """
import pandas as pd
start = time.perf_counter()
for sheet in pd.read_excel(r'{path}', sheet_name=None, engine='calamine').values():
    if 'Force Name' in sheet.columns:
        sheet.groupby(['Force Name', 'Financial Year'])['Number of Offences'].sum()
print(time.perf_counter() - start)
"""

BIG_TABLE = """
import numpy as np, pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView
from desktop_app.ui.app import create_application
from desktop_app.ui.dataframe_model import DataFrameTableModel
from desktop_app.ui.statistics_tab import COLUMNS
app = create_application()
chance = np.random.default_rng(1)
frame = pd.DataFrame({{c.key: (chance.integers(0, 5000, {rows}).astype(float) if c.numeric
                      else [f"Area {{i}}" for i in chance.integers(0, 100000, {rows})]) for c in COLUMNS}})
for column in COLUMNS:  # a rank's "of how many"
    if column.out_of:
        frame[column.out_of] = 43.0
model = DataFrameTableModel(COLUMNS, search_keys=["area"])
view = QTableView(); view.setModel(model); view.resize(1200, 700); view.setSortingEnabled(False)
start = time.perf_counter(); model.set_frame(frame); view.show(); app.processEvents()
paint = time.perf_counter() - start
model.set_search_text("Area 1"); app.processEvents()
start = time.perf_counter(); model.set_search_text("Area 12"); app.processEvents()
keystroke = time.perf_counter() - start
model.set_search_text("")
start = time.perf_counter(); model.sort(2, Qt.SortOrder.DescendingOrder); app.processEvents()
sort = time.perf_counter() - start
print(paint, keystroke, sort)
"""

CHART = """
from desktop_app.io.shipped import load_default_dataset
from desktop_app.ui.app import create_application
from desktop_app.ui.main_window import MainWindow
app = create_application()
data = load_default_dataset()
window = MainWindow(data); window.show(); app.processEvents()
trends = window.trends_tab
window.tabs.setCurrentWidget(trends); app.processEvents()
trends.set_checked_areas(data.force_areas); app.processEvents()
rates, counts = (trends.measure_box.findData(key) for key in ("rate_per_1000_children", "offences"))
trends.measure_box.setCurrentIndex(counts); app.processEvents()
start = time.perf_counter()
trends.measure_box.setCurrentIndex(rates); app.processEvents()
first = time.perf_counter() - start
trends.measure_box.setCurrentIndex(counts); app.processEvents()
start = time.perf_counter()
trends.measure_box.setCurrentIndex(rates); app.processEvents()
print(first, time.perf_counter() - start)
"""

SHEETS = """
import tempfile
from pathlib import Path
from desktop_app.factsheet.export import ensure_qt_application, export_all, export_sheet
from desktop_app.io.shipped import load_default_dataset
ensure_qt_application()
data = load_default_dataset()
folder = Path(tempfile.mkdtemp())
export_sheet(data, "Kent", "2016/17", folder / "warm.pdf")
start = time.perf_counter(); export_sheet(data, "Kent", "2016/17", folder / "one.pdf")
one = time.perf_counter() - start
start = time.perf_counter(); export_all(data, folder / "all", overwrite=True)
print(one, time.perf_counter() - start)
"""

SHEETS_IN_PROCESSES = """
import sys
sys.path.insert(0, "benchmarks")
from sheets_in_processes import every_sheet_in_processes
print(every_sheet_in_processes())
"""

USUAL_ROUTE = """
import pandas as pd
start = time.perf_counter()
table = pd.read_csv(r'{path}')
codes = {{"19D", "19E", "19G", "19H", "17B", "20B", "21", "22B", "88A", "71", "73"}}
counts = table["Number of Offences"].astype(str).str.strip().replace("-00", "0")
child = table.assign(n=pd.to_numeric(counts))[table["Offence Code"].isin(codes)]
child.groupby(["Force Name", "Financial Year"])["n"].sum()
read = time.perf_counter() - start
import matplotlib
matplotlib.use("pdf")
import matplotlib.pyplot as plt
from desktop_app.io.shipped import load_default_dataset
from desktop_app.model.statistics import trend
import tempfile
from pathlib import Path
data = load_default_dataset()
folder = Path(tempfile.mkdtemp())
start = time.perf_counter()
for area in data.areas_with_figures:
    values = trend(data, area, "offences")
    figure, axes = plt.subplots(figsize=(8.27, 11.69))
    axes.plot(range(len(values)), values.to_numpy())
    axes.set_title(area)
    figure.savefig(folder / f"{{len(list(folder.iterdir()))}}.pdf")
    plt.close(figure)
print(read, time.perf_counter() - start)
"""


def import_costs(top: int = 8) -> list[str]:
    """python -X importtime for opening the window: the modules that cost most, cumulative."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import desktop_app.ui.main_window"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
    )
    costs = []
    for line in result.stderr.splitlines():
        parts = [part.strip() for part in line.removeprefix("import time:").split("|")]
        if len(parts) == 3 and parts[1].isdigit():
            costs.append((int(parts[1]), parts[2]))
    return [f"  {name:<44}{micro / 1e6:>9.3f} s" for micro, name in sorted(costs, reverse=True)[:top]]


def _runs(code: str, repeats: int) -> list[list[float]]:
    return [_child(code) for _ in range(repeats)]


def _side_by_side(codes: dict[str, str], repeats: int, peers: Path | None = None) -> dict[str, list[list[float]]]:
    """Each code once per repeat, in turn (app, peer, app, peer...), so a slow spell of the machine hits both."""
    runs = {name: [] for name in codes}
    for _ in range(repeats):
        for name, code in codes.items():
            runs[name].append(_child(code, peers))
    return runs


def _row(name: str, values: list[float], unit: str, target: str = "") -> str:
    middle = statistics.median(values)
    return f"{name:<46}{middle:>9.3f}{min(values):>9.3f}{max(values):>9.3f}  {unit:<3}{target}"


def _ratio(app: list[float], other: list[float]) -> str:
    return f"{statistics.median(app) / statistics.median(other):.2f}x"


def install_peers(folder: Path) -> Path | None:
    """polars, duckdb and matplotlib in a temporary folder for this run only; None if pip cannot get them."""
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--target", str(folder), *PEERS],
        capture_output=True,
        text=True,
    )
    return folder if result.returncode == 0 else None


def workbook_from_reference(path: Path, rows: int) -> None:
    """An .xlsx as the Home Office publishes them: a cover sheet, then the real table's rows over two sheets,
    numbers stored as numbers."""
    import pandas as pd

    table = pd.read_csv(REFERENCE_TABLE, dtype=str, keep_default_na=False).head(rows)
    for column in ("Financial Quarter", "Number of Offences"):
        table[column] = pd.to_numeric(table[column])
    half = rows // 2
    with pd.ExcelWriter(path, engine="openpyxl") as workbook:
        pd.DataFrame({"Notes": ["Police recorded crime open data tables"]}).to_excel(
            workbook, sheet_name="Cover", index=False
        )
        table.iloc[:half].to_excel(workbook, sheet_name="Data 1", index=False)
        table.iloc[half:].to_excel(workbook, sheet_name="Data 2", index=False)


def machine() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor() or "unknown CPU",
    )
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return f"{os.cpu_count()} cores ({model}), Python {platform.python_version()}, load average {load} at the end"


def cold_start_rows(repeats: int) -> list[str]:
    """The first paint and the window with its figures, each beside the bare window in the same run."""
    start = _side_by_side({"app": COLD_START, "bare": BARE_WINDOW}, repeats)
    first, full, bare = ([r[i] for r in start[name]] for name, i in (("app", 0), ("app", 1), ("bare", 0)))
    return [
        _row("cold start to first painted window", first, "s", f"{_ratio(first, bare)} the bare window"),
        _row("  bare QMainWindow + QTableView, same run", bare, "s", "floor; target: app within 2x"),
        _row("  window with its figures painted", full, "s", f"{_ratio(full, bare)} the bare window"),
        _row("  peak memory", [r[-1] for r in start["app"]], "MB"),
        _row("  first switch to the trend tab (pyqtgraph)", [r[0] for r in _runs(FIRST_TREND_TAB, repeats)], "s"),
    ]


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("repeats", nargs="?", type=int, default=5, help="runs of each measure (default 5)")
    parser.add_argument("--only", choices=["cold-start"], help="run only these rows")
    return parser.parse_args()


def _print_report(repeats: int, lines: list[str]) -> None:
    print(f"Fact Sheets benchmarks, {repeats} runs each; {machine()}")
    print("\n".join(lines))
    print("Costliest imports when the window opens (python -X importtime, cumulative):")
    print("\n".join(import_costs()))


def main() -> None:
    arguments = _arguments()
    repeats = arguments.repeats
    lines = [f"{'measure':<46}{'median':>9}{'min':>9}{'max':>9}  unit, target or ratio", *cold_start_rows(repeats)]
    if arguments.only == "cold-start":
        _print_report(repeats, lines)
        return
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        peers = install_peers(folder / "peers")
        if peers is None:
            lines.append(
                "peers: not installed (pip could not fetch polars, duckdb, matplotlib); their rows are skipped"
            )

        table = folder / "prc-pfa-generated.csv"
        generate(table, ROWS)
        loads = _runs(IMPORT_TABLE.format(path=table), repeats)
        lines.append(_row(f"{ROWS:,}-row made-up table: load and sum", [r[0] for r in loads], "s", "< 3 s"))
        lines.append(_row("  peak memory", [r[-1] for r in loads], "MB", "< 500 MB"))
        for rows in PEER_ROWS:
            real = folder / f"prc-pfa-real-{rows}.csv"
            from_reference(real, rows)
            codes = {"app": IMPORT_TABLE.format(path=real)}
            if peers:
                codes |= {"polars": POLARS_TABLE.format(path=real), "duckdb": DUCKDB_TABLE.format(path=real)}
            runs = _side_by_side(codes, repeats, peers)
            app = [r[0] for r in runs["app"]]
            versus = ", ".join(f"{_ratio(app, [r[0] for r in runs[name]])} {name}" for name in codes if name != "app")
            lines.append(_row(f"Home Office table, {rows:,} real rows", app, "s", versus))
            lines.append(_row("  peak memory", [r[-1] for r in runs["app"]], "MB"))
            for name in codes.keys() - {"app"}:
                lines.append(_row(f"  {name}, same run", [r[0] for r in runs[name]], "s", "peer"))
            real.unlink()

        workbook = folder / "prc-pfa-tables.xlsx"
        workbook_from_reference(workbook, WORKBOOK_ROWS)
        runs = _side_by_side(
            {"app": IMPORT_WORKBOOK.format(path=workbook), "pandas": PANDAS_WORKBOOK.format(path=workbook)}, repeats
        )
        app, pandas_calamine = [r[0] for r in runs["app"]], [r[0] for r in runs["pandas"]]
        lines.append(
            _row(
                f"official workbook, {WORKBOOK_ROWS:,} rows: import", app, "s", f"{_ratio(app, pandas_calamine)} pandas"
            )
        )
        lines.append(_row("  pandas.read_excel(calamine) + groupby", pandas_calamine, "s", "peer; target: within 1.1x"))

        big = _runs(BIG_TABLE.format(rows=ROWS), repeats)
        lines.append(_row(f"table of {ROWS:,} rows: first paint", [r[0] for r in big], "s"))
        lines.append(_row("  one search keystroke", [r[1] for r in big], "s", "< 0.05 s"))
        lines.append(_row("  sort a column", [r[2] for r in big], "s", "< 0.3 s"))
        chart = _runs(CHART, repeats)
        lines.append(_row("trend chart, 45 forces: first switch to rates", [r[0] for r in chart], "s", "< 0.1 s"))
        lines.append(_row("  switching measure again", [r[1] for r in chart], "s", "< 0.1 s"))
        codes = {"app": SHEETS}
        if peers:
            codes["matplotlib"] = USUAL_ROUTE.format(path=table)
        runs = _side_by_side(codes, repeats, peers)
        sheets = [r[1] for r in runs["app"]]
        charts = [r[1] for r in runs["matplotlib"]] if peers else None
        lines.append(_row("one fact sheet to PDF", [r[0] for r in runs["app"]], "s", "< 0.3 s"))
        versus = f"{_ratio(sheets, charts)} matplotlib" if peers else "< 10 s"
        lines.append(_row("every area's fact sheet to PDF", sheets, "s", versus))
        if peers:
            lines.append(_row("  matplotlib PDF per area, same run", charts, "s", "peer"))
        pooled = _runs(SHEETS_IN_PROCESSES, repeats)
        lines.append(_row(f"  the app, {os.cpu_count()} worker processes", [r[0] for r in pooled], "s"))
        if peers:
            read = [r[0] for r in runs["matplotlib"]]
            versus = f"app {_ratio([r[0] for r in loads], read)}"
            lines.append(_row("pandas.read_csv defaults + sum, made-up table", read, "s", versus))
        shutil.rmtree(folder / "peers", ignore_errors=True)
    _print_report(repeats, lines)


if __name__ == "__main__":
    main()
