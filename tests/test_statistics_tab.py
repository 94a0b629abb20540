"""The regional statistics tab, driven as a user would."""

import csv

import pandas as pd
import pytest
from PySide6.QtCore import Qt

from desktop_app.formatting import MISSING
from desktop_app.model.measures import HOME_OFFICE_CHILD_OFFENCES, NO_FIGURE, OFFENCES, SEXUAL_COMMUNICATION
from desktop_app.model.statistics import HOME_OFFICE_RATE, RATE, statistics_table
from desktop_app.model.summary import summary
from desktop_app.ui.dataframe_model import DataFrameTableModel
from desktop_app.ui.statistics_tab import COLUMNS, LEGEND


def _shown(tab, row, key):
    return tab.table.model().index(row, tab.table_model.column_index(key)).data()


def _visible_areas(tab):
    return [_shown(tab, row, "area") for row in range(tab.proxy.rowCount())]


def test_typing_in_the_search_box_narrows_the_table(window, qtbot):
    tab = window.statistics_tab
    tab.year_box.setCurrentText("2016/17")
    qtbot.keyClicks(tab.search_box, "greater man")
    assert _visible_areas(tab) == ["Greater Manchester"]
    assert _shown(tab, 0, OFFENCES) == "3,041"
    assert _shown(tab, 0, "change") == "▼ −169"
    assert _shown(tab, 0, "change_percent") == "−5%"


def test_missing_figures_show_a_dash_and_say_why(window, qtbot):
    tab = window.statistics_tab
    tab.year_box.setCurrentText("2018/19")
    qtbot.keyClicks(tab.search_box, "Cheshire")
    index = tab.table.model().index(0, tab.table_model.column_index(OFFENCES))
    assert index.data() == MISSING
    assert "did not supply" in index.data(Qt.ItemDataRole.ToolTipRole)
    tab.search_box.clear()
    qtbot.keyClicks(tab.search_box, "Surrey")
    index = tab.table.model().index(0, tab.table_model.column_index(OFFENCES))
    assert index.data() == MISSING
    assert index.data(Qt.ItemDataRole.ToolTipRole) == "This data set has no figure for this area and year"


def test_sorting_keeps_totals_above_the_forces_largest_force_first_and_missing_figures_last(window, shipped):
    tab = window.statistics_tab
    tab.year_box.setCurrentText("2016/17")
    offences = tab.table_model.column_index(OFFENCES)
    tab.table.sortByColumn(offences, Qt.SortOrder.DescendingOrder)
    areas = [tab.table_model.raw_value(row, "area") for row in range(tab.proxy.rowCount())]
    forces = set(shipped.force_areas)
    totals = len(shipped.area_names) - len(forces)
    assert not any(area in forces for area in areas[:totals])  # UK and nation totals never among forces
    assert all(area in forces for area in areas[totals:])
    shown = [_shown(tab, row, OFFENCES) for row in range(totals, len(areas))]
    numbers = [int(text.replace(",", "")) for text in shown if text != MISSING]
    assert shown[0] == "3,041"  # Greater Manchester heads the forces
    assert numbers == sorted(numbers, reverse=True)
    assert shown[len(numbers) :] == [MISSING] * (len(shown) - len(numbers))
    tab.table.sortByColumn(offences, Qt.SortOrder.AscendingOrder)
    assert _shown(tab, len(areas) - 1, OFFENCES) == MISSING


def test_the_nation_filter_keeps_only_that_nations_areas(window):
    tab = window.statistics_tab
    tab.nation_box.setCurrentText("Wales")
    assert sorted(_visible_areas(tab)) == ["Dyfed-Powys", "Gwent", "North Wales", "South Wales", "Wales"]


