"""The command line: launch the window, print summaries and describe the loaded data."""

import argparse
import sys
from pathlib import Path

from desktop_app import __version__
from desktop_app.io.errors import DataFileError
from desktop_app.model.dataset import DataSet, UnknownNameError

EXIT_DATA_ERROR = 1
EXIT_USAGE = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="factsheets",
        description="Official figures on sexual offences against children, region by region. "
        "With no command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--data", type=Path, metavar="FOLDER", help="use this data folder instead of the shipped data")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    summary = commands.add_parser("summary", help="print the plain-English summary of one region and year")
    summary.add_argument("--region", required=True, help='police force area or nation, e.g. "Greater Manchester"')
    summary.add_argument("--year", required=True, help="financial year, e.g. 2016/17")
    commands.add_parser("info", help="describe what the loaded data set holds")
    return parser


def _load(data_folder: Path | None) -> DataSet:
    if data_folder is None:
        from desktop_app.io.shipped import load_default_dataset

        return load_default_dataset()
    from desktop_app.io.dataset_files import load_dataset

    return load_dataset(data_folder, f"Data from {data_folder}")


def _print_summary(data: DataSet, region: str, year: str) -> None:
    from desktop_app.model.summary import summary

    area, year = data.resolve_area(region), data.resolve_year(year)
    print(summary(data, area, year))


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    try:
        data = _load(arguments.data)
        if arguments.command == "summary":
            _print_summary(data, arguments.region, arguments.year)
        elif arguments.command == "info":
            from desktop_app.model.coverage import describe

            print(describe(data))
        else:
            from desktop_app.ui.app import run_app

            return run_app(data)
    except DataFileError as error:
        print(f"factsheets: cannot load the data: {error}", file=sys.stderr)
        return EXIT_DATA_ERROR
    except UnknownNameError as error:
        print(f"factsheets: {error}", file=sys.stderr)
        return EXIT_USAGE
    return 0
