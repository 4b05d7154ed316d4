"""Edits of actions that the planning rules must respect: a priority the user sets, and clause
numbers of the user's own actions."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from imsdesk import services
from imsdesk.errors import InvalidInput
from imsdesk.services import AnswerInput
from imsdesk.services import plan as plans


@pytest.fixture
def scoped(db, catalog):
    org = services.create_organisation(db, "Acme")
    return services.create_assessment(
        db, org.id, title="T", date=dt.date(2026, 3, 2),
        packs=services.pack_refs(catalog, ["iso9001-2015", "iso14001-2015"]),
    )  # fmt: skip


def generated(db, catalog, assessment_id):
    [action] = plans.load_plan(db, catalog, assessment_id).plan.actions
    return action


def test_a_priority_set_by_the_user_stays_when_the_answers_change(db, catalog, scoped):
    services.save_answer(db, scoped.id, AnswerInput("14001-8.1-a", maturity=0))
    plans.refresh_plan(db, catalog, scoped.id)
    action = generated(db, catalog, scoped.id)
    assert action.priority and action.priority != 42.0

    plans.update_action(db, action.id, priority=42)
    services.save_answer(db, scoped.id, AnswerInput("14001-8.1-a", maturity=1))
    plans.refresh_plan(db, catalog, scoped.id)

    again = generated(db, catalog, scoped.id)
    assert again.priority == 42.0
    assert "priority" in again.edited


def test_an_unedited_priority_follows_the_answers(db, catalog, scoped):
    services.save_answer(db, scoped.id, AnswerInput("14001-8.1-a", maturity=0))
    plans.refresh_plan(db, catalog, scoped.id)
    before = generated(db, catalog, scoped.id).priority
    services.save_answer(db, scoped.id, AnswerInput("14001-8.1-a", maturity=1))
    plans.refresh_plan(db, catalog, scoped.id)
    assert generated(db, catalog, scoped.id).priority != before


@pytest.mark.parametrize(
    ("value", "message"),
    [("high", "is a number"), (-1, "from 0 to 1000"), (5000, "from 0 to 1000"), (True, "number")],
)
def test_a_priority_must_be_a_sensible_number(db, catalog, scoped, value, message):
    services.save_answer(db, scoped.id, AnswerInput("14001-8.1-a", maturity=0))
    plans.refresh_plan(db, catalog, scoped.id)
    action = generated(db, catalog, scoped.id)
    with pytest.raises(InvalidInput, match=message):
        plans.update_action(db, action.id, priority=value)
    assert generated(db, catalog, scoped.id).priority == action.priority


def test_an_own_action_needs_a_real_clause_number(db, catalog, scoped):
    with pytest.raises(InvalidInput, match=r"'A\.1' is not a clause number"):
        plans.add_action(db, scoped.id, "Fix annex", pack_id="iso9001-2015", clause="A.1")
    mine = plans.add_action(db, scoped.id, "Fix 8.5.1", pack_id="iso9001-2015", clause="8.5.1")
    assert [a.id for a in plans.load_plan(db, catalog, scoped.id).plan.actions] == [mine.id]


def test_the_cli_sets_a_priority(cli, tmp_path):
    run = cli("--db", "p.db", "demo")
    assessment = run.stdout.strip().splitlines()[-1]
    plan = cli("--db", "p.db", "plan", assessment, "--json").stdout
    action = json.loads(plan)["actions"][0]["id"]
    edited = cli("--db", "p.db", "action", "edit", action, "--priority", "9")
    assert edited.code == 0, edited.stderr
    after = json.loads(cli("--db", "p.db", "plan", assessment, "--json").stdout)
    assert next(a for a in after["actions"] if a["id"] == action)["priority"] == 9.0
