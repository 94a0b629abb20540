"""Trend graphs: chosen areas over the years, with gaps where a year is missing or two years' totals cover
different forces, hover read-outs and export."""

import html
import math
import re
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF, QSignalBlocker, Qt
from PySide6.QtGui import QCursor, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from desktop_app.formatting import format_axis_number, format_percent, is_missing, run_on
from desktop_app.io.table_export import SheetColumn, Unit, about_path, spreadsheet_table, write_about, write_csv
from desktop_app.model.citation import about_the_export, export_stamp, sources_in_brief
from desktop_app.model.dataset import UNITED_KINGDOM, DataSet, published_in_words
from desktop_app.model.details import revised_years
from desktop_app.model.measures import HOME_OFFICE_CHILD_OFFENCES, HOME_OFFICE_COVERS, OFFENCES, ONLINE_FLAGGED
from desktop_app.model.statistics import (
    HOME_OFFICE_RATE,
    ONLINE_SHARE,
    POLICE_FORCE,
    RATES,
    child_population_for,
    trends,
    unlike_year_before,
)
from desktop_app.model.years import start_year
from desktop_app.ui.chart_export import CHART_FORMATS
from desktop_app.ui.chart_measures import BOTH_SERIES, BOTH_SERIES_LINES, PLOTTED_MEASURES
from desktop_app.ui.controls import NoMatchNotice, as_rich_text, labelled_controls
from desktop_app.ui.selection import Selection

# Okabe-Ito colours: distinguishable with the common kinds of colour blindness.
LINE_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
COMPARISON_COLOUR = "#777777"
HOVER_DISTANCE_PIXELS = 12
# A nation's count dwarfs a force's: the comparison line is for rates and shares only.
COMPARABLE_MEASURES = (ONLINE_SHARE, *RATES)
# Beyond this many lines a legend covers the chart and its colours repeat: hover read-outs name the area instead.
MAX_LEGEND_ENTRIES = 12
# The legend's place in pyqtgraph's plot layout (title, top axis, plot, bottom axis, then this row) and columns.
LEGEND_ROW, LEGEND_COLUMNS, LEGEND_GAP = 4, 3, 24
STAMP_POINTS = 8  # the type size of what an exported image says under its chart
STAMP_ROW, STAMP_COLOUR = LEGEND_ROW + 1, "#333333"  # under the legend, in the axes' grey
# The online share's axis: the whole range, each tick labelled, 0% and 100% included.
SHARE_TICKS = [[(tick / 100, f"{tick}%") for tick in range(0, 101, 20)]]
HOME_OFFICE_MEASURES = (HOME_OFFICE_CHILD_OFFENCES, HOME_OFFICE_RATE)
# The value axis is short enough for a small window; the chart's title names the measure in full.
AXIS_NAMES = {**dict.fromkeys(RATES, "Offences per 1,000 children"), ONLINE_SHARE: "Share flagged as online"}
DIFFERENT_FORCES = (
    "the two years' figures are not like for like (totals covering different forces, or a figure its source says "
    "is not comparable), so a line between them would mislead"
)
# A suggested file name names this many areas, then says how many more.
NAMED_AREAS = 3
# The charted numbers' first columns, as exported.
YEAR, MEASURE = "Financial year", "Measure"
# Shares are exported as per cents and rates to the decimal place the read-outs show; counts as whole numbers.
EXPORTED_UNITS = {ONLINE_SHARE: (Unit.SHARE, 1), **{rate: (Unit.RATE, 1) for rate in RATES}}


class AxisNumbers(pg.AxisItem):
    """Axis labels written the app's way: 80,000, not 80000, and shares as per cents. pyqtgraph's SI prefix is
    off: it rescaled a 21% share to 214 under "(x0.001)"."""

    def __init__(self, orientation: str):
        super().__init__(orientation)
        self.enableAutoSIPrefix(False)
        self.shows_shares = False

    def tickStrings(self, values, scale, spacing):
        if self.shows_shares:
            return [format_percent(value * scale) for value in values]
        return [format_axis_number(value * scale, spacing * scale) for value in values]


