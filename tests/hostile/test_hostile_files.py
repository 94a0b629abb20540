"""Hostile data files, built here at test time: huge numbers, foreign digits, huge cells, pipes and devices.
Each is refused with a plain message naming where, or read correctly; the loaded data never changes."""

import io
import os
import re
import string
import struct
import zipfile
import zlib
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.io import importers, workbooks
from desktop_app.io.counts import MAX_COUNT, parse_count
from desktop_app.io.dataset_files import load_dataset
from desktop_app.io.errors import QUOTED_CHARACTERS, DataFileError
from desktop_app.io.importers import ImportCancelled, detect_kind, read_home_office, read_long
from desktop_app.io.tables import MAX_FILE_BYTES, unchanged_while_read
from desktop_app.paths import DATA_DIR

README = Path(__file__).parents[2] / "README.md"
HOME_OFFICE_HEADER = (
    "Financial Year,Financial Quarter,Force Name,Offence Description,Offence Group,Offence Subgroup,"
    "Offence Code,Number of Offences\n"
)
SOURCE = "Test Publisher,Made-up,https://example.org/t,2026-01-01"


def _long_file(tmp_path, values: list[str]) -> Path:
    path = tmp_path / "figures.csv"
    rows = "".join(f'Kent,2016/17,offences,"{value}",{SOURCE}\n' for value in values)
    path.write_text(f"area,year,measure,value,publisher,title,url,published\n{rows}", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "text", ["9" * 401, "9" * 5001, "99999999999999999999", "1" + "0" * 9, "1,000,000,000", "-" + "9" * 401]
)
def test_huge_numbers_are_refused_as_too_large_not_crashed_on(text):
    assert "larger than any real count" in parse_count(text, allow_negative=True)


@pytest.mark.parametrize("text", ["１２", "٣", "१२", "1,2,3", "12,34", "1e3", "0x10", "inf", "NaN", "²"])
def test_only_ascii_digits_with_thousands_separators_are_counts(text):
    assert "not a whole number" in parse_count(text)


def test_the_largest_count_is_still_read():
    assert parse_count(f"{MAX_COUNT:,}") == MAX_COUNT == parse_count(str(MAX_COUNT))


def test_a_huge_value_in_an_import_is_a_problem_on_its_line_not_infinity(tmp_path, shipped):
    # 2,500: above Kent's 2016/17 online and age-band figures, which a whole may not be below
    result = read_long(_long_file(tmp_path, ["9" * 401, "1" + "0" * 5000, "１２", "2500"]), shipped)
    assert [(problem.row, problem.column) for problem in result.problems] == [(2, "value"), (3, "value"), (4, "value")]
    assert list(result.figures["value"]) == [2500.0]


