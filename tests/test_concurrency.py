"""Several processes issuing and calling at once on one database: no duplicate, none lost.

Each child (tests/procs.py) is a fresh interpreter started with the "spawn" method that opens the
hall database itself, as a second workstation would. All children wait on one Event and start
together, so that they really compete for the write lock. The database is an SQLite file, or
with HALL_TEST_POSTGRES a PostgreSQL database (see conftest.py).

Besides counting, the tests replay the event log: write transactions run one at a time (SQLite:
the file's lock; PostgreSQL: the advisory lock each one takes first) and every move writes its log
row in the same transaction, so the order of the log's ids is the order in which the moves
happened. At each "called" entry the ticket called must be the head of the queue as it
stood at that moment (priority first, then the earliest issued), whichever process called it.
"""

from __future__ import annotations

import multiprocessing as mp
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # spawned children get this sys.path and import tests.procs
    sys.path.insert(0, str(ROOT))

from db.migrate import head_revision  # noqa: E402
from hall import open_hall  # noqa: E402
from hall.desk import Desk  # noqa: E402
from hall.facade import Hall  # noqa: E402

from tests import procs  # noqa: E402
from tests.dbprobe import aware, integrity, rows, write_lock_is_free  # noqa: E402
from tests.procs import SharedClock  # noqa: E402

# Monday 2 March 2026, 10:00 in Shanghai: inside the opening hours, hours before midnight.
MONDAY_10AM = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
SPAWN = mp.get_context("spawn")
START_TIMEOUT_S = 60  # spawning and importing, on a loaded 2-core machine
RUN_TIMEOUT_S = 60


@pytest.fixture
def clock() -> SharedClock:
    """Overrides conftest's FakeClock: a running clock shared with the children."""
    return SharedClock(MONDAY_10AM, time.monotonic())


def add_staff(lead: Desk, role: str, codes: list[str]) -> None:
    for code in codes:
        lead.add_staff(code=code, name=f"员工{code}", role=role, password=procs.PASSWORD)


Row = Mapping[str, Any]


def read_log(url: str) -> tuple[dict[int, Row], list[Row]]:
    """Tickets by id and the event log in commit order, read with plain SQL."""
    tickets = {
        row["id"]: row
        for row in rows(
            url,
            aware(
                "SELECT t.id, t.number, t.seq, t.status, t.priority, t.issued_at, t.called_at,"
                " t.front_at, t.waiting_ahead, t.window_id, b.code AS business,"
                " w.number AS window"
                " FROM tickets AS t JOIN business_types AS b ON b.id = t.business_id"
                " LEFT JOIN windows AS w ON w.id = t.window_id",
                "issued_at",
                "called_at",
                "front_at",
            ),
        )
    }
    events = rows(
        url,
        "SELECT e.id, e.ticket_id, e.code, w.number AS window"
        " FROM ticket_events AS e LEFT JOIN windows AS w ON w.id = e.window_id"
        " ORDER BY e.id",
    )
    return tickets, events


def call_key(ticket: Row) -> tuple:
    """The hall's call order for tickets never put back to the front: priority, issue, id."""
    assert ticket["front_at"] is None
    return (not ticket["priority"], ticket["issued_at"], ticket["id"])


def assert_each_call_took_the_head(tickets: dict[int, Row], events: list[Row]) -> list[int]:
    """Replay the log: every call took the head of the queue of that moment. The call order."""
    waiting: dict[int, tuple] = {}
    calls: list[int] = []
    for event in events:
        ticket_id = event["ticket_id"]
        if event["code"] == "issued":
            waiting[ticket_id] = call_key(tickets[ticket_id])
        elif event["code"] == "called":
            assert ticket_id in waiting, f"{tickets[ticket_id]['number']} called twice"
            head = min(waiting, key=waiting.__getitem__)
            assert ticket_id == head, (
                f"call #{len(calls) + 1} took {tickets[ticket_id]['number']} while"
                f" {tickets[head]['number']} was ahead of it"
            )
            del waiting[ticket_id]
            calls.append(ticket_id)
    assert not waiting, f"never called: {sorted(tickets[i]['number'] for i in waiting)}"
    return calls


