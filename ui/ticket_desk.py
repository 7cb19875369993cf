"""The lobby guide's ticket desk: one big button per business, a slip printed for every ticket.

Each button shows how many wait for that business and about how long the wait is (today's
average handling time, or the business's target when nothing was finished yet, times the people
waiting, over the windows serving it now). A business that is closed now is shown greyed out
with why. The guide may add the customer number and a 绿色通道 reason before touching a business.
Issuing runs on the database worker; the slip is then printed (and always saved as PDF), on a
system printer or an ESC/POS thermal printer (打印机设置…; an ESC/POS printer is sent to off the
GUI thread, and the desk takes the next customer once the printer took the slip or refused it).
A slip that did not print stays on screen in red with 重新打印 until it does: the ticket itself
is issued and waits in the queue either way.
"""

from __future__ import annotations

import functools
import logging
import math
from collections.abc import Sequence
from datetime import date, datetime
from enum import IntEnum

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDate,
    QElapsedTimer,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    Qt,
)
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hall.desk import Desk
from hall.errors import HallError
from hall.events import HallEvent, TicketFinished
from hall.records import BusinessType, QueueSnapshot, Role, Ticket

from ui.printing import PrinterKind, PrintOutcome, SlipPrinter
from ui.session import HallSession, LiveView
from ui.slip import SlipData
from ui.table_model import RecordTableModel
from ui.widgets import ElidedLabel, named_label, set_style_property
from ui.workstation import WorkstationWindow

logger = logging.getLogger(__name__)

CLOCK_INTERVAL_MS = 5_000
RESULT_SHOW_MS = 8_000
"""How long the number just issued stays large on screen."""
AVERAGES_MAX_AGE_MS = 30_000
"""Today's handling averages are read again when older than this (and after every service)."""
RECENT_LIMIT = 5
BUTTON_MIN_HEIGHT = 100
LARGE_LAYOUT_WIDTH = 1700
"""From this window width on (a 1920 screen) everything is drawn larger."""
PAYMENT_CODES = frozenset({"A"})
"""Business codes of bill payment: at their peak the guide steers simple payments to
self-service."""

PRIORITY_REASONS = (
    QT_TRANSLATE_NOOP("TicketDeskWindow", "老年人"),
    QT_TRANSLATE_NOOP("TicketDeskWindow", "残障人士"),
    QT_TRANSLATE_NOOP("TicketDeskWindow", "孕妇"),
    QT_TRANSLATE_NOOP("TicketDeskWindow", "重要客户"),
    QT_TRANSLATE_NOOP("TicketDeskWindow", "紧急投诉"),
)
"""The short list of 绿色通道 reasons; the Chinese source is what the ticket records."""
OTHER_REASON = QT_TRANSLATE_NOOP("TicketDeskWindow", "其他…")
"""The chip that asks for a reason in free text."""

