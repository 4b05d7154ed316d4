"""The demo's plan read as a consultant reads it: one action per piece of shared work, in phases a
client could start on Monday, each with an owner, and under each link only what moves it."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from imsdesk import services
from imsdesk.catalog import load_catalog
from imsdesk.demo import create_demo
from imsdesk.planning import load_library
from imsdesk.planning.topics import load_topics
from imsdesk.services import AnswerInput
from imsdesk.services import plan as plans


@pytest.fixture
def demo(db, catalog):
    record = create_demo(db, catalog, load_library(), today=dt.date(2026, 3, 10))
    plans.refresh_plan(db, catalog, record.id)
    return record


def open_generated(view):
    return [a for a in view.plan.actions if a.generated and a.status in ("open", "in progress")]


def test_every_shipped_question_has_a_known_topic():
    topics = load_topics()
    assert topics.problems == ()
    for pack in load_catalog().packs:
        unknown = [q.id for q in pack.questions if topics.get(q.topic) is None]
        assert unknown == [], pack.id


def test_no_two_open_actions_for_one_piece_of_shared_work(db, catalog, demo):
    view = plans.load_plan(db, catalog, demo.id)
    topics = load_topics()
    shared = Counter()
    for action in open_generated(view):
        found = {
            topics.get(p.question(q).topic).id
            for q in action.question_ids
            if (p := view.scored.scope.pack_of(q)) and topics.get(p.question(q).topic).shared
        }
        shared.update(found)
    assert [topic for topic, n in shared.items() if n > 1] == []
    both = [a for a in open_generated(view) if len(view.standards(a)) == 2]
    assert len(both) >= 5  # risks, audit, review, corrective action... merged for the demo
    assert all(a.title.startswith("Integrate the ") for a in both)
    extended = [a for a in open_generated(view) if a.title.startswith("Extend the existing ")]
    assert extended, "the demo's mature QMS processes are extended to the EMS"


def test_a_prerequisite_is_never_due_after_what_depends_on_it(db, catalog, demo):
    actions = open_generated(plans.load_plan(db, catalog, demo.id))
    for earlier in actions:
        for later in actions:
            if earlier.phase < later.phase:
                assert earlier.due <= later.due, (earlier.title, later.title)
    by_name = {a.title: a for a in actions}
    register = next(a for t, a in by_name.items() if "compliance obligations register" in t)
    evaluation = next(a for a in actions if a.clause.startswith("9.1.2") and a.phase == 5)
    audit = next(a for a in actions if "internal audit programme" in a.title)
    review = next(a for a in actions if "management review" in a.title)
    assert register.due <= evaluation.due <= audit.due <= review.due
    assert len({a.due for a in actions}) >= 10  # spread over the phases, not all on one day


def test_every_action_has_an_owner_or_an_owner_role(db, catalog, demo):
    actions = open_generated(plans.load_plan(db, catalog, demo.id))
    assert all(a.owner for a in actions)
    owners = {a.owner for a in actions}
    assert {"Top management", "EMS lead", "Internal audit lead"} <= owners


def test_linked_actions_are_the_ones_their_template_names(db, catalog, demo):
    view = plans.load_plan(db, catalog, demo.id)
    library = load_library()
    for group in view.plan.groups:
        for target in group.targets:
            template = library.template(target.link.template_id or "")
            for action in target.actions:
                if action.generated:
                    assert template is not None
                    assert set(action.question_ids) & template.questions, action.title


def test_regenerating_keeps_every_edit_of_a_merged_action(db, catalog, demo):
    view = plans.load_plan(db, catalog, demo.id)
    merged = next(a for a in open_generated(view) if len(view.standards(a)) == 2)
    plans.update_action(
        db, merged.id, title="One risk workshop for both", owner="Sarah Whitfield",
        due=dt.date(2026, 5, 1), status="in progress",
    )  # fmt: skip
    # Answers change under it: one of its questions improves but stays a gap.
    question = merged.question_ids[0]
    stored = {a.question_id: a for a in services.load_assessment(db, demo.id).answers}
    level = stored[question].maturity
    services.save_answers(db, demo.id, [AnswerInput(question, maturity=min(level + 1, 2))])
    plans.refresh_plan(db, catalog, demo.id)
    kept = next(a for a in plans.load_plan(db, catalog, demo.id).plan.actions if a.id == merged.id)
    assert (kept.title, kept.owner, kept.due, kept.status) == (
        "One risk workshop for both", "Sarah Whitfield", dt.date(2026, 5, 1), "in progress",
    )  # fmt: skip
    assert set(kept.question_ids) == set(merged.question_ids)
