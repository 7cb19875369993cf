"""Process entry points for the multi-process tests (test_concurrency.py, test_crash.py).

The tests start these with ``multiprocessing.get_context("spawn")``: every child is a fresh
interpreter that imports this module by name and opens the hall database itself, exactly as a
second workstation would. Nothing here imports pytest or the conftest.

Children talk to the parent through a queue or a pipe. Every child reports a failure as
``("error", who, traceback)`` instead of dying silently, so that the parent can fail clearly.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
import traceback
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import event

from hall import open_hall

PASSWORD = "secret-123"  # of the staff the multi-process tests add for their children


class SharedClock:
    """A running clock that every process agrees on.

    ``base`` plus the time elapsed on the system-wide monotonic clock since ``t0`` (a
    ``time.monotonic()`` reading taken in the parent). On Linux CLOCK_MONOTONIC is the same for all
    processes, so timestamps written by different processes are comparable, and all of them stay
    on one business day inside the opening hours.
    """

    def __init__(self, base: datetime, t0: float) -> None:
        if base.tzinfo is None:
            raise ValueError("base must be aware")
        self.base = base
        self.t0 = t0

    def __call__(self) -> datetime:
        return self.base + timedelta(seconds=time.monotonic() - self.t0)


def _report_error(out: Any, who: str) -> None:
    with contextlib.suppress(Exception):  # else the parent sees the exit code instead
        out.put(("error", who, traceback.format_exc()))


# -- test_concurrency --------------------------------------------------------------------------


def die_before_commit_number(hall: Any, number: int, out: Any) -> None:
    """Kill this process (SIGKILL) in its ``number``-th write transaction, after all its
    statements and just before COMMIT, having sent ``("dying", in_transaction)`` on ``out``."""
    commits = 0

    @event.listens_for(hall.database.writer, "commit")
    def _die(connection: Any) -> None:
        nonlocal commits
        commits += 1
        if commits == number:
            out.send(("dying", _driver_in_transaction(connection.connection.driver_connection)))
            os.kill(os.getpid(), signal.SIGKILL)


def _driver_in_transaction(driver: Any) -> bool:
    """Whether the database itself has a transaction open on this driver connection."""
    if hasattr(driver, "in_transaction"):  # sqlite3
        return bool(driver.in_transaction)
    return driver.info.transaction_status.name == "INTRANS"  # psycopg


def issuer(
    url: str,
    clock: SharedClock,
    code: str,
    business: str,
    count: int,
    priority_every: int,
    ready: Any,
    go: Any,
    out: Any,
) -> None:
    """A ticket desk issuing ``count`` tickets of one business as fast as it can.

    Every ``priority_every``-th ticket (0: none) is a priority ticket. Reports
    ``("issued", code, [(number, priority), ...])`` once done; a number is only listed after
    ``issue_ticket`` returned, i.e. after its transaction committed.
    """
    who = f"issuer {code}"
    try:
        hall = open_hall(url, clock=clock)
        try:
            desk = hall.sign_in(code, PASSWORD)
            ready.put(("ready", who))
            go.wait()
            issued: list[tuple[str, bool]] = []
            for i in range(1, count + 1):
                reason = "老年客户" if priority_every and i % priority_every == 0 else None
                ticket = desk.issue_ticket(business, priority_reason=reason)
                issued.append((ticket.number, ticket.priority))
            out.put(("issued", code, issued))
        finally:
            hall.close()
    except BaseException:
        _report_error(out, who)
        raise


def counter(
    url: str,
    clock: SharedClock,
    code: str,
    window: int,
    max_tickets: int,
    use_start: bool,
    ready: Any,
    go: Any,
    no_more_tickets: Any,
    out: Any,
) -> None:
    """A clerk at ``window`` calling, (starting) and finishing tickets as fast as it can.

    It stops after ``max_tickets`` tickets, or when ``call_next`` finds nothing although
    ``no_more_tickets`` was already set before that call (nothing can arrive any more). Reports
    ``("served", window, [number, ...])`` in the order this window called them.
    """
    who = f"counter {code} at window {window}"
    try:
        hall = open_hall(url, clock=clock)
        try:
            desk = hall.sign_in(code, PASSWORD, window=window)
            ready.put(("ready", who))
            go.wait()
            served: list[str] = []
            while len(served) < max_tickets:
                finished_issuing = no_more_tickets.is_set()
                ticket = desk.call_next()
                if ticket is None:
                    if finished_issuing:
                        break
                    # Not a fixed sleep: wakes as soon as the issuers are done.
                    no_more_tickets.wait(0.002)
                    continue
                if ticket.window != window:
                    raise AssertionError(f"{ticket.number} called for window {ticket.window}")
                if use_start:
                    desk.start()
                done = desk.finish(outcome="served")
                if done.number != ticket.number:
                    raise AssertionError(f"called {ticket.number} but finished {done.number}")
                served.append(ticket.number)
            out.put(("served", window, served))
        finally:
            hall.close()
    except BaseException:
        _report_error(out, who)
        raise


def opener(url: str, clock: SharedClock, ready: Any, go: Any, out: Any) -> None:
    """Opens (creating and migrating) a database at the same moment as others."""
    who = "opener"
    try:
        ready.put(("ready", who))
        go.wait()
        hall = open_hall(url, clock=clock)
        try:
            out.put(("opened", hall.needs_setup))
        finally:
            hall.close()
    except BaseException:
        _report_error(out, who)
        raise


# -- test_crash --------------------------------------------------------------------------------


def busy_hall(
    url: str,
    clock: SharedClock,
    guide_code: str,
    clerks: dict[int, str],
    businesses: tuple[str, ...],
    priority_every: int,
    die_before_commit: int,
    conn: Any,
) -> None:
    """Issue and call in a tight loop until killed, reporting every committed step on ``conn``.

    With ``die_before_commit`` = N > 0 the process kills itself (SIGKILL) in its N-th write
    transaction of the loop, after all the transaction's statements and just before its COMMIT,
    having sent ``("dying", in_transaction)``. Otherwise the parent kills it.

    ``conn`` is the sending end of a one-way pipe; ``send`` writes each small message whole (one
    atomic pipe write) before the loop goes on, so the parent has every report made before the
    kill and never half of one. Messages, each sent after the call returned (= committed):

    - ``("issued", number, priority)``
    - ``("called", number, window)``, ``("started", number, window)``,
      ``("finished", number, window)``

    Windows (keys of ``clerks``, at least four): before the loop, the third is left serving a
    ticket and the fourth with a called one, so that a kill at any moment leaves open tickets
    behind. In the loop the first window calls, starts and finishes one ticket a round and the
    second alternates between calling + starting and finishing, while two tickets are issued a
    round: the queue keeps growing.
    """
    try:
        hall = open_hall(url, clock=clock)
        guide = hall.sign_in(guide_code, PASSWORD)
        desks = {w: hall.sign_in(code, PASSWORD, window=w) for w, code in clerks.items()}
        w1, w2, w3, w4 = sorted(desks)[:4]
        issued = 0

        def issue(business: str) -> None:
            nonlocal issued
            issued += 1
            reason = "孕妇" if priority_every and issued % priority_every == 0 else None
            ticket = guide.issue_ticket(business, priority_reason=reason)
            conn.send(("issued", ticket.number, ticket.priority))

        def call(window: int) -> bool:
            ticket = desks[window].call_next()
            if ticket is None:
                return False
            conn.send(("called", ticket.number, window))
            return True

        def start(window: int) -> None:
            ticket = desks[window].start()
            conn.send(("started", ticket.number, window))

        def finish(window: int) -> None:
            ticket = desks[window].finish(outcome="served")
            conn.send(("finished", ticket.number, window))

        for business in businesses:
            issue(business)
        for window in (w3, w4):
            if desks[window].current_ticket() is None and not call(window):
                issue(businesses[0])
                call(window)
        if desks[w3].current_ticket().status == "called":  # type: ignore[union-attr]
            start(w3)
        conn.send(("looping",))
        if die_before_commit:
            die_before_commit_number(hall, die_before_commit, conn)

        while True:
            for business in businesses[:2]:
                issue(business)
            if call(w1):
                start(w1)
                finish(w1)
            if desks[w2].current_ticket() is None:
                if call(w2):
                    start(w2)
            else:
                finish(w2)
    except BaseException:
        with contextlib.suppress(Exception):
            conn.send(("error", "busy hall", traceback.format_exc()))
        raise


def hold_write_lock(url: str, clock: SharedClock, rows: int, never: Any, conn: Any) -> None:
    """Open a write transaction, change a lot, say so, and wait to be killed before committing.

    The change: the hall's notice, every waiting ticket set to done, and ``rows`` bulky event rows
    (more than SQLite's page cache holds, so that uncommitted pages spill into the WAL file).
    """
    from sqlalchemy import text

    try:
        hall = open_hall(url, clock=clock)
        padded = (
            "printf('%0200d', n.value)"
            if hall.database.is_sqlite
            else "lpad(n.value::text, 200, '0')"
        )
        with hall.database.write() as db:
            db.execute(text("UPDATE halls SET notice = 'UNCOMMITTED'"))
            changed = db.execute(
                text("UPDATE tickets SET status = 'done' WHERE status = 'waiting'")
            ).rowcount
            db.execute(
                text(
                    "INSERT INTO ticket_events (hall_id, ticket_id, day, code, at, staff_id,"
                    " window_id, business_id, detail)"
                    " SELECT t.hall_id, t.id, t.day, 'finished', t.issued_at, NULL, NULL,"
                    f" t.business_id, {padded}"
                    " FROM tickets AS t,"
                    " (WITH RECURSIVE c(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM c"
                    "  WHERE value < :rows) SELECT value FROM c) AS n"
                    " WHERE t.id = (SELECT min(id) FROM tickets)"
                ),
                {"rows": rows},
            )
            conn.send(("holding", changed))
            # Wait for the kill. ``never`` is never set; should the parent forget this process,
            # the error below rolls the transaction back instead of committing it.
            never.wait(120)
            raise RuntimeError("still alive: the parent should have killed this process")
    except BaseException:
        with contextlib.suppress(Exception):
            conn.send(("error", "lock holder", traceback.format_exc()))
        raise


# -- the parent's side -------------------------------------------------------------------------


def collect(
    out: Any,
    procs: list[Any],
    count: int,
    timeout: float,
    what: str,
    *,
    kind: str | None = None,
    got: list[tuple[Any, ...]] | None = None,
) -> list[tuple[Any, ...]]:
    """Messages from the children's queue ``out`` until ``got`` holds ``count`` of ``kind`` (of
    any kind: None), failing clearly on trouble. Returns those of ``kind``; ``got`` keeps all.

    Fails at once with the child's traceback when a child reports an error, when a child died
    without a word (killed, or crashed in C), and after ``timeout`` seconds.
    """
    import queue as queue_module

    deadline = time.monotonic() + timeout
    got = [] if got is None else got

    def wanted() -> list[tuple[Any, ...]]:
        return [m for m in got if kind is None or m[0] == kind]

    while len(wanted()) < count:
        try:
            message = out.get(timeout=0.2)
        except queue_module.Empty:
            dead = [p for p in procs if p.exitcode not in (None, 0)]
            if dead:
                raise AssertionError(
                    f"waiting for {what}: child {dead[0].name} died with exit code"
                    f" {dead[0].exitcode} (got {len(wanted())} of {count} messages)"
                ) from None
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"waiting for {what}: no answer after {timeout:.0f} s"
                    f" (got {len(wanted())} of {count} messages: {got!r:.500})"
                ) from None
            continue
        if message[0] == "error":
            raise AssertionError(f"{message[1]} failed in its process:\n{message[2]}")
        got.append(message)
    return wanted()


def stop_all(procs: list[Any]) -> None:
    """Kill whatever is still running of the children started by a test, and reap them."""
    for proc in procs:
        if proc.pid is not None and proc.exitcode is None:
            proc.kill()
    for proc in procs:
        if proc.pid is not None:
            proc.join(timeout=10)
