"""Fact sheets rendered to PDF and read back: text, page count, atomic writing."""

import re
import shutil
import unicodedata
from dataclasses import replace

import pandas as pd
import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QPageSize, QPainter, QPdfWriter

from desktop_app import __version__
from desktop_app.cli import EXIT_USAGE, EXIT_WRITE_ERROR, main
from desktop_app.factsheet import export as export_module
from desktop_app.factsheet import render as render_module
from desktop_app.factsheet.content import HOME_OFFICE_LINE, NSPCC_LINE, chart_in_words, charted_years, sheet_content
from desktop_app.factsheet.export import (
    ExportCancelled,
    ensure_qt_application,
    export_all,
    export_sheet,
    sheet_file_name,
    sheets_to_export,
    write_pdf,
)
from desktop_app.factsheet.render import FONT_FAMILY, MARGIN_PT, NOTES_PT, layout_for, paint_sheet, path_with_gaps
from desktop_app.model.measures import OFFENCES
from desktop_app.paths import DATA_DIR

from builders import make_dataset
from pdf_text import flowing_text, lowest_words, page_texts


@pytest.fixture(autouse=True)
def qt_application(qapp):
    """Rendering text needs a Qt application; the command line makes its own with ensure_qt_application."""
    assert ensure_qt_application() is qapp


def _pages(path) -> int:
    return len(PdfReader(path).pages)


def test_a_sheet_has_its_figures_summary_and_contacts_on_page_one_and_every_source_listed(shipped, tmp_path):
    path = tmp_path / "gm.pdf"
    export_sheet(shipped, "Greater Manchester", "2016/17", path)
    text = flowing_text(path)
    first = " ".join(page_texts(path)[0].split())
    assert "2,846" in first and "3,041" in first  # the figures are on the front
    assert "0808 800 5000" in text  # the contacts on the front, or overleaf where the front cannot hold them
    assert _pages(path) in (1, 2)
    assert "Greater Manchester" in text and "2016/17" in text
    assert "3,041" in text and "−169" in text and "650" in text
    assert "169 fewer than the 3,210 recorded in 2015/16" in text
    assert "0808 800 5000" in text and "0800 1111" in text and "999" in text
    assert "[1] Home O" in text and "Police recorded crime open data tables" in text  # the headline series first
    assert "The Bolton News" in text
    assert "theboltonnews.co.uk" in text
    assert "not a measure of how much abuse happens" in text
    assert "Produced" in text and "Data release: Default data shipped with Fact Sheets" in text


def test_the_sheet_is_set_in_dejavu_sans_embedded_in_the_pdf(shipped, tmp_path):
    """The renderer asks for DejaVu Sans; a machine without it would silently set the sheet in another font."""
    assert FONT_FAMILY in QFontDatabase.families()
    assert QFontInfo(QFont(FONT_FAMILY)).family() == FONT_FAMILY
    path = tmp_path / "kent.pdf"
    export_sheet(shipped, "Kent", "2016/17", path)
    fonts = [font.get_object() for font in PdfReader(path).pages[0]["/Resources"]["/Font"].values()]
    assert {str(font["/BaseFont"]) for font in fonts} == {"/DejaVuSans", "/DejaVuSans-Bold"}
    for font in fonts:
        assert "/FontFile2" in font["/DescendantFonts"][0].get_object()["/FontDescriptor"]  # embedded


def test_every_figure_on_the_sheet_points_at_a_listed_note(shipped):
    content = sheet_content(shipped, "Durham", "2018/19")
    listed = {note.number for note in content.notes}
    headline = [figure for row in content.headline for figure in row.figures]
    cited = {n for figure in headline + content.comparison + content.breakdown for n in figure.notes}
    cited |= set(content.trend_notes)
    assert cited == listed
    assert listed == set(range(1, len(listed) + 1))


