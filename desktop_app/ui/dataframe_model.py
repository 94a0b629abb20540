"""A read-only table model that is a thin window onto a DataFrame the model layer computed."""

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QGuiApplication

from desktop_app.formatting import MISSING, is_missing
from desktop_app.ui.colours import tone_colour

SORT_ROLE = Qt.ItemDataRole.UserRole
_TOP_LEVEL = QModelIndex()


@dataclass(frozen=True)
class TableColumn:
    key: str
    header: str
    formatter: Callable[[object], str] = str
    numeric: bool = False
    tooltip: str = ""
    tone: Callable[[object], str | None] | None = None


class DataFrameTableModel(QAbstractTableModel):
    """Shows formatted text, sorts on the raw value, and says why a cell is empty."""

    def __init__(
        self, columns: list[TableColumn], missing_reason: Callable[[int, str], str] | None = None, parent=None
    ):
        super().__init__(parent)
        self._columns = columns
        self._missing_reason = missing_reason
        self._frame = pd.DataFrame(columns=[column.key for column in columns])
        self._values: dict[str, object] = {}

    def set_frame(self, frame: pd.DataFrame) -> None:
        self.beginResetModel()
        self._frame = frame.reset_index(drop=True)
        self._values = {key: self._frame[key].to_numpy(dtype=object) for key in self._frame.columns}
        self.endResetModel()

    def frame(self) -> pd.DataFrame:
        return self._frame

    def column_index(self, key: str) -> int:
        return [column.key for column in self._columns].index(key)

    def rowCount(self, parent=_TOP_LEVEL) -> int:
        return 0 if parent.isValid() else len(self._frame)

    def columnCount(self, parent=_TOP_LEVEL) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def raw_value(self, row: int, key: str):
        value = self._values[key][row]
        return None if is_missing(value) else value

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        column = self._columns[index.column()]
        value = self.raw_value(index.row(), column.key)
        if role == Qt.ItemDataRole.DisplayRole:
            return MISSING if value is None else column.formatter(value)
        if role == SORT_ROLE:
            return value if value is None or isinstance(value, str) else float(value)
        if role == Qt.ItemDataRole.ToolTipRole and value is None and self._missing_reason is not None:
            return self._missing_reason(index.row(), column.key)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
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


class TableFilterProxy(QSortFilterProxyModel):
    """Sorts with missing values always last, and keeps rows that match the search text and chosen values."""

    def __init__(self, search_keys: list[str], parent=None):
        super().__init__(parent)
        self._search_keys = search_keys
        self._search_text = ""
        self._required: dict[str, str] = {}
        self.setSortRole(SORT_ROLE)

    def _table(self) -> DataFrameTableModel:
        return self.sourceModel()

    def set_search_text(self, text: str) -> None:
        self.beginFilterChange()
        self._search_text = text.strip().casefold()
        self.endFilterChange()

    def set_required(self, key: str, value: str | None) -> None:
        self.beginFilterChange()
        if value is None:
            self._required.pop(key, None)
        else:
            self._required[key] = value
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        table = self._table()
        for key, value in self._required.items():
            if table.raw_value(source_row, key) != value:
                return False
        if not self._search_text:
            return True
        return any(
            self._search_text in str(table.raw_value(source_row, key) or "").casefold() for key in self._search_keys
        )

    def lessThan(self, left, right) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if a is None or b is None:
            if a is None and b is None:
                return False
            missing_last = self.sortOrder() == Qt.SortOrder.AscendingOrder
            return (b is None) == missing_last
        if isinstance(a, str) and isinstance(b, str):
            return a.casefold() < b.casefold()
        return a < b


def visible_frame(view_model: QSortFilterProxyModel, columns: list[TableColumn]) -> pd.DataFrame:
    """The rows a user sees, in the order they see them, with raw values (numbers stay numbers)."""
    table: DataFrameTableModel = view_model.sourceModel()
    rows = [view_model.mapToSource(view_model.index(row, 0)).row() for row in range(view_model.rowCount())]
    return pd.DataFrame({column.header: [table.raw_value(row, column.key) for row in rows] for column in columns})
