"""The table of actions: editable from the keyboard (F2 or typing), Insert adds an action and
Del deletes the current one.

Insert and Del are taken as key presses of the table rather than window shortcuts, so they
never collide with the main window's Del (which deletes the selected client, site or
assessment) and never reach the table while a cell is being edited.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Insert)


class ActionsTable(QTableView):
    add_requested = Signal()
    delete_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)  # Tab leaves the table for the buttons
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().hide()

    def event(self, event: QEvent) -> bool:
        # Claim the keys before any shortcut of the window sees them.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in KEYS
            and not event.modifiers()
            and self.state() != QAbstractItemView.State.EditingState
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in KEYS and not event.modifiers():
            if event.key() == Qt.Key.Key_Insert:
                self.add_requested.emit()
            else:
                self.delete_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)
