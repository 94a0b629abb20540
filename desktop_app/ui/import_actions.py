"""Opening a user's file as a new release: the file dialog, a worker thread with progress and cancel,
the list of problems to accept or refuse, and the wide-table questions."""

import gc
import sys
import threading
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from desktop_app.formatting import counted
from desktop_app.io.dataset_files import is_web_address
from desktop_app.io.errors import DataFileError
from desktop_app.io.importers import (
    ImportCancelled,
    ImportResult,
    SourceDetails,
    read_recognised,
    read_wide,
    with_import,
)
from desktop_app.io.tables import SPREADSHEET_SUFFIXES, TEXT_SUFFIXES, unchanged_while_read
from desktop_app.model.dataset import DataSet
from desktop_app.model.measures import HOME_OFFICE_CAVEAT, MEASURE_LABELS
from desktop_app.paths import DATA_DIR
from desktop_app.ui.error_reporting import report_unexpected_error
from desktop_app.ui.messages import inform, warn

# Every kind of file the importer reads (a compressed .csv.gz was hidden from the dialog before).
TABLE_FILTER = f"Tables ({' '.join('*' + suffix for suffix in TEXT_SUFFIXES + SPREADSHEET_SUFFIXES)});;All files (*)"
PROBLEMS_SHOWN = 200


class ImportWorker(QObject):
    """Reads the file off the window's thread so the window stays responsive. Whatever the reader does,
    one answer goes back to the window's thread as a signal and the thread ends."""

    progressed = Signal(int)
    finished = Signal(object)
    failed = Signal(str)
    errored = Signal(object)  # an unexpected error as (type, value, traceback)

    def __init__(self, reader):
        super().__init__()
        self._reader = reader
        self.cancelled = threading.Event()

    def run(self) -> None:
        def report(fraction: float) -> bool:
            self.progressed.emit(int(fraction * 100))
            return not self.cancelled.is_set()

        try:
            answer = self._reader(report)
            if self.cancelled.is_set():  # cancelled after the job's last check: its answer is dropped
                raise ImportCancelled
            self.finished.emit(answer)
        except ImportCancelled:
            self.failed.emit("")
        except DataFileError as error:
            self.failed.emit(str(error))
        except Exception:  # noqa: BLE001 - reported on the window's thread, where a dialog can be built
            self.errored.emit(sys.exc_info())
        finally:
            self.thread().quit()  # from here, so the thread ends even while the window's thread waits on it


