"""The trend graphs tab: checklist, measures, comparison line, hover read-outs and export."""

import re
from pathlib import Path

import pandas as pd
import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from desktop_app.model.measures import HOME_OFFICE_CHILD_OFFENCES, OFFENCES, SEXUAL_COMMUNICATION
from desktop_app.model.statistics import HOME_OFFICE_RATE, ONLINE_SHARE, RATE
from desktop_app.ui.selection import Selection
from desktop_app.ui.trends_tab import BOTH_SERIES, TrendsTab

from builders import make_dataset


def _plotted_lines(tab):
    return [item.name() for item in tab.plot.getPlotItem().listDataItems() if item.name()]


def _drawn_segments(tab, name):
    """The pairs of years the named line is drawn between, read from the path the chart paints."""
    (line,) = [item for item in tab.plot.getPlotItem().listDataItems() if item.name() == name]
    path = line.curve.getPath()
    elements = [path.elementAt(index) for index in range(path.elementCount())]
    return {
        (round(before.x), round(after.x))
        for before, after in zip(elements, elements[1:], strict=False)
        if after.isLineTo()
    }


def test_ticking_areas_in_the_searchable_list_plots_each_one(window, qtbot):
    tab = window.trends_tab
    tab.measure_box.setCurrentIndex(tab.measure_box.findData(OFFENCES))
    tab.set_checked_areas([])
    qtbot.keyClicks(tab.search_box, "york")
    visible = [
        tab.area_list.item(i).text() for i in range(tab.area_list.count()) if not tab.area_list.item(i).isHidden()
    ]
    assert visible == ["North Yorkshire", "South Yorkshire", "West Yorkshire"]
    for name in ("North Yorkshire", "South Yorkshire"):
        tab.area_list.findItems(name, Qt.MatchFlag.MatchExactly)[0].setCheckState(Qt.CheckState.Checked)
    assert _plotted_lines(tab) == ["North Yorkshire", "South Yorkshire"]


def test_switching_measure_changes_what_is_plotted_and_the_shared_selection(window):
    tab = window.trends_tab
    tab.set_checked_areas(["Greater Manchester"])
    tab.measure_box.setCurrentIndex(tab.measure_box.findData(ONLINE_SHARE))
    assert window.selection.measure == ONLINE_SHARE
    values = tab.plotted_values()["Greater Manchester"].dropna()
    assert values.round(3).to_dict() == {"2015/16": round(417 / 3210, 3), "2016/17": round(650 / 3041, 3)}
    tab.measure_box.setCurrentIndex(tab.measure_box.findData(SEXUAL_COMMUNICATION))
    assert tab.plotted_values()["Greater Manchester"].dropna().empty
    assert "This data set has no figures for the ticked areas" in tab.note_label.text()
    tab.set_checked_areas(["Greater Manchester", "Gwent"])
    legend = [label.text for _sample, label in tab.plot.getPlotItem().legend.items]
    assert legend == ["Greater Manchester (no figures on this measure)", "Gwent"]


def test_redrawing_for_another_measure_replaces_the_lines_points_and_markers_without_piling_up(window):
    import numpy as np
    import pyqtgraph as pg

    def practice_markers():
        return [item for item in plot_item.items if isinstance(item, pg.InfiniteLine)]

    tab = window.trends_tab
    plot_item = tab.plot.getPlotItem()
    tab.set_checked_areas(["Essex", "Kent"])
    tab.measure_box.setCurrentIndex(tab.measure_box.findData(OFFENCES))
    markers_drawn_once = len(practice_markers())
    for measure in (ONLINE_SHARE, RATE, OFFENCES):
        tab.measure_box.setCurrentIndex(tab.measure_box.findData(measure))
    shown = tab.plotted_values()
    lines = {item.name(): item for item in plot_item.listDataItems() if item.name()}
    assert list(lines) == ["Essex", "Kent"]
    assert [label.text for _sample, label in plot_item.legend.items] == ["Essex", "Kent"]
    for area, line in lines.items():
        np.testing.assert_array_equal(line.getOriginalDataset()[1], shown[area].to_numpy())
    dots = sum(len(item.data) for item in plot_item.items if isinstance(item, pg.ScatterPlotItem) and not item.name())
    assert dots == shown.notna().sum().sum()
    assert len(practice_markers()) == markers_drawn_once > 0
    tab.set_checked_areas(["Kent"])
    assert _plotted_lines(tab) == ["Kent"]


