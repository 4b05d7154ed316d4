"""Moving an assessment between a database and an exchange document.

Import is one transaction (any error writes nothing) and idempotent: rows keep their UUIDs, so the
same file twice creates nothing new. Where a record already exists, the newer ``updated_at`` wins,
field by record: an answer in the file replaces the stored one only if the file's is newer.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from imsdesk import __version__
from imsdesk.catalog import Catalog, user_questionnaires_dir
from imsdesk.errors import ExchangeFileError
from imsdesk.exchange.document import FORMAT, VERSION, format_timestamp, timestamp
from imsdesk.exchange.plan_transfer import export_plan, import_plan
from imsdesk.services.assessments import get_assessment_row
from imsdesk.services.records import PackRef
from imsdesk.services.scope import scope_of
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


@dataclass(frozen=True)
class ImportResult:
    assessment_id: uuid.UUID
    assessment_created: bool
    answers_added: int
    answers_updated: int
    answers_kept: int


def export_document(db: Database, assessment_id: uuid.UUID | str) -> dict[str, Any]:
    with db.read() as session:
        return document_of(session, assessment_id)


def document_of(session: Session, assessment_id: uuid.UUID | str) -> dict[str, Any]:
    """The exchange document of one assessment, read in the caller's transaction."""
    row = get_assessment_row(session, assessment_id)
    org, site = row.organisation, row.site
    return {
        "format": FORMAT,
        "version": VERSION,
        "generator": f"IMS Desk {__version__}",
        "exported_at": format_timestamp(utcnow()),
        "organisation": organisation_part(org),
        "site": None if site is None else site_part(site),
        "assessment": {
            "id": str(row.id),
            "title": row.title,
            "assessor": row.assessor,
            "date": row.date.isoformat(),
            "target_maturity": row.target_maturity,
            "status": row.status,
            "predecessor_id": str(row.predecessor_id) if row.predecessor_id else None,
            "go_live": row.go_live.isoformat() if row.go_live else None,
            "packs": [
                {"id": p.pack_id, "edition": p.edition, "content_hash": p.content_hash}
                for p in row.packs
            ],
            **_stamps(row),
        },
        "answers": [
            {
                "question_id": a.question_id,
                "maturity": a.maturity,
                "not_applicable": a.not_applicable,
                "justification": a.justification,
                "notes": a.notes,
                "evidence": a.evidence,
                "carried_over": a.carried_over,
                "does_not_arise": a.does_not_arise,
                "override": (
                    {"finding": a.override_finding, "reason": a.override_reason}
                    if a.override_finding
                    else None
                ),
                "updated_at": format_timestamp(a.updated_at),
            }
            for a in sorted(row.answers, key=lambda a: a.question_id)
        ],
        "clause_targets": [
            {
                "questionnaire": t.pack_id,
                "clause": t.clause,
                "target": t.target,
                "updated_at": format_timestamp(t.updated_at),
            }
            for t in sorted(row.clause_targets, key=lambda t: (t.pack_id, t.clause))
        ],
        **export_plan(session, row),
    }


def organisation_part(org: Organisation) -> dict[str, Any]:
    return {
        "id": str(org.id),
        "name": org.name,
        "sector": org.sector,
        "size": org.size,
        "address": org.address,
        "contact": org.contact,
        **_stamps(org),
    }


def site_part(site: Site) -> dict[str, Any]:
    return {"id": str(site.id), "name": site.name, "address": site.address, **_stamps(site)}


def _stamps(row: Any) -> dict[str, str]:
    return {
        "created_at": format_timestamp(row.created_at),
        "updated_at": format_timestamp(row.updated_at),
    }


def import_document(
    db: Database, document: dict[str, Any], catalog: Catalog | None = None
) -> ImportResult:
    """Merge a validated document (see ``document.read_document``) into the database.

    With a ``catalog``, the file's questionnaires must be installed and every answer must belong
    to one of them.
    """
    if catalog is not None:
        check_questions(document, catalog)
    with db.transaction() as session:
        return merge_document(session, document)


def merge_document(session: Session, document: dict[str, Any]) -> ImportResult:
    """The merge of ``import_document`` inside the caller's write transaction."""
    organisation = merge_organisation(session, document["organisation"])
    site = merge_site(session, document["site"], organisation)
    assessment, created = _merge_assessment(session, document["assessment"], organisation, site)
    added = updated = kept = 0
    stored = {a.question_id: a for a in assessment.answers}
    for item in document["answers"]:
        answer = stored.get(item["question_id"])
        incoming = timestamp(item["updated_at"])
        if answer is None:
            answer = Answer(question_id=item["question_id"], created_at=incoming)
            assessment.answers.append(answer)
            added += 1
        elif incoming > answer.updated_at:
            updated += 1
        else:
            kept += 1
            continue
        answer.maturity = item["maturity"]
        answer.not_applicable = item["not_applicable"]
        answer.justification = item["justification"]
        answer.notes = item["notes"]
        answer.evidence = item["evidence"]
        answer.carried_over = item.get("carried_over", False)
        # Absent in version 1 files: no such answers existed then.
        answer.does_not_arise = item.get("does_not_arise", False)
        override = item.get("override") or {}
        answer.override_finding = override.get("finding")
        answer.override_reason = override.get("reason", "")
        answer.updated_at = incoming
    _merge_targets(assessment, document.get("clause_targets", []))
    session.flush()
    import_plan(session, assessment, document)
    session.flush()
    invalidate(session, assessment.id)
    return ImportResult(assessment.id, created, added, updated, kept)


