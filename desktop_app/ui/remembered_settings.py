"""Remembered settings, treated like any file the app reads: each value is checked when read and removed
when wrong (so a bad value cannot stop the window opening twice), and settings are written only to a
regular file (saving through a link to a device would replace the device with a plain file)."""

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QTemporaryDir


def settings_on_a_regular_file(settings: QSettings, scratch: QTemporaryDir) -> tuple[QSettings, str]:
    """``settings``, or if its file is a device, pipe or folder, settings kept in ``scratch`` for this
    session only, with a notice saying why."""
    path = Path(settings.fileName())
    if settings.format() != QSettings.Format.IniFormat and not path.is_absolute():
        return settings, ""  # the Windows registry: not a file at all
    if not path.exists() or path.is_file():
        return settings, ""
    kept = QSettings(str(Path(scratch.path()) / "settings.ini"), QSettings.Format.IniFormat)
    return kept, f"Settings will not be saved: {path} is not a regular file."


class CheckedSettings:
    """Reads remembered values, removing any that are not what this version of the app writes."""

    def __init__(self, settings: QSettings):
        self.settings = settings
        self.reset: list[str] = []

    def _discard(self, key: str) -> None:
        self.settings.remove(key)
        self.reset.append(key)

    def choice(self, key: str, default: str, allowed: list[str]) -> str:
        value = self.settings.value(key)
        if value is None:
            return default
        if isinstance(value, str) and value in allowed:
            return value
        self._discard(key)
        return default

    def index(self, key: str, count: int) -> int:
        value = self.settings.value(key)
        if value is None:
            return 0
        text = str(value).strip()
        if text.isascii() and text.isdigit() and len(text) < 4 and int(text) < count:
            return int(text)
        self._discard(key)
        return 0

    def names(self, key: str, allowed: list[str]) -> list[str]:
        value = self.settings.value(key)
        if value is None or value == "":
            return []
        names = [value] if isinstance(value, str) else value  # a list of one is read back as its one name
        if isinstance(names, list) and all(isinstance(name, str) and name in allowed for name in names):
            return names
        self._discard(key)
        return []

    def flag(self, key: str) -> bool:
        value = self.settings.value(key)
        if value is None or value in ("true", "false", True, False):
            return value in ("true", True)
        self._discard(key)
        return False

    def restore_bytes(self, key: str, restore) -> None:
        """Window and column layouts, which Qt itself checks as it restores them."""
        value = self.settings.value(key)
        if value is not None and not (isinstance(value, QByteArray) and restore(value)):
            self._discard(key)
