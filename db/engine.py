"""Engines and transactions for SQLite and PostgreSQL.

``Database.write()`` is the only way to change data: one transaction that holds the write lock
from its first statement (SQLite: ``BEGIN IMMEDIATE``), so that two processes never both read
"ticket A005 is waiting" and both call it. ``Database.read()`` is a consistent snapshot that takes
no write lock (SQLite WAL readers never block the writer).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url

logger = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_S = 30
# synchronous=FULL: a committed ticket or payment survives a power cut, not only a crash.
SQLITE_PRAGMAS = (
    "journal_mode=WAL",
    f"busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}",
    "synchronous=FULL",
    "foreign_keys=ON",
)


class Database:
    """The hall's database: a writer and a reader engine over one URL. Thread-safe."""

    def __init__(self, url: str | URL) -> None:
        self.url = make_url(url)
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        if self.is_sqlite:
            self.writer = self._sqlite_engine(begin="BEGIN IMMEDIATE")
            self.reader = self._sqlite_engine(begin="BEGIN")
        else:
            self.writer = create_engine(self.url, pool_pre_ping=True)
            self.reader = self.writer

    def _sqlite_engine(self, *, begin: str) -> Engine:
        if self.url.database in (None, "", ":memory:"):
            raise ValueError("an in-memory SQLite database cannot be shared by two engines")
        engine = create_engine(
            self.url,
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S, "check_same_thread": False},
        )

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            # pysqlite's own lazy BEGIN would let two writers read the same state.
            dbapi_conn.isolation_level = None
            for pragma in SQLITE_PRAGMAS:
                dbapi_conn.execute("PRAGMA " + pragma)

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            conn.exec_driver_sql(begin)

        return engine

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A transaction holding the write lock; committed on leaving, rolled back on error."""
        with self.writer.begin() as conn:
            yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read-only snapshot."""
        with self.reader.connect() as conn, conn.begin():
            yield conn

    def change_watcher(self) -> ChangeWatcher:
        return ChangeWatcher(self)

    def dispose(self) -> None:
        self.writer.dispose()
        if self.reader is not self.writer:
            self.reader.dispose()


class ChangeWatcher:
    """Tells cheaply whether anything was committed since the last look, by any process.

    SQLite: ``PRAGMA data_version`` on a connection of its own, which changes whenever another
    connection commits. Other databases: the newest row of each log that every change appends to
    (ticket events, pauses, ratings, payments, application events).
    """

    def __init__(self, database: Database) -> None:
        self._database = database
        self._conn: Connection | None = None
        self._last: object = None

    def changed(self) -> bool:
        token = self._token()
        changed = token != self._last
        self._last = token
        return changed

    def _token(self) -> object:
        if self._conn is None:
            self._conn = self._database.reader.connect()
        # Each look is its own short read transaction: one left open would freeze data_version
        # and keep SQLite from checkpointing the WAL.
        with self._conn.begin():
            if self._database.is_sqlite:
                return self._conn.exec_driver_sql("PRAGMA data_version").scalar_one()
            return tuple(
                self._conn.execute(
                    text(
                        "SELECT (SELECT max(id) FROM ticket_events),"
                        " (SELECT max(id) FROM window_pauses),"
                        " (SELECT count(*) FROM window_pauses WHERE ended_at IS NULL),"
                        " (SELECT max(id) FROM ratings),"
                        " (SELECT max(id) FROM payments),"
                        " (SELECT max(id) FROM application_events)"
                    )
                ).one()
            )

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
