"""The quiet "saved" mark: it says when everything is on disk, while a save is on its way, and
loudly when a save failed (the answers stay in memory and are tried again)."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QWidget

from imsdesk.ui.ops.saver import AnswerSaver, SaveState

TEXT = {
    SaveState.SAVED: "✔ All changes saved",
    SaveState.SAVING: "Saving…",
}


class SaveIndicator(QLabel):
    def __init__(self, saver: AnswerSaver | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("saveIndicator")
        self._saver = saver
        if saver is None:
            self.setText("Final: answers are locked")
            return
        saver.state_changed.connect(self._show)
        saver.failed.connect(lambda _message: self._show(SaveState.FAILED))
        self._show(saver.state)

    def _show(self, state: str) -> None:
        assert self._saver is not None
        if state == SaveState.FAILED:
            self.setText(f"⚠ Not saved yet: {self._saver.last_error} Trying again…")
            self.setStyleSheet("color: white; background: #b3261e; padding: 2px 6px;")
        else:
            self.setText(TEXT[SaveState(state)])
            self.setStyleSheet("")
            self.setForegroundRole(QPalette.ColorRole.PlaceholderText)
