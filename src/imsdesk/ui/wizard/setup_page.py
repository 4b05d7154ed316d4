"""Step 2: the client and site (picked or typed as new), the scope, date, assessor and target.

For a new assessment, Next asks the database to create it (off the GUI thread) and moves on once
it exists; problems appear under the form. For an existing one the client, site and scope are
fixed and the other fields can be corrected. A new one proposes the assessor and target maturity
from the preferences.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

if TYPE_CHECKING:
    from imsdesk.ui.settings import Settings

SCOPES = (
    ("integrated", "&Integrated: ISO 9001 and ISO 14001"),
    ("qms", "&Quality only: ISO 9001"),
    ("ems", "&Environment only: ISO 14001"),
)


@dataclass(frozen=True)
class Client:
    """An organisation and its sites, as the main window's tree has them."""

    id: uuid.UUID
    name: str
    sites: tuple[tuple[uuid.UUID, str], ...]


@dataclass(frozen=True)
class SetupValues:
    organisation: uuid.UUID | str  # an id, or the name of a new client
    site: uuid.UUID | str | None
    scope: str
    title: str
    date: dt.date
    assessor: str
    target: int
    go_live: dt.date | None = None  # when the management system started to run


def default_title(date: dt.date) -> str:
    return f"Gap analysis {date.year}"


