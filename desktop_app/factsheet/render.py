"""Draws a fact sheet on any paint device (PDF writer or printer) as one A4 page of vector output.

Sizes are given in points and turned into device pixels here, so the same code
serves a 1200 dpi PDF and a 600 dpi printer. Text is shrunk step by step until
everything fits, so a sheet is always exactly one page.
"""

import html
import math
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPainterPathStroker, QPen, QTextDocument

from desktop_app.factsheet.comparison_drawing import (  # one ink, one grey, one type for both drawings
    FONT_FAMILY,
    INK,
    MUTED,
    draw_locator,
    draw_spine,
    spine_height,
)
from desktop_app.factsheet.content import (
    EMERGENCY_LINE,
    HOME_OFFICE_LINE,
    NSPCC_LINE,
    Figure,
    SheetContent,
    chart_in_words,
    charted_years,
)
from desktop_app.formatting import format_axis_number, format_count, is_missing

MARGIN_PT = 34
GAP_PT = 10
# Printed for a meeting table: the body never below 9 pt, notes, sources and cautions never below 7 pt. A
# sheet that cannot fit at that size moves its sources and cautions to a second page instead of shrinking them.
SMALLEST_TEXT_SCALE = 0.94
NOTES_PT = 7.5
# How much taller than usual the chart may grow to fill a front page with room to spare.
MOST_EXTRA_CHART_PT = 150
BODY_PT = 9.6
ACCENT = QColor("#0b4f8a")
RULE = QColor("#9a9a9a")
# Okabe-Ito blue and vermilion: the two series stay apart for colour-blind readers, and dashes tell them apart
# in black-and-white print too.
SERIES_STYLES = ((ACCENT, Qt.PenStyle.SolidLine), (QColor("#b34700"), Qt.PenStyle.DashLine))
# On a sheet each series keeps its style whichever leads: the Home Office line solid, the NSPCC line dashed.
SHEET_LINE_STYLES = {HOME_OFFICE_LINE: SERIES_STYLES[0], NSPCC_LINE: SERIES_STYLES[1]}
# A spine row on paper holds a measure's name and its words over up to three lines in narrow columns.
SPINE_ROW_LINES = 3.6


def _notes_marker(notes: tuple[int, ...]) -> str:
    """'[1–4,7]' for notes 1, 2, 3, 4 and 7: runs are shortened so markers stay small."""
    if not notes:
        return ""
    runs: list[list[int]] = []
    for number in sorted(notes):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return "[" + ",".join(f"{run[0]}–{run[-1]}" if len(run) > 2 else ",".join(map(str, run)) for run in runs) + "]"


class _Page:
    """Device geometry and the unit conversions every block uses, and the blocks measured at its text scale."""

    def __init__(self, device, text_scale: float):
        self._documents: dict[tuple[str, float, float], QTextDocument] = {}
        self.device = device
        self.dpi = device.logicalDpiX()
        self.text_scale = text_scale
        width = device.width()
        height = device.height()
        margin = self.px(MARGIN_PT)
        self.frame = QRectF(margin, margin, width - 2 * margin, height - 2 * margin)

    def px(self, points: float) -> float:
        return points * self.dpi / 72

    def font(self, points: float, bold: bool = False) -> QFont:
        font = QFont(FONT_FAMILY)
        font.setPointSizeF(points * self.text_scale)
        font.setBold(bold)
        return font

    def document(self, body: str, width: float, points: float) -> QTextDocument:
        """The block laid out; measured once, however many layouts tried at this scale hold it."""
        key = (body, width, points)
        if key not in self._documents:
            self._documents[key] = self._laid_out(body, width, points)
        return self._documents[key]

    def _laid_out(self, body: str, width: float, points: float) -> QTextDocument:
        document = QTextDocument()
        document.documentLayout().setPaintDevice(self.device)
        document.setDefaultFont(self.font(points))
        document.setDocumentMargin(0)
        document.setTextWidth(width)
        document.setHtml(body)
        return document


def _headline_html(figure: Figure, page: _Page, rows: int) -> str:
    size = (22 if rows == 1 else 17) * page.text_scale * (0.8 if len(figure.value) > 7 else 1)  # "43rd of 43"
    notes = _notes_marker(figure.notes)
    detail = f"<br><span style='color:#555555'>{html.escape(figure.detail)}</span>" if figure.detail else ""
    return (
        f"<div style='font-size:{size:.1f}pt; font-weight:bold; color:#0b4f8a'>{html.escape(figure.value)}"
        f" <span style='font-size:{NOTES_PT * page.text_scale:.1f}pt; font-weight:normal; color:#444444'>"
        f"{notes}</span></div>"
        f"<div style='font-weight:bold'>{html.escape(figure.label)}</div>{detail}"
    )


