"""Words are figures too: nothing a user reads (sheets, summaries, the table's tooltips, What changed) says
"nan", "None", "inf", an internal id or a Python repr, and "not published" appears only where a source says so."""

import re
from pathlib import Path

import pytest

from desktop_app.factsheet.content import sheet_content
from desktop_app.io.importers import read_long, what_changed, with_import
from desktop_app.model.details import changes_in_words

FORBIDDEN = re.compile(
    r"\b(?i:nan|inf)\b|\bNone\b|<NA>|\bNaT\b|np\.float|dtype|(?i:not published)|home_office_child|_rate_per|import-"
)


def _sheet_text(content) -> str:
    parts = [content.title, content.subtitle, content.series_note, content.summary, content.trend_label]
    parts += [content.missing_reason, content.footer, *content.caveats, *(note.text for note in content.notes)]
    parts += [row.label for row in content.headline]
    figures = [figure for row in content.headline for figure in row.figures] + content.comparison + content.breakdown
    parts += [f"{figure.label} {figure.value} {figure.detail}" for figure in figures]
    parts += [str(name) for name in content.trend.columns]
    return "\n".join(parts)


@pytest.mark.parametrize("year_index", range(0, 19, 3))
def test_no_sheet_or_summary_says_nan_none_an_internal_id_or_not_published(shipped, year_index):
    years = shipped.years
    for year in years[year_index : year_index + 3]:
        for area in shipped.area_names:
            text = _sheet_text(sheet_content(shipped, area, year))
            assert not FORBIDDEN.search(text), (area, year, FORBIDDEN.search(text).group(0))


def test_the_tables_tooltips_and_cells_say_no_nan_or_internal_ids(window):
    tab = window.statistics_tab
    model = tab.table.model()
    from PySide6.QtCore import Qt

    for year in ("2012/13", "2016/17", "2022/23", "2024/25"):
        tab.year_box.setCurrentText(year)
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                index = model.index(row, column)
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    text = str(index.data(role) or "")
                    assert not FORBIDDEN.search(text), (year, row, column, text)
        assert not FORBIDDEN.search(tab.details.toPlainText())


def test_what_changed_between_releases_names_measures_and_sources_in_words(shipped):
    result = read_long(Path(__file__).parent / "fixtures" / "long_good.csv", shipped)
    merged = with_import(shipped, result, "Test release")
    shown = changes_in_words(merged, what_changed(shipped, merged))
    assert not shown.empty
    text = shown.to_csv()
    assert not FORBIDDEN.search(text) and "offences," not in text  # no internal measure names either
    assert "Offences recorded (NSPCC)" in set(shown["measure"])


def test_a_table_without_a_release_date_reads_without_none_on_sheets_and_in_what_changed(shipped):
    from desktop_app.io.importers import read_home_office
    from desktop_app.paths import DATA_DIR

    result = read_home_office(Path(__file__).parent / "fixtures" / "home_office_small.csv", shipped, DATA_DIR)
    merged = with_import(shipped, result, "Home Office table")
    text = _sheet_text(sheet_content(merged, "Kent", "2017/18"))
    text += changes_in_words(merged, what_changed(shipped, merged)).to_csv()
    assert not FORBIDDEN.search(text) and "publication date not stated" in text
