"""Engine factory: one place that knows how IMS Desk talks to its database.

SQLite gets WAL (readers never wait for the writer), ``synchronous=FULL`` (an acknowledged answer
survives an OS crash), foreign keys and a busy timeout. Python's sqlite3 module would otherwise
start transactions on its own and let DDL auto-commit; we switch that off and emit BEGIN
ourselves, as the SQLAlchemy SQLite documentation recommends, so migrations are transactional.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event

BUSY_TIMEOUT_MS = 5000


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
        connection.exec_driver_sql("BEGIN")

    return engine
