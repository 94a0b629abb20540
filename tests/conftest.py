import os
import tempfile

# Before any Qt import: no screen, and settings kept away from the user's own.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="factsheets-test-config-")
_runtime = tempfile.mkdtemp(prefix="factsheets-test-runtime-")
os.chmod(_runtime, 0o700)
os.environ["XDG_RUNTIME_DIR"] = _runtime

import pytest  # noqa: E402

from desktop_app.io.shipped import load_default_dataset  # noqa: E402


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
