"""Hostile text, view files and settings against the real window: refused whole or shown as plain text,
never a link or an image, never a changed window or data set."""

import json
import os
import stat
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop_app.ui import saved_views
from desktop_app.ui.app import create_application
from desktop_app.ui.controls import as_rich_text
from desktop_app.ui.main_window import EXPORT_FOLDER_KEY, MainWindow

RICH = "<a href='file:///etc/passwd'>click</a><img src='/etc/hosts'>"


@pytest.fixture
def message_boxes(monkeypatch):
    """Every message box shown, recorded (its text and how it is rendered) instead of waiting for a click."""
    shown = []

    def record(box):
        shown.append((box.text(), box.textFormat()))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", record)
    return shown


def _window_state(window):
    return (
        window.data,
        window.selection.area,
        window.selection.year,
        window.selection.measure,
        window.statistics_tab.nation_box.currentText(),
        window.trends_tab.checked_areas(),
        window.trends_tab.comparison_box.isChecked(),
        window.tabs.currentIndex(),
    )


def test_rich_text_in_a_view_file_is_shown_as_plain_text(window, tmp_path, message_boxes):
    path = tmp_path / "view.json"
    path.write_text(json.dumps(saved_views.capture(window) | {"area": RICH, "release": RICH}), encoding="utf-8")
    window.apply_view_file(path)
    assert message_boxes and all(text_format == Qt.TextFormat.PlainText for _text, text_format in message_boxes)
    assert RICH in message_boxes[0][0]


@pytest.mark.parametrize(
    "change",
    [
        {"chart_areas": 5},
        {"chart_areas": ["Kent", 5]},
        {"comparison": "false"},
        {"measure": "bogus"},
        {"tab": 99999999999999999999},
        {"tab": True},
        {"search": "x" * 100_000},
        {"area": ["Kent"]},
    ],
)
def test_a_view_with_a_wrong_value_is_refused_whole(window, tmp_path, message_boxes, change):
    window.selection.set_area("Durham")
    window.trends_tab.set_checked_areas(["Durham"])
    saved = saved_views.capture(window) | {"area": "Kent", "year": "2014/15", "nation_filter": "Wales"}
    path = tmp_path / "view.json"
    path.write_text(json.dumps(saved | change), encoding="utf-8")
    before = _window_state(window)
    assert window.apply_view_file(path) == []
    assert _window_state(window) == before
    assert "The window has not changed" in message_boxes[0][0]


@pytest.mark.parametrize("build", ["nested", "huge", "fifo", "device", "digits"])
def test_hostile_view_files_are_refused_without_being_read_whole(window, tmp_path, message_boxes, build):
    path = tmp_path / "view.json"
    if build == "nested":
        path.write_text("[" * 50_000 + "]" * 50_000, encoding="utf-8")
    elif build == "huge":
        with open(path, "wb") as huge:
            huge.truncate(210 * 2**20)  # sparse: 210 MB that takes no disk
    elif build == "digits":  # small, valid JSON, but a number Python refuses to turn into an int
        path.write_text('{"format": "fact-sheets-view", "tab": ' + "9" * 5000 + "}", encoding="utf-8")
    elif build == "fifo":
        os.mkfifo(path)  # opening it to read would block forever
    else:
        path.symlink_to("/dev/zero")  # reading it would never end
    before = _window_state(window)
    assert window.apply_view_file(path) == []
    assert _window_state(window) == before and window.isVisible()
    assert "not" in message_boxes[0][0]


@pytest.mark.parametrize(
    "key, value",
    [
        ("window/tab", "99999999999999999999"),
        ("window/tab", "9" * 5000),
        ("window/tab", "-1"),
        ("trends/areas", 5),
        ("trends/comparison", "maybe"),
        ("selection/measure", "bogus"),
    ],
)
def test_a_wrong_remembered_value_is_reset_and_the_window_opens(qtbot, shipped, settings, key, value):
    settings.setValue(key, value)
    create_application()
    opened = MainWindow(shipped, settings)
    qtbot.addWidget(opened)
    assert settings.value(key) is None  # reset, so the next start is clean too
    assert "reset to their defaults" in opened.statusBar().currentMessage()
    assert opened.tabs.currentIndex() == 0 and opened.trends_tab.checked_areas() in ([], ["United Kingdom"])