def test_higher_and_lower_are_marked_by_symbol_and_colour_with_a_legend(window, qtbot):
    tab = window.statistics_tab
    tab.year_box.setCurrentText("2018/19")
    qtbot.keyClicks(tab.search_box, "Durham")
    comparison = tab.table.model().index(0, tab.table_model.column_index("home_office_compared_with_nation"))
    assert comparison.data() == "▲ higher"
    higher = comparison.data(Qt.ItemDataRole.ForegroundRole)
    tab.search_box.clear()
    qtbot.keyClicks(tab.search_box, "Thames Valley")
    lower = tab.table.model().index(0, tab.table_model.column_index("home_office_compared_with_nation"))
    assert lower.data() == "▼ lower"
    assert higher is not None and lower.data(Qt.ItemDataRole.ForegroundRole) != higher
    assert "not worse" in tab.legend.text() and tab.legend.text() == LEGEND


def test_selecting_a_row_shows_details_with_sources_and_revisions(window, qtbot):
    tab = window.statistics_tab
    tab.year_box.setCurrentText("2014/15")
    qtbot.keyClicks(tab.search_box, "Gwent")
    tab.table.setFocus()
    tab.table.selectRow(0)
    assert window.selection.area == "Gwent"
    details = tab.details.toHtml()
    assert "police in Gwent recorded 706" in tab.details.toPlainText()
    assert "pressreader.com" in details
    assert "Revised: an earlier release (ITV News, 2016-03-09) gave 389" in tab.details.toPlainText()
    assert window.trends_tab.area_list.currentItem().text() == "Gwent"


def test_export_csv_is_a_clean_table_with_one_unit_per_column_and_its_stamp_beside_it(window, qtbot, tmp_path):
    tab = window.statistics_tab
    tab.year_box.setCurrentText("2016/17")
    tab.nation_box.setCurrentText("England")
    path = tmp_path / "table.csv"
    tab.export_csv(path)
    written = pd.read_csv(path).set_index("Area")  # no options: nothing follows the rows
    assert list(written.index) == _visible_areas(tab)
    assert (written["Financial year"] == "2016/17").all()
    manchester = written.loc["Greater Manchester"]
    assert manchester["NSPCC offences"] == 3041
    assert manchester["NSPCC change (%)"] == -5.3  # a per cent, 1 decimal place, as the other per cents
    assert manchester["Online share (%)"] == 21.4  # 650 of 3,041, not 0.2137…
    assert manchester["NSPCC per 1,000 children"] == 4.8
    assert (
        manchester["NSPCC offences rank (UK)"],
        manchester["NSPCC offences rank (UK): out of, with a figure in this data set"],
    ) == (1, 27)
    assert written["NSPCC offences"].isna().any()  # missing stays empty, never 0 or "nan"
    assert not (written["NSPCC offences"] == 0).any()
    cells = {cell for row in csv.reader(path.read_text(encoding="utf-8-sig").splitlines()) for cell in row}
    assert not cells & {"nan", "NaN", "<NA>", "None", MISSING}
    about = (tmp_path / "table.csv.about.txt").read_text(encoding="utf-8")
    assert "Data release: Default data" in about and "Produced" in about
    assert "The sources of the figures are listed below." in about  # not "listed with the data": they are here
    assert "The Bolton News, Report of NSPCC figures" in about and "bolton-news-1" not in about


