from PySide6.QtCore import QObject, Signal


class Selection(QObject):
    """The one shared choice of area and year that every tab follows."""

    area_changed = Signal(str)
    year_changed = Signal(str)

    def __init__(self, area: str, year: str, parent: QObject | None = None):
        super().__init__(parent)
        self._area = area
        self._year = year

    @property
    def area(self) -> str:
        return self._area

    @property
    def year(self) -> str:
        return self._year

    def set_area(self, area: str) -> None:
        if area != self._area:
            self._area = area
            self.area_changed.emit(area)

    def set_year(self, year: str) -> None:
        if year != self._year:
            self._year = year
            self.year_changed.emit(year)
