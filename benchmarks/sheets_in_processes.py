"""Every area's fact sheet written by a pool of worker processes, one per core: the measured alternative to
writing them in one process (run_all.py prints both)."""

import multiprocessing
import os
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

_data = None


def _start_worker(data) -> None:
    global _data
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from desktop_app.factsheet.export import ensure_qt_application

    ensure_qt_application()
    _data = data


def _write(job: tuple[str, str, Path]) -> None:
    from desktop_app.factsheet.export import export_sheet

    area, year, path = job
    export_sheet(_data, area, year, path)


def every_sheet_in_processes() -> float:
    """Seconds from starting the pool to the last sheet written (worker start-up included)."""
    from desktop_app.factsheet.export import sheet_file_name, sheets_to_export
    from desktop_app.io.shipped import load_default_dataset

    data = load_default_dataset()
    folder = Path(tempfile.mkdtemp())
    jobs = [(area, year, folder / sheet_file_name(area, year)) for area, year in sheets_to_export(data)]
    start = time.perf_counter()
    spawn = multiprocessing.get_context("spawn")  # Qt cannot be forked safely
    with ProcessPoolExecutor(os.cpu_count(), mp_context=spawn, initializer=_start_worker, initargs=(data,)) as pool:
        list(pool.map(_write, jobs))
    return time.perf_counter() - start
