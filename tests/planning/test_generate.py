"""Generating actions from a known ScoreCard, and regenerating without losing the user's work."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import replace

from imsdesk.planning import ActionData, LinkData, PlanSettings, gap_actions, sync_actions
from imsdesk.planning.generate import assign_links, remedy_key
from imsdesk.scoring import score_assessment
from tests.scoring.helpers import A, pack, q

START = dt.date(2026, 3, 10)
TODAY = dt.date(2026, 6, 1)


def question(qid, clause, action, **kw):
    return replace(q(qid, clause, **kw), action=action)


QMS = pack(
    "qms",
    [
        ("6", "Planning", []),
        ("6.2", "Objectives", [question("obj-a", "6.2", "Set measurable objectives. Review them.")]),
        ("8", "Operation", []),
        ("8.1", "Control", [question("op-a", "8.1", "Define criteria."), question("op-b", "8.1", "Define criteria.")]),
        ("8.5", "Production", [question("pr-a", "8.5", "Validate special processes.", documented="retain")]),
    ],
)  # fmt: skip
EMS = pack(
    "ems",
    [("8", "Operation", []), ("8.1", "Control", [question("e-op", "8.1", "Control aspects.")]),
     ("8.2", "Emergency", [question("e-em", "8.2", "Test the plan.")])],
    system="ems",
)  # fmt: skip


def card(target: int = 3, **answers):
    given = [A(k.replace("_", "-"), v) for k, v in answers.items()]
    return score_assessment([QMS, EMS], given, target=target)


def test_one_action_per_gap_or_per_shared_remedy():
    scored = card(obj_a=1, op_a=2, op_b=1, pr_a=4, e_op=0, e_em=3)
    actions = gap_actions(scored, [QMS, EMS], START)
    by_clause = {(a.pack_id, a.clause): a for a in actions}
    assert set(by_clause) == {("qms", "6.2"), ("qms", "8.1"), ("ems", "8.1")}
    shared = by_clause[("qms", "8.1")]
    assert shared.question_ids == ("op-a", "op-b")  # one remedy, one action
    assert shared.finding == "likely minor"
    assert shared.priority == max(
        scored.question("op-a").priority, scored.question("op-b").priority
    )
    assert shared.source_key == remedy_key("qms", "8.1", "Define criteria.")
    assert by_clause[("qms", "6.2")].title == "Set measurable objectives"
    assert "obj-a (likely minor; maturity 1, target 3)" in by_clause[("qms", "6.2")].description
    # Most urgent first: the EMS major (priority 60) leads.
    assert actions[0].pack_id == "ems" and actions[0].finding == "likely major"


def test_due_dates_follow_the_finding_and_settings():
    scored = card(obj_a=2, e_op=0, e_em=3, pr_a=3)
    actions = {a.clause + a.pack_id: a for a in gap_actions(scored, [QMS, EMS], START)}
    assert actions["8.1ems"].due == START + dt.timedelta(days=30)
    assert actions["6.2qms"].due == START + dt.timedelta(days=90)
    settings = PlanSettings(
        due_days={"likely major": 14, "likely minor": 60, "opportunity for improvement": 120},
        include_observations=True,
    )
    ambitious = card(target=4, obj_a=2, e_op=0, e_em=3, pr_a=4)  # 8.2 at 3: below the target 4
    actions = {
        a.clause + a.pack_id: a
        for a in gap_actions(ambitious, [QMS, EMS], START, settings=settings)
    }
    assert actions["8.1ems"].due == START + dt.timedelta(days=14)
    assert actions["8.2ems"].due == START + dt.timedelta(days=120)  # an opportunity, included
    assert actions["8.2ems"].finding == "opportunity for improvement"


def link(*clauses) -> LinkData:
    return LinkData(uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), clauses=tuple(clauses))


def test_actions_attach_to_the_link_they_serve():
    delivery = link(("qms", "8.1"), ("ems", "8.1"))
    other = link(("qms", "8.5"))
    scored = card(obj_a=1, op_a=1, op_b=1, pr_a=1, e_op=1, e_em=1)
    actions = {
        (a.pack_id, a.clause): a.link_id
        for a in gap_actions(scored, [QMS, EMS], START, [delivery, other])
    }
    assert actions[("qms", "8.1")] == delivery.id
    assert actions[("ems", "8.1")] == delivery.id
    assert actions[("qms", "8.5")] == other.id
    assert actions[("ems", "8.2")] is None  # emergency preparedness serves no objective link
    assert actions[("qms", "6.2")] in (delivery.id, other.id)  # every link is served by 6.2


def test_shared_clauses_spread_over_links_and_specific_beats_shared():
    a, b = link(), link(("qms", "6.2"))
    scored = card(obj_a=1)
    [only] = gap_actions(scored, [QMS, EMS], START, [a, b])
    assert only.link_id == b.id  # b names 6.2 itself
    base = gap_actions(card(obj_a=1, op_a=1, e_op=1), [QMS, EMS], START)
    spread = assign_links(
        [replace(x, clause="6.2") for x in base], [link(), link()], {"qms": "qms", "ems": "ems"}
    )
    assert (
        len(
            {x.link_id for x in spread if x.pack_id == "qms"}
            | {x.link_id for x in spread if x.pack_id == "ems"}
        )
        == 2
    )


def stored(generated) -> list[ActionData]:
    return [
        ActionData(uuid.uuid4(), g.title, g.source_key, g.pack_id, g.clause, g.description,
                   g.finding, g.priority, g.due, link_id=g.link_id)
        for g in generated
    ]  # fmt: skip


def test_regenerating_keeps_edits_adds_new_gaps_and_closes_fixed_ones():
    first = gap_actions(card(obj_a=1, op_a=2, e_op=0), [QMS, EMS], START)
    actions = stored(first)
    edited = replace(actions[0], owner="Sarah", due=dt.date(2026, 4, 1), title="My words",
                     status="in progress", edited=frozenset({"owner", "due", "title", "status"}))  # fmt: skip
    actions[0] = edited
    # Answers change: the EMS gap gets better but stays a gap, the 6.2 gap closes, a new one opens.
    second = gap_actions(card(obj_a=4, op_a=2, e_op=2, e_em=1), [QMS, EMS], START)
    changes = sync_actions(actions, second, TODAY)
    assert [g.clause + g.pack_id for g in changes.added] == ["8.2ems"]
    [closed] = changes.closed
    assert closed.clause == "6.2" and closed.status == "done" and closed.closed_by_plan
    assert "Closed on 2026-06-01" in closed.note
    refreshed = {a.id: a for a in changes.updated}
    mine = refreshed[edited.id]
    assert (mine.owner, mine.due, mine.title, mine.status) == (
        "Sarah",
        dt.date(2026, 4, 1),
        "My words",
        "in progress",
    )
    assert mine.finding == "likely minor"  # derived values follow the answers
    # Nothing is ever deleted.
    assert len(actions) + len(changes.added) == 4


def test_a_closed_gap_that_returns_reopens_its_action():
    actions = stored(gap_actions(card(obj_a=1), [QMS, EMS], START))
    closed = sync_actions(actions, [], TODAY).closed
    again = sync_actions(list(closed), gap_actions(card(obj_a=1), [QMS, EMS], START), TODAY)
    [reopened] = again.reopened
    assert reopened.status == "open" and not reopened.closed_by_plan
    assert "Reopened on 2026-06-01" in reopened.note


def test_actions_the_user_closed_or_cancelled_stay_so():
    actions = stored(gap_actions(card(obj_a=1), [QMS, EMS], START))
    cancelled = [replace(actions[0], status="cancelled", edited=frozenset({"status"}))]
    changes = sync_actions(cancelled, gap_actions(card(obj_a=1), [QMS, EMS], START), TODAY)
    assert changes.reopened == () and changes.closed == ()
    assert sync_actions(cancelled, [], TODAY).closed == ()


def test_nothing_to_do_when_nothing_changed():
    generated = gap_actions(card(obj_a=1, e_op=0), [QMS, EMS], START)
    assert sync_actions(stored(generated), generated, TODAY).empty
