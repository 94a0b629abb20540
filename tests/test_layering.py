"""The layers (the window above fact sheets above files above the model) and the Qt-free core are import-linter
contracts in pyproject.toml; running them here makes `python -m pytest` fail when one is broken."""

from pathlib import Path

from importlinter.cli import EXIT_STATUS_SUCCESS, lint_imports

PYPROJECT = Path(__file__).parents[1] / "pyproject.toml"


def test_the_import_contracts_in_pyproject_hold(capsys):
    status = lint_imports(config_filename=str(PYPROJECT), no_cache=True, no_logo=True)
    report = capsys.readouterr().out
    assert "2 kept, 0 broken" in report, report
    assert status == EXIT_STATUS_SUCCESS
