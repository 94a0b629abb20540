from PySide6.QtCore import QObject, Signal


class Selection(QObject):
    """The one shared choice of area, year and measure that every tab follows."""

    area_changed = Signal(str)
    year_changed = Signal(str)
    measure_changed = Signal(str)

    def __init__(self, area: str, year: str, measure: str, parent: QObject | None = None):
        super().__init__(parent)
        self._area = area
        self._year = year
        self._measure = measure

    @property
    def area(self) -> str:
        return self._area

    @property
    def year(self) -> str:
        return self._year

    @property
    def measure(self) -> str:
        return self._measure

    def set_area(self, area: str) -> None:
        if area and area != self._area:
            self._area = area
            self.area_changed.emit(area)

    def set_year(self, year: str) -> None:
        if year and year != self._year:
            self._year = year
            self.year_changed.emit(year)

    def set_measure(self, measure: str) -> None:
        if measure and measure != self._measure:
            self._measure = measure
            self.measure_changed.emit(measure)
