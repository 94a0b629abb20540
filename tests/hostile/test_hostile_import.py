"""Imports that go wrong in the worker thread: every answer reaches the window's thread, one import runs at
a time, and closing the window cancels a running import instead of waiting for it."""

import gc
import os
import threading
from pathlib import Path

import pytest

from desktop_app.io import importers
from desktop_app.io.importers import ImportCancelled
from desktop_app.ui import import_actions

FIXTURES = Path(__file__).parents[1] / "fixtures"
GUARD_SECONDS = 30  # only against a hang: every wait below ends long before


@pytest.fixture
def reported(monkeypatch):
    """Unexpected errors reported to the user, with the thread each was reported on."""
    errors = []
    monkeypatch.setattr(
        import_actions,
        "report_unexpected_error",
        lambda kind, error, _trace: errors.append((kind, threading.current_thread() is threading.main_thread())),
    )
    return errors


@pytest.mark.qt_no_exception_capture
def test_an_unexpected_error_in_the_reader_is_reported_on_the_window_thread(window, qtbot, monkeypatch, reported):
    def broken_reader(path, base, report):
        raise ZeroDivisionError("a bug in a reader")

    monkeypatch.setattr(importers, "read_long", broken_reader)
    before = window.data
    window.import_actions.import_file(FIXTURES / "long_good.csv")
    qtbot.waitUntil(lambda: bool(reported), timeout=GUARD_SECONDS * 1000)
    assert reported == [(ZeroDivisionError, True)]
    assert window.data is before and window.isVisible()
    window.import_actions.import_file(FIXTURES / "long_good.csv")  # the next import is not blocked
    qtbot.waitUntil(lambda: len(reported) == 2, timeout=GUARD_SECONDS * 1000)


def test_one_import_runs_at_a_time(window, qtbot, monkeypatch):
    release = threading.Event()
    calls = []

    def slow_reader(path, base, report):
        calls.append(path)
        release.wait(GUARD_SECONDS)
        raise ImportCancelled

    monkeypatch.setattr(importers, "read_long", slow_reader)
    window.import_actions.import_file(FIXTURES / "long_good.csv")
    window.import_actions.import_file(FIXTURES / "long_good.csv")
    assert "already running" in window.statusBar().currentMessage()
    release.set()
    window.import_actions.wait()
    qtbot.waitUntil(lambda: "cancelled" in window.statusBar().currentMessage(), timeout=GUARD_SECONDS * 1000)
    assert len(calls) == 1


def test_closing_the_window_cancels_a_running_import(window, qtbot, monkeypatch):
    reading, saw_cancel = threading.Event(), []

    def reader_until_cancelled(path, base, codes_folder, report):
        reading.set()
        window.import_actions._worker.cancelled.wait(GUARD_SECONDS)
        saw_cancel.append(not report(0.5))
        raise ImportCancelled

    monkeypatch.setattr(importers, "read_home_office", reader_until_cancelled)
    window.import_actions.import_file(FIXTURES / "home_office_small.csv")
    qtbot.waitUntil(reading.is_set, timeout=GUARD_SECONDS * 1000)
    window.close()
    assert saw_cancel == [True]


def test_no_file_is_parsed_on_the_window_thread(window, qtbot, monkeypatch):
    threads = []

    def recording(real):
        def call(*arguments):
            threads.append(threading.current_thread() is threading.main_thread())
            return real(*arguments)

        return call

    monkeypatch.setattr(importers, "detect_kind", recording(importers.detect_kind))
    monkeypatch.setattr(importers, "read_home_office", recording(importers.read_home_office))
    monkeypatch.setattr(import_actions, "inform", lambda *arguments: None)
    with qtbot.waitSignal(window.import_actions.imported, timeout=GUARD_SECONDS * 1000):
        window.import_actions.import_file(FIXTURES / "home_office_small.csv")
    assert threads == [False, False], "True marks a file parsed on the window's thread"


def test_a_file_cut_short_during_an_import_is_refused_and_nothing_changes(window, qtbot, monkeypatch, tmp_path):
    path = tmp_path / "prc.csv"
    path.write_bytes((FIXTURES / "home_office_small.csv").read_bytes())
    real_reader = importers.read_home_office
    refusals = []

    def cut_short_then_read(path, *arguments):
        os.truncate(path, path.stat().st_size // 2)  # as a copy still under way would look
        return real_reader(path, *arguments)

    monkeypatch.setattr(importers, "read_home_office", cut_short_then_read)
    monkeypatch.setattr(import_actions, "warn", lambda parent, title, text: refusals.append(text))
    before = window.data
    window.import_actions.import_file(path)
    qtbot.waitUntil(lambda: not window.import_actions.busy, timeout=GUARD_SECONDS * 1000)
    assert "changed while it was being read" in refusals[0]
    assert window.data is before and len(window.releases) == 1


def test_garbage_is_never_collected_on_the_worker_thread(window, qtbot, monkeypatch):
    """A Qt object collected there would be destroyed on the wrong thread (warnings, then crashes)."""
    collection_on = []

    def reader(path, base, report):
        collection_on.append(gc.isenabled())
        raise ImportCancelled

    monkeypatch.setattr(importers, "read_long", reader)
    window.import_actions.import_file(FIXTURES / "long_good.csv")
    qtbot.waitUntil(lambda: not window.import_actions.busy, timeout=GUARD_SECONDS * 1000)
    assert collection_on == [False] and gc.isenabled()
