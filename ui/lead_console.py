"""The shift lead's console: the live hall at a glance, and the lead's own actions.

The console is the live queue (LiveQueueWindow) with the lead's overview beside it: the alerts in
a right-hand column, each business's load beside the waiting list, and window cards that show how
long each service has been running. The overview (``Desk.hall_overview``) is read on the session's
worker after every new reading of the hall and every OVERVIEW_INTERVAL_MS, since waits grow and
alerts appear with time alone; at most one read is in flight.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, QRegularExpression, Qt, Signal
from PySide6.QtGui import QAction, QFont, QFontMetrics, QRegularExpressionValidator, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hall.desk import Desk
from hall.errors import HallError
from hall.overview import BusinessLoad, HallOverview, WindowState
from hall.records import QueueSnapshot, Ticket, TicketStatus

from ui.applications_view import ApplicationsDialog
from ui.assessment_view import AssessmentView
from ui.calendar_dialog import CalendarDialog
from ui.counter import DIALOG_STYLE
from ui.daily_sheet_view import DailySheetView
from ui.hall_overview import STYLE as OVERVIEW_STYLE
from ui.hall_overview import AlertsPanel, BusinessLoadModel, WindowStateCard
from ui.import_dialog import ImportDialog
from ui.live_queue import STYLE as LIVE_QUEUE_STYLE
from ui.live_queue import LiveQueueWindow
from ui.queue_model import QueueModel
from ui.session import HallSession, LiveView
from ui.staff_dialog import StaffDialog
from ui.table_model import RECORD_ROLE
from ui.widgets import ReasonChoice, named_label

logger = logging.getLogger(__name__)

R = TypeVar("R")

OVERVIEW_INTERVAL_MS = 15_000
"""The overview is read again this often even when nothing changed: waits grow by themselves."""
CARD_TICK_MS = 1000
"""The window cards' running times move on this often, between readings, without a read."""
QUEUE_NARROW = {
    QueueModel.Columns.ACCOUNT: 760,
    QueueModel.Columns.ISSUED_AT: 620,
}
"""Waiting-list columns the console leaves out while the list is narrower than this (pixels):
the lead watches waits, and 已等候 says what 取号时间 does."""
ALERTS_SHARE = 0.25
ALERTS_WIDTH = (330, 460)
"""The alerts column: this share of the console's width, within these bounds (pixels)."""
BUSINESS_WIDTH = (380, 620)
"""The business loads beside the waiting list: about half the room, within these bounds."""

# What the outage surge puts on the hall display by default: data shown to customers (and read
# aloud) in the hall's language, so it is not translated with the screen.
SURGE_CODE = "T"
SURGE_NAME = "停电咨询"
SURGE_NOTICE = "因线路检修，城东片区今日停电，停电咨询请领取{code}字头号"
# Why a ticket jumps the queue; the Chinese source is what is recorded, whatever the screen shows.
JUMP_REASONS = (
    QT_TRANSLATE_NOOP("JumpDialog", "老年人"),
    QT_TRANSLATE_NOOP("JumpDialog", "残障人士"),
    QT_TRANSLATE_NOOP("JumpDialog", "孕妇"),
    QT_TRANSLATE_NOOP("JumpDialog", "紧急投诉"),
    QT_TRANSLATE_NOOP("JumpDialog", "重要客户"),
)

LEAD_STYLE = """
QToolBar { font-size: 16px; spacing: 6px; padding: 4px; }
QToolBar::separator { width: 1px; background: #d6dbe1; margin: 4px 6px; }
QSplitter::handle { background: #f3f5f7; }
#leadTables QTableView { font-size: 16px; }
#leadTables QHeaderView::section { font-size: 15px; padding: 5px 8px; }
#windowMain { font-size: 26px; }
"""

