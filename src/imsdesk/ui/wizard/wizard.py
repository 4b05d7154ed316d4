"""The assessment wizard (a QWizard; one class per page in this package).

Introduction -> client and scope -> the clauses -> objectives and targets (optional) -> review.
For a new assessment the clause pages appear once the database has created it; for an existing
one the wizard opens on the clauses, where the user stopped. Every edit is saved as it is made
(:class:`AnswerSaver`); closing the wizard waits for the last save and never loses an
acknowledged answer.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget, QWizard, QWizardPage

from imsdesk import APP_NAME
from imsdesk.ui import msgbox
from imsdesk.ui.context import AppContext
from imsdesk.ui.ops import Changes, Kind
from imsdesk.ui.ops.saver import AnswerSaver
from imsdesk.ui.wizard.answer_book import AnswerBook
from imsdesk.ui.wizard.clauses_page import ClausesPage
from imsdesk.ui.wizard.data import WizardData, load_wizard_data
from imsdesk.ui.wizard.intro_page import IntroPage
from imsdesk.ui.wizard.objectives_step import ObjectivesStep
from imsdesk.ui.wizard.review_page import ReviewPage
from imsdesk.ui.wizard.setup_page import Client, SetupPage, SetupValues

INTRO, SETUP, CLAUSES, OBJECTIVES, REVIEW = range(5)
DEFAULT_SIZE = (1280, 820)


def scope_of_packs(data: WizardData) -> str:
    systems = {p.system for p in data.packs}
    return "integrated" if {"qms", "ems"} <= systems else next(iter(systems), "")


class AssessmentWizard(QWizard):
    assessment_opened = Signal(object)  # the id, once the assessment exists
    closed = Signal()

    def __init__(
        self,
        ctx: AppContext,
        intro_html: str,
        clients: list[Client],
        scopes: set[str],
        levels: dict[int, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: WizardData | None = None
        self.book: AnswerBook | None = None
        self.saver: AnswerSaver | None = None
        self.clauses: ClausesPage | None = None
        self.objectives: ObjectivesStep | None = None
        self.review: ReviewPage | None = None
        self.setObjectName("assessmentWizard")
        self.setWindowTitle(f"New assessment — {APP_NAME}")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.setButtonText(QWizard.WizardButton.CustomButton1, "< &Back")
        self.setButtonText(QWizard.WizardButton.CancelButton, "Close")
        self.setButtonLayout(
            [
                QWizard.WizardButton.Stretch,
                QWizard.WizardButton.CustomButton1,
                QWizard.WizardButton.NextButton,
                QWizard.WizardButton.FinishButton,
                QWizard.WizardButton.CancelButton,
            ]
        )
        self.customButtonClicked.connect(lambda _which: self.go_back())
        self.currentIdChanged.connect(self._page_changed)

        self.intro = IntroPage(intro_html)
        self.setup = SetupPage(clients, scopes, levels, settings=ctx.settings)
        self.setup.create_requested.connect(self._create)
        self.setup.update_requested.connect(self._update)
        self.setPage(INTRO, self.intro)
        self.setPage(SETUP, self.setup)
        self.setPage(CLAUSES, _waiting("The clauses appear once the assessment is created."))
        self.setPage(OBJECTIVES, _waiting(""))
        self.setPage(REVIEW, _waiting(""))
        close = QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self)
        close.activated.connect(self.close)
        self._restore_size()

    # The assessment --------------------------------------------------------------------------

    def attach(self, data: WizardData) -> None:
        """Build the clause and review pages for ``data``'s assessment."""
        self.data = data
        record = data.detail.assessment
        final = record.status == "final"
        if not final:
            db = self.ctx.database()
            catalog = self.ctx.packs()

            def save(answers: list[Any]) -> Any:
                from imsdesk.services import save_answers

                return save_answers(db, record.id, answers, catalog)

            self.saver = AnswerSaver(self.ctx.ops, record.id, save, self)
        self.book = AnswerBook(data, self.saver, self)
        self.clauses = ClausesPage(self.book, self.ctx.settings)
        self.clauses.position_changed.connect(
            lambda question_id: self.ctx.settings.set_position(str(record.id), question_id)
        )
        splitter = self.ctx.settings.geometry("wizard_splitter")
        if splitter is not None:
            self.clauses.splitter.restoreState(splitter)
        self._next_after_last_clause(self.clauses)
        self.objectives = ObjectivesStep(self.ctx, record.id, final)
        self.review = ReviewPage(self.book)
        self.review.question_chosen.connect(self.show_question)
        for page_id, page in (
            (CLAUSES, self.clauses),
            (OBJECTIVES, self.objectives),
            (REVIEW, self.review),
        ):
            old = self.page(page_id)
            self.removePage(page_id)
            old.deleteLater()
            self.setPage(page_id, page)
        self._set_title()
        self.assessment_opened.emit(record.id)

    def open_existing(self, data: WizardData) -> None:
        """Show an existing assessment at the clause where the user stopped."""
        self.attach(data)
        self.setup.show_existing(data.detail.assessment, scope_of_packs(data))
        self.restart()
        self.next()  # intro -> setup
        self.next()  # setup -> clauses (opens at the remembered question)

    def _set_title(self) -> None:
        if self.data is None:
            return
        record = self.data.detail.assessment
        state = " (final, read only)" if record.status == "final" else ""
        self.setWindowTitle(f"{record.organisation_name}: {record.title}{state} — {APP_NAME}")

    def _create(self, values: SetupValues) -> None:
        from imsdesk.errors import UserError

        db, catalog = self.ctx.database(), self.ctx.packs()

        def create() -> WizardData:
            from imsdesk.services import NewAssessment, start_assessment

            record = start_assessment(
                db,
                catalog,
                NewAssessment(
                    organisation=values.organisation,
                    site=values.site,
                    title=values.title,
                    scope=values.scope,
                    date=values.date,
                    assessor=values.assessor,
                    target_maturity=values.target,
                    go_live=values.go_live,
                ),
            )
            return load_wizard_data(db, catalog, record.id)

        def created(data: WizardData) -> None:
            self.attach(data)
            self.setup.created = True
            self.next()

        def failed(error: BaseException) -> None:
            self.button(QWizard.WizardButton.NextButton).setEnabled(True)
            if isinstance(error, UserError):
                self.setup.show_error(str(error))
            else:
                self.setup.show_error("The assessment could not be created.")
                self.ctx.ops.report(error)

        self.button(QWizard.WizardButton.NextButton).setEnabled(False)
        self.ctx.ops.write(create, created, failed, changes=Changes.of(Kind.TREE), guard=self)

    def _update(self, values: SetupValues) -> None:
        assert self.data is not None
        db, assessment_id = self.ctx.database(), self.data.assessment_id

        def update() -> Any:
            from imsdesk.services import update_assessment

            return update_assessment(
                db,
                assessment_id,
                title=values.title,
                assessor=values.assessor,
                date=values.date,
                target_maturity=values.target,
                go_live=values.go_live,
            )

        self.ctx.ops.write(
            update, changes=Changes.of(Kind.TREE, Kind.ASSESSMENT, assessment=assessment_id)
        )

    # Navigation ------------------------------------------------------------------------------

    def _next_after_last_clause(self, clauses: ClausesPage) -> None:
        """Ctrl+PgDown on the last clause goes on to the objectives, like Next does. The clauses
        page's shortcut only steps between clauses, so it is re-wired here."""
        wanted = QKeySequence("Ctrl+PgDown")
        for shortcut in clauses.findChildren(QShortcut):
            if shortcut.key() == wanted:
                shortcut.activated.disconnect()
                shortcut.activated.connect(lambda: clauses.next_page() or self.next())

    def go_back(self) -> None:
        if self.currentId() == CLAUSES and self.clauses and self.clauses.previous_page():
            return
        self.back()

    def show_question(self, question_id: str) -> None:
        """From the review: back to the clauses, at this question."""
        while self.currentId() not in (CLAUSES, -1) and self.currentId() > CLAUSES:
            self.back()
        if self.currentId() != CLAUSES:
            return
        assert self.clauses is not None
        self.clauses.go_to_question(question_id)

    def _page_changed(self, page_id: int) -> None:
        self.button(QWizard.WizardButton.CustomButton1).setEnabled(page_id > INTRO)
        if page_id in (OBJECTIVES, REVIEW) and self.saver is not None:
            self.saver.flush()

    # Closing ---------------------------------------------------------------------------------

    def done(self, result: int) -> None:
        """Every way of closing (Finish, Close, Esc, the window's X) ends here."""
        if not self._saved_or_confirmed():
            return
        self.ctx.settings.set_geometry("wizard", self.saveGeometry())
        if self.clauses is not None:
            self.ctx.settings.set_geometry("wizard_splitter", self.clauses.splitter.saveState())
        self.ctx.settings.sync()
        super().done(result)
        self.closed.emit()

    def _saved_or_confirmed(self) -> bool:
        """Wait for the last saves; if they fail, let the user decide."""
        objectives = self.objectives
        if objectives is not None and objectives.page.dirty and not objectives.discard_ok():
            return False
        if self.saver is None or self.saver.finish():
            return True
        return msgbox.confirm(
            self,
            "Answers not saved",
            f"Some answers could not be saved: {self.saver.last_error}\n\nThey are still "
            f"in this window. Close it anyway and lose them?",
            "Close and lose them",
        )

    def _restore_size(self) -> None:
        geometry = self.ctx.settings.geometry("wizard")
        if geometry is not None:
            self.restoreGeometry(geometry)
            return
        screen = QGuiApplication.primaryScreen()
        width, height = DEFAULT_SIZE
        if screen is not None:
            area = screen.availableGeometry()
            width, height = min(width, area.width()), min(height, area.height())
        self.resize(width, height)


def _waiting(text: str) -> QWizardPage:
    page = QWizardPage()
    page.setTitle(text)
    return page
