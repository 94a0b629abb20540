"""Compare: where the selected area stands among all forces (a spine chart) and a tile map of every force
shaded by rate; clicking a tile selects that area everywhere."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop_app.io.force_tiles import read_force_tiles
from desktop_app.model.comparison import CHANGE_METHOD, METHOD
from desktop_app.model.dataset import DataSet
from desktop_app.model.spine import spine_rows
from desktop_app.model.tiles import SHADED_RATES, hatched_label, quintile_labels, tiles
from desktop_app.ui.controls import labelled_controls, refill
from desktop_app.ui.selection import Selection
from desktop_app.ui.spine_chart import SpineChart
from desktop_app.ui.tile_map import TileMap


class CompareTab(QWidget):
    """Shows: the spine chart of the selected area and year, and the tile map shaded by the chosen rate.
    Remembers nothing of its own: area and year are the shared selection."""

    def __init__(self, selection: Selection, parent: QWidget | None = None):
        super().__init__(parent)
        self._selection = selection
        self._layout_of_tiles = read_force_tiles()
        self.area_box = QComboBox(accessibleName="Area to compare", editable=True)
        self.area_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.search_box = self.area_box.lineEdit()
        self.year_box = QComboBox(accessibleName="Year to compare")
        self.rate_box = QComboBox(accessibleName="Rate the tile map is shaded by")
        for rate, label in SHADED_RATES.items():
            self.rate_box.addItem(label, rate)
        self.spine = SpineChart()
        self.tile_map = TileMap()
        notes = QLabel(
            f"Higher, similar or lower than the benchmark: {METHOD}. Change on the year before: {CHANGE_METHOD}. "
            "The tile map's layout is ours, keeping rough geography; each tile is one force area, whatever its size.",
            wordWrap=True,
        )
        controls = labelled_controls(
            ("&Area:", self.area_box), ("&Year:", self.year_box), ("Shade map &by:", self.rate_box)
        )
        notes.setAlignment(Qt.AlignmentFlag.AlignTop)
        notes.setFixedWidth(notes.fontMetrics().averageCharWidth() * 40)  # beside the map, never over it
        below_spine = QHBoxLayout()
        below_spine.addWidget(self.tile_map, 1)
        below_spine.addWidget(notes)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.spine)
        layout.addLayout(below_spine, 1)

        self.area_box.activated.connect(lambda index: selection.set_area(self.area_box.itemText(index)))
        self.year_box.activated.connect(lambda index: selection.set_year(self.year_box.itemText(index)))
        self.rate_box.currentIndexChanged.connect(lambda _index: self._show_tiles())
        self.tile_map.area_clicked.connect(selection.set_area)
        selection.area_changed.connect(self._on_area_changed)
        selection.year_changed.connect(lambda _year: self._show())
        selection.release_changed.connect(self._on_release_changed)
        self._on_release_changed(selection.data)

    def _on_release_changed(self, data: DataSet) -> None:
        refill(self.area_box, data.area_names, self._selection.area)
        refill(self.year_box, data.years, self._selection.year)
        self._show()

    def _on_area_changed(self, area: str) -> None:
        refill(self.area_box, self._selection.data.area_names, area)
        self._show_spine()
        self.tile_map.set_highlighted(area)

    def _show(self) -> None:
        refill(self.year_box, self._selection.data.years, self._selection.year)
        self._show_spine()
        self._show_tiles()

    def _show_spine(self) -> None:
        selection = self._selection
        rows = spine_rows(selection.data, selection.area, selection.year)
        self.spine.set_rows(f"{selection.area}, {selection.year}: where it stands among all forces", rows)

    def _show_tiles(self) -> None:
        selection = self._selection
        rate = self.rate_box.currentData()
        shown = tiles(selection.data, selection.year, rate, self._layout_of_tiles)
        legend = f"{self.rate_box.currentText()}, {selection.year}, by fifths of the forces"
        self.tile_map.set_tiles(shown, quintile_labels(shown), hatched_label(shown), legend)
        self.tile_map.set_highlighted(selection.area)
