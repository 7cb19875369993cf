"""What the hall core hands out: enums and plain frozen dataclasses, never ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
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
