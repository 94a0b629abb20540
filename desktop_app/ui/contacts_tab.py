"""Support contacts: helplines and services, with the emergency number first."""

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from desktop_app.model.dataset import DataSet
from desktop_app.ui.dataframe_model import DataFrameTableModel, TableColumn

EMERGENCY_LINE = "If a child is in immediate danger, call 999."

COLUMNS = [
    TableColumn("service", "Service"),
    TableColumn("phone", "Phone"),
    TableColumn("for_whom", "Who it is for"),
    TableColumn("online", "Online or text"),
    TableColumn("hours", "Hours"),
    TableColumn("nations", "Covers"),
    TableColumn("website", "Website"),
]


class ContactsTab(QWidget):
    """Shows: every support service in the data set. Remembers: nothing."""

    def __init__(self, data: DataSet, parent: QWidget | None = None):
        super().__init__(parent)
        self.emergency_label = QLabel(EMERGENCY_LINE, objectName="emergencyLine", accessibleName="Emergency advice")
        self.table_model = DataFrameTableModel(COLUMNS, parent=self)
        self.table_model.set_frame(data.support_contacts.replace("", None))
        self.table = QTableView(accessibleName="Support contacts table")
        self.table.setModel(self.table_model)
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.resizeColumnsToContents()
        for key, width in (("for_whom", 320), ("online", 220), ("hours", 220)):
            self.table.setColumnWidth(self.table_model.column_index(key), width)
        self.table.resizeRowsToContents()
        sources_note = QLabel(
            "Numbers and hours were checked against each service's published pages; "
            "hours change, so check the website before relying on them.",
            wordWrap=True,
        )

        layout = QVBoxLayout(self)
        layout.addWidget(self.emergency_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(sources_note)
