"""Where IMS Desk finds its shipped data and keeps the user's data.

The ``questionnaires`` and ``resources`` folders live at the top of the repository. A built wheel
(and the PyInstaller bundle) carries them inside the package, where ``importlib.resources`` finds
them; a source checkout or editable install falls back to the repository folders.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

DB_ENV = "IMSDESK_DB"
DB_FILENAME = "imsdesk.sqlite3"


def _shipped_folder(name: str) -> Path:
    packaged = Path(str(resources.files("imsdesk"))) / name
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"IMS Desk is installed without its {name!r} folder")


def questionnaires_dir() -> Path:
    """The folder of the built-in questionnaire packs."""
    return _shipped_folder("questionnaires")


def resources_dir() -> Path:
    """The folder of icons, styles and translations."""
    return _shipped_folder("resources")


def user_data_dir() -> Path:
    """The per-user data folder (created on first use by whoever writes there)."""
    from platformdirs import user_data_path

    return user_data_path("imsdesk", appauthor=False)


def default_database() -> str:
    """The database to open: ``IMSDESK_DB`` if set, else a file in the user data folder."""
    configured = os.environ.get(DB_ENV, "").strip()
    if configured:
        return configured
    return str(user_data_dir() / DB_FILENAME)
