"""Where an area stands: the spine chart's numbers, the tile map's layout and shading, and click-to-select."""

import math

import pandas as pd
import pytest
from PySide6.QtCore import Qt

from desktop_app.io.errors import DataFileError
from desktop_app.io.force_tiles import read_force_tiles
from desktop_app.model.spine import NO_FIGURE, spine_rows
from desktop_app.model.statistics import HOME_OFFICE_RATE, HOME_OFFICE_SERIES, RATE, statistics_table
from desktop_app.model.tiles import (
    hatched_label,
    missing_from_layout,
    quintile_bounds,
    quintile_classes,
    quintile_labels,
    tiles,
)

from pdf_text import page_texts


def test_the_tile_layout_places_every_uk_force_area_exactly_once_on_its_own_square(shipped):
    layout = read_force_tiles()
    assert missing_from_layout(layout, shipped) == ([], [])
    assert len(layout) == len(shipped.force_areas) == 45
    assert not layout.duplicated(["column", "row"]).any()


def test_a_layout_with_two_tiles_on_one_square_is_refused_with_its_line(tmp_path):
    path = tmp_path / "force_tiles.csv"
    path.write_text("area,label,column,row\nKent,Kent,1,1\nSurrey,Surr,1,1\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="line 3.*another area's tile"):
        read_force_tiles(path)


def test_quintiles_put_a_fifth_of_the_forces_in_each_shade_and_leave_missing_unshaded():
    values = pd.Series([float(number) for number in range(1, 11)] + [float("nan")])
    classes = quintile_classes(values)
    assert list(classes[:10]) == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]
    assert pd.isna(classes[10])


def test_forces_with_no_figure_are_unshaded_and_say_so_and_the_legend_spans_every_rate(shipped):
    shown = tiles(shipped, "2022/23", HOME_OFFICE_RATE, read_force_tiles())
    by_area = {tile.area: tile for tile in shown}
    assert by_area["Scotland"].quintile is None  # the Home Office's series does not cover it: it has no gap
    assert (
        by_area["Scotland"].hover_text
        == "Scotland: not in the Home Office's series, which covers England and Wales only"
    )
    assert by_area["Scotland"].no_rate_label == "not in series" and hatched_label(shown) == "not in series"
    nspcc_tiles = tiles(shipped, "2022/23", RATE, read_force_tiles())
    nspcc = {tile.area: tile.hover_text for tile in nspcc_tiles}
    assert nspcc["Kent"] == "Kent: no figure in this data set" and hatched_label(nspcc_tiles) == "no figure"
    kent = by_area["Kent"]
    assert kent.quintile is not None and "Home Office" in kent.hover_text and "per 1,000 children" in kent.hover_text
    rates = statistics_table(shipped, "2022/23").loc[shipped.total_members["England and Wales"], HOME_OFFICE_RATE]
    bounds = quintile_bounds(shown)
    assert len(bounds) == 5 and bounds[0][0] == rates.min() and bounds[-1][1] == rates.max()
    # no two bands seem to share a value ("2.9 to 4.8", "4.8 to 5.6" read as overlapping)
    ends = [label.split(" to ") for label in quintile_labels(shown)]
    assert all(top != bottom for (_, top), (bottom, _) in zip(ends, ends[1:], strict=False)), ends


@pytest.mark.parametrize("area", ["City of London", "Dyfed-Powys", "Kent"])
def test_the_spine_chart_shows_the_models_figures_and_comparison(shipped, area):
    rows = {row.label: row for row in spine_rows(shipped, area, "2022/23")}
    table = statistics_table(shipped, "2022/23")
    rate = rows["Home Office rate per 1,000 children"]
    forces = table.loc[table["is_force"], HOME_OFFICE_SERIES.rate].dropna()
    assert rate.value == table.at[area, HOME_OFFICE_SERIES.rate]
    assert (rate.lowest, rate.highest, rate.forces) == (forces.min(), forces.max(), 43)
    assert rate.benchmark == table.at[table.at[area, "nation"], HOME_OFFICE_SERIES.rate]
    assert rate.comparison == table.at[area, HOME_OFFICE_SERIES.compared]
    assert rate.in_words.startswith(f"{table.at[area, HOME_OFFICE_SERIES.rate]:.1f}".rstrip("0"))


