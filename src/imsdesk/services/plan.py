"""The action plan of an assessment: its actions, bringing them up to date, and reading the plan.

``refresh_plan`` is the command: it brings the generated actions up to date with the answers in
one write transaction. ``load_plan`` is the read: it never writes, so the app can call it on any
worker thread and a report never changes the database. Callers that show a plan which must match
the answers (``imsdesk plan``, ``imsdesk report``) refresh first, then load.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from imsdesk.catalog import Catalog
from imsdesk.errors import InvalidInput, NotFound
from imsdesk.planning import (
    ACTION_STATUSES,
    ActionData,
    ActionPlan,
    GeneratedAction,
    Library,
    LinkData,
    PlanChanges,
    PlanSettings,
    assemble_plan,
    gap_actions,
    load_library,
    sync_actions,
)
from imsdesk.planning.topics import Topics, load_topics
from imsdesk.services.assessments import assessment_detail, get_assessment_row
from imsdesk.services.objectives import link_data, objective_data, parse_id
from imsdesk.services.scope import Scope
from imsdesk.services.scoring import ScoredAssessment, score_detail
from imsdesk.storage import Database
from imsdesk.storage.models import Action, Assessment, Objective, ObjectiveLink
from imsdesk.storage.types import utcnow

ACTION_FIELDS = ("title", "description", "due", "owner", "status", "link_id", "priority")
CLAUSE_NUMBER = re.compile(r"(?:[1-9]|10)(?:\.\d{1,2}){0,3}")
MAX_PRIORITY = 1000.0  # generated priorities stay far below; a typo like 5000 is refused


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
        phase=row.phase,
        question_ids=tuple(row.question_ids or ()),
    )


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
        if clause and not CLAUSE_NUMBER.fullmatch(clause):  # the plan sorts by clause number
            raise InvalidInput(f"{clause!r} is not a clause number; write it like 8.5.1.")
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
    if "priority" in changes:
        changes["priority"] = _priority(changes["priority"])
    with db.transaction() as session:
        row = session.get(Action, parse_id(action_id, "action"))
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


def delete_action(db: Database, action_id: uuid.UUID | str) -> ActionData:
    """Delete one of the user's own actions; returns it as it was.

    Actions generated from a gap are refused: bringing the plan up to date would create them
    again. The user closes those by status (done or cancelled) instead.
    """
    with db.transaction() as session:
        row = session.get(Action, parse_id(action_id, "action"))
        if row is None:
            raise NotFound(f"There is no action with the id {action_id}.")
        if row.source_key is not None:
            raise InvalidInput(
                f"The action {row.title!r} comes from a gap in the answers, so refreshing the "
                "plan would bring it back. Set its status to cancelled (or done) instead."
            )
        deleted = action_data(row)
        session.delete(row)
        return deleted


def _priority(value: object) -> float | None:
    """A priority the user sets: a number from 0 (least urgent) up, or None for none."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidInput(f"A priority is a number, not {value!r}.")
    if not 0 <= float(value) <= MAX_PRIORITY:
        raise InvalidInput(f"A priority is a number from 0 to {MAX_PRIORITY:g}, not {value:g}.")
    return round(float(value), 1)


def _link_in(session: Session, link_id: object, assessment_id: uuid.UUID) -> uuid.UUID:
    link = session.get(ObjectiveLink, parse_id(link_id, "link"))  # type: ignore[arg-type]
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
    topics: Topics = field(default_factory=Topics.empty)

    def standards(self, action: ActionData) -> tuple[str, ...]:
        """The standards an action serves: those of its questions (both, for an integrated
        action), else of its questionnaire, else both for an action under an objective link."""
        return tuple(served_clauses(self.scored.scope, action))

    def serves(self, action: ActionData) -> str:
        """E.g. "ISO 9001 9.2.1; ISO 14001 9.2.1", as the app and the reports show it."""
        return "; ".join(
            f"{standard} {', '.join(clauses)}".rstrip()
            for standard, clauses in served_clauses(self.scored.scope, action).items()
        )

    def phase_name(self, action: ActionData) -> str:
        return self.topics.phase_name(action.phase) if action.phase else ""


def served_clauses(scope: Scope, action: ActionData) -> dict[str, list[str]]:
    """Standard -> the clauses an action serves there, in the assessment's order of packs."""
    found: dict[str, list[str]] = {}
    for question_id in action.question_ids:
        pack = scope.pack_of(question_id)
        if pack is not None:
            clauses = found.setdefault(pack.id, [])
            clause = pack.question(question_id).clause
            if clause not in clauses:
                clauses.append(clause)
    if not found and action.pack_id:
        found[action.pack_id] = [action.clause] if action.clause else []
    if not found and action.link_id is not None:  # a link ties a QMS and an EMS objective
        found = {p.id: [action.clause] if action.clause else [] for p in scope.packs}
    return {p.standard: found[p.id] for p in scope.packs if p.id in found}


def refresh_plan(
    db: Database,
    catalog: Catalog,
    assessment_id: uuid.UUID | str,
    *,
    settings: PlanSettings | None = None,
    today: dt.date | None = None,
) -> PlanChanges:
    """Bring the generated actions up to date with the answers; returns what changed.

    Answers, links and actions are read and the actions written in one transaction, so an answer
    saved meanwhile cannot slip between scoring and storing.
    """
    today = today or dt.date.today()
    with db.transaction() as session:
        assessment = get_assessment_row(session, assessment_id)
        scored = score_detail(assessment_detail(assessment), catalog)
        objective_ids = [o.id for o in assessment.objectives]
        links = _links(session, objective_ids)
        generated = gap_actions(
            scored.card,
            scored.scope.packs,
            assessment.date,
            links,
            settings,
            topics=load_topics(catalog.folders),
            link_questions=_link_questions(links, load_library(catalog.folders)),
        )
        rows = {a.id: a for a in assessment.actions}
        changes = sync_actions([action_data(a) for a in rows.values()], generated, today)
        _apply(assessment, rows, changes)
    return changes


def load_plan(db: Database, catalog: Catalog, assessment_id: uuid.UUID | str) -> PlanView:
    """The plan as stored: scores, objectives, links and actions arranged. Writes nothing."""
    with db.read() as session:
        assessment = get_assessment_row(session, assessment_id)
        detail = assessment_detail(assessment)
        objectives = [objective_data(o) for o in assessment.objectives]
        links = _links(session, [o.id for o in objectives])
        actions = [action_data(a) for a in assessment.actions]
    scored = score_detail(detail, catalog)
    titles = {s.number: s.title for s in scored.card.sections if s.pack_id is None}
    arranged = assemble_plan(objectives, links, actions, titles, detail.assessment.date)
    return PlanView(scored, arranged, load_topics(catalog.folders))


def _link_questions(links: list[LinkData], library: Library) -> dict[uuid.UUID, frozenset[str]]:
    """The questions each link's template names: their gap actions stand under the link."""
    found = {}
    for link in links:
        template = library.template(link.template_id) if link.template_id else None
        if template is not None:
            found[link.id] = template.questions
    return found


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
                     "closed_by_plan", "link_id", "owner", "phase"):  # fmt: skip
            setattr(row, name, getattr(action, name))
        row.question_ids = list(action.question_ids)


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
        owner=gap.owner,
        phase=gap.phase,
        question_ids=list(gap.question_ids),
        status="open",
        note="",
        closed_by_plan=False,
        edited=[],
        link_id=gap.link_id,
        created_at=now,
        updated_at=now,
    )