def _figures_table_html(title: str, figures: list[Figure]) -> str:
    rows = "".join(
        f"<tr><td style='padding:2px 8px 2px 0'>{html.escape(f.label)}"
        + (f"<br><span style='color:#555555'>{html.escape(f.detail)}</span>" if f.detail else "")
        + f"</td><td align='right' style='padding:2px 0'><b>{html.escape(f.value)}</b>"
        f" <span style='color:#444444'>{_notes_marker(f.notes)}</span></td></tr>"
        for f in figures
    )
    return (
        f"<p style='margin:0 0 3px 0'><b>{html.escape(title)}</b></p><table width='100%' cellspacing='0'>{rows}</table>"
    )


def _contacts_html(content: SheetContent) -> str:
    items = []
    for contact in content.contacts:
        # A number is never split across lines ("0808 / 1000 900" reads as two numbers).
        how = html.escape(contact.phone).replace(" ", "&nbsp;") or html.escape(contact.online or contact.website)
        items.append(
            f"<td width='50%' style='padding:2px 8px 4px 0' valign='top'><b>{html.escape(contact.service)}</b>"
            f" <b style='color:#0b4f8a'>{how}</b><br>"
            f"<span style='color:#555555'>{html.escape(contact.for_whom)}</span></td>"
        )
    rows = "".join("<tr>" + "".join(items[i : i + 2]) + "</tr>" for i in range(0, len(items), 2))
    return (
        f"<p style='margin:0 0 4px 0'><b>Need help or advice? {EMERGENCY_LINE}</b></p>"
        f"<table width='100%' cellspacing='0'>{rows}</table>"
    )


def _notes_html(content: SheetContent, chart_in_figures: str, with_spine: bool) -> str:
    """The chart in figures, the sources and the cautions; a sheet without the spine chart leaves out the caution
    that explains it."""
    chart = f"<p style='margin:0 0 5px 0'><b>The chart in figures</b><br>{html.escape(chart_in_figures)}</p>"
    notes = "".join(
        f"<p style='margin:0 0 1px 0'>[{note.number}] {html.escape(note.text)} {html.escape(note.url)}</p>"
        for note in content.notes
    )
    caveats = "".join(
        f"<p style='margin:0 0 2px 0'>{html.escape(caveat)}</p>"
        for caveat in content.caveats
        if with_spine or caveat != content.spine_caveat
    )
    return (
        f"{chart}<p style='margin:0 0 2px 0'><b>Sources</b></p>{notes}"
        f"<p style='margin:5px 0 2px 0'><b>Read with care</b></p>{caveats}"
    )


def _footer_document(page: _Page, content: SheetContent) -> QTextDocument:
    return page.document(f"<p style='color:#555555'>{html.escape(content.footer)}</p>", page.frame.width(), 7.5)