def test_export_excel_has_formats_filters_and_every_figures_source_in_words(window, tmp_path):
    from openpyxl import load_workbook

    tab = window.statistics_tab
    tab.year_box.setCurrentText("2016/17")
    path = tmp_path / "table.xlsx"
    tab.export_excel(path)
    sheets = pd.read_excel(path, sheet_name=None, engine="openpyxl")
    figures = sheets["Figures 2016-17"].set_index("Area")
    assert figures.loc["Greater Manchester", "NSPCC offences"] == 3041
    assert figures.loc["Greater Manchester", "NSPCC offences: source"].startswith("The Bolton News, Report of NSPCC")
    assert "Office for National Statistics" in figures.loc["Greater Manchester", "NSPCC per 1,000 children: source"]
    # an empty cell has no source: the column beside it says why it is empty, as the table's dash does
    withheld = figures["NSPCC change (%)"].isna() & figures["NSPCC offences"].notna()
    assert withheld.any()
    for heading, key in [
        ("NSPCC offences", OFFENCES),
        ("NSPCC change (%)", "change_percent"),
        ("Home Office offences", HOME_OFFICE_CHILD_OFFENCES),
        ("HO rate vs nation", "home_office_compared_with_nation"),  # words, not numbers: reasons beside them too
    ]:
        empty = figures.index[figures[heading].isna()]
        assert len(empty) and all(
            figures.loc[area, f"{heading}: source"] == _tooltip(tab, area, key) for area in empty
        ), heading
        reasons = figures.loc[empty, f"{heading}: source"]
        assert not figures.loc[figures[heading].notna(), f"{heading}: source"].isin(reasons).any()
    assert figures.loc["Hertfordshire", "NSPCC change (%): source"] == (
        "This data set has no figure for 2015/16 to compare with"  # not "no figure for this area and year"
    )
    assert "Produced" in sheets["About"].iloc[0, 0]
    sources = sheets["Sources"]
    assert list(sources.columns) == ["Publisher", "Title", "Published", "Address", "Figures citing it"]
    assert "The Bolton News" in set(sources["Publisher"]) and sources["Address"].str.startswith("http").all()
    every_cell = pd.concat([frame.astype(str).stack() for frame in sheets.values()])
    assert not every_cell.str.contains("bolton-news-1|home-office-prc", regex=True).any()  # no internal ids
    sheet = load_workbook(path)["Figures 2016-17"]
    headings = {cell.value: cell.column_letter for cell in sheet[1]}
    assert sheet.freeze_panes == "B2" and sheet.auto_filter.ref == sheet.dimensions
    assert all(cell.font.bold for cell in sheet[1]) and not sheet["A2"].font.bold  # the headings stand out
    # printed landscape, heading and area repeated on every page
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.print_title_rows == "$1:$1" and sheet.print_title_cols == "$A:$A"
    assert sheet[f"{headings['NSPCC offences']}3"].number_format == "#,##0"
    assert sheet[f"{headings['Online share (%)']}3"].number_format == '0.0"%"'
    assert sheet[f"{headings['NSPCC per 1,000 children']}3"].number_format == "#,##0.0"
    assert sheet.column_dimensions[headings["HO offences rank (England and Wales)"]].width >= len(
        "HO offences rank (England and Wales)"
    )
    listed = load_workbook(path)["Sources"]  # a long title wraps in its column, its row as tall as it needs
    title = next(cell for (cell,) in listed.iter_rows(min_row=2, min_col=2, max_col=2) if len(cell.value) > 80)
    assert title.alignment.wrap_text and listed.row_dimensions[title.row].height >= 2 * 15
    about = load_workbook(path)["About"]  # sentences to read: wrapped, nothing to filter or freeze
    assert about.freeze_panes is None and about.auto_filter.ref is None
    assert about["A2"].alignment.wrap_text and about.column_dimensions["A"].width >= 80
    # each row as tall as its wrapped lines (LibreOffice drew a wrapped cell over the next), printed landscape
    assert about.row_dimensions[2].height >= 3 * 15 and about.page_setup.orientation == "landscape"
    assert about["A1"].value == "About this file" and about["A1"].font.bold
    assert "in full on the Sources sheet" in about["A2"].value  # says where, not "listed with the data"
    assert "Beside an empty cell, the source column says why it is empty." in about["A2"].value
    words = " ".join(str(cell.value) for row in about.iter_rows() for cell in row if cell.value)
    assert "Higher is not worse" in words and "▲" not in words  # its cells hold numbers, not arrows


