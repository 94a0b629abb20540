"""A read-only table model that is a thin window onto a DataFrame the model layer computed.

Sorting and filtering happen in pandas and numpy on whole columns (an argsort, a
boolean mask), not row by row through Python callbacks, so they stay quick on
a million rows. Missing values always sort last.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication

from desktop_app.formatting import MISSING, is_missing
from desktop_app.ui.colours import tone_colour

_TOP_LEVEL = QModelIndex()
_ROLES_ANSWERED = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ForegroundRole,
    }
)


@dataclass(frozen=True)
class TableColumn:
    key: str
    header: str
    formatter: Callable[[object], str] = str
    numeric: bool = False
    tooltip: str = ""
    tone: Callable[[object], str | None] | None = None
    out_of: str | None = None  # a rank's column of how many were ranked: shown as "3 of 43"


class DataFrameTableModel(QAbstractTableModel):
    """Shows formatted text, sorts on the raw values (within groups, where a ``group_key`` column numbers
    them), filters by search text and chosen values, and says why a cell is empty. Rows are addressed as the
    view shows them."""

    def __init__(
        self,
        columns: list[TableColumn],
        missing_reason: Callable[[int, str], str] | None = None,
        parent=None,
        search_keys: list[str] | None = None,
        group_key: str | None = None,
    ):
        super().__init__(parent)
        self._group_key = group_key
        self._columns = columns
        self._missing_reason = missing_reason
        self._search_keys = search_keys or []
        self._search_text = ""
        self._required: dict[str, Callable[[pd.Series], np.ndarray]] = {}
        self._sort: tuple[str, Qt.SortOrder] | None = None
        self._frame = pd.DataFrame(columns=[column.key for column in columns])
        self._values: dict[str, np.ndarray] = {}
        self._texts: dict[str, tuple[np.ndarray, pd.Series]] = {}
        self._sort_keys: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._last_search: tuple[str, dict[str, np.ndarray]] | None = None
        self._order = np.arange(0)

    # The frame and the rows shown -------------------------------------------------------------------------

    def set_frame(self, frame: pd.DataFrame) -> None:
        self.beginResetModel()
        self._frame = frame.reset_index(drop=True)
        self._values, self._texts, self._sort_keys, self._last_search = {}, {}, {}, None
        self._order = self._shown_rows()
        self.endResetModel()

    def visible_rows(self) -> pd.DataFrame:
        """The rows a user sees, in the order they see them, with every column of the frame as computed."""
        return self._frame.iloc[self._order].reset_index(drop=True)

    def _column(self, key: str) -> np.ndarray:
        """A column's values for cell look-ups; numbers stay a float array (boxing a million of them as
        Python objects took most of the first paint)."""
        if key not in self._values:
            column = self._frame[key]
            numeric = pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)
            self._values[key] = column.to_numpy(dtype=float, na_value=np.nan) if numeric else column.to_numpy(object)
        return self._values[key]

    def _text_codes(self, key: str) -> tuple[np.ndarray, pd.Series]:
        """A column as codes into its distinct values, case-folded; worked out once per frame. Searching and
        sorting then look at each distinct value once, not at every row: big tables repeat their names."""
        if key not in self._texts:
            codes, distinct = pd.factorize(self._frame[key].fillna("").astype(str))
            self._texts[key] = (codes, pd.Series(distinct, dtype=object).str.casefold())
        return self._texts[key]

    def _sort_key(self, key: str) -> tuple[np.ndarray, np.ndarray]:
        """Numbers, or text as ranks (case ignored), and where values are missing; worked out once per frame."""
        if key not in self._sort_keys:
            column = self._frame[key]
            missing = column.isna().to_numpy()
            if pd.api.types.is_numeric_dtype(column):
                keys = column.to_numpy(dtype=float)
            else:
                codes, folded = self._text_codes(key)
                keys = pd.factorize(folded, sort=True)[0][codes]
            self._sort_keys[key] = (keys, missing)
        return self._sort_keys[key]

    def _matching(self, folded: str) -> np.ndarray:
        """Rows containing the search text. Typing on narrows the last result instead of searching again."""
        narrowing = self._last_search is not None and folded.startswith(self._last_search[0])
        found = np.zeros(len(self._frame), dtype=bool)
        hits_by_key = {}
        for key in self._search_keys:
            codes, distinct = self._text_codes(key)
            candidates = np.flatnonzero(self._last_search[1][key]) if narrowing else np.arange(len(distinct))
            hits = np.zeros(len(distinct), dtype=bool)
            hits[candidates[distinct.iloc[candidates].str.contains(folded, regex=False).to_numpy()]] = True
            hits_by_key[key] = hits
            found |= hits[codes]
        self._last_search = (folded, hits_by_key)
        return found

    def _shown_rows(self) -> np.ndarray:
        rows = np.arange(len(self._frame))
        if not len(rows):
            return rows
        mask = np.ones(len(rows), dtype=bool)
        folded = self._search_text.strip().casefold()
        if folded:
            mask &= self._matching(folded)
        for key, keep in self._required.items():
            mask &= keep(self._frame[key])
        rows = rows[mask]
        if self._sort is None:
            return rows
        key, order = self._sort
        keys, missing = self._sort_key(key)
        present = rows[~missing[rows]]
        ranked = present[np.argsort(keys[present], kind="stable")]
        if order == Qt.SortOrder.DescendingOrder:
            ranked = ranked[::-1]
        rows = np.concatenate([ranked, rows[missing[rows]]])
        if self._group_key is not None:  # groups keep their order; sorting happens within each
            rows = rows[np.argsort(self._column(self._group_key)[rows], kind="stable")]
        return rows

    def _refresh(self) -> None:
        """Recomputes the rows shown, keeping selections and the current cell on the same data rows."""
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        data_rows = [self._order[index.row()] if index.row() < len(self._order) else -1 for index in persistent]
        self._order = self._shown_rows()
        position = np.full(len(self._frame), -1)
        position[self._order] = np.arange(len(self._order))
        moved = [
            self.index(int(position[row]), index.column()) if row >= 0 and position[row] >= 0 else QModelIndex()
            for index, row in zip(persistent, data_rows, strict=True)
        ]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def set_search_text(self, text: str) -> None:
        self._search_text = text
        self._refresh()

    def set_required(self, key: str, value: str | None) -> None:
        """Keeps only rows whose ``key`` equals ``value``; None removes the condition."""
        self.set_row_condition(key, None if value is None else (lambda column: (column == value).to_numpy()))

    def set_row_condition(self, key: str, keep: Callable[[pd.Series], np.ndarray] | None) -> None:
        if keep is None:
            self._required.pop(key, None)
        else:
            self._required[key] = keep
        self._refresh()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        wanted = (self._columns[column].key, order)
        if wanted != self._sort:  # the header asks twice for one click
            self._sort = wanted
            self._refresh()

    def has_values(self, key: str) -> bool:
        """Whether any row, shown or not, has a value in this column."""
        return key in self._frame and bool(self._frame[key].notna().any())

    def row_of(self, key: str, value) -> int | None:
        """The shown row holding ``value`` in column ``key``, or None if it is filtered out."""
        matches = np.flatnonzero(self._column(key)[self._order] == value)
        return int(matches[0]) if len(matches) else None

    # What Qt asks ----------------------------------------------------------------------------------------

    def column_index(self, key: str) -> int:
        return [column.key for column in self._columns].index(key)

    def rowCount(self, parent=_TOP_LEVEL) -> int:
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent=_TOP_LEVEL) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def raw_value(self, row: int, key: str):
        value = self._column(key)[self._order[row]]
        return None if is_missing(value) else value

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        # A view asks for a dozen roles a cell; fitting the columns asks them of every cell, so the roles
        # answered here are told apart before the value is looked up.
        if not index.isValid() or role not in _ROLES_ANSWERED:
            return None
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter) if column.numeric else None
        value = self.raw_value(index.row(), column.key)
        if role == Qt.ItemDataRole.DisplayRole:
            if value is None:
                return MISSING
            if column.out_of is not None:
                return f"{column.formatter(value)} of {column.formatter(self.raw_value(index.row(), column.out_of))}"
            return column.formatter(value)
        if role == Qt.ItemDataRole.ToolTipRole and value is None and self._missing_reason is not None:
            return self._missing_reason(index.row(), column.key)
        if role == Qt.ItemDataRole.ForegroundRole and column.tone is not None and value is not None:
            return tone_colour(column.tone(value), QGuiApplication.palette())
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header
        if role == Qt.ItemDataRole.ToolTipRole and self._columns[section].tooltip:
            return self._columns[section].tooltip
        return None