class _Layout:
    """Every block measured for one text scale; ``fits`` says whether the page holds them all."""

    def __init__(
        self, content: SheetContent, page: _Page, notes_html: dict[bool, str], contacts_overleaf: bool = False
    ):
        """``notes_html`` holds the notes with and without the spine chart's caution, keyed by whether the chart
        is on the sheet."""
        self.content = content
        self._notes_html = notes_html
        self.page = page
        self.contacts_overleaf = contacts_overleaf
        frame = page.frame
        gap = page.px(GAP_PT)
        self.header_inset = page.px(10)
        self.header = page.document(
            f"<div style='color:white; font-size:{20 * page.text_scale:.1f}pt; font-weight:bold'>"
            f"{html.escape(content.title)}</div>"
            f"<div style='color:white; margin-top:6px'>{html.escape(content.subtitle)}</div>",
            frame.width() - 2 * self.header_inset,
            10.5,
        )
        self.header_height = self.header.size().height() + 2 * self.header_inset
        box_width = (frame.width() - 3 * gap) / 4
        rows = len(content.headline)
        self.headline = [
            (
                page.document(f"<b style='color:#0b4f8a'>{html.escape(row.label)}</b>", frame.width(), 8.5),
                [page.document(_headline_html(figure, page, rows), box_width, BODY_PT) for figure in row.figures],
            )
            for row in content.headline
        ]
        self.headline_height = sum(self._row_height(row) + page.px(3) for row in self.headline) + gap * max(rows - 1, 0)
        self.series_note = page.document(
            f"<p style='color:#444444'>{html.escape(content.series_note)}</p>", frame.width(), 8
        )
        summary_text = " ".join(text for text in (content.missing_reason, content.summary) if text)
        self.summary = page.document(f"<p>{html.escape(summary_text)}</p>", frame.width(), 10.5)
        side = _figures_table_html("Comparison", content.comparison) if content.comparison else ""
        if content.breakdown:
            side += "<br>" + _figures_table_html("Breakdown, where published", content.breakdown)
        # With nothing to show beside it (an area with little data), the chart takes the whole width.
        self.chart_width = frame.width() * 0.58 if side else frame.width()
        self.side = page.document(side, frame.width() - frame.width() * 0.58 - gap, BODY_PT)
        self.chart_height = max(page.px(175 * page.text_scale), self.side.size().height())
        self.spine_height = (
            spine_height(len(content.spine), page.px, BODY_PT * page.text_scale, SPINE_ROW_LINES)
            if content.spine
            else 0
        )
        self.contacts = page.document(_contacts_html(content), frame.width() - 2 * page.px(8), BODY_PT)
        self.notes = page.document(notes_html[True], frame.width(), NOTES_PT)
        self.footer = _footer_document(page, content)
        self.spine_pointer = page.document(
            f"<p><b>Where {html.escape(content.area)} stands among all forces, {html.escape(content.year)}:</b> "
            "the chart is in the Compare tab of Fact Sheets.</p>",
            frame.width(),
            BODY_PT,
        )
        self.spine_on_back = bool(content.spine)
        self._back_page_words: dict[tuple[bool, bool], tuple[QTextDocument, QTextDocument]] = {}
        self._word_the_back_page(series_note_on_front=False)
        self.contacts_height = self.contacts.size().height() + 2 * page.px(8)
        first_page = [self.header_height, self.headline_height, self.summary.size().height(), self.chart_height]
        if not contacts_overleaf:
            first_page.append(self.contacts_height)
        self.first_page_height = sum(first_page) + gap * len(first_page)
        # Where the area stands goes with the notes: the front keeps the support contacts before it.
        overleaf = [
            self.series_note.size().height(),
            self.spine_height,
            self.notes.size().height(),
            self.footer.size().height(),
        ]
        self.height = (
            self.first_page_height
            + sum(overleaf)
            + gap * (3 if self.spine_height else 2)
            + (self.contacts_height if contacts_overleaf else 0)
        )

    def _word_the_back_page(self, series_note_on_front: bool) -> None:
        """The front page's pointer to the back and the back's heading, naming what the back holds; each wording
        is measured once (the search for a fitting layout asks for them again and again)."""
        self.series_note_on_front = series_note_on_front
        key = (series_note_on_front, self.spine_on_back)
        if key not in self._back_page_words:
            self._back_page_words[key] = self._back_page_documents(series_note_on_front)
        self.overleaf, self.continued = self._back_page_words[key]

    def _back_page_documents(self, series_note_on_front: bool) -> tuple[QTextDocument, QTextDocument]:
        page, content = self.page, self.content
        back = ["where to get help or advice"] if self.contacts_overleaf else []
        back += [] if series_note_on_front else ["what the two series count"]
        back += ["where the area stands among all forces"] if self.spine_on_back else []
        back += ["the source of every figure and the cautions to read with them"]
        # The emergency line never leaves the front, even when the contacts must go overleaf.
        emergency = f"<span style='color:#000000'>{EMERGENCY_LINE}</span> " if self.contacts_overleaf else ""
        overleaf = page.document(
            f"<p style='color:#555555'><b>{emergency}Overleaf: {', '.join(back)}.</b></p>",
            page.frame.width(),
            BODY_PT if self.contacts_overleaf else NOTES_PT,
        )
        heading = "sources and cautions" if series_note_on_front else "what the figures count, sources and cautions"
        continued = page.document(
            f"<p style='color:#0b4f8a; font-size:{12 * page.text_scale:.1f}pt'><b>{html.escape(content.title)}, "
            f"{html.escape(content.year)}: {heading}</b></p>",
            page.frame.width(),
            10.5,
        )
        return overleaf, continued

    def _row_height(self, row: tuple) -> float:
        label, boxes = row
        return label.size().height() + self.page.px(3) + max(box.size().height() for box in boxes)

    @property
    def fits(self) -> bool:
        return self.height <= self.page.frame.height()

    @property
    def _series_note_with_gap(self) -> float:
        return self.series_note.size().height() + self.page.px(GAP_PT)

    @property
    def _front_with_notes_overleaf_height(self) -> float:
        note = self._series_note_with_gap if self.series_note_on_front else 0
        return self.first_page_height + note + self.overleaf.size().height() + self.footer.size().height()

    @property
    def fits_with_notes_overleaf(self) -> bool:
        return self._front_with_notes_overleaf_height <= self.page.frame.height()

    @property
    def back_height(self) -> float:
        """The back page measured as it is drawn: heading, contacts if overleaf, the series note if not on the
        front, where the area stands (or the line saying where to find it), notes and footer."""
        gap = self.page.px(GAP_PT)
        blocks = [self.continued.size().height()]
        blocks += [self.contacts_height] if self.contacts_overleaf else []
        blocks += [] if self.series_note_on_front else [self.series_note.size().height()]
        if self.content.spine:
            blocks += [self.spine_height if self.spine_on_back else self.spine_pointer.size().height()]
        blocks += [self.notes.size().height()]
        return sum(blocks) + gap * len(blocks) + self.footer.size().height()

    def fits_on_two_pages(self, with_spine: bool) -> bool:
        """Whether front and back both hold everything, with the series note brought to the front if it fits
        there; ``with_spine`` False leaves the spine chart and locator off the back for a line saying where
        they are."""
        self.spine_on_back = with_spine and bool(self.content.spine)
        self.notes = self.page.document(self._notes_html[self.spine_on_back], self.page.frame.width(), NOTES_PT)
        self._word_the_back_page(series_note_on_front=False)
        if self._series_note_with_gap <= self._front_spare:
            self._word_the_back_page(series_note_on_front=True)
        return self.fits_with_notes_overleaf and self.back_height <= self.page.frame.height()

    @property
    def _front_spare(self) -> float:
        front = self.height if self.pages == 1 else self._front_with_notes_overleaf_height
        return self.page.frame.height() - front

    @property
    def pages(self) -> int:
        """One page; else two; else three when even the back at the smallest size cannot hold every note."""
        if self.fits and not self.contacts_overleaf:
            return 1
        return 2 if self.back_height <= self.page.frame.height() else 3

    @property
    def notes_room_on_back(self) -> float:
        """The height left for the notes on the back, between what comes before them and the footer."""
        return self.page.frame.height() - (self.back_height - self.notes.size().height())

    def use_spare_room(self) -> None:
        """A front page with room to spare gives it to the chart, so the page ends with its footer, not an
        empty band."""
        self.chart_height += min(max(self._front_spare, 0.0), self.page.px(MOST_EXTRA_CHART_PT))


