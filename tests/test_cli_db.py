"""``main.py db``: upgrade, backup, copy a hall (hall/cli.py over hall/db_tools.py).

The copy onto PostgreSQL needs a server: HALL_TEST_POSTGRES's (the test's db_url), or else a
private cluster this module starts with the PostgreSQL binaries found on the machine (as the
``postgres`` user when run as root); without either the test is skipped, saying why.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from uuid import uuid4

import pytest
from conftest import PASSWORD, FakeClock
from pg_server import PgUnavailable, private_server
from sqlalchemy import create_engine, func, make_url, select

from db import models as m
from db.engine import Database
from db.migrate import current_revision, head_revision, upgrade
from hall import cli, open_hall
from hall.db_tools import DbToolError, copy_hall, pg_dump_command
from hall.facade import Hall

ACCOUNT = "3100000001"
OTHER = "3100000002"


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(["db", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


# -- upgrade ----------------------------------------------------------------------------------


def test_upgrade_brings_an_older_file_to_the_newest_revision(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = sqlite_url(tmp_path / "old.db")
    database = Database(url)
    upgrade(database, "0004")  # payments, but no applications yet
    with database.write() as conn:
        conn.exec_driver_sql(
            "INSERT INTO halls (code, name, timezone, notice, created_at)"
            " VALUES ('main', '老营业厅', 'Asia/Shanghai', '', '2025-01-02 03:04:05')"
        )
    database.dispose()

    code, out, _err = run(capsys, "upgrade", "--db", url)
    assert code == 0
    assert f"从版本 0004 升级到 {head_revision()}" in out
    database = Database(url)
    with database.read() as conn:
        assert current_revision(conn) == head_revision()
        assert conn.execute(select(m.Hall.name)).scalar_one() == "老营业厅"
        assert conn.execute(select(func.count()).select_from(m.Application)).scalar_one() == 0
    database.dispose()

    code, out, _err = run(capsys, "upgrade", "--db", url)
    assert code == 0 and f"已是最新版本：{head_revision()}" in out


def test_upgrade_creates_the_schema_of_an_empty_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = run(capsys, "upgrade", "--db", sqlite_url(tmp_path / "new.db"))
    assert code == 0 and f"版本 {head_revision()}" in out


# -- backup -----------------------------------------------------------------------------------


def _small_hall(url: str, clock: FakeClock) -> Hall:
    hall = open_hall(url, clock=clock)
    hall.setup(hall_name="城东供电营业厅", lead_code="9001", lead_name="王", lead_password=PASSWORD)
    lead = hall.sign_in("9001", PASSWORD)
    lead.add_staff(code="1001", name="李引导", role="guide", password=PASSWORD)
    return hall


def _tickets_and_issue_events(path: Path) -> tuple[int, int]:
    conn = sqlite3.connect(path)
    try:
        tickets = conn.execute("SELECT count(*) FROM tickets").fetchone()[0]
        issued = conn.execute("SELECT count(*) FROM ticket_events WHERE code = 'issued'").fetchone()
        return tickets, issued[0]
    finally:
        conn.close()


def test_backup_while_another_connection_writes(
    tmp_path: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "hall.db"
    hall = _small_hall(sqlite_url(path), clock)
    guide = hall.sign_in("1001", PASSWORD)
    for i in range(100):
        guide.issue_ticket("ABCDE"[i % 5])

    # Another connection (its own Hall, its own engine) keeps issuing tickets meanwhile.
    writer = open_hall(sqlite_url(path), clock=clock)
    writer_guide = writer.sign_in("1001", PASSWORD)
    stop = threading.Event()
    written: list[int] = []
    failures: list[BaseException] = []

    def keep_writing() -> None:
        try:
            while not stop.is_set() and len(written) < 3000:
                writer_guide.issue_ticket("ABCDE"[len(written) % 5])
                written.append(1)
        except BaseException as exc:  # reported below
            failures.append(exc)

    thread = threading.Thread(target=keep_writing)
    thread.start()
    try:
        deadline = time.monotonic() + 20
        while len(written) < 30 and time.monotonic() < deadline and not failures:
            time.sleep(0.01)
        before, _ = _tickets_and_issue_events(path)
        out_file = tmp_path / "backups" / "during-writes.db"
        code, out, err = run(capsys, "backup", "--db", sqlite_url(path), "--out", str(out_file))
        after_backup = len(written)
        deadline = time.monotonic() + 20
        while len(written) < after_backup + 30 and time.monotonic() < deadline and not failures:
            time.sleep(0.01)
    finally:
        stop.set()
        thread.join()
        writer.close()
    assert not failures, failures
    assert code == 0, err
    assert str(out_file) in out and "张票" in out
    assert not out_file.with_name(out_file.name + ".partial").exists()

    # The backup holds every ticket committed before it began, each with its issue event (one
    # consistent snapshot), and not those written after it.
    tickets, issued = _tickets_and_issue_events(out_file)
    final, _ = _tickets_and_issue_events(path)
    assert before <= tickets < final
    assert issued == tickets
    assert tickets >= 100
    # One self-contained file (no WAL beside it) that opens as a hall.
    assert not Path(f"{out_file}-wal").exists()
    restored = open_hall(sqlite_url(out_file), clock=clock)
    try:
        assert restored.name == "城东供电营业厅"
        assert len(restored.snapshot().waiting) == tickets
        assert restored.sign_in("9001", PASSWORD).role.value == "lead"
    finally:
        restored.close()
    hall.close()


def test_backup_goes_to_the_user_data_folder_by_default(
    tmp_path: Path,
    clock: FakeClock,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    _small_hall(sqlite_url(tmp_path / "hall.db"), clock).close()
    code, out, _err = run(capsys, "backup", "--db", sqlite_url(tmp_path / "hall.db"))
    assert code == 0
    made = list((tmp_path / "data" / "HallDesk" / "backups").glob("hall-*.db"))
    assert len(made) == 1 and str(made[0]) in out
    assert len(made[0].stem) == len("hall-20260302-100000")


def test_backup_refuses_to_overwrite_or_to_invent_a_database(
    tmp_path: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    url = sqlite_url(tmp_path / "hall.db")
    _small_hall(url, clock).close()
    existing = tmp_path / "taken.db"
    existing.write_bytes(b"keep me")
    code, _out, err = run(capsys, "backup", "--db", url, "--out", str(existing))
    assert code == 1 and "已存在" in err
    assert existing.read_bytes() == b"keep me"

    missing = tmp_path / "nowhere.db"
    code, _out, err = run(capsys, "backup", "--db", sqlite_url(missing))
    assert code == 1 and "不存在" in err
    assert not missing.exists()


def test_backup_of_postgresql_prints_the_pg_dump_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = "postgresql+psycopg://hall:s3cret@dbhost:5433/halls"
    code, out, err = run(capsys, "backup", "--db", url, "--out", "/srv/b/halls.dump")
    assert code == 1 and out == ""
    assert "pg_dump --format=custom --file=/srv/b/halls.dump --host=dbhost --port=5433" in err
    assert "--username=hall halls" in err
    assert "s3cret" not in err
    assert "PGPASSWORD" in err and "pg_restore" in err
    # A socket directory given in the query, as libpq takes it.
    sock = pg_dump_command("postgresql+psycopg://postgres@/halls?host=/run/pg&port=5444", "x")
    assert (
        sock
        == "pg_dump --format=custom --file=x --host=/run/pg --port=5444 --username=postgres halls"
    )


# -- copy -------------------------------------------------------------------------------------


def build_source(url: str, clock: FakeClock) -> None:
    """A hall with a morning behind it: tickets in every state, a rating, payments with a
    reversal (a row referring to another of its table), a pause, a complaint, a settlement."""
    hall = open_hall(url, clock=clock)
    try:
        hall.setup(
            hall_name="城东供电营业厅", lead_code="9001", lead_name="王", lead_password=PASSWORD
        )
        lead = hall.sign_in("9001", PASSWORD)
        lead.add_staff(code="1001", name="李引导", role="guide", password=PASSWORD)
        lead.add_staff(code="2001", name="张受理", role="clerk", password=PASSWORD)
        lead.add_staff(code="2002", name="赵收费", role="clerk", password=PASSWORD)
        lead.add_account(account=ACCOUNT, name="陈客户", address="解放路1号", arrears_fen=10000)
        lead.add_account(account=OTHER, name="林客户", address="解放路2号", arrears_fen=2500)
        guide = hall.sign_in("1001", PASSWORD)
        for business in ("A", "A", "A", "B"):
            guide.issue_ticket(business)
        clerk = hall.sign_in("2001", PASSWORD, window=1)
        served = clerk.call_next()  # A001
        assert served is not None
        clock.advance(minutes=2)
        clerk.start()
        assert clerk.take_payment(ACCOUNT, received_fen=10000).number.endswith("000001")
        clock.advance(minutes=5)
        clerk.finish()
        hall.rate(served.id, 5)
        clerk.save_application(
            "complaint",
            {
                "kind": "投诉",
                "category": "服务",
                "severity": "一般",
                "customer_name": "张三",
                "mobile": "13812345678",
                "description": "窗口人员态度生硬",
                "against": "2002",
            },
        )
        clerk.call_next()  # A002
        clerk.park()
        cashier = hall.sign_in("2002", PASSWORD, window=2)
        cashier.take_payment(OTHER, received_fen=3000)  # 000002, with change
        cashier.reverse_payment(
            "2026-000002", lead_code="9001", lead_password=PASSWORD, reason="金额录错"
        )  # 000003
        cashier.pause("休息")
        clock.advance(minutes=10)
        cashier.resume()
        cashier.settle_shift(10000)
    finally:
        hall.close()


def check_copied_hall_works(url: str, clock: FakeClock, code: str = "main") -> None:
    """Sign in, call the next waiting ticket, issue the next number, take the next receipt,
    add staff (new rows after the copied ones)."""
    hall = open_hall(url, clock=clock, hall=code)
    try:
        assert hall.name == "城东供电营业厅"
        snapshot = hall.snapshot()
        assert [t.number for t in snapshot.waiting] == ["A003", "B001"]
        assert [t.number for t in snapshot.parked] == ["A002"]
        clerk = hall.sign_in("2001", PASSWORD, window=1)
        called = clerk.call_next()
        assert called is not None and called.number == "A003"
        clerk.finish()
        assert hall.sign_in("1001", PASSWORD).issue_ticket("A").number == "A004"
        assert hall.sign_in("1001", PASSWORD).issue_ticket("B").number == "B002"
        receipt = hall.sign_in("2002", PASSWORD, window=2).take_payment(OTHER, received_fen=2500)
        assert receipt.number == "2026-000004"
        lead = hall.sign_in("9001", PASSWORD)
        lead.add_staff(code="2003", name="钱受理", role="clerk", password=PASSWORD)
        assert hall.sign_in("2003", PASSWORD, window=3).window == 3
        sheet = hall.daily_sheet(clock.now.date())
        assert (sheet.issued, sheet.served, sheet.receipts, sheet.reversals) == (6, 2, 3, 1)
        assert sheet.ratings == {5: 1} and sheet.complaints_opened == 1
    finally:
        hall.close()


COPIED_TABLES = {
    "halls": 1,
    "staff": 4,
    "accounts": 2,
    "tickets": 4,
    "payments": 3,
    "ratings": 1,
    "applications": 1,
    "window_pauses": 1,
    "shift_settlements": 1,
    "receipt_sequences": 1,
}


def copy_and_check(
    capsys: pytest.CaptureFixture[str],
    source: str,
    target: str,
    clock: FakeClock,
) -> None:
    code, out, err = run(capsys, "copy", "--from", source, "--to", target)
    assert code == 0, err
    assert "已复制营业厅“城东供电营业厅”（main → main）" in out
    for table, rows in COPIED_TABLES.items():
        assert any(
            line.split()[:4] == [table, str(rows), "/", str(rows)] for line in out.splitlines()
        ), (table, out)
    assert "保留了原编号" in out
    check_copied_hall_works(target, clock)

    # Once there, the hall is not copied again.
    code, out, err = run(capsys, "copy", "--from", source, "--to", target)
    assert code == 1 and "已有营业厅“main”" in err and "--as" in err

    # Under another code: its ids are taken by the first copy, so they move, references too.
    code, out, err = run(capsys, "copy", "--from", source, "--to", target, "--as", "east")
    assert code == 0, err
    assert "（main → east）" in out and "编号顺延" in out
    check_copied_hall_works(target, clock, code="east")


def test_copy_a_hall_between_sqlite_files(
    tmp_path: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    source = sqlite_url(tmp_path / "source.db")
    build_source(source, clock)
    copy_and_check(capsys, source, sqlite_url(tmp_path / "target.db"), clock)


def test_copy_refuses_a_missing_hall_and_an_older_source(tmp_path: Path, clock: FakeClock) -> None:
    source = sqlite_url(tmp_path / "source.db")
    build_source(source, clock)
    with pytest.raises(DbToolError, match="没有营业厅“west”（现有：main）"):
        copy_hall(source, sqlite_url(tmp_path / "t.db"), "west")
    old = sqlite_url(tmp_path / "old.db")
    database = Database(old)
    upgrade(database, "0005")
    database.dispose()
    with pytest.raises(DbToolError, match="db upgrade"):
        copy_hall(old, sqlite_url(tmp_path / "t2.db"))


def test_a_failed_copy_leaves_nothing_behind(tmp_path: Path, clock: FakeClock) -> None:
    source = sqlite_url(tmp_path / "source.db")
    build_source(source, clock)
    target = sqlite_url(tmp_path / "target.db")

    def fail_at(table: str, rows: int) -> None:
        if table == "tickets":
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        copy_hall(source, target, progress=fail_at)
    database = Database(target)
    with database.read() as conn:
        assert conn.execute(select(func.count()).select_from(m.Hall)).scalar_one() == 0
        assert conn.execute(select(func.count()).select_from(m.Staff)).scalar_one() == 0
    database.dispose()


# -- copy onto PostgreSQL ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def private_postgres() -> Iterator[str]:
    """A throwaway PostgreSQL cluster for this module; its server URL (the postgres database)."""
    try:
        with private_server() as server:
            yield server.url()
    except PgUnavailable as why:
        pytest.skip(f"{why}; or set HALL_TEST_POSTGRES")


@pytest.fixture
def postgres_db(db_url: str, request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh, empty PostgreSQL database: the test's own on HALL_TEST_POSTGRES's server, or
    one on the private cluster."""
    if make_url(db_url).get_backend_name() == "postgresql":
        yield db_url
        return
    server = request.getfixturevalue("private_postgres")
    name = f"hall_copy_{uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE {name} WITH (FORCE)")
        admin.dispose()


def test_copy_a_hall_from_sqlite_to_postgresql(
    tmp_path: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str], postgres_db: str
) -> None:
    source = sqlite_url(tmp_path / "source.db")
    build_source(source, clock)
    copy_and_check(capsys, source, postgres_db, clock)
    # The sequences went past the copied ids: new rows of both halls got fresh ones.
    engine = create_engine(postgres_db)
    with engine.connect() as conn:
        ids = conn.execute(select(m.Ticket.id)).scalars().all()
        assert len(ids) == len(set(ids)) == 4 + 2 + 4 + 2
        halls = dict(conn.execute(select(m.Hall.code, m.Hall.id)).all())
        assert set(halls) == {"main", "east"}
    engine.dispose()
