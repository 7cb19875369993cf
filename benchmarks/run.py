"""Benchmarks of Hall Desk. Prints one JSON object per figure.

    .venv/bin/python benchmarks/run.py [--only cycle|sheet|pg] [--rounds 3] [--cycles 300]
                                       [--sheet-runs 15] [--fresh] [--pg URL]

Without --only, all run: the service cycle, the daily sheet, then the PostgreSQL service cycle
when PostgreSQL is there (--pg, or initdb installed for a private cluster).

service cycle (--only cycle): 4 counter processes each do call_next, start, finish through the
hall API on one SQLite file, competing for the same queue. Beside it, in the same run, bare
sqlite3 in 4 processes does the same state changes on the same schema, one committed transaction
each: the physical limit of the machine. Runs alternate (bare, hall, bare, hall, …) and medians
are quoted, because the machine is shared and noisy; the figure that matters is the ratio.

daily sheet (--only sheet, benchmarks/sheet.py): a lead's ``daily_sheet(day)`` for the last day
of a hall with 7 days of history and of one with 365 days, at 3,000 tickets a day (with their
events, ratings, payments, pauses and applications, written in bulk into the schema). One
warm-up each, then the median of --sheet-runs runs, alternating between the two databases.
Figures: ``daily_sheet_ms`` for each history (wall time, and the process's CPU time beside it,
less disturbed by other processes), ``daily_sheet_day_rows`` (the day's rows and the history's
size), ``daily_sheet_ratio`` (target: the 365-day time at most 1.5 times the 7-day one and under
200 ms), one ``daily_sheet_query`` per statement of the sheet (its EXPLAIN QUERY PLAN on the long
history, whether every step reads only the day's rows through an index on (hall, day) or a
two-sided (hall, time) range, and its own time on both histories) and ``daily_sheet_plans``, the
statements that read history. The databases are generated once (about 1.5 minutes) and cached
under /tmp/hall-bench-sheet by a key of the generator and the schema; --fresh rebuilds them.

PostgreSQL service cycle (--only pg, benchmarks/pg.py): 8 counter processes doing call_next,
start, finish through the hall API against PostgreSQL, beside 8 processes of bare psycopg doing
the same transactions (the guarded UPDATE … RETURNING with its FOR UPDATE SKIP LOCKED subquery
and the event-log INSERT), alternating, medians and their ratio; no ticket served twice. On the
server of --pg URL, or on a private cluster started (and removed) for the run.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hall import open_hall  # noqa: E402

from benchmarks.pg import bench_pg, server_binaries  # noqa: E402
from benchmarks.sheet import bench_sheet  # noqa: E402

COUNTERS = 4
BUSINESSES = ("A", "B", "C", "D")
PASSWORD = "bench-pass"
# 10:00 in Shanghai on an ordinary Monday: inside opening hours, far from midnight.
DAY_START = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)


def running_clock():  # type: ignore[no-untyped-def]
    started = time.monotonic()
    return lambda: DAY_START + timedelta(seconds=time.monotonic() - started)


def emit(figure: str, **values: object) -> None:
    print(json.dumps({"figure": figure, **values}, ensure_ascii=False), flush=True)


def prepare(path: Path, tickets: int) -> None:
    """A hall with four clerks and ``tickets`` waiting, spread over four business types."""
    hall = open_hall(f"sqlite:///{path}", clock=running_clock())
    hall.setup(hall_name="基准营业厅", lead_code="lead", lead_name="值班长", lead_password=PASSWORD)
    lead = hall.sign_in("lead", PASSWORD)
    lead.add_staff(code="guide", name="引导员", role="guide", password=PASSWORD)
    for n in range(1, COUNTERS + 1):
        lead.add_staff(code=f"clerk{n}", name=f"柜员{n}", role="clerk", password=PASSWORD)
    guide = hall.sign_in("guide", PASSWORD)
    for i in range(tickets):
        guide.issue_ticket(BUSINESSES[i % len(BUSINESSES)])
    hall.close()


def hall_counter(path: str, window: int, cycles: int, ready, go, results) -> None:  # type: ignore[no-untyped-def]
    hall = open_hall(f"sqlite:///{path}", clock=running_clock())
    desk = hall.sign_in(f"clerk{window}", PASSWORD, window=window)
    ready.put(window)
    go.wait()
    started = time.perf_counter()
    done = 0
    for _ in range(cycles):
        if desk.call_next() is None:
            break
        desk.start()
        desk.finish(outcome="served")
        done += 1
    results.put((done, time.perf_counter() - started))
    hall.close()


def bare_counter(path: str, window: int, cycles: int, ready, go, results) -> None:  # type: ignore[no-untyped-def]
    """The same three state changes in plain sqlite3, with the same guards and log rows."""
    conn = sqlite3.connect(path, timeout=30, isolation_level=None)
    for pragma in ("journal_mode=WAL", "busy_timeout=30000", "synchronous=FULL", "foreign_keys=ON"):
        conn.execute("PRAGMA " + pragma)
    hall_id, day = conn.execute("SELECT hall_id, day FROM tickets LIMIT 1").fetchone()
    window_id = conn.execute(
        "SELECT id FROM windows WHERE hall_id = ? AND number = ?", (hall_id, window)
    ).fetchone()[0]
    staff_id = conn.execute("SELECT id FROM staff WHERE code = ?", (f"clerk{window}",)).fetchone()[
        0
    ]
    call = (
        "UPDATE tickets SET status = 'called', window_id = :window, clerk_id = :staff,"
        " called_at = :now"
        " WHERE id = (SELECT id FROM tickets WHERE hall_id = :hall AND day = :day"
        " AND status = 'waiting'"
        " AND business_id IN (SELECT business_id FROM window_businesses WHERE window_id = :window)"
        " ORDER BY priority DESC, front_at IS NULL, front_at, issued_at, id LIMIT 1)"
        " AND NOT EXISTS (SELECT 1 FROM tickets WHERE window_id = :window"
        " AND status IN ('called', 'serving'))"
        " AND NOT EXISTS (SELECT 1 FROM windows WHERE id = :window AND paused_reason IS NOT NULL)"
        " RETURNING id, business_id, day"
    )
    start = (
        "UPDATE tickets SET status = 'serving', started_at = :now "
        "WHERE window_id = :window AND status = 'called' RETURNING id, business_id, day"
    )
    finish = (
        "UPDATE tickets SET status = 'done', finished_at = :now, outcome = 'served',"
        " clerk_id = :staff"
        " WHERE window_id = :window AND status IN ('called', 'serving')"
        " RETURNING id, business_id, day"
    )
    log = (
        "INSERT INTO ticket_events (hall_id, ticket_id, day, code, at, staff_id, window_id,"
        " business_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)"
    )
    params = {"window": window_id, "staff": staff_id, "hall": hall_id, "day": day}

    def change(sql: str, code: str) -> bool:
        now = datetime.now(UTC).replace(tzinfo=None).isoformat(" ")
        conn.execute("BEGIN IMMEDIATE")
        row = conn.execute(sql, {**params, "now": now}).fetchone()
        if row is not None:
            conn.execute(log, (hall_id, row[0], row[2], code, now, staff_id, window_id, row[1]))
        conn.execute("COMMIT")
        return row is not None

    ready.put(window)
    go.wait()
    started = time.perf_counter()
    done = 0
    for _ in range(cycles):
        if not change(call, "called"):
            break
        change(start, "started")
        change(finish, "finished")
        done += 1
    results.put((done, time.perf_counter() - started))
    conn.close()


def minimal_counter(path: str, window: int, cycles: int, ready, go, results) -> None:  # type: ignore[no-untyped-def]
    """The floor of any design: one committed one-row UPDATE per state change, nothing else."""
    conn = sqlite3.connect(path, timeout=30, isolation_level=None)
    for pragma in ("journal_mode=WAL", "busy_timeout=30000", "synchronous=FULL", "foreign_keys=ON"):
        conn.execute("PRAGMA " + pragma)
    ids = [
        row[0]
        for row in conn.execute(
            "SELECT id FROM tickets ORDER BY id LIMIT ? OFFSET ?", (cycles, (window - 1) * cycles)
        )
    ]
    ready.put(window)
    go.wait()
    started = time.perf_counter()
    for ticket_id in ids:
        for status in ("called", "serving", "done"):
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("UPDATE tickets SET status = ? WHERE id = ?", (status, ticket_id))
            conn.execute("COMMIT")
    results.put((len(ids), time.perf_counter() - started))
    conn.close()


WORKERS = {"hall": hall_counter, "bare": bare_counter, "minimal": minimal_counter}


def counter_process(kind: str, path: str, window: int, cycles: int, ready, go, results) -> None:  # type: ignore[no-untyped-def]
    """One counter; a crash is reported to the parent instead of leaving it waiting."""
    try:
        WORKERS[kind](path, window, cycles, ready, go, results)
    except BaseException as exc:
        ready.put(window)
        results.put((-1, repr(exc)))
        raise


def run_counters(kind: str, template: Path, cycles: int) -> float:
    """State changes per second of COUNTERS processes of ``kind`` on a copy of the file."""
    work = Path(tempfile.mkdtemp(prefix="hall-bench-"))
    path = work / "hall.db"
    shutil.copy(template, path)
    ctx = mp.get_context("spawn")
    ready, results, go = ctx.Queue(), ctx.Queue(), ctx.Event()
    procs = [
        ctx.Process(target=counter_process, args=(kind, str(path), n, cycles, ready, go, results))
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
    failures = [detail for done, detail in outcomes if done < 0]
    if failures:
        raise SystemExit(f"a counter process failed: {failures[0]}")
    total = sum(done for done, _ in outcomes)
    if total != cycles * COUNTERS:
        raise SystemExit(f"only {total} of {cycles * COUNTERS} cycles ran")
    if kind != "minimal":
        check_no_double_service(path, total)
    shutil.rmtree(work)
    return 3 * total / elapsed


def check_no_double_service(path: Path, cycles: int) -> None:
    conn = sqlite3.connect(path)
    called = conn.execute("SELECT count(*) FROM ticket_events WHERE code = 'called'").fetchone()[0]
    distinct = conn.execute(
        "SELECT count(DISTINCT ticket_id) FROM ticket_events WHERE code = 'called'"
    ).fetchone()[0]
    conn.close()
    if called != cycles or distinct != cycles:
        raise SystemExit(f"double service: {called} calls of {distinct} tickets for {cycles}")


def bench_service_cycle(rounds: int, cycles: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="hall-bench-template-"))
    template = work / "template.db"
    prepare(template, tickets=COUNTERS * cycles)
    minimal, bare, ours = [], [], []
    for _ in range(rounds):
        minimal.append(run_counters("minimal", template, cycles))
        bare.append(run_counters("bare", template, cycles))
        ours.append(run_counters("hall", template, cycles))
    shutil.rmtree(work)
    minimal_median = statistics.median(minimal)
    bare_median, ours_median = statistics.median(bare), statistics.median(ours)
    emit(
        "bare_sqlite3_one_row_update_per_transaction",
        processes=COUNTERS,
        per_s=round(minimal_median),
        rounds=[round(x) for x in minimal],
    )
    emit(
        "bare_sqlite3_same_state_changes",
        processes=COUNTERS,
        per_s=round(bare_median),
        rounds=[round(x) for x in bare],
    )
    emit(
        "service_cycle_state_changes",
        processes=COUNTERS,
        per_s=round(ours_median),
        cycles_per_s=round(ours_median / 3),
        rounds=[round(x) for x in ours],
    )
    emit(
        "service_cycle_ratio",
        to_same_state_changes=round(ours_median / bare_median, 3),
        to_one_row_update=round(ours_median / minimal_median, 3),
        target=0.25,
        met=ours_median / minimal_median >= 0.25,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("cycle", "sheet", "pg"), help="run one benchmark only")
    parser.add_argument("--rounds", type=int, default=3, help="service cycle: rounds")
    parser.add_argument("--cycles", type=int, default=300, help="cycles per counter process")
    parser.add_argument("--sheet-runs", type=int, default=15, help="daily sheet: timed runs")
    parser.add_argument(
        "--fresh", action="store_true", help="daily sheet: regenerate the cached histories"
    )
    parser.add_argument(
        "--pg",
        metavar="URL",
        help="PostgreSQL server for --only pg, e.g. postgresql+psycopg://user@host/postgres "
        "(default: a private cluster started for the run)",
    )
    args = parser.parse_args()
    if args.only in (None, "cycle"):
        bench_service_cycle(args.rounds, args.cycles)
    if args.only in (None, "sheet"):
        bench_sheet(runs=args.sheet_runs, fresh=args.fresh)
    if args.only == "pg" or (args.only is None and (args.pg or server_binaries())):
        bench_pg(args.rounds, args.cycles, args.pg, emit)
    elif args.only is None:
        emit("pg_skipped", reason="no PostgreSQL: give --pg URL or install postgresql (initdb)")


if __name__ == "__main__":
    main()