def _draw_document(
    painter: QPainter, document: QTextDocument, top_left: QPointF, part: tuple[float, float] | None = None
) -> float:
    """Draws the document, or only the band ``part`` (from, to) of it at ``top_left``; returns the height drawn."""
    start, end = part or (0.0, document.size().height())
    painter.save()
    try:  # restored on every path: an interrupted sheet left the painter unbalanced ("ended with 1 saved states")
        painter.translate(top_left - QPointF(0, start))
        document.drawContents(painter, QRectF(0, start, document.textWidth(), end - start))
    finally:
        painter.restore()
    return end - start


def _page_break(document: QTextDocument, room: float) -> tuple[float, float]:
    """Where the band on this page ends (the last paragraph ending within ``room``) and where the next page's
    band starts (the next paragraph's top): a page break never cuts a line in two, and no line lies in both
    bands, since Qt draws a line that only touches the clip's edge (hidden on paper, yet read out from the PDF)."""
    layout = document.documentLayout()
    end = 0.0
    block = document.begin()
    while block.isValid() and layout.blockBoundingRect(block).bottom() <= room:
        end = layout.blockBoundingRect(block).bottom()
        block = block.next()
    return end, layout.blockBoundingRect(block).top() if block.isValid() else end


def _nice_step(span: float) -> float:
    """A whole-number step for an axis of counts: 1, 2 or 5 times a power of ten (a 2.5 step would be
    labelled 3 on a chart of whole offences)."""
    raw = span / 4
    magnitude = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    return next(step * magnitude for step in (1, 2, 5, 10) if step * magnitude >= raw)


def path_with_gaps(values, x_of, y_of, unjoined=None) -> QPainterPath:
    """A line through the values, broken where one is missing or where ``unjoined`` says a year's total covers
    other forces than the year before's: a gap, never a line across it."""
    path = QPainterPath()
    drawing = False
    for index, value in enumerate(values):
        if is_missing(value):
            drawing = False
            continue
        point = QPointF(x_of(index), y_of(value))
        path.lineTo(point) if drawing and not (unjoined is not None and unjoined[index]) else path.moveTo(point)
        drawing = True
    return path


UNLABELLED = "some points unlabelled for room (every figure is written out overleaf)"


def _distance(rect: QRectF, point: QPointF) -> float:
    return math.hypot(
        max(rect.left() - point.x(), 0.0, point.x() - rect.right()),
        max(rect.top() - point.y(), 0.0, point.y() - rect.bottom()),
    )


