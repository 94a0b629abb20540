"""Honest, traceable output: quotable sentences, stamps, saved views and readable colours."""

import json
from datetime import date

import pytest
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from desktop_app.model.citation import SOURCES_IN_THE_NOTES, citable_summary, export_stamp
from desktop_app.ui import main_window, saved_views
from desktop_app.ui.colours import HIGHER, LOWER, tone_colour


def test_a_quotable_sentence_carries_its_caveat_and_citation(shipped):
    text = citable_summary(shipped, "Greater Manchester", "2016/17", date(2026, 11, 28))
    assert text.startswith(
        "By the Home Office's official figures, police in Greater Manchester recorded 2,846 offences in 2016/17"
    )
    assert "police in Greater Manchester recorded 3,041" in text
    assert "reflect reporting and recording as well as abuse itself" in text
    assert "Home Office, Police recorded crime open data tables by police force area, release of 19 October 2023" in (
        text
    )
    assert "The Bolton News, Report of NSPCC figures on recorded sexual offences against children (2018-02)" in text
    assert "theboltonnews.co.uk" in text
    assert "on 2026-11-28 (data release: Default data shipped with Fact Sheets)" in text


def test_copy_summary_with_citation_from_the_window(window):
    window.selection.set_year("2016/17")
    window.selection.set_area("Merseyside")
    window.copy_citation()
    assert "1,325" in QGuiApplication.clipboard().text() and "Sources:" in QGuiApplication.clipboard().text()


def test_every_export_stamp_names_the_release_date_and_version(shipped):
    stamp = export_stamp(shipped, date(2027, 1, 2), sources=SOURCES_IN_THE_NOTES)
    assert "Default data shipped with Fact Sheets (newest source 2025-11-13)" in stamp
    assert "Produced 2027-01-02 with Fact Sheets 0.1.0" in stamp


def test_a_saved_view_reopens_the_whole_state(window, tmp_path, qtbot):
    window.selection.set_year("2018/19")
    window.selection.set_area("Durham")
    window.statistics_tab.nation_box.setCurrentText("England")
    window.statistics_tab.search_box.setText("dur")
    window.trends_tab.set_checked_areas(["Durham", "Cleveland"])
    window.tabs.setCurrentIndex(1)
    path = tmp_path / "view.json"
    saved_views.save(window, path)

    window.selection.set_area("Kent")
    window.selection.set_year("2014/15")
    window.statistics_tab.search_box.clear()
    window.trends_tab.set_checked_areas(["Kent"])
    window.tabs.setCurrentIndex(0)
    assert window.apply_view_file(path) == []
    assert (window.selection.area, window.selection.year) == ("Durham", "2018/19")
    assert window.statistics_tab.search_box.text() == "dur"
    assert window.trends_tab.checked_areas() == ["Cleveland", "Durham"]
    assert window.tabs.currentIndex() == 1


def test_a_view_saved_on_another_release_says_so(window, tmp_path, monkeypatch):
    monkeypatch.setattr(main_window, "inform", lambda *args: None)
    path = tmp_path / "old.json"
    state = saved_views.capture(window) | {"release": "An older release", "area": "Atlantis"}
    path.write_text(json.dumps(state), encoding="utf-8")
    notes = window.apply_view_file(path)
    assert any("saved on the release 'An older release'" in note for note in notes)
    assert any("'Atlantis' is not in the data" in note for note in notes)


def test_a_broken_view_file_changes_nothing(window, tmp_path, monkeypatch):
    warnings = []
    monkeypatch.setattr(main_window, "warn", lambda parent, title, text: warnings.append(text))
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    area = window.selection.area
    assert window.apply_view_file(path) == []
    assert "not a readable view file" in warnings[0] and window.selection.area == area


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast(first: QColor, second: QColor) -> float:
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#2b2b2b"),
        (QPalette.ColorRole.Base, "#1e1e1e"),
        (QPalette.ColorRole.AlternateBase, "#2a2a2a"),
        (QPalette.ColorRole.Text, "#e6e6e6"),
        (QPalette.ColorRole.WindowText, "#e6e6e6"),
    ):
        palette.setColor(role, QColor(colour))
    return palette


