"""Start the window."""

import sys

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


def run_app(data: DataSet) -> int:
    app = create_application()
    install_error_reporting()
    window = MainWindow(data)
    window.show()
    return app.exec()
