"""A small form for a new client or site. It never writes itself: ``submitted`` hands the values
to the caller, who saves them off the GUI thread and either closes the dialog or shows the
problem next to the form (``show_error``)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    multiline: bool = False
    placeholder: str = ""


ORGANISATION_FIELDS = (
    Field("name", "&Name", placeholder="e.g. Acme Widgets Ltd"),
    Field("sector", "Se&ctor", placeholder="e.g. Metal fabrication"),
    Field("size", "Si&ze", placeholder="e.g. 45 staff"),
    Field("address", "&Address", multiline=True),
    Field("contact", "C&ontact", multiline=True, placeholder="Name, phone, e-mail"),
)
SITE_FIELDS = (
    Field("name", "&Name", placeholder="e.g. Leeds plant"),
    Field("address", "&Address", multiline=True),
)


class RecordDialog(QDialog):
    submitted = Signal(dict)  # key -> text

    def __init__(self, title: str, fields: tuple[Field, ...], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self.inputs: dict[str, QLineEdit | QPlainTextEdit] = {}
        form = QFormLayout()
        for field in fields:
            widget: QLineEdit | QPlainTextEdit
            if field.multiline:
                widget = QPlainTextEdit()
                widget.setTabChangesFocus(True)
                widget.setFixedHeight(widget.fontMetrics().lineSpacing() * 3 + 12)
            else:
                widget = QLineEdit()
            widget.setPlaceholderText(field.placeholder)
            widget.setObjectName(field.key)
            self.inputs[field.key] = widget
            form.addRow(field.label, widget)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: white; background: #b3261e; padding: 4px;")
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        name = self.inputs["name"]
        assert isinstance(name, QLineEdit)
        name.textChanged.connect(self._update_ok)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._update_ok()

    def values(self) -> dict[str, str]:
        return {
            key: w.text() if isinstance(w, QLineEdit) else w.toPlainText()
            for key, w in self.inputs.items()
        }

    def set_value(self, key: str, text: str) -> None:
        widget = self.inputs[key]
        if isinstance(widget, QLineEdit):
            widget.setText(text)
        else:
            widget.setPlainText(text)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.buttons.setEnabled(True)

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.values()["name"].strip()))

    def _submit(self) -> None:
        if not self.values()["name"].strip():
            return
        self.buttons.setEnabled(False)  # until the database answers
        self.error.hide()
        self.submitted.emit(self.values())
