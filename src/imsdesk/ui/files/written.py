"""The message once files are written, with buttons to open them and to show them in their
folder. Headless (tests, scripts) it is recorded through ``msgbox`` like any other message."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QDir, QProcess, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from imsdesk.ui import msgbox


def open_url(url: QUrl) -> bool:
    """Hand a file or folder to the desktop (tests replace this)."""
    return QDesktopServices.openUrl(url)


def start_detached(program: str, arguments: list[str]) -> bool:
    """Start a program without waiting for it (tests replace this)."""
    return QProcess.startDetached(program, arguments)[0]


def open_file(parent: QWidget | None, path: Path) -> None:
    if not open_url(QUrl.fromLocalFile(str(path))):
        msgbox.warning(parent, "Cannot open the file", f"No program is set up to open {path}.")


def show_in_folder(parent: QWidget | None, path: Path) -> None:
    """Open the file's folder, with the file selected where the system can do that."""
    if sys.platform == "win32":
        started = start_detached("explorer.exe", [f"/select,{QDir.toNativeSeparators(str(path))}"])
    elif sys.platform == "darwin":
        started = start_detached("open", ["-R", str(path)])
    else:  # file managers differ; opening the folder works with all of them
        started = open_url(QUrl.fromLocalFile(str(path.parent)))
    if not started:
        msgbox.warning(parent, "Cannot show the folder", f"The file is in {path.parent}.")


class WrittenBox(QMessageBox):
    """ "Open" (one button per file that can be opened) and "Show in folder"."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        openable: list[tuple[str, Path]],
        shown: Path,
    ) -> None:
        super().__init__(QMessageBox.Icon.Information, title, text, parent=parent)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._actions: dict[QAbstractButton, tuple[str, Path]] = {}
        for label, path in openable:
            button = self.addButton(label, QMessageBox.ButtonRole.ActionRole)
            self._actions[button] = ("open", path)
        folder = self.addButton("Show in &folder", QMessageBox.ButtonRole.ActionRole)
        self._actions[folder] = ("folder", shown)
        self.setDefaultButton(self.addButton(QMessageBox.StandardButton.Close))
        self.buttonClicked.connect(self._clicked)

    def button_labelled(self, label: str) -> QAbstractButton:
        """The button whose text (without its & shortcut marker) is ``label``."""
        return next(b for b in self.buttons() if b.text().replace("&", "") == label)

    def _clicked(self, button: QAbstractButton) -> None:
        action = self._actions.get(button)
        if action is None:
            return
        what, path = action
        parent = self.parentWidget()
        if what == "open":
            open_file(parent, path)
        else:
            show_in_folder(parent, path)


def show_written(
    parent: QWidget | None,
    title: str,
    text: str,
    openable: list[tuple[str, Path]],
    shown: Path,
) -> WrittenBox | None:
    """Say what was written (not blocking: the box is window-modal and deletes itself)."""
    if msgbox.is_headless():
        msgbox.information(parent, title, text)
        return None
    box = WrittenBox(parent, title, text, openable, shown)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
