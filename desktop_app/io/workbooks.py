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

_XLSX_CELL = re.compile(rb'<c\b[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"')
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


def _xlsx_sheet_cells(stream) -> int:
    """The grid the reader would build: from the first to the last cell, across and down."""
    first_row = first_column = None
    last_row = last_column = 0
    for piece in _pieces(stream):
        found = _XLSX_CELL.findall(piece)
        if not found:
            continue
        columns = [_column_number(letters) for letters in {letters for letters, _row in found}]
        rows = [int(row) for row in {row for _letters, row in found}]
        first_row = min(rows) if first_row is None else min(first_row, *rows)
        first_column = min(columns) if first_column is None else min(first_column, *columns)
        last_row, last_column = max(last_row, *rows), max(last_column, *columns)
    if first_row is None:
        return 0
    return (last_row - first_row + 1) * (last_column - first_column + 1)


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
                    with archive.open(name) as sheet:
                        cells = max(cells, _xlsx_sheet_cells(sheet))
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
