"""The next cycle of an assessment: next year's draft, starting from this year's state.

Everything that describes where the organisation stands is copied: scope (the same pinned packs),
target and clause targets, every answer (marked ``carried_over`` until the user saves it again),
the objectives and their links, and the actions still open or in progress, so the plan continues.
Done and cancelled actions stay with the cycle that closed them.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from imsdesk.services import validate
from imsdesk.services.assessments import answered_count, get_assessment_row
from imsdesk.services.convert import assessment_record
from imsdesk.services.records import AssessmentRecord
from imsdesk.storage import Database
from imsdesk.storage.models import (
    Action,
    Answer,
    Assessment,
    AssessmentPack,
    ClauseTarget,
    Objective,
    ObjectiveLink,
)
from imsdesk.storage.types import utcnow

CONTINUING = ("open", "in progress")
SUFFIX = " (next cycle)"
OBJECTIVE_FIELDS = ("kind", "position", "category", "statement", "kpi", "unit", "baseline",
                    "target_value", "due", "owner", "frequency", "status")  # fmt: skip
ACTION_FIELDS = ("source_key", "pack_id", "clause", "title", "description", "finding", "priority",
                 "due", "owner", "status", "note", "closed_by_plan")  # fmt: skip


def next_title(title: str, source_date: dt.date, new_date: dt.date) -> str:
    """The default title of the next cycle: the source's year moved on ("Gap analysis 2026"
    becomes "Gap analysis 2027"), else the title with " (next cycle)"."""
    year = re.compile(rf"(?<!\d){source_date.year}(?!\d)")
    if new_date.year != source_date.year and year.search(title):
        return year.sub(str(new_date.year), title)
    return title[: validate.TITLE_MAX - len(SUFFIX)] + SUFFIX


def next_cycle(
    db: Database,
    assessment_id: uuid.UUID | str,
    *,
    title: str | None = None,
    date: dt.date | None = None,
) -> AssessmentRecord:
    """A new draft continuing ``assessment_id`` (its ``predecessor_id``), in one transaction.

    ``date`` defaults to today; ``title`` to the source's title moved to the new year.
    """
    new_date = validate.date(date or dt.date.today(), "assessment date")
    with db.transaction() as session:
        source = get_assessment_row(session, assessment_id)
        new_title = validate.required_text(
            title if title is not None else next_title(source.title, source.date, new_date),
            "assessment title",
            validate.TITLE_MAX,
        )
        now = utcnow()
        copy = Assessment(
            id=uuid.uuid4(),
            organisation_id=source.organisation_id,
            site_id=source.site_id,
            predecessor_id=source.id,
            title=new_title,
            assessor=source.assessor,
            date=new_date,
            target_maturity=source.target_maturity,
            go_live=source.go_live,  # the system keeps running: it does not go live again
            status="draft",
            created_at=now,
            updated_at=now,
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
                    does_not_arise=a.does_not_arise,
                    override_finding=a.override_finding,
                    override_reason=a.override_reason,
                    carried_over=True,
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
        objectives = _copy_objectives(session, source, copy.id, now)
        links = _copy_links(session, objectives, now)
        _copy_actions(session, source, copy.id, links, now)
        session.flush()
        return assessment_record(copy, answered_count(session, copy.id))


def _copy_objectives(
    session: Session, source: Assessment, target_id: uuid.UUID, now: dt.datetime
) -> dict[uuid.UUID, uuid.UUID]:
    """Returns source objective id -> copy's id."""
    mapping: dict[uuid.UUID, uuid.UUID] = {}
    for objective in source.objectives:
        mapping[objective.id] = uuid.uuid4()
        session.add(
            Objective(
                id=mapping[objective.id],
                assessment_id=target_id,
                created_at=now,
                updated_at=now,
                **{name: getattr(objective, name) for name in OBJECTIVE_FIELDS},
            )
        )
    session.flush()
    return mapping


def _copy_links(
    session: Session, objectives: dict[uuid.UUID, uuid.UUID], now: dt.datetime
) -> dict[uuid.UUID, uuid.UUID]:
    """Returns source link id -> copy's id."""
    if not objectives:
        return {}
    mapping: dict[uuid.UUID, uuid.UUID] = {}
    rows = session.scalars(
        select(ObjectiveLink)
        .where(ObjectiveLink.quality_objective_id.in_(list(objectives)))
        .order_by(ObjectiveLink.created_at, ObjectiveLink.id)
    ).all()
    for link in rows:
        if link.environmental_objective_id not in objectives:
            continue  # cannot happen through the services: both ends are in one assessment
        mapping[link.id] = uuid.uuid4()
        session.add(
            ObjectiveLink(
                id=mapping[link.id],
                quality_objective_id=objectives[link.quality_objective_id],
                environmental_objective_id=objectives[link.environmental_objective_id],
                rationale=link.rationale,
                template_id=link.template_id,
                clauses=[list(c) for c in link.clauses or ()],
                created_at=now,
                updated_at=now,
            )
        )
    session.flush()
    return mapping


def _copy_actions(
    session: Session,
    source: Assessment,
    target_id: uuid.UUID,
    links: dict[uuid.UUID, uuid.UUID],
    now: dt.datetime,
) -> None:
    ordered = sorted(source.actions, key=lambda a: (a.created_at, str(a.id)))
    for action in ordered:
        if action.status not in CONTINUING:
            continue
        session.add(
            Action(
                id=uuid.uuid4(),
                assessment_id=target_id,
                link_id=links.get(action.link_id) if action.link_id else None,
                edited=list(action.edited or ()),
                created_at=now,
                updated_at=now,
                **{name: getattr(action, name) for name in ACTION_FIELDS},
            )
        )
