import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

WORKTREE = Path(__file__).parents[2]


@pytest.fixture
def run_bounded():
    """Runs Python code in a fresh process held to a memory limit, with a timeout as a guard against hangs
    (never as a measure of speed): a reader that hangs, balloons or aborts cannot take the tests down."""

    def run(code: str, megabytes: int = 3072, seconds: int = 120) -> subprocess.CompletedProcess:
        limited = (
            "import resource\n"
            f"resource.setrlimit(resource.RLIMIT_AS, ({megabytes} * 2**20, {megabytes} * 2**20))\n"
            + textwrap.dedent(code)
        )
        return subprocess.run(
            [sys.executable, "-c", limited], cwd=WORKTREE, capture_output=True, text=True, timeout=seconds
        )

    return run
