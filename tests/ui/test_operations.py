from __future__ import annotations

import threading

import pytest
import shiboken6
from PySide6.QtCore import QObject

from imsdesk.errors import InvalidInput
from imsdesk.ui.ops import Changes, Kind, Operations


def test_reads_and_writes_run_off_the_gui_thread_and_report_on_it(qtbot, ops):
    gui = threading.current_thread()
    seen: dict[str, object] = {}

    def work(name: str):
        return lambda: threading.current_thread().name

    def done(name: str):
        def record(result: str) -> None:
            seen[name] = (result, threading.current_thread() is gui)

        return record

    ops.read(work("read"), done("read"))
    ops.write(work("write"), done("write"))
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert seen["read"][0].startswith("imsdesk-read") and seen["read"][1]
    assert seen["write"] == ("imsdesk-writer", True)


def test_writes_run_one_at_a_time_in_the_order_given(qtbot, ops):
    running, order, overlaps = [0], [], []

    def job(n: int):
        def run() -> int:
            running[0] += 1
            overlaps.append(running[0])
            order.append(n)
            running[0] -= 1
            return n

        return run

    results: list[int] = []
    for n in range(50):
        ops.write(job(n), results.append)
    qtbot.waitUntil(lambda: len(results) == 50)
    assert order == results == list(range(50))
    assert max(overlaps) == 1


def test_a_write_announces_what_it_changed(qtbot, ops):
    changes = Changes.of(Kind.ANSWERS, assessment=None)
    with qtbot.waitSignal(ops.changed) as signal:
        ops.write(lambda: 1, changes=changes, initiator="me")
    assert signal.args == [changes, "me"]


def test_failures_go_to_the_failure_callback_or_the_error_handler(qtbot):
    handled: list[BaseException] = []
    operations = Operations(on_error=handled.append)
    try:
        failures: list[BaseException] = []
        operations.write(lambda: (_ for _ in ()).throw(InvalidInput("no")), None, failures.append)
        operations.read(lambda: 1 / 0)
        qtbot.waitUntil(lambda: bool(failures and handled))
        assert str(failures[0]) == "no"
        assert isinstance(handled[0], ZeroDivisionError)
    finally:
        operations.shutdown()


def test_a_deleted_guard_skips_the_callback(qtbot, ops):
    guard = QObject()
    called: list[int] = []
    ops.write(lambda: 2, called.append, guard=guard)
    shiboken6.delete(guard)  # e.g. a window closed before the result came back
    ops.write(lambda: 3, called.append)
    qtbot.waitUntil(lambda: ops.writes_pending == 0)
    assert called == [3]


def test_wait_for_writes_keeps_the_loop_running_until_they_are_done(qtbot, ops):
    release = threading.Event()
    results: list[int] = []
    ops.write(lambda: release.wait(5) and 7, results.append)
    threading.Timer(0.05, release.set).start()
    assert ops.wait_for_writes(5000)
    assert results == [7]


def test_shutdown_finishes_queued_writes_and_stops_every_thread(qapp):
    operations = Operations()
    done = []
    for n in range(20):
        operations.write(lambda n=n: done.append(n))
    operations.read(lambda: None)
    assert operations.shutdown()
    assert done == list(range(20))
    assert not [t for t in threading.enumerate() if t.name.startswith("imsdesk-")]
    with pytest.raises(RuntimeError):
        operations.write(lambda: None)


def test_inline_operations_run_at_once(qapp):
    operations = Operations(inline=True)
    results: list[int] = []
    operations.write(lambda: 3, results.append)
    operations.read(lambda: 4, results.append)
    assert results == [3, 4]