def test_both_series_are_two_named_lines_per_area_never_joined(window):
    tab = window.trends_tab
    tab.measure_box.setCurrentIndex(tab.measure_box.findData(BOTH_SERIES))
    tab.set_checked_areas(["Kent"])
    assert _plotted_lines(tab) == ["Kent, Home Office", "Kent, NSPCC"]
    values = tab.plotted_values()
    assert values.loc["2016/17", "Kent, NSPCC"] == 2202 and values.loc["2016/17", "Kent, Home Office"] == 1446
    lines = {item.name(): item for item in tab.plot.getPlotItem().listDataItems() if item.name()}
    assert lines["Kent, Home Office"].opts["pen"].style() == Qt.PenStyle.SolidLine
    assert lines["Kent, NSPCC"].opts["pen"].style() == Qt.PenStyle.DashLine
    assert lines["Kent, NSPCC"].opts["pen"].color() == lines["Kent, Home Office"].opts["pen"].color()
    tab.set_checked_areas(["Scotland"])
    assert _plotted_lines(tab) == ["Scotland, NSPCC"]  # no empty line for a series it is not in


def test_gaps_are_left_where_a_year_is_missing(window):
    tab = window.trends_tab
    tab.measure_box.setCurrentIndex(tab.measure_box.findData(OFFENCES))
    tab.set_checked_areas(["Durham"])
    values = tab.plotted_values()["Durham"]
    assert pd.isna(values["2015/16"]) and values["2014/15"] == 896
    segments = _drawn_segments(tab, "Durham")
    assert (2014, 2015) not in segments and (2015, 2016) not in segments and (2014, 2016) not in segments
    assert "left as gaps" in tab.note_label.text()


def test_years_whose_totals_cover_different_forces_are_not_joined_and_the_chart_says_why(window):
    tab = window.trends_tab
    for measure, name in ((OFFENCES, "United Kingdom"), (BOTH_SERIES, "United Kingdom, NSPCC")):
        tab.measure_box.setCurrentIndex(tab.measure_box.findData(measure))
        tab.set_checked_areas(["United Kingdom"])
        segments = _drawn_segments(tab, name)
        assert (2018, 2019) not in segments and (2021, 2022) not in segments
        assert "Not joined" in tab.note_label.text() and "2021/22 to 2022/23" in tab.note_label.text()
        view_box = tab.plot.getPlotItem().getViewBox()
        text = tab.hover_text_at(view_box.mapViewToScene(QPointF(2022, 86962)))
        # not "mostly which are missing": nothing says how much the totals differ by
        assert (
            "Not joined to 2021/22: the two years' figures are not like for like (totals covering different forces, "
            "or a figure its source says is not comparable), so a line between them would mislead" in text
        )
    tab.measure_box.setCurrentIndex(tab.measure_box.findData(OFFENCES))
    tab.set_checked_areas(["Scotland"])  # one force's figures, all supplied: joined year to year
    assert (2018, 2019) in _drawn_segments(tab, "Scotland") and "Not joined" not in tab.note_label.text()


def test_the_comparison_line_is_the_areas_nation_for_rates_only(window):
    tab = window.trends_tab
    tab.set_checked_areas(["Gwent"])
    tab.comparison_box.setChecked(True)
    assert not tab.comparison_box.isEnabled() and tab.comparison_areas() == []  # counts: no nation line
    tab.measure_box.setCurrentIndex(tab.measure_box.findData(RATE))
    assert tab.comparison_box.isEnabled()
    assert tab.comparison_areas() == ["Wales"]
    assert _plotted_lines(tab) == ["Gwent", "Wales"]
    assert "Dashed grey: Wales" in tab.note_label.text()
    tab.set_checked_areas(["Gwent", "Kent"])
    assert tab.comparison_areas() == ["Wales", "England"]  # each plotted force's own nation
    assert "Dashed grey: Wales, England" in tab.note_label.text()


def test_hovering_a_point_reads_out_value_year_area_and_source(window):
    tab = window.trends_tab
    tab.set_checked_areas(["United Kingdom"])
    view_box = tab.plot.getPlotItem().getViewBox()
    point = view_box.mapViewToScene(QPointF(2015, 56324))
    text = tab.hover_text_at(point)
    assert "United Kingdom, 2015/16" in text and "56,324" in text
    assert "Source: PressReader" in text
    assert "Revised: this is the newest release's figure; an earlier release gave another" in text  # not "superseded"
    far_away = view_box.mapViewToScene(QPointF(2010, 1000))
    assert tab.hover_text_at(far_away) is None


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the offscreen platform, showing a tooltip
def test_the_read_out_stays_up_when_the_mouse_rests_on_a_point(window, qtbot):
    """Qt asks for a tooltip once the mouse rests: the chart's scene used to answer by hiding the read-out."""
    window.show()
    window.tabs.setCurrentWidget(window.trends_tab)
    tab = window.trends_tab
    tab.measure_box.setCurrentIndex(tab.measure_box.findData(OFFENCES))
    tab.set_checked_areas(["Kent"])
    qtbot.waitExposed(window)
    QApplication.processEvents()  # the chart is laid out at its shown size before a point is found on it
    viewport = tab.plot.viewport()
    scene_point = tab.plot.getPlotItem().getViewBox().mapViewToScene(QPointF(2016, 2202))
    on_the_point = tab.plot.mapFromScene(scene_point)
    QToolTip.hideText()
    qtbot.waitUntil(lambda: not QToolTip.isVisible())
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, on_the_point, viewport.mapToGlobal(on_the_point)))
    assert QToolTip.isVisible() and "Kent, 2016/17" in QToolTip.text()


