"""Faults and hostile input: errors are reported and survived, files are never half-written or
silently replaced, exports cannot run formulas, and the app makes no network connections."""

import csv
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl.workbook.workbook
import pandas as pd
import pytest
from PySide6.QtCore import QAbstractAnimation, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.cli import EXIT_WRITE_ERROR, main
from desktop_app.factsheet.export import export_all
from desktop_app.io.table_export import write_csv, write_excel
from desktop_app.model.measures import OFFENCES
from desktop_app.ui import error_reporting


@pytest.mark.qt_no_exception_capture
def test_an_unexpected_error_in_a_slot_shows_a_dialog_writes_a_log_and_the_app_carries_on(
    window, qtbot, tmp_path, monkeypatch
):
    monkeypatch.setattr(error_reporting, "log_folder", lambda: tmp_path / "logs")
    shown = []

    def capture(box):
        shown.append((box.text(), box.detailedText(), [button.text() for button in box.buttons()]))
        copy = next(button for button in box.buttons() if button.text() == "Copy details")
        copy.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", capture)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    error_reporting.install_error_reporting()

    def broken_slot():
        raise ZeroDivisionError("a bug in a slot")

    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    text, details, buttons = shown[0]
    assert "did not expect" in text and "has not been changed" in text
    assert "ZeroDivisionError: a bug in a slot" in details
    assert "Copy details" in buttons
    assert QApplication.clipboard().text() == details
    log = (tmp_path / "logs" / error_reporting.LOG_NAME).read_text(encoding="utf-8")
    assert "ZeroDivisionError: a bug in a slot" in log
    window.selection.set_area("Kent")  # still working
    assert "Kent" in window.statistics_tab.details.toPlainText()


def test_exports_cannot_run_as_formulas_in_a_spreadsheet(tmp_path):
    hostile = pd.DataFrame(
        {
            "Area": ['=HYPERLINK("http://x")', "+1", "-1+2", "@SUM(A1)", "\tTab", "\rCR", "Kent"],
            "Offences": [1, 2, -3, 4, 5, 6, 7],
        }
    )
    write_csv(hostile, tmp_path / "t.csv")
    with open(tmp_path / "t.csv", encoding="utf-8-sig", newline="") as written:
        header, *rows = list(csv.reader(written))
    assert header == ["Area", "Offences"]
    assert all(area.startswith("'") for area, _offences in rows[:6])
    assert rows[6] == ["Kent", "7"]
    assert [offences for _area, offences in rows] == ["1", "2", "-3", "4", "5", "6", "7"]  # numbers stay numbers
    write_excel({"Figures": hostile}, tmp_path / "t.xlsx")
    cells = pd.read_excel(tmp_path / "t.xlsx", engine="openpyxl")["Area"]
    assert all(cell.startswith("'") for cell in cells[:6])


@pytest.mark.parametrize("writer", ["csv", "excel"])
def test_a_failure_part_way_through_a_table_export_keeps_the_old_file(tmp_path, monkeypatch, writer):
    target = tmp_path / ("t.csv" if writer == "csv" else "t.xlsx")
    target.write_bytes(b"earlier export")

    def fail_part_way(self, destination, *args, **kwargs):
        if hasattr(destination, "write"):
            destination.write(b"PK\x03\x04 partial")
        else:
            with open(self if writer == "csv" else destination, "w", encoding="utf-8") as partial:
                partial.write("Area,Off")
        raise OSError("No space left on device")

    if writer == "csv":
        monkeypatch.setattr(Path, "write_text", fail_part_way)
    else:
        monkeypatch.setattr(openpyxl.workbook.workbook.Workbook, "save", fail_part_way)
    with pytest.raises(OSError, match="No space left"):
        if writer == "csv":
            write_csv(pd.DataFrame({"Area": ["Kent"]}), target)
        else:
            write_excel({"Figures": pd.DataFrame({"Area": ["Kent"]})}, target)
    assert target.read_bytes() == b"earlier export"
    assert list(tmp_path.iterdir()) == [target]


def test_existing_files_are_not_replaced_without_agreement(shipped, tmp_path, capsys, qapp):
    existing = tmp_path / "kent.pdf"
    existing.write_bytes(b"keep me")
    assert main(["export", "--region", "Kent", "--year", "2016/17", "-o", str(existing)]) == EXIT_WRITE_ERROR
    assert "already exists" in capsys.readouterr().err
    assert existing.read_bytes() == b"keep me"
    assert main(["export", "--region", "Kent", "--year", "2016/17", "-o", str(existing), "--overwrite"]) == 0
    assert existing.read_bytes().startswith(b"%PDF")

    folder = tmp_path / "sheets"
    folder.mkdir()
    (folder / "kent-2016-17.pdf").write_bytes(b"keep me too")
    with pytest.raises(FileExistsError, match="1 file"):
        export_all(shipped, folder, year="2016/17")
    assert [path.name for path in folder.iterdir()] == ["kent-2016-17.pdf"]


