"""The spine chart on screen: the model's rows, drawn by the same code as the printed sheet."""

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop_app.factsheet.comparison_drawing import PAPER, draw_spine, spine_height
from desktop_app.model.spine import SpineRow


class SpineChart(QWidget):
    """Shows: where an area stands among all forces, one row per measure; the rows' words are its accessible
    description, so a screen reader hears what the colours say."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, accessibleName="Where the area stands among all forces")
        self.rows: list[SpineRow] = []
        self.title = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_rows(self, title: str, rows: list[SpineRow]) -> None:
        self.title, self.rows = title, rows
        self.setAccessibleDescription("; ".join(f"{row.label}: {row.in_words}" for row in rows) or "No figures")
        self.updateGeometry()
        self.update()

    def _px(self, points: float) -> float:
        return points * self.logicalDpiY() / 72

    def sizeHint(self) -> QSize:
        return QSize(600, int(spine_height(len(self.rows), self._px)))

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), PAPER)
        draw_spine(painter, QRectF(self.rect()).adjusted(6, 4, -6, -4), self.rows, self._px, title=self.title)
        painter.end()
