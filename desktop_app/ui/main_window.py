"""The main window: three tabs over one data set and one shared selection."""

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox, QTabWidget

from desktop_app import __version__
from desktop_app.model.dataset import DataSet
from desktop_app.ui.contacts_tab import ContactsTab
from desktop_app.ui.factsheet_actions import FactSheetActions
from desktop_app.ui.selection import Selection
from desktop_app.ui.statistics_tab import StatisticsTab
from desktop_app.ui.trends_tab import TrendsTab

DEFAULT_AREA = "United Kingdom"


class MainWindow(QMainWindow):
    """Remembers: window geometry, the open tab and the selected area and year (QSettings)."""

    def __init__(self, data: DataSet, settings: QSettings | None = None):
        super().__init__()
        self._data = data
        self._settings = settings or QSettings()
        area = self._remembered("selection/area", DEFAULT_AREA, data.area_names)
        year = self._remembered("selection/year", data.years[-1], data.years)
        self.selection = Selection(area, year, self)

        self.setWindowTitle("Fact Sheets")
        self.tabs = QTabWidget(documentMode=True)
        self.statistics_tab = StatisticsTab(data, self.selection)
        self.trends_tab = TrendsTab(data, self.selection)
        self.contacts_tab = ContactsTab(data)
        self.tabs.addTab(self.statistics_tab, "Regional &statistics")
        self.tabs.addTab(self.trends_tab, "&Trend graphs")
        self.tabs.addTab(self.contacts_tab, "Support &contacts")
        self.setCentralWidget(self.tabs)
        self._build_menus()
        self.statusBar().showMessage(self._status_text())
        self.resize(1200, 760)
        self._restore_state()

    def _remembered(self, key: str, default: str, allowed: list[str]) -> str:
        value = self._settings.value(key, default)
        return value if value in allowed else default

    def _status_text(self) -> str:
        published = self._data.figures["value"].notna().sum()
        years = f"{self._data.years[0]} to {self._data.years[-1]}"
        return f"Data: {self._data.name} · {published:,} published figures · {years}"

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.factsheet_actions = FactSheetActions(self._data, self.selection, self._settings, self)
        file_menu.addActions(self.factsheet_actions.actions())
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self, shortcut=QKeySequence.StandardKey.Quit, triggered=self.close)
        file_menu.addAction(quit_action)
        view_menu = self.menuBar().addMenu("&View")
        for number, name in enumerate(("Regional statistics", "Trend graphs", "Support contacts")):
            action = QAction(name, self, shortcut=QKeySequence(f"Ctrl+{number + 1}"))
            action.triggered.connect(lambda _checked=False, index=number: self.tabs.setCurrentIndex(index))
            view_menu.addAction(action)
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(QAction("&About Fact Sheets", self, triggered=self._show_about))

    def _show_about(self) -> None:
        QMessageBox.about(
            self,
            "About Fact Sheets",
            f"<p><b>Fact Sheets {__version__}</b></p>"
            "<p>Police-recorded sexual offences against children (victims under 18), by police force area and nation. "
            "Recorded crime shows what was reported to and recorded by the police, not how much abuse happens.</p>"
            "<p>Every figure comes from a published source, listed with the data.</p>",
        )

    def _restore_state(self) -> None:
        geometry = self._settings.value("window/geometry")
        if geometry is not None and not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            self._settings.remove("window/geometry")
        tab = self._settings.value("window/tab", 0)
        try:
            self.tabs.setCurrentIndex(int(tab))
        except (TypeError, ValueError):
            self._settings.remove("window/tab")

    def closeEvent(self, event) -> None:
        self._settings.setValue("window/geometry", self.saveGeometry())
        self._settings.setValue("window/tab", self.tabs.currentIndex())
        self._settings.setValue("selection/area", self.selection.area)
        self._settings.setValue("selection/year", self.selection.year)
        super().closeEvent(event)
