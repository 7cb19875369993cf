"""Shared fixtures: a fresh hall database per test, an injectable clock, signed-in desks.

With ``HALL_TEST_POSTGRES`` set to a PostgreSQL server URL (``postgresql+psycopg://USER@HOST/
postgres``) every database a test opens is a fresh PostgreSQL database on that server instead of
an SQLite file. Such a run is a second pass over the suite: only the tests that open a database
(those using ``db_url`` or ``module_db_url``) are collected, the rest are deselected because they
ran on SQLite already, and tests marked ``sqlite_only`` are skipped with their reason.
"""

from __future__ import annotations

import os

# Qt aborts without a display unless told to render offscreen; set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from contextlib import contextmanager  # noqa: E402
from datetime import UTC, datetime, timedelta  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from hall import open_hall, passwords  # noqa: E402
from hall.desk import Desk  # noqa: E402
from hall.facade import Hall  # noqa: E402

pytest_plugins = ["gui_fixtures"]  # worker and session, for the GUI tests

# Hundreds of tests each set up a hall with five staff: scrypt at its real cost (about 50 ms a
# hash) would spend minutes of the run on hashing. The cost is stored in each hash, so checking
# a password (here or in a child process) works exactly the same.
passwords.SCRYPT_N = 2**8

PASSWORD = "secret-123"
# The PostgreSQL server the tests' databases are made on; None: SQLite files.
POSTGRES_SERVER = os.environ.get("HALL_TEST_POSTGRES") or None
# The fixtures that give a test a database of its own: on PostgreSQL only their users run.
DATABASE_FIXTURES = frozenset({"db_url", "module_db_url"})
_COUNTS = pytest.StashKey[tuple[int, int]]()
# Monday 2 March 2026, 10:00 in Shanghai: inside the default opening hours 08:30-17:30.
MONDAY_10AM = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime = MONDAY_10AM) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now

    def set(self, when: datetime) -> None:
        self.now = when


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "sqlite_only(reason): a test of SQLite itself (the file, WAL, PRAGMAs); skipped with"
        " the reason when the suite runs on PostgreSQL",
    )


def pytest_report_header(config: pytest.Config) -> str:
    if POSTGRES_SERVER is None:
        return "database: SQLite, a fresh file per test"
    from sqlalchemy import make_url

    server = make_url(POSTGRES_SERVER).render_as_string(hide_password=True)
    return f"database: PostgreSQL, a fresh database per test on {server}"


@pytest.hookimpl(trylast=True)  # after -k and -m: the counts are of the tests chosen
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On PostgreSQL: keep only the tests that open a database; skip the SQLite-only ones."""
    if POSTGRES_SERVER is None:
        return
    kept: list[pytest.Item] = []
    dropped: list[pytest.Item] = []
    for item in items:
        if DATABASE_FIXTURES.isdisjoint(getattr(item, "fixturenames", ())):
            dropped.append(item)
            continue
        kept.append(item)
        marker = item.get_closest_marker("sqlite_only")
        if marker is not None:
            item.add_marker(pytest.mark.skip(reason=f"SQLite only: {marker.args[0]}"))
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
    config.stash[_COUNTS] = (len(kept), len(dropped))


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:  # type: ignore[no-untyped-def]
    if POSTGRES_SERVER is not None and _COUNTS in config.stash:
        kept, dropped = config.stash[_COUNTS]
        terminalreporter.write_line(
            f"PostgreSQL: {kept} of {kept + dropped} tests open a database and were selected;"
            f" the other {dropped} run on SQLite only"
        )


@contextmanager
def new_database(directory: Path) -> Iterator[str]:
    """The URL of a new, empty database: an SQLite file in ``directory``, or with
    HALL_TEST_POSTGRES a fresh PostgreSQL database on that server, dropped afterwards."""
    if POSTGRES_SERVER is None:
        yield f"sqlite:///{directory / 'hall.db'}"
        return
    from uuid import uuid4

    from sqlalchemy import create_engine, make_url

    name = f"hall_test_{uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_SERVER, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {name}")
        try:
            yield make_url(POSTGRES_SERVER).set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as conn:
                conn.exec_driver_sql(f"DROP DATABASE {name} WITH (FORCE)")
    finally:
        admin.dispose()


@pytest.fixture
def db_url(tmp_path: Path) -> Iterator[str]:
    """A new, empty database for this test (see new_database)."""
    with new_database(tmp_path) as url:
        yield url


@pytest.fixture(scope="module")
def module_db_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A new, empty database shared by the tests of a module (see new_database)."""
    with new_database(tmp_path_factory.mktemp("db")) as url:
        yield url


@pytest.fixture
def fresh_hall(db_url: str, clock: FakeClock) -> Iterator[Hall]:
    """A new, not yet set up hall."""
    hall = open_hall(db_url, clock=clock)
    yield hall
    hall.close()


@pytest.fixture
def hall(fresh_hall: Hall) -> Hall:
    """A set-up hall with lead 9001, guide 1001 and clerks 2001-2003 (all password PASSWORD)."""
    fresh_hall.setup(
        hall_name="城东供电营业厅", lead_code="9001", lead_name="王值班", lead_password=PASSWORD
    )
    lead = fresh_hall.sign_in("9001", PASSWORD)
    lead.add_staff(code="1001", name="李引导", role="guide", password=PASSWORD)
    for n, name in enumerate(("张受理", "赵收费", "钱受理"), start=1):
        lead.add_staff(code=f"200{n}", name=name, role="clerk", password=PASSWORD)
    return fresh_hall


@pytest.fixture
def lead(hall: Hall) -> Desk:
    return hall.sign_in("9001", PASSWORD)


@pytest.fixture
def guide(hall: Hall) -> Desk:
    return hall.sign_in("1001", PASSWORD)


@pytest.fixture
def counter(hall: Hall):  # type: ignore[no-untyped-def]
    """counter(window, code="2001") signs a clerk in at a window."""

    def sign_in(window: int, code: str | None = None) -> Desk:
        return hall.sign_in(code or f"200{window}", PASSWORD, window=window)

    return sign_in
