"""Fixtures of the GUI tests: the database worker and the process's HallSession.

Registered by conftest.py through ``pytest_plugins``, so importing it loads Qt for every test
run; conftest has told Qt to render offscreen before that. The core's own freedom from Qt is
checked in a fresh interpreter (test_layers.py), not in this process.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from hall.facade import Hall

from ui.session import HallSession
from ui.worker import DbWorker


@pytest.fixture
def worker(fresh_hall: Hall) -> Iterator[DbWorker]:
    """The database worker; shut down before the hall closes."""
    worker = DbWorker()
    yield worker
    worker.shutdown()


@pytest.fixture
def session(qtbot, hall: Hall, worker: DbWorker) -> Iterator[HallSession]:  # type: ignore[no-untyped-def]
    """The process's session on the database worker, once it has read the hall."""
    session = HallSession(hall, worker)
    qtbot.waitUntil(lambda: session.latest is not None)
    yield session
    session.close()