def test_a_huge_value_in_a_data_folder_is_refused_with_its_line(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    for source in DATA_DIR.glob("*.csv"):
        (folder / source.name).write_bytes(source.read_bytes())
    figures = pd.read_csv(folder / "figures.csv", dtype=str, keep_default_na=False)
    row = figures.index[figures["value"].ne("")][0]
    for hostile in ("9" * 401, "٣"):
        figures.loc[row, "value"] = hostile
        figures.to_csv(folder / "figures.csv", index=False)
        with pytest.raises(DataFileError, match=rf"line {row + 2}, column 'value'") as refused:
            load_dataset(folder, "hostile")
        assert len(str(refused.value)) < 300


def test_home_office_quarters_of_nine_quintillion_are_refused_and_never_wrap(tmp_path, shipped):
    path = tmp_path / "prc.csv"
    quarters = "".join(
        f"2017/18,{quarter},Kent,Sexual grooming,Sexual offences,Other sexual offences,88A,{count}\n"
        for quarter, count in ((1, "9000000000000000000"), (2, "9000000000000000000"), (3, "12"), (4, "0"))
    )
    path.write_text(HOME_OFFICE_HEADER + quarters, encoding="utf-8")
    result = read_home_office(path, shipped, DATA_DIR)
    assert sum("larger than any real count" in problem.message for problem in result.problems) == 2
    # the 12 left is not Kent's year: the year is left out, saying why, rather than shown short
    assert result.figures.empty
    assert "Kent 2017/18 was left out: a count that could not be read would be missing from its sum." in result.notes


def test_a_huge_single_cell_is_quoted_only_in_part(tmp_path, shipped):
    result = read_long(_long_file(tmp_path, ["x" * 5_000_000]), shipped)
    message = str(result.problems[0])
    assert len(message) < 300 and "…" in message and "x" * (QUOTED_CHARACTERS + 1) not in message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_a_pipe_or_a_device_in_a_data_folder_is_refused_without_reading_it(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    for source in DATA_DIR.glob("*.csv"):
        (folder / source.name).write_bytes(source.read_bytes())
    (folder / "figures.csv").unlink()
    os.mkfifo(folder / "figures.csv")  # reading it would block forever
    with pytest.raises(DataFileError, match="figures.csv: this is not a regular file"):
        load_dataset(folder, "hostile")
    (folder / "figures.csv").unlink()
    (folder / "figures.csv").symlink_to("/dev/zero")  # reading it would never end
    with pytest.raises(DataFileError, match="not a regular file"):
        load_dataset(folder, "hostile")
    with pytest.raises(DataFileError, match="not a regular file"):
        detect_kind(folder / "figures.csv")


def test_the_size_limit_is_one_number_and_the_readme_states_it():
    stated = re.findall(r"files over ([\d,]+) ?(MB|GB)", README.read_text(encoding="utf-8"))
    assert stated == [(f"{MAX_FILE_BYTES // 2**20:,}", "MB")]


hostile_cells = st.one_of(
    st.text(alphabet=string.printable, max_size=12),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.integers(min_value=0, max_value=10**12).map(lambda number: f"{number:,}"),
    st.just("9" * 401),
    st.text(alphabet="０１２３４５６７８９٠١٢٣٤٥٦٧٨٩०१२३४५६७८९", min_size=1, max_size=6),
    st.sampled_from(["<b>Kent</b>", "<a href='file:///etc/passwd'>x</a>", "<img src='/etc/hosts'>", "=1+1"]),
    st.text(min_size=1000, max_size=3000),
    st.integers(min_value=100_000, max_value=300_000).map(lambda length: "x" * length),
    st.sampled_from(["Kent", "GMP", "2016/17", "offences", "online_flagged", "1,234", ""]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.lists(hostile_cells, min_size=4, max_size=4), min_size=1, max_size=6),
    extra_columns=st.integers(min_value=0, max_value=300),
)
def test_hostile_tables_are_read_correctly_or_refused_never_crash(shipped, tmp_path_factory, rows, extra_columns):
    """Huge numbers, foreign digits, rich text, long cells and many columns reach the readers."""
    path = tmp_path_factory.mktemp("hostile") / "hostile.csv"
    frame = pd.DataFrame(rows, columns=["area", "year", "measure", "value"])
    frame = frame.assign(publisher="P", title="T", url="https://example.org/t", published="2026-01-01")
    extra = pd.DataFrame("", index=frame.index, columns=[f"extra {number}" for number in range(extra_columns)])
    pd.concat([frame, extra], axis=1).to_csv(path, index=False)
    figures_before = shipped.figures.copy()
    try:
        result = read_long(path, shipped) if detect_kind(path) == "long" else None
    except DataFileError as error:
        assert 0 < len(str(error)) < 1000
        return
    finally:
        pd.testing.assert_frame_equal(shipped.figures, figures_before)
    if result is not None:
        values = result.figures["value"].dropna()
        assert values.between(0, MAX_COUNT).all()
        assert all(len(str(problem)) < 1000 for problem in result.problems)


def test_the_encoding_is_decided_on_the_whole_file_not_its_start(tmp_path, shipped):
    filler = f"Kent,2016/17,offences,120,{SOURCE}\n" * (4 * 2**20 // 60 + 100)
    path = tmp_path / "late-accent.csv"
    path.write_text(
        f"area,year,measure,value,publisher,title,url,published\n{filler}Tŷ Café,2016/17,offences,1,{SOURCE}\n",
        encoding="utf-8",
    )
    assert path.stat().st_size > 4 * 2**20
    result = read_long(path, shipped)
    assert any("'Tŷ Café' is not a known area" in problem.message for problem in result.problems)


@pytest.mark.parametrize("encoding, named", [("utf-16", "UTF-16"), ("utf-32", "UTF-32"), ("utf-16-le", "NUL bytes")])
def test_utf16_and_utf32_tables_are_refused_naming_the_encoding(tmp_path, encoding, named):
    path = tmp_path / "wide.csv"
    path.write_text("area,2016/17\nKent,120\n", encoding=encoding)
    with pytest.raises(DataFileError, match=named):
        detect_kind(path)


def _refusal_from_a_bounded_process(run_bounded, path: Path) -> str:
    """What detect_kind says of ``path`` in a process of its own, which must not hang, balloon or abort."""
    finished = run_bounded(
        f"""
        from desktop_app.io.errors import DataFileError
        from desktop_app.io.importers import detect_kind
        try:
            detect_kind({str(path)!r})
        except DataFileError as error:
            print(error)
        """
    )
    assert finished.returncode == 0, finished.stderr  # an abort would be 134 (or -6)
    return finished.stdout


@pytest.mark.parametrize(
    "build, message",
    [
        ("duplicate_years", "columns; at most"),
        ("repeated_column", "appears more than once"),
        ("one_huge_line", "header row cannot be read"),
        ("fifo", "not a regular file"),
        ("dev_zero", "not a regular file"),
    ],
)
def test_files_that_used_to_hang_are_refused_within_bounds(tmp_path, run_bounded, build, message):
    path = tmp_path / "hostile.csv"
    if build == "duplicate_years":
        path.write_text("area," + ",".join(["2016/17"] * 20_000) + "\nKent," + ",".join(["1"] * 20_000) + "\n")
    elif build == "repeated_column":
        path.write_text("area,2016/17,2017/18,2016/17\nKent,1,2,3\n")
    elif build == "one_huge_line":
        path.write_bytes(b"area," + b"x" * 50 * 2**20)
    elif build == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    refusal = _refusal_from_a_bounded_process(run_bounded, path)
    assert message in refusal and len(refusal) < 500


def test_a_long_import_reports_progress_and_stops_on_cancel(tmp_path, shipped):
    path = _long_file(tmp_path, ["120"] * 25_000)
    fractions = []

    def cancel_after_the_second_report(fraction: float) -> bool:
        fractions.append(fraction)
        return len(fractions) < 2

    with pytest.raises(ImportCancelled):
        read_long(path, shipped, cancel_after_the_second_report)
    assert fractions == [0.0, 10_000 / 25_000]


def _far_apart_cells_xlsx(path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.active["A1"] = "area"
    book.active["A2"] = "Kent"
    book.active["XFD1048576"] = "far away"
    book.save(path)


def _sheet_written_by_hand(path: Path, sheet_data: str) -> None:
    """A workbook made by openpyxl whose sheet's cells are then written as given, as other programs may."""
    import openpyxl

    openpyxl.Workbook().save(path)
    with zipfile.ZipFile(path) as made:
        parts = {name: made.read(name) for name in made.namelist()}
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    parts["xl/worksheets/sheet1.xml"] = f'<worksheet xmlns="{main}"><sheetData>{sheet_data}</sheetData></worksheet>'
    with zipfile.ZipFile(path, "w") as archive:
        for name, part in parts.items():
            archive.writestr(name, part)


def _far_row_of_a_cell_without_its_position_xlsx(path: Path) -> None:
    """The cell on the last row has no r of its own: the reader places it on its row's r."""
    _sheet_written_by_hand(
        path,
        '<row r="1"><c r="XFD1" t="inlineStr"><is><t>a</t></is></c></row>'
        '<row r="1048576"><c t="inlineStr"><is><t>b</t></is></c></row>',
    )


def _far_cell_after_a_row_written_without_attributes_xlsx(path: Path) -> None:
    """A cell without its position sends the check tag by tag, where <row> once swallowed the far cell after it."""
    _sheet_written_by_hand(
        path,
        '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>'
        '<row><c r="XFD1048576" t="inlineStr"><is><t>b</t></is></c><c t="inlineStr"><is><t>c</t></is></c></row>',
    )


def _far_cell_with_a_namespace_prefix_xlsx(path: Path) -> None:
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    _sheet_written_by_hand(
        path,
        f'<x:row xmlns:x="{main}" r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c>'
        '<x:c r="XFD1048576" t="inlineStr"><x:is><x:t>b</x:t></x:is></x:c></x:row>',
    )


def _far_cell_in_a_sheet_stored_under_another_name_xlsx(path: Path) -> None:
    """The workbook's relationships may put a sheet anywhere in the archive, under any name; the reader follows."""
    _far_apart_cells_xlsx(path)
    with zipfile.ZipFile(path) as made:
        parts = {name: made.read(name) for name in made.namelist()}
    parts["xl/elsewhere/data.bin"] = parts.pop("xl/worksheets/sheet1.xml")
    relationships = "xl/_rels/workbook.xml.rels"
    parts[relationships] = parts[relationships].replace(b"/xl/worksheets/sheet1.xml", b"elsewhere/data.bin")
    with zipfile.ZipFile(path, "w") as archive:
        for name, part in parts.items():
            archive.writestr(name, part)


def _ods_written_by_hand(path: Path, rows: str) -> None:
    """An OpenDocument workbook of one sheet holding these rows, as the reader accepts it."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:spreadsheet>'
        f'<table:table table:name="S">{rows}</table:table></office:spreadsheet></office:body></office:document-content>'
    )
    manifest = '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>'
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest)


_ODS_VALUE_CELL = '<table:table-cell office:value-type="float" office:value="1"/>'


def _repeated_cells_ods(path: Path) -> None:
    cell = '<table:table-cell table:number-columns-repeated="1000" office:value-type="float" office:value="1"/>'
    _ods_written_by_hand(path, f'<table:table-row table:number-rows-repeated="99000">{cell}</table:table-row>')


def _empty_cells_repeated_before_a_value_ods(path: Path) -> None:
    """1 KB that the reader lays out as 81 million cells (5 GB): empty rows and cells repeated, then a value."""
    _ods_written_by_hand(
        path,
        f"<table:table-row>{_ODS_VALUE_CELL}<table:table-cell table:number-columns-repeated='9000'/>"
        f"{_ODS_VALUE_CELL}</table:table-row>"
        '<table:table-row table:number-rows-repeated="9000"><table:covered-table-cell/></table:table-row>'
        f"<table:table-row>{_ODS_VALUE_CELL}</table:table-row>",
    )


def _zip_bomb_xlsx(path: Path) -> None:
    """About 2 MB on disk, 2 GiB of zeros unpacked. Deflating 2 GiB took longer than the rest of the file's
    tests, so one mebibyte is deflated and its piece of the stream repeated (a full flush ends each piece on a
    byte with nothing carried over, so the pieces join into one valid stream), and the zip written by hand."""
    zeros, repeats = bytes(2**20), 2048
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    stream = (deflate.compress(zeros) + deflate.flush(zlib.Z_FULL_FLUSH)) * repeats + deflate.flush()
    crc = 0
    for _ in range(repeats):
        crc = zlib.crc32(zeros, crc)
    name = b"xl/worksheets/sheet1.xml"
    # version 2.0, no flags, deflated, 1980-01-01 00:00, crc, packed and unpacked sizes, name length
    fields = struct.pack("<HHHHHIIIH", 20, 0, 8, 0, 0x21, crc, len(stream), repeats * len(zeros), len(name))
    local = b"PK\x03\x04" + fields + b"\x00\x00" + name
    central = b"PK\x01\x02" + struct.pack("<H", 20) + fields + struct.pack("<HHHHII", 0, 0, 0, 0, 0, 0) + name
    end = b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, 1, 1, len(central), len(local) + len(stream), 0)
    path.write_bytes(local + stream + central + end)


@pytest.mark.parametrize(
    "build, suffix, message",
    [
        (_far_apart_cells_xlsx, ".xlsx", "sheets over 30,000,000 cells"),
        (_far_row_of_a_cell_without_its_position_xlsx, ".xlsx", "sheets over 30,000,000 cells"),
        (_far_cell_with_a_namespace_prefix_xlsx, ".xlsx", "sheets over 30,000,000 cells"),
        (_far_cell_after_a_row_written_without_attributes_xlsx, ".xlsx", "sheets over 30,000,000 cells"),
        (_far_cell_in_a_sheet_stored_under_another_name_xlsx, ".xlsx", "sheets over 30,000,000 cells"),
        (_repeated_cells_ods, ".ods", "sheets over 30,000,000 cells"),
        (_empty_cells_repeated_before_a_value_ods, ".ods", "sheets over 30,000,000 cells"),
        (_zip_bomb_xlsx, ".xlsx", "MB unpacked are not read"),
    ],
)
def test_workbooks_that_would_overwhelm_the_reader_are_refused_and_nothing_aborts(
    tmp_path, run_bounded, build, suffix, message
):
    path = tmp_path / f"hostile{suffix}"
    build(path)
    assert path.stat().st_size < 3 * 2**20
    assert message in _refusal_from_a_bounded_process(run_bounded, path)


def test_a_workbook_listing_more_shared_texts_than_the_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(workbooks, "MAX_CELLS", 1_000)
    path = tmp_path / "texts.xlsx"
    _sheet_written_by_hand(path, '<row r="1"><c r="A1" t="s"><v>0</v></c></row>')
    with zipfile.ZipFile(path, "a") as archive:
        texts = "<si><t/></si>" * 600 + "<x:si><x:t/></x:si>" * 401
        archive.writestr("xl/sharedStrings.xml", f"<sst>{texts}</sst>")
    with pytest.raises(DataFileError, match="1,001 shared texts"):
        workbooks.check_workbook(path)


_WRITTEN_AS_PROGRAMS_DO = st.builds(
    '<c r="{}{}"{}'.format,
    st.from_regex(r"\A[A-Z]{1,3}\Z"),
    st.integers(1, 9_999_999),
    st.sampled_from(["/>", ">", ' t="s">', "\n/>"]),
)
_CELL_POSITIONS = st.from_regex(r"\A[A-Z]{1,4}[0-9]{1,8}\Z|\A[a-z]?[0-9]{0,3}\Z", fullmatch=True)
_CELL_TAGS = st.one_of(
    _WRITTEN_AS_PROGRAMS_DO,
    st.builds('<c r="{}"{}'.format, _CELL_POSITIONS, st.sampled_from(["/>", ">", 's="1">'])),
    st.sampled_from(["<c>", "<c/>", '<c s="2" r="B3">', '<c\tr="C4"/>', "<col/>", "<cols>", '<x:c r="D5"/>']),
    st.sampled_from(['<row r="9">', "<row>", "</row>", "<v>12</v>", "</c>"]),
)


@settings(max_examples=120, deadline=None)
@given(tags=st.lists(_WRITTEN_AS_PROGRAMS_DO, max_size=30) | st.lists(_CELL_TAGS, max_size=30))
def test_a_sheet_is_sized_up_alike_whichever_way_it_is_read(tags):
    """The quick reading (all of a piece's cells at once) answers only where it can, and then as the careful one."""
    sheet = "".join(tags).encode()
    quick = workbooks._xlsx_plain_cells(io.BytesIO(sheet))
    if quick is not None:
        assert quick == workbooks._xlsx_any_cells(io.BytesIO(sheet))


def test_the_quick_reading_sizes_up_cells_written_as_spreadsheet_programs_write_them():
    sheet = b'<row r="2"><c r="B2" t="s"><v>1</v></c><c r="XFD1048576"/></row><row r="3"><c r="AA3">'
    assert workbooks._xlsx_plain_cells(io.BytesIO(sheet)) == (1_048_575 * 16_383, 0)


@pytest.mark.parametrize("cell", ['<c r="A1"/>', '<c r="a1"/>'])
def test_one_position_written_over_and_over_counts_every_time(tmp_path, monkeypatch, cell):
    """The reader holds each cell it reads, so a tiny grid written many times is as large as the cells written."""
    monkeypatch.setattr(workbooks, "MAX_CELLS", 1_000)
    path = tmp_path / "same-cell.xlsx"
    _sheet_written_by_hand(path, '<row r="1">' + cell * 1_001 + "</row>")
    with pytest.raises(DataFileError, match="1,001 cells"):
        workbooks.check_workbook(path)


def test_a_file_cut_short_while_it_is_read_is_refused_not_half_imported(tmp_path, shipped, monkeypatch):
    path = tmp_path / "prc.csv"
    rows = "2017/18,1,Kent,Sexual grooming,Sexual offences,Other sexual offences,88A,10\n" * 20
    path.write_text(HOME_OFFICE_HEADER + rows, encoding="utf-8")
    monkeypatch.setattr(importers, "CHUNK_ROWS", 5)

    def cut_short_after_the_first_chunk(fraction: float) -> bool:
        os.truncate(path, path.stat().st_size // 2)  # as a copy still under way would look
        return True

    with pytest.raises(DataFileError, match="changed while it was being read"):
        with unchanged_while_read(path):
            read_home_office(path, shipped, DATA_DIR, cut_short_after_the_first_chunk)
