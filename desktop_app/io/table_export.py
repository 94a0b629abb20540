"""Saving tables as CSV and Excel, safe to open in a spreadsheet program and readable with no options.

A text cell that starts with =, +, -, @, a tab or a carriage return could run as
a formula when opened; such cells get a leading apostrophe, the usual guard.
Numbers are written as numbers, one unit per column (stated in its heading), and missing figures as empty
cells. Nothing follows the data rows: where the table came from goes in a small text file beside it.
"""

import csv
import textwrap
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

import pandas as pd

from desktop_app.formatting import round_half_up
from desktop_app.io.atomic import atomic_path

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PER_CENT_HEADING = " (%)"
OUT_OF_HEADING = ": out of, with a figure in this data set"  # who is missing is said in the summary
SOURCE_HEADING = ": source"
ABOUT_SUFFIX = ".about.txt"
WIDEST_COLUMN_CHARACTERS = 60
PROSE_COLUMN_CHARACTERS = 90
PROSE_LINE_POINTS = 15  # a line of the default 11-point type, with its spacing
ABOUT_SHEET, ABOUT_HEADING = "About", "About this file"


class Unit(Enum):
    """What a column holds. Per cents and shares (0.083) are both written as per cent numbers (8.3)."""

    COUNT = "count"
    PER_CENT = "per cent"
    SHARE = "share"
    RATE = "rate"
    TEXT = "text"


@dataclass(frozen=True)
class SheetColumn:
    """A column as a spreadsheet holds it: the table's key, the heading and the unit, and for a rank the
    column of how many were ranked (written as its own number, so both can be sorted on)."""

    key: str
    header: str
    unit: Unit = Unit.TEXT
    decimals: int = 0
    out_of: str | None = None


def spreadsheet_table(
    rows: pd.DataFrame,
    columns: list[SheetColumn],
    sources: Callable[[str], pd.Series | None] | None = None,
    why_empty: Callable[[int, str], str] | None = None,
) -> pd.DataFrame:
    """The rows in numbers a spreadsheet can compute with, rounded as the screen shows them. With ``sources``
    (a column's key -> each row's source in words, or None), each figure has its source in the column beside it,
    and an empty cell, which has none, says there why it is empty (``why_empty``: row position, key -> reason)."""
    table: dict[str, pd.Series] = {}
    for column in columns:
        values = rows[column.key].reset_index(drop=True)
        header = column.header
        if column.unit == Unit.TEXT:
            table[header] = values.astype(object).where(values.notna(), None)
        else:
            scale = 100 if column.unit == Unit.SHARE else 1
            if column.unit in (Unit.PER_CENT, Unit.SHARE):
                header = header.removesuffix("%").rstrip() + PER_CENT_HEADING
            table[header] = _rounded(values * scale, column.decimals)
        if column.out_of is not None:
            table[header + OUT_OF_HEADING] = _rounded(rows[column.out_of].reset_index(drop=True), 0)
        cited = sources(column.key) if sources is not None else None
        if cited is not None:  # a source beside a figure, never beside an empty cell
            beside = cited.reset_index(drop=True).where(values.notna(), None)
            if why_empty is not None:
                beside[values.isna()] = [why_empty(row, column.key) for row in values.index[values.isna()]]
            table[header + SOURCE_HEADING] = beside
    return pd.DataFrame(table)


def _rounded(values: pd.Series, decimals: int) -> pd.Series:
    """Halves up, as on screen; whole numbers become integers so that 2202 is not written 2202.0."""
    numbers = pd.to_numeric(values, errors="coerce")
    rounded = numbers.map(lambda value: round_half_up(value, decimals), na_action="ignore").astype(float)
    return rounded.astype("Int64") if decimals == 0 else rounded


def defuse_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(
                lambda value: "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value
            )
    safe.columns = [("'" + name if str(name).startswith(FORMULA_STARTS) else name) for name in safe.columns]
    return safe


def _whole_numbers_as_integers(frame: pd.DataFrame) -> pd.DataFrame:
    """Counts held as floats (because of gaps) are written 2202, not 2202.0."""
    tidy = frame.copy()
    for column in tidy.columns:
        values = tidy[column]
        if pd.api.types.is_float_dtype(values) and (values.dropna() % 1 == 0).all():
            tidy[column] = values.astype("Int64")
    return tidy


def about_path(path: Path) -> Path:
    """The text file beside an export that says where it came from: table.csv -> table.csv.about.txt. Named
    after the whole name, so that table.png exported later does not replace the sources of table.csv."""
    return path.with_name(path.name + ABOUT_SUFFIX)


def write_about(path: Path, about: str) -> None:
    """Where the export came from, in a text file beside it, written as atomically as the export."""
    with atomic_path(about_path(path)) as temporary:
        temporary.write_text(about.rstrip() + "\n", encoding="utf-8")


def csv_encoding_for(text: str) -> str:
    """UTF-8, with the byte-order mark Excel needs to read accents only where there are any: LibreOffice, when
    converting from the command line, reads the mark as three stray characters before the first heading."""
    return "utf-8" if text.isascii() else "utf-8-sig"


