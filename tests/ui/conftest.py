"""Fixtures for the widget tests: real operations (a writer thread and a reader pool) over the
test's own database, settings in the test's folder, and a guard that fails a test leaving one of
IMS Desk's threads running (cf. napari's ``_dangling_qthreads``)."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import pytest

from imsdesk.ui.context import AppContext
from imsdesk.ui.ops import Operations
from imsdesk.ui.settings import Settings


def imsdesk_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith("imsdesk-") and t.is_alive()]


@pytest.fixture(autouse=True)
def no_dangling_threads():
    yield
    assert imsdesk_threads() == [], "a test left IMS Desk's worker threads running"


@pytest.fixture(autouse=True)
def collect_on_the_gui_thread():
    """As the app does (ui/collector.py): no automatic collection, which could free Qt objects
    on a worker thread; collect on this thread after the test."""
    gc.disable()
    yield
    gc.collect()
    gc.enable()


@pytest.fixture
def ops(qapp):
    operations = Operations()  # no error handler: a failure nobody handles fails the test
    yield operations
    operations.shutdown()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(tmp_path / "settings" / "imsdesk.ini")


@pytest.fixture
def ctx(ops, settings, db, catalog) -> AppContext:
    return AppContext(ops, settings, db, catalog)


@pytest.fixture
def main_window(qtbot, ops, settings, db, catalog):
    """The main window, opened on the test database and filled."""
    from imsdesk.ui.main_window import MainWindow

    window = MainWindow(AppContext(ops, settings))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.ready, timeout=10000):
        window.start(lambda: (db, catalog))
    return window