def test_scrolled_sideways_the_table_rests_with_no_column_half_under_the_area_column(window, qtbot):
    from PySide6.QtWidgets import QAbstractSlider

    tab, actions = window.statistics_tab, QAbstractSlider.SliderAction
    window.resize(900, 600)
    table, bar = tab.table, tab.table.horizontalScrollBar()

    def first_column_in_view_starts_where_the_area_column_ends() -> bool:
        edge = table.columnWidth(0)
        return table.columnViewportPosition(table.columnAt(edge)) == edge

    for action in [actions.SliderSingleStepAdd] * 3 + [actions.SliderPageStepAdd, actions.SliderSingleStepSub]:
        before = bar.value()
        bar.triggerAction(action)
        assert bar.value() != before and first_column_in_view_starts_where_the_area_column_ends()
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 1))
    assert bar.value() == 0
    for _ in range(table.model().columnCount() - 2):
        qtbot.keyClick(table, Qt.Key.Key_Right)
        current = table.currentIndex().column()
        assert table.columnViewportPosition(current) >= table.columnWidth(0)  # never under the area column
        assert first_column_in_view_starts_where_the_area_column_ends()
    assert bar.value() == bar.maximum()
    for width in range(700, 1300, 37):  # scrolled to the end at any width, no column is cut ("07%" for +107%)
        window.resize(width, 600)
        bar.triggerAction(actions.SliderToMaximum)
        assert first_column_in_view_starts_where_the_area_column_ends(), width


def test_the_table_model_keeps_qts_rules(qtmodeltester, shipped):
    model = DataFrameTableModel(COLUMNS)
    model.set_frame(statistics_table(shipped, "2018/19").reset_index())
    qtmodeltester.check(model)


def test_sorting_and_filtering_keep_the_selected_area_selected(window, qtbot):
    tab = window.statistics_tab
    tab.year_box.setCurrentText("2016/17")
    window.selection.set_area("Kent")
    tab.table.sortByColumn(tab.table_model.column_index("area"), Qt.SortOrder.AscendingOrder)
    assert tab.table_model.raw_value(tab.table.currentIndex().row(), "area") == "Kent"
    qtbot.keyClicks(tab.search_box, "k")
    assert tab.table_model.raw_value(tab.table.currentIndex().row(), "area") == "Kent"
    assert all("k" in area.casefold() for area in _visible_areas(tab))


def test_typing_on_narrows_and_deleting_widens_the_search(window, qtbot, shipped):
    tab = window.statistics_tab

    def expected(text):
        return sorted(area for area in shipped.area_names if text in area.casefold())

    qtbot.keyClicks(tab.search_box, "wa")
    assert sorted(_visible_areas(tab)) == expected("wa")
    qtbot.keyClicks(tab.search_box, "les")
    assert (
        sorted(_visible_areas(tab)) == expected("wales") == ["England and Wales", "North Wales", "South Wales", "Wales"]
    )
    for _ in range(3):
        qtbot.keyClick(tab.search_box, Qt.Key.Key_Backspace)
    assert sorted(_visible_areas(tab)) == expected("wa")


def test_search_and_sort_treat_repeated_names_alike_whatever_their_case(qtbot):
    import pandas as pd

    from desktop_app.ui.dataframe_model import DataFrameTableModel, TableColumn

    model = DataFrameTableModel(
        [TableColumn("area", "Area"), TableColumn("n", "N", numeric=True)], search_keys=["area"]
    )
    names = ["Kent", "KENT", "Essex", "kent", "Sussex", "Essex"]
    model.set_frame(pd.DataFrame({"area": names, "n": range(len(names))}))

    def shown():
        return [model.raw_value(row, "area") for row in range(model.rowCount())]

    model.set_search_text("e")
    model.set_search_text("es")  # narrows the last result
    assert shown() == ["Essex", "Essex"]
    model.set_search_text("ke")  # a new search, not a narrowing of "es"
    assert shown() == ["Kent", "KENT", "kent"]
    model.set_search_text("")
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert shown() == ["Essex", "Essex", "Kent", "KENT", "kent", "Sussex"]


