"""Opening users' files: the app's long format, a wide table and the Home Office open data tables.
Fixtures are small made-up tables under tests/fixtures; nothing here is shown to users."""

import string
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.factsheet.content import sheet_content
from desktop_app.io import importers, tables
from desktop_app.io.dataset_files import load_dataset
from desktop_app.io.errors import DataFileError
from desktop_app.io.importers import (
    SourceDetails,
    detect_kind,
    normalise_year,
    parse_count,
    read_home_office,
    read_long,
    read_recognised,
    read_wide,
    what_changed,
    with_import,
)
from desktop_app.model.citation import SOURCES_IN_THE_NOTES, citable_summary, export_stamp
from desktop_app.model.details import figure_details
from desktop_app.model.measures import HOME_OFFICE_CHILD_OFFENCES, OFFENCES
from desktop_app.model.summary import summary
from desktop_app.paths import DATA_DIR

FIXTURES = Path(__file__).parent / "fixtures"
OFFICIAL_TABLE = Path(__file__).parents[2] / "shared" / "reference" / "official" / "prc-pfa-2017-18.csv"


def test_years_in_the_usual_spellings_are_understood():
    assert [normalise_year(text) for text in ("2016/17", "2016-17", "2016/2017", "FY2016-17", " 2016 / 17 ")] == [
        "2016/17"
    ] * 5
    assert [normalise_year(text) for text in ("2016/18", "16/17", "2016", "last year", "2016/2018")] == [None] * 5


def test_counts_allow_separators_and_refuse_text_and_negatives():
    assert parse_count("3,041") == 3041 and parse_count(" 60 ") == 60 and parse_count("-00") == 0
    assert "not a whole number" in parse_count("lots")
    assert "not a whole number" in parse_count("12.5")
    assert parse_count("-5") == "'-5' is negative; a count cannot be below 0"
    assert parse_count("-1", allow_negative=True) == -1


def test_the_layout_is_recognised():
    assert detect_kind(FIXTURES / "long_good.csv") == "long"
    assert detect_kind(FIXTURES / "wide_good.csv") == "wide"
    assert detect_kind(FIXTURES / "home_office_small.csv") == "home_office"


def test_a_good_long_file_becomes_the_newest_release(shipped):
    result = read_long(FIXTURES / "long_good.csv", shipped)
    assert result.problems == []
    assert set(result.figures["area"]) == {"Greater Manchester", "Kent", "Northern Ireland"}
    assert set(result.figures["year"]) == {"2016/17", "2017/18"}
    merged = with_import(shipped, result, "Test release")
    gmp = merged.current_figures.query("area == 'Greater Manchester' and year == '2016/17' and measure == 'offences'")
    assert gmp["value"].item() == 3100
    assert list(merged.revisions("Greater Manchester", "2016/17", OFFENCES)["value"]) == [3100, 3041]
    changes = what_changed(shipped, merged)
    assert set(zip(changes["area"], changes["year"], changes["before"].fillna(-1), changes["after"], strict=True)) == {
        ("Greater Manchester", "2016/17", 3041, 3100),
        ("Kent", "2017/18", -1, 2500),
        ("Northern Ireland", "2016/17", 178, 200),
    }
    assert len(shipped.figures) + 3 == len(merged.figures)  # the loaded data itself is untouched


def test_every_bad_row_is_named_with_its_line_and_column(shipped):
    result = read_long(FIXTURES / "long_bad.csv", shipped)
    messages = {(problem.row, problem.column): problem.message for problem in result.problems}
    assert "did you mean 'Greater Manchester'?" in messages[(2, "area")]
    assert "not a financial year" in messages[(3, "year")]
    assert "negative" in messages[(4, "value")]
    assert "not a whole number" in messages[(5, "value")]
    assert "needs its source" in messages[(6, "source")]
    assert "appears more than once" in messages[(8, None)]
    assert list(result.figures["area"]) == ["Durham"]  # only the valid row, once


