"""What the action-plan editor shows, read in one go on a worker thread, and the operations
behind its buttons.

The records here are plain data. The functions run on worker threads and import the core
inside, so that importing this module (the main window does, through the editor) loads
neither SQLAlchemy nor the planning rules.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from imsdesk.catalog import Catalog
    from imsdesk.planning import ActionData, ActionPlan, PlanChanges
    from imsdesk.storage import Database

NO_STANDARD = ""  # the standard of an own action not tied to a questionnaire


@dataclass(frozen=True)
class Group:
    """Where an action sits in the plan: under an objective link, or under a harmonized section."""

    rank: int  # the plan's order: links first, then sections 4-10, then "other"
    label: str
    tooltip: str
    link_id: uuid.UUID | None = None


@dataclass(frozen=True)
class PlanRow:
    action: ActionData
    group: Group
    position: int  # the action's place in the plan (group, then urgency)
    standard: str  # e.g. "ISO 9001"; NO_STANDARD for an own action without a questionnaire
    clause_order: tuple[tuple[int, str], ...]  # sorts "9.10" after "9.2"
    # The standards the action serves (both for an integrated action) and their clauses, as
    # "ISO 9001 9.2.1; ISO 14001 9.2.1"; and its phase with the phase's name.
    standards: tuple[str, ...] = ()
    serves: str = ""
    phase: str = ""


@dataclass(frozen=True)
class Choice:
    """An item of a drop-down in the add-action dialog."""

    value: str
    label: str


@dataclass(frozen=True)
class PackChoice:
    pack_id: str
    standard: str
    clauses: tuple[Choice, ...]


@dataclass(frozen=True)
class PlanSnapshot:
    assessment_id: uuid.UUID
    title: str
    final: bool
    rows: tuple[PlanRow, ...]
    statuses: tuple[str, ...]
    open_statuses: tuple[str, ...]  # the statuses of unfinished work (overdue can apply)
    editable: frozenset[str]  # the action fields the services let the user change
    links: tuple[Choice, ...]  # link id -> "quality objective → environmental target"
    packs: tuple[PackChoice, ...]
    sections: tuple[Choice, ...]  # the harmonized sections, for actions without a standard


@dataclass(frozen=True)
class RefreshReport:
    """What "Refresh from answers" changed, with the titles for a tooltip."""

    added: tuple[str, ...] = ()
    closed: tuple[str, ...] = ()
    reopened: tuple[str, ...] = ()
    updated: int = 0

    @property
    def empty(self) -> bool:
        return not (self.added or self.closed or self.reopened or self.updated)

    def line(self) -> str:
        if self.empty:
            return "The plan was already up to date with the answers."
        parts = [
            f"{len(self.added)} added",
            f"{len(self.closed)} closed",
            f"{len(self.reopened)} reopened",
        ]
        if self.updated:
            parts.append(f"{self.updated} with new priorities or findings")
        return "Brought up to date with the answers: " + ", ".join(parts) + "."

    def details(self) -> str:
        lines = []
        for word, titles in (
            ("Added", self.added),
            ("Closed", self.closed),
            ("Reopened", self.reopened),
        ):
            lines += [f"{word}: {title}" for title in titles]
        return "\n".join(lines)


@dataclass(frozen=True)
class NewAction:
    """What the add-action dialog hands over."""

    title: str
    description: str = ""
    pack_id: str = ""
    clause: str = ""
    link_id: uuid.UUID | None = None
    owner: str = ""
    due: dt.date | None = None


# Worker functions ------------------------------------------------------------------------------


def read_plan(db: Database, catalog: Catalog, assessment_id: uuid.UUID) -> PlanSnapshot:
    from imsdesk.planning import ACTION_STATUSES
    from imsdesk.planning.model import OPEN_STATUSES
    from imsdesk.services.plan import ACTION_FIELDS, load_plan

    view = load_plan(db, catalog, assessment_id)
    record = view.scored.detail.assessment
    standards = {p.id: p.standard for p in view.scored.scope.packs}
    rows = _rows(view.plan, standards, view)
    return PlanSnapshot(
        assessment_id=record.id,
        title=record.title,
        final=record.status == "final",
        rows=tuple(rows),
        statuses=tuple(ACTION_STATUSES),
        open_statuses=tuple(OPEN_STATUSES),
        editable=frozenset(ACTION_FIELDS),
        links=tuple(
            Choice(str(t.link.id), _link_label(g.objective, t.objective))
            for g in view.plan.groups
            for t in g.targets
        ),
        packs=tuple(
            PackChoice(p.id, p.standard, tuple(Choice(c.number, c.label) for c in p.clauses))
            for p in view.scored.scope.packs
        ),
        sections=tuple(
            Choice(s.number, s.title) for s in view.scored.card.sections if s.pack_id is None
        ),
    )


def _rows(plan: ActionPlan, standards: dict[str, str], view: Any) -> list[PlanRow]:
    grouped: list[tuple[Group, tuple[ActionData, ...]]] = []
    for quality in plan.groups:
        for target in quality.targets:
            # The target first: links of one quality objective differ there, in a narrow column.
            label = f"{target.objective.statement} (for: {quality.objective.statement})"
            tooltip = (
                f"Quality objective: {quality.objective.statement}\n"
                f"Environmental target: {target.objective.statement}"
            )
            grouped.append((Group(len(grouped), label, tooltip, target.link.id), target.actions))
    for section in plan.sections:
        label = section.title if section.number == "other" else f"{section.number} {section.title}"
        tooltip = f"Harmonized section {label}" if section.number != "other" else label
        grouped.append((Group(len(grouped), label, tooltip), section.actions))
    rows = []
    for group, actions in grouped:
        for action in actions:
            rows.append(
                PlanRow(
                    action=action,
                    group=group,
                    position=len(rows),
                    standard=standards.get(action.pack_id, action.pack_id) or NO_STANDARD,
                    clause_order=clause_order(action.clause),
                    standards=view.standards(action),
                    serves=view.serves(action),
                    phase=f"{action.phase} {view.phase_name(action)}" if action.phase else "",
                )
            )
    return rows


def _link_label(quality: Any, environmental: Any) -> str:
    return f"{quality.statement} → {environmental.statement}"


def clause_order(clause: str) -> tuple[tuple[int, str], ...]:
    """Numbers in numeric order; anything else after them, by text."""
    return tuple((int(p), "") if p.isdigit() else (1 << 30, p) for p in clause.split(".") if p)


def refresh_from_answers(db: Database, catalog: Catalog, assessment_id: uuid.UUID) -> Any:
    from imsdesk.services.plan import refresh_plan

    return report_of(refresh_plan(db, catalog, assessment_id))


def report_of(changes: PlanChanges) -> RefreshReport:
    return RefreshReport(
        added=tuple(a.title for a in changes.added),
        closed=tuple(a.title for a in changes.closed),
        reopened=tuple(a.title for a in changes.reopened),
        updated=len(changes.updated),
    )


def save_edit(db: Database, action_id: uuid.UUID, field: str, value: object) -> ActionData:
    from imsdesk.services.plan import update_action

    return update_action(db, action_id, **{field: value})


def add_own_action(db: Database, assessment_id: uuid.UUID, new: NewAction) -> ActionData:
    from imsdesk.services.plan import add_action

    return add_action(
        db,
        assessment_id,
        new.title,
        description=new.description,
        pack_id=new.pack_id,
        clause=new.clause,
        link_id=new.link_id,
        due=new.due,
        owner=new.owner,
    )


def delete_own_action(db: Database, action_id: uuid.UUID) -> ActionData:
    from imsdesk.services.plan import delete_action

    return delete_action(db, action_id)