@dataclass
class ValueLabels:
    """Where a chart's value labels go: inside the plot, clearly nearer its own point than any other (the more so
    than to the other series' point that year, else the two figures read swapped) and standing over its own
    year, touching no other label and crossing no line or dot. A label with no such place is left out, unless
    it is one the sheet must give (its year's figures): that one takes the place crossing fewest lines and
    labels, then nearest."""

    bounds: QRectF
    points: dict[tuple[str, int], QPointF]  # each plotted point by its line and year
    taken: list[QPainterPath]  # every line and dot
    gap: float
    labelled: list[tuple[tuple[str, int], QRectF]] = field(default_factory=list)  # each label placed, by point
    required: set[tuple[str, int]] = field(default_factory=set)  # those placed because they must be

    def place(self, key: tuple[str, int], choices: list[QRectF], required: bool) -> QRectF | None:
        inside = [rect for rect in choices if self.bounds.contains(rect)] or choices
        label = next((rect for rect in inside if self.clashes(key, rect) == (0, 0, 0)), None)
        if label is None and required:  # clear of lines and labels first: its colour tells whose figure it is
            label = min(inside, key=lambda rect: self.clashes(key, rect, same_year_apart=False)[::-1])
            self.required.add(key)
        if label is not None:
            self.labelled.append((key, label))
        return label

    def clashes(self, key: tuple[str, int], rect: QRectF, same_year_apart: bool = True) -> tuple[int, int, int]:
        """How many points it might be read as labelling, labels it touches, and lines or dots it crosses."""
        own = self.points[key]
        mine, middle = _distance(rect, own), rect.center().x()
        misread = 0
        for other, point in self.points.items():
            if other == key:
                continue
            same_year = other[1] == key[1]
            # its middle nearer another year's point than its own: it is read as that year's figure
            misread += not same_year and abs(middle - point.x()) <= abs(middle - own.x())
            margin = 1.5 if same_year_apart and same_year else 1.2
            misread += _distance(rect, point) <= mine * margin + self.gap
        near = rect.adjusted(-self.gap, -self.gap, self.gap, self.gap)
        touching = sum(near.intersects(other) for _key, other in self.labelled if other is not rect)
        return misread, touching, sum(shape.intersects(rect) for shape in self.taken)


def _label_choices(point: QPointF, width: float, height: float, radius: float, above_first: bool) -> list[QRectF]:
    """Places round a point, nearest first: above and below (the side its value suggests first), slid left and
    right, then beside it, then further off."""
    x, y = point.x(), point.y()
    above = QRectF(x - width / 2, y - radius - height, width, height)
    below = QRectF(x - width / 2, y + radius, width, height)
    upright = [above, below] if above_first else [below, above]
    beside = [
        QRectF(x + side, y - height / 2 + lift, width, height)
        for lift in (0.0, -height / 2, height / 2, -height, height)
        for side in (radius * 1.5, -radius * 1.5 - width)
    ]
    choices = []
    for away in (0.0, height / 2, height, height * 1.5, height * 2):
        choices += [
            rect.translated(shift, -away if rect is above else away)
            for rect in upright
            for shift in (0.0, width / 2, -width / 2)
        ]
        if away == 0.0:
            choices += beside
    return choices


