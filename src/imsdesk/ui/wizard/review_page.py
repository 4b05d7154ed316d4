"""The last step: how complete the assessment is, per standard, and every question still open,
each a link back to its clause."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from imsdesk.scoring import rules
from imsdesk.ui.wizard.answer_book import AnswerBook

QUESTION_ROLE = Qt.ItemDataRole.UserRole + 1
SNIPPET = 110


class ReviewPage(QWizardPage):
    question_chosen = Signal(str)

    def __init__(self, book: AnswerBook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.setTitle("Review")
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.open_questions = QListWidget()
        self.open_questions.setObjectName("openQuestions")
        self.open_questions.itemActivated.connect(self._chosen)
        self.open_questions.itemClicked.connect(self._chosen)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.open_questions, 1)

    def initializePage(self) -> None:
        self.refresh()
        if self.open_questions.count():
            self.open_questions.setFocus()
            self.open_questions.setCurrentRow(0)

    def refresh(self) -> None:
        book, data = self.book, self.book.data
        lines = []
        for pack in data.packs:
            ids = [q.id for q in pack.questions]
            done = book.count_complete(ids)
            lines.append(f"<li>{pack.label}: {done} of {len(ids)} questions answered</li>")
        every = data.question_ids()
        done = book.count_complete(every)
        carried = len(book.carried_over())
        text = [f"<p><b>{done} of {len(every)} questions answered.</b></p>"]
        text.append(f"<ul>{''.join(lines)}</ul>")
        if carried:
            text.append(
                f"<p>{carried} answers were carried over from the last cycle and not yet "
                f"confirmed: open them and press the level again to confirm.</p>"
            )
        self.open_questions.clear()
        for page in data.pages:
            for question_id in page.question_ids:
                status, problem = book.judged(question_id)
                if status in rules.COMPLETE:
                    continue
                question = data.question(question_id)
                why = f"to put right: {problem}" if status == rules.INVALID else "unanswered"
                snippet = (
                    question.text
                    if len(question.text) <= SNIPPET
                    else (question.text[: question.text.rfind(" ", 0, SNIPPET)] + " …")
                )
                item = QListWidgetItem(f"{page.number} · {question_id} ({why}): {snippet}")
                item.setToolTip(question.text)
                item.setData(QUESTION_ROLE, question_id)
                self.open_questions.addItem(item)
        if self.open_questions.count():
            text.append(
                "<p>Still open (Enter or click to go there; you can finish now and come back "
                "later):</p>"
            )
        else:
            text.append("<p>Every question is answered. Finish closes the wizard.</p>")
        self.summary.setText("".join(text))

    def _chosen(self, item: QListWidgetItem) -> None:
        self.question_chosen.emit(item.data(QUESTION_ROLE))
