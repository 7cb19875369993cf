"""Customer records at the counter (客户档案): find an account by 户号, name, phone or address,
see its card and its visit history (tickets, applications, payments), and whether the customer
being served is back within seven days for the same business (重复来访).

Every database call runs on the session's worker; phones are shown masked.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from datetime import datetime
from enum import IntEnum
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QItemSelection, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hall.desk import Desk
from hall.errors import HallError
from hall.money import format_yuan
from hall.records import Account, Outcome, Ticket, TicketStatus
from hall.visits import RepeatVisit, VisitApplication, VisitHistory, VisitPayment, VisitTicket

from ui.queue_model import status_text
from ui.session import HallSession
from ui.table_model import RecordTableModel
from ui.widgets import DIALOG_STYLE, named_label, set_style_property

logger = logging.getLogger(__name__)

REPEAT_RED = QColor("#b42318")
REPEAT_ROW = QColor("#fdecea")
ARREARS_RED = QColor("#b42318")
SEARCH_LIMIT = 50

STYLE = (
    DIALOG_STYLE
    + """
#fieldTitle { font-size: 17px; color: #4b5563; }
#fieldValue { font-size: 19px; color: #111827; }
#message { font-size: 17px; color: #6b7280; }
#card { background: #f6f8fa; border: 1px solid #d6dbe1; border-radius: 6px; }
#customerName { font-size: 26px; font-weight: bold; color: #111827; }
#accountNumber { font-size: 20px; color: #374151; }
#arrears { font-size: 26px; font-weight: bold; color: #b42318; }
#arrears[owing="false"] { color: #0a7a3f; }
#prepaid { font-size: 22px; color: #0b4f49; }
#repeatBadge { font-size: 20px; font-weight: bold; color: #ffffff; background: #b42318;
    border-radius: 6px; padding: 4px 12px; }
#repeatDetail { font-size: 18px; color: #8a1c12; background: #fde8e6; border: 1px solid #f0b4ad;
    border-radius: 4px; padding: 6px 10px; }
QLineEdit { font-size: 22px; padding: 4px; }
QPushButton { font-size: 18px; min-height: 42px; padding: 0 22px; }
QTabBar::tab { font-size: 18px; padding: 8px 18px; }
QTableView {
    outline: 0; font-size: 17px; background: #ffffff; border: 1px solid #d6dbe1;
    alternate-background-color: #f6f8fa; selection-background-color: #cfe3f7;
    selection-color: #111827;
}
QTableView::item { padding: 0px 6px; }
QHeaderView::section {
    font-size: 16px; font-weight: bold; color: #374151; padding: 6px 8px;
    background: #eceff3; border: none; border-bottom: 1px solid #d6dbe1;
}
"""
)


def record_table(model: RecordTableModel[Any], stretch: IntEnum) -> QTableView:
    """A read-only table of ``model``, one row selected at a time, ``stretch`` taking the
    remaining width."""
    view = QTableView()
    view.setModel(model)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(38)
    view.setShowGrid(False)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


def account_status_text(status: str) -> str:
    match status:
        case "normal":
            return QCoreApplication.translate("AccountStatus", "正常")
        case "suspended":
            return QCoreApplication.translate("AccountStatus", "暂停")
        case "dismantled":
            return QCoreApplication.translate("AccountStatus", "暂拆")
        case "closed":
            return QCoreApplication.translate("AccountStatus", "销户")
    return status


def outcome_text(outcome: Outcome) -> str:
    match outcome:
        case Outcome.SERVED:
            return QCoreApplication.translate("Outcome", "已办结")
        case Outcome.UNRESOLVED:
            return QCoreApplication.translate("Outcome", "未办结，需再来")
        case Outcome.REFERRED:
            return QCoreApplication.translate("Outcome", "已转办")
    return str(outcome)


def application_status_text(status: str) -> str:
    match status:
        case "waiting_documents":
            return QCoreApplication.translate("ApplicationStatus", "待补资料")
        case "accepted":
            return QCoreApplication.translate("ApplicationStatus", "已受理")
        case "contacted":
            return QCoreApplication.translate("ApplicationStatus", "已联系客户")
        case "completed":
            return QCoreApplication.translate("ApplicationStatus", "已办结")
        case "cancelled":
            return QCoreApplication.translate("ApplicationStatus", "已撤销")
    return status


def method_text(method: str) -> str:
    match method:
        case "cash":
            return QCoreApplication.translate("PaymentMethod", "现金")
        case "card":
            return QCoreApplication.translate("PaymentMethod", "刷卡")
        case "qr":
            return QCoreApplication.translate("PaymentMethod", "扫码")
    return method


def result_text(outcome: Outcome | None, status: TicketStatus) -> str:
    """How a visit ended: its outcome once finished, else its status."""
    return outcome_text(outcome) if outcome is not None else status_text(status)


def repeat_text(repeat: RepeatVisit, zone: ZoneInfo) -> str:
    """The previous visit in one sentence, for the badge's detail and the row's tooltip."""
    result = result_text(repeat.outcome, repeat.status)
    text = QCoreApplication.translate(
        "CustomerDialog", "7天内来过：{when} {number}（{result}）"
    ).format(when=_when(repeat.issued_at, zone), number=repeat.number, result=result)
    if repeat.note:
        text += QCoreApplication.translate("CustomerDialog", "，备注：{note}").format(
            note=repeat.note
        )
    return text


def current_repeat(desk: Desk) -> tuple[Ticket | None, RepeatVisit | None]:
    """Worker thread: the ticket open at the desk's window, and the visit it repeats."""
    ticket = desk.current_ticket()
    if ticket is None or ticket.account is None:
        return ticket, None
    return ticket, desk.repeat_visit(ticket)