class SetupPage(QWizardPage):
    create_requested = Signal(object)  # SetupValues of a new assessment
    update_requested = Signal(object)  # SetupValues of an existing one, when changed

    def __init__(
        self,
        clients: list[Client],
        available_scopes: set[str],
        levels: dict[int, str],
        parent: QWidget | None = None,
        settings: Settings | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle("Client, site and scope")
        self.setSubTitle("Pick a client or type a new name; the same for the site.")
        self.clients = clients
        self.created = False  # set by the wizard once the assessment exists
        self.existing = False
        self._initial: SetupValues | None = None

        self.client = QComboBox()
        self.client.setObjectName("client")
        self.client.setEditable(True)
        self.client.lineEdit().setPlaceholderText("Client name")
        for client in clients:
            self.client.addItem(client.name, client.id)
        self.client.setCurrentIndex(-1)
        self.client.currentTextChanged.connect(self._client_changed)
        self.site = QComboBox()
        self.site.setObjectName("site")
        self.site.setEditable(True)
        self.site.lineEdit().setPlaceholderText("Site name (optional)")

        self.scope_buttons = QButtonGroup(self)
        scope_box = QVBoxLayout()
        for key, label in SCOPES:
            button = QRadioButton(label)
            button.setObjectName(f"scope-{key}")
            button.setProperty("scope", key)
            button.setEnabled(key in available_scopes)
            self.scope_buttons.addButton(button)
            scope_box.addWidget(button)
        first = next((b for b in self.scope_buttons.buttons() if b.isEnabled()), None)
        if first is not None:
            first.setChecked(True)

        self.date = QDateEdit(QDate.currentDate())
        self.date.setObjectName("date")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.title = QLineEdit(default_title(dt.date.today()))
        self.title.setObjectName("title")
        self._title_edited = False
        self.title.textEdited.connect(lambda _t: setattr(self, "_title_edited", True))
        self.date.dateChanged.connect(self._date_changed)
        self.assessor = QLineEdit()
        self.assessor.setObjectName("assessor")
        self.assessor.setPlaceholderText("Who carries out the assessment")
        self.target = QSpinBox()
        self.target.setObjectName("target")
        self.target.setRange(0, 5)
        self.target.setValue(3)
        if settings is not None:  # proposals for a new assessment; show_existing overrides them
            self.assessor.setText(settings.assessor)
            self.target.setValue(settings.default_target)
        self.target_name = QLabel(levels.get(self.target.value(), ""))
        self.target.valueChanged.connect(lambda v: self.target_name.setText(levels.get(v, "")))
        target_row = QHBoxLayout()
        target_row.addWidget(self.target)
        target_row.addWidget(self.target_name)
        target_row.addStretch()
        # Stage 2 looks for months of records: when did the system start to run?
        self.running = QCheckBox("In operation since")
        self.running.setObjectName("running")
        self.go_live = QDateEdit(QDate.currentDate())
        self.go_live.setObjectName("goLive")
        self.go_live.setCalendarPopup(True)
        self.go_live.setDisplayFormat("yyyy-MM-dd")
        self.go_live.setEnabled(False)
        self.running.toggled.connect(self.go_live.setEnabled)
        live_row = QHBoxLayout()
        live_row.addWidget(self.running)
        live_row.addWidget(self.go_live)
        live_row.addWidget(QLabel("(go-live: Stage 2 looks for at least 3 months of records)"))
        live_row.addStretch()

        form = QFormLayout()
        form.addRow("&Client:", self.client)
        form.addRow("&Site:", self.site)
        form.addRow("Scope:", scope_box)
        form.addRow("&Title:", self.title)
        form.addRow("&Date:", self.date)
        form.addRow("&Assessor:", self.assessor)
        form.addRow("Tar&get maturity:", target_row)
        form.addRow("System:", live_row)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: white; background: #b3261e; padding: 4px;")
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch()

    # Filling ---------------------------------------------------------------------------------

    def preset(self, organisation_id: uuid.UUID | None, site_id: uuid.UUID | None) -> None:
        index = self.client.findData(organisation_id) if organisation_id else -1
        self.client.setCurrentIndex(index)
        if site_id is not None:
            self.site.setCurrentIndex(max(0, self.site.findData(site_id)))

    def show_existing(self, record: Any, scope: str) -> None:
        """An assessment that exists: client, site and scope can no longer change."""
        self.existing = self.created = True
        self.setSubTitle("The client, site and scope of an existing assessment are fixed.")
        self.client.setEditText(record.organisation_name)
        self.site.setEditText(record.site_name or "")
        for widget in (self.client, self.site, *self.scope_buttons.buttons()):
            widget.setEnabled(False)
        for button in self.scope_buttons.buttons():
            button.setChecked(button.property("scope") == scope)
        self.title.setText(record.title)
        self._title_edited = True
        self.date.setDate(QDate(record.date.year, record.date.month, record.date.day))
        self.assessor.setText(record.assessor)
        self.target.setValue(record.target_maturity)
        live = getattr(record, "go_live", None)
        self.running.setChecked(live is not None)
        if live is not None:
            self.go_live.setDate(QDate(live.year, live.month, live.day))
        self._initial = self.values()

    def _client_changed(self, text: str) -> None:
        self.site.clear()
        self.site.addItem("", None)  # no site
        index = self.client.findText(text)
        client = self.clients[index] if index >= 0 else None
        for site_id, name in client.sites if client else ():
            self.site.addItem(name, site_id)
        self.site.setCurrentIndex(0)

    def _date_changed(self, date: QDate) -> None:
        if not self._title_edited:
            self.title.setText(default_title(date.toPython()))

    # Reading ---------------------------------------------------------------------------------

    def values(self) -> SetupValues:
        name = " ".join(self.client.currentText().split())
        index = self.client.findText(name)
        organisation: uuid.UUID | str = self.client.itemData(index) if index >= 0 else name
        site_name = " ".join(self.site.currentText().split())
        site_index = self.site.findText(site_name) if site_name else -1
        site: uuid.UUID | str | None = (
            self.site.itemData(site_index) if site_index > 0 else site_name or None
        )
        checked = self.scope_buttons.checkedButton()
        return SetupValues(
            organisation=organisation,
            site=site,
            scope=checked.property("scope") if checked else "",
            title=" ".join(self.title.text().split()),
            date=self.date.date().toPython(),
            assessor=self.assessor.text().strip(),
            target=self.target.value(),
            go_live=self.go_live.date().toPython() if self.running.isChecked() else None,
        )

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def validatePage(self) -> bool:
        values = self.values()
        if self.existing:
            if values != self._initial:
                self.update_requested.emit(values)
                self._initial = values
            return True
        if self.created:
            return True
        if not values.organisation:
            self.show_error("Give the client's name, or pick one from the list.")
            self.client.setFocus()
            return False
        if not values.scope:
            self.show_error("No questionnaire is installed for any scope.")
            return False
        self.show_error("")
        self.create_requested.emit(values)
        return False  # the wizard moves on when the assessment exists
