"""Two kinds of errors (after qutebrowser and Anki).

A :class:`~imsdesk.errors.UserError` (a damaged database, a full disk, a value the user typed)
is shown as its message alone. Anything else is a bug: it is written to the log file in the data
folder and shown in a crash dialog with the details to copy.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from imsdesk.errors import UserError
from imsdesk.ui import msgbox

log = logging.getLogger("imsdesk")
LOG_NAME = "imsdesk.log"
LOG_BYTES, LOG_BACKUPS = 1_000_000, 3
_log_file: Path | None = None


def setup_logging(folder: Path) -> Path | None:
    """A rotating log in ``folder``; None (and logging to stderr) if it cannot be written."""
    global _log_file
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            folder / LOG_NAME, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
        )
        _log_file = folder / LOG_NAME
    except OSError:
        handler = logging.StreamHandler()
        _log_file = None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return _log_file


def log_file() -> Path | None:
    return _log_file


def details(error: BaseException) -> str:
    return "".join(traceback.format_exception(type(error), error, error.__traceback__))


def report(parent: QWidget | None, error: BaseException, title: str = "") -> None:
    """Show ``error`` the way its kind deserves."""
    if isinstance(error, UserError):
        log.info("user error: %s", error)
        msgbox.error(parent, title or "Cannot do that", str(error))
        return
    log.error("unexpected error", exc_info=error)
    text = (
        "Something went wrong inside IMS Desk. Your saved answers are safe. "
        "Please send the details below to the developers."
    )
    where = log_file()
    if where is not None:
        text += f"\n\nThe details are also in the log file {where}."
    msgbox.crash(parent, "IMS Desk hit an unexpected problem", text, details(error))


class _Bridge(QObject):
    """Carries errors from other threads to the GUI thread."""

    raised = Signal(object)


_bridge: _Bridge | None = None


def install_hooks(parent_for: callable) -> None:  # type: ignore[valid-type]
    """Route uncaught exceptions (GUI thread and others) to :func:`report`."""
    global _bridge
    _bridge = _Bridge()
    _bridge.raised.connect(lambda error: report(parent_for(), error))

    def on_exception(
        kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        error.__traceback__ = tb
        assert _bridge is not None
        _bridge.raised.emit(error)

    def on_thread_exception(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            on_exception(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = on_exception
    threading.excepthook = on_thread_exception
