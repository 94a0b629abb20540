"""Exports under attack: a full disk, writers that stop part-way, colliding and hostile names, two writers
racing for one file, kills mid-batch, and the user's umask. A good file is never lost or reported saved."""

import os
import signal
import stat
import subprocess
import time
from dataclasses import replace

import pytest
from PySide6.QtGui import QImage

from desktop_app.cli import EXIT_INTERRUPTED, EXIT_WRITE_ERROR, main
from desktop_app.factsheet import export
from desktop_app.factsheet.export import batch_file_names, export_all, export_sheet
from desktop_app.io.atomic import STALE_PART_SECONDS, WriteFailed, atomic_path
from desktop_app.model.measures import OFFENCES

from builders import make_dataset

KENT = ["--region", "Kent", "--year", "2015/16"]
SMALL_DISK_BYTES = 2**20


def _leftovers(folder):
    return sorted(path.name for path in folder.iterdir() if ".part" in path.name)


@pytest.fixture
def small_disk(tmp_path):
    """A real 1 MB file system, so writers meet a true "No space left on device"."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={SMALL_DISK_BYTES}", "tmpfs", str(mount_point)],
        capture_output=True,
        timeout=30,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here (needs root): {mounted.stderr.decode().strip()}")
    yield mount_point
    subprocess.run(["umount", "--lazy", str(mount_point)], check=True, timeout=30)


def _fill_leaving(folder, free_bytes: int) -> None:
    """Fills the disk, then frees ``free_bytes``: enough to start a file, too little to finish it. A file system
    that takes far more than its stated 1 MB (one that ignores tmpfs's size) would otherwise fill the memory."""
    filler = folder / "filler"
    descriptor = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        for _ in range(SMALL_DISK_BYTES * 16 // 4096):
            os.write(descriptor, b"\0" * 4096)
        pytest.skip("this tmpfs does not keep to its size, so the disk cannot be filled")
    except OSError:
        pass
    finally:
        os.close(descriptor)
    os.truncate(filler, max(0, filler.stat().st_size - free_bytes))


def test_a_full_disk_keeps_the_good_pdf_and_reports_failure(small_disk, capsys, qapp):
    good = small_disk / "kent.pdf"
    assert main(["export", *KENT, "-o", str(good)]) == 0
    before = good.read_bytes()
    _fill_leaving(small_disk, 8192)
    assert main(["export", *KENT, "-o", str(good), "--overwrite"]) == EXIT_WRITE_ERROR
    assert "disk full" in capsys.readouterr().err
    assert good.read_bytes() == before
    assert main(["export", "--all", "--combined", "-o", str(small_disk / "all.pdf")]) == EXIT_WRITE_ERROR
    assert "Saved" not in capsys.readouterr().out
    assert not (small_disk / "all.pdf").exists() and _leftovers(small_disk) == []


def test_chart_images_on_a_full_disk_keep_the_old_files(window, small_disk, qtbot):
    window.trends_tab.set_checked_areas(["Kent", "Durham"])
    for name in ("chart.png", "chart.svg"):
        window.trends_tab.export_image(small_disk / name)
    before = {name: (small_disk / name).read_bytes() for name in ("chart.png", "chart.svg")}
    _fill_leaving(small_disk, 4096)
    for name in before:
        with pytest.raises(OSError):
            window.trends_tab.export_image(small_disk / name)
        assert (small_disk / name).read_bytes() == before[name]
    assert _leftovers(small_disk) == []


def test_a_pdf_writer_that_stops_part_way_without_an_error_is_caught(tmp_path, shipped, monkeypatch, qapp):
    good = tmp_path / "kent.pdf"
    export_sheet(shipped, "Kent", "2015/16", good)
    before = good.read_bytes()

    def stops_part_way(device, contents, on_page=None, paint=None, both_sides=False):
        device.newPage()  # the writer has opened its file; it then "fills the disk" and says nothing

    monkeypatch.setattr(export, "paint_pages", stops_part_way)
    with pytest.raises(WriteFailed, match="could not be written completely"):
        export_sheet(shipped, "Kent", "2015/16", good)
    assert good.read_bytes() == before and _leftovers(tmp_path) == []


def test_a_png_writer_that_stops_part_way_is_caught(window, tmp_path, monkeypatch):
    target = tmp_path / "chart.png"
    target.write_bytes(b"an earlier chart")

    def truncated_save(image, path, *args):
        real_save(image, path, *args)
        os.truncate(path, os.path.getsize(path) // 2)
        return True  # as QImage does when libpng meets a full disk

    real_save = QImage.save
    monkeypatch.setattr(QImage, "save", truncated_save)
    with pytest.raises(WriteFailed):
        window.trends_tab.export_image(target)
    assert target.read_bytes() == b"an earlier chart" and _leftovers(tmp_path) == []


def _renamed(data, names: dict[str, str]):
    def rename(frame):
        return frame.assign(area=frame["area"].replace(names))

    return replace(
        data, areas=rename(data.areas), figures=rename(data.figures), child_population=rename(data.child_population)
    )


def test_batch_file_names_are_unique_readable_and_bounded(tmp_path, qapp):
    figures = [(area, "2016/17", OFFENCES, 100 + n, "s1") for n, area in enumerate(["North Force", "South Force"])]
    figures.append(("Testland", "2016/17", OFFENCES, 500, "s1"))
    data = _renamed(make_dataset(figures), {"North Force": "Kent!", "South Force": "KENT", "Testland": "Ж" * 329})
    written = export_all(data, tmp_path / "sheets", year="2016/17")
    names = sorted(path.name for path in (tmp_path / "sheets").iterdir())
    assert len(names) == len(written) == 3
    assert {"kent-2016-17.pdf", "kent-2016-17-2.pdf"} <= set(names)
    assert all(len(name.encode()) < 255 for name in names)
    assert ("ж" * 50 + "-2016-17.pdf") in names
    assert batch_file_names([("!!!", "2016/17"), ("", "2016/17")]) == ["area-2016-17.pdf", "area-2016-17-2.pdf"]


def test_a_second_writer_to_the_same_new_file_fails_instead_of_replacing_it(tmp_path, shipped, qapp):
    target = tmp_path / "kent.pdf"
    with pytest.raises(FileExistsError):
        with atomic_path(target, overwrite=False) as first:
            first.write_bytes(b"first writer's file")
            export_sheet(shipped, "Kent", "2015/16", target, overwrite=False)  # the second finishes first
    assert target.read_bytes().startswith(b"%PDF") and _leftovers(tmp_path) == []
    with pytest.raises(FileExistsError):
        export_sheet(shipped, "Durham", "2015/16", target, overwrite=False)


def _killed_while_painting(monkeypatch, sheet_number: int) -> None:
    """SIGTERM arrives while the given sheet is being written."""
    painted = []
    real_paint = export.paint_sheet

    def paint_then_get_killed(painter, content, device):
        real_paint(painter, content, device)
        painted.append(content)
        if len(painted) == sheet_number:
            os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(export, "paint_sheet", paint_then_get_killed)


def test_a_pipe_in_the_targets_place_is_refused_not_replaced(tmp_path, shipped, capsys, qapp):
    """As root the same path replaced /dev/null itself with a PDF."""
    pipe = tmp_path / "kent.pdf"
    os.mkfifo(pipe)
    assert main(["export", *KENT, "-o", str(pipe), "--overwrite"]) == EXIT_WRITE_ERROR
    assert "is not a regular file (a folder, device or pipe), so it is not replaced" in capsys.readouterr().err
    assert stat.S_ISFIFO(pipe.lstat().st_mode) and _leftovers(tmp_path) == []


def test_a_target_name_near_the_file_systems_limit_is_written(tmp_path, shipped, qapp):
    """Its temporary file's name is longer than the target's: it must still fit in 255 bytes."""
    target = tmp_path / ("k" * 250 + ".pdf")
    export_sheet(shipped, "Kent", "2015/16", target)
    assert target.read_bytes().startswith(b"%PDF-") and _leftovers(tmp_path) == []


def test_sigterm_during_a_batch_removes_the_file_being_written(tmp_path, monkeypatch, capsys, qapp):
    _killed_while_painting(monkeypatch, 3)
    folder = tmp_path / "sheets"
    handler_before = signal.getsignal(signal.SIGTERM)
    assert main(["export", "--all", "--year", "2016/17", "-o", str(folder)]) == EXIT_INTERRUPTED
    assert "no half-written file" in capsys.readouterr().err
    assert len(list(folder.glob("*.pdf"))) == 2 and _leftovers(folder) == []
    assert signal.getsignal(signal.SIGTERM) == handler_before


def test_stale_part_files_from_a_killed_export_are_removed_next_time_and_named(tmp_path, capsys, qapp):
    stale = tmp_path / ".kent-2015-16.a1b2c3d4.part.pdf"
    recent = tmp_path / ".durham-2015-16.e5f6g7h8.part.pdf"
    not_ours = tmp_path / ".notes.part"
    for path in (stale, recent, not_ours):
        path.write_bytes(b"%PDF-1.4 cut short")
    long_ago = time.time() - STALE_PART_SECONDS - 60
    os.utime(stale, (long_ago, long_ago))
    os.utime(not_ours, (long_ago, long_ago))
    assert main(["export", *KENT, "-o", str(tmp_path / "kent.pdf")]) == 0
    assert "Removed 1 unfinished file " in capsys.readouterr().err
    assert not stale.exists() and recent.exists() and not_ours.exists()


def test_new_files_follow_the_umask_and_replaced_files_keep_their_mode(tmp_path, shipped, qapp):
    previous = os.umask(0o027)
    try:
        export_sheet(shipped, "Kent", "2015/16", tmp_path / "new.pdf")
        assert stat.S_IMODE((tmp_path / "new.pdf").stat().st_mode) == 0o640
        kept = tmp_path / "shared.pdf"
        kept.write_bytes(b"old")
        kept.chmod(0o664)
        export_sheet(shipped, "Kent", "2015/16", kept)
        assert stat.S_IMODE(kept.stat().st_mode) == 0o664
    finally:
        os.umask(previous)


def test_sigterm_during_a_batch_in_the_window_removes_the_file_being_written(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from desktop_app.ui.app import stop_on_sigterm

    _killed_while_painting(monkeypatch, 2)
    handler_before = signal.getsignal(signal.SIGTERM)
    timer = stop_on_sigterm(QApplication.instance())
    try:
        with pytest.raises(KeyboardInterrupt):
            window.factsheet_actions.export_with_progress(tmp_path, "2016/17", False, replace_existing=False)
    finally:
        timer.stop()
        signal.signal(signal.SIGTERM, handler_before)
    assert len(list(tmp_path.glob("*.pdf"))) == 1 and _leftovers(tmp_path) == []


# Run in a fresh process, so what Qt and Python print on the way out can be read: SIGTERM arrives in the middle
# of drawing the third sheet's text (between the painter's save and restore).
_KILLED_WHILE_DRAWING_TEXT = """
    import os, signal, sys
    from PySide6.QtGui import QTextDocument
    real_draw = QTextDocument.drawContents
    drawn = []

    def draw_then_get_killed(document, painter, *rest):
        real_draw(document, painter, *rest)
        drawn.append(document)
        if len(drawn) == 30:
            os.kill(os.getpid(), signal.SIGTERM)

    QTextDocument.drawContents = draw_then_get_killed
"""


def _quiet_and_clean(finished, folder) -> None:
    assert finished.returncode == EXIT_INTERRUPTED, finished.stderr
    assert "Traceback" not in finished.stderr and "KeyboardInterrupt" not in finished.stderr
    assert "QPainter" not in finished.stderr  # "Painter ended with 1 saved states"
    assert _leftovers(folder) == [] and list(folder.glob("*.pdf"))


def test_sigterm_during_export_all_ends_quietly_with_the_painter_balanced(tmp_path, run_bounded):
    folder = tmp_path / "sheets"
    finished = run_bounded(
        _KILLED_WHILE_DRAWING_TEXT
        + f"""
    from desktop_app.cli import main
    sys.exit(main(["export", "--all", "--year", "2016/17", "-o", {str(folder)!r}]))
    """
    )
    _quiet_and_clean(finished, folder)
    assert "stopped; no half-written file was left behind" in finished.stderr


def test_sigterm_while_the_window_saves_all_sheets_ends_quietly(tmp_path, run_bounded):
    folder = tmp_path / "sheets"
    folder.mkdir()
    finished = run_bounded(
        _KILLED_WHILE_DRAWING_TEXT
        + f"""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from pathlib import Path
    from PySide6.QtCore import QSettings, QTimer
    from desktop_app.io.shipped import load_default_dataset
    from desktop_app.ui.app import create_application, stop_on_sigterm
    from desktop_app.ui.error_reporting import install_error_reporting
    from desktop_app.ui.main_window import MainWindow
    app = create_application()
    install_error_reporting()
    stop_on_sigterm(app)
    settings = QSettings({str(tmp_path / "settings.ini")!r}, QSettings.Format.IniFormat)
    window = MainWindow(load_default_dataset(), settings)
    window.show()
    save_all = lambda: window.factsheet_actions.export_with_progress(Path({str(folder)!r}), "2016/17", False, False)
    QTimer.singleShot(0, save_all)  # as the menu does: from the running window
    sys.exit(app.exec())
    """
    )
    _quiet_and_clean(finished, folder)


def test_a_file_created_during_a_batch_from_the_window_is_not_replaced(window, tmp_path, monkeypatch):
    from desktop_app.ui import factsheet_actions

    failures = []
    monkeypatch.setattr(factsheet_actions, "warn", lambda parent, title, text: failures.append(text))
    created_meanwhile = tmp_path / "kent-2016-17.pdf"
    real_paint = export.paint_sheet

    def another_program_saves_kent(painter, content, device):
        created_meanwhile.write_bytes(b"another program's file")  # after the window found the folder clear
        real_paint(painter, content, device)

    monkeypatch.setattr(export, "paint_sheet", another_program_saves_kent)
    assert window.factsheet_actions.export_with_progress(tmp_path, "2016/17", False, replace_existing=False) == []
    assert "already exists" in failures[0]
    assert created_meanwhile.read_bytes() == b"another program's file" and _leftovers(tmp_path) == []
