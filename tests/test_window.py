"""The window, driven as a user would: headless, with real widgets."""

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFontDatabase

from desktop_app.formatting import MISSING
from desktop_app.model.measures import OFFENCES
from desktop_app.ui.app import create_application
from desktop_app.ui.contacts_tab import EMERGENCY_LINE
from desktop_app.ui.dataframe_model import DataFrameTableModel
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.statistics_tab import COLUMNS


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, shipped, settings):
    create_application()
    main_window = MainWindow(shipped, settings)
    qtbot.addWidget(main_window)
    main_window.show()
    qtbot.waitExposed(main_window)
    return main_window


def _shown(table_view, row, column):
    return table_view.model().index(row, column).data()


def _visible_areas(tab):
    return [_shown(tab.table, row, 0) for row in range(tab.proxy.rowCount())]


def test_fonts_are_installed_so_text_is_not_drawn_as_boxes(qapp):
    assert QFontDatabase.families()


def test_the_window_opens_with_three_populated_tabs(window, shipped):
    assert [window.tabs.tabText(i).replace("&", "") for i in range(3)] == [
        "Regional statistics",
        "Trend graphs",
        "Support contacts",
    ]
    assert window.statistics_tab.proxy.rowCount() == len(shipped.areas)
    assert window.trends_tab.plot.getPlotItem().listDataItems()
    assert window.contacts_tab.table_model.rowCount() == len(shipped.support_contacts)
    assert "Default data" in window.statusBar().currentMessage()


def test_statistics_table_shows_a_chosen_years_figures_with_missing_as_a_dash(window, qtbot):
    tab = window.statistics_tab
    tab.year_box.setCurrentText("2016/17")
    tab.search_box.clear()
    qtbot.keyClicks(tab.search_box, "greater man")
    assert _visible_areas(tab) == ["Greater Manchester"]
    offences = tab.table_model.column_index(OFFENCES)
    assert _shown(tab.table, 0, offences) == "3,041"
    assert _shown(tab.table, 0, tab.table_model.column_index("change")) == "−169"
    tab.search_box.clear()
    qtbot.keyClicks(tab.search_box, "Surrey")
    index = tab.table.model().index(0, offences)
    assert index.data() == MISSING
    assert "No figure has been published" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_a_force_that_did_not_supply_says_so_in_the_tooltip(window, qtbot):
    tab = window.statistics_tab
    tab.year_box.setCurrentText("2018/19")
    qtbot.keyClicks(tab.search_box, "Cheshire")
    index = tab.table.model().index(0, tab.table_model.column_index(OFFENCES))
    assert index.data() == MISSING
    assert "did not supply" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_sorting_puts_the_largest_first_and_missing_figures_last(window):
    tab = window.statistics_tab
    tab.year_box.setCurrentText("2016/17")
    offences = tab.table_model.column_index(OFFENCES)
    tab.table.sortByColumn(offences, Qt.SortOrder.DescendingOrder)
    shown = [_shown(tab.table, row, offences) for row in range(tab.proxy.rowCount())]
    numbers = [int(text.replace(",", "")) for text in shown if text != MISSING]
    assert shown[0] == "64,667"  # the UK
    assert numbers == sorted(numbers, reverse=True)
    assert shown[len(numbers) :] == [MISSING] * (len(shown) - len(numbers))
    tab.table.sortByColumn(offences, Qt.SortOrder.AscendingOrder)
    assert _shown(tab.table, tab.proxy.rowCount() - 1, offences) == MISSING


def test_the_nation_filter_keeps_only_that_nations_areas(window, shipped):
    tab = window.statistics_tab
    tab.nation_box.setCurrentText("Wales")
    assert sorted(_visible_areas(tab)) == ["Dyfed-Powys", "Gwent", "North Wales", "South Wales", "Wales"]


def test_selecting_a_row_shows_its_summary_and_the_trend_follows(window, qtbot):
    tab = window.statistics_tab
    tab.year_box.setCurrentText("2016/17")
    qtbot.keyClicks(tab.search_box, "Merseyside")
    tab.table.setFocus()
    tab.table.selectRow(0)
    assert window.selection.area == "Merseyside"
    assert "police in Merseyside recorded 1,325" in tab.summary_label.text()
    assert window.trends_tab.area_box.currentText() == "Merseyside"
    assert window.trends_tab.plotted_values()["2016/17"] == 1325


def test_trend_chart_switches_measure_and_leaves_gaps(window):
    trends = window.trends_tab
    trends.area_box.setCurrentText("Greater Manchester")
    trends.measure_box.setCurrentIndex(trends.measure_box.findText("Offences flagged as online"))
    values = trends.plotted_values()
    assert values.dropna().to_dict() == {"2015/16": 417, "2016/17": 650}
    curve = trends.plot.getPlotItem().listDataItems()[0]
    assert curve.opts["connect"] == "finite"
    assert "2015/16: 417; 2016/17: 650" in trends.note_label.text()


def test_support_contacts_lead_with_the_emergency_number(window):
    contacts = window.contacts_tab
    assert contacts.emergency_label.text() == EMERGENCY_LINE
    phones = [contacts.table_model.index(row, 1).data() for row in range(contacts.table_model.rowCount())]
    assert phones[0] == "999"
    assert "0808 800 5000" in phones and "0800 1111" in phones


def test_window_state_and_selection_are_remembered(qtbot, shipped, settings, window):
    window.tabs.setCurrentIndex(1)
    window.selection.set_area("Kent")
    window.selection.set_year("2015/16")
    window.close()
    reopened = MainWindow(shipped, settings)
    qtbot.addWidget(reopened)
    assert reopened.tabs.currentIndex() == 1
    assert (reopened.selection.area, reopened.selection.year) == ("Kent", "2015/16")
    assert reopened.statistics_tab.year_box.currentText() == "2015/16"


def test_corrupted_settings_do_not_stop_the_window_opening(qtbot, shipped, settings):
    settings.setValue("window/geometry", "not a geometry")
    settings.setValue("window/tab", "garbage")
    settings.setValue("selection/area", "Atlantis")
    create_application()
    opened = MainWindow(shipped, settings)
    qtbot.addWidget(opened)
    assert opened.selection.area == "United Kingdom"
    assert opened.tabs.currentIndex() == 0


def test_the_table_model_keeps_qts_rules(qtmodeltester, shipped):
    from desktop_app.model.statistics import statistics_table

    model = DataFrameTableModel(COLUMNS)
    model.set_frame(statistics_table(shipped, "2018/19").reset_index())
    qtmodeltester.check(model)
