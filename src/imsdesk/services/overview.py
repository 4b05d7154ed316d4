"""The assessments list with what each one needs the questionnaires and the scoring engine for:
progress, score and readiness."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select

from imsdesk.catalog import Catalog
from imsdesk.scoring import ScoreCard, score_assessment
from imsdesk.services.assessments import list_assessments
from imsdesk.services.convert import answer_record
from imsdesk.services.records import AssessmentRecord
from imsdesk.services.scope import Scope, scope_of
from imsdesk.storage import Database
from imsdesk.storage.models import Answer, ClauseTarget


@dataclass(frozen=True)
class AssessmentSummary:
    record: AssessmentRecord
    scope: Scope
    card: ScoreCard | None  # None while a pack of the assessment is not installed

    @property
    def progress(self) -> float | None:
        """Percent of the assessment's questions answered (or validly not applicable)."""
        return self.card.completion if self.card else None

    @property
    def answered(self) -> int | None:
        return sum(q.counted for q in self.card.questions) if self.card else None

    @property
    def total(self) -> int | None:
        return len(self.card.questions) if self.card else None

    @property
    def score(self) -> float | None:
        return self.card.score if self.card else None


def summarise_assessments(db: Database, catalog: Catalog) -> list[AssessmentSummary]:
    records = list_assessments(db)
    answers: dict = defaultdict(list)
    targets: dict = defaultdict(dict)
    with db.transaction() as session:
        for answer in session.scalars(select(Answer)):
            answers[answer.assessment_id].append(answer_record(answer))
        for target in session.scalars(select(ClauseTarget)):
            targets[target.assessment_id][(target.pack_id, target.clause)] = target.target
    summaries = []
    for record in records:
        scope = scope_of(record.packs, catalog)
        card = None
        if scope.complete:
            card = score_assessment(
                scope.packs,
                answers[record.id],
                target=record.target_maturity,
                clause_targets=targets[record.id],
            )
        summaries.append(AssessmentSummary(record, scope, card))
    return summaries
