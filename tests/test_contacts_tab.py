"""The support contacts tab: emergency line, nation filter that follows the area, search, copy, open."""

from PySide6.QtGui import QGuiApplication

from desktop_app.ui.contacts_tab import ALL_NATIONS, EMERGENCY_LINE


def _services(tab):
    return [tab.proxy.index(row, 0).data() for row in range(tab.proxy.rowCount())]


def test_the_emergency_line_comes_first(window):
    tab = window.contacts_tab
    assert tab.emergency_label.text() == EMERGENCY_LINE
    assert tab.proxy.index(0, 1).data() == "999"


def test_the_nation_filter_follows_the_selected_area(window, shipped):
    window.selection.set_area("Scotland")
    assert window.contacts_tab.nation_box.currentText() == "Scotland"
    window.selection.set_area("United Kingdom")
    assert window.contacts_tab.nation_box.currentText() == ALL_NATIONS
    assert len(_services(window.contacts_tab)) == len(shipped.support_contacts)


def test_search_narrows_and_the_number_can_be_copied(window, qtbot):
    tab = window.contacts_tab
    qtbot.keyClicks(tab.search_box, "childline")
    assert _services(tab) == ["Childline"]
    tab.table.selectRow(0)
    assert tab.copy_button.isEnabled() and tab.website_button.isEnabled()
    tab.copy_button.click()
    assert QGuiApplication.clipboard().text() == "0800 1111"


def test_services_without_a_phone_cannot_be_copied(window, qtbot):
    tab = window.contacts_tab
    qtbot.keyClicks(tab.search_box, "Internet Watch")
    tab.table.selectRow(0)
    assert not tab.copy_button.isEnabled()


def test_with_no_browser_open_website_says_so_with_the_address_to_copy(window, qtbot, monkeypatch):
    from PySide6.QtCore import Qt, QUrl
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QMessageBox

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) and False)
    tab = window.contacts_tab
    qtbot.keyClicks(tab.search_box, "childline")
    tab.table.selectRow(0)
    box = tab.open_website()
    assert opened == ["https://www.childline.org.uk"]
    assert box.isVisible() and "No web browser could be opened" in box.text()
    assert box.text().endswith("https://www.childline.org.uk")
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert box.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    box.close()
    details = window.statistics_tab.details  # a source link in the statistics tab's details goes the same way
    listed = window.data.sources["url"].iloc[0]  # only addresses the data lists are opened at all
    details.anchorClicked.emit(QUrl(listed))
    (box,) = [box for box in window.findChildren(QMessageBox) if box.isVisible()]
    assert box.text().endswith(QUrl(listed).toString())
    box.close()


def test_every_contacts_column_fits_a_1024_pixel_window(window, qtbot):
    window.resize(1024, 700)
    window.tabs.setCurrentWidget(window.contacts_tab)
    table = window.contacts_tab.table
    qtbot.waitUntil(lambda: table.horizontalHeader().length() > 0)
    assert table.horizontalHeader().length() <= table.viewport().width()
    assert not table.horizontalScrollBar().isVisible()
    hours = window.contacts_tab.table_model.column_index("hours")
    assert table.columnWidth(hours) >= 120
