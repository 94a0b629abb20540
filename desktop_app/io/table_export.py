"""Saving tables as CSV and Excel, safe to open in a spreadsheet program.

A text cell that starts with =, +, -, @, a tab or a carriage return could run as
a formula when opened; such cells get a leading apostrophe, the usual guard.
Numbers are written as numbers and missing figures as empty cells.
"""

import csv
import zipfile
from pathlib import Path

import pandas as pd

from desktop_app.io.atomic import atomic_path

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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


def write_csv(frame: pd.DataFrame, path: Path, stamp: str = "") -> None:
    """Text is quoted (so a line break inside a cell cannot split a row); numbers are not.

    The stamp, if given, follows the table after one empty line, so the file says where it came from.
    """
    with atomic_path(path) as temporary:
        safe = defuse_formulas(_whole_numbers_as_integers(frame))
        safe.to_csv(temporary, index=False, encoding="utf-8-sig", quoting=csv.QUOTE_NONNUMERIC)
        if stamp:
            with open(temporary, "a", encoding="utf-8", newline="") as stamped:
                csv.writer(stamped, quoting=csv.QUOTE_ALL).writerows([[], [stamp]])


def verify_excel(path: Path) -> bool:
    """An Excel file is a zip archive: every member must read back with its checksum."""
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.testzip() is None
    except (zipfile.BadZipFile, OSError):
        return False


def write_excel(sheets: dict[str, pd.DataFrame], path: Path) -> None:
    # The file is opened here so that it is closed even when the spreadsheet library fails while saving.
    with atomic_path(path, verify_excel) as temporary, open(temporary, "wb") as handle:
        with pd.ExcelWriter(handle, engine="openpyxl") as writer:
            for name, frame in sheets.items():
                defuse_formulas(frame).to_excel(writer, sheet_name=name[:31], index=False)
