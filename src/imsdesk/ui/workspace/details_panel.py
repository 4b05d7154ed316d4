"""The right side of the main window: what is selected, and what can be done with it."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from imsdesk.ui.models.workspace_model import Node, NodeKind
from imsdesk.ui.workspace.actions import WorkspaceActions
from imsdesk.ui.workspace.assessment_tabs import AssessmentTabs

WELCOME = (
    "<h2>Welcome to IMS Desk</h2>"
    "<p>Assess a client against ISO 9001 (quality) and ISO 14001 (environment), clause by "
    "clause, side by side. Every answer is saved the moment you give it.</p>"
    "<p>Start a <b>new assessment</b> (Ctrl+N): the wizard asks for the client, the site and "
    "the scope, then walks through clauses 4 to 10. Or look around with the <b>demo "
    "client</b>, a small manufacturer with a fully answered assessment.</p>"
)


def _button(action: QAction) -> QToolButton:
    button = QToolButton()
    button.setDefaultAction(action)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    return button


def _row(*actions: QAction) -> QHBoxLayout:
    row = QHBoxLayout()
    for action in actions:
        row.addWidget(_button(action))
    row.addStretch()
    return row


def _label(name: str = "", *, rich: bool = False) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class DetailsPanel(QStackedWidget):
    """Welcome, a client's or a site's facts, or the selected assessment's tabs."""

    def __init__(
        self,
        actions: WorkspaceActions,
        tabs: AssessmentTabs | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.tabs = tabs or AssessmentTabs()
        self.preferred_tab = "dashboard"  # the tab shown when an assessment is selected
        self._tabs_shown = False
        self.pack_label: Callable[[Any], str] = lambda ref: f"{ref.pack_id} ({ref.edition})"
        self.loading = _label("loading")
        self.loading.setText("Opening the database…")
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.addWidget(self.loading)
        self.welcome = self._page(WELCOME, _row(actions.new_assessment, actions.demo))
        self.nothing = self._page(
            "<p>Select a client, a site or an assessment on the left.</p>",
            _row(actions.new_assessment, actions.new_organisation),
        )
        self.heading = _label("heading", rich=True)
        self.facts = QFormLayout()
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.verdict = _label("verdict")
        self.warnings = _label("warnings")
        self.warnings.setStyleSheet("color: #b3261e;")
        self.assessment_buttons = _row(
            actions.open, actions.next_cycle, actions.finalise, actions.reopen
        )
        self.client_buttons = _row(actions.new_assessment, actions.new_site)
        self.details = self._details_page()
        self.setCurrentWidget(self.loading)

    def _page(self, html: str, buttons: QHBoxLayout) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        text = _label(rich=True)
        text.setText(html)
        layout.addWidget(text)
        layout.addLayout(buttons)
        layout.addStretch()
        self.addWidget(page)
        return page

    def _details_page(self) -> QWidget:
        """The heading and commands, above the assessment's tabs; the facts are the last tab
        (a client or a site shows only that one, without a tab bar)."""
        self.info = QWidget()
        self.info.setObjectName("details")
        info = QVBoxLayout(self.info)
        info.addLayout(self.facts)
        info.addWidget(self.progress)
        info.addWidget(self.verdict)
        info.addWidget(self.warnings)
        info.addLayout(self.client_buttons)
        info.addStretch()
        self.tabs.addTab(self.info, "Detai&ls")
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.heading)
        layout.addLayout(self.assessment_buttons)
        layout.addWidget(self.tabs, 1)
        self.addWidget(page)
        return page

    # Showing ---------------------------------------------------------------------------------

    def show_welcome(self) -> None:
        self.setCurrentWidget(self.welcome)

    def show_node(self, node: Node | None, predecessor: str = "") -> None:
        if node is None:
            self.setCurrentWidget(self.nothing)
            return
        while self.facts.rowCount():
            self.facts.removeRow(0)
        record = node.record
        is_assessment = node.kind == NodeKind.ASSESSMENT
        for widget in (self.progress, self.verdict, self.warnings):
            widget.setVisible(is_assessment)
        _show_layout(self.assessment_buttons, is_assessment)
        _show_layout(self.client_buttons, not is_assessment)
        self._show_tabs(is_assessment)
        if node.kind == NodeKind.ORGANISATION:
            self._organisation(record, node)
        elif node.kind == NodeKind.SITE:
            self._site(record, node)
        else:
            self._assessment(record, predecessor)
        self.setCurrentWidget(self.details)

    def _show_tabs(self, assessment: bool) -> None:
        if not assessment:  # first, or hiding the current tab would show (build) the next one
            self.tabs.setCurrentWidget(self.info)
        for tab in self.tabs.lazy.values():
            self.tabs.setTabVisible(self.tabs.indexOf(tab), assessment)
        self.tabs.tabBar().setVisible(assessment)
        if assessment and not self._tabs_shown:  # back from a client: the tab used last
            preferred = self.tabs.lazy.get(self.preferred_tab)
            if preferred is not None:
                self.tabs.setCurrentWidget(preferred)
        self._tabs_shown = assessment

    def _fact(self, label: str, value: str) -> None:
        if value:
            text = _label()
            text.setText(value)
            self.facts.addRow(f"{label}:", text)

    def _organisation(self, record: Any, node: Node) -> None:
        self.heading.setText(f"<h2>{escape(record.name)}</h2>")
        self._fact("Sector", record.sector)
        self._fact("Size", record.size)
        self._fact("Address", record.address)
        self._fact("Contact", record.contact)
        sites = sum(1 for c in node.children if c.kind == NodeKind.SITE)
        assessments = _count_assessments(node)
        self._fact("Sites", str(sites))
        self._fact("Assessments", str(assessments))

    def _site(self, record: Any, node: Node) -> None:
        owner = node.parent.record.name if node.parent else ""
        self.heading.setText(f"<h2>{escape(record.name)}</h2><p>{escape(owner)}</p>")
        self._fact("Address", record.address)
        self._fact("Assessments", str(_count_assessments(node)))

    def _assessment(self, summary: Any, predecessor: str) -> None:
        where = summary.organisation_name + (f" — {summary.site_name}" if summary.site_name else "")
        self.heading.setText(f"<h2>{escape(summary.title)}</h2><p>{escape(where)}</p>")
        self._fact("Date", summary.date.isoformat())
        self._fact("Assessor", summary.assessor)
        status = "Final (answers locked)" if summary.status == "final" else "Draft"
        self._fact("Status", status)
        self._fact("Questionnaires", ", ".join(self.pack_label(p) for p in summary.packs))
        self._fact("Target maturity", str(summary.target_maturity))
        live = getattr(summary, "go_live", None)
        self._fact("In operation since", live.isoformat() if live else "not recorded")
        self._fact("Next cycle of", predecessor)
        if summary.answered is not None and summary.total:
            self._fact("Answered", f"{summary.answered} of {summary.total} questions")
        if summary.score is not None:
            self._fact("Score", f"{summary.score:.0f} of 100")
        self.progress.setValue(round(summary.progress or 0))
        self.progress.setFormat("%p% answered")
        if summary.verdict_text:
            self.verdict.setText(f"Readiness: {summary.verdict_text}")
        else:
            self.verdict.setText("Readiness: being worked out…" if summary.stale else "")
        self.warnings.setText("\n".join(summary.warnings))
        self.warnings.setVisible(bool(summary.warnings))


def _count_assessments(node: Node) -> int:
    return sum(
        1 if child.kind == NodeKind.ASSESSMENT else _count_assessments(child)
        for child in node.children
    )


def _show_layout(layout: QHBoxLayout, visible: bool) -> None:
    for i in range(layout.count()):
        widget = layout.itemAt(i).widget()
        if widget is not None:
            widget.setVisible(visible)
