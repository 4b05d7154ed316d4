"""Generating actions from a known ScoreCard, and regenerating without losing the user's work."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import replace

from imsdesk.planning import ActionData, LinkData, PlanSettings, gap_actions, sync_actions
from imsdesk.planning.generate import remedy_key
from imsdesk.planning.topics import Topic, Topics
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
    assert shared.question_ids == ("op-b", "op-a")  # one remedy, one action; most urgent first
    assert shared.finding == "likely minor"
    assert shared.priority == max(
        scored.question("op-a").priority, scored.question("op-b").priority
    )
    assert shared.source_key == remedy_key("qms", "8.1", "Define criteria.")
    assert by_clause[("qms", "6.2")].title == "Set measurable objectives"
    assert "obj-a (QMS 6.2; likely minor; maturity 1, target 3)" in (
        by_clause[("qms", "6.2")].description
    )
    # Without topics, the phase is the section's: planning (6) before operation (8); within a
    # phase the most urgent first, so the EMS major (priority 60) leads operation.
    assert [a.phase for a in actions] == [2, 4, 4]
    assert actions[1].pack_id == "ems" and actions[1].finding == "likely major"


def test_due_dates_follow_the_phases_and_never_put_a_prerequisite_after_its_dependant():
    scored = card(obj_a=2, op_a=1, op_b=2, e_op=0, pr_a=1)
    actions = gap_actions(scored, [QMS, EMS], START)
    window = {2: (31, 60), 4: (91, 120)}  # days after the assessment, per phase
    for a in actions:
        low, high = window[a.phase]
        assert START + dt.timedelta(days=low) <= a.due <= START + dt.timedelta(days=high)
    assert [a.due for a in actions] == sorted(a.due for a in actions)
    majors = [a for a in actions if a.finding == "likely major"]
    minors = [a for a in actions if a.finding == "likely minor" and a.phase == majors[0].phase]
    assert majors[0].due == START + dt.timedelta(days=(majors[0].phase - 1) * 30 + 10)
    assert minors and all(m.due == majors[0].due + dt.timedelta(days=10) for m in minors)
    longer = gap_actions(scored, [QMS, EMS], START, settings=PlanSettings(phase_days=60))
    assert max(a.due for a in longer) == START + dt.timedelta(days=3 * 60 + 40)  # phase 4 minor
    ambitious = card(target=4, obj_a=3, e_em=3)
    observations = gap_actions(
        ambitious, [QMS, EMS], START, settings=PlanSettings(include_observations=True)
    )
    assert {a.finding for a in observations} == {"opportunity for improvement"}


TOPICS = Topics(
    phases=((1, "Context"), (2, "Risks"), (3, "System"), (4, "Operation"), (6, "Audit")),
    topics=(
        Topic("risks", "register of risks and opportunities", 2, "Management system lead",
              owners=(("ems", "EMS lead"), ("qms", "Quality manager")), shared=True),
        Topic("internal-audit", "internal audit programme", 6, "Internal audit lead",
              shared=True),
        Topic("production", "production", 4, "Production manager"),
    ),
)  # fmt: skip
QMS_T = pack(
    "qms",
    [("6", "Planning", []),
     ("6.1", "Risks", [question("q-risk-a", "6.1", "Keep a risk register.", topic="risks"),
                       question("q-risk-b", "6.1", "Review the risks.", topic="risks")]),
     ("8", "Operation", []),
     ("8.5", "Production", [question("q-prod", "8.5", "Write work instructions.",
                                     topic="production")]),
     ("9", "Performance", []),
     ("9.2", "Audit", [question("q-audit", "9.2", "Plan the audits.", topic="internal-audit")])],
    standard="ISO 9001",
)  # fmt: skip
EMS_T = pack(
    "ems",
    [("6", "Planning", []),
     ("6.1.1", "Risks", [question("e-risk", "6.1.1", "List the EMS risks.", topic="risks")]),
     ("9", "Performance", []),
     ("9.2", "Audit", [question("e-audit", "9.2", "Audit the EMS.", topic="internal-audit")])],
    system="ems",
    standard="ISO 14001",
)  # fmt: skip


def integrated(**answers):
    given = [A(k.replace("_", "-"), v) for k, v in answers.items()]
    card_ = score_assessment([QMS_T, EMS_T], given)
    return gap_actions(card_, [QMS_T, EMS_T], START, topics=TOPICS)


def test_paired_gaps_with_one_remedy_become_one_integrated_action():
    """Two risk registers or two audit programmes are one piece of work in an integrated
    system: one action names both standards' questions."""
    actions = integrated(q_risk_a=1, q_risk_b=2, e_risk=0, q_audit=2, e_audit=1, q_prod=3)
    assert [a.title for a in actions] == [
        "Integrate the register of risks and opportunities for quality and environment",
        "Integrate the internal audit programme for quality and environment",
    ]
    risks = actions[0]
    assert set(risks.question_ids) == {"q-risk-a", "q-risk-b", "e-risk"}
    assert risks.source_key == "topic:risks" and risks.phase == 2
    assert risks.owner == "Management system lead"  # both systems: the common role
    assert "q-risk-a (ISO 9001 6.1; likely minor; maturity 1, target 3): Keep a risk register." in (
        risks.description
    )
    assert "e-risk (ISO 14001 6.1.1; likely major" in risks.description


