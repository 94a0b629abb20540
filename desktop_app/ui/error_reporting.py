"""Unexpected errors: a plain dialog with the details to copy, a log file, and the app carries on."""

import logging
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.cli import EXIT_INTERRUPTED

LOG_NAME = "factsheets.log"
_logger = logging.getLogger("factsheets")


def log_folder() -> Path:
    """The user's own data folder for the app (for example ~/.local/share/Fact Sheets/Fact Sheets)."""
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)) / "logs"


def _log_path() -> Path | None:
    try:
        folder = log_folder()
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    path = folder / LOG_NAME
    if not any(getattr(handler, "baseFilename", None) == str(path) for handler in _logger.handlers):
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        _logger.addHandler(handler)
        _logger.setLevel(logging.INFO)
    return path


def report_unexpected_error(exc_type, exc, tb) -> None:
    """Shown for any error the code did not expect; the window stays open and the data stays loaded."""
    if issubclass(exc_type, KeyboardInterrupt):  # Ctrl+C or SIGTERM, once what was under way has unwound
        QApplication.exit(EXIT_INTERRUPTED)
        return
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    log_path = _log_path()
    _logger.error("Unexpected error\n%s", details)
    where = f"The details were written to {log_path}." if log_path else "The details could not be written to a log."
    if QApplication.instance() is None:
        sys.stderr.write(details)
        return
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        "Something went wrong",
        "Fact Sheets hit a problem it did not expect, so the last action did not finish.\n\n"
        "Your data has not been changed and you can carry on. " + where,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDetailedText(details)
    copy = box.addButton("Copy details", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    copy.clicked.disconnect()
    copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(details))
    box.exec()


def install_error_reporting() -> None:
    sys.excepthook = report_unexpected_error
