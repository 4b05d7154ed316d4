"""Undo for deletions: a self-contained copy of what a delete removes, and putting it back.

The app takes a snapshot, deletes, and offers Undo, which restores the snapshot with the same ids
in one transaction. Assessments travel as exchange documents (``document_of``), so a restore is
an import and everything an export carries (answers, targets, objectives, links, actions, the
previous cycle) comes back. Two things a delete changes outside the deleted rows are recorded
too: a deleted site leaves its assessments without a site, and a deleted assessment leaves its
next cycle without a predecessor; restoring re-attaches both.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from imsdesk.errors import InvalidInput, NotFound
from imsdesk.exchange.transfer import (
    document_of,
    merge_document,
    merge_organisation,
    merge_site,
    organisation_part,
    site_part,
)
from imsdesk.services import validate
from imsdesk.storage import Database
from imsdesk.storage.models import Assessment, Organisation, Site

KINDS = ("organisation", "site", "assessment")


@dataclass(frozen=True)
class Snapshot:
    """What deleting one organisation, site or assessment removes.

    Records are kept as JSON text, so nothing in a snapshot can change after it was taken.
    """

    kind: str
    record_id: uuid.UUID
    organisation: str | None  # kind "organisation": the organisation; kind "site": None
    sites: tuple[str, ...]  # the organisation's sites, or the one site
    documents: tuple[str, ...]  # exchange documents of the assessments deleted with it
    site_organisation_id: uuid.UUID | None = None  # kind "site": whose site it is
    site_assessments: tuple[uuid.UUID, ...] = ()  # kind "site": the assessments to re-attach
    # (assessment, its predecessor) for next cycles outside the snapshot that lose their link
    successors: tuple[tuple[uuid.UUID, uuid.UUID], ...] = ()

    def document_ids(self) -> tuple[uuid.UUID, ...]:
        return tuple(uuid.UUID(json.loads(d)["assessment"]["id"]) for d in self.documents)


def take_snapshot(db: Database, kind: str, record_id: uuid.UUID | str) -> Snapshot:
    """A copy of everything deleting this record removes (read in one consistent snapshot)."""
    if kind not in KINDS:
        raise InvalidInput(f"Unknown kind of record {kind!r}; use one of {', '.join(KINDS)}.")
    wanted = validate.as_uuid(record_id, kind)
    with db.read() as session:
        if kind == "organisation":
            return _organisation_snapshot(session, wanted)
        if kind == "site":
            return _site_snapshot(session, wanted)
        assessment = session.get(Assessment, wanted)
        if assessment is None:
            raise NotFound(f"There is no assessment with the id {record_id}.")
        return Snapshot(
            kind=kind,
            record_id=wanted,
            organisation=None,
            sites=(),
            documents=(_dump(document_of(session, wanted)),),
            successors=_successors(session, [wanted]),
        )


def _organisation_snapshot(session: Session, organisation_id: uuid.UUID) -> Snapshot:
    organisation = session.get(Organisation, organisation_id)
    if organisation is None:
        raise NotFound(f"There is no organisation with the id {organisation_id}.")
    sites = session.scalars(
        select(Site).where(Site.organisation_id == organisation_id).order_by(Site.id)
    ).all()
    assessment_ids = list(
        session.scalars(
            select(Assessment.id)
            .where(Assessment.organisation_id == organisation_id)
            .order_by(Assessment.id)
        )
    )
    return Snapshot(
        kind="organisation",
        record_id=organisation_id,
        organisation=_dump(organisation_part(organisation)),
        sites=tuple(_dump(site_part(site)) for site in sites),
        documents=tuple(_dump(document_of(session, i)) for i in assessment_ids),
        successors=_successors(session, assessment_ids),
    )


def _site_snapshot(session: Session, site_id: uuid.UUID) -> Snapshot:
    site = session.get(Site, site_id)
    if site is None:
        raise NotFound(f"There is no site with the id {site_id}.")
    attached = session.scalars(
        select(Assessment.id).where(Assessment.site_id == site_id).order_by(Assessment.id)
    )
    return Snapshot(
        kind="site",
        record_id=site_id,
        organisation=None,
        sites=(_dump(site_part(site)),),
        documents=(),
        site_organisation_id=site.organisation_id,
        site_assessments=tuple(attached),
    )


def _successors(
    session: Session, deleted: list[uuid.UUID]
) -> tuple[tuple[uuid.UUID, uuid.UUID], ...]:
    if not deleted:
        return ()
    rows = session.execute(
        select(Assessment.id, Assessment.predecessor_id)
        .where(Assessment.predecessor_id.in_(deleted), Assessment.id.not_in(deleted))
        .order_by(Assessment.id)
    )
    return tuple((successor, predecessor) for successor, predecessor in rows)


def restore_snapshot(db: Database, snapshot: Snapshot) -> None:
    """Put back what the snapshot holds, with the same ids, in one transaction.

    Restoring twice changes nothing the second time (records are merged by id, as on import).
    """
    with db.transaction() as session:
        if snapshot.organisation is not None:
            organisation = merge_organisation(session, json.loads(snapshot.organisation))
            for site in snapshot.sites:
                merge_site(session, json.loads(site), organisation)
        elif snapshot.kind == "site":
            _restore_site(session, snapshot)
        for document in _predecessors_first([json.loads(d) for d in snapshot.documents]):
            merge_document(session, document)
        session.flush()
        for successor, predecessor in snapshot.successors:
            # Core updates: the link is put back without touching updated_at (it never changed).
            session.execute(
                update(Assessment)
                .where(Assessment.id == successor, Assessment.predecessor_id.is_(None))
                .values(predecessor_id=predecessor)
            )


def _restore_site(session: Session, snapshot: Snapshot) -> None:
    [record] = [json.loads(site) for site in snapshot.sites]
    organisation = session.get(Organisation, snapshot.site_organisation_id)
    if organisation is None:
        raise NotFound(
            f"The organisation of the site {record['name']!r} was deleted too; restore it first."
        )
    merge_site(session, record, organisation)
    session.flush()
    if snapshot.site_assessments:
        session.execute(
            update(Assessment)
            .where(
                Assessment.id.in_(snapshot.site_assessments),
                Assessment.organisation_id == organisation.id,
                Assessment.site_id.is_(None),
            )
            .values(site_id=snapshot.record_id)
        )


def _predecessors_first(documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Documents ordered so that a previous cycle is restored before the one continuing it
    (an import keeps a predecessor link only to an assessment that exists)."""
    pending = {d["assessment"]["id"]: d for d in documents}
    ordered: list[dict[str, Any]] = []
    while pending:
        ready = [
            key
            for key, d in pending.items()
            if d["assessment"].get("predecessor_id") not in pending
        ]
        for key in ready or list(pending):  # a cycle of links cannot happen; never loop forever
            ordered.append(pending.pop(key))
    return ordered


def _dump(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=True)
