"""Saving answers: one short transaction per answer, durable when the call returns."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from imsdesk.catalog import Catalog
from imsdesk.errors import InvalidInput
from imsdesk.services import validate
from imsdesk.services.assessments import get_assessment_row
from imsdesk.services.convert import answer_record
from imsdesk.services.records import AnswerRecord, PackRef
from imsdesk.services.scope import scope_of
from imsdesk.storage import Database
from imsdesk.storage.models import Answer, Assessment
from imsdesk.storage.types import utcnow

TEXT_MAX = 100_000


@dataclass(frozen=True)
class AnswerInput:
    """The full state of one answer as the user left it (saving replaces the stored one)."""

    question_id: str
    maturity: int | None = None
    not_applicable: bool = False
    justification: str = ""
    notes: str = ""
    evidence: str = ""


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
    """Save several answers in one transaction (all or none)."""
    checked = [_checked(a) for a in answers]
    with db.transaction() as session:
        assessment = get_assessment_row(session, assessment_id)
        if assessment.status == "final":
            raise InvalidInput(
                f"{assessment.title!r} is final; set it back to draft to change its answers."
            )
        if catalog is not None:
            _check_scope(assessment, [a.question_id for a in checked], catalog)
        now = utcnow()
        return [_upsert(session, assessment, a, now) for a in checked]


def _checked(answer: AnswerInput) -> AnswerInput:
    question_id = answer.question_id.strip()
    if not question_id:
        raise InvalidInput("An answer needs a question id.")
    validate.maturity(answer.maturity)
    for label, value in (
        ("justification", answer.justification),
        ("notes", answer.notes),
        ("evidence", answer.evidence),
    ):
        if len(value) > TEXT_MAX:
            raise InvalidInput(
                f"The {label} text is too long ({len(value)} characters; at most {TEXT_MAX})."
            )
    return answer if question_id == answer.question_id else replace(answer, question_id=question_id)


def _check_scope(assessment: Assessment, question_ids: list[str], catalog: Catalog) -> None:
    refs = [PackRef(p.pack_id, p.edition, p.content_hash) for p in assessment.packs]
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


def _upsert(session: Session, assessment: Assessment, answer: AnswerInput, now) -> AnswerRecord:
    row = session.scalar(
        select(Answer).where(
            Answer.assessment_id == assessment.id, Answer.question_id == answer.question_id
        )
    )
    if row is None:
        row = Answer(assessment_id=assessment.id, question_id=answer.question_id)
        session.add(row)
    row.maturity = answer.maturity
    row.not_applicable = bool(answer.not_applicable)
    row.justification = answer.justification
    row.notes = answer.notes
    row.evidence = answer.evidence
    row.updated_at = now
    session.flush()
    return answer_record(row)
