"""Objectives, their links and the action plan, stored per assessment.

Reading the plan (``plan``) always brings the generated actions up to date with the current
answers first, so the plan shown is never stale, also right after an import.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from imsdesk.catalog import Catalog
from imsdesk.errors import InvalidInput, NotFound
from imsdesk.planning import (
    ACTION_STATUSES,
    ENVIRONMENTAL,
    QUALITY,
    ActionData,
    ActionPlan,
    GeneratedAction,
    Library,
    LinkData,
    ObjectiveData,
    PlanChanges,
    PlanSettings,
    Suggestion,
    assemble_plan,
    gap_actions,
    objective_problems,
    suggest,
    sync_actions,
)
from imsdesk.services.assessments import get_assessment_row, load_assessment
from imsdesk.services.scoring import ScoredAssessment, score_detail
from imsdesk.storage import Database
from imsdesk.storage.models import Action, Assessment, Objective, ObjectiveLink
from imsdesk.storage.types import utcnow

TEXT_MAX = 100_000
ACTION_FIELDS = ("title", "description", "due", "owner", "status", "link_id")


@dataclass(frozen=True)
class ObjectiveInput:
    kind: str
    statement: str
    category: str = ""
    kpi: str = ""
    unit: str = ""
    baseline: float | None = None
    target_value: float | None = None
    due: dt.date | None = None
    owner: str = ""
    frequency: str = ""
    status: str = "draft"


def objective_data(row: Objective) -> ObjectiveData:
    return ObjectiveData(
        id=row.id,
        kind=row.kind,
        statement=row.statement,
        category=row.category,
        kpi=row.kpi,
        unit=row.unit,
        baseline=row.baseline,
        target_value=row.target_value,
        due=row.due,
        owner=row.owner,
        frequency=row.frequency,
        status=row.status,
        position=row.position,
        updated_at=row.updated_at,
    )


def link_data(row: ObjectiveLink) -> LinkData:
    return LinkData(
        id=row.id,
        quality_objective_id=row.quality_objective_id,
        environmental_objective_id=row.environmental_objective_id,
        rationale=row.rationale,
        template_id=row.template_id,
        clauses=tuple((side, clause) for side, clause in row.clauses or ()),
        updated_at=row.updated_at,
    )


def action_data(row: Action) -> ActionData:
    return ActionData(
        id=row.id,
        title=row.title,
        source_key=row.source_key,
        pack_id=row.pack_id,
        clause=row.clause,
        description=row.description,
        finding=row.finding,
        priority=row.priority,
        due=row.due,
        owner=row.owner,
        status=row.status,
        note=row.note,
        closed_by_plan=row.closed_by_plan,
        edited=frozenset(row.edited or ()),
        link_id=row.link_id,
        updated_at=row.updated_at,
    )


# Objectives -------------------------------------------------------------------------------------


def _checked_objective(data: ObjectiveInput, assessment_date: dt.date) -> ObjectiveInput:
    cleaned = replace(
        data,
        statement=" ".join(data.statement.split()),
        category=data.category.strip(),
        kpi=data.kpi.strip(),
        unit=data.unit.strip(),
        owner=data.owner.strip(),
        frequency=data.frequency.strip(),
    )
    probe = ObjectiveData(
        uuid.uuid4(), **{f.name: getattr(cleaned, f.name) for f in fields(cleaned)}
    )
    problems = objective_problems(probe, assessment_date)
    if problems:
        raise InvalidInput(" ".join(problems))
    if len(cleaned.statement) > TEXT_MAX:
        raise InvalidInput("The statement is too long.")
    return cleaned


def add_objective(
    db: Database, assessment_id: uuid.UUID | str, data: ObjectiveInput
) -> ObjectiveData:
    with db.transaction() as session:
        assessment = get_assessment_row(session, assessment_id)
        checked = _checked_objective(data, assessment.date)
        position = max((o.position for o in assessment.objectives), default=-1) + 1
        row = Objective(assessment_id=assessment.id, position=position, **vars(checked))
        session.add(row)
        session.flush()
        return objective_data(row)


def update_objective(
    db: Database, objective_id: uuid.UUID | str, **changes: object
) -> ObjectiveData:
    """Change some fields of an objective; the result is validated as a whole."""
    unknown = set(changes) - {f.name for f in fields(ObjectiveInput)} - {"kind"}
    if unknown:
        raise InvalidInput(f"Unknown objective field {sorted(unknown)[0]!r}.")
    with db.transaction() as session:
        row = _objective(session, objective_id)
        if "kind" in changes and changes["kind"] != row.kind:
            raise InvalidInput("An objective cannot change its kind; create a new one instead.")
        current = ObjectiveInput(**{f.name: getattr(row, f.name) for f in fields(ObjectiveInput)})
        checked = _checked_objective(replace(current, **changes), row.assessment.date)
        for name, value in vars(checked).items():
            setattr(row, name, value)
        row.updated_at = utcnow()
        return objective_data(row)


def delete_objective(db: Database, objective_id: uuid.UUID | str) -> None:
    """Delete an objective with its links; actions that served those links stay in the plan."""
    with db.transaction() as session:
        # The database cascades to the links and sets the actions' link to null.
        session.delete(_objective(session, objective_id))


def _objective(session: Session, objective_id: uuid.UUID | str) -> Objective:
    row = session.get(Objective, _uuid(objective_id, "objective"))
    if row is None:
        raise NotFound(f"There is no objective with the id {objective_id}.")
    return row


def _uuid(value: uuid.UUID | str, what: str) -> uuid.UUID:
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(value)
    except ValueError as exc:
        raise InvalidInput(f"{value!r} is not a valid {what} id.") from exc


# Links ------------------------------------------------------------------------------------------


def link_objectives(
    db: Database,
    quality_id: uuid.UUID | str,
    environmental_id: uuid.UUID | str,
    *,
    rationale: str = "",
    template_id: str | None = None,
    clauses: Iterable[tuple[str, str]] = (),
) -> LinkData:
    with db.transaction() as session:
        quality = _objective(session, quality_id)
        environmental = _objective(session, environmental_id)
        if quality.kind != QUALITY or environmental.kind != ENVIRONMENTAL:
            raise InvalidInput("A link goes from a quality objective to an environmental one.")
        if quality.assessment_id != environmental.assessment_id:
            raise InvalidInput("Both objectives must belong to the same assessment.")
        exists = session.scalar(
            select(ObjectiveLink).where(
                ObjectiveLink.quality_objective_id == quality.id,
                ObjectiveLink.environmental_objective_id == environmental.id,
            )
        )
        if exists is not None:
            raise InvalidInput("These two objectives are already linked.")
        row = ObjectiveLink(
            quality_objective_id=quality.id,
            environmental_objective_id=environmental.id,
            rationale=" ".join(rationale.split()),
            template_id=template_id,
            clauses=[list(c) for c in clauses],
        )
        session.add(row)
        session.flush()
        return link_data(row)


def unlink(db: Database, link_id: uuid.UUID | str) -> None:
    with db.transaction() as session:
        row = session.get(ObjectiveLink, _uuid(link_id, "link"))
        if row is None:
            raise NotFound(f"There is no link with the id {link_id}.")
        session.delete(row)


def suggestions(db: Database, library: Library, objective_id: uuid.UUID | str) -> list[Suggestion]:
    with db.transaction() as session:
        row = _objective(session, objective_id)
        if row.kind != QUALITY:
            raise InvalidInput("Suggestions are environmental targets for a quality objective.")
        return suggest(objective_data(row), library)


def accept_suggestion(
    db: Database,
    library: Library,
    quality_id: uuid.UUID | str,
    template_id: str,
    *,
    baseline: float,
    target_value: float,
    due: dt.date,
    owner: str = "",
    frequency: str = "",
    statement: str | None = None,
) -> tuple[ObjectiveData, LinkData]:
    """Create the template's environmental target (with the user's numbers) and link it."""
    template = library.template(template_id)
    if template is None:
        raise NotFound(f"There is no link template {template_id!r}.")
    with db.transaction() as session:
        quality = _objective(session, quality_id)
        assessment_id = quality.assessment_id
    env = template.environmental
    target = add_objective(
        db,
        assessment_id,
        ObjectiveInput(
            kind=ENVIRONMENTAL,
            statement=statement or env.statement,
            category=template.category,
            kpi=env.kpi,
            unit=env.unit,
            baseline=baseline,
            target_value=target_value,
            due=due,
            owner=owner,
            frequency=frequency,
        ),
    )
    link = link_objectives(
        db,
        quality_id,
        target.id,
        rationale=template.rationale,
        template_id=template.id,
        clauses=template.clauses,
    )
    return target, link


# Actions ----------------------------------------------------------------------------------------


def add_action(
    db: Database,
    assessment_id: uuid.UUID | str,
    title: str,
    *,
    description: str = "",
    pack_id: str = "",
    clause: str = "",
    link_id: uuid.UUID | str | None = None,
    due: dt.date | None = None,
    owner: str = "",
) -> ActionData:
    """An action the user writes (not generated from a gap)."""
    title = " ".join(title.split())
    if not title:
        raise InvalidInput("An action needs a title.")
    with db.transaction() as session:
        assessment = get_assessment_row(session, assessment_id)
        if pack_id and pack_id not in {p.pack_id for p in assessment.packs}:
            raise InvalidInput(f"The questionnaire {pack_id!r} is not in this assessment.")
        row = Action(
            assessment_id=assessment.id,
            title=title[:300],
            description=description,
            pack_id=pack_id,
            clause=clause,
            link_id=_link_in(session, link_id, assessment.id) if link_id else None,
            due=due,
            owner=owner.strip(),
            status="open",
            note="",
            closed_by_plan=False,
            edited=[],
        )
        session.add(row)
        session.flush()
        return action_data(row)


def update_action(db: Database, action_id: uuid.UUID | str, **changes: object) -> ActionData:
    """Edit an action; edited fields are never overwritten when the plan is regenerated."""
    unknown = set(changes) - set(ACTION_FIELDS)
    if unknown:
        raise InvalidInput(f"Unknown action field {sorted(unknown)[0]!r}.")
    if "status" in changes and changes["status"] not in ACTION_STATUSES:
        raise InvalidInput(
            f"Unknown status {changes['status']!r}; use one of {', '.join(ACTION_STATUSES)}."
        )
    if "title" in changes and not str(changes["title"]).strip():
        raise InvalidInput("An action needs a title.")
    with db.transaction() as session:
        row = session.get(Action, _uuid(action_id, "action"))
        if row is None:
            raise NotFound(f"There is no action with the id {action_id}.")
        if "link_id" in changes and changes["link_id"] is not None:
            changes["link_id"] = _link_in(session, changes["link_id"], row.assessment_id)
        for name, value in changes.items():
            setattr(
                row,
                name,
                value.strip() if isinstance(value, str) and name != "description" else value,
            )
        if "status" in changes:
            row.closed_by_plan = False
        row.edited = sorted(set(row.edited or ()) | set(changes))
        row.updated_at = utcnow()
        return action_data(row)


def _link_in(session: Session, link_id: object, assessment_id: uuid.UUID) -> uuid.UUID:
    link = session.get(ObjectiveLink, _uuid(link_id, "link"))  # type: ignore[arg-type]
    if link is None:
        raise NotFound(f"There is no link with the id {link_id}.")
    objective = session.get(Objective, link.quality_objective_id)
    if objective is None or objective.assessment_id != assessment_id:
        raise InvalidInput("That link belongs to another assessment.")
    return link.id


# The plan ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanView:
    scored: ScoredAssessment
    plan: ActionPlan
    changes: PlanChanges


def plan(
    db: Database,
    catalog: Catalog,
    assessment_id: uuid.UUID | str,
    *,
    settings: PlanSettings | None = None,
    today: dt.date | None = None,
) -> PlanView:
    """The assessment's plan, brought up to date with its answers first."""
    scored = score_detail(load_assessment(db, assessment_id), catalog)
    record = scored.detail.assessment
    today = today or dt.date.today()
    with db.transaction() as session:
        assessment = get_assessment_row(session, record.id)
        objectives = [objective_data(o) for o in assessment.objectives]
        links = _links(session, [o.id for o in objectives])
        generated = gap_actions(scored.card, scored.scope.packs, record.date, links, settings)
        rows = {a.id: a for a in assessment.actions}
        changes = sync_actions([action_data(a) for a in rows.values()], generated, today)
        _apply(assessment, rows, changes)
        session.flush()
        actions = [action_data(a) for a in assessment.actions]
    titles = {s.number: s.title for s in scored.card.sections if s.pack_id is None}
    arranged = assemble_plan(objectives, links, actions, titles, record.date)
    return PlanView(scored, arranged, changes)


