"""The daily sheet (日报): how one business day went, by business, window and clerk.

Everything is derived from that day's rows only — its tickets, its ticket events, the ratings of
its tickets, its payments, pauses and complaints — each read through an index that starts with
(hall, day) or (hall, time), so the cost depends on the day's records and not on the years of
history behind them.

Definitions (what a shift lead reads on the sheet):
- issued: tickets issued that day, counted in the business they were issued for;
- served: services finished that day (any outcome), in the business, window and clerk that
  finished them; transferred: tickets moved on to another business, counted in the one they left;
- no_shows / parked: 过号 and 挂起 actions that day (a ticket called twice in vain counts twice);
- wait: from issue to the first call; handling: from the start of the last service (or its call,
  when finished without a start) to its finish; over_target: services longer than their
  business's handle-time target;
- satisfaction rate: ratings 非常满意, 满意 and 基本满意 over all ratings (the 好差评 scale's
  好评), None when nobody rated;
- payments: money kept (due plus prepayment) per method and per cashier, net of reversals.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, and_, or_, select

from db import models as m
from hall.context import HallContext
from hall.records import EventCode, TicketStatus

T = m.Ticket.__table__
EV = m.TicketEvent.__table__
R = m.Rating.__table__
P = m.Payment.__table__
WP = m.WindowPause.__table__
APP = m.Application.__table__
BT = m.BusinessType.__table__
S = m.Staff.__table__

SATISFIED_LEVELS = (3, 4, 5)
# Upper bounds in minutes of the wait distribution's bars; the last bar is everything longer.
WAIT_BUCKETS_MIN = (5, 10, 15, 20, 30)
_START_CODES = {EventCode.CALLED.value, EventCode.CALLED_BACK.value}
_OPEN_APPLICATION = ("waiting_documents", "accepted", "contacted")


@dataclass(frozen=True, slots=True)
class Counts:
    """One row of the sheet: a business, a window or a clerk. Times in seconds."""

    issued: int = 0
    served: int = 0
    no_shows: int = 0
    parked: int = 0
    transferred: int = 0
    avg_wait_s: float | None = None
    p90_wait_s: float | None = None
    avg_handle_s: float | None = None
    over_target: int = 0
    ratings: Mapping[int, int] = field(default_factory=dict)
    pause_s: float = 0.0
    complaints: int = 0  # complaints opened against this clerk
    days_worked: int = 0  # business days with at least one action at a window

    @property
    def rated(self) -> int:
        return sum(self.ratings.values())

    @property
    def satisfaction(self) -> float | None:
        return satisfaction_rate(self.ratings)


@dataclass(frozen=True, slots=True)
class DailySheet:
    """One business day of the hall (or the days ``day`` to ``last_day`` of a period). Names
    are for the exports: business, window and staff."""

    day: date
    last_day: date
    hall_name: str
    issued: int
    served: int
    no_shows: int
    parked: int
    transferred: int
    closed_unserved: int
    avg_wait_s: float | None
    p90_wait_s: float | None
    avg_handle_s: float | None
    over_target: int
    long_waits: int  # waits past the hall's limit
    wait_limit_s: int
    by_business: Mapping[str, Counts]
    by_window: Mapping[int, Counts]
    by_clerk: Mapping[str, Counts]
    ratings: Mapping[int, int]
    payments_fen: Mapping[str, int]
    payments_by_cashier: Mapping[str, Mapping[str, int]]
    receipts: int
    reversals: int
    complaints_opened: int
    complaints_overdue: int
    arrivals_by_hour: Mapping[int, int]
    served_by_hour: Mapping[int, int]
    wait_distribution: tuple[tuple[str, int], ...]
    business_names: Mapping[str, str]
    staff_names: Mapping[str, str]

    @property
    def satisfaction(self) -> float | None:
        return satisfaction_rate(self.ratings)

    @property
    def rated(self) -> int:
        return sum(self.ratings.values())


def satisfaction_rate(ratings: Mapping[int, int]) -> float | None:
    total = sum(ratings.values())
    if total == 0:
        return None
    return sum(ratings.get(level, 0) for level in SATISFIED_LEVELS) / total


def percentile(values: list[float], share: float) -> float | None:
    """The nearest-rank percentile: the smallest value with at least ``share`` of all at or
    below it (what a lead checks by sorting the waits and counting)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


