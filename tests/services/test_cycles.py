"""The next cycle of an assessment: a draft continuing it, with its answers carried over and the
plan still open."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from imsdesk import exchange, services
from imsdesk.errors import InvalidInput, NotFound
from imsdesk.services import AnswerInput
from imsdesk.services.cycles import next_title
from tests.conftest import PACKS
from tests.services.lifecycle_data import record_everything

NEXT_YEAR = dt.date(2027, 3, 1)
VOLATILE = ("id", "created_at", "updated_at")


def without(record: dict, *keys: str) -> dict:
    return {k: v for k, v in record.items() if k not in keys}


def test_next_cycle_continues_the_assessment(db, assessment):
    recorded = record_everything(db, assessment)
    services.set_status(db, assessment.id, "final")
    before = exchange.export_document(db, assessment.id)

    new = services.next_cycle(db, assessment.id, date=NEXT_YEAR)

    assert new.id != assessment.id
    assert new.predecessor_id == assessment.id
    assert (new.title, new.date, new.status) == ("Gap analysis 2027", NEXT_YEAR, "draft")
    assert (new.organisation_id, new.site_id) == (assessment.organisation_id, assessment.site_id)
    assert (new.packs, new.assessor, new.target_maturity) == (PACKS, "J. Auditor", 3)
    assert new.answered == recorded.assessment.answered == 3  # two levels, one N/A

    old_doc, new_doc = before, exchange.export_document(db, new.id)
    assert [without(a, "updated_at", "carried_over") for a in new_doc["answers"]] == [
        without(a, "updated_at", "carried_over") for a in old_doc["answers"]
    ]
    assert all(a["carried_over"] for a in new_doc["answers"])
    assert not any(a["carried_over"] for a in old_doc["answers"])
    assert [without(t, "updated_at") for t in new_doc["clause_targets"]] == [
        {"questionnaire": "iso9001-2015", "clause": "8.5", "target": 4}
    ]

    # Objectives and links: copied under new ids, the link joining the copies.
    assert [without(o, *VOLATILE) for o in new_doc["objectives"]] == [
        without(o, *VOLATILE) for o in old_doc["objectives"]
    ]
    new_objectives = {o["id"] for o in new_doc["objectives"]}
    assert not new_objectives & {o["id"] for o in old_doc["objectives"]}
    [link] = new_doc["links"]
    assert {link["quality_objective_id"], link["environmental_objective_id"]} == new_objectives
    assert link["rationale"] == "Fuller loads"
    assert link["clauses"] == [{"system": "ems", "clause": "8.1"}]

    # Open and in-progress actions continue (edits kept, link remapped); done ones stay behind.
    actions = {a["title"]: a for a in new_doc["actions"]}
    assert set(actions) == {"Map the delivery routes", "Write work instructions"}
    assert actions["Map the delivery routes"]["link"] == link["id"]
    progressing = actions["Write work instructions"]
    old_progressing = next(a for a in old_doc["actions"] if a["title"] == progressing["title"])
    assert without(progressing, *VOLATILE) == without(old_progressing, *VOLATILE)
    assert progressing["edited"] == ["due", "owner", "status"]
    assert progressing["id"] != str(recorded.progressing_action.id)

    # The finished cycle is untouched.
    assert without(exchange.export_document(db, assessment.id), "exported_at") == without(
        before, "exported_at"
    )


def test_saving_a_carried_over_answer_makes_it_the_users_own(db, assessment):
    record_everything(db, assessment)
    new = services.next_cycle(db, assessment.id, date=NEXT_YEAR)
    services.save_answer(db, new.id, AnswerInput("9001-4.1-a", maturity=4))
    answers = {a.question_id: a for a in services.load_assessment(db, new.id).answers}
    assert (answers["9001-4.1-a"].maturity, answers["9001-4.1-a"].carried_over) == (4, False)
    assert answers["14001-6.1.2-a"].carried_over is True
    # The previous cycle keeps its own answer.
    old = services.load_assessment(db, assessment.id).answer_for("9001-4.1-a")
    assert old.maturity == 2


def test_next_cycle_defaults(db, assessment):
    today = services.next_cycle(db, assessment.id)
    assert today.date == dt.date.today()
    chosen = services.next_cycle(db, assessment.id, title="  Surveillance  ", date=NEXT_YEAR)
    assert chosen.title == "Surveillance"
    with pytest.raises(InvalidInput, match="The assessment title cannot be empty"):
        services.next_cycle(db, assessment.id, title=" ")
    with pytest.raises(NotFound):
        services.next_cycle(db, uuid.uuid4())


@pytest.mark.parametrize(
    ("title", "source", "new", "expected"),
    [
        ("Gap analysis 2026", 2026, 2027, "Gap analysis 2027"),
        ("2026 audit (2026 scope)", 2026, 2028, "2028 audit (2028 scope)"),
        ("Audit 20261", 2026, 2027, "Audit 20261 (next cycle)"),  # not the year
        ("Readiness check", 2026, 2027, "Readiness check (next cycle)"),
        ("Gap analysis 2026", 2026, 2026, "Gap analysis 2026 (next cycle)"),
        ("x" * 300, 2026, 2027, "x" * 287 + " (next cycle)"),
    ],
)
def test_next_title(title, source, new, expected):
    assert next_title(title, dt.date(source, 1, 1), dt.date(new, 1, 1)) == expected


def test_update_assessment_changes_only_the_given_fields(db, assessment):
    changed = services.update_assessment(db, assessment.id, assessor=" K.  Smith ")
    assert changed.assessor == "K. Smith"
    assert (changed.title, changed.date, changed.target_maturity) == (
        assessment.title,
        assessment.date,
        assessment.target_maturity,
    )
    assert changed.updated_at > assessment.updated_at
    again = services.update_assessment(
        db, assessment.id, title="Stage 1", date=dt.date(2026, 4, 1), target_maturity=4
    )
    assert (again.title, again.assessor, again.date, again.target_maturity) == (
        "Stage 1",
        "K. Smith",
        dt.date(2026, 4, 1),
        4,
    )
    # Nothing given, nothing changed.
    assert services.update_assessment(db, assessment.id).updated_at == again.updated_at


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": " "}, "The assessment title cannot be empty."),
        ({"target_maturity": 6}, "Maturity 6 is out of range; use 0 to 5."),
        ({"assessor": "x" * 201}, "The assessor name is too long (201 characters; at most 200)."),
        (
            {"date": "2026-01-01"},
            "The assessment date must be a date (YYYY-MM-DD), not '2026-01-01'.",
        ),
    ],
)
def test_update_assessment_checks_its_input(db, assessment, change, message):
    with pytest.raises(InvalidInput) as info:
        services.update_assessment(db, assessment.id, **change)
    assert str(info.value) == message
    assert services.load_assessment(db, assessment.id).assessment == assessment