STYLE = """
QMainWindow, #central { background: #f3f5f7; }
#header { background: #00665f; }
#header QLabel { color: #ffffff; }
#hallName { font-size: 28px; font-weight: bold; }
#subtitle { font-size: 18px; color: #d3ece9; }
#guide { font-size: 18px; }
#today { font-size: 16px; color: #d3ece9; }
#clock { font-size: 28px; font-weight: bold; }
#sectionTitle { font-size: 17px; font-weight: bold; color: #1f2937; }
#hint { font-size: 15px; color: #6b7280; }

#messageBar { background: #fdecea; border: 2px solid #b42318; border-radius: 8px; }
#messageBar[kind="info"] { background: #e7f3f1; border-color: #00665f; }
#messageText { font-size: 19px; font-weight: bold; color: #8f1d14; }
#messageBar[kind="info"] #messageText { color: #00524c; }
#printFailure { background: #b42318; border-radius: 8px; }
#printFailureText { font-size: 20px; font-weight: bold; color: #ffffff; }
#printFailureReason { font-size: 17px; color: #ffffff; }
#printFailure QPushButton {
    font-size: 18px; font-weight: bold; padding: 8px 12px; border-radius: 6px;
    background: #ffffff; color: #b42318; border: none;
}
#printFailure QPushButton#barClose { background: transparent; color: #ffffff; padding: 8px 10px; }
#peakBanner {
    font-size: 19px; font-weight: bold; color: #7a4300; background: #fff1d6;
    border: 2px solid #c77700; border-radius: 8px; padding: 8px 14px;
}
QPushButton#barClose {
    font-size: 16px; background: transparent; border: none; color: #4b5563; padding: 6px 10px;
}

QPushButton#businessButton {
    background: #ffffff; border: 1px solid #c9d1d9; border-radius: 10px;
}
QPushButton#businessButton:hover { border: 2px solid #00665f; }
QPushButton#businessButton:pressed { background: #d5ebe8; }
QPushButton#businessButton[state="peak"] { background: #fff8eb; border: 3px solid #c77700; }
QPushButton#businessButton[state="closed"] { background: #e9ecf0; border: 1px solid #d6dbe1; }
#businessCode {
    font-size: 22px; font-weight: bold; color: #ffffff; background: #00665f;
    border-radius: 6px; padding: 0px 9px;
}
QPushButton[state="peak"] #businessCode { background: #c77700; }
QPushButton[state="closed"] #businessCode { background: #9ca3af; }
#businessName { font-size: 21px; font-weight: bold; color: #111827; }
#businessWaiting { font-size: 25px; font-weight: bold; color: #00665f; }
QPushButton[state="peak"] #businessWaiting { color: #a15c00; }
#businessDetail { font-size: 17px; color: #374151; }
QPushButton[state="closed"] #businessName, QPushButton[state="closed"] #businessWaiting,
QPushButton[state="closed"] #businessDetail { color: #6b7280; }
#peakBadge {
    font-size: 15px; font-weight: bold; color: #ffffff; background: #c77700;
    border-radius: 4px; padding: 2px 8px;
}

#sidePanel { background: #ffffff; border: 1px solid #d6dbe1; border-radius: 10px; }
QLineEdit#accountEdit, QLineEdit#otherReasonEdit {
    font-size: 22px; padding: 6px 10px; border: 1px solid #9ca3af; border-radius: 6px;
}
QLineEdit#accountEdit:focus, QLineEdit#otherReasonEdit:focus { border: 2px solid #00665f; }
QPushButton#chip {
    font-size: 18px; padding: 7px 6px; border: 1px solid #9ca3af; border-radius: 18px;
    background: #f6f8fa; color: #1f2937; min-height: 24px;
}
QPushButton#clearButton {
    font-size: 17px; padding: 9px 14px; border: 1px solid #9ca3af; border-radius: 6px;
    background: #f6f8fa; color: #1f2937;
}
QPushButton#chip:checked {
    background: #0a7a3f; border-color: #0a7a3f; color: #ffffff; font-weight: bold;
}

#resultCard { background: #f6f8fa; border: 1px solid #d6dbe1; border-radius: 10px; }
#resultCard[state="issued"] { background: #e2f3e8; border: 2px solid #0a7a3f; }
#resultCard[state="failed"] { background: #fdecea; border: 2px solid #b42318; }
#resultTitle { font-size: 20px; color: #374151; }
#resultCard[state="issued"] #resultTitle { color: #0a5a30; font-weight: bold; }
#resultCard[state="failed"] #resultTitle { color: #b42318; font-weight: bold; }
#resultNumber { font-size: 64px; font-weight: bold; color: #111827; }
#resultCard[state="issued"] #resultNumber { color: #0a5a30; }
#resultDetail { font-size: 19px; color: #374151; }

QTableView#recentView {
    font-size: 17px; background: #ffffff; border: none;
    alternate-background-color: #f6f8fa; selection-background-color: #ffffff;
    selection-color: #111827;
}
QTableView#recentView::item { padding: 0px 6px; }
QHeaderView::section {
    font-size: 14px; font-weight: bold; color: #4b5563; padding: 4px 6px;
    background: #eceff3; border: none; border-bottom: 1px solid #d6dbe1;
}
QPushButton#reprintRow {
    font-size: 15px; padding: 2px 8px; border: 1px solid #00665f; border-radius: 6px;
    background: #ffffff; color: #00665f; margin: 3px;
}
QStatusBar { font-size: 15px; color: #4b5563; }
QStatusBar QLabel { font-size: 15px; color: #374151; }
QPushButton#printerButton {
    font-size: 15px; padding: 3px 12px; border: 1px solid #9ca3af; border-radius: 6px;
    background: #ffffff;
}
"""

LARGE_STYLE = """
#hallName { font-size: 34px; }
#subtitle, #guide { font-size: 22px; }
#today { font-size: 20px; }
#clock { font-size: 34px; }
#sectionTitle { font-size: 21px; }
#hint { font-size: 18px; }
#messageText, #printFailureText, #peakBanner { font-size: 24px; }
#printFailureReason { font-size: 20px; }
#businessCode { font-size: 28px; padding: 0px 12px; }
#businessName { font-size: 28px; }
#businessWaiting { font-size: 34px; }
#businessDetail { font-size: 22px; }
#peakBadge { font-size: 19px; }
QLineEdit#accountEdit, QLineEdit#otherReasonEdit { font-size: 26px; }
QPushButton#chip { font-size: 21px; padding: 10px 6px; }
QPushButton#clearButton { font-size: 20px; }
#resultTitle { font-size: 24px; }
#resultNumber { font-size: 84px; }
#resultDetail { font-size: 22px; }
QTableView#recentView { font-size: 19px; }
QHeaderView::section { font-size: 16px; }
QPushButton#reprintRow { font-size: 17px; }
QStatusBar, QStatusBar QLabel, QPushButton#printerButton { font-size: 18px; }
#printFailure QPushButton { font-size: 21px; }
"""


# -- what the buttons say ------------------------------------------------------------------------


def closed_reason(
    business: BusinessType, local_now: datetime, *, issued: int = 0, day_ended: bool = False
) -> str | None:
    """Why no ticket can be taken for ``business`` now (hall local time), or None when it can.

    ``issued``: tickets of it issued today; ``day_ended``: a lead ended today's business."""
    if day_ended:
        return QCoreApplication.translate("TicketDeskWindow", "今日营业已结束")
    if not business.active:
        return QCoreApplication.translate("TicketDeskWindow", "暂停办理")
    if str(local_now.isoweekday()) not in business.open_days:
        return QCoreApplication.translate("TicketDeskWindow", "今日不办理")
    now = local_now.time()
    if now < business.opens_at:
        return QCoreApplication.translate("TicketDeskWindow", "{time} 开始取号").format(
            time=business.opens_at.strftime("%H:%M")
        )
    if now >= business.closes_at:
        return QCoreApplication.translate(
            "TicketDeskWindow", "今日取号已结束（{time} 截止）"
        ).format(time=business.closes_at.strftime("%H:%M"))
    if issued >= business.daily_cap:
        return QCoreApplication.translate("TicketDeskWindow", "今日号源已满")
    return None