class _Tally:
    """Accumulates one row of the sheet."""

    def __init__(self) -> None:
        self.issued = 0
        self.served = 0
        self.no_shows = 0
        self.parked = 0
        self.transferred = 0
        self.waits: list[float] = []
        self.handles: list[float] = []
        self.over_target = 0
        self.ratings: Counter[int] = Counter()
        self.pause_s = 0.0
        self.complaints = 0
        self.days: set[date] = set()

    def counts(self) -> Counts:
        return Counts(
            issued=self.issued,
            served=self.served,
            no_shows=self.no_shows,
            parked=self.parked,
            transferred=self.transferred,
            avg_wait_s=_mean(self.waits),
            p90_wait_s=percentile(self.waits, 0.9),
            avg_handle_s=_mean(self.handles),
            over_target=self.over_target,
            ratings=dict(sorted(self.ratings.items())),
            pause_s=self.pause_s,
            complaints=self.complaints,
            days_worked=len(self.days),
        )


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


class Reports:
    def __init__(self, ctx: HallContext) -> None:
        self._ctx = ctx

    def day_bounds(self, day: date) -> tuple[datetime, datetime]:
        """The business day as an aware [start, end) interval in hall time."""
        start = datetime.combine(day, time(0), tzinfo=self._ctx.zone)
        return start, datetime.combine(day + timedelta(days=1), time(0), tzinfo=self._ctx.zone)

    def daily_sheet(self, day: date) -> DailySheet:
        return self.period_sheet(day, day)

    def period_sheet(self, first: date, last: date) -> DailySheet:
        """The same figures over the business days ``first`` to ``last`` inclusive."""
        ctx = self._ctx
        bounds = (self.day_bounds(first)[0], self.day_bounds(last)[1])
        with ctx.database.read() as conn:
            return _SheetBuilder(ctx, conn, first, last, bounds).build()