def test_export_png_svg_and_csv(window, tmp_path):
    tab = window.trends_tab
    tab.measure_box.setCurrentIndex(tab.measure_box.findData(OFFENCES))
    tab.set_checked_areas(["Kent", "Essex"])
    tab.export_image(tmp_path / "chart.png")
    tab.export_image(tmp_path / "chart.svg")
    tab.export_csv(tmp_path / "chart.csv")
    assert (tmp_path / "chart.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "<svg" in (tmp_path / "chart.svg").read_text(encoding="utf-8")[:500]
    numbers = pd.read_csv(tmp_path / "chart.csv").set_index("Financial year")  # no options: no footer
    assert "Data release" in (tmp_path / "chart.svg").read_text(encoding="utf-8")
    assert numbers.loc["2016/17", "Kent"] == 2202
    assert pd.isna(numbers.loc["2017/18", "Kent"])
    for name in ("chart.png", "chart.svg", "chart.csv"):
        about = (tmp_path / f"{name}.about.txt").read_text(encoding="utf-8")
        assert "Data release" in about and "KentOnline" in about
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "chart.csv",
        "chart.csv.about.txt",
        "chart.png",
        "chart.png.about.txt",
        "chart.svg",
        "chart.svg.about.txt",
    ]


def test_a_chart_exported_beside_a_table_of_the_same_name_leaves_the_tables_sources_alone(window, tmp_path):
    window.statistics_tab.export_csv(tmp_path / "table.csv")
    sources_of_the_table = (tmp_path / "table.csv.about.txt").read_text(encoding="utf-8")
    window.trends_tab.set_checked_areas(["Kent"])
    window.trends_tab.export_image(tmp_path / "table.png")
    assert (tmp_path / "table.csv.about.txt").read_text(encoding="utf-8") == sources_of_the_table
    assert (tmp_path / "table.png.about.txt").read_text(encoding="utf-8") != sources_of_the_table


def test_an_exported_image_names_its_sources_briefly_and_lists_them_all_beside_it(window, tmp_path):
    tab = window.trends_tab
    tab.measure_box.setCurrentIndex(tab.measure_box.findData(BOTH_SERIES))
    tab.set_checked_areas(["Kent", "Essex"])
    tab.export_image(tmp_path / "chart.svg")
    svg = (tmp_path / "chart.svg").read_text(encoding="utf-8")
    assert "Sources: Home Office figures (2023-10-19); NSPCC figures from 7 sources." in svg  # named once
    assert "All are listed in chart.svg.about.txt." in svg and "Sources are listed with the data" not in svg
    about = (tmp_path / "chart.svg.about.txt").read_text(encoding="utf-8")
    assert about.count("\n- ") == 8 and "KentOnline" in about and "Essex TV" in about
    assert "Not joined" not in svg
    tab.set_checked_areas(["United Kingdom"])  # its NSPCC totals cover different forces from year to year
    tab.export_image(tmp_path / "uk.svg")
    uk = " ".join((tmp_path / "uk.svg").read_text(encoding="utf-8").split())
    assert "Not joined (United Kingdom, NSPCC" in uk and "totals covering different forces" in uk


def test_an_exported_rate_chart_cites_the_population_estimates_it_divides_by(window, tmp_path):
    tab = window.trends_tab
    tab.measure_box.setCurrentIndex(tab.measure_box.findData(HOME_OFFICE_RATE))
    tab.set_checked_areas(["Kent"])
    tab.export_image(tmp_path / "chart.svg")
    tab.export_csv(tmp_path / "chart.csv")
    svg = " ".join(re.sub(r"<[^>]+>", " ", (tmp_path / "chart.svg").read_text("utf-8")).split())
    assert "; population figures from Office for National Statistics (9 releases)." in svg  # one a year, run on
    for name in ("chart.svg", "chart.csv"):
        assert "- Office for National Statistics, Population estimates" in (tmp_path / f"{name}.about.txt").read_text(
            encoding="utf-8"
        )
    tab.measure_box.setCurrentIndex(tab.measure_box.findData(OFFENCES))
    tab.export_csv(tmp_path / "counts.csv")  # a count divides by nothing
    assert "Office for National Statistics" not in (tmp_path / "counts.csv.about.txt").read_text(encoding="utf-8")