@pytest.mark.parametrize("address", ["file:///etc/passwd", "javascript:alert(1)", "ftp://example.org/table"])
def test_a_source_address_that_is_not_a_web_address_is_named_with_the_rule(shipped, tmp_path, address):
    path = tmp_path / "figures.csv"
    path.write_text(
        "area,year,measure,value,publisher,url,published\n"
        f"Kent,2016/17,offences,1200,Kent Online,{address},2024-01-02\n",
        encoding="utf-8",
    )
    [problem] = read_long(path, shipped).problems
    assert (problem.row, problem.column) == (2, "url")
    assert str(problem) == (
        f"figures.csv, line 2, column 'url': the source address '{address}' is not accepted: "
        "only http and https web addresses are accepted as sources"
    )


def test_windows_1252_text_is_read(shipped):
    result = read_long(FIXTURES / "long_windows1252.csv", shipped)
    assert "'Würzburg Street' is not a known area" in result.problems[0].message
    assert list(result.figures["area"]) == ["Kent"]


def test_a_wide_table_is_read_with_the_measure_and_source_the_user_gives(shipped):
    source = SourceDetails("Test Publisher", "Made-up table", "https://example.org/made-up", "2026-02-01")
    result = read_wide(FIXTURES / "wide_good.csv", shipped, OFFENCES, source)
    assert result.problems == []
    figures = result.figures.set_index(["area", "year"])["value"].to_dict()
    assert figures == {
        ("Kent", "2015/16"): 1000,
        ("Kent", "2016/17"): 1100,
        ("Greater Manchester", "2015/16"): 3000,
        ("Greater Manchester", "2017/18"): 3200,
    }  # empty cells stay missing, never 0
    assert result.sources["publisher"].item() == "Test Publisher"


def test_home_office_rows_are_summed_over_quarters_for_child_codes_only(shipped):
    result = read_home_office(FIXTURES / "home_office_small.csv", shipped, DATA_DIR)
    figures = result.figures.set_index(["area", "year"])["value"].to_dict()
    assert figures == {("Kent", "2017/18"): 60 - 1 + 10, ("City of London", "2017/18"): 0}
    # 2016/17 holds one quarter only: a part year is never shown as a year, and the import says so
    assert "2016/17 holds only January to March in this table; a part year is not a year, so it was left out." in (
        result.notes
    )
    assert set(result.figures["measure"]) == {HOME_OFFICE_CHILD_OFFENCES}
    assert any("British Transport Police" in note for note in result.notes)
    assert result.sources["publisher"].item() == "Home Office"


def test_an_unknown_force_in_an_open_data_table_is_named_with_its_first_line_and_the_nearest_force(shipped, tmp_path):
    path = tmp_path / "table.csv"
    quarters = "".join(
        f"2017/18,{quarter},{force},19D,5\n" for force in ("Kent", "Kentish Police") for quarter in "1234"
    )
    path.write_text("Financial Year,Financial Quarter,Force Name,Offence Code,Number of Offences\n" + quarters, "utf-8")
    result = read_home_office(path, shipped, DATA_DIR)
    assert [str(problem) for problem in result.problems] == [
        "table.csv, line 6, column 'Force Name': 'Kentish Police' is not a known area; did you mean 'Kent'?"
    ]


def test_a_forces_year_the_table_holds_only_some_quarters_of_is_left_out_not_shown_as_the_year(shipped, tmp_path):
    path = tmp_path / "table.csv"
    rows = "".join(f"2017/18,{quarter},Surrey,19D,5\n" for quarter in "1234")
    rows += "2017/18,1,Kent,19D,11\n" + "".join(f"2017/18,{quarter},Kentish Police,19D,900\n" for quarter in "234")
    path.write_text("Financial Year,Financial Quarter,Force Name,Offence Code,Number of Offences\n" + rows, "utf-8")
    result = read_home_office(path, shipped, DATA_DIR)
    assert list(result.figures["area"]) == ["Surrey"]  # Kent's 11 is April to June, not its 2017/18
    assert any(note.startswith("Kent 2017/18 holds only April to June in this table") for note in result.notes)
    # only 19D of the eleven child codes: a cut-down table, and the note says its sums may fall short
    assert any(
        note.startswith("The table has no rows of offence codes 17B, 19E, 19G,") and "may fall short" in note
        for note in result.notes
    )