DIALOG_EXTRA_STYLE = """
QCheckBox { font-size: 18px; padding: 3px 2px; }
QCheckBox::indicator { width: 22px; height: 22px; }
QPlainTextEdit { font-size: 18px; }
#hint { font-size: 15px; color: #4b5563; }
#error { font-size: 15px; color: #b42318; }
#businessCode { font-size: 18px; font-weight: bold; color: #111827; }
#businessWaiting { font-size: 16px; color: #4b5563; }
#temporaryBadge { font-size: 14px; font-weight: bold; color: #1d4f91; background: #e7effb;
    border-radius: 4px; padding: 1px 6px; }
QScrollArea, #switchRows { background: #ffffff; }
#summaryLine { font-size: 18px; color: #111827; }
#summaryDetail { font-size: 16px; color: #374151; }
"""


# -- the lead's dialogs --------------------------------------------------------------------------


class BusinessSwitchDialog(QDialog):
    """业务开关: every business type with a toggle, open for new tickets or not. Closing one
    leaves the tickets already taken to be served."""

    def __init__(self, businesses: Sequence[BusinessLoad], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("业务开关"))
        self.setMinimumSize(560, 520)
        self.setStyleSheet(DIALOG_STYLE + DIALOG_EXTRA_STYLE)
        self._was_open = {b.code: b.active for b in businesses}
        self.toggles: dict[str, QCheckBox] = {}

        title = named_label("title", self.tr("哪些业务可以取号？"))
        hint = named_label("hint", self.tr("暂停取号后，已取号的客户照常办理。"))
        rows = QWidget()
        rows.setObjectName("switchRows")
        grid = QGridLayout(rows)
        grid.setContentsMargins(0, 0, 8, 0)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(6)
        for row, business in enumerate(businesses):
            code = named_label("businessCode", business.code)
            toggle = QCheckBox(business.name)
            toggle.setChecked(business.active)
            self.toggles[business.code] = toggle
            waiting = named_label(
                "businessWaiting", self.tr("等候 {count} 人").format(count=business.waiting)
            )
            grid.addWidget(code, row, 0)
            grid.addWidget(toggle, row, 1)
            if business.temporary:
                grid.addWidget(named_label("temporaryBadge", self.tr("停电咨询")), row, 2)
            grid.addWidget(waiting, row, 3, Qt.AlignmentFlag.AlignRight)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(len(businesses), 1)
        scroll = QScrollArea()
        scroll.setWidget(rows)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("确定"))
        ok.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)

    @classmethod
    def ask(
        cls, businesses: Sequence[BusinessLoad], parent: QWidget | None = None
    ) -> dict[str, bool] | None:
        """The business types switched (code → open now), or None when cancelled."""
        dialog = cls(businesses, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.changes()

    def changes(self) -> dict[str, bool]:
        """code → open, for the business types whose toggle differs from how they were."""
        return {
            code: toggle.isChecked()
            for code, toggle in self.toggles.items()
            if toggle.isChecked() != self._was_open[code]
        }


@dataclass(frozen=True, slots=True)
class SurgeRequest:
    """What the lead asks of ``Desk.start_outage_surge``."""

    notice: str
    code: str
    name: str
    windows: tuple[int, ...] | None
    """The windows chosen, or None for every active window."""


class OutageSurgeDialog(QDialog):
    """停电咨询: opens a temporary business with its own prefix at the chosen windows and puts
    the notice on the hall display, which reads it aloud."""

    def __init__(
        self,
        windows: Sequence[WindowState],
        business_names: Mapping[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("停电咨询"))
        self.setMinimumWidth(620)
        self.setStyleSheet(DIALOG_STYLE + DIALOG_EXTRA_STYLE)
        self._taken = dict(business_names)

        title = named_label("title", self.tr("开启停电咨询"))
        hint = named_label(
            "hint",
            self.tr(
                "停电咨询作为临时业务，用自己的字头取号，在选中的窗口办理；"
                "公告显示在大厅显示屏上并播报。"
            ),
        )
        hint.setWordWrap(True)
        self.code = QLineEdit(SURGE_CODE)
        self.code.setMaxLength(1)
        self.code.setFixedWidth(60)
        self.code.setValidator(QRegularExpressionValidator(QRegularExpression("[A-Za-z]"), self))
        self.name = QLineEdit(SURGE_NAME)
        self.name.setMaxLength(20)
        self.notice = QPlainTextEdit(SURGE_NOTICE.format(code=SURGE_CODE))
        self.notice.setFixedHeight(96)
        self._notice_is_default = True
        self.window_boxes: dict[int, QCheckBox] = {}
        boxes = QGridLayout()
        boxes.setHorizontalSpacing(18)
        for i, window in enumerate(windows):
            who = window.clerk_name or self.tr("无人签到")
            box = QCheckBox(self.tr("{window}（{who}）").format(window=window.name, who=who))
            box.setChecked(True)
            self.window_boxes[window.number] = box
            boxes.addWidget(box, i // 2, i % 2)
        self.error = named_label("error")
        self.error.setWordWrap(True)

        form = QFormLayout()
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(10)
        code_row = QHBoxLayout()
        code_row.addWidget(self.code)
        code_row.addWidget(named_label("hint", self.tr("号码字头，如 T001")))
        code_row.addStretch(1)
        form.addRow(self.tr("字头"), code_row)
        form.addRow(self.tr("业务名称"), self.name)
        form.addRow(self.tr("显示屏公告"), self.notice)
        form.addRow(self.tr("办理窗口"), boxes)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("开启"))
        ok.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self.code.textEdited.connect(self._code_edited)
        self.notice.textChanged.connect(self._notice_edited)
        self.name.textChanged.connect(self._sync)
        for box in self.window_boxes.values():
            box.toggled.connect(self._sync)
        self._sync()

    @classmethod
    def ask(
        cls,
        windows: Sequence[WindowState],
        business_names: Mapping[str, str],
        parent: QWidget | None = None,
    ) -> SurgeRequest | None:
        """What to start, or None when cancelled."""
        dialog = cls(windows, business_names, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.request()

    def request(self) -> SurgeRequest | None:
        """The surge as filled in, or None while something required is missing."""
        code = self.code.text().strip().upper()
        name = " ".join(self.name.text().split())
        notice = " ".join(self.notice.toPlainText().split())
        chosen = tuple(n for n, box in self.window_boxes.items() if box.isChecked())
        if not (code and name and notice and chosen) or self._clash(code, name):
            return None
        every = len(chosen) == len(self.window_boxes)
        return SurgeRequest(notice=notice, code=code, name=name, windows=None if every else chosen)

    def _clash(self, code: str, name: str) -> str | None:
        taken = self._taken.get(code)
        return taken if taken is not None and taken != name else None

    def _code_edited(self, text: str) -> None:
        code = text.upper()
        if code != text:
            self.code.setText(code)
        if self._notice_is_default and code:
            self.notice.blockSignals(True)
            self.notice.setPlainText(SURGE_NOTICE.format(code=code))
            self.notice.blockSignals(False)
        self._sync()

    def _notice_edited(self) -> None:
        self._notice_is_default = False
        self._sync()

    def _sync(self, *_: object) -> None:
        code = self.code.text().strip().upper()
        name = " ".join(self.name.text().split())
        clash = self._clash(code, name)
        if clash is not None:
            self.error.setText(
                self.tr("字头 {code} 已用于“{name}”，请换一个字母").format(code=code, name=clash)
            )
        elif not any(box.isChecked() for box in self.window_boxes.values()):
            self.error.setText(self.tr("请至少选择一个窗口"))
        else:
            self.error.setText("")
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.request() is not None)


class JumpDialog(QDialog):
    """插队: why this waiting ticket is served next (a reason is required and recorded)."""

    def __init__(self, number: str, business: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("插队"))
        self.setMinimumWidth(480)
        self.setStyleSheet(DIALOG_STYLE + DIALOG_EXTRA_STYLE)
        title = named_label(
            "title",
            self.tr("让 {number}（{business}）排到最前").format(number=number, business=business),
        )
        title.setWordWrap(True)
        hint = named_label("hint", self.tr("下一个空闲窗口将先呼叫这张票，原因记录在案。"))
        hint.setWordWrap(True)
        self.choice = ReasonChoice([(reason, self.tr(reason)) for reason in JUMP_REASONS], self)
        self.other_text = self.choice.other_text
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(self.choice)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("插队"))
        ok.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addSpacing(8)
        layout.addWidget(self.buttons)
        self.choice.changed.connect(self._sync)
        self._sync()

    @classmethod
    def ask(cls, number: str, business: str, parent: QWidget | None = None) -> str | None:
        """The reason given, or None when cancelled."""
        dialog = cls(number, business, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.reason()

    def reason(self) -> str | None:
        """The reason chosen (no default: the lead must say why), or None."""
        return self.choice.reason()

    def _sync(self, *_: object) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.reason() is not None)


@dataclass(frozen=True, slots=True)
class EndDaySummary:
    """What ending the day would close, as the hall stands now."""

    waiting: tuple[tuple[str, str, int], ...]
    """(code, name, tickets waiting) of each business with any, in menu order."""
    parked: int
    no_shows: int
    open: int
    """Tickets called or being served: not closed, their windows finish them."""

    @classmethod
    def of(cls, snapshot: QueueSnapshot | None) -> EndDaySummary:
        if snapshot is None:
            return cls((), 0, 0, 0)
        counts: dict[str, int] = {}
        for ticket in snapshot.waiting:
            counts[ticket.business] = counts.get(ticket.business, 0) + 1
        waiting = tuple(
            (b.code, b.name, counts[b.code]) for b in snapshot.businesses if b.code in counts
        )
        known = {b.code for b in snapshot.businesses}
        waiting += tuple((code, code, n) for code, n in counts.items() if code not in known)
        return cls(waiting, len(snapshot.parked), len(snapshot.no_shows), len(snapshot.open))

    @property
    def waiting_total(self) -> int:
        return sum(n for _, _, n in self.waiting)

    @property
    def to_close(self) -> int:
        return self.waiting_total + self.parked + self.no_shows


class EndDayDialog(QDialog):
    """结束今日营业: says exactly what will be closed before the lead confirms."""

    def __init__(self, summary: EndDaySummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("结束今日营业"))
        self.setMinimumWidth(560)
        self.setStyleSheet(DIALOG_STYLE + DIALOG_EXTRA_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.setSpacing(8)
        layout.addWidget(named_label("title", self.tr("结束今日营业？")))
        layout.addWidget(named_label("hint", self.tr("结束后不能再取号。")))
        self.lines: list[str] = []
        """What the dialog says, one line each (with its detail after a colon)."""
        self._shown: list[tuple[str, str]] = []
        if summary.to_close:
            self._line(self.tr("以下 {count} 张未办理的票将关闭：").format(count=summary.to_close))
            if summary.waiting:
                self._line(
                    self.tr("等候 {count} 张").format(count=summary.waiting_total),
                    detail="，".join(
                        self.tr("{code} {name} {count} 张").format(code=c, name=n, count=k)
                        for c, n, k in summary.waiting
                    ),
                )
            if summary.parked:
                self._line(self.tr("挂起 {count} 张").format(count=summary.parked))
            if summary.no_shows:
                self._line(self.tr("过号 {count} 张").format(count=summary.no_shows))
        else:
            self._line(self.tr("目前没有未办理的票。"))
        if summary.open:
            self._line(
                self.tr("正在呼叫或办理的 {count} 张不受影响，窗口照常办完。").format(
                    count=summary.open
                )
            )
        for text, detail in self._shown:
            label = named_label("summaryLine", text)
            label.setWordWrap(True)
            layout.addWidget(label)
            if detail:
                sub = named_label("summaryDetail", detail)
                sub.setWordWrap(True)
                sub.setContentsMargins(24, 0, 0, 4)
                layout.addWidget(sub)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("结束今日营业"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("取消"))
        cancel.setDefault(True)  # a slip of the Enter key must not end the day
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addSpacing(8)
        layout.addWidget(self.buttons)

    def _line(self, text: str, *, detail: str = "") -> None:
        self._shown.append((text, detail))
        self.lines.append(text + ("：" + detail if detail else ""))

    @classmethod
    def ask(cls, summary: EndDaySummary, parent: QWidget | None = None) -> bool:
        """Whether the lead confirmed."""
        return cls(summary, parent).exec() == QDialog.DialogCode.Accepted


# -- the console ---------------------------------------------------------------------------------


class LeadConsoleWindow(LiveQueueWindow):
    """The live hall for the shift lead: alerts, business loads, window cards with running
    times, the waiting list; and the lead's actions (staff, reports, 业务开关, 停电咨询, 插队,
    the display's notice, ending the day). GUI thread only.

    ``overview_changed`` (a HallOverview) is emitted after each overview is shown.
    """

    overview_changed = Signal(object)

    _ready = False  # set once the console is built: readings before that only fill the queue

    def __init__(self, session: HallSession, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._desk = desk
        self.overview: HallOverview | None = None
        self._overview_in_flight = False
        self._overview_again = False
        self._lead_busy = False
        self.setStyleSheet(LIVE_QUEUE_STYLE + OVERVIEW_STYLE + LEAD_STYLE)
        self._build_toolbar()
        self.queue_view.selectionModel().selectionChanged.connect(self._sync_actions)
        self.queue_model.modelReset.connect(self._sync_actions)
        self.queue_model.rowsRemoved.connect(self._sync_actions)
        self.queue_model.dataChanged.connect(self._sync_actions)
        self._timer(OVERVIEW_INTERVAL_MS, self.refresh_overview).start()
        self._timer(CARD_TICK_MS, self._tick_cards).start()
        self._sized = False
        self._ready = True
        self._sync_actions()
        self.refresh_overview()

    # -- layout ------------------------------------------------------------------------------

    def _screen_name(self) -> str:
        return self.tr("值班长控制台")

    def _window_title(self, hall_name: str) -> str:
        return self.tr("{hall} · 值班长控制台").format(hall=hall_name)

    def _build_body(self) -> QWidget:
        """The windows and the lists on the left, the alerts in a column on the right."""
        self.business_model = BusinessLoadModel(self)
        self.alerts_panel = AlertsPanel(self._hall.zone)
        left = QWidget()
        left.setObjectName("leadTables")
        column = QVBoxLayout(left)
        column.setContentsMargins(20, 14, 14, 12)
        column.setSpacing(10)
        column.addWidget(self._build_cards())
        self.lists_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.lists_splitter.setChildrenCollapsible(False)
        self.lists_splitter.setHandleWidth(14)
        self.lists_splitter.addWidget(self._build_queue_list())
        self.lists_splitter.addWidget(self._build_business_list())
        self.lists_splitter.setStretchFactor(0, 3)
        self.lists_splitter.setStretchFactor(1, 2)
        self.queue_view.installEventFilter(self)
        column.addWidget(self.lists_splitter, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(1)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.alerts_panel)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        return self.splitter

    def _build_business_list(self) -> QWidget:
        widget = QWidget()
        column = QVBoxLayout(widget)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        column.addWidget(self._section_title(self.tr("各业务")))
        self.business_view = QTableView()
        self.business_view.setModel(self.business_model)
        self._style_table(self.business_view, row_height=34)
        self.business_view.setSelectionMode(QTableView.SelectionMode.NoSelection)
        self.business_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.business_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(BusinessLoadModel.Columns.NAME, QHeaderView.ResizeMode.Stretch)
        column.addWidget(self.business_view, 1)
        widget.setMinimumWidth(340)
        return widget

    def _make_card(self) -> QWidget:
        return WindowStateCard(self._hall.zone)

    def _size_business_columns(self) -> None:
        """Fixed widths that fit the widest count, wait and state (in the view's font, known
        once the style sheet is applied): the table does not shift as the numbers change."""
        font = QFont(self.business_view.font())
        font.setBold(True)
        metrics = QFontMetrics(font)
        header = self.business_view.horizontalHeader()
        for column in BusinessLoadModel.Columns:
            if column == BusinessLoadModel.Columns.NAME:
                continue
            texts = self.business_model.widest_texts(column)
            header.resizeSection(column, max(metrics.horizontalAdvance(t) for t in texts) + 30)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self._size_business_columns()
        if not self._sized:  # once: later the lead's own dragging of the splitters stands
            self._sized = True
            width = self.width()
            low, high = ALERTS_WIDTH
            alerts = max(low, min(high, int(width * ALERTS_SHARE)))
            self.splitter.setSizes([width - alerts, alerts])
            lists = width - alerts - 34
            business = max(BUSINESS_WIDTH[0], min(BUSINESS_WIDTH[1], int(lists * 0.48)))
            self.lists_splitter.setSizes([lists - business, business])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.queue_view and event.type() == QEvent.Type.Resize:
            width = self.queue_view.width()
            for column, needs in QUEUE_NARROW.items():
                self.queue_view.setColumnHidden(column, width < needs)
        return super().eventFilter(watched, event)

    def _build_toolbar(self) -> None:
        toolbar = self.addToolBar(self.tr("值班长"))
        toolbar.setObjectName("leadToolbar")
        toolbar.setMovable(False)
        self.staff_action = QAction(self.tr("员工管理"), self)
        self.notice_action = QAction(self.tr("大厅公告…"), self)
        self.end_day_action = QAction(self.tr("结束今日营业…"), self)
        self.applications_action = QAction(self.tr("受理单督办"), self)
        self.import_action = QAction(self.tr("导入客户档案…"), self)
        self.calendar_action = QAction(self.tr("节假日…"), self)
        self.sheet_action = QAction(self.tr("营业日报"), self)
        self.assessment_action = QAction(self.tr("员工考核"), self)
        self.business_switch_action = QAction(self.tr("业务开关…"), self)
        self.surge_action = QAction(self.tr("停电咨询…"), self)
        self.jump_action = QAction(self.tr("插队…"), self)
        self.jump_action.setToolTip(self.tr("先在等候队列中选中一张等候的票"))
        self.sheet_action.triggered.connect(self.show_daily_sheet)
        self.assessment_action.triggered.connect(self.show_assessment)
        self.staff_action.triggered.connect(self.manage_staff)
        self.notice_action.triggered.connect(self.edit_notice)
        self.end_day_action.triggered.connect(self.end_day)
        self.applications_action.triggered.connect(self.show_applications)
        self.import_action.triggered.connect(self.import_accounts)
        self.calendar_action.triggered.connect(self.edit_calendar)
        self.business_switch_action.triggered.connect(self.switch_businesses)
        self.surge_action.triggered.connect(self.toggle_outage_surge)
        self.jump_action.triggered.connect(self.jump_selected)
        groups = (
            (self.business_switch_action, self.surge_action, self.jump_action),
            (self.notice_action, self.applications_action, self.end_day_action),
            (self.sheet_action, self.assessment_action),
            (self.staff_action, self.import_action, self.calendar_action),
        )
        for i, group in enumerate(groups):
            if i:
                toolbar.addSeparator()
            for action in group:
                toolbar.addAction(action)

    # -- the overview ------------------------------------------------------------------------

    def _show(self, view: LiveView) -> None:
        super()._show(view)
        if self._ready:
            self._sync_actions()
            self.refresh_overview()

    def _show_windows(self, snapshot: QueueSnapshot, names: dict[str, str]) -> None:
        """The lead's cards show the overview's windows (with running times), not the reading's."""

    def refresh_overview(self) -> None:
        """Read the overview again on the worker (folded into the read in flight, if any)."""
        if self._closed:
            return
        if self._overview_in_flight:
            self._overview_again = True
            return
        self._overview_in_flight = True
        self._overview_again = False
        self._session.run(
            self._desk.hall_overview,
            on_done=self._overview_read,
            on_error=self._overview_failed,
            context=self,
        )

    def _overview_read(self, overview: HallOverview) -> None:
        self._overview_in_flight = False
        if self._closed:
            return
        self._show_overview(overview)
        if self._overview_again:
            self.refresh_overview()

    def _overview_failed(self, error: Exception) -> None:
        self._overview_in_flight = False
        text = error.message if isinstance(error, HallError) else str(error).splitlines()[0]
        logger.warning("reading the hall overview failed: %s", text)
        self._updated.setText(self.tr("读取大厅实况失败，正在重试：{error}").format(error=text))
        if self._overview_again:
            self.refresh_overview()

    def _show_overview(self, overview: HallOverview) -> None:
        self.overview = overview
        names = {b.code: b.name for b in overview.businesses}
        self._lay_out_cards([w.number for w in overview.windows])
        now = self._hall.clock()
        for state in overview.windows:
            card = self._cards[state.number]
            assert isinstance(card, WindowStateCard)
            card.show_state(state, names, now)
        self.business_model.set_overview(overview)
        self.alerts_panel.show_overview(overview)
        self._sync_actions()
        self.overview_changed.emit(overview)

    def _tick_cards(self) -> None:
        now = self._hall.clock()
        for card in self._cards.values():
            if isinstance(card, WindowStateCard):
                card.tick(now)

    def window_card(self, number: int) -> WindowStateCard | None:
        card = self._cards.get(number)
        return card if isinstance(card, WindowStateCard) else None

    # -- actions -----------------------------------------------------------------------------

    def _sync_actions(self, *_: object) -> None:
        if not self._ready:
            return
        idle = not self._lead_busy
        known = self.overview is not None
        self.business_switch_action.setEnabled(idle and known)
        surging = self.overview is not None and self.overview.surge is not None
        self.surge_action.setText(self.tr("结束停电咨询") if surging else self.tr("停电咨询…"))
        self.surge_action.setEnabled(idle and known)
        self.jump_action.setEnabled(idle and self.selected_waiting_ticket() is not None)
        latest = self._session.latest
        ended = latest is not None and latest.snapshot.day_ended
        self.end_day_action.setEnabled(idle and not ended)
        self.end_day_action.setToolTip(self.tr("今日营业已结束") if ended else "")

    def selected_waiting_ticket(self) -> Ticket | None:
        """The ticket selected in the waiting list, if it is waiting (only those can jump)."""
        rows = self.queue_view.selectionModel().selectedRows()
        if not rows:
            return None
        ticket = rows[0].data(RECORD_ROLE)
        if isinstance(ticket, Ticket) and ticket.status == TicketStatus.WAITING:
            return ticket
        return None

    def _run_lead(
        self,
        call: Callable[[], R],
        on_done: Callable[[R], Any] | None = None,
    ) -> None:
        """Run one lead action on the worker; the lead's actions wait until it has answered,
        then the hall and the overview are read again."""
        self._lead_busy = True
        self._sync_actions()

        def finished() -> None:
            self._lead_busy = False
            self._session.refresh()
            self.refresh_overview()
            self._sync_actions()

        def done(result: R) -> None:
            finished()
            if on_done is not None:
                on_done(result)

        def failed(error: Exception) -> None:
            finished()
            self._refused(error)

        self._session.run(call, on_done=done, on_error=failed, context=self)

    def switch_businesses(self) -> None:
        """业务开关: open or close business types for new tickets."""
        if self.overview is None or self._lead_busy:
            return
        changes = BusinessSwitchDialog.ask(self.overview.businesses, parent=self)
        if not changes:
            return
        desk = self._desk
        names = {b.code: b.name for b in self.overview.businesses}

        def apply() -> None:
            for code, is_open in changes.items():
                desk.set_business_open(code, is_open)

        def applied(_: None) -> None:
            opened, closed = self.tr("{code} {name} 开放取号"), self.tr("{code} {name} 暂停取号")
            parts = [
                (opened if is_open else closed).format(code=code, name=names.get(code, code))
                for code, is_open in changes.items()
            ]
            self.statusBar().showMessage("；".join(parts))

        self._run_lead(apply, applied)

    def toggle_outage_surge(self) -> None:
        """停电咨询: start it, or end the one running."""
        if self.overview is None or self._lead_busy:
            return
        if self.overview.surge is not None:
            self.end_outage_surge()
        else:
            self.start_outage_surge()

    def start_outage_surge(self) -> None:
        assert self.overview is not None
        names = {b.code: b.name for b in self.overview.businesses}
        request = OutageSurgeDialog.ask(self.overview.windows, names, parent=self)
        if request is None:
            return
        desk = self._desk

        def start() -> object:
            return desk.start_outage_surge(
                notice=request.notice, code=request.code, name=request.name, windows=request.windows
            )

        def started(_: object) -> None:
            self.statusBar().showMessage(
                self.tr("停电咨询已开启：{code} {name}，显示屏公告已更新").format(
                    code=request.code, name=request.name
                )
            )

        self._run_lead(start, started)

    def end_outage_surge(self) -> None:
        assert self.overview is not None and self.overview.surge is not None
        surge = self.overview.surge
        answer = QMessageBox.question(
            self,
            self.tr("结束停电咨询"),
            self.tr(
                "结束后不再发 {code} 字头的号，已取号的客户照常办理，显示屏公告将清除。"
                "确定结束停电咨询吗？"
            ).format(code=surge.code),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return

        def ended(_: None) -> None:
            self.statusBar().showMessage(self.tr("停电咨询已结束"))

        self._run_lead(self._desk.end_outage_surge, ended)

    def jump_selected(self) -> None:
        """插队: the selected waiting ticket is called next, for the reason the lead gives."""
        ticket = self.selected_waiting_ticket()
        if ticket is None or self._lead_busy:
            return
        business = self.queue_model.business_name(ticket)
        reason = JumpDialog.ask(ticket.number, business, parent=self)
        if reason is None:
            return
        desk, number = self._desk, ticket.number

        def jumped(_: object) -> None:
            self.statusBar().showMessage(
                self.tr("{number} 已排到最前（{reason}）").format(number=number, reason=reason)
            )

        self._run_lead(lambda: desk.jump(number, reason), jumped)

    def end_day(self) -> None:
        """结束今日营业, after the lead has seen what it closes."""
        if self._lead_busy:
            return
        latest = self._session.latest
        summary = EndDaySummary.of(latest.snapshot if latest is not None else None)
        if not EndDayDialog.ask(summary, parent=self):
            return

        def ended(count: int) -> None:
            self.statusBar().showMessage(
                self.tr("今日营业已结束，关闭了 {count} 张未办理的票").format(count=count)
            )

        self._run_lead(self._desk.end_day, ended)

    # -- the lead's other windows ------------------------------------------------------------

    def manage_staff(self) -> None:
        StaffDialog(self._session, self._desk, self).exec()

    def show_daily_sheet(self) -> None:
        self._open_report(self.tr("营业日报"), DailySheetView(self._session, self._desk))

    def show_assessment(self) -> None:
        self._open_report(self.tr("员工考核"), AssessmentView(self._session, self._desk))

    def _open_report(self, title: str, view: QWidget) -> None:
        """A report in a window of its own beside the live hall (not modal: the lead keeps
        watching the hall)."""
        window = QDialog(self)
        window.setWindowTitle(title)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(window)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(view)
        screen = self.screen().availableGeometry()
        window.resize(min(1400, screen.width() - 40), min(860, screen.height() - 40))
        window.show()

    def show_applications(self) -> None:
        """Every clerk's applications, starting with those overdue, urged or escalated."""
        ApplicationsDialog(self._session, self._desk, urgent_only=True, parent=self).exec()

    def import_accounts(self) -> None:
        report = ImportDialog.ask(self._session, self._desk, parent=self)
        if report is not None:
            self.statusBar().showMessage(
                self.tr("客户档案已导入：新增 {added} 户，更新 {updated} 户").format(
                    added=report.added, updated=report.updated
                )
            )

    def edit_calendar(self) -> None:
        CalendarDialog(self._session, self._desk, parent=self).exec()

    def edit_notice(self) -> None:
        current = self._session.latest.snapshot.notice if self._session.latest else ""
        text, ok = QInputDialog.getText(
            self,
            self.tr("大厅公告"),
            self.tr("显示屏滚动公告（留空则不显示）："),
            QLineEdit.EchoMode.Normal,
            current,
        )
        if ok:
            desk = self._desk
            self._session.run(lambda: desk.set_notice(text), on_error=self._refused, context=self)

    def _refused(self, error: Exception) -> None:
        text = error.message if isinstance(error, HallError) else str(error)
        QMessageBox.warning(self, self.tr("未能完成"), text)
