"""Engines and transactions for SQLite and PostgreSQL.

``Database.write()`` is the only way to change data: one transaction that holds the write lock
from its first statement (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: an advisory lock), so that two
processes never both read "ticket A005 is waiting" and both call it. ``Database.read()`` is a
consistent snapshot that takes no write lock (SQLite WAL readers never block the writer;
PostgreSQL: a REPEATABLE READ transaction).

Telling other processes about a change: SQLite has ``PRAGMA data_version`` to poll; on PostgreSQL
every write transaction also sends ``NOTIFY hall_changes`` (delivered only once it commits), which
a ``ChangeWatcher`` receives on a connection of its own that LISTENs (see ``ChangeWatcher.listen``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, exc, text
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

NOTIFY_CHANNEL = "hall_changes"
_NOTIFY = text(f"SELECT pg_notify('{NOTIFY_CHANNEL}', :payload)")
# PostgreSQL's write lock: a transaction-level advisory lock (per database) that every write
# transaction takes first, as SQLite's BEGIN IMMEDIATE takes the file's; released by its end.
PG_WRITE_LOCK_KEY = 0x48616C6C  # "Hall"
_PG_WRITE_LOCK = text(f"SELECT pg_advisory_xact_lock({PG_WRITE_LOCK_KEY})")
# libpq settings so that a dead server or network is noticed in seconds, not after the kernel's
# TCP timeouts (minutes); a URL that sets one of them keeps its own. TCP only: libpq ignores
# them on a Unix socket.
PG_CONNECT_DEFAULTS: dict[str, Any] = {
    "connect_timeout": 5,  # seconds to connect
    "keepalives": 1,
    "keepalives_idle": 10,  # an idle connection is probed after 10 s ...
    "keepalives_interval": 3,  # ... every 3 s ...
    "keepalives_count": 3,  # ... and given up after 3 unanswered probes
    "tcp_user_timeout": 15_000,  # ms that sent data may stay unacknowledged
}
# SQLSTATE classes that mean the connection is gone or the server cannot serve now:
# 08 connection exception; 57P01-57P03 admin/crash shutdown, cannot connect now (starting up).
_CONNECTION_SQLSTATES = ("08", "57P01", "57P02", "57P03")


class ConnectionLost(Exception):
    """The connection that listens for changes broke (the server restarted, the network failed)."""


class Database:
    """The hall's database: a writer and a reader engine over one URL. Thread-safe."""

    def __init__(self, url: str | URL) -> None:
        self.url = make_url(url)
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        self.is_postgresql = self.url.get_backend_name() == "postgresql"
        self.change_tag = ""
        """The NOTIFY payload of this process's writes: its hall's id, set by the hall (``""``
        before the hall exists). A watcher ignores notifications tagged with another hall."""
        if self.is_sqlite:
            self.writer = self._sqlite_engine(begin="BEGIN IMMEDIATE")
            self.reader = self._sqlite_engine(begin="BEGIN")
        else:
            connect_args = {}
            if self.is_postgresql and self.url.get_driver_name() == "psycopg":
                connect_args = {
                    k: v for k, v in PG_CONNECT_DEFAULTS.items() if k not in self.url.query
                }
            # pool_pre_ping: after a server restart the pooled connections are dead; each is
            # tested on checkout and replaced, so the first call after the restart works.
            self.writer = create_engine(self.url, pool_pre_ping=True, connect_args=connect_args)
            # A read is one snapshot, as on SQLite: under PostgreSQL's default READ COMMITTED
            # each statement would see what was committed since the one before.
            self.reader = (
                self.writer.execution_options(isolation_level="REPEATABLE READ")
                if self.is_postgresql
                else self.writer
            )

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
        """A transaction holding the write lock; committed on leaving, rolled back on error.

        PostgreSQL: the write lock is an advisory lock taken by the first statement, so that
        write transactions run one at a time as on SQLite: a move reads the state and the clock
        after every move before it has committed, and two PCs opening a new database do not both
        create the tables. It also sends ``NOTIFY hall_changes`` (payload ``change_tag``), which
        the server delivers to the listeners only if and when the transaction commits.
        """
        with self.writer.begin() as conn:
            if self.is_postgresql:
                conn.execute(_PG_WRITE_LOCK)
            yield conn
            if self.is_postgresql:
                conn.execute(_NOTIFY, {"payload": self.change_tag})

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read-only snapshot."""
        with self.reader.connect() as conn, conn.begin():
            yield conn

    def change_watcher(self) -> ChangeWatcher:
        return ChangeWatcher(self)

    def is_connection_error(self, error: BaseException) -> bool:
        """Whether ``error`` means the database cannot be reached (server down or restarting,
        network failed), as opposed to a refused or faulty statement: worth reconnecting."""
        if isinstance(error, ConnectionLost | exc.TimeoutError):
            return True
        if not isinstance(error, exc.DBAPIError):
            return False
        if error.connection_invalidated:
            return True
        if not self.is_postgresql or not isinstance(error, exc.OperationalError):
            return False
        # psycopg: failures on the client side (cannot connect, connection closed) carry no
        # SQLSTATE; the server's own say that it is going away or not yet up.
        sqlstate = getattr(error.orig, "sqlstate", None)
        return sqlstate is None or sqlstate.startswith(_CONNECTION_SQLSTATES)

    def dispose(self) -> None:
        self.writer.dispose()
        if self.reader is not self.writer:
            self.reader.dispose()


class ChangeWatcher:
    """Tells cheaply whether anything was committed since the last look, by any process.

    ``changed()``: SQLite: ``PRAGMA data_version`` on a connection of its own, which changes
    whenever another connection commits. Other databases: the newest row of each log that every
    change appends to (ticket events, pauses, ratings, payments, application events).

    PostgreSQL also pushes (``pushes``): ``listen()`` opens a connection of the watcher's own
    that LISTENs for the NOTIFY of every write transaction and returns its socket; when the
    socket turns readable, ``take_notifications()`` says, without blocking, whether a change of
    this hall was announced. ``changed()`` then serves as the safety net for a missed one.

    ``changed``, ``listen`` and ``reset`` block on the database: one thread at a time (the
    database worker). ``take_notifications`` never blocks; call it from the thread that watches
    the socket, never while ``listen`` or ``reset`` runs.
    """

    def __init__(self, database: Database) -> None:
        self._database = database
        self._conn: Connection | None = None
        self._last: object = None
        self._listener: Any = None  # the driver's connection (psycopg) that LISTENs

    @property
    def pushes(self) -> bool:
        """Whether changes are announced (``listen``), not only found by looking (``changed``)."""
        return self._database.is_postgresql and self._database.url.get_driver_name() == "psycopg"

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
        try:
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
        except Exception:
            if not self._database.is_sqlite:  # a broken connection: take a fresh one next time
                self._close_conn()
            raise

    # -- PostgreSQL: pushed changes ----------------------------------------------------------

    def listen(self) -> int:
        """Open (again) the connection that LISTENs for changes; its socket, to watch for reading.

        Blocks (database worker). Notifications sent before it returns are not received: read
        the hall after it, not before. Raises the database's error if the server is unreachable.
        """
        if not self.pushes:
            raise RuntimeError("this database does not push changes")
        from psycopg import pq

        self._close_listener()
        pooled = self._database.reader.raw_connection()  # the engine's URL and connect options
        driver = pooled.driver_connection
        pooled.detach()  # the connection is the watcher's alone from now on
        try:
            if driver.info.transaction_status != pq.TransactionStatus.IDLE:
                driver.rollback()
            driver.autocommit = True
            driver.execute(f"LISTEN {NOTIFY_CHANNEL}")
            socket = driver.pgconn.socket
        except Exception:
            pooled.close()
            raise
        self._listener = driver
        return int(socket)

    @property
    def listening(self) -> bool:
        return self._listener is not None

    def take_notifications(self) -> bool:
        """Whether a change of this hall was announced since the last call. Never blocks.

        Raises ConnectionLost when the listening connection broke (then ``listen`` again).
        """
        from psycopg import pq

        listener = self._listener
        if listener is None:
            return False
        pgconn = listener.pgconn
        tag = self._database.change_tag
        relevant = False
        try:
            pgconn.consume_input()  # reads what the socket holds, never waits
            while (note := pgconn.notifies()) is not None:
                payload = note.extra.decode()
                relevant = relevant or not payload or not tag or payload == tag
        except Exception as error:  # the driver's OperationalError: the connection is gone
            self._close_listener()
            raise ConnectionLost(_first_line(error)) from error
        if pgconn.status != pq.ConnStatus.OK:
            self._close_listener()
            raise ConnectionLost("the connection that listens for changes was closed")
        return relevant

    # -- closing -----------------------------------------------------------------------------

    def reset(self) -> None:
        """Drop the connections after a failure; the next look or ``listen`` opens new ones."""
        self._close_listener()
        self._close_conn()

    def close(self) -> None:
        self.reset()

    def _close_conn(self) -> None:
        if self._conn is not None:
            conn, self._conn = self._conn, None
            try:
                conn.close()
            except Exception as error:  # already broken: nothing left to release
                logger.debug("closing a broken watcher connection: %s", error)

    def _close_listener(self) -> None:
        if self._listener is not None:
            listener, self._listener = self._listener, None
            try:
                listener.close()
            except Exception as error:
                logger.debug("closing the listening connection: %s", error)


def _first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__
