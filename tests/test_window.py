"""The main window as a whole: tabs, menus, shortcuts, remembered state, opening data."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_app import paths
from desktop_app.model.measures import OFFENCES
from desktop_app.ui import main_window
from desktop_app.ui.app import create_application
from desktop_app.ui.main_window import MainWindow

from builders import make_dataset

ROOT = Path(__file__).resolve().parents[1]


def test_the_window_opens_with_three_populated_tabs(window, shipped):
    assert [window.tabs.tabText(i).replace("&", "") for i in range(3)] == [
        "Regional statistics",
        "Trend graphs",
        "Support contacts",
    ]
    assert window.statistics_tab.proxy.rowCount() == len(shipped.areas)
    assert any(item.name() for item in window.trends_tab.plot.getPlotItem().listDataItems())
    assert window.contacts_tab.table_model.rowCount() == len(shipped.support_contacts)
    status = window.data_label.text()
    assert "Default data" in status and "newest release 2025-11-13" in status


def test_keyboard_shortcuts_switch_tabs_and_find_focuses_the_search_box(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.trends_tab
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.trends_tab.search_box
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.statistics_tab.search_box


def test_ctrl_tab_goes_round_the_tabs_from_anywhere_in_the_window(window, qtbot):
    window.release_box.setFocus()
    for expected in (1, 2, 3, 0):
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
        assert window.tabs.currentIndex() == expected
    control_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Backtab, control_shift)
    assert window.tabs.currentIndex() == 3


def test_every_menu_action_has_a_name_and_the_main_ones_have_shortcuts(window):
    names = {}
    for menu_action in window.menuBar().actions():
        for action in menu_action.menu().actions():
            if not action.isSeparator():
                names[action.text().replace("&", "")] = action
    assert all(names)
    for name in (
        "Open data folder…",
        "Print fact sheet…",
        "Print preview…",
        "Save fact sheet as PDF…",
        "Save all fact sheets…",
        "Find",
        "Quit",
    ):
        assert not names[name].shortcut().isEmpty(), name


def test_state_is_remembered_between_runs(qtbot, shipped, settings, window):
    window.tabs.setCurrentIndex(1)
    window.selection.set_area("Kent")
    window.selection.set_year("2015/16")
    window.trends_tab.set_checked_areas(["Kent", "Essex"])
    window.trends_tab.comparison_box.setChecked(True)
    offences_column = window.statistics_tab.table_model.column_index("offences")
    window.statistics_tab.table.setColumnWidth(offences_column, 222)
    window.close()

    reopened = MainWindow(shipped, settings)
    qtbot.addWidget(reopened)
    assert reopened.tabs.currentIndex() == 1 and reopened.tabs.currentWidget() is reopened.trends_tab
    assert (reopened.selection.area, reopened.selection.year) == ("Kent", "2015/16")
    assert reopened.statistics_tab.year_box.currentText() == "2015/16"
    assert reopened.trends_tab.checked_areas() == ["Essex", "Kent"]
    assert reopened.trends_tab.comparison_box.isChecked()
    assert reopened.statistics_tab.table.columnWidth(offences_column) == 222


def test_the_window_opens_without_the_charting_library_until_the_trend_tab_is_shown(tmp_path):
    """pyqtgraph and the chart take longer to load than the rest of the window: a window opened on the
    statistics tab paints without them, and they load when the trend tab is first shown."""
    script = (
        "import sys\n"
        "from desktop_app.io.shipped import load_default_dataset\n"
        "from desktop_app.ui.app import create_application\n"
        "from desktop_app.ui.main_window import MainWindow\n"
        "app = create_application()\n"
        "window = MainWindow(load_default_dataset())\n"
        "window.show(); app.processEvents()\n"
        "print('pyqtgraph' in sys.modules)\n"
        "window.tabs.setCurrentIndex(1); app.processEvents()\n"
        "print('pyqtgraph' in sys.modules, window.tabs.currentWidget() is window.trends_tab)\n"
        "print(bool(window.trends_tab.plot.getPlotItem().listDataItems()))\n"
    )
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path)}
    shown = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=environment, cwd=ROOT
    )
    assert shown.stdout.split() == ["False", "True", "True", "True"]


def test_the_tabs_not_in_view_are_built_when_first_chosen_and_show_their_content(window):
    """The contacts and compare tabs, like the trend tab, are built the first time they are shown: chosen
    from the tab bar, each is there with its content, under its own label, and stays the same tab after."""
    labels = [window.tabs.tabText(index) for index in range(window.tabs.count())]
    window.tabs.setCurrentIndex(2)
    contacts = window.tabs.currentWidget()
    assert contacts.table.model().rowCount() > 10 and "999" in contacts.emergency_label.text()
    window.tabs.setCurrentIndex(3)
    assert window.tabs.currentWidget() is window.compare_tab and window.tabs.currentIndex() == 3
    window.tabs.setCurrentIndex(2)
    assert window.tabs.currentWidget() is contacts is window.contacts_tab
    assert [window.tabs.tabText(index) for index in range(window.tabs.count())] == labels


# Launches the app as `factsheets` does (cli.main) in a fresh process, noting for each window the moment it
# first paints: whether pandas was loaded by then, and where the window was. The event loop is stood in for by
# one that runs until the main window has painted.
LAUNCH_WATCHING_PAINTS = """
import json, sys
from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget
from desktop_app.cli import main
from desktop_app.ui.app import create_application
from desktop_app.ui.remembered_settings import user_settings_path

