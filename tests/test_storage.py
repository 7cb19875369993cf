"""Opening a hall database: migrations, in-place upgrades, SQLite durability settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text

from db import migrate
from db.engine import Database
from db.models import Base
from hall import default_database_url, open_hall

from tests.conftest import PASSWORD


def test_models_and_migrations_agree(db_url: str) -> None:
    open_hall(db_url).close()
    engine = create_engine(db_url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diff == []


def test_new_database_is_at_the_newest_revision(db_url: str) -> None:
    hall = open_hall(db_url)
    with hall.database.read() as conn:
        assert migrate.current_revision(conn) == migrate.head_revision()
    hall.close()


@pytest.mark.sqlite_only("checks SQLite's PRAGMAs (WAL, synchronous, foreign keys, busy timeout)")
def test_sqlite_runs_wal_with_full_sync_foreign_keys_and_busy_timeout(db_url: str) -> None:
    hall = open_hall(db_url)
    with hall.database.write() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    hall.close()


@pytest.mark.parametrize(
    "revision",
    [
        r.revision
        for r in ScriptDirectory.from_config(migrate.alembic_config()).walk_revisions()
        if r.revision != migrate.head_revision()
    ]
    or [None],
)
def test_older_database_is_upgraded_in_place(db_url: str, revision: str | None) -> None:
    """Every earlier schema revision upgrades to the newest without losing a row."""
    database = Database(db_url)
    if revision is not None:
        migrate.upgrade(database, revision)
    with database.write() as conn:
        conn.execute(text("CREATE TABLE IF NOT EXISTS keepsake (note TEXT)"))
        conn.execute(text("INSERT INTO keepsake VALUES ('昨天的记录')"))
    database.dispose()
    path = Path(db_url.removeprefix("sqlite:///")) if database.is_sqlite else None
    inode = path.stat().st_ino if path else None

    hall = open_hall(db_url)
    with hall.database.read() as conn:
        assert conn.execute(text("SELECT note FROM keepsake")).scalar() == "昨天的记录"
        assert migrate.current_revision(conn) == migrate.head_revision()
    hall.close()
    if path is not None:  # the same file, not a new one copied over it
        assert path.stat().st_ino == inode


def test_reopening_keeps_the_hall(db_url: str, clock) -> None:  # type: ignore[no-untyped-def]
    hall = open_hall(db_url, clock=clock)
    hall.setup(hall_name="城东营业厅", lead_code="9001", lead_name="王", lead_password=PASSWORD)
    hall.sign_in("9001", PASSWORD).add_staff(
        code="1001", name="李", role="guide", password=PASSWORD
    )
    hall.sign_in("1001", PASSWORD).issue_ticket("A")
    hall.close()
    hall.close()  # closing twice is harmless

    again = open_hall(db_url, clock=clock)
    assert not again.needs_setup
    assert again.name == "城东营业厅"
    assert [t.number for t in again.snapshot().waiting] == ["A001"]
    again.close()


def test_default_database_lives_in_the_user_data_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    url = default_database_url()
    assert url == f"sqlite:///{tmp_path / 'data' / 'HallDesk' / 'hall.db'}"
    hall = open_hall(None)
    hall.close()
    assert (tmp_path / "data" / "HallDesk" / "hall.db").exists()


def test_timestamps_are_stored_timezone_aware(hall, guide) -> None:  # type: ignore[no-untyped-def]
    ticket = guide.issue_ticket("A")
    assert ticket.issued_at.tzinfo is not None
    assert hall.ticket(ticket.id).issued_at == ticket.issued_at


def test_the_change_watcher_sees_commits_from_another_connection(db_url: str, clock) -> None:  # type: ignore[no-untyped-def]
    hall = open_hall(db_url, clock=clock)
    hall.setup(hall_name="厅", lead_code="9001", lead_name="王", lead_password=PASSWORD)
    watcher = hall.change_watcher()
    watcher.changed()
    assert not watcher.changed()

    other = open_hall(db_url, clock=clock)  # as another PC or process would
    other.sign_in("9001", PASSWORD).issue_ticket("A")
    assert watcher.changed()
    assert not watcher.changed()
    hall.sign_in("9001", PASSWORD).issue_ticket("A")
    assert watcher.changed()

    if hall.database.is_sqlite:  # no read transaction is left open: the WAL can be checkpointed
        raw = hall.database.writer.raw_connection()
        busy = raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        raw.close()
        assert busy == 0
    else:  # nor on PostgreSQL, where one would hold back VACUUM
        with hall.database.read() as conn:
            idle = conn.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    " AND state LIKE 'idle in transaction%' AND pid <> pg_backend_pid()"
                )
            ).scalar_one()
        assert idle == 0
    watcher.close()
    other.close()
    hall.close()
