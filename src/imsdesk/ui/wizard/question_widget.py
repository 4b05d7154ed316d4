"""One question: its text, the 0-5 maturity scale, N/A where allowed, "does not arise" for a
conditional requirement, notes, evidence, the finding (which the assessor may override, with a
reason), and the guidance on demand.

Keyboard: with the question highlighted, 0-5 set the maturity, N toggles not applicable and D
"does not arise" (both put the cursor in the reason), F chooses the finding, G shows the
guidance, Up/Down/Enter move between questions, Backspace clears the maturity; Tab walks through
the text fields.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from imsdesk.catalog import Question, ScaleLevel
from imsdesk.scoring import rules
from imsdesk.ui.wizard.answer_book import AnswerBook
from imsdesk.ui.wizard.field_edit import FieldEdit

DIGITS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(6)}
STYLE = """
QFrame#question { border: 1px solid palette(mid); border-radius: 6px; background: palette(base); }
QFrame#question[current="true"] { border: 2px solid palette(highlight); }
QLabel#badge { border-radius: 3px; padding: 0 4px; color: white; background: #5b6770; }
QLabel#carried { border-radius: 3px; padding: 0 4px; color: black; background: #f2c94c; }
QLabel#note { border-radius: 3px; padding: 0 4px; color: black; background: #d8e2ea; }
QLabel#level[problem="true"] { color: #b3261e; }
QToolButton#level { min-width: 26px; font-weight: bold; }
QToolButton#level:checked, QToolButton#na:checked, QToolButton#arise:checked {
    background: palette(highlight); color: palette(highlighted-text); border-radius: 3px;
}
"""
# Short badges (a column is about 500 pixels wide on a 1366x768 screen); the tooltips explain.
DOCUMENTED = {
    "maintain": ("Document", "Mandatory documented information to maintain (e.g. a procedure)"),
    "retain": ("Record", "Mandatory documented information to retain (records as evidence)"),
}
COMPUTED = "computed"  # the finding box's first entry: no override
REASON_PLACEHOLDER = {
    "na": "Why does this not apply here? (required for N/A: a few words)",
    "arise": "Why has this situation not come up? (required: a few words)",
}


def _wrapped(text: str = "", name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


class QuestionWidget(QFrame):
    move_requested = Signal(str, int)  # question id, +1 next / -1 previous
    answered = Signal(str)  # a maturity was chosen from the keyboard (for auto-advance)
    message = Signal(str)  # something to tell the user (e.g. N/A not allowed)

    def __init__(
        self,
        question: Question,
        scale: tuple[ScaleLevel, ...],
        book: AnswerBook,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.question = question
        self.scale = {level.level: level for level in scale}
        self.book = book
        self.setObjectName("question")
        self.setStyleSheet(STYLE)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(f"Question {question.id}")
        self.setProperty("current", False)

        header = QHBoxLayout()
        ident = QLabel(question.id)
        ident.setEnabled(False)  # drawn in the palette's muted colour
        header.addWidget(ident)
        if question.mandatory_documented_information:
            text, tip = DOCUMENTED.get(
                question.documented_information,
                ("Documented", "Touches documented information the standard makes mandatory"),
            )
            badge = QLabel(text)
            badge.setObjectName("badge")
            badge.setToolTip(tip)
            header.addWidget(badge)
        if question.note_only:
            note = QLabel("Note")
            note.setObjectName("note")
            note.setToolTip(
                "Reflects a NOTE or guidance in the standard, not a requirement: it can show an "
                "opportunity for improvement, never a nonconformity"
            )
            header.addWidget(note)
        if question.conditional:
            arises = QLabel("If it arises")
            arises.setObjectName("note")
            arises.setToolTip(
                "Applies only once the situation arises; if it has not, press D and say why"
            )
            header.addWidget(arises)
        self.carried = QLabel("Carried over")
        self.carried.setObjectName("carried")
        self.carried.setToolTip(
            "Copied from the last cycle: press the level again to confirm it, or change it"
        )
        header.addWidget(self.carried)
        header.addStretch()
        self.guidance_button = QToolButton()
        self.guidance_button.setText("Guidance")
        self.guidance_button.setCheckable(True)
        self.guidance_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.guidance_button.setToolTip("Show the guidance and typical evidence (G)")
        self.guidance_button.toggled.connect(self.set_guidance_visible)
        header.addWidget(self.guidance_button)

        self.text = _wrapped(escape(question.text), "text")
        self.text.setTextFormat(Qt.TextFormat.RichText)
        font = self.text.font()
        font.setPointSizeF(font.pointSizeF() * 1.05)
        self.text.setFont(font)

        scale_row = QHBoxLayout()
        self.level_buttons: dict[int, QToolButton] = {}
        for level in sorted(self.scale):
            button = self._scale_button(str(level), self._level_tip(level))
            button.setObjectName("level")
            button.clicked.connect(lambda _=False, n=level: self._choose(n, keyboard=False))
            scale_row.addWidget(button)
            self.level_buttons[level] = button
        self.na_button: QToolButton | None = None
        if question.na_allowed:
            self.na_button = self._scale_button("N/A", "Not applicable here (N); say why")
            self.na_button.setObjectName("na")
            self.na_button.clicked.connect(lambda: self._toggle_na(from_key=False))
            scale_row.addSpacing(8)
            scale_row.addWidget(self.na_button)
        self.arise_button: QToolButton | None = None
        if question.conditional:
            self.arise_button = self._scale_button(
                "Does not arise",
                "The situation has not come up in the period assessed (D); say why",
            )
            self.arise_button.setObjectName("arise")
            self.arise_button.clicked.connect(lambda: self._toggle_arise(from_key=False))
            scale_row.addSpacing(8)
            scale_row.addWidget(self.arise_button)
        scale_row.addStretch()
        self.level_label = _wrapped(name="level")

        # A line of its own: beside the scale it would not fit a column of a paired clause.
        finding_row = QHBoxLayout()
        self.finding_label = QLabel()
        self.finding_label.setObjectName("finding")
        self.finding_label.setEnabled(False)  # muted: what the override replaced
        self.finding_box = QComboBox()
        self.finding_box.setObjectName("override")
        self.finding_box.setAccessibleName(f"Finding for {question.id}")
        self.finding_box.setToolTip(
            "The finding the rules compute; choose another to record your own judgement (F)"
        )
        self.finding_box.addItem("Finding: as computed", COMPUTED)
        for finding in rules.FINDINGS:
            if not (question.note_only and finding in rules.NONCONFORMITIES):
                self.finding_box.addItem(f"Assessor's finding: {finding}", finding)
        self.finding_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.finding_box.activated.connect(self._override_chosen)
        finding_row.addWidget(self.finding_box)
        finding_row.addWidget(self.finding_label)
        finding_row.addStretch()
        self.finding_row = QWidget()
        self.finding_row.setLayout(finding_row)
        finding_row.setContentsMargins(0, 0, 0, 0)

        self.justification = FieldEdit(REASON_PLACEHOLDER["na"])
        self.override_reason = FieldEdit(
            "Why do you judge it differently? (required for your own finding: a few words)"
        )
        self.notes = FieldEdit("Notes: what you saw and heard")
        self.evidence = FieldEdit("Evidence: documents, records, interviews")
        for field, edit in (
            ("justification", self.justification),
            ("override_reason", self.override_reason),
            ("notes", self.notes),
            ("evidence", self.evidence),
        ):
            edit.setObjectName(field)
            edit.setPlainText(getattr(book.get(question.id), field))
            edit.textChanged.connect(
                lambda f=field, e=edit: book.set_text(question.id, f, e.toPlainText())
            )
            edit.left.connect(self._left_field)
            edit.escaped.connect(self.setFocus)

        self.guidance = _wrapped(self._guidance_html(), "guidance")
        self.guidance.setTextFormat(Qt.TextFormat.RichText)
        self.guidance.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 10)
        layout.setSpacing(6)
        layout.addLayout(header)
        layout.addWidget(self.text)
        layout.addLayout(scale_row)
        layout.addWidget(self.level_label)
        layout.addWidget(self.finding_row)
        layout.addWidget(self.justification)
        layout.addWidget(self.override_reason)
        layout.addWidget(self.notes)
        layout.addWidget(self.evidence)
        layout.addWidget(self.guidance)
        if book.read_only:
            for button in self.level_buttons.values():
                button.setEnabled(False)
            for button in (self.na_button, self.arise_button):
                if button is not None:
                    button.setEnabled(False)
            self.finding_box.setEnabled(False)
            for edit in (self.justification, self.override_reason, self.notes, self.evidence):
                edit.setReadOnly(True)
        self.refresh()

    # Building --------------------------------------------------------------------------------

    def _scale_button(self, text: str, tip: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setCheckable(True)
        button.setToolTip(tip)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys go to the question, Tab to text
        return button

    def _level_tip(self, level: int) -> str:
        return f"{level} · {self.scale[level].name}: {self._level_text(level)}"

    def _level_text(self, level: int) -> str:
        """What the level means for this question: its own description where the pack gives
        one (a yes/no requirement), else the scale's."""
        return self.question.level_description(level) or self.scale[level].description

    def _guidance_html(self) -> str:
        q = self.question
        parts = [f"<p><b>Guidance.</b> {escape(q.guidance)}</p>"]
        if q.evidence:
            items = "".join(f"<li>{escape(e)}</li>" for e in q.evidence)
            parts.append(f"<p><b>Typical evidence</b></p><ul>{items}</ul>")
        if q.action:
            parts.append(f"<p><b>If it is missing:</b> {escape(q.action)}</p>")
        return "".join(parts)

    # State -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Show the answer as the book has it."""
        state = self.book.get(self.question.id)
        excused = state.not_applicable or state.does_not_arise
        for level, button in self.level_buttons.items():
            button.setChecked(not excused and state.maturity == level)
            button.setEnabled(not self.book.read_only and not excused)
        if self.na_button is not None:
            self.na_button.setChecked(state.not_applicable)
        if self.arise_button is not None:
            self.arise_button.setChecked(state.does_not_arise)
        self.justification.setPlaceholderText(
            REASON_PLACEHOLDER["arise" if state.does_not_arise else "na"]
        )
        self.justification.setVisible(excused)
        for field in ("justification", "override_reason", "notes", "evidence"):
            getattr(self, field).set_text(getattr(state, field))
        self.carried.setVisible(state.carried_over)
        status, problem = self.book.judged(self.question.id)
        if status == rules.NOT_APPLICABLE:
            self.level_label.setText("Not applicable.")
        elif status == rules.DOES_NOT_ARISE:
            self.level_label.setText("Does not arise here: no finding, counted as answered.")
        elif status == rules.INVALID:
            self.level_label.setText(f"To put right: {problem}.")
        elif state.maturity is not None:
            info = self.scale[state.maturity]
            self.level_label.setText(
                f"{state.maturity} · {info.name}: {self._level_text(state.maturity)}"
            )
        else:
            self.level_label.setText("Not answered yet: press 0–5, or click a level.")
        self.level_label.setEnabled(status != rules.UNANSWERED)
        if self.level_label.property("problem") != (status == rules.INVALID):
            self.level_label.setProperty("problem", status == rules.INVALID)
            self.level_label.style().unpolish(self.level_label)
            self.level_label.style().polish(self.level_label)
        self._show_finding(state)

    def _show_finding(self, state) -> None:
        computed = self.book.computed_finding(self.question.id)
        self.finding_row.setVisible(computed is not None)
        overriding = computed is not None and state.override_finding is not None
        self.override_reason.setVisible(overriding)
        if computed is None:
            return
        # The box shows the finding that counts; beside an override, what it replaced.
        self.finding_box.setItemText(0, f"Finding: {computed} (computed)")
        self.finding_label.setText(f"computed: {computed}" if state.override_finding else "")
        index = self.finding_box.findData(state.override_finding or COMPUTED)
        self.finding_box.setCurrentIndex(max(index, 0))

    def set_current(self, current: bool) -> None:
        if self.property("current") != current:
            self.setProperty("current", current)
            self.style().unpolish(self)
            self.style().polish(self)

    def set_guidance_visible(self, visible: bool) -> None:
        self.guidance.setVisible(visible)
        if self.guidance_button.isChecked() != visible:
            self.guidance_button.setChecked(visible)

    # Input -----------------------------------------------------------------------------------

    def _choose(self, level: int | None, *, keyboard: bool) -> None:
        if self.book.read_only:
            self.message.emit("This assessment is final; reopen it to change answers.")
            return
        self.book.set_maturity(self.question.id, level)
        self.refresh()
        if keyboard and level is not None:
            self.answered.emit(self.question.id)
        elif not keyboard:
            self.setFocus()

    def _toggle_na(self, *, from_key: bool) -> None:
        self._toggle_excuse(
            "not_applicable",
            self.book.set_not_applicable,
            f"{self.question.id} cannot be marked not applicable: the standard allows no "
            f"exclusion here.",
            from_key=from_key,
        )

    def _toggle_arise(self, *, from_key: bool) -> None:
        self._toggle_excuse(
            "does_not_arise",
            self.book.set_does_not_arise,
            f"{self.question.id} applies whether or not a particular situation arises: answer "
            f"it with a level.",
            from_key=from_key,
        )

    def _toggle_excuse(
        self, field: str, setter: Callable[[str, bool], bool], refused: str, *, from_key: bool
    ) -> None:
        """N/A or does-not-arise on or off; on, the cursor goes to the reason."""
        if self.book.read_only:
            self.message.emit("This assessment is final; reopen it to change answers.")
            return
        on = not getattr(self.book.get(self.question.id), field)
        if not setter(self.question.id, on):
            self.message.emit(refused)
            return
        self.refresh()
        if on:
            self.justification.setFocus()
        elif from_key:
            self.setFocus()

    def _override_chosen(self, index: int) -> None:
        if self.book.read_only:
            return
        chosen = self.finding_box.itemData(index)
        self.book.set_override(self.question.id, None if chosen == COMPUTED else chosen)
        self.refresh()
        if chosen != COMPUTED:
            self.override_reason.setFocus()

    def _choose_finding(self) -> None:
        if self.book.read_only:
            self.message.emit("This assessment is final; reopen it to change answers.")
        elif self.book.computed_finding(self.question.id) is None:
            self.message.emit("Answer the question with a level before you judge its finding.")
        else:
            self.finding_box.setFocus()
            self.finding_box.showPopup()

    def _left_field(self) -> None:
        if self.book.saver is not None:
            self.book.saver.flush()  # leaving a field saves it now, not after the pause

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers not in (Qt.KeyboardModifier.NoModifier,):
            super().keyPressEvent(event)
            return
        if key in DIGITS and DIGITS[key] in self.level_buttons:
            self._choose(DIGITS[key], keyboard=True)
        elif key == Qt.Key.Key_N:
            self._toggle_na(from_key=True)
        elif key == Qt.Key.Key_D:
            self._toggle_arise(from_key=True)
        elif key == Qt.Key.Key_F:
            self._choose_finding()
        elif key == Qt.Key.Key_G:
            self.set_guidance_visible(not self.guidance.isVisible())
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.move_requested.emit(self.question.id, 1)
        elif key == Qt.Key.Key_Up:
            self.move_requested.emit(self.question.id, -1)
        elif key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            if self.book.get(self.question.id).maturity is not None:
                self._choose(None, keyboard=False)
        elif key == Qt.Key.Key_Escape:
            return  # Esc must not close the wizard from a question
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus()
        super().mousePressEvent(event)