def test_the_charted_numbers_hold_one_unit_per_column(window, tmp_path):
    tab = window.trends_tab
    tab.set_checked_areas(["Greater Manchester"])
    tab.measure_box.setCurrentIndex(tab.measure_box.findData(ONLINE_SHARE))
    tab.export_csv(tmp_path / "share.csv")
    shares = pd.read_csv(tmp_path / "share.csv").set_index("Financial year")
    assert shares.loc["2016/17", "Greater Manchester (%)"] == 21.4  # 650 of 3,041 as a per cent, 1 place
    tab.measure_box.setCurrentIndex(tab.measure_box.findData(RATE))
    tab.export_csv(tmp_path / "rate.csv")
    rates = pd.read_csv(tmp_path / "rate.csv").set_index("Financial year")
    assert rates.loc["2016/17", "Greater Manchester"] == 4.8


def test_recording_practice_changes_are_marked_on_the_chart(window):
    import pyqtgraph as pg

    tab = window.trends_tab
    tab.measure_box.setCurrentIndex(tab.measure_box.findData(OFFENCES))
    tab.set_checked_areas(["Kent"])
    markers = [item for item in tab.plot.getPlotItem().items if isinstance(item, pg.InfiniteLine)]
    # Kent's figures run to 2016/17; the online flag of 2015/16 changed what is flagged, not what is counted
    assert {round(marker.value() + 0.5) for marker in markers} == {2014}
    online_notes = window.data.practice_notes_for("Kent", ["2015/16"], rates=False, online=True)
    assert list(online_notes["year"]) == ["2015/16"]  # where online figures are drawn, and on the sheets
    tab.measure_box.setCurrentIndex(tab.measure_box.findData(HOME_OFFICE_RATE))
    markers = [item for item in tab.plot.getPlotItem().items if isinstance(item, pg.InfiniteLine)]
    # a rate crosses the 2021 census rebasing of the population estimates, and that is marked too
    assert {round(marker.value() + 0.5) for marker in markers} == {2017, 2021}
    assert "Dotted line 2, 2021/22: Child population estimates for England and Wales" in tab.note_label.text()
    assert "Dotted line 1, 2017/18: Sexual communication with a child became an offence" in tab.note_label.text()
    assert "flag" not in tab.note_label.text()
    assert [marker.label.toPlainText() for marker in markers] == ["1", "2"]  # numbered, the note says what
    # a new offence is a change in the law, not in how forces record
    assert markers[0].toolTip().startswith("<qt>1. 2017/18: law changed. Sexual communication")
    assert "population estimates changed" in markers[1].toolTip()
    tab.set_checked_areas(["Gwent"])
    tab.measure_box.setCurrentIndex(tab.measure_box.findData(RATE))
    assert tab.plotted_values()["Gwent"].first_valid_index() == "2014/15"
    markers = [item for item in tab.plot.getPlotItem().items if isinstance(item, pg.InfiniteLine)]
    assert markers and 2014 not in {round(marker.value() + 0.5) for marker in markers}  # no "before" at the edge
    assert "2014/15" not in tab.note_label.text()


def test_a_home_office_series_is_marked_revised_by_its_own_revisions_not_by_the_offences_figures(qtbot):
    data = make_dataset(
        [
            ("North Force", "2018/19", OFFENCES, 100, "s1"),
            ("North Force", "2018/19", OFFENCES, 104, "s2"),
            ("North Force", "2018/19", HOME_OFFICE_CHILD_OFFENCES, 90, "s1"),
            ("North Force", "2019/20", HOME_OFFICE_CHILD_OFFENCES, 95, "s1"),
            ("North Force", "2019/20", HOME_OFFICE_CHILD_OFFENCES, 97, "s2"),
        ],
        sources={"s1": "2020-01", "s2": "2021-01"},
    )
    tab = TrendsTab(Selection(data, "North Force", "2019/20", HOME_OFFICE_CHILD_OFFENCES))
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitExposed(tab)
    tab.set_checked_areas(["North Force"])
    view_box = tab.plot.getPlotItem().getViewBox()
    unrevised = tab.hover_text_at(view_box.mapViewToScene(QPointF(2018, 90)))
    revised = tab.hover_text_at(view_box.mapViewToScene(QPointF(2019, 97)))
    assert "North Force, 2018/19" in unrevised and "revised" not in unrevised
    assert "North Force, 2019/20" in revised and "Revised: this is the newest release's figure" in revised


