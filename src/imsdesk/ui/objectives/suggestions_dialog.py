"""Environmental targets from the link library for one quality objective.

Each suggestion is accepted with one click (Accept, Enter or a double click), which asks for the
three numbers only the user knows: today's value, the target value and the due date. The target
is then created with the template's KPI and unit and linked with the template's rationale.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from imsdesk.errors import InvalidInput
from imsdesk.ui.objectives.data import (
    FORM,
    AcceptValues,
    format_number,
    parse_date,
    parse_number,
    suggested_target,
)
from imsdesk.ui.objectives.objective_form import FieldBox
from imsdesk.ui.objectives.suggestions_model import LINKED_ROLE, SuggestionsModel

if TYPE_CHECKING:
    from imsdesk.planning import LinkTemplate, ObjectiveData
    from imsdesk.ui.objectives.data import PageData

YEAR = dt.timedelta(days=365)
SIDES = {"qms": "ISO 9001", "ems": "ISO 14001"}


class SuggestionsDialog(QDialog):
    """Like the other small dialogs it never writes: ``submitted`` hands the accepted
    suggestion to the page, which closes the dialog or gives the problems back."""

    submitted = Signal(object)  # AcceptValues

    def __init__(
        self, data: PageData, quality: ObjectiveData, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.data = data
        self.quality = quality
        self.template: LinkTemplate | None = None
        self.setWindowTitle("Suggested environmental targets")
        self.resize(680, 520)
        self.stack = QStackedWidget()
        self.stack.addWidget(self._list_page())
        self.stack.addWidget(self._accept_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        self._fill(show_all=False)

    # The list --------------------------------------------------------------------------------

    def _list_page(self) -> QWidget:
        page = QWidget()
        intro = QLabel(
            f"Environmental targets that suit the quality objective "
            f"<b>{escape(self.quality.statement)}</b>, best first. The same actions serve both."
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        self.model = SuggestionsModel(self)
        self.list = QListView()
        self.list.setObjectName("suggestions")
        self.list.setModel(self.model)
        self.list.setWordWrap(True)
        # Enter presses the default button (Accept); a double click does the same.
        self.list.doubleClicked.connect(lambda _index: self.start_accept())
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.details = QLabel()
        self.details.setObjectName("details")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.none = QLabel(
            "No template of the library fits this objective. Give it a category (e.g. "
            "delivery, defects, complaints), show the whole library, or write your own target "
            "(Ctrl+Shift+E on the page)."
        )
        self.none.setObjectName("noSuggestion")
        self.none.setWordWrap(True)
        self.show_all = QCheckBox("Show the &whole library")
        self.show_all.toggled.connect(self._fill)
        self.accept_button = QPushButton("&Accept…")
        self.accept_button.setObjectName("accept")
        self.accept_button.setToolTip(
            "Create this environmental target and link it (asks for the baseline, target value "
            "and due date)"
        )
        self.accept_button.clicked.connect(self.start_accept)
        close = QPushButton("Close")
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_all)
        buttons.addStretch()
        buttons.addWidget(self.accept_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addWidget(self.none)
        layout.addWidget(self.list, 2)
        layout.addWidget(self.details, 1)
        layout.addLayout(buttons)
        return page

    def _fill(self, show_all: bool) -> None:
        linked = frozenset(
            link.template_id
            for link in self.data.plan.links
            if link.quality_objective_id == self.quality.id and link.template_id
        )
        suggested = [s.template for s in self.data.suggestions.get(self.quality.id, ())]
        if show_all:
            rest = [t for t in self.data.library.templates if t not in suggested]
            templates = suggested + rest
        else:
            templates = suggested
        self.model.set_templates(templates, linked)
        self.none.setVisible(not suggested and not show_all)
        if self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(0))
        else:
            self._current_changed(QModelIndex())
        self.list.setFocus()

    def _current_changed(self, current: QModelIndex, _previous: Any = None) -> None:
        template = self.model.template(current.row()) if current.isValid() else None
        self.accept_button.setEnabled(template is not None and not bool(current.data(LINKED_ROLE)))
        self.accept_button.setDefault(True)
        self.details.setText(_details(template) if template else "")

    # Accepting -------------------------------------------------------------------------------

    def _accept_page(self) -> QWidget:
        page = QWidget()
        self.accept_heading = QLabel()
        self.accept_heading.setObjectName("acceptHeading")
        self.accept_heading.setWordWrap(True)
        self.accept_heading.setTextFormat(Qt.TextFormat.RichText)
        self.baseline = QLineEdit()
        self.target_value = QLineEdit()
        self.due = QLineEdit()
        self.due.setPlaceholderText("YYYY-MM-DD")
        self.owner = QLineEdit()
        self.owner.setPlaceholderText("Optional: who is responsible")
        self.boxes: dict[str, FieldBox] = {}
        form = QFormLayout()
        for name, label, editor in (
            ("baseline", "&Baseline (today):", self.baseline),
            ("target_value", "&Target value:", self.target_value),
            ("due", "&Due date:", self.due),
            ("owner", "&Owner:", self.owner),
        ):
            editor.setObjectName(name)
            self.boxes[name] = FieldBox(editor)
            form.addRow(label, self.boxes[name])
        self.baseline.textChanged.connect(self._hint_target)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: white; background: #b3261e; padding: 4px;")
        self.error.hide()
        self.create_button = QPushButton("&Create and link")
        self.create_button.setObjectName("create")
        self.create_button.clicked.connect(self.create)
        back = QPushButton("< Bac&k")
        back.setAutoDefault(False)
        back.clicked.connect(self.back)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(back)
        buttons.addWidget(self.create_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.accept_heading)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch()
        layout.addLayout(buttons)
        return page

    def start_accept(self, row: int | None = None) -> bool:
        """Ask for the numbers of the suggestion in ``row`` (default: the current one)."""
        index = self.list.currentIndex() if row is None else self.model.index(row)
        if row is not None:
            self.list.setCurrentIndex(index)
        template = self.model.template(index.row()) if index.isValid() else None
        if template is None or index.data(LINKED_ROLE):
            return False
        self.template = template
        env = template.environmental
        self.accept_heading.setText(
            f"<p><b>{escape(env.statement)}</b><br>KPI: {escape(env.kpi)}, in "
            f"{escape(env.unit)}</p><p>Today's value, the value to reach and by when:</p>"
        )
        self.baseline.clear()
        self.target_value.clear()
        self.baseline.setPlaceholderText(f"In {env.unit}")
        self.target_value.setPlaceholderText(f"In {env.unit}")
        self.due.setText(self._default_due().isoformat())
        self.owner.setText(self.quality.owner)
        self._clear_problems()
        self.stack.setCurrentIndex(1)
        self.create_button.setDefault(True)
        self.baseline.setFocus()
        return True

    def _default_due(self) -> dt.date:
        due = self.quality.due
        if due is not None and due > self.data.assessment_date:
            return due
        return self.data.assessment_date + YEAR

    def _hint_target(self, text: str) -> None:
        """The template's suggested change as a placeholder, never typed in for the user."""
        if self.template is None:
            return
        env = self.template.environmental
        try:
            baseline = parse_number(text)
        except InvalidInput:
            baseline = None
        hint = (
            suggested_target(baseline, env.direction, env.suggested_change)
            if baseline is not None
            else None
        )
        if hint is None:
            self.target_value.setPlaceholderText(f"In {env.unit}")
            return
        sign = "−" if env.direction == "decrease" else "+"
        self.target_value.setPlaceholderText(
            f"e.g. {format_number(hint)} ({sign}{format_number(env.suggested_change)} %)"
        )

    def back(self) -> None:
        self.stack.setCurrentIndex(0)
        self.accept_button.setDefault(True)
        self.list.setFocus()

    def reject(self) -> None:
        """Esc on the numbers goes back to the list; on the list it closes."""
        if self.stack.currentIndex() == 1:
            self.back()
            return
        super().reject()

    def create(self) -> None:
        if self.template is None or not self.create_button.isEnabled():
            return
        self._clear_problems()
        problems: dict[str, str] = {}
        parsed: dict[str, Any] = {}
        for name, parse in (
            ("baseline", parse_number),
            ("target_value", parse_number),
            ("due", parse_date),
        ):
            try:
                parsed[name] = parse(getattr(self, name).text())
            except InvalidInput as exc:
                problems[name] = str(exc)
        if problems:
            self.show_problems(problems)
            return
        self.create_button.setEnabled(False)  # until the database answers
        self.submitted.emit(
            AcceptValues(
                self.quality.id,
                self.template.id,
                parsed["baseline"],
                parsed["target_value"],
                parsed["due"],
                self.owner.text(),
            )
        )

    def show_problems(self, problems: dict[str, str]) -> None:
        """Each message under its field; the template's own fields cannot be wrong here, so
        anything else goes under the form."""
        self.create_button.setEnabled(True)
        first = None
        for name, box in self.boxes.items():
            if name in problems:
                box.show_problem(problems[name])
                first = first or box.editor
        rest = [m for k, m in problems.items() if k not in self.boxes and m]
        if rest:
            self.error.setText(" ".join(rest))
            self.error.show()
        if first is not None:
            first.setFocus()

    def problems(self) -> dict[str, str]:
        shown = {name: box.message for name, box in self.boxes.items() if box.message}
        if self.error.isVisibleTo(self):
            shown[FORM] = self.error.text()
        return shown

    def _clear_problems(self) -> None:
        for box in self.boxes.values():
            box.clear()
        self.error.hide()


def _details(template: LinkTemplate) -> str:
    env = template.environmental
    change = (
        f" ({env.direction} by about {format_number(env.suggested_change)} %)"
        if env.suggested_change is not None
        else f" ({env.direction})"
    )
    clauses = ", ".join(f"{SIDES.get(side, side)} {clause}" for side, clause in template.clauses)
    parts = [
        f"<p><b>{escape(template.name)}</b></p>",
        f"<p>Target: {escape(env.statement)}<br>KPI: {escape(env.kpi)}, in {escape(env.unit)}"
        f"{escape(change)}</p>",
        f"<p>Why they belong together: {escape(template.rationale)}</p>",
    ]
    if clauses:
        parts.append(f"<p>Clauses: {escape(clauses)}</p>")
    return "".join(parts)