def test_a_home_office_table_pasted_twice_names_each_repeated_row_and_never_counts_it_twice(shipped, tmp_path):
    lines = (FIXTURES / "home_office_small.csv").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "twice.csv"
    path.write_text("\n".join(lines + lines[1:]) + "\n", encoding="utf-8")  # two downloads pasted together
    result = read_home_office(path, shipped, DATA_DIR)
    repeats = [str(problem) for problem in result.problems]
    assert repeats and all("it would be counted twice" in problem for problem in repeats)
    # the first repeated row with a child offence code: line 2's row again, nine lines on
    assert "line 14: repeats line 2 (the same year, quarter, force and offence code)" in repeats[0]
    once = read_home_office(FIXTURES / "home_office_small.csv", shipped, DATA_DIR)
    counted = ["area", "year", "measure", "value"]  # if the user keeps the valid rows: each row once
    assert result.figures[counted].equals(once.figures[counted])


def test_a_repeat_is_found_and_named_whichever_pieces_the_table_is_read_in(shipped, tmp_path, monkeypatch):
    lines = (FIXTURES / "home_office_small.csv").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "twice.csv"
    path.write_text("\n".join(lines + lines[1:]) + "\n", encoding="utf-8")
    at_once = read_home_office(path, shipped, DATA_DIR)
    monkeypatch.setattr(importers, "CHUNK_ROWS", 3)  # a repeat and the row it repeats in different pieces
    in_pieces = read_home_office(path, shipped, DATA_DIR)
    assert [str(problem) for problem in in_pieces.problems] == [str(problem) for problem in at_once.problems]
    assert "line 14: repeats line 2 (the same year, quarter, force and offence code)" in str(in_pieces.problems[0])
    assert in_pieces.figures.equals(at_once.figures)


def test_a_table_with_endless_different_values_in_a_column_is_refused_saying_which(shipped, monkeypatch):
    monkeypatch.setattr(importers._TableKeys, "ID_LIMIT", 3)  # as millions of made-up quarters would be
    with pytest.raises(DataFileError, match="column 'Financial Quarter': more than 2 different values"):
        read_home_office(FIXTURES / "home_office_small.csv", shipped, DATA_DIR)


def test_problems_beyond_those_listed_are_still_counted(shipped, tmp_path, monkeypatch):
    lines = (FIXTURES / "home_office_small.csv").read_text(encoding="utf-8").splitlines()
    twice, three_times = tmp_path / "twice.csv", tmp_path / "three-times.csv"
    twice.write_text("\n".join(lines + lines[1:]) + "\n", encoding="utf-8")
    three_times.write_text("\n".join(lines + lines[1:] + lines[1:]) + "\n", encoding="utf-8")
    counted_rows = read_home_office(twice, shipped, DATA_DIR).problem_count  # each counted row, repeated once
    monkeypatch.setattr(importers, "MAX_PROBLEMS", 5)
    result = read_home_office(three_times, shipped, DATA_DIR)
    assert len(result.problems) == 5 and result.problem_count == 2 * counted_rows > 5


def test_imported_counts_are_credited_to_the_publisher_the_file_names_not_the_nspcc(shipped):
    result = read_long(FIXTURES / "long_good.csv", shipped)
    assert any(
        note.startswith("Figures from Test Publisher are in measures of the NSPCC's series") for note in result.notes
    )
    data = with_import(shipped, result, "Imported")
    said = summary(data, "Greater Manchester", "2016/17")
    assert "recorded 3,100 sexual offences against children (victims under 18), as published by Test Publisher" in said
    assert "NSPCC's Freedom of Information figures" not in said
    assert "by the NSPCC's Freedom of Information figures" in summary(shipped, "Greater Manchester", "2016/17")


