"""Reading the plan writes nothing; bringing it up to date is a separate command."""

from __future__ import annotations

import datetime as dt

import pytest

from imsdesk import services
from imsdesk.services import AnswerInput
from imsdesk.services import plan as plans
from tests.dbwatch import WriteWatch

GAPS = [
    AnswerInput("14001-8.1-a", maturity=0),
    AnswerInput("9001-8.5.1-a", maturity=1),
    AnswerInput("9001-7.1.5.2-a", not_applicable=True, justification="No measuring equipment"),
]


@pytest.fixture
def answered(db, catalog):
    org = services.create_organisation(db, "Acme")
    record = services.create_assessment(
        db, org.id, title="T", date=dt.date(2026, 3, 2),
        packs=services.pack_refs(catalog, ["iso9001-2015", "iso14001-2015"]),
    )  # fmt: skip
    services.save_answers(db, record.id, GAPS, catalog)
    return record


@pytest.fixture
def watch(db):
    watcher = WriteWatch(db.path)
    yield watcher
    watcher.close()


def test_load_plan_never_writes_and_refresh_plan_brings_the_actions(db, catalog, answered, watch):
    before = plans.load_plan(db, catalog, answered.id)
    assert not watch.written()
    assert before.plan.actions == ()  # reading generates nothing
    assert before.scored.detail.assessment.answered == len(GAPS)

    changes = plans.refresh_plan(db, catalog, answered.id, today=dt.date(2026, 4, 1))
    assert watch.written()  # the watch sees a real write
    assert sorted(a.clause for a in changes.added) == ["8.1", "8.5.1"]

    view = plans.load_plan(db, catalog, answered.id)
    assert not watch.written()
    assert sorted(a.clause for a in view.plan.actions) == ["8.1", "8.5.1"]
    assert all(a.generated and a.status == "open" for a in view.plan.actions)

    # A new gap: the read shows the plan as stored until the next refresh.
    services.save_answer(db, answered.id, AnswerInput("9001-8.5.2-a", maturity=0), catalog)
    assert watch.written()
    stale = plans.load_plan(db, catalog, answered.id)
    assert not watch.written()
    assert len(stale.plan.actions) == 2
    assert [a.clause for a in plans.refresh_plan(db, catalog, answered.id).added] == ["8.5.2"]
    assert len(plans.load_plan(db, catalog, answered.id).plan.actions) == 3


def test_refresh_plan_twice_changes_nothing_the_second_time(db, catalog, answered, watch):
    plans.refresh_plan(db, catalog, answered.id)
    assert watch.written()
    assert plans.refresh_plan(db, catalog, answered.id).empty


def test_load_plan_of_an_unknown_assessment(db, catalog):
    from imsdesk.errors import NotFound

    with pytest.raises(NotFound, match="There is no assessment"):
        plans.load_plan(db, catalog, "00000000-0000-0000-0000-000000000000")
