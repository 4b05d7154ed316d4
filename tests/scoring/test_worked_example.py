"""The worked example of docs/scoring.md, number by number."""

from __future__ import annotations

from imsdesk.scoring import score_assessment
from tests.scoring.helpers import A, pack, q

PACK = pack(
    "mini-qms",
    [
        ("9", "Performance evaluation", []),
        (
            "9.2",
            "Internal audit",
            [
                q("9.2-a", "9.2", weight=2, documented="retain"),
                q("9.2-b", "9.2"),
                q("9.2-c", "9.2", proves="audit"),
                q("9.2-d", "9.2", weight=0.5),
            ],
        ),
    ],
)
ANSWERS = [
    A("9.2-a", 1),
    A("9.2-b", 2),
    A("9.2-c", 4),
    A("9.2-d", None, not_applicable=True, justification="We think it does not apply"),
]


def test_question_rows():
    card = score_assessment([PACK], ANSWERS)
    rows = {
        r.question_id: (r.status, r.score, r.gap, r.finding, r.priority) for r in card.questions
    }
    assert rows == {
        "9.2-a": ("answered", 20.0, 2, "likely major", 120.0),
        "9.2-b": ("answered", 40.0, 1, "likely minor", 10.0),
        "9.2-c": ("answered", 80.0, 0, "conforming", None),
        "9.2-d": ("invalid", None, None, None, None),
    }


def test_clause_and_gaps():
    card = score_assessment([PACK], ANSWERS)
    clause = card.clause("mini-qms", "9.2")
    assert (clause.score, clause.completion, clause.finding) == (40.0, 75.0, "likely major")
    assert card.clause("mini-qms", "9").score == 40.0
    assert [g.question_id for g in card.gaps] == ["9.2-a", "9.2-b"]
    assert [q.question_id for q in card.invalid] == ["9.2-d"]


def test_verdict():
    verdict = score_assessment([PACK], ANSWERS).standard("mini-qms").verdict
    assert verdict.text == (
        "Not ready: 1 answer to put right (9.2): the standard allows no exclusion of this "
        "requirement"
    )
    assert verdict.reasons[1:] == (
        "Mandatory documented information missing (9.2)",
        "Before Stage 2: 1 likely major nonconformity (9.2)",
        "Before Stage 2: the date the system went live to record (Stage 2 looks for at least 3 "
        "months of records)",
        "Before Stage 2: a full internal audit of the scope (9.2 below level 3)",
    )
    # 9.2-c shows the audits were carried out: the verdict does not say otherwise
    assert not any("yet to be carried out" in r for r in verdict.reasons)


def test_with_the_fourth_question_answered():
    answers = [*ANSWERS[:3], A("9.2-d", 3)]
    clause = score_assessment([PACK], answers).clause("mini-qms", "9.2")
    assert (clause.score, clause.completion) == (42.2, 100.0)
