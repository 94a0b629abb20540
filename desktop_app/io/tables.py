"""Reading a user's table (CSV, Excel or ODS) safely, whatever its encoding.

Spreadsheets are read as plain values by calamine (a Rust reader, far faster than the pure-Python
ones for the large official workbooks): no formulas are evaluated and no macros run.
"""

import gzip
from pathlib import Path
from typing import BinaryIO

import pandas as pd

from desktop_app.io.errors import DataFileError

MAX_IMPORT_BYTES = 1024 * 2**20
ENCODINGS = ("utf-8-sig", "cp1252")
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".ods")
TEXT_SUFFIXES = (".csv", ".txt", ".csv.gz")


def table_suffix(path: Path) -> str:
    """'.csv.gz' for a compressed CSV (as official tables are often passed around), else the last suffix."""
    suffixes = "".join(path.suffixes[-2:]).lower()
    return ".csv.gz" if suffixes == ".csv.gz" else path.suffix.lower()


def open_bytes(path: Path) -> BinaryIO:
    """The file's bytes, decompressed on the fly for a .csv.gz."""
    return gzip.open(path, "rb") if table_suffix(path) == ".csv.gz" else open(path, "rb")


def check_size(path: Path, limit: int = MAX_IMPORT_BYTES) -> None:
    """Refuses a file that cannot be opened, is empty, or is larger than ``limit`` bytes, before anything reads it."""
    try:
        with open(path, "rb"):
            size = path.stat().st_size
    except OSError as error:
        raise DataFileError(path, f"the file cannot be opened ({error.strerror or error})") from None
    if size == 0:
        raise DataFileError(path, "the file is empty")
    if size > limit:
        raise DataFileError(path, f"the file is {size / 2**20:,.0f} MB; files over {limit // 2**20:,} MB are not read")


def csv_encoding(path: Path) -> str:
    """UTF-8 (with or without a byte order mark), else Windows-1252, the usual spreadsheet export encodings."""
    with open_bytes(path) as handle:
        sample = handle.read(4 * 2**20)
    for encoding in ENCODINGS:
        try:
            sample.decode(encoding)
            return encoding
        except UnicodeDecodeError:
            continue
    raise DataFileError(path, "the text is neither UTF-8 nor Windows-1252")


def read_header(path: Path) -> list[str]:
    return list(read_table(path, rows=0).columns)


def sheet_headers(path: Path) -> list[list[str]]:
    """The header row of every sheet (a CSV has one): official workbooks open with cover and notes sheets."""
    path = Path(path)
    if table_suffix(path) not in SPREADSHEET_SUFFIXES:
        return [read_header(path)]
    check_size(path)
    try:
        sheets = pd.read_excel(path, sheet_name=None, nrows=0, engine="calamine")
    except Exception as error:  # noqa: BLE001 - the reader raises its own types for broken files
        raise DataFileError(path, f"the spreadsheet could not be read ({type(error).__name__}: {error})") from None
    return [[str(column).strip() for column in sheet.columns] for sheet in sheets.values()]


def read_table(path: Path, rows: int | None = None, columns: list[str] | None = None) -> pd.DataFrame:
    """Every cell as text (empty cells as ""), so nothing is guessed about types before validation."""
    path = Path(path)
    check_size(path)
    suffix = table_suffix(path)
    try:
        if suffix in SPREADSHEET_SUFFIXES:
            frame = pd.read_excel(path, sheet_name=0, dtype=str, engine="calamine", nrows=rows, usecols=columns)
            frame = frame.fillna("")
        elif suffix in TEXT_SUFFIXES:
            frame = pd.read_csv(
                path, dtype=str, keep_default_na=False, encoding=csv_encoding(path), nrows=rows, usecols=columns
            )
        else:
            raise DataFileError(
                path, "only CSV (.csv or .csv.gz), Excel (.xlsx) and OpenDocument (.ods) tables can be opened"
            )
    except DataFileError:
        raise
    except (ValueError, pd.errors.ParserError, UnicodeDecodeError, KeyError, OSError, EOFError) as error:
        raise DataFileError(path, f"this does not look like a table ({error})") from None
    except Exception as error:  # noqa: BLE001 - spreadsheet libraries raise their own types for broken files
        raise DataFileError(path, f"the spreadsheet could not be read ({type(error).__name__}: {error})") from None
    frame.columns = [str(column).strip() for column in frame.columns]
    if frame.columns.empty or (rows is None and frame.empty):
        raise DataFileError(path, "the file has no table in it (no header row or no data rows)")
    return frame
