"""Administrators' database tools behind ``main.py db``: upgrade, backup, copy a hall. No Qt.

- ``upgrade_database(url)``: migrate the schema to the newest revision (what opening the app
  does), reporting the revisions before and after.
- ``backup_sqlite(url, out)``: a consistent copy of an SQLite file through SQLite's online backup
  API, safe while the app runs (WAL: the copy reads one snapshot and never blocks the counters).
  PostgreSQL is backed up with its own ``pg_dump``: ``pg_dump_command`` says how.
- ``copy_hall(source, target, code)``: one hall's rows, with everything that refers to them, from
  one database into another (an SQLite file onto a shared PostgreSQL server), table by table in
  dependency order in one transaction on the target; PostgreSQL's id sequences are then moved
  past the largest ids, and the counts are checked against the source before committing.

Messages are in Chinese: these commands are for the hall's administrator.
"""

from __future__ import annotations

import os
import shlex
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Integer, Table, func, select, text
from sqlalchemy.engine import URL, make_url

from db.engine import Database
from db.migrate import current_revision, head_revision, upgrade
from db.models import Base
from hall.facade import check_hall_code

BATCH_ROWS = 2000
APP_NAME = "HallDesk"


class DbToolError(Exception):
    """A refusal or failure to show the administrator as is (Chinese)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def shown(url: str | URL) -> str:
    """The URL as printed: the password hidden."""
    return make_url(url).render_as_string(hide_password=True)


# -- upgrade ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UpgradeResult:
    before: str | None  # None: an empty database
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


def upgrade_database(url: str | URL) -> UpgradeResult:
    """Bring the schema at ``url`` to the newest revision (creating it on an empty database)."""
    database = _open(url)
    try:
        with database.read() as conn:
            before = current_revision(conn)
        upgrade(database)
        with database.read() as conn:
            after = current_revision(conn)
    finally:
        database.dispose()
    assert after is not None
    return UpgradeResult(before, after)


def _open(url: str | URL) -> Database:
    try:
        return Database(url)
    except Exception as exc:  # a malformed URL, a missing driver
        raise DbToolError(f"无法打开数据库 {shown(url)}：{exc}") from exc


# -- backup -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BackupResult:
    path: Path
    revision: str | None
    tickets: int
    size_bytes: int


def default_backup_path(now: datetime | None = None) -> Path:
    """``backups/hall-YYYYMMDD-HHMMSS.db`` in the user data folder (next to hall.db)."""
    from platformdirs import user_data_dir

    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return Path(user_data_dir(APP_NAME, appauthor=False)) / "backups" / f"hall-{stamp}.db"


def backup_sqlite(url: str | URL, out: str | os.PathLike[str] | None = None) -> BackupResult:
    """Copy the SQLite database at ``url`` into a new file, consistently, while others write.

    SQLite's online backup API copies every page in one step from one read snapshot: in WAL
    mode writers go on meanwhile and their later commits are simply not in the copy. The copy is
    written beside the target under ``.partial`` and renamed once complete and checked, so a
    half-written backup never carries the final name. Refuses to overwrite an existing file.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        raise DbToolError("backup_sqlite 只用于 SQLite 数据库")
    if parsed.database in (None, "", ":memory:"):
        raise DbToolError("内存数据库无法备份")
    source = Path(parsed.database).expanduser().resolve()
    if not source.is_file():
        raise DbToolError(f"数据库文件不存在：{source}")
    target = Path(out).expanduser() if out is not None else default_backup_path()
    target = target.resolve()
    if target == source:
        raise DbToolError("备份文件不能是数据库文件本身")
    if target.exists():
        raise DbToolError(f"备份文件已存在，不覆盖：{target}")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    # mode=rw: never create an empty database where the file was expected.
    src = sqlite3.connect(f"{source.as_uri()}?mode=rw", uri=True, timeout=30)
    try:
        src.execute("PRAGMA busy_timeout=30000")
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)  # pages=-1: all pages in one step, one snapshot
            # One self-contained file, not a WAL pair.
            dst.execute("PRAGMA journal_mode=DELETE")
            check = dst.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise DbToolError(f"备份文件检查未通过：{check}")
            revision = _sqlite_scalar(dst, "SELECT version_num FROM alembic_version")
            tickets = _sqlite_scalar(dst, "SELECT count(*) FROM tickets") or 0
        finally:
            dst.close()
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    os.replace(partial, target)
    return BackupResult(target, revision, int(tickets), target.stat().st_size)


def _sqlite_scalar(conn: sqlite3.Connection, sql: str) -> Any:
    try:
        row = conn.execute(sql).fetchone()
    except sqlite3.OperationalError:  # no such table: an empty or foreign database
        return None
    return row[0] if row else None