def estimated_wait_s(waiting: int, average_s: float, windows: int) -> float:
    """About how long the next customer waits: everyone ahead, shared by the serving windows."""
    return waiting * average_s / max(1, windows)


def wait_text(waiting: int, seconds: float) -> str:
    if waiting == 0:
        return QCoreApplication.translate("TicketDeskWindow", "无需等候")
    minutes = max(1, math.ceil(seconds / 60))
    return QCoreApplication.translate("TicketDeskWindow", "预计等候约 {minutes} 分钟").format(
        minutes=minutes
    )


def is_payment(business: BusinessType) -> bool:
    return business.code in PAYMENT_CODES


# -- the recent tickets list ---------------------------------------------------------------------

FAILED_RED = QColor("#b42318")
PRINTED_GREEN = QColor("#0a7a3f")


class RecentTicketsModel(RecordTableModel[PrintOutcome]):
    """The last tickets issued at this desk, newest first, with what became of their slips.

    RECORD_ROLE gives a row's PrintOutcome.
    """

    class Columns(IntEnum):
        NUMBER = 0
        BUSINESS = 1
        AHEAD = 2
        ISSUED_AT = 3
        PRINTED = 4
        REPRINT = 5

    def __init__(self, limit: int = RECENT_LIMIT, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._limit = limit

    def header_texts(self) -> dict[Columns, str]:
        C = self.Columns
        return {
            C.NUMBER: self.tr("号码"),
            C.BUSINESS: self.tr("业务"),
            C.AHEAD: self.tr("前方"),
            C.ISSUED_AT: self.tr("时间"),
            C.PRINTED: self.tr("打印"),
            C.REPRINT: "",
        }

    @property
    def outcomes(self) -> tuple[PrintOutcome, ...]:
        return self.records

    def find(self, day: date, number: str) -> PrintOutcome | None:
        key = (day, number)
        return next((o for o in self._records if _slip_key(o) == key), None)

    def record(self, outcome: PrintOutcome) -> None:
        """A new ticket goes on top; a reprint of one already listed updates its row."""
        rows = list(self._records)
        key = _slip_key(outcome)
        row = next((i for i, earlier in enumerate(rows) if _slip_key(earlier) == key), None)
        if row is None:
            rows = [outcome, *rows][: self._limit]
        else:
            rows[row] = outcome
        self.sync(rows, key=_slip_key)

    def display(self, outcome: PrintOutcome, column: Columns) -> str:
        slip = outcome.slip
        C = self.Columns
        match column:
            case C.NUMBER:
                return slip.number
            case C.BUSINESS:
                return slip.business_name
            case C.AHEAD:
                return self.tr("%n 人", "", slip.waiting_ahead)
            case C.ISSUED_AT:
                return slip.issued_at.strftime("%H:%M")
            case C.PRINTED:
                return self.tr("已打印") if outcome.printed else self.tr("未打印")
            case C.REPRINT:
                return self.tr("补打")
        return ""

    def foreground(self, outcome: PrintOutcome, column: Columns) -> QColor | None:
        if column == self.Columns.PRINTED:
            return PRINTED_GREEN if outcome.printed else FAILED_RED
        return None

    def bold(self, outcome: PrintOutcome, column: Columns) -> bool:
        return column in (self.Columns.NUMBER, self.Columns.PRINTED)

    def tooltip(self, outcome: PrintOutcome, column: Columns) -> str | None:
        return outcome.reason if column == self.Columns.PRINTED and outcome.reason else None


def _slip_key(outcome: PrintOutcome) -> tuple[date, str]:
    return outcome.slip.day, outcome.slip.number


# -- widgets -------------------------------------------------------------------------------------


class BusinessButton(QPushButton):
    """One business: code, name, how many wait and for how long, or why it is closed."""

    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = code
        self.setObjectName("businessButton")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMinimumHeight(BUTTON_MIN_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._code = named_label("businessCode", code)
        self._code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._name = ElidedLabel("businessName")
        self._badge = named_label("peakBadge", self.tr("排队高峰"))
        self._badge.hide()
        self._waiting = named_label("businessWaiting")
        self._detail = ElidedLabel("businessDetail")
        for label in (self._code, self._name, self._badge, self._waiting, self._detail):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        top = QHBoxLayout()
        top.setSpacing(10)
        top.addWidget(self._code)
        top.addWidget(self._name, 1)
        middle = QHBoxLayout()
        middle.setSpacing(10)
        middle.addWidget(self._waiting)
        middle.addWidget(self._badge)
        middle.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addStretch(1)
        layout.addLayout(middle)
        layout.addWidget(self._detail)
        layout.addStretch(1)

    def show_business(
        self, name: str, waiting: int, detail: str, *, state: str, enabled: bool
    ) -> None:
        """state: "open", "peak" (more waiting than its alert level) or "closed"."""
        self._name.setText(name)
        self._waiting.setText(self.tr("等候 %n 人", "", waiting))
        self._detail.setText(detail)
        self._badge.setVisible(state == "peak")
        self.setEnabled(enabled and state != "closed")
        self.setAccessibleName(f"{self.code} {name} {self._waiting.text()} {detail}")
        set_style_property(
            self, "state", state, self._code, self._name, self._waiting, self._detail
        )

    def shown_texts(self) -> tuple[str, ...]:
        """The lines the guide reads on the button, in order (the name unabridged)."""
        texts = [self._code.text(), self._name.full_text()]
        if self._badge.isVisibleTo(self):
            texts.append(self._badge.text())
        texts += [self._waiting.text(), self._detail.full_text()]
        return tuple(texts)


class ButtonGrid(QWidget):
    """The business buttons, as many columns as the width allows (2 to 4)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(12)
        self._buttons: list[BusinessButton] = []
        self._columns = 0

    def set_buttons(self, buttons: Sequence[BusinessButton]) -> None:
        for button in self._buttons:
            self._grid.removeWidget(button)
            button.deleteLater()
        self._buttons = list(buttons)
        self._columns = 0
        self._lay_out()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._lay_out()

    def _lay_out(self) -> None:
        width = self.width()
        columns = 4 if width >= 1500 else 3 if width >= 720 else 2
        if columns == self._columns:
            return
        self._columns = columns
        for button in self._buttons:
            self._grid.removeWidget(button)
        for i, button in enumerate(self._buttons):
            self._grid.addWidget(button, i // columns, i % columns)
        rows = math.ceil(len(self._buttons) / columns) if self._buttons else 0
        for row in range(self._grid.rowCount()):
            self._grid.setRowStretch(row, 1 if row < rows else 0)
        for column in range(self._grid.columnCount()):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)


class MessageBar(QFrame):
    """A message across the top: a refusal in red, or a notice; closed with ×."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.text = named_label("messageText")
        self.text.setWordWrap(True)
        close = QPushButton(self.tr("× 关闭"))
        close.setObjectName("barClose")
        close.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 8, 8)
        layout.addWidget(self.text, 1)
        layout.addWidget(close)
        self.hide()

    def show_message(self, text: str, *, kind: str = "error") -> None:
        self.text.setText(text)
        set_style_property(self, "kind", kind, self.text)
        self.show()


class PrintFailureBar(QFrame):
    """The slip of a ticket did not print: says so in red until it is printed again."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printFailure")
        self.day: date | None = None
        self.number: str | None = None
        self.headline = named_label("printFailureText")
        self.reason = named_label("printFailureReason")
        self.reason.setWordWrap(True)
        self.reprint_button = QPushButton(self.tr("重新打印"))
        self.choose_button = QPushButton(self.tr("选择打印机…"))
        close = QPushButton(self.tr("×"))
        close.setObjectName("barClose")
        close.setToolTip(self.tr("关闭提示（票已取，可在“最近取号”中补打）"))
        close.clicked.connect(self.hide)
        for button in (self.reprint_button, self.choose_button, close):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        texts = QVBoxLayout()
        texts.setSpacing(0)
        texts.addWidget(self.headline)
        texts.addWidget(self.reason)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 6, 8, 6)
        layout.setSpacing(10)
        layout.addLayout(texts, 1)
        layout.addWidget(self.reprint_button)
        layout.addWidget(self.choose_button)
        layout.addWidget(close)
        self.hide()

    def show_failure(self, outcome: PrintOutcome) -> None:
        self.day, self.number = outcome.slip.day, outcome.slip.number
        self.headline.setText(self.tr("{number} 号票打印失败").format(number=outcome.slip.number))
        self.reason.setText(outcome.reason or "")
        self.show()

    def is_about(self, outcome: PrintOutcome) -> bool:
        return (self.day, self.number) == (outcome.slip.day, outcome.slip.number)


class ResultCard(QFrame):
    """The ticket just issued, in large type, for the guide to read out; idle hint otherwise."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultCard")
        self.title = named_label("resultTitle")
        self.number = named_label("resultNumber")
        self.detail = named_label("resultDetail")
        for label in (self.title, self.number, self.detail):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 12)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.number)
        layout.addWidget(self.detail)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def keep_height(self) -> None:
        """Reserve room for a title, a number and two lines of detail in the current style."""
        for label, lines in ((self.title, 1), (self.number, 1), (self.detail, 2)):
            label.ensurePolished()
            label.setMinimumHeight(lines * label.fontMetrics().lineSpacing() + 2)

    def show_state(self, state: str, title: str, number: str = "", detail: str = "") -> None:
        """The card keeps its height whatever it shows, so nothing below it jumps."""
        self.title.setText(title)
        self.number.setText(number)
        self.detail.setText(detail)
        set_style_property(self, "state", state, self.title, self.number, self.detail)