def _draw_chart(painter: QPainter, layout: _Layout, area: QRectF) -> None:
    """One line per series, each with its own colour and dash and named in a legend; a gap where a year has
    no figure, never a line across it."""
    page, content = layout.page, layout.content
    shown = charted_years(content.trend)
    painter.setFont(page.font(8.5, bold=True))
    painter.setPen(INK)
    title = f"{content.trend_label} {_notes_marker(content.trend_notes)}"
    title_height = page.px(14 * page.text_scale)
    painter.drawText(QRectF(area.left(), area.top(), area.width(), title_height), Qt.AlignmentFlag.AlignLeft, title)
    if shown.empty:
        painter.setFont(page.font(9))
        painter.drawText(area, Qt.AlignmentFlag.AlignCenter, "This data set has no figures to chart for this area.")
        return
    years = list(shown.index)
    lines = {name: shown[name].to_numpy(dtype=float) for name in shown.columns}
    highest = max(float(np.nanmax(numbers)) for numbers in lines.values() if np.isfinite(numbers).any())
    step = _nice_step(highest) if highest > 0 else 1.0
    top_value = step * max(1, math.ceil(highest * 1.15 / step))  # room above the top point for its label

    painter.setFont(page.font(NOTES_PT))
    metrics = painter.fontMetrics()
    row_height = metrics.height() * 1.3
    legend_top = area.top() + title_height
    x, y = area.left(), legend_top
    for name in lines:
        colour, dash = SHEET_LINE_STYLES[name]
        width = page.px(22) + metrics.horizontalAdvance(name) + page.px(4)
        if x > area.left() and x + width > area.right():  # the next entry goes on a line of its own
            x, y = area.left(), y + row_height
        painter.setPen(QPen(colour, page.px(1.6), dash))
        painter.drawLine(QPointF(x, y + row_height / 2), QPointF(x + page.px(18), y + row_height / 2))
        painter.setPen(INK)
        label = QRectF(x + page.px(22), y, width - page.px(22), row_height)
        painter.drawText(label, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)
        x = label.right() + page.px(10)
    legend_height = y + row_height - legend_top
    axis_width = metrics.horizontalAdvance(format_axis_number(top_value, step)) + page.px(4)
    plot_width = area.width() - axis_width - page.px(8)
    # The note under the years, clear of every line and label: why a line has gaps, and why points are
    # unlabelled where their numbers would collide. Its room is kept whether or not points go unlabelled: that
    # is known only once they are placed.
    unjoined = content.trend_unjoined.loc[shown.index].to_numpy().any()
    notes = []
    if unjoined or any(not np.isfinite(numbers).all() for numbers in lines.values()):
        notes.append(
            "Gaps: no figure, or two years not like for like"
            if unjoined
            else "Gaps: no figure in this data set for those years"
        )
    lines_of_note = math.ceil(metrics.horizontalAdvance("; ".join([*notes, UNLABELLED])) / plot_width)
    plot = QRectF(
        area.left() + axis_width,
        legend_top + legend_height + page.px(6),
        plot_width,
        area.height() - title_height - legend_height - page.px(6) - metrics.height() * (1.6 + lines_of_note),
    )
    note_box = QRectF(plot.left(), plot.bottom() + metrics.height() * 1.4, plot_width, metrics.height() * lines_of_note)

    def x_of(index: int) -> float:
        return plot.left() + (index + 0.5) * plot.width() / len(years)

    def y_of(value: float) -> float:
        return plot.bottom() - value / top_value * plot.height()

    painter.setPen(QPen(RULE, page.px(0.4)))
    tick = 0.0
    while tick <= top_value + step / 2:
        y = y_of(tick)
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.drawText(
            QRectF(area.left(), y - metrics.height() / 2, axis_width - page.px(3), metrics.height()),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            format_axis_number(tick, step),
        )
        tick += step
    painter.setPen(QPen(INK, page.px(0.8)))
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    slot = plot.width() / len(years)
    every = max(1, math.ceil((metrics.horizontalAdvance("2000/00") + page.px(6)) / slot))
    for index, year in enumerate(years):
        if (len(years) - 1 - index) % every == 0:  # counted back from the last year, which is always named
            painter.drawText(
                QRectF(x_of(index) - page.px(30), plot.bottom() + page.px(2), page.px(60), metrics.height()),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                year,
            )

    painter.setFont(page.font(NOTES_PT))
    radius = page.px(2.2)
    line_width = page.px(1.6)
    taken: list[QPainterPath] = []  # every line and dot, which no value label may cross
    for name, numbers in lines.items():
        colour, dash = SHEET_LINE_STYLES[name]
        painter.setPen(QPen(colour, line_width, dash, Qt.PenCapStyle.RoundCap))
        path = path_with_gaps(numbers, x_of, y_of, content.trend_unjoined.loc[shown.index, name].to_numpy())
        painter.drawPath(path)
        stroker = QPainterPathStroker()
        stroker.setWidth(line_width)
        taken.append(stroker.createStroke(path))
        painter.setBrush(colour)
        painter.setPen(QPen(QColor("white"), page.px(0.6)))
        for index in np.flatnonzero(np.isfinite(numbers)):
            point = QPointF(x_of(index), y_of(numbers[index]))
            painter.drawEllipse(point, radius, radius)
            dot = QPainterPath()
            dot.addEllipse(point, radius, radius)
            taken.append(dot)
        painter.setBrush(Qt.BrushStyle.NoBrush)
    # In each year the higher point is labelled above and the lower one below, so the labels stay apart; the
    # sheet's own year is labelled first, as it must be.
    stacked = np.vstack(list(lines.values()))
    highest_each_year = np.nanmax(np.where(np.isnan(stacked), -np.inf, stacked), axis=0)
    points = {
        (name, index): QPointF(x_of(index), y_of(numbers[index]))
        for name, numbers in lines.items()
        for index in np.flatnonzero(np.isfinite(numbers))
    }
    required = {(name, index) for name, index in points if years[index] == content.year}
    room = QRectF(plot.left(), plot.top(), area.right() - plot.left(), plot.height())  # the margin right of it too
    labels = ValueLabels(room, points, taken, page.px(1.5))
    for name, index in sorted(points, key=lambda key: key not in required):
        value = lines[name][index]
        text = format_count(value)
        width, height = metrics.horizontalAdvance(text) + page.px(1), metrics.height()
        choices = _label_choices(points[name, index], width, height, radius, value >= highest_each_year[index])
        label = labels.place((name, index), choices, (name, index) in required)
        if label is not None:  # in its line's colour, so that two close figures are told apart
            painter.fillRect(label, QColor("white"))  # no gridline strikes through it
            painter.setPen(SHEET_LINE_STYLES[name][0])
            painter.drawText(label, Qt.AlignmentFlag.AlignCenter, text)
    if len(labels.labelled) < len(points):
        notes.append(UNLABELLED)
    if notes:
        painter.setPen(MUTED)
        said = "; ".join(notes)
        painter.drawText(
            note_box,
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom | Qt.TextFlag.TextWordWrap,
            said[:1].upper() + said[1:],
        )