def test_a_table_that_states_no_release_date_is_never_given_the_import_date_as_one(shipped):
    today = date.today().isoformat()
    result = read_home_office(FIXTURES / "home_office_small.csv", shipped, DATA_DIR)
    assert result.sources["published"].isna().all()  # missing, not today
    merged = with_import(shipped, result, "Home Office table")
    shown = merged.current_figures.set_index(["area", "year", "measure"])["value"]
    assert shown[("Kent", "2017/18", HOME_OFFICE_CHILD_OFFENCES)] == 69  # the import is still the newest release

    citation = citable_summary(merged, "Kent", "2017/18")
    assert f"home_office_small.csv, imported on {today}) (publication date not stated)" in citation
    assert f"({today})" not in citation
    newest_stated = shipped.figures["published"].max()
    assert f"(newest source {newest_stated} (some sources state no date))" in export_stamp(
        merged, sources=SOURCES_IN_THE_NOTES
    )
    [official] = [
        row
        for row in figure_details(merged, "Kent", "2017/18").to_dict("records")
        if row["measure"] == HOME_OFFICE_CHILD_OFFENCES
    ]
    assert official["published"] == "publication date not stated"
    notes = [note.text for note in sheet_content(merged, "Kent", "2017/18").notes]
    assert any("imported on" in note and "(publication date not stated)" in note for note in notes)
    assert not any(today in note.replace(f"imported on {today}", "") for note in notes)


@pytest.mark.skipif(
    not OFFICIAL_TABLE.exists(), reason="no ../shared/reference beside the checkout: no real 2017/18 table"
)
def test_the_real_2017_18_open_data_table_gives_every_force_area(shipped):
    result = read_home_office(OFFICIAL_TABLE, shipped, DATA_DIR)
    assert result.problems == []
    forces = result.figures[~result.figures["area"].isin(["England", "Wales", "England and Wales"])]
    assert len(forces) == 43  # the territorial forces of England and Wales
    totals = result.figures.set_index("area")["value"]
    assert totals["England and Wales"] == forces["value"].sum() == totals["England"] + totals["Wales"]
    kent = result.figures.query("area == 'Kent'")["value"].item()
    assert kent > 1000


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "the file is empty"),
        (b"just,a,header\n", "not a layout Fact Sheets knows"),
        (b"\x00\x01\x02\xff\xfe" * 100, "not a layout|does not look like a table|neither UTF-8"),
        (b"area,year\nKent,2016/17\n", "not a layout"),
    ],
)
def test_files_that_are_not_usable_tables_are_refused_with_a_reason(tmp_path, content, message):
    path = tmp_path / "upload.csv"
    path.write_bytes(content)
    with pytest.raises(DataFileError, match=message) as raised:
        detect_kind(path)
    assert raised.value.path == path


def test_a_spreadsheet_in_the_long_layout_is_read(shipped, tmp_path):
    table = pd.read_csv(FIXTURES / "long_good.csv", dtype=str)
    for suffix in (".xlsx", ".ods"):
        path = tmp_path / f"figures{suffix}"
        table.to_excel(path, index=False, engine="openpyxl" if suffix == ".xlsx" else "odf")
        assert detect_kind(path) == "long"
        assert len(read_long(path, shipped).figures) == 3


def test_a_huge_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.csv"
    with open(path, "wb") as huge:
        huge.truncate(1100 * 2**20)  # sparse: no disk used
    with pytest.raises(DataFileError, match="files over 256 MB are not read"):
        detect_kind(path)


cells = st.one_of(
    st.text(alphabet=string.printable, max_size=12),
    st.sampled_from(["Kent", "GMP", "2016/17", "2016-17", "offences", "online_flagged", "-3", "1,234", "", "x"]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(cells, min_size=4, max_size=8), min_size=1, max_size=8))
