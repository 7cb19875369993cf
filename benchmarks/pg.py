"""The service cycle on PostgreSQL: 8 counter processes through the hall API, beside bare psycopg.

    .venv/bin/python benchmarks/run.py --only pg [--pg URL] [--rounds 3] [--cycles 300]

A hall with 8 clerks at 8 windows and ``8 × cycles`` waiting tickets over 8 business types is
prepared once in a template database; each run gets a fresh copy of it (``CREATE DATABASE …
TEMPLATE``). Then 8 processes each do ``cycles`` times call_next, start, finish:

- hall: through the hall API (``open_hall``, ``sign_in``, ``Desk.call_next/start/finish``);
- bare: plain psycopg 3 doing the same transactions: the guarded ``UPDATE … RETURNING`` whose
  subquery picks the next ticket ``FOR UPDATE SKIP LOCKED``, then the event-log ``INSERT``,
  committed, one transaction per state change.

Runs alternate (bare, hall, bare, hall, …) and medians are compared. After each run the event
log is checked: every ticket called once and finished once, none served twice.

Without ``--pg`` a private cluster is started (initdb into a temporary folder under /tmp, as the
``postgres`` user when run as root, on a free port with a Unix socket only) and removed after.
``--pg`` takes a server URL (``postgresql+psycopg://user@host/postgres``) whose user may create
databases; the benchmark's databases are dropped afterwards.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import statistics
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import uuid4

ROOT = Path(__file__).resolve().parent.parent
for path in (ROOT, ROOT / "tests"):  # the hall, and the private server the tests use too
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

# server_binaries: also how run.py tells whether PostgreSQL is here.
from pg_server import PgUnavailable, private_server, server_binaries  # noqa: E402, F401
from sqlalchemy import make_url  # noqa: E402

from hall import open_hall  # noqa: E402

COUNTERS = 8
BUSINESSES = ("A", "B", "C", "D", "E", "F", "G", "H")  # of the default menu, 999 a day each
PASSWORD = "bench-pass"
# 10:00 in Shanghai on an ordinary Monday: inside opening hours, far from midnight.
DAY_START = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)


def running_clock():  # type: ignore[no-untyped-def]
    started = time.monotonic()
    return lambda: DAY_START + timedelta(seconds=time.monotonic() - started)


# -- the server -------------------------------------------------------------------------------


@contextmanager
def private_cluster() -> Iterator[str]:
    """A throwaway PostgreSQL cluster with default settings (fsync on); yields its server URL."""
    try:
        with private_server(durable=True) as server:
            yield server.url()
    except PgUnavailable as why:
        raise SystemExit(f"{why}; or give --pg URL") from None


def connect_args(url: str) -> dict[str, Any]:
    """psycopg.connect keywords for an SQLAlchemy URL."""
    parsed = make_url(url)
    args: dict[str, Any] = {"dbname": parsed.database or "postgres"}
    host = parsed.host or parsed.query.get("host")
    port = parsed.port or parsed.query.get("port")
    if host:
        args["host"] = host
    if port:
        args["port"] = int(port)  # type: ignore[arg-type]
    if parsed.username:
        args["user"] = parsed.username
    if parsed.password:
        args["password"] = parsed.password
    return args


def database_url(server: str, name: str) -> str:
    return make_url(server).set(database=name).render_as_string(hide_password=False)


def _admin(server: str):  # type: ignore[no-untyped-def]
    import psycopg

    return psycopg.connect(**connect_args(server), autocommit=True)


# -- preparing --------------------------------------------------------------------------------


def prepare(url: str, tickets: int) -> None:
    """A hall with a guide, COUNTERS clerks and windows, and ``tickets`` waiting."""
    hall = open_hall(url, clock=running_clock())
    hall.setup(hall_name="基准营业厅", lead_code="lead", lead_name="值班长", lead_password=PASSWORD)
    lead = hall.sign_in("lead", PASSWORD)
    lead.add_staff(code="guide", name="引导员", role="guide", password=PASSWORD)
    everything = [b.code for b in hall.snapshot().businesses]
    for n in range(1, COUNTERS + 1):
        lead.add_staff(code=f"clerk{n}", name=f"柜员{n}", role="clerk", password=PASSWORD)
        lead.save_window(n, businesses=everything)  # the default hall has 6 windows
    guide = hall.sign_in("guide", PASSWORD)
    for i in range(tickets):
        guide.issue_ticket(BUSINESSES[i % len(BUSINESSES)])
    hall.close()


# -- the counters -----------------------------------------------------------------------------


def hall_counter(url: str, window: int, cycles: int, ready, go, results) -> None:  # type: ignore[no-untyped-def]
    hall = open_hall(url, clock=running_clock())
    desk = hall.sign_in(f"clerk{window}", PASSWORD, window=window)
    ready.put(window)
    go.wait()
    started, cpu = time.perf_counter(), time.process_time()
    done = 0
    for _ in range(cycles):
        if desk.call_next() is None:
            break
        desk.start()
        desk.finish(outcome="served")
        done += 1
    results.put((done, time.perf_counter() - started, time.process_time() - cpu))
    hall.close()


CALL = (
    "UPDATE tickets SET status = 'called', window_id = %(window)s, clerk_id = %(staff)s,"
    " called_at = %(now)s, started_at = NULL, front_at = NULL"
    " WHERE id = (SELECT id FROM tickets WHERE hall_id = %(hall)s AND day = %(day)s"
    " AND status = 'waiting'"
    " AND business_id IN (SELECT business_id FROM window_businesses WHERE window_id = %(window)s)"
    " ORDER BY priority DESC, front_at IS NULL, front_at, issued_at, id LIMIT 1"
    " FOR UPDATE SKIP LOCKED)"
    " AND NOT EXISTS (SELECT 1 FROM tickets WHERE window_id = %(window)s"
    " AND status IN ('called', 'serving'))"
    " AND NOT EXISTS (SELECT 1 FROM windows WHERE id = %(window)s AND paused_reason IS NOT NULL)"
    " RETURNING id, business_id, day"
)
START = (
    "UPDATE tickets SET status = 'serving', started_at = %(now)s"
    " WHERE window_id = %(window)s AND status = 'called' RETURNING id, business_id, day"
)
FINISH = (
    "UPDATE tickets SET status = 'done', finished_at = %(now)s, outcome = 'served',"
    " note = NULL, clerk_id = %(staff)s"
    " WHERE window_id = %(window)s AND status IN ('called', 'serving')"
    " RETURNING id, business_id, day"
)
LOG = (
    "INSERT INTO ticket_events (hall_id, ticket_id, day, code, at, staff_id, window_id,"
    " business_id, detail) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, NULL)"
)


def bare_counter(url: str, window: int, cycles: int, ready, go, results) -> None:  # type: ignore[no-untyped-def]
    """The same three state changes in plain psycopg, with the same guards and log rows."""
    import psycopg

    conn = psycopg.connect(**connect_args(url), autocommit=True)
    hall_id, day = conn.execute("SELECT hall_id, day FROM tickets LIMIT 1").fetchone()  # type: ignore[misc]
    window_id = conn.execute(
        "SELECT id FROM windows WHERE hall_id = %s AND number = %s", (hall_id, window)
    ).fetchone()[0]  # type: ignore[index]
    staff_id = conn.execute(
        "SELECT id FROM staff WHERE hall_id = %s AND code = %s", (hall_id, f"clerk{window}")
    ).fetchone()[0]  # type: ignore[index]
    params = {"window": window_id, "staff": staff_id, "hall": hall_id, "day": day}
    cur = conn.cursor()

    def change(sql: str, code: str) -> bool:
        now = datetime.now(UTC)
        with conn.transaction():
            row = cur.execute(sql, {**params, "now": now}).fetchone()
            if row is not None:
                cur.execute(LOG, (hall_id, row[0], row[2], code, now, staff_id, window_id, row[1]))
        return row is not None

    ready.put(window)
    go.wait()
    started, cpu = time.perf_counter(), time.process_time()
    done = 0
    for _ in range(cycles):
        if not change(CALL, "called"):
            break
        change(START, "started")
        change(FINISH, "finished")
        done += 1
    results.put((done, time.perf_counter() - started, time.process_time() - cpu))
    conn.close()


WORKERS = {"hall": hall_counter, "bare": bare_counter}


def counter_process(kind: str, url: str, window: int, cycles: int, ready, go, results) -> None:  # type: ignore[no-untyped-def]
    """One counter; a crash is reported to the parent instead of leaving it waiting."""
    try:
        WORKERS[kind](url, window, cycles, ready, go, results)
    except BaseException as exc:
        ready.put(window)
        results.put((-1, repr(exc), 0.0))
        raise


# -- running ----------------------------------------------------------------------------------


def run_counters(kind: str, server: str, template: str, cycles: int) -> tuple[float, float]:
    """State changes per second of COUNTERS processes of ``kind`` on a fresh copy of the hall,
    and the client processes' CPU milliseconds per state change."""
    name = f"hall_bench_{kind}_{uuid4().hex[:8]}"
    with _admin(server) as admin:
        admin.execute(f"CREATE DATABASE {name} TEMPLATE {template}")
    url = database_url(server, name)
    try:
        ctx = mp.get_context("spawn")
        ready, results, go = ctx.Queue(), ctx.Queue(), ctx.Event()
        procs = [
            ctx.Process(target=counter_process, args=(kind, url, n, cycles, ready, go, results))
            for n in range(1, COUNTERS + 1)
        ]
        for proc in procs:
            proc.start()
        for _ in procs:
            ready.get(timeout=120)
        started = time.perf_counter()
        go.set()
        outcomes = [results.get(timeout=600) for _ in procs]
        elapsed = time.perf_counter() - started
        for proc in procs:
            proc.join()
        failures = [detail for done, detail, _cpu in outcomes if done < 0]
        if failures:
            raise SystemExit(f"a counter process failed: {failures[0]}")
        total = sum(done for done, _, _cpu in outcomes)
        cpu_s = sum(cpu for _, _, cpu in outcomes)
        if total != cycles * COUNTERS:
            raise SystemExit(f"only {total} of {cycles * COUNTERS} cycles ran")
        check_no_double_service(url, total)
    finally:
        with _admin(server) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    return 3 * total / elapsed, 1000 * cpu_s / (3 * total)


