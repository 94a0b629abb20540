"""The layers (the window above fact sheets above files above the model) and the Qt-free core are import-linter
contracts in pyproject.toml; running them here makes `python -m pytest` fail when one is broken."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]


def test_the_import_contracts_in_pyproject_hold():
    # In its own process: lint-imports configures logging, which would switch off the app's error log here.
    result = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache", "--no-logo"],
        cwd=ROOT,  # lint-imports reads pyproject.toml here and analyses this checkout's desktop_app
        capture_output=True,
        text=True,
    )
    assert "Contracts: 2 kept, 0 broken." in result.stdout, result.stdout + result.stderr
    assert result.returncode == 0
