"""ORM rows to frozen records. Only services call these, inside their session."""

from __future__ import annotations

from imsdesk.services.records import (
    AnswerRecord,
    AssessmentRecord,
    ClauseTargetRecord,
    OrganisationRecord,
    PackRef,
    SiteRecord,
)
from imsdesk.storage.models import Answer, Assessment, ClauseTarget, Organisation, Site


def organisation_record(row: Organisation) -> OrganisationRecord:
    return OrganisationRecord(
        id=row.id,
        name=row.name,
        sector=row.sector,
        size=row.size,
        address=row.address,
        contact=row.contact,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def site_record(row: Site) -> SiteRecord:
    return SiteRecord(
        id=row.id,
        organisation_id=row.organisation_id,
        name=row.name,
        address=row.address,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def answer_record(row: Answer) -> AnswerRecord:
    return AnswerRecord(
        question_id=row.question_id,
        maturity=row.maturity,
        not_applicable=row.not_applicable,
        justification=row.justification,
        notes=row.notes,
        evidence=row.evidence,
        updated_at=row.updated_at,
        carried_over=row.carried_over,
        does_not_arise=row.does_not_arise,
        override_finding=row.override_finding,
        override_reason=row.override_reason,
    )


def assessment_record(row: Assessment, answered: int) -> AssessmentRecord:
    return AssessmentRecord(
        id=row.id,
        organisation_id=row.organisation_id,
        organisation_name=row.organisation.name,
        site_id=row.site_id,
        site_name=row.site.name if row.site else None,
        title=row.title,
        assessor=row.assessor,
        date=row.date,
        target_maturity=row.target_maturity,
        status=row.status,
        packs=tuple(PackRef(p.pack_id, p.edition, p.content_hash) for p in row.packs),
        answered=answered,
        created_at=row.created_at,
        updated_at=row.updated_at,
        predecessor_id=row.predecessor_id,
        go_live=row.go_live,
    )


def clause_target_record(row: ClauseTarget) -> ClauseTargetRecord:
    return ClauseTargetRecord(row.pack_id, row.clause, row.target, row.updated_at)
