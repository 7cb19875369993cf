"""The table model of a counter's queue: the tickets one window serves, in the order it calls them,
then the parked and no-show tickets it could bring back."""

from __future__ import annotations

import difflib
import logging
from collections.abc import Mapping, Sequence
from datetime import datetime
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont

from hall.records import QueueSnapshot, Ticket, TicketStatus

from ui.queue_model import (
    NO_SHOW_RED,
    PARKED_GREY,
    PRIORITY_GREEN,
    PRIORITY_ROW,
    RECORD_ROLE,
    status_text,
)

logger = logging.getLogger(__name__)

AnyIndex = QModelIndex | QPersistentModelIndex


def window_line(snapshot: QueueSnapshot, window: int) -> tuple[Ticket, ...]:
    """What a window's queue shows: the waiting tickets of the businesses it serves, in call order,
    then the parked and then the no-show tickets of those businesses (any window's: any clerk
    whose window serves the business may bring them back)."""
    served = next((w.businesses for w in snapshot.windows if w.number == window), ())
    waiting = tuple(t for t in snapshot.waiting if t.business in served)
    parked = tuple(t for t in snapshot.parked if t.business in served)
    no_shows = tuple(t for t in snapshot.no_shows if t.business in served)
    return waiting + parked + no_shows


class WindowQueueModel(QAbstractTableModel):
    """The tickets of one window's queue, one row each, in the order given. Read-only.

    Rows change with insert/remove signals, not a reset, so the clerk's selection survives every
    refresh. Minutes waited are measured against ``now``, moved with ``set_now``. A parked or
    no-show ticket left at another window says which.
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
        self._tickets: list[Ticket] = []
        self._business_names: dict[str, str] = {}
        C = self.Columns
        self._headers = {
            C.NUMBER: self.tr("号码"),
            C.BUSINESS: self.tr("业务"),
            C.STATUS: self.tr("状态"),
            C.WAITED: self.tr("已等候"),
            C.PRIORITY: self.tr("绿色通道"),
        }

    # -- feeding -----------------------------------------------------------------------------

    @property
    def tickets(self) -> tuple[Ticket, ...]:
        return tuple(self._tickets)

    def ticket_at(self, row: int) -> Ticket | None:
        return self._tickets[row] if 0 <= row < len(self._tickets) else None

    def waiting_count(self) -> int:
        return sum(1 for t in self._tickets if t.status == TicketStatus.WAITING)

    def count(self, status: TicketStatus) -> int:
        return sum(1 for t in self._tickets if t.status == status)

    def set_tickets(
        self, tickets: Sequence[Ticket], business_names: Mapping[str, str] | None = None
    ) -> None:
        """Show ``tickets`` in this order; rows of tickets already shown are kept and updated."""
        if business_names is not None and business_names != self._business_names:
            self._business_names = dict(business_names)
            self._emit_column_changed(self.Columns.BUSINESS)
        new = list(tickets)
        old_ids = [t.id for t in self._tickets]
        new_ids = [t.id for t in new]
        matcher = difflib.SequenceMatcher(None, old_ids, new_ids, autojunk=False)
        shift = 0  # rows inserted minus rows removed so far
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                for k in range(i2 - i1):
                    row = i1 + shift + k
                    if self._tickets[row] != new[j1 + k]:
                        self._tickets[row] = new[j1 + k]
                        last_column = len(self.Columns) - 1
                        self.dataChanged.emit(self.index(row, 0), self.index(row, last_column))
                continue
            if i2 > i1:  # delete, or the first half of replace
                first = i1 + shift
                self.beginRemoveRows(QModelIndex(), first, first + (i2 - i1) - 1)
                del self._tickets[first : first + (i2 - i1)]
                self.endRemoveRows()
                shift -= i2 - i1
            if j2 > j1:  # insert, or the second half of replace
                first = i2 + shift
                self.beginInsertRows(QModelIndex(), first, first + (j2 - j1) - 1)
                self._tickets[first:first] = new[j1:j2]
                self.endInsertRows()
                shift += j2 - j1

    def set_now(self, now: datetime) -> None:
        """Move the clock the waiting minutes are counted against."""
        minute_changed = int(now.timestamp() // 60) != int(self._now.timestamp() // 60)
        self._now = now
        if minute_changed:
            self._emit_column_changed(self.Columns.WAITED)

    def _emit_column_changed(self, column: Columns) -> None:
        if self._tickets:
            last = len(self._tickets) - 1
            self.dataChanged.emit(self.index(0, column), self.index(last, column))

    # -- Qt model interface ------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._tickets)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.Columns)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.Columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[self.Columns(section)]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(self.Columns(section))
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._tickets):
            return None
        ticket = self._tickets[index.row()]
        column = self.Columns(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(ticket, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(column)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(ticket, column)
        if role == Qt.ItemDataRole.BackgroundRole and ticket.priority:
            return QBrush(PRIORITY_ROW)
        if role == Qt.ItemDataRole.FontRole and column == self.Columns.NUMBER:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(ticket)
        if role == RECORD_ROLE:
            return ticket
        return None

    def _display(self, ticket: Ticket, column: Columns) -> str:
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
                minutes = max(0, int((self._now - ticket.issued_at).total_seconds() // 60))
                return self.tr("%n 分钟", "", minutes)
            case C.PRIORITY:
                if not ticket.priority:
                    return ""
                return ticket.priority_reason or self.tr("是")
        return ""

    def _tooltip(self, ticket: Ticket) -> str | None:
        if ticket.status == TicketStatus.PARKED:
            return self.tr("挂起的号：选中后点“回呼”，它会排到队首")
        if ticket.status == TicketStatus.NO_SHOW:
            return self.tr("过号的号：客户回来后选中点“恢复”，它会排到队首")
        if ticket.priority_reason:
            return self.tr("绿色通道：{reason}").format(reason=ticket.priority_reason)
        return None

    def _alignment(self, column: Columns) -> Qt.AlignmentFlag:
        if column in (self.Columns.BUSINESS, self.Columns.PRIORITY, self.Columns.STATUS):
            horizontal = Qt.AlignmentFlag.AlignLeft
        elif column == self.Columns.WAITED:
            horizontal = Qt.AlignmentFlag.AlignRight
        else:
            horizontal = Qt.AlignmentFlag.AlignHCenter
        return horizontal | Qt.AlignmentFlag.AlignVCenter

    def _foreground(self, ticket: Ticket, column: Columns) -> QBrush | None:
        if ticket.status == TicketStatus.NO_SHOW:
            return QBrush(NO_SHOW_RED)
        if ticket.status == TicketStatus.PARKED:
            return QBrush(PARKED_GREY)
        if ticket.priority and column == self.Columns.PRIORITY:
            return QBrush(PRIORITY_GREEN)
        return None