def test_a_series_with_no_figure_leaves_no_empty_row_and_the_summary_says_why(shipped):
    content = sheet_content(shipped, "Cheshire", "2018/19")
    assert [row.label for row in content.headline] == ["The Home Office's official figures"]
    assert "Cheshire did not supply the NSPCC with a figure for 2018/19" in content.summary
    nothing = sheet_content(
        make_dataset([("North Force", "2016/17", "offences", None, "s1", "not_supplied")]), "North Force", "2016/17"
    )
    assert nothing.headline == []
    assert nothing.summary == "Police in North Force did not supply the NSPCC with a figure for 2016/17."


def test_a_very_long_area_name_still_fits_on_one_page(tmp_path):
    long_name = "The Police Force Area of North and South " + "Very Long Name " * 12
    data = make_dataset([("North Force", "2016/17", OFFENCES, 120, "s1")])
    data.areas.loc[data.areas["area"] == "North Force", "area"] = long_name
    data.figures.loc[data.figures["area"] == "North Force", "area"] = long_name
    path = tmp_path / "long.pdf"
    export_sheet(data, long_name, "2016/17", path)
    assert _pages(path) in (1, 2)
    assert "Very Long Name Very Long Name" in flowing_text(path)


def test_batch_export_to_a_folder_names_each_file_after_its_area_and_year(shipped, tmp_path):
    wales = ["Wales", "Dyfed-Powys", "Gwent", "North Wales", "South Wales"]  # every area is in the stamp test
    written = export_all(shipped, tmp_path / "sheets", year="2021/22", areas=wales)
    expected = [sheet_file_name(area, year) for area, year in sheets_to_export(shipped, "2021/22", wales)]
    assert sorted(path.name for path in written) == sorted(expected) and len(written) > 1
    assert sheet_file_name("Greater Manchester", "2016/17") == "greater-manchester-2016-17.pdf"
    assert all(_pages(path) in (1, 2) for path in written)


def test_a_failure_part_way_leaves_no_half_written_file_and_keeps_the_old_one(shipped, tmp_path, monkeypatch):
    target = tmp_path / "sheet.pdf"
    target.write_bytes(b"the user's earlier sheet")

    def broken_paint(*_arguments):
        raise RuntimeError("disk full")

    monkeypatch.setattr(export_module, "paint_sheet", broken_paint)
    with pytest.raises(RuntimeError):
        export_sheet(shipped, "Kent", "2016/17", target)
    assert target.read_bytes() == b"the user's earlier sheet"
    assert list(tmp_path.iterdir()) == [target]


def test_cancelling_a_batch_stops_it_and_leaves_only_finished_files(shipped, tmp_path):
    folder = tmp_path / "sheets"
    with pytest.raises(ExportCancelled):
        export_all(shipped, folder, progress=lambda done, total, area: done < 3)
    assert len(list(folder.iterdir())) == 3
    assert not [path for path in folder.iterdir() if path.name.startswith(".")]

    combined = tmp_path / "all.pdf"
    with pytest.raises(ExportCancelled):
        export_all(shipped, combined, combined=True, progress=lambda done, total, area: done < 3)
    assert [path.name for path in tmp_path.iterdir()] == ["sheets"]


def test_command_line_export_of_one_region(tmp_path, capsys):
    path = tmp_path / "kent.pdf"
    assert main(["export", "--region", "Kent", "--year", "2016/17", "-o", str(path)]) == 0
    assert "2,202" in flowing_text(path)
    assert "Saved the Kent 2016/17 fact sheet" in capsys.readouterr().out


def test_command_line_export_errors_are_clear(tmp_path, capsys):
    assert main(["export", "--region", "Kentt", "--year", "2016/17", "-o", str(tmp_path / "k.pdf")]) == EXIT_USAGE
    assert "Did you mean 'Kent'?" in capsys.readouterr().err
    missing_folder = tmp_path / "no-such-folder" / "k.pdf"
    assert main(["export", "--region", "Kent", "--year", "2016/17", "-o", str(missing_folder)]) == EXIT_WRITE_ERROR
    assert "does not exist" in capsys.readouterr().err
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    official = pd.read_csv(data / "home_office_figures.csv", dtype=str, keep_default_na=False)
    official[official["area"] != "Surrey"].to_csv(data / "home_office_figures.csv", index=False)
    assert main(["--data", str(data), "export", "--region", "Surrey", "-o", str(tmp_path / "s.pdf")]) == EXIT_USAGE
    assert "Surrey has no offences figure in this data set" in capsys.readouterr().err
    assert not (tmp_path / "s.pdf").exists()


