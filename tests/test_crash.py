"""A process killed at any moment loses nothing, and the hall restarts after it.

A child process (tests/procs.py) issues and calls in a tight loop on the database (an SQLite file,
or with HALL_TEST_POSTGRES a PostgreSQL database) and reports
every step on a pipe after the call returned, i.e. after its transaction committed. The parent
kills it with SIGKILL after a random number of reports (not after a blind sleep), reads whatever
it had reported, and reopens the database: every reported ticket is there in the reported state
(at most one single step further, committed in the instant between the commit and the report),
every waiting ticket waits in its place, and every ticket being served is still at its window,
where the clerk signs in again, finishes it and calls the next one. Then the next child opens the
same database and carries on.
"""

from __future__ import annotations

import os
import random
import signal
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # spawned children get this sys.path and import tests.procs
    sys.path.insert(0, str(ROOT))

import multiprocessing as mp  # noqa: E402

from hall import open_hall  # noqa: E402
from hall.desk import Desk  # noqa: E402
from hall.facade import Hall  # noqa: E402

from tests import procs  # noqa: E402
from tests.dbprobe import integrity, is_sqlite, rows, write_lock_is_free  # noqa: E402
from tests.procs import SharedClock  # noqa: E402

pytestmark = pytest.mark.slow

MONDAY_10AM = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
SPAWN = mp.get_context("spawn")
START_TIMEOUT_S = 60
GUIDE = "g1"
CLERKS = {1: "c1", 2: "c2", 3: "c3", 4: "c4"}
BUSINESSES = ("A", "B")
ROUNDS = 10
# One step of a ticket in the child's loop, as the parent can tell from the database.
NEXT_STATE = {None: "waiting", "waiting": "called", "called": "serving", "serving": "done"}
# The state a ticket is in after the last entry of its event log.
STATE_AFTER = {"issued": "waiting", "called": "called", "started": "serving", "finished": "done"}


@pytest.fixture
def clock() -> SharedClock:
    """Overrides conftest's FakeClock: a running clock shared with the children."""
    return SharedClock(MONDAY_10AM, time.monotonic())


def add_staff(lead: Desk) -> None:
    lead.add_staff(code=GUIDE, name="孙引导", role="guide", password=procs.PASSWORD)
    for code in CLERKS.values():
        lead.add_staff(code=code, name=f"柜员{code}", role="clerk", password=procs.PASSWORD)


@dataclass
class Book:
    """What the parent knows of every ticket: from the child's reports and its own moves."""

    state: dict[str, str] = field(default_factory=dict)
    window: dict[str, int | None] = field(default_factory=dict)
    priority: dict[str, bool] = field(default_factory=dict)
    issue_order: dict[str, int] = field(default_factory=dict)

    def issued(self, number: str, priority: bool) -> None:
        assert number not in self.state, f"{number} reported as issued twice"
        self.state[number] = "waiting"
        self.window[number] = None
        self.priority[number] = priority
        self.issue_order[number] = len(self.issue_order)

    def moved(self, number: str, state: str, window: int) -> None:
        self.state[number] = state
        self.window[number] = window

    def apply(self, message: tuple) -> None:  # type: ignore[type-arg]
        kind = message[0]
        if kind == "error":
            raise AssertionError(f"{message[1]} failed in its process:\n{message[2]}")
        if kind == "issued":
            self.issued(message[1], message[2])
        elif kind in ("called", "started", "finished"):
            state = {"called": "called", "started": "serving", "finished": "done"}[kind]
            self.moved(message[1], state, message[2])
        else:
            assert kind in ("looping", "dying"), message

    def waiting_in_call_order(self) -> list[str]:
        waiting = [n for n, s in self.state.items() if s == "waiting"]
        return sorted(waiting, key=lambda n: (not self.priority[n], self.issue_order[n]))

    def open_at_windows(self) -> dict[str, int | None]:
        return {n: self.window[n] for n, s in self.state.items() if s in ("called", "serving")}


def event_count(url: str) -> int:
    return rows(url, "SELECT count(*) AS n FROM ticket_events")[0]["n"]


def database_tickets(url: str) -> dict[str, Mapping[str, Any]]:
    return {
        row["number"]: row
        for row in rows(
            url,
            "SELECT t.number, t.status, t.priority, w.number AS window FROM tickets AS t"
            " LEFT JOIN windows AS w ON w.id = t.window_id",
        )
    }


