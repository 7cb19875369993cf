"""The shift lead's live hall at a glance: the alerts to act on, the load of each business, and
each window's card with how long its service has been running.

Everything here shows a ``HallOverview`` read by the lead console (on the session's worker); the
widgets and models never read the hall themselves. GUI thread only.
"""

from __future__ import annotations

import logging
from collections.abc import Hashable, Mapping, Sequence
from datetime import datetime
from enum import IntEnum
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QSizePolicy,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hall.overview import Alert, BusinessLoad, HallOverview, SurgeState, WindowState

from ui.counter import clock_text, timing_level
from ui.table_model import AnyIndex, RecordTableModel
from ui.widgets import ElidedLabel, named_label, set_style_property

logger = logging.getLogger(__name__)

CRITICAL_RED = QColor("#b42318")
CRITICAL_ROW = QColor("#fde8e6")
WARNING_AMBER = QColor("#a15c00")
WARNING_ROW = QColor("#fff4d6")
CLOSED_GREY = QColor("#6b7280")
SURGE_BLUE = QColor("#1d4f91")
SURGE_ROW = QColor("#e7effb")
WAIT_WARNING_SHARE = 0.8
"""A longest wait turns amber at this share of the hall's wait limit, red past it (as the core's
long-wait alerts do)."""

STYLE = """
#alertsPanel { background: #ffffff; border-left: 1px solid #d6dbe1; }
#alertsTitle { font-size: 20px; font-weight: bold; color: #1f2937; }
#alertsTitle[level="critical"] { color: #b42318; }
#alertsTitle[level="warning"] { color: #a15c00; }
#levelCount { font-size: 15px; font-weight: bold; border-radius: 4px; padding: 2px 8px; }
#levelCount[level="critical"] { color: #ffffff; background: #b42318; }
#levelCount[level="warning"] { color: #5c3400; background: #f7c948; }
#complaints { font-size: 15px; color: #4b5563; }
#complaints[level="critical"] { color: #b42318; font-weight: bold; }
#complaints[level="warning"] { color: #a15c00; }
#surgeBanner { background: #e7effb; border: 1px solid #9db8e0; border-radius: 6px; }
#surgeTitle { font-size: 16px; font-weight: bold; color: #1d4f91; }
#surgeNotice { font-size: 14px; color: #1f2937; }
#allClear { font-size: 20px; color: #0a7a3f; background: #f1f8f4; border: 1px solid #cfe6d8;
    border-radius: 6px; }
#alertsView { font-size: 15px; border: none; background: #ffffff; gridline-color: #ffffff; }
#windowCard[state="paused"] #windowTimer { color: #a15c00; }
#windowCard[timing="amber"] { border: 3px solid #d98a00; background: #fff4d6; }
#windowCard[timing="red"] { border: 3px solid #b42318; background: #fde8e6; }
#windowTimer { font-size: 22px; font-weight: bold; color: #0a7a3f; }
#windowCard[state="called"] #windowTimer { color: #1d63c9; }
#windowCard[timing="amber"] #windowTimer { color: #a15c00; }
#windowCard[timing="red"] #windowTimer, #windowCard[timing="red"] #windowMain { color: #b42318; }
#windowClerk { font-size: 15px; color: #4b5563; }
"""


# -- alerts --------------------------------------------------------------------------------------


def alert_key(alert: Alert) -> Hashable:
    """What makes an alert the same one from one reading to the next: its text changes as the
    minutes grow, but a warning turned critical is a new alert."""
    return (alert.kind, alert.level, alert.business, alert.window, alert.ticket, alert.application)


