"""File menu actions for fact sheets: print, preview, save as PDF, save all with progress."""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence, QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.factsheet.comparison_content import MOST_AREAS, TooManyAreas
from desktop_app.factsheet.content import sheet_content
from desktop_app.factsheet.export import (
    ExportCancelled,
    areas_and_their_forces,
    export_all,
    export_comparison,
    export_sheet,
    files_in_the_way,
    paint_pages,
    sheet_file_name,
    sheets_to_export,
)
from desktop_app.formatting import counted
from desktop_app.io.atomic import stale_parts_notice
from desktop_app.model.dataset import DataSet
from desktop_app.ui.messages import ask, warn
from desktop_app.ui.remembered_settings import remember_folder, remembered_folder
from desktop_app.ui.selection import Selection

LAST_FOLDER_KEY = "factsheets/last_folder"


def make_printer(printer_info: QPrinterInfo | None = None, doc_name: str = "Fact sheet") -> QPrinter:
    """``doc_name`` names the job in the print queue and in a printed-to-PDF file's title."""
    printer = (
        QPrinter(printer_info, QPrinter.PrinterMode.HighResolution)
        if printer_info
        else QPrinter(QPrinter.PrinterMode.HighResolution)
    )
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    printer.setDocName(doc_name)
    return printer


