"""The assessments list with what each one needs the questionnaires for: progress (and, once
scored, the score)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select

from imsdesk.catalog import Catalog
from imsdesk.services.assessments import list_assessments
from imsdesk.services.records import AssessmentRecord
from imsdesk.services.scope import Scope, scope_of
from imsdesk.storage import Database
from imsdesk.storage.models import Answer


@dataclass(frozen=True)
class AssessmentSummary:
    record: AssessmentRecord
    scope: Scope
    answered: int  # questions of the installed packs answered or declared N/A
    total: int

    @property
    def progress(self) -> float | None:
        """Percent of the assessment's questions answered; None if its packs are missing."""
        if not self.scope.complete or not self.total:
            return None
        return round(100 * self.answered / self.total, 1)


def summarise_assessments(db: Database, catalog: Catalog) -> list[AssessmentSummary]:
    records = list_assessments(db)
    answered: dict = defaultdict(set)
    with db.transaction() as session:
        rows = session.execute(
            select(Answer.assessment_id, Answer.question_id).where(
                (Answer.maturity.is_not(None)) | (Answer.not_applicable.is_(True))
            )
        )
        for assessment_id, question_id in rows:
            answered[assessment_id].add(question_id)
    summaries = []
    for record in records:
        scope = scope_of(record.packs, catalog)
        ids = scope.question_ids()
        summaries.append(AssessmentSummary(record, scope, len(ids & answered[record.id]), len(ids)))
    return summaries