class AlertsModel(RecordTableModel[Alert]):
    """The hall's alerts, critical first, and within a level the newest first. Read-only.

    An alert is "new" when it first appeared in a reading; alerts seen before keep their place
    below it. RECORD_ROLE gives a row's Alert.
    """

    class Columns(IntEnum):
        LEVEL = 0
        TEXT = 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._first_seen: dict[Hashable, int] = {}
        self._readings = 0

    def header_texts(self) -> dict[Columns, str]:
        return {self.Columns.LEVEL: self.tr("级别"), self.Columns.TEXT: self.tr("提醒")}

    def set_alerts(self, alerts: Sequence[Alert]) -> None:
        self._readings += 1
        seen = {}
        for alert in alerts:
            key = alert_key(alert)
            seen[key] = self._first_seen.get(key, self._readings)
        self._first_seen = seen  # an alert that went away and comes back is new again
        ordered = sorted(
            enumerate(alerts),
            key=lambda pair: (
                pair[1].level != "critical",
                -seen[alert_key(pair[1])],
                pair[0],  # the core's own order
            ),
        )
        rows = []
        keys = set()
        for _, alert in ordered:
            if alert_key(alert) not in keys:  # the model needs unique keys
                keys.add(alert_key(alert))
                rows.append(alert)
        self.sync(rows, key=alert_key)

    def level_texts(self) -> tuple[str, str]:
        return self.tr("严重"), self.tr("注意")

    def count(self, level: str) -> int:
        return sum(1 for alert in self.records if alert.level == level)

    def display(self, alert: Alert, column: Columns) -> str:
        if column == self.Columns.LEVEL:
            critical, warning = self.level_texts()
            return critical if alert.level == "critical" else warning
        return alert.text

    def alignment(self, column: Columns) -> Qt.AlignmentFlag:
        if column == self.Columns.LEVEL:
            return Qt.AlignmentFlag.AlignCenter
        return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

    def foreground(self, alert: Alert, column: Columns) -> QColor | None:
        return CRITICAL_RED if alert.level == "critical" else WARNING_AMBER

    def background(self, alert: Alert, column: Columns) -> QColor | None:
        return CRITICAL_ROW if alert.level == "critical" else WARNING_ROW

    def bold(self, alert: Alert, column: Columns) -> bool:
        return column == self.Columns.LEVEL

    def tooltip(self, alert: Alert, column: Columns) -> str | None:
        return alert.text


class _RoomyRowsDelegate(QStyledItemDelegate):
    """Rows a little taller than their wrapped text, so that alerts read as separate lines."""

    ROOM = 10
    SIDE_PADDING = 16
    """The item's padding left and right in the screen's style sheet: the text wraps within the
    cell less this, so its height is measured at that width."""

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:  # noqa: N802
        narrowed = QStyleOptionViewItem(option)
        narrowed.rect.setWidth(max(1, option.rect.width() - self.SIDE_PADDING))
        size = super().sizeHint(narrowed, index)
        return QSize(size.width(), size.height() + self.ROOM)


