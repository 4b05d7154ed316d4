"""Saving answers: one short transaction per answer, durable when the call returns."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from imsdesk.errors import InvalidInput
from imsdesk.services import validate
from imsdesk.services.assessments import get_assessment_row
from imsdesk.services.convert import answer_record
from imsdesk.services.records import AnswerRecord
from imsdesk.storage import Database
from imsdesk.storage.models import Answer
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


def save_answer(db: Database, assessment_id: uuid.UUID | str, answer: AnswerInput) -> AnswerRecord:
    """Insert or replace one answer. When this returns, the answer is on disk."""
    question_id = answer.question_id.strip()
    if not question_id:
        raise InvalidInput("An answer needs a question id.")
    maturity = validate.maturity(answer.maturity)
    for label, value in (
        ("justification", answer.justification),
        ("notes", answer.notes),
        ("evidence", answer.evidence),
    ):
        if len(value) > TEXT_MAX:
            raise InvalidInput(
                f"The {label} text is too long ({len(value)} characters; at most {TEXT_MAX})."
            )
    with db.transaction() as session:
        assessment = get_assessment_row(session, assessment_id)
        if assessment.status == "final":
            raise InvalidInput(
                f"{assessment.title!r} is final; set it back to draft to change its answers."
            )
        row = session.scalar(
            select(Answer).where(
                Answer.assessment_id == assessment.id, Answer.question_id == question_id
            )
        )
        if row is None:
            row = Answer(assessment_id=assessment.id, question_id=question_id)
            session.add(row)
        row.maturity = maturity
        row.not_applicable = bool(answer.not_applicable)
        row.justification = answer.justification
        row.notes = answer.notes
        row.evidence = answer.evidence
        row.updated_at = utcnow()
        session.flush()
        return answer_record(row)
