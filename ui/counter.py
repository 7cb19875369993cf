"""The counter (柜台): one clerk at one window calls, serves and finishes tickets.

The current ticket is always the one the hall says is open at this window (``snapshot.open``), so
a restarted counter shows the ticket still being served. Every move is one ``Desk`` call on the
database worker; the buttons only offer what looks possible, and the core decides.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from collections.abc import Callable, Sequence
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QItemSelection, QModelIndex, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hall.desk import Desk
from hall.errors import HallError
from hall.forms import FORMS, forms_for
from hall.records import BusinessType, QueueSnapshot, Ticket, TicketStatus, Window
from hall.visits import RepeatVisit

from ui.application_form import ApplicationFormDialog, FormChooserDialog, choose_form
from ui.applications_view import ApplicationsDialog
from ui.counter_model import WindowQueueModel, window_line
from ui.customer_dialog import CustomerDialog
from ui.finish_dialog import FinishChoice, FinishDialog
from ui.payment_dialog import PaymentDialog
from ui.receipts_dialog import ReceiptsDialog
from ui.session import HallSession, LiveView
from ui.settlement_dialog import SettlementDialog
from ui.widgets import ElidedLabel, ReasonChoice, named_label, set_style_property
from ui.workstation import WorkstationWindow

logger = logging.getLogger(__name__)

TICK_MS = 1000
URGENT_CHECK_MS = 60_000
# Why a window pauses; the Chinese source is what is recorded, whatever language the screen shows.
PAUSE_REASONS = (
    QT_TRANSLATE_NOOP("PauseDialog", "午休"),
    QT_TRANSLATE_NOOP("PauseDialog", "系统故障"),
    QT_TRANSLATE_NOOP("PauseDialog", "业务培训"),
    QT_TRANSLATE_NOOP("PauseDialog", "临时离开"),
)
INFO_SHOWN_MS = 8000
AMBER_AT = 0.8
"""The handling time turns amber at this share of the business's target, red past it."""

STYLE = """
QMainWindow, #central { background: #f3f5f7; }
#header { background: #00665f; }
#header QLabel { color: #ffffff; }
#whoAmI { font-size: 26px; font-weight: bold; }
#windowState { font-size: 17px; font-weight: bold; border-radius: 4px; padding: 3px 10px;
    background: #0a7a3f; }
#windowState[paused="true"] { background: #c77700; }
#hallName { font-size: 16px; color: #d3ece9; }
#clock { font-size: 26px; font-weight: bold; }

#messageBar { font-size: 17px; padding: 8px 16px; border-radius: 4px; }
#messageBar[kind="error"] { background: #fde8e6; color: #8a1c12; border: 1px solid #f0b4ad; }
#messageBar[kind="info"] { background: #e6f2f1; color: #0b4f49; border: 1px solid #b9dcd8; }

#ticketPanel { background: #ffffff; border: 2px solid #d6dbe1; border-radius: 10px; }
#ticketPanel[state="called"] { border: 3px solid #1d63c9; }
#ticketPanel[state="serving"] { border: 3px solid #0a7a3f; }
#ticketPanel[state="paused"] { border: 3px solid #c77700; background: #fff8eb; }
#ticketPanel[timing="amber"] { border: 4px solid #d98a00; background: #fff4d6; }
#ticketPanel[timing="red"] { border: 4px solid #b42318; background: #fde8e6; }
#ticketStatus { font-size: 22px; font-weight: bold; color: #4b5563; }
#ticketPanel[state="called"] #ticketStatus { color: #1d63c9; }
#ticketPanel[state="serving"] #ticketStatus { color: #0a7a3f; }
#ticketPanel[state="paused"] #ticketStatus { color: #a15c00; }
#repeatBadge { font-size: 17px; font-weight: bold; color: #ffffff; background: #b42318;
    border-radius: 4px; padding: 2px 10px; }
#urgentBadge { font-size: 17px; font-weight: bold; color: #ffffff; background: #b42318;
    border: none; border-radius: 4px; padding: 4px 12px; min-height: 0; }
#actionButton[secondary="true"] { background: #f6f8fa; }
#priorityBadge { font-size: 17px; font-weight: bold; color: #ffffff; background: #0a7a3f;
    border-radius: 4px; padding: 2px 10px; }
#ticketTarget { font-size: 17px; color: #4b5563; }
#ticketNumber { font-size: 150px; font-weight: bold; color: #111827; }
#ticketPanel[state="idle"] #ticketNumber { font-size: 64px; color: #6b7280; }
#ticketPanel[state="paused"] #ticketNumber { font-size: 64px; color: #a15c00; }
#ticketBusiness { font-size: 30px; font-weight: bold; color: #1f2937; }
#ticketDetail { font-size: 21px; color: #374151; }
#elapsedTitle { font-size: 20px; color: #4b5563; }
#elapsed { font-size: 64px; font-weight: bold; color: #0a7a3f; }
#ticketPanel[state="called"] #elapsed { color: #1d63c9; }
#ticketPanel[timing="amber"] #elapsed { color: #a15c00; }
#ticketPanel[timing="red"] #elapsed { color: #b42318; }
#timingNote { font-size: 22px; font-weight: bold; min-height: 30px; }
#ticketPanel[timing="amber"] #timingNote { color: #a15c00; }
#ticketPanel[timing="red"] #timingNote { color: #b42318; }
#nextHint { font-size: 20px; font-weight: bold; color: #00665f; background: #e6f2f1;
    border-radius: 6px; padding: 8px 14px; }
#ticketPanel[state="paused"] #nextHint { color: #8a4b00; background: #fdebc8; }

#actionButton { background: #ffffff; border: 1px solid #c5ccd4; border-radius: 6px; }
#actionButton:hover { border: 1px solid #00665f; }
#actionButton:pressed { background: #e6f2f1; }
#actionButton:disabled { background: #eceff3; border: 1px solid #e1e5ea; }
#actionButton[primary="true"] { background: #00665f; border: 2px solid #00524c; }
#actionButton[primary="true"]:pressed { background: #00524c; }
#buttonText { font-size: 19px; font-weight: bold; color: #111827; }
#buttonText:disabled { color: #a0a7b1; }
#actionButton[primary="true"] #buttonText { color: #ffffff; }
#keyCap { font-size: 14px; font-weight: bold; color: #374151; background: #eceff3;
    border: 1px solid #c5ccd4; border-radius: 4px; padding: 1px 5px; }
#keyCap:disabled { color: #a0a7b1; background: #f3f5f7; border: 1px solid #e1e5ea; }
#actionButton[primary="true"] #keyCap { color: #00524c; background: #ffffff; border: none; }

#sectionTitle { font-size: 20px; font-weight: bold; color: #1f2937; }
#queueCounts { font-size: 16px; color: #4b5563; }
#queueHint { font-size: 15px; color: #6b7280; }
QTableView {
    outline: 0; font-size: 18px; background: #ffffff; border: 1px solid #d6dbe1;
    alternate-background-color: #f6f8fa; selection-background-color: #cfe3f7;
    selection-color: #111827;
}
QTableView::item { padding: 0px 6px; }
QHeaderView::section {
    font-size: 16px; font-weight: bold; color: #374151; padding: 6px 8px;
    background: #eceff3; border: none; border-bottom: 1px solid #d6dbe1;
}
#emptyQueue { font-size: 20px; color: #6b7280; background: #ffffff; border: 1px solid #d6dbe1; }
"""