class TrendsTab(QWidget):
    """Shows: the checked areas' chosen measure by financial year.

    Remembers (through the main window): which areas are checked and whether the comparison line is on.
    """

    def __init__(self, selection: Selection, parent: QWidget | None = None):
        super().__init__(parent)
        self._selection = selection

        self.search_box = QLineEdit(
            placeholderText="Find an area…", accessibleName="Find an area to plot", clearButtonEnabled=True
        )
        self.no_match = NoMatchNotice("area", "Search looks at area names and other names such as GMP or PSNI.")
        self.area_list = QListWidget(accessibleName="Areas to plot")
        self._fill_area_list()
        self.measure_box = QComboBox(accessibleName="Measure to plot")
        for key, (label, _formatter) in PLOTTED_MEASURES.items():
            self.measure_box.addItem(label, key)
        self.comparison_box = QCheckBox("Show the &nation or UK line for comparison", accessibleName="Comparison line")
        self.value_axis = AxisNumbers("left")
        self.plot = pg.PlotWidget(background="w", axisItems={"left": self.value_axis})
        self.plot.setAccessibleName("Trend chart")
        self.plot.showGrid(x=False, y=True, alpha=0.3)
        for side in ("left", "bottom"):
            self.plot.getAxis(side).setTextPen("#444444")  # pyqtgraph's default grey is too faint to read
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self._place_legend_under_the_chart()
        self._empty_message = pg.TextItem(color="#444444", anchor=(0.5, 0.5))
        self._empty_message.setFont(QFont(self.font().family(), 12))
        self.plot.addItem(self._empty_message, ignoreBounds=True)
        self._hover_points = []
        self._following_selection: str | None = None  # the area ticked for the user until they tick their own
        self._lines: dict[str, pg.PlotDataItem] = {}
        self._area_colours: dict[str, str] = {}
        self._practice_markers: list[pg.InfiniteLine] = []
        self._practice_marks: list[str] = []  # what each numbered dotted line marks, for exported images
        self._break_note = ""  # which points are not joined and why, for exported images too
        self._year_ticks: list[tuple[float, str]] = []  # every charted year's place and label
        self._point_marks = {
            is_revised: pg.ScatterPlotItem(symbol=symbol, size=size, pen=pg.mkPen("w"))
            for is_revised, symbol, size in ((False, "o", 8), (True, "d", 12))
        }
        for marks in self._point_marks.values():
            marks.setZValue(1)  # points above every line
            self.plot.addItem(marks)
        self.plot.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.plot.viewport().installEventFilter(self)
        self.note_label = QLabel(wordWrap=True, accessibleName="Chart note", textFormat=Qt.TextFormat.PlainText)
        self.note_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        side = QVBoxLayout()
        side.addWidget(self.search_box)
        side.addWidget(self.no_match)
        side.addWidget(self.area_list, 1)
        side.addWidget(self.comparison_box)
        chart = QVBoxLayout()
        chart.addLayout(labelled_controls(("&Measure:", self.measure_box)))
        chart.addWidget(self.plot, 1)
        chart.addWidget(self.note_label)
        layout = QHBoxLayout(self)
        layout.addLayout(side, 1)
        layout.addLayout(chart, 4)

        self.search_box.textChanged.connect(self._on_search_changed)
        self.area_list.currentTextChanged.connect(selection.set_area)
        self.area_list.itemChanged.connect(self._on_ticks_changed)
        self.measure_box.currentIndexChanged.connect(self._on_measure_chosen)
        self.comparison_box.toggled.connect(self._redraw)
        selection.area_changed.connect(self._on_area_changed)
        selection.measure_changed.connect(self._on_measure_changed)
        selection.release_changed.connect(self._on_release_changed)
        self._on_measure_changed(selection.measure)
        self._on_measure_chosen()
        self._on_area_changed(selection.area)

    @property
    def _data(self) -> DataSet:
        return self._selection.data

    def _place_legend_under_the_chart(self) -> None:
        """The legend sits below the axes, in columns, so it never covers a line or a recording-change mark; it is
        scaled with the chart, so an exported image's legend is as legible as its axes."""
        plot_item = self.plot.getPlotItem()
        legend = pg.LegendItem(labelTextColor="#222222", frame=False, colCount=LEGEND_COLUMNS)
        legend.setFlag(legend.GraphicsItemFlag.ItemIgnoresTransformations, False)
        legend.setMinimumWidth(0)  # long names must never widen the chart past its window
        plot_item.layout.addItem(legend, LEGEND_ROW, 1)
        plot_item.legend = legend  # lines plotted with a name are entered in it

    def _fit_legend(self) -> None:
        """As many columns as the chart's width holds, up to three; a hidden legend takes no room at all."""
        legend = self.plot.getPlotItem().legend
        widest = max(
            (sample.width() + label.item.boundingRect().width() for sample, label in legend.items), default=0.0
        )
        room = self.plot.getPlotItem().getViewBox().width()
        columns = int(room // (widest + LEGEND_GAP)) if widest else LEGEND_COLUMNS
        legend.setColumnCount(max(1, min(LEGEND_COLUMNS, columns)))
        # No bigger than its entries: given the room left over, it spread its columns across the chart's width
        # and stood its rows apart from the axis.
        shown = legend.isVisible()
        legend.setMaximumSize(legend.layout.preferredWidth(), legend.layout.preferredHeight() if shown else 0)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_legend()
        self._place_year_ticks()

    def _place_year_ticks(self) -> None:
        """Every year's label where the chart is wide enough, else every second or third: never run together."""
        if not self._year_ticks:
            return
        label = QFontMetrics(self.plot.getAxis("bottom").style["tickFont"] or self.font()).horizontalAdvance("2000/00")
        room = max(self.plot.getPlotItem().getViewBox().width(), 1.0) / len(self._year_ticks)
        every = max(1, math.ceil((label + 12) / room))
        self.plot.getAxis("bottom").setTicks([self._year_ticks[::every]])

    def _fill_area_list(self) -> None:
        """The release's areas with figures, ticked where the user ticked them: a new release ticks nothing else."""
        ticked = set(self.checked_areas())
        with QSignalBlocker(self.area_list):
            self.area_list.clear()
            for area in self._data.areas_with_figures:
                item = QListWidgetItem(area)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if area in ticked else Qt.CheckState.Unchecked)
                self.area_list.addItem(item)

    def _on_release_changed(self, _data: DataSet) -> None:
        """Rebinds to the release now shown: its areas in the list, and the chart redrawn from its figures."""
        self._fill_area_list()
        self._on_area_changed(self._selection.area)
        self._redraw()

    def checked_areas(self) -> list[str]:
        items = (self.area_list.item(row) for row in range(self.area_list.count()))
        return [item.text() for item in items if item.checkState() == Qt.CheckState.Checked]

    def set_checked_areas(self, areas: list[str]) -> None:
        self.area_list.blockSignals(True)
        for row in range(self.area_list.count()):
            item = self.area_list.item(row)
            item.setCheckState(Qt.CheckState.Checked if item.text() in areas else Qt.CheckState.Unchecked)
        self.area_list.blockSignals(False)
        self._redraw()

    def measure(self) -> str:
        return self.measure_box.currentData()

    def comparison_areas(self) -> list[str]:
        """The nation of each plotted force (the UK for a nation), each once, unless it is plotted already."""
        checked = self.checked_areas()
        if not self.comparison_box.isChecked() or self.measure() not in COMPARABLE_MEASURES:
            return []
        rows = (self._data.area_row(area) for area in checked if area != UNITED_KINGDOM)
        nations = (row["nation"] if row["area_type"] == POLICE_FORCE else UNITED_KINGDOM for row in rows)
        return [nation for nation in dict.fromkeys(nations) if nation not in checked]

    def plotted_lines(self) -> dict[str, tuple[str, str]]:
        """Each line on the chart by its legend name: the area and the measure it draws."""
        areas = self.checked_areas()
        if self.measure() == BOTH_SERIES:
            # An area outside a series (Scotland in the Home Office's) gets no empty line for it.
            has = {measure: trends(self._data, areas, measure).notna().any() for measure in BOTH_SERIES_LINES}
            return {
                f"{area}, {series}": (area, measure)
                for area in areas
                for measure, series in BOTH_SERIES_LINES.items()
                if has[measure][area] or (measure == OFFENCES and not has[HOME_OFFICE_CHILD_OFFENCES][area])
            }
        return {area: (area, self.measure()) for area in [*areas, *self.comparison_areas()]}

    def plotted_values(self) -> pd.DataFrame:
        """The numbers on the chart: one column per line, one row per financial year."""
        lines = self.plotted_lines()
        by_measure = {
            measure: trends(
                self._data, sorted({area for area, line_measure in lines.values() if line_measure == measure}), measure
            )
            for measure in {measure for _area, measure in lines.values()}
        }
        columns = {name: by_measure[measure][area] for name, (area, measure) in lines.items()}
        empty = trends(self._data, [], OFFENCES)
        return pd.DataFrame(columns, index=empty.index) if columns else empty

    def hover_text_at(self, scene_position: QPointF) -> str | None:
        """The read-out of the plotted point nearest the mouse, if it is within a few pixels."""
        view_box = self.plot.getPlotItem().getViewBox()
        nearest, distance = None, HOVER_DISTANCE_PIXELS
        for x, y, text in self._hover_points:
            point = view_box.mapViewToScene(QPointF(x, y))
            gap = math.hypot(point.x() - scene_position.x(), point.y() - scene_position.y())
            if gap <= distance:
                nearest, distance = text, gap
        return nearest

    def _on_mouse_moved(self, scene_position: QPointF) -> None:
        text = self.hover_text_at(scene_position)
        if text:
            QToolTip.showText(QCursor.pos(), as_rich_text(text), self.plot)
        else:
            QToolTip.hideText()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """When the mouse rests, Qt asks the chart for a tooltip and its scene answers with its items' (the
        recording-change marks'), hiding the read-out shown as the mouse arrived: near a point, the read-out
        answers instead."""
        if event.type() == QEvent.Type.ToolTip and watched is self.plot.viewport():
            text = self.hover_text_at(self.plot.mapToScene(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), as_rich_text(text), self.plot)
                return True
        return super().eventFilter(watched, event)

    def _on_search_changed(self, text: str) -> None:
        folded = text.strip().casefold()
        other_names = self._data.other_names  # "GMP" finds Greater Manchester
        for row in range(self.area_list.count()):
            item = self.area_list.item(row)
            names = f"{item.text()} / {other_names.get(item.text(), '')}"
            item.setHidden(folded not in names.casefold())
        shown = sum(not self.area_list.item(row).isHidden() for row in range(self.area_list.count()))
        self.no_match.show_for(text, shown)
        current = self.area_list.currentItem()
        if current is not None and current.isHidden():  # Space must never tick an area the search hides
            self.area_list.blockSignals(True)
            self.area_list.setCurrentRow(-1)
            self.area_list.blockSignals(False)

    def _on_measure_chosen(self) -> None:
        self._selection.set_measure(self.measure())
        comparable = self.measure() in COMPARABLE_MEASURES
        self.comparison_box.setEnabled(comparable)
        self.comparison_box.setToolTip(
            ""
            if comparable
            else "The comparison line is drawn for rates and shares: a nation's count dwarfs a force's."
        )
        self._redraw()

    def _on_measure_changed(self, measure: str) -> None:
        index = self.measure_box.findData(measure)
        if index >= 0 and index != self.measure_box.currentIndex():
            self.measure_box.setCurrentIndex(index)

    def _on_area_changed(self, area: str) -> None:
        items = self.area_list.findItems(area, Qt.MatchFlag.MatchExactly)
        if not items:
            return
        self.area_list.setCurrentItem(items[0])
        ticked = self.checked_areas()
        if not ticked or ticked == [self._following_selection]:  # the chart follows the selection until the user
            self.set_checked_areas([area])  # ticks their own
            self._following_selection = area

    def _on_ticks_changed(self) -> None:
        self._following_selection = None  # the user's own ticks now
        self._redraw()

    @staticmethod
    def _recorded_measure(measure: str) -> str:
        """The published figure behind a plotted value: rates and shares are worked out from counts."""
        return {**RATES, ONLINE_SHARE: OFFENCES}.get(measure, measure)

    def _source_words(self, area: str, year: str, measure: str) -> str:
        found = self._data.current_sources.get((area, year, self._recorded_measure(measure)))
        return f"Source: {found.publisher}, {published_in_words(found.published)}" if found else ""

    def _hover_text(
        self, area: str, measure: str, year: str, value: float, revised: bool, unjoined: str, no_home_office: bool
    ) -> str:
        label, formatter = PLOTTED_MEASURES[measure]
        text = f"{area}, {year}\n{label}: {formatter(value)}\n{self._source_words(area, year, measure)}"
        if unjoined:
            text += f"\nNot joined to {unjoined}: {DIFFERENT_FORCES}"
        if no_home_office:  # why one line, not two
            text += f"\nNo Home Office line: {run_on(HOME_OFFICE_COVERS)}"
        return text + (
            "\nRevised: this is the newest release's figure; an earlier release gave another" if revised else ""
        )

    def _outside_home_office_series(self, area: str) -> bool:
        return not self._data.in_home_office_series(area)

    def _why_empty(self, values: pd.DataFrame) -> str:
        """Said on the chart itself when nothing is drawn, so an empty chart is never mistaken for zeros."""
        if values.empty:
            return "Tick one or more areas to plot them."
        label = PLOTTED_MEASURES[self.measure()][0]
        reason = f"No figures for {run_on(label)} for the areas ticked."
        if self.measure() in HOME_OFFICE_MEASURES and all(map(self._outside_home_office_series, values.columns)):
            reason += f"\n{HOME_OFFICE_COVERS}."
        return reason

    def _show_empty(self, values: pd.DataFrame) -> None:
        """Clears the last measure's lines and axes and says why the chart is empty, in its middle."""
        self._set_lines([])
        self._draw_points({False: [], True: []})
        self._draw_practice_markers(pd.DataFrame())
        for side in ("left", "bottom"):
            self.plot.getAxis(side).setTicks([[]])
        self.plot.setLabel("left", "")
        self.plot.setXRange(0, 1, padding=0)
        self.plot.setYRange(0, 1, padding=0)
        self._empty_message.setText(self._why_empty(values))
        self._empty_message.setPos(0.5, 0.5)
        self._empty_message.setVisible(True)
        self.note_label.setText(
            "Tick one or more areas to plot them."
            if values.empty
            else "This data set has no figures for the ticked areas on this measure."
        )

    def _legend_name(self, name: str, area: str, measure: str, has_figures: bool) -> str:
        if has_figures:
            return name
        if measure in HOME_OFFICE_MEASURES and self._outside_home_office_series(area):
            return f"{name} ({run_on(HOME_OFFICE_COVERS)})"
        return f"{name} (no figures on this measure)"

    def _redraw(self) -> None:
        self._break_note = ""
        label, _formatter = PLOTTED_MEASURES[self.measure()]
        lines = self.plotted_lines()
        values = self.plotted_values()
        self.plot.setTitle(label, color="#222", size="12pt")
        self.plot.setLabel("bottom", "Financial year (April to March)")
        self._hover_points: list[tuple[float, float, str]] = []
        known = values.notna().any(axis=1).to_numpy() if not values.empty else np.array([], dtype=bool)
        if not known.any():
            self._show_empty(values)
            return
        self._empty_message.setVisible(False)
        self.plot.setLabel("left", AXIS_NAMES.get(self.measure(), "Offences"))  # the title says the rest
        years = np.array([start_year(year) for year in values.index], dtype=float)
        first, last = np.flatnonzero(known)[[0, -1]]
        comparisons = self.comparison_areas()
        self._set_lines(list(values.columns))
        points: dict[bool, list[tuple[float, float, str]]] = {False: [], True: []}
        breaks: list[str] = []  # each line's pairs of years not joined, for the note
        areas = list(dict.fromkeys(area for area, _measure in lines.values()))
        colours = self._colours_for(areas)
        plotted = {measure for _area, measure in lines.values()}
        unlike_by_measure = {  # one look-up a measure for all its areas, not one a line
            measure: unlike_year_before(self._data, [a for a, m in lines.values() if m == measure], measure)
            for measure in plotted
        }
        for name, (area, measure) in lines.items():
            series = values[name].to_numpy(dtype=float)
            is_comparison = area in comparisons
            colour = COMPARISON_COLOUR if is_comparison else colours[area]
            dashed = is_comparison or (self.measure() == BOTH_SERIES and measure == OFFENCES)
            style = Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine
            both_known = np.isfinite(series[:-1]) & np.isfinite(series[1:])
            unlike = both_known & unlike_by_measure[measure][area].to_numpy()[1:]
            joined = np.append(both_known & ~unlike, False)  # joined[i]: a segment from year i to year i + 1
            self._lines[name].setData(years, series, connect=joined, pen=pg.mkPen(colour, width=2.5, style=style))
            self._name_in_legend(name, self._legend_name(name, area, measure, np.isfinite(series).any()))
            unjoined = {values.index[i + 1]: values.index[i] for i in np.flatnonzero(unlike)}
            if unjoined:
                breaks.append(f"{name}, " + ", ".join(f"{before} to {after}" for after, before in unjoined.items()))
            revised = revised_years(self._data, area, self._recorded_measure(measure))
            no_home_office = self.measure() == BOTH_SERIES and self._outside_home_office_series(area)
            for year, x, y in zip(values.index, years, series, strict=True):
                if not np.isnan(y):
                    points[year in revised].append((x, y, colour))
                    text = self._hover_text(
                        area, measure, year, y, year in revised, unjoined.get(year, ""), no_home_office
                    )
                    self._hover_points.append((x, y, text))
        self._draw_points(points)
        legend_shown = len(values.columns) <= MAX_LEGEND_ENTRIES
        self.plot.getPlotItem().legend.setVisible(legend_shown)
        self._fit_legend()
        self._year_ticks = [(years[i], values.index[i]) for i in range(first, last + 1)]
        self._place_year_ticks()
        self.plot.setXRange(years[first] - 0.5, years[last] + 0.5, padding=0)
        self.value_axis.shows_shares = self.measure() == ONLINE_SHARE
        if self.value_axis.shows_shares:
            self.value_axis.setTicks(SHARE_TICKS)
            self.plot.setYRange(0, 1, padding=0.03)  # room for the "100%" label at the top
        else:
            self.value_axis.setTicks(None)
            top = float(np.nanmax(values.to_numpy(dtype=float))) * 1.15
            self.plot.setYRange(0, max(top, 1.0))  # all zeros: pyqtgraph would centre the axis on 0, from -0.5
        # A change is marked between two plotted years; at the chart's left edge it has no "before".
        practice = self._data.practice_notes_for(
            areas[0],
            list(values.index[first + 1 : last + 1]),
            rates=self.measure() in RATES,
            online=self.measure() in (ONLINE_FLAGGED, ONLINE_SHARE),
        )
        self._draw_practice_markers(practice)
        gaps = not values.iloc[first : last + 1].notna().all().all()
        notes = [
            "Hover over a point for its exact value and source.",
            "◆ marks a figure revised by a later release (the newest is shown).",
        ]
        if gaps:
            notes.insert(0, "Years with no figure in this data set are left as gaps.")
        if breaks:
            self._break_note = f"Not joined ({'; '.join(breaks)}): {DIFFERENT_FORCES}."
            notes.insert(0, self._break_note)
        if not legend_shown:
            notes.insert(
                0, f"More than {MAX_LEGEND_ENTRIES} lines: the legend is hidden, hover over a point to see its area."
            )
        if comparisons:
            notes.append(f"Dashed grey: {', '.join(comparisons)}.")
        notes += [
            f"Dotted line {number}, {note.year}: {note.note}."
            for number, note in enumerate(practice.itertuples(), start=1)
        ]
        self.note_label.setText(" ".join(notes))

    def _colours_for(self, areas: list[str]) -> dict[str, str]:
        """Each area keeps its colour while it stays on the chart: ticking another gives that one a free colour
        instead of repainting the rest, so two exports of the chart can be compared by colour."""
        kept = {area: colour for area, colour in self._area_colours.items() if area in areas}
        for area in areas:
            if area not in kept:
                free = [colour for colour in LINE_COLOURS if colour not in kept.values()]
                kept[area] = free[0] if free else LINE_COLOURS[len(kept) % len(LINE_COLOURS)]
        self._area_colours = kept
        return kept

    def _set_lines(self, areas: list[str]) -> None:
        """One line per area, in the legend in the list's order. The same areas keep their lines (a change
        of measure only gives them new data): building a 45-entry legend again is most of a redraw."""
        if list(self._lines) == areas:
            return
        for line in self._lines.values():
            self.plot.removeItem(line)
        self._lines = {area: self.plot.plot(name=html.escape(area)) for area in areas}

    def _name_in_legend(self, area: str, text: str) -> None:
        label = self.plot.getPlotItem().legend.getLabel(self._lines[area])
        escaped = html.escape(text)  # pyqtgraph's labels are HTML; area names come from files
        if label.text != escaped:
            label.setText(escaped)

    def _draw_points(self, points: dict[bool, list[tuple[float, float, str]]]) -> None:
        """Every area's points in one item per symbol: far quicker to draw than an item per area."""
        for is_revised, marks in self._point_marks.items():
            if points[is_revised]:
                xs, ys, colours = zip(*points[is_revised], strict=True)
                marks.setData(list(xs), list(ys), brush=[pg.mkBrush(colour) for colour in colours])
            else:
                marks.clear()

    def _draw_practice_markers(self, practice: pd.DataFrame) -> None:
        """Each change in recording practice as a dotted line numbered at the top of the chart, in the room left
        above the highest figure, where no line crosses it; the note under the chart says what changed."""
        for marker in self._practice_markers:
            self.plot.removeItem(marker)
        self._practice_markers = []
        self._practice_marks = [
            f"{number}: {note.year}, {note.kind.lower()} changed"
            for number, note in enumerate(practice.itertuples(), start=1)
        ]
        for number, note in enumerate(practice.itertuples(), start=1):
            marker = pg.InfiniteLine(
                pos=start_year(note.year) - 0.5,
                angle=90,
                pen=pg.mkPen("#777777", width=1, style=Qt.PenStyle.DotLine),
                label=f"{number}",
                labelOpts={
                    "position": 0.97,
                    "color": "#333333",
                    "fill": pg.mkBrush(255, 255, 255, 230),
                    "border": pg.mkPen("#777777"),
                    "anchors": [(0.5, 0), (0.5, 0)],
                },
            )
            marker.setToolTip(as_rich_text(f"{number}. {note.year}: {note.kind.lower()} changed. {note.note}"))
            self.plot.addItem(marker)
            self._practice_markers.append(marker)

    def _measure_in_words(self) -> str:
        """The measure's name without the chart's line styles, for a file name or a table."""
        return PLOTTED_MEASURES[self.measure()][0].replace(" (solid)", "").replace(" (dashed)", "")

    def suggested_file_stem(self) -> str:
        """Names what the chart shows: the areas plotted (the first three, then how many more) and the measure."""
        areas = self.checked_areas()
        named = ", ".join(areas[:NAMED_AREAS]) + (
            f" and {len(areas) - NAMED_AREAS} more" if len(areas) > NAMED_AREAS else ""
        )
        return re.sub(r'[\\/:*?"<>|]+', "-", f"{named or 'No areas'} - {self._measure_in_words()}")

    def export_image(self, path: Path) -> None:
        """PNG or SVG, chosen by the file's extension, with what each dotted line marks, the data release, the
        sources in brief and the date under the legend, a line a sentence so that nothing is clipped; every source
        in full goes in a text file beside it, as for the charted numbers."""
        path = Path(path)
        marks = [f"Dotted line {mark}." for mark in self._practice_marks]
        cited = self._cited_sources(self.plotted_values().rename_axis(YEAR).reset_index())
        sources = sources_in_brief(self._data, cited, about_path(path).name)
        lines = [*marks, *filter(None, [self._break_note]), *export_stamp(self._data, sources=sources).split(". ")]
        # As many characters a line as the chart's width holds in the stamp's 8-point type: none is clipped.
        fits = int(self.plot.width() / QFontMetrics(QFont(self.font().family(), STAMP_POINTS)).averageCharWidth())
        sentences = (line if line.endswith(".") else line + "." for line in lines)
        under = "<br>".join(html.escape(part) for line in sentences for part in textwrap.wrap(line, max(fits, 40)))
        plot_item = self.plot.getPlotItem()
        stamp = pg.LabelItem(under, size=f"{STAMP_POINTS}pt", color=STAMP_COLOUR, justify="left")
        plot_item.layout.addItem(stamp, STAMP_ROW, 1)
        QApplication.processEvents()  # the chart makes room for the stamp before it is drawn to the file
        try:
            CHART_FORMATS[path.suffix.lower()].write(self.plot, path)
        finally:
            plot_item.layout.removeItem(stamp)
            self.plot.scene().removeItem(stamp)
        write_about(path, about_the_export(self._data, list(cited.values())))

    def export_csv(self, path: Path) -> None:
        """The charted numbers, one column per line in one unit (shares as per cents), rounded as the read-outs
        show them; the stamp and the sources of the figures go in a text file beside it."""
        values = self.plotted_values().rename_axis(YEAR).reset_index()
        measure = self.measure()
        unit, decimals = EXPORTED_UNITS.get(measure, (Unit.COUNT, 0))
        columns = [SheetColumn(YEAR, YEAR), SheetColumn(MEASURE, MEASURE)]
        columns += [SheetColumn(name, name, unit, decimals) for name in self.plotted_lines()]
        label = self._measure_in_words()
        table = spreadsheet_table(values.assign(**{MEASURE: label}), columns)
        write_csv(table, path, about_the_export(self._data, list(self._cited_sources(values).values())))

    def _cited_sources(self, values: pd.DataFrame) -> dict[str, pd.Series]:
        """The source of each charted figure, as lists of ids, by series (the Home Office's and the NSPCC's), and
        of the population estimates a rate divides by."""
        cited: dict[str, list[list[str]]] = {"Home Office": [], "NSPCC": [], "population": []}
        lines = self.plotted_lines()
        rates = any(measure in RATES for _area, measure in lines.values())
        populations = {year: child_population_for(self._data, year) for year in values[YEAR]} if rates else {}
        for name, (area, measure) in lines.items():
            series = cited["Home Office" if measure in HOME_OFFICE_MEASURES else "NSPCC"]
            for year, value in zip(values[YEAR], values[name], strict=True):
                found = self._data.current_sources.get((area, year, self._recorded_measure(measure)))
                if not is_missing(value) and found:
                    series.append([found.source])
                if not is_missing(value) and measure in RATES and area in populations[year].index:
                    cited["population"].append([populations[year].loc[area, "population_source"]])
        return {series: pd.Series(ids, dtype=object) for series, ids in cited.items()}
