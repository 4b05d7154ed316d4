"""Readiness verdicts as a certification body would give them (ISO/IEC 17021-1 practice).

Each test names, in its name, the practice it encodes; docs/scoring.md explains the rules.
"""

from __future__ import annotations

import datetime as dt
import re

from imsdesk.scoring import score_assessment
from tests.scoring.helpers import A, pack, q

LIVE = dt.date(2026, 1, 5)  # the system went live ...
ASSESSED = dt.date(2026, 6, 1)  # ... and has run for almost five months when assessed

QMS = pack(
    "qms",
    [
        ("4", "Context", []),
        ("4.3", "Scope", [q("scope", "4.3", documented="maintain")]),
        ("4.4", "Processes", [q("p1", "4.4"), q("p2", "4.4"), q("detail", "4.4", weight=0.5)]),
        ("5", "Leadership", []),
        ("5.2", "Policy", [q("policy", "5.2", documented="maintain")]),
        ("9", "Performance", []),
        ("9.2", "Internal audit", [q("programme", "9.2"), q("audit", "9.2", proves="audit")]),
        ("9.3", "Management review", [q("inputs", "9.3"), q("review", "9.3", proves="review")]),
    ],
    standard="ISO 9001",
)
EMS = pack(
    "ems",
    [("4", "Context", []), ("4.3", "Scope", [q("e-scope", "4.3", documented="maintain")]),
     ("6", "Planning", []), ("6.1.2", "Aspects", [q("aspects", "6.1.2", documented="maintain")]),
     ("9", "Performance", []),
     ("9.1.2", "Compliance", [q("compliance", "9.1.2", proves="compliance")]),
     ("9.2", "Internal audit", [q("e-audit", "9.2", proves="audit")]),
     ("9.3", "Management review", [q("e-review", "9.3", proves="review")])],
    system="ems",
    standard="ISO 14001",
)  # fmt: skip


def all_at(level: int, packs=(QMS,), **changed: int) -> list[A]:
    return [A(qu.id, changed.get(qu.id, level)) for p in packs for qu in p.questions]


def verdict(answers, packs=(QMS,), go_live=LIVE, **kw):
    card = score_assessment(list(packs), answers, go_live=go_live, assessed=ASSESSED, **kw)
    return card.standard(packs[0].id).verdict, card


def test_everything_implemented_and_running_for_months_is_ready_for_stage_2():
    v, _ = verdict(all_at(3))
    assert (v.level, v.text) == ("stage-2", "Ready for Stage 2 audit")
    assert "Internal audit carried out (9.2)" in v.reasons
    assert "No likely major nonconformity" in v.reasons


def test_conformity_is_not_a_matter_of_ambition_a_low_target_never_makes_level_1_ready():
    v, _ = verdict(all_at(1), target=1)
    assert v.level == "not-ready"
    low, _ = verdict(all_at(1), target=0)
    assert low.level == "not-ready"


def test_the_target_never_changes_the_verdict():
    for answers in (all_at(3), all_at(2), all_at(4, p1=2)):
        levels = {verdict(answers, target=t)[0].level for t in range(6)}
        assert len(levels) == 1


def test_minor_nonconformities_do_not_prevent_stage_2_but_need_corrective_action_plans():
    v, _ = verdict(all_at(3, p1=2, p2=1))
    assert v.level == "stage-2"
    assert "Expect 1 likely minor nonconformity (4.4); each needs a corrective-action plan" in (
        v.reasons
    )


def test_a_half_weight_detail_at_0_is_a_minor_not_a_reason_to_refuse_certification():
    v, card = verdict(all_at(3, detail=0))
    assert card.question("detail").finding == "likely minor"
    assert v.level == "stage-2"


def test_a_core_requirement_absent_is_a_likely_major_which_blocks_stage_2_not_stage_1():
    v, _ = verdict(all_at(3, p1=0))
    assert (v.level, v.text) == ("stage-1", "Ready for Stage 1 audit")
    assert "Before Stage 2: 1 likely major nonconformity (4.4)" in v.reasons


def test_stage_1_looks_for_the_documented_system():
    v, _ = verdict(all_at(3, policy=1))
    assert v.level == "not-ready"
    assert v.text.startswith("Not ready: mandatory documented information missing (5.2)")
    assert any("quality policy (5.2)" in r for r in v.reasons)


