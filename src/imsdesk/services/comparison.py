"""Comparing an assessment with an earlier one of the same client and questionnaires: this
year's cycle against last year's.

Only an earlier assessment is a baseline: comparing with a later one would turn every improvement
into a regression, and comparing with itself shows nothing. "Earlier" is the assessment date; on
the same date, the one created first.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from imsdesk.catalog import Catalog
from imsdesk.errors import InvalidInput
from imsdesk.scoring.compare import Comparison, compare
from imsdesk.services.assessments import list_assessments, load_assessment
from imsdesk.services.records import AssessmentRecord
from imsdesk.services.scoring import ScoredAssessment, score_detail
from imsdesk.storage import Database


@dataclass(frozen=True)
class CycleComparison:
    earlier: ScoredAssessment
    later: ScoredAssessment
    comparison: Comparison


def _packs(record: AssessmentRecord) -> frozenset[str]:
    return frozenset(p.pack_id for p in record.packs)


def _order(record: AssessmentRecord) -> tuple:
    return (record.date, record.created_at)


def check_comparable(earlier: AssessmentRecord, later: AssessmentRecord) -> None:
    """Raise InvalidInput with the reason when ``earlier`` cannot be the baseline of ``later``."""
    if earlier.id == later.id:
        raise InvalidInput("An assessment cannot be compared with itself; choose an earlier one.")
    if _order(earlier) > _order(later):
        raise InvalidInput(
            f"{earlier.title!r} ({earlier.date.isoformat()}) is later than {later.title!r} "
            f"({later.date.isoformat()}); compare an assessment with an earlier one."
        )
    if _packs(earlier) != _packs(later):
        raise InvalidInput(
            "Only assessments of the same questionnaires can be compared: "
            f"{', '.join(sorted(_packs(earlier)))} against {', '.join(sorted(_packs(later)))}."
        )


def baselines(db: Database, assessment_id: uuid.UUID | str) -> list[AssessmentRecord]:
    """The assessments this one can be compared with: earlier ones of the same client and
    questionnaires, the predecessor (previous cycle) first, then newest first."""
    record = load_assessment(db, assessment_id).assessment
    found = []
    for other in list_assessments(db, record.organisation_id):
        try:
            check_comparable(other, record)
        except InvalidInput:
            continue
        found.append(other)
    found.sort(key=lambda r: (r.id != record.predecessor_id, [-x for x in _sort_key(r)]))
    return found


def _sort_key(record: AssessmentRecord) -> tuple[float, float]:
    return (record.date.toordinal(), record.created_at.timestamp())


def compare_cycles(
    db: Database, catalog: Catalog, earlier_id: uuid.UUID | str, later_id: uuid.UUID | str
) -> CycleComparison:
    """Scores of both, per-clause deltas and the questions that improved or regressed."""
    earlier_detail = load_assessment(db, earlier_id)
    later_detail = load_assessment(db, later_id)
    check_comparable(earlier_detail.assessment, later_detail.assessment)
    earlier = score_detail(earlier_detail, catalog)
    later = score_detail(later_detail, catalog)
    return CycleComparison(earlier, later, compare(earlier.card, later.card))