def assert_served_once_each(tickets: dict[int, Row], events: list[Row]) -> None:
    """Every ticket is done, was called once and finished once, both by its own window."""
    per_ticket: dict[int, Counter[str]] = defaultdict(Counter)
    windows: dict[int, set[int]] = defaultdict(set)
    for event in events:
        per_ticket[event["ticket_id"]][event["code"]] += 1
        if event["window"] is not None:
            windows[event["ticket_id"]].add(event["window"])
    for ticket_id, ticket in tickets.items():
        number = ticket["number"]
        assert ticket["status"] == "done", f"{number} is {ticket['status']}"
        codes = per_ticket[ticket_id]
        assert codes["issued"] == 1, f"{number}: {dict(codes)}"
        assert codes["called"] == 1, f"{number} called {codes['called']} times"
        assert codes["finished"] == 1, f"{number} finished {codes['finished']} times"
        assert windows[ticket_id] == {ticket["window"]}, (
            f"{number} done at window {ticket['window']} but moved by windows"
            f" {sorted(windows[ticket_id])}"
        )


def assert_gapless(tickets: dict[int, Row], business: str, count: int) -> None:
    numbers = sorted(t["number"] for t in tickets.values() if t["business"] == business)
    assert numbers == [f"{business}{n:03d}" for n in range(1, count + 1)]


def start_together(procs_: list, ready, go) -> None:  # type: ignore[no-untyped-def]
    for proc in procs_:
        proc.start()
    procs.collect(ready, procs_, len(procs_), START_TIMEOUT_S, "the children to be ready")
    go.set()


ISSUERS = ("g1", "g2", "g3")
ISSUE_COUNTERS = {1: "c1", 2: "c2", 3: "c3"}
PER_ISSUER = 80
PRIORITY_EVERY = 9  # each ticket desk's 9th, 18th, ... ticket is a priority ticket
# A counter stops after this many tickets. SQLite's busy handler may let one process win the
# lock again and again; the cap makes at least three windows share every queue below.
WINDOW_CAP = 100


@dataclass(frozen=True)
class IssueRace:
    url: str
    clock: SharedClock
    issued: dict[str, list[tuple[str, bool]]]  # ticket desk -> (number, priority) in its order
    served: dict[int, list[str]]  # window -> numbers in the order it called them
    tickets: dict[int, Row]
    events: list[Row]


@pytest.fixture(scope="module")
def issue_race(module_db_url: str) -> IssueRace:
    """3 ticket desks issue business A while 3 counters call, start and finish A tickets.

    Run once for the tests below that look at its outcome from different sides.
    """
    url = module_db_url
    clock = SharedClock(MONDAY_10AM, time.monotonic())
    hall = open_hall(url, clock=clock)
    try:
        hall.setup(
            hall_name="城东供电营业厅",
            lead_code="9001",
            lead_name="王值班",
            lead_password=procs.PASSWORD,
        )
        lead = hall.sign_in("9001", procs.PASSWORD)
        add_staff(lead, "guide", list(ISSUERS))
        add_staff(lead, "clerk", list(ISSUE_COUNTERS.values()))
    finally:
        hall.close()

    ready, out = SPAWN.Queue(), SPAWN.Queue()
    go, no_more_tickets = SPAWN.Event(), SPAWN.Event()
    children = [
        SPAWN.Process(
            target=procs.issuer,
            args=(url, clock, code, "A", PER_ISSUER, PRIORITY_EVERY, ready, go, out),
            name=f"issuer-{code}",
        )
        for code in ISSUERS
    ] + [
        SPAWN.Process(
            target=procs.counter,
            args=(url, clock, code, window, WINDOW_CAP, True, ready, go, no_more_tickets, out),
            name=f"counter-{window}",
        )
        for window, code in ISSUE_COUNTERS.items()
    ]
    try:
        start_together(children, ready, go)
        got: list[tuple[Any, ...]] = []  # a counter at its cap may report before the issuers
        issued_msgs = procs.collect(
            out, children, len(ISSUERS), RUN_TIMEOUT_S, "the issuers", kind="issued", got=got
        )
        # Counters stop on an empty queue only if seen after this: nothing can come any more.
        no_more_tickets.set()
        served_msgs = procs.collect(
            out,
            children,
            len(ISSUE_COUNTERS),
            RUN_TIMEOUT_S,
            "the counters",
            kind="served",
            got=got,
        )
        assert len(got) == len(children), got
        for child in children:
            child.join(timeout=RUN_TIMEOUT_S)
            assert child.exitcode == 0, f"{child.name} exited with {child.exitcode}"
    finally:
        procs.stop_all(children)
    tickets, events = read_log(url)
    return IssueRace(
        url=url,
        clock=clock,
        issued={m[1]: m[2] for m in issued_msgs},
        served={m[1]: m[2] for m in served_msgs},
        tickets=tickets,
        events=events,
    )