def test_with_more_lines_than_a_legend_can_hold_the_legend_gives_way_to_hover_read_outs(window, shipped):
    tab = window.trends_tab
    legend = tab.plot.getPlotItem().legend
    tab.set_checked_areas(list(shipped.area_names))
    assert not legend.isVisible() and "the legend is hidden" in tab.note_label.text()
    tab.set_checked_areas(["Kent"])
    assert legend.isVisible() and "legend" not in tab.note_label.text()


def _axis_labels(axis) -> list[str]:
    low, high = axis.range
    return [
        text
        for spacing, values in axis.tickValues(low, high, axis.height())
        for text in axis.tickStrings(values, axis.autoSIPrefixScale * axis.scale, spacing)
    ]


def _drawn_axis_labels(axis):
    from PySide6.QtGui import QImage, QPainter

    canvas = QImage(10, 10, QImage.Format.Format_RGB32)
    painter = QPainter(canvas)
    try:
        _axis, _ticks, texts = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [text for _rect, _flags, text in texts]


def test_the_online_share_is_drawn_on_a_0_to_100_per_cent_axis_with_no_si_prefix(window):
    tab = window.trends_tab
    window.tabs.setCurrentWidget(tab)  # laid out at the window's size, as a user sees it
    tab.set_checked_areas(["Greater Manchester"])
    tab.measure_box.setCurrentIndex(tab.measure_box.findData(ONLINE_SHARE))
    axis = tab.plot.getPlotItem().getAxis("left")
    low, high = axis.range
    assert -0.05 <= low < 0 and 1 < high <= 1.05  # the whole range, with room for the end labels
    labels = _drawn_axis_labels(axis)
    assert labels == ["0%", "20%", "40%", "60%", "80%", "100%"]  # 0% and 100% drawn, not hidden at the ends
    assert all(label.endswith("%") and 0 <= float(label[:-1]) <= 100 for label in labels)
    assert "(x" not in axis.labelString()
    tab.measure_box.setCurrentIndex(tab.measure_box.findData(OFFENCES))
    assert "3,000" in _axis_labels(axis) and "(x" not in axis.labelString()


def test_an_all_zero_trend_is_drawn_from_zero_up(qtbot):
    data = make_dataset([("South Force", year, OFFENCES, 0, "s1") for year in ("2016/17", "2017/18")])
    tab = TrendsTab(Selection(data, "South Force", "2017/18", OFFENCES))
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitExposed(tab)
    axis = tab.plot.getPlotItem().getAxis("left")
    low, high = axis.range
    assert -0.1 < low <= 0 and high >= 1  # pyqtgraph pads a little below zero, never to -0.5
    assert not any(label.startswith(("-", "−")) for label in _axis_labels(axis))


def test_selecting_areas_elsewhere_does_not_tick_them_and_space_cannot_tick_a_hidden_area(window, qtbot):
    tab = window.trends_tab
    tab.set_checked_areas(["Kent"])
    for area in ("Essex", "Durham"):
        window.selection.set_area(area)  # as clicking rows in the statistics table does
    assert tab.checked_areas() == ["Kent"] and tab.area_list.currentItem().text() == "Durham"
    qtbot.keyClicks(tab.search_box, "york")
    assert tab.area_list.currentItem() is None  # Durham is hidden: Space has nothing to tick
    qtbot.keyClick(tab.area_list, Qt.Key.Key_Space)
    assert tab.checked_areas() == ["Kent"]


def test_an_area_keeps_its_colour_when_others_are_ticked_and_the_search_knows_other_names(window, qtbot):
    tab = window.trends_tab
    tab.measure_box.setCurrentIndex(tab.measure_box.findData(OFFENCES))

    def colour_of(area):
        (line,) = [item for item in tab.plot.getPlotItem().listDataItems() if item.name() == area]
        return line.opts["pen"].color().name()

    tab.set_checked_areas(["Kent", "Surrey"])
    kent = colour_of("Kent")
    tab.set_checked_areas(["Essex", "Kent", "Surrey"])
    assert colour_of("Kent") == kent and colour_of("Essex") not in (kent, colour_of("Surrey"))
    qtbot.keyClicks(tab.search_box, "GMP")
    visible = [
        tab.area_list.item(i).text() for i in range(tab.area_list.count()) if not tab.area_list.item(i).isHidden()
    ]
    assert visible == ["Greater Manchester"]


