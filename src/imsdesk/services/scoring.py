"""Scoring one assessment: its answers and targets against its installed packs."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from imsdesk.catalog import Catalog
from imsdesk.errors import InvalidInput
from imsdesk.scoring import ScoreCard, score_assessment
from imsdesk.services.assessments import load_assessment
from imsdesk.services.records import AssessmentDetail
from imsdesk.services.scope import Scope, scope_of
from imsdesk.storage import Database


@dataclass(frozen=True)
class ScoredAssessment:
    detail: AssessmentDetail
    scope: Scope
    card: ScoreCard


def score(db: Database, catalog: Catalog, assessment_id: uuid.UUID | str) -> ScoredAssessment:
    detail = load_assessment(db, assessment_id)
    return score_detail(detail, catalog)


def score_detail(detail: AssessmentDetail, catalog: Catalog) -> ScoredAssessment:
    scope = scope_of(detail.assessment.packs, catalog)
    if not scope.complete:
        raise InvalidInput(scope.warnings()[0])
    card = score_assessment(
        scope.packs,
        detail.answers,
        target=detail.assessment.target_maturity,
        clause_targets=detail.target_overrides(),
        go_live=detail.assessment.go_live,
        assessed=detail.assessment.date,
    )
    return ScoredAssessment(detail, scope, card)
