"""Table models of the live queue: the tickets in line, and how many wait for each business."""

from __future__ import annotations

import difflib
import logging
from collections.abc import Mapping, Sequence
from datetime import datetime
from enum import IntEnum
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from hall.records import BusinessType, QueueSnapshot, Ticket, TicketStatus

logger = logging.getLogger(__name__)

AnyIndex = QModelIndex | QPersistentModelIndex
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
"""Data role giving the row's Ticket (QueueModel) or BusinessType (WaitingCountsModel)."""

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


class QueueModel(QAbstractTableModel):
    """Tickets in line, one row each, in the order given (call order). Read-only.

    Rows change with insert/remove signals, not a reset, so a selection or scroll position
    survives a refresh. Minutes waited are measured against ``now``, moved with ``set_now``.
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
        super().__init__(parent)
        self._zone = zone
        self._now = now
        self._tickets: list[Ticket] = []
        self._business_names: dict[str, str] = {}
        C = self.Columns
        self._headers = {
            C.NUMBER: self.tr("号码"),
            C.BUSINESS: self.tr("业务"),
            C.STATUS: self.tr("状态"),
            C.WINDOW: self.tr("窗口"),
            C.ISSUED_AT: self.tr("取号时间"),
            C.WAITED: self.tr("已等候"),
            C.PRIORITY: self.tr("绿色通道"),
            C.ACCOUNT: self.tr("户号"),
        }

    # -- feeding -----------------------------------------------------------------------------

    @property
    def tickets(self) -> tuple[Ticket, ...]:
        return tuple(self._tickets)

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
                        self.dataChanged.emit(
                            self.index(row, 0), self.index(row, len(self.Columns) - 1)
                        )
                continue
            if i2 > i1:  # delete, or the first half of replace
                first = i1 + shift
                self.beginRemoveRows(QModelIndex(), first, first + (i2 - i1) - 1)
                del self._tickets[first : first + (i2 - i1)]
                self.endRemoveRows()
                shift -= i2 - i1
            if j2 > j1:  # insert, or the second half of replace
                first = i2 + shift  # where the old rows i1..i2 ended, in the list as it is now
                self.beginInsertRows(QModelIndex(), first, first + (j2 - j1) - 1)
                self._tickets[first:first] = new[j1:j2]
                self.endInsertRows()
                shift += j2 - j1
        assert [t.id for t in self._tickets] == new_ids

    def set_now(self, now: datetime) -> None:
        """Move the clock the waiting minutes are counted against."""
        self._now = now
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
            return QBrush(PRIORITY_ROW)  # the whole row: 绿色通道 at a glance
        if role == Qt.ItemDataRole.FontRole and column == self.Columns.NUMBER:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and ticket.priority_reason:
            return self.tr("绿色通道：{reason}").format(reason=ticket.priority_reason)
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
                return status_text(ticket.status)
            case C.WINDOW:
                if ticket.window is None:
                    return ""
                return self.tr("{number}号").format(number=ticket.window)
            case C.ISSUED_AT:
                return ticket.issued_at.astimezone(self._zone).strftime("%H:%M")
            case C.WAITED:
                minutes = max(0, int((self._now - ticket.issued_at).total_seconds() // 60))
                return self.tr("%n 分钟", "", minutes)
            case C.PRIORITY:
                if not ticket.priority:
                    return ""
                return ticket.priority_reason or self.tr("是")
            case C.ACCOUNT:
                return ticket.account or ""
        return ""

    def _alignment(self, column: Columns) -> Qt.AlignmentFlag:
        if column in (self.Columns.BUSINESS, self.Columns.PRIORITY, self.Columns.ACCOUNT):
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


class WaitingCountsModel(QAbstractTableModel):
    """How many tickets wait for each business type, in the hall's menu order. Read-only.

    Lists the active business types and any inactive one that still has tickets waiting.
    """

    class Columns(IntEnum):
        CODE = 0
        NAME = 1
        WAITING = 2

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[BusinessType, int]] = []
        C = self.Columns
        self._headers = {
            C.CODE: self.tr("号段"),
            C.NAME: self.tr("业务"),
            C.WAITING: self.tr("等候"),
        }

    def set_snapshot(self, snapshot: QueueSnapshot) -> None:
        counts: dict[str, int] = {}
        for ticket in snapshot.waiting:
            counts[ticket.business] = counts.get(ticket.business, 0) + 1
        rows = [
            (business, counts.get(business.code, 0))
            for business in snapshot.businesses
            if business.active or counts.get(business.code)
        ]
        if [b.code for b, _ in rows] == [b.code for b, _ in self._rows]:
            changed = [i for i, row in enumerate(rows) if row != self._rows[i]]
            self._rows = rows
            for i in changed:
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(self.Columns) - 1))
            return
        self.beginResetModel()  # the menu itself changed: rare
        self._rows = rows
        self.endResetModel()

    def total_waiting(self) -> int:
        return sum(count for _, count in self._rows)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

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
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        business, waiting = self._rows[index.row()]
        column = self.Columns(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            match column:
                case self.Columns.CODE:
                    return business.code
                case self.Columns.NAME:
                    return business.name
                case self.Columns.WAITING:
                    return self.tr("%n 人", "", waiting)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == self.Columns.NAME:
                return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
            if column == self.Columns.WAITING:
                return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.FontRole and column == self.Columns.WAITING and waiting:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            if not waiting:
                return QBrush(PARKED_GREY)
            if waiting >= business.alert_waiting:
                return QBrush(NO_SHOW_RED)
        if role == RECORD_ROLE:
            return business
        return None
