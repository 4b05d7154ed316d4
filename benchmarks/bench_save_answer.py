"""Saving one answer through the services against a raw sqlite3 upsert with the same pragmas.

    python benchmarks/bench_save_answer.py [N]

Both commit (with synchronous=FULL) once per answer, so both pay the same fsync; the ratio shows
what SQLAlchemy and the service layer add on top.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
import tempfile
import time
import uuid
from pathlib import Path

from imsdesk import services
from imsdesk.services import AnswerInput, PackRef
from imsdesk.storage import open_database


def bench_service(folder: Path, n: int) -> float:
    db = open_database(folder / "service.sqlite3")
    org = services.create_organisation(db, "Bench Ltd")
    assessment = services.create_assessment(
        db, org.id, title="Bench", date=dt.date(2026, 1, 1), packs=[PackRef("p", "1", "h")]
    )
    start = time.perf_counter()
    for i in range(n):
        services.save_answer(db, assessment.id, AnswerInput(f"q{i % 300}", maturity=i % 6))
    elapsed = time.perf_counter() - start
    db.close()
    return elapsed


def bench_raw(folder: Path, n: int) -> float:
    connection = sqlite3.connect(folder / "raw.sqlite3", isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON"):
        connection.execute(f"PRAGMA {pragma}")
    connection.execute(
        "CREATE TABLE answer (id TEXT PRIMARY KEY, assessment_id TEXT, question_id TEXT, "
        "maturity INTEGER, updated_at TEXT, UNIQUE (assessment_id, question_id))"
    )
    assessment_id = uuid.uuid4().hex
    start = time.perf_counter()
    for i in range(n):
        connection.execute("BEGIN")
        connection.execute(
            "INSERT INTO answer VALUES (?, ?, ?, ?, ?) ON CONFLICT (assessment_id, question_id) "
            "DO UPDATE SET maturity = excluded.maturity, updated_at = excluded.updated_at",
            (uuid.uuid4().hex, assessment_id, f"q{i % 300}", i % 6, dt.datetime.now().isoformat()),
        )
        connection.execute("COMMIT")
    elapsed = time.perf_counter() - start
    connection.close()
    return elapsed


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as folder:
        raw = bench_raw(Path(folder), n)
        service = bench_service(Path(folder), n)
    print(f"raw sqlite3:   {raw / n * 1000:.3f} ms per answer")
    print(f"save_answer:   {service / n * 1000:.3f} ms per answer")
    print(f"ratio:         {service / raw:.1f}")


if __name__ == "__main__":
    main()
