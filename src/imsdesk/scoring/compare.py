"""Comparing two ScoreCards of the same packs: this cycle against the last."""

from __future__ import annotations

from dataclasses import dataclass

from imsdesk.scoring.model import ScoreCard


@dataclass(frozen=True)
class ClauseDelta:
    pack_id: str
    number: str
    title: str
    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return round(self.after - self.before, 1)


@dataclass(frozen=True)
class QuestionChange:
    question_id: str
    clause: str
    before: int | None
    after: int | None


@dataclass(frozen=True)
class Comparison:
    score_before: float | None
    score_after: float | None
    clauses: tuple[ClauseDelta, ...]
    improved: tuple[QuestionChange, ...]
    regressed: tuple[QuestionChange, ...]

    @property
    def delta(self) -> float | None:
        if self.score_before is None or self.score_after is None:
            return None
        return round(self.score_after - self.score_before, 1)


def compare(before: ScoreCard, after: ScoreCard) -> Comparison:
    """Per-clause score deltas and the questions whose maturity went up or down.

    Clauses and questions are matched by pack and number/id; those in only one card are left out.
    """
    old_clauses = {(c.pack_id, c.number): c for c in before.clauses}
    deltas = tuple(
        ClauseDelta(c.pack_id, c.number, c.title, old_clauses[(c.pack_id, c.number)].score, c.score)
        for c in after.clauses
        if (c.pack_id, c.number) in old_clauses
    )
    old_questions = {q.question_id: q for q in before.questions}
    improved, regressed = [], []
    for q in after.questions:
        old = old_questions.get(q.question_id)
        if old is None or old.maturity is None or q.maturity is None:
            continue
        change = QuestionChange(q.question_id, q.clause, old.maturity, q.maturity)
        if q.maturity > old.maturity:
            improved.append(change)
        elif q.maturity < old.maturity:
            regressed.append(change)
    return Comparison(before.score, after.score, deltas, tuple(improved), tuple(regressed))
