"""Importing from the window: a worker thread, problems to accept or refuse, releases to switch between."""

import fnmatch
import shutil
from pathlib import Path

import pandas as pd
import pytest
from PySide6.QtCore import QDate, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QDialog, QLabel

from desktop_app.cli import main
from desktop_app.model.measures import HOME_OFFICE_CHILD_OFFENCES
from desktop_app.ui import import_actions

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def messages(monkeypatch):
    shown = []
    monkeypatch.setattr(import_actions, "inform", lambda parent, title, text: shown.append(("info", text)))
    monkeypatch.setattr(import_actions, "warn", lambda parent, title, text: shown.append(("warning", text)))
    return shown


def _import(window, qtbot, path):
    window.import_actions.import_file(path)
    qtbot.waitUntil(lambda: not window.import_actions.busy, timeout=10_000)


def test_a_good_file_becomes_a_new_release_that_can_be_switched_and_compared(window, qtbot, messages):
    shipped = window.data
    _import(window, qtbot, FIXTURES / "long_good.csv")
    assert len(window.releases) == 2 and window.data is window.releases[1]
    assert window.release_box.currentText().startswith("long_good.csv (imported")
    assert "long_good.csv" in window.data_label.text()
    changes = window.changes_in_shown_release()
    assert len(changes) == 3
    window.release_box.setCurrentIndex(0)
    assert window.data is shipped
    assert window.changes_in_shown_release() is None


def test_an_import_says_at_once_what_it_reads_and_clears_that_when_it_ends(window, qtbot, messages):
    window.import_actions.import_file(FIXTURES / "long_good.csv")
    assert window.statusBar().currentMessage() == "Reading long_good.csv…"  # a workbook gives no progress till read
    progress = window.findChild(import_actions.QProgressDialog)
    assert progress.minimumWidth() >= 400  # its title in full
    qtbot.waitUntil(lambda: not window.import_actions.busy, timeout=10_000)
    assert "Reading" not in window.statusBar().currentMessage()


def test_a_refused_file_says_why_and_how_many_problems_it_has(window, qtbot, messages, tmp_path):
    forces = ["Kent", "Essex", "Surrey", "Sussex", "Norfolk", "Suffolk", "Dorset", "Cumbria", "Durham", "Gwent"]
    rows = [
        f"2017/18,{quarter},{force},Sexual grooming,Sexual offences,Other,88A,5"
        for quarter in (1, 2, 3)
        for force in forces
    ]  # three quarters only: a part year, so nothing can be imported
    header = "Financial Year,Financial Quarter,Force Name,Offence Description,Offence Group,Offence Subgroup,"
    path = tmp_path / "twice.csv"
    path.write_text(header + "Offence Code,Number of Offences\n" + "\n".join(rows + rows) + "\n", encoding="utf-8")
    _import(window, qtbot, path)
    ((kind, text),) = messages
    assert kind == "warning" and text.startswith("No usable figures were found in twice.csv.")
    assert "2017/18 holds only April to June and July to September and October to December in this table" in text
    assert "line 32: repeats line 2" in text and "… and 10 more" in text  # 30 repeats, 20 listed


def test_problems_are_listed_and_the_user_can_refuse_the_whole_file(window, qtbot, messages, monkeypatch):
    seen = []

    def refuse(dialog):
        seen.append(dialog.findChild(import_actions.QPlainTextEdit).toPlainText())
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(import_actions.ProblemsDialog, "exec", refuse)
    before = window.data
    _import(window, qtbot, FIXTURES / "long_bad.csv")
    assert "line 2, column 'area'" in seen[0] and "did you mean 'Greater Manchester'?" in seen[0]
    assert window.data is before and len(window.releases) == 1
    assert "nothing was changed" in window.statusBar().currentMessage()


def test_the_user_can_import_just_the_valid_rows(window, qtbot, messages, monkeypatch):
    monkeypatch.setattr(import_actions.ProblemsDialog, "exec", lambda dialog: QDialog.DialogCode.Accepted)
    _import(window, qtbot, FIXTURES / "long_bad.csv")
    assert len(window.releases) == 2
    assert window.changes_in_shown_release()["area"].tolist() == ["Durham"]


def test_a_home_office_table_adds_its_own_measure_with_the_caveat(window, qtbot, messages):
    _import(window, qtbot, FIXTURES / "home_office_small.csv")
    figures = window.data.current_figures
    kent = figures[
        (figures["area"] == "Kent")
        & (figures["year"] == "2017/18")
        & (figures["measure"] == HOME_OFFICE_CHILD_OFFENCES)
    ]
    assert kent["value"].item() == 69
    tab = window.statistics_tab
    tab.year_box.setCurrentText("2017/18")
    column = tab.table_model.column_index(HOME_OFFICE_CHILD_OFFENCES)
    row = tab.table_model.row_of("area", "Kent")
    assert tab.table_model.index(row, column).data() == "69"
    assert "never compared" in tab.table_model.headerData(
        column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    )
    assert any("never compared" in text for kind, text in messages if kind == "info")


