import html

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget


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


class NoMatchNotice(QLabel):
    """Says, under a search box, that nothing matches, instead of leaving an empty list to be puzzled over."""

    def __init__(self, what: str, hint: str = ""):
        super().__init__(wordWrap=True, textFormat=Qt.TextFormat.PlainText, accessibleName="Search result")
        self._what, self._hint = what, hint
        self.hide()

    def show_for(self, text: str, shown: int) -> None:
        self.setText(f"No {self._what} matches “{text.strip()}”. {self._hint}".strip())
        self.setVisible(shown == 0 and bool(text.strip()))


def refill(box: QComboBox, items: list[str], current: str) -> None:
    """New choices in a box, keeping ``current`` where it is still offered, without signalling a choice: a view
    rebinding to a new release must not change the shared selection while others are still rebinding."""
    with QSignalBlocker(box):
        box.clear()
        box.addItems(items)
        box.setCurrentText(current if current in items else items[0])


def as_rich_text(text: str) -> str:
    """Text from files, escaped for places that always read HTML (tooltips, chart labels), line breaks kept."""
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"
