"""Opening web addresses in the user's browser: only http(s) addresses the loaded data itself lists.

A link in shown text could otherwise come from a file and point anywhere (file:///etc/passwd, a local
program); the app makes no connection itself, it hands a checked address to the browser.
"""

from collections.abc import Collection

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

WEB_SCHEMES = ("http", "https")


def open_listed_link(parent: QWidget, address: QUrl | str, listed: Collection[str]) -> bool | QMessageBox:
    """Opens ``address`` if it is a web address in ``listed`` (False if it is not one to open). Where no browser
    can be started, says so with the address to copy, and returns that message (open)."""
    url = QUrl(address)
    if url.scheme().lower() not in WEB_SCHEMES or not any(QUrl(item) == url for item in listed):
        return False
    if QDesktopServices.openUrl(url):
        return True
    box = QMessageBox(
        QMessageBox.Icon.Information,
        "No web browser",
        "No web browser could be opened on this computer. To visit the page, copy this address into a browser:"
        f"\n\n{url.toString()}",
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