def test_random_tables_are_read_correctly_or_refused_never_crash(shipped, tmp_path_factory, rows):
    path = tmp_path_factory.mktemp("random") / "random.csv"
    header = ["area", "year", "measure", "value", "publisher", "title", "url", "published"]
    width = max(len(row) for row in rows)
    pd.DataFrame([row + [""] * (width - len(row)) for row in rows], columns=header[:width]).to_csv(path, index=False)
    figures_before = shipped.figures.copy()
    try:
        kind = detect_kind(path)
        result = read_long(path, shipped) if kind == "long" else None
    except DataFileError as error:
        assert str(error)  # refused, with a message
        return
    finally:
        pd.testing.assert_frame_equal(shipped.figures, figures_before)  # the loaded data never changes
    if result is not None:
        assert (result.figures["value"].dropna() >= 0).all()
        assert result.figures["area"].isin(shipped.area_names).all()
        assert all(problem.row is None or problem.row >= 2 for problem in result.problems)


def test_a_home_office_workbook_with_one_sheet_per_year_is_read(shipped, tmp_path):
    table = pd.read_csv(FIXTURES / "home_office_small.csv", dtype=str, keep_default_na=False)
    path = tmp_path / "prc-pfa-tables.ods"
    with pd.ExcelWriter(path, engine="odf") as workbook:
        pd.DataFrame({"Notes": ["Cover sheet, not data"]}).to_excel(workbook, sheet_name="Cover", index=False)
        for year, rows in table.groupby("Financial Year"):
            rows.to_excel(workbook, sheet_name=year.replace("/", "_"), index=False)
    result = read_home_office(path, shipped, DATA_DIR)
    assert result.figures.set_index(["area", "year"])["value"].to_dict() == {
        ("Kent", "2017/18"): 69,
        ("City of London", "2017/18"): 0,
    }


@pytest.fixture
def sheets_read(monkeypatch) -> list[tuple[str, str]]:
    """Each sheet the spreadsheet reader reads (workbook, sheet), once for each time it reads it, itself or
    through pandas (which reads every sheet: "*")."""
    read = []
    reader, read_excel = tables.CalamineWorkbook, pd.read_excel

    class CountedWorkbook:
        def __init__(self, name):
            self.name, self.workbook = name, reader.from_path(name)
            self.sheets_metadata = self.workbook.sheets_metadata

        @classmethod
        def from_path(cls, name):
            return cls(name)

        def get_sheet_by_name(self, sheet):
            read.append((self.name, sheet))
            return self.workbook.get_sheet_by_name(sheet)

    def counted_read_excel(name, *arguments, **options):
        read.append((str(name), "*"))
        return read_excel(name, *arguments, **options)

    monkeypatch.setattr(tables, "CalamineWorkbook", CountedWorkbook)
    monkeypatch.setattr(pd, "read_excel", counted_read_excel)
    return read


def test_an_official_workbook_is_read_once_to_recognise_and_import_it(shipped, tmp_path, sheets_read):
    table = pd.read_csv(FIXTURES / "home_office_small.csv", dtype=str, keep_default_na=False)
    path = tmp_path / "prc-pfa-tables.xlsx"
    with pd.ExcelWriter(path, engine="openpyxl") as workbook:
        pd.DataFrame({"Notes": ["Cover sheet, not data"]}).to_excel(workbook, sheet_name="Cover", index=False)
        table.to_excel(workbook, sheet_name="Data", index=False)
    with tables.sheets_read_once():
        assert detect_kind(path) == "home_office"
        result = read_home_office(path, shipped, DATA_DIR)
    each_sheet_once = [(str(path), "Cover"), (str(path), "Data")]
    assert sorted(sheets_read) == each_sheet_once
    assert result.figures.set_index(["area", "year"])["value"].to_dict() == {
        ("Kent", "2017/18"): 69,
        ("City of London", "2017/18"): 0,
    }
    read_home_office(path, shipped, DATA_DIR)
    assert sorted(sheets_read) == sorted(each_sheet_once * 2)  # alone, it reads each once too; nothing is kept