# -- the window ----------------------------------------------------------------------------------


class TicketDeskWindow(WorkstationWindow):
    """The lobby guide's ticket desk. GUI thread only.

    ``desk`` is the signed-in guide (or lead); tickets are issued through it on the session's
    database worker. ``slip_printer`` prints the slips (one on the system's printers, remembered
    in QSettings, when not given).
    """

    def __init__(
        self,
        session: HallSession,
        desk: Desk,
        *,
        slip_printer: SlipPrinter | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, parent)
        self._desk = desk
        self._zone = session.hall.zone
        self._printer = slip_printer if slip_printer is not None else SlipPrinter(parent=self)
        self._view: LiveView | None = None
        self._large: bool | None = None
        self._issuing: str | None = None
        self._printing: dict[tuple[date, str], bool] = {}
        """Slips handed to the printer and not reported yet: whether each is a reprint."""
        self._close_when_done = False
        self.business_buttons: dict[str, BusinessButton] = {}
        self._averages: dict[str, float] = {}
        self._averages_age = QElapsedTimer()
        self._averages_in_flight = False
        self._averages_again = False
        self._open_ids: set[int] = set()

        self.setObjectName("ticketDesk")
        self.setWindowTitle(self.tr("取号台"))
        self.setMinimumSize(1024, 640)
        self.recent_model = RecentTicketsModel(parent=self)
        self._build()
        self._apply_style(large=False)
        self._show_idle()

        self._result_timer = self._timer(RESULT_SHOW_MS, self._show_idle, single_shot=True)
        self._timer(CLOCK_INTERVAL_MS, self._tick_clock).start()
        QShortcut(
            QKeySequence(Qt.Key.Key_Escape),
            self,
            self.clear_form,
            context=Qt.ShortcutContext.WindowShortcut,
        )
        self._printer.printer_changed.connect(self._show_printer)
        self._printer.slip_done.connect(self._on_slip_done)
        session.bridge.hall_event.connect(self._on_hall_event)
        self._tick_clock()
        self._show_printer()
        self._watch_session()

    # -- layout ------------------------------------------------------------------------------

    def _build(self) -> None:
        central = QWidget()
        central.setObjectName("central")
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self._build_header())

        body = QVBoxLayout()
        body.setContentsMargins(18, 12, 18, 10)
        body.setSpacing(10)
        self.message_bar = MessageBar()
        self.print_failure_bar = PrintFailureBar()
        self.print_failure_bar.reprint_button.clicked.connect(self._reprint_failed)
        self.print_failure_bar.choose_button.clicked.connect(self.choose_printer)

        columns = QHBoxLayout()
        columns.setSpacing(16)
        left = QVBoxLayout()
        left.setSpacing(10)
        left.addWidget(self.message_bar)
        left.addWidget(self.print_failure_bar)
        self.peak_banner = named_label("peakBanner")
        self.peak_banner.setWordWrap(True)
        self.peak_banner.hide()
        left.addWidget(self.peak_banner)
        self.button_grid = ButtonGrid()
        self._loading = named_label("hint", self.tr("正在读取业务…"))
        self._loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        left.addWidget(self._loading)
        left.addWidget(self.button_grid, 1)
        columns.addLayout(left, 1)
        self.side_panel = self._build_side_panel()
        columns.addWidget(self.side_panel)
        body.addLayout(columns, 1)
        outer.addLayout(body, 1)
        self.setCentralWidget(central)

        self._printer_label = QLabel()
        self.choose_printer_button = QPushButton(self.tr("选择打印机…"))
        self.choose_printer_button.setObjectName("printerButton")
        self.choose_printer_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.choose_printer_button.clicked.connect(self.choose_printer)
        self.printer_settings_button = QPushButton(self.tr("打印机设置…"))
        self.printer_settings_button.setObjectName("printerButton")
        self.printer_settings_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.printer_settings_button.setToolTip(
            self.tr("系统打印机或热敏小票打印机（网络、USB），纸宽，测试打印")
        )
        self.printer_settings_button.clicked.connect(self.printer_settings)
        self.statusBar().addPermanentWidget(self._printer_label)
        self.statusBar().addPermanentWidget(self.choose_printer_button)
        self.statusBar().addPermanentWidget(self.printer_settings_button)

    def _build_header(self) -> QFrame:
        header = QFrame()
        header.setObjectName("header")
        layout = QHBoxLayout(header)
        layout.setContentsMargins(24, 10, 24, 10)
        layout.setSpacing(18)
        self._hall_name = named_label("hallName")
        subtitle = named_label("subtitle", self.tr("取号台"))
        guide = named_label("guide", self._staff_text())
        self._today = named_label("today")
        self._clock = named_label("clock")
        layout.addWidget(self._hall_name)
        layout.addWidget(subtitle)
        layout.addStretch(1)
        layout.addWidget(guide)
        layout.addSpacing(18)
        layout.addWidget(self._today)
        layout.addWidget(self._clock)
        return header

    def _staff_text(self) -> str:
        desk = self._desk
        if desk.role is Role.GUIDE:
            return self.tr("引导员 {name}").format(name=desk.name)
        if desk.role is Role.LEAD:
            return self.tr("值班长 {name}").format(name=desk.name)
        return self.tr("工号 {code} {name}").format(code=desk.code, name=desk.name)

    def _build_side_panel(self) -> QFrame:
        panel = QFrame()
        panel.setObjectName("sidePanel")
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(8)

        account_row = QHBoxLayout()
        account_row.setSpacing(8)
        account_row.addWidget(named_label("sectionTitle", self.tr("户号")))
        self.account_edit = QLineEdit()
        self.account_edit.setObjectName("accountEdit")
        self.account_edit.setPlaceholderText(self.tr("可选，直接按数字键"))
        self.account_edit.setClearButtonEnabled(False)
        self.account_edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        clear = QPushButton(self.tr("清空"))
        clear.setObjectName("clearButton")
        clear.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        clear.setToolTip(self.tr("清空户号和绿色通道（Esc）"))
        clear.clicked.connect(self.clear_form)
        account_row.addWidget(self.account_edit, 1)
        account_row.addWidget(clear)
        layout.addLayout(account_row)

        layout.addSpacing(4)
        layout.addWidget(named_label("sectionTitle", self.tr("绿色通道（可选）")))
        chips = QGridLayout()
        chips.setSpacing(8)
        self.priority_chips: dict[str, QPushButton] = {}
        for i, reason in enumerate((*PRIORITY_REASONS, OTHER_REASON)):
            chip = QPushButton(self.tr(reason))
            chip.setObjectName("chip")
            chip.setCheckable(True)
            chip.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            chip.clicked.connect(functools.partial(self._chip_clicked, reason))
            chips.addWidget(chip, i // 3, i % 3)
            self.priority_chips[reason] = chip
        layout.addLayout(chips)
        self.other_reason_edit = QLineEdit()
        self.other_reason_edit.setObjectName("otherReasonEdit")
        self.other_reason_edit.setPlaceholderText(self.tr("请填写绿色通道原因"))
        self.other_reason_edit.setMaxLength(100)
        self.other_reason_edit.hide()
        layout.addWidget(self.other_reason_edit)

        layout.addSpacing(4)
        self.result_card = ResultCard()
        layout.addWidget(self.result_card)

        layout.addSpacing(4)
        layout.addWidget(named_label("sectionTitle", self.tr("最近取号")))
        self.recent_view = QTableView()
        self.recent_view.setObjectName("recentView")
        self.recent_view.setModel(self.recent_model)
        self.recent_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.recent_view.verticalHeader().hide()
        self.recent_view.verticalHeader().setDefaultSectionSize(40)
        self.recent_view.setShowGrid(False)
        self.recent_view.setAlternatingRowColors(True)
        self.recent_view.setWordWrap(False)
        self.recent_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.recent_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.recent_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.recent_view.setMinimumHeight(40 * 2 + 30)
        header = self.recent_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(
            RecentTicketsModel.Columns.BUSINESS, QHeaderView.ResizeMode.Stretch
        )
        header.setSectionResizeMode(
            RecentTicketsModel.Columns.REPRINT, QHeaderView.ResizeMode.Fixed
        )
        self.recent_model.rowsInserted.connect(self._add_reprint_buttons)
        self._recent_empty = named_label("hint", self.tr("本班次还没有取号"))
        self._recent_empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._recent_stack = QStackedWidget()
        self._recent_stack.addWidget(self._recent_empty)
        self._recent_stack.addWidget(self.recent_view)
        layout.addWidget(self._recent_stack, 1)
        return panel

    def _apply_style(self, *, large: bool) -> None:
        if large == self._large:
            return
        self._large = large
        self.setStyleSheet(STYLE + (LARGE_STYLE if large else ""))
        self.side_panel.setFixedWidth(540 if large else 440)
        self.recent_view.verticalHeader().setDefaultSectionSize(46 if large else 40)
        self.recent_view.horizontalHeader().resizeSection(
            RecentTicketsModel.Columns.REPRINT, 84 if large else 70
        )
        self.result_card.keep_height()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        self._apply_style(large=event.size().width() >= LARGE_LAYOUT_WIDTH)
        super().resizeEvent(event)

    # -- the hall as it is -------------------------------------------------------------------

    def _on_read_failed(self, error: str) -> None:
        self.statusBar().showMessage(self.tr("读取队列失败，正在重试：{error}").format(error=error))

    def _on_hall_event(self, event: HallEvent) -> None:
        if isinstance(event, TicketFinished):
            self._request_averages()

    def _show(self, view: LiveView) -> None:
        self._view = view
        snapshot = view.snapshot
        self._hall_name.setText(view.hall_name)
        self.setWindowTitle(self.tr("{hall} · 取号台").format(hall=view.hall_name))
        codes = [b.code for b in snapshot.businesses]
        if codes != list(self.business_buttons):
            self._build_buttons(codes)
        if self._service_finished(snapshot) or self._averages_stale():
            self._request_averages()
        self._update_buttons()

    def _build_buttons(self, codes: list[str]) -> None:
        self.business_buttons = {}
        buttons = []
        for code in codes:
            button = BusinessButton(code)
            button.clicked.connect(functools.partial(self.issue, code))
            self.business_buttons[code] = button
            buttons.append(button)
        self.button_grid.set_buttons(buttons)
        self._loading.setVisible(not buttons)
        if not buttons:
            self._loading.setText(self.tr("还没有可取号的业务，请值班长先设置业务"))

    def _service_finished(self, snapshot: QueueSnapshot) -> bool:
        """Whether a ticket open at a window last time has left the queue since (served)."""
        still_here = {t.id for t in snapshot.open + snapshot.waiting + snapshot.parked}
        still_here |= {t.id for t in snapshot.no_shows}
        finished = bool(self._open_ids - still_here)
        self._open_ids = {t.id for t in snapshot.open}
        return finished

    def _averages_stale(self) -> bool:
        return not self._averages_age.isValid() or self._averages_age.hasExpired(
            AVERAGES_MAX_AGE_MS
        )

    def _request_averages(self) -> None:
        if self._averages_in_flight:
            self._averages_again = True
            return
        self._averages_in_flight = True
        self._session.run(
            self._hall.handling_averages,
            on_done=self._on_averages,
            on_error=self._on_averages_failed,
            context=self,
        )

    def _on_averages(self, averages: dict[str, float]) -> None:
        self._averages_in_flight = False
        self._averages = averages
        self._averages_age.start()
        self._update_buttons()
        if self._averages_again:
            self._averages_again = False
            self._request_averages()

    def _on_averages_failed(self, error: Exception) -> None:
        self._averages_in_flight = False
        logger.warning("could not read today's handling times: %s", error)

    def _local_now(self) -> datetime:
        return self._hall.clock().astimezone(self._zone)

    def _update_buttons(self) -> None:
        if self._view is None:
            return
        snapshot = self._view.snapshot
        now = self._local_now()
        peaks: list[tuple[BusinessType, int]] = []
        for business in snapshot.businesses:
            button = self.business_buttons.get(business.code)
            if button is None:
                continue
            waiting = len(snapshot.waiting_for(business.code))
            reason = closed_reason(
                business,
                now,
                issued=snapshot.issued_today.get(business.code, 0),
                day_ended=snapshot.day_ended,
            )
            if reason is not None:
                button.show_business(business.name, waiting, reason, state="closed", enabled=False)
                continue
            average = self._averages.get(business.code) or float(business.target_s)
            windows = len(snapshot.serving_windows(business.code))
            detail = wait_text(waiting, estimated_wait_s(waiting, average, windows))
            peak = waiting > business.alert_waiting
            if peak:
                peaks.append((business, waiting))
            button.show_business(
                business.name,
                waiting,
                detail,
                state="peak" if peak else "open",
                enabled=self._issuing is None,
            )
        self._show_peaks(peaks)

    def _show_peaks(self, peaks: list[tuple[BusinessType, int]]) -> None:
        lines = []
        if any(is_payment(b) for b, _ in peaks):
            lines.append(self.tr("缴费高峰：简单缴费可引导至自助缴费机或网上国网App"))
        others = [b.name for b, _ in peaks if not is_payment(b)]
        if others:
            lines.append(self.tr("{names}业务排队较多").format(names="、".join(others)))
        self.peak_banner.setText("\n".join(lines))
        self.peak_banner.setVisible(bool(lines))

    def _tick_clock(self) -> None:
        local = self._local_now()
        self._clock.setText(local.strftime("%H:%M"))
        day = QDate(local.year, local.month, local.day)
        self._today.setText(QLocale().toString(day, QLocale.FormatType.LongFormat))
        self._update_buttons()  # a business may have opened or closed
        if self._view is not None and local.date() != self._view.snapshot.day:
            self._session.refresh()  # a new business day

    # -- the form ----------------------------------------------------------------------------

    def _chip_clicked(self, reason: str) -> None:
        """At most one reason: choosing one drops the others; touching it again drops it."""
        for other, chip in self.priority_chips.items():
            if other != reason:
                chip.setChecked(False)
        other_chosen = reason == OTHER_REASON and self.priority_chips[reason].isChecked()
        self.other_reason_edit.setVisible(other_chosen)
        if other_chosen:
            self.other_reason_edit.setFocus()
        else:
            self.account_edit.setFocus()

    def priority_reason(self) -> str | None:
        """The 绿色通道 reason chosen ("" when 其他 was chosen without saying why)."""
        for reason, chip in self.priority_chips.items():
            if chip.isChecked():
                return self.other_reason_edit.text().strip() if reason == OTHER_REASON else reason
        return None

    def clear_form(self) -> None:
        """Empty the customer number and the priority choice (Esc)."""
        self.account_edit.clear()
        for chip in self.priority_chips.values():
            chip.setChecked(False)
        self.other_reason_edit.clear()
        self.other_reason_edit.hide()
        self.message_bar.hide()
        self.account_edit.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        """Digits typed anywhere on the desk go to the customer number."""
        text = event.text()
        if text and text.isdecimal() and not self.other_reason_edit.hasFocus():
            self.account_edit.setFocus()
            self.account_edit.insert(text)
            event.accept()
            return
        super().keyPressEvent(event)

    # -- issuing -----------------------------------------------------------------------------

    def issue(self, code: str) -> None:
        """Issue a ticket for business ``code`` with what the form says; print its slip."""
        if self._issuing is not None or self._closed:
            return  # one ticket at a time: a double touch issues one
        reason = self.priority_reason()
        if reason == "":
            self.message_bar.show_message(self.tr("请填写绿色通道原因，或取消“其他”"))
            self.other_reason_edit.setFocus()
            return
        account = self.account_edit.text().strip() or None
        self._issuing = code
        self.message_bar.hide()
        self._result_timer.stop()
        self.result_card.show_state("busy", self.tr("正在取号…"))
        self._update_buttons()
        self._session.run(
            functools.partial(
                self._desk.issue_ticket, code, account=account, priority_reason=reason
            ),
            on_done=self._on_issued,
            on_error=self._on_issue_refused,
            context=self,
        )

    def _on_issued(self, ticket: Ticket) -> None:
        """The ticket is issued: print its slip. The desk stays busy until the printer took it
        or refused it (``_on_slip_done``), so a slip is never counted as printed too early."""
        view = self._view
        names = {b.code: b.name for b in view.snapshot.businesses} if view else {}
        slip = SlipData.from_ticket(
            ticket,
            hall_name=view.hall_name if view else "",
            business_name=names.get(ticket.business, ticket.business),
            zone=self._zone,
        )
        self.clear_form()
        self._print(slip, reprint=False)

    def _print(self, slip: SlipData, *, reprint: bool) -> None:
        self._printing[(slip.day, slip.number)] = reprint
        if not (reprint and self._issuing):
            self.result_card.show_state(
                "busy",
                self.tr("正在打印…"),
                slip.number,
                self.tr("前方等待 %n 人", "", slip.waiting_ahead),
            )
        self._printer.submit(slip)  # a system printer reports before this returns

    def _on_slip_done(self, outcome: PrintOutcome) -> None:
        reprint = self._printing.pop(_slip_key(outcome), None)
        if reprint is None:
            return  # not a slip of this desk
        self.recent_model.record(outcome)
        self._recent_stack.setCurrentWidget(self.recent_view)
        # A reprint that ends while the next ticket is being issued leaves its card alone.
        self._show_outcome(outcome, reprint=reprint, card=not (reprint and self._issuing))
        if not reprint and self._issuing is not None:
            self._issuing = None
            self._update_buttons()
        self._close_if_asked()

    def _on_issue_refused(self, error: Exception) -> None:
        self._issuing = None
        if isinstance(error, HallError):
            message = error.message
        else:  # the worker has logged it in full
            message = self.tr("取号失败：暂时无法连接营业厅数据库，请稍后重试")
        self.message_bar.show_message(message)
        self._show_idle()
        self._update_buttons()
        self._close_if_asked()

    def _show_outcome(
        self, outcome: PrintOutcome, *, reprint: bool = False, card: bool = True
    ) -> None:
        """``card``: show it on the result card too (not while another ticket is issued)."""
        slip = outcome.slip
        ahead = self.tr("前方等待 %n 人", "", slip.waiting_ahead)
        if outcome.printed:
            detail = ahead + " · " + slip.business_name
            if slip.priority:
                detail += " · " + self.tr("绿色通道")
            title = self.tr("请取票（补打）") if reprint else self.tr("请取票")
            if card:
                self.result_card.show_state("issued", title, slip.number, detail)
            if self.print_failure_bar.is_about(outcome):
                self.print_failure_bar.hide()
            message = self.tr("{number} 已打印（{printer}）").format(
                number=slip.number, printer=outcome.printer or ""
            )
        else:
            if card:
                self.result_card.show_state(
                    "failed",
                    self.tr("已取号，但票没有打印出来"),
                    slip.number,
                    self.tr("{ahead}\n请点“重新打印”，或把号码告诉客户").format(ahead=ahead),
                )
            self.print_failure_bar.show_failure(outcome)
            message = self.tr("{number} 未打印：{reason}").format(
                number=slip.number, reason=outcome.reason or ""
            )
        self.statusBar().showMessage(message)
        self._show_printer()
        if card:
            self._result_timer.start()

    def _show_idle(self) -> None:
        self.result_card.show_state(
            "idle",
            self.tr("请点选客户要办理的业务"),
            detail=self.tr("取号后在这里显示号码"),
        )

    # -- printing ----------------------------------------------------------------------------

    def reprint(self, day: date, number: str) -> bool:
        """Print the slip of a ticket issued here again (the same slip); False when it is not
        listed or is being printed right now."""
        earlier = self.recent_model.find(day, number)
        if earlier is None or (day, number) in self._printing:
            return False
        self._result_timer.stop()
        self._print(earlier.slip, reprint=True)
        return True

    def _reprint_failed(self) -> None:
        bar = self.print_failure_bar
        if bar.day is not None and bar.number is not None:
            self.reprint(bar.day, bar.number)

    def _add_reprint_buttons(self, _parent: QModelIndex, first: int, last: int) -> None:
        for row in range(first, last + 1):
            slip = self.recent_model.outcomes[row].slip
            button = QPushButton(self.tr("补打"))
            button.setObjectName("reprintRow")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setToolTip(self.tr("再打印一张 {number} 号票").format(number=slip.number))
            button.clicked.connect(functools.partial(self.reprint, slip.day, slip.number))
            index = self.recent_model.index(row, RecentTicketsModel.Columns.REPRINT)
            self.recent_view.setIndexWidget(index, button)

    def choose_printer(self) -> None:
        """A system printer: the print dialog; an ESC/POS printer: the printer settings."""
        self._printer.choose_printer(self)

    def printer_settings(self) -> None:
        """System or ESC/POS printer, its connection and paper width, 测试打印."""
        self._printer.open_settings(self, hall_name=self._view.hall_name if self._view else "")

    def _show_printer(self, *_args: object) -> None:
        self._printer_label.setText(self._printer.describe())
        escpos = self._printer.printer_kind() is PrinterKind.ESCPOS
        self.choose_printer_button.setVisible(not escpos)
        self.print_failure_bar.choose_button.setText(
            self.tr("打印机设置…") if escpos else self.tr("选择打印机…")
        )

    # -- closing -----------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.account_edit.setFocus()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if self._issuing is not None or self._printing:
            # A ticket is being issued or a slip printed: close once the printer has answered.
            self._close_when_done = True
            event.ignore()
            return
        super().closeEvent(event)

    def _close_if_asked(self) -> None:
        if self._close_when_done and self._issuing is None and not self._printing:
            self._close_when_done = False
            self.close()

    def _extra_shut_down(self) -> None:
        self._session.bridge.hall_event.disconnect(self._on_hall_event)