def test_command_line_export_of_one_region_without_a_year_takes_its_latest(tmp_path, capsys):
    path = tmp_path / "kent.pdf"
    assert main(["export", "--region", "kent", "-o", str(path)]) == 0
    assert "Saved the Kent 2022/23 fact sheet" in capsys.readouterr().out  # the official series runs to 2022/23
    assert "2,281" in flowing_text(path)


def test_a_sheet_whose_trend_is_all_zeros_is_drawn(tmp_path):
    data = make_dataset([("South Force", year, OFFENCES, 0, "s1") for year in ("2016/17", "2017/18", "2018/19")])
    path = tmp_path / "zeros.pdf"
    export_sheet(data, "South Force", "2018/19", path)
    assert _pages(path) == 1
    assert "Change on 2017/18" in flowing_text(path) and "No published figures to chart" not in flowing_text(path)


def test_command_line_export_all_of_chosen_regions_takes_a_nation_with_its_forces(tmp_path, capsys):
    arguments = ["export", "--all", "--region", "Wales", "--region", "kent", "--year", "2022/23", "-o", str(tmp_path)]
    assert main(arguments) == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "dyfed-powys-2022-23.pdf",
        "gwent-2022-23.pdf",
        "kent-2022-23.pdf",
        "north-wales-2022-23.pdf",
        "south-wales-2022-23.pdf",
        "wales-2022-23.pdf",
    ]
    assert "Saved 6 fact sheets" in capsys.readouterr().out


def test_command_line_export_refuses_several_regions_without_all(tmp_path, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["export", "--region", "Kent", "--region", "Essex", "-o", str(tmp_path / "k.pdf")])
    assert stopped.value.code == EXIT_USAGE
    assert "several --region options go with --all" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_file_in_the_way_says_how_to_replace_it(tmp_path, capsys):
    existing = tmp_path / "kent.pdf"
    existing.write_bytes(b"kept")
    assert main(["export", "--region", "Kent", "--year", "2016-17", "-o", str(existing)]) == EXIT_WRITE_ERROR
    assert "--overwrite" in capsys.readouterr().err
    (tmp_path / "sheets").mkdir()
    (tmp_path / "sheets" / "kent-2021-22.pdf").write_bytes(b"kept")
    batch = ["export", "--all", "--region", "Kent", "--year", "2021/2022", "-o", str(tmp_path / "sheets")]
    assert main(batch) == EXIT_WRITE_ERROR
    assert "--overwrite" in capsys.readouterr().err
    assert existing.read_bytes() == (tmp_path / "sheets" / "kent-2021-22.pdf").read_bytes() == b"kept"


def test_a_sheet_tells_a_screen_reader_its_language_title_and_the_charts_figures_in_reading_order(shipped, tmp_path):
    path = tmp_path / "kent.pdf"
    export_sheet(shipped, "Kent", "2022/23", path)
    reader = PdfReader(path)
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert reader.metadata.title == "Fact sheet: Kent, 2022/23"
    text = unicodedata.normalize("NFKC", flowing_text(path))  # "ﬃ" ligatures back to letters
    in_order = ["Kent", "2,281", "By the Home Office's official figures", "Offences recorded, by financial year"]
    in_order += ["Need help or advice?", "The chart in figures", "Sources [1]", "Read with care"]
    places = [text.index(words) for words in in_order]
    assert places == sorted(places)
    chart_words = text[text.index("The chart in figures") : text.index("Sources [1]")]
    assert "2012/13 513" in chart_words and "2022/23 2,281" in chart_words  # the official series, first and last
    assert "2013/14 1,356" in chart_words  # the NSPCC's
    assert "2017/18 to 2022/23 no figure in this data set" in chart_words  # the NSPCC's gap, said once
    assert not re.search(r"\bnan\b|\b0;", chart_words)