def _fitting_layout(content: SheetContent, device) -> _Layout:
    """The largest text scale, down to the smallest readable one, at which the sheet fits on one page; failing
    that, two pages (sources and cautions overleaf) that both fit: first with the support contacts on the front,
    then with them overleaf, each with the spine chart on the back if it fits at any scale, else without it. A
    sheet that does not fit one page even at the smallest scale is not laid out at every scale in between."""
    steps = int(round((1 - SMALLEST_TEXT_SCALE) / 0.02))
    scales = [round(1 - 0.02 * step, 2) for step in range(steps + 1)]
    layouts: dict[tuple[float, bool], _Layout] = {}
    pages: dict[float, _Page] = {}  # the support contacts' place changes no block: both share them
    chart_in_figures = chart_in_words(content)  # the same words at every scale, and they take a while
    notes_html = {with_spine: _notes_html(content, chart_in_figures, with_spine) for with_spine in (True, False)}

    def at(scale: float, contacts_overleaf: bool = False) -> _Layout:
        key = (scale, contacts_overleaf)
        if scale not in pages:
            pages[scale] = _Page(device, scale)
        layouts[key] = layouts.get(key) or _Layout(content, pages[scale], notes_html, contacts_overleaf)
        return layouts[key]

    if at(scales[0]).fits:
        return at(scales[0])
    # Heights shrink about as fast as the text: a sheet far too tall at full size need not be tried smaller.
    might_fit = at(scales[0]).height * SMALLEST_TEXT_SCALE <= at(scales[0]).page.frame.height() * 1.05
    if might_fit and at(scales[-1]).fits:
        return next(at(scale) for scale in scales if at(scale).fits)
    # The support contacts move to the back only when the front cannot hold them at a readable size: the front
    # is never shrunk further or cut off, and neither are the cautions or the stamp on the back.
    for contacts_overleaf in (False, True):
        for with_spine in (True, False):
            for scale in scales:
                if at(scale, contacts_overleaf).fits_on_two_pages(with_spine):
                    return at(scale, contacts_overleaf)
    # Notes too long for a page even at the smallest size: the most that can be shown, still readable.
    last_resort = at(scales[-1], contacts_overleaf=True)
    last_resort.fits_on_two_pages(with_spine=False)
    return last_resort


def layout_for(content: SheetContent, device) -> _Layout:
    """The sheet's layout (see ``_fitting_layout``) with its front page's spare room used."""
    layout = _fitting_layout(content, device)
    layout.use_spare_room()
    return layout


def _draw_contacts(painter: QPainter, layout: _Layout, top: float) -> float:
    """The support contacts in their box; returns where the box ends."""
    page, frame = layout.page, layout.page.frame
    painter.setPen(QPen(ACCENT, page.px(1.2)))
    painter.drawRect(QRectF(frame.left(), top, frame.width(), layout.contacts_height))
    _draw_document(painter, layout.contacts, QPointF(frame.left() + page.px(8), top + page.px(8)))
    return top + layout.contacts_height


def _draw_footer(painter: QPainter, page: _Page, footer: QTextDocument, top: float) -> None:
    """At the foot of the page, where a reader looks for it; never over what is above it."""
    bottom_aligned = page.frame.bottom() - footer.size().height()
    _draw_document(painter, footer, QPointF(page.frame.left(), max(top, bottom_aligned)))