def test_a_rank_says_of_how_many(window, qtbot):
    tab = window.statistics_tab
    tab.year_box.setCurrentText("2016/17")
    qtbot.keyClicks(tab.search_box, "Greater Manchester")
    assert _shown(tab, 0, "rank_uk") == "1 of 27"
    assert _shown(tab, 0, "home_office_rank") == "2 of 43"
    tab.search_box.clear()
    qtbot.keyClicks(tab.search_box, "Scotland")
    assert _shown(tab, 0, "rank_in_nation") == MISSING  # no rank within a nation of one force


def test_search_knows_the_other_names_of_areas(window, qtbot):
    tab = window.statistics_tab
    qtbot.keyClicks(tab.search_box, "GMP")
    assert _visible_areas(tab) == ["Greater Manchester"]
    tab.search_box.clear()
    qtbot.keyClicks(tab.search_box, "police scotland")
    assert _visible_areas(tab) == ["Scotland"]


def test_the_area_column_stays_in_view_when_the_table_scrolls_sideways(window, qtbot):
    tab = window.statistics_tab
    window.resize(800, 600)
    tab.table.horizontalScrollBar().setValue(tab.table.horizontalScrollBar().maximum())
    assert tab.table.horizontalScrollBar().value() > 0
    overlay = tab.table.frozen
    assert overlay.isVisible() and overlay.x() < tab.table.columnWidth(0)
    assert overlay.width() == tab.table.columnWidth(0)
    first_row = overlay.model().index(0, 0)
    assert overlay.visualRect(first_row).isValid() and overlay.indexAt(overlay.visualRect(first_row).center()).data()
    clicked = overlay.model().index(3, 0)
    qtbot.mouseClick(overlay.viewport(), Qt.MouseButton.LeftButton, pos=overlay.visualRect(clicked).center())
    assert window.selection.area == clicked.data()
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Down)
    assert window.selection.area == overlay.model().index(4, 0).data()
    assert tab.table.horizontalScrollBar().value() == tab.table.horizontalScrollBar().maximum()
    header = overlay.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=header.rect().center())
    assert tab.table.horizontalHeader().sortIndicatorSection() == 0
    assert header.isSortIndicatorShown()
    forces = [
        area for area in _visible_areas(tab) if tab.table_model.raw_value(_visible_areas(tab).index(area), "is_force")
    ]
    assert forces == sorted(forces, key=str.casefold)


def test_columns_with_no_figure_in_the_year_are_hidden_unless_asked_for(window):
    tab = window.statistics_tab
    tab.year_box.setCurrentText("2022/23")
    ages = tab.table_model.column_index("victims_under_1")
    offences = tab.table_model.column_index(OFFENCES)
    assert tab.table.isColumnHidden(ages) and not tab.table.isColumnHidden(offences)
    tab.show_empty_columns.setChecked(True)
    assert not tab.table.isColumnHidden(ages)
    tab.show_empty_columns.setChecked(False)
    tab.year_box.setCurrentText("2016/17")
    assert not tab.table.isColumnHidden(ages), "2016/17 has figures by age"


def _columns_cut_short(tab) -> list[str]:
    header = tab.table.horizontalHeader()
    return [
        tab.table_model.headerData(column, Qt.Orientation.Horizontal)
        for column in range(header.count())
        if not header.isSectionHidden(column) and header.sectionSize(column) < header.sectionSizeHint(column)
    ]


def test_columns_coming_into_view_in_another_year_show_their_headings_in_full_and_stay_so(window):
    tab = window.statistics_tab
    tab.year_box.setCurrentText("2022/23")  # the age columns are hidden: no figures by age this year
    tab.year_box.setCurrentText("2016/17")
    assert _columns_cut_short(tab) == []
    header = tab.table.horizontalHeader()
    header.resizeSection(tab.table_model.column_index("victims_under_1"), 30)  # as an earlier version saved it
    tab.restore_columns(header.saveState())
    assert _columns_cut_short(tab) == []


def test_the_details_of_an_area_without_figures_say_so_once(window):
    window.selection.set_year("2012/13")
    window.selection.set_area("United Kingdom")
    text = window.statistics_tab.details.toPlainText()
    assert "This data set has no figures for United Kingdom in 2012/13." in text
    assert "no figure for this area and year" not in text