# Printing asks the computer's own print service (CUPS, on port 631 of this machine): not the network.
LOCAL_PRINT_SERVICE = re.compile(r'htons\(631\).*(inet_addr\("127\.0\.0\.1"\)|"::1")')


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace watches the system calls: install.sh --test adds it")
def test_the_app_makes_no_network_connections(tmp_path):
    """Watched at the system calls, so a connection from Qt or any library counts, not only Python's sockets."""
    calls = tmp_path / "calls.log"
    flows = subprocess.run(
        ["strace", "-f", "-qq", "-e", "trace=socket,connect", "-o", str(calls)]
        + [sys.executable, str(Path(__file__).with_name("main_flows.py")), str(tmp_path)],
        capture_output=True,
        text=True,
        env=os.environ | {"PYTHONPATH": str(Path(__file__).parents[1])},
        timeout=300,
    )
    assert flows.returncode == 0, flows.stderr
    assert flows.stdout.strip().splitlines()[-1] == "networking modules: none"
    assert {path.name for path in tmp_path.iterdir()} >= {"table.xlsx", "chart.svg", "sheet.pdf"}
    connections = [line for line in calls.read_text().splitlines() if re.search(r"connect\(.*AF_INET|AF_PACKET", line)]
    assert "socket(AF_UNIX" in calls.read_text()  # the flows' own local socket: strace was watching
    elsewhere = [line for line in connections if not LOCAL_PRINT_SERVICE.search(line)]
    assert elsewhere == []


def _views_agree_with_the_selection(window) -> None:
    selection = window.selection
    statistics, trends = window.statistics_tab, window.trends_tab
    assert statistics.year_box.currentText() == selection.year
    shown_row = statistics.table.currentIndex().row()
    if statistics.table_model.row_of("area", selection.area) is not None:
        assert statistics.table_model.raw_value(shown_row, "area") == selection.area
    assert selection.area in statistics.details.toPlainText()
    if trends.area_list.findItems(selection.area, Qt.MatchFlag.MatchExactly):
        assert trends.area_list.currentItem().text() == selection.area
    assert trends.measure() == selection.measure
    lines = [item.name() for item in trends.plot.getPlotItem().listDataItems() if item.name()]
    anything_to_draw = trends.plotted_values().notna().any().any()
    assert lines == (list(trends.plotted_lines()) if anything_to_draw else [])
    drawn_areas = {area for area, _measure in trends.plotted_lines().values()}
    assert drawn_areas == {*trends.checked_areas(), *trends.comparison_areas()}


def test_soak_hundreds_of_random_user_actions_keep_the_views_in_step_and_leave_nothing_behind(window, shipped):
    chance = random.Random(20261128)
    areas = shipped.areas_with_figures
    trends = window.trends_tab
    actions = [
        lambda: window.tabs.setCurrentIndex(chance.randrange(3)),
        lambda: window.selection.set_area(chance.choice(areas)),
        lambda: window.selection.set_year(chance.choice(shipped.years)),
        lambda: window.statistics_tab.search_box.setText(chance.choice(["", "shire", "wales", "x"])),
        lambda: window.statistics_tab.nation_box.setCurrentIndex(chance.randrange(5)),
        lambda: trends.measure_box.setCurrentIndex(chance.randrange(trends.measure_box.count())),
        lambda: trends.set_checked_areas(chance.sample(areas, chance.randrange(1, 5))),
        lambda: trends.comparison_box.toggle(),
        lambda: window.contacts_tab.search_box.setText(chance.choice(["", "line", "police"])),
    ]

    def run(count):
        for step in range(count):
            chance.choice(actions)()
            if step % 25 == 0:
                QApplication.processEvents()
                _views_agree_with_the_selection(window)

    def objects_in_a_fixed_state() -> tuple[int, int]:
        """Qt objects under the window, and items on the chart, in one chosen state. Qt's own animations (a
        search box's clear button fading) come and go by themselves and are not counted."""
        window.selection.set_area("Kent")
        window.selection.set_year("2016/17")
        window.statistics_tab.search_box.clear()
        window.statistics_tab.nation_box.setCurrentIndex(0)  # all nations: Kent's row, so its details, shown
        window.contacts_tab.search_box.clear()
        trends.measure_box.setCurrentIndex(trends.measure_box.findData(OFFENCES))
        trends.comparison_box.setChecked(False)
        trends.set_checked_areas(["Kent"])
        QApplication.processEvents()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        lasting = [child for child in window.findChildren(QObject) if not isinstance(child, QAbstractAnimation)]
        return len(lasting), len(trends.plot.scene().items())

    run(60)  # every kind of view built once
    before = objects_in_a_fixed_state()
    run(240)
    assert objects_in_a_fixed_state() == before  # nothing piles up: no leaked lines, markers, items or dialogs
