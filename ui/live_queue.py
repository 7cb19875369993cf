"""The live queue: who waits for what, and what each window is doing, always current.

It shows the readings of the process's HallSession, which keeps them fresh.
"""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hall.records import QueueSnapshot, Ticket, TicketStatus, Window

from ui.queue_model import QueueModel, WaitingCountsModel, status_text
from ui.session import HallSession, LiveView
from ui.widgets import ElidedLabel, named_label, set_style_property
from ui.workstation import WorkstationWindow

logger = logging.getLogger(__name__)

CLOCK_INTERVAL_MS = 10_000
WINDOW_COLUMNS = 6

STYLE = """
QMainWindow, #central { background: #f3f5f7; }
#header { background: #00665f; }
#header QLabel { color: #ffffff; }
#hallName { font-size: 28px; font-weight: bold; }
#subtitle { font-size: 18px; color: #d3ece9; }
#summary { font-size: 20px; }
#today { font-size: 16px; color: #d3ece9; }
#clock { font-size: 28px; font-weight: bold; }
#sectionTitle { font-size: 18px; font-weight: bold; color: #1f2937; }
QTableView {
    font-size: 18px; background: #ffffff; border: 1px solid #d6dbe1;
    alternate-background-color: #f6f8fa; selection-background-color: #d5ebe8;
    selection-color: #111827;
}
QTableView::item { padding: 0px 8px; }
QHeaderView::section {
    font-size: 16px; font-weight: bold; color: #374151; padding: 6px 10px;
    background: #eceff3; border: none; border-bottom: 1px solid #d6dbe1;
}
#emptyQueue { font-size: 22px; color: #6b7280; background: #ffffff; border: 1px solid #d6dbe1; }
#windowCard { background: #ffffff; border: 1px solid #d6dbe1; border-radius: 8px; }
#windowCard[state="called"] { border: 2px solid #1d63c9; }
#windowCard[state="serving"] { border: 2px solid #0a7a3f; }
#windowCard[state="paused"] { border: 2px solid #c77700; background: #fff8eb; }
#windowCard[state="closed"] { background: #eef0f3; }
#windowName { font-size: 16px; color: #4b5563; }
#windowMain { font-size: 30px; font-weight: bold; color: #111827; }
#windowCard[state="called"] #windowMain { color: #1d63c9; }
#windowCard[state="serving"] #windowMain { color: #0a7a3f; }
#windowCard[state="paused"] #windowMain { color: #a15c00; }
#windowCard[state="idle"] #windowMain, #windowCard[state="closed"] #windowMain { color: #6b7280; }
#windowDetail { font-size: 16px; color: #4b5563; }
QStatusBar { font-size: 14px; color: #4b5563; }
#updated { font-size: 14px; color: #4b5563; padding-right: 8px; }
"""


