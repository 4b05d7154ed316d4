from __future__ import annotations

import uuid

import pytest

from imsdesk import services
from imsdesk.errors import InvalidInput, NotFound


def test_create_list_rename_delete_organisation(db):
    beta = services.create_organisation(db, "  Beta   Foods  ", sector="Food", size="120")
    alpha = services.create_organisation(db, "Alpha Plastics")
    assert beta.name == "Beta Foods"  # whitespace tidied
    assert isinstance(beta.id, uuid.UUID)
    assert [o.name for o in services.list_organisations(db)] == ["Alpha Plastics", "Beta Foods"]

    renamed = services.rename_organisation(db, alpha.id, "Alpha Plastics Ltd")
    assert renamed.name == "Alpha Plastics Ltd"
    assert renamed.updated_at >= alpha.updated_at
    assert services.get_organisation(db, str(alpha.id)).name == "Alpha Plastics Ltd"

    services.delete_organisation(db, beta.id)
    assert [o.name for o in services.list_organisations(db)] == ["Alpha Plastics Ltd"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "The organisation name cannot be empty."),
        ("   ", "The organisation name cannot be empty."),
        ("x" * 201, "The organisation name is too long (201 characters; at most 200)."),
    ],
)
def test_organisation_name_is_checked(db, name, message):
    with pytest.raises(InvalidInput) as info:
        services.create_organisation(db, name)
    assert str(info.value) == message
    assert services.list_organisations(db) == []


def test_unknown_and_malformed_ids(db):
    with pytest.raises(NotFound, match="no organisation"):
        services.rename_organisation(db, uuid.uuid4(), "X")
    with pytest.raises(InvalidInput, match="not a valid organisation id"):
        services.get_organisation(db, "not-a-uuid")


def test_sites_belong_to_their_organisation(db):
    org = services.create_organisation(db, "Gamma Ltd")
    other = services.create_organisation(db, "Delta Ltd")
    north = services.create_site(db, org.id, "North", address="1 Road")
    services.create_site(db, org.id, "East")
    services.create_site(db, other.id, "Elsewhere")
    assert [s.name for s in services.list_sites(db, org.id)] == ["East", "North"]
    assert services.rename_site(db, north.id, "North works").name == "North works"
    services.delete_site(db, north.id)
    assert [s.name for s in services.list_sites(db, org.id)] == ["East"]
    with pytest.raises(InvalidInput, match="site name cannot be empty"):
        services.create_site(db, org.id, " ")


def test_deleting_an_organisation_deletes_its_sites_assessments_and_answers(db, assessment):
    services.save_answer(db, assessment.id, services.AnswerInput("9001-4.1-a", maturity=3))
    services.delete_organisation(db, assessment.organisation_id)
    assert services.list_assessments(db) == []
    with db.engine.connect() as connection:
        for table in ("site", "assessment", "assessment_pack", "answer"):
            assert connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() == 0
