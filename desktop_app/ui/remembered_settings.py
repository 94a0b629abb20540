"""Remembered settings, treated like any file the app reads: each value is checked when read and removed
when wrong (so a bad value cannot stop the window opening twice), and the settings file is used only if it is
a regular file, checked before anything opens it (QSettings reads its file as it is made: a pipe would block
the window for ever, and saving through a link to a device would replace the device with a plain file)."""

import sys
import unicodedata
from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings, QStandardPaths, QTemporaryDir


def user_settings_path() -> Path | None:
    """Where ``QSettings()`` keeps this app's settings on Linux and other Unixes, worked out without opening
    them; None where they are not a plain file of ours (the Windows registry, macOS preferences)."""
    if sys.platform in ("win32", "darwin"):
        return None
    config = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    return Path(config) / QCoreApplication.organizationName() / f"{QCoreApplication.applicationName()}.conf"


# The app's settings are a few kilobytes; QSettings reads its file whole, so a huge one would stall the window.
MAX_SETTINGS_BYTES = 2**20


def _unusable(path: Path) -> str:
    """Why the settings file cannot be used, or "" (a missing one is made when settings are saved). Looks at
    the file without opening it."""
    if not path.exists():
        return ""
    if not path.is_file():
        return "is not a regular file"
    if path.stat().st_size > MAX_SETTINGS_BYTES:
        return f"is over {MAX_SETTINGS_BYTES // 2**20} MB, far larger than settings are"
    return ""


def open_settings(scratch: QTemporaryDir, given: QSettings | None = None) -> tuple[QSettings, str]:
    """``given`` (or the app's own settings file), or if that file is a device, pipe, socket or folder, or far too
    big, settings kept in ``scratch`` for this session only, with a notice saying why."""
    path = Path(given.fileName()) if given is not None else user_settings_path()
    problem = _unusable(path) if path is not None else ""
    if problem:
        kept = QSettings(str(Path(scratch.path()) / "settings.ini"), QSettings.Format.IniFormat)
        return kept, f"The settings file {path} {problem}: it was not used and will not be written."
    if given is not None:
        return given, ""
    # The one file checked above, not QSettings()'s search through fallback files that were not checked.
    return (QSettings(str(path), QSettings.Format.IniFormat) if path else QSettings()), ""


# Linux allows paths of 4,096 bytes; a remembered folder much longer than a real one is not one.
MAX_FOLDER_CHARACTERS = 1024


def _looks_like_a_folder(value) -> bool:
    """A full path of a real length without control characters (a settings file can hold any text)."""
    return (
        isinstance(value, str)
        and 0 < len(value) <= MAX_FOLDER_CHARACTERS
        and not any(unicodedata.category(character) == "Cc" for character in value)
        and Path(value).is_absolute()
    )


def remembered_folder(settings: QSettings, key: str) -> Path:
    """The folder last used for this kind of file, or the home folder if it is gone (a memory stick taken
    out); a value that is not a folder's path at all is removed."""
    value = settings.value(key)
    if value is not None and not _looks_like_a_folder(value):
        settings.remove(key)
        return Path.home()
    return Path(value) if value is not None and Path(value).is_dir() else Path.home()


def remember_folder(settings: QSettings, key: str, folder: Path) -> None:
    """Remembers a folder just used, if it is one that ``remembered_folder`` would offer again."""
    if _looks_like_a_folder(str(folder)) and folder.is_dir():
        settings.setValue(key, str(folder))


class CheckedSettings:
    """Reads remembered values, removing any that are not what this version of the app writes. A reader that
    only looks (the starting window) passes ``remove_wrong=False``, leaving the main window to remove them and
    say so."""

    def __init__(self, settings: QSettings, remove_wrong: bool = True):
        self.settings = settings
        self.remove_wrong = remove_wrong
        self.reset: list[str] = []
        # Names the data loaded now does not hold (an imported release's area or year: imports are not kept
        # between sessions). No fault: they are removed, and said so without calling the settings broken.
        self.not_in_data: list[str] = []

    def _discard(self, key: str, no_fault: bool = False) -> None:
        if self.remove_wrong:
            self.settings.remove(key)
        (self.not_in_data if no_fault else self.reset).append(key)

    def choice(self, key: str, default: str, allowed: list[str], names_in_data: bool = False) -> str:
        """``names_in_data``: ``allowed`` are the data's areas or years, not values the app itself defines."""
        value = self.settings.value(key)
        if value is None:
            return default
        if isinstance(value, str) and value in allowed:
            return value
        self._discard(key, no_fault=names_in_data and isinstance(value, str))
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
        """Areas of the data, ``allowed``: names it does not hold are no fault (see ``not_in_data``)."""
        value = self.settings.value(key)
        if value is None or value == "":
            return []
        names = [value] if isinstance(value, str) else value  # a list of one is read back as its one name
        if isinstance(names, list) and all(isinstance(name, str) and name in allowed for name in names):
            return names
        self._discard(key, no_fault=isinstance(names, list) and all(isinstance(name, str) for name in names))
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
