"""Start the window."""

import signal
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from desktop_app.model.dataset import DataSet
from desktop_app.paths import APP_ICON, STYLESHEET
from desktop_app.ui.error_reporting import install_error_reporting
from desktop_app.ui.main_window import MainWindow


def create_application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("Fact Sheets")
    app.setApplicationName("Fact Sheets")
    app.setWindowIcon(QIcon(str(APP_ICON)))
    app.setStyleSheet(STYLESHEET.read_text(encoding="utf-8"))
    return app


# Python runs a signal handler only when Python code runs; while Qt waits for events, this timer gives it a turn.
SIGNAL_CHECK_MS = 250


def stop_on_sigterm(app: QApplication) -> QTimer:
    """A polite kill (SIGTERM, as at logout) ends the app as Ctrl+C ends the command line: an export under way
    is unwound, so its temporary file is removed, and the app quits quietly with the command line's exit code
    for an interruption. Returns the timer that gives the handler its turns."""

    def stop(_signal_number, _frame) -> None:
        raise KeyboardInterrupt  # the error reporting quits the app when it has unwound

    signal.signal(signal.SIGTERM, stop)
    timer = QTimer(app)
    timer.timeout.connect(lambda: None)
    timer.start(SIGNAL_CHECK_MS)
    return timer


def run_app(data: DataSet, file_to_import: Path | None = None) -> int:
    """Shows the window, then (once it is painted) imports ``file_to_import`` as File > Import would."""
    app = create_application()
    install_error_reporting()
    stop_on_sigterm(app)
    window = MainWindow(data)
    window.show()
    if file_to_import is not None:
        QTimer.singleShot(0, lambda: window.import_actions.import_file(file_to_import))
    return app.exec()
