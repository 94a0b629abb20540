"""The model and file layers must work without Qt: they are shared by the CLI, the window and the sheets."""

import pkgutil
import subprocess
import sys

import desktop_app.io
import desktop_app.model


def _modules(package) -> list[str]:
    return [package.__name__ + "." + info.name for info in pkgutil.iter_modules(package.__path__)]


def test_model_and_io_import_no_qt():
    names = _modules(desktop_app.model) + _modules(desktop_app.io) + ["desktop_app.formatting", "desktop_app.cli"]
    assert len(names) > 6
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}: importlib.import_module(name)\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'pyqtgraph')))\n"
        "print(','.join(qt))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
