"""Objectives, links, suggestions and the stored plan through the services."""

from __future__ import annotations

import datetime as dt

import pytest

from imsdesk import services
from imsdesk.errors import InvalidInput
from imsdesk.planning import load_library
from imsdesk.services import AnswerInput, objectives
from imsdesk.services import plan as plans
from imsdesk.services.objectives import ObjectiveInput

LATER = dt.date(2027, 3, 1)


@pytest.fixture
def scoped(db, catalog):
    org = services.create_organisation(db, "Acme")
    return services.create_assessment(
        db, org.id, title="T", date=dt.date(2026, 3, 2),
        packs=services.pack_refs(catalog, ["iso9001-2015", "iso14001-2015"]),
    )  # fmt: skip


def otif(db, assessment):
    return objectives.add_objective(
        db, assessment.id,
        ObjectiveInput("quality", "Deliver 97% on time", category="delivery", kpi="OTIF", unit="%",
                       baseline=94, target_value=97, due=LATER),
    )  # fmt: skip


def test_objectives_are_validated_and_ordered(db, scoped):
    first = otif(db, scoped)
    with pytest.raises(InvalidInput, match="An environmental target needs a KPI"):
        objectives.add_objective(db, scoped.id, ObjectiveInput("environmental", "Less CO2"))
    with pytest.raises(InvalidInput, match=r"must be measurable \(ISO 9001 6.2.1 b\)"):
        objectives.add_objective(db, scoped.id, ObjectiveInput("quality", "Improve quality"))
    second = objectives.add_objective(
        db,
        scoped.id,
        ObjectiveInput(
            "quality",
            "Fewer complaints",
            kpi="Complaints",
            unit="per 1,000 orders",
            target_value=1.5,
            due=LATER,
        ),
    )
    assert (first.position, second.position) == (0, 1)
    changed = objectives.update_objective(db, first.id, owner="Logistics", status="at risk")
    assert (changed.owner, changed.status, changed.kpi) == ("Logistics", "at risk", "OTIF")
    with pytest.raises(InvalidInput, match="must be after the assessment date"):
        objectives.update_objective(db, first.id, due=dt.date(2026, 1, 1))
    with pytest.raises(InvalidInput, match="cannot change its kind"):
        objectives.update_objective(db, first.id, kind="environmental")


def test_suggest_accept_and_link(db, catalog, scoped):
    library = load_library()
    quality = otif(db, scoped)
    [best, *_] = objectives.suggestions(db, library, quality.id)
    assert best.template.id == "delivery-transport"
    target, link = objectives.accept_suggestion(
        db, library, quality.id, best.template.id, baseline=18.4, target_value=16.5, due=LATER
    )
    assert (target.kind, target.kpi, target.unit) == (
        "environmental", best.template.environmental.kpi, best.template.environmental.unit,
    )  # fmt: skip
    assert link.rationale == best.template.rationale
    assert ("ems", "8.1") in link.clauses
    with pytest.raises(InvalidInput, match="already linked"):
        objectives.link_objectives(db, quality.id, target.id)
    with pytest.raises(InvalidInput, match="from a quality objective to an environmental one"):
        objectives.link_objectives(db, target.id, quality.id)
    with pytest.raises(InvalidInput, match="needs a baseline"):
        objectives.accept_suggestion(db, library, quality.id, best.template.id, baseline=None,
                                target_value=1, due=LATER)  # fmt: skip


def test_plan_reads_up_to_date_and_keeps_edits(db, catalog, scoped):
    library = load_library()
    quality = otif(db, scoped)
    objectives.accept_suggestion(
        db, library, quality.id, "delivery-transport", baseline=18, target_value=16, due=LATER
    )
    objectives.add_objective(
        db,
        scoped.id,
        ObjectiveInput(
            "quality",
            "Fewer complaints",
            kpi="Complaints",
            unit="per 1,000 orders",
            target_value=1.5,
            due=LATER,
        ),
    )
    services.save_answers(db, scoped.id, [
        AnswerInput("14001-8.1-d", maturity=0), AnswerInput("9001-8.5.1-a", maturity=1),
        AnswerInput("9001-6.2.1-a", maturity=2),
    ])  # fmt: skip
    changes = plans.refresh_plan(db, catalog, scoped.id, today=dt.date(2026, 4, 1))
    assert len(changes.added) == 3
    view = plans.load_plan(db, catalog, scoped.id)
    [linked, unlinked] = view.plan.groups
    assert not linked.incomplete and unlinked.incomplete
    # Only what the template names stands under the link: control of outsourced transport
    # (14001-8.1-d). Setting objectives in general (6.2.1) and production (8.5.1) do not move it.
    attached = {q for a in linked.targets[0].actions for q in a.question_ids}
    assert attached == {"14001-8.1-d"}
    assert [(s.number, [a.clause for a in s.actions]) for s in view.plan.sections] == [
        ("6", ["6.2.1"]),
        ("8", ["8.5.1"]),
    ]

    ems_action = next(a for a in view.plan.actions if a.clause == "8.1")
    plans.update_action(db, ems_action.id, owner="Plant manager", status="in progress")
    # Answers change: the EMS gap closes, a QMS one opens.
    services.save_answers(db, scoped.id, [
        AnswerInput("14001-8.1-d", maturity=4), AnswerInput("9001-8.5.2-a", maturity=0),
    ])  # fmt: skip
    changes = plans.refresh_plan(db, catalog, scoped.id, today=dt.date(2026, 5, 1))
    assert (len(changes.added), len(changes.closed)) == (1, 1)
    view = plans.load_plan(db, catalog, scoped.id)
    kept = next(a for a in view.plan.actions if a.id == ems_action.id)
    assert (kept.owner, kept.status) == ("Plant manager", "done")
    assert "Closed on 2026-05-01" in kept.note
    # Refreshing again changes nothing.
    assert plans.refresh_plan(db, catalog, scoped.id).empty


def test_manual_actions_and_edit_validation(db, catalog, scoped):
    action = plans.add_action(db, scoped.id, "Book the ISO 14001 lead auditor course", owner="EMS lead",
                              pack_id="iso14001-2015", clause="7.2")  # fmt: skip
    assert not action.generated
    view = plans.load_plan(db, catalog, scoped.id)
    assert [a.title for a in view.plan.sections[0].actions] == [
        "Book the ISO 14001 lead auditor course"
    ]
    with pytest.raises(InvalidInput, match="Unknown status 'closed'"):
        plans.update_action(db, action.id, status="closed")
    with pytest.raises(InvalidInput, match="needs a title"):
        plans.add_action(db, scoped.id, "  ")
    with pytest.raises(InvalidInput, match="not in this assessment"):
        plans.add_action(db, scoped.id, "X", pack_id="iso45001-2018")


def test_deleting_an_objective_removes_its_links_but_keeps_actions(db, catalog, scoped):
    library = load_library()
    quality = otif(db, scoped)
    objectives.accept_suggestion(
        db, library, quality.id, "delivery-transport", baseline=18, target_value=16, due=LATER
    )
    services.save_answer(db, scoped.id, AnswerInput("14001-8.1-a", maturity=0))
    plans.refresh_plan(db, catalog, scoped.id)
    before = plans.load_plan(db, catalog, scoped.id)
    objectives.delete_objective(db, quality.id)
    after = plans.load_plan(db, catalog, scoped.id)
    assert after.plan.links == () and len(after.plan.actions) == len(before.plan.actions)
    assert [o.kind for o in after.plan.unlinked_targets] == ["environmental"]
    assert all(a.link_id is None for a in after.plan.actions)
