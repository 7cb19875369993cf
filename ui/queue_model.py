"""Table models of the live queue: the tickets in line, and how many wait for each business."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QColor

from hall.records import BusinessType, QueueSnapshot, Ticket, TicketStatus

from ui.table_model import RECORD_ROLE, AnyIndex, RecordTableModel

logger = logging.getLogger(__name__)

PRIORITY_GREEN = QColor("#0a7a3f")
PRIORITY_ROW = QColor("#e2f3e8")
PARKED_GREY = QColor("#6b7280")
NO_SHOW_RED = QColor("#b42318")


def status_text(status: TicketStatus) -> str:
    """The ticket status as the hall says it."""
    match status:
        case TicketStatus.WAITING:
            return QCoreApplication.translate("TicketStatus", "等候")
        case TicketStatus.CALLED:
            return QCoreApplication.translate("TicketStatus", "已呼叫")
        case TicketStatus.SERVING:
            return QCoreApplication.translate("TicketStatus", "办理中")
        case TicketStatus.PARKED:
            return QCoreApplication.translate("TicketStatus", "挂起")
        case TicketStatus.NO_SHOW:
            return QCoreApplication.translate("TicketStatus", "过号")
        case TicketStatus.DONE:
            return QCoreApplication.translate("TicketStatus", "已办结")
        case TicketStatus.CLOSED:
            return QCoreApplication.translate("TicketStatus", "日终关闭")
    return str(status)


def minutes_waited(ticket: Ticket, now: datetime) -> int:
    """Whole minutes since the ticket was issued (never negative)."""
    return max(0, int((now - ticket.issued_at).total_seconds() // 60))


def ticket_colour(ticket: Ticket, *, priority_column: bool) -> QColor | None:
    """The text colour of a ticket's cell: no-shows red, parked grey, 绿色通道 green."""
    if ticket.status == TicketStatus.NO_SHOW:
        return NO_SHOW_RED
    if ticket.status == TicketStatus.PARKED:
        return PARKED_GREY
    if ticket.priority and priority_column:
        return PRIORITY_GREEN
    return None


