"""Assessments: create, list, load, update, finalise, delete (the next cycle: ``cycles.py``)."""

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
from imsdesk.services.summaries import invalidate
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

ANSWERED = or_(
    Answer.maturity.is_not(None),
    Answer.not_applicable.is_(True),
    Answer.does_not_arise.is_(True),
)


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
    checked = checked_fields(title, packs, assessor, date, target_maturity)
    with db.transaction() as session:
        organisation = session.get(Organisation, validate.as_uuid(organisation_id, "organisation"))
        if organisation is None:
            raise NotFound(f"There is no organisation with the id {organisation_id}.")
        site = None
        if site_id is not None:
            site = session.get(Site, validate.as_uuid(site_id, "site"))
            if site is None or site.organisation_id != organisation.id:
                raise NotFound(f"{organisation.name} has no site with the id {site_id}.")
        row = new_assessment_row(organisation, site, packs, **checked)
        session.add(row)
        session.flush()
        return assessment_record(row, answered=0)


def checked_fields(
    title: str, packs: Sequence[PackRef], assessor: str, date: dt.date, target_maturity: int
) -> dict[str, object]:
    """A new assessment's fields, checked; raises InvalidInput with the first problem."""
    if not packs:
        raise InvalidInput("An assessment needs at least one questionnaire.")
    if len({p.pack_id for p in packs}) != len(packs):
        raise InvalidInput("The same questionnaire is in the scope twice.")
    return {
        "title": validate.required_text(title, "assessment title", validate.TITLE_MAX),
        "target_maturity": validate.target_maturity(target_maturity),
        "assessor": validate.optional_text(assessor, "assessor name"),
        "date": validate.date(date, "assessment date"),
    }


def new_assessment_row(
    organisation: Organisation, site: Site | None, packs: Sequence[PackRef], **fields: object
) -> Assessment:
    """A draft assessment pinning ``packs``, from ``checked_fields``."""
    return Assessment(
        organisation=organisation,
        site=site,
        status="draft",
        packs=[
            AssessmentPack(
                position=i, pack_id=p.pack_id, edition=p.edition, content_hash=p.content_hash
            )
            for i, p in enumerate(packs)
        ],
        **fields,
    )


def list_assessments(
    db: Database, organisation_id: uuid.UUID | str | None = None
) -> list[AssessmentRecord]:
    """All assessments (or one organisation's), by organisation, newest date first."""
    answered = (
        select(Answer.assessment_id, func.count().label("n"))
        .where(ANSWERED)
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
    with db.read() as session:
        return [assessment_record(row, n) for row, n in session.execute(query)]


def resolve_assessment_id(db: Database, text: str) -> uuid.UUID:
    """An assessment id from a full UUID or a unique prefix of at least four characters."""
    return resolve_id(db, Assessment, text, "assessment")


def load_assessment(db: Database, assessment_id: uuid.UUID | str) -> AssessmentDetail:
    with db.read() as session:
        return assessment_detail(get_assessment_row(session, assessment_id))


def assessment_detail(row: Assessment) -> AssessmentDetail:
    """An assessment with its answers and targets, read in the caller's session (so a caller
    such as ``refresh_plan`` scores the very answers it then works with)."""
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


def update_assessment(
    db: Database,
    assessment_id: uuid.UUID | str,
    *,
    title: str | None = None,
    assessor: str | None = None,
    date: dt.date | None = None,
    target_maturity: int | None = None,
    go_live: dt.date | object | None = ...,
) -> AssessmentRecord:
    """Change the given fields (``None`` keeps a field, except ``go_live``, where None clears the
    date and leaving it out keeps it); each is checked as on creation."""
    values: dict[str, object] = {}
    if title is not None:
        values["title"] = validate.required_text(title, "assessment title", validate.TITLE_MAX)
    if assessor is not None:
        values["assessor"] = validate.optional_text(assessor, "assessor name")
    if date is not None:
        values["date"] = validate.date(date, "assessment date")
    if target_maturity is not None:
        values["target_maturity"] = validate.target_maturity(target_maturity)
    if go_live is not ...:
        values["go_live"] = None if go_live is None else validate.date(go_live, "go-live date")
    return _update(db, assessment_id, values)


def _update(
    db: Database, assessment_id: uuid.UUID | str, values: dict[str, object]
) -> AssessmentRecord:
    with db.transaction() as session:
        row = get_assessment_row(session, assessment_id)
        changed = {k: v for k, v in values.items() if getattr(row, k) != v}
        if changed:
            for name, value in changed.items():
                setattr(row, name, value)
            row.updated_at = utcnow()
        if changed.keys() & {"target_maturity", "go_live", "date"}:  # the verdict depends on them
            invalidate(session, row.id)
        return assessment_record(row, answered_count(session, row.id))


def rename_assessment(db: Database, assessment_id: uuid.UUID | str, title: str) -> AssessmentRecord:
    return update_assessment(db, assessment_id, title=title)


def set_status(db: Database, assessment_id: uuid.UUID | str, status: str) -> AssessmentRecord:
    """Mark an assessment final (its answers are then locked) or back to draft."""
    return _update(db, assessment_id, {"status": validate.status(status)})


def set_target(db: Database, assessment_id: uuid.UUID | str, target: int) -> AssessmentRecord:
    """The assessment's target maturity (every clause without its own target)."""
    return update_assessment(db, assessment_id, target_maturity=validate.target_maturity(target))


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
        invalidate(session, row.id)
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


def get_assessment_row(session: Session, assessment_id: uuid.UUID | str) -> Assessment:
    row = session.get(Assessment, validate.as_uuid(assessment_id, "assessment"))
    if row is None:
        raise NotFound(f"There is no assessment with the id {assessment_id}.")
    return row


def answered_count(session: Session, assessment_id: uuid.UUID) -> int:
    """Answers with a maturity or declared not applicable (a note alone is not an answer)."""
    return (
        session.scalar(
            select(func.count())
            .select_from(Answer)
            .where(Answer.assessment_id == assessment_id, ANSWERED)
        )
        or 0
    )
