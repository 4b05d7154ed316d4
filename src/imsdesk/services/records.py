"""The plain, frozen records that services hand to the CLI, the app and the reports.

They are snapshots: nothing in them talks to the database, so a widget may keep one as long as
it likes and another thread may read it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass


@dataclass(frozen=True)
class OrganisationRecord:
    id: uuid.UUID
    name: str
    sector: str
    size: str
    address: str
    contact: str
    created_at: dt.datetime
    updated_at: dt.datetime


@dataclass(frozen=True)
class SiteRecord:
    id: uuid.UUID
    organisation_id: uuid.UUID
    name: str
    address: str
    created_at: dt.datetime
    updated_at: dt.datetime


@dataclass(frozen=True)
class PackRef:
    """A questionnaire pack as an assessment pins it: id, edition and the hash of its content."""

    pack_id: str
    edition: str
    content_hash: str


@dataclass(frozen=True)
class AnswerRecord:
    question_id: str
    maturity: int | None
    not_applicable: bool
    justification: str
    notes: str
    evidence: str
    updated_at: dt.datetime
    carried_over: bool = False  # copied from the previous cycle and not saved since
    does_not_arise: bool = False  # the situation has not come up (reason in justification)
    override_finding: str | None = None  # the assessor's finding in place of the computed one
    override_reason: str = ""

    @property
    def is_answered(self) -> bool:
        """Answered: a maturity recorded, or declared not applicable or not arising."""
        return self.maturity is not None or self.not_applicable or self.does_not_arise


@dataclass(frozen=True)
class AssessmentRecord:
    id: uuid.UUID
    organisation_id: uuid.UUID
    organisation_name: str
    site_id: uuid.UUID | None
    site_name: str | None
    title: str
    assessor: str
    date: dt.date
    target_maturity: int
    status: str
    packs: tuple[PackRef, ...]
    answered: int
    created_at: dt.datetime
    updated_at: dt.datetime
    predecessor_id: uuid.UUID | None = None  # the previous cycle, if it still exists
    go_live: dt.date | None = None  # when the management system started to run


@dataclass(frozen=True)
class ClauseTargetRecord:
    pack_id: str
    clause: str
    target: int
    updated_at: dt.datetime


@dataclass(frozen=True)
class AssessmentDetail:
    """An assessment with everything recorded for it."""

    assessment: AssessmentRecord
    organisation: OrganisationRecord
    site: SiteRecord | None
    answers: tuple[AnswerRecord, ...]
    clause_targets: tuple[ClauseTargetRecord, ...] = ()

    def target_overrides(self) -> dict[tuple[str, str], int]:
        return {(t.pack_id, t.clause): t.target for t in self.clause_targets}

    def answer_for(self, question_id: str) -> AnswerRecord | None:
        for answer in self.answers:
            if answer.question_id == question_id:
                return answer
        return None
