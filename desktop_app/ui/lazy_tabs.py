"""Tabs built the first time they are shown or used: the window paints sooner without the ones not in view."""

from collections.abc import Callable

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QTabWidget, QWidget


class TabsBuiltWhenShown:
    """Each tab added here holds an empty page until it is shown or ``tab()`` asks for it; then it is built and
    takes the page's place, the tab shown staying the same."""

    def __init__(self, tabs: QTabWidget):
        self._tabs = tabs
        self._pages: dict[str, tuple[QWidget, Callable[[], QWidget]]] = {}
        self._built: dict[str, QWidget] = {}
        tabs.currentChanged.connect(self._on_shown)

    def add(self, name: str, label: str, build: Callable[[], QWidget]) -> None:
        page = QWidget()
        self._pages[name] = (page, build)
        self._tabs.addTab(page, label)

    def built(self, name: str) -> QWidget | None:
        return self._built.get(name)

    def tab(self, name: str) -> QWidget:
        if name not in self._built:
            page, build = self._pages.pop(name)
            widget = self._built[name] = build()
            with QSignalBlocker(self._tabs):  # the tab shown stays the same: nothing to announce
                shown = self._tabs.currentIndex()
                index = self._tabs.indexOf(page)
                label = self._tabs.tabText(index)
                self._tabs.removeTab(index)
                self._tabs.insertTab(index, widget, label)
                self._tabs.setCurrentIndex(shown)
            page.deleteLater()
        return self._built[name]

    def _on_shown(self, index: int) -> None:
        shown = self._tabs.widget(index)
        for name, (page, _build) in list(self._pages.items()):
            if page is shown:
                self.tab(name)
