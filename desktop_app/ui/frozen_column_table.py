"""A table whose first column stays in view while the others scroll sideways.

Qt has no frozen columns; the usual way, used here, is a second view of the same model laid over the first
column, sharing its selection and following its vertical scrolling. The overlay takes no focus, so the
keyboard stays in the main table and Tab leaves it for the next control.

Sideways the table scrolls by pixels but comes to rest with a column's left edge against the overlay's right
edge: scrolled by whole columns, as Qt does by default, a column would sit half under the overlay and show a
sliver of its heading and figures.
"""

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import QAbstractItemView, QAbstractSlider, QFrame, QHeaderView, QTableView, QWidget

CURRENT_CELL_FRAME = 2  # pixels


def _frame_current_cell(view: QTableView, columns) -> None:
    """A frame round the current cell where it is one of ``columns`` of this view: with whole rows
    highlighted, nothing showed which figure the arrow keys had reached."""
    current = view.currentIndex()
    if not (current.isValid() and current.column() in columns):
        return
    selected = view.selectionModel().isSelected(current)
    role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Highlight
    painter = QPainter(view.viewport())
    painter.setPen(QPen(view.palette().color(role), CURRENT_CELL_FRAME))
    painter.drawRect(view.visualRect(current).adjusted(1, 1, -CURRENT_CELL_FRAME, -CURRENT_CELL_FRAME))
    painter.end()


class _KeptInView(QTableView):
    """The overlay showing the first column; it frames the current cell there while the table has the focus."""

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self.parentWidget().hasFocus():
            _frame_current_cell(self, (0,))


