"""Trend graphs: one area's figures over the years, with gaps where a year is missing."""

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout, QWidget

from desktop_app.formatting import format_axis_number, format_count, format_rate
from desktop_app.model.dataset import DataSet
from desktop_app.model.measures import OFFENCES, ONLINE_FLAGGED
from desktop_app.model.statistics import RATE, trend
from desktop_app.model.years import start_year
from desktop_app.ui.controls import labelled_controls
from desktop_app.ui.selection import Selection

PLOTTED_MEASURES = {
    OFFENCES: ("Offences recorded", format_count),
    ONLINE_FLAGGED: ("Offences flagged as online", format_count),
    RATE: ("Offences per 1,000 children", format_rate),
}
LINE_COLOUR = "#0b5cad"


class CountAxis(pg.AxisItem):
    """Axis labels written the app's way: 80,000, not 80000."""

    def tickStrings(self, values, scale, spacing):
        return [format_axis_number(value * scale, spacing * scale) for value in values]


class TrendsTab(QWidget):
    """Shows: the selected area's chosen measure by financial year. Remembers: the shared selection."""

    def __init__(self, data: DataSet, selection: Selection, parent: QWidget | None = None):
        super().__init__(parent)
        self._data = data
        self._selection = selection

        self.area_box = QComboBox(accessibleName="Area to plot")
        self.area_box.addItems(data.areas_with_figures)
        self.measure_box = QComboBox(accessibleName="Measure to plot")
        for key, (label, _formatter) in PLOTTED_MEASURES.items():
            self.measure_box.addItem(label, key)
        self.plot = pg.PlotWidget(background="w", axisItems={"left": CountAxis("left")})
        self.plot.setAccessibleName("Trend chart")
        self.plot.showGrid(x=False, y=True, alpha=0.3)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.note_label = QLabel(wordWrap=True, accessibleName="Chart note")

        controls = labelled_controls(("&Area:", self.area_box), ("&Measure:", self.measure_box))
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.note_label)

        self.area_box.currentTextChanged.connect(selection.set_area)
        self.measure_box.currentIndexChanged.connect(self._redraw)
        selection.area_changed.connect(self._on_area_changed)
        self._on_area_changed(selection.area)

    def plotted_values(self):
        return trend(self._data, self.area_box.currentText(), self.measure_box.currentData())

    def _on_area_changed(self, area: str) -> None:
        if self.area_box.findText(area) >= 0:
            self.area_box.setCurrentText(area)
        self._redraw()

    def _redraw(self) -> None:
        label, formatter = PLOTTED_MEASURES[self.measure_box.currentData()]
        values = self.plotted_values()
        years = np.array([start_year(year) for year in values.index], dtype=float)
        self.plot.clear()
        self.plot.setTitle(f"{self.area_box.currentText()}: {label.lower()}", color="#222", size="12pt")
        self.plot.setLabel("left", label)
        self.plot.setLabel("bottom", "Financial year (April to March)")
        known = values.notna().to_numpy()
        if not known.any():
            self.note_label.setText(f"No published figures for {self.area_box.currentText()} on this measure.")
            return
        first, last = np.flatnonzero(known)[[0, -1]]
        every = 1 if last - first <= 10 else 2
        self.plot.getAxis("bottom").setTicks([[(years[i], values.index[i]) for i in range(first, last + 1, every)]])
        self.plot.setXRange(years[first] - 0.5, years[last] + 0.5, padding=0)
        self.plot.plot(
            years,
            values.to_numpy(dtype=float),
            connect="finite",
            pen=pg.mkPen(LINE_COLOUR, width=2.5),
            symbol="o",
            symbolBrush=LINE_COLOUR,
            symbolPen="w",
            symbolSize=8,
        )
        self.plot.setYRange(0, float(np.nanmax(values)) * 1.15)
        shown = [f"{year}: {formatter(value)}" for year, value in values.dropna().items()]
        gaps = "" if known[first : last + 1].all() else " Years with no published figure are left as gaps."
        self.note_label.setText("Plotted: " + "; ".join(shown) + "." + gaps)
