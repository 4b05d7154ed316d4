"""Test set-up shared by every test.

Qt runs offscreen and never shows a modal dialog; every test gets its own home and data folders,
so the user's real database and settings are never touched (cf. Vorta's ``init_db`` and napari's
``_fresh_settings``).
"""

from __future__ import annotations

import os
import tempfile

# Before anything can create a QApplication.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["IMSDESK_NO_DIALOGS"] = "1"
# One matplotlib cache for the run instead of a font-cache rebuild per fresh home folder.
os.environ.setdefault("MPLCONFIGDIR", tempfile.mkdtemp(prefix="imsdesk-mpl-"))

import datetime as dt
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from imsdesk import services
from imsdesk.services import PackRef
from imsdesk.storage import Database, open_database

PACKS = (
    PackRef("iso9001-2015", "2015", "sha256:" + "1" * 64),
    PackRef("iso14001-2015", "2015", "sha256:" + "2" * 64),
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def isolated_user_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> Path:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    monkeypatch.delenv("IMSDESK_DB", raising=False)
    return home


@pytest.fixture(scope="session")
def catalog():
    """The built-in questionnaire packs (loaded once; packs are immutable)."""
    from imsdesk.catalog import load_catalog
    from imsdesk.paths import questionnaires_dir

    return load_catalog(folders=[(questionnaires_dir(), True)])


@pytest.fixture
def db(tmp_path: Path):
    database = open_database(tmp_path / "test.sqlite3")
    yield database
    database.close()


@pytest.fixture
def assessment(db: Database) -> services.AssessmentRecord:
    """An organisation with a site and an integrated assessment, unanswered."""
    organisation = services.create_organisation(
        db, "Acme Widgets Ltd", sector="Manufacturing", size="45 staff"
    )
    site = services.create_site(db, organisation.id, "Leeds plant", address="1 Mill Lane, Leeds")
    return services.create_assessment(
        db,
        organisation.id,
        site_id=site.id,
        title="Gap analysis 2026",
        assessor="J. Auditor",
        date=dt.date(2026, 3, 2),
        packs=PACKS,
    )


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(tmp_path: Path):
    """Run ``python -m imsdesk ARGS`` in a subprocess, in tmp_path, with the test's environment."""

    def run(*args: str, env: dict[str, str] | None = None) -> Run:
        completed = subprocess.run(
            [sys.executable, "-m", "imsdesk", *args],
            cwd=tmp_path,
            env={**os.environ, **(env or {})},
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
        )
        return Run(completed.returncode, completed.stdout, completed.stderr)

    return run