def test_an_exported_png_has_its_stamp_under_the_legend_and_the_legend_close_under_the_chart(
    window, tmp_path, monkeypatch
):
    from desktop_app.ui import trends_tab as module

    tab = window.trends_tab
    tab.measure_box.setCurrentIndex(tab.measure_box.findData(HOME_OFFICE_RATE))
    tab.set_checked_areas(["Kent", "Essex", "Surrey", "Greater Manchester"])
    plot_item = tab.plot.getPlotItem()
    legend, bottom = plot_item.legend, plot_item.getAxis("bottom")

    def scene_rect(item):
        return item.mapRectToScene(item.boundingRect())

    def layout_is_tight():
        labels = [scene_rect(label) for _sample, label in legend.items]
        # the legend's first row right under the axis, not pushed down by room it was left over
        assert min(label.top() for label in labels) - scene_rect(bottom).bottom() < 20
        # its columns side by side, each as wide as its names need, not spread over the chart's width
        assert max(label.left() for label in labels) - min(label.left() for label in labels) < 450
        return labels

    layout_is_tight()
    seen = []

    class Capture:
        def write(self, plot, path):
            stamp = plot_item.layout.itemAt(module.STAMP_ROW, 1)
            seen.append(stamp.text)
            labels = layout_is_tight()
            stamp_rect = scene_rect(stamp)
            assert stamp_rect.top() >= max(label.bottom() for label in labels)  # under the legend, not over it
            assert stamp_rect.bottom() <= plot.sceneRect().bottom() + 1  # and all of it inside the image

    monkeypatch.setitem(module.CHART_FORMATS, ".png", Capture())
    tab.export_image(tmp_path / "chart.png")
    ((text,),) = [seen]
    assert "Data release" in text and "Dotted line 1: 2017/18, law changed." in text
    assert plot_item.layout.rowCount() == module.STAMP_ROW  # the stamp's row is gone: the window's chart is as it was


def _rendered_by_rsvg_and_qt(svg_path, tmp_path):
    """The SVG drawn by rsvg-convert (GNOME, ImageMagick) and by Qt's own renderer, at the same size."""
    import shutil
    import subprocess

    import pytest
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    if shutil.which("rsvg-convert") is None:
        pytest.skip("rsvg-convert is not installed")
    reference = QSvgRenderer(str(svg_path))
    size = reference.viewBox().size()
    png = tmp_path / "rsvg.png"
    subprocess.run(
        ["rsvg-convert", "-w", str(size.width()), "-h", str(size.height()), "-o", str(png), str(svg_path)], check=True
    )
    by_qt = QImage(size, QImage.Format.Format_RGB32)
    by_qt.fill("white")
    painter = QPainter(by_qt)
    reference.render(painter)
    painter.end()
    return QImage(str(png)).convertToFormat(QImage.Format.Format_RGB32), by_qt


def test_an_exported_svg_draws_the_same_lines_in_another_renderer(window, tmp_path):
    import numpy as np

    tab = window.trends_tab
    window.resize(1200, 800)
    tab.measure_box.setCurrentIndex(tab.measure_box.findData(OFFENCES))
    tab.set_checked_areas(["Kent", "Essex"])
    tab.export_image(tmp_path / "chart.svg")
    by_rsvg, by_qt = _rendered_by_rsvg_and_qt(tmp_path / "chart.svg", tmp_path)

    def line_mask(image):
        """Where the lines' colours are: every drawn line and point, nothing else on the chart is that colour."""
        pixels = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(image.height(), image.bytesPerLine())
        blue, green, red = (
            pixels[:, : image.width() * 4].reshape(image.height(), image.width(), 4)[..., i] for i in range(3)
        )
        return (red.astype(int) - blue > 80) | (blue.astype(int) - red > 80)

    def near(mask, radius=3):
        grown = mask.copy()
        for dx in range(-radius, radius + 1):
            for dy in range(-radius, radius + 1):
                grown |= np.roll(np.roll(mask, dx, axis=1), dy, axis=0)
        return grown

    rsvg, qt = line_mask(by_rsvg), line_mask(by_qt)
    assert qt.sum() > 1000  # the chart has lines to compare
    assert (rsvg & ~near(qt)).sum() < 0.02 * qt.sum()  # nothing where Qt draws nothing: no smears below zero
    assert (qt & ~near(rsvg)).sum() < 0.02 * qt.sum()  # nothing missing: the lines sit on the same years


