"""Sizing up a workbook (.xlsx, .ods) before the spreadsheet reader opens it.

The reader builds each sheet as one dense grid, so a 1.6 KB .xlsx with cells at A2 and XFD1048576 asks for
549 GB and aborts the process, and an .ods cell "repeated" 99 million times becomes 99 million cells. Both
formats are zip archives of XML: the archive's declared sizes and the cells' positions and repeats are read
here, in bounded pieces, and a workbook over the limits is refused before any grid is built.
"""

import os
import re
import string
import zipfile
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache, partial
from pathlib import Path

import numpy as np

from desktop_app.io.errors import DataFileError

# Unpacked, the largest official workbooks are a few hundred MB of XML.
MAX_UNPACKED_BYTES = 2**30
# A grid this size already takes gigabytes in the reader; the official tables hold about 2 million cells.
MAX_CELLS = 30_000_000
PIECE_BYTES = 4 * 2**20

# Where the reader puts a cell: its own r="B7" if it has one, else the next column of its row, whose r="7" (or
# the row after the last) gives the row. Tags may carry a namespace prefix (<x:c>), which the reader ignores.
_XLSX_ROW_OR_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s/>])([^>]*)")
_XLSX_SHARED_TEXT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si(?=[\s/>])")
_XLSX_REFERENCE = re.compile(rb"""(?:^|\s)r\s*=\s*["']([A-Za-z]*)([0-9]*)["']""")


def _byte_set(characters: bytes) -> np.ndarray:
    """A table saying of every byte at once whether it is one of these."""
    table = np.zeros(256, dtype=bool)
    table[np.frombuffer(characters, dtype=np.uint8)] = True
    return table


# A cell's position as spreadsheet programs write it, <c r="B7">: the tag's name followed by one of these, then
# this opening, at most three letters and seven digits, a closing quote and again one of these.
_AFTER_A_NAME = _byte_set(b" \t\n\r\f\v/>")
_POSITION_OPENING = np.frombuffer(b' r="', dtype=np.uint8)
_POSITION_BYTES = 12
_PADDING = bytes(len(_POSITION_OPENING) + _POSITION_BYTES + 4)  # so that a tag at a piece's end reads as cut off
_LETTER = _byte_set(string.ascii_uppercase.encode())
_DIGIT = _byte_set(string.digits.encode())
# The reader knows these elements by their usual prefix only (a sheet written as <t:table> is not read at all).
_ODS_ELEMENT = re.compile(rb"<(/?)table:(table|table-row|table-cell|covered-table-cell)(?=[\s/>])([^>]*)>")
_ODS_REPEAT = re.compile(rb"""table:number-(?:rows|columns)-repeated\s*=\s*["']([0-9]+)["']""")
_ODS_VALUE = re.compile(rb"office:value-type\s*=")


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


def _cells_held(rows: set[int], columns: set[int], cells: int) -> int:
    """The grid from the first cell to the last, or the cells as written where there are more: the reader holds
    every one it reads before it builds the grid, so one position written 90 million times takes gigabytes."""
    grid = (max(rows) - min(rows) + 1) * (max(columns) - min(columns) + 1) if rows and columns else 0
    return max(grid, cells)


def _tags_opening(text: np.ndarray, length: int, opening: bytes) -> np.ndarray:
    """Where a tag whose name is as given opens ("<c"; ":si" after a prefix), in the first length bytes."""
    found = np.flatnonzero((text[:length] == opening[0]) & (text[1 : length + 1] == opening[1]))
    for offset in range(2, len(opening)):
        found = found[text[found + offset] == opening[offset]]
    return found[_AFTER_A_NAME[text[found + len(opening)]]]