def check_no_double_service(url: str, cycles: int) -> None:
    """Every ticket called once and finished once; the counts match the cycles run."""
    import psycopg

    with psycopg.connect(**connect_args(url)) as conn:
        for code in ("called", "started", "finished"):
            total, distinct = conn.execute(
                "SELECT count(*), count(DISTINCT ticket_id) FROM ticket_events WHERE code = %s",
                (code,),
            ).fetchone()  # type: ignore[misc]
            if total != cycles or distinct != cycles:
                raise SystemExit(
                    f"double service: {total} '{code}' events of {distinct} tickets for {cycles}"
                )
        done = conn.execute("SELECT count(*) FROM tickets WHERE status = 'done'").fetchone()[0]  # type: ignore[index]
        if done != cycles:
            raise SystemExit(f"{done} tickets done for {cycles} cycles")


def server_facts(server: str) -> dict[str, object]:
    with _admin(server) as admin:
        facts: dict[str, object] = {
            "version": admin.execute("SHOW server_version").fetchone()[0],  # type: ignore[index]
        }
        for setting in ("fsync", "synchronous_commit", "shared_buffers", "max_connections"):
            facts[setting] = admin.execute(f"SHOW {setting}").fetchone()[0]  # type: ignore[index]
    facts["cpus"] = os.cpu_count()
    return facts


