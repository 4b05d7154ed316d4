"""Organisations (the clients) and their sites."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from imsdesk.errors import NotFound
from imsdesk.services import validate
from imsdesk.services.convert import organisation_record, site_record
from imsdesk.services.records import OrganisationRecord, SiteRecord
from imsdesk.storage import Database
from imsdesk.storage.models import Organisation, Site
from imsdesk.storage.types import utcnow


def create_organisation(
    db: Database,
    name: str,
    *,
    sector: str = "",
    size: str = "",
    address: str = "",
    contact: str = "",
) -> OrganisationRecord:
    row = Organisation(
        name=validate.required_text(name, "organisation name"),
        sector=sector.strip(),
        size=size.strip(),
        address=address.strip(),
        contact=contact.strip(),
    )
    with db.transaction() as session:
        session.add(row)
        session.flush()
        return organisation_record(row)


def list_organisations(db: Database) -> list[OrganisationRecord]:
    with db.read() as session:
        rows = session.scalars(select(Organisation).order_by(Organisation.name, Organisation.id))
        return [organisation_record(row) for row in rows]


def get_organisation(db: Database, organisation_id: uuid.UUID | str) -> OrganisationRecord:
    with db.read() as session:
        return organisation_record(_organisation(session, organisation_id))


def rename_organisation(
    db: Database, organisation_id: uuid.UUID | str, name: str
) -> OrganisationRecord:
    cleaned = validate.required_text(name, "organisation name")
    with db.transaction() as session:
        row = _organisation(session, organisation_id)
        row.name = cleaned
        row.updated_at = utcnow()
        return organisation_record(row)


def delete_organisation(db: Database, organisation_id: uuid.UUID | str) -> None:
    """Delete an organisation with its sites, assessments and answers."""
    with db.transaction() as session:
        session.delete(_organisation(session, organisation_id))


def create_site(
    db: Database, organisation_id: uuid.UUID | str, name: str, *, address: str = ""
) -> SiteRecord:
    cleaned = validate.required_text(name, "site name")
    with db.transaction() as session:
        organisation = _organisation(session, organisation_id)
        row = Site(organisation_id=organisation.id, name=cleaned, address=address.strip())
        session.add(row)
        session.flush()
        return site_record(row)


def list_sites(db: Database, organisation_id: uuid.UUID | str) -> list[SiteRecord]:
    with db.read() as session:
        organisation = _organisation(session, organisation_id)
        rows = session.scalars(
            select(Site).where(Site.organisation_id == organisation.id).order_by(Site.name, Site.id)
        )
        return [site_record(row) for row in rows]


def rename_site(db: Database, site_id: uuid.UUID | str, name: str) -> SiteRecord:
    cleaned = validate.required_text(name, "site name")
    with db.transaction() as session:
        row = _site(session, site_id)
        row.name = cleaned
        row.updated_at = utcnow()
        return site_record(row)


def delete_site(db: Database, site_id: uuid.UUID | str) -> None:
    """Delete a site; its assessments stay with the organisation, without a site."""
    with db.transaction() as session:
        session.delete(_site(session, site_id))


def _organisation(session, organisation_id: uuid.UUID | str) -> Organisation:
    row = session.get(Organisation, validate.as_uuid(organisation_id, "organisation"))
    if row is None:
        raise NotFound(f"There is no organisation with the id {organisation_id}.")
    return row


def _site(session, site_id: uuid.UUID | str) -> Site:
    row = session.get(Site, validate.as_uuid(site_id, "site"))
    if row is None:
        raise NotFound(f"There is no site with the id {site_id}.")
    return row