def _cell_positions(text: np.ndarray, tags: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """The rows and columns of these cells, all at once (a sheet holds millions), where every one opens with its
    position as spreadsheet programs write it; None where one does not."""
    opening = tags + 2
    for expected in _POSITION_OPENING:
        if not (text[opening] == expected).all():
            return None
        opening += 1
    letters, digits, column, row = (np.zeros(len(tags), dtype=np.int64) for _ in range(4))
    in_letters, in_letters_or_digits = np.ones(len(tags), dtype=bool), np.ones(len(tags), dtype=bool)
    for byte in text[opening + np.arange(_POSITION_BYTES)[:, None]]:
        in_letters &= _LETTER[byte]
        in_letters_or_digits &= in_letters | _DIGIT[byte]
        in_digits = in_letters_or_digits & ~in_letters
        column = np.where(in_letters, column * 26 + byte - (ord("A") - 1), column)
        row = np.where(in_digits, row * 10 + byte - ord("0"), row)
        letters += in_letters
        digits += in_digits
        if not in_letters_or_digits.any():
            break
    end = opening + letters + digits
    closed = (text[end] == ord('"')) & _AFTER_A_NAME[text[end + 1]]
    if not ((letters >= 1) & (letters <= 3) & (digits >= 1) & (digits <= 7) & closed).all():
        return None
    return row, column


def _shared_texts(piece: bytes) -> int:
    """The shared texts that open in the piece (<si>, perhaps with a prefix): the reader holds them all, and a
    250 KB workbook can list ten million."""
    return len(_XLSX_SHARED_TEXT.findall(piece))


def _xlsx_plain_cells(stream) -> tuple[int, int] | None:
    """The cells and shared texts held, where every cell opens with its position as spreadsheet programs write it
    and no tag that matters has a prefix; None otherwise. Read with numpy, which lets other threads run."""
    rows, columns, cells, texts = set(), set(), 0, 0
    for piece in _pieces(stream):
        text = np.frombuffer(piece + _PADDING, dtype=np.uint8)
        if len(_tags_opening(text, len(piece), b":c")) or len(_tags_opening(text, len(piece), b":si")):
            return None
        found = _cell_positions(text, _tags_opening(text, len(piece), b"<c"))
        if found is None:
            return None
        for kept, numbers in zip((rows, columns), found, strict=True):
            kept.update({int(numbers.min()), int(numbers.max())} if len(numbers) else set())
        cells += len(found[0])
        texts += len(_tags_opening(text, len(piece), b"<si"))
    return _cells_held(rows, columns, cells), texts


def _xlsx_any_cells(stream) -> tuple[int, int]:
    """The cells and shared texts held of a part written any way the reader accepts: tag by tag, following rows
    and columns."""
    rows, columns, cells, texts = set(), set(), 0, 0
    row = column = 0
    for piece in _pieces(stream):
        texts += _shared_texts(piece)
        for tag, attributes in _XLSX_ROW_OR_CELL.findall(piece):
            reference = _XLSX_REFERENCE.search(attributes)
            letters, digits = reference.groups() if reference else (b"", b"")
            if tag == b"row":
                row, column = (int(digits) if digits else row + 1), 0
                continue
            column = _column_number(letters.upper()) if letters else column + 1
            rows.add(int(digits) if digits else row)
            columns.add(column)
            cells += 1
    return _cells_held(rows, columns, cells), texts


def _xlsx_part_holds(archive: zipfile.ZipFile, name: str) -> tuple[int, int]:
    """The cells and shared texts the reader would hold for this part, read quickly where the part allows it."""
    with archive.open(name) as part:
        held = _xlsx_plain_cells(part)
    if held is None:
        with archive.open(name) as part:
            held = _xlsx_any_cells(part)
    return held


def _ods_cells(stream) -> int:
    """The largest grid the reader would build: a sheet's rows and columns up to the last holding a value, each
    counted as often as it is repeated, empty ones included (a 1 KB sheet of empty cells repeated before a value
    took 5 GB). A table inside a table is counted as part of the one around it."""
    largest = depth = rows = columns = last_row = last_column = 0
    for piece in _pieces(stream):
        for closing, element, attributes in _ODS_ELEMENT.findall(piece):
            if element == b"table":
                if closing:
                    depth = max(depth - 1, 0)
                elif not attributes.endswith(b"/"):
                    depth += 1
                    if depth == 1:
                        largest = max(largest, last_row * last_column)
                        rows = columns = last_row = last_column = 0
                continue
            if closing:
                continue
            repeated = _ODS_REPEAT.search(attributes)
            repeat = int(repeated.group(1)) if repeated else 1
            if element == b"table-row":
                rows, columns = rows + repeat, 0
                continue
            columns += repeat
            if _ODS_VALUE.search(attributes):
                last_row, last_column = rows, max(last_column, columns)
    return max(largest, last_row * last_column)


@lru_cache(maxsize=8)
def _workbook_problem(path: str, _size: int, _modified: int) -> str | None:
    """What makes the workbook unsafe to read, or None. Cached: one import checks the same file often."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return (
            "this is not a whole Excel (.xlsx) or OpenDocument (.ods) workbook: it may be damaged or cut short "
            "(was it downloaded in full?)"
        )
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
                    cells, texts = _ods_cells(content), 0
            else:
                # Every part: the reader takes a sheet from wherever the workbook's relationships say, any name.
                # The parts are read side by side, the largest first: inflating and numpy let other threads run.
                parts = sorted(archive.infolist(), key=lambda member: member.file_size, reverse=True)
                with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
                    held = list(pool.map(partial(_xlsx_part_holds, archive), [part.filename for part in parts]))
                cells, texts = max((cells for cells, _ in held), default=0), sum(texts for _, texts in held)
        except (KeyError, zipfile.BadZipFile, OSError, EOFError) as error:
            return f"the workbook is damaged ({error})"
    if cells > MAX_CELLS:
        return f"a sheet spans {cells:,} cells; sheets over {MAX_CELLS:,} cells are not read"
    if texts > MAX_CELLS:
        return f"the workbook lists {texts:,} shared texts; workbooks listing over {MAX_CELLS:,} are not read"
    return None


def check_workbook(path: Path) -> None:
    """Refuses a workbook whose unpacked size or sheet grid would overwhelm the spreadsheet reader."""
    status = Path(path).stat()
    problem = _workbook_problem(str(path), status.st_size, status.st_mtime_ns)
    if problem is not None:
        raise DataFileError(path, problem)
