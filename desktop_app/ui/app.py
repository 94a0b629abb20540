"""Start the window: a starting window paints at once, then the data and the main window load.

Nothing here imports pandas or the main window's modules at the top: together they take most of a second and
a half to load, and the user should see a window, where it will open, before they do."""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTemporaryDir, QTimer
from PySide6.QtGui import QIcon, QWindow
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QWidget

from desktop_app.paths import APP_ICON, STYLESHEET
from desktop_app.ui.error_reporting import install_error_reporting
from desktop_app.ui.remembered_settings import CheckedSettings, open_settings
from desktop_app.ui.window_placement import place_window

if TYPE_CHECKING:
    from desktop_app.model.dataset import DataSet


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


class StartingWindow(QMainWindow):
    """What the user sees while the data and the main window load: the app's title and a line saying what is
    happening, at the geometry the main window will have.

    A window of its own rather than the main window shown empty and filled later: the main window builds its
    tabs from the data as it is made (and tests make it directly from data), so an empty one would mean
    importing most of its modules before the first paint, which is the wait this window is there to cover."""

    def __init__(self):
        super().__init__()
        self.setWindowTitle("Fact Sheets")
        message = QLabel("Opening the figures…", textFormat=Qt.TextFormat.PlainText)
        message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(message)
        scratch = QTemporaryDir()
        settings, _notice = open_settings(scratch)  # the main window reports an unusable settings file
        place_window(self, CheckedSettings(settings, remove_wrong=False))


class _FirstExposure(QObject):
    """Calls ``shown`` when the window it watches is first put on screen (Qt paints the window as it handles
    that event, before the event loop goes on)."""

    def __init__(self, window: QWindow, shown: Callable[[], None]):
        super().__init__(window)
        self._shown = shown
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Expose and watched.isExposed():
            watched.removeEventFilter(self)
            self._shown()
        return False


# How long to wait for a window to paint before carrying on without it (a desktop may keep a window unseen:
# opened minimised, or on another workspace).
PAINT_WAIT_MS = 2000


def show_painted(window: QWidget) -> None:
    """Shows the window and returns once it is painted (or PAINT_WAIT_MS later): showing it only asks the
    display to put it on screen, and the paint follows an event, which would otherwise wait until after the
    loading the window is there to cover."""
    waiting = QEventLoop()
    window.create()
    _FirstExposure(window.windowHandle(), waiting.quit)
    QTimer.singleShot(PAINT_WAIT_MS, waiting, waiting.quit)
    window.show()
    if not window.windowHandle().isExposed():  # a platform that paints as it shows needs no wait
        waiting.exec()


def run_app(load_data: Callable[[], DataSet], file_to_import: Path | None = None) -> int:
    """Paints the starting window, loads the data and the main window, and shows it in the starting window's
    place; then (once it is painted) imports ``file_to_import`` as File > Import would. An error loading the
    data (a ``DataFileError``) closes the starting window and reaches the command line, which reports it."""
    app = create_application()
    install_error_reporting()
    stop_on_sigterm(app)
    starting = StartingWindow()
    starting.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    show_painted(starting)
    try:
        data = load_data()
        from desktop_app.ui.main_window import MainWindow

        window = MainWindow(data)
    except BaseException:
        starting.close()
        raise
    window.restoreGeometry(starting.saveGeometry())  # where the starting window is now, should the user move it
    window.show()
    starting.close()
    if file_to_import is not None:
        QTimer.singleShot(0, lambda: window.import_actions.import_file(file_to_import))
    return app.exec()
