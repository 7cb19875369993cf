"""The daily sheet (日报) against the size of the history: one day's sheet on a database holding 7
days and on one holding 365 days, both at TICKETS_PER_DAY tickets a day.

The hall, its menu, windows and staff are made through the public API (``open_hall``,
``setup``, a lead's ``add_staff``); the history is then written in bulk with plain sqlite3 straight
into the schema, the way the app would have left it: tickets with their event logs (issued,
called, recalled, started, finished, no_show, reactivated, parked, called_back, transferred,
closed at the day's end), ratings for about half the services, payments for business A under the
hall's gapless receipt series per year (with a few reversals), window pauses, and business
applications (受理单) with complaints and their own series. Timestamps are written as
``db.types.AwareDateTime`` stores them on SQLite: the UTC wall time, ``YYYY-MM-DD HH:MM:SS.ffffff``.

Each day's content depends only on the day (a seeded generator), so the last day is the same in
both databases. The databases are cached under /tmp/hall-bench-sheet by a key of the generator's
code and parameters and of the schema (models, default menu, migrations), so reruns only measure;
``--fresh`` rebuilds them. Generating 365 days (1.1M tickets, 4.6M events) takes about 1.5 minutes.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hall import open_hall  # noqa: E402

GENERATOR_VERSION = 2
TICKETS_PER_DAY = 3000
ZONE = ZoneInfo("Asia/Shanghai")
# The day measured: the last day of both histories.
LAST_DAY = date(2026, 3, 2)
PASSWORD = "bench-pass"
CLERKS = 8
GUIDES = 2
ACCOUNTS = 20_000
CACHE_ROOT = Path(tempfile.gettempdir()) / "hall-bench-sheet"

# Share of the day's tickets per business of the default menu (A-K); A stays under the daily
# cap of 999 numbers.
BUSINESS_SHARE = {
    "A": 28,
    "B": 14,
    "C": 8,
    "D": 5,
    "E": 10,
    "F": 4,
    "G": 5,
    "H": 8,
    "J": 15,
    "K": 3,
}
DAILY_CAP = 999
# Arrival weights per half-open hour slot from 08:30 (the last slot ends at 17:30, closing).
ARRIVAL_WEIGHTS = (6, 14, 15, 12, 8, 9, 13, 12, 8)
OPENS_S = 8 * 3600 + 1800
# Applications (受理单): the forms a finished service of each business may open, and how often.
FORMS = {
    "B": (("bill_print",), 0.01),
    "C": (("residential_connection",), 0.25),
    "D": (("nonresidential_connection",), 0.25),
    "E": (("rename", "close_account", "move_meter", "change_class", "suspension"), 0.15),
    "F": (("meter_test",), 0.25),
    "G": (("pv_connection",), 0.25),
    "H": (("fault_report",), 0.2),
    "J": (("inquiry",), 0.02),
    "K": (("complaint",), 0.1),
}
# Forms finished on the spot (no due date).
ON_THE_SPOT = {"bill_print", "inquiry"}
DUE_WORKING_DAYS = {"fault_report": 1, "meter_test": 5, "complaint": 7}
COMPLAINT_CATEGORIES = ("服务", "营业", "停送电", "供电质量", "电网建设")
SEVERITIES = ("一般", "重要", "紧急")
PRIORITY_REASONS = ("老年人", "孕妇", "残疾人", "军人")
DISSATISFIED_REASONS = ("等候时间太长", "办理太慢", "态度不好")

# Tables written in bulk: their secondary indexes are dropped during the load and recreated
# from the schema's own CREATE INDEX statements afterwards.
BULK_TABLES = (
    "accounts",
    "tickets",
    "ticket_events",
    "ticket_sequences",
    "ratings",
    "payments",
    "receipt_sequences",
    "window_pauses",
    "applications",
    "application_events",
    "application_sequences",
)


def emit(figure: str, **values: object) -> None:
    print(json.dumps({"figure": figure, **values}, ensure_ascii=False), flush=True)


# -- the hall, through the public API ---------------------------------------------------------


def make_hall(path: Path, first_day: date) -> None:
    """A new hall with its default menu (A-K) and 6 windows, a lead, guides and clerks."""
    created = datetime.combine(first_day - timedelta(days=1), datetime.min.time(), ZONE)
    hall = open_hall(f"sqlite:///{path}", clock=lambda: created.replace(hour=9))
    try:
        hall.setup(
            hall_name="基准营业厅", lead_code="lead", lead_name="值班长", lead_password=PASSWORD
        )
        lead = hall.sign_in("lead", PASSWORD)
        for n in range(1, GUIDES + 1):
            lead.add_staff(code=f"guide{n}", name=f"引导员{n}", role="guide", password=PASSWORD)
        for n in range(1, CLERKS + 1):
            lead.add_staff(code=f"clerk{n}", name=f"柜员{n}", role="clerk", password=PASSWORD)
    finally:
        hall.close()


# -- writing instants as AwareDateTime does ---------------------------------------------------


class DayClock:
    """Instants of one business day given in microseconds since the day's local midnight,
    written as ``AwareDateTime`` stores them on SQLite (UTC wall time with microseconds)."""

    def __init__(self, day: date) -> None:
        utc_midnight = datetime.combine(day, datetime.min.time())
        local_midnight = datetime.combine(day, datetime.min.time(), ZONE)
        self.utc_date = day
        # Microseconds from the UTC midnight of the same date to the local midnight (-8 h).
        self.shift = (local_midnight.astimezone(UTC).replace(tzinfo=None) - utc_midnight) // (
            timedelta(microseconds=1)
        )
        self.prefix = day.isoformat() + " "
        self.day = day

    def at(self, local_us: int) -> str:
        total = local_us + self.shift
        if 0 <= total < 86_400_000_000:
            seconds, micro = divmod(total, 1_000_000)
            hours, rest = divmod(seconds, 3600)
            minutes, secs = divmod(rest, 60)
            return f"{self.prefix}{hours:02d}:{minutes:02d}:{secs:02d}.{micro:06d}"
        moment = datetime.combine(self.utc_date, datetime.min.time()) + timedelta(
            microseconds=total
        )
        return moment.strftime("%Y-%m-%d %H:%M:%S.%f")

    def year(self, local_us: int) -> int:
        """The hall-time year of an instant (receipt and application series run per year)."""
        if 0 <= local_us < 86_400_000_000:
            return self.day.year
        return (self.day + timedelta(microseconds=local_us)).year


def aware_utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def add_working_days(day: date, days: int) -> date:
    while days > 0:
        day += timedelta(days=1)
        if day.isoweekday() <= 5:
            days -= 1
    return day


# -- the history ------------------------------------------------------------------------------


@dataclass
class Ids:
    """What the generator needs from the hall made through the API, and the running ids and
    series across days."""

    hall: int
    lead: int
    guides: list[int]
    clerks: list[int]
    windows: list[int]  # ids in window-number order
    business: dict[str, int]
    target_s: dict[str, int]
    accounts: list[int]
    account_numbers: list[str]
    last_day: date
    ticket: int = 0
    payment: int = 0
    application: int = 0
    receipt_seq: Counter[int] = field(default_factory=Counter)
    application_seq: Counter[int] = field(default_factory=Counter)


@dataclass
class DayRows:
    tickets: list[tuple[Any, ...]] = field(default_factory=list)
    events: list[tuple[Any, ...]] = field(default_factory=list)
    sequences: list[tuple[Any, ...]] = field(default_factory=list)
    ratings: list[tuple[Any, ...]] = field(default_factory=list)
    payments: list[tuple[Any, ...]] = field(default_factory=list)
    pauses: list[tuple[Any, ...]] = field(default_factory=list)
    applications: list[tuple[Any, ...]] = field(default_factory=list)
    application_events: list[tuple[Any, ...]] = field(default_factory=list)


MINUTE = 60_000_000
SECOND = 1_000_000


def generate_day(day: date, ids: Ids, per_day: int) -> DayRows:
    """One business day of the hall, the same for a given day whatever came before (only the
    ids and the series numbers run on)."""
    rnd = random.Random(day.toordinal() * 7919 + per_day)
    clock = DayClock(day)
    out = DayRows()
    hall = ids.hall
    day_s = day.isoformat()
    codes = list(BUSINESS_SHARE)
    shares = list(BUSINESS_SHARE.values())
    clerks = ids.clerks[:]
    rnd.shuffle(clerks)
    # Two shifts of 6 clerks at the 6 windows, changing at 13:00: two clerks work mornings
    # only, two afternoons only.
    morning = dict(zip(ids.windows, clerks[:6], strict=True))
    afternoon = dict(zip(ids.windows, clerks[2:8], strict=True))

    def clerk_at(window: int, local_us: int) -> int:
        return (morning if local_us < 13 * 3600 * SECOND else afternoon)[window]

    # Arrivals, in order, with their business within its daily cap.
    slots = rnd.choices(range(len(ARRIVAL_WEIGHTS)), weights=ARRIVAL_WEIGHTS, k=per_day)
    arrivals = sorted(
        (OPENS_S + slot * 3600) * SECOND + rnd.randrange(3600 * SECOND) for slot in slots
    )
    issued_count: Counter[str] = Counter()
    events: list[tuple[int, int, int, str, int | None, int | None, int, str | None]] = []
    pending_payments: list[list[Any]] = []
    pending_applications: list[tuple[Any, ...]] = []

    trail: list[tuple[int, str, int | None, int | None, int, str | None]] = []

    def log(
        at: int,
        ev: str,
        staff: int | None,
        window: int | None,
        business_id: int,
        detail: str | None = None,
    ) -> None:
        trail.append((at, ev, staff, window, business_id, detail))

    for t0 in arrivals:
        code = rnd.choices(codes, weights=shares)[0]
        while issued_count[code] >= DAILY_CAP:
            code = rnd.choices(codes, weights=shares)[0]
        issued_count[code] += 1
        seq = issued_count[code]
        first_code = code
        ids.ticket += 1
        tid = ids.ticket
        origin = ids.business[code]
        business = origin
        guide = ids.guides[seq % len(ids.guides)]
        priority = rnd.random() < 0.02
        reason = rnd.choice(PRIORITY_REASONS) if priority else None
        account_index = (
            rnd.randrange(len(ids.accounts)) if code == "A" or rnd.random() < 0.5 else -1
        )
        account = ids.account_numbers[account_index] if account_index >= 0 else None
        wait = min(int(rnd.expovariate(1 / 720) * SECOND) + 20 * SECOND, 120 * MINUTE)
        if priority:
            wait //= 4
        trail.clear()
        log(t0, "issued", guide, None, business, reason)
        status = "done"
        window = clerk = None
        called = started = finished = front = None
        outcome = None
        recalls = 0
        late = t0 > 16 * 3600 * SECOND + 45 * MINUTE
        path = rnd.random()
        if late and path < 0.25:
            # Still waiting when the day ended: closed at the next morning's roll-over.
            status = "closed"
            log(32 * 3600 * SECOND + 25 * MINUTE, "closed", None, None, business, "day_end:waiting")
        else:
            t = t0 + wait
            window = rnd.choice(ids.windows)
            clerk = clerk_at(window, t)
            called = t
            log(t, "called", clerk, window, business)
            if rnd.random() < 0.06:
                t += rnd.randrange(30, 60) * SECOND
                recalls += 1
                log(t, "recalled", clerk, window, business)
            if path < 0.035:
                t += rnd.randrange(60, 120) * SECOND
                log(t, "no_show", clerk, window, business)
                if rnd.random() < 0.7:
                    status = "closed"
                    log(
                        32 * 3600 * SECOND + 25 * MINUTE,
                        "closed",
                        None,
                        None,
                        business,
                        "day_end:no_show",
                    )
                else:
                    t += rnd.randrange(5, 40) * MINUTE
                    log(t, "reactivated", clerk, window, business)
                    front = t
                    t += rnd.randrange(1, 5) * MINUTE
                    window = rnd.choice(ids.windows)
                    clerk = clerk_at(window, t)
                    called = t
                    log(t, "called", clerk, window, business)
            elif path < 0.055:
                t += rnd.randrange(20, 90) * SECOND
                log(t, "started", clerk, window, business)
                t += rnd.randrange(2, 8) * MINUTE
                log(t, "parked", clerk, window, business)
                t += rnd.randrange(10, 60) * MINUTE
                log(t, "called_back", clerk, window, business)
                front = t
                t += rnd.randrange(1, 5) * MINUTE
                called = t
                log(t, "called", clerk, window, business)
            elif path < 0.085:
                t += rnd.randrange(20, 90) * SECOND
                log(t, "started", clerk, window, business)
                t += rnd.randrange(1, 5) * MINUTE
                target_code = rnd.choice([c for c in codes if c != code])
                log(t, "transferred", clerk, window, business, target_code)
                business = ids.business[target_code]
                code = target_code
                t += rnd.randrange(3, 30) * MINUTE
                window = rnd.choice(ids.windows)
                clerk = clerk_at(window, t)
                called = t
                log(t, "called", clerk, window, business)
            if status != "closed":
                t += rnd.randrange(20, 90) * SECOND
                started = t
                log(t, "started", clerk, window, business)
                handle = int(ids.target_s[code] * rnd.uniform(0.2, 1.3) * SECOND)
                t += handle
                finished = t
                roll = rnd.random()
                outcome = "served" if roll < 0.92 else "unresolved" if roll < 0.97 else "referred"
                log(t, "finished", clerk, window, business, outcome)
                if rnd.random() < 0.5:
                    level = rnd.choices((5, 4, 3, 2, 1), weights=(80, 12, 5, 2, 1))[0]
                    why = rnd.choice(DISSATISFIED_REASONS) if level <= 2 else None
                    rated = clock.at(t + rnd.randrange(5, 120) * SECOND)
                    out.ratings.append((hall, tid, level, why, window, clerk, rated))
                if code == "A" and outcome == "served" and account_index >= 0:
                    paid = t - rnd.randrange(10, 60) * SECOND
                    pending_payments.append(
                        payment(rnd, paid, tid, ids.accounts[account_index], clerk, window)
                    )
                forms, share = FORMS.get(code, ((), 0.0))
                if forms and rnd.random() < share:
                    pending_applications.append(
                        (
                            t - rnd.randrange(30, 120) * SECOND,
                            rnd.choice(forms),
                            code,
                            tid,
                            account,
                            clerk,
                            window,
                        )
                    )
        events.extend((entry[0], tid, k, *entry[1:]) for k, entry in enumerate(trail))
        out.tickets.append(
            (
                tid,
                hall,
                day_s,
                business,
                origin,
                seq,
                f"{first_code}{seq:03d}",
                status,
                int(priority),
                reason,
                account,
                clock.at(t0),
                guide,
                min(int(wait // (90 * SECOND)), 60),
                clock.at(front) if front is not None else None,
                window,
                clerk,
                recalls,
                clock.at(called) if called is not None else None,
                clock.at(started) if started is not None else None,
                clock.at(finished) if finished is not None else None,
                outcome,
                None,
            )
        )

    events.sort()
    out.events = [
        (hall, tid, day_s, ev, clock.at(at), staff, window, business_id, detail)
        for at, tid, _k, ev, staff, window, business_id, detail in events
    ]
    out.sequences = [
        (ids.business[code], day_s, hall, count) for code, count in sorted(issued_count.items())
    ]
    _payments(rnd, clock, ids, pending_payments, out)
    _pauses(rnd, clock, ids, morning, afternoon, out)
    _applications(rnd, clock, ids, pending_applications, out)
    return out


def payment(
    rnd: random.Random, at: int, ticket: int, account: int, clerk: int, window: int
) -> list[Any]:
    """[at, ticket, account, clerk, window, method, due, received, change, prepaid, balance]."""
    method = rnd.choices(("cash", "card", "qr"), weights=(40, 20, 40))[0]
    if rnd.random() < 0.15:
        due = 0
        prepaid = rnd.randrange(1, 6) * 10_000
        received, change = prepaid, 0
    else:
        due = rnd.randrange(500, 60_000)
        if method == "cash":
            received = -(-due // 10_000) * 10_000
            if rnd.random() < 0.1:
                change, prepaid = 0, received - due
            else:
                change, prepaid = received - due, 0
        else:
            received, change, prepaid = due, 0, 0
    balance = prepaid + rnd.randrange(0, 20_000)
    return [at, ticket, account, clerk, window, method, due, received, change, prepaid, balance]


def _payments(
    rnd: random.Random, clock: DayClock, ids: Ids, pending: list[list[Any]], out: DayRows
) -> None:
    """The day's payments and a few reversals, numbered in time order under the year's
    gapless receipt series."""
    entries: list[tuple[int, int, list[Any], list[Any] | None]] = []
    for n, p in enumerate(pending):
        entries.append((p[0], n, p, None))
        if rnd.random() < 0.003:
            entries.append((p[0] + rnd.randrange(1, 20) * MINUTE, n, p, p))
    entries.sort(key=lambda e: (e[0], e[1], e[3] is not None))
    for at, _n, p, reversed_payment in entries:
        ids.payment += 1
        year = clock.year(at)
        ids.receipt_seq[year] += 1
        seq = ids.receipt_seq[year]
        _at, ticket, account, clerk, window, method, due, received, change, prepaid, balance = p[
            :11
        ]
        if reversed_payment is None:
            p.append(ids.payment)  # p[11]: the payment's id, for its reversal
            kind, reverses, reason, approved = "payment", None, None, None
        else:
            kind, reverses, reason, approved = "reversal", p[11], "金额录入错误", ids.lead
            balance = max(0, balance - prepaid)
        out.payments.append(
            (
                ids.payment,
                ids.hall,
                year,
                seq,
                f"{year}-{seq:06d}",
                account,
                ticket,
                clerk,
                window,
                method,
                due,
                received,
                change,
                prepaid,
                balance,
                kind,
                reverses,
                reason,
                approved,
                clock.at(at),
                0,
            )
        )


def _pauses(
    rnd: random.Random,
    clock: DayClock,
    ids: Ids,
    morning: dict[int, int],
    afternoon: dict[int, int],
    out: DayRows,
) -> None:
    for window in ids.windows:
        start = (11 * 3600 + 50 * 60) * SECOND + rnd.randrange(40) * MINUTE
        length = rnd.randrange(20, 45) * MINUTE
        out.pauses.append(
            (ids.hall, window, morning[window], "午休", clock.at(start), clock.at(start + length))
        )
        if rnd.random() < 0.5:
            start = (14 * 3600) * SECOND + rnd.randrange(150) * MINUTE
            length = rnd.randrange(5, 15) * MINUTE
            out.pauses.append(
                (
                    ids.hall,
                    window,
                    afternoon[window],
                    "临时离开",
                    clock.at(start),
                    clock.at(start + length),
                )
            )


def _applications(
    rnd: random.Random, clock: DayClock, ids: Ids, pending: list[tuple[Any, ...]], out: DayRows
) -> None:
    """The day's applications, numbered in time order under the year's gapless series; each
    completed some days later unless that is after the last day of the history."""
    pending.sort()
    end_of_history = datetime.combine(ids.last_day + timedelta(days=1), datetime.min.time(), ZONE)
    for at, form, code, ticket, account, clerk, window in pending:
        ids.application += 1
        year = clock.year(at)
        ids.application_seq[year] += 1
        seq = ids.application_seq[year]
        created = clock.at(at)
        created_local = datetime.combine(clock.day, datetime.min.time(), ZONE) + timedelta(
            microseconds=at
        )
        complaint = form == "complaint"
        name = f"客户{rnd.randrange(10_000):04d}"
        mobile = f"139{rnd.randrange(10**8):08d}"
        values: dict[str, object] = {"customer_name": name, "mobile": mobile}
        if account:
            values["account"] = account
        category = severity = None
        contact_by = due_on = None
        if complaint:
            category, severity = rnd.choice(COMPLAINT_CATEGORIES), rnd.choice(SEVERITIES)
            values.update(kind="投诉", category=category, severity=severity, description="等候太久")
            contact_by = add_working_days(clock.day, 1)
        updated = None
        events = [(ids.hall, ids.application, "saved", clerk, created, "")]
        if form in ON_THE_SPOT:
            status, completed = "completed", created
            events.append((ids.hall, ids.application, "completed", clerk, created, "当场办结"))
        else:
            due_on = add_working_days(clock.day, DUE_WORKING_DAYS.get(form, 10))
            allowed = (due_on - clock.day).days
            roll = rnd.random()
            # 5% finished late (some still open long after their due date), 2% cancelled.
            late = rnd.randrange(3, 40) if roll < 0.05 else 0
            took = timedelta(days=rnd.randrange(0, allowed + 3) + late, hours=2)
            done_at = created_local + took
            status, completed = "accepted", None
            if complaint:
                contacted = created_local + timedelta(hours=rnd.randrange(1, 20))
                if contacted < end_of_history:
                    status = "contacted"
                    events.append(
                        (
                            ids.hall,
                            ids.application,
                            "contacted",
                            clerk,
                            aware_utc(contacted),
                            "已联系客户",
                        )
                    )
            if done_at < end_of_history and roll > 0.98:
                status, updated = "cancelled", aware_utc(done_at)
                events.append((ids.hall, ids.application, "cancelled", clerk, updated, "客户撤回"))
            elif done_at < end_of_history:
                status, completed = "completed", aware_utc(done_at)
                events.append((ids.hall, ids.application, "completed", clerk, completed, ""))
        out.applications.append(
            (
                ids.application,
                ids.hall,
                f"SQ{year}-{seq:06d}",
                form,
                ids.business[code],
                ticket,
                account,
                name,
                mobile,
                json.dumps(values, ensure_ascii=False),
                "[]",
                "[]",
                status,
                due_on.isoformat() if due_on else None,
                None,
                category,
                severity,
                contact_by.isoformat() if contact_by else None,
                None,
                0,
                0,
                clerk,
                window,
                created,
                updated or completed or created,
                completed,
            )
        )
        out.application_events.extend(events)


INSERTS = {
    "tickets": "INSERT INTO tickets (id, hall_id, day, business_id, origin_business_id, seq,"
    " number, status, priority, priority_reason, account, issued_at, issued_by, waiting_ahead,"
    " front_at, window_id, clerk_id, recalls, called_at, started_at, finished_at, outcome, note)"
    " VALUES (" + ", ".join("?" * 23) + ")",
    "events": "INSERT INTO ticket_events (hall_id, ticket_id, day, code, at, staff_id, window_id,"
    " business_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "sequences": "INSERT INTO ticket_sequences (business_id, day, hall_id, last_seq)"
    " VALUES (?, ?, ?, ?)",
    "ratings": "INSERT INTO ratings (hall_id, ticket_id, level, reason, window_id, clerk_id,"
    " rated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    "payments": "INSERT INTO payments (id, hall_id, receipt_year, receipt_seq, receipt_number,"
    " account_id, ticket_id, staff_id, window_id, method, due_fen, received_fen, change_fen,"
    " prepaid_fen, prepaid_balance_fen, kind, reverses_id, reason, approved_by, issued_at,"
    " reprints) VALUES (" + ", ".join("?" * 21) + ")",
    "pauses": "INSERT INTO window_pauses (hall_id, window_id, staff_id, reason, started_at,"
    " ended_at) VALUES (?, ?, ?, ?, ?, ?)",
    "applications": "INSERT INTO applications (id, hall_id, number, form, business_id,"
    " ticket_id, account, customer_name, phone, fields, documents_needed, documents_received,"
    " status, due_on, due_at, category, severity, contact_by, against_staff_id, escalated,"
    " urged, clerk_id, window_id, created_at, updated_at, completed_at)"
    " VALUES (" + ", ".join("?" * 26) + ")",
    "application_events": "INSERT INTO application_events (hall_id, application_id, code,"
    " staff_id, at, note) VALUES (?, ?, ?, ?, ?, ?)",
}


def schema_indexes(conn: sqlite3.Connection) -> list[tuple[str, str, str | None]]:
    return sorted(
        conn.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index'")
    )


def build(path: Path, days: int, per_day: int, last_day: date = LAST_DAY) -> dict[str, Any]:
    """A hall database with ``days`` days of history ending on ``last_day``."""
    started = time.perf_counter()
    first_day = last_day - timedelta(days=days - 1)
    make_hall(path, first_day)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=DELETE")
    for pragma in (
        "journal_mode=OFF",
        "synchronous=OFF",
        "locking_mode=EXCLUSIVE",
        "cache_size=-1000000",
        "temp_store=MEMORY",
    ):
        conn.execute("PRAGMA " + pragma)
    indexes = schema_indexes(conn)
    secondary = [(name, sql) for name, table, sql in indexes if sql and table in BULK_TABLES]
    conn.execute("BEGIN")
    for name, _sql in secondary:
        conn.execute(f"DROP INDEX {name}")
    hall_id, lead = conn.execute("SELECT hall_id, id FROM staff WHERE code = 'lead'").fetchone()

    def staff(prefix: str, count: int) -> list[int]:
        return [
            conn.execute("SELECT id FROM staff WHERE code = ?", (f"{prefix}{n}",)).fetchone()[0]
            for n in range(1, count + 1)
        ]

    businesses = conn.execute(
        "SELECT code, id, target_s FROM business_types WHERE hall_id = ?", (hall_id,)
    ).fetchall()
    if sorted(code for code, _, _ in businesses) != sorted(BUSINESS_SHARE):
        raise SystemExit(f"the default menu changed: {[b[0] for b in businesses]}")
    windows = [
        w
        for (w,) in conn.execute(
            "SELECT id FROM windows WHERE hall_id = ? ORDER BY number", (hall_id,)
        )
    ]
    account_created = aware_utc(
        datetime.combine(first_day - timedelta(days=30), datetime.min.time(), ZONE)
    )
    numbers = [f"{3100000000 + n}" for n in range(ACCOUNTS)]
    conn.executemany(
        "INSERT INTO accounts (hall_id, account, name, address, phone, tariff_class,"
        " voltage_class, capacity_kva, arrears_fen, prepaid_fen, status, created_at)"
        " VALUES (?, ?, ?, ?, '', '居民生活', '不满1kV', 0, 0, 0, 'normal', ?)",
        (
            (
                hall_id,
                number,
                f"户主{n:05d}",
                f"幸福路{n % 500 + 1}号{n % 30 + 1}室",
                account_created,
            )
            for n, number in enumerate(numbers)
        ),
    )
    accounts = [a for (a,) in conn.execute("SELECT id FROM accounts ORDER BY account")]
    ids = Ids(
        hall=hall_id,
        lead=lead,
        guides=staff("guide", GUIDES),
        clerks=staff("clerk", CLERKS),
        windows=windows,
        business={code: bid for code, bid, _ in businesses},
        target_s={code: target for code, _, target in businesses},
        accounts=accounts,
        account_numbers=numbers,
        last_day=last_day,
    )
    totals: Counter[str] = Counter()
    for offset in range(days):
        rows = generate_day(first_day + timedelta(days=offset), ids, per_day)
        for name, sql in INSERTS.items():
            batch = getattr(rows, name)
            conn.executemany(sql, batch)
            totals[name] += len(batch)
    conn.executemany(
        "INSERT INTO receipt_sequences (hall_id, year, last_seq) VALUES (?, ?, ?)",
        [(hall_id, year, seq) for year, seq in sorted(ids.receipt_seq.items())],
    )
    conn.executemany(
        "INSERT INTO application_sequences (hall_id, year, last_seq) VALUES (?, ?, ?)",
        [(hall_id, year, seq) for year, seq in sorted(ids.application_seq.items())],
    )
    conn.execute("UPDATE halls SET current_day = ? WHERE id = ?", (last_day.isoformat(), hall_id))
    loaded = time.perf_counter()
    for _name, sql in secondary:
        conn.execute(sql)
    conn.execute("COMMIT")
    if schema_indexes(conn) != indexes:
        raise SystemExit("the generated database does not have exactly the schema's indexes")
    problems = conn.execute("PRAGMA foreign_key_check").fetchall()
    if problems:
        raise SystemExit(f"foreign key problems in the generated history: {problems[:5]}")
    conn.execute("PRAGMA locking_mode=NORMAL")
    conn.execute("PRAGMA journal_mode=WAL")  # as the app leaves it
    conn.close()
    return {
        "days": days,
        "rows": dict(totals),
        "load_s": round(loaded - started, 1),
        "indexes_s": round(time.perf_counter() - loaded, 1),
        "total_s": round(time.perf_counter() - started, 1),
        "mb": round(path.stat().st_size / 1e6),
    }


def cache_key(days: tuple[int, ...], per_day: int) -> str:
    """Changes with the generator's code and parameters and with the schema (models, default
    menu and migrations), not with the measuring code."""
    digest = hashlib.sha256()
    digest.update(repr((GENERATOR_VERSION, days, per_day, LAST_DAY, sys.version_info[:2])).encode())
    generator = (make_hall, DayClock, generate_day, payment, _payments, _pauses, _applications)
    for item in (*generator, build):
        digest.update(inspect.getsource(item).encode())
    digest.update(repr((INSERTS, BUSINESS_SHARE, FORMS, ARRIVAL_WEIGHTS)).encode())
    schema = [ROOT / "db" / "models.py", ROOT / "db" / "types.py", ROOT / "hall" / "catalog.py"]
    for source in [*schema, *sorted((ROOT / "db" / "migrations" / "versions").glob("*.py"))]:
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def databases(days: tuple[int, ...], per_day: int, fresh: bool) -> dict[int, Path]:
    """The cached databases, built when missing (or when ``fresh``)."""
    folder = CACHE_ROOT / cache_key(days, per_day)
    if fresh and folder.exists():
        shutil.rmtree(folder)
    if CACHE_ROOT.exists():
        for stale in CACHE_ROOT.iterdir():  # older generators or schemas: about 1 GB each
            if stale != folder and stale.is_dir():
                shutil.rmtree(stale)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for n in days:
        path = folder / f"history-{n}d.db"
        done = folder / f"history-{n}d.json"
        if not done.exists():
            for stale in folder.glob(f"history-{n}d.db*"):
                stale.unlink()
            built = build(path, n, per_day)
            done.write_text(json.dumps(built))
            emit("sheet_history_generated", **built, path=str(path))
        else:
            emit("sheet_history_cached", **json.loads(done.read_text()), path=str(path))
        paths[n] = path
    return paths


# -- measuring --------------------------------------------------------------------------------


@dataclass
class Measured:
    path: Path
    sheet: Callable[[], Any]
    statements: list[tuple[str, Any]]
    close: Callable[[], None]


def open_measured(path: Path, day: date) -> Measured:
    from sqlalchemy import event

    hall = open_hall(f"sqlite:///{path}")
    lead = hall.sign_in("lead", PASSWORD)
    statements: list[tuple[str, Any]] = []

    @event.listens_for(hall.database.reader, "before_cursor_execute")
    def _capture(_conn, _cursor, statement, parameters, _context, _many) -> None:  # type: ignore[no-untyped-def]
        statements.append((statement, parameters))

    return Measured(path, lambda: lead.daily_sheet(day), statements, hall.close)


def median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 1)


def timed(fn: Callable[[], Any]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def explain(conn: sqlite3.Connection, sql: str, params: Any) -> list[str]:
    return [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params)]


# A plan step reads only the day's rows when it is a search through an index or key by an
# equality on the day, a two-sided range of time, or a row's own key.
DAY_BOUNDED = ("day=?", "<? AND", "rowid=?", "id=?", "ticket_id=?")
BIG_TABLES = {
    "tickets",
    "ticket_events",
    "ratings",
    "payments",
    "window_pauses",
    "applications",
    "application_events",
    "accounts",
    "ticket_sequences",
}


def history_bounded(plan: list[str]) -> bool:
    for step in plan:
        words = step.split()
        if len(words) < 2 or words[0] not in ("SCAN", "SEARCH"):
            continue
        table = words[1]
        if table not in BIG_TABLES:
            continue
        if words[0] == "SCAN" or not any(mark in step for mark in DAY_BOUNDED):
            return False
        if ">? AND" not in step and "<?" in step and "day=?" not in step:
            return False  # a one-sided range: everything before the day
    return True


def run_query(conn: sqlite3.Connection, sql: str, params: Any) -> None:
    conn.execute(sql, params).fetchall()


def short(sql: str) -> str:
    return " ".join(sql.split())


def bench_sheet(
    runs: int = 15,
    days: tuple[int, int] = (7, 365),
    per_day: int = TICKETS_PER_DAY,
    fresh: bool = False,
) -> None:
    """The figures: the sheet's wall time (and, beside it, the CPU time of this process, which
    other processes on a shared machine disturb less) on each history, their ratio, the day's
    rows, and each statement's plan and time."""
    small_days, large_days = days
    generation = time.perf_counter()
    paths = databases(days, per_day, fresh)
    emit("sheet_history_ready", seconds=round(time.perf_counter() - generation, 1))
    measured = {n: open_measured(paths[n], LAST_DAY) for n in days}
    wall: dict[int, list[float]] = {n: [] for n in days}
    cpu: dict[int, list[float]] = {n: [] for n in days}
    load_before = os.getloadavg()[0]
    try:
        sheets = {n: db.sheet() for n, db in measured.items()}  # warm-up: page and SQL caches
        # Complaints still open at the day's end may come from before the short history.
        same = replace(sheets[small_days], complaints_overdue=0) == replace(
            sheets[large_days], complaints_overdue=0
        )
        if not same:
            raise SystemExit("the last day's sheet differs between the two histories")
        for run in range(runs):
            for n in days if run % 2 == 0 else days[::-1]:
                db = measured[n]
                db.statements.clear()
                wall_started, cpu_started = time.perf_counter(), time.process_time()
                db.sheet()
                wall[n].append(time.perf_counter() - wall_started)
                cpu[n].append(time.process_time() - cpu_started)
        statements = [
            (sql, params)
            for sql, params in measured[large_days].statements
            if sql.lstrip().upper().startswith("SELECT")
        ]
    finally:
        for db in measured.values():
            db.close()
    for n in days:
        emit(
            "daily_sheet_ms",
            day=LAST_DAY.isoformat(),
            history_days=n,
            ms=median_ms(wall[n]),
            cpu_ms=median_ms(cpu[n]),
            runs=[round(s * 1000, 1) for s in wall[n]],
            complaints_overdue=sheets[n].complaints_overdue,
        )
    emit(
        "daily_sheet_day_rows", day=LAST_DAY.isoformat(), **day_counts(paths[large_days], LAST_DAY)
    )
    ratio = median_ms(wall[large_days]) / median_ms(wall[small_days])
    emit(
        "daily_sheet_ratio",
        history_days=f"{large_days}/{small_days}",
        ratio=round(ratio, 3),
        cpu_ratio=round(median_ms(cpu[large_days]) / median_ms(cpu[small_days]), 3),
        ms=median_ms(wall[large_days]),
        target_ratio=1.5,
        target_ms=200,
        met=ratio <= 1.5 and median_ms(wall[large_days]) < 200,
        load_average=[round(load_before, 2), round(os.getloadavg()[0], 2)],
    )
    query_plans(statements, {n: paths[n] for n in days})


