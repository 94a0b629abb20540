"""Handing web addresses to the user's browser: the app itself makes no network connection."""

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget


def open_in_browser(parent: QWidget, address: str) -> QMessageBox | None:
    """Opens ``address``; where no browser can be started, says so with the address to copy (returned, open)."""
    if QDesktopServices.openUrl(QUrl(address)):
        return None
    box = QMessageBox(
        QMessageBox.Icon.Information,
        "No web browser",
        f"No web browser could be opened on this computer. To visit the page, copy this address into a browser:"
        f"\n\n{address}",
        QMessageBox.StandardButton.Close,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)  # the address comes from a data file: never markup
    box.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