def test_the_details_never_describe_an_area_the_search_has_hidden(window, qtbot):
    tab = window.statistics_tab
    tab.year_box.setCurrentText("2016/17")
    window.selection.set_area("Kent")
    assert "Kent, 2016/17" in tab.details.toPlainText()
    qtbot.keyClicks(tab.search_box, "essex")
    assert "Kent is not among the rows shown" in tab.details.toPlainText()
    assert "recorded" not in tab.details.toPlainText()
    assert window.selection.area == "Kent", "the other tabs keep the selection"
    tab.search_box.clear()
    assert "Kent, 2016/17" in tab.details.toPlainText()


def test_each_series_and_each_group_of_measures_starts_with_a_rule_down_the_table(window):
    from desktop_app.ui.statistics_tab import GROUP_STARTS, SERIES_STARTS, GroupRule

    tab = window.statistics_tab
    ruled = {
        column.key
        for index, column in enumerate(COLUMNS)
        if isinstance(tab.table.itemDelegateForColumn(index), GroupRule)
    }
    assert ruled == SERIES_STARTS | GROUP_STARTS
    headers = [column.header for column in COLUMNS]
    home_office = [index for index, header in enumerate(headers) if header.startswith(("HO ", "Home Office"))]
    assert home_office == list(range(home_office[0], home_office[-1] + 1)), "one series' columns side by side"


def test_a_csv_starts_with_a_byte_order_mark_only_when_it_holds_accents(tmp_path):
    """Excel needs the mark to read accents; LibreOffice's command-line conversion shows it as stray characters."""
    from desktop_app.io.table_export import write_csv

    write_csv(pd.DataFrame({"Area": ["Kent"], "Offences": [1446]}), tmp_path / "plain.csv")
    write_csv(pd.DataFrame({"Area": ["Ynys Môn"], "Offences": [12]}), tmp_path / "accents.csv")
    assert (tmp_path / "plain.csv").read_bytes().startswith(b'"Area","Offences"\n"Kent",1446')
    assert (tmp_path / "accents.csv").read_bytes().startswith("\ufeff".encode())
    assert pd.read_csv(tmp_path / "accents.csv")["Area"].tolist() == ["Ynys Môn"]


def _tooltip(tab, area, key):
    index = tab.table_model.index(tab.table_model.row_of("area", area), tab.table_model.column_index(key))
    return index.data(Qt.ItemDataRole.ToolTipRole)


def test_an_empty_cell_gives_its_own_reason(window):
    """A figure a force did not supply says so whatever its measure, and a missing comparison says whose rate is
    missing."""
    tab = window.statistics_tab
    tab.year_box.setCurrentText("2022/23")

    supplied = _tooltip(tab, "South Wales", "sexual_communication_with_a_child")
    assert supplied == "The force did not supply a figure for this year"
    assert _tooltip(tab, "West Yorkshire", "compared_with_nation").startswith("No comparison: England has no rate")
    assert _tooltip(tab, "Scotland", "compared_with_nation").startswith("One police force covers the whole nation")


