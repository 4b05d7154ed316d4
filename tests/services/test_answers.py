from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from imsdesk import services
from imsdesk.errors import InvalidInput, NotFound
from imsdesk.services import AnswerInput


def test_save_answer_inserts_then_replaces(db, assessment):
    first = services.save_answer(
        db, assessment.id, AnswerInput("9001-4.1-a", maturity=1, notes="a")
    )
    second = services.save_answer(
        db, assessment.id, AnswerInput("9001-4.1-a", maturity=4, evidence="Context review minutes")
    )
    assert second.updated_at >= first.updated_at
    detail = services.load_assessment(db, assessment.id)
    assert len(detail.answers) == 1
    answer = detail.answer_for("9001-4.1-a")
    assert (answer.maturity, answer.notes, answer.evidence) == (4, "", "Context review minutes")
    assert detail.assessment.answered == 1


def test_saved_answer_is_on_disk_when_the_call_returns(tmp_path: Path, db, assessment):
    services.save_answer(db, assessment.id, AnswerInput("14001-6.1.2-a", maturity=3))
    # A separate connection (another process would see the same) reads it at once.
    other = sqlite3.connect(tmp_path / "test.sqlite3")
    assert other.execute("SELECT question_id, maturity FROM answer").fetchall() == [
        ("14001-6.1.2-a", 3)
    ]
    other.close()


def test_not_applicable_and_cleared_answers_count_correctly(db, assessment):
    services.save_answer(
        db, assessment.id, AnswerInput("a", not_applicable=True, justification="x")
    )
    services.save_answer(db, assessment.id, AnswerInput("b", maturity=0))
    services.save_answer(db, assessment.id, AnswerInput("c", notes="only a note"))
    [listed] = services.list_assessments(db)
    assert listed.answered == 2  # a note alone is not an answer


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (AnswerInput("q", maturity=6), "Maturity 6 is out of range; use 0 to 5."),
        (AnswerInput("q", maturity=-1), "Maturity -1 is out of range; use 0 to 5."),
        (AnswerInput("q", maturity=True), "A maturity level is a whole number, not True."),
        (AnswerInput(" "), "An answer needs a question id."),
        (
            AnswerInput("q", notes="x" * 100_001),
            "The notes text is too long (100001 characters; at most 100000).",
        ),
    ],
)
def test_bad_answers_are_refused_and_nothing_is_stored(db, assessment, answer, message):
    with pytest.raises(InvalidInput) as info:
        services.save_answer(db, assessment.id, answer)
    assert str(info.value) == message
    assert services.load_assessment(db, assessment.id).answers == ()


def test_final_assessment_is_locked(db, assessment):
    services.set_status(db, assessment.id, "final")
    with pytest.raises(InvalidInput, match="is final; set it back to draft"):
        services.save_answer(db, assessment.id, AnswerInput("q", maturity=2))
    services.set_status(db, assessment.id, "draft")
    assert services.save_answer(db, assessment.id, AnswerInput("q", maturity=2)).maturity == 2


def test_user_text_is_stored_exactly(db, assessment):
    hostile = "=SUM(A1:A9) <b>bold</b> & 'quotes' \"double\" CO₂ ≥ Łódź Ελλάδα\n\ttabbed"
    services.save_answer(db, assessment.id, AnswerInput("q", maturity=2, notes=hostile))
    assert services.load_assessment(db, assessment.id).answer_for("q").notes == hostile


def test_a_batch_saving_one_question_twice_keeps_the_last(db, assessment):
    saved = services.save_answers(
        db, assessment.id, [AnswerInput("q", maturity=1), AnswerInput("q", maturity=4)]
    )
    assert [a.maturity for a in saved] == [1, 4]
    assert [a.maturity for a in services.load_assessment(db, assessment.id).answers] == [4]


def test_saving_into_an_unknown_assessment(db):
    with pytest.raises(NotFound, match="There is no assessment with the id 6f1c9f0e"):
        services.save_answer(
            db, "6f1c9f0e-0000-4000-8000-000000000009", AnswerInput("q", maturity=1)
        )