@pytest.mark.parametrize(
    "key, value",
    [("trends/areas", ["Kent", "Atlantis"]), ("selection/area", RICH), ("selection/year", "2025/26")],
)
def test_names_the_data_does_not_hold_are_dropped_without_calling_the_settings_broken(
    qtbot, shipped, settings, key, value
):
    """Left by a session that showed an imported release (imports are not kept between sessions)."""
    settings.setValue(key, value)
    create_application()
    opened = MainWindow(shipped, settings)
    qtbot.addWidget(opened)
    assert settings.value(key) is None  # dropped, so the next start is clean too
    notice = opened.statusBar().currentMessage()
    assert "not in the data loaded now" in notice and "could not be read" not in notice
    assert opened.selection.area == "United Kingdom" and opened.selection.year == shipped.latest_offences_year


def test_settings_are_never_written_through_a_link_to_a_device(qtbot, shipped, tmp_path):
    device = tmp_path / "null-device"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # our own copy of /dev/null's node
    except PermissionError:
        pytest.skip("making a device node needs root")
    link = tmp_path / "settings.ini"
    link.symlink_to(device)
    create_application()
    opened = MainWindow(shipped, QSettings(str(link), QSettings.Format.IniFormat))
    qtbot.addWidget(opened)
    assert "not a regular file" in opened.statusBar().currentMessage()
    opened.close()
    assert stat.S_ISCHR(device.lstat().st_mode) and link.is_symlink()


def _fifo(path):
    os.mkfifo(path)


def _folder(path):
    path.mkdir()


def _link_to_dev_zero(path):
    path.symlink_to("/dev/zero")


def _socket(path):
    import contextlib
    import socket

    # bound by its name from its own folder: a socket's full path may not exceed 107 bytes, and a test's
    # temporary folder can be longer than that
    with contextlib.chdir(path.parent), socket.socket(socket.AF_UNIX) as listening:
        listening.bind(path.name)  # the node stays after the socket closes


def _huge_file(path):
    with open(path, "wb") as huge:
        huge.truncate(2**31)  # sparse: 2 GB that takes no disk, which QSettings would read whole


@pytest.mark.parametrize(
    "make_settings_file, problem",
    [
        (_fifo, "is not a regular file"),
        (_folder, "is not a regular file"),
        (_link_to_dev_zero, "is not a regular file"),
        (_socket, "is not a regular file"),
        (_huge_file, "is over 1 MB, far larger than settings are"),
    ],
)
def test_a_settings_file_that_cannot_be_settings_is_never_opened(tmp_path, run_bounded, make_settings_file, problem):
    """Run in its own process: before the fix a pipe blocked the window for ever and /dev/zero filled memory."""
    config = tmp_path / "config"
    (config / "Fact Sheets").mkdir(parents=True)
    settings_file = config / "Fact Sheets" / "Fact Sheets.conf"
    make_settings_file(settings_file)
    before = settings_file.lstat()
    finished = run_bounded(
        f"""
        import os
        os.environ["XDG_CONFIG_HOME"] = {str(config)!r}
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from desktop_app.io.shipped import load_default_dataset
        from desktop_app.ui.app import create_application
        from desktop_app.ui.main_window import MainWindow
        create_application()
        window = MainWindow(load_default_dataset())
        window.show()
        print(window.statusBar().currentMessage())
        window.close()
        """,
        seconds=90,
    )
    assert finished.returncode == 0, finished.stderr
    assert f"The settings file {settings_file} {problem}: it was not used and will not be written" in finished.stdout
    after = settings_file.lstat()  # closing the window wrote nothing there
    assert (after.st_mode, after.st_size, after.st_mtime_ns) == (before.st_mode, before.st_size, before.st_mtime_ns)


def test_the_app_settings_file_is_found_without_opening_it(tmp_path):
    """The path worked out before opening is the one QSettings itself would use."""
    from desktop_app.ui.remembered_settings import user_settings_path

    create_application()
    assert user_settings_path() == Path(QSettings().fileName())