def test_a_measure_the_area_has_no_figure_for_says_no_figure_not_zero(shipped):
    rows = {row.label: row for row in spine_rows(shipped, "Scotland", "2022/23")}
    assert math.isnan(rows["Home Office rate per 1,000 children"].value)
    assert rows["Home Office rate per 1,000 children"].in_words == NO_FIGURE


def test_clicking_a_tile_selects_that_area_in_every_tab(window, qtbot):
    window.tabs.setCurrentWidget(window.compare_tab)
    window.selection.set_year("2022/23")
    tile_map = window.compare_tab.tile_map
    tile_map.resize(900, 700)
    qtbot.mouseClick(tile_map, Qt.MouseButton.LeftButton, pos=tile_map.centre_of("Dyfed-Powys").toPoint())
    assert window.selection.area == "Dyfed-Powys"
    assert tile_map.highlighted == "Dyfed-Powys"
    assert "Dyfed-Powys" in window.compare_tab.spine.title


def test_the_compare_tab_is_reached_with_ctrl_4_and_its_spine_follows_the_selection(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.compare_tab
    window.selection.set_year("2022/23")
    window.selection.set_area("Kent")
    assert "higher than England" in window.compare_tab.spine.accessibleDescription()


def test_the_file_menu_saves_a_comparison_sheet_of_the_areas_ticked_on_the_trend_tab(window, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    chosen = tmp_path / "compare.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(chosen), "PDF (*.pdf)"))
    window.selection.set_year("2022/23")
    window.trends_tab.set_checked_areas(["City of London", "Dyfed-Powys", "Kent"])
    assert window.factsheet_actions.save_comparison_sheet() == chosen
    (page,) = page_texts(chosen)
    text = " ".join(page.split())
    assert "Comparison of 3 areas, 2022/23" in text and "Dyfed-Powys" in text


def test_with_one_area_or_none_ticked_the_comparison_sheet_offers_the_selected_forces_nation(window):
    window.trends_tab.set_checked_areas([])
    window.selection.set_area("Dyfed-Powys")
    assert window.factsheet_actions.areas_to_compare() == ["Dyfed-Powys", "Gwent", "North Wales", "South Wales"]


def test_a_small_forces_change_is_compared_on_its_counts_though_its_percentage_is_withheld(shipped):
    rows = {row.label: row for row in spine_rows(shipped, "City of London", "2022/23")}
    # 9 offences after 2: no percentage for so few, and the rise is within chance
    assert rows["Home Office change on the year before"].in_words == (
        "no percentage below 10 offences, similar to the year before (the difference is within chance)"
    )


def test_a_fact_sheet_carries_the_models_spine_rows_and_the_areas_locator_tile(shipped):
    from desktop_app.factsheet.content import sheet_content

    content = sheet_content(shipped, "Dyfed-Powys", "2022/23")
    assert content.spine == spine_rows(shipped, "Dyfed-Powys", "2022/23")
    assert "Dyfed-Powys" in {tile.area for tile in content.locator}
    assert any("two Poisson counts" in caveat for caveat in content.caveats)


def test_with_no_areas_ticked_a_nation_too_big_for_one_page_says_what_to_do(window, monkeypatch):
    from desktop_app.ui import factsheet_actions

    warned = []
    monkeypatch.setattr(factsheet_actions, "warn", lambda parent, title, text: warned.append(text))
    window.selection.set_area("Kent")
    window.trends_tab.set_checked_areas([])
    assert window.factsheet_actions.save_comparison_sheet() is None
    assert "the 39 forces of England" in warned[0] and "Tick the areas to compare (2 to 12)" in warned[0]
