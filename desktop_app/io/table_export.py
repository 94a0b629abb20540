"""Saving tables as CSV and Excel, safe to open in a spreadsheet program.

A text cell that starts with =, +, -, @, a tab or a carriage return could run as
a formula when opened; such cells get a leading apostrophe, the usual guard.
Numbers are written as numbers and missing figures as empty cells.
"""

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


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    with atomic_path(path) as temporary:
        defuse_formulas(frame).to_csv(temporary, index=False, encoding="utf-8-sig")


def write_excel(sheets: dict[str, pd.DataFrame], path: Path) -> None:
    with atomic_path(path) as temporary:
        with pd.ExcelWriter(temporary, engine="openpyxl") as writer:
            for name, frame in sheets.items():
                defuse_formulas(frame).to_excel(writer, sheet_name=name[:31], index=False)