class _SheetBuilder:
    def __init__(
        self,
        ctx: HallContext,
        conn: Connection,
        first: date,
        last: date,
        bounds: tuple[datetime, datetime],
    ) -> None:
        self.ctx = ctx
        self.conn = conn
        self.first, self.last = first, last
        self.issued_at: dict[int, datetime] = {}
        self.start, self.end = bounds
        self.total = _Tally()
        self.by_business: defaultdict[str, _Tally] = _tally_map()
        self.by_window: defaultdict[int, _Tally] = _tally_map()
        self.by_clerk: defaultdict[str, _Tally] = _tally_map()
        hall_row = conn.execute(
            select(m.Hall.name, m.Hall.wait_limit_s).where(m.Hall.id == ctx.hall_id)
        ).one()
        self.hall_name = hall_row.name
        self.wait_limit_s = hall_row.wait_limit_s
        businesses = conn.execute(
            select(BT.c.id, BT.c.code, BT.c.name, BT.c.target_s).where(BT.c.hall_id == ctx.hall_id)
        ).all()
        self.business_code = {b.id: b.code for b in businesses}
        self.business_names = {b.code: b.name for b in businesses}
        self.targets = {b.id: b.target_s for b in businesses}
        staff = conn.execute(
            select(S.c.id, S.c.code, S.c.name).where(S.c.hall_id == ctx.hall_id)
        ).all()
        self.staff_code = {s.id: s.code for s in staff}
        self.staff_names = {s.code: s.name for s in staff}
        self.window_number = {
            w.id: w.number
            for w in conn.execute(
                select(m.Window.id, m.Window.number).where(m.Window.hall_id == ctx.hall_id)
            )
        }

    def build(self) -> DailySheet:
        arrivals, closed_unserved = self._tickets()
        served_by_hour, waits = self._events()
        ratings = self._ratings()
        self._pauses()
        payments, by_cashier, receipts, reversals = self._payments()
        opened, overdue = self._complaints()
        total = self.total
        return DailySheet(
            day=self.first,
            last_day=self.last,
            hall_name=self.hall_name,
            issued=total.issued,
            served=total.served,
            no_shows=total.no_shows,
            parked=total.parked,
            transferred=total.transferred,
            closed_unserved=closed_unserved,
            avg_wait_s=_mean(total.waits),
            p90_wait_s=percentile(total.waits, 0.9),
            avg_handle_s=_mean(total.handles),
            over_target=total.over_target,
            long_waits=sum(1 for w in waits if w > self.wait_limit_s),
            wait_limit_s=self.wait_limit_s,
            by_business=_finished(self.by_business),
            by_window=_finished(self.by_window),
            by_clerk=_finished(self.by_clerk),
            ratings=dict(sorted(ratings.items())),
            payments_fen=payments,
            payments_by_cashier=by_cashier,
            receipts=receipts,
            reversals=reversals,
            complaints_opened=opened,
            complaints_overdue=overdue,
            arrivals_by_hour=arrivals,
            served_by_hour=served_by_hour,
            wait_distribution=_distribution(waits),
            business_names=self.business_names,
            staff_names=self.staff_names,
        )

    def _tickets(self) -> tuple[dict[int, int], int]:
        rows = self.conn.execute(
            select(T.c.id, T.c.origin_business_id, T.c.issued_at, T.c.status).where(
                T.c.hall_id == self.ctx.hall_id, T.c.day.between(self.first, self.last)
            )
        ).all()
        arrivals: Counter[int] = Counter()
        closed = 0
        for row in rows:
            self.issued_at[row.id] = row.issued_at
            self.total.issued += 1
            self.by_business[self.business_code[row.origin_business_id]].issued += 1
            arrivals[row.issued_at.astimezone(self.ctx.zone).hour] += 1
            if row.status == TicketStatus.CLOSED.value:
                closed += 1
        return dict(sorted(arrivals.items())), closed

    def _events(self) -> tuple[dict[int, int], list[float]]:
        """Walk each ticket's events of the day in order: waits, services, 过号, 挂起, 转移."""
        rows = self.conn.execute(
            select(
                EV.c.ticket_id,
                EV.c.day,
                EV.c.code,
                EV.c.at,
                EV.c.staff_id,
                EV.c.window_id,
                EV.c.business_id,
            )
            .where(EV.c.hall_id == self.ctx.hall_id, EV.c.day.between(self.first, self.last))
            .order_by(EV.c.ticket_id, EV.c.id)
        ).all()
        served_by_hour: Counter[int] = Counter()
        waits: list[float] = []
        current_ticket = None
        called_once = False
        began: datetime | None = None
        for row in rows:
            if row.ticket_id != current_ticket:
                current_ticket, called_once, began = row.ticket_id, False, None
            code = row.code
            rows_to = self._rows_for(row)
            if code in _START_CODES:
                began = row.at
                issued_at = self.issued_at.get(row.ticket_id)
                if code == EventCode.CALLED.value and not called_once and issued_at is not None:
                    called_once = True
                    wait = (row.at - issued_at).total_seconds()
                    waits.append(wait)
                    for tally in rows_to:
                        tally.waits.append(wait)
            elif code == EventCode.STARTED.value:
                began = row.at
            elif code == EventCode.FINISHED.value:
                served_by_hour[row.at.astimezone(self.ctx.zone).hour] += 1
                handle = (row.at - began).total_seconds() if began is not None else None
                over = handle is not None and handle > self.targets[row.business_id]
                for tally in rows_to:
                    tally.served += 1
                    if handle is not None:
                        tally.handles.append(handle)
                    tally.over_target += over
                began = None
            elif code == EventCode.NO_SHOW.value:
                for tally in rows_to:
                    tally.no_shows += 1
            elif code == EventCode.PARKED.value:
                for tally in rows_to:
                    tally.parked += 1
            elif code == EventCode.TRANSFERRED.value:
                for tally in rows_to:
                    tally.transferred += 1
        return dict(sorted(served_by_hour.items())), waits

    def _rows_for(self, row: Any) -> list[_Tally]:
        """The tallies one event counts in: the hall, its business, window and clerk."""
        tallies = [self.total, self.by_business[self.business_code[row.business_id]]]
        if row.window_id is not None:
            tallies.append(self.by_window[self.window_number[row.window_id]])
        if row.staff_id is not None and row.window_id is not None:
            clerk = self.by_clerk[self.staff_code[row.staff_id]]
            clerk.days.add(row.day)
            tallies.append(clerk)
        return tallies

    def _ratings(self) -> Counter[int]:
        rows = self.conn.execute(
            select(R.c.level, R.c.window_id, R.c.clerk_id, T.c.business_id)
            .join(T, T.c.id == R.c.ticket_id)
            .where(T.c.hall_id == self.ctx.hall_id, T.c.day.between(self.first, self.last))
        ).all()
        levels: Counter[int] = Counter()
        for row in rows:
            levels[row.level] += 1
            self.by_business[self.business_code[row.business_id]].ratings[row.level] += 1
            if row.window_id is not None:
                self.by_window[self.window_number[row.window_id]].ratings[row.level] += 1
            if row.clerk_id is not None:
                self.by_clerk[self.staff_code[row.clerk_id]].ratings[row.level] += 1
        return levels

    def _pauses(self) -> None:
        rows = self.conn.execute(
            select(WP.c.window_id, WP.c.staff_id, WP.c.started_at, WP.c.ended_at).where(
                WP.c.hall_id == self.ctx.hall_id,
                WP.c.started_at >= self.start,
                WP.c.started_at < self.end,
            )
        ).all()
        for row in rows:
            # A pause still running at the end of the day counts until then.
            ended = min(row.ended_at or self.end, self.end)
            seconds = max(0.0, (ended - row.started_at).total_seconds())
            self.by_window[self.window_number[row.window_id]].pause_s += seconds
            self.by_clerk[self.staff_code[row.staff_id]].pause_s += seconds

    def _payments(self) -> tuple[dict[str, int], dict[str, dict[str, int]], int, int]:
        rows = self.conn.execute(
            select(P.c.method, P.c.kind, P.c.due_fen, P.c.prepaid_fen, P.c.staff_id).where(
                P.c.hall_id == self.ctx.hall_id,
                P.c.issued_at >= self.start,
                P.c.issued_at < self.end,
            )
        ).all()
        by_method: Counter[str] = Counter()
        by_cashier: defaultdict[str, Counter[str]] = defaultdict(Counter)
        receipts = reversals = 0
        for row in rows:
            kept = row.due_fen + row.prepaid_fen
            sign = 1 if row.kind == "payment" else -1
            if sign > 0:
                receipts += 1
            else:
                reversals += 1
            by_method[row.method] += sign * kept
            by_cashier[self.staff_code[row.staff_id]][row.method] += sign * kept
        return (
            dict(sorted(by_method.items())),
            {code: dict(sorted(methods.items())) for code, methods in sorted(by_cashier.items())},
            receipts,
            reversals,
        )

    def _complaints(self) -> tuple[int, int]:
        """Complaints opened that day, and those open at the day's end past their reply-by date
        or, not yet contacted, past their contact-by date (contact as recorded now)."""
        complaint = APP.c.category.is_not(None)
        against = self.conn.execute(
            select(APP.c.against_staff_id).where(
                APP.c.hall_id == self.ctx.hall_id,
                complaint,
                APP.c.status != "cancelled",
                APP.c.created_at >= self.start,
                APP.c.created_at < self.end,
            )
        ).scalars()
        opened = 0
        for staff_id in against:
            opened += 1
            if staff_id is not None:
                self.by_clerk[self.staff_code[staff_id]].complaints += 1
        late = or_(
            APP.c.due_on < self.last,
            and_(APP.c.status == "accepted", APP.c.contact_by < self.last),
        )
        # Two narrow reads instead of one over every complaint ever made: those open now
        # (the status index) and those completed after the day's end (the completion index).
        # created_at is compared here, not in SQL, so the planner keeps to those indexes.
        created = [
            *self.conn.execute(
                select(APP.c.created_at).where(
                    APP.c.hall_id == self.ctx.hall_id,
                    APP.c.status.in_(_OPEN_APPLICATION),
                    APP.c.completed_at.is_(None),
                    complaint,
                    late,
                )
            ).scalars(),
            *self.conn.execute(
                select(APP.c.created_at).where(
                    APP.c.hall_id == self.ctx.hall_id,
                    APP.c.completed_at >= self.end,
                    complaint,
                    late,
                )
            ).scalars(),
        ]
        overdue = sum(1 for when in created if when < self.end)
        return opened, overdue


def _tally_map() -> defaultdict[Any, _Tally]:
    return defaultdict(_Tally)


def _finished(tallies: Mapping[Any, _Tally]) -> dict[Any, Counts]:
    return {name: tallies[name].counts() for name in sorted(tallies)}


def _distribution(waits: list[float]) -> tuple[tuple[str, int], ...]:
    bars: list[tuple[str, int]] = []
    lower = 0
    for upper in WAIT_BUCKETS_MIN:
        count = sum(1 for w in waits if lower * 60 <= w < upper * 60)
        bars.append((f"{lower}-{upper}分钟", count))
        lower = upper
    bars.append((f"{lower}分钟以上", sum(1 for w in waits if w >= lower * 60)))
    return tuple(bars)