painted = []


class FirstPaints(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
            window = watched.window()
            if isinstance(window, QMainWindow) and type(window).__name__ not in [seen["window"] for seen in painted]:
                painted.append({
                    "window": type(window).__name__,
                    "title": window.windowTitle(),
                    "pandas loaded": "pandas" in sys.modules,
                    "geometry": window.geometry().getRect(),
                })
        return False


app = create_application()
watcher = FirstPaints()
app.installEventFilter(watcher)
remembered = json.loads(sys.argv[1])
if remembered:
    placed = QMainWindow()
    placed.setGeometry(*remembered)
    settings = QSettings(str(user_settings_path()), QSettings.Format.IniFormat)
    settings.setValue("window/geometry", placed.saveGeometry())
    settings.sync()


def run_until_the_main_window_paints():
    while not any(seen["window"] == "MainWindow" for seen in painted):
        app.processEvents()
    window = next(widget for widget in app.topLevelWidgets() if type(widget).__name__ == "MainWindow")
    painted[-1]["notice"] = window.statusBar().currentMessage()
    return 0


QApplication.exec = staticmethod(run_until_the_main_window_paints)
status = main(sys.argv[2:])
app.processEvents()
shown = [type(widget).__name__ for widget in app.topLevelWidgets() if widget.isVisible()]
print(json.dumps({"status": status, "painted": painted, "shown": shown}))
"""


def _launch_watching_paints(tmp_path, arguments=(), remembered_geometry=None) -> dict:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    launched = subprocess.run(
        [sys.executable, "-c", LAUNCH_WATCHING_PAINTS, json.dumps(remembered_geometry), *arguments],
        capture_output=True,
        text=True,
        env=environment,
        cwd=ROOT,
        timeout=120,
    )
    assert launched.returncode == 0, launched.stderr
    return {**json.loads(launched.stdout.splitlines()[-1]), "stderr": launched.stderr}


def test_a_window_paints_where_it_was_left_before_the_data_loads_and_the_main_window_takes_its_place(tmp_path):
    """The first paint comes before pandas is imported (the bulk of the wait), in the window's remembered place;
    the main window then opens in that same place, and the starting window is gone."""
    launched = _launch_watching_paints(tmp_path, remembered_geometry=[30, 50, 740, 620])
    starting, main = launched["painted"]
    assert (starting["window"], starting["title"], starting["pandas loaded"]) == (
        "StartingWindow",
        "Fact Sheets",
        False,
    )
    assert starting["geometry"] == [30, 50, 740, 620]
    assert (main["window"], main["pandas loaded"], main["geometry"]) == ("MainWindow", True, [30, 50, 740, 620])
    assert launched["shown"] == ["MainWindow"] and launched["status"] == 0


def test_a_remembered_window_too_small_to_use_opens_at_the_default_place_and_the_main_window_says_so(tmp_path):
    """The starting window leaves a bad remembered value for the main window, which removes it and says so."""
    launched = _launch_watching_paints(tmp_path, remembered_geometry=[10, 10, 300, 120])
    starting, main = launched["painted"]
    assert starting["window"] == "StartingWindow" and starting["geometry"] == main["geometry"]
    assert starting["geometry"][2:] != [300, 120]
    assert "reset to their defaults" in main["notice"]


def test_data_that_cannot_be_loaded_closes_the_starting_window_and_is_reported_on_the_command_line(tmp_path):
    launched = _launch_watching_paints(tmp_path, ["--data", str(tmp_path)])
    assert [seen["window"] for seen in launched["painted"]] == ["StartingWindow"]
    assert launched["shown"] == [] and launched["status"] == 1
    assert "factsheets: cannot load the data:" in launched["stderr"]


def test_chart_settings_are_kept_when_the_trend_tab_is_never_shown(qtbot, shipped, settings, window):
    window.tabs.setCurrentIndex(1)
    window.trends_tab.set_checked_areas(["Kent", "Essex"])
    window.trends_tab.comparison_box.setChecked(True)
    window.tabs.setCurrentIndex(0)
    window.close()
    untouched = MainWindow(shipped, settings)
    qtbot.addWidget(untouched)
    untouched.close()

    reopened = MainWindow(shipped, settings)
    qtbot.addWidget(reopened)
    assert set(reopened.trends_tab.checked_areas()) == {"Essex", "Kent", "United Kingdom"}
    assert reopened.trends_tab.comparison_box.isChecked()


def test_corrupted_settings_do_not_stop_the_window_opening(qtbot, shipped, settings):
    settings.setValue("window/geometry", "not a geometry")
    settings.setValue("statistics/columns", 12)
    settings.setValue("window/tab", "garbage")
    settings.setValue("selection/area", "Atlantis")
    create_application()
    opened = MainWindow(shipped, settings)
    qtbot.addWidget(opened)
    assert opened.selection.area == "United Kingdom"
    assert opened.tabs.currentIndex() == 0


@pytest.mark.parametrize(
    "broken, where",
    [
        (lambda text: text.replace(",3041,", ",-3041,"), ["figures.csv, line ", "column 'value'"]),
        (lambda text: text.splitlines()[0] + "\n", ["figures.csv: the file holds its header row (line 1) and no rows"]),
    ],
    ids=["negative count", "header only"],
)
def test_a_bad_data_folder_is_refused_and_the_loaded_data_stays(window, tmp_path, monkeypatch, broken, where):
    folder = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, folder)
    figures = folder / "figures.csv"
    figures.write_text(broken(figures.read_text(encoding="utf-8")), encoding="utf-8")
    messages = []
    monkeypatch.setattr(main_window, "warn", lambda parent, title, text: messages.append(text))
    before, shown_rows = window.data, window.statistics_tab.proxy.rowCount()
    assert not window.load_data_folder(folder)
    assert window.data is before and window.release_box.count() == 1
    assert window.statistics_tab.proxy.rowCount() == shown_rows
    assert all(fragment in messages[0] for fragment in where)
    assert "has not changed" in messages[0]


def test_a_good_data_folder_replaces_the_data_and_keeps_the_selection(window, tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, folder)
    window.selection.set_area("Kent")
    assert window.load_data_folder(folder)
    assert f"Data folder {folder}" in window.data_label.text()
    assert window.selection.area == "Kent"
    assert window.statistics_tab.proxy.rowCount() == len(window.data.areas)


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="True and False are immortal from Python 3.12")
def test_redrawing_charts_does_not_lose_references_to_true(window):
    """PySide6 6.12.0 with pyqtgraph lost a reference to True on each redraw until Python aborted."""
    import gc

    window.trends_tab.set_checked_areas(["Kent", "Essex", "Durham", "Wales"])
    redraws = 30
    gc.collect()
    before = sys.getrefcount(True)
    for _ in range(redraws):
        window.trends_tab.comparison_box.toggle()
    gc.collect()
    # The faulty release lost about 170 references per redraw; ordinary garbage moves a few either way.
    assert sys.getrefcount(True) >= before - 10 * redraws


def test_every_interactive_widget_has_an_accessible_name_and_takes_keyboard_focus(window):
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QComboBox,
        QHeaderView,
        QLineEdit,
        QTextBrowser,
        QWidget,
    )

    def part_of_a_combo_box(widget):
        return any(isinstance(owner, QComboBox) for owner in (widget.parent(), widget.parent().parent()))

    unnamed = []
    for tab_index in range(window.tabs.count()):
        for widget in window.tabs.widget(tab_index).findChildren(QWidget):
            qt_internal = isinstance(widget.parent(), (QLineEdit, QAbstractItemView))  # clear and corner buttons
            if (
                isinstance(widget, QAbstractButton)
                and not qt_internal
                and not (widget.text() or widget.accessibleName())
            ):
                unnamed.append(widget)
            if not isinstance(widget, (QComboBox, QLineEdit, QAbstractItemView, QTextBrowser)):
                continue
            if isinstance(widget, QHeaderView) or part_of_a_combo_box(widget) or qt_internal:
                continue  # the statistics table's kept-in-view Area column is part of the table, reached through it
            if not widget.accessibleName():
                unnamed.append(widget)
            assert widget.focusPolicy() != Qt.FocusPolicy.NoFocus, widget
    assert unnamed == []


def test_switching_to_a_release_with_other_areas_rebinds_every_view(window):
    tabs = (window.statistics_tab, window.trends_tab, window.contacts_tab)
    window.selection.set_year("2016/17")
    window.selection.set_area("Kent")
    other = make_dataset(
        [("North Force", "2016/17", OFFENCES, 120, "s1"), ("South Force", "2017/18", OFFENCES, 80, "s1")]
    )
    window.add_release(other)
    assert (window.selection.area, window.selection.year) == ("United Kingdom", "2016/17")
    window.selection.set_area("North Force")  # an area only the new release has: no view may still show the old
    assert "police in North Force recorded 120" in window.statistics_tab.details.toPlainText()
    assert window.trends_tab.checked_areas() == ["North Force"]
    assert window.data is other and (window.statistics_tab, window.trends_tab, window.contacts_tab) == tabs
    assert window.statistics_tab.proxy.rowCount() == len(other.areas)
    assert [window.statistics_tab.year_box.itemText(i) for i in range(2)] == ["2017/18", "2016/17"]
    area_list = window.trends_tab.area_list
    assert [area_list.item(row).text() for row in range(area_list.count())] == ["North Force", "South Force"]
    assert "Test data" in window.data_label.text()

    window.release_box.setCurrentIndex(0)  # and back: North Force is not in the shipped data
    assert window.selection.area == "United Kingdom"
    window.selection.set_area("Kent")
    assert window.trends_tab.area_list.currentItem().text() == "Kent"
    assert window.contacts_tab.nation_box.currentText() == "England"


def test_about_the_data_scrolls_inside_a_window_that_fits_a_small_screen(window, monkeypatch):
    from desktop_app.ui import main_window as window_module

    shown = []
    monkeypatch.setattr(window_module.QDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    window.resize(1024, 700)
    window._show_data_description()
    dialog = shown[0]
    screen = window.screen().availableGeometry()
    assert dialog.width() <= screen.width() and dialog.height() <= screen.height()
    from PySide6.QtWidgets import QPlainTextEdit

    text = dialog.findChild(QPlainTextEdit).toPlainText()
    assert "2022/23" in text and text == window_module.describe(window.data)


@pytest.mark.parametrize("typed, written", [("figures.xlsx", "figures.xlsx"), ("figures", "figures.csv")])
def test_an_export_named_with_another_format_is_written_in_that_format(window, tmp_path, monkeypatch, typed, written):
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / typed), "CSV (*.csv)"))
    assert window._export("csv", "table") == tmp_path / written  # Ctrl+E offers CSV; the name typed says Excel
    assert [path.name for path in tmp_path.iterdir() if not path.name.endswith(".about.txt")] == [written]
    if written.endswith(".xlsx"):
        with pd.ExcelFile(tmp_path / written, engine="openpyxl") as workbook:
            assert "Sources" in workbook.sheet_names
