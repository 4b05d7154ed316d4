"""Opening databases: new, current, older (backup + upgrade), and the ones that must be refused."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from imsdesk import services
from imsdesk.errors import DatabaseError
from imsdesk.storage import open_database
from imsdesk.storage.migrate import head_revision, migrations_dir
from imsdesk.storage.schema import HEAD_REVISION


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_head_revision_constant_matches_the_migrations():
    assert head_revision() == HEAD_REVISION


def test_new_database_is_created_at_head_with_its_folder(tmp_path: Path):
    path = tmp_path / "new" / "folder" / "imsdesk.sqlite3"
    db = open_database(path)
    try:
        with db.engine.connect() as connection:
            assert (
                connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
                == HEAD_REVISION
            )
        assert db.backup is None
        assert services.list_assessments(db) == []
    finally:
        db.close()
    assert path.is_file()


def test_sqlite_pragmas(db):
    with db.engine.connect() as connection:
        pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 2  # FULL
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") >= 1000


def test_reopening_keeps_data_and_makes_no_backup(tmp_path: Path, assessment):
    path = tmp_path / "test.sqlite3"
    again = open_database(path)
    try:
        assert [a.id for a in services.list_assessments(again)] == [assessment.id]
        assert again.backup is None
    finally:
        again.close()
    assert not list(tmp_path.glob("*.backup-*"))


def test_empty_sqlite_database_is_initialised(tmp_path: Path):
    path = tmp_path / "empty.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 0")
    connection.execute("CREATE TABLE t(x)")
    connection.execute("DROP TABLE t")
    connection.commit()
    connection.close()
    assert path.stat().st_size > 0
    db = open_database(path)
    try:
        assert services.list_organisations(db) == []
    finally:
        db.close()


def _refused(path: Path, *phrases: str) -> None:
    before = digest(path)
    siblings = sorted(p.name for p in path.parent.iterdir())
    with pytest.raises(DatabaseError) as info:
        open_database(path)
    message = str(info.value)
    for phrase in phrases:
        assert phrase in message
    assert "left untouched" in message
    assert digest(path) == before
    assert sorted(p.name for p in path.parent.iterdir()) == siblings


def test_text_file_is_refused_untouched(tmp_path: Path):
    path = tmp_path / "notes.db"
    path.write_text("These are my meeting notes, not a database.\n")
    _refused(path, str(path), "not an SQLite file")


def test_empty_file_is_refused_untouched(tmp_path: Path):
    path = tmp_path / "zero.db"
    path.write_bytes(b"")
    _refused(path, "empty file")


def test_other_programs_database_is_refused_untouched(tmp_path: Path):
    path = tmp_path / "other.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE invoices(id INTEGER PRIMARY KEY, total REAL)")
    connection.execute("INSERT INTO invoices VALUES (1, 99.5)")
    connection.commit()
    connection.close()
    _refused(path, "another program")


def test_damaged_database_is_refused_untouched(tmp_path: Path, db, assessment):
    db.close()
    path = tmp_path / "test.sqlite3"
    # Checkpoint the log into the main file, then damage the pages after the header.
    checkpoint = sqlite3.connect(path)
    checkpoint.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    checkpoint.execute("PRAGMA journal_mode=DELETE")
    checkpoint.close()
    for sidecar in ("-wal", "-shm"):
        Path(str(path) + sidecar).unlink(missing_ok=True)
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page, len(data), 97):
        data[offset] = 0xA5
    path.write_bytes(bytes(data))
    _refused(path, "damaged", "backup")


def test_truncated_database_is_refused_untouched(tmp_path: Path, db, assessment):
    db.close()
    path = tmp_path / "test.sqlite3"
    checkpoint = sqlite3.connect(path)
    checkpoint.execute("PRAGMA journal_mode=DELETE")
    checkpoint.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 100])
    _refused(path, "damaged")


def test_database_newer_than_the_code_is_refused_untouched(tmp_path: Path, db, assessment):
    db.close()
    path = tmp_path / "test.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.execute("PRAGMA journal_mode=DELETE")
    connection.close()
    _refused(path, "newer version of IMS Desk", "9999", "Update IMS Desk")


def test_a_folder_is_refused(tmp_path: Path):
    with pytest.raises(DatabaseError, match="is a folder"):
        open_database(tmp_path)


def test_older_database_is_backed_up_then_upgraded(tmp_path: Path, db, assessment):
    """Uses a copy of the shipped migrations plus one future revision, so the upgrade path is
    exercised now; tests/storage/test_migrations.py runs it over the real revisions."""
    path = tmp_path / "test.sqlite3"
    scripts = tmp_path / "migrations"
    shutil.copytree(migrations_dir(), scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "9000_future.py").write_text(
        f'''
import sqlalchemy as sa
from alembic import op

revision = "9000"
down_revision = "{HEAD_REVISION}"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("assessment") as batch:
        batch.add_column(sa.Column("note", sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table("assessment") as batch:
        batch.drop_column("note")
'''
    )
    services.save_answer(db, assessment.id, services.AnswerInput("9001-4.1-a", maturity=2))
    db.close()
    upgraded = open_database(path, migrations=scripts)
    try:
        assert upgraded.backup is not None and upgraded.backup.exists()
        assert upgraded.upgraded_from == HEAD_REVISION
        assert ".backup-" in upgraded.backup.name
        # The rebuilt table kept its rows and their children (no cascade on the rebuild).
        detail = services.load_assessment(upgraded, assessment.id)
        assert detail.answers[0].maturity == 2
        with upgraded.engine.connect() as connection:
            assert (
                connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
                == "9000"
            )
            assert (
                connection.execute(
                    text("SELECT count(*) FROM assessment WHERE note IS NULL")
                ).scalar()
                == 1
            )
    finally:
        upgraded.close()
    # The backup is the database as it was: the old revision, with the answer.
    backup = sqlite3.connect(upgraded.backup)
    assert backup.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD_REVISION
    assert backup.execute("SELECT maturity FROM answer").fetchone()[0] == 2
    backup.close()


def test_a_new_database_that_cannot_be_created_leaves_no_file(tmp_path: Path, monkeypatch):
    from imsdesk.storage import migrate

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(migrate, "upgrade", broken)
    path = tmp_path / "new.sqlite3"
    with pytest.raises(DatabaseError, match="Could not prepare the database"):
        open_database(path)
    assert list(tmp_path.iterdir()) == []
