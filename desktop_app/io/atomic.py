"""Writing files so that a crash, a full disk, a cancel or a second writer never leaves a half-written one.

Every file the app writes goes through ``atomic_path``: the writer fills a temporary ``.part`` file beside
the target; the file is flushed to disk and checked by the format's own ``verify`` (writers such as
QPdfWriter and QImage do not raise on a full disk), and only then takes the target's name.
"""

import errno
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop_app.formatting import counted

PART_MARKER = ".part"
PART_STEM_CHARACTERS = 100
# ".<stem>.<8 random characters from tempfile>.part<suffix>": only names this module makes.
_OUR_PART_FILE = re.compile(r"^\..*\.[a-z0-9_]{8}\.part(\.[A-Za-z0-9]{1,8})?$")
# A .part file untouched for this long belongs to no running export: one being written changes every second.
STALE_PART_SECONDS = 60 * 60


class WriteFailed(OSError):
    """The file could not be written completely (often a full disk); the target was left as it was."""


def _new_file_mode() -> int:
    """The mode the user's umask gives a new file (os.umask can only be read by setting it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _mode_for(target: Path) -> int:
    """A replaced file keeps its permissions; a new one gets the umask's."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        return _new_file_mode()


def _flush_to_disk(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _already_exists(target: Path) -> FileExistsError:
    return FileExistsError(f"{target} already exists; choose to replace it or pick another name.")


def _claim_new_name(temporary: Path, target: Path) -> None:
    """Gives the complete file the target's name only if no file has it: a second writer fails, never replaces."""
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise _already_exists(target) from None
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        # A file system without hard links (FAT on a memory stick): exclusive creation claims the name.
        with open(target, "xb"):
            pass
        os.replace(temporary, target)
    else:
        temporary.unlink()


def _sync_folder(folder: Path) -> None:
    """Makes the rename itself survive a power cut; some file systems cannot, which is harmless."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


@contextmanager
def atomic_path(target: Path, verify: Callable[[Path], bool] | None = None, overwrite: bool = True) -> Iterator[Path]:
    """Yields a temporary path beside ``target``; only a complete, verified file takes its name.

    ``verify(path)`` says whether the written file is whole; if not, WriteFailed is raised. Without ``overwrite`` an
    existing target is never replaced, even one another writer creates meanwhile (FileExistsError).
    A new file gets the mode the umask gives; a replaced file keeps its own.
    """
    target = Path(target)
    if not target.parent.is_dir():
        raise FileNotFoundError(f"The folder {target.parent} does not exist.")
    if target.exists() and not target.is_file():  # as root, replacing /dev/null would replace the device itself
        raise OSError(f"{target} is not a regular file (a folder, device or pipe), so it is not replaced.")
    if not overwrite and target.exists():
        raise _already_exists(target)
    # The real extension stays last: some writers choose the format from it.
    # The stem is cut short: a target name near the 255 the file system allows would leave no room for the rest.
    handle, name = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.stem[:PART_STEM_CHARACTERS]}.", suffix=f"{PART_MARKER}{target.suffix}"
    )
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        _flush_to_disk(temporary)
        if temporary.stat().st_size == 0 or (verify is not None and not verify(temporary)):
            raise WriteFailed(
                f"{target} could not be written completely (is the disk full?); "
                + ("the file there was not changed." if target.exists() else "no file was left behind.")
            )
        os.chmod(temporary, _mode_for(target) if overwrite else _new_file_mode())
        if overwrite:
            os.replace(temporary, target)
        else:
            _claim_new_name(temporary, target)
        _sync_folder(target.parent)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def remove_stale_parts(folder: Path, now: float | None = None) -> list[Path]:
    """Removes the temporary files an earlier export left in ``folder`` when it was killed.

    Only names this module makes, and only ones untouched for an hour, so another export running now
    keeps its file. Returns what was removed, for the caller to say so.
    """
    now = time.time() if now is None else now
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        if not _OUR_PART_FILE.match(entry.name):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and now - entry.stat().st_mtime > STALE_PART_SECONDS:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def stale_parts_notice(folder: Path) -> str:
    """Removes stale temporary files from ``folder`` and says so in a sentence, or "" when there were none."""
    removed = remove_stale_parts(folder)
    if not removed:
        return ""
    names = ", ".join(path.name for path in removed[:3]) + (" and others" if len(removed) > 3 else "")
    return f"Removed {counted(len(removed), 'unfinished file')} an interrupted export left in {folder} ({names})."
