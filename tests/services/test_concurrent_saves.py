"""Saves never fail under concurrency: threads of one app and other processes write answers into
one database file at once, and every save lands. A lock held too long gives a clear message."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from imsdesk import services
from imsdesk.errors import DatabaseError
from imsdesk.services import AnswerInput
from imsdesk.storage import engine as engines
from imsdesk.storage import open_database

THREADS, PROCESSES, QUESTIONS, ROUNDS = 4, 2, 50, 4

WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from imsdesk import services
    from imsdesk.services import AnswerInput
    from imsdesk.storage import open_database

    path, assessment, name, questions, rounds = sys.argv[1:6]
    db = open_database(path)
    print("ready", flush=True)
    go = Path(path).with_name("go")
    while not go.exists():  # start together with the other writers
        time.sleep(0.005)
    for n in range(int(rounds)):
        for q in range(int(questions)):
            services.save_answer(
                db, assessment, AnswerInput(f"{name}-q{q}", maturity=n % 6, notes=f"round {n}")
            )
    db.close()
    """
)


def expected(name: str) -> dict[str, tuple[int, str]]:
    last = ROUNDS - 1
    return {f"{name}-q{q}": (last % 6, f"round {last}") for q in range(QUESTIONS)}


def test_threads_and_processes_saving_at_once_lose_nothing(tmp_path: Path, db, assessment):
    path = tmp_path / "test.sqlite3"
    arguments = [str(path), str(assessment.id), str(QUESTIONS), str(ROUNDS)]
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, *arguments[:2], f"p{i}", *arguments[2:]],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(PROCESSES)
    ]
    for process in processes:
        assert process.stdout is not None and process.stdout.readline().strip() == "ready"

    barrier = threading.Barrier(THREADS + 1)
    errors: list[BaseException] = []

    def write(name: str) -> None:
        barrier.wait()
        try:
            for n in range(ROUNDS):
                for q in range(QUESTIONS):
                    services.save_answer(
                        db, assessment.id, AnswerInput(f"{name}-q{q}", maturity=n % 6,
                                                       notes=f"round {n}"),
                    )  # fmt: skip
        except BaseException as exc:  # collected: an exception in a thread is otherwise lost
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(f"t{i}",)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    (tmp_path / "go").touch()
    barrier.wait()
    for thread in threads:
        thread.join(timeout=120)
    outputs = [process.communicate(timeout=120) for process in processes]

    assert errors == []
    for process, (_out, err) in zip(processes, outputs, strict=True):
        assert (process.returncode, err) == (0, "")
    stored = {
        a.question_id: (a.maturity, a.notes)
        for a in services.load_assessment(db, assessment.id).answers
    }
    wanted: dict[str, tuple[int, str]] = {}
    for name in [f"t{i}" for i in range(THREADS)] + [f"p{i}" for i in range(PROCESSES)]:
        wanted |= expected(name)
    assert stored == wanted


@pytest.fixture
def short_timeout(monkeypatch) -> float:
    monkeypatch.setattr(engines, "BUSY_TIMEOUT_MS", 300)
    return 0.3


def test_a_lock_held_too_long_says_what_happened_and_reads_still_work(
    tmp_path: Path, short_timeout: float
):
    path = tmp_path / "locked.sqlite3"
    db = open_database(path)  # opened after the timeout was shortened: its pragmas use it
    try:
        organisation = services.create_organisation(db, "Acme")
        record = services.create_assessment(
            db, organisation.id, title="T", date=dt.date(2026, 1, 1),
            packs=[services.PackRef("p", "1", "h")],
        )  # fmt: skip
        services.save_answer(db, record.id, AnswerInput("q1", maturity=1))

        other = sqlite3.connect(path, isolation_level=None)  # another program holding the lock
        other.execute("BEGIN IMMEDIATE")
        try:
            started = time.monotonic()
            with pytest.raises(DatabaseError) as info:
                services.save_answer(db, record.id, AnswerInput("q1", maturity=4))
            waited = time.monotonic() - started
            assert str(info.value) == (
                f"The database {path} stayed locked by another program or IMS Desk window for "
                f"more than 0.3 seconds; your change was not saved. Close the other program and "
                f"try again."
            )
            assert short_timeout <= waited < short_timeout + 2
            # Readers do not wait for the writer (WAL).
            assert services.load_assessment(db, record.id).answer_for("q1").maturity == 1
            assert [o.name for o in services.list_organisations(db)] == ["Acme"]
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert services.save_answer(db, record.id, AnswerInput("q1", maturity=4)).maturity == 4
    finally:
        db.close()


def test_a_short_lock_is_waited_for(tmp_path: Path, db, assessment):
    """A save that finds the database locked for a moment waits and succeeds."""
    other = sqlite3.connect(
        tmp_path / "test.sqlite3", isolation_level=None, check_same_thread=False
    )
    other.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.3, lambda: other.execute("ROLLBACK"))
    release.start()
    try:
        saved = services.save_answer(db, assessment.id, AnswerInput("9001-4.1-a", maturity=2))
    finally:
        release.join()
        other.close()
    assert saved.maturity == 2
    assert services.load_assessment(db, assessment.id).answer_for("9001-4.1-a").maturity == 2
