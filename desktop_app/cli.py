"""The command line: launch the window, print summaries and describe the loaded data.

Nothing here imports pandas at the top (the data set is imported where it is loaded): the window paints its
starting window before the data library has loaded."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app import __version__
from desktop_app.io.errors import DataFileError
from desktop_app.model.names import UnknownNameError

if TYPE_CHECKING:
    from desktop_app.model.dataset import DataSet

EXIT_DATA_ERROR = 1
EXIT_USAGE = 2
EXIT_WRITE_ERROR = 3
EXIT_INTERRUPTED = 130
EXIT_NO_DISPLAY = 1
NO_DISPLAY_MESSAGE = (
    "factsheets: there is no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set).\n"
    "  To open the window on a virtual display:  xvfb-run factsheets\n"
    "  To save fact sheets without a window:     factsheets export --region Kent -o kent.pdf\n"
    "  (summary, info and export need no display; QT_QPA_PLATFORM=offscreen runs the window unseen)"
)


class UsageProblem(Exception):
    """The command cannot be done as asked with this data; the message says what to add."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="factsheets",
        description="Official figures on sexual offences against children, region by region. "
        "With no command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data",
        type=Path,
        metavar="FOLDER_OR_FILE",
        help="a data folder to use instead of the shipped data, or a file (long format or Home Office open data "
        "table) to add to it as the newest release",
    )
    parser.add_argument(
        "--skip-bad-rows",
        action="store_true",
        help="with --data FILE and a command: import the valid rows and list the rest, instead of refusing the "
        "file (the window asks instead)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    summary = commands.add_parser("summary", help="print the plain-English summary of one region and year")
    summary.add_argument("--region", required=True, help='police force area or nation, e.g. "Greater Manchester"')
    summary.add_argument("--year", help="financial year, e.g. 2016/17; if left out, the latest with a figure")
    commands.add_parser("info", help="describe what the loaded data set holds")
    export = commands.add_parser("export", help="save fact sheets as PDF")
    export.add_argument(
        "--region",
        action="append",
        help="the region whose sheet to save; with --all, repeat it to save only those regions (a nation, "
        "England and Wales or the UK stands for itself and every force area in it)",
    )
    export.add_argument("--all", action="store_true", help="every region with figures (or those --region names)")
    export.add_argument(
        "--compare",
        action="append",
        metavar="AREA",
        help="an area for one comparison sheet; repeat for each area (at most 12)",
    )
    export.add_argument("--year", help="financial year; if left out, each region's latest year with a figure")
    export.add_argument("-o", "--output", required=True, type=Path, help="the PDF file, or with --all a folder")
    export.add_argument("--combined", action="store_true", help="with --all: one PDF holding every sheet")
    export.add_argument("--overwrite", action="store_true", help="replace files that already exist")
    return parser


def _load(data: Path | None, skip_bad_rows: bool = False) -> DataSet:
    from desktop_app.io.shipped import load_default_dataset

    if data is None:
        return load_default_dataset()
    if data.is_dir():
        from desktop_app.io.dataset_files import load_dataset

        return load_dataset(data, f"Data from {data}")
    from desktop_app.formatting import counted
    from desktop_app.io.importers import read_recognised, with_import
    from desktop_app.paths import DATA_DIR

    base = load_default_dataset()
    result = read_recognised(data, base, DATA_DIR)
    if result == "wide":
        raise DataFileError(data, "a wide table needs its measure and source: open it from the window (File > Import)")
    for message in (*result.problems, *result.notes):
        print(f"factsheets: {message}", file=sys.stderr)
    if result.problems and not skip_bad_rows:
        raise DataFileError(
            data,
            f"{counted(result.problem_count, 'problem')}; nothing was imported (see above, or use "
            "--skip-bad-rows to import the valid rows)",
        )
    if result.figures.empty:  # as the window refuses it: a release that adds nothing would still be named on sheets
        raise DataFileError(data, "no usable figures (see above); nothing was imported")
    return with_import(base, result, f"{data.name} (imported) on the shipped data")


def _print_summary(data: DataSet, region: str, year: str | None) -> None:
    from desktop_app.model.summary import summary

    area = data.resolve_area(region)
    year = data.resolve_year(year) if year else data.latest_offences_year_of.get(area)
    if year is None:
        raise UsageProblem(f"{area} has no offences figure in this data set; give --year for its summary")
    print(summary(data, area, year))


def _export(data: DataSet, arguments: argparse.Namespace) -> None:
    from desktop_app.factsheet.export import (
        areas_and_their_forces,
        ensure_qt_application,
        export_all,
        export_sheet,
        sheets_to_export,
    )
    from desktop_app.io.atomic import stale_parts_notice

    ensure_qt_application()
    folder = arguments.output if arguments.all and not arguments.combined else arguments.output.parent
    notice = stale_parts_notice(folder)
    if notice:
        print(f"factsheets: {notice}", file=sys.stderr)
    year = data.resolve_year(arguments.year) if arguments.year else None
    if arguments.compare:
        _export_comparison(data, arguments, year)
        return
    if not arguments.all:
        area = data.resolve_area(arguments.region[0])
        year = year or dict(sheets_to_export(data)).get(area)
        if year is None:
            raise UsageProblem(f"{area} has no offences figure in this data set; give --year to make its sheet")
        export_sheet(data, area, year, arguments.output, overwrite=arguments.overwrite)
        print(f"Saved the {area} {year} fact sheet to {arguments.output}")
        return
    from tqdm import tqdm

    areas = areas_and_their_forces(data, map(data.resolve_area, arguments.region)) if arguments.region else None
    finished = 0
    with tqdm(unit="sheet", file=sys.stderr, disable=None) as bar:

        def progress(done: int, total: int, area: str) -> bool:
            nonlocal finished
            finished = done
            bar.total = total
            bar.set_postfix_str(area)
            bar.update(done - bar.n)
            return True

        export_all(data, arguments.output, year, arguments.combined, progress, arguments.overwrite, areas)
    print(f"Saved {finished} fact sheets to {arguments.output}")


def _display_available() -> bool:
    """On Linux Qt aborts with a message about xcb libraries when there is no display; say so plainly instead.
    A platform chosen with QT_QPA_PLATFORM (offscreen, vnc) is taken as the user's choice."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _export_comparison(data: DataSet, arguments: argparse.Namespace, year: str | None) -> None:
    """One page comparing the areas, for the year given or the latest with offences figures."""
    from desktop_app.factsheet.comparison_content import TooManyAreas
    from desktop_app.factsheet.export import export_comparison

    areas = [data.resolve_area(area) for area in arguments.compare]
    year = year or data.latest_offences_year
    try:
        export_comparison(data, areas, year, arguments.output, overwrite=arguments.overwrite)
    except TooManyAreas as error:
        raise UsageProblem(str(error)) from None
    print(f"Saved the comparison of {', '.join(areas)} in {year} to {arguments.output}")


def _quiet_closed_stdout() -> None:
    """The reader of our output went away (``| head``): what it wanted was printed, so end without a word;
    pointing stdout at the null device stops Python's own complaint when it flushes at exit."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _stop(_signal_number, _frame) -> None:
    """A polite kill (SIGTERM) stops the command as Ctrl+C does, so the file being written is removed."""
    raise KeyboardInterrupt


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line as given, or a usage message and exit status 2 for options that do not go together."""
    parser = _parser()
    arguments = parser.parse_args(argv)
    if arguments.command == "export":
        if arguments.combined and not arguments.all:
            parser.error("--combined goes with --all")
        if arguments.compare and (arguments.all or arguments.region):
            parser.error("--compare makes one comparison sheet: it goes without --region and --all")
        if not (arguments.all or arguments.region or arguments.compare):
            parser.error("give --region AREA, or --all (with --region repeated to pick areas), or --compare AREA ...")
        if not arguments.all and len(arguments.region or []) > 1:
            parser.error("several --region options go with --all (one PDF each, or --combined)")
    return arguments


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    if arguments.command is None and not _display_available():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return EXIT_NO_DISPLAY
    previous_handler = signal.signal(signal.SIGTERM, _stop) if arguments.command == "export" else None
    # The window opens on the shipped data at once and imports a --data file in the background, with progress
    # and Cancel, as File > Import does; its problems, if any, are listed there for the user to accept or refuse.
    opens_window = arguments.command is None
    file_for_window = arguments.data if opens_window and arguments.data and not arguments.data.is_dir() else None
    load = partial(_load, None if file_for_window else arguments.data, arguments.skip_bad_rows)
    try:
        if arguments.data is not None and not arguments.data.exists():  # said here, before any window opens
            raise DataFileError(arguments.data, f"there is no file or folder at {arguments.data.absolute()}")
        if opens_window:
            from desktop_app.ui.app import run_app

            return run_app(load, file_for_window)
        data = load()
        if arguments.command == "summary":
            _print_summary(data, arguments.region, arguments.year)
        elif arguments.command == "export":
            _export(data, arguments)
        elif arguments.command == "info":
            from desktop_app.model.coverage import describe

            print(describe(data))
        sys.stdout.flush()  # here, so a reader that stopped early (factsheets info | head) is caught below
    except BrokenPipeError:
        _quiet_closed_stdout()
        return 0
    except DataFileError as error:
        print(f"factsheets: cannot load the data: {error}", file=sys.stderr)
        return EXIT_DATA_ERROR
    except (UnknownNameError, UsageProblem) as error:
        print(f"factsheets: {error}", file=sys.stderr)
        return EXIT_USAGE
    except FileExistsError as error:
        print(f"factsheets: could not save: {error} Add --overwrite to replace.", file=sys.stderr)
        return EXIT_WRITE_ERROR
    except OSError as error:
        print(f"factsheets: could not save: {error}", file=sys.stderr)
        return EXIT_WRITE_ERROR
    except KeyboardInterrupt:
        print("factsheets: stopped; no half-written file was left behind", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        if previous_handler is not None:
            signal.signal(signal.SIGTERM, previous_handler)
    return 0
