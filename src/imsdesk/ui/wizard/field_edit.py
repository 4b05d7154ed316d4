"""A text field for notes, evidence and N/A justifications: grows with its text, Tab leaves it,
Esc hands the focus back to the question, and leaving it saves at once."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QPlainTextEdit, QSizePolicy, QWidget

MIN_LINES, MAX_LINES = 1, 8


class FieldEdit(QPlainTextEdit):
    left = Signal()  # the field lost the focus
    escaped = Signal()  # Esc was pressed in it

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.textChanged.connect(self._fit)
        self._fit()

    def set_text(self, text: str) -> None:
        """Show ``text`` unless the user is typing here (their text is newer)."""
        if text != self.toPlainText() and not self.hasFocus():
            self.setPlainText(text)

    def _fit(self) -> None:
        lines = max(MIN_LINES, min(MAX_LINES, int(self.document().size().height())))
        margins = self.contentsMargins()
        doc_margin = 2 * self.document().documentMargin()
        height = lines * self.fontMetrics().lineSpacing() + margins.top() + margins.bottom()
        self.setFixedHeight(int(height + doc_margin) + 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()  # wrapping changes with the width

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.left.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
            return
        super().keyPressEvent(event)