def _draw_where_it_stands(painter: QPainter, layout: _Layout, top: float) -> float:
    """The spine chart, with the locator map beside it where the area has a tile; returns where it ends."""
    page, content = layout.page, layout.content
    if not layout.spine_height:
        return top
    area = QRectF(page.frame.left(), top, page.frame.width(), layout.spine_height)
    locator_width = area.height() * 0.8 if content.locator else 0
    spine = QRectF(area.left(), area.top(), area.width() - locator_width - page.px(6), area.height())
    title = f"Where {content.area} stands among all forces, {content.year}"
    draw_spine(painter, spine, content.spine, page.px, BODY_PT * page.text_scale, title, SPINE_ROW_LINES)
    if content.locator:
        draw_locator(
            painter,
            QRectF(area.right() - locator_width, area.top(), locator_width, area.height()),
            content.locator,
            content.area,
        )
    return area.bottom() + page.px(GAP_PT)


def paint_sheet(painter: QPainter, content: SheetContent, device) -> int:
    """Draws the sheet from the device's current page on; returns how many pages it took."""
    layout = layout_for(content, device)
    page = layout.page
    frame = page.frame
    gap = page.px(GAP_PT)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)

    header = QRectF(frame.left(), frame.top(), frame.width(), layout.header_height)
    painter.fillRect(header, ACCENT)
    _draw_document(painter, layout.header, header.topLeft() + QPointF(layout.header_inset, layout.header_inset))
    y = header.bottom() + gap

    box_width = (frame.width() - 3 * gap) / 4
    for row in layout.headline:
        label, boxes = row
        _draw_document(painter, label, QPointF(frame.left(), y))
        top = y + label.size().height() + page.px(3)
        for index, document in enumerate(boxes):
            left = frame.left() + index * (box_width + gap)
            painter.setPen(QPen(RULE, page.px(0.5)))
            painter.drawLine(QPointF(left, top), QPointF(left + box_width, top))
            _draw_document(painter, document, QPointF(left, top + page.px(3)))
        y += layout._row_height(row) + page.px(3) + gap
    one_page = layout.pages == 1
    if one_page or layout.series_note_on_front:
        y += _draw_document(painter, layout.series_note, QPointF(frame.left(), y)) + gap

    y += _draw_document(painter, layout.summary, QPointF(frame.left(), y)) + gap

    _draw_chart(painter, layout, QRectF(frame.left(), y, layout.chart_width, layout.chart_height))
    _draw_document(painter, layout.side, QPointF(frame.left() + layout.chart_width + gap, y))
    y += layout.chart_height + gap

    if not layout.contacts_overleaf:
        y = _draw_contacts(painter, layout, y) + gap
    if one_page:
        y = _draw_where_it_stands(painter, layout, y)
        y += _draw_document(painter, layout.notes, QPointF(frame.left(), y)) + gap
        _draw_footer(painter, page, layout.footer, y)
        return 1
    y += _draw_document(painter, layout.overleaf, QPointF(frame.left(), y))
    _draw_footer(painter, page, layout.footer, y)
    device.newPage()
    y = frame.top() + _draw_document(painter, layout.continued, frame.topLeft()) + gap
    if layout.contacts_overleaf:
        y = _draw_contacts(painter, layout, y) + gap
    if not layout.series_note_on_front:
        y += _draw_document(painter, layout.series_note, QPointF(frame.left(), y)) + gap
    if layout.spine_on_back:
        y = _draw_where_it_stands(painter, layout, y)
    elif content.spine:
        y += _draw_document(painter, layout.spine_pointer, QPointF(frame.left(), y)) + gap
    if layout.pages == 3:
        # Notes too long for the back even at the smallest size go on to a third page, never off the paper.
        back_ends, third_starts = _page_break(layout.notes, layout.notes_room_on_back)
        y += _draw_document(painter, layout.notes, QPointF(frame.left(), y), (0.0, back_ends)) + gap
        _draw_footer(painter, page, layout.footer, y)
        device.newPage()
        y = frame.top() + _draw_document(painter, layout.continued, frame.topLeft()) + gap
        y += _draw_document(
            painter, layout.notes, QPointF(frame.left(), y), (third_starts, layout.notes.size().height())
        )
    else:
        y += _draw_document(painter, layout.notes, QPointF(frame.left(), y))
    _draw_footer(painter, page, layout.footer, y + gap)
    return layout.pages


def paint_blank_back(painter: QPainter, content: SheetContent, device) -> None:
    """The back of a sheet's last page, left blank in a combined file so that the next sheet starts on a new
    sheet of paper when printed on both sides; it carries the stamp, as every page does."""
    page = _Page(device, 1.0)
    note = page.document(
        f"<p style='color:#555555'>This page is left blank so that each area's sheet starts on a new sheet of paper "
        f"when printed on both sides. The sheet before it: {html.escape(content.title)}, "
        f"{html.escape(content.year)}.</p>",
        page.frame.width(),
        NOTES_PT,
    )
    drawn = _draw_document(painter, note, page.frame.topLeft())
    _draw_footer(painter, page, _footer_document(page, content), page.frame.top() + drawn)
