"""The step between the clauses and the review: quality objectives and the environmental targets
linked to them, on the same page as in the main window. It is optional: Next goes on to the
review whatever is there (Ctrl+PgDown too; Ctrl+PgUp goes back to the last clause)."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QApplication, QLabel, QSizePolicy, QVBoxLayout, QWidget, QWizardPage

from imsdesk.ui import msgbox
from imsdesk.ui.context import AppContext
from imsdesk.ui.objectives.objectives_page import ObjectivesPage

MESSAGE_MS = 8000


class ObjectivesStep(QWizardPage):
    def __init__(
        self,
        ctx: AppContext,
        assessment_id: uuid.UUID,
        final: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("objectivesStep")
        self.setTitle("Objectives and targets")
        self.setSubTitle(
            "Each quality objective with the environmental target(s) the same actions serve. "
            "Optional: Next goes on to the review."
        )
        self.page = ObjectivesPage(ctx)
        self.page.set_assessment(assessment_id, final)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self._message_timer = QTimer(self, singleShot=True, interval=MESSAGE_MS)
        self._message_timer.timeout.connect(self.message.clear)
        self.page.message.connect(self.show_message)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.page, 1)
        layout.addWidget(self.message)
        # QWizard gives a page its preferred height unless the page asks for more.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        for keys, slot in (("Ctrl+PgDown", self._next), ("Ctrl+PgUp", self._back)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(slot)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self._message_timer.start()

    def _next(self) -> None:
        if self.wizard() is not None:
            self.wizard().next()

    def _back(self) -> None:
        if self.wizard() is not None:
            self.wizard().back()

    # QWizardPage -----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # The focus would stay on the (hidden) question of the last clause; the page is not
        # shown yet when initializePage runs, so it is moved once the page is.
        QTimer.singleShot(0, self._focus_tree)

    def _focus_tree(self) -> None:
        if self.isVisible() and not self.page.isAncestorOf(QApplication.focusWidget()):
            self.page.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def validatePage(self) -> bool:
        """Nothing here is required; only unsaved typing holds the user back."""
        return not self.page.dirty or self.discard_ok()

    def discard_ok(self) -> bool:
        """Ask before unsaved typing is dropped (Next, or closing the wizard)."""
        if not msgbox.confirm(
            self,
            "Objective not saved",
            "The objective you are editing has changes that are not saved. Go on without them?",
            "Discard",
        ):
            return False
        self.page.form.revert()
        return True
