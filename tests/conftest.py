import os
import sys
import tempfile

# Before any Qt import: no screen, and settings kept away from the user's own.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="factsheets-test-config-")
_runtime = tempfile.mkdtemp(prefix="factsheets-test-runtime-")
os.chmod(_runtime, 0o700)
os.environ["XDG_RUNTIME_DIR"] = _runtime

import pytest  # noqa: E402

from desktop_app.io.shipped import load_default_dataset  # noqa: E402


@pytest.fixture(autouse=True)
def no_windows_left_behind():
    """Every window and dialog a test opened is closed and deleted before the next test: left alive, they piled
    up (15 main windows after 22 tests) and each new window restyled them all."""
    yield
    if "PySide6.QtWidgets" not in sys.modules:
        return  # a test without Qt
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        return
    for widget in QApplication.topLevelWidgets():
        if widget.parent() is None:  # the rest go with their parents
            widget.close()
            widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(scope="session")
def shipped():
    return load_default_dataset()


@pytest.fixture
def settings(tmp_path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, shipped, settings):
    """The main window on the shipped data, shown headless, with its own settings file."""
    from desktop_app.ui.app import create_application
    from desktop_app.ui.main_window import MainWindow

    create_application()
    main_window = MainWindow(shipped, settings)
    qtbot.addWidget(main_window)
    main_window.show()
    qtbot.waitExposed(main_window)
    return main_window
