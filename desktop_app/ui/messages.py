"""Message boxes. Their text often carries names from files (areas, releases, file names), so it is always
shown as plain text: a file cannot put a link, an image or styled text on screen."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def _plain_box(parent: QWidget, icon: QMessageBox.Icon, title: str, text: str, buttons) -> QMessageBox:
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return box


def warn(parent: QWidget, title: str, text: str) -> None:
    _plain_box(parent, QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok).exec()


def inform(parent: QWidget, title: str, text: str) -> None:
    _plain_box(parent, QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok).exec()


def ask(parent: QWidget, title: str, text: str) -> bool:
    """True when the user answers Yes."""
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    box = _plain_box(parent, QMessageBox.Icon.Question, title, text, buttons)
    return box.exec() == QMessageBox.StandardButton.Yes
