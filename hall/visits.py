"""A customer's visit history (来访记录) and the repeat-visit flag (重复来访).

A repeat visit: the customer is back within ``REPEAT_WINDOW`` for the same business, i.e. a
ticket of the same account was issued for the same business (the one it was issued for, whatever
it was transferred to) in the seven days before. The hall's promise of 一次性告知 is that this
should not happen, so the counter shows it, with what happened last time.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Row, select
from sqlalchemy.orm import aliased

from db import models as m
from hall.accounts import to_account
from hall.context import HallContext
from hall.errors import InvalidInput, NotFound
from hall.forms import FORMS
from hall.records import Account, Outcome, Ticket, TicketId, TicketStatus

REPEAT_WINDOW = timedelta(days=7)
MAX_HISTORY = 500

T = m.Ticket.__table__
A = m.Account.__table__
P = m.Payment.__table__
APP = m.Application.__table__
BT = m.BusinessType.__table__
S = m.Staff.__table__


@dataclass(frozen=True, slots=True)
class RepeatVisit:
    """The customer's previous ticket for the same business, issued within REPEAT_WINDOW."""

    ticket_id: TicketId
    number: str
    day: date
    issued_at: datetime
    status: TicketStatus
    outcome: Outcome | None
    note: str | None


@dataclass(frozen=True, slots=True)
class VisitTicket:
    """One ticket of the customer. ``business``: where it was served (after any transfer);
    ``clerk``/``clerk_name``: who called or finished it; ``repeat_of``: set when it was a
    repeat visit."""

    ticket_id: TicketId
    number: str
    business: str
    business_name: str
    day: date
    issued_at: datetime
    status: TicketStatus
    outcome: Outcome | None
    note: str | None
    clerk: str | None
    clerk_name: str | None
    repeat_of: RepeatVisit | None


@dataclass(frozen=True, slots=True)
class VisitApplication:
    """One application (受理单) of the customer. ``form_title`` is the form's title when the
    form is known, else its code."""

    number: str
    form: str
    form_title: str
    business: str
    status: str
    created_at: datetime
    due_on: date | None
    completed_at: datetime | None
    clerk_name: str | None


@dataclass(frozen=True, slots=True)
class VisitPayment:
    """One payment or reversal (冲正) of the customer's account. ``amount_fen``: what the hall
    kept (due plus any prepayment); negative for a reversal."""

    receipt_number: str
    issued_at: datetime
    kind: str
    method: str
    amount_fen: int
    clerk_name: str | None
    reverses: str | None


@dataclass(frozen=True, slots=True)
class VisitHistory:
    """Everything the hall did for one account number, newest first in each list.

    ``account`` is None when the number is not in the hall's accounts (a ticket may carry a
    number the billing data does not have yet, e.g. for a new connection).
    """

    account_number: str
    account: Account | None
    tickets: tuple[VisitTicket, ...]
    applications: tuple[VisitApplication, ...]
    payments: tuple[VisitPayment, ...]


