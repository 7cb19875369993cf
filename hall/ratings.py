"""Customer ratings from the pad at each window: one per finished service."""

from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from db import models as m
from hall.context import HallContext
from hall.errors import Conflict, InvalidInput, NotFound
from hall.events import RatingRecorded
from hall.records import RatingLevel, TicketId, TicketStatus

MAX_REASON_LENGTH = 200
T = m.Ticket.__table__
R = m.Rating.__table__


class Ratings:
    def __init__(self, ctx: HallContext) -> None:
        self._ctx = ctx

    def rate(self, ticket_id: int, level: int, reason: str | None = None) -> None:
        if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 5:
            raise InvalidInput("评价等级须为1到5", code="invalid_level")
        cleaned = " ".join(reason.split()) if reason else None
        if level <= RatingLevel.DISSATISFIED and not cleaned:
            raise InvalidInput("请选择或填写不满意的原因", code="reason_required")
        if cleaned and len(cleaned) > MAX_REASON_LENGTH:
            raise InvalidInput(f"原因不能超过{MAX_REASON_LENGTH}个字", code="reason_too_long")
        ctx = self._ctx
        try:
            with ctx.database.write() as conn:
                ticket = conn.execute(
                    select(T.c.status, T.c.window_id, T.c.clerk_id).where(
                        T.c.id == ticket_id, T.c.hall_id == ctx.hall_id
                    )
                ).one_or_none()
                if ticket is None:
                    raise NotFound("没有这张票", code="ticket_not_found")
                if ticket.status != TicketStatus.DONE:
                    raise Conflict("只能评价已办结的服务", code="not_done")
                conn.execute(
                    insert(R).values(
                        hall_id=ctx.hall_id,
                        ticket_id=ticket_id,
                        level=level,
                        reason=cleaned,
                        window_id=ticket.window_id,
                        clerk_id=ticket.clerk_id,
                        rated_at=ctx.now(),
                    )
                )
        except IntegrityError:
            raise Conflict("这次服务已经评价过了", code="already_rated") from None
        ctx.events.emit(
            RatingRecorded(TicketId(ticket_id), ctx.names.window_number(ticket.window_id), level)
        )