def test_a_workbook_in_the_apps_own_layout_is_read_once_and_imported_as_its_csv_is(shipped, tmp_path, sheets_read):
    path = tmp_path / "figures.xlsx"
    pd.read_csv(FIXTURES / "long_good.csv", dtype=str, keep_default_na=False).to_excel(path, index=False)
    result = read_recognised(path, shipped, DATA_DIR)  # recognising its layout, its header, its rows
    assert sheets_read == [(str(path), "Sheet1")]
    from_csv = read_long(FIXTURES / "long_good.csv", shipped)
    columns = ["area", "year", "measure", "value"]
    assert result.figures[columns].equals(from_csv.figures[columns]) and len(result.figures) > 1
    assert result.problems == from_csv.problems


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_home_office_headers_in_another_case_are_read(shipped, tmp_path, suffix):
    table = pd.read_csv(FIXTURES / "home_office_small.csv", dtype=str, keep_default_na=False)
    table.columns = [column.capitalize() if index % 2 else column.upper() for index, column in enumerate(table.columns)]
    path = tmp_path / f"prc-pfa{suffix}"
    if suffix == ".csv":
        table.to_csv(path, index=False)
    else:
        table.to_excel(path, index=False, engine="openpyxl")
    assert detect_kind(path) == "home_office"
    result = read_home_office(path, shipped, DATA_DIR)
    assert result.problems == []
    assert result.figures.set_index(["area", "year"])["value"].to_dict() == {
        ("Kent", "2017/18"): 69,
        ("City of London", "2017/18"): 0,
    }  # 2016/17 holds one quarter only: a part year is left out


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_a_home_office_table_in_each_export_encoding_with_padded_codes_gives_the_same_sums(shipped, tmp_path, encoding):
    table = pd.read_csv(FIXTURES / "home_office_small.csv", dtype=str, keep_default_na=False)
    table["Offence Code"] = " " + table["Offence Code"] + "  "
    table["Offence Description"] = "Café " + table["Offence Description"]  # an accent, so the encoding matters
    path = tmp_path / "prc-pfa.csv"
    table.to_csv(path, index=False, encoding=encoding)
    result = read_home_office(path, shipped, DATA_DIR)
    assert result.problems == []
    assert result.figures.set_index(["area", "year"])["value"].to_dict() == {
        ("Kent", "2017/18"): 69,
        ("City of London", "2017/18"): 0,
    }


def test_a_correction_under_an_existing_source_id_becomes_the_shown_figure_and_is_listed(shipped, tmp_path):
    path = tmp_path / "correction.csv"
    path.write_text("area,year,measure,value,source\nGreater Manchester,2016/17,offences,3100,bolton-news-1\n")
    result = read_long(path, shipped)
    assert result.problems == []
    merged = with_import(shipped, result, "Corrected")
    shown = merged.current_figures.query("area == 'Greater Manchester' and year == '2016/17' and measure == 'offences'")
    assert shown["value"].item() == 3100
    assert list(merged.revisions("Greater Manchester", "2016/17", OFFENCES)["value"]) == [3100, 3041]
    changes = what_changed(shipped, merged)
    assert changes[["area", "year", "before", "after"]].values.tolist() == [
        ["Greater Manchester", "2016/17", 3041, 3100]
    ]