def pg_dump_command(url: str | URL, out: str | os.PathLike[str] | None = None) -> str:
    """The pg_dump command line that backs up the PostgreSQL database at ``url``.

    The password is never put on the command line (PGPASSWORD or ~/.pgpass gives it).
    """
    parsed = make_url(url)
    host = parsed.host or parsed.query.get("host")
    port = parsed.port or parsed.query.get("port")
    file = str(out) if out is not None else f"hall-{datetime.now():%Y%m%d-%H%M%S}.dump"
    parts = ["pg_dump", "--format=custom", f"--file={file}"]
    if host:
        parts.append(f"--host={host if isinstance(host, str) else host[0]}")
    if port:
        parts.append(f"--port={port if isinstance(port, (str, int)) else port[0]}")
    if parsed.username:
        parts.append(f"--username={parsed.username}")
    parts.append(parsed.database or "postgres")
    return shlex.join(parts)


# -- copy a hall ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TableCopy:
    table: str
    source_rows: int
    copied_rows: int
    id_offset: int  # added to this table's ids (0: the ids were kept)


@dataclass(frozen=True, slots=True)
class CopyResult:
    source_hall: str
    target_hall: str
    hall_name: str
    tables: tuple[TableCopy, ...]
    sequences_reset: tuple[str, ...]

    @property
    def ids_kept(self) -> bool:
        return all(t.id_offset == 0 for t in self.tables)

    @property
    def total_rows(self) -> int:
        return sum(t.copied_rows for t in self.tables)


Progress = Callable[[str, int], None]


def copy_hall(
    source_url: str | URL,
    target_url: str | URL,
    code: str = "main",
    *,
    target_code: str | None = None,
    progress: Progress | None = None,
) -> CopyResult:
    """Copy hall ``code`` from the source database into the target (as ``target_code``).

    The target's schema is created or upgraded first; the source must be at the newest
    revision (upgrade it first: it is not changed here). Refused when the target already has a
    hall with that code. Ids are kept when they are free in the target; when another hall there
    already uses some of them (two halls' SQLite files both start at 1), that table's ids are
    shifted past the target's largest, and every reference with them. One transaction on the
    target: on PostgreSQL its tables are locked against writes meanwhile, so no other PC takes
    an id in between; the counts are compared with the source's before committing.
    """
    check_hall_code(code)
    target_code = check_hall_code(target_code or code)
    if make_url(source_url) == make_url(target_url):
        raise DbToolError("源数据库与目标数据库相同")
    source = _open(source_url)
    try:
        with source.read() as conn:
            revision = current_revision(conn)
        if revision is None:
            raise DbToolError(f"源数据库中没有营业厅数据：{shown(source_url)}")
        if revision != head_revision():
            raise DbToolError(
                f"源数据库为旧版本（{revision}，最新为 {head_revision()}），请先升级：\n"
                f"  python main.py db upgrade --db {shown(source_url)}"
            )
        target = _open(target_url)
        try:
            upgrade(target)
            return _copy(source, target, code, target_code, progress)
        finally:
            target.dispose()
    finally:
        source.dispose()


def _hall_tables() -> list[Table]:
    """Every table in dependency order (a table after those it refers to)."""
    return list(Base.metadata.sorted_tables)


def _surrogate_id(table: Table) -> bool:
    columns = list(table.primary_key.columns)
    return len(columns) == 1 and columns[0].name == "id" and isinstance(columns[0].type, Integer)


def _scope(table: Table, hall_id: int) -> Any:
    """The WHERE clause selecting one hall's rows of ``table``."""
    if table.name == "halls":
        return table.c.id == hall_id
    if "hall_id" in table.c:
        return table.c.hall_id == hall_id
    # A table without hall_id belongs to its hall through a parent that has one.
    for fk in table.foreign_keys:
        parent = fk.column.table
        if "hall_id" in parent.c:
            return fk.parent.in_(select(fk.column).where(parent.c.hall_id == hall_id))
    raise RuntimeError(f"table {table.name} cannot be scoped to one hall")  # a schema change