def _merge_targets(assessment: Assessment, items: list[dict[str, Any]]) -> None:
    stored = {(t.pack_id, t.clause): t for t in assessment.clause_targets}
    in_scope = {p.pack_id for p in assessment.packs}
    for item in items:
        if item["questionnaire"] not in in_scope:
            raise ExchangeFileError(
                f"A clause target names the questionnaire {item['questionnaire']!r}, which is not "
                f"in the assessment; the file was not imported."
            )
        key = (item["questionnaire"], item["clause"])
        incoming = timestamp(item["updated_at"])
        target = stored.get(key)
        if target is None:
            target = ClauseTarget(pack_id=key[0], clause=key[1], created_at=incoming)
            assessment.clause_targets.append(target)
        elif incoming <= target.updated_at:
            continue
        target.target = item["target"]
        target.updated_at = incoming


def check_questions(document: dict[str, Any], catalog: Catalog) -> None:
    refs = [
        PackRef(p["id"], p["edition"], p["content_hash"]) for p in document["assessment"]["packs"]
    ]
    scope = scope_of(refs, catalog)
    if scope.missing:
        names = ", ".join(f"{r.pack_id} ({r.edition})" for r in scope.missing)
        raise ExchangeFileError(
            f"The file's assessment uses questionnaires that are not installed here: {names}. "
            f"Add their files to {user_questionnaires_dir()} and import again."
        )
    known = scope.question_ids()
    unknown = [
        f"$.answers[{i}] {a['question_id']}"
        for i, a in enumerate(document["answers"])
        if a["question_id"] not in known
    ]
    if unknown:
        more = f" and {len(unknown) - 10} more" if len(unknown) > 10 else ""
        raise ExchangeFileError(
            f"The file has answers to questions that are not in its questionnaires "
            f"({', '.join(r.pack_id for r in refs)}): {'; '.join(unknown[:10])}{more}. "
            f"Nothing was imported."
        )


def _is_newer(record: dict[str, Any], row: Any) -> bool:
    return timestamp(record["updated_at"]) > row.updated_at


def merge_organisation(session: Session, record: dict[str, Any]) -> Organisation:
    row = session.get(Organisation, uuid.UUID(record["id"]))
    if row is None:
        row = Organisation(id=uuid.UUID(record["id"]), created_at=timestamp(record["created_at"]))
        session.add(row)
    elif not _is_newer(record, row):
        return row
    for field in ("name", "sector", "size", "address", "contact"):
        setattr(row, field, record[field])
    row.updated_at = timestamp(record["updated_at"])
    return row


def merge_site(
    session: Session, record: dict[str, Any] | None, organisation: Organisation
) -> Site | None:
    if record is None:
        return None
    row = session.get(Site, uuid.UUID(record["id"]))
    if row is None:
        row = Site(
            id=uuid.UUID(record["id"]),
            organisation=organisation,
            created_at=timestamp(record["created_at"]),
        )
        session.add(row)
    elif row.organisation_id != organisation.id:
        raise ExchangeFileError(
            f"The file's site {record['name']!r} already exists here under another organisation; "
            f"the file was not imported."
        )
    elif not _is_newer(record, row):
        return row
    row.name = record["name"]
    row.address = record["address"]
    row.updated_at = timestamp(record["updated_at"])
    return row


def _merge_assessment(
    session: Session,
    record: dict[str, Any],
    organisation: Organisation,
    site: Site | None,
) -> tuple[Assessment, bool]:
    packs = [(p["id"], p["edition"], p["content_hash"]) for p in record["packs"]]
    if len({p[0] for p in packs}) != len(packs):
        raise ExchangeFileError("$.assessment.packs: the same questionnaire is listed twice.")
    row = session.get(Assessment, uuid.UUID(record["id"]))
    created = row is None
    if row is None:
        row = Assessment(
            id=uuid.UUID(record["id"]),
            organisation=organisation,
            created_at=timestamp(record["created_at"]),
            packs=[
                AssessmentPack(position=i, pack_id=p[0], edition=p[1], content_hash=p[2])
                for i, p in enumerate(packs)
            ],
        )
        session.add(row)
    else:
        if row.organisation_id != organisation.id:
            raise ExchangeFileError(
                f"The assessment {record['title']!r} already exists here for another organisation; "
                f"the file was not imported."
            )
        stored = [(p.pack_id, p.edition, p.content_hash) for p in row.packs]
        if sorted(stored) != sorted(packs):
            raise ExchangeFileError(
                f"The assessment {record['title']!r} exists here with other questionnaires "
                f"({_packs_text(stored)}) than the file ({_packs_text(packs)}); "
                f"it was not imported."
            )
        if not _is_newer(record, row):
            return row, created
    row.site = site
    row.title = record["title"]
    row.assessor = record["assessor"]
    row.date = dt.date.fromisoformat(record["date"])
    row.target_maturity = record["target_maturity"]
    row.status = record["status"]
    row.updated_at = timestamp(record["updated_at"])
    if "predecessor_id" in record:  # absent in files of older versions: keep the stored link
        row.predecessor_id = _predecessor(session, record["predecessor_id"], row.id)
    if "go_live" in record:  # likewise
        row.go_live = dt.date.fromisoformat(record["go_live"]) if record["go_live"] else None
    return row, created


def _predecessor(session: Session, value: str | None, own: uuid.UUID) -> uuid.UUID | None:
    """The previous cycle, kept only if it is in this database (else the link would dangle)."""
    if value is None or uuid.UUID(value) == own:
        return None
    found = session.get(Assessment, uuid.UUID(value))
    return found.id if found is not None else None


def _packs_text(packs: list[tuple[str, str, str]]) -> str:
    return ", ".join(f"{p[0]} {p[1]}" for p in packs)
