"""Message boxes with a headless switch, so tests and scripted runs never block on a dialog.

Modelled on qutebrowser's ``misc/msgbox.py``: with ``IMSDESK_NO_DIALOGS=1`` (or after
``set_headless(True)``) the message goes to stderr and the call returns at once; a question
returns ``confirm_answer``.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

_headless = os.environ.get("IMSDESK_NO_DIALOGS") == "1"
shown: list[tuple[str, str]] = []  # (title, text) of every message, for tests
confirm_answer = False  # what a question returns when headless (tests set it)


def set_headless(value: bool) -> None:
    global _headless
    _headless = value


def is_headless() -> bool:
    return _headless


def _record(title: str, text: str) -> bool:
    shown.append((title, text))
    if _headless:
        print(f"{title}: {text}", file=sys.stderr)
    return _headless


def error(parent: QWidget | None, title: str, text: str) -> None:
    if not _record(title, text):
        QMessageBox.critical(parent, title, text)


def information(parent: QWidget | None, title: str, text: str) -> None:
    if not _record(title, text):
        QMessageBox.information(parent, title, text)


def warning(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    if _record(title, text + (f"\n{details}" if details else "")):
        return
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    box.exec()


def confirm(parent: QWidget | None, title: str, text: str, action: str) -> bool:
    """Ask before something destructive; ``action`` labels the button that goes ahead."""
    if _record(title, text):
        return confirm_answer
    box = QMessageBox(
        QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent
    )
    go = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(keep)
    box.exec()
    return box.clickedButton() is go


def crash(parent: QWidget | None, title: str, text: str, details: str) -> None:
    """A bug: the message, the details to copy, and a button that copies them."""
    if _record(title, f"{text}\n{details}"):
        return
    box = QMessageBox(
        QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Close, parent
    )
    box.setDetailedText(details)
    copy = QPushButton("Copy details")
    box.addButton(copy, QMessageBox.ButtonRole.ActionRole)
    copy.clicked.disconnect()  # an action button would close the box
    copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(details))
    box.exec()
