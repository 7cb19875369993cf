"""Schema migrations applied when a hall database is opened.

An older database is upgraded in place, never recreated. The upgrade runs inside one write
transaction, so two workstations opening a new database at the same moment do not both migrate it.
"""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from db.engine import Database

logger = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "no migrations found"
    return head


def current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def upgrade(database: Database, revision: str = "head") -> None:
    """Bring the schema up to ``revision`` (default: the newest)."""
    target = head_revision() if revision == "head" else revision
    with database.read() as conn:
        if current_revision(conn) == target:
            return
    with database.write() as conn:
        before = current_revision(conn)
        if before == target:
            return
        config = alembic_config()
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
        logger.info("database schema upgraded from %s to %s", before or "empty", target)