@pytest.mark.parametrize(
    "year, area, key, reason",
    [
        # a total its source says covers only some forces has no rate, though the UK has a population estimate
        (
            "2022/23",
            "United Kingdom",
            RATE,
            "Not given: the total covers only some forces, as its source says, while the population estimate "
            "counts every force's children",
        ),
        # no count this year: what is worked from it is missing for the same reason, never for a total's gaps
        ("2015/16", "England", RATE, NO_FIGURE),
        ("2015/16", "Durham", RATE, "The force did not supply a figure for this year"),
        ("2015/16", "Durham", "change", "The force did not supply a figure for this year"),
        # the year before's count is the year before's
        ("2022/23", "West Yorkshire", "previous_offences", "This data set has no figure for 2021/22"),
        ("2019/20", "Cheshire", "previous_offences", "2018/19: the force did not supply a figure"),
        ("2019/20", "Cheshire", "change", NO_FIGURE),
        # the Home Office publishes for England and Wales only: not a gap in this data set
        ("2022/23", "Scotland", HOME_OFFICE_CHILD_OFFENCES, "The Home Office series covers England and Wales only"),
        ("2022/23", "United Kingdom", HOME_OFFICE_RATE, "The Home Office series covers England and Wales only"),
        # a nation of four forces, of which only this one has a figure that year
        ("2017/18", "Gwent", "rank_in_nation", "No rank within Wales: only this force of Wales has a figure this year"),
        # a share needs both its parts
        (
            "2016/17",
            "Northumbria",
            "online_share",
            "No share, as offences recorded (NSPCC) is missing: this data set has no figure for this area and year",
        ),
        # the nation's rate is missing for a reason of its own, and that reason is given
        (
            "2018/19",
            "Lincolnshire",
            "compared_with_nation",
            "No comparison: England has no rate per 1,000 children this year (not given: the total leaves out "
            "Cheshire, while the population estimate counts every force's children)",
        ),
        # a report of the UK total says this force did not supply one
        ("2024/25", "Lincolnshire", SEXUAL_COMMUNICATION, "The force did not supply a figure for this year"),
        # the only force with a figure that year is not "1 of 1"
        (
            "2011/12",
            "Scotland",
            "rank_uk",
            "No rank: only this force has a figure this year in this data set, and first of one says nothing",
        ),
    ],
)
def test_an_empty_cell_gives_the_true_reason_for_its_own_column(window, year, area, key, reason):
    tab = window.statistics_tab
    tab.year_box.setCurrentText(year)
    assert tab.table_model.raw_value(tab.table_model.row_of("area", area), key) is None
    assert _tooltip(tab, area, key) == reason


def test_the_only_force_with_a_figure_is_not_said_to_record_the_highest_number(shipped):
    said = summary(shipped, "Scotland", "2011/12")
    assert "recorded 3,047" in said and "highest" not in said and "of the 1 " not in said
    assert "Scotland is the only one of the UK forces with a figure for 2011/12 in this data set (" in said


def test_two_totals_that_each_cover_only_some_forces_are_said_to_in_one_phrase(shipped):
    said = summary(shipped, "United Kingdom", "2022/23")
    assert "(each of the 2021/22 and 2022/23 totals covers only some forces, as its source says)" in said


def test_home_goes_back_to_the_area_column_frames_it_and_scrolls_back_to_the_first_figures(window, qtbot):
    from PySide6.QtGui import QPalette

    table = window.statistics_tab.table
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    table.setCurrentIndex(table.model().index(5, 1))
    qtbot.keyClick(table, Qt.Key.Key_End)
    assert table.horizontalScrollBar().value() > 0
    qtbot.keyClick(table, Qt.Key.Key_Home)
    assert table.currentIndex().column() == 0
    assert table.horizontalScrollBar().value() == 0
    cell = table.frozen.visualRect(table.model().index(5, 0))
    shown = table.frozen.viewport().grab().toImage()
    assert shown.pixelColor(cell.center().x(), cell.top() + 1) == table.palette().color(
        QPalette.ColorRole.HighlightedText
    )


def test_with_whole_rows_highlighted_the_current_cell_is_framed_as_the_arrow_keys_move(window, qtbot):
    from PySide6.QtGui import QPalette

    table = window.statistics_tab.table
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    table.setCurrentIndex(table.model().index(5, 1))
    framed = table.palette().color(QPalette.ColorRole.HighlightedText)

    def frame_is_round(column: int) -> bool:
        cell = table.visualRect(table.model().index(5, column))
        shown = table.viewport().grab().toImage()
        middle_of_top = shown.pixelColor(cell.center().x(), cell.top() + 1)
        return middle_of_top == framed

    for column in (1, 2, 3):
        assert frame_is_round(column)
        assert not frame_is_round(column + 1)  # only the current cell: the rest of the row is plain highlight
        qtbot.keyClick(table, Qt.Key.Key_Right)
