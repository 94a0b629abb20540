"""Regional statistics: every area's figures for one year, sortable and filterable."""

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.formatting import (
    format_change_percent,
    format_count,
    format_percent,
    format_rate,
    format_signed_count,
)
from desktop_app.model.dataset import DataSet
from desktop_app.model.measures import NOT_PUBLISHED, OFFENCES, ONLINE_FLAGGED, STATUS_LABELS
from desktop_app.model.statistics import RATE, statistics_table
from desktop_app.model.summary import summary
from desktop_app.ui.controls import labelled_controls
from desktop_app.ui.dataframe_model import DataFrameTableModel, TableColumn, TableFilterProxy
from desktop_app.ui.selection import Selection

ALL_NATIONS = "All nations"

COLUMNS = [
    TableColumn("area", "Area"),
    TableColumn("nation", "Nation"),
    TableColumn(
        OFFENCES,
        "Offences",
        format_count,
        numeric=True,
        tooltip="Sexual offences against children (victims under 18) recorded by police",
    ),
    TableColumn("previous_offences", "Previous year", format_count, numeric=True),
    TableColumn("change", "Change", format_signed_count, numeric=True),
    TableColumn("change_percent", "Change %", format_change_percent, numeric=True),
    TableColumn(
        ONLINE_FLAGGED,
        "Flagged online",
        format_count,
        numeric=True,
        tooltip="Offences the police flagged as having an online element",
    ),
    TableColumn("online_share", "Online share", format_percent, numeric=True),
    TableColumn(
        RATE,
        "Per 1,000 children",
        format_rate,
        numeric=True,
        tooltip="Offences per 1,000 children aged 0-17, using the nearest mid-year population estimate",
    ),
    TableColumn(
        "rank_uk",
        "Rank (UK)",
        format_count,
        numeric=True,
        tooltip="Rank by offences among the UK forces with a figure this year in this data set",
    ),
    TableColumn(
        "compared_with_nation",
        "Rate vs nation",
        str,
        tooltip="Rate per 1,000 children compared with the nation's rate (within 5% is 'similar')",
    ),
]


class StatisticsTab(QWidget):
    """Shows: the statistics table for the selected year. Remembers: nothing beyond the shared selection."""

    def __init__(self, data: DataSet, selection: Selection, parent: QWidget | None = None):
        super().__init__(parent)
        self._data = data
        self._selection = selection

        self.year_box = QComboBox(accessibleName="Year")
        self.year_box.addItems(list(reversed(data.years)))
        self.nation_box = QComboBox(accessibleName="Nation filter")
        nations = sorted(data.areas.loc[data.areas["area_type"] == "nation", "area"])
        self.nation_box.addItems([ALL_NATIONS, *nations])
        self.search_box = QLineEdit(
            placeholderText="Search areas…", accessibleName="Search areas", clearButtonEnabled=True
        )

        self.table_model = DataFrameTableModel(COLUMNS, self._missing_reason, self)
        self.proxy = TableFilterProxy(["area"], self)
        self.proxy.setSourceModel(self.table_model)
        self.table = QTableView(accessibleName="Regional statistics table")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.summary_label = QLabel(wordWrap=True, accessibleName="Summary of the selected area")
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        controls = labelled_controls(("&Year:", self.year_box), ("&Nation:", self.nation_box))
        controls.addWidget(self.search_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary_label)

        self.year_box.currentTextChanged.connect(selection.set_year)
        self.nation_box.currentTextChanged.connect(self._on_nation_chosen)
        self.search_box.textChanged.connect(self.proxy.set_search_text)
        self.table.selectionModel().currentRowChanged.connect(self._on_row_selected)
        selection.year_changed.connect(self._on_year_changed)
        selection.area_changed.connect(self._on_area_changed)

        self._on_year_changed(selection.year)
        self.table.sortByColumn(self.table_model.column_index(OFFENCES), Qt.SortOrder.DescendingOrder)
        self.table.resizeColumnsToContents()

    def _missing_reason(self, row: int, key: str) -> str:
        status = self.table_model.raw_value(row, "offences_status")
        if key == OFFENCES and status:
            return STATUS_LABELS.get(status, NOT_PUBLISHED)
        if key == RATE and self.table_model.raw_value(row, OFFENCES) is not None:
            return "No child population estimate near this year for this area"
        if key == "rank_uk" and self.table_model.raw_value(row, "area_type") != "police_force":
            return "Ranks are given for police forces only"
        return NOT_PUBLISHED

    def _on_year_changed(self, year: str) -> None:
        self.year_box.setCurrentText(year)
        self.table_model.set_frame(statistics_table(self._data, year).reset_index())
        self._on_area_changed(self._selection.area)

    def _on_nation_chosen(self, nation: str) -> None:
        self.proxy.set_required("nation", None if nation == ALL_NATIONS else nation)

    def _on_row_selected(self, current, _previous) -> None:
        if current.isValid():
            row = self.proxy.mapToSource(current).row()
            self._selection.set_area(self.table_model.raw_value(row, "area"))

    def _on_area_changed(self, area: str) -> None:
        self.summary_label.setText(summary(self._data, area, self._selection.year))
        areas = list(self.table_model.frame()["area"])
        if area not in areas:
            return
        source_index = self.table_model.index(areas.index(area), 0)
        view_index = self.proxy.mapFromSource(source_index)
        if view_index.isValid() and view_index.row() != self.table.currentIndex().row():
            self.table.selectionModel().setCurrentIndex(
                view_index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            )