def test_the_chart_in_words_names_each_gap_and_never_fills_it(shipped):
    scotland = sheet_content(shipped, "Scotland", "2022/23")
    words = chart_in_words(scotland)
    assert "2012/13 no figure in this data set; 2013/14 3,742" in words and "2022/23 5,557" in words
    assert "2016/17 to 2017/18 no figure in this data set" in words
    assert "Home Office" not in words  # Scotland is not in the official series: no line, no words


def test_the_sheets_chart_does_not_join_years_whose_totals_cover_different_forces(shipped, tmp_path, monkeypatch):
    drawn = []

    def recording(values, x_of, y_of, unjoined=None):
        path = path_with_gaps(values, x_of, y_of, unjoined)
        lines_to = {round(path.elementAt(i).x) for i in range(path.elementCount()) if path.elementAt(i).isLineTo()}
        drawn.append({year_index for year_index in range(len(values)) if round(x_of(year_index)) in lines_to})
        return path

    monkeypatch.setattr(render_module, "path_with_gaps", recording)
    content = sheet_content(shipped, "United Kingdom", "2022/23")
    export_sheet(shipped, "United Kingdom", "2022/23", tmp_path / "sheet.pdf")
    (joined_from_the_year_before,) = drawn  # the UK has only the NSPCC's line
    years = list(charted_years(content.trend).index)
    assert years.index("2019/20") not in joined_from_the_year_before
    assert years.index("2022/23") not in joined_from_the_year_before
    assert any("2018/19 to 2019/20" in caveat and "different forces" in caveat for caveat in content.caveats)


@pytest.mark.parametrize(
    ("area", "year"), [("Kent", "2022/23"), ("City of London", "2022/23"), ("Scotland", "2022/23"), ("Kent", "2009/10")]
)
def test_the_front_page_ends_with_its_footer_at_the_foot_not_an_empty_band(shipped, tmp_path, area, year):
    path = tmp_path / "sheet.pdf"
    export_sheet(shipped, area, year, path)
    lowest = lowest_words(path)[0]
    page_height = QPageSize(QPageSize.PageSizeId.A4).size(QPageSize.Unit.Point).height()
    assert page_height - MARGIN_PT - 12 <= lowest <= page_height - MARGIN_PT + 1


@pytest.mark.parametrize("area", ["Kent", "Gwent"])
def test_no_support_number_is_split_across_lines(shipped, tmp_path, area):
    path = tmp_path / "sheet.pdf"
    export_sheet(shipped, area, "2022/23", path)
    lines = unicodedata.normalize("NFKC", "\n".join(page_texts(path))).splitlines()
    numbers = [contact.phone for contact in sheet_content(shipped, area, "2022/23").contacts if contact.phone]
    assert "0808 1000 900" in numbers  # Stop It Now's, which broke as "0808 / 1000 900"
    for number in numbers:
        assert any(number in line for line in lines), number


def test_a_sheet_whose_contacts_go_overleaf_keeps_the_emergency_line_on_its_front(shipped, tmp_path):
    path = tmp_path / "gm.pdf"
    export_sheet(shipped, "Greater Manchester", "2016/17", path)  # a full sheet: its contacts go overleaf
    front, back = page_texts(path)
    assert "Childline" in " ".join(back.split()) and "Childline" not in " ".join(front.split())
    assert "If a child is in immediate danger, call 999." in " ".join(front.split())


