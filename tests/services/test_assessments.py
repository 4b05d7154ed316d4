from __future__ import annotations

import datetime as dt

import pytest

from imsdesk import services
from imsdesk.errors import InvalidInput, NotFound
from tests.conftest import PACKS


def test_created_assessment_is_listed_with_its_scope(db, assessment):
    [listed] = services.list_assessments(db)
    assert listed.id == assessment.id
    assert listed.organisation_name == "Acme Widgets Ltd"
    assert listed.site_name == "Leeds plant"
    assert listed.status == "draft"
    assert listed.target_maturity == 3
    assert listed.packs == PACKS
    assert listed.answered == 0


def test_list_orders_by_organisation_then_newest_date(db):
    zeta = services.create_organisation(db, "Zeta")
    acme = services.create_organisation(db, "Acme")
    for org, title, day in [(zeta, "Z1", 1), (acme, "A-old", 1), (acme, "A-new", 20)]:
        services.create_assessment(
            db, org.id, title=title, date=dt.date(2026, 1, day), packs=PACKS[:1]
        )
    assert [a.title for a in services.list_assessments(db)] == ["A-new", "A-old", "Z1"]
    assert [a.title for a in services.list_assessments(db, zeta.id)] == ["Z1"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"title": " "}, "The assessment title cannot be empty."),
        ({"packs": ()}, "An assessment needs at least one questionnaire."),
        ({"packs": PACKS[:1] * 2}, "The same questionnaire is in the scope twice."),
        ({"target_maturity": 6}, "Maturity 6 is out of range; use 0 to 5."),
    ],
)
def test_assessment_input_is_checked(db, kwargs, message):
    org = services.create_organisation(db, "Acme")
    arguments = {"title": "T", "date": dt.date(2026, 1, 1), "packs": PACKS} | kwargs
    with pytest.raises(InvalidInput) as info:
        services.create_assessment(db, org.id, **arguments)
    assert str(info.value) == message


def test_site_must_belong_to_the_organisation(db):
    org = services.create_organisation(db, "Acme")
    other = services.create_organisation(db, "Other")
    site = services.create_site(db, other.id, "Their site")
    with pytest.raises(NotFound, match="Acme has no site"):
        services.create_assessment(
            db, org.id, site_id=site.id, title="T", date=dt.date(2026, 1, 1), packs=PACKS
        )


def test_rename_finalise_and_delete(db, assessment):
    assert services.rename_assessment(db, assessment.id, "Stage 1 check").title == "Stage 1 check"
    assert services.set_status(db, assessment.id, "final").status == "final"
    with pytest.raises(InvalidInput, match="Unknown status"):
        services.set_status(db, assessment.id, "closed")
    services.delete_assessment(db, assessment.id)
    assert services.list_assessments(db) == []
    with pytest.raises(NotFound):
        services.load_assessment(db, assessment.id)


def test_deleting_a_site_keeps_its_assessments(db, assessment):
    detail = services.load_assessment(db, assessment.id)
    assert detail.site is not None
    services.delete_site(db, detail.site.id)
    [kept] = services.list_assessments(db)
    assert kept.site_name is None


def test_resolve_assessment_id_by_prefix(db, assessment):
    full = str(assessment.id)
    assert services.resolve_assessment_id(db, full) == assessment.id
    assert services.resolve_assessment_id(db, full[:8].upper()) == assessment.id
    with pytest.raises(InvalidInput, match="at least 4"):
        services.resolve_assessment_id(db, "ab")
    with pytest.raises(NotFound):
        services.resolve_assessment_id(db, "ffffffff-nope")
