"""Names proposed for the files the app writes: "CLIENT - TITLE - YYYY-MM-DD", safe on Windows,
macOS and Linux, in the folder the user chose last (else Documents)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths

from imsdesk.ui.settings import Settings

FORBIDDEN = '\\/:*?"<>|'  # not allowed in a file name on Windows (and "/" nowhere)
_SLASHES = re.compile(r"[\\/|]")
_OTHERS = re.compile(r'[:*?"<>\x00-\x1f\x7f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{p}{i}" for p in ("COM", "LPT") for i in range(10)}
MAX_LENGTH = 120  # leaves room for the folder within Windows' 260-character paths


def safe_file_name(text: str, fallback: str = "report") -> str:
    """``text`` as a file name (without extension) that every system accepts."""
    name = _OTHERS.sub(" ", _SLASHES.sub("-", text))
    name = " ".join(name.split())[:MAX_LENGTH].strip(" .")
    if name.split(".")[0].upper() in _RESERVED:
        name = f"_{name}"
    return name or fallback


def has_forbidden(text: str) -> bool:
    return any(c in FORBIDDEN or ord(c) < 32 for c in text)


@dataclass(frozen=True)
class FileNames:
    """What a proposed file name is made of: the client, the assessment's title and date."""

    client: str
    title: str
    date: dt.date | None = None

    @classmethod
    def of(cls, record: Any) -> FileNames:
        """From an assessment's row in the tree (``AssessmentSummary``)."""
        return cls(record.organisation_name, record.title, record.date)

    @classmethod
    def coerce(cls, names: FileNames | tuple[str, str, dt.date | None]) -> FileNames:
        """``FileNames`` or a (client, title, date) tuple."""
        return names if isinstance(names, FileNames) else cls(*names)

    def base(self) -> str:
        date = self.date.isoformat() if self.date else ""
        parts = [self.client.strip(), self.title.strip(), date]
        return safe_file_name(" - ".join(p for p in parts if p))


Names = FileNames | tuple[str, str, dt.date | None]  # what the export functions accept


def default_folder(settings: Settings) -> Path:
    """The folder last exported to, if it still exists; else the user's Documents folder."""
    for candidate in (
        settings.export_folder,
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation),
    ):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return Path.home()


def import_folder(settings: Settings) -> Path:
    """Where the last exchange file was imported from (else where files are exported to)."""
    folder = settings.import_folder
    return Path(folder) if folder and Path(folder).is_dir() else default_folder(settings)
