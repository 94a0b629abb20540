"""The main flows of the app, run in a fresh process by test_reliability under strace, which records every
socket the process (Qt and every library included) opens. Argument: a folder for the files it writes."""

import socket
import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from desktop_app.factsheet.export import export_sheet
from desktop_app.io.shipped import load_default_dataset
from desktop_app.ui.app import create_application
from desktop_app.ui.main_window import MainWindow

folder = Path(sys.argv[1])
socket.socket(socket.AF_UNIX).close()  # a local socket, so the test knows strace is watching
application = create_application()
data = load_default_dataset()
window = MainWindow(data, QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
window.show()
for tab in range(window.tabs.count()):
    window.tabs.setCurrentIndex(tab)
    QApplication.processEvents()
window.selection.set_area("Durham")
window.trends_tab.set_checked_areas(["Durham", "Kent"])
window.statistics_tab.export_excel(folder / "table.xlsx")
window.trends_tab.export_image(folder / "chart.svg")
export_sheet(data, "Durham", "2018/19", folder / "sheet.pdf")
preview = window.factsheet_actions.preview_sheet()
QApplication.processEvents()
preview.close()
window.close()
networking = sorted(name for name in sys.modules if name.startswith(("PySide6.QtNetwork", "requests", "urllib3")))
print("networking modules:", ", ".join(networking) or "none")
