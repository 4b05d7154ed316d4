"""Dropping exchange files (local ``.json`` files) on a window to import them.

Either forward a widget's dragEnterEvent and dropEvent here (``dropped_json_files`` says which
files an event carries, ``accept_json_drag`` accepts it if there are any), or let
``JsonDropTarget`` watch the widget and emit ``files_dropped``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QWidget


def dropped_json_files(event: QDropEvent) -> list[Path]:
    """The local ``.json`` files a drag or drop carries (other files and web links are left
    out); only looks, the caller accepts the event."""
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    return [
        Path(url.toLocalFile())
        for url in mime.urls()
        if url.isLocalFile() and url.toLocalFile().lower().endswith(".json")
    ]


def accept_json_drag(event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> bool:
    """Accept a drag (or drop) that carries ``.json`` files, ignore any other."""
    if dropped_json_files(event):
        event.acceptProposedAction()
        return True
    event.ignore()
    return False


class JsonDropTarget(QObject):
    """Makes ``widget`` accept dropped ``.json`` files and reports them."""

    files_dropped = Signal(list)  # list[Path]

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        widget.setAcceptDrops(True)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            return accept_json_drag(event)  # type: ignore[arg-type]
        if kind == QEvent.Type.Drop and accept_json_drag(event):  # type: ignore[arg-type]
            self.files_dropped.emit(dropped_json_files(event))  # type: ignore[arg-type]
            return True
        return super().eventFilter(watched, event)