# None: each area's latest year, as export --all makes them; then two years when the NSPCC's figures were fullest
@pytest.mark.parametrize("year", [None, "2016/17", "2018/19"])
def test_every_sheet_is_readable_in_print_fits_its_pages_and_ends_each_with_its_stamp(
    shipped, tmp_path, monkeypatch, year
):
    layouts = []  # each sheet's layout as it was printed

    def recorded(content, device):
        layouts.append(layout_for(content, device))
        return layouts[-1]

    monkeypatch.setattr(render_module, "layout_for", recorded)
    path = tmp_path / "all.pdf"
    export_all(shipped, path, year=year, combined=True)
    assert len(layouts) == len(sheets_to_export(shipped, year)) >= 40
    # body never below 9 pt and notes never below 7 pt: a sheet that cannot fit moves its notes overleaf
    assert min(layout.page.text_scale for layout in layouts) * NOTES_PT >= 7
    # a third page only for notes that the back cannot hold even at the smallest size (none in the shipped data)
    assert all(layout.pages in (1, 2, 3) for layout in layouts)
    assert year is not None or not any(layout.pages == 3 for layout in layouts)
    page_height = QPageSize(QPageSize.PageSizeId.A4).size(QPageSize.Unit.Point).height()
    bottoms = lowest_words(path)
    texts = page_texts(path)
    # printed on both sides, each sheet starts on a new sheet of paper: a sheet of odd pages gets a blank back
    starts = [0]
    for layout in layouts[:-1]:
        starts.append(starts[-1] + layout.pages + layout.pages % 2)
    assert len(bottoms) == len(texts) == starts[-1] + layouts[-1].pages
    for start, layout in zip(starts, layouts, strict=True):
        assert unicodedata.normalize("NFKC", texts[start]).startswith(layout.content.title), f"page {start + 1}"
        if layout.pages % 2 and layout is not layouts[-1]:
            assert "This page is left blank" in texts[start + layout.pages]
    for number, (lowest, text) in enumerate(zip(bottoms, texts, strict=True), start=1):
        assert lowest <= page_height - MARGIN_PT + 1, f"page {number} runs below its margin"
        flowing = " ".join(text.split())
        assert "Data release:" in flowing, f"page {number} lost its stamp: ...{flowing[-120:]}"
        assert "source is in the numbered notes." in flowing  # where the sources are, not "listed with the data"
        assert flowing.endswith(f"with Fact Sheets {__version__}."), f"page {number}: ...{flowing[-120:]}"


def test_a_sheet_whose_back_cannot_hold_the_spine_chart_says_where_to_find_it(shipped, tmp_path):
    path = tmp_path / "wales.pdf"
    export_sheet(shipped, "Wales", "2018/19", path)
    back = " ".join(page_texts(path)[-1].split())
    assert "Where Wales stands among all forces, 2018/19" in back
    assert "the chart is in the Compare tab of Fact Sheets" in back
    assert "factsheets export" not in back  # a command line means nothing on a meeting table
    assert "Read with care" in back and "Data release:" in back
    # the caution explaining the chart's test of the change on the year before goes with the chart
    assert sheet_content(shipped, "Wales", "2018/19").spine_caveat
    assert "Change on the year before" not in flowing_text(path)


def test_a_sheet_with_the_spine_chart_explains_its_change_on_the_year_before(shipped, tmp_path):
    path = tmp_path / "kent.pdf"
    export_sheet(shipped, "Kent", "2022/23", path)
    back = " ".join(page_texts(path)[-1].split())
    assert "Where Kent stands among all forces, 2022/23" in back and "Compare tab" not in back
    assert "Change on the year before, in the chart of where Kent stands: the two years' counts tested" in back


def test_a_sheet_leaves_out_the_spine_chart_where_the_area_has_no_figure_on_any_of_its_rows(shipped, tmp_path):
    path = tmp_path / "uk.pdf"
    export_sheet(shipped, "United Kingdom", "2022/23", path)  # a total: not among the forces, so no value
    text = unicodedata.normalize("NFKC", flowing_text(path))
    assert "Where United Kingdom stands among all forces" not in text and "Compare tab" not in text
    assert "Overleaf: what the two series count, the source of every figure" in text
    assert "Population estimates, 2021/22" not in text  # it gives no rate, so a break in the estimates is moot