def test_an_undated_import_says_what_it_replaced_without_calling_it_earlier_and_each_figure_counts_once(
    window, qtbot, messages
):
    _import(window, qtbot, FIXTURES / "home_office_small.csv")
    counted = window.data_label.text().split(" · ")[1]
    _import(window, qtbot, FIXTURES / "home_office_small.csv")  # the same file again
    assert window.data_label.text().split(" · ")[1] == counted
    window.statistics_tab.year_box.setCurrentText("2017/18")
    window.selection.set_area("Kent")
    details = window.statistics_tab.details.toPlainText()
    # The shipped figure was published in 2023; the table imported over it states no date.
    assert details.count("Replaced: the release (Home Office, 2023-10-19) gave") == 1
    assert "(home_office_small.csv, imported on 20" in details  # which file, and when, since it states no date
    window.show_what_changed()
    assert "No figure differs from the release before" in "".join(
        label.text() for label in window._changes_dialog.findChildren(QLabel)
    )
    assert "an earlier release (Home Office" not in details


def test_a_file_that_is_not_a_table_is_refused_and_nothing_changes(window, qtbot, messages, tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text("just some words\n", encoding="utf-8")
    _import(window, qtbot, path)
    assert messages and messages[0][0] == "warning" and "notes.csv" in messages[0][1]
    assert len(window.releases) == 1


def test_a_wide_table_asks_what_it_counts_and_where_it_came_from(window, qtbot, messages, monkeypatch):
    def answer(dialog):
        dialog.publisher.setText("Test Publisher")
        dialog.url.setText("https://example.org/made-up")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(import_actions.WideTableDialog, "exec", answer)
    _import(window, qtbot, FIXTURES / "wide_good.csv")
    assert len(window.changes_in_shown_release()) == 4
    [source] = window.data.sources.query("publisher == 'Test Publisher'").to_dict("records")
    assert pd.isna(source["published"]) and "imported on" in source["title"]  # no date given, none made up
    assert "newest release 2" in window.data_label.text() and "(some sources state no date)" in window.data_label.text()


def test_a_wide_table_takes_the_publication_date_the_user_gives(window, qtbot, messages, monkeypatch):
    def answer(dialog):
        dialog.publisher.setText("Test Publisher")
        dialog.url.setText("https://example.org/made-up")
        dialog.date_stated.setChecked(True)
        dialog.published.setDate(QDate(2026, 2, 1))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(import_actions.WideTableDialog, "exec", answer)
    _import(window, qtbot, FIXTURES / "wide_good.csv")
    [source] = window.data.sources.query("publisher == 'Test Publisher'").to_dict("records")
    assert source["published"] == "2026-02-01" and "imported on" not in source["title"]


def test_dropping_a_file_on_the_window_imports_it(window, qtbot, messages, tmp_path):
    copy = tmp_path / "dropped.csv"
    shutil.copy(FIXTURES / "long_good.csv", copy)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(copy))])
    drop = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    window.dropEvent(drop)
    qtbot.waitUntil(lambda: not window.import_actions.busy, timeout=10_000)
    assert len(window.releases) == 2 and window.data.name.startswith("dropped.csv")


def test_command_line_imports_a_file_or_refuses_it(capsys):
    assert main(["--data", str(FIXTURES / "long_bad.csv"), "info"]) == 1
    assert "6 problems; nothing was imported" in capsys.readouterr().err
    assert main(["--data", str(FIXTURES / "long_bad.csv"), "--skip-bad-rows", "info"]) == 0
    assert main(["--data", str(FIXTURES / "long_good.csv"), "summary", "--region", "GMP", "--year", "2016/17"]) == 0
    assert "3,100" in capsys.readouterr().out


def test_a_data_file_on_the_command_line_opens_the_window_first_and_imports_it_in_the_background(
    qtbot, messages, monkeypatch
):
    from PySide6.QtWidgets import QApplication

    from desktop_app.ui import app as app_module
    from desktop_app.ui.main_window import MainWindow

    seen = {}

    def run_until_imported(*_arguments):
        window = next(widget for widget in QApplication.topLevelWidgets() if isinstance(widget, MainWindow))
        seen["before the import"] = (window.isVisible(), window.import_actions.busy, window.data.name)
        qtbot.waitUntil(lambda: window.release_box.count() == 2, timeout=20_000)  # imported once the window is up
        seen["after"] = window.release_box.currentText()
        window.close()
        return 0

    monkeypatch.setattr(app_module, "install_error_reporting", lambda: None)
    monkeypatch.setattr(app_module, "stop_on_sigterm", lambda app: None)
    monkeypatch.setattr(QApplication, "exec", staticmethod(run_until_imported))
    assert main(["--data", str(FIXTURES / "home_office_small.csv")]) == 0
    visible, busy, name = seen["before the import"]
    assert visible and not busy and "imported" not in name
    assert seen["after"].startswith("home_office_small.csv (imported 2")  # named as File > Import names it
    assert messages and messages[0][0] == "info"  # the import's notes, as File > Import shows them


def test_the_import_dialog_shows_every_kind_of_file_the_importer_reads():
    shown = import_actions.TABLE_FILTER.split(";;")[0].removeprefix("Tables (").removesuffix(")").split()
    for name in ("prc-pfa-mar2013-onwards.csv.gz", "figures.csv", "notes.txt", "tables.xlsx", "tables.ods"):
        assert any(fnmatch.fnmatch(name, pattern) for pattern in shown), name
