"""The heart of the wizard: one harmonized clause at a time, with the clause list beside it.

Each clause is a :class:`ClauseView` built the first time it is shown. The QWizard's Next and
Back buttons step through the clauses (Next on the last clause goes on to the review), as do
Ctrl+PgDown and Ctrl+PgUp; the side panel and Ctrl+F jump anywhere. The question the user is on
is remembered, so reopening continues there.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from imsdesk.ui.models.clause_list_model import ClauseListModel
from imsdesk.ui.settings import Settings
from imsdesk.ui.wizard.answer_book import AnswerBook
from imsdesk.ui.wizard.clause_view import ClauseView
from imsdesk.ui.wizard.question_widget import QuestionWidget
from imsdesk.ui.wizard.save_indicator import SaveIndicator
from imsdesk.ui.wizard.side_panel import SidePanel

MESSAGE_MS = 8000


class ClausesPage(QWizardPage):
    position_changed = Signal(str)  # the question the user is on

    def __init__(self, book: AnswerBook, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.book = book
        self.settings = settings
        self.pages = book.data.pages
        self.order = book.data.question_ids()  # every question, in page order
        self.current_row = -1
        self.current_question: str | None = None
        self.views: dict[int, ClauseView] = {}

        self.list_model = ClauseListModel(self.pages, book.is_complete, self._search_text, self)
        self.side = SidePanel(self.list_model)
        self.side.page_chosen.connect(lambda row: self.go_to(row))
        self.side.find_chosen.connect(self._found)
        self.side.find_cancelled.connect(self.focus_current)
        book.changed.connect(self._answer_changed)

        self.stack = QStackedWidget()
        for _ in self.pages:  # placeholders; the views are built when first shown
            self.stack.addWidget(QWidget())
        self.saved = SaveIndicator(book.saver)
        self.position = QLabel()
        self.position.setObjectName("position")
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self._message_timer = QTimer(self, singleShot=True, interval=MESSAGE_MS)
        self._message_timer.timeout.connect(self.message.clear)
        self.auto_advance = QCheckBox("After a maturity, go to the next &open question")
        self.auto_advance.setToolTip(
            "The next question not yet answered, or carried over from the last cycle and not "
            "yet confirmed"
        )
        self.auto_advance.setChecked(settings.auto_advance)
        self.auto_advance.toggled.connect(self._set_auto_advance)
        self.show_guidance = QCheckBox("Show &guidance for every question")
        self.show_guidance.setChecked(settings.show_guidance)
        self.show_guidance.toggled.connect(self._set_guidance)
        for box in (self.auto_advance, self.show_guidance):
            box.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Tab stays among the questions

        status = QHBoxLayout()
        status.addWidget(self.position)
        status.addStretch()
        status.addWidget(self.saved)
        options = QHBoxLayout()
        options.addWidget(self.auto_advance)
        options.addWidget(self.show_guidance)
        options.addStretch()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(status)
        right_layout.addWidget(self.message)
        right_layout.addWidget(self.stack, 1)
        right_layout.addLayout(options)
        self.splitter = QSplitter()
        self.splitter.setObjectName("wizardSplitter")
        self.splitter.addWidget(self.side)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([280, 1000])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        # QWizard gives a page its preferred height unless the page asks for more.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

        self._shortcut("Ctrl+PgDown", self.next_page)
        self._shortcut("Ctrl+PgUp", self.previous_page)
        self._shortcut(QKeySequence.StandardKey.Find, self.side.start_find)
        QApplication.instance().focusChanged.connect(self._focus_changed)

    def _shortcut(self, keys: str | QKeySequence.StandardKey, slot: object) -> None:
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.activated.connect(slot)

    def _search_text(self, page: object) -> str:
        data = self.book.data
        return " ".join(
            f"{q} {data.question(q).text}"
            for q in page.question_ids  # type: ignore[attr-defined]
        )

    # Navigation ------------------------------------------------------------------------------

    def view(self, row: int) -> ClauseView:
        view = self.views.get(row)
        if view is None:
            view = ClauseView(self.pages[row], self.book)
            for question in view.questions:
                question.move_requested.connect(self._move)
                question.answered.connect(self._advance)
                question.message.connect(self.show_message)
                question.set_guidance_visible(self.show_guidance.isChecked())
            old = self.stack.widget(row)
            self.stack.insertWidget(row, view)
            self.stack.removeWidget(old)
            old.deleteLater()
            self.views[row] = view
        return view

    def go_to(self, row: int, question_id: str | None = None) -> None:
        """Show clause ``row`` and put the focus on ``question_id`` (default: the first question
        there that is unanswered or carried over unconfirmed, else the first)."""
        if not 0 <= row < len(self.pages):
            return
        if self.book.saver is not None:
            self.book.saver.flush()  # leaving a clause saves what was typed
        view = self.view(row)
        self.current_row = row
        self.stack.setCurrentIndex(row)
        page = self.pages[row]
        self.setTitle(f"{page.number}  {page.title}")
        self.setSubTitle(f"Clause {page.section} {page.section_title}")
        self.side.show_row(row)
        self._update_position()
        ids = page.question_ids
        target = question_id or next((q for q in ids if self.book.needs_attention(q)), ids[0])
        self._make_current(view, target)
        view.show_question(target)

    def go_to_question(self, question_id: str) -> None:
        row = self.list_model.row_of_question(question_id)
        if row is not None:
            self.go_to(row, question_id)

    def next_page(self) -> bool:
        if self.current_row + 1 < len(self.pages):
            self.go_to(self.current_row + 1)
            return True
        self.show_message(
            "This is the last clause; Next goes to the objectives and targets, then the review."
        )
        return False

    def previous_page(self) -> bool:
        if self.current_row > 0:
            self.go_to(self.current_row - 1)
            return True
        return False

    def focus_current(self) -> None:
        view = self.views.get(self.current_row)
        if view is not None and self.current_question:
            view.show_question(self.current_question)

    def _move(self, question_id: str, step: int) -> None:
        index = self.order.index(question_id) + step
        if 0 <= index < len(self.order):
            self.go_to_question(self.order[index])

    def _advance(self, question_id: str) -> None:
        if not self.auto_advance.isChecked():
            return
        start = self.order.index(question_id)
        for candidate in self.order[start + 1 :] + self.order[:start]:
            if self.book.needs_attention(candidate):
                self.go_to_question(candidate)
                return
        self.show_message(
            "Every question is answered. Next (Alt+N) goes to the objectives and targets."
        )

    def _found(self, row: int, text: str) -> None:
        wanted = text.lower()
        data = self.book.data
        match = next(
            (
                q
                for q in self.pages[row].question_ids
                if wanted in f"{q} {data.question(q).text}".lower()
            ),
            None,
        )
        self.go_to(row, match)

    # Keeping track ---------------------------------------------------------------------------

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        widget = new
        while widget is not None and not isinstance(widget, QuestionWidget):
            widget = widget.parentWidget()
        view = self.views.get(self.current_row)
        if widget is not None and view is not None and widget in view.questions:
            self._make_current(view, widget.question.id)

    def _make_current(self, view: ClauseView, question_id: str) -> None:
        if question_id == self.current_question:
            return
        previous = self._widget(self.current_question)
        if previous is not None:
            previous.set_current(False)
        widget = view.widget_for(question_id)
        if widget is not None:
            widget.set_current(True)
        self.current_question = question_id
        self._update_position()
        self.position_changed.emit(question_id)

    def _widget(self, question_id: str | None) -> QuestionWidget | None:
        """The question's widget, if its clause has been built."""
        row = self.list_model.row_of_question(question_id) if question_id else None
        view = self.views.get(row) if row is not None else None
        return view.widget_for(question_id) if view and question_id else None

    def _answer_changed(self, question_id: str) -> None:
        self.list_model.question_changed(question_id)
        widget = self._widget(question_id)
        if widget is not None:
            widget.refresh()
        self._update_position()

    def _update_position(self) -> None:
        if self.current_row < 0:
            return
        done, total = self.list_model.progress(self.current_row)
        everything = self.book.count_complete(self.order)
        self.position.setText(
            f"Clause {self.current_row + 1} of {len(self.pages)} · this clause {done}/{total} · "
            f"all {everything}/{len(self.order)} answered"
        )

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self._message_timer.start()

    def _set_auto_advance(self, value: bool) -> None:
        self.settings.auto_advance = value

    def _set_guidance(self, value: bool) -> None:
        self.settings.show_guidance = value
        for view in self.views.values():
            for question in view.questions:
                question.set_guidance_visible(value)

    # QWizardPage -----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # QWizard gives the focus to the page's first field (the find box) when it shows a
        # page; the user wants to be on their question instead.
        QTimer.singleShot(0, self.focus_current)

    def initializePage(self) -> None:
        if self.current_row < 0:
            self.start()

    def start(self, question_id: str | None = None) -> None:
        """Open where the user stopped (or at the first unanswered question)."""
        remembered = question_id or self.settings.position(str(self.book.data.assessment_id))
        if remembered and self.list_model.row_of_question(remembered) is not None:
            self.go_to_question(remembered)
            return
        first = next((q for q in self.order if self.book.needs_attention(q)), self.order[0])
        self.go_to_question(first)

    def validatePage(self) -> bool:
        """Next steps to the next clause; only the last clause goes on to the review."""
        return not self.next_page()

    def cleanupPage(self) -> None:
        """Back from the first clause: nothing to reset."""
