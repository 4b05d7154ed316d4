"""The app's preferences and remembered state, typed, in one INI file in the config folder.

A file path (not QSettings' process-wide default location) keeps every test's settings in its
own folder and makes the file easy to find for support.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings


def default_settings_file() -> Path:
    from platformdirs import user_config_path

    return user_config_path("imsdesk", appauthor=False) / "imsdesk.ini"


class Settings:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_settings_file()
        self._store = QSettings(str(self.path), QSettings.Format.IniFormat)

    # Window state ------------------------------------------------------------------------------

    def geometry(self, name: str) -> QByteArray | None:
        value = self._store.value(f"windows/{name}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_geometry(self, name: str, value: QByteArray) -> None:
        self._store.setValue(f"windows/{name}", value)

    # The workspace -----------------------------------------------------------------------------

    @property
    def last_assessment(self) -> str | None:
        return self._text("workspace/last_assessment")

    @last_assessment.setter
    def last_assessment(self, value: str | None) -> None:
        self._store.setValue("workspace/last_assessment", value or "")

    # Preferences -------------------------------------------------------------------------------

    @property
    def assessor(self) -> str:
        """Proposed as the assessor of a new assessment."""
        return self._text("preferences/assessor") or ""

    @assessor.setter
    def assessor(self, value: str) -> None:
        self._store.setValue("preferences/assessor", value.strip())

    @property
    def default_target(self) -> int:
        """Proposed as the target maturity of a new assessment (0-5)."""
        value = self._text("preferences/default_target")
        return int(value) if value and value.isdigit() and 0 <= int(value) <= 5 else 3

    @default_target.setter
    def default_target(self, value: int) -> None:
        self._store.setValue("preferences/default_target", int(value))

    @property
    def logo(self) -> str | None:
        """The consultant's logo (PNG or JPEG) for the reports' cover."""
        return self._text("reports/logo")

    @logo.setter
    def logo(self, value: str | None) -> None:
        self._store.setValue("reports/logo", value or "")

    @property
    def report_footer(self) -> str:
        """The consultant's line in the footer of every PDF page."""
        return self._text("reports/footer") or ""

    @report_footer.setter
    def report_footer(self, value: str) -> None:
        self._store.setValue("reports/footer", value.strip())

    @property
    def paper(self) -> str:
        value = self._text("reports/paper")
        return value if value in ("a4", "letter") else "a4"

    @paper.setter
    def paper(self, value: str) -> None:
        self._store.setValue("reports/paper", value)

    @property
    def export_folder(self) -> str | None:
        """Where the last report or exchange file was saved (proposed next time)."""
        return self._text("files/export_folder")

    @export_folder.setter
    def export_folder(self, value: str | None) -> None:
        self._store.setValue("files/export_folder", value or "")

    @property
    def import_folder(self) -> str | None:
        return self._text("files/import_folder")

    @import_folder.setter
    def import_folder(self, value: str | None) -> None:
        self._store.setValue("files/import_folder", value or "")

    @property
    def database(self) -> str | None:
        """The database the user opened last (None: the default one in the data folder)."""
        return self._text("files/database")

    @database.setter
    def database(self, value: str | None) -> None:
        self._store.setValue("files/database", value or "")

    @property
    def main_tab(self) -> str:
        """The assessment tab shown last (dashboard, objectives, plan, compare)."""
        return self._text("workspace/main_tab") or "dashboard"

    @main_tab.setter
    def main_tab(self, value: str) -> None:
        self._store.setValue("workspace/main_tab", value)

    # The wizard --------------------------------------------------------------------------------

    @property
    def auto_advance(self) -> bool:
        """After a maturity is chosen, move to the next unanswered question."""
        return self._flag("wizard/auto_advance", True)

    @auto_advance.setter
    def auto_advance(self, value: bool) -> None:
        self._store.setValue("wizard/auto_advance", bool(value))

    @property
    def show_guidance(self) -> bool:
        return self._flag("wizard/show_guidance", False)

    @show_guidance.setter
    def show_guidance(self, value: bool) -> None:
        self._store.setValue("wizard/show_guidance", bool(value))

    def position(self, assessment_id: str) -> str | None:
        """The question where the user last was in this assessment."""
        return self._text(f"positions/{assessment_id}")

    def set_position(self, assessment_id: str, question_id: str) -> None:
        self._store.setValue(f"positions/{assessment_id}", question_id)

    def sync(self) -> None:
        self._store.sync()

    # ----------------------------------------------------------------------------------------

    def _text(self, key: str) -> str | None:
        value = self._store.value(key)
        return str(value) if value else None

    def _flag(self, key: str, default: bool) -> bool:
        value = self._store.value(key, default)
        if isinstance(value, str):  # INI files store booleans as text
            return value.lower() in ("true", "1", "yes")
        return bool(value)
