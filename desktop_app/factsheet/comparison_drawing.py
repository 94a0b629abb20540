"""Draws the spine chart and the tile map with a QPainter into a given rectangle: the same drawing on screen, in
print and in a PDF. Sizes are in points, turned into device pixels by the caller's ``px``; the figures come from
the model (``model.spine``, ``model.tiles``) and are only drawn here.
"""

from collections.abc import Callable, Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen

from desktop_app.formatting import is_missing
from desktop_app.model.spine import NOT_COMPARED, SpineRow
from desktop_app.model.tiles import Tile

FONT_FAMILY = "DejaVu Sans"
INK = QColor("#1a1a1a")
PAPER = QColor("white")  # the window draws these on white too, so a dark theme keeps them readable
MUTED = QColor("#555555")
# Okabe-Ito blue and orange (darkened for text on white, as in the table) and grey for "similar": told apart by
# colour-blind readers, and every marker's word and sign are printed beside it as well.
COMPARISON_COLOURS = {
    "higher": QColor("#005a9c"),
    "lower": QColor("#d55e00"),
    "similar": QColor("#999999"),
    NOT_COMPARED: QColor("white"),
}
COMPARISON_MARKS = {"higher": "▲", "lower": "▼", "similar": "≈", NOT_COMPARED: ""}
RANGE_GREY = QColor("#e3e3e3")
MIDDLE_GREY = QColor("#b5b5b5")
# ColorBrewer's five-class Blues: sequential, safe for colour-blind readers and in greyscale print.
QUINTILE_COLOURS = [QColor(code) for code in ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")]
NO_FIGURE_HATCH = QColor("#8a8a8a")
LOCATED = QColor("#08519c")
TILE_EDGE = QColor("#9ecae1")

Points = Callable[[float], float]


def _font(points: float, px: Points, bold: bool = False) -> QFont:
    font = QFont(FONT_FAMILY)
    font.setPixelSize(max(1, round(px(points))))
    font.setBold(bold)
    return font


def spine_height(rows: int, px: Points, text_points: float = 9, row_lines: float = 2.2) -> float:
    """The height the spine chart needs for ``rows`` measures (each ``row_lines`` lines of text high), its
    title and its legend (its marks on up to two lines and the note under them on up to three)."""
    return px(text_points) * (row_lines * rows + 1.5 + 6.5)


def draw_spine(
    painter: QPainter,
    area: QRectF,
    rows: Sequence[SpineRow],
    px: Points,
    text_points: float = 9,
    title: str = "",
    row_lines: float = 2.2,
) -> None:
    """Each row: the measure's name, the range of all forces (light), their middle half (darker), the
    benchmark (a black line), the area (a circle in its comparison's colour) and the value in words."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    line = px(text_points * 1.5)
    y = area.top()
    if title:
        painter.setFont(_font(text_points, px, bold=True))
        painter.setPen(INK)
        painter.drawText(QRectF(area.left(), y, area.width(), line), Qt.AlignmentFlag.AlignLeft, title)
        y += line
    label_width = area.width() * 0.27
    words_width = area.width() * 0.30
    bar_left = area.left() + label_width + px(6)
    bar_width = area.width() - label_width - words_width - px(12)
    row_height = px(text_points * row_lines)
    radius = px(text_points * 0.42)
    for row in rows:
        painter.setFont(_font(text_points, px))
        painter.setPen(INK)
        text_flags = Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap
        painter.drawText(QRectF(area.left(), y, label_width, row_height), text_flags, row.label)
        span = (row.highest - row.lowest) or 1.0

        def x_of(value: float, row=row, span=span) -> float:
            return bar_left + (value - row.lowest) / span * bar_width

        middle = y + row_height / 2
        bar = px(text_points * 0.55)
        painter.fillRect(QRectF(bar_left, middle - bar / 2, bar_width, bar), RANGE_GREY)
        painter.fillRect(
            QRectF(
                x_of(row.lower_quartile), middle - bar / 2, x_of(row.upper_quartile) - x_of(row.lower_quartile), bar
            ),
            MIDDLE_GREY,
        )
        if not is_missing(row.benchmark):
            painter.setPen(QPen(INK, px(1.4)))
            x = x_of(row.benchmark)
            painter.drawLine(QPointF(x, middle - bar), QPointF(x, middle + bar))
        if not is_missing(row.value):
            painter.setPen(QPen(INK, px(0.8)))
            painter.setBrush(COMPARISON_COLOURS[row.comparison])
            painter.drawEllipse(QPointF(x_of(row.value), middle), radius, radius)
            painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setFont(_font(text_points * 0.85, px))
        painter.setPen(MUTED)
        dot = (
            QRectF()
            if is_missing(row.value)
            else QRectF(x_of(row.value) - radius, middle - radius, 2 * radius, 2 * radius)
        )
        for end, align in ((row.lowest, Qt.AlignmentFlag.AlignLeft), (row.highest, Qt.AlignmentFlag.AlignRight)):
            _draw_end_label(
                painter, QRectF(bar_left, middle + bar / 2, bar_width, row_height), align, row.formatter(end), dot
            )
        painter.setPen(INK)
        painter.setFont(_font(text_points * 0.85, px))
        mark = COMPARISON_MARKS[row.comparison] if not is_missing(row.value) else ""
        painter.drawText(
            QRectF(area.right() - words_width, y, words_width, row_height),
            text_flags,
            f"{mark} {row.in_words}".strip(),
        )
        y += row_height
    _draw_spine_legend(painter, QRectF(area.left(), y + px(2), area.width(), area.bottom() - y), px, text_points)
    painter.restore()


def _draw_end_label(painter: QPainter, under_bar: QRectF, align: Qt.AlignmentFlag, text: str, dot: QRectF) -> None:
    """A bar's end value under its end; moved down clear of the area's dot where the dot would cover it."""
    metrics = painter.fontMetrics()
    width = metrics.horizontalAdvance(text)
    left = under_bar.left() if align == Qt.AlignmentFlag.AlignLeft else under_bar.right() - width
    label = QRectF(left, under_bar.top(), width, metrics.height())
    if not dot.isEmpty() and label.intersects(dot):
        label.moveTop(dot.bottom())
    painter.drawText(label, align | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextDontClip, text)


def _draw_spine_legend(painter: QPainter, area: QRectF, px: Points, text_points: float) -> None:
    painter.setFont(_font(text_points * 0.85, px))
    metrics = painter.fontMetrics()
    line = metrics.height() * 1.25
    x, y = area.left(), area.top()
    radius = px(text_points * 0.35)
    entries = [
        ("higher", "higher, beyond chance"),
        ("similar", "similar (within chance)"),
        ("lower", "lower, beyond chance"),
        (NOT_COMPARED, "not tested"),
    ]
    for word, text in entries:
        width = radius * 2 + px(4) + metrics.horizontalAdvance(text) + px(10)
        if x > area.left() and x + width > area.right():
            x, y = area.left(), y + line
        painter.setPen(QPen(INK, px(0.8)))
        painter.setBrush(COMPARISON_COLOURS[word])
        painter.drawEllipse(QPointF(x + radius, y + line / 2), radius, radius)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawText(QRectF(x + radius * 2 + px(4), y, width, line), Qt.AlignmentFlag.AlignVCenter, text)
        x += width
    y += line
    painter.setPen(MUTED)
    painter.drawText(
        QRectF(area.left(), y, area.width(), max(area.bottom() - y, line * 3)),
        Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
        "Bar: every force from lowest to highest, darker for the middle half; black line: the benchmark named. "
        "Higher is not worse: more recorded offences can mean better recording.",
    )


def tile_grid(tiles: Sequence[Tile], area: QRectF) -> tuple[float, QPointF]:
    """The side of a square tile and the grid's top-left corner, centring the layout in ``area``."""
    columns = max(tile.column for tile in tiles) + 1
    rows = max(tile.row for tile in tiles) + 1
    side = min(area.width() / columns, area.height() / rows)
    corner = QPointF(area.left() + (area.width() - side * columns) / 2, area.top() + (area.height() - side * rows) / 2)
    return side, corner


def tile_rect(tile: Tile, side: float, corner: QPointF) -> QRectF:
    gap = side * 0.06
    return QRectF(
        corner.x() + tile.column * side + gap / 2, corner.y() + tile.row * side + gap / 2, side - gap, side - gap
    )


def draw_locator(painter: QPainter, area: QRectF, tiles: Sequence[Tile], highlighted: str) -> None:
    """Every force's tile in light grey and the highlighted one in dark blue: where the area is."""
    if not tiles:
        return
    side, corner = tile_grid(tiles, area)
    for tile in tiles:
        painter.fillRect(tile_rect(tile, side, corner), LOCATED if tile.area == highlighted else RANGE_GREY)


def draw_tiles(
    painter: QPainter, area: QRectF, tiles: Sequence[Tile], px: Points, highlighted: str = "", labels: bool = True
) -> None:
    """Each force's tile in its quintile's shade; a force with no figure hatched and labelled "no figure"; the
    highlighted area outlined in black."""
    if not tiles:
        return
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    side, corner = tile_grid(tiles, area)
    label_font = _font(min(side / px(1) * 0.24, 9), px)
    small_font = _font(min(side / px(1) * 0.16, 7), px)
    for tile in tiles:
        rect = tile_rect(tile, side, corner)
        painter.setPen(Qt.PenStyle.NoPen)
        if tile.quintile is None:
            painter.fillRect(rect, QColor("white"))
            painter.fillRect(rect, QBrush(NO_FIGURE_HATCH, Qt.BrushStyle.BDiagPattern))
            painter.setPen(QPen(NO_FIGURE_HATCH, px(0.5)))
            painter.drawRect(rect)
        else:
            painter.fillRect(rect, QUINTILE_COLOURS[tile.quintile])
            painter.setPen(QPen(TILE_EDGE, px(0.5)))  # the palest shade still stands out from white
            painter.drawRect(rect)
        if tile.area == highlighted:
            painter.setPen(QPen(INK, max(px(1.5), side * 0.08)))
            painter.drawRect(rect)
        if labels:
            dark = tile.quintile is not None and tile.quintile >= 3
            painter.setPen(QColor("white") if dark else INK)
            painter.setFont(label_font)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, tile.label)
            if tile.quintile is None:
                painter.setFont(small_font)
                painter.drawText(
                    rect.adjusted(0, 0, 0, -side * 0.06),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                    tile.no_rate_label,
                )
    painter.restore()


def draw_tile_legend(
    painter: QPainter,
    area: QRectF,
    band_labels: Sequence[str],
    hatched: str,
    px: Points,
    text_points: float = 8,
) -> None:
    """One swatch per quintile with its range of values, and the hatched swatch with what it stands for."""
    painter.save()
    painter.setFont(_font(text_points, px))
    metrics = painter.fontMetrics()
    line = metrics.height() * 1.3
    swatch = metrics.height()
    entries = list(zip(QUINTILE_COLOURS, band_labels, strict=False))
    y = area.top()
    for colour, text in [*entries, (None, hatched)]:
        rect = QRectF(area.left(), y + (line - swatch) / 2, swatch * 1.4, swatch)
        if colour is None:
            painter.fillRect(rect, QColor("white"))
            painter.fillRect(rect, QBrush(NO_FIGURE_HATCH, Qt.BrushStyle.BDiagPattern))
        else:
            painter.fillRect(rect, colour)
        painter.setPen(QPen(MUTED, px(0.5)))
        painter.drawRect(rect)
        painter.setPen(INK)
        painter.drawText(QRectF(rect.right() + px(4), y, area.width(), line), Qt.AlignmentFlag.AlignVCenter, text)
        y += line
    painter.restore()