def write_csv(frame: pd.DataFrame, path: Path, about: str = "") -> None:
    """Text is quoted (so a line break inside a cell cannot split a row); numbers are not.

    ``about`` (the stamp and sources), if given, goes in the text file beside the table (see ``about_path``),
    so the table itself ends with its last row and reads with no options.
    """
    safe = defuse_formulas(_whole_numbers_as_integers(frame))
    text = safe.to_csv(index=False, quoting=csv.QUOTE_NONNUMERIC)
    with atomic_path(path) as temporary:
        Path(temporary).write_text(text, encoding=csv_encoding_for(text), newline="")
    if about:
        write_about(path, about)


def verify_excel(path: Path) -> bool:
    """An Excel file is a zip archive: every member must read back with its checksum."""
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.testzip() is None
    except (zipfile.BadZipFile, OSError):
        return False


def number_format(header: str, values: pd.Series) -> str | None:
    """Thousands separators for counts, a per cent sign for per cents, and rates to the places they hold."""
    if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
        return None
    if header.endswith(PER_CENT_HEADING):
        return '0.0"%"'
    if pd.api.types.is_integer_dtype(values):
        return "#,##0"
    places = 2 if ((values.dropna() * 10) % 1).abs().gt(1e-9).any() else 1
    return "#,##0." + "0" * places


def _shown_width(header: str, values: pd.Series, format_code: str | None) -> int:
    """Characters the widest cell needs as the spreadsheet shows it, heading included."""
    if format_code is None:
        texts = values.dropna().astype(str)
    else:
        places = format_code.split(".")[1].count("0") if "." in format_code else 0
        sign = "%" if "%" in format_code else ""
        texts = values.dropna().map(lambda value: f"{value:,.{places}f}{sign}")
    widest = max([len(header), *(len(text) for text in texts)])
    return min(widest + 2, WIDEST_COLUMN_CHARACTERS)


def _bold(headings) -> None:
    """pandas writes headings in the body's plain type, so a heading row looked like one more row of figures."""
    from openpyxl.styles import Font

    for cell in headings:
        cell.font = Font(bold=True)


def _lay_out_prose(sheet) -> None:
    """Sentences wrapped at a readable width, with nothing to filter or keep in view. Each row is given the
    height its lines need: LibreOffice keeps a wrapped cell one line high and draws it over the next."""
    from openpyxl.styles import Alignment

    sheet.column_dimensions["A"].width = PROSE_COLUMN_CHARACTERS
    _bold(sheet[1])
    for (cell,) in sheet.iter_rows(min_row=2, max_col=1):
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        lines = len(textwrap.wrap(str(cell.value or ""), PROSE_COLUMN_CHARACTERS)) or 1
        sheet.row_dimensions[cell.row].height = lines * PROSE_LINE_POINTS
    # Landscape, as the figures print: upright, LibreOffice's wider type ran the lines off the page.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4


def _lay_out(sheet, frame: pd.DataFrame, wrapped: bool) -> None:
    """Number formats, widths that fit, the heading frozen with the first column, and a filter on every column.
    In a list to read (``wrapped``), text wider than a column may be wraps in it, each row as tall as its longest
    text needs: the next cell hid the rest of it on screen, and LibreOffice cut it off in print. A table of
    figures keeps a line a row, to scan and to print in a few pages."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    _bold(sheet[1])
    lines_of_row: dict[int, int] = {}
    for position, header in enumerate(frame.columns, start=1):
        letter = get_column_letter(position)
        format_code = number_format(str(header), frame[header])
        cells = [cell for (cell,) in sheet.iter_rows(min_row=2, min_col=position, max_col=position)]
        if format_code is not None:
            for cell in cells:
                cell.number_format = format_code
        width = _shown_width(str(header), frame[header], format_code)
        sheet.column_dimensions[letter].width = width
        for cell in cells if wrapped else []:  # each row's cells read from its top line
            text = "" if format_code is not None else str(cell.value or "")  # numbers are never wrapped
            lines = len(textwrap.wrap(text, width - 2)) or 1
            cell.alignment = Alignment(wrap_text=lines > 1, vertical="top")
            lines_of_row[cell.row] = max(lines_of_row.get(cell.row, 1), lines)
    for row, lines in lines_of_row.items():
        sheet.row_dimensions[row].height = lines * PROSE_LINE_POINTS
    sheet.freeze_panes = "B2"
    if len(frame.columns):
        sheet.auto_filter.ref = sheet.dimensions
    # Printed: landscape A4 at full size (one page's width would shrink the figures and their sources past
    # reading), with the heading and the area repeated on every page so each page can be read alone.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.print_title_rows, sheet.print_title_cols = "1:1", "A:A"


def write_excel(
    sheets: dict[str, pd.DataFrame], path: Path, about: list[str] | None = None, wrapped: Iterable[str] = ()
) -> None:
    """The tables, one a sheet, then, if given, a last sheet "About" of sentences saying where the file came from.
    The sheets named in ``wrapped`` are lists to read, whose long texts wrap."""
    # The file is opened here so that it is closed even when the spreadsheet library fails while saving.
    with atomic_path(path, verify_excel) as temporary, open(temporary, "wb") as handle:
        with pd.ExcelWriter(handle, engine="openpyxl") as writer:
            for name, frame in sheets.items():
                safe = defuse_formulas(frame)
                safe.to_excel(writer, sheet_name=name[:31], index=False)
                _lay_out(writer.sheets[name[:31]], safe, name in wrapped)
            if about:
                prose = defuse_formulas(pd.DataFrame({ABOUT_HEADING: about}))
                prose.to_excel(writer, sheet_name=ABOUT_SHEET, index=False)
                _lay_out_prose(writer.sheets[ABOUT_SHEET])
