"""Write transactions take the lock up front; read transactions take none and never write."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import OperationalError

from imsdesk import services
from imsdesk.errors import DatabaseError
from imsdesk.storage import engine as engines
from imsdesk.storage.database import _explain_operational


@pytest.fixture
def begins(db):
    seen: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        if statement.upper().startswith("BEGIN"):
            seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    yield seen
    event.remove(db.engine, "before_cursor_execute", record)


def test_writes_begin_immediate_and_reads_begin_deferred(db, begins):
    services.create_organisation(db, "Acme")  # through the write engine (an execution option)
    assert begins == ["BEGIN IMMEDIATE"]
    begins.clear()
    services.list_organisations(db)
    assert begins == ["BEGIN"]


def test_a_read_transaction_cannot_write(db):
    with db.read() as session:
        session.execute(
            text(
                "INSERT INTO organisation (id, created_at, updated_at, name, sector, size, "
                "address, contact) VALUES ('x', '2026-01-01', '2026-01-01', 'Ghost', '', '', '', '')"
            )
        )
    assert services.list_organisations(db) == []


def test_reading_while_another_program_holds_the_write_lock(tmp_path: Path, db, assessment):
    other = sqlite3.connect(tmp_path / "test.sqlite3", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE organisation SET name = 'Uncommitted'")
    try:
        # WAL: the reader sees the last committed state at once, without waiting.
        assert [o.name for o in services.list_organisations(db)] == ["Acme Widgets Ltd"]
    finally:
        other.execute("ROLLBACK")
        other.close()


class FakeSqliteError(sqlite3.OperationalError):
    pass


def failure(message: str) -> OperationalError:
    return OperationalError("COMMIT", {}, FakeSqliteError(message))


@pytest.mark.parametrize(
    ("reason", "writing", "message"),
    [
        ("attempt to write a readonly database", True,
         "The database F cannot be written (the file or its folder is read-only); your change "
         "was not saved. Check the permissions of the file and its folder."),
        ("database or disk is full", True,
         "The disk holding F is full; your change was not saved. Free some space and try again."),
        ("unable to open database file", False,
         "The database F cannot be opened any more (was it moved, deleted, or its drive "
         "disconnected?); it could not be read. Check the file and try again."),
        ("disk I/O error", True,
         "Reading or writing the database F failed (disk I/O error); your change was not saved. "
         "Check the drive and try again."),
        ("database is locked", False,
         "The database F stayed locked by another program or IMS Desk window for more than 5 "
         "seconds; it could not be read. Close the other program and try again."),
        ("no such table: answer", True,
         "The database F could not be used (no such table: answer); your change was not saved."),
    ],
)  # fmt: skip
def test_database_failures_are_explained(reason, writing, message):
    assert _explain_operational(failure(reason), "F", writing=writing) == message


def test_a_refused_write_is_explained_and_rolls_back(tmp_path: Path, db, assessment):
    services.save_answer(db, assessment.id, services.AnswerInput("9001-4.1-a", maturity=2))
    with pytest.raises(DatabaseError) as info, db.transaction() as session:
        session.execute(text("UPDATE answer SET maturity = 5"))
        # SQLite refuses the next write as it refuses one to a read-only file.
        session.connection().exec_driver_sql("PRAGMA query_only = ON")
        session.execute(text("DELETE FROM answer"))
    assert str(info.value) == (
        f"The database {tmp_path / 'test.sqlite3'} cannot be written (the file or its folder is "
        f"read-only); your change was not saved. Check the permissions of the file and its folder."
    )
    db.engine.dispose()  # drop the connection left in query-only mode
    assert services.load_assessment(db, assessment.id).answer_for("9001-4.1-a").maturity == 2


class Flaky:
    """A connection whose BEGIN IMMEDIATE fails with the given errors before it succeeds."""

    def __init__(self, *errors: str) -> None:
        self.errors = list(errors)
        self.statements: list[str] = []

    def exec_driver_sql(self, statement: str) -> None:
        self.statements.append(statement)
        if statement == "BEGIN IMMEDIATE" and self.errors:
            raise failure(self.errors.pop(0))


def test_begin_immediate_retries_a_busy_database_within_the_timeout():
    connection = Flaky("database is locked", "database is locked")
    engines.begin_immediate(connection)
    begins = [s for s in connection.statements if s == "BEGIN IMMEDIATE"]
    assert len(begins) == 3
    # Retries wait in SQLite's busy handler only for the time left; the setting is put back.
    pragmas = [s for s in connection.statements if s.startswith("PRAGMA")]
    assert all(0 < int(p.split("=")[1]) < 5000 for p in pragmas[:-1])
    assert pragmas[-1] == "PRAGMA busy_timeout=5000"


def test_begin_immediate_gives_up_at_the_deadline_and_on_other_errors(monkeypatch):
    monkeypatch.setattr(engines, "BUSY_TIMEOUT_MS", 100)
    always = Flaky(*["database is locked"] * 1000)
    started = time.monotonic()
    with pytest.raises(OperationalError, match="locked"):
        engines.begin_immediate(always)
    assert 0.09 <= time.monotonic() - started < 1
    broken = Flaky("disk I/O error")
    with pytest.raises(OperationalError, match="disk I/O"):
        engines.begin_immediate(broken)
    assert broken.statements == ["BEGIN IMMEDIATE"]
