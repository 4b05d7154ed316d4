"""`imsdesk plan`: the action plan as JSON or as text."""

from __future__ import annotations

import uuid
from typing import Any

from imsdesk.planning import ActionData, LinkData, ObjectiveData, PlanChanges
from imsdesk.services.plan import PlanView


def _date(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def objective_json(o: ObjectiveData, incomplete: bool, problems: tuple[str, ...]) -> dict[str, Any]:
    return {
        "id": str(o.id),
        "kind": o.kind,
        "statement": o.statement,
        "category": o.category,
        "kpi": o.kpi,
        "unit": o.unit,
        "baseline": o.baseline,
        "target_value": o.target_value,
        "due": _date(o.due),
        "owner": o.owner,
        "frequency": o.frequency,
        "status": o.status,
        "incomplete": incomplete,
        "problems": list(problems),
    }


def link_json(link: LinkData) -> dict[str, Any]:
    return {
        "id": str(link.id),
        "quality_objective_id": str(link.quality_objective_id),
        "environmental_objective_id": str(link.environmental_objective_id),
        "rationale": link.rationale,
        "template": link.template_id,
        "clauses": [{"system": side, "clause": clause} for side, clause in link.clauses],
    }


def action_json(a: ActionData, view: PlanView | None = None) -> dict[str, Any]:
    extra = (
        {
            "phase": a.phase,
            "phase_name": view.phase_name(a) or None,
            "standards": list(view.standards(a)),
            "questions": list(a.question_ids),
        }
        if view is not None
        else {}
    )
    return {
        "id": str(a.id),
        "title": a.title,
        "description": a.description,
        "questionnaire": a.pack_id or None,
        "clause": a.clause or None,
        "finding": a.finding,
        "priority": a.priority,
        "due": _date(a.due),
        "owner": a.owner,
        "status": a.status,
        "note": a.note,
        "generated": a.generated,
        "link": str(a.link_id) if a.link_id else None,
        **extra,
    }


def plan_json(view: PlanView, changes: PlanChanges) -> dict[str, Any]:
    """``changes``: what bringing the plan up to date (``refresh_plan``) just changed."""
    plan, record = view.plan, view.scored.detail.assessment
    linked = {link.quality_objective_id for link in plan.links}
    return {
        "assessment": {
            "id": str(record.id),
            "title": record.title,
            "organisation": record.organisation_name,
            "date": record.date.isoformat(),
        },
        "objectives": [
            objective_json(
                o,
                o.kind == "quality" and o.id not in linked,
                plan.problems.get(o.id, ()),
            )
            for o in plan.objectives
        ],
        "links": [link_json(link) for link in plan.links],
        "actions": [action_json(a, view) for a in plan.actions],
        "changes": {
            "added": len(changes.added),
            "updated": len(changes.updated),
            "closed": len(changes.closed),
            "reopened": len(changes.reopened),
        },
    }


def _short(value: uuid.UUID) -> str:
    return str(value)[:8]


def _action_line(a: ActionData, view: PlanView) -> str:
    due = a.due.isoformat() if a.due else "no due date"
    owner = a.owner or "no owner"
    where = f"{a.clause} " if a.clause else ""
    phase = f"phase {a.phase}, " if a.phase else ""
    serves = " + ".join(view.standards(a))
    return (
        f"    [{a.status}] {where}{a.title}  ({phase}{due}, {owner}; {serves or 'own action'}) "
        f"{_short(a.id)}"
    )


def plan_text(view: PlanView, changes: PlanChanges) -> str:
    plan, record = view.plan, view.scored.detail.assessment
    lines = [f"Action plan: {record.title} — {record.organisation_name}"]
    if not changes.empty:
        lines.append(
            f"Brought up to date: {len(changes.added)} added, {len(changes.closed)} closed, "
            f"{len(changes.reopened)} reopened, {len(changes.updated)} updated."
        )
    for group in plan.groups:
        o = group.objective
        lines += ["", f"Quality objective {_short(o.id)}: {o.statement}"]
        lines.append(f"  {_measure(o)}")
        if group.incomplete:
            lines.append("  ! Not yet linked to an environmental target (incomplete).")
        for target in group.targets:
            t = target.objective
            lines.append(f"  -> Environmental target {_short(t.id)}: {t.statement}")
            lines.append(f"     {_measure(t)}")
            lines += [_action_line(a, view) for a in target.actions]
    for o in plan.unlinked_targets:
        lines += [
            "",
            f"Environmental target without a quality objective {_short(o.id)}: {o.statement}",
        ]
    for section in plan.sections:
        lines += ["", f"Section {section.number} {section.title}"]
        lines += [_action_line(a, view) for a in section.actions]
    return "\n".join(lines)


def _measure(o: ObjectiveData) -> str:
    parts = []
    if o.kpi:
        parts.append(f"{o.kpi}: {_num(o.baseline)} -> {_num(o.target_value)} {o.unit}".rstrip())
    if o.due:
        parts.append(f"due {o.due.isoformat()}")
    if o.owner:
        parts.append(o.owner)
    parts.append(o.status)
    return "; ".join(parts)


def _num(value: float | None) -> str:
    return "?" if value is None else f"{value:g}"
