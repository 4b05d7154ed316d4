"""Listing 1,000 assessments against listing 10, with the same method.

    python benchmarks/bench_listing.py [N]

What a user waits for is ``imsdesk assessments --json`` as a whole (start-up, opening the
database, loading the questionnaires, listing, printing), so that is timed as a subprocess, end
to end; the in-process ``load_overview`` is printed too, for information. Every assessment has
all 313 questions answered and a fresh stored summary, as after normal use. The databases are
built with bulk Core inserts, not 313,000 service calls. Expectation: ratio at most 2 (listing
loads no answers, so its cost barely grows with the number of assessments).
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import insert

from imsdesk import services
from imsdesk.catalog import load_catalog
from imsdesk.storage import open_database
from imsdesk.storage.engine import write_engine
from imsdesk.storage.models import Answer, Assessment, AssessmentPack, Organisation, Site
from imsdesk.storage.types import utcnow

PACKS = ("iso9001-2015", "iso14001-2015")
PER_ORGANISATION = 5
REPEATS = 5


def build(path: Path, n: int) -> float:
    """A database of ``n`` fully answered assessments with fresh summaries; returns the seconds
    refreshing the summaries took (what the first listing after an upgrade costs)."""
    catalog = load_catalog()
    refs = services.pack_refs(catalog, PACKS)
    questions = [q.id for pack_id in PACKS for q in catalog.pack(pack_id).questions]
    now = utcnow()
    stamps = {"created_at": now, "updated_at": now}
    with open_database(path) as db, write_engine(db.engine).begin() as connection:
        organisations, sites, assessments, packs, answers = [], [], [], [], []
        for i in range(n):
            if i % PER_ORGANISATION == 0:
                organisation, site = uuid.uuid4(), uuid.uuid4()
                organisations.append({"id": organisation, "name": f"Client {i // 5:04d} Ltd",
                                      "sector": "", "size": "", "address": "", "contact": "",
                                      **stamps})  # fmt: skip
                sites.append({"id": site, "organisation_id": organisation, "name": "Main site",
                              "address": "", **stamps})  # fmt: skip
            assessment = uuid.uuid4()
            assessments.append({"id": assessment, "organisation_id": organisation,
                                "site_id": site, "title": f"Gap analysis {2000 + i % 27}",
                                "assessor": "Bench", "date": dt.date(2026, 1, 1 + i % 28),
                                "target_maturity": 3, "status": "draft", **stamps})  # fmt: skip
            packs += [{"id": uuid.uuid4(), "assessment_id": assessment, "position": p,
                       "pack_id": ref.pack_id, "edition": ref.edition,
                       "content_hash": ref.content_hash, **stamps}
                      for p, ref in enumerate(refs)]  # fmt: skip
            answers += [{"id": uuid.uuid4(), "assessment_id": assessment, "question_id": q,
                         "maturity": (i + j) % 6, "not_applicable": False, "justification": "",
                         "notes": "", "evidence": "", "carried_over": False, **stamps}
                        for j, q in enumerate(questions)]  # fmt: skip
        for model, rows in ((Organisation, organisations), (Site, sites),
                            (Assessment, assessments), (AssessmentPack, packs),
                            (Answer, answers)):  # fmt: skip
            connection.execute(insert(model), rows)
    with open_database(path) as db:
        start = time.perf_counter()
        services.refresh_summaries(db, catalog)
        return time.perf_counter() - start


def best_of(action, repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def command(path: Path, expected: int) -> float:
    def run() -> None:
        completed = subprocess.run(
            [sys.executable, "-m", "imsdesk", "--db", str(path), "assessments", "--json"],
            capture_output=True,
            check=True,
        )
        assert completed.stdout.count(b'"id": ') == expected * 3  # assessment + 2 packs each

    return best_of(run)


def in_process(path: Path, expected: int) -> float:
    catalog = load_catalog()
    with open_database(path) as db:

        def run() -> None:
            listing = services.load_overview(db, catalog)
            assert len(listing.assessments) == expected and not listing.stale_ids

        return best_of(run)


def main() -> None:
    large = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    small = 10
    with tempfile.TemporaryDirectory() as folder:
        paths = {n: Path(folder) / f"listing-{n}.sqlite3" for n in (small, large)}
        refresh = {n: build(paths[n], n) for n in (small, large)}
        commands = {n: command(paths[n], n) for n in (small, large)}
        loads = {n: in_process(paths[n], n) for n in (small, large)}
    for n in (small, large):
        print(
            f"{n:>5} assessments: `imsdesk assessments --json` {commands[n] * 1000:7.1f} ms, "
            f"load_overview {loads[n] * 1000:6.1f} ms, "
            f"first refresh of all summaries {refresh[n]:.2f} s"
        )
    print(f"ratio (command, {large} vs {small}): {commands[large] / commands[small]:.2f} "
          f"(expected at most 2)")  # fmt: skip


if __name__ == "__main__":
    main()