DIALOG_STYLE = """
QDialog { font-size: 18px; background: #ffffff; }
#title { font-size: 22px; font-weight: bold; color: #111827; }
QRadioButton { font-size: 20px; padding: 5px 4px; }
QRadioButton::indicator { width: 22px; height: 22px; }
QLineEdit { font-size: 18px; padding: 4px; }
QListWidget { font-size: 20px; border: 1px solid #c5ccd4; }
QListWidget::item { padding: 8px 6px; }
QListWidget::item:selected { background: #cfe3f7; color: #111827; }
QPushButton { font-size: 18px; min-height: 40px; padding: 0 22px; }
QPushButton:default { background: #00665f; color: #ffffff; border: none; border-radius: 4px; }
QPushButton:default:disabled { background: #9ca3af; }
"""


class Command(StrEnum):
    """What a clerk can do at the counter; each is one action, button and (mostly) one key."""

    CALL_NEXT = "call_next"
    START = "start"
    FINISH = "finish"
    FINISH_AND_CALL = "finish_and_call"
    RECALL = "recall"
    NO_SHOW = "no_show"
    TRANSFER = "transfer"
    PARK = "park"
    PAUSE = "pause"
    CALL_BACK = "call_back"
    REACTIVATE = "reactivate"
    PAYMENT = "payment"
    FORM = "form"
    CUSTOMER = "customer"
    APPLICATIONS = "applications"
    RECEIPTS = "receipts"
    SETTLE = "settle"


SHORTCUTS = {
    Command.CALL_NEXT: QKeySequence(Qt.Key.Key_F1),
    Command.RECALL: QKeySequence(Qt.Key.Key_F2),
    Command.NO_SHOW: QKeySequence(Qt.Key.Key_F3),
    Command.TRANSFER: QKeySequence(Qt.Key.Key_F4),
    Command.PARK: QKeySequence(Qt.Key.Key_F5),
    Command.PAUSE: QKeySequence(Qt.Key.Key_F6),
    Command.PAYMENT: QKeySequence(Qt.Key.Key_F7),
    Command.START: QKeySequence(Qt.Key.Key_F8),
    Command.FINISH: QKeySequence(Qt.Key.Key_F9),
    Command.FINISH_AND_CALL: QKeySequence(Qt.Modifier.SHIFT | Qt.Key.Key_F9),
    Command.FORM: QKeySequence(Qt.Key.Key_F10),
    Command.CUSTOMER: QKeySequence(Qt.Key.Key_F11),
}


def key_text(command: Command) -> str:
    """The key of a command as the clerk reads it ("F1", "Shift+F9"), or ""."""
    sequence = SHORTCUTS.get(command)
    return sequence.toString(QKeySequence.SequenceFormat.NativeText) if sequence else ""


