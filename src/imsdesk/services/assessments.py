"""Assessments: create, list, load, rename, finalise, duplicate for the next cycle, delete."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from imsdesk.errors import InvalidInput, NotFound
from imsdesk.services import validate
from imsdesk.services.convert import (
    answer_record,
    assessment_record,
    clause_target_record,
    organisation_record,
    site_record,
)
from imsdesk.services.ids import resolve_id
from imsdesk.services.records import AssessmentDetail, AssessmentRecord, PackRef
from imsdesk.storage import Database
from imsdesk.storage.models import (
    Answer,
    Assessment,
    AssessmentPack,
    ClauseTarget,
    Organisation,
    Site,
)
from imsdesk.storage.types import utcnow


def create_assessment(
    db: Database,
    organisation_id: uuid.UUID | str,
    *,
    title: str,
    date: dt.date,
    packs: Sequence[PackRef],
    site_id: uuid.UUID | str | None = None,
    assessor: str = "",
    target_maturity: int = 3,
) -> AssessmentRecord:
    if not packs:
        raise InvalidInput("An assessment needs at least one questionnaire.")
    if len({p.pack_id for p in packs}) != len(packs):
        raise InvalidInput("The same questionnaire is in the scope twice.")
    checked_title = validate.required_text(title, "assessment title", validate.TITLE_MAX)
    checked_target = validate.target_maturity(target_maturity)
    with db.transaction() as session:
        organisation = session.get(Organisation, validate.as_uuid(organisation_id, "organisation"))
        if organisation is None:
            raise NotFound(f"There is no organisation with the id {organisation_id}.")
        site = None
        if site_id is not None:
            site = session.get(Site, validate.as_uuid(site_id, "site"))
            if site is None or site.organisation_id != organisation.id:
                raise NotFound(f"{organisation.name} has no site with the id {site_id}.")
        row = Assessment(
            organisation=organisation,
            site=site,
            title=checked_title,
            assessor=assessor.strip(),
            date=date,
            target_maturity=checked_target,
            status="draft",
            packs=[
                AssessmentPack(
                    position=i, pack_id=p.pack_id, edition=p.edition, content_hash=p.content_hash
                )
                for i, p in enumerate(packs)
            ],
        )
        session.add(row)
        session.flush()
        return assessment_record(row, answered=0)


def list_assessments(
    db: Database, organisation_id: uuid.UUID | str | None = None
) -> list[AssessmentRecord]:
    """All assessments (or one organisation's), by organisation, newest date first."""
    answered = (
        select(Answer.assessment_id, func.count().label("n"))
        .where(or_(Answer.maturity.is_not(None), Answer.not_applicable.is_(True)))
        .group_by(Answer.assessment_id)
        .subquery()
    )
    query = (
        select(Assessment, func.coalesce(answered.c.n, 0))
        .join(Assessment.organisation)
        .outerjoin(answered, answered.c.assessment_id == Assessment.id)
        .options(selectinload(Assessment.packs), selectinload(Assessment.site))
        .order_by(Organisation.name, Assessment.date.desc(), Assessment.title, Assessment.id)
    )
    if organisation_id is not None:
        query = query.where(
            Assessment.organisation_id == validate.as_uuid(organisation_id, "organisation")
        )
    with db.transaction() as session:
        return [assessment_record(row, n) for row, n in session.execute(query)]


def resolve_assessment_id(db: Database, text: str) -> uuid.UUID:
    """An assessment id from a full UUID or a unique prefix of at least four characters."""
    return resolve_id(db, Assessment, text, "assessment")


def load_assessment(db: Database, assessment_id: uuid.UUID | str) -> AssessmentDetail:
    with db.transaction() as session:
        row = get_assessment_row(session, assessment_id)
        answers = tuple(answer_record(a) for a in sorted(row.answers, key=lambda a: a.question_id))
        return AssessmentDetail(
            assessment=assessment_record(row, sum(a.is_answered for a in answers)),
            organisation=organisation_record(row.organisation),
            site=site_record(row.site) if row.site else None,
            answers=answers,
            clause_targets=tuple(
                clause_target_record(t)
                for t in sorted(row.clause_targets, key=lambda t: (t.pack_id, t.clause))
            ),
        )


def _update(db: Database, assessment_id: uuid.UUID | str, **values: object) -> AssessmentRecord:
    with db.transaction() as session:
        row = get_assessment_row(session, assessment_id)
        for name, value in values.items():
            setattr(row, name, value)
        row.updated_at = utcnow()
        return assessment_record(row, _answered(row))


def rename_assessment(db: Database, assessment_id: uuid.UUID | str, title: str) -> AssessmentRecord:
    title = validate.required_text(title, "assessment title", validate.TITLE_MAX)
    return _update(db, assessment_id, title=title)


def set_status(db: Database, assessment_id: uuid.UUID | str, status: str) -> AssessmentRecord:
    """Mark an assessment final (its answers are then locked) or back to draft."""
    return _update(db, assessment_id, status=validate.status(status))


def set_target(db: Database, assessment_id: uuid.UUID | str, target: int) -> AssessmentRecord:
    """The assessment's target maturity (every clause without its own target)."""
    return _update(db, assessment_id, target_maturity=validate.target_maturity(target))


def set_clause_target(
    db: Database,
    assessment_id: uuid.UUID | str,
    pack_id: str,
    clause: str,
    target: int | None,
) -> None:
    """Override the target for one clause and its subclauses; ``None`` removes the override."""
    checked = None if target is None else validate.target_maturity(target)
    with db.transaction() as session:
        row = get_assessment_row(session, assessment_id)
        if pack_id not in {p.pack_id for p in row.packs}:
            raise InvalidInput(f"The questionnaire {pack_id!r} is not in this assessment.")
        existing = next(
            (t for t in row.clause_targets if t.pack_id == pack_id and t.clause == clause), None
        )
        if checked is None:
            if existing is not None:
                row.clause_targets.remove(existing)
            return
        if existing is None:
            existing = ClauseTarget(pack_id=pack_id, clause=clause, target=checked)
            row.clause_targets.append(existing)
        existing.target = checked
        existing.updated_at = utcnow()


def delete_assessment(db: Database, assessment_id: uuid.UUID | str) -> None:
    with db.transaction() as session:
        session.delete(get_assessment_row(session, assessment_id))


def duplicate_assessment(
    db: Database,
    assessment_id: uuid.UUID | str,
    *,
    title: str | None = None,
    date: dt.date | None = None,
) -> AssessmentRecord:
    """Start the next cycle: a draft copy with the same scope, target and answers."""
    with db.transaction() as session:
        source = get_assessment_row(session, assessment_id)
        now = utcnow()
        copy = Assessment(
            organisation_id=source.organisation_id,
            site_id=source.site_id,
            title=validate.required_text(
                title if title is not None else source.title,
                "assessment title",
                validate.TITLE_MAX,
            ),
            assessor=source.assessor,
            date=date or dt.date.today(),
            target_maturity=source.target_maturity,
            status="draft",
            packs=[
                AssessmentPack(
                    position=p.position,
                    pack_id=p.pack_id,
                    edition=p.edition,
                    content_hash=p.content_hash,
                )
                for p in source.packs
            ],
            answers=[
                Answer(
                    question_id=a.question_id,
                    maturity=a.maturity,
                    not_applicable=a.not_applicable,
                    justification=a.justification,
                    notes=a.notes,
                    evidence=a.evidence,
                    created_at=now,
                    updated_at=now,
                )
                for a in source.answers
            ],
            clause_targets=[
                ClauseTarget(pack_id=t.pack_id, clause=t.clause, target=t.target)
                for t in source.clause_targets
            ],
        )
        session.add(copy)
        session.flush()
        return assessment_record(copy, _answered(copy))


def get_assessment_row(session: Session, assessment_id: uuid.UUID | str) -> Assessment:
    row = session.get(Assessment, validate.as_uuid(assessment_id, "assessment"))
    if row is None:
        raise NotFound(f"There is no assessment with the id {assessment_id}.")
    return row


def _answered(row: Assessment) -> int:
    return sum(1 for a in row.answers if a.maturity is not None or a.not_applicable)
