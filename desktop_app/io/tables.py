"""Reading a user's table (CSV, Excel or ODS) safely, whatever its encoding.

Spreadsheets are read as plain values by calamine (a Rust reader, far faster than the pure-Python
ones for the large official workbooks): no formulas are evaluated and no macros run.
"""

import codecs
import csv
import gzip
import io
import os
import stat
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from functools import lru_cache, partial
from pathlib import Path
from typing import BinaryIO

import pandas as pd
from python_calamine import CalamineWorkbook, SheetTypeEnum

from desktop_app.io.errors import DataFileError, nothing_under_header, quoted
from desktop_app.io.workbooks import check_workbook

# The one size limit for every file the app reads, stated in the README's "Privacy and safety": a million-row
# official table is about 90 MB, and a table this large already takes a few GB of memory to check.
MAX_FILE_BYTES = 256 * 2**20
ENCODINGS = ("utf-8-sig", "cp1252")
# Far more than any real table (the official ones have 8 columns, a wide one a column per year).
MAX_COLUMNS = 1_000
DECODE_PIECE_BYTES = 4 * 2**20
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".ods")
TEXT_SUFFIXES = (".csv", ".txt", ".csv.gz")
# The workbooks read within sheets_read_once, by path and fingerprint; None outside it.
_kept_sheets: ContextVar[dict | None] = ContextVar("kept_sheets", default=None)


def table_suffix(path: Path) -> str:
    """'.csv.gz' for a compressed CSV (as official tables are often passed around), else the last suffix."""
    suffixes = "".join(path.suffixes[-2:]).lower()
    return ".csv.gz" if suffixes == ".csv.gz" else path.suffix.lower()


def open_bytes(path: Path) -> BinaryIO:
    """The file's bytes, decompressed on the fly for a .csv.gz."""
    return gzip.open(path, "rb") if table_suffix(path) == ".csv.gz" else open(path, "rb")


def check_size(path: Path) -> None:
    """Refuses anything but a regular file (a FIFO blocks forever, /dev/zero never ends), an empty file,
    one over the size limit, or a workbook too big once unpacked, before anything reads it."""
    try:
        status = path.stat()
    except FileNotFoundError:
        raise DataFileError(path, "the file is missing") from None
    except OSError as error:
        raise DataFileError(path, f"the file cannot be opened ({error.strerror})") from None
    if not stat.S_ISREG(status.st_mode):
        raise DataFileError(path, "this is not a regular file (a device, pipe or folder), so it is not read")
    size = status.st_size
    if size == 0:
        raise DataFileError(path, "the file is empty")
    if size > MAX_FILE_BYTES:
        raise DataFileError(
            path, f"the file is {size / 2**20:,.0f} MB; files over {MAX_FILE_BYTES // 2**20:,} MB are not read"
        )
    if path.suffix.lower() in SPREADSHEET_SUFFIXES:
        check_workbook(path)
    if table_suffix(path) == ".csv.gz" and _unpacked_size(path) > MAX_FILE_BYTES:
        raise DataFileError(path, f"the file unpacks to more than {MAX_FILE_BYTES // 2**20:,} MB, so it is not read")


def _unpacked_size(path: Path) -> int:
    """A gzip file's own record of its unpacked size (its last four bytes, modulo 4 GiB)."""
    with open(path, "rb") as handle:
        handle.seek(max(path.stat().st_size - 4, 0))
        return int.from_bytes(handle.read(4), "little")


def csv_encoding(path: Path) -> str:
    """UTF-8 (with or without a byte order mark), else Windows-1252, the usual spreadsheet export encodings.

    The whole file is decoded, in pieces: a sample would take a UTF-8 file whose first accent lies past it
    for Windows-1252 and turn "Tŷ Café" into "TÅ· CafÃ©"."""
    status = Path(path).stat()
    return _csv_encoding(Path(path), status.st_size, status.st_mtime_ns)