def _when(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")


class AccountModel(RecordTableModel[Account]):
    class Columns(IntEnum):
        ACCOUNT = 0
        NAME = 1
        PHONE = 2
        ADDRESS = 3
        ARREARS = 4

    def header_texts(self) -> dict[IntEnum, str]:
        c = self.Columns
        return {
            c.ACCOUNT: self.tr("户号"),
            c.NAME: self.tr("户名"),
            c.PHONE: self.tr("电话"),
            c.ADDRESS: self.tr("用电地址"),
            c.ARREARS: self.tr("欠费"),
        }

    def display(self, record: Account, column: IntEnum) -> str:
        c = self.Columns
        return {
            c.ACCOUNT: record.account,
            c.NAME: record.name,
            c.PHONE: record.masked_phone,
            c.ADDRESS: record.address,
            c.ARREARS: format_yuan(record.arrears_fen),
        }[self.Columns(column)]

    def alignment(self, column: IntEnum) -> Qt.AlignmentFlag | None:
        if column == self.Columns.ARREARS:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def foreground(self, record: Account, column: IntEnum) -> QColor | None:
        if column == self.Columns.ARREARS and record.arrears_fen:
            return ARREARS_RED
        return None


class TicketHistoryModel(RecordTableModel[VisitTicket]):
    class Columns(IntEnum):
        WHEN = 0
        NUMBER = 1
        BUSINESS = 2
        RESULT = 3
        CLERK = 4
        REPEAT = 5
        NOTE = 6

    def __init__(self, zone: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._zone = zone

    def header_texts(self) -> dict[IntEnum, str]:
        c = self.Columns
        return {
            c.WHEN: self.tr("取号时间"),
            c.NUMBER: self.tr("票号"),
            c.BUSINESS: self.tr("业务"),
            c.RESULT: self.tr("结果"),
            c.CLERK: self.tr("受理员"),
            c.REPEAT: self.tr("重复来访"),
            c.NOTE: self.tr("备注"),
        }

    def display(self, record: VisitTicket, column: IntEnum) -> str:
        c = self.Columns
        match self.Columns(column):
            case c.WHEN:
                return _when(record.issued_at, self._zone)
            case c.NUMBER:
                return record.number
            case c.BUSINESS:
                return record.business_name
            case c.RESULT:
                return result_text(record.outcome, record.status)
            case c.CLERK:
                return record.clerk_name or ""
            case c.REPEAT:
                if record.repeat_of is None:
                    return ""
                return self.tr("是（{number}）").format(number=record.repeat_of.number)
            case c.NOTE:
                return record.note or ""
        return ""

    def foreground(self, record: VisitTicket, column: IntEnum) -> QColor | None:
        return REPEAT_RED if column == self.Columns.REPEAT else None

    def background(self, record: VisitTicket, column: IntEnum) -> QColor | None:
        return REPEAT_ROW if record.repeat_of is not None else None

    def bold(self, record: VisitTicket, column: IntEnum) -> bool:
        return column == self.Columns.REPEAT

    def tooltip(self, record: VisitTicket, column: IntEnum) -> str | None:
        if record.repeat_of is not None:
            return repeat_text(record.repeat_of, self._zone)
        return record.note


class ApplicationHistoryModel(RecordTableModel[VisitApplication]):
    class Columns(IntEnum):
        WHEN = 0
        NUMBER = 1
        FORM = 2
        STATUS = 3
        DUE = 4
        CLERK = 5

    def __init__(self, zone: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._zone = zone

    def header_texts(self) -> dict[IntEnum, str]:
        c = self.Columns
        return {
            c.WHEN: self.tr("受理时间"),
            c.NUMBER: self.tr("受理单号"),
            c.FORM: self.tr("申请事项"),
            c.STATUS: self.tr("状态"),
            c.DUE: self.tr("办结期限"),
            c.CLERK: self.tr("受理员"),
        }

    def display(self, record: VisitApplication, column: IntEnum) -> str:
        c = self.Columns
        match self.Columns(column):
            case c.WHEN:
                return _when(record.created_at, self._zone)
            case c.NUMBER:
                return record.number
            case c.FORM:
                return record.form_title
            case c.STATUS:
                return application_status_text(record.status)
            case c.DUE:
                return record.due_on.isoformat() if record.due_on else ""
            case c.CLERK:
                return record.clerk_name or ""
        return ""


class PaymentHistoryModel(RecordTableModel[VisitPayment]):
    class Columns(IntEnum):
        WHEN = 0
        RECEIPT = 1
        KIND = 2
        AMOUNT = 3
        METHOD = 4
        CLERK = 5

    def __init__(self, zone: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._zone = zone

    def header_texts(self) -> dict[IntEnum, str]:
        c = self.Columns
        return {
            c.WHEN: self.tr("时间"),
            c.RECEIPT: self.tr("收据号"),
            c.KIND: self.tr("类型"),
            c.AMOUNT: self.tr("金额"),
            c.METHOD: self.tr("缴费方式"),
            c.CLERK: self.tr("收费员"),
        }

    def display(self, record: VisitPayment, column: IntEnum) -> str:
        c = self.Columns
        match self.Columns(column):
            case c.WHEN:
                return _when(record.issued_at, self._zone)
            case c.RECEIPT:
                return record.receipt_number
            case c.KIND:
                if record.kind == "reversal":
                    return self.tr("冲正（{number}）").format(number=record.reverses or "")
                return self.tr("收费")
            case c.AMOUNT:
                return format_yuan(record.amount_fen)
            case c.METHOD:
                return method_text(record.method)
            case c.CLERK:
                return record.clerk_name or ""
        return ""

    def alignment(self, column: IntEnum) -> Qt.AlignmentFlag | None:
        if column == self.Columns.AMOUNT:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def foreground(self, record: VisitPayment, column: IntEnum) -> QColor | None:
        return ARREARS_RED if record.kind == "reversal" else None


class CustomerDialog(QDialog):
    """Finds customers and shows one account's card and visit history, for ``desk`` (a clerk or
    a lead). ``account``: shown at once (e.g. the current ticket's 户号).

    GUI thread only; searches and histories are read on ``session``'s worker. The 重复来访 badge
    shows when the shown account is that of the ticket open at this desk's window and the
    customer was here for the same business in the seven days before.
    """

    def __init__(
        self,
        session: HallSession,
        desk: Desk,
        account: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._desk = desk
        self._zone = session.hall.zone
        self._pending = 0
        self._history: VisitHistory | None = None
        self._wanted: str | None = None  # the account whose history is shown or being read
        self._current: Ticket | None = None
        self._current_repeat: RepeatVisit | None = None
        self.setWindowTitle(self.tr("客户档案"))
        self.resize(1180, 900)
        self.setStyleSheet(STYLE)

        self.search_field = QLineEdit()
        self.search_field.setPlaceholderText(self.tr("户号 / 户名 / 电话 / 地址，按回车查找"))
        self.search_field.setMaxLength(50)
        self.search_field.returnPressed.connect(self.search)
        self.search_button = QPushButton(self.tr("查找"))
        self.search_button.setAutoDefault(False)
        self.search_button.clicked.connect(self.search)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search_field, 1)
        search_row.addWidget(self.search_button)

        self.results_model = AccountModel(self)
        self.results = record_table(self.results_model, AccountModel.Columns.ADDRESS)
        self.results.setMinimumHeight(190)
        self.results.setMaximumHeight(230)
        self.results.selectionModel().selectionChanged.connect(self._result_selected)
        self.message = named_label("message")

        self.error = named_label("dialogError")
        self.error.setWordWrap(True)
        self.error.hide()

        self.tickets_model = TicketHistoryModel(self._zone, self)
        self.applications_model = ApplicationHistoryModel(self._zone, self)
        self.payments_model = PaymentHistoryModel(self._zone, self)
        self.tabs = QTabWidget()
        self.tabs.addTab(record_table(self.tickets_model, TicketHistoryModel.Columns.NOTE), "")
        self.tabs.addTab(
            record_table(self.applications_model, ApplicationHistoryModel.Columns.FORM), ""
        )
        self.tabs.addTab(record_table(self.payments_model, PaymentHistoryModel.Columns.CLERK), "")
        self._name_tabs()

        close = QPushButton(self.tr("关闭"))
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.setSpacing(10)
        layout.addWidget(named_label("title", self.tr("客户档案")))
        layout.addLayout(search_row)
        layout.addWidget(self.results)
        layout.addWidget(self.message)
        layout.addWidget(self._build_card())
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

        self._show_card()
        self._run(functools.partial(current_repeat, desk), self._current_read)
        if account:
            # Its history even if the billing data lacks the number; the search then selects it.
            self.show_account(account)
            self.search_field.setText(account)
            self.search()

    def _build_card(self) -> QFrame:
        card = QFrame()
        card.setObjectName("card")
        self.name_label = named_label("customerName")
        self.repeat_badge = named_label("repeatBadge", self.tr("重复来访"))
        self.account_label = named_label("accountNumber")
        top = QHBoxLayout()
        top.addWidget(self.name_label)
        top.addWidget(self.repeat_badge)
        top.addStretch(1)
        top.addWidget(self.account_label)

        self.values: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)
        fields = (
            ("phone", self.tr("电话"), 0, 0, 1),
            ("address", self.tr("用电地址"), 0, 2, 3),
            ("tariff", self.tr("用电类别"), 1, 0, 1),
            ("voltage", self.tr("电压等级"), 1, 2, 1),
            ("capacity", self.tr("合同容量"), 1, 4, 1),
            ("status", self.tr("状态"), 2, 0, 1),
        )
        for key, title, row, column, span in fields:
            value = named_label("fieldValue")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[key] = value
            grid.addWidget(named_label("fieldTitle", title), row, column)
            grid.addWidget(value, row, column + 1, 1, span)
        self.arrears = named_label("arrears")
        self.prepaid = named_label("prepaid")
        money = QHBoxLayout()
        money.addWidget(self.arrears)
        money.addSpacing(30)
        money.addWidget(self.prepaid)
        money.addStretch(1)
        grid.addLayout(money, 2, 2, 1, 4)
        grid.setColumnStretch(5, 1)

        self.repeat_detail = named_label("repeatDetail")
        self.repeat_detail.setWordWrap(True)

        layout = QVBoxLayout(card)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addLayout(grid)
        layout.addWidget(self.repeat_detail)
        return card

    # -- the entry point ---------------------------------------------------------------------

    @classmethod
    def ask(
        cls,
        session: HallSession,
        desk: Desk,
        account: str | None = None,
        *,
        parent: QWidget | None = None,
    ) -> None:
        """Show the dialog until the clerk closes it; tests patch this."""
        cls(session, desk, account, parent).exec()

    # -- what other code and tests may look at -----------------------------------------------

    @property
    def busy(self) -> bool:
        return self._pending > 0

    @property
    def history(self) -> VisitHistory | None:
        """The history shown, if any."""
        return self._history

    # -- searching ---------------------------------------------------------------------------

    def search(self) -> None:
        text = self.search_field.text().strip()
        if not text:
            self.message.setText(self.tr("请输入户号、户名、电话或地址"))
            return
        desk = self._desk
        self._run(
            lambda: desk.search_accounts(text, limit=SEARCH_LIMIT + 1),
            functools.partial(self._found, text),
        )

    def _found(self, text: str, found: tuple[Account, ...]) -> None:
        """Show the accounts found (one more than shown, to tell that there are more), and
        select the one whose number was typed, the one shown, or the only one."""
        accounts = found[:SEARCH_LIMIT]
        self.results_model.replace(accounts)
        if not accounts:
            self.message.setText(self.tr("没有找到“{text}”").format(text=text))
        elif len(found) > SEARCH_LIMIT:
            self.message.setText(
                self.tr("超过 %n 户，只显示前 %n 户，请输入更多内容", "", SEARCH_LIMIT)
            )
        else:
            self.message.setText(self.tr("找到 %n 户", "", len(accounts)))
        chosen = [i for i, a in enumerate(accounts) if a.account in (text, self._wanted)]
        if chosen or len(accounts) == 1:
            self.results.selectRow(chosen[0] if chosen else 0)

    def _result_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = selected.indexes()
        record = self.results_model.record_at(rows[0].row()) if rows else None
        if record is not None and record.account != self._wanted:
            self.show_account(record.account)

    def show_account(self, account: str) -> None:
        """Read and show this account's card and history."""
        desk = self._desk
        self._wanted = account
        self._run(lambda: desk.visit_history(account), self._show_history)

    # -- showing -----------------------------------------------------------------------------

    def _current_read(self, result: tuple[Ticket | None, RepeatVisit | None]) -> None:
        self._current, self._current_repeat = result
        self._show_card()

    def _show_history(self, history: VisitHistory) -> None:
        self._history = history
        self.tickets_model.replace(history.tickets)
        self.applications_model.replace(history.applications)
        self.payments_model.replace(history.payments)
        self._name_tabs()
        self._show_card()

    def _name_tabs(self) -> None:
        counts = (
            (self.tr("来访记录 (%n)", "", len(self.tickets_model.records))),
            (self.tr("受理单 (%n)", "", len(self.applications_model.records))),
            (self.tr("缴费记录 (%n)", "", len(self.payments_model.records))),
        )
        for index, text in enumerate(counts):
            self.tabs.setTabText(index, text)

    def _repeat_shown(self) -> RepeatVisit | None:
        """The previous visit the 重复来访 badge is about, when the badge shows."""
        history, current = self._history, self._current
        if history is None or current is None or current.account != history.account_number:
            return None
        return self._current_repeat

    def _show_card(self) -> None:
        history = self._history
        account = history.account if history else None
        if history is None:
            self.name_label.setText(self.tr("请查找客户"))
            self.account_label.setText("")
        elif account is None:
            self.name_label.setText(self.tr("档案中没有此户号"))
            self.account_label.setText(
                self.tr("户号 {number}").format(number=history.account_number)
            )
        else:
            self.name_label.setText(account.name)
            self.account_label.setText(self.tr("户号 {number}").format(number=account.account))
        values = {
            "phone": account.masked_phone if account else "",
            "address": account.address if account else "",
            "tariff": account.tariff_class if account else "",
            "voltage": account.voltage_class if account else "",
            "capacity": self.tr("{kva} kVA").format(kva=account.capacity_kva) if account else "",
            "status": account_status_text(account.status) if account else "",
        }
        for key, text in values.items():
            self.values[key].setText(text)
        if account is None:
            self.arrears.setText("")
            self.prepaid.setText("")
        else:
            self.arrears.setText(
                self.tr("欠费 {amount}").format(amount=format_yuan(account.arrears_fen))
            )
            set_style_property(self.arrears, "owing", account.arrears_fen > 0)
            self.prepaid.setText(
                self.tr("预存余额 {amount}").format(amount=format_yuan(account.prepaid_fen))
            )
        repeat = self._repeat_shown()
        self.repeat_badge.setVisible(repeat is not None)
        self.repeat_detail.setVisible(repeat is not None)
        if repeat is not None:
            self.repeat_detail.setText(repeat_text(repeat, self._zone))

    # -- running calls -----------------------------------------------------------------------

    def _run(self, call: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        self._pending += 1
        self.error.hide()
        self._session.run(
            call,
            on_done=functools.partial(self._done, on_done),
            on_error=self._failed,
            context=self,
        )

    def _done(self, on_done: Callable[[Any], None], result: object) -> None:
        self._pending -= 1
        on_done(result)

    def _failed(self, error: Exception) -> None:
        self._pending -= 1
        if isinstance(error, HallError):
            logger.info("customer dialog refused: %s (%s)", error.message, error.code)
            self.error.setText(error.message)
        else:
            logger.error("customer dialog failed: %s", error)
            self.error.setText(self.tr("查询失败，请重试：{error}").format(error=error))
        self.error.show()