class WideTableDialog(QDialog):
    """A wide table says nothing of what it counts or where it came from: the user says."""

    def __init__(self, path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"About {path.name}")
        self.measure_box = QComboBox(accessibleName="What the numbers count")
        for key, label in MEASURE_LABELS.items():
            self.measure_box.addItem(label, key)
        self.publisher = QLineEdit(accessibleName="Publisher", placeholderText="e.g. NSPCC")
        self.title = QLineEdit(accessibleName="Title", placeholderText="the publication's title")
        self.url = QLineEdit(accessibleName="Web address", placeholderText="https://…")
        # Unticked until the user says the source states a date: today is no publication date.
        self.date_stated = QCheckBox("the source states it:", accessibleName="The source states its date")
        self.published = QDateEdit(date.today(), calendarPopup=True, accessibleName="Date published", enabled=False)
        self.date_stated.toggled.connect(self.published.setEnabled)
        date_row = QHBoxLayout()
        date_row.addWidget(self.date_stated)
        date_row.addWidget(self.published, 1)
        form = QFormLayout()
        form.addRow("&What the numbers count:", self.measure_box)
        form.addRow("&Publisher:", self.publisher)
        form.addRow("&Title:", self.title)
        form.addRow("&Web address:", self.url)
        form.addRow(QLabel("&Date published:", buddy=self.date_stated), date_row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("One row per area and one column per financial year. Every figure needs its source."))
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        for field in (self.publisher, self.url):
            field.textChanged.connect(self._update_ok)
        self._update_ok()

    def _update_ok(self) -> None:
        complete = bool(self.publisher.text().strip()) and is_web_address(self.url.text().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(complete)

    def source(self) -> SourceDetails:
        title = self.title.text().strip() or "Table entered by the user"
        published = self.published.date().toString("yyyy-MM-dd") if self.date_stated.isChecked() else None
        if published is None:
            title += f" (imported on {date.today().isoformat()})"
        return SourceDetails(self.publisher.text().strip(), title, self.url.text().strip(), published)


def _problems_listed(result: ImportResult, shown: int) -> str:
    """The first ``shown`` problems, one a line, and how many more there are (however many were found)."""
    listed = "\n".join(str(problem) for problem in result.problems[:shown])
    more = result.problem_count - min(shown, len(result.problems))
    return listed + (f"\n… and {more:,} more" if more > 0 else "")


class ProblemsDialog(QDialog):
    """Shows what is wrong and lets the user import just the valid rows, or nothing."""

    def __init__(self, result: ImportResult, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Problems in {result.path.name}")
        count = result.problem_count
        text = QPlainTextEdit(_problems_listed(result, PROBLEMS_SHOWN), readOnly=True, accessibleName="Problems found")
        buttons = QDialogButtonBox()
        self.import_button = buttons.addButton(
            f"Import the {counted(len(result.figures), 'valid figure')}", QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton("Import nothing", QDialogButtonBox.ButtonRole.RejectRole)
        self.import_button.setEnabled(not result.figures.empty)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                f"{counted(count, 'problem')} {'was' if count == 1 else 'were'} found. Rows with a problem are left "
                "out; nothing has been changed yet."
            )
        )
        layout.addWidget(text)
        layout.addWidget(buttons)
        self.resize(760, 420)


class ImportActions(QObject):
    """File > Import data file, and files dropped on the window."""

    imported = Signal(object)  # the new DataSet

    def __init__(self, base_provider, parent: QWidget):
        super().__init__(parent)
        self._base_provider = base_provider
        self._window = parent
        self._worker: ImportWorker | None = None
        self._thread: QThread | None = None
        self._busy = False
        self.import_action = QAction("&Import data file…", parent, shortcut=QKeySequence("Ctrl+I"))
        self.import_action.triggered.connect(self.choose_and_import)

    def choose_and_import(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(self._window, "Import a data file", "", TABLE_FILTER)
        if chosen:
            self.import_file(Path(chosen))

    def _wide_reader(self, path: Path, base: DataSet):
        """A wide table is read once the user has said what it counts and where it came from (None: cancelled)."""
        dialog = WideTableDialog(path, self._window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        measure, source = dialog.measure_box.currentData(), dialog.source()
        return lambda report: read_wide(path, base, measure, source, report)

    @property
    def busy(self) -> bool:
        """An import is under way (its layout being recognised, or its rows read)."""
        return self._busy

    def import_file(self, path: Path) -> None:
        """Recognises the layout and reads the rows in one go in the worker, never on the window's thread, so a
        workbook is read once; only a wide table stops in between, for the user to say what it counts."""
        if self._busy:
            self._window.statusBar().showMessage("An import is already running: wait for it, or cancel it.", 8000)
            return
        base = self._base_provider()

        def recognise_and_read(report):
            return read_recognised(path, base, DATA_DIR, report)

        self._run(recognise_and_read, path, lambda answer: self._finish_or_ask(answer, path, base))

    def _finish_or_ask(self, answer, path: Path, base: DataSet) -> None:
        if isinstance(answer, ImportResult):
            self._finish(answer, base)
            return
        reader = self._wide_reader(path, base)
        if reader is None:
            self._window.statusBar().showMessage("Import cancelled; nothing was changed.", 8000)
            return

        def read_whole_file(report):
            with unchanged_while_read(path):
                return reader(report)

        self._run(read_whole_file, path, lambda result: self._finish(result, base))

    def _run(self, job, path: Path, on_answer) -> None:
        """Runs ``job(report)`` in a worker thread; ``on_answer`` gets its result on the window's thread."""
        reading = f"Reading {path.name}…"
        progress = QProgressDialog(reading, "Cancel", 0, 100, self._window)
        progress.setWindowTitle("Import data file")
        progress.setMinimumWidth(420)  # wide enough for its title (200 pixels cut it to "Impor…ata file")
        progress.setMinimumDuration(300)
        # A workbook reports progress only once it is read: the status bar says at once what is under way.
        self._window.statusBar().showMessage(reading)
        worker = ImportWorker(job)
        thread = QThread(self)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        queued = Qt.ConnectionType.QueuedConnection  # the answers are handled on the window's thread
        worker.progressed.connect(progress.setValue, queued)
        progress.canceled.connect(worker.cancelled.set)
        worker.finished.connect(self._answer, queued)
        worker.failed.connect(self._finish_with_error, queued)
        worker.errored.connect(self._finish_with_unexpected_error, queued)
        thread.finished.connect(worker.deleteLater)
        self._thread, self._worker, self._pending, self._busy = thread, worker, (on_answer, progress), True
        # Python collects reference cycles on whichever thread happens to allocate; a Qt object collected on the
        # worker's thread warns or crashes. Collection waits until the worker has answered (see _answered).
        gc.disable()
        thread.start()

    def wait(self) -> None:
        """For tests and shutdown: block until a running import's thread has finished."""
        if self._thread is not None:
            self._thread.wait()
            gc.enable()

    def cancel(self) -> None:
        """Asks a running import to stop at its next progress step (closing the window does)."""
        if self._busy and self._worker is not None:
            self._worker.cancelled.set()

    def _answered(self):
        """The worker has given its one answer: another import may start. Returns what takes the answer."""
        on_answer, progress = self._pending
        progress.close()
        self._window.statusBar().clearMessage()  # "Reading …": what follows says how it ended
        self._thread.wait()  # it has sent its answer: it only has to stop
        gc.enable()
        self._busy = False
        return on_answer

    def _answer(self, value) -> None:
        self._answered()(value)

    def _finish_with_unexpected_error(self, error: tuple) -> None:
        self._answered()
        report_unexpected_error(*error)

    def _finish_with_error(self, message: str) -> None:
        self._answered()
        if message:
            self._refuse(message)
        else:
            self._window.statusBar().showMessage("Import cancelled; nothing was changed.", 8000)

    def _finish(self, result: ImportResult, base: DataSet) -> None:
        if result.figures.empty:
            # Why: the notes say what was left out (a part year, rows that are not police force areas).
            detail = "\n\n".join(part for part in ("\n".join(result.notes), _problems_listed(result, 20)) if part)
            self._refuse(f"No usable figures were found in {result.path.name}.\n\n{detail}")
            return
        if result.problems and ProblemsDialog(result, self._window).exec() != QDialog.DialogCode.Accepted:
            self._window.statusBar().showMessage("Import cancelled; nothing was changed.", 8000)
            return
        name = f"{result.path.name} (imported {date.today().isoformat()})"
        self.imported.emit(with_import(base, result, name))
        notes = list(result.notes) + ([HOME_OFFICE_CAVEAT] if result.kind == "home_office" else [])
        if notes:
            inform(self._window, "Imported", "\n\n".join(notes))

    def _refuse(self, message: str) -> None:
        warn(self._window, "Not imported", f"{message}\n\nThe data already loaded has not changed.")
