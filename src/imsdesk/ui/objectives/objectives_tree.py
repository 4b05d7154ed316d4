"""The tree of objectives: Del deletes and Enter edits the selected one.

Both keys are taken here, before any shortcut sees them: the main window's Delete is a
window-wide shortcut (the two would be ambiguous and neither would fire), and in the wizard Enter
would otherwise also press Next.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

DELETE_KEYS = (Qt.Key.Key_Delete,)
EDIT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)


class ObjectivesTree(QTreeView):
    delete_requested = Signal()
    edit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("objectivesTree")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.setAllColumnsShowFocus(True)
        self.doubleClicked.connect(lambda _index: self.edit_requested.emit())

    def _ours(self, event: QEvent) -> bool:
        return (
            isinstance(event, QKeyEvent)
            and event.modifiers() in PLAIN
            and event.key() in (*DELETE_KEYS, *EDIT_KEYS)
        )

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self._ours(event):
            event.accept()  # a key press for us, not a shortcut
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._ours(event):
            if event.key() in DELETE_KEYS:
                self.delete_requested.emit()
            else:
                self.edit_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)