@lru_cache(maxsize=8)
def _csv_encoding(path: Path, _size: int, _modified: int) -> str:
    """Cached by size and time of change: one import asks of the same file several times."""
    with open_bytes(path) as handle:
        start = handle.read(4096)
    for mark, name in (
        (codecs.BOM_UTF32_LE, "UTF-32"),
        (codecs.BOM_UTF16_LE, "UTF-16"),
        (codecs.BOM_UTF16_BE, "UTF-16"),
    ):
        if start.startswith(mark):
            raise DataFileError(path, f"the text is in {name}; save it as CSV in UTF-8 and open that")
    if b"\0" in start:
        raise DataFileError(
            path, "this does not look like a table: it holds NUL bytes, as UTF-16 text or a binary file does"
        )
    for encoding in ENCODINGS:
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with open_bytes(path) as handle:
                while piece := handle.read(DECODE_PIECE_BYTES):
                    # Plain ASCII, with no character left half read, is valid in both: checked ten times faster.
                    if not (piece.isascii() and not decoder.getstate()[0]):
                        decoder.decode(piece)
            decoder.decode(b"", final=True)
            return encoding
        except UnicodeDecodeError:
            continue
    raise DataFileError(path, "the text is neither UTF-8 nor Windows-1252")


def _csv_header(path: Path, encoding: str) -> list[str]:
    """The first row, read by the csv module (which refuses a cell over 128 KB) before pandas reads the
    file: pandas renames repeated column names in quadratic time, 17 s for 20,000 of them."""
    with open_bytes(path) as raw, io.TextIOWrapper(raw, encoding=encoding, newline="") as handle:
        try:
            return next((row for row in csv.reader(handle) if row), [])  # as pandas, past blank lines
        except csv.Error as error:
            raise DataFileError(path, f"the header row cannot be read ({error})", row=1) from None


def check_columns(path: Path, header: list[str]) -> None:
    """At most MAX_COLUMNS columns, each name once (empty names aside: spreadsheets leave those)."""
    if len(header) > MAX_COLUMNS:
        raise DataFileError(path, f"the table has {len(header):,} columns; at most {MAX_COLUMNS:,} are read", row=1)
    seen = set()
    for name in (name.strip() for name in header):
        if name and name in seen:
            raise DataFileError(path, f"the column {quoted(name)} appears more than once", row=1)
        seen.add(name)


def read_header(path: Path) -> list[str]:
    """The column names, stripped. A CSV's come from its first row as the csv module reads it, not from pandas,
    which builds an empty column for each name (most of the time recognising a file of many columns took)."""
    path = Path(path)
    if table_suffix(path) not in TEXT_SUFFIXES:
        return list(read_table(path, rows=0).columns)
    check_size(path)
    with unchanged_while_read(path):
        header = _csv_header(path, csv_encoding(path))
    check_columns(path, header)
    if not header:
        raise DataFileError(path, "the file is blank: there is no header row", row=1)
    return [name.strip() for name in header]


@contextmanager
def sheets_read_once() -> Iterator[None]:
    """Within it, each workbook is read once and its sheets kept until it ends: recognising the layout, finding
    the header and reading the rows would otherwise each read the whole workbook (calamine reads a whole
    sheet even for its header row). Nested uses share the outer one's sheets."""
    if _kept_sheets.get() is not None:
        yield
        return
    token = _kept_sheets.set({})
    try:
        yield
    finally:
        _kept_sheets.reset(token)


def workbook_sheets(path: Path) -> dict[str, pd.DataFrame]:
    """Every sheet of a workbook, each cell as text ("" when empty), its first row as the column names."""
    path = Path(path)
    kept, key = _kept_sheets.get(), (path, _fingerprint(path))
    if kept is not None and key in kept:
        return kept[key]
    check_size(path)
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        names = [sheet.name for sheet in workbook.sheets_metadata if sheet.typ == SheetTypeEnum.WorkSheet]
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            sheets = dict(zip(names, pool.map(partial(_read_sheet, str(path)), names), strict=True))
    except Exception as error:  # noqa: BLE001 - the reader raises its own types for broken files
        raise DataFileError(path, _unreadable_workbook(error)) from None
    if kept is not None:
        kept[key] = sheets
    return sheets


def _unreadable_workbook(error: Exception) -> str:
    """In words, with what the spreadsheet reader said (its own error types mean nothing to a reader)."""
    return f"the workbook is damaged, or is not a real Excel or OpenDocument workbook (the reader said: {error})"


def _read_sheet(path: str, name: str) -> pd.DataFrame:
    """One sheet, by a reader of its own: calamine reads a sheet without holding Python's lock, so the sheets are
    read side by side (half the time on two cores), but one reader reads one sheet at a time."""
    return _sheet_frame(CalamineWorkbook.from_path(path).get_sheet_by_name(name).to_python(skip_empty_area=False))


