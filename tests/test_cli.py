import os
import re
import subprocess
import sys

import pytest

from desktop_app.cli import EXIT_DATA_ERROR, EXIT_USAGE, main


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
    assert "areas.csv: the file is missing" in capsys.readouterr().err


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
    assert "figures.csv, line 2: the file has a header row but nothing under it" in capsys.readouterr().err


def test_a_missing_data_file_is_a_data_error_not_a_save_error(tmp_path, capsys):
    assert main(["--data", str(tmp_path / "missing.csv"), "info"]) == EXIT_DATA_ERROR
    err = capsys.readouterr().err
    assert "cannot load the data: missing.csv: the file is missing" in err
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
    [["sumary"], ["summary", "--region", "Kent"], ["export", "--region", "Kent", "--combined", "-o", "k.pdf"]],
)
def test_a_mistyped_command_exits_2_saying_what_is_wrong(arguments, capsys):
    with pytest.raises(SystemExit) as raised:
        main(arguments)
    assert raised.value.code == EXIT_USAGE
    assert "factsheets" in capsys.readouterr().err


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
