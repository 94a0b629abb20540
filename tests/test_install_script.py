"""scripts/install.sh waits for another program's apt lock instead of failing (tried with a stand-in apt-get)."""

import os
import subprocess
from pathlib import Path

import pytest

INSTALL_SCRIPT = Path(__file__).parents[1] / "scripts" / "install.sh"
LOCKED = "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4242 (unattended-upgr)"


def _run_apt_step(tmp_path: Path, failures: list[str]) -> subprocess.CompletedProcess:
    """Runs the script's apt function with an apt-get that prints each of ``failures`` in turn, then succeeds."""
    (tmp_path / "failures").write_text("".join(f"{failure}\n" for failure in failures))
    fake = tmp_path / "apt-get"
    fake.write_text(
        "#!/usr/bin/env bash\n"
        'echo "$*" >> "$FAKE_DIR/calls"\n'
        'failure=$(head -n 1 "$FAKE_DIR/failures")\n'
        'sed -i 1d "$FAKE_DIR/failures"\n'
        'if [ -n "$failure" ]; then echo "$failure" >&2; exit 100; fi\n'
    )
    fake.chmod(0o755)
    function = subprocess.run(
        ["sed", "-n", "/^apt_get_waiting_for_lock() {/,/^}/p", str(INSTALL_SCRIPT)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert function, "install.sh has no apt_get_waiting_for_lock function"
    script = f'sudo=""; apt_lock_attempts=3; apt_lock_pause=0\n{function}\napt_get_waiting_for_lock update -qq\n'
    environment = {**os.environ, "PATH": f"{tmp_path}:{os.environ['PATH']}", "FAKE_DIR": str(tmp_path)}
    return subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=environment)


def test_a_held_apt_lock_is_waited_for_and_retried(tmp_path):
    finished = _run_apt_step(tmp_path, [LOCKED, LOCKED])
    assert finished.returncode == 0
    calls = (tmp_path / "calls").read_text().splitlines()
    assert len(calls) == 3 and all("DPkg::Lock::Timeout=300" in call for call in calls)
    assert "Another program is installing software" in finished.stderr


@pytest.mark.parametrize(
    ("failures", "says"),
    [([LOCKED] * 3, "still locked by another program"), (["E: Unable to locate package libxcb-cursor0"], "locate")],
)
def test_a_lock_held_too_long_or_any_other_failure_stops_the_install(tmp_path, failures, says):
    finished = _run_apt_step(tmp_path, failures)
    assert finished.returncode != 0
    assert says in finished.stderr
    assert len((tmp_path / "calls").read_text().splitlines()) == len(failures)