@pytest.mark.slow
def test_issuers_and_counters_at_once_neither_duplicate_nor_lose(issue_race: IssueRace) -> None:
    race = issue_race
    total = PER_ISSUER * len(ISSUERS)

    # What the children saw: each number handed out once, each ticket served by one window.
    issued_by = {desk: [number for number, _ in issued] for desk, issued in race.issued.items()}
    assert sorted(issued_by) == sorted(ISSUERS)
    assert [len(numbers) for numbers in issued_by.values()] == [PER_ISSUER] * len(ISSUERS)
    all_issued = [n for numbers in issued_by.values() for n in numbers]
    assert len(set(all_issued)) == total, "one number handed to two ticket desks"
    for numbers in issued_by.values():  # a desk waits for each ticket before the next
        assert numbers == sorted(numbers)
    assert sorted(race.served) == sorted(ISSUE_COUNTERS)
    all_served = [n for numbers in race.served.values() for n in numbers]
    assert len(all_served) == len(set(all_served)), "one ticket served at two windows"
    assert sorted(all_served) == sorted(all_issued), "issued tickets never served"
    assert all(len(numbers) <= WINDOW_CAP for numbers in race.served.values())

    # What the database says.
    tickets, events = race.tickets, race.events
    assert len(tickets) == total
    assert_gapless(tickets, "A", total)
    assert_served_once_each(tickets, events)
    by_number = {t["number"]: t for t in tickets.values()}
    for window, numbers in race.served.items():
        assert all(by_number[n]["window"] == window for n in numbers)
    priority = {number for issued in race.issued.values() for number, prio in issued if prio}
    assert priority == {t["number"] for t in tickets.values() if t["priority"]}
    assert len(priority) == len(ISSUERS) * (PER_ISSUER // PRIORITY_EVERY)
    calls = assert_each_call_took_the_head(tickets, events)
    # Each window called in the order the log shows for it.
    for window, numbers in race.served.items():
        assert numbers == [tickets[i]["number"] for i in calls if tickets[i]["window"] == window]

    # And the hall, reopened, agrees: nothing left waiting or open.
    again = open_hall(race.url, clock=race.clock)
    try:
        snapshot = again.snapshot()
        assert snapshot.waiting == () and snapshot.open == ()
    finally:
        again.close()


@pytest.mark.slow
def test_ticket_times_follow_the_order_of_the_moves(issue_race: IssueRace) -> None:
    """Times stamped on tickets agree with the order in which the moves committed.

    All processes share one clock (SharedClock) and the database commits one write at a time, so
    times read while holding the write lock grow with the ticket numbers. A time read before waiting
    for the lock would give a ticket desk that waited a later number than tickets stamped after
    it: it would be called before them (the call order goes by issue time), its waiting_ahead
    would count tickets called after it, and a counter that waited could record a call before
    the ticket's issue (a negative wait in the statistics).
    """
    tickets = sorted(issue_race.tickets.values(), key=lambda t: t["seq"])
    problems = []
    for before, after in zip(tickets, tickets[1:], strict=False):
        if after["issued_at"] <= before["issued_at"]:
            problems.append(
                f"{after['number']} issued at {after['issued_at']},"
                f" not after {before['number']} ({before['issued_at']})"
            )
    for ticket in tickets:
        if ticket["called_at"] < ticket["issued_at"]:
            problems.append(
                f"{ticket['number']} called at {ticket['called_at']},"
                f" before its issue at {ticket['issued_at']}"
            )
    # waiting_ahead: the waiting tickets that will be called before it, replayed from the log.
    waiting: set[int] = set()
    by_id = issue_race.tickets
    for event in issue_race.events:
        ticket_id = event["ticket_id"]
        if event["code"] == "issued":
            key = call_key(by_id[ticket_id])
            ahead = sum(1 for other in waiting if call_key(by_id[other]) < key)
            if by_id[ticket_id]["waiting_ahead"] != ahead:
                problems.append(
                    f"{by_id[ticket_id]['number']} told {by_id[ticket_id]['waiting_ahead']}"
                    f" waiting ahead, {ahead} were called before it"
                )
            waiting.add(ticket_id)
        elif event["code"] == "called":
            waiting.discard(ticket_id)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:20])


