"""Opening the IMS Desk database safely.

A database at the code's schema revision opens directly. An empty or new file is created at the
newest revision. An older one is first copied to a timestamped backup beside it, then upgraded.
A file that is not an SQLite database, belongs to another program, is damaged, or is newer than
this code is refused with a message that says what to do, and left byte-for-byte untouched: it is
only ever inspected through a read-only (and, where possible, immutable) connection.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from imsdesk.errors import DatabaseError
from imsdesk.storage import engine as engines
from imsdesk.storage import migrate
from imsdesk.storage.engine import is_busy, make_engine, write_engine
from imsdesk.storage.schema import HEAD_REVISION, MARKER_TABLES

SQLITE_MAGIC = b"SQLite format 3\x00"
UNTOUCHED = "The file was left untouched."


@dataclass
class Database:
    """An open database: the engine, session factories, and what opening it did.

    ``transaction()`` is for writing: on SQLite it begins with ``BEGIN IMMEDIATE``, so writers
    queue for the lock (up to ``BUSY_TIMEOUT_MS``) instead of failing half-way. ``read()`` begins
    a deferred transaction that takes no lock; in WAL mode it never waits for a writer.
    """

    url: str
    path: Path | None
    engine: Engine
    backup: Path | None = None
    upgraded_from: str | None = None
    _reads: sessionmaker[Session] = field(init=False, repr=False)
    _writes: sessionmaker[Session] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._reads = sessionmaker(self.engine, expire_on_commit=False, autoflush=False)
        self._writes = sessionmaker(write_engine(self.engine), expire_on_commit=False)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """One short unit of work that writes: commits on success, rolls back on any error."""
        try:
            with self._writes.begin() as session:
                yield session
        except OperationalError as exc:
            raise DatabaseError(_explain_operational(exc, self.describe(), writing=True)) from exc

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A consistent snapshot to read from; always rolled back, so it can never write."""
        try:
            with self._reads() as session:
                try:
                    yield session
                finally:
                    session.rollback()
        except OperationalError as exc:
            raise DatabaseError(_explain_operational(exc, self.describe(), writing=False)) from exc

    def describe(self) -> str:
        return str(self.path) if self.path else self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _explain_operational(exc: OperationalError, where: str, *, writing: bool) -> str:
    """One message per kind of failure that says what happened and what to do."""
    reason = str(exc.orig) if exc.orig else str(exc)
    lowered = reason.lower()
    lost = "your change was not saved" if writing else "it could not be read"
    if is_busy(exc):
        seconds = f"{engines.BUSY_TIMEOUT_MS / 1000:g}"  # read late: tests shorten it
        return (
            f"The database {where} stayed locked by another program or IMS Desk window for more "
            f"than {seconds} seconds; {lost}. Close the other program and try again."
        )
    if "readonly" in lowered or "read-only" in lowered:
        return (
            f"The database {where} cannot be written (the file or its folder is read-only); "
            f"{lost}. Check the permissions of the file and its folder."
        )
    if ("disk" in lowered and "full" in lowered) or "database or disk is full" in lowered:
        return f"The disk holding {where} is full; {lost}. Free some space and try again."
    if "unable to open" in lowered:
        return (
            f"The database {where} cannot be opened any more (was it moved, deleted, or its "
            f"drive disconnected?); {lost}. Check the file and try again."
        )
    if "disk i/o error" in lowered:
        return (
            f"Reading or writing the database {where} failed (disk I/O error); {lost}. "
            f"Check the drive and try again."
        )
    return f"The database {where} could not be used ({reason}); {lost}."


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def open_database(target: str | os.PathLike[str], *, migrations: Path | None = None) -> Database:
    """Open (creating or upgrading as needed) the database at a file path or SQLAlchemy URL.

    ``migrations`` points at another Alembic script folder; only tests use it.
    """
    text_target = os.fspath(target)
    if "://" in text_target:
        return _open_url(text_target, migrations)
    return _open_file(Path(text_target).expanduser().absolute(), migrations)


def _head(migrations: Path | None) -> str:
    return HEAD_REVISION if migrations is None else migrate.head_revision(migrations)


def _open_file(path: Path, migrations: Path | None) -> Database:
    if path.is_dir():
        raise DatabaseError(f"{path} is a folder; give the path of a database file.")
    new = not path.exists()
    if not new:
        revision = inspect_sqlite_file(path)
    else:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(
                f"Cannot create the folder for the database {path}: {exc.strerror}."
            ) from exc
        revision = None

    head = _head(migrations)
    backup = None
    if revision is not None and revision != head:
        known = migrate.known_revisions(migrations)
        if revision not in known:
            raise DatabaseError(
                f"{path} was written by a newer version of IMS Desk (schema {revision}); "
                f"this version reads schema {head}. Update IMS Desk to open it. {UNTOUCHED}"
            )
        backup = backup_sqlite_file(path, revision)

    url = sqlite_url(path)
    if revision != head:
        try:
            _upgrade(url, path, migrations, backup)
        except BaseException:
            if new:  # nothing of the user's is in it: leave no half-made database behind
                for leftover in (path, *(path.with_name(path.name + x) for x in ("-wal", "-shm"))):
                    leftover.unlink(missing_ok=True)
            raise
    engine = make_engine(url)
    return Database(url, path, engine, backup=backup, upgraded_from=revision if backup else None)


