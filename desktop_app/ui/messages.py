"""Message boxes. Their text often carries names from files (areas, releases, file names), so it is always
shown as plain text: a file cannot put a link, an image or styled text on screen."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QPlainTextEdit, QVBoxLayout, QWidget


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


def long_text_dialog(parent: QWidget, title: str, text: str) -> QDialog:
    """Text too long for a message box (which grows past a small screen, hiding its button): it scrolls inside a
    window that fits the screen."""
    dialog = QDialog(parent, windowTitle=title)
    view = QPlainTextEdit(text, readOnly=True, accessibleName=title)
    view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))  # info's columns line up
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, accepted=dialog.accept, rejected=dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(view)
    layout.addWidget(buttons)
    screen = (parent.screen() if parent else dialog.screen()).availableGeometry()
    dialog.resize(min(900, screen.width() * 9 // 10), min(700, screen.height() * 8 // 10))
    return dialog
