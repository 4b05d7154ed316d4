"""Alembic environment: runs on the connection IMS Desk hands over, or on alembic.ini's URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from imsdesk.storage.engine import make_engine
from imsdesk.storage.models import Base

config = context.config


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite alters tables by rebuilding them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


given: Connection | None = config.attributes.get("connection")
if given is not None:
    _run(given)
else:  # a developer running the alembic command (see alembic.ini)
    engine = make_engine(config.get_main_option("sqlalchemy.url") or "", foreign_keys=False)
    with engine.connect() as connection:
        _run(connection)
    engine.dispose()
