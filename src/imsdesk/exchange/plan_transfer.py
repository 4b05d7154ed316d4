"""Objectives, links and actions in the exchange file: export, and merge on import.

Records are matched by id; links also by their pair of objectives, and generated actions also by
the gap they come from (two laptops generate the same action under different ids). As everywhere
in the file, the newer ``updated_at`` wins.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from imsdesk.errors import ExchangeFileError
from imsdesk.exchange.document import format_timestamp, timestamp
from imsdesk.storage.models import Action, Assessment, Objective, ObjectiveLink

OBJECTIVE_FIELDS = ("kind", "statement", "category", "kpi", "unit", "baseline", "target_value",
                    "owner", "frequency", "status", "position")  # fmt: skip
ACTION_FIELDS = ("source_key", "title", "description", "finding", "priority", "owner", "status",
                 "note", "closed_by_plan")  # fmt: skip


def _stamps(row: Any) -> dict[str, str]:
    return {
        "created_at": format_timestamp(row.created_at),
        "updated_at": format_timestamp(row.updated_at),
    }


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def export_plan(session: Session, assessment: Assessment) -> dict[str, Any]:
    objectives = list(assessment.objectives)
    ids = [o.id for o in objectives]
    links = (
        session.scalars(
            select(ObjectiveLink)
            .where(ObjectiveLink.quality_objective_id.in_(ids))
            .order_by(ObjectiveLink.created_at, ObjectiveLink.id)
        ).all()
        if ids
        else []
    )
    return {
        "objectives": [
            {
                "id": str(o.id),
                **{f: getattr(o, f) for f in OBJECTIVE_FIELDS},
                "due": _date(o.due),
                **_stamps(o),
            }
            for o in objectives
        ],
        "links": [
            {
                "id": str(link.id),
                "quality_objective_id": str(link.quality_objective_id),
                "environmental_objective_id": str(link.environmental_objective_id),
                "rationale": link.rationale,
                "template": link.template_id,
                "clauses": [{"system": s, "clause": c} for s, c in link.clauses or ()],
                **_stamps(link),
            }
            for link in links
        ],
        "actions": [
            {
                "id": str(a.id),
                "questionnaire": a.pack_id,
                "clause": a.clause,
                **{f: getattr(a, f) for f in ACTION_FIELDS},
                "due": _date(a.due),
                "edited": sorted(a.edited or ()),
                "link": str(a.link_id) if a.link_id else None,
                "phase": a.phase,
                "questions": list(a.question_ids or ()),
                **_stamps(a),
            }
            for a in sorted(assessment.actions, key=lambda a: (a.created_at, str(a.id)))
        ],
    }


def _refuse(what: str) -> ExchangeFileError:
    return ExchangeFileError(f"{what}; the file was not imported.")


def import_plan(session: Session, assessment: Assessment, document: dict[str, Any]) -> None:
    objective_ids = _merge_objectives(session, assessment, document.get("objectives", []))
    link_ids = _merge_links(session, objective_ids, document.get("links", []))
    _merge_actions(session, assessment, link_ids, document.get("actions", []))


def _merge_objectives(
    session: Session, assessment: Assessment, items: list[dict[str, Any]]
) -> dict[uuid.UUID, uuid.UUID]:
    """Returns file objective id -> stored objective id."""
    mapping = {o.id: o.id for o in assessment.objectives}
    for item in items:
        oid = uuid.UUID(item["id"])
        row = session.get(Objective, oid)
        if row is not None and row.assessment_id != assessment.id:
            raise _refuse(f"The objective {item['statement'][:40]!r} belongs to another assessment")
        incoming = timestamp(item["updated_at"])
        if row is None:
            row = Objective(
                id=oid, assessment_id=assessment.id, created_at=timestamp(item["created_at"])
            )
            assessment.objectives.append(row)
        elif incoming <= row.updated_at:
            mapping[oid] = row.id
            continue
        for name in OBJECTIVE_FIELDS:
            setattr(row, name, item[name])
        row.due = dt.date.fromisoformat(item["due"]) if item["due"] else None
        row.updated_at = incoming
        mapping[oid] = row.id
    session.flush()
    return mapping


def _merge_links(
    session: Session, objectives: dict[uuid.UUID, uuid.UUID], items: list[dict[str, Any]]
) -> dict[uuid.UUID, uuid.UUID]:
    mapping: dict[uuid.UUID, uuid.UUID] = {}
    for item in items:
        try:
            quality = objectives[uuid.UUID(item["quality_objective_id"])]
            environmental = objectives[uuid.UUID(item["environmental_objective_id"])]
        except KeyError:
            raise _refuse(
                f"The link {item['id']} names an objective that is not in the file"
            ) from None
        row = session.get(ObjectiveLink, uuid.UUID(item["id"])) or session.scalar(
            select(ObjectiveLink).where(
                ObjectiveLink.quality_objective_id == quality,
                ObjectiveLink.environmental_objective_id == environmental,
            )
        )
        incoming = timestamp(item["updated_at"])
        if row is None:
            row = ObjectiveLink(
                id=uuid.UUID(item["id"]),
                quality_objective_id=quality,
                environmental_objective_id=environmental,
                created_at=timestamp(item["created_at"]),
            )
            session.add(row)
        elif row.quality_objective_id != quality or row.environmental_objective_id != environmental:
            raise _refuse(f"The link {item['id']} joins other objectives here")
        elif incoming <= row.updated_at:
            mapping[uuid.UUID(item["id"])] = row.id
            continue
        row.rationale = item["rationale"]
        row.template_id = item["template"]
        row.clauses = [[c["system"], c["clause"]] for c in item["clauses"]]
        row.updated_at = incoming
        mapping[uuid.UUID(item["id"])] = row.id
    session.flush()
    return mapping


def _merge_actions(
    session: Session,
    assessment: Assessment,
    links: dict[uuid.UUID, uuid.UUID],
    items: list[dict[str, Any]],
) -> None:
    by_key = {a.source_key: a for a in assessment.actions if a.source_key}
    for item in items:
        aid = uuid.UUID(item["id"])
        row = session.get(Action, aid)
        if row is not None and row.assessment_id != assessment.id:
            raise _refuse(f"The action {item['title'][:40]!r} belongs to another assessment")
        if row is None and item["source_key"]:
            row = by_key.get(item["source_key"])
        link = None
        if item["link"]:
            link = links.get(uuid.UUID(item["link"]))
            if link is None and session.get(ObjectiveLink, uuid.UUID(item["link"])) is None:
                raise _refuse(f"The action {item['title'][:40]!r} serves a link not in the file")
            link = link or uuid.UUID(item["link"])
        incoming = timestamp(item["updated_at"])
        if row is None:
            row = Action(
                id=aid, assessment_id=assessment.id, created_at=timestamp(item["created_at"])
            )
            assessment.actions.append(row)
        elif incoming <= row.updated_at:
            continue
        row.pack_id = item["questionnaire"]
        row.clause = item["clause"]
        for name in ACTION_FIELDS:
            setattr(row, name, item[name])
        row.due = dt.date.fromisoformat(item["due"]) if item["due"] else None
        row.edited = list(item["edited"])
        row.link_id = link
        # Derived by the plan (absent from older files: the next refresh works them out).
        row.phase = item.get("phase")
        row.question_ids = list(item.get("questions", []))
        row.updated_at = incoming
