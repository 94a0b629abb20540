"""The main window: three tabs over one data set and one shared selection."""

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTemporaryDir
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
)

from desktop_app import __version__
from desktop_app.formatting import counted, format_count
from desktop_app.io.atomic import stale_parts_notice
from desktop_app.io.dataset_files import load_dataset
from desktop_app.io.errors import DataFileError
from desktop_app.io.importers import what_changed
from desktop_app.io.table_export import about_path
from desktop_app.model.citation import citable_summary
from desktop_app.model.coverage import describe
from desktop_app.model.dataset import UNITED_KINGDOM, DataSet, newest_publication
from desktop_app.model.details import changes_in_words
from desktop_app.ui import saved_views
from desktop_app.ui.chart_measures import BOTH_SERIES, PLOTTED_MEASURES
from desktop_app.ui.compare_tab import CompareTab
from desktop_app.ui.contacts_tab import ContactsTab
from desktop_app.ui.dataframe_model import DataFrameTableModel, TableColumn
from desktop_app.ui.factsheet_actions import FactSheetActions
from desktop_app.ui.import_actions import ImportActions
from desktop_app.ui.lazy_tabs import TabsBuiltWhenShown
from desktop_app.ui.messages import inform, long_text_dialog, warn
from desktop_app.ui.remembered_settings import CheckedSettings, open_settings, remember_folder, remembered_folder
from desktop_app.ui.selection import Selection
from desktop_app.ui.statistics_tab import StatisticsTab
from desktop_app.ui.window_placement import GEOMETRY_KEY, place_window

DEFAULT_AREA = UNITED_KINGDOM
EXPORT_FOLDER_KEY = "export/last_folder"
TRENDS_TAB_LABEL = "&Trend graphs"


CHANGE_COLUMNS = [
    TableColumn("area", "Area"),
    TableColumn("year", "Year"),
    TableColumn("measure", "Measure"),
    TableColumn("before", "Before", format_count, numeric=True),
    TableColumn("after", "Now", format_count, numeric=True),
    TableColumn("source", "Source of the new value"),
]


class WindowShortcutsOverTextFields(QObject):
    """Lets the window's shortcuts through while a text field has focus.

    On X11 a text field claims Ctrl+E, Ctrl+D, Ctrl+F, Ctrl+P and others for Emacs-style editing, so
    Ctrl+E did nothing while the search box had focus. Only the window's own shortcuts are let through."""

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(watched, QLineEdit)
            and watched.window() is self._window
        ):
            pressed = QKeySequence(event.keyCombination())
            return any(action.shortcut() == pressed for action in self._window.findChildren(QAction))
        return False


