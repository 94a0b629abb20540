import html
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget


def labelled_controls(*pairs: tuple[str, QWidget]) -> QHBoxLayout:
    """A row of controls, each behind a label whose mnemonic (the & letter) moves focus to it."""
    row = QHBoxLayout()
    for text, widget in pairs:
        label = QLabel(text)
        label.setBuddy(widget)
        row.addWidget(label)
        row.addWidget(widget)
    row.addStretch()
    return row


def as_rich_text(text: str) -> str:
    """Text from files, escaped for places that always read HTML (tooltips, chart labels), line breaks kept."""
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"


def remembered_folder(settings: QSettings, key: str) -> Path:
    """The folder last used for this kind of file, or the home folder if it is gone or the setting is odd."""
    folder = settings.value(key)
    return Path(folder) if isinstance(folder, str) and Path(folder).is_dir() else Path.home()
