"""The queue engine: issuing, calling and every move of a ticket.

Each move is one write transaction: one guarded ``UPDATE … RETURNING`` on the ticket, whose WHERE
clause holds every rule (the window's own open ticket, a window not paused, today's tickets only),
then one row appended to the ticket's event log. A move that matches no row changed nothing; only
then is the state read again to say why. Status constants are written inline, not bound, so that
SQLite can use the partial indexes on them.
"""

from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NoReturn

from sqlalchemy import (
    ColumnElement,
    Connection,
    Row,
    bindparam,
    exists,
    func,
    insert,
    literal_column,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql.dml import ReturningUpdate

from db import models as m
from hall.context import HallContext
from hall.days import BusinessDays
from hall.errors import Conflict, InvalidInput, NotFound
from hall.events import TicketCalled, TicketFinished, TicketIssued, TicketMoved
from hall.records import STATUS_LABELS, EventCode, Outcome, Ticket, TicketId, TicketStatus

logger = logging.getLogger(__name__)

T = m.Ticket.__table__
EV = m.TicketEvent.__table__
WB = m.WindowBusiness.__table__
WIN = m.Window.__table__
SEQ = m.TicketSequence.__table__

TicketUpdate = ReturningUpdate[Any]

MAX_ACCOUNT_LENGTH = 32
MAX_REASON_LENGTH = 100
MAX_NOTE_LENGTH = 500


def _status(*statuses: TicketStatus) -> ColumnElement[bool]:
    """``status IN (…)`` with the values inline, so that partial indexes apply."""
    if len(statuses) == 1:
        return T.c.status == literal_column(f"'{statuses[0].value}'")
    return T.c.status.in_([literal_column(f"'{s.value}'") for s in statuses])


OPEN = _status(TicketStatus.CALLED, TicketStatus.SERVING)
TICKET_COLUMNS = (
    T.c.id,
    T.c.number,
    T.c.business_id,
    T.c.status,
    T.c.priority,
    T.c.window_id,
    T.c.waiting_ahead,
    T.c.issued_at,
    T.c.day,
    T.c.account,
    T.c.priority_reason,
    T.c.recalls,
    T.c.called_at,
    T.c.started_at,
    T.c.finished_at,
    T.c.outcome,
    T.c.note,
    T.c.clerk_id,
)

# Call order: priority first, then tickets put back at the front, then the longest waiting.
CALL_ORDER = (
    T.c.priority.desc(),
    T.c.front_at.is_(None),
    T.c.front_at,
    T.c.issued_at,
    T.c.id,
)


def _served_by_window() -> ColumnElement[bool]:
    return T.c.business_id.in_(
        select(WB.c.business_id).where(WB.c.window_id == bindparam("p_window_id"))
    )


_NEXT_FOR_WINDOW = (
    select(T.c.id)
    .where(
        T.c.hall_id == bindparam("p_hall_id"),
        T.c.day == bindparam("p_day"),
        _status(TicketStatus.WAITING),
        _served_by_window(),
    )
    .order_by(*CALL_ORDER)
    .limit(1)
    # Write transactions run one at a time (Database.write: SQLite's BEGIN IMMEDIATE, PostgreSQL's
    # advisory lock); should two ever overlap on PostgreSQL, a counter skips the row another one
    # is calling instead of calling it too. SQLite ignores this.
    .with_for_update(skip_locked=True)
    .scalar_subquery()
)
_OPEN_AT_WINDOW = exists().where(T.c.window_id == bindparam("p_window_id"), OPEN)
_WINDOW_PAUSED = exists().where(
    WIN.c.id == bindparam("p_window_id"), WIN.c.paused_reason.is_not(None)
)

CALL_NEXT = (
    update(T)
    .where(T.c.id == _NEXT_FOR_WINDOW, ~_OPEN_AT_WINDOW, ~_WINDOW_PAUSED)
    .values(
        status="called",
        window_id=bindparam("p_window_id"),
        clerk_id=bindparam("p_staff_id"),
        called_at=bindparam("p_now"),
        started_at=None,
        front_at=None,
    )
    .returning(*TICKET_COLUMNS)
)


def _window_move(from_statuses: tuple[TicketStatus, ...], **values: Any) -> TicketUpdate:
    """A move of the window's own open ticket."""
    return (
        update(T)
        .where(T.c.window_id == bindparam("p_window_id"), _status(*from_statuses))
        .values(**values)
        .returning(*TICKET_COLUMNS)
    )


START = _window_move((TicketStatus.CALLED,), status="serving", started_at=bindparam("p_now"))
RECALL = _window_move((TicketStatus.CALLED,), recalls=T.c.recalls + 1)
NO_SHOW = _window_move((TicketStatus.CALLED,), status="no_show")
FINISH = _window_move(
    (TicketStatus.CALLED, TicketStatus.SERVING),
    status="done",
    finished_at=bindparam("p_now"),
    outcome=bindparam("p_outcome"),
    note=bindparam("p_note"),
    clerk_id=bindparam("p_staff_id"),
)
PARK = _window_move((TicketStatus.CALLED, TicketStatus.SERVING), status="parked")
HAND_BACK = _window_move(
    (TicketStatus.CALLED, TicketStatus.SERVING),
    status="waiting",
    window_id=None,
    front_at=bindparam("p_now"),
)
TRANSFER = _window_move(
    (TicketStatus.CALLED, TicketStatus.SERVING),
    status="waiting",
    window_id=None,
    business_id=bindparam("p_business_id"),
    front_at=None,
    called_at=None,
    started_at=None,
)


def _back_to_front(from_status: TicketStatus) -> TicketUpdate:
    """A parked or no-show ticket of today goes back to the front, if this window serves it."""
    return (
        update(T)
        .where(
            T.c.hall_id == bindparam("p_hall_id"),
            T.c.day == bindparam("p_day"),
            T.c.number == bindparam("p_number"),
            _status(from_status),
            _served_by_window(),
        )
        .values(status="waiting", window_id=None, front_at=bindparam("p_now"))
        .returning(*TICKET_COLUMNS)
    )


REACTIVATE = _back_to_front(TicketStatus.NO_SHOW)
CALL_BACK = _back_to_front(TicketStatus.PARKED)
JUMP = (
    update(T)
    .where(
        T.c.hall_id == bindparam("p_hall_id"),
        T.c.day == bindparam("p_day"),
        T.c.number == bindparam("p_number"),
        _status(TicketStatus.WAITING),
    )
    .values(priority=True, priority_reason=bindparam("p_reason"))
    .returning(*TICKET_COLUMNS)
)

LOG_EVENT = insert(EV).values(
    hall_id=bindparam("p_hall_id"),
    ticket_id=bindparam("p_ticket_id"),
    day=bindparam("p_day"),
    code=bindparam("p_code"),
    at=bindparam("p_now"),
    staff_id=bindparam("p_staff_id"),
    window_id=bindparam("p_window_id"),
    business_id=bindparam("p_business_id"),
    detail=bindparam("p_detail"),
)

NEXT_SEQ = (
    update(SEQ)
    .where(
        SEQ.c.business_id == bindparam("p_business_id"),
        SEQ.c.day == bindparam("p_day"),
        SEQ.c.last_seq < bindparam("p_cap"),
    )
    .values(last_seq=SEQ.c.last_seq + 1)
    .returning(SEQ.c.last_seq)
)


@dataclass(frozen=True, slots=True)
class Actor:
    """Who makes a move, and at which window (None for the ticket desk)."""

    staff_id: int
    window_id: int | None = None


class QueueEngine:
    """All ticket moves of one hall. Thread-safe; each call is one transaction."""

    def __init__(self, ctx: HallContext, days: BusinessDays) -> None:
        self._ctx = ctx
        self._days = days

    def _stamp(self) -> tuple[datetime, date]:
        """The time and business day of a move, read once the write lock is held, so that
        times follow the order in which moves commit."""
        now = self._ctx.now()
        return now, self._ctx.today(now)

    # -- reading -----------------------------------------------------------------------------

    def to_ticket(self, row: Row[Any]) -> Ticket:
        names = self._ctx.names
        return Ticket(
            id=TicketId(row.id),
            number=row.number,
            business=names.business_code(row.business_id),
            status=TicketStatus(row.status),
            priority=bool(row.priority),
            window=names.window_number(row.window_id),
            waiting_ahead=row.waiting_ahead,
            issued_at=row.issued_at,
            day=row.day,
            account=row.account,
            priority_reason=row.priority_reason,
            recalls=row.recalls,
            called_at=row.called_at,
            started_at=row.started_at,
            finished_at=row.finished_at,
            outcome=Outcome(row.outcome) if row.outcome else None,
            note=row.note,
            clerk=names.staff_code(row.clerk_id),
        )

    def open_ticket(self, window_id: int) -> Ticket | None:
        with self._ctx.database.read() as conn:
            row = conn.execute(
                select(*TICKET_COLUMNS).where(T.c.window_id == window_id, OPEN)
            ).one_or_none()
        return self.to_ticket(row) if row else None

    def ticket(self, ticket_id: int) -> Ticket:
        with self._ctx.database.read() as conn:
            row = conn.execute(
                select(*TICKET_COLUMNS).where(T.c.id == ticket_id, T.c.hall_id == self._ctx.hall_id)
            ).one_or_none()
        if row is None:
            raise NotFound(f"没有编号为 {ticket_id} 的票", code="ticket_not_found")
        return self.to_ticket(row)

    # -- issuing -----------------------------------------------------------------------------

    def issue(
        self,
        actor: Actor,
        business: str,
        *,
        account: str | None = None,
        priority_reason: str | None = None,
    ) -> Ticket:
        account = _clean_account(account)
        reason = _clean_reason(priority_reason)
        ctx = self._ctx
        self._days.ensure_current(ctx.now())
        for _attempt in range(3):
            try:
                with ctx.database.write() as conn:
                    now, day = self._stamp()
                    bt = self._open_business(conn, business, now, day)
                    seq = self._next_seq(conn, bt, day)
                    ahead_filter = [
                        T.c.hall_id == ctx.hall_id,
                        T.c.day == day,
                        _status(TicketStatus.WAITING),
                        T.c.business_id == bt.id,
                    ]
                    if reason:
                        ahead_filter.append(T.c.priority.is_(True))
                    ahead = conn.execute(
                        select(func.count()).select_from(T).where(*ahead_filter)
                    ).scalar_one()
                    row = conn.execute(
                        insert(T)
                        .values(
                            hall_id=ctx.hall_id,
                            day=day,
                            business_id=bt.id,
                            origin_business_id=bt.id,
                            seq=seq,
                            number=f"{bt.code}{seq:03d}",
                            status="waiting",
                            priority=reason is not None,
                            priority_reason=reason,
                            account=account,
                            issued_at=now,
                            issued_by=actor.staff_id,
                            waiting_ahead=ahead,
                            recalls=0,
                        )
                        .returning(*TICKET_COLUMNS)
                    ).one()
                    self._log(conn, row, EventCode.ISSUED, actor, now, detail=reason)
                break
            except IntegrityError:
                # Two halls' PCs created the day's first sequence row at once; try again.
                logger.info("ticket sequence race on %s, retrying", business)
        else:
            raise Conflict("取号繁忙，请重试", code="busy")
        ticket = self.to_ticket(row)
        ctx.events.emit(TicketIssued(ticket))
        return ticket

    def _open_business(self, conn: Connection, code: str, now: datetime, day: date) -> Row[Any]:
        ctx = self._ctx
        bt = conn.execute(
            select(m.BusinessType.__table__).where(
                m.BusinessType.hall_id == ctx.hall_id, m.BusinessType.code == code
            )
        ).one_or_none()
        if bt is None:
            raise NotFound(f"没有代码为“{code}”的业务", code="business_not_found")
        if not bt.active:
            raise Conflict(f"“{bt.name}”业务暂停办理", code="business_closed")
        if self._days.ended(conn, day):
            raise Conflict("今日营业已结束，不能再取号", code="day_ended")
        local = now.astimezone(ctx.zone)
        hours = f"{bt.opens_at:%H:%M}–{bt.closes_at:%H:%M}"
        if str(local.isoweekday()) not in bt.open_days:
            raise Conflict(f"“{bt.name}”今天不办理", code="outside_hours")
        if not bt.opens_at <= local.time() < bt.closes_at:
            raise Conflict(f"“{bt.name}”的取号时间为 {hours}，现在不能取号", code="outside_hours")
        return bt

    def _next_seq(self, conn: Connection, bt: Row[Any], day: date) -> int:
        params = _p(business_id=bt.id, day=day, cap=bt.daily_cap)
        seq = conn.execute(NEXT_SEQ, params).scalar_one_or_none()
        if seq is not None:
            return seq
        existing = conn.execute(
            select(SEQ.c.last_seq).where(SEQ.c.business_id == bt.id, SEQ.c.day == day)
        ).scalar_one_or_none()
        if existing is not None:
            raise Conflict(
                f"“{bt.name}”今日号源已满（{bt.daily_cap}个），请改日再来或咨询引导员",
                code="daily_cap",
            )
        conn.execute(
            insert(SEQ).values(business_id=bt.id, day=day, hall_id=self._ctx.hall_id, last_seq=1)
        )
        return 1

    # -- moves at a window -------------------------------------------------------------------

    def call_next(self, actor: Actor) -> Ticket | None:
        window_id = _require_window(actor)
        ctx = self._ctx
        self._days.ensure_current(ctx.now())
        try:
            with ctx.database.write() as conn:
                now, day = self._stamp()
                params = _p(
                    hall_id=ctx.hall_id,
                    day=day,
                    window_id=window_id,
                    staff_id=actor.staff_id,
                    now=now,
                )
                row = conn.execute(CALL_NEXT, params).one_or_none()
                if row is None:
                    self._why_no_call(conn, window_id)
                    return None
                self._log(conn, row, EventCode.CALLED, actor, now)
        except IntegrityError as exc:
            # PostgreSQL under read committed: the unique open-ticket index stopped a second call.
            raise Conflict("本窗口已有正在办理的号", code="window_busy") from exc
        ticket = self.to_ticket(row)
        ctx.events.emit(TicketCalled(ticket, ticket.window or 0, recall=False))
        return ticket

    def _why_no_call(self, conn: Connection, window_id: int) -> None:
        window = conn.execute(select(WIN.c.paused_reason).where(WIN.c.id == window_id)).one()
        if window.paused_reason is not None:
            raise Conflict("窗口已暂停服务，请先恢复服务再叫号", code="window_paused")
        number = conn.execute(select(T.c.number).where(T.c.window_id == window_id, OPEN)).scalar()
        if number is not None:
            raise Conflict(
                f"{number}号尚未办结，请先办结、过号或挂起再叫下一位", code="window_busy"
            )

    def start(self, actor: Actor) -> Ticket:
        return self._move(actor, START, EventCode.STARTED, "开始办理")

    def recall(self, actor: Actor) -> Ticket:
        ticket = self._move(actor, RECALL, EventCode.RECALLED, "重呼", emit=False)
        self._ctx.events.emit(TicketCalled(ticket, ticket.window or 0, recall=True))
        return ticket

    def no_show(self, actor: Actor) -> Ticket:
        return self._move(actor, NO_SHOW, EventCode.NO_SHOW, "过号")

    def finish(self, actor: Actor, outcome: str, note: str | None = None) -> Ticket:
        try:
            result = Outcome(outcome)
        except ValueError:
            raise InvalidInput(
                "办结结果只能是：已办结(served)、未办结(unresolved)、已转办(referred)",
                code="invalid_outcome",
            ) from None
        ticket = self._move(
            actor,
            FINISH,
            EventCode.FINISHED,
            "办结",
            extra={"outcome": result.value, "note": _clean_note(note)},
            detail=result.value,
            emit=False,
        )
        self._ctx.events.emit(TicketFinished(ticket))
        return ticket

    def park(self, actor: Actor) -> Ticket:
        return self._move(actor, PARK, EventCode.PARKED, "挂起")

    def hand_back(self, actor: Actor) -> Ticket:
        return self._move(actor, HAND_BACK, EventCode.HANDED_BACK, "退回队列")

    def transfer(self, actor: Actor, business: str) -> Ticket:
        """The open ticket waits in another business's queue, keeping its arrival time."""
        window_id = _require_window(actor)
        ctx = self._ctx
        target = ctx.names.business_id(business)
        if target is None:
            raise NotFound(f"没有代码为“{business}”的业务", code="business_not_found")
        with ctx.database.write() as conn:
            now, _day = self._stamp()
            leaving = conn.execute(
                select(T.c.business_id).where(T.c.window_id == window_id, OPEN)
            ).scalar()
            if leaving == target:
                raise InvalidInput("转移的目标业务与当前业务相同", code="same_business")
            active = conn.execute(
                select(m.BusinessType.active).where(m.BusinessType.id == target)
            ).scalar_one()
            if not active:
                raise Conflict("目标业务暂停办理，不能转入", code="business_closed")
            params = _p(window_id=window_id, business_id=target, now=now, staff_id=actor.staff_id)
            row = conn.execute(TRANSFER, params).one_or_none()
            if row is None:
                self._why_no_move(conn, window_id, "转移")
            # The log records a transfer under the business it leaves.
            self._log(
                conn, row, EventCode.TRANSFERRED, actor, now, detail=business, business_id=leaving
            )
        ticket = self.to_ticket(row)
        ctx.events.emit(TicketMoved(ticket, EventCode.TRANSFERRED))
        return ticket

    def _move(
        self,
        actor: Actor,
        statement: TicketUpdate,
        code: EventCode,
        action: str,
        *,
        extra: dict[str, object] | None = None,
        detail: str | None = None,
        emit: bool = True,
    ) -> Ticket:
        window_id = _require_window(actor)
        ctx = self._ctx
        with ctx.database.write() as conn:
            now, _day = self._stamp()
            params = _p(window_id=window_id, now=now, staff_id=actor.staff_id, **(extra or {}))
            row = conn.execute(statement, params).one_or_none()
            if row is None:
                self._why_no_move(conn, window_id, action)
            self._log(conn, row, code, actor, now, detail=detail)
        ticket = self.to_ticket(row)
        if emit:
            ctx.events.emit(TicketMoved(ticket, code))
        return ticket

    def _why_no_move(self, conn: Connection, window_id: int, action: str) -> NoReturn:
        current = conn.execute(
            select(T.c.number, T.c.status).where(T.c.window_id == window_id, OPEN)
        ).one_or_none()
        if current is None:
            raise Conflict(f"本窗口没有正在呼叫或办理的号，不能{action}", code="no_open_ticket")
        if current.status == TicketStatus.SERVING:
            raise Conflict(f"{current.number}号已开始办理，不能{action}", code="already_serving")
        raise Conflict(f"{current.number}号当前状态不能{action}", code="wrong_status")

    # -- moves by ticket number --------------------------------------------------------------

    def reactivate(self, actor: Actor, number: str) -> Ticket:
        return self._by_number(
            actor, number, REACTIVATE, EventCode.REACTIVATED, TicketStatus.NO_SHOW
        )

    def call_back(self, actor: Actor, number: str) -> Ticket:
        return self._by_number(actor, number, CALL_BACK, EventCode.CALLED_BACK, TicketStatus.PARKED)

    def _by_number(
        self,
        actor: Actor,
        number: str,
        statement: TicketUpdate,
        code: EventCode,
        expected: TicketStatus,
    ) -> Ticket:
        window_id = _require_window(actor)
        number = number.strip().upper()
        ctx = self._ctx
        self._days.ensure_current(ctx.now())
        with ctx.database.write() as conn:
            now, day = self._stamp()
            params = _p(hall_id=ctx.hall_id, day=day, number=number, window_id=window_id, now=now)
            row = conn.execute(statement, params).one_or_none()
            if row is None:
                self._why_not_by_number(conn, day, number, window_id, expected)
            self._log(conn, row, code, actor, now)
        ticket = self.to_ticket(row)
        ctx.events.emit(TicketMoved(ticket, code))
        return ticket

    def _why_not_by_number(
        self, conn: Connection, day: date, number: str, window_id: int, expected: TicketStatus
    ) -> NoReturn:
        found = conn.execute(
            select(T.c.status, T.c.business_id).where(
                T.c.hall_id == self._ctx.hall_id, T.c.day == day, T.c.number == number
            )
        ).one_or_none()
        if found is None:
            raise NotFound(f"今天没有{number}号", code="ticket_not_found")
        if found.status != expected:
            label = STATUS_LABELS[expected]
            raise Conflict(f"{number}号不是{label}状态", code="wrong_status")
        raise Conflict(f"本窗口不办理{number}号的业务", code="not_served_here")

    def jump(self, actor: Actor, number: str, reason: str) -> Ticket:
        """Queue jump by a lead: a waiting ticket becomes a priority ticket."""
        cleaned = _clean_reason(reason)
        if cleaned is None:
            raise InvalidInput("插队必须填写原因", code="reason_required")
        number = number.strip().upper()
        ctx = self._ctx
        self._days.ensure_current(ctx.now())
        with ctx.database.write() as conn:
            now, day = self._stamp()
            params = _p(hall_id=ctx.hall_id, day=day, number=number, reason=cleaned)
            row = conn.execute(JUMP, params).one_or_none()
            if row is None:
                raise Conflict(f"{number}号不在等候中，不能插队", code="wrong_status")
            self._log(conn, row, EventCode.JUMPED, actor, now, detail=cleaned)
        ticket = self.to_ticket(row)
        ctx.events.emit(TicketMoved(ticket, EventCode.JUMPED))
        return ticket

    # -- the log -----------------------------------------------------------------------------

    def _log(
        self,
        conn: Connection,
        row: Row[Any],
        code: EventCode,
        actor: Actor,
        now: datetime,
        *,
        detail: str | None = None,
        business_id: int | None = None,
    ) -> None:
        conn.execute(
            LOG_EVENT,
            _p(
                hall_id=self._ctx.hall_id,
                ticket_id=row.id,
                day=row.day,
                code=code.value,
                now=now,
                staff_id=actor.staff_id,
                window_id=actor.window_id,
                business_id=business_id or row.business_id,
                detail=detail,
            ),
        )


def _p(**values: object) -> dict[str, object]:
    """Statement parameters; bound names carry a prefix so they never clash with columns."""
    return {"p_" + name: value for name, value in values.items()}


def _require_window(actor: Actor) -> int:
    if actor.window_id is None:
        raise Conflict("请先在窗口签到再办理", code="no_window")
    return actor.window_id


def _clean_account(account: str | None) -> str | None:
    if account is None or not account.strip():
        return None
    # Full-width digits typed with a Chinese input method count as digits.
    cleaned = unicodedata.normalize("NFKC", account).replace(" ", "")
    if not cleaned.isdigit() or not cleaned.isascii():
        raise InvalidInput("户号只能由数字组成", code="invalid_account")
    if len(cleaned) > MAX_ACCOUNT_LENGTH:
        raise InvalidInput("户号过长", code="invalid_account")
    return cleaned


def _clean_note(note: str | None) -> str | None:
    if note is None or not note.strip():
        return None
    cleaned = note.strip()
    if len(cleaned) > MAX_NOTE_LENGTH:
        raise InvalidInput(f"备注不能超过{MAX_NOTE_LENGTH}个字", code="note_too_long")
    return cleaned


def _clean_reason(reason: str | None) -> str | None:
    if reason is None or not reason.strip():
        return None
    cleaned = " ".join(reason.split())
    if len(cleaned) > MAX_REASON_LENGTH:
        raise InvalidInput(f"原因不能超过{MAX_REASON_LENGTH}个字", code="reason_too_long")
    return cleaned
