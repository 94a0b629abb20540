"""The tile map on screen: one equal tile per force area, shaded by rate in quintiles; hover for the figure and
its source, click to select the area everywhere."""

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop_app.factsheet.comparison_drawing import PAPER, draw_tile_legend, draw_tiles, tile_grid, tile_rect
from desktop_app.model.tiles import Tile

LEGEND_WIDTH_PT = 130


class TileMap(QWidget):
    """Shows: the tiles and their legend. Emits ``area_clicked`` with the clicked force area."""

    area_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, accessibleName="Tile map of the police force areas")
        self.tiles: list[Tile] = []
        self.band_labels: list[str] = []
        self.hatched = "no figure"
        self.legend_title = ""
        self.highlighted = ""
        self.setMouseTracking(True)
        self.setMinimumSize(QSize(360, 240))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_tiles(self, tiles: list[Tile], band_labels: list[str], hatched: str, legend_title: str) -> None:
        self.tiles, self.band_labels, self.hatched, self.legend_title = tiles, band_labels, hatched, legend_title
        self.update()

    def set_highlighted(self, area: str) -> None:
        self.highlighted = area
        self.update()

    def _px(self, points: float) -> float:
        return points * self.logicalDpiY() / 72

    def _map_area(self) -> QRectF:
        return QRectF(self.rect()).adjusted(4, 4, -self._px(LEGEND_WIDTH_PT) - 8, -4)

    def tile_at(self, point: QPointF) -> Tile | None:
        if not self.tiles:
            return None
        side, corner = tile_grid(self.tiles, self._map_area())
        return next((tile for tile in self.tiles if tile_rect(tile, side, corner).contains(point)), None)

    def centre_of(self, area: str) -> QPointF:
        """Where a force's tile is drawn (for tests and keyboard users' tools)."""
        side, corner = tile_grid(self.tiles, self._map_area())
        return next(tile_rect(tile, side, corner).center() for tile in self.tiles if tile.area == area)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        tile = self.tile_at(event.position())
        if tile is None:
            QToolTip.hideText()
        else:
            QToolTip.showText(event.globalPosition().toPoint(), tile.hover_text, self)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        tile = self.tile_at(event.position())
        if tile is not None:
            self.area_clicked.emit(tile.area)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), PAPER)
        draw_tiles(painter, self._map_area(), self.tiles, self._px, self.highlighted)
        legend = QRectF(self.width() - self._px(LEGEND_WIDTH_PT) - 4, 8, self._px(LEGEND_WIDTH_PT), self.height())
        title = legend.adjusted(0, 0, 0, -legend.height() + self._px(30))
        painter.drawText(title, Qt.TextFlag.TextWordWrap, self.legend_title)
        draw_tile_legend(painter, legend.adjusted(0, self._px(34), 0, 0), self.band_labels, self.hatched, self._px)
        painter.end()