@pytest.mark.parametrize("theme", ["default", "dark"])
def test_text_and_marked_cells_meet_wcag_aa_contrast(qapp, theme):
    palette = QGuiApplication.palette() if theme == "default" else _dark_palette()
    for background in (QPalette.ColorRole.Base, QPalette.ColorRole.AlternateBase):
        base = palette.color(background)
        assert contrast(palette.color(QPalette.ColorRole.Text), base) >= 4.5
        for tone in (HIGHER, LOWER):
            assert contrast(tone_colour(tone, palette), base) >= 4.5, (theme, tone)
    assert contrast(palette.color(QPalette.ColorRole.WindowText), palette.color(QPalette.ColorRole.Window)) >= 4.5


def _copy_cell(window, qtbot, area: str, year: str, key: str) -> str:
    """Ctrl+C on one cell of the statistics table, as a user would; what lands on the clipboard."""
    from PySide6.QtCore import Qt

    tab = window.statistics_tab
    tab.year_box.setCurrentText(year)
    window.selection.set_area(area)
    column = tab.table_model.column_index(key)
    tab.table.setCurrentIndex(tab.table_model.index(tab.table.currentIndex().row(), column))
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    return QGuiApplication.clipboard().text()


def test_ctrl_c_on_a_figure_copies_it_as_a_sentence_with_its_source(window, qtbot):
    text = _copy_cell(window, qtbot, "Greater Manchester", "2016/17", "offences")
    assert text.startswith("Greater Manchester, 2016/17: NSPCC offences 3,041.")
    assert "Source: The Bolton News (2018-02), http://www.theboltonnews.co.uk" in text
    assert "children aged 0-17" not in text, "a count needs no population"


def test_ctrl_c_on_an_area_name_copies_the_name_with_no_figures_source_beside_it(window, qtbot):
    assert _copy_cell(window, qtbot, "Greater Manchester", "2014/15", "area") == "Greater Manchester"


def test_ctrl_c_on_a_missing_figure_says_why_it_is_missing(window, qtbot):
    text = _copy_cell(window, qtbot, "South Wales", "2022/23", "sexual_communication_with_a_child")
    assert "Sexual communication — (the force did not supply a figure for this year)." in text
    rate = _copy_cell(window, qtbot, "United Kingdom", "2022/23", "home_office_rate_per_1000_children")
    assert rate.startswith("United Kingdom, 2022/23: Home Office per 1,000 children — (")
    assert "Rate worked out" not in rate  # no rate, so no population it was divided by


def test_ctrl_c_on_a_rank_says_among_which_forces(window, qtbot):
    text = _copy_cell(window, qtbot, "Greater Manchester", "2016/17", "rank_uk")
    assert (
        "NSPCC offences rank (UK) 1 of 27 (rank by NSPCC offences among the UK forces with a figure this year" in text
    )


def test_ctrl_c_on_a_rate_also_cites_the_population_estimate_it_divides_by(window, qtbot):
    text = _copy_cell(window, qtbot, "Kent", "2022/23", "home_office_rate_per_1000_children")
    assert text.startswith("Kent, 2022/23: Home Office per 1,000 children 5.6.")
    assert "Source: Home Office" in text
    assert "children aged 0-17 in the mid-2022 estimate: Office for National Statistics" in text


def test_an_imported_figure_is_cited_in_its_own_sources_words(shipped):
    from pathlib import Path

    from desktop_app.io.importers import read_long, with_import

    result = read_long(Path(__file__).parent / "fixtures" / "long_good.csv", shipped)
    merged = with_import(shipped, result, "Test release")
    text = citable_summary(merged, "Kent", "2017/18", date(2026, 11, 28))
    source = result.sources.iloc[0]
    assert f"{source['publisher']}, {source['title']} ({source['published']})" in text
    assert "NSPCC Freedom of Information figures as reported by" not in text  # not a description it never gave