def test_stage_1_needs_an_internal_audit_and_a_management_review_carried_out_once():
    v, _ = verdict(all_at(3, audit=2, review=1))
    assert v.level == "not-ready"
    assert "Internal audit (9.2) yet to be carried out once (9.2 below level 3)" in v.reasons
    assert "Management review (9.3) yet to be carried out once (9.3 below level 3)" in v.reasons


def test_a_weak_review_input_never_claims_the_review_did_not_happen():
    # The firm holds its review every January; one input to it is patchy.
    v, _ = verdict(all_at(3, inputs=2))
    assert not any("Management review (9.3) yet to be carried out" in r for r in v.reasons)
    assert "Management review carried out (9.3)" in v.reasons
    assert v.level == "stage-2"


def test_stage_2_needs_a_full_internal_audit_of_the_scope():
    v, _ = verdict(all_at(3, programme=2))
    assert v.level == "stage-1"
    assert "Before Stage 2: a full internal audit of the scope (9.2 below level 3)" in v.reasons


def test_stage_2_needs_months_of_records_since_go_live():
    v, _ = verdict(all_at(3), go_live=dt.date(2026, 4, 20))
    assert v.level == "stage-1"
    assert "Before Stage 2: at least 3 months of operation since go-live on 2026-04-20" in (
        v.reasons
    )
    unknown, _ = verdict(all_at(3), go_live=None)
    assert unknown.level == "stage-1"
    assert any("the date the system went live to record" in r for r in unknown.reasons)


def test_an_ems_with_unresolved_legal_non_compliance_is_not_ready_for_stage_2():
    v, _ = verdict(all_at(3, (EMS,), compliance=2), packs=(EMS,))
    assert v.level == "stage-1"
    assert any("compliance with legal and other requirements" in r for r in v.reasons)
    ok, _ = verdict(all_at(3, (EMS,)), packs=(EMS,))
    assert ok.level == "stage-2"


def test_an_ems_without_its_aspects_register_is_not_ready_for_stage_1():
    v, _ = verdict(all_at(3, (EMS,), aspects=1), packs=(EMS,))
    assert v.level == "not-ready"
    assert any("environmental aspects (6.1.2)" in r for r in v.reasons)


def test_an_incomplete_assessment_cannot_confirm_readiness():
    v, _ = verdict(all_at(3)[:-1])
    assert v.text == "Not ready: 1 of 9 questions still unanswered"


def test_custom_packs_have_no_audit_or_review_criterion():
    other = pack(
        "other",
        [("1", "Waste", [q("w1", "1")]), ("9", "X", []), ("9.2", "Y", [q("w2", "9.2")])],
        system="other",
    )
    v, _ = verdict([A("w1", 3), A("w2", 3)], packs=(other,))
    assert v.level == "stage-2"


def test_the_integrated_system_is_as_ready_as_its_least_ready_standard():
    both = (QMS, EMS)
    card = score_assessment(
        list(both), all_at(3, both), go_live=LIVE, assessed=ASSESSED
    )  # fmt: skip
    assert card.verdict.level == "stage-2"
    card = score_assessment(
        list(both), all_at(3, both, **{"e-scope": 0}), go_live=LIVE, assessed=ASSESSED
    )
    assert card.standard("qms").verdict.level == "stage-2"
    assert card.verdict.level == "not-ready"
    assert card.verdict.text.startswith("Not ready: ISO 14001: mandatory documented information")
    assert all(r.startswith("ISO 14001: ") for r in card.verdict.reasons)


def test_findings_are_counted_per_clause_as_the_verdict_counts_them():
    _, card = verdict(all_at(3, p1=0, p2=1, detail=2))
    standard = card.standard("qms")
    assert standard.clause_findings["likely major"] == 1  # 4.4, its worst
    assert standard.findings["likely major"] == 1 and standard.findings["likely minor"] == 2


def test_ready_texts_never_contain_not_and_not_ready_texts_begin_so():
    for answers in (all_at(5), all_at(3), all_at(0), [], [A("p1", 2)], all_at(3, p1=0)):
        for go_live in (LIVE, None):
            _, card = verdict(answers, go_live=go_live)
            for v in (card.verdict, card.standard("qms").verdict):
                if v.ready:
                    assert not re.search(r"\bnot\b", v.text, re.IGNORECASE)
                else:
                    assert v.text.startswith("Not ready")
                    assert v.reasons
