"""Editors for the action table's cells: a date editor that can also say "no due date", the
status drop-down, and line editors that stop at the database's column sizes.

Each delegate hands the model plain Python values (a ``datetime.date`` or None, a status, a
text); the model checks them and asks for the write.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QDoubleSpinBox,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

Index = QModelIndex | QPersistentModelIndex
DATE_FORMAT = "yyyy-MM-dd"


class OptionalDateEdit(QDateEdit):
    """A date, or none: Del empties it. Opened on no date it starts empty (showing nothing)
    until the user types, steps or picks one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat(DATE_FORMAT)
        self.setCalendarPopup(True)
        self.setToolTip("Type or pick the due date (yyyy-mm-dd); Del: no due date")
        self._empty = False
        self.dateChanged.connect(self._changed)  # typed, stepped or picked in the calendar

    def set_value(self, value: dt.date | None) -> None:
        shown = value or dt.date.today()  # where typing or stepping starts from
        self.setDate(QDate(shown.year, shown.month, shown.day))
        if value is None:
            self._clear()
        else:
            self._empty = False

    def value(self) -> dt.date | None:
        return None if self._empty else self.date().toPython()  # type: ignore[return-value]

    def is_empty(self) -> bool:
        return self._empty

    def _clear(self) -> None:
        self.lineEdit().setText("")  # not a date: the one underneath stays, unsignalled
        self._empty = True

    def _changed(self, _date: QDate) -> None:
        if self.lineEdit().text().strip():
            self._empty = False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Delete and not event.modifiers():
            self._clear()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._empty:
            return  # the delegate commits "no date"; the spin box would put the old one back
        super().keyPressEvent(event)
        self._changed(self.date())

    def wheelEvent(self, event: QWheelEvent) -> None:
        super().wheelEvent(event)
        self._changed(self.date())


class DateDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        return OptionalDateEdit(parent)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, OptionalDateEdit)
        value = index.data(Qt.ItemDataRole.EditRole)
        editor.set_value(value.toPython() if isinstance(value, QDate) else None)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, OptionalDateEdit)
        model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)


class StatusCombo(QComboBox):
    """Choosing from the open list (mouse or Enter) is a decision: ``picked`` says so. The
    arrow keys on the closed box only move, and Enter or Tab commits as in any cell."""

    picked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._from_list = False
        self.activated.connect(self._activated)

    def showPopup(self) -> None:
        self._from_list = True
        super().showPopup()

    def hidePopup(self) -> None:
        super().hidePopup()
        # ``activated`` follows hidePopup when an item was chosen; forget the list after it.
        QTimer.singleShot(0, self._forget_list)

    def _forget_list(self) -> None:
        self._from_list = False

    def _activated(self, _index: int) -> None:
        if self._from_list:
            self._from_list = False
            self.picked.emit()


class StatusDelegate(QStyledItemDelegate):
    def __init__(self, statuses: Callable[[], Sequence[str]], parent: Any = None) -> None:
        super().__init__(parent)
        self.statuses = statuses

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = StatusCombo(parent)
        combo.addItems(list(self.statuses()))
        combo.picked.connect(lambda: self._commit(combo))
        return combo

    def _commit(self, combo: StatusCombo) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findText(str(index.data(Qt.ItemDataRole.EditRole)))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


class TextDelegate(QStyledItemDelegate):
    """A line editor limited to ``max_length``; ``suggestions`` (called when editing starts)
    offers completions, e.g. the owners already in the plan."""

    def __init__(
        self,
        max_length: int,
        suggestions: Callable[[], Sequence[str]] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.max_length = max_length
        self.suggestions = suggestions

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setMaxLength(self.max_length)
        editor.setFrame(False)
        if self.suggestions is not None:
            completer = QCompleter(list(self.suggestions()), editor)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            editor.setCompleter(completer)
        return editor


class PriorityDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QDoubleSpinBox(parent)
        editor.setRange(0.0, 100000.0)
        editor.setDecimals(1)
        editor.setFrame(False)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QDoubleSpinBox)
        editor.setValue(float(index.data(Qt.ItemDataRole.EditRole) or 0.0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QDoubleSpinBox)
        editor.interpretText()
        model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)


class GroupDelegate(QStyledItemDelegate):
    """Names a group on its first row only, so that a run of one group's actions reads as a
    block under its heading (in the plan's order; sorted otherwise, runs are short)."""

    def __init__(self, group_role: int, parent: Any = None) -> None:
        super().__init__(parent)
        self.group_role = group_role

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        if index.row() > 0:
            above = index.siblingAtRow(index.row() - 1)
            if above.data(self.group_role) == index.data(self.group_role):
                option.text = ""  # type: ignore[attr-defined]
