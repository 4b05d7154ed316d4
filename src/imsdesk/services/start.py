"""Starting an assessment in one step: the organisation and site by name (created when new),
the scope by kind (quality, environmental or integrated) instead of pack pins."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from imsdesk.catalog import Catalog, Pack
from imsdesk.errors import InvalidInput, NotFound
from imsdesk.services import validate
from imsdesk.services.assessments import checked_fields, new_assessment_row
from imsdesk.services.convert import assessment_record
from imsdesk.services.records import AssessmentRecord, PackRef
from imsdesk.services.scope import pack_refs
from imsdesk.storage import Database
from imsdesk.storage.models import Organisation, Site

SCOPES = ("qms", "ems", "integrated")


@dataclass(frozen=True)
class NewAssessment:
    # An existing id, or a name: the organisation with exactly that name (ignoring case and
    # spacing) is reused, else it is created.
    organisation: str | uuid.UUID
    site: str | uuid.UUID | None = None  # the same rule within the organisation; None = no site
    title: str = ""  # "" -> "Gap analysis YYYY" from the date
    scope: str = "integrated"  # "qms" | "ems" | "integrated"
    date: dt.date | None = None  # None -> today
    assessor: str = ""
    target_maturity: int = 3
    packs: tuple[str, ...] = ()  # explicit pack ids instead of the scope
    go_live: dt.date | None = None  # when the management system started to run


def start_assessment(db: Database, catalog: Catalog, new: NewAssessment) -> AssessmentRecord:
    """Create the assessment (and its organisation and site when new) in one transaction."""
    date = validate.date(new.date or dt.date.today(), "assessment date")
    packs = pack_refs(catalog, new.packs) if new.packs else scope_packs(catalog, new.scope)
    fields = checked_fields(
        new.title if new.title.strip() else f"Gap analysis {date.year}",
        packs,
        new.assessor,
        date,
        new.target_maturity,
    )
    with db.transaction() as session:
        organisation = _organisation(session, new.organisation)
        site = None if new.site is None else _site(session, organisation, new.site)
        go_live = validate.date(new.go_live, "go-live date") if new.go_live else None
        row = new_assessment_row(organisation, site, packs, go_live=go_live, **fields)
        session.add(row)
        session.flush()
        return assessment_record(row, answered=0)


def scope_packs(catalog: Catalog, scope: str) -> list[PackRef]:
    """The packs for a kind of scope: "integrated" is the two packs of an installed crosswalk;
    "qms" or "ems" the installed pack of that system. Built-in ones come first, and a pack a
    crosswalk names before one it does not."""
    installed = ", ".join(f"{p.id} ({p.system})" for p in catalog.packs) or "none"
    if scope == "integrated":
        crosswalks = sorted(catalog.crosswalks, key=lambda c: not c.builtin)
        if not crosswalks:
            raise InvalidInput(
                f"An integrated assessment needs a crosswalk of a quality and an environmental "
                f"questionnaire, and none is installed (questionnaires: {installed}). Choose the "
                f"scope qms or ems."
            )
        return pack_refs(catalog, [crosswalks[0].qms, crosswalks[0].ems])
    if scope not in SCOPES:
        raise InvalidInput(
            f"Unknown scope {scope!r}; use qms (quality), ems (environmental) or integrated "
            f"(installed questionnaires: {installed})."
        )
    named = {c.qms for c in catalog.crosswalks} | {c.ems for c in catalog.crosswalks}

    def preference(pack: Pack) -> tuple[bool, bool]:
        return (pack.id not in named, not pack.builtin)

    candidates = sorted((p for p in catalog.packs if p.system == scope), key=preference)
    if not candidates:
        kind = "quality (qms)" if scope == "qms" else "environmental (ems)"
        raise InvalidInput(
            f"No {kind} questionnaire is installed (installed: {installed}); add its file to "
            f"the questionnaires folder."
        )
    return pack_refs(catalog, [candidates[0].id])


def _same_name(name: str) -> str:
    return " ".join(name.split()).casefold()


def _organisation(session: Session, given: str | uuid.UUID) -> Organisation:
    if isinstance(given, uuid.UUID):
        row = session.get(Organisation, given)
        if row is None:
            raise NotFound(f"There is no organisation with the id {given}.")
        return row
    name = validate.required_text(given, "organisation name")
    rows = session.scalars(select(Organisation)).all()
    matches = [r for r in rows if _same_name(r.name) == _same_name(name)]
    if len(matches) > 1:
        raise InvalidInput(
            f"There are {len(matches)} organisations named {name!r}; rename one of them first."
        )
    if matches:
        return matches[0]
    row = Organisation(name=name, sector="", size="", address="", contact="")
    session.add(row)
    return row


def _site(session: Session, organisation: Organisation, given: str | uuid.UUID) -> Site:
    if isinstance(given, uuid.UUID):
        row = session.get(Site, given)
        if row is None or row.organisation_id != organisation.id:
            raise NotFound(f"{organisation.name} has no site with the id {given}.")
        return row
    name = validate.required_text(given, "site name")
    rows = (
        session.scalars(select(Site).where(Site.organisation_id == organisation.id)).all()
        if organisation.id is not None
        else []
    )
    matches = [r for r in rows if _same_name(r.name) == _same_name(name)]
    if len(matches) > 1:
        raise InvalidInput(
            f"{organisation.name} has {len(matches)} sites named {name!r}; rename one of them "
            f"first."
        )
    if matches:
        return matches[0]
    row = Site(organisation=organisation, name=name, address="")
    session.add(row)
    return row