class WindowCard(QFrame):
    """One service window: the number it serves, or paused with why, or idle."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("windowCard")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._name = ElidedLabel("windowName")
        self._main = ElidedLabel("windowMain")
        self._detail = ElidedLabel("windowDetail")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 10)
        layout.setSpacing(2)
        layout.addWidget(self._name)
        layout.addWidget(self._main)
        layout.addWidget(self._detail)

    def show_window(self, window: Window, ticket: Ticket | None, business_name: str) -> None:
        if ticket is not None:
            state = "serving" if ticket.status == TicketStatus.SERVING else "called"
            main = ticket.number
            detail = self.tr("{status} · {business}").format(
                status=status_text(ticket.status), business=business_name
            )
        elif window.paused:
            state = "paused"
            main = self.tr("暂停服务")
            detail = window.paused_reason or ""
        elif window.clerk is not None:
            state = "idle"
            main = self.tr("空闲")
            detail = self.tr("工号 {code}").format(code=window.clerk)
        else:
            state = "closed"
            main = self.tr("未开放")
            detail = self.tr("无人签到")
        self._name.setText(window.name)
        self._main.setText(main)
        self._detail.setText(detail)
        set_style_property(self, "state", state, self._main)


class LiveQueueWindow(WorkstationWindow):
    """The hall's live queue for the shift lead and the lobby: read-only, always current.

    GUI thread only. Every database read runs on ``worker``; ``bridge`` (created if not given)
    brings this process's changes, and the ChangeWatcher poll brings other processes' changes,
    within about ``poll_interval_ms``.
    """

    def __init__(self, session: HallSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        hall = self._hall
        self._shown_day: date | None = None
        self._cards: dict[int, QWidget] = {}

        self.setObjectName("liveQueue")
        self.setWindowTitle(self.tr("排队实况"))
        self.setMinimumSize(1024, 640)
        self.setStyleSheet(STYLE)

        self.queue_model = QueueModel(hall.zone, hall.clock(), self)
        self.counts_model = WaitingCountsModel(self)
        self._build()

        self._timer(CLOCK_INTERVAL_MS, self._tick_clock).start()
        self._tick_clock()
        self._watch_session()

    # -- layout ------------------------------------------------------------------------------

    def _build(self) -> None:
        central = QWidget()
        central.setObjectName("central")
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self._build_header())
        outer.addWidget(self._build_body(), 1)
        self.setCentralWidget(central)
        # "Updated at" sits apart from the status bar's messages, so a refresh never wipes one.
        self._updated = named_label("updated", self.tr("正在读取队列…"))
        self.statusBar().addPermanentWidget(self._updated)

    def _build_body(self) -> QWidget:
        """Everything under the header: the window cards, then the queue beside the counts."""
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(20, 14, 20, 12)
        layout.setSpacing(10)
        layout.addWidget(self._build_cards())
        lists = QHBoxLayout()
        lists.setSpacing(20)
        lists.addWidget(self._build_queue_list(), 5)
        lists.addWidget(self._build_counts_list(), 2)
        layout.addLayout(lists, 1)
        return body

    def _build_cards(self) -> QWidget:
        section = QWidget()
        layout = QVBoxLayout(section)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self._section_title(self.tr("窗口")))
        self._cards_grid = QGridLayout()
        self._cards_grid.setHorizontalSpacing(12)
        self._cards_grid.setVerticalSpacing(12)
        layout.addLayout(self._cards_grid)
        return section

    def _build_header(self) -> QFrame:
        header = QFrame()
        header.setObjectName("header")
        layout = QHBoxLayout(header)
        layout.setContentsMargins(24, 12, 24, 12)
        layout.setSpacing(18)
        self._hall_name = named_label("hallName")
        subtitle = named_label("subtitle", self._screen_name())
        self._summary = named_label("summary")
        self._today = named_label("today")
        self._clock = named_label("clock")
        layout.addWidget(self._hall_name)
        layout.addWidget(subtitle)
        layout.addStretch(1)
        layout.addWidget(self._summary)
        layout.addSpacing(24)
        layout.addWidget(self._today)
        layout.addWidget(self._clock)
        return header

    def _screen_name(self) -> str:
        """What this screen is, beside the hall's name in the header."""
        return self.tr("排队实况")

    def _window_title(self, hall_name: str) -> str:
        return self.tr("{hall} · 排队实况").format(hall=hall_name)

    def _section_title(self, text: str) -> QLabel:
        return named_label("sectionTitle", text)

    def _build_queue_list(self) -> QWidget:
        widget = QWidget()
        column = QVBoxLayout(widget)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        self._queue_title = self._section_title(self.tr("等候队列"))
        column.addWidget(self._queue_title)
        self.queue_view = QTableView()
        self.queue_view.setModel(self.queue_model)
        self._style_table(self.queue_view, row_height=38)
        header = self.queue_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The priority reason is the only free text: it takes the room left, elided if long.
        header.setSectionResizeMode(QueueModel.Columns.PRIORITY, QHeaderView.ResizeMode.Stretch)
        self._empty = named_label("emptyQueue", self.tr("目前无人等候"))
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._queue_stack = QStackedWidget()
        self._queue_stack.addWidget(self.queue_view)
        self._queue_stack.addWidget(self._empty)
        column.addWidget(self._queue_stack, 1)
        return widget

    def _build_counts_list(self) -> QWidget:
        widget = QWidget()
        column = QVBoxLayout(widget)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        column.addWidget(self._section_title(self.tr("各业务等候人数")))
        self.counts_view = QTableView()
        self.counts_view.setModel(self.counts_model)
        self._style_table(self.counts_view, row_height=36)
        self.counts_view.horizontalHeader().hide()
        header = self.counts_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(WaitingCountsModel.Columns.NAME, QHeaderView.ResizeMode.Stretch)
        column.addWidget(self.counts_view, 1)
        return widget

    @staticmethod
    def _style_table(view: QTableView, *, row_height: int) -> None:
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(row_height)
        view.setShowGrid(False)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

    # -- refreshing --------------------------------------------------------------------------

    def _on_read_failed(self, error: str) -> None:
        self._updated.setText(self.tr("读取队列失败，正在重试：{error}").format(error=error))

    # -- showing -----------------------------------------------------------------------------

    def _show(self, view: LiveView) -> None:
        snapshot = view.snapshot
        self._shown_day = snapshot.day
        names = {b.code: b.name for b in snapshot.businesses}
        self.setWindowTitle(self._window_title(view.hall_name))
        self._hall_name.setText(view.hall_name)

        in_line = snapshot.waiting + snapshot.parked + snapshot.no_shows
        self.queue_model.set_now(view.read_at)
        self.queue_model.set_tickets(in_line, names)
        self.counts_model.set_snapshot(snapshot)
        self._queue_stack.setCurrentWidget(self.queue_view if in_line else self._empty)
        waiting = len(snapshot.waiting)
        # Counts are placeholders, not %n plurals: their English does not change with the number,
        # and the lead's console (a subclass) would miss a plural looked up by self.tr.
        self._summary.setText(self.tr("等候 {count} 人").format(count=waiting))
        title = self.tr("等候队列（{count} 人）").format(count=waiting)
        extra = []
        if parked := len(snapshot.parked):
            extra.append(self.tr("挂起 {count}").format(count=parked))
        if no_shows := len(snapshot.no_shows):
            extra.append(self.tr("过号 {count}").format(count=no_shows))
        self._queue_title.setText(title + ("  " + " · ".join(extra) if extra else ""))
        self._show_windows(snapshot, names)
        local = view.read_at.astimezone(self._hall.zone)
        self._updated.setText(self.tr("更新于 {time}").format(time=local.strftime("%H:%M:%S")))

    def _show_windows(self, snapshot: QueueSnapshot, names: dict[str, str]) -> None:
        windows = [w for w in snapshot.windows if w.active]
        self._lay_out_cards([w.number for w in windows])
        open_at = {t.window: t for t in snapshot.open if t.window is not None}
        for window in windows:
            ticket = open_at.get(window.number)
            business = names.get(ticket.business, ticket.business) if ticket else ""
            card = self._cards[window.number]
            assert isinstance(card, WindowCard)
            card.show_window(window, ticket, business)

    def _make_card(self) -> QWidget:
        """A new, empty card for one window (a subclass may show more on its own cards)."""
        return WindowCard()

    def _lay_out_cards(self, numbers: list[int]) -> None:
        """One card per window number, in this order, WINDOW_COLUMNS to a row."""
        if numbers == list(self._cards):
            return
        for card in self._cards.values():
            self._cards_grid.removeWidget(card)
            card.deleteLater()
        self._cards = {}
        for i, number in enumerate(numbers):
            card = self._make_card()
            self._cards_grid.addWidget(card, i // WINDOW_COLUMNS, i % WINDOW_COLUMNS)
            self._cards[number] = card

    def _tick_clock(self) -> None:
        now = self._hall.clock()
        local = now.astimezone(self._hall.zone)
        self._clock.setText(local.strftime("%H:%M"))
        day = QDate(local.year, local.month, local.day)
        self._today.setText(QLocale().toString(day, QLocale.FormatType.LongFormat))
        self.queue_model.set_now(now)
        if self._shown_day is not None and local.date() != self._shown_day:
            self._session.refresh()  # a new business day: yesterday's line is not today's