def clock_text(seconds: int) -> str:
    """A duration as mm:ss, or h:mm:ss from an hour."""
    seconds = max(0, seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"


def timing_level(elapsed_s: float, target_s: int) -> str:
    """The handling time's colour: normal, amber from AMBER_AT of the target, red past it."""
    if target_s <= 0:
        return "normal"
    if elapsed_s > target_s:
        return "red"
    if elapsed_s >= AMBER_AT * target_s:
        return "amber"
    return "normal"


class ActionButton(QPushButton):
    """A large button that shows and triggers one QAction: its key cap and its text.

    Enabled exactly when the action is; the action (with its shortcut) is the single place that
    decides.
    """

    def __init__(self, action: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actionButton")
        self.action = action
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys belong to the shortcuts
        self._key = named_label("keyCap")
        self._text = named_label("buttonText")
        for label in (self._key, self._text):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(10)
        layout.addStretch(1)
        layout.addWidget(self._key)
        layout.addWidget(self._text)
        layout.addStretch(1)
        self.setMinimumHeight(60)
        self.clicked.connect(action.trigger)
        action.changed.connect(self._sync)
        self._sync()

    def label(self) -> str:
        """The text the clerk reads on the button."""
        return self._text.text()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        hint = self.layout().sizeHint()
        hint.setHeight(max(hint.height(), self.minimumHeight()))
        return hint

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return self.sizeHint()

    def _sync(self) -> None:
        self.setEnabled(self.action.isEnabled())
        self._text.setText(self.action.text())
        key = self.action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self._key.setText(key)
        self._key.setVisible(bool(key))
        self.setAccessibleName(self.action.text())
        self.setToolTip(self.action.toolTip())
        self.updateGeometry()


class TicketPanel(QFrame):
    """The current ticket, large: number, business, 户号, minutes waited, handling time running
    (amber near the business's target, red past it), and what to do next."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ticketPanel")
        self.setProperty("state", "idle")
        self.setProperty("timing", "normal")
        self._ticket: Ticket | None = None
        self._target_s = 0

        self.status = named_label("ticketStatus")
        self.priority = named_label("priorityBadge")
        self.repeat = named_label("repeatBadge")
        self.repeat.hide()
        self.target = named_label("ticketTarget")
        self.number = named_label("ticketNumber")
        self.number.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.business = ElidedLabel("ticketBusiness")
        self.account = named_label("ticketDetail")
        self.waited = named_label("ticketDetail")
        self.elapsed_title = named_label("elapsedTitle", self.tr("办理用时"))
        self.elapsed = named_label("elapsed")
        self.timing_note = named_label("timingNote")
        self.hint = named_label("nextHint")
        self.hint.setWordWrap(True)

        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(self.status)
        top.addWidget(self.priority)
        top.addWidget(self.repeat)
        top.addStretch(1)
        top.addWidget(self.target)

        details = QHBoxLayout()
        details.setSpacing(36)
        details.addWidget(self.account)
        details.addWidget(self.waited)
        details.addStretch(1)

        timing = QVBoxLayout()
        timing.setSpacing(0)
        timing.addStretch(1)
        for label in (self.elapsed_title, self.elapsed, self.timing_note):
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            timing.addWidget(label)
        timing.addStretch(1)

        middle = QHBoxLayout()
        middle.setSpacing(24)
        middle.addWidget(self.number)
        middle.addStretch(1)
        middle.addLayout(timing)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 18, 28, 18)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        layout.addWidget(self.business)
        layout.addSpacing(6)
        layout.addLayout(details)
        layout.addStretch(1)
        layout.addWidget(self.hint)

    @property
    def ticket(self) -> Ticket | None:
        return self._ticket

    def show_ticket(self, ticket: Ticket, business_name: str, target_s: int, now: datetime) -> None:
        if self._ticket is None or self._ticket.id != ticket.id:
            self.repeat.hide()
        self._ticket = ticket
        self._target_s = target_s
        serving = ticket.status == TicketStatus.SERVING
        status = self.tr("办理中") if serving else self.tr("已呼叫，等候客户到窗口")
        if ticket.recalls:
            status += self.tr(" · 已重呼 %n 次", "", ticket.recalls)
        self.status.setText(status)
        self.priority.setText(
            self.tr("绿色通道：{reason}").format(reason=ticket.priority_reason)
            if ticket.priority_reason
            else self.tr("绿色通道")
        )
        self.priority.setVisible(ticket.priority)
        self.target.setText(self.tr("办理时限 %n 分钟", "", max(1, round(target_s / 60))))
        self.target.setVisible(target_s > 0)
        self.number.setText(ticket.number)
        self.business.setText(business_name)
        self.business.setVisible(True)
        self.account.setText(
            self.tr("户号 {account}").format(account=ticket.account)
            if ticket.account
            else self.tr("户号 未登记")
        )
        called = ticket.called_at or now
        waited_min = max(0, int((called - ticket.issued_at).total_seconds() // 60))
        self.waited.setText(self.tr("已等候 %n 分钟", "", waited_min))
        self.elapsed_title.setText(self.tr("办理用时") if serving else self.tr("呼叫后"))
        for label in (
            self.account,
            self.waited,
            self.elapsed_title,
            self.elapsed,
            self.timing_note,
        ):
            label.setVisible(True)
        self._restyle("state", "serving" if serving else "called")
        self.tick(now)

    def show_idle(self, title: str, detail: str, *, paused: bool) -> None:
        self._ticket = None
        self.status.setText("")
        self.number.setText(title)
        self.business.setText(detail)
        self.business.setVisible(bool(detail))
        for label in (
            self.priority,
            self.target,
            self.account,
            self.waited,
            self.elapsed_title,
            self.elapsed,
            self.timing_note,
        ):
            label.setVisible(False)
        self._restyle("state", "paused" if paused else "idle")
        self._restyle("timing", "normal")

    def _restyle(self, name: str, value: str) -> None:
        """Set a property the style sheet selects on; every label inside follows it."""
        set_style_property(self, name, value, *self.findChildren(QWidget))

    def show_repeat(self, ticket_id: int, visit: RepeatVisit | None) -> None:
        """Flag a customer back within 7 days for the same business (重复来访)."""
        if self._ticket is None or self._ticket.id != ticket_id or visit is None:
            return
        self.repeat.setText(
            self.tr("重复来访：{day} {number}").format(
                day=f"{visit.issued_at:%m-%d}", number=visit.number
            )
        )
        self.repeat.setToolTip(visit.note or "")
        self.repeat.show()

    def set_hint(self, text: str) -> None:
        self.hint.setText(text)

    def tick(self, now: datetime) -> None:
        """Move the handling time on to ``now`` (the hall's clock)."""
        ticket = self._ticket
        if ticket is None:
            return
        began = ticket.started_at or ticket.called_at or now
        elapsed = (now - began).total_seconds()
        self.elapsed.setText(clock_text(int(elapsed)))
        level = timing_level(elapsed, self._target_s)
        if level == "red":
            over_min = max(1, int((elapsed - self._target_s) // 60))
            self.timing_note.setText(self.tr("已超时 %n 分钟", "", over_min))
        elif level == "amber":
            left_min = max(1, -int(-(self._target_s - elapsed) // 60))
            self.timing_note.setText(self.tr("即将超时（还剩 %n 分钟）", "", left_min))
        else:
            self.timing_note.setText("")
        self._restyle("timing", level)


class TransferDialog(QDialog):
    """Chooses the business a ticket moves to (转移); it keeps its number and arrival time."""

    def __init__(
        self,
        ticket_number: str,
        businesses: Sequence[BusinessType],
        current: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("转移"))
        self.setMinimumSize(520, 520)
        self.setStyleSheet(DIALOG_STYLE)
        title = named_label(
            "title", self.tr("把 {number} 转到哪项业务？").format(number=ticket_number)
        )
        note = QLabel(self.tr("保留原号码和取号时间，在新业务的队列中等候。"))
        note.setWordWrap(True)
        self.choices = QListWidget()
        for business in businesses:
            if business.code == current or not business.active:
                continue
            item = QListWidgetItem(
                self.tr("{code}  {name}").format(code=business.code, name=business.name)
            )
            item.setData(Qt.ItemDataRole.UserRole, business.code)
            self.choices.addItem(item)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("转移"))
        ok.setDefault(True)
        ok.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.choices.itemSelectionChanged.connect(lambda: ok.setEnabled(self.chosen() is not None))
        self.choices.itemDoubleClicked.connect(lambda _item: self.accept())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.addWidget(title)
        layout.addWidget(note)
        layout.addWidget(self.choices, 1)
        layout.addWidget(self.buttons)

    @classmethod
    def ask(
        cls,
        ticket_number: str,
        businesses: Sequence[BusinessType],
        current: str,
        parent: QWidget | None = None,
    ) -> str | None:
        """The code of the business chosen, or None when cancelled."""
        dialog = cls(ticket_number, businesses, current, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen()

    def chosen(self) -> str | None:
        """The selected business's code: only a row the clerk can see selected counts."""
        items = self.choices.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None


class PauseDialog(QDialog):
    """Asks why the window pauses (暂停服务): a reason from a short list, or the clerk's own."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("暂停服务"))
        self.setMinimumWidth(460)
        self.setStyleSheet(DIALOG_STYLE)
        title = named_label("title", self.tr("暂停服务的原因"))
        self.choice = ReasonChoice([(reason, self.tr(reason)) for reason in PAUSE_REASONS], self)
        self.other_text = self.choice.other_text
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.addWidget(title)
        layout.addWidget(self.choice)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("暂停服务"))
        ok.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addSpacing(8)
        layout.addWidget(self.buttons)
        self.choice.presets[0].setChecked(True)
        self.choice.changed.connect(self._sync)
        self._sync()

    @classmethod
    def ask(cls, parent: QWidget | None = None) -> str | None:
        """The reason given, or None when cancelled."""
        dialog = cls(parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.reason()

    def reason(self) -> str | None:
        return self.choice.reason()

    def _sync(self, *_: object) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.reason() is not None)


class CounterWindow(WorkstationWindow):
    """One clerk's counter at one window. GUI thread only.

    Shows the readings of ``session`` (its own changes arrive through the bridge, other PCs'
    through the poll) and runs every ``desk`` call on the session's worker, one at a time: while
    a call is in flight every action is disabled, so a double press never makes two calls.
    """

    def __init__(self, session: HallSession, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        if desk.window is None:
            raise ValueError("a counter needs a desk signed in at a window")
        self._desk = desk
        self._window_number: int = desk.window
        self._busy = False
        self._view_seen = False
        self._ticket: Ticket | None = None
        self._window: Window | None = None
        self._snapshot: QueueSnapshot | None = None
        self._businesses: dict[str, BusinessType] = {}
        self._shown_day: date | None = None
        self._repeat_checked: int | None = None
        self._urgent_reading = False

        self.setObjectName("counter")
        self.setMinimumSize(1024, 640)
        self.setStyleSheet(STYLE)
        self.queue_model = WindowQueueModel(self._window_number, self._hall.clock(), self)
        self.actions_by_command: dict[Command, QAction] = {}
        self.buttons: dict[Command, ActionButton] = {}
        self._build_actions()
        self._build()
        self._update_title()

        self._info_timer = self._timer(INFO_SHOWN_MS, self._hide_info, single_shot=True)
        self._timer(TICK_MS, self._tick).start()
        # Applications turn overdue with time alone, not only when something changes.
        self._timer(URGENT_CHECK_MS, self._check_urgent).start()
        self._show_current()
        self._update_actions()
        self._tick()
        self._watch_session()

    # -- what other code and tests may look at -----------------------------------------------

    @property
    def current_ticket(self) -> Ticket | None:
        """The ticket called to or being served at this window, as shown."""
        return self._ticket

    @property
    def busy(self) -> bool:
        """Whether a desk call is in flight."""
        return self._busy

    def message(self) -> str:
        """The message bar's text, or "" when it is hidden."""
        return self.message_bar.text() if not self.message_bar.isHidden() else ""

    # -- layout ------------------------------------------------------------------------------

    def _build_actions(self) -> None:
        texts = {
            Command.CALL_NEXT: self.tr("呼叫下一位"),
            Command.START: self.tr("开始办理"),
            Command.FINISH: self.tr("办结"),
            Command.FINISH_AND_CALL: self.tr("办结并呼叫下一位"),
            Command.RECALL: self.tr("重呼"),
            Command.NO_SHOW: self.tr("过号"),
            Command.TRANSFER: self.tr("转移"),
            Command.PARK: self.tr("挂起"),
            Command.PAUSE: self.tr("暂停服务"),
            Command.CALL_BACK: self.tr("回呼"),
            Command.REACTIVATE: self.tr("恢复过号"),
            Command.PAYMENT: self.tr("收费"),
            Command.FORM: self.tr("业务受理"),
            Command.CUSTOMER: self.tr("客户档案"),
            Command.APPLICATIONS: self.tr("受理单"),
            Command.RECEIPTS: self.tr("收据/冲正"),
            Command.SETTLE: self.tr("日清日结"),
        }
        tips = {
            Command.CALL_NEXT: self.tr("呼叫本窗口队列中的下一位"),
            Command.START: self.tr("客户已到窗口，开始计算办理时间"),
            Command.FINISH: self.tr("填写办理结果并办结"),
            Command.FINISH_AND_CALL: self.tr("办结当前的号，并马上呼叫下一位"),
            Command.RECALL: self.tr("再次广播当前的号"),
            Command.NO_SHOW: self.tr("客户未到：记为过号，回来后可恢复"),
            Command.TRANSFER: self.tr("转到其他业务的队列，保留取号时间"),
            Command.PARK: self.tr("暂时挂起当前的号（如客户去取材料），之后可回呼"),
            Command.PAUSE: self.tr("暂停或恢复本窗口叫号"),
            Command.CALL_BACK: self.tr("把选中的挂起号排回队首"),
            Command.REACTIVATE: self.tr("把选中的过号排回队首"),
            Command.PAYMENT: self.tr("收取电费（唱收唱付）并开具收据"),
            Command.FORM: self.tr("为当前客户填写业务申请（受理单）"),
            Command.CUSTOMER: self.tr("查询客户档案和来访记录"),
            Command.APPLICATIONS: self.tr("查看受理单的办理进度、补齐资料、办结；含催办"),
            Command.RECEIPTS: self.tr("今日收据：重打或冲正（需值班长密码）"),
            Command.SETTLE: self.tr("下班前核对现金与收据（日清日结）"),
        }
        handlers: dict[Command, Callable[[], None]] = {
            Command.CALL_NEXT: self._call_next,
            Command.START: self._start,
            Command.FINISH: self._finish,
            Command.FINISH_AND_CALL: self._finish_and_call,
            Command.RECALL: self._recall,
            Command.NO_SHOW: self._no_show,
            Command.TRANSFER: self._transfer,
            Command.PARK: self._park,
            Command.PAUSE: self._pause_or_resume,
            Command.CALL_BACK: self._call_back,
            Command.REACTIVATE: self._reactivate,
            Command.PAYMENT: self._take_payment,
            Command.FORM: self._fill_form,
            Command.CUSTOMER: self._look_up_customer,
            Command.APPLICATIONS: self._show_applications,
            Command.RECEIPTS: self._show_receipts,
            Command.SETTLE: self._settle,
        }
        for command in Command:
            action = QAction(texts[command], self)
            action.setToolTip(tips[command])
            if command in SHORTCUTS:
                action.setShortcut(SHORTCUTS[command])
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.setEnabled(False)
            action.triggered.connect(functools.partial(self._triggered, handlers[command]))
            self.addAction(action)
            self.actions_by_command[command] = action

    def _build(self) -> None:
        central = QWidget()
        central.setObjectName("central")
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self._build_header())

        body = QVBoxLayout()
        body.setContentsMargins(18, 12, 18, 14)
        body.setSpacing(10)
        self.message_bar = named_label("messageBar")
        self.message_bar.setWordWrap(True)
        self.message_bar.hide()
        body.addWidget(self.message_bar)

        columns = QHBoxLayout()
        columns.setSpacing(18)
        columns.addLayout(self._build_serving_column(), 3)
        columns.addLayout(self._build_queue_column(), 2)
        body.addLayout(columns, 1)
        outer.addLayout(body, 1)
        self.setCentralWidget(central)

    def _build_header(self) -> QFrame:
        header = QFrame()
        header.setObjectName("header")
        layout = QHBoxLayout(header)
        layout.setContentsMargins(22, 10, 22, 10)
        layout.setSpacing(16)
        self.who = named_label(
            "whoAmI",
            self.tr("{window}号窗口 · {name} ({code})").format(
                window=self._window_number, name=self._desk.name, code=self._desk.code
            ),
        )
        self.window_state = named_label("windowState")
        self._hall_name = named_label("hallName")
        self._clock = named_label("clock")
        self.urgent_button = QPushButton()
        self.urgent_button.setObjectName("urgentBadge")
        self.urgent_button.setToolTip(self.tr("超期、被催办或升级的受理单"))
        self.urgent_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.urgent_button.clicked.connect(lambda: self._show_applications(urgent_only=True))
        self.urgent_button.hide()
        layout.addWidget(self.who)
        layout.addWidget(self.window_state)
        layout.addWidget(self.urgent_button)
        layout.addStretch(1)
        layout.addWidget(self._hall_name)
        layout.addSpacing(12)
        layout.addWidget(self._clock)
        return header

    def _build_serving_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(10)
        self.panel = TicketPanel()
        column.addWidget(self.panel, 1)
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(8)
        first_row = (Command.CALL_NEXT, Command.START, Command.FINISH, Command.FINISH_AND_CALL)
        second_row = (
            Command.RECALL,
            Command.NO_SHOW,
            Command.TRANSFER,
            Command.PARK,
            Command.PAUSE,
            Command.PAYMENT,
        )
        # 24 columns: four buttons of six in the first row, six of four in the second.
        for i, command in enumerate(first_row):
            grid.addWidget(self._button(command), 0, i * 6, 1, 6)
        for i, command in enumerate(second_row):
            grid.addWidget(self._button(command), 1, i * 4, 1, 4)
        column.addLayout(grid)
        # The business after the call: forms, the customer's records, receipts, the day's cash.
        third_row = QHBoxLayout()
        third_row.setSpacing(8)
        for command in (
            Command.FORM,
            Command.CUSTOMER,
            Command.APPLICATIONS,
            Command.RECEIPTS,
            Command.SETTLE,
        ):
            button = self._button(command)
            button.setProperty("secondary", True)
            third_row.addWidget(button, 1)
        column.addLayout(third_row)
        return column

    def _build_queue_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(8)
        self.queue_title = named_label("sectionTitle")
        self.queue_counts = named_label("queueCounts")
        title_row = QHBoxLayout()
        title_row.addWidget(self.queue_title)
        title_row.addStretch(1)
        title_row.addWidget(self.queue_counts)
        column.addLayout(title_row)

        self.queue_view = QTableView()
        self.queue_view.setModel(self.queue_model)
        view = self.queue_view
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(40)
        view.setShowGrid(False)
        view.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # no row is picked until the clerk does
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(
            WindowQueueModel.Columns.BUSINESS, QHeaderView.ResizeMode.Stretch
        )
        view.selectionModel().selectionChanged.connect(self._selection_changed)
        view.doubleClicked.connect(self._row_double_clicked)
        self._empty = named_label("emptyQueue", self.tr("本窗口目前无人等候"))
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._queue_stack = QStackedWidget()
        self._queue_stack.addWidget(self.queue_view)
        self._queue_stack.addWidget(self._empty)
        column.addWidget(self._queue_stack, 1)

        hint = named_label("queueHint", self.tr("选中挂起或过号的号，可把它排回队首，再按 F1 呼叫"))
        hint.setWordWrap(True)
        column.addWidget(hint)
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(self._button(Command.CALL_BACK))
        row.addWidget(self._button(Command.REACTIVATE))
        column.addLayout(row)
        return column

    def _button(self, command: Command) -> ActionButton:
        button = ActionButton(self.actions_by_command[command])
        self.buttons[command] = button
        return button

    # -- showing -----------------------------------------------------------------------------

    def _show(self, view: LiveView) -> None:
        snapshot = view.snapshot
        self._view_seen = True
        self._snapshot = snapshot
        self._shown_day = snapshot.day
        self._businesses = {b.code: b for b in snapshot.businesses}
        self._window = next((w for w in snapshot.windows if w.number == self._window_number), None)
        self._ticket = next((t for t in snapshot.open if t.window == self._window_number), None)
        self._hall_name.setText(view.hall_name)
        self._update_title()
        names = {b.code: b.name for b in snapshot.businesses}
        line = window_line(snapshot, self._window_number)
        self.queue_model.set_tickets(line, names)
        self._queue_stack.setCurrentWidget(self.queue_view if line else self._empty)
        self._show_counts()
        self._show_current()
        self._update_actions()
        self._check_urgent()

    def _show_counts(self) -> None:
        model = self.queue_model
        self.queue_title.setText(self.tr("本窗口等候 %n 人", "", model.waiting_count()))
        extra = []
        if parked := model.count(TicketStatus.PARKED):
            extra.append(self.tr("挂起 %n", "", parked))
        if no_shows := model.count(TicketStatus.NO_SHOW):
            extra.append(self.tr("过号 %n", "", no_shows))
        self.queue_counts.setText(" · ".join(extra))

    def _show_current(self) -> None:
        paused_reason = self._window.paused_reason if self._window is not None else None
        if paused_reason:
            self.window_state.setText(self.tr("暂停服务：{reason}").format(reason=paused_reason))
        else:
            self.window_state.setText(self.tr("服务中"))
        set_style_property(self.window_state, "paused", bool(paused_reason))
        self.window_state.setVisible(self._view_seen)

        ticket = self._ticket
        now = self._hall.clock()
        if ticket is not None:
            business = self._businesses.get(ticket.business)
            name = business.name if business else ticket.business
            target = business.target_s if business else 0
            self.panel.show_ticket(ticket, name, target, now)
            self._check_repeat_visit(ticket)
        elif paused_reason:
            reason = self.tr("原因：{reason}").format(reason=paused_reason)
            self.panel.show_idle(self.tr("暂停服务", "the window's state"), reason, paused=True)
        elif not self._view_seen:
            self.panel.show_idle(self.tr("正在读取…"), "", paused=False)
        else:
            self.panel.show_idle(self.tr("空闲"), self._next_in_line(), paused=False)
        self.panel.set_hint(self._next_step())

    def _check_repeat_visit(self, ticket: Ticket) -> None:
        if not ticket.account or ticket.id == self._repeat_checked:
            return
        self._repeat_checked = ticket.id
        desk = self._desk
        self._session.run(
            lambda: desk.repeat_visit(ticket.id),
            on_done=functools.partial(self.panel.show_repeat, ticket.id),
            on_error=lambda error: logger.warning("repeat visit check failed: %s", error),
            context=self,
        )

    def _check_urgent(self) -> None:
        """How many of this clerk's applications are overdue, urged or escalated (督办)."""
        if self._urgent_reading:
            return
        self._urgent_reading = True
        self._session.run(
            self._desk.urgent_applications,
            on_done=self._show_urgent,
            on_error=self._urgent_failed,
            context=self,
        )

    def _show_urgent(self, applications: Sequence[Any]) -> None:
        self._urgent_reading = False
        count = len(applications)
        self.urgent_button.setText(self.tr("督办 {count}").format(count=count))
        self.urgent_button.setVisible(count > 0)

    def _urgent_failed(self, error: Exception) -> None:
        self._urgent_reading = False
        logger.warning("reading urgent applications failed: %s", error)

    def _next_in_line(self) -> str:
        """Who F1 would call now, as far as this window can tell."""
        waiting = [t for t in self.queue_model.tickets if t.status == TicketStatus.WAITING]
        if not waiting:
            return ""
        first = waiting[0]
        return self.tr("下一位：{number} · {business}").format(
            number=first.number, business=self._business_name(first.business)
        )

    def _next_step(self) -> str:
        """What the clerk should do now, in one line: the answer to "what next?"."""
        ticket = self._ticket
        paused = self._window is not None and self._window.paused
        if not self._view_seen:
            return ""
        if ticket is not None and ticket.status == TicketStatus.CALLED:
            return self.tr(
                "客户到窗口后按 {start} 开始办理；未到可按 {recall} 重呼或 {no_show} 过号"
            ).format(
                start=key_text(Command.START),
                recall=key_text(Command.RECALL),
                no_show=key_text(Command.NO_SHOW),
            )
        if ticket is not None:
            return self.tr("办理完成后按 {finish} 办结（{finish_next} 办结并呼叫下一位）").format(
                finish=key_text(Command.FINISH), finish_next=key_text(Command.FINISH_AND_CALL)
            )
        if paused:
            return self.tr("窗口已暂停叫号，按 {pause} 恢复服务").format(
                pause=key_text(Command.PAUSE)
            )
        waiting = self.queue_model.waiting_count()
        if waiting:
            return self.tr("按 {call} 呼叫下一位（本窗口等候 %n 人）", "", waiting).format(
                call=key_text(Command.CALL_NEXT)
            )
        return self.tr("目前无人等候，有客户取号后即可呼叫")

    def _update_title(self) -> None:
        self.setWindowTitle(
            self.tr("{window}号窗口 · {name} ({code}) · 柜台").format(
                window=self._window_number, name=self._desk.name, code=self._desk.code
            )
        )

    def _selected_ticket(self) -> Ticket | None:
        rows = self.queue_view.selectionModel().selectedRows()
        return self.queue_model.ticket_at(rows[0].row()) if rows else None

    def _update_actions(self) -> None:
        ticket = self._ticket
        ready = self._view_seen and not self._busy
        paused = self._window is not None and self._window.paused
        is_open = ticket is not None
        called = ticket is not None and ticket.status == TicketStatus.CALLED
        selected = self._selected_ticket()
        enabled = {
            Command.CALL_NEXT: not is_open and not paused and self.queue_model.waiting_count() > 0,
            Command.START: called,
            Command.FINISH: is_open,
            Command.FINISH_AND_CALL: is_open and not paused,
            Command.RECALL: called,
            Command.NO_SHOW: called,
            Command.TRANSFER: is_open,
            Command.PARK: is_open,
            Command.PAUSE: True,
            Command.CALL_BACK: selected is not None and selected.status == TicketStatus.PARKED,
            Command.REACTIVATE: selected is not None and selected.status == TicketStatus.NO_SHOW,
            Command.PAYMENT: True,
            Command.FORM: True,
            Command.CUSTOMER: True,
            Command.APPLICATIONS: True,
            Command.RECEIPTS: True,
            Command.SETTLE: True,
        }
        for command, possible in enabled.items():
            self.actions_by_command[command].setEnabled(ready and possible)
        pause = self.actions_by_command[Command.PAUSE]
        pause.setText(self.tr("恢复服务") if paused else self.tr("暂停服务"))

        if paused and not is_open:
            primary = Command.PAUSE
        elif called:
            primary = Command.START
        elif is_open:
            primary = Command.FINISH
        else:
            primary = Command.CALL_NEXT
        for command, button in self.buttons.items():
            primary_now = command == primary and button.isEnabled()
            set_style_property(button, "primary", primary_now, *button.findChildren(QWidget))

    # -- messages ----------------------------------------------------------------------------

    def _show_message(self, text: str, *, kind: str) -> None:
        self.message_bar.setText(text)
        set_style_property(self.message_bar, "kind", kind)
        self.message_bar.show()
        if kind == "info":
            self._info_timer.start()
        else:
            self._info_timer.stop()

    def _show_info(self, text: str) -> None:
        self._show_message(text, kind="info")

    def _hide_info(self) -> None:
        if self.message_bar.property("kind") == "info":
            self.message_bar.hide()

    def _clear_message(self) -> None:
        self._info_timer.stop()
        self.message_bar.hide()

    def _on_read_failed(self, error: str) -> None:
        self._show_message(
            self.tr("读取队列失败，正在重试：{error}").format(error=error), kind="error"
        )

    # -- running desk calls ------------------------------------------------------------------

    def _triggered(self, handler: Callable[[], None], *_: object) -> None:
        if self._busy or not self._view_seen:
            return
        handler()

    def _run(self, call: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        """Run one desk call on the worker; nothing else may be started until it answers."""
        if self._busy:
            return
        self._busy = True
        self._clear_message()
        self._update_actions()
        self._session.run(
            call,
            on_done=functools.partial(self._call_done, on_done),
            on_error=self._call_failed,
            context=self,
        )

    def _call_done(self, on_done: Callable[[Any], None], result: Any) -> None:
        self._busy = False
        on_done(result)
        self._show_current()
        self._update_actions()

    def _call_failed(self, error: Exception) -> None:
        self._busy = False
        if isinstance(error, HallError):
            logger.info("counter move refused: %s (%s)", error.message, error.code)
            self._show_message(error.message, kind="error")
        else:
            self._show_message(
                self.tr("操作失败，请重试或联系值班长：{error}").format(error=error), kind="error"
            )
        self._update_actions()
        self._session.refresh()  # show the hall as it is now

    def _set_ticket(self, ticket: Ticket | None) -> None:
        """Show the desk's answer at once; the next reading confirms it."""
        self._ticket = ticket if ticket is not None and ticket.is_open else None

    def _business_name(self, code: str) -> str:
        business = self._businesses.get(code)
        return business.name if business else code

    # -- moves -------------------------------------------------------------------------------

    def _call_next(self) -> None:
        self._run(self._desk.call_next, self._called)

    def _called(self, ticket: Ticket | None) -> None:
        if ticket is None:
            self._show_info(self.tr("本窗口目前没有等候的客户"))
            return
        self._set_ticket(ticket)

    def _start(self) -> None:
        self._run(self._desk.start, self._set_ticket)

    def _recall(self) -> None:
        def recalled(ticket: Ticket) -> None:
            self._set_ticket(ticket)
            self._show_info(
                self.tr("已重呼 {number}（第 %n 次）", "", ticket.recalls).format(
                    number=ticket.number
                )
            )

        self._run(self._desk.recall, recalled)

    def _no_show(self) -> None:
        def gone(ticket: Ticket) -> None:
            self._set_ticket(None)
            self._show_info(
                self.tr("{number} 已过号。客户回来后，在右侧列表选中它点“恢复过号”").format(
                    number=ticket.number
                )
            )

        self._run(self._desk.no_show, gone)

    def _park(self) -> None:
        def parked(ticket: Ticket) -> None:
            self._set_ticket(None)
            self._show_info(
                self.tr("{number} 已挂起。客户回来后，在右侧列表选中它点“回呼”").format(
                    number=ticket.number
                )
            )

        self._run(self._desk.park, parked)

    def _ask_finish(self, ticket: Ticket, *, and_call_next: bool) -> FinishChoice | None:
        """How the service ended. Each business's own form will be opened from here."""
        return FinishDialog.ask(
            ticket, self._business_name(ticket.business), and_call_next=and_call_next, parent=self
        )

    def _finish(self) -> None:
        ticket = self._ticket
        if ticket is None:
            return
        choice = self._ask_finish(ticket, and_call_next=False)
        if choice is None:
            return

        def finished(done: Ticket) -> None:
            self._set_ticket(None)
            self._show_info(self.tr("{number} 已办结").format(number=done.number))

        self._run(
            functools.partial(self._desk.finish, choice.outcome.value, note=choice.note), finished
        )

    def _finish_and_call(self) -> None:
        ticket = self._ticket
        if ticket is None:
            return
        choice = self._ask_finish(ticket, and_call_next=True)
        if choice is None:
            return
        desk = self._desk

        def finish_then_call() -> tuple[Ticket, Ticket | None, HallError | None]:
            """Worker thread: the finish stands even if the call is then refused."""
            done = desk.finish(choice.outcome.value, note=choice.note)
            try:
                return done, desk.call_next(), None
            except HallError as refused:
                return done, None, refused

        def finished(result: tuple[Ticket, Ticket | None, HallError | None]) -> None:
            done, called, refused = result
            self._set_ticket(called)
            if refused is not None:
                self._show_message(
                    self.tr("{number} 已办结，但未能呼叫下一位：{reason}").format(
                        number=done.number, reason=refused.message
                    ),
                    kind="error",
                )
            elif called is None:
                self._show_info(
                    self.tr("{number} 已办结；本窗口目前没有等候的客户").format(number=done.number)
                )

        self._run(finish_then_call, finished)

    def _transfer(self) -> None:
        ticket = self._ticket
        if ticket is None:
            return
        businesses = self._snapshot.businesses if self._snapshot else ()
        target = TransferDialog.ask(ticket.number, businesses, ticket.business, self)
        if target is None:
            return

        def moved(moved_ticket: Ticket) -> None:
            self._set_ticket(None)
            self._show_info(
                self.tr("{number} 已转到“{business}”，保留原取号时间").format(
                    number=moved_ticket.number, business=self._business_name(target)
                )
            )

        self._run(functools.partial(self._desk.transfer, business=target), moved)

    def _pause_or_resume(self) -> None:
        if self._window is not None and self._window.paused:
            self._run(self._desk.resume, lambda _none: self._paused(None))
            return
        reason = PauseDialog.ask(self)
        if reason is None:
            return
        self._run(functools.partial(self._desk.pause, reason), lambda _none: self._paused(reason))

    def _paused(self, reason: str | None) -> None:
        if self._window is not None:
            self._window = dataclasses.replace(self._window, paused_reason=reason)

    def _call_back(self) -> None:
        selected = self._selected_ticket()
        if selected is None:
            return
        self._run(functools.partial(self._desk.call_back, selected.number), self._back_in_line)

    def _reactivate(self) -> None:
        selected = self._selected_ticket()
        if selected is None:
            return
        self._run(functools.partial(self._desk.reactivate, selected.number), self._back_in_line)

    def _back_in_line(self, ticket: Ticket) -> None:
        if self._ticket is None:
            text = self.tr("{number} 已排回队首，按 {call} 呼叫").format(
                number=ticket.number, call=key_text(Command.CALL_NEXT)
            )
        else:
            text = self.tr("{number} 已排回队首").format(number=ticket.number)
        self._show_info(text)

    def _take_payment(self) -> None:
        """收费 for the current ticket's account (or any account the clerk types in)."""
        account = self._ticket.account if self._ticket is not None else None
        receipt = PaymentDialog.ask(self._session, self._desk, account, parent=self)
        if receipt is None:
            return
        self._show_info(self.tr("收据 {number} 已开出").format(number=receipt.number))

    def _fill_form(self) -> None:
        """业务受理: the form of the current ticket's business (the clerk picks one when the
        business has several, or any form for a customer without a ticket)."""
        ticket = self._ticket
        if ticket is not None and forms_for(ticket.business):
            form = choose_form(self, ticket.business)
        else:
            form = FormChooserDialog.ask(tuple(FORMS.values()), self)
        if form is None:
            return
        account = ticket.account if ticket is not None else None
        saved = ApplicationFormDialog.ask(
            self._session, self._desk, form, account=account, parent=self
        )
        if saved is not None:
            self._show_info(self.tr("受理单 {number} 已保存").format(number=saved.number))

    def _look_up_customer(self) -> None:
        account = self._ticket.account if self._ticket is not None else None
        CustomerDialog(self._session, self._desk, account, parent=self).exec()

    def _show_applications(self, *, urgent_only: bool = False) -> None:
        account = self._ticket.account if self._ticket is not None and not urgent_only else None
        ApplicationsDialog(
            self._session, self._desk, account=account, urgent_only=urgent_only, parent=self
        ).exec()

    def _show_receipts(self) -> None:
        ReceiptsDialog(self._session, self._desk, self).exec()

    def _settle(self) -> None:
        settlement = SettlementDialog.ask(self._session, self._desk, self)
        if settlement is not None:
            self._show_info(self.tr("日结已记录：{verdict}").format(verdict=settlement.verdict))

    # -- the queue list ----------------------------------------------------------------------

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_actions()

    def _row_double_clicked(self, index: QModelIndex) -> None:
        ticket = self.queue_model.ticket_at(index.row())
        if ticket is None:
            return
        if ticket.status == TicketStatus.PARKED:
            self.actions_by_command[Command.CALL_BACK].trigger()
        elif ticket.status == TicketStatus.NO_SHOW:
            self.actions_by_command[Command.REACTIVATE].trigger()

    # -- the clock ---------------------------------------------------------------------------

    def _tick(self) -> None:
        now = self._hall.clock()
        local = now.astimezone(self._hall.zone)
        self._clock.setText(local.strftime("%H:%M"))
        self.panel.tick(now)
        self.queue_model.set_now(now)
        if self._shown_day is not None and local.date() != self._shown_day:
            self._shown_day = None
            self._session.refresh()  # a new business day: yesterday's line is not today's
