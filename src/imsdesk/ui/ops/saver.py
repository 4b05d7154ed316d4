"""Saving answers as the user works, without ever stalling the interface.

The latest value per question wins. A maturity or N/A change is saved at once; typed text after a
short pause and always when the user leaves the field, the page or the window (``flush``). One
batch is on its way to the writer thread at a time, so saves reach the database in the order they
were made; whatever changes meanwhile waits for the next batch. A batch that fails is put back
(behind any newer value of the same question) and the ``state`` says so; nothing is dropped.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import Any, Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from imsdesk.errors import DatabaseError, UserError
from imsdesk.ui.ops.changes import Changes, Kind
from imsdesk.ui.ops.operations import Operations

TEXT_PAUSE_MS = 800
RETRY_MS = 3000


class Answer(Protocol):
    question_id: str


class SaveState(StrEnum):
    SAVED = "saved"
    SAVING = "saving"
    FAILED = "failed"


class AnswerSaver(QObject):
    state_changed = Signal(str)  # a SaveState
    saved = Signal(object)  # the records the save function returned
    failed = Signal(str)  # what went wrong, for the user

    def __init__(
        self,
        ops: Operations,
        assessment_id: uuid.UUID,
        save: Callable[[Sequence[Any]], Any],
        parent: QObject | None = None,
        *,
        pause_ms: int = TEXT_PAUSE_MS,
    ) -> None:
        super().__init__(parent)
        self._ops = ops
        self._assessment_id = assessment_id
        self._save = save
        self._pending: dict[str, Any] = {}
        self._in_flight: dict[str, Any] | None = None
        self._flush_after = False  # flush again as soon as the batch in flight is back
        self.state = SaveState.SAVED
        self.last_error = ""
        self._pause = QTimer(self, singleShot=True, interval=pause_ms)
        self._pause.timeout.connect(self.flush)
        self._retry = QTimer(self, singleShot=True, interval=RETRY_MS)
        self._retry.timeout.connect(self.flush)

    # Input -----------------------------------------------------------------------------------

    def put(self, answer: Answer, *, immediate: bool) -> None:
        """The full new state of one answer; ``immediate`` for clicks, not for typing."""
        self._pending.pop(answer.question_id, None)  # re-insert: batches keep the edit order
        self._pending[answer.question_id] = answer
        self._set_state(SaveState.SAVING if self.state != SaveState.FAILED else self.state)
        if immediate:
            self.flush()
        else:
            self._pause.start()

    def flush(self) -> None:
        """Send everything pending now (or right after the batch already on its way)."""
        self._pause.stop()
        if self._in_flight is not None:
            self._flush_after = True
            return
        if not self._pending:
            return
        batch, self._pending = self._pending, {}
        self._in_flight = batch
        self._flush_after = False
        self._set_state(SaveState.SAVING)
        answers = list(batch.values())
        self._ops.write(
            lambda: self._save(answers),
            self._on_saved,
            self._on_failed,
            changes=Changes.of(Kind.ANSWERS, assessment=self._assessment_id),
            initiator=self,
        )

    # State -----------------------------------------------------------------------------------

    @property
    def idle(self) -> bool:
        """Everything the user did is on disk."""
        return not self._pending and self._in_flight is None

    def has_pending(self, question_id: str) -> bool:
        return question_id in self._pending or question_id in (self._in_flight or {})

    def finish(self, timeout_ms: int = 15000) -> bool:
        """Save everything and wait for it (keeping the interface alive). False if something
        could not be saved; ``last_error`` says why."""
        deadline = time.monotonic() + timeout_ms / 1000
        self._flush_after = True
        self.flush()
        while not self.idle:
            left = int((deadline - time.monotonic()) * 1000)
            if left <= 0 or self._in_flight is None:  # timed out, or the last attempt failed
                return False
            self._ops.wait_for_writes(left)
        return True

    # Results ---------------------------------------------------------------------------------

    def _on_saved(self, records: object) -> None:
        self._in_flight = None
        self.last_error = ""
        self.saved.emit(records)
        if self._pending and self._flush_after:
            self.flush()
        elif self._pending:
            self._set_state(SaveState.SAVING)
            if not self._pause.isActive():
                self.flush()
        else:
            self._set_state(SaveState.SAVED)

    def _on_failed(self, error: BaseException) -> None:
        batch, self._in_flight = self._in_flight or {}, None
        for question_id, answer in batch.items():
            self._pending.setdefault(question_id, answer)  # a newer value stays in front
        if isinstance(error, UserError):
            self.last_error = str(error)
        else:
            self.last_error = "An unexpected problem stopped the save; see the error report."
            self._ops.report(error)
        self._set_state(SaveState.FAILED)
        self.failed.emit(self.last_error)
        if isinstance(error, DatabaseError):  # locked, full disk...: may clear up by itself
            self._retry.start()

    def _set_state(self, state: SaveState) -> None:
        if state != self.state:
            self.state = state
            self.state_changed.emit(str(state))