class SaveAllDialog(QDialog):
    """Asks where the sheets go (a folder or one PDF), for which year, and for which areas."""

    def __init__(self, data: DataSet, year: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Save all fact sheets")
        self.separate = QRadioButton("One PDF &per area, into a folder", checked=True)
        self.combined = QRadioButton("One &combined PDF")
        self.selected_year = QRadioButton(f"Only areas with figures for {year}", checked=True)
        self.latest_year = QRadioButton("Each area's &latest year with figures")
        layout = QVBoxLayout(self)
        for title, buttons in (
            ("Save as", (self.separate, self.combined)),
            ("Year", (self.selected_year, self.latest_year)),
        ):
            box = QGroupBox(title)
            box_layout = QVBoxLayout(box)
            group = QButtonGroup(box)
            for button in buttons:
                group.addButton(button)
                box_layout.addWidget(button)
            layout.addWidget(box)
        layout.addWidget(self._areas_box(data))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.areas.itemChanged.connect(self._on_areas_ticked)

    def _areas_box(self, data: DataSet) -> QGroupBox:
        box = QGroupBox("Areas")
        box_layout = QVBoxLayout(box)
        self.areas = QListWidget()
        self.areas.setAccessibleName("Areas to save")
        for area in data.areas_with_figures:
            item = QListWidgetItem(area)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.areas.addItem(item)
        picks = QHBoxLayout()
        for label, areas in (
            ("Select &all", data.area_names),
            ("Clear", []),
            *(
                (f"Only {nation} and its forces", areas_and_their_forces(data, [nation]))
                for nation in data.nations
                if data.total_members.get(nation)
            ),
        ):
            button = QPushButton(label)
            button.clicked.connect(lambda _checked=False, areas=areas: self.tick_only(areas))
            picks.addWidget(button)
        box_layout.addLayout(picks)
        box_layout.addWidget(self.areas)
        box_layout.addWidget(QLabel("An area with no figure for the year chosen has no sheet."))
        return box

    def tick_only(self, areas: list[str]) -> None:
        wanted = set(areas)
        for row in range(self.areas.count()):
            item = self.areas.item(row)
            item.setCheckState(Qt.CheckState.Checked if item.text() in wanted else Qt.CheckState.Unchecked)

    def chosen_areas(self) -> list[str]:
        items = (self.areas.item(row) for row in range(self.areas.count()))
        return [item.text() for item in items if item.checkState() == Qt.CheckState.Checked]

    def _on_areas_ticked(self) -> None:
        """Saving with no area ticked would do nothing: the Save button waits for one."""
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(bool(self.chosen_areas()))


class FactSheetActions(QObject):
    """The fact-sheet menu entries, for the area and year in the shared selection."""

    def __init__(
        self,
        selection: Selection,
        settings: QSettings,
        parent: QWidget,
        ticked_areas: Callable[[], list[str]] = list,
    ):
        super().__init__(parent)
        self._selection = selection
        self._ticked_areas = ticked_areas
        self._settings = settings
        self._window = parent
        self.print_action = QAction("&Print fact sheet…", parent, shortcut=QKeySequence.StandardKey.Print)
        self.preview_action = QAction("Print pre&view…", parent, shortcut=QKeySequence("Ctrl+Shift+P"))
        self.save_action = QAction("&Save fact sheet as PDF…", parent, shortcut=QKeySequence.StandardKey.Save)
        self.save_all_action = QAction("Save &all fact sheets…", parent, shortcut=QKeySequence("Ctrl+Shift+S"))
        self.print_action.triggered.connect(self.print_sheet)
        self.preview_action.triggered.connect(self.preview_sheet)
        self.save_action.triggered.connect(self.save_sheet)
        self.save_all_action.triggered.connect(self.save_all_sheets)
        self.compare_action = QAction("Save &comparison sheet as PDF…", parent)
        self.compare_action.triggered.connect(self.save_comparison_sheet)

    @property
    def _data(self) -> DataSet:
        return self._selection.data

    def actions(self) -> list[QAction]:
        return [self.print_action, self.preview_action, self.save_action, self.save_all_action, self.compare_action]

    def _content(self):
        return sheet_content(self._data, self._selection.area, self._selection.year)

    def _last_folder(self) -> str:
        return str(remembered_folder(self._settings, LAST_FOLDER_KEY))

    def _report_failure(self, error: Exception) -> None:
        warn(self._window, "Fact sheet not saved", f"The fact sheet could not be saved.\n\n{error}")

    def print_sheet(self) -> None:
        if not QPrinterInfo.availablePrinters():
            question = "No printer is set up on this computer.\n\nSave the fact sheet as a PDF instead?"
            if ask(self._window, "No printer", question):
                self.save_sheet()
            return
        printer = make_printer(QPrinterInfo.defaultPrinter(), self._doc_name())
        dialog = QPrintDialog(printer, self._window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def _doc_name(self) -> str:
        return f"Fact sheet: {self._selection.area}, {self._selection.year}"

    def print_to(self, printer: QPrinter) -> None:
        paint_pages(printer, [self._content()])

    def preview_sheet(self) -> QPrintPreviewDialog:
        # The dialog does not own the printer: keep it alive as long as we are.
        self._preview_printer = make_printer(doc_name=self._doc_name())
        preview = QPrintPreviewDialog(self._preview_printer, self._window)
        preview.setWindowTitle(f"Fact sheet preview: {self._selection.area}, {self._selection.year}")
        preview.paintRequested.connect(self.print_to)
        preview.open()
        return preview

    def save_sheet(self) -> Path | None:
        suggested = Path(self._last_folder()) / sheet_file_name(self._selection.area, self._selection.year)
        chosen, _filter = QFileDialog.getSaveFileName(
            self._window, "Save fact sheet as PDF", str(suggested), "PDF (*.pdf)"
        )
        if not chosen:
            return None
        path = Path(chosen).with_suffix(".pdf")
        notice = stale_parts_notice(path.parent)
        try:
            export_sheet(self._data, self._selection.area, self._selection.year, path)
        except OSError as error:
            self._report_failure(error)
            return None
        remember_folder(self._settings, LAST_FOLDER_KEY, path.parent)
        self._window.statusBar().showMessage(f"Saved {path}. {notice}".strip(), 8000)
        return path

    def areas_to_compare(self) -> list[str]:
        """The areas ticked on the trend graphs; with fewer than two ticked (nothing to compare), the forces of
        the selected area's nation."""
        ticked = self._ticked_areas()
        if len(ticked) > 1:
            return ticked
        return self._data.total_members.get(self._data.area_row(self._selection.area)["nation"], [])

    def save_comparison_sheet(self) -> Path | None:
        areas = self.areas_to_compare()
        if not areas:
            warn(self._window, "Nothing to compare", "Tick the areas to compare on the Trend graphs tab.")
            return None
        if len(areas) > MOST_AREAS:
            ticked = len(self._ticked_areas())
            chosen = (
                f"{ticked} areas are ticked on the Trend graphs tab"
                if ticked > 1
                else f"with fewer than two areas ticked, the sheet would compare the {len(areas)} forces of "
                f"{self._data.area_row(self._selection.area)['nation']}"
            )
            warn(
                self._window,
                "Too many areas" if ticked > 1 else "Choose the areas to compare",
                f"A comparison sheet holds 2 to {MOST_AREAS} areas, and {chosen}. Tick the areas to compare (2 to "
                f"{MOST_AREAS}) on the Trend graphs tab, then save the comparison sheet again.",
            )
            return None
        year = self._selection.year
        suggested = Path(self._last_folder()) / f"comparison-{year.replace('/', '-')}.pdf"
        chosen, _filter = QFileDialog.getSaveFileName(
            self._window, "Save comparison sheet as PDF", str(suggested), "PDF (*.pdf)"
        )
        if not chosen:
            return None
        path = Path(chosen).with_suffix(".pdf")
        try:
            export_comparison(self._data, areas, year, path)
        except (OSError, TooManyAreas) as error:
            self._report_failure(error)
            return None
        remember_folder(self._settings, LAST_FOLDER_KEY, path.parent)
        self._window.statusBar().showMessage(f"Saved the comparison of {len(areas)} areas to {path}.", 8000)
        return path

    def save_all_sheets(self) -> list[Path]:
        choice = SaveAllDialog(self._data, self._selection.year, self._window)
        if choice.exec() != QDialog.DialogCode.Accepted:
            return []
        year = self._selection.year if choice.selected_year.isChecked() else None
        areas = choice.chosen_areas()
        if choice.combined.isChecked():
            chosen, _filter = QFileDialog.getSaveFileName(
                self._window,
                "Save all fact sheets as one PDF",
                str(Path(self._last_folder()) / sheet_file_name("fact sheets", year or "latest-years")),
                "PDF (*.pdf)",
            )
            target = Path(chosen).with_suffix(".pdf") if chosen else None
        else:
            chosen = QFileDialog.getExistingDirectory(
                self._window, "Save all fact sheets into a folder", self._last_folder()
            )
            target = Path(chosen) if chosen else None
        if target is None:
            return []
        combined = choice.combined.isChecked()
        in_the_way = files_in_the_way(self._data, target, year, combined, areas)
        if in_the_way and not combined:  # the save dialog already asked about a single combined file
            replace = (
                f"{counted(len(in_the_way), 'fact sheet file')} in {target} would be replaced. "
                f"Replace {'it' if len(in_the_way) == 1 else 'them'}?"
            )
            if not ask(self._window, "Replace existing files?", replace):
                return []
        return self.export_with_progress(target, year, combined, replace_existing=bool(in_the_way), areas=areas)

    def export_with_progress(
        self,
        target: Path,
        year: str | None,
        combined: bool,
        replace_existing: bool,
        areas: list[str] | None = None,
    ) -> list[Path]:
        """``replace_existing`` only once the user has agreed: a file another program creates meanwhile
        makes the export fail rather than be replaced. ``areas`` limits the sheets to those areas."""
        total = len(sheets_to_export(self._data, year, areas))
        progress = QProgressDialog("Saving fact sheets…", "Cancel", 0, total, self._window)
        progress.setWindowTitle("Save all fact sheets")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)

        def step(done: int, _total: int, area: str) -> bool:
            progress.setValue(done)
            progress.setLabelText(f"Saved {area} ({done} of {total})")
            QApplication.processEvents()
            return not progress.wasCanceled()

        notice = stale_parts_notice(target.parent if combined else target)
        try:
            written = export_all(self._data, target, year, combined, step, overwrite=replace_existing, areas=areas)
        except ExportCancelled:
            self._window.statusBar().showMessage("Saving fact sheets was cancelled; finished files were kept.", 8000)
            return []
        except OSError as error:
            self._report_failure(error)
            return []
        finally:
            progress.close()
        remember_folder(self._settings, LAST_FOLDER_KEY, target.parent if combined else target)
        self._window.statusBar().showMessage(f"Saved {total} fact sheets to {target}. {notice}".strip(), 8000)
        return written
