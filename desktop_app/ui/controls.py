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
