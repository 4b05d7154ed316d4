"""Verdicts: Not ready with reasons, Stage 1, Stage 2, integrated."""

from __future__ import annotations

import re

from imsdesk.scoring import score_assessment
from tests.scoring.helpers import A, pack, q

QMS = pack(
    "qms",
    [
        ("4", "Context", []),
        ("4.3", "Scope", [q("scope", "4.3", documented="maintain")]),
        ("4.4", "Processes", [q("p1", "4.4"), q("p2", "4.4")]),
        ("9", "Performance", []),
        ("9.2", "Internal audit", [q("audit", "9.2")]),
        ("9.3", "Management review", [q("review", "9.3")]),
    ],
    standard="ISO 9001",
)
EMS = pack(
    "ems",
    [("4", "Context", []), ("4.3", "Scope", [q("e-scope", "4.3", documented="maintain")]),
     ("9", "Performance", []), ("9.2", "Internal audit", [q("e-audit", "9.2")]),
     ("9.3", "Management review", [q("e-review", "9.3")])],
    system="ems",
    standard="ISO 14001",
)  # fmt: skip


def all_at(level: int, packs=(QMS,)) -> list[A]:
    return [A(question.id, level) for p in packs for question in p.questions]


def verdict(answers, packs=(QMS,), **kw):
    card = score_assessment(list(packs), answers, **kw)
    return card.standard(packs[0].id).verdict, card


def test_stage_2_when_everything_meets_its_target():
    v, _ = verdict(all_at(3))
    assert (v.level, v.text) == ("stage-2", "Ready for Stage 2 audit")
    assert "Every question at or above its target" in v.reasons
    assert "Internal audit carried out (9.2)" in v.reasons


def test_stage_1_with_minor_gaps():
    answers = [*all_at(3)[:1], A("p1", 2), A("p2", 3), A("audit", 3), A("review", 4)]
    v, _ = verdict(answers)
    assert (v.level, v.text) == ("stage-1", "Ready for Stage 1 audit")
    assert "1 question below target to close before Stage 2 (4.4)" in v.reasons


def test_not_ready_reasons_in_order():
    answers = [A("scope", 1), A("p1", 0), A("audit", 2), A("review", 1)]
    v, _ = verdict(answers)
    assert v.level == "not-ready"
    assert v.reasons == (
        "1 of 5 questions still unanswered",
        "2 likely major nonconformities (4.3, 4.4)",
        "Mandatory documented information missing (4.3)",
        "Internal audit (9.2) yet to be carried out in full (9.2 below level 3)",
        "Management review (9.3) yet to be carried out in full (9.3 below level 3)",
    )
    assert v.text == "Not ready: 1 of 5 questions still unanswered"


def test_the_mandatory_documented_information_rule_uses_level_2():
    answers = [A("scope", 2), A("p1", 3), A("p2", 3), A("audit", 3), A("review", 3)]
    v, _ = verdict(answers)
    assert v.ready and "All mandatory documented information in place" in v.reasons


def test_custom_packs_have_no_audit_or_review_criterion():
    other = pack(
        "other",
        [("1", "Waste", [q("w1", "1")]), ("9", "X", []), ("9.2", "Y", [q("w2", "9.2")])],
        system="other",
    )
    v, _ = verdict([A("w1", 3), A("w2", 1)], packs=(other,), target=1)
    assert v.ready


def test_integrated_is_as_ready_as_the_least_ready_standard():
    card = score_assessment([QMS, EMS], [*all_at(3, (QMS,)), *all_at(4, (EMS,))])
    assert card.verdict.level == "stage-2"
    card = score_assessment(
        [QMS, EMS], [*all_at(3, (QMS,)), A("e-scope", 0), A("e-audit", 3), A("e-review", 3)]
    )
    assert card.standard("qms").verdict.level == "stage-2"
    assert card.verdict.text == "Not ready: ISO 14001: 1 likely major nonconformity (4.3)"
    assert all(r.startswith("ISO 14001: ") for r in card.verdict.reasons)


def test_ready_texts_never_contain_not_and_not_ready_texts_begin_so():
    for answers in (all_at(5), all_at(3), all_at(0), [], [A("p1", 2)]):
        card = score_assessment([QMS], answers)
        for v in (card.verdict, card.standard("qms").verdict):
            if v.ready:
                assert not re.search(r"\bnot\b", v.text, re.IGNORECASE)
            else:
                assert v.text.startswith("Not ready")
                assert v.reasons
