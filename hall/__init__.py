"""Hall Desk's core: the service hall's queue, counters, payments and reports. No Qt here.

``open_hall`` is the entry point; see shared/contract.md for the public API.
"""

from __future__ import annotations

import logging
from pathlib import Path

from db.engine import Database
from db.migrate import upgrade
from hall.clock import Clock, system_clock
from hall.facade import HALL_CODE, Hall, check_hall_code

__all__ = ["Hall", "default_database_url", "open_hall"]

logger = logging.getLogger(__name__)

APP_NAME = "HallDesk"


def default_database_url() -> str:
    """The SQLite file in the user's data directory (created if missing)."""
    from platformdirs import user_data_dir

    folder = Path(user_data_dir(APP_NAME, appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'hall.db'}"


def open_hall(url: str | None = None, *, clock: Clock | None = None, hall: str = HALL_CODE) -> Hall:
    """Open (creating or upgrading in place) the hall database at ``url``.

    ``url`` is an SQLAlchemy URL; None means the default SQLite file. ``clock`` returns aware
    datetimes (tests inject one). ``hall``: the hall's code, when several halls share one
    database (a server); a hall not there yet is created by ``Hall.setup``.
    """
    check_hall_code(hall)
    database = Database(url or default_database_url())
    try:
        upgrade(database)
    except Exception:
        database.dispose()
        raise
    logger.info(
        "hall %s: database open at %s", hall, database.url.render_as_string(hide_password=True)
    )
    return Hall(database, clock or system_clock, hall)
