"""The form for one quality objective or environmental target, with each problem shown right
under the field it concerns.

The form never writes: ``submitted`` hands the parsed values to the page, which stores them off
the GUI thread and either shows the saved objective or gives the problems back
(``show_problems``). Enter saves from any field, Ctrl+S too; Esc goes back to the list.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from imsdesk.errors import InvalidInput
from imsdesk.ui.objectives.data import (
    ENVIRONMENTAL,
    FORM,
    KIND_NAMES,
    QUALITY,
    FormValues,
    format_number,
    parse_date,
    parse_number,
)

if TYPE_CHECKING:
    import uuid

    from imsdesk.planning import ObjectiveData

ERROR_STYLE = "color: #b3261e;"
INVALID_STYLE = "border: 1px solid #b3261e;"
NO_FREQUENCY = "—"
NOTHING = (
    "Select an objective on the left, or add one: Insert for a quality objective, Ctrl+Shift+E "
    "for an environmental target."
)
# (field, label with mnemonic, placeholder). The mnemonics avoid the main window's menus (F E A
# V H) and tabs (D O P C L), and the wizard's buttons (B N F).
LABELS = (
    ("statement", "State&ment:", "What is to be achieved, e.g. Deliver orders on time in full"),
    ("category", "Categor&y:", "e.g. delivery, defects, complaints (drives the suggestions)"),
    ("kpi", "&KPI:", "How it is measured, e.g. On-time in-full deliveries"),
    ("unit", "Un&it:", "e.g. %, kWh per unit, kg CO2e per delivery"),
    ("baseline", "Ba&seline:", "Today's value, e.g. 94"),
    ("target_value", "Tar&get value:", "The value to reach, e.g. 97"),
    ("due", "Due da&te:", "YYYY-MM-DD"),
    ("owner", "O&wner:", "Who is responsible"),
    ("frequency", "Fre&quency:", ""),
    ("status", "Stat&us:", ""),
)
TEXT_FIELDS = ("statement", "kpi", "unit", "baseline", "target_value", "due", "owner")


class FieldBox(QWidget):
    """An editor with its error message right under it."""

    def __init__(self, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.error = QLabel()
        self.error.setObjectName(f"{editor.objectName()}-error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        layout.addWidget(self.error)
        self.setFocusProxy(editor)  # the label's mnemonic focuses the editor

    def show_problem(self, message: str) -> None:
        """Outline the editor; ``message`` under it (empty: shown at another field)."""
        self.editor.setStyleSheet(INVALID_STYLE)
        self.editor.setAccessibleDescription(message)
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def clear(self) -> None:
        self.editor.setStyleSheet("")
        self.editor.setAccessibleDescription("")
        self.error.clear()
        self.error.hide()

    @property
    def message(self) -> str:
        return self.error.text() if self.error.isVisibleTo(self) else ""


class ObjectiveForm(QWidget):
    submitted = Signal(object)  # FormValues
    escaped = Signal()  # Esc in a field: back to the list

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QUALITY
        self.objective_id: uuid.UUID | None = None
        self.read_only = False
        self._snapshot: dict[str, str] = {}
        self._choices: tuple[tuple[str, ...], ...] = ()

        self.heading = QLabel()
        self.heading.setObjectName("formHeading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.notice = QLabel()  # "no environmental target linked"
        self.notice.setObjectName("incomplete")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(f"{ERROR_STYLE} font-weight: bold;")
        self.notice.hide()
        self.link_note = QLabel()  # what a target is linked to, and why
        self.link_note.setObjectName("linkNote")
        self.link_note.setWordWrap(True)
        self.link_note.setTextFormat(Qt.TextFormat.RichText)
        self.link_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.link_note.hide()

        self.editors: dict[str, QLineEdit | QComboBox] = {}
        self.boxes: dict[str, FieldBox] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name, label, placeholder in LABELS:
            editor = self._editor(name, placeholder)
            editor.setObjectName(name)
            editor.installEventFilter(self)
            if isinstance(editor, QComboBox) and editor.lineEdit() is not None:
                editor.lineEdit().installEventFilter(self)  # it may get the keys first
            self.editors[name] = editor
            box = FieldBox(editor)
            self.boxes[name] = box
            form.addRow(label, box)
        self.form_error = QLabel()
        self.form_error.setObjectName("formError")
        self.form_error.setWordWrap(True)
        self.form_error.setStyleSheet("color: white; background: #b3261e; padding: 4px;")
        self.form_error.hide()

        self.save_button = QPushButton("Save")  # Ctrl+S (every letter of it is taken)
        self.save_button.setObjectName("save")
        self.save_button.setToolTip("Save this objective (Enter in any field, or Ctrl+S)")
        self.save_button.clicked.connect(self.submit)
        self.revert_button = QPushButton("&Revert")
        self.revert_button.setObjectName("revert")
        self.revert_button.setToolTip("Put back the values as they were saved")
        self.revert_button.clicked.connect(self.revert)
        for button in (self.save_button, self.revert_button):
            button.setAutoDefault(False)  # Enter in a dialog would press them twice
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)

        content = QWidget()
        inner = QVBoxLayout(content)
        inner.setContentsMargins(0, 0, 6, 0)
        inner.addWidget(self.heading)
        inner.addWidget(self.notice)
        inner.addWidget(self.link_note)
        inner.addLayout(form)
        inner.addWidget(self.form_error)
        inner.addLayout(buttons)
        inner.addStretch()
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from field to field
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        save = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self.submit)
        self.show_nothing()

    def focus_chain(self) -> list[QWidget]:
        """The fields top to bottom, then the buttons: the order Tab follows."""
        return [*self.editors.values(), self.revert_button, self.save_button]

    @staticmethod
    def _editor(name: str, placeholder: str) -> QLineEdit | QComboBox:
        if name in TEXT_FIELDS:
            line = QLineEdit()
            line.setPlaceholderText(placeholder)
            return line
        combo = QComboBox()
        if name == "category":
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            combo.lineEdit().setPlaceholderText(placeholder)
        return combo

    # Choices ---------------------------------------------------------------------------------

    def set_choices(
        self, categories: tuple[str, ...], statuses: tuple[str, ...], frequencies: tuple[str, ...]
    ) -> None:
        """The lists the combo boxes offer (from the core, read with the data); what the form
        holds, saved or not, stays."""
        choices = (("", *categories), statuses, frequencies)
        if choices == self._choices:
            return
        self._choices = choices
        keep, snapshot = self._raw(), self._snapshot
        for name, values in zip(("category", "status", "frequency"), choices, strict=True):
            combo = self.editors[name]
            assert isinstance(combo, QComboBox)
            combo.blockSignals(True)
            combo.clear()
            for value in values:
                combo.addItem(value or (NO_FREQUENCY if name == "frequency" else ""), value)
            combo.blockSignals(False)
        self._set_raw(keep)
        self._snapshot = snapshot

    # Showing ---------------------------------------------------------------------------------

    def show_nothing(self, text: str = "") -> None:
        self.objective_id = None
        self.heading.setText(escape(text or NOTHING))
        self._set_raw({})
        self._set_notes("", "")
        self._enable(False)

    def show_objective(
        self,
        objective: ObjectiveData,
        *,
        incomplete: bool = False,
        link_note: str = "",
        problems: dict[str, str] | None = None,
    ) -> None:
        """Fill the form with a stored objective (``link_note``: rich text, already escaped)."""
        self.kind = objective.kind
        self.objective_id = objective.id
        heading = KIND_NAMES.get(objective.kind, "objective").capitalize()
        self.heading.setText(f"<b>{escape(heading)}</b>")
        self._set_raw(
            {
                "statement": objective.statement,
                "category": objective.category,
                "kpi": objective.kpi,
                "unit": objective.unit,
                "baseline": format_number(objective.baseline),
                "target_value": format_number(objective.target_value),
                "due": objective.due.isoformat() if objective.due else "",
                "owner": objective.owner,
                "frequency": objective.frequency,
                "status": objective.status,
            }
        )
        self._set_notes(
            "⚠ No environmental target linked: this quality objective is not yet integrated. "
            "Suggest a target (Ctrl+Shift+G) or link an existing one (Ctrl+Shift+L)."
            if incomplete
            else "",
            link_note,
        )
        self._enable(True)
        if problems:  # stored before a check changed (or the assessment date moved)
            self.show_problems(problems, focus=False)

    def start_new(self, kind: str, category: str = "") -> None:
        """An empty form for a new objective of ``kind``."""
        self.kind = kind
        self.objective_id = None
        wanted = "environmental target" if kind == ENVIRONMENTAL else "quality objective"
        self.heading.setText(
            f"<b>New {wanted}</b> — Enter saves it"
            + (
                "; it needs a KPI, unit, baseline, target value and due date."
                if kind == ENVIRONMENTAL
                else "."
            )
        )
        self._set_raw({"category": category, "status": "draft"})
        self._set_notes("", "")
        self._enable(True)
        self.focus_first()

    def _set_notes(self, notice: str, link_note: str) -> None:
        self.notice.setText(notice)
        self.notice.setVisible(bool(notice))
        self.link_note.setText(link_note)
        self.link_note.setVisible(bool(link_note))

    def set_read_only(self, value: bool) -> None:
        """A final assessment: the values can be read and copied, not changed."""
        if value == self.read_only:
            return
        self.read_only = value
        self._enable(self.active)

    def _enable(self, value: bool) -> None:
        self.clear_problems()
        for editor in self.editors.values():
            if isinstance(editor, QLineEdit):
                editor.setEnabled(value)
                editor.setReadOnly(self.read_only)
            else:
                editor.setEnabled(value and not self.read_only)
        for button in (self.save_button, self.revert_button):
            button.setVisible(not self.read_only)
            button.setEnabled(value)

    @property
    def active(self) -> bool:
        """Showing an objective, or a new one (not the "select one" text)."""
        return self.editors["statement"].isEnabled()

    def focus_first(self) -> None:
        self.editors["statement"].setFocus(Qt.FocusReason.OtherFocusReason)

    # Problems --------------------------------------------------------------------------------

    def show_problems(self, problems: dict[str, str], *, focus: bool = True) -> None:
        """Each message under its field (FORM: under the form); the first is focused."""
        self.clear_problems()
        first: QWidget | None = None
        for name, _label, _placeholder in LABELS:
            if name in problems:
                self.boxes[name].show_problem(problems[name])
                first = first or self.editors[name]
        unplaced = [m for k, m in problems.items() if k not in self.boxes and m]
        if unplaced:
            self.show_error(" ".join(unplaced))
        self.save_button.setEnabled(True)
        if first is not None and focus:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_error(self, message: str) -> None:
        """A problem of the whole form (e.g. what the database said)."""
        self.form_error.setText(message)
        self.form_error.show()
        self.save_button.setEnabled(True)

    def clear_problems(self) -> None:
        for box in self.boxes.values():
            box.clear()
        self.form_error.clear()
        self.form_error.hide()

    def problems(self) -> dict[str, str]:
        """The messages shown now, per field (for tests and screen readers)."""
        shown = {name: box.message for name, box in self.boxes.items() if box.message}
        if self.form_error.isVisibleTo(self):
            shown[FORM] = self.form_error.text()
        return shown

    # Values ----------------------------------------------------------------------------------

    def _raw(self) -> dict[str, str]:
        raw = {}
        for name, editor in self.editors.items():
            if isinstance(editor, QLineEdit):
                raw[name] = editor.text()
            elif editor.isEditable():
                raw[name] = editor.currentText()
            else:
                raw[name] = editor.currentData() or ""
        return raw

    def _set_raw(self, values: dict[str, str]) -> None:
        for name, editor in self.editors.items():
            value = values.get(name, "")
            if isinstance(editor, QLineEdit):
                editor.setText(value)
                editor.setCursorPosition(0)
            elif editor.isEditable():
                editor.setCurrentIndex(-1)
                editor.setEditText(value)
            else:
                row = editor.findData(value)
                if row < 0 and value:  # a value the lists do not know (from an import)
                    editor.addItem(value, value)
                    row = editor.count() - 1
                editor.setCurrentIndex(max(row, 0))
        self._snapshot = self._raw()

    @property
    def dirty(self) -> bool:
        """Typed but not saved."""
        if not self.active or self.read_only:
            return False
        raw = self._raw()
        if self.objective_id is None:  # new: anything typed apart from the defaults
            return any(raw[n].strip() for n in TEXT_FIELDS)
        return raw != self._snapshot

    def values(self) -> FormValues | None:
        """The parsed values, or None with the parsing problems shown at their fields."""
        raw = self._raw()
        problems: dict[str, str] = {}
        numbers: dict[str, float | None] = {}
        for name in ("baseline", "target_value"):
            try:
                numbers[name] = parse_number(raw[name])
            except InvalidInput as exc:
                problems[name] = str(exc)
        try:
            due = parse_date(raw["due"])
        except InvalidInput as exc:
            problems["due"] = str(exc)
        if problems:
            self.show_problems(problems)
            return None
        return FormValues(
            kind=self.kind,
            statement=raw["statement"],
            category=raw["category"],
            kpi=raw["kpi"],
            unit=raw["unit"],
            baseline=numbers["baseline"],
            target_value=numbers["target_value"],
            due=due,
            owner=raw["owner"],
            frequency=raw["frequency"],
            status=raw["status"] or "draft",
            objective_id=self.objective_id,
        )

    def submit(self) -> None:
        if not self.active or self.read_only or not self.save_button.isEnabled():
            return
        values = self.values()
        if values is None:
            return
        self.clear_problems()
        self.save_button.setEnabled(False)  # until the database answers
        self.submitted.emit(values)

    def saved(self, objective_id: uuid.UUID) -> None:
        """The database took the values: they are the form's new starting point."""
        self.objective_id = objective_id
        self._snapshot = self._raw()
        self.save_button.setEnabled(True)

    def statement_text(self) -> str:
        return self._raw()["statement"]

    def revert(self) -> None:
        self._set_raw(dict(self._snapshot))
        self.clear_problems()

    # Keys ------------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            combo = watched if isinstance(watched, QComboBox) else watched.parent()
            popup = isinstance(combo, QComboBox) and combo.view().isVisible()
            plain = event.modifiers() in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.KeypadModifier,
            )
            if plain and not popup and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.submit()
                return True  # not on to a dialog's default button (the wizard's Next)
            if plain and not popup and event.key() == Qt.Key.Key_Escape:
                self.escaped.emit()
                return True  # not on to the dialog (the wizard would close)
        return super().eventFilter(watched, event)
