"""Everything a report shows, gathered once and handed to the writers as plain data."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from imsdesk.catalog import Crosswalk, HarmonizedPage, Pack, Question
from imsdesk.planning import ActionData, ActionPlan
from imsdesk.scoring import QuestionResult, rules
from imsdesk.services import AnswerRecord, ScoredAssessment
from imsdesk.services.plan import served_clauses

Progress = Callable[[float, str], None]

# Characters XML 1.0 (hence XLSX and reportlab) cannot hold; user text keeps everything else.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def printable(text: str) -> str:
    """User text as it will be written: literal, minus control characters no file can hold."""
    return _ILLEGAL.sub("\ufffd", text)


def no_progress(_fraction: float, _message: str) -> None:
    pass


def register_reason(result: QuestionResult, answer: AnswerRecord | None) -> str:
    """Why an answer is excused, judged by the assessor, or to be put right, in words."""
    if result.overridden:
        return f"Assessor's finding (computed: {result.computed_finding}): {result.override_reason}"
    if result.status == rules.INVALID:
        return f"To put right: {result.problem}"
    if answer is not None and result.status in (rules.NOT_APPLICABLE, rules.DOES_NOT_ARISE):
        return answer.justification
    return ""


@dataclass(frozen=True)
class ReportData:
    scored: ScoredAssessment
    plan: ActionPlan
    crosswalk: Crosswalk | None  # pairing the QMS and EMS packs in scope (for the introduction)
    created: dt.date
    pages: tuple[HarmonizedPage, ...]  # the clauses grouped as the app's pages (gap register)

    @property
    def packs(self) -> tuple[Pack, ...]:
        return self.scored.scope.packs

    @property
    def systems(self) -> dict[str, str]:
        """Series name (the standard) -> "qms"/"ems", for chart colours."""
        return {p.standard: p.system for p in self.packs}

    def question(self, result: QuestionResult) -> Question:
        pack = next(p for p in self.packs if p.id == result.pack_id)
        return pack.question(result.question_id)

    def answer(self, question_id: str) -> AnswerRecord | None:
        return self._answers.get(question_id)

    @cached_property
    def _answers(self) -> dict[str, AnswerRecord]:
        return {a.question_id: a for a in self.scored.detail.answers}

    def serves(self, action: ActionData) -> str:
        """The standards and clauses an action serves (services.plan.served_clauses)."""
        served = served_clauses(self.scored.scope, action)
        text = "; ".join(f"{s} {', '.join(c)}".rstrip() for s, c in served.items())
        return text or action.clause or "—"

    def pack(self, pack_id: str) -> Pack:
        return next(p for p in self.packs if p.id == pack_id)

    @property
    def scope_text(self) -> str:
        return "; ".join(f"{p.title} ({p.id})" for p in self.packs)
