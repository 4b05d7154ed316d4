"""Storage: SQLAlchemy models, the engine factory, migrations and safe opening of databases."""

from __future__ import annotations

from imsdesk.storage.database import Database, open_database

__all__ = ["Database", "open_database"]
