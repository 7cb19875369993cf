"""The business day: numbering restarts each day in the hall's timezone, and whatever was left
waiting, parked or no-show when a day ended is closed explicitly (status ``closed``), never lost
and never called on a later day.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from datetime import date, datetime

from sqlalchemy import ColumnElement, Connection, insert, select, update

from db import models as m
from hall.context import HallContext
from hall.events import DayClosed
from hall.records import EventCode, TicketStatus

logger = logging.getLogger(__name__)

T = m.Ticket.__table__
UNSERVED = (TicketStatus.WAITING, TicketStatus.PARKED, TicketStatus.NO_SHOW)


class BusinessDays:
    def __init__(self, ctx: HallContext) -> None:
        self._ctx = ctx
        self._lock = threading.Lock()
        self._current: date | None = None

    def ensure_current(self, now: datetime) -> date:
        """The business day of ``now``; on the first action of a new day, close earlier days."""
        today = self._ctx.today(now)
        if self._current == today:
            return today
        with self._lock:
            if self._current != today:
                self._roll_over(today, now)
                self._current = today
        return today

    def _roll_over(self, today: date, now: datetime) -> None:
        ctx = self._ctx
        with ctx.database.write() as conn:
            current = conn.execute(
                select(m.Hall.current_day).where(m.Hall.id == ctx.hall_id)
            ).scalar_one()
            if current is not None and current >= today:
                return
            closed = self._close(conn, T.c.day < today, now, staff_id=None, detail="day_end")
            conn.execute(update(m.Hall).where(m.Hall.id == ctx.hall_id).values(current_day=today))
        for day, count in sorted(closed.items()):
            logger.info("business day %s closed with %d unserved tickets", day, count)
            ctx.events.emit(DayClosed(day, count))

    def end_today(self, staff_id: int) -> int:
        """A lead ends today's business early: no more tickets, unserved ones closed."""
        ctx = self._ctx
        now = ctx.now()
        today = self.ensure_current(now)
        with ctx.database.write() as conn:
            closed = self._close(conn, T.c.day == today, now, staff_id=staff_id, detail="ended")
            conn.execute(update(m.Hall).where(m.Hall.id == ctx.hall_id).values(ended_day=today))
        count = closed.get(today, 0)
        ctx.events.emit(DayClosed(today, count))
        return count

    def reopen_today(self) -> None:
        """Undo an early end of today: tickets may be issued again (closed ones stay closed)."""
        ctx = self._ctx
        with ctx.database.write() as conn:
            conn.execute(update(m.Hall).where(m.Hall.id == ctx.hall_id).values(ended_day=None))

    def ended(self, conn: Connection, day: date) -> bool:
        ended_day = conn.execute(
            select(m.Hall.ended_day).where(m.Hall.id == self._ctx.hall_id)
        ).scalar_one()
        return ended_day == day

    def _close(
        self,
        conn: Connection,
        which_days: ColumnElement[bool],
        now: datetime,
        *,
        staff_id: int | None,
        detail: str,
    ) -> Counter[date]:
        """Close unserved tickets of the selected days, each with a log entry."""
        ctx = self._ctx
        rows = conn.execute(
            select(T.c.id, T.c.day, T.c.business_id, T.c.status).where(
                T.c.hall_id == ctx.hall_id, which_days, T.c.status.in_(UNSERVED)
            )
        ).all()
        if not rows:
            return Counter()
        conn.execute(
            update(T)
            .where(T.c.hall_id == ctx.hall_id, which_days, T.c.status.in_(UNSERVED))
            .values(status="closed")
        )
        conn.execute(
            insert(m.TicketEvent),
            [
                {
                    "hall_id": ctx.hall_id,
                    "ticket_id": r.id,
                    "day": r.day,
                    "code": EventCode.CLOSED.value,
                    "at": now,
                    "staff_id": staff_id,
                    "window_id": None,
                    "business_id": r.business_id,
                    "detail": f"{detail}:{r.status}",
                }
                for r in rows
            ],
        )
        return Counter(r.day for r in rows)
