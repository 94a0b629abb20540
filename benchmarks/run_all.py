"""Speed and memory of the main flows on this machine, printed as a table (never asserted in tests).

Run from the checkout: python benchmarks/run_all.py [repeats]
Each figure is the median of several runs with the spread (min-max); peak memory is the largest resident
set of the process that did the work. The "usual route" rows time what an analyst does without the app:
pandas.read_csv with default settings and a matplotlib chart saved to PDF per area (needs matplotlib).
"""

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from import_official_table import generate  # noqa: E402

ROWS = 1_000_000


def _child(code: str) -> list[float]:
    """Runs code in a fresh process (so imports and memory are its own); it prints numbers, last peak MB."""
    script = (
        "import resource, time, os\nos.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        + code
        + ("\nprint(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)\n")
    )
    with tempfile.TemporaryDirectory() as home:  # no remembered window state from earlier runs
        fresh = {**os.environ, "XDG_CONFIG_HOME": home, "XDG_DATA_HOME": home, "XDG_CACHE_HOME": home}
        output = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, check=True, env=fresh
        )
    return [float(value) for value in output.stdout.split()]


COLD_START = """
start = time.perf_counter()
from desktop_app.io.shipped import load_default_dataset
from desktop_app.ui.app import create_application
from desktop_app.ui.main_window import MainWindow
app = create_application()
window = MainWindow(load_default_dataset())
window.show()
app.processEvents()
print(time.perf_counter() - start)
"""

IMPORT_TABLE = """
from desktop_app.io.shipped import load_default_dataset
from desktop_app.io.importers import read_home_office
from desktop_app.paths import DATA_DIR
base = load_default_dataset()
start = time.perf_counter()
read_home_office(r'{path}', base, DATA_DIR)
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


def _row(name: str, values: list[float], unit: str, target: str = "") -> str:
    middle = statistics.median(values)
    return f"{name:<46}{middle:>9.3f}{min(values):>9.3f}{max(values):>9.3f}  {unit:<3}{target}"


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    lines = [f"{'measure':<46}{'median':>9}{'min':>9}{'max':>9}  unit, target"]
    with tempfile.TemporaryDirectory() as folder:
        table = Path(folder) / "prc-pfa-generated.csv"
        generate(table, ROWS)
        cold = _runs(COLD_START, repeats)
        lines.append(_row("cold start to first painted window", [r[0] for r in cold], "s", "< 1.5 s"))
        lines.append(_row("  peak memory", [r[-1] for r in cold], "MB"))
        loads = _runs(IMPORT_TABLE.format(path=table), repeats)
        lines.append(_row(f"{ROWS:,}-row official table: load and sum", [r[0] for r in loads], "s", "< 3 s"))
        lines.append(_row("  peak memory", [r[-1] for r in loads], "MB", "< 500 MB"))
        big = _runs(BIG_TABLE.format(rows=ROWS), repeats)
        lines.append(_row(f"table of {ROWS:,} rows: first paint", [r[0] for r in big], "s"))
        lines.append(_row("  one search keystroke", [r[1] for r in big], "s", "< 0.05 s"))
        lines.append(_row("  sort a column", [r[2] for r in big], "s", "< 0.3 s"))
        chart = _runs(CHART, repeats)
        lines.append(_row("trend chart, 45 forces: first switch to rates", [r[0] for r in chart], "s", "< 0.1 s"))
        lines.append(_row("  switching measure again", [r[1] for r in chart], "s", "< 0.1 s"))
        sheets = _runs(SHEETS, repeats)
        lines.append(_row("one fact sheet to PDF", [r[0] for r in sheets], "s", "< 0.3 s"))
        lines.append(_row("every area's fact sheet to PDF", [r[1] for r in sheets], "s", "< 10 s"))
        pooled = _runs(SHEETS_IN_PROCESSES, repeats)
        lines.append(_row(f"  the same, {os.cpu_count()} worker processes", [r[0] for r in pooled], "s"))
        try:
            usual = _runs(USUAL_ROUTE.format(path=table), repeats)
        except subprocess.CalledProcessError:
            lines.append("usual route: skipped (install matplotlib to compare)")
        else:
            read, charts = [r[0] for r in usual], [r[1] for r in usual]
            lines.append(_row("usual route: pandas.read_csv defaults + sum", read, "s"))
            lines.append(_row("usual route: matplotlib PDF per area", charts, "s"))
            table_ratio = statistics.median([r[0] for r in loads]) / statistics.median(read)
            sheet_ratio = statistics.median([r[1] for r in sheets]) / statistics.median(charts)
            lines.append(f"ratio, app / usual route: table {table_ratio:.2f}, sheets {sheet_ratio:.2f}")
    print(f"Fact Sheets benchmarks, {repeats} runs each, {os.cpu_count()} cores")
    print("\n".join(lines))
    print("Costliest imports when the window opens (python -X importtime, cumulative):")
    print("\n".join(import_costs()))


if __name__ == "__main__":
    main()
