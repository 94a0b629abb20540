from PySide6.QtCore import QObject, Signal

from desktop_app.model.dataset import UNITED_KINGDOM, DataSet


class Selection(QObject):
    """The one shared state every view follows: the data release shown, and the area, year and measure chosen
    in it. Views read the release from here (never a copy of their own) and rebind on ``release_changed``."""

    release_changed = Signal(object)  # the DataSet now shown; area and year are already valid in it
    area_changed = Signal(str)
    year_changed = Signal(str)
    measure_changed = Signal(str)

    def __init__(self, data: DataSet, area: str, year: str, measure: str, parent: QObject | None = None):
        super().__init__(parent)
        self._data = data
        self._area, self._year = self._kept_in(data, area, year)
        self._measure = measure

    @staticmethod
    def _kept_in(data: DataSet, area: str, year: str) -> tuple[str, str]:
        """The area and year carried over into ``data`` where it has them, else the UK and the latest year
        with offences figures."""
        fallback_area = UNITED_KINGDOM if UNITED_KINGDOM in data.area_names else data.area_names[0]
        return (
            area if area in data.area_names else fallback_area,
            year if year in data.years else data.latest_offences_year,
        )

    @property
    def data(self) -> DataSet:
        return self._data

    @property
    def area(self) -> str:
        return self._area

    @property
    def year(self) -> str:
        return self._year

    @property
    def measure(self) -> str:
        return self._measure

    def set_release(self, data: DataSet) -> None:
        """Swaps the data first, then moves the area and year into it, and tells the views once."""
        if data is self._data:
            return
        self._data = data
        self._area, self._year = self._kept_in(data, self._area, self._year)
        self.release_changed.emit(data)

    def set_area(self, area: str) -> None:
        if area in self._data.area_names and area != self._area:
            self._area = area
            self.area_changed.emit(area)

    def set_year(self, year: str) -> None:
        if year in self._data.years and year != self._year:
            self._year = year
            self.year_changed.emit(year)

    def set_measure(self, measure: str) -> None:
        if measure and measure != self._measure:
            self._measure = measure
            self.measure_changed.emit(measure)
