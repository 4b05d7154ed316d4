"""The form for an action of the user's own. It never writes itself: ``submitted`` hands a
NewAction to the editor, which saves it off the GUI thread and then closes the dialog or shows
the problem under the form (``show_error``)."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from imsdesk.ui.plan.actions_model import OWNER_MAX, TITLE_MAX
from imsdesk.ui.plan.data import NewAction, PlanSnapshot
from imsdesk.ui.plan.delegates import DATE_FORMAT

DEFAULT_DUE_DAYS = 90  # a proposal; the user changes it or unticks it


class AddActionDialog(QDialog):
    submitted = Signal(object)  # a NewAction

    def __init__(
        self,
        snapshot: PlanSnapshot,
        owners: list[str],
        parent: QWidget | None = None,
        *,
        link_id: uuid.UUID | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"New action for {snapshot.title}")
        self.setMinimumWidth(520)
        self.snapshot = snapshot

        self.title = QLineEdit()
        self.title.setObjectName("title")
        self.title.setMaxLength(TITLE_MAX)
        self.title.setPlaceholderText("e.g. Book the ISO 14001 internal auditor course")
        self.description = QPlainTextEdit()
        self.description.setObjectName("description")
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(self.description.fontMetrics().lineSpacing() * 3 + 12)

        self.standard = QComboBox()
        self.standard.setObjectName("standard")
        self.standard.addItem("Both / not tied to one standard", "")
        for pack in snapshot.packs:
            self.standard.addItem(pack.standard, pack.pack_id)
        self.clause = QComboBox()
        self.clause.setObjectName("clause")
        self.standard.currentIndexChanged.connect(self._fill_clauses)

        self.link = QComboBox()
        self.link.setObjectName("link")
        self.link.addItem("None: listed under its section", None)
        for choice in snapshot.links:
            self.link.addItem(choice.label, choice.value)
        if link_id is not None:
            self.link.setCurrentIndex(max(0, self.link.findData(str(link_id))))

        self.owner = QLineEdit()
        self.owner.setObjectName("owner")
        self.owner.setMaxLength(OWNER_MAX)
        completer = QCompleter(owners, self.owner)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.owner.setCompleter(completer)

        self.has_due = QCheckBox("&Due on")
        self.has_due.setObjectName("has_due")
        self.has_due.setChecked(True)
        self.due = QDateEdit()
        self.due.setObjectName("due")
        self.due.setDisplayFormat(DATE_FORMAT)
        self.due.setCalendarPopup(True)
        proposed = (today or dt.date.today()) + dt.timedelta(days=DEFAULT_DUE_DAYS)
        self.due.setDate(QDate(proposed.year, proposed.month, proposed.day))
        self.has_due.toggled.connect(self.due.setEnabled)
        due_row = QHBoxLayout()
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due, 1)

        form = QFormLayout()
        form.addRow("&Title:", self.title)
        form.addRow("D&escription:", self.description)
        form.addRow("&Standard:", self.standard)
        form.addRow("&Clause:", self.clause)
        form.addRow("Objective &link:", self.link)
        form.addRow("&Owner:", self.owner)
        form.addRow("", due_row)

        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: white; background: #b3261e; padding: 4px;")
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add action")
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.title.textChanged.connect(self._update_ok)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._fill_clauses()
        self._update_ok()
        self.title.setFocus()

    def _fill_clauses(self) -> None:
        pack_id = self.standard.currentData()
        self.clause.clear()
        self.clause.addItem("None: listed under other actions", "")
        pack = next((p for p in self.snapshot.packs if p.pack_id == pack_id), None)
        choices = pack.clauses if pack else self.snapshot.sections
        for choice in choices:
            self.clause.addItem(f"{choice.value} {choice.label}", choice.value)

    def value(self) -> NewAction:
        link = self.link.currentData()
        due: dt.date | None = self.due.date().toPython()  # type: ignore[assignment]
        return NewAction(
            title=" ".join(self.title.text().split()),
            description=self.description.toPlainText().strip(),
            pack_id=self.standard.currentData() or "",
            clause=self.clause.currentData() or "",
            link_id=uuid.UUID(link) if link else None,
            owner=self.owner.text().strip(),
            due=due if self.has_due.isChecked() else None,
        )

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.buttons.setEnabled(True)

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.title.text().strip()))

    def _submit(self) -> None:
        if not self.title.text().strip():
            return
        self.buttons.setEnabled(False)  # until the database answers
        self.error.hide()
        self.submitted.emit(self.value())
