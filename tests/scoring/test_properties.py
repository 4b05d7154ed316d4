"""Properties of the engine over the real ISO 9001 and ISO 14001 packs (hypothesis)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imsdesk.catalog import load_catalog
from imsdesk.paths import questionnaires_dir
from imsdesk.scoring import score_assessment
from tests.scoring.helpers import A

CATALOG = load_catalog(folders=[(questionnaires_dir(), True)])
PACKS = [CATALOG.pack("iso9001-2015"), CATALOG.pack("iso14001-2015")]
QUESTIONS = [q for p in PACKS for q in p.questions]
N = len(QUESTIONS)
UNANSWERED, NA = -2, -1

FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
choices = st.lists(st.integers(UNANSWERED, 5), min_size=N, max_size=N)


def answers_from(codes: list[int]) -> list[A]:
    out = []
    for question, code in zip(QUESTIONS, codes, strict=True):
        if code == NA:
            out.append(A(question.id, None, True, "Justified exclusion"))
        elif code >= 0:
            out.append(A(question.id, code))
    return out


def all_scores(card) -> list[float]:
    values = [card.score, card.completion]
    values += [q.score for q in card.questions]
    values += [c.score for c in card.clauses] + [c.completion for c in card.clauses]
    values += [s.score for s in card.sections] + [s.score for s in card.standards]
    values += [t.score for t in card.themes]
    return [v for v in values if v is not None]


@FAST
@given(choices)
def test_every_score_stays_within_0_and_100(codes):
    card = score_assessment(PACKS, answers_from(codes))
    assert all(0 <= v <= 100 for v in all_scores(card))


@FAST
@given(choices, st.integers(0, N - 1), st.integers(0, 5))
def test_not_applicable_never_changes_another_questions_contribution(codes, index, level):
    allowed = [i for i, q in enumerate(QUESTIONS) if q.na_allowed]
    i = allowed[index % len(allowed)]
    answered, excluded = list(codes), list(codes)
    answered[i], excluded[i] = level, NA
    a = score_assessment(PACKS, answers_from(answered))
    b = score_assessment(PACKS, answers_from(excluded))
    for qa, qb in zip(a.questions, b.questions, strict=True):
        if qa.question_id != QUESTIONS[i].id:
            assert qa == qb
    clause = QUESTIONS[i].clause
    for ca, cb in zip(a.clauses, b.clauses, strict=True):
        touches = ca.pack_id == b.question(QUESTIONS[i].id).pack_id and (
            clause == ca.number or clause.startswith(ca.number + ".")
        )
        if not touches:
            assert ca.score == cb.score


@FAST
@given(choices, st.integers(0, N - 1))
def test_raising_one_answer_never_lowers_any_score(codes, index):
    before_codes = list(codes)
    if before_codes[index] < 0 or before_codes[index] == 5:
        before_codes[index] = 2
    after_codes = list(before_codes)
    after_codes[index] += 1
    before = score_assessment(PACKS, answers_from(before_codes))
    after = score_assessment(PACKS, answers_from(after_codes))
    pairs = [(before.score, after.score)]
    pairs += [(x.score, y.score) for x, y in zip(before.clauses, after.clauses, strict=True)]
    pairs += [(x.score, y.score) for x, y in zip(before.sections, after.sections, strict=True)]
    pairs += [(x.score, y.score) for x, y in zip(before.standards, after.standards, strict=True)]
    pairs += [(x.score, y.score) for x, y in zip(before.themes, after.themes, strict=True)]
    assert all(b is None or a >= b for b, a in pairs)


@FAST
@given(choices, st.randoms(use_true_random=False))
def test_the_order_answers_arrive_in_changes_nothing(codes, random):
    answers = answers_from(codes)
    shuffled = list(answers)
    random.shuffle(shuffled)
    assert score_assessment(PACKS, answers) == score_assessment(PACKS, shuffled)


LIVE = dt.date(2025, 1, 6)
ASSESSED = dt.date(2026, 3, 2)
LEVELS = ("not-ready", "stage-1", "stage-2")
# Low-weight details: not mandatory documented information, and not the answer that shows an
# audit or a review happened (those gate Stage 1 whatever their weight).
DETAILS = [
    q for q in QUESTIONS if q.weight < 1 and not q.mandatory_documented_information and not q.proves
]


def card_of(codes: list[int], **kw):
    return score_assessment(PACKS, answers_from(codes), go_live=LIVE, assessed=ASSESSED, **kw)


def test_all_fives_give_100_and_ready():
    card = score_assessment(PACKS, [A(q.id, 5) for q in QUESTIONS], go_live=LIVE, assessed=ASSESSED)
    assert card.score == 100.0 and card.completion == 100.0
    assert all(s.score == 100.0 for s in card.standards)
    assert card.verdict.ready and card.verdict.level == "stage-2"
    assert card.verdict.text == "Ready for Stage 2 audit"
    assert card.gaps == ()


def test_all_zeros_give_0_and_not_ready_with_reasons():
    card = score_assessment(PACKS, [A(q.id, 0) for q in QUESTIONS])
    assert card.score == 0.0
    assert card.verdict.text.startswith("Not ready")
    for standard in card.standards:
        assert standard.score == 0.0
        assert not standard.verdict.ready and len(standard.verdict.reasons) >= 3
    assert len(card.gaps) == len([q for q in QUESTIONS if not q.note_only])


@pytest.mark.parametrize("target", [0, 5])
def test_extreme_targets_change_opportunities_never_nonconformities(target):
    card = score_assessment(PACKS, [A(q.id, 4) for q in QUESTIONS], target=target)
    expected = "conforming" if target == 0 else "opportunity for improvement"
    assert {q.finding for q in card.questions} == {expected}


answered = st.lists(st.integers(0, 5), min_size=N, max_size=N)


@FAST
@given(answered, st.integers(0, 5), st.integers(0, 5))
def test_changing_the_target_never_changes_the_verdict_level(codes, one, other):
    assert card_of(codes, target=one).verdict.level == card_of(codes, target=other).verdict.level


@FAST
@given(answered, st.integers(0, N - 1))
def test_lowering_any_one_answer_never_raises_the_level(codes, index):
    if codes[index] == 0:
        codes[index] = 3
    lower = list(codes)
    lower[index] -= 1
    before, after = card_of(codes), card_of(lower)
    for b, a in zip(before.standards, after.standards, strict=True):
        assert LEVELS.index(a.verdict.level) <= LEVELS.index(b.verdict.level)
    assert LEVELS.index(after.verdict.level) <= LEVELS.index(before.verdict.level)


@FAST
@given(answered, st.integers(0, N - 1), st.integers(1, 3))
def test_splitting_a_question_into_identical_copies_never_changes_a_clause_finding(
    codes, index, copies
):
    question = QUESTIONS[index]
    pack = next(p for p in PACKS if question in p.questions)
    split = replace(
        pack,
        clauses=tuple(
            replace(c, questions=tuple(
                copy for qu in c.questions
                for copy in ([qu] + [replace(qu, id=f"{qu.id}-copy{n}") for n in range(copies)]
                             if qu.id == question.id else [qu])
            ))
            for c in pack.clauses
        ),
    )  # fmt: skip
    answers = answers_from(codes)
    extra = [A(f"{question.id}-copy{n}", codes[index]) for n in range(copies)]
    before = score_assessment([pack], answers)
    after = score_assessment([split], answers + extra)
    assert [(c.number, c.finding) for c in before.clauses] == [
        (c.number, c.finding) for c in after.clauses
    ]


@FAST
@given(st.integers(0, len(DETAILS) - 1))
def test_a_single_low_weight_question_at_0_never_makes_a_conforming_assessment_not_ready(index):
    codes = [3] * N
    codes[QUESTIONS.index(DETAILS[index])] = 0
    assert card_of(codes).verdict.level != "not-ready"


@FAST
@given(answered)
def test_note_only_questions_never_produce_a_nonconformity(codes):
    card = card_of(codes)
    notes = {q.id for q in QUESTIONS if q.note_only}
    assert all(
        r.finding not in ("likely major", "likely minor")
        for r in card.questions
        if r.question_id in notes
    )