def test_a_sheets_cautions_are_those_its_figures_bear_on(shipped):
    def flag_caution(area, year):
        return any("had to flag sexual offences" in caveat for caveat in sheet_content(shipped, area, year).caveats)

    assert flag_caution("Greater Manchester", "2016/17")  # 650 offences flagged as online
    assert not flag_caution("North Wales", "2022/23")  # no online-flagged figure on its sheet
    # said once: the dated note is the whole caution, with no general one about the online flag beside it
    for area, year in [("Kent", "2016/17"), ("Kent", "2022/23")]:
        said = " ".join(sheet_content(shipped, area, year).caveats)
        assert "online element only became mandatory" not in said and said.count("had to flag sexual offences") <= 1


def test_in_a_combined_file_a_sheet_of_odd_pages_gets_a_blank_back_so_the_next_starts_on_new_paper(shipped, tmp_path):
    long = sheet_content(shipped, "North Wales", "2022/23")
    extra = tuple(" ".join(f"c{number}w{index}" for index in range(90)) for number in range(12))
    path = tmp_path / "both-sides.pdf"
    contents = [replace(long, caveats=long.caveats + extra), sheet_content(shipped, "Kent", "2022/23")]
    write_pdf(contents, path, "two sheets", both_sides=True)
    pages = [unicodedata.normalize("NFKC", text) for text in page_texts(path)]
    assert len(pages) == 3 + 1 + 2
    assert "This page is left blank so that each area's sheet starts on a new sheet of paper" in pages[3]
    assert "The sheet before it: North Wales, 2022/23." in " ".join(pages[3].split())
    assert "Data release:" in pages[3] and pages[4].startswith("Kent")


def test_notes_carried_on_to_a_third_page_are_printed_once(shipped, tmp_path):
    content = sheet_content(shipped, "North Wales", "2022/23")
    # cautions of unique words, enough to need a third page
    extra = tuple(" ".join(f"c{number}w{index}" for index in range(90)) for number in range(12))
    path = tmp_path / "three.pdf"
    write_pdf([replace(content, caveats=content.caveats + extra)], path, "three pages")
    pages = [
        {line.strip() for line in unicodedata.normalize("NFKC", text).splitlines() if line.strip()}
        for text in page_texts(path)
    ]
    assert len(pages) == 3
    footer = " ".join(content.footer.split())
    on_both = {line for line in pages[1] & pages[2] if line not in footer and not line.startswith("North Wales, ")}
    # Qt draws a line that only touches the band's edge: hidden on paper, yet a screen reader read it twice
    assert not on_both


class _PenRecorder(QPainter):
    """A painter that notes the pen of every line it draws and the text it writes after each."""

    def __init__(self, device):
        super().__init__(device)
        self.strokes: list[tuple[str, str, Qt.PenStyle]] = []  # (what: "path" or legend text, colour, dash)
        self._last_line_pen = None

    def drawPath(self, path):  # noqa: N802 - Qt's name
        self.strokes.append(("path", self.pen().color().name(), self.pen().style()))
        super().drawPath(path)

    def drawLine(self, *args):  # noqa: N802 - Qt's name
        self._last_line_pen = (self.pen().color().name(), self.pen().style())
        super().drawLine(*args)

    def drawText(self, *args):  # noqa: N802 - Qt's name
        if args[-1] in (HOME_OFFICE_LINE, NSPCC_LINE) and self._last_line_pen:
            self.strokes.append((args[-1], *self._last_line_pen))
        super().drawText(*args)


@pytest.mark.parametrize(("area", "year"), [("Kent", "2024/25"), ("Essex", "2022/23"), ("Scotland", "2022/23")])
def test_the_home_office_line_is_always_solid_and_the_nspcc_line_always_dashed(shipped, tmp_path, area, year):
    content = sheet_content(shipped, area, year)
    writer = QPdfWriter(str(tmp_path / "sheet.pdf"))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(300)
    painter = _PenRecorder(writer)
    paint_sheet(painter, content, writer)
    painter.end()
    expected = {HOME_OFFICE_LINE: Qt.PenStyle.SolidLine, NSPCC_LINE: Qt.PenStyle.DashLine}
    legend = {name: dash for name, _colour, dash in painter.strokes if name != "path"}
    assert legend == {name: expected[name] for name in content.trend.columns}
    lines = [dash for name, _colour, dash in painter.strokes if name == "path"][: len(content.trend.columns)]
    assert lines == [expected[name] for name in content.trend.columns]


