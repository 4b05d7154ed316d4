"""Deleting actions: the user's own ones go; generated ones are refused (a refresh would bring
them back), and the plan stays as it was."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from imsdesk import services
from imsdesk.errors import InvalidInput, NotFound
from imsdesk.services import AnswerInput
from imsdesk.services import plan as plans


@pytest.fixture
def scoped(db, catalog):
    org = services.create_organisation(db, "Acme")
    return services.create_assessment(
        db, org.id, title="T", date=dt.date(2026, 3, 2),
        packs=services.pack_refs(catalog, ["iso9001-2015", "iso14001-2015"]),
    )  # fmt: skip


def action_ids(db, catalog, assessment_id) -> set[uuid.UUID]:
    return {a.id for a in plans.load_plan(db, catalog, assessment_id).plan.actions}


def test_an_own_action_is_deleted_and_stays_deleted_after_a_refresh(db, catalog, scoped):
    services.save_answer(db, scoped.id, AnswerInput("14001-8.1-a", maturity=0))
    plans.refresh_plan(db, catalog, scoped.id)
    mine = plans.add_action(db, scoped.id, "Book spill kit training", owner="EMS lead")
    before = action_ids(db, catalog, scoped.id)
    assert mine.id in before

    deleted = plans.delete_action(db, str(mine.id))

    assert (deleted.id, deleted.title) == (mine.id, "Book spill kit training")
    assert action_ids(db, catalog, scoped.id) == before - {mine.id}
    assert plans.refresh_plan(db, catalog, scoped.id).empty
    assert mine.id not in action_ids(db, catalog, scoped.id)


def test_a_generated_action_is_refused_and_kept(db, catalog, scoped):
    services.save_answer(db, scoped.id, AnswerInput("14001-8.1-a", maturity=0))
    plans.refresh_plan(db, catalog, scoped.id)
    [generated] = plans.load_plan(db, catalog, scoped.id).plan.actions
    assert generated.generated

    with pytest.raises(InvalidInput, match="comes from a gap in the answers") as refused:
        plans.delete_action(db, generated.id)

    assert "Set its status to cancelled" in str(refused.value)
    assert action_ids(db, catalog, scoped.id) == {generated.id}


def test_unknown_and_malformed_ids(db, scoped):
    with pytest.raises(NotFound, match="There is no action with the id"):
        plans.delete_action(db, uuid.uuid4())
    with pytest.raises(InvalidInput, match="is not a valid action id"):
        plans.delete_action(db, "not-an-id")