def test_after_a_reset_the_window_opens_centred_at_a_usable_size_with_its_notice_readable(tmp_path, run_bounded):
    """On a small laptop screen (1024x700, in its own process so the screen can be that size), with a remembered
    geometry Qt can read but far too small to use, and a wrong remembered tab."""
    screens = {"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1024, "height": 700, "logicalDpi": 96}]}
    (tmp_path / "screen.json").write_text(json.dumps(screens))
    finished = run_bounded(
        f"""
        import json, os
        os.environ["QT_QPA_PLATFORM"] = "offscreen:configfile=" + {str(tmp_path / "screen.json")!r}
        from PySide6.QtCore import QSettings, Qt
        from PySide6.QtWidgets import QMainWindow, QWidget
        from desktop_app.io.shipped import load_default_dataset
        from desktop_app.ui.app import create_application
        from desktop_app.ui.main_window import MainWindow
        create_application()
        settings = QSettings({str(tmp_path / "settings.ini")!r}, QSettings.Format.IniFormat)
        tiny = QMainWindow()
        tiny.resize(300, 120)
        settings.setValue("window/geometry", tiny.saveGeometry())
        settings.setValue("window/tab", "99999999999999999999")
        window = MainWindow(load_default_dataset(), settings)
        window.show()
        status = window.statusBar()
        shown = status.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        screen, frame = window.screen().availableGeometry(), window.frameGeometry()
        print(json.dumps({{
            "fits": screen.contains(frame),
            "size": [window.width(), window.height()],
            "off_centre": (frame.center() - screen.center()).manhattanLength(),
            "notice": status.currentMessage(),
            "notice_width": status.fontMetrics().horizontalAdvance(status.currentMessage()),
            "room": status.width() - sum(child.width() for child in shown if child.isVisible()),
            "geometry_reset": settings.value("window/geometry") is None,
        }}))
        """
    )
    assert finished.returncode == 0, finished.stderr
    opened = json.loads(finished.stdout.splitlines()[-1])
    assert opened["fits"] and opened["size"][0] >= 800 and opened["size"][1] >= 550
    assert opened["off_centre"] <= 4
    assert "reset to their defaults" in opened["notice"] and opened["geometry_reset"]
    assert opened["notice_width"] < opened["room"]  # not cut off by the data label beside it


def test_a_window_left_on_a_big_screen_opens_on_a_laptop_without_calling_its_settings_broken(tmp_path, run_bounded):
    """Qt declines a geometry saved on a screen of another size (a laptop off its dock); that is no fault."""
    settings_file = tmp_path / "settings.ini"
    for width, height in ((1600, 1000), (1024, 700)):
        screens = {"screens": [{"name": "screen", "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96}]}
        (tmp_path / f"screen-{width}.json").write_text(json.dumps(screens))
    left_big = run_bounded(
        f"""
        import os
        os.environ["QT_QPA_PLATFORM"] = "offscreen:configfile=" + {str(tmp_path / "screen-1600.json")!r}
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication, QMainWindow
        app = QApplication([])
        big = QMainWindow()
        big.setGeometry(40, 40, 1500, 900)
        big.show()
        QSettings({str(settings_file)!r}, QSettings.Format.IniFormat).setValue("window/geometry", big.saveGeometry())
        """
    )
    assert left_big.returncode == 0, left_big.stderr
    on_the_laptop = run_bounded(
        f"""
        import json, os
        os.environ["QT_QPA_PLATFORM"] = "offscreen:configfile=" + {str(tmp_path / "screen-1024.json")!r}
        from PySide6.QtCore import QSettings
        from desktop_app.io.shipped import load_default_dataset
        from desktop_app.ui.app import create_application
        from desktop_app.ui.main_window import MainWindow
        create_application()
        settings = QSettings({str(settings_file)!r}, QSettings.Format.IniFormat)
        window = MainWindow(load_default_dataset(), settings)
        window.show()
        print(json.dumps({{
            "fits": window.screen().availableGeometry().contains(window.frameGeometry()),
            "notice": window.statusBar().currentMessage(),
            "kept": settings.value("window/geometry") is not None,
        }}))
        """
    )
    assert on_the_laptop.returncode == 0, on_the_laptop.stderr
    opened = json.loads(on_the_laptop.stdout.splitlines()[-1])
    assert opened == {"fits": True, "notice": "", "kept": True}


@pytest.mark.parametrize("remembered", ["/tmp\x00/etc", "/tmp/\n/x", "relative/folder", "/" + "a" * 5000, 7])
def test_a_remembered_folder_that_is_no_folder_is_not_offered_and_is_removed(window, settings, monkeypatch, remembered):
    settings.setValue(EXPORT_FOLDER_KEY, remembered)
    offered = []

    def cancel(_parent, _caption, suggested, _filter):
        offered.append(suggested)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", cancel)
    window._export("csv", "table")
    assert Path(offered[0]).parent == Path.home()
    assert settings.value(EXPORT_FOLDER_KEY) is None


def test_only_a_folder_that_would_be_offered_again_is_remembered(window, settings, tmp_path, monkeypatch):
    plain, odd = tmp_path / "exports", tmp_path / "line\nbreak"
    for folder in (plain, odd):
        folder.mkdir()
        chosen = str(folder / "table.csv")
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args, chosen=chosen: (chosen, ""))
        assert window._export("csv", "table") == folder / "table.csv"
    assert settings.value(EXPORT_FOLDER_KEY) == str(plain)  # the second, odd name was not written back


def _with_area_renamed(data, old: str, new: str, note: str):
    def rename(frame):
        return frame.assign(area=frame["area"].replace({old: new}))

    return replace(
        data,
        areas=rename(data.areas),
        figures=rename(data.figures),
        child_population=rename(data.child_population),
        practice_notes=data.practice_notes.assign(note=note),
    )


def _chart_svg(qtbot, data, settings, area: str, path) -> str:
    create_application()
    opened = MainWindow(data, settings)
    qtbot.addWidget(opened)
    opened.trends_tab.set_checked_areas([area, "Durham"])
    opened.trends_tab.export_image(path)
    return path.read_text(encoding="utf-8")


def test_area_names_and_notes_from_files_are_never_rendered_as_html(qtbot, shipped, settings, tmp_path):
    picture = tmp_path / "local.png"
    QImage(40, 40, QImage.Format.Format_RGB32).save(str(picture))
    name = f"<a href='file:///etc/passwd'>Kent</a><img src='{picture}'>"
    hostile = _with_area_renamed(shipped, "Kent", name, name)
    create_application()
    opened = MainWindow(hostile, settings)
    qtbot.addWidget(opened)
    trends = opened.trends_tab
    trends.set_checked_areas([name, "Durham"])
    labels = [label.text for _sample, label in trends.plot.getPlotItem().legend.items]
    assert any("&lt;img" in text for text in labels) and not any("<img" in text for text in labels)
    assert trends.note_label.textFormat() == Qt.TextFormat.PlainText
    assert opened.data_label.textFormat() == Qt.TextFormat.PlainText
    assert trends._practice_markers and all("<img" not in marker.toolTip() for marker in trends._practice_markers)
    assert as_rich_text("<b>a</b>\nb") == "<qt>&lt;b&gt;a&lt;/b&gt;<br>b</qt>"
    # The points are drawn as small images; the local picture must not be one more of them.
    hostile_svg = _chart_svg(qtbot, hostile, settings, name, tmp_path / "hostile.svg")
    plain_svg = _chart_svg(qtbot, shipped, settings, "Kent", tmp_path / "plain.svg")
    assert hostile_svg.count("<image") == plain_svg.count("<image")


def test_links_open_only_for_web_addresses_the_data_lists(window, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    statistics = window.statistics_tab
    listed = window.data.sources["url"].iloc[0]
    for address in ("file:///etc/passwd", "javascript:alert(1)", "https://example.org/not-listed", "/etc/hosts"):
        assert not statistics.open_source_link(QUrl(address))
    assert statistics.open_source_link(QUrl(listed))
    assert opened == [QUrl(listed).toString()]
