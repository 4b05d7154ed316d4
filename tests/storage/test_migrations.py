"""The migration harness: a database made at every revision, with rows in it, opens with the
current code, upgraded to the newest schema (with a backup) and with every row intact.

When you add a migration, add a seed for the revision before it: SEEDS must cover every revision
(a test below fails otherwise). Seeds are raw SQL, because the models change over time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Connection, text

from imsdesk import services
from imsdesk.storage import Database, open_database
from imsdesk.storage.database import sqlite_url
from imsdesk.storage.engine import make_engine
from imsdesk.storage.migrate import known_revisions, upgrade
from imsdesk.storage.schema import HEAD_REVISION

ORG = "6f1c9f0e-0000-4000-8000-000000000001"
SITE = "6f1c9f0e-0000-4000-8000-000000000002"
ASSESSMENT = "6f1c9f0e-0000-4000-8000-000000000003"
STAMP = "2025-01-15 10:00:00.000000"


def _hex(value: str) -> str:  # SQLAlchemy's Uuid type stores 32 hex digits on SQLite
    return value.replace("-", "")


def seed_0001(connection: Connection) -> None:
    connection.execute(
        text(
            "INSERT INTO organisation VALUES (:id, :t, :t, 'Old Org Ltd', 'Printing', '12', "
            "'1 High St', 'a@b.c')"
        ),
        {"id": _hex(ORG), "t": STAMP},
    )
    connection.execute(
        text("INSERT INTO site VALUES (:id, :t, :t, :org, 'Works', 'Dock Rd')"),
        {"id": _hex(SITE), "t": STAMP, "org": _hex(ORG)},
    )
    connection.execute(
        text(
            "INSERT INTO assessment VALUES (:id, :t, :t, :org, :site, 'Audit 2025', 'K. Smith', "
            "'2025-01-15', 3, 'final')"
        ),
        {"id": _hex(ASSESSMENT), "t": STAMP, "org": _hex(ORG), "site": _hex(SITE)},
    )
    connection.execute(
        text(
            "INSERT INTO assessment_pack VALUES (:id, :t, :t, :a, 0, 'iso9001-2015', '2015', 'h1')"
        ),
        {"id": "a" * 32, "t": STAMP, "a": _hex(ASSESSMENT)},
    )
    for n, (qid, maturity, na) in enumerate(
        [("9001-4.1-a", 3, 0), ("9001-8.3.1-a", None, 1), ("9001-9.2.1-a", 0, 0)]
    ):
        connection.execute(
            text(
                "INSERT INTO answer VALUES "
                "(:id, :t, :t, :a, :q, :m, :na, 'why', 'notes', 'evidence')"
            ),
            {
                "id": f"{n:032x}",
                "t": STAMP,
                "a": _hex(ASSESSMENT),
                "q": qid,
                "m": maturity,
                "na": na,
            },
        )


def check_0001(db: Database) -> None:
    detail = services.load_assessment(db, ASSESSMENT)
    assert detail.organisation.name == "Old Org Ltd"
    assert detail.site is not None and detail.site.name == "Works"
    assert detail.assessment.status == "final"
    assert [p.pack_id for p in detail.assessment.packs] == ["iso9001-2015"]
    answers = {a.question_id: a for a in detail.answers}
    assert answers["9001-4.1-a"].maturity == 3
    assert answers["9001-8.3.1-a"].not_applicable is True
    assert answers["9001-9.2.1-a"].maturity == 0
    assert answers["9001-9.2.1-a"].notes == "notes"
    # Added by 0004: nothing was carried over, no previous cycle.
    assert not any(a.carried_over for a in detail.answers)
    assert detail.assessment.predecessor_id is None


def seed_0002(connection: Connection) -> None:
    seed_0001(connection)
    connection.execute(
        text("INSERT INTO clause_target VALUES (:id, :t, :t, :a, 'iso9001-2015', '8.5', 4)"),
        {"id": "b" * 32, "t": STAMP, "a": _hex(ASSESSMENT)},
    )


def check_0002(db: Database) -> None:
    check_0001(db)
    detail = services.load_assessment(db, ASSESSMENT)
    assert detail.target_overrides() == {("iso9001-2015", "8.5"): 4}


QUALITY = "6f1c9f0e-0000-4000-8000-000000000011"
ENVIRONMENTAL = "6f1c9f0e-0000-4000-8000-000000000012"
LINK = "6f1c9f0e-0000-4000-8000-000000000013"
ACTION = "6f1c9f0e-0000-4000-8000-000000000014"


def seed_0003(connection: Connection) -> None:
    seed_0002(connection)
    objective = (
        "INSERT INTO objective VALUES (:id, :t, :t, :a, :kind, :pos, '', :statement, :kpi, :unit, "
        ":baseline, :target, '2025-12-31', 'Ops', 'monthly', 'in progress')"
    )
    connection.execute(
        text(objective),
        {"id": _hex(QUALITY), "t": STAMP, "a": _hex(ASSESSMENT), "kind": "quality", "pos": 0,
         "statement": "OTIF 97%", "kpi": "OTIF", "unit": "%", "baseline": 94.0, "target": 97.0},
    )  # fmt: skip
    connection.execute(
        text(objective),
        {"id": _hex(ENVIRONMENTAL), "t": STAMP, "a": _hex(ASSESSMENT), "kind": "environmental",
         "pos": 1, "statement": "Less CO2 per delivery", "kpi": "CO2e per delivery",
         "unit": "kg", "baseline": 18.0, "target": 16.0},
    )  # fmt: skip
    connection.execute(
        text(
            "INSERT INTO objective_link VALUES (:id, :t, :t, :q, :e, 'Fuller loads', "
            "'delivery-transport', :clauses)"
        ),
        {"id": _hex(LINK), "t": STAMP, "q": _hex(QUALITY), "e": _hex(ENVIRONMENTAL),
         "clauses": '[["ems", "8.1"]]'},
    )  # fmt: skip
    connection.execute(
        text(
            "INSERT INTO action VALUES (:id, :t, :t, :a, :link, NULL, 'iso9001-2015', '8.5.1', "
            "'Write work instructions', 'Manual action', NULL, NULL, '2025-06-30', 'Supervisor', "
            "'in progress', '', 0, '[]')"
        ),
        {"id": _hex(ACTION), "t": STAMP, "a": _hex(ASSESSMENT), "link": _hex(LINK)},
    )


def check_0003(db: Database) -> None:
    from imsdesk.catalog import load_catalog
    from imsdesk.services import plan as plans

    check_0002(db)
    view = plans.load_plan(db, load_catalog(), ASSESSMENT)
    [group] = view.plan.groups
    assert group.objective.statement == "OTIF 97%"
    [target] = group.targets
    assert target.objective.kpi == "CO2e per delivery"
    assert target.link.clauses == (("ems", "8.1"),)
    manual = next(a for a in view.plan.actions if a.title == "Write work instructions")
    assert (manual.owner, manual.status, manual.link_id) == (
        "Supervisor",
        "in progress",
        target.link.id,
    )


NEXT = "6f1c9f0e-0000-4000-8000-000000000021"


def _insert(connection: Connection, table: str, **values: object) -> None:
    names = ", ".join(values)
    marks = ", ".join(f":{name}" for name in values)
    connection.execute(text(f"INSERT INTO {table} ({names}) VALUES ({marks})"), values)


def seed_0004(connection: Connection) -> None:
    """Two cycles: the second continues the first, with an answer carried over and a summary
    stored against packs that are no longer installed as they were."""
    t = STAMP
    _insert(connection, "organisation", id=_hex(ORG), created_at=t, updated_at=t,
            name="Old Org Ltd", sector="", size="", address="", contact="")  # fmt: skip
    for assessment_id, title, predecessor in ((ASSESSMENT, "Audit 2025", None),
                                              (NEXT, "Audit 2026", _hex(ASSESSMENT))):  # fmt: skip
        _insert(connection, "assessment", id=_hex(assessment_id), created_at=t, updated_at=t,
                organisation_id=_hex(ORG), site_id=None, title=title, assessor="K. Smith",
                date="2025-01-15", target_maturity=3, status="draft",
                predecessor_id=predecessor)  # fmt: skip
        _insert(connection, "assessment_pack", id=_hex(assessment_id)[:-1] + "f", created_at=t,
                updated_at=t, assessment_id=_hex(assessment_id), position=0,
                pack_id="iso9001-2015", edition="2015", content_hash="h1")  # fmt: skip
        _insert(connection, "answer", id=_hex(assessment_id)[:-1] + "e", created_at=t,
                updated_at=t, assessment_id=_hex(assessment_id), question_id="9001-4.1-a",
                maturity=3, not_applicable=0, justification="", notes="", evidence="",
                carried_over=int(predecessor is not None))  # fmt: skip
    _insert(connection, "assessment_summary", assessment_id=_hex(NEXT), answered=1, total=9,
            progress=11.1, score=60.0, verdict_level="not-ready", verdict_text="Not ready",
            scope_key="iso9001-2015=sha256:old", computed_at=t)  # fmt: skip


def check_0004(db: Database) -> None:
    from imsdesk.catalog import load_catalog

    second = services.load_assessment(db, NEXT)
    assert second.assessment.predecessor_id.hex == _hex(ASSESSMENT)
    assert [(a.question_id, a.carried_over) for a in second.answers] == [("9001-4.1-a", True)]
    catalog = load_catalog()
    # The stored summary was computed against another pack content: stale until refreshed.
    listed = {a.id.hex: a for a in services.load_overview(db, catalog).assessments}
    assert listed[_hex(NEXT)].stale and listed[_hex(NEXT)].score == 60.0
    assert listed[_hex(ASSESSMENT)].stale and listed[_hex(ASSESSMENT)].score is None
    fresh = {a.id.hex: a for a in services.overview(db, catalog).assessments}
    assert not fresh[_hex(NEXT)].stale
    assert fresh[_hex(NEXT)].answered == 1
    assert fresh[_hex(NEXT)].total == len(catalog.pack("iso9001-2015").questions)


def seed_0005(connection: Connection) -> None:
    """An assessment whose system went live on a known date."""
    t = STAMP
    _insert(connection, "organisation", id=_hex(ORG), created_at=t, updated_at=t,
            name="Old Org Ltd", sector="", size="", address="", contact="")  # fmt: skip
    _insert(connection, "assessment", id=_hex(ASSESSMENT), created_at=t, updated_at=t,
            organisation_id=_hex(ORG), site_id=None, title="Audit 2026", assessor="K. Smith",
            date="2026-06-15", target_maturity=3, status="draft", predecessor_id=None,
            go_live="2026-01-05")  # fmt: skip


def check_0005(db: Database) -> None:
    record = services.load_assessment(db, ASSESSMENT).assessment
    assert record.go_live == dt.date(2026, 1, 5)


def seed_0006(connection: Connection) -> None:
    """Answers that do not arise, or whose finding the assessor overrode."""
    seed_0005(connection)
    t = STAMP
    for suffix, question, values in (
        ("e", "9001-8.5.3-a", dict(maturity=None, does_not_arise=1,
                                   justification="No customer property held",
                                   override_finding=None, override_reason="")),
        ("d", "9001-4.1-a", dict(maturity=1, does_not_arise=0, justification="",
                                 override_finding="likely minor",
                                 override_reason="Discussed at board, not recorded")),
    ):  # fmt: skip
        _insert(connection, "answer", id=_hex(ASSESSMENT)[:-1] + suffix, created_at=t,
                updated_at=t, assessment_id=_hex(ASSESSMENT), question_id=question,
                not_applicable=0, notes="", evidence="", carried_over=0, **values)  # fmt: skip


def check_0006(db: Database) -> None:
    check_0005(db)
    answers = {a.question_id: a for a in services.load_assessment(db, ASSESSMENT).answers}
    arising = answers["9001-8.5.3-a"]
    assert (arising.does_not_arise, arising.justification) == (True, "No customer property held")
    judged = answers["9001-4.1-a"]
    assert (judged.maturity, judged.override_finding, judged.override_reason) == (
        1,
        "likely minor",
        "Discussed at board, not recorded",
    )


def seed_0007(connection: Connection) -> None:
    """A generated action with its phase and the questions it closes."""
    seed_0006(connection)
    t = STAMP
    _insert(connection, "action", id=_hex(ASSESSMENT)[:-1] + "c", created_at=t, updated_at=t,
            assessment_id=_hex(ASSESSMENT), link_id=None, source_key="topic:risks",
            pack_id="iso9001-2015", clause="6.1", title="Integrate the risk register",
            description="", finding="likely minor", priority=10.0, due="2026-09-01",
            owner="Management system lead", status="open", note="", closed_by_plan=0,
            edited="[]", phase=2, question_ids='["9001-6.1-a", "14001-6.1.1-a"]')  # fmt: skip


def check_0007(db: Database) -> None:
    from imsdesk.catalog import load_catalog
    from imsdesk.services import plan as plans

    check_0006(db)
    [action] = plans.load_plan(db, load_catalog(), ASSESSMENT).plan.actions
    assert (action.phase, action.question_ids) == (2, ("9001-6.1-a", "14001-6.1.1-a"))


SEEDS: dict[str, tuple[Callable[[Connection], None], Callable[[Database], None]]] = {
    "0001": (seed_0001, check_0001),
    "0002": (seed_0002, check_0002),
    "0003": (seed_0003, check_0003),
    "0004": (seed_0004, check_0004),
    "0005": (seed_0005, check_0005),
    "0006": (seed_0006, check_0006),
    "0007": (seed_0007, check_0007),
}


def test_every_revision_has_a_seed():
    assert set(SEEDS) == set(known_revisions())


@pytest.mark.parametrize("revision", known_revisions())
def test_database_made_at_each_revision_opens_with_rows_intact(tmp_path: Path, revision: str):
    path = tmp_path / "old.sqlite3"
    engine = make_engine(sqlite_url(path), foreign_keys=False)
    upgrade(engine, revision)
    seed, check = SEEDS[revision]
    with engine.begin() as connection:
        seed(connection)
    engine.dispose()

    db = open_database(path)
    try:
        with db.engine.connect() as connection:
            assert (
                connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
                == HEAD_REVISION
            )
            assert connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        if revision == HEAD_REVISION:
            assert db.backup is None
        else:
            assert db.backup is not None and db.backup.exists()
        check(db)
    finally:
        db.close()


def test_models_match_the_migrations(db):
    """Autogenerate finds nothing to do: the models and the newest migration agree."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from imsdesk.storage.models import Base

    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []
