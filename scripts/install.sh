#!/usr/bin/env bash
# Installs Fact Sheets on Debian 12 / Ubuntu 22.04 or later: the system libraries Qt needs,
# then the app into .venv beside this checkout. With --test, also what the tests need.
set -euo pipefail
cd "$(dirname "$0")/.."

extras=""
test_packages=()
if [ "${1:-}" = "--test" ]; then
    extras="[test]"
    # pdftoppm: the printing test checks the printed page has ink; strace: the no-network test watches system calls;
    # xvfb and xauth: the keyboard tests that need X11's key bindings run in a real window under Xvfb
    test_packages=(poppler-utils strace xvfb xauth)
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi

# Qt offscreen and on a real X display, fonts (without them Qt draws boxes and PDFs have no text),
# and Python's venv. The list comes from shared notes on running Qt on Debian.
qt_packages=(
    libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libglib2.0-0 libxkbcommon0 fonts-dejavu-core
    libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
    libxcb-render-util0 libxcb-render0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-util1
    libxcb-xfixes0 libxcb-xkb1 libxkbcommon-x11-0 libxcb-glx0
)
# Another program (the desktop's software updater, unattended-upgrades) may be installing software: apt waits
# up to five minutes for its lock, and if it is still held we say so and try again rather than fail.
apt_lock_attempts=${APT_LOCK_ATTEMPTS:-5}
apt_lock_pause=${APT_LOCK_PAUSE:-30}
apt_get_waiting_for_lock() {
    local attempt errors status
    errors=$(mktemp)
    for attempt in $(seq 1 "$apt_lock_attempts"); do
        status=0
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 "$@" 2>"$errors" || status=$?
        cat "$errors" >&2
        if [ "$status" -eq 0 ] || ! grep -qiE "could not get lock|unable to (acquire|lock)" "$errors"; then
            rm -f "$errors"
            return "$status"
        fi
        if [ "$attempt" -lt "$apt_lock_attempts" ]; then
            echo "Another program is installing software (apt or dpkg holds its lock);" \
                "waiting ${apt_lock_pause} s and trying again (attempt $((attempt + 1)) of ${apt_lock_attempts})..." >&2
            sleep "$apt_lock_pause"
        fi
    done
    rm -f "$errors"
    echo "apt is still locked by another program; let it finish, then run this script again." >&2
    return 1
}
apt_get_waiting_for_lock update -qq
apt_get_waiting_for_lock install -y -qq --no-install-recommends \
    "${qt_packages[@]}" "${test_packages[@]}" python3 python3-venv python3-pip >/dev/null

python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet ".${extras}"
if [ -n "$extras" ]; then
    # The tests import this checkout, in dozens of fresh processes: compiled once here, not in each of them
    # (pip compiles the installed copy the same way).
    .venv/bin/python -m compileall -q desktop_app >/dev/null
fi
echo "Fact Sheets is installed in $(pwd)/.venv"
