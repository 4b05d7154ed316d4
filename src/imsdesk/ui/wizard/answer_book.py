"""The answers of the assessment being worked on, kept in memory by the wizard.

An edit changes the book at once (so the interface never waits) and goes to the
:class:`~imsdesk.ui.ops.saver.AnswerSaver`. Completion uses the scoring rules, so the wizard, the
review page and the reports agree on what counts as answered.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, Signal

from imsdesk.scoring import rules
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

    def to_input(self) -> AnswerInput:
        return AnswerInput(
            self.question_id,
            self.maturity,
            self.not_applicable,
            self.justification,
            self.notes,
            self.evidence,
        )


TEXT_FIELDS = ("justification", "notes", "evidence")


class AnswerBook(QObject):
    changed = Signal(str)  # question id

    def __init__(self, data: WizardData, saver: AnswerSaver | None, parent: QObject | None = None):
        super().__init__(parent)
        self.data = data
        self.saver = saver
        self.read_only = data.detail.assessment.status == "final"
        self._na_allowed = {q.id: q.na_allowed for p in data.packs for q in p.questions}
        self._answers: dict[str, AnswerState] = {}
        for record in data.detail.answers:
            if record.question_id in self._na_allowed:
                self._answers[record.question_id] = AnswerState(
                    record.question_id,
                    record.maturity,
                    record.not_applicable,
                    record.justification,
                    record.notes,
                    record.evidence,
                    getattr(record, "carried_over", False),
                )

    def get(self, question_id: str) -> AnswerState:
        return self._answers.get(question_id) or AnswerState(question_id)

    # Edits -----------------------------------------------------------------------------------

    def set_maturity(self, question_id: str, level: int | None) -> None:
        state = self.get(question_id)
        self._store(replace(state, maturity=level, not_applicable=False), immediate=True)

    def set_not_applicable(self, question_id: str, value: bool) -> bool:
        """False if the question does not allow N/A."""
        if value and not self._na_allowed.get(question_id, False):
            return False
        state = self.get(question_id)
        self._store(
            replace(state, not_applicable=value, maturity=None if value else state.maturity),
            immediate=True,
        )
        return True

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
        """answered / not applicable / unanswered / invalid, by the scoring rules."""
        state = self._answers.get(question_id)
        return rules.status(state, self._na_allowed.get(question_id, False))

    def is_complete(self, question_id: str) -> bool:
        return self.status(question_id) in (rules.ANSWERED, rules.NOT_APPLICABLE)

    def needs_attention(self, question_id: str) -> bool:
        """Not answered yet, or carried over from the last cycle and not yet confirmed."""
        return not self.is_complete(question_id) or self.get(question_id).carried_over

    def count_complete(self, question_ids: tuple[str, ...] | list[str]) -> int:
        return sum(1 for q in question_ids if self.is_complete(q))

    def carried_over(self) -> list[str]:
        return [q for q, a in self._answers.items() if a.carried_over]
