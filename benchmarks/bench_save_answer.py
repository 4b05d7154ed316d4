"""Saving one answer through the services against a raw SQLAlchemy Core upsert.

    python benchmarks/bench_save_answer.py [N]

Both run on an IMS Desk database opened the same way (WAL, synchronous=FULL, BEGIN IMMEDIATE)
and commit once per answer, so both pay the same fsync. The baseline is the bare upsert
statement on a connection; the service adds what makes it a use case: checking the assessment
exists and is not final, validating, and marking its summary stale. The ratio shows that cost.
Expectation: at most 2.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
import uuid
from pathlib import Path

from imsdesk import services
from imsdesk.services import AnswerInput, PackRef
from imsdesk.services.answers import upsert_statement
from imsdesk.storage import Database, open_database
from imsdesk.storage.engine import write_engine
from imsdesk.storage.types import utcnow


def _assessment(db: Database) -> uuid.UUID:
    org = services.create_organisation(db, "Bench Ltd")
    return services.create_assessment(
        db, org.id, title="Bench", date=dt.date(2026, 1, 1), packs=[PackRef("p", "1", "h")]
    ).id


def bench_service(folder: Path, n: int) -> float:
    with open_database(folder / "service.sqlite3") as db:
        assessment_id = _assessment(db)
        start = time.perf_counter()
        for i in range(n):
            services.save_answer(db, assessment_id, AnswerInput(f"q{i % 300}", maturity=i % 6))
        return time.perf_counter() - start


def bench_core(folder: Path, n: int) -> float:
    with open_database(folder / "core.sqlite3") as db:
        assessment_id = _assessment(db)
        engine = write_engine(db.engine)
        statement = upsert_statement(engine.dialect.name)
        start = time.perf_counter()
        for i in range(n):
            now = utcnow()
            with engine.begin() as connection:
                connection.execute(
                    statement,
                    {
                        "id": uuid.uuid4(),
                        "created_at": now,
                        "updated_at": now,
                        "assessment_id": assessment_id,
                        "question_id": f"q{i % 300}",
                        "maturity": i % 6,
                        "not_applicable": False,
                        "justification": "",
                        "notes": "",
                        "evidence": "",
                        "carried_over": False,
                    },
                )
        return time.perf_counter() - start


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as folder:
        bench_core(Path(folder), min(n, 100))  # warm up: imports, statement caches
        core = bench_core(Path(folder), n)
        service = bench_service(Path(folder), n)
    print(f"Core upsert:   {core / n * 1000:.3f} ms per answer")
    print(f"save_answer:   {service / n * 1000:.3f} ms per answer")
    print(f"ratio:         {service / core:.2f} (expected at most 2)")


if __name__ == "__main__":
    main()
