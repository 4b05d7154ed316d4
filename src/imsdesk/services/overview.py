"""The assessments list: every organisation, site and assessment with its progress, score and
verdict, read from the stored summaries (``summaries.py``) in a constant number of queries.

``load_overview`` only reads, so the app can call it on every refresh and show stale rows at once
(flagged ``stale``) while ``refresh_summaries`` recomputes them in the background. ``overview``
does both in turn, for the command line.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from imsdesk.catalog import Catalog
from imsdesk.errors import NotFound
from imsdesk.services import validate
from imsdesk.services.convert import organisation_record, site_record
from imsdesk.services.records import OrganisationRecord, PackRef, SiteRecord
from imsdesk.services.scope import scope_of
from imsdesk.services.summaries import is_stale, pack_refs_by_assessment, refresh_summaries
from imsdesk.storage import Database
from imsdesk.storage.models import Assessment, Organisation, Site, StoredSummary


@dataclass(frozen=True)
class AssessmentSummary:
    """One row of the listing.

    The numbers are the stored summary's: ``None`` when there is none (never computed, or
    invalidated by a change since) or a pack of the assessment is not installed. ``stale`` says
    ``refresh_summaries`` should recompute it: there is no summary, or it was computed against
    other packs than are installed now (its numbers are then shown until it is recomputed).
    """

    id: uuid.UUID
    organisation_id: uuid.UUID
    organisation_name: str
    site_id: uuid.UUID | None
    site_name: str | None
    title: str
    assessor: str
    date: dt.date
    status: str
    target_maturity: int
    packs: tuple[PackRef, ...]
    predecessor_id: uuid.UUID | None
    updated_at: dt.datetime
    answered: int | None
    total: int | None
    progress: float | None  # percent of the questions answered, 0-100
    score: float | None
    verdict_level: str | None
    verdict_text: str | None
    warnings: tuple[str, ...]  # Scope.warnings() against the installed packs
    stale: bool
    go_live: dt.date | None = None  # when the management system started to run


@dataclass(frozen=True)
class Overview:
    organisations: tuple[OrganisationRecord, ...]  # all, also those without assessments
    sites: tuple[SiteRecord, ...]  # all
    assessments: tuple[AssessmentSummary, ...]  # by organisation name, date (newest first), title

    @property
    def stale_ids(self) -> tuple[uuid.UUID, ...]:
        return tuple(a.id for a in self.assessments if a.stale)


def _listing() -> Select:
    return (
        select(
            Assessment.id,
            Assessment.organisation_id,
            Assessment.site_id,
            Assessment.title,
            Assessment.assessor,
            Assessment.date,
            Assessment.status,
            Assessment.target_maturity,
            Assessment.predecessor_id,
            Assessment.go_live,
            Assessment.updated_at,
            StoredSummary.answered,
            StoredSummary.total,
            StoredSummary.progress,
            StoredSummary.score,
            StoredSummary.verdict_level,
            StoredSummary.verdict_text,
            StoredSummary.scope_key,
        )
        .join(Organisation, Organisation.id == Assessment.organisation_id)
        .outerjoin(StoredSummary, StoredSummary.assessment_id == Assessment.id)
        .order_by(Organisation.name, Assessment.date.desc(), Assessment.title, Assessment.id)
    )


def load_overview(db: Database, catalog: Catalog) -> Overview:
    """Everything the main window lists, read only: four queries, whatever the number of
    assessments, and no answers."""
    with db.read() as session:
        organisations = tuple(
            organisation_record(row)
            for row in session.scalars(
                select(Organisation).order_by(Organisation.name, Organisation.id)
            )
        )
        sites = tuple(
            site_record(row) for row in session.scalars(select(Site).order_by(Site.name, Site.id))
        )
        assessments = _summaries(session, catalog, organisations, sites, _listing(), None)
    return Overview(organisations, sites, assessments)


def load_summary(
    db: Database, catalog: Catalog, assessment_id: uuid.UUID | str
) -> AssessmentSummary:
    """One assessment's row of the listing, read only."""
    wanted = validate.as_uuid(assessment_id, "assessment")
    with db.read() as session:
        found = session.execute(
            select(Assessment.organisation_id, Assessment.site_id).where(Assessment.id == wanted)
        ).first()
        if found is None:
            raise NotFound(f"There is no assessment with the id {assessment_id}.")
        organisation = session.get_one(Organisation, found.organisation_id)
        site = session.get(Site, found.site_id) if found.site_id else None
        [summary] = _summaries(
            session,
            catalog,
            (organisation_record(organisation),),
            (site_record(site),) if site else (),
            _listing().where(Assessment.id == wanted),
            [wanted],
        )
    return summary


def overview(db: Database, catalog: Catalog) -> Overview:
    """The listing with every summary up to date: stale ones are recomputed, then read again."""
    listing = load_overview(db, catalog)
    if not listing.stale_ids:
        return listing
    refresh_summaries(db, catalog, listing.stale_ids)
    return load_overview(db, catalog)


def _summaries(
    session: Session,
    catalog: Catalog,
    organisations: tuple[OrganisationRecord, ...],
    sites: tuple[SiteRecord, ...],
    query: Select,
    ids: list[uuid.UUID] | None,
) -> tuple[AssessmentSummary, ...]:
    names = {o.id: o.name for o in organisations}
    site_names = {s.id: s.name for s in sites}
    packs = pack_refs_by_assessment(session, ids)
    rows = []
    for row in session.execute(query):
        refs = packs.get(row.id, ())
        scope = scope_of(refs, catalog)
        known = row.scope_key is not None and scope.complete
        rows.append(
            AssessmentSummary(
                id=row.id,
                organisation_id=row.organisation_id,
                organisation_name=names[row.organisation_id],
                site_id=row.site_id,
                site_name=site_names.get(row.site_id) if row.site_id else None,
                title=row.title,
                assessor=row.assessor,
                date=row.date,
                status=row.status,
                target_maturity=row.target_maturity,
                packs=refs,
                predecessor_id=row.predecessor_id,
                updated_at=row.updated_at,
                answered=row.answered if known else None,
                total=row.total if known else None,
                progress=row.progress if known else None,
                score=row.score if known else None,
                verdict_level=row.verdict_level if known else None,
                verdict_text=row.verdict_text if known else None,
                warnings=tuple(scope.warnings()),
                stale=is_stale(row.scope_key, scope),
                go_live=row.go_live,
            )
        )
    return tuple(rows)