class FrozenFirstColumnTable(QTableView):
    def __init__(self, parent: QWidget | None = None, **properties):
        super().__init__(parent, **properties)
        self.setTabKeyNavigation(False)  # Tab moves on to the next control instead of along the cells
        self.frozen = _KeptInView(self, accessibleName="Area names, kept in view")
        self.frozen.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.frozen.setFrameShape(QFrame.Shape.NoFrame)
        self.frozen.verticalHeader().hide()
        self.frozen.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.horizontalScrollBar().actionTriggered.connect(self._step_to_a_column_edge)
        self.horizontalScrollBar().sliderReleased.connect(self._settle_on_a_column_edge)
        self.frozen.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.frozen.horizontalHeader().sectionClicked.connect(self._sort_by_first_column)
        self.viewport().stackUnder(self.frozen)
        self.horizontalHeader().sectionResized.connect(self._follow_first_column_width)
        self.horizontalHeader().sortIndicatorChanged.connect(self._show_sort_on_first_column)
        self.verticalScrollBar().valueChanged.connect(self.frozen.verticalScrollBar().setValue)
        self.frozen.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)

    def setModel(self, model: QAbstractItemModel) -> None:
        super().setModel(model)
        self.frozen.setModel(model)
        self.frozen.setSelectionModel(self.selectionModel())
        model.modelReset.connect(self._show_only_first_column)
        model.layoutChanged.connect(self._show_only_first_column)
        self._show_only_first_column()

    def setAlternatingRowColors(self, enable: bool) -> None:
        super().setAlternatingRowColors(enable)
        self.frozen.setAlternatingRowColors(enable)

    def setSelectionBehavior(self, behavior: QAbstractItemView.SelectionBehavior) -> None:
        super().setSelectionBehavior(behavior)
        self.frozen.setSelectionBehavior(behavior)

    def _show_only_first_column(self) -> None:
        for column in range(1, self.model().columnCount()):
            self.frozen.setColumnHidden(column, True)
        self.frozen.verticalHeader().setDefaultSectionSize(self.verticalHeader().defaultSectionSize())
        self._follow_first_column_width(0, 0, self.columnWidth(0))

    def _follow_first_column_width(self, column: int, _old: int, width: int) -> None:
        if column == 0:
            self.frozen.setColumnWidth(0, width)
            self._place_overlay()

    def _sort_by_first_column(self, column: int) -> None:
        """A click on the kept-in-view header sorts as a click on the table's own header would."""
        header = self.horizontalHeader()
        again = header.sortIndicatorSection() == column and header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
        self.sortByColumn(column, Qt.SortOrder.DescendingOrder if again else Qt.SortOrder.AscendingOrder)

    def _show_sort_on_first_column(self, column: int, order: Qt.SortOrder) -> None:
        frozen_header = self.frozen.horizontalHeader()
        frozen_header.setSortIndicatorShown(column == 0)
        frozen_header.setSortIndicator(column, order)

    def resizeColumnsToContents(self) -> None:
        """As Qt's, each shown column as wide as its widest cell or its header, but only the cell with the widest
        text is measured: Qt asks every cell a dozen roles through Python, most of the time the window took to
        open."""
        self.fit_columns(column for column in range(self.model().columnCount()) if not self.isColumnHidden(column))

    def fit_columns(self, columns) -> None:
        """These columns as wide as their widest shown cell or their header."""
        model, metrics, header = self.model(), self.fontMetrics(), self.horizontalHeader()
        rows = [row for row in range(model.rowCount()) if not self.isRowHidden(row)]
        for column in columns:
            content = 0
            if rows:
                indexes = [model.index(row, column) for row in rows]
                widest = max(indexes, key=lambda index: metrics.horizontalAdvance(str(model.data(index) or "")))
                content = self.sizeHintForIndex(widest).width() + (1 if self.showGrid() else 0)
            header.resizeSection(column, max(content, header.sectionSizeHint(column)))

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self.hasFocus():
            _frame_current_cell(self, range(1, self.model().columnCount()))

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.frozen.viewport().update()  # its frame shows only while the table has the focus

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.frozen.viewport().update()

    def keyPressEvent(self, event) -> None:
        """Home and Ctrl+Home go to the first column, and the table scrolls back to the columns after it."""
        super().keyPressEvent(event)
        if event.key() == Qt.Key.Key_Home:
            self.horizontalScrollBar().setValue(0)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_overlay()

    def updateGeometries(self) -> None:
        bar = self.horizontalScrollBar()
        scrolled = bar.value()
        super().updateGeometries()  # sets Qt's own range, which would pull a view scrolled to the end back
        self._end_on_a_column_edge()
        bar.setValue(min(scrolled, bar.maximum()))
        self._place_overlay()

    def _end_on_a_column_edge(self) -> None:
        """Scrolled all the way, the last column's right edge would meet the viewport's, and whichever column
        then sat at the first column's edge showed half under it ("07%" for +107%): the scroll range is
        stretched to the next column edge, with blank space after the last column."""
        if self.model() is None:
            return
        bar = self.horizontalScrollBar()
        beyond = [start for start in self._column_starts() if start >= bar.maximum()]
        if bar.maximum() > 0 and beyond:
            bar.setMaximum(min(beyond))

    def _place_overlay(self) -> None:
        if self.model() is None:
            return
        self.frozen.horizontalHeader().setFixedHeight(self.horizontalHeader().height())
        self.frozen.setGeometry(
            self.verticalHeader().width() + self.frameWidth(),
            self.frameWidth(),
            self.columnWidth(0),
            self.viewport().height() + self.horizontalHeader().height(),
        )

    def scrollTo(self, index, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:
        """Moving to another row keeps the columns scrolled where they were: the first column is always in view,
        so there is no need to scroll back to it. Moving to another column brings it out from under the first."""
        bar = self.horizontalScrollBar()
        sideways = bar.value()
        super().scrollTo(index, hint)
        if index.column() == 0:
            bar.setValue(sideways)
            return
        under_the_first = self.horizontalHeader().sectionPosition(index.column()) - self.columnWidth(0)
        resting = [edge for edge in self._column_edges() if bar.value() <= edge <= under_the_first]
        bar.setValue(min(resting, default=min(under_the_first, bar.maximum())))

    def _column_starts(self) -> list[int]:
        """The sideways scroll position at which each shown column starts where the first column ends."""
        header = self.horizontalHeader()
        return [
            header.sectionPosition(column) - self.columnWidth(0)
            for column in range(1, header.count())
            if not header.isSectionHidden(column)
        ]

    def _column_edges(self) -> list[int]:
        """Where the table may come to rest sideways: the column starts within the scroll range, and its ends."""
        end = self.horizontalScrollBar().maximum()
        return sorted({0, end, *(start for start in self._column_starts() if 0 < start < end)})

    def _step_to_a_column_edge(self, action: int) -> None:
        """A click on the scroll bar's arrows or track, or a turn of the wheel, moves to the next column edge."""
        bar = self.horizontalScrollBar()
        now, aimed = bar.value(), bar.sliderPosition()
        if action == QAbstractSlider.SliderAction.SliderMove and bar.isSliderDown() or aimed == now:
            return
        edges = self._column_edges()
        if aimed > now:  # as far as the step reaches, and at least to the next edge (the last edge is the end)
            within = [edge for edge in edges if now < edge <= aimed]
            bar.setSliderPosition(max(within) if within else min(edge for edge in edges if edge > now))
        else:  # the first edge is 0
            within = [edge for edge in edges if aimed <= edge < now]
            bar.setSliderPosition(min(within) if within else max(edge for edge in edges if edge < now))

    def _settle_on_a_column_edge(self) -> None:
        bar = self.horizontalScrollBar()
        bar.setValue(min(self._column_edges(), key=lambda edge: abs(edge - bar.value())))
