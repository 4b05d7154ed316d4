"""Starting an assessment in one step: organisation and site by name, scope by kind."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

import pytest

from imsdesk import services
from imsdesk.catalog import Catalog
from imsdesk.errors import InvalidInput, NotFound
from imsdesk.services import NewAssessment

DAY = dt.date(2026, 5, 4)


def test_new_organisation_and_site_are_created(db, catalog):
    record = services.start_assessment(
        db,
        catalog,
        NewAssessment("Handmade Ltd", site="Workshop", date=DAY, assessor="P. Consultant",
                      target_maturity=4),
    )  # fmt: skip
    assert record.organisation_name == "Handmade Ltd"
    assert record.site_name == "Workshop"
    assert (record.title, record.date, record.assessor) == (
        "Gap analysis 2026",
        DAY,
        "P. Consultant",
    )
    assert (record.status, record.target_maturity, record.answered) == ("draft", 4, 0)
    # Integrated by default: both packs of the crosswalk, pinned as installed.
    assert record.packs == tuple(services.pack_refs(catalog, ["iso9001-2015", "iso14001-2015"]))
    [organisation] = services.list_organisations(db)
    assert [s.name for s in services.list_sites(db, organisation.id)] == ["Workshop"]


def test_existing_organisation_and_site_are_reused_by_name(db, catalog):
    first = services.start_assessment(db, catalog, NewAssessment("Handmade  Ltd", site="Workshop"))
    again = services.start_assessment(
        db, catalog, NewAssessment(" handmade LTD ", site="WORKSHOP", title="Second")
    )
    assert (again.organisation_id, again.site_id) == (first.organisation_id, first.site_id)
    assert again.date == dt.date.today()
    by_id = services.start_assessment(
        db, catalog, NewAssessment(first.organisation_id, site=first.site_id, title="Third")
    )
    assert (by_id.organisation_id, by_id.site_id) == (first.organisation_id, first.site_id)
    # A site of the same name under another organisation is another site.
    other = services.start_assessment(db, catalog, NewAssessment("Other Ltd", site="Workshop"))
    assert other.site_id != first.site_id
    no_site = services.start_assessment(db, catalog, NewAssessment("Other Ltd"))
    assert no_site.site_id is None and no_site.organisation_id == other.organisation_id
    assert len(services.list_organisations(db)) == 2


@pytest.mark.parametrize(
    ("scope", "packs"),
    [("qms", ["iso9001-2015"]), ("ems", ["iso14001-2015"]),
     ("integrated", ["iso9001-2015", "iso14001-2015"])],
)  # fmt: skip
def test_scope_chooses_the_packs(db, catalog, scope, packs):
    record = services.start_assessment(db, catalog, NewAssessment("Acme", scope=scope))
    assert [p.pack_id for p in record.packs] == packs


def test_explicit_packs_replace_the_scope(db, catalog):
    record = services.start_assessment(
        db, catalog, NewAssessment("Acme", scope="nonsense", packs=("iso14001-2015",))
    )
    assert [p.pack_id for p in record.packs] == ["iso14001-2015"]


def only(catalog: Catalog, system: str) -> Catalog:
    return Catalog(tuple(p for p in catalog.packs if p.system == system))


@pytest.mark.parametrize(
    ("scope", "installed", "message"),
    [
        ("iso", None, "Unknown scope 'iso'; use qms (quality), ems (environmental) or integrated "
                      "(installed questionnaires: iso14001-2015 (ems), iso9001-2015 (qms))."),
        ("integrated", "qms", "An integrated assessment needs a crosswalk of a quality and an "
                              "environmental questionnaire, and none is installed (questionnaires: "
                              "iso9001-2015 (qms)). Choose the scope qms or ems."),
        ("ems", "qms", "No environmental (ems) questionnaire is installed (installed: "
                       "iso9001-2015 (qms)); add its file to the questionnaires folder."),
        ("qms", "ems", "No quality (qms) questionnaire is installed (installed: "
                       "iso14001-2015 (ems)); add its file to the questionnaires folder."),
    ],
)  # fmt: skip
def test_a_scope_that_cannot_be_met_is_refused(db, catalog, scope, installed, message):
    ordered = Catalog(tuple(sorted(catalog.packs, key=lambda p: p.id)), catalog.crosswalks)
    chosen = only(catalog, installed) if installed else ordered
    with pytest.raises(InvalidInput) as info:
        services.start_assessment(db, chosen, NewAssessment("Acme", scope=scope))
    assert str(info.value) == message
    assert services.list_organisations(db) == []


def test_built_in_packs_named_by_the_crosswalk_are_preferred(db, catalog):
    iso9001 = catalog.pack("iso9001-2015")
    custom = dataclasses.replace(iso9001, id="our-qms", builtin=False)
    mixed = Catalog((custom, *catalog.packs), catalog.crosswalks)
    record = services.start_assessment(db, mixed, NewAssessment("Acme", scope="qms"))
    assert [p.pack_id for p in record.packs] == ["iso9001-2015"]
    alone = Catalog((custom,))
    record = services.start_assessment(db, alone, NewAssessment("Acme", scope="qms"))
    assert [p.pack_id for p in record.packs] == ["our-qms"]


@pytest.mark.parametrize(
    ("new", "error", "message"),
    [
        (NewAssessment(" "), InvalidInput, "The organisation name cannot be empty."),
        (NewAssessment("Acme", site=" "), InvalidInput, "The site name cannot be empty."),
        (
            NewAssessment("Acme", target_maturity=7),
            InvalidInput,
            "Maturity 7 is out of range; use 0 to 5.",
        ),
        (
            NewAssessment("Acme", packs=("nope",)),
            InvalidInput,
            "There is no questionnaire 'nope' (installed: iso14001-2015, iso9001-2015).",
        ),
        (
            NewAssessment(uuid.UUID(int=1)),
            NotFound,
            "There is no organisation with the id 00000000-0000-0000-0000-000000000001.",
        ),
        (
            NewAssessment("Acme", site=uuid.UUID(int=2)),
            NotFound,
            "Acme has no site with the id 00000000-0000-0000-0000-000000000002.",
        ),
    ],
)
def test_bad_input_creates_nothing(db, catalog, new, error, message):
    with pytest.raises(error) as info:
        services.start_assessment(db, catalog, new)
    assert str(info.value) == message
    # All in one transaction: not even the new organisation is left behind.
    assert services.list_organisations(db) == []
    assert services.list_assessments(db) == []


def test_two_organisations_of_the_same_name_are_not_guessed_between(db, catalog):
    services.create_organisation(db, "Acme")
    services.create_organisation(db, "ACME")
    with pytest.raises(InvalidInput, match="There are 2 organisations named 'acme'"):
        services.start_assessment(db, catalog, NewAssessment("acme"))