def _links(session: Session, objective_ids: list[uuid.UUID]) -> list[LinkData]:
    if not objective_ids:
        return []
    rows = session.scalars(
        select(ObjectiveLink).where(ObjectiveLink.quality_objective_id.in_(objective_ids))
    ).all()
    order = {oid: i for i, oid in enumerate(objective_ids)}
    rows = sorted(
        rows,
        key=lambda r: (order[r.quality_objective_id], order.get(r.environmental_objective_id, 0)),
    )
    return [link_data(r) for r in rows]


def _apply(assessment: Assessment, rows: dict[uuid.UUID, Action], changes: PlanChanges) -> None:
    now = utcnow()
    for gap in changes.added:
        assessment.actions.append(_new_action(assessment.id, gap, now))
    # Derived changes keep updated_at: it dates the user's edits, which decide exchange merges.
    for action in (*changes.updated, *changes.closed, *changes.reopened):
        row = rows[action.id]
        for name in ("title", "description", "finding", "priority", "due", "status", "note",
                     "closed_by_plan", "link_id"):  # fmt: skip
            setattr(row, name, getattr(action, name))


def _new_action(assessment_id: uuid.UUID, gap: GeneratedAction, now: dt.datetime) -> Action:
    return Action(
        assessment_id=assessment_id,
        source_key=gap.source_key,
        pack_id=gap.pack_id,
        clause=gap.clause,
        title=gap.title,
        description=gap.description,
        finding=gap.finding,
        priority=gap.priority,
        due=gap.due,
        owner="",
        status="open",
        note="",
        closed_by_plan=False,
        edited=[],
        link_id=gap.link_id,
        created_at=now,
        updated_at=now,
    )
