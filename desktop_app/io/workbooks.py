"""Sizing up a workbook (.xlsx, .ods) before the spreadsheet reader opens it.

The reader builds each sheet as one dense grid, so a 1.6 KB .xlsx with cells at A2 and XFD1048576 asks for
549 GB and aborts the process, and an .ods cell "repeated" 99 million times becomes 99 million cells. Both
formats are zip archives of XML: the archive's declared sizes and the cells' positions and repeats are read
here, in bounded pieces, and a workbook over the limits is refused before any grid is built.
"""

import re
import zipfile
from functools import lru_cache
from pathlib import Path

from desktop_app.io.errors import DataFileError

# Unpacked, the largest official workbooks are a few hundred MB of XML.
MAX_UNPACKED_BYTES = 2**30
# A grid this size already takes gigabytes in the reader; the official tables hold about 2 million cells.
MAX_CELLS = 30_000_000
PIECE_BYTES = 4 * 2**20

# Where the reader puts a cell: its own r="B7" if it has one, else the next column of its row, whose r="7" (or
# the row after the last) gives the row. Tags may carry a namespace prefix (<x:c>), which the reader ignores.
_XLSX_ROW_OR_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c)[\s/>]([^>]*)")
_XLSX_REFERENCE = re.compile(rb"""(?:^|\s)r\s*=\s*["']([A-Za-z]*)([0-9]*)["']""")
# Every cell tag, with its position where it opens with it as spreadsheet programs write it (<c r="B7"), else
# with none: one search of the text for both.
_XLSX_CELL_POSITION = re.compile(rb'<c(?: r="([A-Z]{1,3})([0-9]{1,7})")?[\s/>]')
_ODS_ELEMENT = re.compile(rb"<table:table-(row|cell)\b([^>]*)>")
_ODS_REPEAT = re.compile(rb'table:number-(?:rows|columns)-repeated="([0-9]{1,10})"')


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - ord("A") + 1
    return number


def _pieces(stream):
    """Complete tags only: a piece ends before its last '<', which starts the next piece."""
    carried = b""
    while piece := stream.read(PIECE_BYTES):
        carried += piece
        cut = carried.rfind(b"<")
        if cut <= 0:
            continue
        yield carried[:cut]
        carried = carried[cut:]
    yield carried


def _grid(rows: set[int], columns: set[int]) -> int:
    return (max(rows) - min(rows) + 1) * (max(columns) - min(columns) + 1) if rows and columns else 0


def _xlsx_plain_cells(stream) -> int | None:
    """The grid, where every cell opens with its position as spreadsheet programs write it; None otherwise."""
    rows, columns = set(), set()
    for piece in _pieces(stream):
        found = _XLSX_CELL_POSITION.findall(piece)
        if (b"", b"") in found or b":c" in piece:  # a cell placed otherwise, or perhaps a prefixed tag
            return None
        columns.update({letters for letters, _row in found})
        rows.update({row for _letters, row in found})
    return _grid({int(row) for row in rows}, {_column_number(letters) for letters in columns})


def _xlsx_any_cells(stream) -> int:
    """The grid of a sheet written any way the reader accepts: tag by tag, following rows and columns."""
    rows, columns = set(), set()
    row = column = 0
    for piece in _pieces(stream):
        for tag, attributes in _XLSX_ROW_OR_CELL.findall(piece):
            reference = _XLSX_REFERENCE.search(attributes)
            letters, digits = reference.groups() if reference else (b"", b"")
            if tag == b"row":
                row, column = (int(digits) if digits else row + 1), 0
                continue
            column = _column_number(letters.upper()) if letters else column + 1
            rows.add(int(digits) if digits else row)
            columns.add(column)
    return _grid(rows, columns)


def _xlsx_sheet_cells(archive: zipfile.ZipFile, name: str) -> int:
    """The grid the reader would build: from the first to the last cell, across and down."""
    with archive.open(name) as sheet:
        cells = _xlsx_plain_cells(sheet)
    if cells is None:
        with archive.open(name) as sheet:
            cells = _xlsx_any_cells(sheet)
    return cells


def _ods_cells(stream) -> int:
    """Cells holding a value, each counted as often as its row and column are repeated."""
    cells, row_repeat = 0, 1
    for piece in _pieces(stream):
        for kind, attributes in _ODS_ELEMENT.findall(piece):
            repeated = _ODS_REPEAT.search(attributes)
            repeat = int(repeated.group(1)) if repeated else 1
            if kind == b"row":
                row_repeat = repeat
            elif b"office:value-type=" in attributes:
                cells += row_repeat * repeat
    return cells


@lru_cache(maxsize=8)
def _workbook_problem(path: str, _size: int, _modified: int) -> str | None:
    """What makes the workbook unsafe to read, or None. Cached: one import checks the same file often."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return "this is not an Excel (.xlsx) or OpenDocument (.ods) workbook"
    with archive:
        unpacked = sum(member.file_size for member in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            return (
                f"the workbook unpacks to {unpacked / 2**20:,.0f} MB; "
                f"workbooks over {MAX_UNPACKED_BYTES // 2**20:,} MB unpacked are not read"
            )
        try:
            if Path(path).suffix.lower() == ".ods":
                with archive.open("content.xml") as content:
                    cells = _ods_cells(content)
            else:
                sheets = [name for name in archive.namelist() if re.fullmatch(r"xl/worksheets/[^/]+\.xml", name)]
                cells = 0
                for name in sheets:
                    cells = max(cells, _xlsx_sheet_cells(archive, name))
        except (KeyError, zipfile.BadZipFile, OSError, EOFError) as error:
            return f"the workbook is damaged ({error})"
    if cells > MAX_CELLS:
        return f"a sheet spans {cells:,} cells; sheets over {MAX_CELLS:,} cells are not read"
    return None


def check_workbook(path: Path) -> None:
    """Refuses a workbook whose unpacked size or sheet grid would overwhelm the spreadsheet reader."""
    status = Path(path).stat()
    problem = _workbook_problem(str(path), status.st_size, status.st_mtime_ns)
    if problem is not None:
        raise DataFileError(path, problem)
