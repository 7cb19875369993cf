"""What the hall core hands out: enums and plain frozen dataclasses, never ORM objects."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import IntEnum, StrEnum
from typing import NewType

TicketId = NewType("TicketId", int)
StaffId = NewType("StaffId", int)
HallId = NewType("HallId", int)


class Role(StrEnum):
    GUIDE = "guide"
    CLERK = "clerk"
    LEAD = "lead"


class TicketStatus(StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    PARKED = "parked"
    NO_SHOW = "no_show"
    DONE = "done"
    CLOSED = "closed"


OPEN_STATUSES = (TicketStatus.CALLED, TicketStatus.SERVING)

STATUS_LABELS = {
    TicketStatus.WAITING: "等候",
    TicketStatus.CALLED: "已呼叫",
    TicketStatus.SERVING: "办理中",
    TicketStatus.PARKED: "挂起",
    TicketStatus.NO_SHOW: "过号",
    TicketStatus.DONE: "已办结",
    TicketStatus.CLOSED: "日终关闭",
}


class Outcome(StrEnum):
    """How a finished service ended."""

    SERVED = "served"
    UNRESOLVED = "unresolved"
    REFERRED = "referred"


class EventCode(StrEnum):
    """The closed set of entries in a ticket's event log."""

    ISSUED = "issued"
    CALLED = "called"
    RECALLED = "recalled"
    STARTED = "started"
    TRANSFERRED = "transferred"
    PARKED = "parked"
    CALLED_BACK = "called_back"
    NO_SHOW = "no_show"
    REACTIVATED = "reactivated"
    HANDED_BACK = "handed_back"
    JUMPED = "jumped"
    FINISHED = "finished"
    CLOSED = "closed"


class RatingLevel(IntEnum):
    VERY_SATISFIED = 5
    SATISFIED = 4
    FAIRLY_SATISFIED = 3
    DISSATISFIED = 2
    VERY_DISSATISFIED = 1


RATING_LABELS = {
    RatingLevel.VERY_SATISFIED: "非常满意",
    RatingLevel.SATISFIED: "满意",
    RatingLevel.FAIRLY_SATISFIED: "基本满意",
    RatingLevel.DISSATISFIED: "不满意",
    RatingLevel.VERY_DISSATISFIED: "非常不满意",
}


@dataclass(frozen=True, slots=True)
class Ticket:
    id: TicketId
    number: str
    business: str
    status: TicketStatus
    priority: bool
    window: int | None
    waiting_ahead: int
    issued_at: datetime
    day: date
    account: str | None = None
    priority_reason: str | None = None
    recalls: int = 0
    called_at: datetime | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    outcome: Outcome | None = None
    note: str | None = None
    clerk: str | None = None
    """Staff code of the clerk who called it or, once done, finished it."""

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


@dataclass(frozen=True, slots=True)
class TicketEvent:
    ticket_id: TicketId
    number: str
    code: EventCode
    at: datetime
    business: str
    staff: str | None
    window: int | None
    detail: str | None


@dataclass(frozen=True, slots=True)
class BusinessType:
    code: str
    name: str
    target_s: int
    daily_cap: int
    alert_waiting: int
    opens_at: time
    closes_at: time
    open_days: str
    active: bool
    sort_order: int


@dataclass(frozen=True, slots=True)
class Window:
    number: int
    name: str
    businesses: tuple[str, ...]
    active: bool
    paused_reason: str | None
    paused_at: datetime | None
    clerk: str | None
    """Staff code of the clerk signed in at the window."""
    clerk_name: str | None = None

    @property
    def paused(self) -> bool:
        return self.paused_reason is not None


@dataclass(frozen=True, slots=True)
class StaffMember:
    code: str
    name: str
    role: Role
    active: bool
    locked_until: datetime | None


@dataclass(frozen=True, slots=True)
class QueueSnapshot:
    """The hall's live state for one business day: what the screens show."""

    day: date
    waiting: tuple[Ticket, ...]
    open: tuple[Ticket, ...]
    parked: tuple[Ticket, ...]
    no_shows: tuple[Ticket, ...]
    windows: tuple[Window, ...]
    businesses: tuple[BusinessType, ...]
    hall_name: str = ""
    notice: str = ""
    day_ended: bool = False
    """A lead ended today's business early: no more tickets today."""
    issued_today: Mapping[str, int] = field(default_factory=dict)
    """Tickets issued today per business code, to compare with its daily cap."""

    def waiting_for(self, business: str) -> tuple[Ticket, ...]:
        return tuple(t for t in self.waiting if t.business == business)

    def serving_windows(self, business: str) -> tuple[Window, ...]:
        """Windows that can call this business now: active, staffed and not paused."""
        return tuple(
            w
            for w in self.windows
            if w.active and w.clerk is not None and not w.paused and business in w.businesses
        )


@dataclass(frozen=True, slots=True)
class Account:
    """A customer account (客户档案). Screens and receipts show ``masked_phone`` only."""

    account: str
    name: str
    address: str
    phone: str
    tariff_class: str
    arrears_fen: int
    prepaid_fen: int
    status: str
    voltage_class: str = "不满1kV"
    capacity_kva: int = 0
    """Contracted capacity (合同容量) in kVA."""

    @property
    def masked_phone(self) -> str:
        from hall.validation import mask_phone

        return mask_phone(self.phone) if self.phone else ""


@dataclass(frozen=True, slots=True)
class CallNotice:
    """One call (or recall) of a number to a window, for the hall display to announce."""

    event_id: int
    number: str
    business: str
    window: int
    recall: bool
    at: datetime


PAYMENT_METHODS = {"cash": "现金", "card": "刷卡", "qr": "扫码"}
"""Payment methods and how a receipt names them (缴费方式)."""


@dataclass(frozen=True, slots=True)
class Receipt:
    """A receipt (收据) of a payment or of its reversal (冲正), as printed and read aloud.

    Amounts in fen. ``words``: the amount kept (due plus any prepayment) in capitals, "人民币…".
    ``readback``: the sentence the clerk reads aloud (唱收唱付). ``issued_at`` is in the hall's
    timezone. A reversal repeats the amounts of the payment it reverses (``reverses``: that
    receipt's number). ``prepaid_balance_fen``: the account's prepayment after this receipt.
    ``reprint``: this copy is a reprint (marked 重打).
    """

    number: str
    account: str
    due_fen: int
    received_fen: int
    change_fen: int
    prepaid_fen: int
    words: str
    readback: str
    issued_at: datetime
    kind: str
    method: str
    hall_name: str
    account_name: str
    address: str
    masked_phone: str
    clerk_name: str
    clerk_code: str
    window: int | None
    ticket: str | None
    prepaid_balance_fen: int
    reverses: str | None = None
    reason: str | None = None
    approved_by: str | None = None
    reprint: bool = False

    @property
    def kept_fen(self) -> int:
        """What the hall keeps: the amount due plus any prepayment."""
        return self.due_fen + self.prepaid_fen

    @property
    def method_name(self) -> str:
        return PAYMENT_METHODS[self.method]

    def write_pdf(self, path: str | os.PathLike[str]) -> None:
        """Write this receipt as an 80 mm wide PDF (needs no Qt)."""
        from hall.receipts import write_receipt_pdf

        write_receipt_pdf(self, path)
