"""Message boxes with a headless switch, so tests and scripted runs never block on a dialog.

Modelled on qutebrowser's ``misc/msgbox.py``: with ``IMSDESK_NO_DIALOGS=1`` (or after
``set_headless(True)``) the message goes to stderr and the call returns at once.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtWidgets import QMessageBox, QWidget

_headless = os.environ.get("IMSDESK_NO_DIALOGS") == "1"
shown: list[tuple[str, str]] = []  # (title, text) of every message, for tests


def set_headless(value: bool) -> None:
    global _headless
    _headless = value


def error(parent: QWidget | None, title: str, text: str) -> None:
    shown.append((title, text))
    if _headless:
        print(f"{title}: {text}", file=sys.stderr)
        return
    QMessageBox.critical(parent, title, text)


def information(parent: QWidget | None, title: str, text: str) -> None:
    shown.append((title, text))
    if _headless:
        print(f"{title}: {text}", file=sys.stderr)
        return
    QMessageBox.information(parent, title, text)


def warning(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    shown.append((title, text + (f"\n{details}" if details else "")))
    if _headless:
        print(f"{title}: {text}\n{details}".rstrip(), file=sys.stderr)
        return
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    box.exec()
