"""The table model of a counter's queue: the tickets one window serves, in the order it calls them,
then the parked and no-show tickets it could bring back."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import datetime
from enum import IntEnum

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor

from hall.records import QueueSnapshot, Ticket, TicketStatus

from ui.queue_model import PRIORITY_ROW, minutes_waited, status_text, ticket_colour
from ui.table_model import RecordTableModel

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


class WindowQueueModel(RecordTableModel[Ticket]):
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
        super().__init__(parent)
        self._window = window
        self._now = now
        self._business_names: dict[str, str] = {}

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

    @property
    def tickets(self) -> tuple[Ticket, ...]:
        return self.records

    def ticket_at(self, row: int) -> Ticket | None:
        return self.record_at(row)

    def waiting_count(self) -> int:
        return self.count(TicketStatus.WAITING)

    def count(self, status: TicketStatus) -> int:
        return sum(1 for t in self._records if t.status == status)

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

    # -- cells -------------------------------------------------------------------------------

    def display(self, ticket: Ticket, column: Columns) -> str:
        C = self.Columns
        match column:
            case C.NUMBER:
                return ticket.number
            case C.BUSINESS:
                return self._business_names.get(ticket.business, ticket.business)
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
