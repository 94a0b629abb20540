"""Draws a comparison sheet on one A4 page: the title, the table, small-multiple charts on shared axes, the notes
and the stamp. Text keeps the sheets' sizes (body 9 pt or more, notes 7 pt or more)."""

import html
import math

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen

from desktop_app.factsheet.comparison_content import COLUMN_GROUPS, COLUMNS, ComparisonContent
from desktop_app.factsheet.render import (
    ACCENT,
    BODY_PT,
    GAP_PT,
    INK,
    NOTES_PT,
    RULE,
    SERIES_STYLES,
    _draw_document,
    _nice_step,
    _Page,
    path_with_gaps,
)
from desktop_app.formatting import format_axis_number

# Small charts per row, and four once there are more than three rows of three: twelve stay tall enough to read.
CHART_COLUMNS, MORE_CHART_COLUMNS = 3, 4
ONE_WORD = "; white-space:nowrap"  # a one-word heading is never split to fit a narrow column


def _table_html(content: ComparisonContent) -> str:
    groups = "".join(
        f"<th colspan='{len(names)}' align='center' style='padding:2px 4px; color:#0b4f8a'>{html.escape(group)}</th>"
        for group, names in COLUMN_GROUPS
    )
    header = "".join(
        f"<th align='{'left' if index == 0 else 'right'}'"
        f" style='padding:2px 3px; border-bottom:1px solid #999{ONE_WORD if ' ' not in name else ''}'>"
        f"{html.escape(name)}</th>"
        for index, name in enumerate(COLUMNS)
    )
    header = f"{groups}</tr><tr>{header}"
    body = "".join(
        "<tr>"
        + "".join(
            f"<td align='{'left' if index == 0 else 'right'}' style='padding:2px 3px; white-space:nowrap'>"
            f"{html.escape(cell)}</td>"
            for index, cell in enumerate(row)
        )
        + "</tr>"
        for row in content.rows
    )
    return f"<table width='100%' cellspacing='0'><tr>{header}</tr>{body}</table>"


