"""Looking at a hall database from outside the hall, on SQLite and PostgreSQL alike.

The multi-process tests (test_concurrency.py, test_crash.py) check what the children left behind
with plain SQL on a connection of their own, and probe whether someone holds the write lock.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, NullPool, TextClause, create_engine, make_url, text

from db.engine import PG_WRITE_LOCK_KEY
from db.types import AwareDateTime


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


@contextmanager
def connect(url: str) -> Iterator[Connection]:
    """A plain connection in a transaction that is rolled back: no pool, no hall."""
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            yield conn
            conn.rollback()
    finally:
        engine.dispose()


def rows(url: str, sql: str | TextClause, **params: Any) -> list[Mapping[str, Any]]:
    """The rows of one query, as mappings (``row["number"]``)."""
    statement = text(sql) if isinstance(sql, str) else sql
    with connect(url) as conn:
        return list(conn.execute(statement, params).mappings())


def aware(sql: str, *columns: str) -> TextClause:
    """``sql`` with these columns read as aware datetimes (SQLite stores them as text)."""
    return text(sql).columns(**{name: AwareDateTime() for name in columns})


def write_lock_is_free(url: str) -> bool:
    """Whether a write transaction could start right now without waiting for another one.

    SQLite: a ``BEGIN IMMEDIATE`` that does not wait; PostgreSQL: the advisory lock that every
    write transaction takes first, tried without waiting.
    """
    if is_sqlite(url):
        import sqlite3

        probe = sqlite3.connect(url.removeprefix("sqlite:///"), timeout=0, isolation_level=None)
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
            return True
        except sqlite3.OperationalError as exc:
            assert "locked" in str(exc)
            return False
        finally:
            probe.close()
    with connect(url) as conn:
        return bool(
            conn.execute(
                text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": PG_WRITE_LOCK_KEY}
            ).scalar_one()
        )


def integrity(url: str) -> list[str]:
    """SQLite's ``PRAGMA integrity_check`` (``["ok"]``); PostgreSQL keeps its own files whole
    through a client's crash, so there is nothing to check there: ``["ok"]``."""
    if not is_sqlite(url):
        return ["ok"]
    with connect(url) as conn:
        return [row[0] for row in conn.exec_driver_sql("PRAGMA integrity_check")]
