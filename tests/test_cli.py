import os
import re
import shlex
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from desktop_app.cli import EXIT_DATA_ERROR, EXIT_USAGE, main, parse_arguments

from pdf_text import page_texts


def test_summary_prints_the_plain_english_summary(capsys):
    assert main(["summary", "--region", "Greater Manchester", "--year", "2016/17"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        "By the Home Office's official figures, police in Greater Manchester recorded 2,846 offences in 2016/17"
    )
    assert "police in Greater Manchester recorded 3,041 sexual offences against children" in out


def test_summary_accepts_an_alias_and_any_case(capsys):
    assert main(["summary", "--region", "gmp", "--year", "2015/16"]) == 0
    assert "3,210" in capsys.readouterr().out


def test_an_unknown_region_names_the_closest_match(capsys):
    assert main(["summary", "--region", "Greater Manchster", "--year", "2016/17"]) == EXIT_USAGE
    assert "Did you mean 'Greater Manchester'?" in capsys.readouterr().err


def test_a_summary_without_a_year_is_of_the_areas_latest_year_and_a_misspelt_area_is_named(capsys, shipped):
    assert main(["summary", "--region", "Kentt"]) == EXIT_USAGE
    assert "Did you mean 'Kent'?" in capsys.readouterr().err
    assert main(["summary", "--region", "Kent"]) == 0
    latest = shipped.latest_offences_year_of["Kent"]
    assert latest >= "2022/23" and f"in {latest}" in capsys.readouterr().out


def test_an_unknown_year_names_the_closest_match(capsys):
    assert main(["summary", "--region", "Kent", "--year", "2016/18"]) == EXIT_USAGE
    assert "No year called '2016/18'" in capsys.readouterr().err


def test_info_ends_with_the_coverage_line(capsys, shipped):
    assert main(["info"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    match = re.fullmatch(r"areas with figures: (\d+), years: (\S+)-(\S+), figures: (\d+), sources: (\d+)", last)
    assert match, last
    assert int(match.group(1)) == len(shipped.areas_with_figures)
    assert (match.group(2), match.group(3)) == (shipped.years[0], shipped.years[-1])
    assert int(match.group(4)) == shipped.figures["value"].notna().sum()


def test_a_broken_data_folder_is_a_clear_error(tmp_path, capsys):
    assert main(["--data", str(tmp_path), "info"]) == EXIT_DATA_ERROR
    assert f"areas.csv: the file is missing from the data folder {tmp_path}" in capsys.readouterr().err


def test_python_dash_m_runs_the_same_command_line():
    result = subprocess.run([sys.executable, "-m", "desktop_app", "info"], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1].startswith("areas with figures:")


def test_a_data_folder_whose_figures_have_only_a_header_is_refused(tmp_path, capsys):
    import shutil

    from desktop_app import paths

    folder = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, folder)
    (folder / "figures.csv").write_text("area,year,measure,value,status,source,note\n", encoding="utf-8")
    assert main(["--data", str(folder), "info"]) == EXIT_DATA_ERROR
    assert "figures.csv: the file holds its header row (line 1) and no rows under it" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["info"], ["summary", "--region", "Kent"]])
def test_a_table_with_no_figures_to_import_is_refused_not_named_as_a_release(tmp_path, capsys, command):
    table = tmp_path / "no-child-codes.csv"
    table.write_text(
        "Financial Year,Financial Quarter,Force Name,Offence Code,Number of Offences\n"
        + "".join(f"2017/18,{quarter},Kent,20A,5\n" for quarter in (1, 2, 3, 4)),
        encoding="utf-8",
    )
    assert main(["--data", str(table), *command]) == EXIT_DATA_ERROR
    captured = capsys.readouterr()
    assert "None of the table's 4 rows has one of these offence codes." in captured.err
    assert "no-child-codes.csv: no usable figures (see above); nothing was imported" in captured.err
    assert "(imported)" not in captured.out


@pytest.mark.parametrize("command", [["info"], []])  # [] opens the window
def test_a_missing_data_file_is_a_data_error_said_before_any_window_opens(tmp_path, capsys, monkeypatch, command):
    from desktop_app.ui import app

    monkeypatch.setattr(app, "run_app", lambda *arguments: pytest.fail("a window opened"))
    missing = tmp_path / "missing.csv"
    assert main(["--data", str(missing), *command]) == EXIT_DATA_ERROR
    err = capsys.readouterr().err
    assert f"cannot load the data: missing.csv: there is no file or folder at {missing}" in err
    assert "could not save" not in err


