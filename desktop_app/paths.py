"""The one place that knows where the shipped data and resources live.

In a source checkout they sit beside the package; a built wheel carries copies
inside the package (see ``force-include`` in pyproject.toml), so both kinds of
install find them.
"""

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    inside_wheel = _PACKAGE_DIR / "_shipped" / name
    if inside_wheel.is_dir():
        return inside_wheel
    return _PACKAGE_DIR.parent / name


DATA_DIR = _shipped("data")
RESOURCES_DIR = _shipped("resources")
APP_ICON = RESOURCES_DIR / "icons" / "factsheets.svg"
STYLESHEET = RESOURCES_DIR / "style.qss"
