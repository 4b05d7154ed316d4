"""Situations that do not arise, exclusions, and the assessor's own findings, as a lead auditor
would treat them. Each test names, in its name, the practice it encodes (docs/scoring.md,
"Answers")."""

from __future__ import annotations

import datetime as dt

from imsdesk.scoring import score_assessment
from tests.scoring.helpers import A, pack, q

LIVE, ASSESSED = dt.date(2026, 1, 5), dt.date(2026, 6, 1)
REASON = "No customer property was held during the year"
QMS = pack(
    "qms",
    [
        ("4", "Context", []),
        ("4.3", "Scope", [q("scope", "4.3", documented="maintain"),
                          q("exclusions", "4.3", proves="exclusions")]),
        ("8", "Operation", []),
        ("8.3", "Design", [q("design-a", "8.3", na=True), q("design-b", "8.3", na=True)]),
        ("8.5", "Production", [q("work", "8.5"), q("property", "8.5", conditional=True)]),
        ("9", "Performance", []),
        ("9.2", "Internal audit", [q("audit", "9.2", proves="audit")]),
        ("9.3", "Management review", [q("review", "9.3", proves="review")]),
    ],
    standard="ISO 9001",
)  # fmt: skip
WHY_EXCLUDED = "All work is to customer drawings; we hold no design authority"


def answers(**changed) -> list[A]:
    """Every question at 3, design excluded, with the given answers instead."""
    given = {qu.id: A(qu.id, 3) for qu in QMS.questions}
    given["design-a"] = A("design-a", None, True, WHY_EXCLUDED)
    given["design-b"] = A("design-b", None, True, WHY_EXCLUDED)
    given.update(changed)
    return list(given.values())


def card_of(given):
    return score_assessment([QMS], given, go_live=LIVE, assessed=ASSESSED)


def test_a_situation_that_has_not_arisen_raises_no_finding_and_is_complete():
    card = card_of(answers(property=A("property", None, does_not_arise=True, justification=REASON)))
    result = card.question("property")
    assert (result.status, result.finding, result.priority) == ("does not arise", None, None)
    assert card.completion == 100.0
    assert card.standard("qms").verdict.level == "stage-2"


def test_a_requirement_that_always_applies_cannot_be_declared_not_arising():
    card = card_of(answers(work=A("work", None, does_not_arise=True, justification=REASON)))
    result = card.question("work")
    assert result.status == "invalid" and "situation arises" in result.problem
    assert card.standard("qms").verdict.text.startswith("Not ready: 1 answer to put right (8.5)")


def test_not_arising_needs_a_reason_an_auditor_could_test():
    card = card_of(answers(property=A("property", None, does_not_arise=True, justification="no")))
    assert card.question("property").status == "invalid"


def test_a_token_justification_is_not_an_exclusion():
    given = answers(**{"design-a": A("design-a", None, True, "x")})
    assert card_of(given).question("design-a").status == "invalid"


def test_an_exclusion_covers_the_whole_requirement_not_some_of_its_questions():
    card = card_of(answers(**{"design-b": A("design-b", 3)}))
    assert card.question("design-a").status == "invalid"
    assert "whole requirement" in card.question("design-a").problem
    assert card.standard("qms").verdict.level == "not-ready"


def test_an_exclusion_must_be_documented_in_the_scope():
    card = card_of(answers(exclusions=A("exclusions")))  # the scope question unanswered
    assert {card.question(i).status for i in ("design-a", "design-b")} == {"invalid"}
    assert "answer exclusions (4.3) first" in card.question("design-a").problem


def test_the_assessors_finding_counts_everywhere_and_is_shown_as_theirs():
    """An absent core requirement computes as a likely major; the assessor, having seen the
    work done without records, judges a minor: the verdict follows the judgement."""
    why = "Work is done every week, only the record is missing"
    computed = card_of(answers(work=A("work", 0)))
    assert computed.clause("qms", "8.5").finding == "likely major"
    assert computed.standard("qms").verdict.level == "stage-1"
    judged = card_of(
        answers(work=A("work", 0, override_finding="likely minor", override_reason=why))
    )
    result = judged.question("work")
    assert (result.finding, result.computed_finding, result.override_reason) == (
        "likely minor",
        "likely major",
        why,
    )
    assert result.overridden and result.priority == 30.0  # 10 x 1 x gap 3 x minor 1
    assert judged.clause("qms", "8.5").finding == "likely minor"
    assert judged.standard("qms").clause_findings["likely major"] == 0
    assert judged.standard("qms").verdict.level == "stage-2"


def test_an_assessor_can_raise_a_finding_the_rules_would_not():
    why = "Records exist but were written up after the event for this visit"
    card = card_of(answers(work=A("work", 3, override_finding="likely major", override_reason=why)))
    assert card.clause("qms", "8.5").finding == "likely major"
    assert card.standard("qms").verdict.level == "stage-1"


def test_an_override_without_a_real_reason_is_an_answer_to_put_right():
    card = card_of(
        answers(work=A("work", 0, override_finding="likely minor", override_reason="ok"))
    )
    result = card.question("work")
    assert result.status == "invalid" and "reason" in result.problem


def test_a_note_in_the_standard_cannot_be_made_a_nonconformity_by_override():
    notes = pack("n", [("4", "C", []), ("4.2", "P", [q("climate", "4.2", basis="note")])])
    why = "The customer asked for carbon data twice this year"
    card = score_assessment(
        [notes], [A("climate", 0, override_finding="likely major", override_reason=why)]
    )
    assert card.question("climate").status == "invalid"
    assert "NOTE" in card.question("climate").problem
