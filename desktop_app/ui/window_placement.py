"""Where a window opens: at its remembered geometry if that is usable, else centred at a default size. The
starting window and the main window both open through here, so the one replaces the other in the same place."""

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QStyle, QWidget

from desktop_app.ui.remembered_settings import CheckedSettings

GEOMETRY_KEY = "window/geometry"
DEFAULT_SIZE = QSize(1280, 800)
# A remembered window smaller than this is taken for a mistake (its status notices would be cut off).
SMALLEST_SIZE = QSize(640, 400)
# How Qt's saved geometry begins (QWidget::saveGeometry): what Qt declines with it is a geometry, not a fault.
QT_GEOMETRY_MAGIC = b"\x01\xd9\xd0\xcb"


def place_at_default_size(window: QWidget) -> None:
    """Centred on the screen, at most 1280x800 and at most nine tenths of a small screen, leaving room for the
    window's frame and the desktop's panels."""
    screen = QGuiApplication.primaryScreen().availableGeometry()
    size = QSize(
        min(DEFAULT_SIZE.width(), screen.width() * 9 // 10), min(DEFAULT_SIZE.height(), screen.height() * 9 // 10)
    )
    window.setGeometry(QStyle.alignedRect(Qt.LayoutDirection.LeftToRight, Qt.AlignmentFlag.AlignCenter, size, screen))


def place_window(window: QWidget, remembered: CheckedSettings) -> None:
    """At the remembered geometry, if Qt can read it and it leaves the window big enough to use; otherwise
    (nothing remembered, or a value ``remembered`` rejects) at the default size."""

    def restore_geometry(state) -> bool:
        if not window.restoreGeometry(state):
            # Qt declines a geometry saved on a screen of another size (a laptop off its dock): the window opens
            # at the default size, and the setting, which is no fault, is neither removed nor called broken.
            return bytes(state).startswith(QT_GEOMETRY_MAGIC)
        return window.width() >= SMALLEST_SIZE.width() and window.height() >= SMALLEST_SIZE.height()

    place_at_default_size(window)
    remembered.restore_bytes(GEOMETRY_KEY, restore_geometry)
    if GEOMETRY_KEY in remembered.reset:  # a rejected geometry may have been applied before it was checked
        place_at_default_size(window)
