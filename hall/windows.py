"""A window's own state: who is signed in at it, and pauses (暂停服务) with their reasons."""

from __future__ import annotations

from sqlalchemy import insert, select, update

from db import models as m
from hall.context import HallContext
from hall.errors import Conflict, InvalidInput, NotFound
from hall.events import WindowPaused, WindowResumed
from hall.records import TicketStatus

WIN = m.Window.__table__
P = m.WindowPause.__table__
T = m.Ticket.__table__
MAX_REASON_LENGTH = 100


class Windows:
    def __init__(self, ctx: HallContext) -> None:
        self._ctx = ctx

    def occupy(self, number: int, staff_id: int) -> int:
        """Sign a clerk in at a window (taking it over from whoever was there); its id."""
        with self._ctx.database.write() as conn:
            window = conn.execute(
                select(WIN.c.id, WIN.c.active).where(
                    WIN.c.hall_id == self._ctx.hall_id, WIN.c.number == number
                )
            ).one_or_none()
            if window is None:
                raise NotFound(f"没有{number}号窗口", code="window_not_found")
            if not window.active:
                raise Conflict(f"{number}号窗口已停用", code="window_inactive")
            conn.execute(update(WIN).where(WIN.c.id == window.id).values(clerk_id=staff_id))
        return window.id

    def leave(self, window_id: int, staff_id: int) -> None:
        with self._ctx.database.write() as conn:
            number = conn.execute(
                select(T.c.number).where(
                    T.c.window_id == window_id,
                    T.c.status.in_([TicketStatus.CALLED, TicketStatus.SERVING]),
                )
            ).scalar()
            if number is not None:
                raise Conflict(f"{number}号尚未办结，请先办结或退回队列再签退", code="window_busy")
            conn.execute(
                update(WIN)
                .where(WIN.c.id == window_id, WIN.c.clerk_id == staff_id)
                .values(clerk_id=None)
            )

    def pause(self, window_id: int, staff_id: int, reason: str) -> None:
        cleaned = " ".join(reason.split()) if reason else ""
        if not cleaned:
            raise InvalidInput("暂停服务须填写原因", code="reason_required")
        if len(cleaned) > MAX_REASON_LENGTH:
            raise InvalidInput(f"原因不能超过{MAX_REASON_LENGTH}个字", code="reason_too_long")
        ctx = self._ctx
        now = ctx.now()
        with ctx.database.write() as conn:
            paused = conn.execute(
                update(WIN)
                .where(WIN.c.id == window_id, WIN.c.paused_reason.is_(None))
                .values(paused_reason=cleaned, paused_at=now)
            ).rowcount
            if not paused:
                raise Conflict("窗口已经处于暂停状态", code="already_paused")
            conn.execute(
                insert(P).values(
                    hall_id=ctx.hall_id,
                    window_id=window_id,
                    staff_id=staff_id,
                    reason=cleaned,
                    started_at=now,
                )
            )
        ctx.events.emit(WindowPaused(self._number(window_id), cleaned))

    def resume(self, window_id: int) -> None:
        ctx = self._ctx
        now = ctx.now()
        with ctx.database.write() as conn:
            resumed = conn.execute(
                update(WIN)
                .where(WIN.c.id == window_id, WIN.c.paused_reason.is_not(None))
                .values(paused_reason=None, paused_at=None)
            ).rowcount
            if not resumed:
                raise Conflict("窗口没有暂停", code="not_paused")
            conn.execute(
                update(P)
                .where(P.c.window_id == window_id, P.c.ended_at.is_(None))
                .values(ended_at=now)
            )
        ctx.events.emit(WindowResumed(self._number(window_id)))

    def _number(self, window_id: int) -> int:
        number = self._ctx.names.window_number(window_id)
        assert number is not None
        return number
