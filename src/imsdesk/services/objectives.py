"""Objectives (quality and environmental), the links between them, and suggested targets."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from imsdesk.errors import InvalidInput, NotFound
from imsdesk.planning import (
    ENVIRONMENTAL,
    QUALITY,
    Library,
    LinkData,
    LinkTemplate,
    ObjectiveData,
    Suggestion,
    objective_problems,
    suggest,
)
from imsdesk.services.assessments import get_assessment_row
from imsdesk.storage import Database
from imsdesk.storage.models import Objective, ObjectiveLink
from imsdesk.storage.types import utcnow

TEXT_MAX = 100_000


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
    row = session.get(Objective, parse_id(objective_id, "objective"))
    if row is None:
        raise NotFound(f"There is no objective with the id {objective_id}.")
    return row


def parse_id(value: uuid.UUID | str, what: str) -> uuid.UUID:
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
        row = session.get(ObjectiveLink, parse_id(link_id, "link"))
        if row is None:
            raise NotFound(f"There is no link with the id {link_id}.")
        session.delete(row)


def suggestions(db: Database, library: Library, objective_id: uuid.UUID | str) -> list[Suggestion]:
    with db.read() as session:
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
    with db.read() as session:
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
    _add_objective_actions(db, assessment_id, link, template)
    return target, link


def _add_objective_actions(
    db: Database, assessment_id: uuid.UUID, link: LinkData, template: LinkTemplate
) -> None:
    """The template's levers as actions under the link: the 6.2.2 plan for these objectives
    (what, resources, who, when, how results are evaluated). They are the user's own actions
    from then on: refreshing the plan never changes them."""
    from imsdesk.services.plan import add_action

    with db.read() as session:
        start = get_assessment_row(session, assessment_id).date
    for action in template.actions:
        add_action(
            db,
            assessment_id,
            action.title,
            description=(
                f"Resources: {action.resources}\n"
                f"How the results are evaluated: {action.evaluation}\n"
                f'(A lever of the link "{template.name}": part of the plan to achieve both '
                f"objectives.)"
            ),
            clause="6.2",
            link_id=link.id,
            due=start + dt.timedelta(days=action.days),
            owner=action.owner,
        )