def test_a_mature_process_is_extended_to_the_other_system_not_built_twice():
    """A firm certified to ISO 9001 with a working audit programme extends it to the EMS."""
    actions = integrated(q_risk_a=3, q_risk_b=4, e_risk=1, q_audit=4, e_audit=1, q_prod=3)
    titles = {a.source_key: a for a in actions}
    audit = titles["topic:internal-audit"]
    assert (
        audit.title == "Extend the existing internal audit programme of ISO 9001 to cover ISO 14001"
    )
    assert audit.description.startswith("ISO 9001 already has this in place")
    assert audit.owner == "Internal audit lead"
    risks = titles["topic:risks"]
    assert risks.owner == "EMS lead"  # the EMS side's own role
    assert risks.phase < audit.phase and risks.due < audit.due


def test_a_topic_that_is_not_shared_keeps_one_action_per_remedy():
    [production] = integrated(q_risk_a=3, q_risk_b=3, e_risk=3, q_audit=3, e_audit=3, q_prod=1)
    assert production.source_key == remedy_key("qms", "8.5", "Write work instructions.")
    assert (production.title, production.owner, production.phase) == (
        "Write work instructions",
        "Production manager",
        4,
    )


def template_link() -> LinkData:
    return LinkData(uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), template_id="t")


def test_only_actions_the_links_template_names_stand_under_the_link():
    """System-building work (objectives in general, emergency preparedness) stays in the section
    lists; a link gets the actions that move its objectives."""
    delivery, other = template_link(), template_link()
    scored = card(obj_a=1, op_a=1, op_b=1, pr_a=1, e_op=1, e_em=1)
    named = {delivery.id: frozenset({"op-a", "e-op"}), other.id: frozenset({"pr-a"})}
    actions = {
        (a.pack_id, a.clause): a.link_id
        for a in gap_actions(scored, [QMS, EMS], START, [delivery, other], link_questions=named)
    }
    assert actions[("qms", "8.1")] == delivery.id
    assert actions[("ems", "8.1")] == delivery.id
    assert actions[("qms", "8.5")] == other.id
    assert actions[("ems", "8.2")] is None
    assert actions[("qms", "6.2")] is None  # setting objectives moves no particular link


def stored(generated) -> list[ActionData]:
    return [
        ActionData(uuid.uuid4(), g.title, g.source_key, g.pack_id, g.clause, g.description,
                   g.finding, g.priority, g.due, owner=g.owner, link_id=g.link_id, phase=g.phase,
                   question_ids=g.question_ids)
        for g in generated
    ]  # fmt: skip


def test_regenerating_keeps_edits_adds_new_gaps_and_closes_fixed_ones():
    first = gap_actions(card(obj_a=1, op_a=2, e_op=0), [QMS, EMS], START)
    actions = stored(first)
    ems = next(i for i, a in enumerate(actions) if a.pack_id == "ems")
    edited = replace(actions[ems], owner="Sarah", due=dt.date(2026, 4, 1), title="My words",
                     status="in progress", edited=frozenset({"owner", "due", "title", "status"}))  # fmt: skip
    actions[ems] = edited
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