def day_counts(path: Path, day: date) -> dict[str, int]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    clock = DayClock(day)
    start, end = clock.at(0), clock.at(86_400_000_000)
    one = lambda sql, *p: conn.execute(sql, p).fetchone()[0]  # noqa: E731
    counts = {
        "tickets": one("SELECT count(*) FROM tickets WHERE day = ?", day.isoformat()),
        "ticket_events": one("SELECT count(*) FROM ticket_events WHERE day = ?", day.isoformat()),
        "ratings": one(
            "SELECT count(*) FROM ratings JOIN tickets ON tickets.id = ratings.ticket_id"
            " WHERE tickets.day = ?",
            day.isoformat(),
        ),
        "payments": one(
            "SELECT count(*) FROM payments WHERE issued_at >= ? AND issued_at < ?", start, end
        ),
        "window_pauses": one(
            "SELECT count(*) FROM window_pauses WHERE started_at >= ? AND started_at < ?",
            start,
            end,
        ),
        "applications": one(
            "SELECT count(*) FROM applications WHERE created_at >= ? AND created_at < ?",
            start,
            end,
        ),
        "history_tickets": one("SELECT count(*) FROM tickets"),
        "history_ticket_events": one("SELECT max(id) FROM ticket_events"),
    }
    conn.close()
    return counts


def query_plans(statements: list[tuple[str, Any]], paths: dict[int, Path]) -> None:
    """Each statement of one sheet: its plan on the longest history, whether every step reads
    only the day's rows, and its own time on each history (raw sqlite3, median of 9)."""
    conns = {n: sqlite3.connect(f"file:{path}?mode=ro", uri=True) for n, path in paths.items()}
    reading_history = []
    try:
        for number, (sql, params) in enumerate(statements, 1):
            plan = explain(conns[max(conns)], sql, params)
            if not history_bounded(plan):
                reading_history.append(number)
            times = {}
            for n, conn in conns.items():
                conn.execute(sql, params).fetchall()
                times[f"ms_{n}_days"] = median_ms(
                    [timed(partial(run_query, conn, sql, params)) for _ in range(9)]
                )
            emit(
                "daily_sheet_query",
                n=number,
                sql=short(sql),
                plan=plan,
                reads_only_the_day=history_bounded(plan),
                **times,
            )
    finally:
        for conn in conns.values():
            conn.close()
    emit("daily_sheet_plans", statements=len(statements), reading_history=reading_history)
