"""Saving answers: one short write transaction per call, durable when the call returns.

A save is one ``INSERT ... ON CONFLICT (assessment_id, question_id) DO UPDATE`` in SQLAlchemy
Core: no ORM objects are loaded, so the write lock is held for a few statements only. The same
transaction marks the assessment's stored summary stale.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Connection, and_, bindparam, delete, select, update
from sqlalchemy.sql.dml import Insert

from imsdesk.catalog import Catalog
from imsdesk.errors import InvalidInput, NotFound
from imsdesk.scoring import rules
from imsdesk.services import validate
from imsdesk.services.records import AnswerRecord, PackRef
from imsdesk.services.scope import scope_of
from imsdesk.services.summaries import pack_refs_by_assessment
from imsdesk.storage import Database
from imsdesk.storage.models import Answer, Assessment, StoredSummary
from imsdesk.storage.types import utcnow

TEXT_MAX = 100_000
# Built once: constructing statements costs as much as running them on this hot path.
STATUS = select(Assessment.title, Assessment.status).where(Assessment.id == bindparam("id"))
# summaries.invalidate, prebuilt
INVALIDATE = delete(StoredSummary).where(StoredSummary.assessment_id == bindparam("id"))
# What a save replaces; id and created_at stay those of the first save.
UPDATED = ("maturity", "not_applicable", "justification", "notes", "evidence", "carried_over",
           "does_not_arise", "override_finding", "override_reason", "updated_at")  # fmt: skip


@dataclass(frozen=True)
class AnswerInput:
    """The full state of one answer as the user left it (saving replaces the stored one)."""

    question_id: str
    maturity: int | None = None
    not_applicable: bool = False
    justification: str = ""
    notes: str = ""
    evidence: str = ""
    does_not_arise: bool = False  # a conditional requirement whose situation has not come up
    override_finding: str | None = None  # the assessor's own finding (rules.FINDINGS)
    override_reason: str = ""


def save_answer(
    db: Database,
    assessment_id: uuid.UUID | str,
    answer: AnswerInput,
    catalog: Catalog | None = None,
) -> AnswerRecord:
    """Insert or replace one answer. When this returns, the answer is on disk.

    With a ``catalog``, the question must belong to the assessment's installed packs.
    """
    return save_answers(db, assessment_id, [answer], catalog)[0]


def save_answers(
    db: Database,
    assessment_id: uuid.UUID | str,
    answers: Sequence[AnswerInput],
    catalog: Catalog | None = None,
) -> list[AnswerRecord]:
    """Save several answers in one transaction (all or none).

    A saved answer is the user's own: it is no longer marked as carried over from the previous
    cycle.
    """
    checked = [_checked(a) for a in answers]
    wanted = validate.as_uuid(assessment_id, "assessment")
    with db.transaction() as session:
        connection = session.connection()
        found = connection.execute(STATUS, {"id": wanted}).first()
        if found is None:
            raise NotFound(f"There is no assessment with the id {assessment_id}.")
        if found.status == "final":
            raise InvalidInput(
                f"{found.title!r} is final; set it back to draft to change its answers."
            )
        if catalog is not None:
            refs = pack_refs_by_assessment(connection, [wanted]).get(wanted, ())
            _check_scope(refs, [a.question_id for a in checked], catalog)
        now = utcnow()
        if checked:
            # The last answer to a question wins, as if saved one after the other.
            latest = {a.question_id: a for a in checked}
            _upsert(connection, [_values(wanted, a, now) for a in latest.values()])
            connection.execute(INVALIDATE, {"id": wanted})
    return [_record(a, now) for a in checked]


def _checked(answer: AnswerInput) -> AnswerInput:
    question_id = answer.question_id.strip()
    if not question_id:
        raise InvalidInput("An answer needs a question id.")
    validate.maturity(answer.maturity)
    if answer.not_applicable and answer.does_not_arise:
        raise InvalidInput(
            f"{question_id}: an answer is either not applicable or does not arise, not both."
        )
    if answer.override_finding is not None and answer.override_finding not in rules.FINDINGS:
        raise InvalidInput(
            f"{question_id}: {answer.override_finding!r} is not a finding "
            f"(one of: {', '.join(rules.FINDINGS)})."
        )
    for label, value in (
        ("justification", answer.justification),
        ("notes", answer.notes),
        ("evidence", answer.evidence),
        ("override reason", answer.override_reason),
    ):
        if len(value) > TEXT_MAX:
            raise InvalidInput(
                f"The {label} text is too long ({len(value)} characters; at most {TEXT_MAX})."
            )
    return answer if question_id == answer.question_id else replace(answer, question_id=question_id)


def _check_scope(refs: Sequence[PackRef], question_ids: list[str], catalog: Catalog) -> None:
    scope = scope_of(refs, catalog)
    if scope.missing:
        raise InvalidInput(scope.warnings()[0])
    known = scope.question_ids()
    unknown = [q for q in question_ids if q not in known]
    if unknown:
        raise InvalidInput(
            f"{', '.join(unknown[:5])} {'is' if len(unknown) == 1 else 'are'} not a question of "
            f"this assessment's questionnaires."
        )


def _values(assessment_id: uuid.UUID, answer: AnswerInput, now: Any) -> dict[str, Any]:
    return {
        "id": uuid.uuid4(),
        "created_at": now,
        "updated_at": now,
        "assessment_id": assessment_id,
        "question_id": answer.question_id,
        "maturity": answer.maturity,
        "not_applicable": bool(answer.not_applicable),
        "justification": answer.justification,
        "notes": answer.notes,
        "evidence": answer.evidence,
        "carried_over": False,
        "does_not_arise": bool(answer.does_not_arise),
        "override_finding": answer.override_finding or None,
        "override_reason": answer.override_reason if answer.override_finding else "",
    }


def _record(answer: AnswerInput, now: Any) -> AnswerRecord:
    return AnswerRecord(
        question_id=answer.question_id,
        maturity=answer.maturity,
        not_applicable=bool(answer.not_applicable),
        justification=answer.justification,
        notes=answer.notes,
        evidence=answer.evidence,
        updated_at=now,
        carried_over=False,
        does_not_arise=bool(answer.does_not_arise),
        override_finding=answer.override_finding or None,
        override_reason=answer.override_reason if answer.override_finding else "",
    )


def _upsert(connection: Connection, rows: list[dict[str, Any]]) -> None:
    statement = upsert_statement(connection.dialect.name)
    if statement is not None:
        connection.execute(statement, rows)
        return
    # Another server database: update, else insert (the write transaction holds the rows).
    table = Answer.__table__
    for row in rows:
        changed = connection.execute(
            update(table)
            .where(
                and_(
                    table.c.assessment_id == row["assessment_id"],
                    table.c.question_id == row["question_id"],
                )
            )
            .values({name: row[name] for name in UPDATED})
        )
        if changed.rowcount == 0:
            connection.execute(table.insert(), row)


@functools.cache
def upsert_statement(dialect: str) -> Insert | None:
    """``INSERT ... ON CONFLICT DO UPDATE`` for SQLite and PostgreSQL (built once per dialect)."""
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    elif dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert  # type: ignore[assignment]
    else:
        return None
    table = Answer.__table__
    statement = insert(table)
    return statement.on_conflict_do_update(
        index_elements=[table.c.assessment_id, table.c.question_id],
        set_={name: statement.excluded[name] for name in UPDATED},
    )
