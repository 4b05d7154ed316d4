"""Running the Alembic migrations shipped inside the package."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from sqlalchemy import Engine

from imsdesk.storage.engine import write_engine


def migrations_dir() -> Path:
    return Path(str(resources.files("imsdesk.storage") / "migrations"))


def _config(script_location: Path):  # -> alembic.config.Config, imported lazily
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(script_location))
    return config


def known_revisions(script_location: Path | None = None) -> list[str]:
    """Every revision this code knows, oldest first."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_config(script_location or migrations_dir()))
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def head_revision(script_location: Path | None = None) -> str:
    return known_revisions(script_location)[-1]


def upgrade(engine: Engine, revision: str = "head", script_location: Path | None = None) -> None:
    """Upgrade the database behind ``engine`` to ``revision`` in one transaction."""
    from alembic import command

    config = _config(script_location or migrations_dir())
    with write_engine(engine).begin() as connection:  # BEGIN IMMEDIATE on SQLite
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
