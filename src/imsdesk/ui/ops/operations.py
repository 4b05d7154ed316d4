"""Operations in the manner of Anki's CollectionOp and QueryOp.

The GUI thread never waits on the database: ``read`` runs a function on a small thread pool,
``write`` on the one writer thread, first in, first out (SQLite has a single writer, and saves
must keep their order). Results come back to the GUI thread through a queued signal, where the
success or failure callback runs. After every successful write, ``changed`` tells all views what
changed and who caused it, so each can decide whether to refresh.

Worker functions receive nothing and return plain data; they never touch widgets.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QEventLoop, QObject, QTimer, Signal

from imsdesk.ui.ops.changes import Changes

log = logging.getLogger(__name__)

Success = Callable[[Any], None]
Failure = Callable[[BaseException], None]
ChangesFor = Changes | Callable[[Any], Changes | None] | None


@dataclass
class _Job:
    fn: Callable[[], Any]
    on_success: Success | None
    on_failure: Failure | None
    guard: QObject | None
    write: bool = False
    changes: ChangesFor = None
    initiator: object = None
    result: Any = None
    error: BaseException | None = None


_STOP = object()


class Operations(QObject):
    """Runs reads and writes off the GUI thread and reports back on it."""

    changed = Signal(object, object)  # Changes, initiator
    _finished = Signal(object)  # a _Job, emitted from a worker thread

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        on_error: Failure | None = None,
        inline: bool = False,
    ) -> None:
        super().__init__(parent)
        self._on_error = on_error
        self._inline = inline  # run everything at once in the caller (widget tests)
        self._pending_writes = 0
        self._waiters: list[QEventLoop] = []
        self._closed = False
        self._finished.connect(self._deliver)
        self._queue: queue.Queue[object] = queue.Queue()
        self._writer: threading.Thread | None = None
        self._readers: ThreadPoolExecutor | None = None

    # Submitting work -------------------------------------------------------------------------

    def read(
        self,
        fn: Callable[[], Any],
        on_success: Success | None = None,
        on_failure: Failure | None = None,
        *,
        guard: QObject | None = None,
    ) -> None:
        """Run ``fn`` on a reader thread; ``guard``: skip the callbacks once it is deleted."""
        job = _Job(fn, on_success, on_failure, guard)
        if self._inline:
            self._run(job)
            self._deliver(job)
            return
        if self._closed:  # a view's timer firing while the app quits: nothing to show any more
            log.debug("read after shutdown skipped")
            return
        if self._readers is None:
            self._readers = ThreadPoolExecutor(max_workers=2, thread_name_prefix="imsdesk-read")
        self._readers.submit(self._run_and_report, job)

    def write(
        self,
        fn: Callable[[], Any],
        on_success: Success | None = None,
        on_failure: Failure | None = None,
        *,
        changes: ChangesFor = None,
        initiator: object = None,
        guard: QObject | None = None,
    ) -> None:
        """Queue ``fn`` for the writer thread; ``changes`` (or a function of the result) is
        announced through ``changed`` when it succeeds."""
        job = _Job(fn, on_success, on_failure, guard, True, changes, initiator)
        self._pending_writes += 1
        if self._inline:
            self._run(job)
            self._deliver(job)
            return
        self._check_open()
        if self._writer is None:
            self._writer = threading.Thread(target=self._write_loop, name="imsdesk-writer")
            self._writer.start()
        self._queue.put(job)

    def _check_open(self) -> None:
        if self._closed:
            raise RuntimeError("operations were shut down")

    # Worker side -----------------------------------------------------------------------------

    @staticmethod
    def _run(job: _Job) -> None:
        try:
            job.result = job.fn()
        except BaseException as exc:  # reported on the GUI thread
            job.error = exc

    def _run_and_report(self, job: _Job) -> None:
        self._run(job)
        self._finished.emit(job)

    def _write_loop(self) -> None:
        while True:
            job = self._queue.get()
            if job is _STOP:
                return
            assert isinstance(job, _Job)
            self._run_and_report(job)

    # GUI side --------------------------------------------------------------------------------

    def _deliver(self, job: _Job) -> None:
        if job.write:
            self._pending_writes -= 1
        try:
            self._callback(job)
        finally:
            # An error's traceback holds the worker's frames, and they the job: break the cycle
            # here so it is not left for the collector to free on another thread.
            job.error = job.result = None
            job.fn = job.on_success = job.on_failure = None  # type: ignore[assignment]
            if job.write and self._pending_writes == 0:
                for loop in self._waiters:
                    loop.quit()

    def _callback(self, job: _Job) -> None:
        alive = job.guard is None or shiboken6.isValid(job.guard)
        if job.error is not None:
            if alive and job.on_failure is not None:
                job.on_failure(job.error)
            else:
                self.report(job.error)
            return
        if alive and job.on_success is not None:
            job.on_success(job.result)
        changes = job.changes(job.result) if callable(job.changes) else job.changes
        if changes is not None:
            self.changed.emit(changes, job.initiator)

    def report(self, error: BaseException) -> None:
        """A failure nobody handled: the app shows it (message or crash dialog)."""
        if self._on_error is not None:
            self._on_error(error)
        else:
            log.error("operation failed", exc_info=error)
            raise error

    # Waiting and stopping --------------------------------------------------------------------

    @property
    def closed(self) -> bool:
        """Shut down: views whose timers fire while the app quits have nothing left to do."""
        return self._closed

    @property
    def writes_pending(self) -> int:
        return self._pending_writes

    def wait_for_writes(self, timeout_ms: int = 15000) -> bool:
        """Keep the interface alive until every queued write has finished and reported back
        (used when a window closes). False if they did not finish in time."""
        if self._pending_writes == 0:
            return True
        loop = QEventLoop()
        QTimer.singleShot(timeout_ms, loop.quit)
        self._waiters.append(loop)
        try:
            loop.exec()
        finally:
            self._waiters.remove(loop)
        return self._pending_writes == 0

    def shutdown(self, timeout: float = 15.0) -> bool:
        """Finish the queued writes, then stop the threads. True if everything finished."""
        if self._closed:
            return True
        self._closed = True
        finished = True
        if self._writer is not None:
            self._queue.put(_STOP)
            self._writer.join(timeout)
            finished = not self._writer.is_alive()
        if self._readers is not None:
            self._readers.shutdown(wait=True, cancel_futures=True)
        return finished