def _upgrade(url: str, path: Path, migrations: Path | None, backup: Path | None) -> None:
    # Foreign keys off while tables are rebuilt: SQLite would otherwise cascade a DROP TABLE
    # into the child rows. They are checked once the schema is final.
    engine = make_engine(url, foreign_keys=False)
    try:
        migrate.upgrade(engine, script_location=migrations)
        with engine.connect() as connection:
            problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise DatabaseError(f"Upgrading {path} left broken references: {problems[:3]}")
    except (SQLAlchemyError, OSError) as exc:
        hint = f" The backup {backup} holds the database as it was." if backup else ""
        raise DatabaseError(f"Could not prepare the database {path}: {exc}.{hint}") from exc
    finally:
        engine.dispose()


def inspect_sqlite_file(path: Path) -> str | None:
    """The schema revision of an existing IMS Desk database, or None if it has no tables.

    Raises DatabaseError for anything else; never writes to the file.
    """
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise DatabaseError(f"Cannot read {path}: {exc.strerror}.") from exc
    if not header:
        raise DatabaseError(
            f"{path} is an empty file, not an IMS Desk database. "
            f"Delete it or choose another file. {UNTOUCHED}"
        )
    if header != SQLITE_MAGIC:
        raise DatabaseError(
            f"{path} is not an IMS Desk database (it is not an SQLite file). "
            f"Choose another file. {UNTOUCHED}"
        )

    # Without a write-ahead log every committed byte is in the main file, and "immutable" tells
    # SQLite not to lock or write anything at all. With a log (left by a crash) it must be read.
    wal = path.with_name(path.name + "-wal")
    uri = path.as_uri() + ("?mode=ro" if wal.exists() else "?mode=ro&immutable=1")
    try:
        connection = sqlite3.connect(uri, uri=True)
        # A damaged file can hold any bytes where text should be.
        connection.text_factory = lambda raw: raw.decode("utf-8", "replace")
        try:
            check = connection.execute("PRAGMA quick_check").fetchone()
            if not check or check[0] != "ok":
                raise sqlite3.DatabaseError(
                    str(check[0])[:200] if check else "integrity check failed"
                )
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if not tables:
                return None
            if "alembic_version" not in tables or not MARKER_TABLES & tables:
                raise DatabaseError(
                    f"{path} is an SQLite database of another program, not an IMS Desk "
                    f"database. Choose another file. {UNTOUCHED}"
                )
            rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        finally:
            connection.close()
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        reason = str(exc) if isinstance(exc, sqlite3.Error) else "garbled contents"
        raise DatabaseError(
            f"{path} is damaged and cannot be opened ({reason}). {UNTOUCHED} Restore a backup "
            f"(the files named *.backup-* beside it) or choose another file."
        ) from exc
    if len(rows) != 1:
        raise DatabaseError(f"{path} has no clear schema version; it may be damaged. {UNTOUCHED}")
    return str(rows[0][0])


def backup_sqlite_file(path: Path, revision: str) -> Path:
    """Copy the database (with any write-ahead log) to a timestamped file beside it."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.backup-{stamp}-schema{revision}{path.suffix or '.db'}")
    partial = target.with_name(target.name + ".partial")
    try:
        source = sqlite3.connect(path.as_uri() + "?mode=ro", uri=True)
        try:
            copy = sqlite3.connect(partial)
            try:
                source.backup(copy)
            finally:
                copy.close()
        finally:
            source.close()
        partial.replace(target)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise DatabaseError(
            f"Could not back up {path} before upgrading it ({exc}); it was not upgraded. "
            f"Free some disk space or check the folder's permissions."
        ) from exc
    return target


def _open_url(url: str, migrations: Path | None) -> Database:
    """A server database (e.g. PostgreSQL): its backups are the server administrator's job."""
    engine = make_engine(url)
    head = _head(migrations)
    try:
        with engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
            revision = None
            if "alembic_version" in tables:
                revision = connection.execute(
                    text("SELECT version_num FROM alembic_version")
                ).scalar()
            elif tables & MARKER_TABLES:
                raise DatabaseError(f"{url} holds tables of another program.")
        if revision is not None and revision not in migrate.known_revisions(migrations):
            raise DatabaseError(f"The database {url} is newer than this IMS Desk ({revision}).")
        if revision != head:
            migrate.upgrade(engine, script_location=migrations)
    except SQLAlchemyError as exc:
        engine.dispose()
        raise DatabaseError(f"Could not open the database {url}: {exc}") from exc
    return Database(url, None, engine, upgraded_from=revision if revision != head else None)