def run_and_kill(
    url: str, clock: SharedClock, book: Book, *, parent_kills_after: int = 0, die_at: int = 0
) -> int:
    """One busy child, killed after ``parent_kills_after`` reports of its loop, or killing itself
    just before the COMMIT of its ``die_at``-th write transaction of the loop. All it reported
    goes into ``book``. Returns how many reports of the loop it made."""
    receiver, sender = SPAWN.Pipe(duplex=False)
    child = SPAWN.Process(
        target=procs.busy_hall,
        args=(url, clock, GUIDE, CLERKS, BUSINESSES, 5, die_at, sender),
        name="busy-hall",
    )
    child.start()
    sender.close()  # the child holds the only sending end now: its death closes the pipe
    reports = 0
    try:
        looping = False
        deadline = time.monotonic() + START_TIMEOUT_S
        while die_at or not looping or reports < parent_kills_after:
            if not receiver.poll(max(0.0, deadline - time.monotonic())):
                raise AssertionError(
                    f"the busy child went quiet after {reports} reports"
                    f" (exit code {child.exitcode})"
                )
            try:
                message = receiver.recv()
            except EOFError:
                assert die_at, f"the busy child died on its own (exit code {child.exitcode})"
                break
            book.apply(message)
            if message[0] == "dying":
                assert message[1] is True, "the child was not inside a transaction"
            reports += looping and message[0] not in ("looping", "dying")
            looping = looping or message[0] == "looping"
        if not die_at:
            child.kill()
        child.join(timeout=30)
        assert child.exitcode == -signal.SIGKILL, f"child ended with {child.exitcode}"
        reports += drain(receiver, book)
    finally:
        procs.stop_all([child])
        receiver.close()
    return reports


def drain(receiver: Connection, book: Book) -> int:
    """The reports made between the last one read and the kill."""
    count = 0
    while True:
        if not receiver.poll(30):
            raise AssertionError("the pipe of a killed child did not close")
        try:
            message = receiver.recv()
        except EOFError:
            return count
        book.apply(message)
        count += 1


def check_nothing_lost(url: str, book: Book, *, may_be_ahead: int = 1) -> None:
    """The database holds every reported ticket in its reported state, at most ``may_be_ahead``
    of them a single step further (its commit came just before the kill, its report never);
    what that step is goes into the book."""
    found = database_tickets(url)
    missing = sorted(set(book.state) - set(found))
    assert not missing, f"reported but not in the database: {missing}"
    ahead = []
    for number, row in found.items():
        expected = book.state.get(number)
        if row["status"] == expected:
            assert row["window"] == book.window[number], (
                f"{number} {row['status']} at window {row['window']},"
                f" reported at {book.window[number]}"
            )
            continue
        assert row["status"] == NEXT_STATE[expected], (
            f"{number} is {row['status']} in the database, last reported {expected}"
        )
        ahead.append(number)
        if expected is None:
            book.issued(number, bool(row["priority"]))
        else:
            book.moved(number, row["status"], row["window"])
    assert len(ahead) <= may_be_ahead, f"steps done without a report: {ahead}"
    for business in BUSINESSES:
        numbers = sorted(n for n in found if n.startswith(business))
        assert numbers == [f"{business}{i:03d}" for i in range(1, len(numbers) + 1)], (
            f"numbers of {business} have gaps"
        )
    last_events = {
        row["number"]: row["code"]
        for row in rows(
            url,
            "SELECT t.number, e.code FROM ticket_events AS e"
            " JOIN tickets AS t ON t.id = e.ticket_id"
            " WHERE e.id = (SELECT max(id) FROM ticket_events WHERE ticket_id = t.id)",
        )
    }
    sequences = {
        row["code"]: row["last_seq"]
        for row in rows(
            url,
            "SELECT b.code, s.last_seq FROM ticket_sequences AS s"
            " JOIN business_types AS b ON b.id = s.business_id",
        )
    }
    for number, row in found.items():
        last = last_events.get(number, "nothing")
        assert STATE_AFTER.get(last) == row["status"], (
            f"{number} is {row['status']} but its log ends with {last}"
        )
    assert sequences == {b: sum(1 for n in found if n.startswith(b)) for b in BUSINESSES}, (
        "a number was used up without a ticket"
    )


def check_queue_in_place(hall: Hall, book: Book) -> None:
    snapshot = hall.snapshot()
    assert [t.number for t in snapshot.waiting] == book.waiting_in_call_order()
    assert {t.number: t.window for t in snapshot.open} == book.open_at_windows()
    for ticket in snapshot.open:
        assert ticket.status.value == book.state[ticket.number]


def take_over_windows(hall: Hall, book: Book) -> None:
    """Each clerk signs in again at the window the killed process left, finishes what is open
    there, and at the first window calls the next ticket: the head of the queue."""
    for number, window in sorted(book.open_at_windows().items(), key=lambda i: i[1] or 0):
        assert window is not None
        desk = hall.sign_in(CLERKS[window], procs.PASSWORD, window=window)
        current = desk.current_ticket()
        assert current is not None and current.number == number, (
            f"window {window}: {current} instead of {number}"
        )
        if current.status.value == "called":
            desk.start()
        assert desk.finish(outcome="served").number == number
        book.moved(number, "done", window)
        desk.sign_out()
    expected = book.waiting_in_call_order()
    desk = hall.sign_in(CLERKS[1], procs.PASSWORD, window=1)
    called = desk.call_next()
    if not expected:
        assert called is None
    else:
        assert called is not None and called.number == expected[0]
        book.moved(called.number, "called", 1)
        desk.start()
        desk.finish(outcome="served")
        book.moved(called.number, "done", 1)
    desk.sign_out()


