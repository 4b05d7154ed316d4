"""The answers of the assessment being worked on, kept in memory by the wizard.

An edit changes the book at once (so the interface never waits) and goes to the
:class:`~imsdesk.ui.ops.saver.AnswerSaver`. Completion uses the scoring rules, so the wizard, the
review page and the reports agree on what counts as answered.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, Signal

from imsdesk.catalog import Question
from imsdesk.scoring import answer_status, rules
from imsdesk.services.answers import AnswerInput
from imsdesk.ui.ops.saver import AnswerSaver
from imsdesk.ui.wizard.data import WizardData


@dataclass(frozen=True)
class AnswerState:
    question_id: str
    maturity: int | None = None
    not_applicable: bool = False
    justification: str = ""
    notes: str = ""
    evidence: str = ""
    carried_over: bool = False  # copied from the previous cycle and not yet confirmed
    does_not_arise: bool = False  # the reason is in justification, as for N/A
    override_finding: str | None = None
    override_reason: str = ""

    def to_input(self) -> AnswerInput:
        return AnswerInput(
            self.question_id,
            self.maturity,
            self.not_applicable,
            self.justification,
            self.notes,
            self.evidence,
            self.does_not_arise,
            self.override_finding,
            self.override_reason if self.override_finding else "",
        )


TEXT_FIELDS = ("justification", "notes", "evidence", "override_reason")


class AnswerBook(QObject):
    changed = Signal(str)  # question id

    def __init__(self, data: WizardData, saver: AnswerSaver | None, parent: QObject | None = None):
        super().__init__(parent)
        self.data = data
        self.saver = saver
        self.read_only = data.detail.assessment.status == "final"
        self._packs = {q.id: p for p in data.packs for q in p.questions}
        self._answers: dict[str, AnswerState] = {}
        for record in data.detail.answers:
            if record.question_id in self._packs:
                self._answers[record.question_id] = AnswerState(
                    record.question_id,
                    record.maturity,
                    record.not_applicable,
                    record.justification,
                    record.notes,
                    record.evidence,
                    record.carried_over,
                    record.does_not_arise,
                    record.override_finding,
                    record.override_reason,
                )

    def get(self, question_id: str) -> AnswerState:
        return self._answers.get(question_id) or AnswerState(question_id)

    # Edits -----------------------------------------------------------------------------------

    def question(self, question_id: str) -> Question:
        return self._packs[question_id].question(question_id)

    def set_maturity(self, question_id: str, level: int | None) -> None:
        state = self.get(question_id)
        changed = replace(state, maturity=level, not_applicable=False, does_not_arise=False)
        if level is None:  # nothing left to judge
            changed = replace(changed, override_finding=None)
        self._store(changed, immediate=True)

    def set_not_applicable(self, question_id: str, value: bool) -> bool:
        """False if the question does not allow N/A."""
        if value and not self.question(question_id).na_allowed:
            return False
        self._excuse(question_id, not_applicable=value, does_not_arise=False)
        return True

    def set_does_not_arise(self, question_id: str, value: bool) -> bool:
        """False if the question is not a conditional requirement."""
        if value and not self.question(question_id).conditional:
            return False
        self._excuse(question_id, does_not_arise=value, not_applicable=False)
        return True

    def _excuse(self, question_id: str, *, not_applicable: bool, does_not_arise: bool) -> None:
        """N/A or does-not-arise on (which clears the maturity and any override) or off."""
        state = self.get(question_id)
        excused = not_applicable or does_not_arise
        self._store(
            replace(
                state,
                not_applicable=not_applicable,
                does_not_arise=does_not_arise,
                maturity=None if excused else state.maturity,
                override_finding=None if excused else state.override_finding,
            ),
            immediate=True,
        )

    def set_override(self, question_id: str, finding: str | None) -> None:
        """The assessor's own finding (one of rules.FINDINGS), or None for the computed one."""
        state = self.get(question_id)
        if state.override_finding != finding:
            self._store(replace(state, override_finding=finding), immediate=True)

    def computed_finding(self, question_id: str) -> str | None:
        """What the rules find for the answer on its own, before any override."""
        state = self.get(question_id)
        if state.maturity is None or state.not_applicable or state.does_not_arise:
            return None
        question = self.question(question_id)
        return rules.finding(
            state.maturity,
            self.data.target_for(question),
            question.mandatory_documented_information,
            question.weight,
            question.note_only,
        )

    def set_text(self, question_id: str, field: str, text: str) -> None:
        assert field in TEXT_FIELDS
        state = self.get(question_id)
        if getattr(state, field) != text:
            self._store(replace(state, **{field: text}), immediate=False)

    def _store(self, state: AnswerState, *, immediate: bool) -> None:
        if self.read_only:
            return
        state = replace(state, carried_over=False)  # the user has looked at it now
        self._answers[state.question_id] = state
        if self.saver is not None:
            self.saver.put(state.to_input(), immediate=immediate)
        self.changed.emit(state.question_id)

    # Completion ------------------------------------------------------------------------------

    def status(self, question_id: str) -> str:
        """answered / not applicable / does not arise / unanswered / invalid, by the scoring
        rules (which look at the other answers of the clause for an N/A)."""
        return self.judged(question_id)[0]

    def problem(self, question_id: str) -> str:
        """What is wrong with an invalid answer, in words for the user; "" otherwise."""
        return self.judged(question_id)[1]

    def judged(self, question_id: str) -> tuple[str, str]:
        pack = self._packs.get(question_id)
        if pack is None:
            return rules.UNANSWERED, ""
        return answer_status(pack, pack.question(question_id), self._answers)

    def is_complete(self, question_id: str) -> bool:
        return self.status(question_id) in rules.COMPLETE

    def needs_attention(self, question_id: str) -> bool:
        """Not answered yet, or carried over from the last cycle and not yet confirmed."""
        return not self.is_complete(question_id) or self.get(question_id).carried_over

    def count_complete(self, question_ids: tuple[str, ...] | list[str]) -> int:
        return sum(1 for q in question_ids if self.is_complete(q))

    def carried_over(self) -> list[str]:
        return [q for q, a in self._answers.items() if a.carried_over]
