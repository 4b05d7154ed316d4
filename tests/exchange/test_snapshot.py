"""Undo for deletions: snapshot, delete, restore gives back exactly what was there."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from imsdesk import exchange, services
from imsdesk.errors import InvalidInput, NotFound
from imsdesk.exchange import restore_snapshot, take_snapshot
from tests.conftest import PACKS
from tests.services.lifecycle_data import record_everything


def comparable(document: dict) -> dict:
    return {k: v for k, v in document.items() if k != "exported_at"}


@pytest.fixture
def world(db, assessment):
    """Two cycles at the Leeds plant (the second continuing the first), one assessment at a
    second site, and another organisation that must never be touched."""
    record_everything(db, assessment)
    second = services.next_cycle(db, assessment.id, date=dt.date(2027, 3, 1))
    services.save_answer(db, second.id, services.AnswerInput("9001-4.1-a", maturity=3))
    york = services.create_site(db, assessment.organisation_id, "York depot", address="2 Quay")
    elsewhere = services.create_assessment(
        db, assessment.organisation_id, site_id=york.id, title="York check",
        date=dt.date(2026, 6, 1), packs=PACKS[:1],
    )  # fmt: skip
    other = services.create_organisation(db, "Other Ltd")
    untouched = services.create_assessment(
        db, other.id, title="Theirs", date=dt.date(2026, 1, 1), packs=PACKS
    )
    return {
        "first": assessment.id,
        "second": second.id,
        "elsewhere": elsewhere.id,
        "untouched": untouched.id,
        "leeds": assessment.site_id,
        "york": york.id,
        "organisation": assessment.organisation_id,
    }


def state(db) -> dict:
    """Everything a restore must bring back, as comparable data."""
    organisations = services.list_organisations(db)
    return {
        "organisations": organisations,
        "sites": {o.id: services.list_sites(db, o.id) for o in organisations},
        "documents": {
            a.id: comparable(exchange.export_document(db, a.id))
            for a in services.list_assessments(db)
        },
    }


@pytest.mark.parametrize(
    ("kind", "key", "delete"),
    [
        ("assessment", "first", services.delete_assessment),
        ("assessment", "second", services.delete_assessment),
        ("site", "leeds", services.delete_site),
        ("organisation", "organisation", services.delete_organisation),
    ],
)
def test_delete_then_restore_gives_back_identical_records(db, world, kind, key, delete):
    before = state(db)
    snapshot = take_snapshot(db, kind, world[key])
    delete(db, world[key])
    assert state(db) != before
    restore_snapshot(db, snapshot)
    assert state(db) == before
    # Restoring again (a second Undo) changes nothing.
    restore_snapshot(db, snapshot)
    assert state(db) == before


def test_the_snapshot_holds_what_the_delete_takes(db, world):
    whole = take_snapshot(db, "organisation", world["organisation"])
    assert set(whole.document_ids()) == {world["first"], world["second"], world["elsewhere"]}
    assert len(whole.sites) == 2
    site = take_snapshot(db, "site", world["leeds"])
    assert site.documents == () and set(site.site_assessments) == {world["first"], world["second"]}
    first = take_snapshot(db, "assessment", world["first"])
    assert first.document_ids() == (world["first"],)
    assert first.successors == ((world["second"], world["first"]),)
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.kind = "site"  # type: ignore[misc]


def test_deleting_a_predecessor_unlinks_and_undo_relinks(db, world):
    snapshot = take_snapshot(db, "assessment", world["first"])
    services.delete_assessment(db, world["first"])
    assert services.load_assessment(db, world["second"]).assessment.predecessor_id is None
    restore_snapshot(db, snapshot)
    assert services.load_assessment(db, world["second"]).assessment.predecessor_id == world["first"]


def test_the_restored_summaries_are_recomputed(db, catalog, world):
    services.overview(db, catalog)
    before = {a.id: a for a in services.load_overview(db, catalog).assessments}
    snapshot = take_snapshot(db, "organisation", world["organisation"])
    services.delete_organisation(db, world["organisation"])
    restore_snapshot(db, snapshot)
    after = {a.id: a for a in services.overview(db, catalog).assessments}
    assert after == before


def test_a_site_whose_organisation_is_gone_cannot_be_restored_alone(db, world):
    site = take_snapshot(db, "site", world["york"])
    organisation = take_snapshot(db, "organisation", world["organisation"])
    services.delete_organisation(db, world["organisation"])
    with pytest.raises(NotFound, match="The organisation of the site 'York depot' was deleted too"):
        restore_snapshot(db, site)
    restore_snapshot(db, organisation)
    restore_snapshot(db, site)  # now a no-op
    assert {s.name for s in services.list_sites(db, world["organisation"])} == {
        "Leeds plant",
        "York depot",
    }


def test_snapshot_of_an_unknown_record(db, world):
    with pytest.raises(InvalidInput, match="Unknown kind of record 'answer'"):
        take_snapshot(db, "answer", world["first"])
    for kind in ("organisation", "site", "assessment"):
        with pytest.raises(NotFound):
            take_snapshot(db, kind, "6f1c9f0e-0000-4000-8000-000000000099")