def test_killed_while_issuing_and_calling_loses_nothing(
    hall: Hall, lead: Desk, db_url: str, clock: SharedClock
) -> None:
    add_staff(lead)
    hall.close()
    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    book = Book()
    total_reports = 0
    for round_no in range(1, ROUNDS + 1):
        # Odd rounds: the parent kills the child at a random moment. Even rounds: the child
        # kills itself at the worst moment, all writes of a move done but not committed; then
        # the database must be exactly as last reported.
        parent_kills = round_no % 2 == 1
        kill_at = rng.randint(10, 120) if parent_kills else rng.randint(1, 40)
        where = f"(round {round_no}, {'report' if parent_kills else 'commit'} {kill_at},"
        where += f" seed {seed})"
        if parent_kills:
            total_reports += run_and_kill(db_url, clock, book, parent_kills_after=kill_at)
        else:
            total_reports += run_and_kill(db_url, clock, book, die_at=kill_at)
        reopened = open_hall(db_url, clock=clock)
        try:
            assert integrity(db_url) == ["ok"], where
            try:
                check_nothing_lost(db_url, book, may_be_ahead=1 if parent_kills else 0)
                check_queue_in_place(reopened, book)
                take_over_windows(reopened, book)
            except AssertionError as exc:
                raise AssertionError(f"{where} {exc}") from exc
        finally:
            reopened.close()
    assert total_reports >= 10 * (ROUNDS // 2)  # the children were killed mid-loop

    # Finally a clerk serves everyone left, in the order the rules say; nobody is missing.
    final = open_hall(db_url, clock=clock)
    try:
        desk = final.sign_in(CLERKS[2], procs.PASSWORD, window=2)
        expected = book.waiting_in_call_order()
        assert expected, "the queue should have grown: two tickets issued per service"
        called = []
        while (ticket := desk.call_next()) is not None:
            called.append(ticket.number)
            desk.finish(outcome="served")
        assert called == expected
        assert final.snapshot().open == ()
    finally:
        final.close()
    found = database_tickets(db_url)
    assert set(found) == set(book.state)
    assert {row["status"] for row in found.values()} == {"done"}


def test_killed_inside_a_write_transaction_leaves_no_trace_and_no_lock(
    hall: Hall, lead: Desk, guide: Desk, db_url: str, clock: SharedClock
) -> None:
    add_staff(lead)
    waiting = [guide.issue_ticket("A").number for _ in range(3)]
    events_before = event_count(db_url)

    receiver, sender = SPAWN.Pipe(duplex=False)
    never = SPAWN.Event()
    child = SPAWN.Process(
        target=procs.hold_write_lock,
        args=(db_url, clock, 30_000, never, sender),
        name="lock-holder",
    )
    try:
        child.start()
        sender.close()
        assert receiver.poll(START_TIMEOUT_S), "the lock holder never said it holds the lock"
        message = receiver.recv()
        assert message[0] == "holding", message
        assert message[1] == len(waiting)  # the child's transaction did change the tickets
        # The child really holds the write lock: nobody else can start writing now.
        assert not write_lock_is_free(db_url)
        child.kill()
        child.join(timeout=30)
        assert child.exitcode == -signal.SIGKILL, f"child ended with {child.exitcode}"
    finally:
        procs.stop_all([child])
        receiver.close()
    # The lock died with the process: at once on SQLite; on PostgreSQL as soon as the server
    # has seen the connection close (the session was waiting for its next statement).
    deadline = time.monotonic() + (0 if is_sqlite(db_url) else 5)
    while not write_lock_is_free(db_url):
        assert time.monotonic() < deadline, "the killed process still holds the write lock"
        time.sleep(0.05)

    # The hall that stayed open all along sees nothing of it and writes at once (a stale lock
    # would make these fail after the busy timeout).
    assert hall.notice == ""
    assert [t.number for t in hall.snapshot().waiting] == waiting
    issued = guide.issue_ticket("A")
    assert issued.number == "A004"
    # So does a freshly opened one.
    reopened = open_hall(db_url, clock=clock)
    try:
        assert integrity(db_url) == ["ok"]
        assert reopened.notice == ""
        assert [t.number for t in reopened.snapshot().waiting] == [*waiting, "A004"]
        desk = reopened.sign_in(CLERKS[1], procs.PASSWORD, window=1)
        assert desk.call_next().number == "A001"  # type: ignore[union-attr]
        assert desk.finish().number == "A001"
    finally:
        reopened.close()
    # A004 issued, A001 called and finished; none of the bulk rows.
    assert event_count(db_url) == events_before + 3
