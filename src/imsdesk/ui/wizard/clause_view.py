"""One harmonized clause: the QMS questions on the left, the EMS questions on the right, and
above them the sentence on how the two views differ. A clause that only one standard has spans
the width, as does everything in a single-standard assessment."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from imsdesk.catalog import HarmonizedPage, PageSide
from imsdesk.ui.wizard.answer_book import AnswerBook
from imsdesk.ui.wizard.question_widget import QuestionWidget

MARGIN = 8
VIEW = {
    "qms": "quality: customer-driven",
    "ems": "environment: environment-driven",
}


def _label(html: str, name: str) -> QLabel:
    label = QLabel(html)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


class ClauseView(QScrollArea):
    def __init__(self, page: HarmonizedPage, book: AnswerBook, parent: QWidget | None = None):
        super().__init__(parent)
        self.page = page
        self.book = book
        self.setObjectName(f"clause-{page.key}")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # Text wraps to the width instead: nothing may hide beyond a horizontal scroll.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.questions: list[QuestionWidget] = []  # in keyboard order: left column, then right
        self._column_tops: set[str] = set()  # the first question of each column

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 12, 12)
        if page.contrast:
            contrast = _label(
                f"<b>Quality and environment differ here.</b> {escape(page.contrast)}",
                "contrast",
            )
            contrast.setStyleSheet(
                "QLabel#contrast { border-left: 4px solid palette(highlight); padding: 6px; "
                "background: palette(alternate-base); }"
            )
            layout.addWidget(contrast)
        elif page.note:
            layout.addWidget(_label(f"<i>{escape(page.note)}</i>", "note"))
        columns = QGridLayout()
        columns.setHorizontalSpacing(16)
        for column, side in enumerate(page.sides):
            columns.addWidget(self._side(side), 0, column, Qt.AlignmentFlag.AlignTop)
            columns.setColumnStretch(column, 1)
        layout.addLayout(columns)
        layout.addStretch()
        self.setWidget(body)
        book.changed.connect(self._answer_changed)

    def _answer_changed(self, question_id: str) -> None:
        """Show what an edit changes: the answer's own status (a reason typed in), and any N/A
        on the page, whose validity depends on its clause's other answers and on the scope."""
        for widget in self.questions:
            state = self.book.get(widget.question.id)
            if widget.question.id == question_id or state.not_applicable:
                widget.refresh()

    def _side(self, side: PageSide) -> QWidget:
        data = self.book.data
        pack = data.pack(side.pack_id)
        box = QWidget()
        box.setObjectName(f"side-{side.system}")
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        view = VIEW.get(side.system)
        layout.addWidget(
            _label(f"<h3>{escape(pack.label)}{f' · {view}' if view else ''}</h3>", "standard")
        )
        questions = set(side.questions)
        for number in side.clauses:
            clause = pack.clause(number)
            mine = [q for q in clause.questions if q.id in questions]
            if not mine:
                continue
            if len(side.clauses) > 1 or number not in self.page.number:
                layout.addWidget(
                    _label(f"<b>{escape(number)} {escape(clause.label)}</b>", "clause")
                )
            for question in mine:
                if not any(q.question.id in questions for q in self.questions):
                    self._column_tops.add(question.id)
                widget = QuestionWidget(question, pack.scale, self.book)
                self.questions.append(widget)
                layout.addWidget(widget)
        return box

    def widget_for(self, question_id: str) -> QuestionWidget | None:
        return next((w for w in self.questions if w.question.id == question_id), None)

    def show_question(self, question_id: str) -> None:
        widget = self.widget_for(question_id)
        if widget is None:
            return
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        # Bring the question's top into view (ensureWidgetVisible would show the bottom of a
        # question taller than the window, cutting off its text).
        bar = self.verticalScrollBar()
        if question_id in self._column_tops:  # with the contrast and the headings above it
            bar.setValue(0)
            return
        top = widget.mapTo(self.widget(), QPoint(0, 0)).y()
        bottom = bar.value() + self.viewport().height()
        if not bar.value() <= top <= top + widget.height() <= bottom:
            bar.setValue(max(0, top - MARGIN))
