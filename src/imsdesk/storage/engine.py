"""Engine factory: one place that knows how IMS Desk talks to its database.

SQLite gets WAL (readers never wait for the writer), ``synchronous=FULL`` (an acknowledged answer
survives an OS crash), foreign keys and a busy timeout. Python's sqlite3 module would otherwise
start transactions on its own and let DDL auto-commit; we switch that off and emit BEGIN
ourselves, as the SQLAlchemy SQLite documentation recommends, so migrations are transactional.

Writes start with ``BEGIN IMMEDIATE``: a deferred ``BEGIN`` takes the write lock only at the first
write, and in WAL mode that upgrade fails at once ("database is locked") whenever another
connection committed since the transaction's first read; no busy timeout helps then. Taking the
lock up front makes writers queue instead. A connection writes when its engine carries the
execution option ``imsdesk_write`` (``write_engine``); both engines share one pool.
"""

from __future__ import annotations

import sqlite3
import time
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError

BUSY_TIMEOUT_MS = 5000
RETRY_PAUSE_S = 0.01
WRITE_OPTION = "imsdesk_write"
# Primary result codes (the extended ones carry them in their low byte).
SQLITE_BUSY, SQLITE_LOCKED = 5, 6


def is_sqlite_url(url: str) -> bool:
    return url.startswith("sqlite")


def make_engine(url: str, *, foreign_keys: bool = True) -> Engine:
    """An engine for ``url``; ``foreign_keys=False`` is only for schema migrations on SQLite."""
    if not is_sqlite_url(url):
        return create_engine(url, pool_pre_ping=True)

    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (below)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        if connection.get_execution_options().get(WRITE_OPTION):
            begin_immediate(connection)
        else:
            connection.exec_driver_sql("BEGIN")

    return engine


def write_engine(engine: Engine) -> Engine:
    """The same engine (and pool) whose transactions take the write lock when they begin.

    On other databases than SQLite the option changes nothing: they lock rows, not the file.
    """
    return engine.execution_options(**{WRITE_OPTION: True})


def begin_immediate(connection: Any) -> None:
    """``BEGIN IMMEDIATE``, retried while another connection holds the write lock.

    SQLite's busy handler already waits inside an attempt, but some busy states (a log being
    recovered) return at once; retrying with short pauses covers those. Retries wait in the busy
    handler only for the time left, so the whole call gives up after ``BUSY_TIMEOUT_MS``, and the
    last error propagates.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    shortened = False
    try:
        while True:
            try:
                connection.exec_driver_sql("BEGIN IMMEDIATE")
                return
            except OperationalError as exc:
                left = deadline - time.monotonic()
                if not is_busy(exc) or left <= RETRY_PAUSE_S:
                    raise
            time.sleep(RETRY_PAUSE_S)
            shortened = True
            connection.exec_driver_sql(f"PRAGMA busy_timeout={max(1, int(left * 1000))}")
    finally:
        if shortened:
            connection.exec_driver_sql(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


def is_busy(exc: OperationalError) -> bool:
    """Whether SQLite refused because another connection holds a lock."""
    original = exc.orig
    code = getattr(original, "sqlite_errorcode", None)
    if isinstance(original, sqlite3.Error) and code is not None:
        return code & 0xFF in (SQLITE_BUSY, SQLITE_LOCKED)
    reason = str(original or exc).lower()
    return "locked" in reason or "busy" in reason