def _cell_text(value) -> str:
    """A cell as text, as pandas.read_excel(dtype=str) writes it: a whole number without ".0", a date at midnight."""
    if type(value) is float and value.is_integer():
        return str(int(value))
    if type(value) is date:
        return str(datetime(value.year, value.month, value.day))
    return str(value)


def _sheet_frame(rows: list[list]) -> pd.DataFrame:
    """A sheet's cells as text under its first non-blank row, blank rows left out (as pandas.read_excel does);
    built here rather than by pandas, whose cell by cell conversion took longer than calamine's reading."""
    rows = [row for row in rows if row.count("") < len(row)]
    if not rows:
        return pd.DataFrame()
    names, seen = [], {}
    for number, cell in enumerate(rows[0]):
        name = _cell_text(cell) if cell != "" else f"Unnamed: {number}"
        count = seen.get(name, 0)
        seen[name] = count + 1
        names.append(f"{name}.{count}" if count else name)  # a repeated name gets .1, .2, as in pandas
    body = zip(*rows[1:], strict=True) if len(rows) > 1 else ([] for _name in names)
    return pd.DataFrame({name: _column_text(column) for name, column in zip(names, body, strict=True)}, dtype=object)


def _column_text(cells) -> list[str]:
    kinds = set(map(type, cells))
    if kinds <= {str}:  # most columns: nothing to convert, cell by cell
        return list(cells)
    if kinds == {float}:  # a column of numbers (quarters, counts): as _cell_text, without a call a cell
        return [str(int(value)) if value.is_integer() else str(value) for value in cells]
    return list(map(_cell_text, cells))


def sheet_headers(path: Path) -> list[list[str]]:
    """The header row of every sheet (a CSV has one): official workbooks open with cover and notes sheets."""
    path = Path(path)
    if table_suffix(path) not in SPREADSHEET_SUFFIXES:
        return [read_header(path)]
    return [[str(column).strip() for column in sheet.columns] for sheet in workbook_sheets(path).values()]


def _fingerprint(path: Path) -> tuple[int, int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None  # gone: not the file that was read
    return status.st_size, status.st_mtime_ns, status.st_ino


@contextmanager
def unchanged_while_read(path: Path) -> Iterator[None]:
    """Refuses what was read if the file changed meanwhile: one still being saved, copied or cut short
    would otherwise import only its first rows, without a word."""
    path = Path(path)
    before = _fingerprint(path)
    yield
    if _fingerprint(path) != before:
        raise DataFileError(path, "the file changed while it was being read (was it still being saved?); try again")


def _read_cells(path: Path, suffix: str, rows: int | None) -> pd.DataFrame:
    try:
        if suffix in SPREADSHEET_SUFFIXES:
            # The first sheet, from the one read of the workbook that recognising its layout made.
            first = next(iter(workbook_sheets(path).values()), pd.DataFrame())
            return first.copy(deep=False) if rows is None else first.head(rows)
        if suffix in TEXT_SUFFIXES:
            encoding = csv_encoding(path)
            check_columns(path, _csv_header(path, encoding))
            return pd.read_csv(path, dtype=str, keep_default_na=False, encoding=encoding, nrows=rows)
        raise DataFileError(
            path, "only CSV (.csv or .csv.gz), Excel (.xlsx) and OpenDocument (.ods) tables can be opened"
        )
    except DataFileError:
        raise
    except pd.errors.EmptyDataError:
        raise DataFileError(path, "the file is blank: there is no header row", row=1) from None
    except (ValueError, pd.errors.ParserError, UnicodeDecodeError, KeyError, OSError, EOFError) as error:
        raise DataFileError(path, f"this does not look like a table ({error})") from None
    except Exception as error:  # noqa: BLE001 - spreadsheet libraries raise their own types for broken files
        raise DataFileError(path, _unreadable_workbook(error)) from None


def read_table(path: Path, rows: int | None = None) -> pd.DataFrame:
    """Every cell as text (empty cells as ""), so nothing is guessed about types before validation."""
    path = Path(path)
    check_size(path)
    suffix = table_suffix(path)
    with unchanged_while_read(path):
        frame = _read_cells(path, suffix, rows)
    frame.columns = [str(column).strip() for column in frame.columns]
    if frame.columns.empty:
        raise DataFileError(path, "the file is blank: there is no header row", row=1)
    if rows is None and frame.empty:
        raise nothing_under_header(path)
    return frame
