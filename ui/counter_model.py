"""The table model of a counter's queue: the tickets one window serves, in the order it calls them,
then the parked and no-show tickets it could bring back."""

from __future__ import annotations

import logging
from datetime import datetime
from enum import IntEnum

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor

from hall.records import QueueSnapshot, Ticket, TicketStatus

from ui.queue_model import (
    PRIORITY_ROW,
    TicketTableModel,
    minutes_waited,
    status_text,
    ticket_colour,
)

logger = logging.getLogger(__name__)


def window_line(snapshot: QueueSnapshot, window: int) -> tuple[Ticket, ...]:
    """What a window's queue shows: the waiting tickets of the businesses it serves, in call order,
    then the parked and then the no-show tickets of those businesses (any window's: any clerk
    whose window serves the business may bring them back)."""
    served = next((w.businesses for w in snapshot.windows if w.number == window), ())
    waiting = tuple(t for t in snapshot.waiting if t.business in served)
    parked = tuple(t for t in snapshot.parked if t.business in served)
    no_shows = tuple(t for t in snapshot.no_shows if t.business in served)
    return waiting + parked + no_shows


class WindowQueueModel(TicketTableModel):
    """The tickets of one window's queue, one row each, in the order given. Read-only.

    Rows change with insert/remove signals, not a reset, so the clerk's selection survives every
    refresh. Minutes waited are measured against ``now``, moved with ``set_now``. A parked or
    no-show ticket left at another window says which. RECORD_ROLE gives a row's Ticket.
    """

    class Columns(IntEnum):
        NUMBER = 0
        BUSINESS = 1
        STATUS = 2
        WAITED = 3
        PRIORITY = 4

    def __init__(self, window: int, now: datetime, parent: QObject | None = None) -> None:
        super().__init__(now, parent)
        self._window = window

    def header_texts(self) -> dict[Columns, str]:
        C = self.Columns
        return {
            C.NUMBER: self.tr("号码"),
            C.BUSINESS: self.tr("业务"),
            C.STATUS: self.tr("状态"),
            C.WAITED: self.tr("已等候"),
            C.PRIORITY: self.tr("绿色通道"),
        }

    # -- feeding -----------------------------------------------------------------------------

    def ticket_at(self, row: int) -> Ticket | None:
        return self.record_at(row)

    def waiting_count(self) -> int:
        return self.count(TicketStatus.WAITING)

    def count(self, status: TicketStatus) -> int:
        return sum(1 for t in self._records if t.status == status)

    # -- cells -------------------------------------------------------------------------------

    def display(self, ticket: Ticket, column: Columns) -> str:
        C = self.Columns
        match column:
            case C.NUMBER:
                return ticket.number
            case C.BUSINESS:
                return self.business_name(ticket)
            case C.STATUS:
                status = status_text(ticket.status)
                elsewhere = ticket.window is not None and ticket.window != self._window
                if ticket.status != TicketStatus.WAITING and elsewhere:
                    return self.tr("{status}（{window}号）").format(
                        status=status, window=ticket.window
                    )
                return status
            case C.WAITED:
                return self.tr("%n 分钟", "", minutes_waited(ticket, self._now))
            case C.PRIORITY:
                if not ticket.priority:
                    return ""
                return ticket.priority_reason or self.tr("是")
        return ""

    def tooltip(self, ticket: Ticket, column: Columns) -> str | None:
        if ticket.status == TicketStatus.PARKED:
            return self.tr("挂起的号：选中后点“回呼”，它会排到队首")
        if ticket.status == TicketStatus.NO_SHOW:
            return self.tr("过号的号：客户回来后选中点“恢复”，它会排到队首")
        if ticket.priority_reason:
            return self.tr("绿色通道：{reason}").format(reason=ticket.priority_reason)
        return None

    def alignment(self, column: Columns) -> Qt.AlignmentFlag:
        if column in (self.Columns.BUSINESS, self.Columns.PRIORITY, self.Columns.STATUS):
            horizontal = Qt.AlignmentFlag.AlignLeft
        elif column == self.Columns.WAITED:
            horizontal = Qt.AlignmentFlag.AlignRight
        else:
            horizontal = Qt.AlignmentFlag.AlignHCenter
        return horizontal | Qt.AlignmentFlag.AlignVCenter

    def foreground(self, ticket: Ticket, column: Columns) -> QColor | None:
        return ticket_colour(ticket, priority_column=column == self.Columns.PRIORITY)

    def background(self, ticket: Ticket, column: Columns) -> QColor | None:
        return PRIORITY_ROW if ticket.priority else None

    def bold(self, ticket: Ticket, column: Columns) -> bool:
        return column == self.Columns.NUMBER
