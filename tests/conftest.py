"""Shared fixtures: a fresh hall database per test, an injectable clock, signed-in desks."""

from __future__ import annotations

import os

# Qt aborts without a display unless told to render offscreen; set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from datetime import UTC, datetime, timedelta  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from hall import open_hall  # noqa: E402
from hall.desk import Desk  # noqa: E402
from hall.facade import Hall  # noqa: E402

pytest_plugins = ["gui_fixtures"]  # worker and session, for the GUI tests

PASSWORD = "secret-123"
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


@pytest.fixture
def db_url(tmp_path: Path) -> Iterator[str]:
    """A new, empty database: an SQLite file, or with HALL_TEST_POSTGRES (a server URL) a fresh
    PostgreSQL database on that server, dropped afterwards."""
    server = os.environ.get("HALL_TEST_POSTGRES")
    if not server:
        yield f"sqlite:///{tmp_path / 'hall.db'}"
        return
    from uuid import uuid4

    from sqlalchemy import create_engine, make_url

    name = f"hall_test_{uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    yield make_url(server).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.exec_driver_sql(f"DROP DATABASE {name} WITH (FORCE)")
    admin.dispose()


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