def test_switching_release_ticks_no_area_the_user_did_not_tick(window, shipped):
    import copy

    tab = window.trends_tab
    tab.set_checked_areas(["Kent", "Essex"])
    window.selection.set_area("Gwent")  # selected in another tab, not ticked here
    window.selection.set_release(copy.copy(shipped))  # another release with the same areas
    assert tab.checked_areas() == ["Essex", "Kent"]


def test_a_measure_with_no_figures_clears_the_last_axes_and_says_why_on_the_chart(window):
    tab = window.trends_tab
    tab.set_checked_areas(["Greater Manchester"])
    tab.measure_box.setCurrentIndex(tab.measure_box.findData(OFFENCES))
    tab.measure_box.setCurrentIndex(tab.measure_box.findData(SEXUAL_COMMUNICATION))
    message = tab._empty_message
    assert message.isVisible()
    assert message.toPlainText() == "No figures for sexual communication with a child (NSPCC) for the areas ticked."
    view_range = tab.plot.getPlotItem().getViewBox().viewRange()
    assert message.pos().x() == sum(view_range[0]) / 2 and message.pos().y() == sum(view_range[1]) / 2  # centred
    for side in ("left", "bottom"):
        assert _drawn_axis_labels(tab.plot.getPlotItem().getAxis(side)) == []  # no years or counts left over
    tab.measure_box.setCurrentIndex(tab.measure_box.findData(OFFENCES))
    assert not message.isVisible() and "2016/17" in _drawn_axis_labels(tab.plot.getPlotItem().getAxis("bottom"))


def test_the_home_office_series_says_it_covers_england_and_wales_only_for_scotland(window):
    tab = window.trends_tab
    tab.set_checked_areas(["Scotland"])
    tab.measure_box.setCurrentIndex(tab.measure_box.findData(HOME_OFFICE_CHILD_OFFENCES))
    assert "The Home Office series covers England and Wales only." in tab._empty_message.toPlainText()
    tab.set_checked_areas(["Scotland", "Kent"])
    legend = {label.text for _sample, label in tab.plot.getPlotItem().legend.items}
    assert "Scotland (the Home Office series covers England and Wales only)" in legend
    assert "Kent" in legend
    tab.measure_box.setCurrentIndex(tab.measure_box.findData(BOTH_SERIES))
    scotland = [text for _x, _y, text in tab._hover_points if text.startswith("Scotland, ")]
    assert scotland and all(
        "No Home Office line: the Home Office series covers England and Wales only" in text for text in scotland
    )
    assert not any("No Home Office line" in text for _x, _y, text in tab._hover_points if text.startswith("Kent, "))


def test_an_exported_png_has_a_legend_as_legible_as_its_axes_and_numbered_change_marks(window, tmp_path):
    tab = window.trends_tab
    tab.measure_box.setCurrentIndex(tab.measure_box.findData(OFFENCES))
    tab.set_checked_areas(["Kent"])
    legend = tab.plot.getPlotItem().legend
    seen = []
    from desktop_app.ui import trends_tab as module

    class Capture:
        def write(self, plot, path):
            seen.append(tab.plot.getPlotItem().layout.itemAt(module.STAMP_ROW, 1).text)

    original = module.CHART_FORMATS[".png"]
    module.CHART_FORMATS[".png"] = Capture()
    try:
        tab.export_image(tmp_path / "chart.png")
    finally:
        module.CHART_FORMATS[".png"] = original
    assert "Dotted line 1: 2014/15, recording practice changed.<br>" in seen[0] and "2015/16" not in seen[0]
    # scaled with the chart when the PNG is drawn at twice the size, not left at screen size
    assert not legend.flags() & legend.GraphicsItemFlag.ItemIgnoresTransformations
    view_box = tab.plot.getPlotItem().getViewBox().sceneBoundingRect()
    assert legend.sceneBoundingRect().top() >= view_box.bottom()  # below the lines, covering none


def test_the_suggested_chart_file_name_names_the_plotted_areas_and_the_measure(window, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    tab = window.trends_tab
    tab.measure_box.setCurrentIndex(tab.measure_box.findData(RATE))
    tab.set_checked_areas(["Kent", "Essex"])
    window.selection.set_area("Gwent")  # selected elsewhere, not plotted
    offered = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda _parent, _title, path, _filter: (offered.append(path) or "", "")
    )
    window._export("png", "chart")
    name = Path(offered[0]).name
    assert name == "Essex, Kent - All sexual offences against under-18s, per 1,000 children (NSPCC).png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: (str(tmp_path / "numbers.csv"), ""))
    window._export("csv", "chart")
    assert "Where it came from is in numbers.csv.about.txt" in window.statusBar().currentMessage()
    assert (tmp_path / "numbers.csv.about.txt").exists()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: (str(tmp_path / "picture.png"), ""))
    window._export("png", "chart")
    assert "Where it came from is in picture.png.about.txt" in window.statusBar().currentMessage()
    assert (tmp_path / "picture.png.about.txt").exists()
    tab.set_checked_areas(["Kent", "Essex", "Gwent", "Dorset"])
    assert tab.suggested_file_stem().startswith("Dorset, Essex, Gwent and 1 more - ")