def _copy(
    source: Database,
    target: Database,
    code: str,
    target_code: str,
    progress: Progress | None,
) -> CopyResult:
    halls = Base.metadata.tables["halls"]
    tables = _hall_tables()
    with _snapshot(source) as src:
        hall = src.execute(select(halls).where(halls.c.code == code)).one_or_none()
        if hall is None:
            codes = "、".join(src.execute(select(halls.c.code).order_by(halls.c.code)).scalars())
            raise DbToolError(f"源数据库中没有营业厅“{code}”（现有：{codes or '无'}）")
        source_counts = {
            t.name: src.execute(
                select(func.count()).select_from(t).where(_scope(t, hall.id))
            ).scalar_one()
            for t in tables
        }
        with target.write() as dst:
            if not target.is_sqlite:
                # Writers elsewhere wait until the copy commits; readers go on.
                names = ", ".join(t.name for t in tables)
                dst.exec_driver_sql(f"LOCK TABLE {names} IN EXCLUSIVE MODE")
            existing = dst.execute(
                select(halls.c.id).where(halls.c.code == target_code)
            ).scalar_one_or_none()
            if existing is not None:
                raise DbToolError(
                    f"目标数据库中已有营业厅“{target_code}”，未复制任何数据。"
                    "如要以另一个代码复制，请加 --as 新代码"
                )
            offsets = {t.name: _id_offset(src, dst, t, hall.id) for t in tables if _surrogate_id(t)}
            new_hall_id = hall.id + offsets["halls"]
            for table in tables:
                copied = _copy_table(src, dst, table, hall.id, offsets, target_code)
                if progress is not None:
                    progress(table.name, copied)
            sequences = _reset_sequences(dst, tables) if not target.is_sqlite else ()
            result_tables = []
            for table in tables:
                copied_count = dst.execute(
                    select(func.count()).select_from(table).where(_scope(table, new_hall_id))
                ).scalar_one()
                result_tables.append(
                    TableCopy(
                        table.name,
                        source_counts[table.name],
                        copied_count,
                        offsets.get(table.name, 0),
                    )
                )
            wrong = [t for t in result_tables if t.copied_rows != t.source_rows]
            if wrong:
                detail = "；".join(
                    f"{t.table} 源 {t.source_rows} 行、目标 {t.copied_rows} 行" for t in wrong
                )
                raise DbToolError(f"复制后行数不符，已全部撤销：{detail}")
    return CopyResult(
        source_hall=code,
        target_hall=target_code,
        hall_name=hall.name,
        tables=tuple(result_tables),
        sequences_reset=tuple(sequences),
    )


class _snapshot:
    """One read transaction over the whole copy: every table as of the same moment."""

    def __init__(self, database: Database) -> None:
        self._database = database
        self._conn: Connection | None = None

    def __enter__(self) -> Connection:
        conn = self._database.reader.connect()
        if not self._database.is_sqlite:
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        self._conn = conn
        conn.begin()
        return conn

    def __exit__(self, *exc: object) -> None:
        assert self._conn is not None
        self._conn.rollback()
        self._conn.close()


def _id_offset(src: Connection, dst: Connection, table: Table, hall_id: int) -> int:
    """0 when none of the hall's ids is taken in the target; else the shift past its largest."""
    low, high = src.execute(
        select(func.min(table.c.id), func.max(table.c.id)).where(_scope(table, hall_id))
    ).one()
    if low is None:
        return 0
    taken = dst.execute(
        select(table.c.id).where(table.c.id.between(low, high)).limit(1)
    ).scalar_one_or_none()
    if taken is None:
        return 0
    largest = dst.execute(select(func.max(table.c.id))).scalar_one()
    return largest - low + 1


def _copy_table(
    src: Connection,
    dst: Connection,
    table: Table,
    hall_id: int,
    offsets: dict[str, int],
    target_code: str,
) -> int:
    shifts: dict[str, int] = {}
    if offsets.get(table.name):
        shifts["id"] = offsets[table.name]
    for fk in table.foreign_keys:
        shift = offsets.get(fk.column.table.name, 0)
        if shift:
            shifts[fk.parent.name] = shift
    order = list(table.primary_key.columns)
    result = src.execution_options(yield_per=BATCH_ROWS).execute(
        select(table).where(_scope(table, hall_id)).order_by(*order)
    )
    copied = 0
    for rows in result.partitions(BATCH_ROWS):
        batch = []
        for row in rows:
            values = row._asdict()
            for column, shift in shifts.items():
                if values[column] is not None:
                    values[column] += shift
            if table.name == "halls":
                values["code"] = target_code
            batch.append(values)
        dst.execute(table.insert(), batch)
        copied += len(batch)
    return copied


def _reset_sequences(dst: Connection, tables: list[Table]) -> list[str]:
    """Move each id sequence past the largest id, so that the next row gets a free id."""
    moved = []
    for table in tables:
        if not _surrogate_id(table):
            continue
        sequence = dst.execute(
            text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table.name}
        ).scalar_one()
        if sequence is None:
            continue
        largest = dst.execute(select(func.max(table.c.id))).scalar_one() or 0
        last = dst.execute(
            text("SELECT pg_sequence_last_value(CAST(:s AS regclass))"), {"s": sequence}
        ).scalar_one()
        value = max(largest, last or 0)
        if value > 0:
            dst.execute(
                text("SELECT setval(CAST(:s AS regclass), :v, true)"), {"s": sequence, "v": value}
            )
            moved.append(f"{sequence}={value}")
    return moved


__all__ = [
    "BackupResult",
    "CopyResult",
    "DbToolError",
    "TableCopy",
    "UpgradeResult",
    "backup_sqlite",
    "copy_hall",
    "default_backup_path",
    "pg_dump_command",
    "shown",
    "upgrade_database",
]
