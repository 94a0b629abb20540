"""Loading the app's own data folder: the shipped data is valid, and bad files say what and where."""

import shutil

import pytest

from desktop_app import paths
from desktop_app.io.dataset_files import load_dataset
from desktop_app.io.errors import DataFileError


def test_every_shipped_file_the_paths_module_names_exists():
    for path in (paths.DATA_DIR, paths.RESOURCES_DIR, paths.APP_ICON, paths.STYLESHEET):
        assert path.exists(), path
    for name in (
        "areas.csv",
        "figures.csv",
        "sources.csv",
        "child_population.csv",
        "support_contacts.csv",
        "area_aliases.csv",
        "practice_notes.csv",
        "home_office_child_offence_codes.csv",
    ):
        assert (paths.DATA_DIR / name).is_file(), name


def test_shipped_data_covers_every_uk_force_and_nation(shipped):
    kinds = shipped.areas["area_type"].value_counts()
    assert kinds["police_force"] == 43 and kinds["nation"] == 4
    # Scotland and Northern Ireland are each one area, both nation and force: 45 UK police force areas in all
    assert len(shipped.force_areas) == 45 and {"Scotland", "Northern Ireland"} <= set(shipped.force_areas)
    assert shipped.resolve_area("Police Scotland") == "Scotland" and shipped.resolve_area("PSNI") == "Northern Ireland"
    assert "United Kingdom" in shipped.area_names


def test_every_shipped_figure_has_a_source_with_a_web_address_and_date(shipped):
    sources = shipped.sources.set_index("source")
    assert shipped.figures["source"].isin(sources.index).all()
    assert shipped.figures["published"].notna().all()
    assert sources["url"].str.startswith("http").all()


@pytest.fixture
def data_copy(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, folder)
    return folder


def _rewrite(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path, text):
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


@pytest.mark.parametrize(
    "old, new, column, message",
    [
        (
            "Greater Manchester,2016/17,offences,3041",
            "Greater Manchester,2016/17,offences,-3041",
            "value",
            "whole number",
        ),
        (
            "Greater Manchester,2016/17,offences,3041",
            "Greater Manchester,2016-17,offences,3041",
            "year",
            "financial year",
        ),
        (
            "Greater Manchester,2016/17,offences,3041",
            "Greater Manchster,2016/17,offences,3041",
            "area",
            "not a known area",
        ),
        (
            "Greater Manchester,2016/17,offences,3041",
            "Greater Manchester,2016/17,offences,lots",
            "value",
            "whole number",
        ),
        (
            "Greater Manchester,2016/17,offences,3041,,bolton-news-1",
            "Greater Manchester,2016/17,offences,3041,,",
            "source",
            "(empty)",
        ),
        (
            "Greater Manchester,2016/17,offences,3041,,bolton-news-1",
            "Greater Manchester,2016/17,offences,,,bolton-news-1",
            "value",
            "must say why",
        ),
        (
            "Greater Manchester,2016/17,offences,3041,,bolton-news-1",
            "Greater Manchester,2016/17,offences,3041,,nobody-1",
            "source",
            "not a known source",
        ),
    ],
)
def test_a_bad_figure_names_the_file_line_and_column(data_copy, old, new, column, message):
    figures = data_copy / "figures.csv"
    _rewrite(figures, old, new)
    with pytest.raises(DataFileError) as raised:
        load_dataset(data_copy, "test")
    error = raised.value
    assert (error.path.name, error.column) == ("figures.csv", column)
    assert error.row == _line_of(figures, new)
    assert message in str(error)
    assert str(error).startswith(f"figures.csv, line {error.row}, column '{column}'")


def test_figures_that_all_lack_a_value_are_refused(data_copy):
    (data_copy / "figures.csv").write_text(
        "area,year,measure,value,status,source,note\nCheshire,2018/19,offences,,not_supplied,lincolnite-1,\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError, match="figures.csv, line 2, column 'value': no row has a value"):
        load_dataset(data_copy, "test")


def test_a_missing_column_is_named(data_copy):
    _rewrite(data_copy / "sources.csv", "source,publisher,title,url,published", "source,publisher,title,link,published")
    with pytest.raises(
        DataFileError, match=r"sources.csv, line 1: missing column: url \(the header has 'link' instead\)"
    ):
        load_dataset(data_copy, "test")


def test_a_repeated_figure_from_one_source_is_refused(data_copy):
    figures = data_copy / "figures.csv"
    line = next(
        line for line in figures.read_text(encoding="utf-8").splitlines() if line.startswith("Kent,2016/17,offences")
    )
    figures.write_text(figures.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="appears twice"):
        load_dataset(data_copy, "test")


def test_a_missing_file_is_named(data_copy):
    (data_copy / "child_population.csv").unlink()
    with pytest.raises(DataFileError, match="child_population.csv: the file is missing"):
        load_dataset(data_copy, "test")


def test_a_file_with_a_byte_order_mark_still_loads(data_copy):
    areas = data_copy / "areas.csv"
    areas.write_bytes(b"\xef\xbb\xbf" + areas.read_bytes())
    assert "Kent" in load_dataset(data_copy, "test").area_names


def test_a_huge_file_is_refused_before_it_is_read(data_copy):
    with open(data_copy / "figures.csv", "r+b") as figures:
        figures.truncate(1024 * 2**20)  # a sparse 1 GB file: no disk space used
    with pytest.raises(DataFileError, match=r"figures.csv: the file is 1,024 MB; files over 256 MB are not read"):
        load_dataset(data_copy, "test")


def test_a_file_that_is_not_a_table_is_refused_clearly(data_copy):
    (data_copy / "areas.csv").write_bytes(bytes(range(256)) * 40)
    with pytest.raises(DataFileError, match="areas.csv"):
        load_dataset(data_copy, "test")


@pytest.mark.parametrize(
    "content, problem",
    [
        (
            "area,year,measure,value,status,source,note\n",
            ": the file holds its header row (line 1) and no rows under it",
        ),
        ("\n\n", ", line 1: the file is blank: there is no header row"),
    ],
)
@pytest.mark.parametrize("name", ["figures.csv", "areas.csv", "sources.csv", "child_population.csv"])
def test_a_file_with_no_rows_is_refused_with_its_line_and_reason(data_copy, name, content, problem):
    path = data_copy / name
    header = path.read_text(encoding="utf-8").splitlines()[0] + "\n"
    path.write_text(header if content.startswith("area,year") else content, encoding="utf-8")
    with pytest.raises(DataFileError) as raised:
        load_dataset(data_copy, "test")
    assert str(raised.value) == f"{name}{problem}"