def test_output_cut_short_by_its_reader_ends_quietly():
    """As in `factsheets info | head`: the pipe is closed before anything is written."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "desktop_app", "info"], stdout=writer, stderr=subprocess.PIPE, text=True
        )
    finally:
        os.close(writer)
    assert (result.returncode, result.stderr) == (0, "")


@pytest.mark.parametrize(
    "arguments",
    [["sumary"], ["summary", "--year", "2016/17"], ["export", "--region", "Kent", "--combined", "-o", "k.pdf"]],
)
def test_a_mistyped_command_exits_2_saying_what_is_wrong(arguments, capsys):
    with pytest.raises(SystemExit) as raised:
        main(arguments)
    assert raised.value.code == EXIT_USAGE
    assert "factsheets" in capsys.readouterr().err


@pytest.mark.parametrize("written", ["2016/17", "2016-17", "2016/2017", "2016-2017"])
def test_a_year_is_understood_however_it_is_written(written, capsys):
    assert main(["summary", "--region", "Kent", "--year", written]) == 0
    assert "in 2016/17" in capsys.readouterr().out


def test_info_lists_every_year_even_one_with_no_figures(capsys, shipped):
    assert main(["info"]) == 0
    listed = re.findall(r"^  (\d{4}/\d{2}):", capsys.readouterr().out, flags=re.MULTILINE)
    starts = [int(year[:4]) for year in listed]
    assert starts == list(range(starts[0], starts[-1] + 1))
    assert (listed[0], listed[-1]) == (shipped.years[0], shipped.years[-1])


def test_with_no_display_the_window_command_says_how_to_run_headless():
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    finished = subprocess.run(
        [sys.executable, "-m", "desktop_app"], capture_output=True, text=True, env=environment, timeout=120
    )
    assert finished.returncode == 1
    assert "no display" in finished.stderr and "xvfb-run factsheets" in finished.stderr
    assert "xcb" not in finished.stderr


def test_every_command_line_the_readme_shows_is_accepted():
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"^(factsheets .+)$", readme, flags=re.MULTILINE)
    assert len(commands) >= 8
    for command in commands:
        words = shlex.split(command, comments=True)[1:]
        assert parse_arguments(words).command in ("summary", "info", "export"), command


def test_export_compare_writes_one_page_comparing_the_areas_named(tmp_path, capsys, qapp):
    target = tmp_path / "compare.pdf"
    arguments = ["export", "--compare", "City of London", "--compare", "dyfed-powys", "--compare", "Kent"]
    assert main([*arguments, "--year", "2022/23", "-o", str(target)]) == 0
    (page,) = page_texts(target)
    text = " ".join(page.split())
    for expected in ("City of London", "Dyfed-Powys", "Kent", "43 of 43", "41 of 43", "6 of 43", "Byar"):
        assert expected in text
    assert "21 of 21" in text  # Dyfed-Powys's NSPCC rank: each series is ranked
    text = unicodedata.normalize("NFKC", text)
    # the rates divide by population estimates, so their source is listed with the counts'
    assert "Source: Office for National Statistics, Population estimates" in text
    assert "The sources of the figures are listed above." in text
    assert "Saved the comparison of City of London, Dyfed-Powys, Kent in 2022/23" in capsys.readouterr().out


def test_export_compare_refuses_more_areas_than_a_page_holds_and_writes_nothing(tmp_path, capsys, qapp):
    target = tmp_path / "compare.pdf"
    forces = ["Kent", "Surrey", "Sussex", "Essex", "Norfolk", "Suffolk", "Dorset", "Gwent", "Durham", "Cumbria"]
    arguments = [part for force in [*forces, "Cleveland", "Lancashire", "Merseyside"] for part in ("--compare", force)]
    assert main(["export", *arguments, "-o", str(target)]) == EXIT_USAGE
    assert "at most 12 areas; 13 were chosen" in capsys.readouterr().err
    assert not target.exists()


@pytest.mark.parametrize(
    "command, allowed",
    [
        (["summary", "--region", "Kent", "--year", "2016/17"], set()),
        (["info"], set()),
        (["export", "--region", "Kent", "-o", "{folder}/kent.pdf"], {"PySide6.QtGui"}),
    ],
    ids=["summary", "info", "export"],
)
def test_commands_load_no_window_toolkit_and_no_chart_library(tmp_path, command, allowed):
    """The command line starts quickly: no Qt widgets and no pyqtgraph; export needs only Qt's painting."""
    script = (
        "import sys\nfrom desktop_app.cli import main\nassert main(sys.argv[1:]) == 0\n"
        "loaded = {'PySide6.QtWidgets', 'PySide6.QtGui', 'pyqtgraph'} & set(sys.modules)\n"
        "print(' '.join(sorted(loaded)), file=sys.stderr)\n"
    )
    arguments = [part.replace("{folder}", str(tmp_path)) for part in command]
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", script, *arguments], capture_output=True, text=True, check=True, env=environment
    )
    assert set(done.stderr.split()) == allowed