class StepClock:
    """One timeline for several halls in this process: every reading is 1 ms after the last."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(milliseconds=1)
        return self.now


@pytest.mark.parametrize("move", ["issue", "call"])
def test_a_move_is_stamped_after_the_moves_committed_before_it(
    hall: Hall, lead: Desk, db_url: str, move: str
) -> None:
    """A deterministic model of the race that the test above shows between processes.

    Desk X reads the clock; if it does so while nobody holds the write lock, another workstation
    (a second hall on the database) issues a ticket before X gets the lock. A time read outside the
    lock then is older than a ticket committed before X's move, and

    - issue: X's ticket gets the next number but an earlier time, so it is called first (the call
      order goes by issue time) and a ticket that waited longer waits behind it;
    - call: X calls that ticket with a call time before its issue time (a negative wait).

    Both processes share one timeline (StepClock). Readings taken while the write lock is held
    trigger nothing, so a core that stamps its moves inside the transaction passes.
    """
    add_staff(lead, "guide", ["gx", "gy"])
    add_staff(lead, "clerk", ["cx"])
    timeline = StepClock(MONDAY_10AM)
    other = open_hall(db_url, clock=timeline)
    armed = False

    def x_clock() -> datetime:
        nonlocal armed
        now = timeline()
        if armed and write_lock_is_free(db_url):
            armed = False
            other_guide.issue_ticket("A")  # the other workstation wins the lock
        return now

    mine = open_hall(db_url, clock=x_clock)
    try:
        other_guide = other.sign_in("gy", procs.PASSWORD)
        x_guide = mine.sign_in("gx", procs.PASSWORD)
        x_clerk = mine.sign_in("cx", procs.PASSWORD, window=1)
        x_guide.issue_ticket("B")  # both halls have rolled the business day over
        other_guide.issue_ticket("B")
        x_clerk.call_next()
        x_clerk.finish()
        x_clerk.call_next()
        x_clerk.finish()
        armed = True
        if move == "issue":
            x_ticket = x_guide.issue_ticket("A")
            assert not armed, "the other workstation did not get its turn"
            first = other.snapshot().waiting[0]
            assert (x_ticket.number, first.number) == ("A002", "A001")
            assert first.issued_at <= x_ticket.issued_at
        else:
            called = x_clerk.call_next()
            assert not armed, "the other workstation did not get its turn"
            assert called is not None and called.number == "A001"
            assert called.called_at is not None and called.called_at >= called.issued_at
    finally:
        mine.close()
        other.close()


@pytest.mark.slow
def test_counters_racing_for_one_queue_call_it_in_order(
    hall: Hall, lead: Desk, guide: Desk, db_url: str, clock: SharedClock
) -> None:
    """300 waiting tickets of two businesses, 4 counters calling as fast as they can."""
    counters = {1: "c1", 2: "c2", 3: "c3", 4: "c4"}
    add_staff(lead, "clerk", list(counters.values()))
    total = 300
    for i in range(total):
        reason = "残疾人" if i % 50 == 37 else None
        guide.issue_ticket("AB"[i % 2], priority_reason=reason)

    ready, out = SPAWN.Queue(), SPAWN.Queue()
    go, no_more_tickets = SPAWN.Event(), SPAWN.Event()
    no_more_tickets.set()  # everything is issued already: an empty queue means done
    children = [
        SPAWN.Process(
            target=procs.counter,
            args=(db_url, clock, code, window, WINDOW_CAP, False, ready, go, no_more_tickets, out),
            name=f"counter-{window}",
        )
        for window, code in counters.items()
    ]
    try:
        start_together(children, ready, go)
        served_msgs = procs.collect(out, children, len(counters), RUN_TIMEOUT_S, "the counters")
        for child in children:
            child.join(timeout=RUN_TIMEOUT_S)
            assert child.exitcode == 0, f"{child.name} exited with {child.exitcode}"
    finally:
        procs.stop_all(children)

    served_by = {m[1]: m[2] for m in served_msgs}
    all_served = [n for numbers in served_by.values() for n in numbers]
    assert len(all_served) == len(set(all_served)), "one ticket called by two windows"
    assert len(all_served) == total, f"{total - len(all_served)} tickets never called"
    assert all(len(numbers) <= WINDOW_CAP for numbers in served_by.values())

    tickets, events = read_log(db_url)
    assert len(tickets) == total
    assert_gapless(tickets, "A", total // 2)
    assert_gapless(tickets, "B", total // 2)
    assert_served_once_each(tickets, events)
    calls = assert_each_call_took_the_head(tickets, events)
    # Nothing was issued during the race, and every window serves both businesses: the calls,
    # whichever window made them, follow the queue order exactly, the 6 priority tickets first.
    assert calls == sorted(tickets, key=lambda i: call_key(tickets[i]))
    priority = [i for i in calls if tickets[i]["priority"]]
    assert len(priority) == 6 and calls[:6] == priority
    for window, numbers in served_by.items():
        assert numbers == [tickets[i]["number"] for i in calls if tickets[i]["window"] == window]


@pytest.mark.slow
def test_processes_opening_a_new_database_at_once_migrate_it_once(
    db_url: str, clock: SharedClock
) -> None:
    """Four workstations started together on a new, empty database (SQLite: no file yet)."""
    url = db_url
    ready, out, go = SPAWN.Queue(), SPAWN.Queue(), SPAWN.Event()
    children = [
        SPAWN.Process(target=procs.opener, args=(url, clock, ready, go, out), name=f"opener-{n}")
        for n in range(4)
    ]
    try:
        start_together(children, ready, go)
        opened = procs.collect(out, children, len(children), RUN_TIMEOUT_S, "the openers")
        for child in children:
            child.join(timeout=RUN_TIMEOUT_S)
            assert child.exitcode == 0, f"{child.name} exited with {child.exitcode}"
    finally:
        procs.stop_all(children)
    assert opened == [("opened", True)] * 4

    versions = [row["version_num"] for row in rows(url, "SELECT version_num FROM alembic_version")]
    assert versions == [head_revision()]
    assert integrity(url) == ["ok"]
    hall = open_hall(url, clock=clock)
    try:
        hall.setup(
            hall_name="城西营业厅", lead_code="9001", lead_name="王值班", lead_password="x" * 8
        )
        guide_ticket = hall.sign_in("9001", "x" * 8).issue_ticket("A")
        assert guide_ticket.number == "A001"
    finally:
        hall.close()