class TicketTableModel(RecordTableModel[Ticket]):
    """Tickets one row each, in the order given, with business names and minutes waited.

    Subclasses' ``Columns`` have at least BUSINESS and WAITED.
    """

    def __init__(self, now: datetime, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._now = now
        self._business_names: dict[str, str] = {}

    @property
    def tickets(self) -> tuple[Ticket, ...]:
        return self.records

    def set_tickets(
        self, tickets: Sequence[Ticket], business_names: Mapping[str, str] | None = None
    ) -> None:
        """Show ``tickets`` in this order; rows of tickets already shown are kept and updated."""
        if business_names is not None and business_names != self._business_names:
            self._business_names = dict(business_names)
            self._emit_column_changed(self.Columns.BUSINESS)
        self.sync(tickets, key=lambda t: t.id)

    def set_now(self, now: datetime) -> None:
        """Move the clock the waiting minutes are counted against."""
        minute_changed = int(now.timestamp() // 60) != int(self._now.timestamp() // 60)
        self._now = now
        if minute_changed:
            self._emit_column_changed(self.Columns.WAITED)

    def business_name(self, ticket: Ticket) -> str:
        return self._business_names.get(ticket.business, ticket.business)


class QueueModel(TicketTableModel):
    """Tickets in line, one row each, in the order given (call order). Read-only.

    Rows change with insert/remove signals, not a reset, so a selection or scroll position
    survives a refresh. Minutes waited are measured against ``now``, moved with ``set_now``.
    RECORD_ROLE gives a row's Ticket.
    """

    class Columns(IntEnum):
        NUMBER = 0
        BUSINESS = 1
        STATUS = 2
        WINDOW = 3
        ISSUED_AT = 4
        WAITED = 5
        PRIORITY = 6
        ACCOUNT = 7

    def __init__(self, zone: ZoneInfo, now: datetime, parent: QObject | None = None) -> None:
        super().__init__(now, parent)
        self._zone = zone

    def header_texts(self) -> dict[Columns, str]:
        C = self.Columns
        return {
            C.NUMBER: self.tr("号码"),
            C.BUSINESS: self.tr("业务"),
            C.STATUS: self.tr("状态"),
            C.WINDOW: self.tr("窗口"),
            C.ISSUED_AT: self.tr("取号时间"),
            C.WAITED: self.tr("已等候"),
            C.PRIORITY: self.tr("绿色通道"),
            C.ACCOUNT: self.tr("户号"),
        }

    # -- cells -------------------------------------------------------------------------------

    def display(self, ticket: Ticket, column: Columns) -> str:
        C = self.Columns
        match column:
            case C.NUMBER:
                return ticket.number
            case C.BUSINESS:
                return self.business_name(ticket)
            case C.STATUS:
                return status_text(ticket.status)
            case C.WINDOW:
                if ticket.window is None:
                    return ""
                return self.tr("{number}号").format(number=ticket.window)
            case C.ISSUED_AT:
                return ticket.issued_at.astimezone(self._zone).strftime("%H:%M")
            case C.WAITED:
                return self.tr("%n 分钟", "", minutes_waited(ticket, self._now))
            case C.PRIORITY:
                if not ticket.priority:
                    return ""
                return ticket.priority_reason or self.tr("是")
            case C.ACCOUNT:
                return ticket.account or ""
        return ""

    def alignment(self, column: Columns) -> Qt.AlignmentFlag:
        if column in (self.Columns.BUSINESS, self.Columns.PRIORITY, self.Columns.ACCOUNT):
            horizontal = Qt.AlignmentFlag.AlignLeft
        elif column == self.Columns.WAITED:
            horizontal = Qt.AlignmentFlag.AlignRight
        else:
            horizontal = Qt.AlignmentFlag.AlignHCenter
        return horizontal | Qt.AlignmentFlag.AlignVCenter

    def foreground(self, ticket: Ticket, column: Columns) -> QColor | None:
        return ticket_colour(ticket, priority_column=column == self.Columns.PRIORITY)

    def background(self, ticket: Ticket, column: Columns) -> QColor | None:
        return PRIORITY_ROW if ticket.priority else None  # the whole row: 绿色通道 at a glance

    def bold(self, ticket: Ticket, column: Columns) -> bool:
        return column == self.Columns.NUMBER

    def tooltip(self, ticket: Ticket, column: Columns) -> str | None:
        if ticket.priority_reason:
            return self.tr("绿色通道：{reason}").format(reason=ticket.priority_reason)
        return None


@dataclass(frozen=True, slots=True)
class BusinessWaiting:
    """One row of the waiting counts: a business type and how many tickets wait for it."""

    business: BusinessType
    waiting: int


class WaitingCountsModel(RecordTableModel[BusinessWaiting]):
    """How many tickets wait for each business type, in the hall's menu order. Read-only.

    Lists the active business types and any inactive one that still has tickets waiting.
    RECORD_ROLE gives a row's BusinessType.
    """

    class Columns(IntEnum):
        CODE = 0
        NAME = 1
        WAITING = 2

    def header_texts(self) -> dict[Columns, str]:
        C = self.Columns
        return {
            C.CODE: self.tr("号段"),
            C.NAME: self.tr("业务"),
            C.WAITING: self.tr("等候"),
        }

    def set_snapshot(self, snapshot: QueueSnapshot) -> None:
        counts: dict[str, int] = {}
        for ticket in snapshot.waiting:
            counts[ticket.business] = counts.get(ticket.business, 0) + 1
        rows = [
            BusinessWaiting(business, counts.get(business.code, 0))
            for business in snapshot.businesses
            if business.active or counts.get(business.code)
        ]
        self.sync(rows, key=lambda row: row.business.code)

    def total_waiting(self) -> int:
        return sum(row.waiting for row in self.records)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        value = super().data(index, role)
        if role == RECORD_ROLE and isinstance(value, BusinessWaiting):
            return value.business
        return value

    def display(self, row: BusinessWaiting, column: Columns) -> str:
        match column:
            case self.Columns.CODE:
                return row.business.code
            case self.Columns.NAME:
                return row.business.name
            case self.Columns.WAITING:
                return self.tr("%n 人", "", row.waiting)
        return ""

    def alignment(self, column: Columns) -> Qt.AlignmentFlag:
        if column == self.Columns.NAME:
            return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        if column == self.Columns.WAITING:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return Qt.AlignmentFlag.AlignCenter

    def foreground(self, row: BusinessWaiting, column: Columns) -> QColor | None:
        if not row.waiting:
            return PARKED_GREY
        if row.waiting >= row.business.alert_waiting:
            return NO_SHOW_RED
        return None

    def bold(self, row: BusinessWaiting, column: Columns) -> bool:
        return column == self.Columns.WAITING and row.waiting > 0