def test_an_imported_count_below_its_part_is_a_problem_on_its_line_and_left_out(shipped, tmp_path):
    path = tmp_path / "low.csv"
    path.write_text(
        "area,year,measure,value,source\n"
        "Greater Manchester,2016/17,offences,3100,bolton-news-1\n"
        "Greater Manchester,2017/18,offences,120,bolton-news-1\n"
        "Greater Manchester,2017/18,online_flagged,490,bolton-news-1\n"
        "Kent,2016/17,victims_aged_10_and_under,2300,kentonline-3\n",
        encoding="utf-8",
    )
    result = read_long(path, shipped)
    assert [(problem.row, problem.column) for problem in result.problems] == [(4, "value"), (5, "value")]
    assert "Flagged as online (NSPCC) (490) is more than Offences recorded (NSPCC) (120)" in str(result.problems[0])
    assert "Victim aged 10 and under (NSPCC) (2,300) is more than Offences recorded (NSPCC) (2,202)" in str(
        result.problems[1]
    )
    assert list(result.figures["value"]) == [3100, 120]


def test_a_part_above_its_whole_in_a_data_folder_is_refused_with_its_line(tmp_path):
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    figures = folder / "figures.csv"
    lines = figures.read_text(encoding="utf-8").splitlines()
    line = next(number for number, text in enumerate(lines, 1) if text.startswith("Kent,2016/17,online_flagged,361,"))
    lines[line - 1] = lines[line - 1].replace(",361,", ",4083,")
    figures.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataFileError) as raised:
        load_dataset(folder, "test")
    assert (raised.value.row, raised.value.column) == (line, "value")
    assert "Kent 2016/17: Flagged as online (NSPCC) (4,083) is more than Offences recorded (NSPCC) (2,202)" in str(
        raised.value
    )


def test_imported_figures_older_than_the_loaded_ones_are_not_hidden_silently(shipped, tmp_path):
    path = tmp_path / "old.csv"
    path.write_text(
        "area,year,measure,value,publisher,url,published\n"
        "Greater Manchester,2016/17,offences,2999,Old Paper,https://example.org/old,2017-06-01\n"
        "Kent,2017/18,offences,2500,Old Paper,https://example.org/old,2017-06-01\n",
        encoding="utf-8",
    )
    result = read_long(path, shipped)
    assert result.problems == []
    assert result.notes[0] == (
        "1 imported figure was published before the ones already loaded for the same area, year and measure "
        "(the first: Greater Manchester 2016/17, Offences recorded (NSPCC)), so it is kept as earlier values and "
        "the newer ones stay on screen."
    )
    assert not any("published before" in note for note in read_long(FIXTURES / "long_good.csv", shipped).notes)


@pytest.mark.parametrize(
    "content, message",
    [
        ("area,year,measure,value,source\n", "new.csv: the file holds its header row (line 1) and no rows under it"),
        ("\n\n", "new.csv, line 1: the file is blank: there is no header row"),
        ("", "new.csv: the file is empty"),
    ],
)
def test_an_import_with_no_rows_is_refused_with_its_line_and_reason(shipped, tmp_path, content, message):
    path = tmp_path / "new.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError) as raised:
        read_long(path, shipped)
    assert str(raised.value) == message


def test_a_home_office_table_with_no_rows_or_no_child_offence_rows_says_so(shipped, tmp_path):
    header, *rows = (FIXTURES / "home_office_small.csv").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "headings.csv"
    path.write_text(header + "\n", encoding="utf-8")
    with pytest.raises(DataFileError) as raised:
        read_home_office(path, shipped, DATA_DIR)
    assert str(raised.value) == "headings.csv: the file holds its header row (line 1) and no rows under it"
    others = [row for row in rows if ",19D," not in row and ",88A," not in row and ",21," not in row]
    others = [row for row in others if row.split(",")[1] == "1"]  # one quarter: a part year
    assert others, "the fixture holds rows of other offence codes"
    path.write_text("\n".join([header, *others]) + "\n", encoding="utf-8")
    result = read_home_office(path, shipped, DATA_DIR)
    assert result.figures.empty
    assert f"None of the table's {len(others)} rows has one of these offence codes." in result.notes
    assert not any("part year" in note for note in result.notes)  # it would read as the reason for nothing