class MainWindow(QMainWindow):
    """Remembers (QSettings): geometry, open tab, selected area, year and measure, column widths,
    the details splitter, and the areas ticked on the trend chart.

    Holds every release loaded this session (the shipped data first); one is shown at a time."""

    def __init__(self, data: DataSet, settings: QSettings | None = None):
        super().__init__()
        self._scratch = QTemporaryDir()
        self._settings, self._settings_notice = open_settings(self._scratch, settings)
        self._remembered = CheckedSettings(self._settings)
        self.selection = Selection(
            data,
            self._remembered.choice("selection/area", DEFAULT_AREA, data.area_names, names_in_data=True),
            self._remembered.choice("selection/year", data.latest_offences_year, data.years, names_in_data=True),
            self._remembered.choice("selection/measure", BOTH_SERIES, list(PLOTTED_MEASURES)),
            self,
        )
        self.setWindowTitle("Fact Sheets")
        self.tabs = QTabWidget(documentMode=True)
        self.setCentralWidget(self.tabs)
        self.statistics_tab = StatisticsTab(self.selection)
        self.tabs.addTab(self.statistics_tab, "Regional &statistics")
        self._trends_settings: tuple[list[str], bool] = ([], False)
        self._later_tabs = TabsBuiltWhenShown(self.tabs)
        self._later_tabs.add("trends", TRENDS_TAB_LABEL, self._build_trends_tab)
        self._later_tabs.add("contacts", "Support &contacts", lambda: ContactsTab(self.selection))
        self._later_tabs.add("compare", "Com&pare", lambda: CompareTab(self.selection))
        self.factsheet_actions = FactSheetActions(
            self.selection, self._settings, self, ticked_areas=lambda: self.trends_tab.checked_areas()
        )
        self.import_actions = ImportActions(lambda: self.data, self)
        self.import_actions.imported.connect(self.add_release)
        self.releases: list[DataSet] = [data]
        self.release_box = QComboBox(accessibleName="Data release shown")
        # As wide as the longest release's name: a file's name and its import date were cut off.
        self.release_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.release_box.addItem(data.name)
        self.release_box.currentIndexChanged.connect(self._on_release_chosen)
        toolbar = self.addToolBar("Release")
        toolbar.setObjectName("releaseToolbar")
        toolbar.addWidget(QLabel("Data &release: ", buddy=self.release_box))
        toolbar.addWidget(self.release_box)
        self.data_label = QLabel(accessibleName="Data shown", textFormat=Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self.data_label)
        # While a notice shows, it has the whole width (beside the data label it was cut off on a small screen).
        self.statusBar().messageChanged.connect(lambda message: self.data_label.setHidden(bool(message)))
        self.selection.release_changed.connect(self._show_status)
        self._show_status()
        self.setAcceptDrops(True)
        self._build_menus()
        QApplication.instance().installEventFilter(WindowShortcutsOverTextFields(self))
        self._restore_state()

    def _build_trends_tab(self):
        from desktop_app.ui.trends_tab import TrendsTab

        tab = TrendsTab(self.selection)
        ticked, comparison = self._trends_settings
        if ticked:
            tab.set_checked_areas([*ticked, self.selection.area])
        tab.comparison_box.setChecked(comparison)
        return tab

    @property
    def trends_tab(self):
        """Built the first time it is shown or used, as the support contacts and compare tabs are: the charting
        library (pyqtgraph) and the chart cost more than the rest of the window, which paints first."""
        return self._later_tabs.tab("trends")

    @property
    def contacts_tab(self) -> ContactsTab:
        return self._later_tabs.tab("contacts")

    @property
    def compare_tab(self) -> CompareTab:
        return self._later_tabs.tab("compare")

    @property
    def data(self) -> DataSet:
        return self.selection.data

    def _show_status(self) -> None:
        data = self.data
        published = data.current_figures["value"].notna().sum()  # each figure once, however often imported
        years = f"{data.years[0]} to {data.years[-1]}"
        self.data_label.setText(
            f"Data: {data.name} · {published:,} published figures, {years} · "
            f"newest release {newest_publication(data.figures)}"
        )

    def _action(self, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(self._action("&Open data folder…", self.open_data_folder, QKeySequence.StandardKey.Open))
        file_menu.addAction(self.import_actions.import_action)
        file_menu.addAction(self._action("Ope&n view…", self.open_view))
        file_menu.addAction(self._action("Save vie&w…", self.save_view))
        file_menu.addSeparator()
        file_menu.addActions(self.factsheet_actions.actions())
        export_menu = file_menu.addMenu("&Export")
        export_menu.addAction(self._action("Table as &CSV…", lambda: self._export("csv", "table"), "Ctrl+E"))
        export_menu.addAction(self._action("Table as E&xcel…", lambda: self._export("xlsx", "table")))
        export_menu.addAction(self._action("Chart as &PNG…", lambda: self._export("png", "chart")))
        export_menu.addAction(self._action("Chart as &SVG…", lambda: self._export("svg", "chart")))
        export_menu.addAction(self._action("Chart &numbers as CSV…", lambda: self._export("csv", "chart")))
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Quit", self.close, "Ctrl+Q"))

        edit_menu = self.menuBar().addMenu("&Edit")
        edit_menu.addAction(self._action("&Find", self.focus_search, QKeySequence.StandardKey.Find))
        edit_menu.addAction(self._action("&What changed in this release…", self.show_what_changed, "Ctrl+D"))
        edit_menu.addAction(self._action("&Copy summary with citation", self.copy_citation, "Ctrl+Shift+C"))

        view_menu = self.menuBar().addMenu("&View")
        for number, name in enumerate(("Regional &statistics", "&Trend graphs", "Support &contacts", "Com&pare")):
            view_menu.addAction(
                self._action(
                    name, lambda _checked=False, index=number: self.tabs.setCurrentIndex(index), f"Ctrl+{number + 1}"
                )
            )
        # Ctrl+Tab is the tab bar's own only while the focus is inside a tab: from the toolbar it did nothing.
        view_menu.addSeparator()
        view_menu.addAction(self._action("&Next tab", lambda: self._step_tab(1), QKeySequence.StandardKey.NextChild))
        view_menu.addAction(
            self._action("Pre&vious tab", lambda: self._step_tab(-1), QKeySequence.StandardKey.PreviousChild)
        )

        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(self._action("About the &data", self._show_data_description))
        help_menu.addAction(self._action("&About Fact Sheets", self._show_about))

    def _step_tab(self, step: int) -> None:
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    def focus_search(self) -> None:
        search = self.tabs.currentWidget().search_box
        search.setFocus()
        search.selectAll()

    def _export(self, extension: str, what: str) -> Path | None:
        tab = self.statistics_tab if what == "table" else self.trends_tab
        self.tabs.setCurrentWidget(tab)
        stem = (
            f"{what}-{self.selection.year.replace('/', '-')}"
            if what == "table"
            else self.trends_tab.suggested_file_stem()
        )
        folder = remembered_folder(self._settings, EXPORT_FOLDER_KEY)
        chosen, _filter = QFileDialog.getSaveFileName(
            self, f"Export {what}", str(folder / f"{stem}.{extension}"), f"{extension.upper()} (*.{extension})"
        )
        if not chosen:
            return None
        writers = {
            ("table", "csv"): self.statistics_tab.export_csv,
            ("table", "xlsx"): self.statistics_tab.export_excel,
            ("chart", "png"): self.trends_tab.export_image,
            ("chart", "svg"): self.trends_tab.export_image,
            ("chart", "csv"): self.trends_tab.export_csv,
        }
        # A name typed with another of the formats gets that format: "table.xlsx" is never written as a CSV.
        typed = Path(chosen).suffix.lower().removeprefix(".")
        extension = typed if (what, typed) in writers else extension
        path = Path(chosen).with_suffix(f".{extension}")
        notice = stale_parts_notice(path.parent)
        try:
            writers[(what, extension)](path)
        except OSError as error:
            warn(self, "Not exported", f"The {what} could not be saved.\n\n{error}")
            return None
        remember_folder(self._settings, EXPORT_FOLDER_KEY, path.parent)
        beside = (
            f"Where it came from is in {about_path(path).name} beside it. "
            if extension == "csv" or what == "chart"
            else ""
        )
        self.statusBar().showMessage(f"Exported {path}. {beside}{notice}".strip(), 8000)
        return path

    def open_data_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Open a data folder (the same files as the shipped data)")
        if folder:
            self.load_data_folder(Path(folder))

    def load_data_folder(self, folder: Path) -> bool:
        """Loads a folder in the app's own format; on any problem the data on screen stays as it was."""
        try:
            data = load_dataset(folder, f"Data folder {folder}")
        except DataFileError as error:
            warn(
                self,
                "Data not loaded",
                f"The data in {folder} could not be loaded:\n\n{error}\n\nThe data already on screen has not changed.",
            )
            return False
        self.add_release(data)
        return True

    def add_release(self, data: DataSet) -> None:
        """Keeps a newly loaded release beside the others and shows it."""
        self.releases.append(data)
        self.release_box.addItem(data.name)
        self.release_box.setCurrentIndex(len(self.releases) - 1)

    def _on_release_chosen(self, index: int) -> None:
        if 0 <= index < len(self.releases):
            self.selection.set_release(self.releases[index])

    def changes_in_shown_release(self):
        index = self.releases.index(self.data)
        return what_changed(self.releases[index - 1], self.data) if index > 0 else None

    def show_what_changed(self) -> None:
        changes = self.changes_in_shown_release()
        if changes is None:
            inform(self, "What changed", "This is the first release loaded: nothing to compare with.")
            return
        dialog = QDialog(self)
        dialog.setWindowTitle(f"What changed in {self.data.name}")
        model = DataFrameTableModel(CHANGE_COLUMNS, parent=dialog)
        model.set_frame(changes_in_words(self.data, changes))
        view = QTableView(accessibleName="Changed figures")
        view.setModel(model)
        view.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(
            QLabel(
                f"{counted(len(changes), 'figure')} {'differs' if len(changes) == 1 else 'differ'} from the release "
                "before (— means it was new)."
                if len(changes)
                else "No figure differs from the release before: this release shows the same figures."
            )
        )
        layout.addWidget(view)
        view.setVisible(len(changes) > 0)  # an empty table said nothing
        layout.addWidget(buttons)
        dialog.resize(820, 480)
        dialog.open()
        self._changes_dialog = dialog

    def copy_citation(self) -> None:
        QGuiApplication.clipboard().setText(citable_summary(self.data, self.selection.area, self.selection.year))
        self.statusBar().showMessage("Copied the summary with its caveat and citation.", 8000)

    def save_view(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, "Save view", "fact-sheets-view.json", saved_views.VIEW_FILTER
        )
        if chosen:
            try:
                saved_views.save(self, Path(chosen))
            except OSError as error:
                warn(self, "View not saved", str(error))
                return
            self.statusBar().showMessage(f"Saved the view to {chosen}", 8000)

    def open_view(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(self, "Open view", "", saved_views.VIEW_FILTER)
        if chosen:
            self.apply_view_file(Path(chosen))

    def apply_view_file(self, path: Path) -> list[str]:
        try:
            notes = saved_views.apply(self, saved_views.load(path))
        except saved_views.ViewFileError as error:
            warn(self, "View not opened", f"{error}\n\nThe window has not changed.")
            return []
        if notes:
            inform(self, "View opened", "\n\n".join(notes))
        return notes

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls() and all(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        for url in event.mimeData().urls():
            self.import_actions.import_file(Path(url.toLocalFile()))
            break
        event.acceptProposedAction()

    def _show_data_description(self) -> None:
        long_text_dialog(self, "About the data", describe(self.data)).exec()

    def _show_about(self) -> None:
        QMessageBox.about(
            self,
            "About Fact Sheets",
            f"<p><b>Fact Sheets {__version__}</b></p>"
            "<p>Police-recorded sexual offences against children (victims under 18), by police force area and "
            "nation. Recorded crime shows what was reported to and recorded by the police, not how much abuse "
            "happens.</p><p>Every figure comes from a published source, listed with the data.</p>",
        )

    def _restore_state(self) -> None:
        remembered = self._remembered
        place_window(self, remembered)
        remembered.restore_bytes("statistics/columns", self.statistics_tab.restore_columns)
        remembered.restore_bytes("statistics/splitter", self.statistics_tab.splitter.restoreState)
        self._trends_settings = (
            remembered.names("trends/areas", self.data.areas_with_figures),
            remembered.flag("trends/comparison"),
        )
        self.tabs.setCurrentIndex(remembered.index("window/tab", self.tabs.count()))  # the trend tab is built here
        notices = [self._settings_notice] if self._settings_notice else []
        if remembered.reset:
            notices.append("Some saved window settings could not be read and were reset to their defaults.")
        if remembered.not_in_data:
            notices.append(
                "The area, year or chart areas shown last time are not in the data loaded now (imported releases "
                "are not kept between sessions), so the window opens on its defaults."
            )
        if notices:
            self.statusBar().showMessage(" ".join(notices), 15000)

    def closeEvent(self, event) -> None:
        self.import_actions.cancel()
        self.import_actions.wait()
        self._settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self._settings.setValue("window/tab", self.tabs.currentIndex())
        self._settings.setValue("statistics/columns", self.statistics_tab.table.horizontalHeader().saveState())
        self._settings.setValue("statistics/splitter", self.statistics_tab.splitter.saveState())
        trends = self._later_tabs.built("trends")
        if trends is not None:  # never shown: what was remembered stays as it was
            self._settings.setValue("trends/areas", trends.checked_areas())
            comparison = trends.comparison_box.isChecked()
            self._settings.setValue("trends/comparison", "true" if comparison else "false")
        self._settings.setValue("selection/area", self.selection.area)
        self._settings.setValue("selection/year", self.selection.year)
        self._settings.setValue("selection/measure", self.selection.measure)
        super().closeEvent(event)
