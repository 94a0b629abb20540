"""Support contacts: helplines and services, with the emergency number first."""

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.factsheet.content import EMERGENCY_LINE
from desktop_app.model.dataset import DataSet
from desktop_app.ui.controls import NoMatchNotice, labelled_controls, refill
from desktop_app.ui.dataframe_model import DataFrameTableModel, TableColumn
from desktop_app.ui.links import open_listed_link
from desktop_app.ui.selection import Selection

ALL_NATIONS = "All nations"
UK_WIDE = "UK"

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
    """Shows: the support services for the chosen nation (following the selected area by default)."""

    def __init__(self, selection: Selection, parent: QWidget | None = None):
        super().__init__(parent)
        self._selection = selection
        self.emergency_label = QLabel(EMERGENCY_LINE, objectName="emergencyLine", accessibleName="Emergency advice")
        self.nation_box = QComboBox(accessibleName="Show services for")
        self.search_box = QLineEdit(
            placeholderText="Search services…", accessibleName="Search services", clearButtonEnabled=True
        )
        self.table_model = DataFrameTableModel(
            COLUMNS, parent=self, search_keys=["service", "for_whom", "phone", "online"]
        )
        self.proxy = self.table_model  # the rows as shown: filtered inside the model
        self.table = QTableView(accessibleName="Support contacts table")
        self.table.setModel(self.table_model)
        self.table.setWordWrap(True)
        self.table.setTabKeyNavigation(False)  # Tab moves on to the buttons instead of along the cells
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self._on_release_changed(selection.data)
        self._fit_columns_to_the_window()
        self.copy_button = QPushButton("Cop&y number", accessibleName="Copy the selected service's number")
        self.website_button = QPushButton("Open &website", accessibleName="Open the selected service's website")
        note = QLabel(
            "Numbers and hours were checked against each service's published pages; hours change, so check the "
            "website before relying on them.",
            wordWrap=True,
        )

        self.no_match = NoMatchNotice(
            "service", "Search looks at names, who each service is for, numbers and online ways."
        )
        controls = labelled_controls(("Sh&ow services for:", self.nation_box))
        controls.addWidget(self.search_box, 1)
        controls.addWidget(self.copy_button)
        controls.addWidget(self.website_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.emergency_label)
        layout.addLayout(controls)
        layout.addWidget(self.no_match)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)

        self.nation_box.currentTextChanged.connect(self._on_nation_chosen)
        self.search_box.textChanged.connect(self._on_search_changed)
        self.copy_button.clicked.connect(self.copy_number)
        self.website_button.clicked.connect(self.open_website)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        selection.area_changed.connect(self._follow_area)
        selection.release_changed.connect(self._on_release_changed)
        self._update_buttons()

    def _fit_columns_to_the_window(self) -> None:
        """Every column fits the window's width (down to 1024 pixels) and long text wraps onto more lines, so the
        hours and websites are never cut off at the right."""
        header = self.table.horizontalHeader()
        modes = {"phone": QHeaderView.ResizeMode.ResizeToContents, "nations": QHeaderView.ResizeMode.ResizeToContents}
        for index, column in enumerate(COLUMNS):
            header.setSectionResizeMode(index, modes.get(column.key, QHeaderView.ResizeMode.Stretch))
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def _on_search_changed(self, text: str) -> None:
        self.table_model.set_search_text(text)
        self.no_match.show_for(text, self.table_model.rowCount())

    @property
    def _data(self) -> DataSet:
        return self._selection.data

    def _on_release_changed(self, data: DataSet) -> None:
        """Rebinds to the release now shown: its services and nations, following the selected area."""
        self.table_model.set_frame(data.support_contacts.replace("", None))
        refill(self.nation_box, [ALL_NATIONS, *data.nations], self.nation_box.currentText())
        self._follow_area(self._selection.area)
        self._on_nation_chosen(self.nation_box.currentText())

    def _follow_area(self, area: str) -> None:
        nation = self._data.area_row(area)["nation"] if area in self._data.area_names else ""
        self.nation_box.setCurrentText(nation if nation else ALL_NATIONS)

    def _on_nation_chosen(self, nation: str) -> None:
        covers = None if nation == ALL_NATIONS else nation
        self.table_model.set_row_condition(
            "nations",
            None if covers is None else lambda column: column.fillna("").str.contains(f"{UK_WIDE}|{covers}").to_numpy(),
        )
        self.table.resizeRowsToContents()

    def _selected(self, key: str) -> str | None:
        current = self.table.currentIndex()
        if not current.isValid():
            return None
        return self.table_model.raw_value(current.row(), key)

    def _update_buttons(self, *_arguments) -> None:
        self.copy_button.setEnabled(bool(self._selected("phone")))
        self.website_button.setEnabled(bool(self._selected("website")))

    def copy_number(self) -> None:
        phone = self._selected("phone")
        if phone:
            QGuiApplication.clipboard().setText(phone)

    def open_website(self) -> bool | QMessageBox | None:
        """The selected service's website in the user's browser; with none, a message with the address."""
        website = self._selected("website")
        return open_listed_link(self, website, set(self._data.support_contacts["website"])) if website else None