def _draw_small_chart(painter: QPainter, page: _Page, area: QRectF, name: str, values, top_value: float, step: float):
    """One area's rates over the years on the shared scale, each series in its own colour and dash."""
    painter.setFont(page.font(BODY_PT, bold=True))
    painter.setPen(INK)
    title_height = painter.fontMetrics().height() * 1.2
    painter.drawText(QRectF(area.left(), area.top(), area.width(), title_height), Qt.AlignmentFlag.AlignLeft, name)
    painter.setFont(page.font(NOTES_PT))
    metrics = painter.fontMetrics()
    axis_width = metrics.horizontalAdvance(format_axis_number(top_value, step)) + page.px(4)
    plot = QRectF(
        area.left() + axis_width,
        area.top() + title_height + page.px(2),
        area.width() - axis_width - page.px(4),
        area.height() - title_height - metrics.height() * 1.4 - page.px(2),
    )
    years = list(values.index)

    def x_of(index: int) -> float:
        return plot.left() + (index + 0.5) * plot.width() / len(years)

    def y_of(value: float) -> float:
        return plot.bottom() - value / top_value * plot.height()

    # On a short chart (twelve to a page) every tick's number would touch the next: every n-th is labelled.
    labelled_every = max(1, math.ceil(metrics.height() * 1.1 / (step / top_value * plot.height())))
    tick, number = 0.0, 0
    while tick <= top_value + step / 2:
        painter.setPen(QPen(RULE, page.px(0.4)))
        painter.drawLine(QPointF(plot.left(), y_of(tick)), QPointF(plot.right(), y_of(tick)))
        painter.setPen(INK)
        if number % labelled_every == 0:
            painter.drawText(
                QRectF(area.left(), y_of(tick) - metrics.height() / 2, axis_width - page.px(3), metrics.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                format_axis_number(tick, step),
            )
        tick, number = tick + step, number + 1
    for label, align in ((years[0], Qt.AlignmentFlag.AlignLeft), (years[-1], Qt.AlignmentFlag.AlignRight)):
        painter.drawText(QRectF(plot.left(), plot.bottom() + page.px(1), plot.width(), metrics.height()), align, label)
    for column, (colour, dash) in zip(values.columns, SERIES_STYLES, strict=False):
        painter.setPen(QPen(colour, page.px(1.3), dash, Qt.PenCapStyle.RoundCap))
        numbers = values[column].to_numpy(dtype=float)
        painter.drawPath(path_with_gaps(numbers, x_of, y_of))
        for index in np.flatnonzero(np.isfinite(numbers)):  # a year alone between gaps still shows
            painter.drawEllipse(QPointF(x_of(index), y_of(numbers[index])), page.px(0.9), page.px(0.9))


def _draw_legend(painter: QPainter, page: _Page, left: float, top: float, names) -> float:
    painter.setFont(page.font(NOTES_PT))
    metrics = painter.fontMetrics()
    x = left
    for name, (colour, dash) in zip(names, SERIES_STYLES, strict=False):
        painter.setPen(QPen(colour, page.px(1.6), dash))
        middle = top + metrics.height() / 2
        painter.drawLine(QPointF(x, middle), QPointF(x + page.px(18), middle))
        painter.setPen(INK)
        painter.drawText(QPointF(x + page.px(22), top + metrics.ascent()), name)
        x += page.px(30) + metrics.horizontalAdvance(name)
    return metrics.height() * 1.3


def paint_comparison_sheet(painter: QPainter, content: ComparisonContent, device) -> None:
    page = _Page(device, 1.0)
    frame, gap = page.frame, page.px(GAP_PT)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    header = page.document(
        f"<div style='color:white; font-size:18pt; font-weight:bold'>{html.escape(content.title)}</div>"
        "<div style='color:white'>Sexual offences against children recorded by the police</div>",
        frame.width() - page.px(20),
        10.5,
    )
    header_rect = QRectF(frame.left(), frame.top(), frame.width(), header.size().height() + page.px(20))
    painter.fillRect(header_rect, ACCENT)
    _draw_document(painter, header, header_rect.topLeft() + QPointF(page.px(10), page.px(10)))
    y = header_rect.bottom() + gap
    y += _draw_document(painter, page.document(_table_html(content), frame.width(), BODY_PT), QPointF(frame.left(), y))
    y += gap

    notes = page.document(
        "".join(f"<p style='margin:0 0 2px 0'>{html.escape(note)}</p>" for note in content.notes)
        + f"<p style='color:#555555; margin-top:4px'>{html.escape(content.footer)}</p>",
        frame.width(),
        NOTES_PT,
    )
    y += _draw_legend(painter, page, frame.left(), y, list(next(iter(content.trends.values())).columns))
    charts_height = frame.bottom() - y - notes.size().height() - gap
    every_value = np.concatenate(
        [frame_values.to_numpy(dtype=float).ravel() for frame_values in content.trends.values()]
    )
    highest = float(np.nanmax(every_value)) if np.isfinite(every_value).any() else 1.0
    step = _nice_step(highest)
    top_value = step * max(1, math.ceil(highest * 1.05 / step))
    columns = CHART_COLUMNS if len(content.trends) <= 3 * CHART_COLUMNS else MORE_CHART_COLUMNS
    rows = math.ceil(len(content.trends) / columns)
    width = (frame.width() - gap * (columns - 1)) / columns
    height = min((charts_height - gap * (rows - 1)) / rows, width * 0.75)
    for index, (name, values) in enumerate(content.trends.items()):
        row, column = divmod(index, columns)
        cell = QRectF(frame.left() + column * (width + gap), y + row * (height + gap), width, height)
        _draw_small_chart(painter, page, cell, name, values, top_value, step)
    y += rows * (height + gap)
    _draw_document(painter, notes, QPointF(frame.left(), y))
