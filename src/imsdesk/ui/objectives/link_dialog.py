"""Linking a quality objective to an existing environmental target (or the other way round),
with the rationale: why the two belong together. Like the other small dialogs it never writes:
``submitted`` hands the choice to the page, which closes it or shows the problem (``show_error``).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

RATIONALE_HINT = (
    "Why do the two belong together? e.g. Scrap is material bought, processed and thrown away; "
    "cutting rework cuts waste with the same actions."
)


class LinkDialog(QDialog):
    submitted = Signal(object, str)  # the chosen objective's id, the rationale

    def __init__(
        self,
        title: str,
        prompt: str,
        choice_label: str,
        choices: Sequence[tuple[uuid.UUID, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        intro = QLabel(prompt)
        intro.setWordWrap(True)
        intro.setObjectName("prompt")
        self.choice = QComboBox()
        self.choice.setObjectName("choice")
        for objective_id, statement in choices:
            self.choice.addItem(statement, objective_id)
        self.rationale = QPlainTextEdit()
        self.rationale.setObjectName("rationale")
        self.rationale.setTabChangesFocus(True)
        self.rationale.setPlaceholderText(RATIONALE_HINT)
        self.rationale.setFixedHeight(self.rationale.fontMetrics().lineSpacing() * 4 + 12)
        form = QFormLayout()
        form.addRow(choice_label, self.choice)
        form.addRow("&Why linked:", self.rationale)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: white; background: #b3261e; padding: 4px;")
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Link")
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.choice.setFocus(Qt.FocusReason.OtherFocusReason)

    def chosen(self) -> uuid.UUID | None:
        return self.choice.currentData()

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.buttons.setEnabled(True)

    def show_problems(self, problems: dict[str, str]) -> None:
        """What the page's write said (a link has no field of its own to blame)."""
        self.show_error(" ".join(m for m in problems.values() if m))

    def _submit(self) -> None:
        chosen = self.chosen()
        if chosen is None:
            self.show_error("There is nothing to link to yet.")
            return
        self.buttons.setEnabled(False)  # until the database answers
        self.error.hide()
        self.submitted.emit(chosen, self.rationale.toPlainText())