def test_every_number_on_a_sheets_chart_is_clear_of_lines_and_other_numbers_and_nearest_its_own_point(
    shipped, tmp_path, monkeypatch
):
    """Wales 2022/23 ran 3,715 into 3,393, Kent 2016/17's line struck through 2,202, West Yorkshire 2022/23's two
    figures each sat by the other series' point, and first labels ran into the axis numbers: every sheet's
    labels are checked as placed."""
    charts = []
    original = render_module.ValueLabels

    class Recording(original):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            charts.append(self)

    monkeypatch.setattr(render_module, "ValueLabels", Recording)
    export_all(shipped, tmp_path / "all", combined=True)
    for area, year in [("Wales", "2022/23"), ("Kent", "2016/17"), ("West Yorkshire", "2022/23")]:
        export_sheet(shipped, area, year, tmp_path / f"{area}.pdf")
    assert len(charts) >= 48
    for chart in charts:
        assert len(chart.labelled) >= len(chart.points) * 0.4  # left out only for room
        for key, label in chart.labelled:
            assert chart.bounds.contains(label)  # inside the plot: clear of the axis numbers
            # nearest its own point, clear of the other series' that year, other labels, lines and dots; a
            # figure of the sheet's year is given even beside the other series' point (in its own line's colour)
            misread, touching, crossing = chart.clashes(key, label)
            assert (touching, crossing) == (0, 0) and (misread == 0 or key in chart.required), key


def test_a_sheets_chart_labels_its_own_years_figures_and_says_when_it_leaves_points_unlabelled(shipped, tmp_path):
    path = tmp_path / "england-and-wales.pdf"
    export_sheet(shipped, "England and Wales", "2022/23", path)  # sixteen years of one series in a small chart
    front = " ".join(unicodedata.normalize("NFKC", PdfReader(path).pages[0].extract_text()).split())
    assert "some points unlabelled for room (every figure is written out overleaf)" in front
    assert "64,751" in front.split("(April to March)")[1]  # its year's figure, on the chart
    essex = tmp_path / "essex.pdf"
    export_sheet(shipped, "Essex", "2022/23", essex)
    assert "unlabelled" not in PdfReader(essex).pages[0].extract_text()  # room for every figure, and no note


def test_a_figure_its_source_says_is_not_comparable_with_the_next_year_gets_no_change_and_no_line(shipped, tmp_path):
    """Lincolnshire's 2015/16 figure counted crimes reported, not recorded: its source says so, and the sheet had
    printed a fall of 10% into 2016/17."""
    content = sheet_content(shipped, "Lincolnshire", "2016/17")
    [change] = [figure for row in content.headline for figure in row.figures if figure.label == "Change on 2015/16"][1:]
    assert change.value == "—" and "the source says the 2015/16 figure is not comparable" in change.detail
    assert "a fall of 10%" not in content.summary
    assert "the source says the 2015/16 figure is not comparable with 2016/17's" in content.summary
    assert content.trend_unjoined.loc["2016/17", NSPCC_LINE]


def test_a_sheets_chart_names_its_own_year_under_the_axis_however_many_years_it_skips(shipped, tmp_path):
    path = tmp_path / "west-yorkshire.pdf"
    export_sheet(shipped, "West Yorkshire", "2022/23", path)  # fourteen years: every second one named
    chart = " ".join(PdfReader(path).pages[0].extract_text().split()).split("(April to March)")[1]
    assert "2021/22 2022/23" not in chart and "2022/23" in chart.split("Gaps")[0]