class AlertsPanel(QFrame):
    """The lead's right-hand column: how many alerts ("提醒 3"), the complaints due today and
    overdue, the outage surge while it runs, and the alerts themselves, critical red and warnings
    amber; "一切正常" when there are none."""

    def __init__(self, zone: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertsPanel")
        self._zone = zone
        self.model = AlertsModel(self)

        self.title = named_label("alertsTitle", self.tr("提醒"))
        self.critical_count = named_label("levelCount")
        self.critical_count.setProperty("level", "critical")
        self.warning_count = named_label("levelCount")
        self.warning_count.setProperty("level", "warning")
        self.complaints = named_label("complaints")
        self.complaints.setWordWrap(True)

        self.surge_banner = QFrame()
        self.surge_banner.setObjectName("surgeBanner")
        self.surge_title = named_label("surgeTitle")
        self.surge_title.setWordWrap(True)
        self.surge_notice = named_label("surgeNotice")
        self.surge_notice.setWordWrap(True)
        banner = QVBoxLayout(self.surge_banner)
        banner.setContentsMargins(10, 8, 10, 8)
        banner.setSpacing(2)
        banner.addWidget(self.surge_title)
        banner.addWidget(self.surge_notice)
        self.surge_banner.hide()

        self.view = QTableView()
        self.view.setObjectName("alertsView")
        self.view.setModel(self.model)
        self.view.horizontalHeader().hide()
        self.view.verticalHeader().hide()
        self.view.setShowGrid(True)  # white lines part the rows of one colour
        self.view.setItemDelegate(_RoomyRowsDelegate(self.view))
        self.view.setWordWrap(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(AlertsModel.Columns.LEVEL, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(AlertsModel.Columns.TEXT, QHeaderView.ResizeMode.Stretch)
        # Wrapped texts: each row as tall as its text, again whenever the rows or widths change.
        header.sectionResized.connect(self._fit_rows)
        self.model.rowsInserted.connect(self._fit_rows)
        self.model.dataChanged.connect(self._fit_rows)

        self.all_clear = named_label("allClear", self.tr("一切正常"))
        self.all_clear.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.all_clear.setMinimumHeight(80)
        self._stack = QStackedWidget()
        self._stack.addWidget(self.view)
        clear_page = QWidget()
        clear_layout = QVBoxLayout(clear_page)
        clear_layout.setContentsMargins(0, 0, 0, 0)
        clear_layout.addWidget(self.all_clear)
        clear_layout.addStretch(1)
        self._stack.addWidget(clear_page)

        heading = QHBoxLayout()
        heading.setSpacing(8)
        heading.addWidget(self.title)
        heading.addStretch(1)
        heading.addWidget(self.critical_count)
        heading.addWidget(self.warning_count)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.setSpacing(10)
        layout.addLayout(heading)
        layout.addWidget(self.complaints)
        layout.addWidget(self.surge_banner)
        layout.addWidget(self._stack, 1)
        self.setMinimumWidth(300)
        self._show_counts()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        # The level in one line, in the list's font (known once the style sheet is applied).
        font = QFont(self.view.font())
        font.setBold(True)
        widest = max(QFontMetrics(font).horizontalAdvance(t) for t in self.model.level_texts())
        self.view.horizontalHeader().resizeSection(AlertsModel.Columns.LEVEL, widest + 30)

    def _fit_rows(self, *_: object) -> None:
        self.view.resizeRowsToContents()

    def show_overview(self, overview: HallOverview) -> None:
        self.model.set_alerts(overview.alerts)
        self._show_counts()
        self._fit_rows()  # now that the list is the page shown, its width is the one to fit
        self._show_complaints(overview.complaints_due, overview.complaints_overdue)
        self._show_surge(overview.surge)

    def _show_counts(self) -> None:
        critical, warning = self.model.count("critical"), self.model.count("warning")
        total = critical + warning
        # Counts are placeholders, not %n plurals: their English does not change with the number.
        self.title.setText(
            self.tr("提醒 {count}").format(count=total) if total else self.tr("提醒")
        )
        level = "critical" if critical else "warning" if warning else "none"
        set_style_property(self.title, "level", level)
        self.critical_count.setText(self.tr("严重 {count}").format(count=critical))
        self.critical_count.setVisible(critical > 0)
        self.warning_count.setText(self.tr("注意 {count}").format(count=warning))
        self.warning_count.setVisible(warning > 0)
        self._stack.setCurrentIndex(0 if total else 1)

    def _show_complaints(self, due: int, overdue: int) -> None:
        self.complaints.setText(
            self.tr("投诉：今日到期 {due} 件 · 已超期 {overdue} 件").format(
                due=due, overdue=overdue
            )
        )
        level = "critical" if overdue else "warning" if due else "none"
        set_style_property(self.complaints, "level", level)

    def _show_surge(self, surge: SurgeState | None) -> None:
        if surge is None:
            self.surge_banner.hide()
            return
        since = surge.started_at.astimezone(self._zone).strftime("%H:%M")
        self.surge_title.setText(
            self.tr("停电咨询进行中：{code} {name} · {time} 起").format(
                code=surge.code, name=surge.name, time=since
            )
        )
        self.surge_notice.setText(surge.notice)
        self.surge_banner.show()

    def alert_texts(self) -> list[tuple[str, str]]:
        """(level, text) of each alert shown, top to bottom."""
        return [(alert.level, alert.text) for alert in self.model.records]


# -- businesses ----------------------------------------------------------------------------------


def wait_level(longest_wait_s: float | None, wait_limit_s: int) -> str:
    """The longest wait's colour: normal, amber near the hall's limit, red past it."""
    if longest_wait_s is None or wait_limit_s <= 0:
        return "normal"
    if longest_wait_s > wait_limit_s:
        return "red"
    if longest_wait_s > WAIT_WARNING_SHARE * wait_limit_s:
        return "amber"
    return "normal"


class BusinessLoadModel(RecordTableModel[BusinessLoad]):
    """Each business type's load: waiting, the longest wait, the windows serving it, and whether
    it takes new tickets; the outage-surge business marked. Read-only, in the hall's menu order.

    Closed business types are listed too (greyed): the lead sees what is closed and reopens it
    with 业务开关. RECORD_ROLE gives a row's BusinessLoad.
    """

    class Columns(IntEnum):
        CODE = 0
        NAME = 1
        WAITING = 2
        LONGEST = 3
        WINDOWS = 4
        STATE = 5

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._wait_limit_s = 0

    def header_texts(self) -> dict[Columns, str]:
        C = self.Columns
        return {
            C.CODE: self.tr("号段"),
            C.NAME: self.tr("业务"),
            C.WAITING: self.tr("等候"),
            C.LONGEST: self.tr("最长等候"),
            C.WINDOWS: self.tr("窗口"),
            C.STATE: self.tr("取号"),
        }

    def set_overview(self, overview: HallOverview) -> None:
        if overview.wait_limit_s != self._wait_limit_s:
            self._wait_limit_s = overview.wait_limit_s
            self._emit_column_changed(self.Columns.LONGEST)
        self.sync(overview.businesses, key=lambda b: b.code)

    def widest_texts(self, column: Columns) -> list[str]:
        """The widest texts ``column`` may show, its title among them: what its width must fit
        (a fixed width, so that the table does not shift as counts change)."""
        C = self.Columns
        sample = BusinessLoad("W", "", True, 999, 999 * 60.0, 99, 0, False)
        texts = [self._headers[column], self.display(sample, column)]
        if column == C.STATE:
            for active in (True, False):
                for temporary in (True, False):
                    load = BusinessLoad("W", "", active, 0, None, 0, 0, temporary)
                    texts.append(self.display(load, column))
        return texts

    def display(self, load: BusinessLoad, column: Columns) -> str:
        C = self.Columns
        match column:
            case C.CODE:
                return load.code
            case C.NAME:
                return load.name
            case C.WAITING:
                return self.tr("{count} 人").format(count=load.waiting)
            case C.LONGEST:
                if load.longest_wait_s is None:
                    return "—"
                return self.tr("{minutes} 分钟").format(minutes=int(load.longest_wait_s // 60))
            case C.WINDOWS:
                return str(load.windows_serving)
            case C.STATE:
                # Under the title 取号: open, paused, or the outage surge's temporary business.
                if not load.active:
                    return self.tr("暂停")
                return self.tr("临时") if load.temporary else self.tr("开放")
        return ""

    def alignment(self, column: Columns) -> Qt.AlignmentFlag:
        C = self.Columns
        if column == C.NAME:
            return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        if column in (C.WAITING, C.LONGEST):
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return Qt.AlignmentFlag.AlignCenter

    def foreground(self, load: BusinessLoad, column: Columns) -> QColor | None:
        C = self.Columns
        if column == C.WAITING and load.waiting >= load.alert_waiting:
            return CRITICAL_RED
        if column == C.LONGEST:
            level = wait_level(load.longest_wait_s, self._wait_limit_s)
            return {"red": CRITICAL_RED, "amber": WARNING_AMBER}.get(level)
        if column == C.WINDOWS and load.waiting and not load.windows_serving:
            return CRITICAL_RED
        if column == C.STATE and load.temporary:
            return SURGE_BLUE
        if not load.active or (column == C.WAITING and not load.waiting):
            return CLOSED_GREY
        return None

    def background(self, load: BusinessLoad, column: Columns) -> QColor | None:
        return SURGE_ROW if load.temporary else None

    def bold(self, load: BusinessLoad, column: Columns) -> bool:
        C = self.Columns
        if column == C.LONGEST:
            return wait_level(load.longest_wait_s, self._wait_limit_s) == "red"
        if column == C.WAITING:
            return load.waiting > 0
        return load.temporary and column in (C.CODE, C.STATE)

    def tooltip(self, load: BusinessLoad, column: Columns) -> str | None:
        if not load.active:
            return self.tr("已暂停取号，已取号的客户照常办理")
        if load.temporary:
            return self.tr("停电咨询的临时业务")
        return None


# -- windows -------------------------------------------------------------------------------------


class WindowStateCard(QFrame):
    """One window as the lead sees it: who works it, the ticket it serves and for how long
    (amber from 80 % of the business's target, red past it), or paused with why and since when,
    idle, or unstaffed. ``tick`` moves the running time on between readings."""

    def __init__(self, zone: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("windowCard")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._zone = zone
        self._state: WindowState | None = None
        self.name = ElidedLabel("windowName")
        self.clerk = ElidedLabel("windowClerk")
        self.clerk.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.main = ElidedLabel("windowMain")
        self.timer = named_label("windowTimer")
        self.timer.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.detail = ElidedLabel("windowDetail")

        top = QHBoxLayout()
        top.setSpacing(6)
        top.addWidget(self.name, 1)
        top.addWidget(self.clerk, 1)
        middle = QHBoxLayout()
        middle.setSpacing(6)
        middle.addWidget(self.main, 1)
        middle.addWidget(self.timer)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 8)
        layout.setSpacing(0)
        layout.addLayout(top)
        layout.addLayout(middle)
        layout.addWidget(self.detail)

    @property
    def state(self) -> WindowState | None:
        return self._state

    def show_state(
        self, state: WindowState, business_names: Mapping[str, str], now: datetime
    ) -> None:
        self._state = state
        self.name.setText(state.name)
        self.clerk.setText(state.clerk_name or state.clerk or "")
        business = business_names.get(state.business or "", state.business or "")
        match state.state:
            case "serving" | "called":
                main = state.ticket or ""
                # Serving is the usual state: the business alone; a call not yet answered says so.
                detail = business
                if state.state == "called":
                    detail = self.tr("已呼叫 · {business}").format(business=business)
                if state.paused_reason:
                    detail = self.tr("{detail} · 办完暂停：{reason}").format(
                        detail=detail, reason=state.paused_reason
                    )
            case "paused":
                main = self.tr("暂停")  # short: the time paused stands beside it
                detail = state.paused_reason or ""
                if state.since is not None:
                    since = state.since.astimezone(self._zone).strftime("%H:%M")
                    detail = self.tr("{reason} · {time} 起").format(reason=detail, time=since)
            case "idle":
                main = self.tr("空闲")
                detail = self.tr("等待呼叫下一位")
            case _:
                main = self.tr("未开放")
                detail = self.tr("无人签到")
        self.main.setText(main)
        self.detail.setText(detail)
        set_style_property(self, "state", state.state, self.main, self.timer)
        self.tick(now)

    def tick(self, now: datetime) -> None:
        """Show the running time as of ``now`` (the hall's clock)."""
        state = self._state
        if (
            state is None
            or state.since is None
            or state.state not in ("serving", "called", "paused")
        ):
            self.timer.setText("")
            self._restyle_timing("normal")
            return
        elapsed = max(0.0, (now - state.since).total_seconds())
        self.timer.setText(clock_text(int(elapsed)))
        level = "normal"
        if state.state != "paused" and state.target_s:
            level = timing_level(elapsed, state.target_s)
        self._restyle_timing(level)
        if state.target_s and state.state != "paused":
            self.timer.setToolTip(
                self.tr("时限 {minutes} 分钟").format(minutes=state.target_s // 60)
            )
        else:
            self.timer.setToolTip("")

    def timing(self) -> str:
        return str(self.property("timing") or "normal")

    def _restyle_timing(self, level: str) -> None:
        set_style_property(self, "timing", level, self.main, self.timer)

    def texts(self) -> tuple[str, str, str, str, str]:
        """(name, clerk, main, timer, detail) as shown."""
        return (
            self.name.full_text(),
            self.clerk.full_text(),
            self.main.full_text(),
            self.timer.text(),
            self.detail.full_text(),
        )