def test_the_legend_fits_the_chart_at_a_small_window_and_takes_no_room_when_hidden(window, qtbot, shipped):
    tab = window.trends_tab
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024)
    tab.measure_box.setCurrentIndex(tab.measure_box.findData(OFFENCES))
    tab.set_checked_areas(shipped.area_names[6:18])
    plot_item = tab.plot.getPlotItem()
    legend = plot_item.legend
    assert legend.isVisible() and legend.columnCount < 3  # long names: fewer columns, none cut off
    assert legend.mapRectToScene(legend.childrenBoundingRect()).right() <= tab.plot.width()
    tab.set_checked_areas(shipped.area_names)
    assert not legend.isVisible() and legend.maximumHeight() == 0
    assert plot_item.sceneBoundingRect().right() <= tab.plot.width()  # the chart is not pushed past the window


def test_an_exported_png_draws_the_legend_at_the_export_scale(window, qtbot, tmp_path):
    """The PNG is drawn at twice the chart's size: the legend's sample lines must be twice as long as on
    screen (left at screen size, the legend was too small to read next to the doubled axes)."""
    import numpy as np
    from PySide6.QtGui import QColor, QImage

    tab = window.trends_tab
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(tab.plot.isVisible)
    tab.measure_box.setCurrentIndex(tab.measure_box.findData(OFFENCES))
    tab.set_checked_areas(["Kent"])
    tab.export_image(tmp_path / "chart.png")
    exported = QImage(str(tmp_path / "chart.png")).convertToFormat(QImage.Format.Format_RGB32)
    on_screen = tab.plot.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    kent = QColor(tab._area_colours["Kent"])

    def longest_legend_sample(image, below):
        """The longest horizontal run of the line's colour under the chart's axes: the legend's sample line."""
        pixels = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(image.height(), image.bytesPerLine())
        bgr = pixels[below:, : image.width() * 4].reshape(-1, image.width(), 4)[..., :3].astype(int)
        near = np.abs(bgr - [kent.blue(), kent.green(), kent.red()]).sum(axis=2) < 60
        runs = [np.diff(np.flatnonzero(np.diff(np.r_[0, row, 0]))).max(initial=0) for row in near.astype(int)]
        return max(runs, default=0)

    axis_bottom = round(tab.plot.getPlotItem().getAxis("bottom").sceneBoundingRect().bottom())
    assert exported.width() == 2 * tab.plot.width()
    on_screen_sample = longest_legend_sample(on_screen, axis_bottom)
    assert on_screen_sample > 5
    assert longest_legend_sample(exported, 2 * axis_bottom) >= 1.8 * on_screen_sample


def test_until_the_user_ticks_an_area_the_chart_follows_the_selected_area(window):
    from PySide6.QtCore import Qt

    window.selection.set_area("Essex")
    window.tabs.setCurrentIndex(1)
    tab = window.trends_tab

    def drawn():
        return sorted({area for area, _measure in tab.plotted_lines().values()})

    assert drawn() == ["Essex"]
    window.selection.set_area("Gwent")
    assert drawn() == ["Gwent"] and tab.checked_areas() == ["Gwent"]
    tab.area_list.findItems("Kent", Qt.MatchFlag.MatchExactly)[0].setCheckState(Qt.CheckState.Checked)
    window.selection.set_area("Surrey")
    assert drawn() == ["Gwent", "Kent"], "the user's own ticks stay"


def test_in_a_small_window_year_labels_never_run_together_and_the_axis_title_fits(window, qtbot):
    window.resize(1024, 700)
    window.tabs.setCurrentIndex(1)
    tab = window.trends_tab
    tab.set_checked_areas(["Kent"])
    tab.measure_box.setCurrentIndex(tab.measure_box.findData(BOTH_SERIES))
    qtbot.waitUntil(lambda: tab.plot.width() > 0)
    tab.resize(tab.width() - 200, tab.height())  # narrower still: labels thin out
    axis = tab.plot.getAxis("bottom")
    shown = [label for _place, label in axis._tickLevels[0]]
    room = tab.plot.getPlotItem().getViewBox().width() / len(shown)
    assert room >= 60, "a year label ('2016/17') needs about 60 pixels"
    assert tab.plot.getAxis("left").labelText == "Offences"