class Visits:
    """Reads customers' histories. Thread-safe."""

    def __init__(self, ctx: HallContext) -> None:
        self._ctx = ctx

    def history(self, account: str, *, limit: int = 200) -> VisitHistory:
        number = _clean_account(account)
        if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_HISTORY:
            raise InvalidInput(f"记录数应在1到{MAX_HISTORY}之间", code="invalid_limit")
        hall_id = self._ctx.hall_id
        with self._ctx.database.read() as conn:
            account_row = conn.execute(
                select(A).where(A.c.hall_id == hall_id, A.c.account == number)
            ).one_or_none()
            # Oldest first, all of them: each ticket's repeat flag looks at the ones before it.
            tickets = conn.execute(
                select(
                    T.c.id,
                    T.c.number,
                    T.c.day,
                    T.c.issued_at,
                    T.c.status,
                    T.c.outcome,
                    T.c.note,
                    T.c.origin_business_id,
                    BT.c.code.label("business"),
                    BT.c.name.label("business_name"),
                    S.c.code.label("clerk"),
                    S.c.name.label("clerk_name"),
                )
                .join(BT, BT.c.id == T.c.business_id)
                .outerjoin(S, S.c.id == T.c.clerk_id)
                .where(T.c.hall_id == hall_id, T.c.account == number)
                .order_by(T.c.id)
            ).all()
            applications = conn.execute(
                select(
                    APP.c.number,
                    APP.c.form,
                    APP.c.status,
                    APP.c.created_at,
                    APP.c.due_on,
                    APP.c.completed_at,
                    BT.c.code.label("business"),
                    S.c.name.label("clerk_name"),
                )
                .join(BT, BT.c.id == APP.c.business_id)
                .outerjoin(S, S.c.id == APP.c.clerk_id)
                .where(APP.c.hall_id == hall_id, APP.c.account == number)
                .order_by(APP.c.created_at.desc(), APP.c.id.desc())
                .limit(limit)
            ).all()
            payments = (
                self._payments(conn, account_row.id, limit) if account_row is not None else []
            )
        return VisitHistory(
            account_number=number,
            account=to_account(account_row._mapping) if account_row is not None else None,
            tickets=tuple(reversed(_with_repeats(tickets)))[:limit],
            applications=tuple(
                VisitApplication(
                    number=r.number,
                    form=r.form,
                    form_title=FORMS[r.form].title if r.form in FORMS else r.form,
                    business=r.business,
                    status=r.status,
                    created_at=r.created_at,
                    due_on=r.due_on,
                    completed_at=r.completed_at,
                    clerk_name=r.clerk_name,
                )
                for r in applications
            ),
            payments=tuple(
                VisitPayment(
                    receipt_number=r.receipt_number,
                    issued_at=r.issued_at,
                    kind=r.kind,
                    method=r.method,
                    amount_fen=(r.due_fen + r.prepaid_fen) * (-1 if r.kind == "reversal" else 1),
                    clerk_name=r.clerk_name,
                    reverses=r.reverses,
                )
                for r in payments
            ),
        )

    def _payments(self, conn: Connection, account_id: int, limit: int) -> Sequence[Row[Any]]:
        reversed_payment = aliased(P)
        return conn.execute(
            select(
                P.c.receipt_number,
                P.c.issued_at,
                P.c.kind,
                P.c.method,
                P.c.due_fen,
                P.c.prepaid_fen,
                S.c.name.label("clerk_name"),
                reversed_payment.c.receipt_number.label("reverses"),
            )
            .outerjoin(S, S.c.id == P.c.staff_id)
            .outerjoin(reversed_payment, reversed_payment.c.id == P.c.reverses_id)
            .where(P.c.account_id == account_id)
            .order_by(P.c.id.desc())
            .limit(limit)
        ).all()

    def repeat_visit(self, ticket: int | Ticket) -> RepeatVisit | None:
        """The previous visit this ticket repeats, or None (also for a ticket with no account)."""
        ticket_id = ticket.id if isinstance(ticket, Ticket) else ticket
        hall_id = self._ctx.hall_id
        with self._ctx.database.read() as conn:
            this = conn.execute(
                select(T.c.id, T.c.account, T.c.origin_business_id, T.c.issued_at).where(
                    T.c.id == ticket_id, T.c.hall_id == hall_id
                )
            ).one_or_none()
            if this is None:
                raise NotFound(f"没有编号为 {ticket_id} 的票", code="ticket_not_found")
            if this.account is None:
                return None
            previous = conn.execute(
                select(
                    T.c.id, T.c.number, T.c.day, T.c.issued_at, T.c.status, T.c.outcome, T.c.note
                )
                .where(
                    T.c.hall_id == hall_id,
                    T.c.account == this.account,
                    T.c.origin_business_id == this.origin_business_id,
                    T.c.id < this.id,
                    T.c.issued_at >= this.issued_at - REPEAT_WINDOW,
                )
                .order_by(T.c.id.desc())
                .limit(1)
            ).one_or_none()
        return _repeat(previous) if previous is not None else None


def _with_repeats(rows: Sequence[Row[Any]]) -> list[VisitTicket]:
    """The tickets (oldest first) as history rows, each with the visit it repeats if any."""
    last_by_business: dict[int, Row[Any]] = {}
    visits: list[VisitTicket] = []
    for r in rows:
        before = last_by_business.get(r.origin_business_id)
        repeat_of = (
            _repeat(before)
            if before is not None and before.issued_at >= r.issued_at - REPEAT_WINDOW
            else None
        )
        last_by_business[r.origin_business_id] = r
        visits.append(
            VisitTicket(
                ticket_id=TicketId(r.id),
                number=r.number,
                business=r.business,
                business_name=r.business_name,
                day=r.day,
                issued_at=r.issued_at,
                status=TicketStatus(r.status),
                outcome=Outcome(r.outcome) if r.outcome else None,
                note=r.note,
                clerk=r.clerk,
                clerk_name=r.clerk_name,
                repeat_of=repeat_of,
            )
        )
    return visits


def _repeat(row: Row[Any]) -> RepeatVisit:
    return RepeatVisit(
        ticket_id=TicketId(row.id),
        number=row.number,
        day=row.day,
        issued_at=row.issued_at,
        status=TicketStatus(row.status),
        outcome=Outcome(row.outcome) if row.outcome else None,
        note=row.note,
    )


def _clean_account(account: str) -> str:
    if not isinstance(account, str) or not account.strip():
        raise InvalidInput("请输入户号", code="invalid_account")
    # Full-width digits typed with a Chinese input method count as digits, as at the ticket desk.
    number = unicodedata.normalize("NFKC", account).replace(" ", "")
    if not (number.isascii() and number.isdigit()):
        raise InvalidInput("户号只能由数字组成", code="invalid_account")
    return number