def bench_pg(rounds: int, cycles: int, server: str | None, emit) -> None:  # type: ignore[no-untyped-def]
    """The PostgreSQL service-cycle benchmark; ``emit(figure, **values)`` prints one figure."""
    if COUNTERS * cycles > 999 * len(BUSINESSES):
        raise SystemExit(f"--cycles at most {999 * len(BUSINESSES) // COUNTERS} (daily caps)")
    if server is None:
        with private_cluster() as private:
            _bench(rounds, cycles, private, "private cluster (initdb defaults)", emit)
    else:
        _bench(rounds, cycles, server, make_url(server).render_as_string(hide_password=True), emit)


def _bench(rounds: int, cycles: int, server: str, label: str, emit) -> None:  # type: ignore[no-untyped-def]
    template = f"hall_bench_template_{uuid4().hex[:8]}"
    with _admin(server) as admin:
        admin.execute(f"CREATE DATABASE {template}")
    try:
        started = time.perf_counter()
        prepare(database_url(server, template), tickets=COUNTERS * cycles)
        emit(
            "pg_server",
            server=label,
            prepare_s=round(time.perf_counter() - started, 1),
            **server_facts(server),
        )
        bare, ours, bare_cpu, our_cpu = [], [], [], []
        for _ in range(rounds):
            rate, cpu = run_counters("bare", server, template, cycles)
            bare.append(rate)
            bare_cpu.append(cpu)
            rate, cpu = run_counters("hall", server, template, cycles)
            ours.append(rate)
            our_cpu.append(cpu)
    finally:
        with _admin(server) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {template} WITH (FORCE)")
    bare_median, ours_median = statistics.median(bare), statistics.median(ours)
    emit(
        "pg_bare_psycopg_same_transactions",
        processes=COUNTERS,
        per_s=round(bare_median),
        rounds=[round(x) for x in bare],
        client_cpu_ms_per_change=round(statistics.median(bare_cpu), 3),
    )
    emit(
        "pg_service_cycle_state_changes",
        processes=COUNTERS,
        per_s=round(ours_median),
        cycles_per_s=round(ours_median / 3),
        rounds=[round(x) for x in ours],
        client_cpu_ms_per_change=round(statistics.median(our_cpu), 3),
    )
    emit(
        "pg_service_cycle_ratio",
        to_bare_psycopg=round(ours_median / bare_median, 3),
        pairs=[round(o / b, 3) for o, b in zip(ours, bare, strict=True)],
        double_service=0,
    )
