"""The shift lead's calendar of the hall: public holidays (节假日) and the weekend days the State
Council's notice makes working days (调休上班). Due dates of applications count working days by
it; changing it does not move due dates already given.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QColor, QTextCharFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCalendarWidget,
    QDateEdit,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from hall.desk import Desk
from hall.errors import HallError

from ui.application_form import hall_today, pydate, qdate
from ui.session import HallSession
from ui.widgets import named_label, set_style_property

logger = logging.getLogger(__name__)

MAX_RANGE_DAYS = 31
"""At most this many days are set in one go (the longest holiday is a little over a week)."""
HOLIDAY_TEXT = QColor("#b42318")
HOLIDAY_BACKGROUND = QColor("#fde8e6")
WORKDAY_TEXT = QColor("#1d4ed8")
WORKDAY_BACKGROUND = QColor("#dbeafe")
WEEKEND_TEXT = QColor("#6b7280")

STYLE = """
QDialog { font-size: 18px; background: #ffffff; }
#title { font-size: 24px; font-weight: bold; color: #111827; }
#note { font-size: 16px; color: #4b5563; }
#sectionTitle { font-size: 18px; font-weight: bold; color: #1f2937; }
#chosenDay { font-size: 20px; font-weight: bold; color: #111827; }
#legendHoliday { font-size: 16px; color: #b42318; background: #fde8e6; padding: 2px 8px; }
#legendWorkday { font-size: 16px; color: #1d4ed8; background: #dbeafe; padding: 2px 8px; }
QCalendarWidget QAbstractItemView { font-size: 18px; selection-background-color: #00665f;
    selection-color: #ffffff; }
#qt_calendar_navigationbar { background: #00665f; }
QCalendarWidget QToolButton { font-size: 19px; font-weight: bold; color: #ffffff;
    background: transparent; min-height: 34px; padding: 0 10px; }
QCalendarWidget QToolButton:hover { background: #00524c; border-radius: 4px; }
QCalendarWidget QMenu { font-size: 17px; }
QCalendarWidget QSpinBox { font-size: 18px; }
QRadioButton { font-size: 19px; padding: 3px 4px; }
QRadioButton::indicator { width: 20px; height: 20px; }
QLineEdit, QDateEdit { font-size: 19px; padding: 3px 6px; min-height: 32px; }
QListWidget { font-size: 18px; border: 1px solid #c5ccd4; }
QListWidget::item { padding: 6px 6px; }
QListWidget::item:selected { background: #cfe3f7; color: #111827; }
#dialogMessage { font-size: 16px; padding: 6px 10px; border-radius: 4px; }
#dialogMessage[kind="error"] { background: #fde8e6; color: #8a1c12; border: 1px solid #f0b4ad; }
#dialogMessage[kind="info"] { background: #e6f2f1; color: #0b4f49; border: 1px solid #b9dcd8; }
QPushButton { font-size: 18px; min-height: 40px; padding: 0 18px; }
QPushButton:default { background: #00665f; color: #ffffff; border: none; border-radius: 4px; }
QPushButton:default:disabled { background: #9ca3af; }
"""


def days_between(first: date, last: date) -> list[date]:
    """Every day from ``first`` to ``last``, both included (in either order)."""
    if last < first:
        first, last = last, first
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


class CalendarDialog(QDialog):
    """Edits the hall's holidays and 调休 workdays for ``desk`` (a shift lead). GUI thread only:
    every read and change runs on ``session``'s worker, one at a time."""

    def __init__(
        self,
        session: HallSession,
        desk: Desk,
        *,
        year: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._desk = desk
        today = hall_today(session.hall)
        self._year = year or today.year
        self._days: dict[date, Any] = {}  # the shown year's entries (CalendarDay) by date
        self._marked: list[date] = []
        self._busy = False
        self._loaded_once = False
        self.setWindowTitle(self.tr("节假日与调休"))
        self.setStyleSheet(STYLE)
        self.setMinimumSize(980, 640)
        self._build()
        start = today if today.year == self._year else date(self._year, 1, 1)
        self.calendar.setSelectedDate(qdate(start))
        self.calendar.setCurrentPage(start.year, start.month)
        self._day_chosen()
        self.reload()

    # -- building ----------------------------------------------------------------------------

    def _build(self) -> None:
        title = named_label("title", self.tr("节假日与调休"))
        note = named_label(
            "note",
            self.tr(
                "按国务院办公厅当年的放假通知填写。受理单的办理时限按工作日计算：周末和节假日不计，"
                "调休上班的周末计入。改动只影响以后的受理单。"
            ),
        )
        note.setWordWrap(True)

        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setHorizontalHeaderFormat(
            QCalendarWidget.HorizontalHeaderFormat.ShortDayNames
        )
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setLocale(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        self.calendar.setMinimumSize(520, 360)
        weekend = QTextCharFormat()
        weekend.setForeground(WEEKEND_TEXT)
        for day in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
            self.calendar.setWeekdayTextFormat(day, weekend)
        self.calendar.selectionChanged.connect(self._day_chosen)
        self.calendar.currentPageChanged.connect(self._page_changed)
        legend = QHBoxLayout()
        legend.addWidget(named_label("legendHoliday", self.tr("节假日")))
        legend.addWidget(named_label("legendWorkday", self.tr("调休上班")))
        legend.addStretch(1)

        self.chosen_day = named_label("chosenDay")
        self._kinds = QButtonGroup(self)
        self.kind_radios = {
            "holiday": QRadioButton(self.tr("节假日（放假）")),
            "workday": QRadioButton(self.tr("调休上班（周末）")),
        }
        for radio in self.kind_radios.values():
            self._kinds.addButton(radio)
        self.kind_radios["holiday"].setChecked(True)
        self._kinds.buttonToggled.connect(self._sync)
        self.name = QLineEdit()
        self.name.setMaxLength(50)
        self.name.setPlaceholderText(self.tr("如 国庆节"))
        self.until = QDateEdit()
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("yyyy-MM-dd")
        self.until.dateChanged.connect(self._sync)
        self.set_button = QPushButton(self.tr("设置"))
        self.set_button.setDefault(True)
        self.set_button.clicked.connect(self.set_days)
        self.clear_button = QPushButton(self.tr("恢复为普通日"))
        self.clear_button.setAutoDefault(False)
        self.clear_button.clicked.connect(self.clear_day)

        editor = QGridLayout()
        editor.setHorizontalSpacing(10)
        editor.setVerticalSpacing(6)
        editor.addWidget(self.chosen_day, 0, 0, 1, 4)
        kinds = QHBoxLayout()
        kinds.setSpacing(24)
        kinds.addWidget(self.kind_radios["holiday"])
        kinds.addWidget(self.kind_radios["workday"])
        kinds.addStretch(1)
        editor.addLayout(kinds, 1, 0, 1, 4)
        editor.addWidget(named_label("sectionTitle", self.tr("名称")), 2, 0)
        editor.addWidget(self.name, 2, 1)
        editor.addWidget(named_label("sectionTitle", self.tr("至")), 2, 2)
        editor.addWidget(self.until, 2, 3)
        buttons = QHBoxLayout()
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        buttons.addWidget(self.set_button)
        editor.addLayout(buttons, 3, 0, 1, 4)
        editor.setColumnStretch(1, 1)

        left = QVBoxLayout()
        left.addWidget(self.calendar, 1)
        left.addLayout(legend)
        left.addLayout(editor)

        self.year_title = named_label("sectionTitle")
        self.days_list = QListWidget()
        self.days_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.days_list.itemSelectionChanged.connect(self._list_chosen)
        right = QVBoxLayout()
        right.addWidget(self.year_title)
        right.addWidget(self.days_list, 1)

        body = QHBoxLayout()
        body.setSpacing(18)
        body.addLayout(left, 3)
        body.addLayout(right, 2)

        self.message_bar = named_label("dialogMessage")
        self.message_bar.setWordWrap(True)
        self.message_bar.hide()
        close = QPushButton(self.tr("关闭"))
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message_bar, 1)
        bottom.addStretch(0)
        bottom.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(note)
        layout.addLayout(body, 1)
        layout.addLayout(bottom)

    # -- what other code and tests may look at -----------------------------------------------

    @property
    def year(self) -> int:
        return self._year

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def loaded(self) -> bool:
        return self._loaded_once and not self._busy

    def entries(self) -> tuple[Any, ...]:
        """The shown year's holidays and 调休 workdays (CalendarDay), by date."""
        return tuple(self._days[d] for d in sorted(self._days))

    def selected_day(self) -> date:
        return pydate(self.calendar.selectedDate())

    def choose(self, day: date) -> None:
        """Select ``day`` in the calendar (turning to its page)."""
        self.calendar.setSelectedDate(qdate(day))
        self.calendar.setCurrentPage(day.year, day.month)

    def message(self) -> str:
        return self.message_bar.text() if self.message_bar.isVisible() else ""

    # -- reading -----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the shown year's entries (on the worker)."""
        if self._busy:  # a change is in flight: it reads the year again when done
            return
        year = self._year
        self._run(
            functools.partial(self._desk.calendar, year),
            functools.partial(self._read, year),
            change=False,
        )

    def _read(self, year: int, days: Sequence[Any]) -> None:
        if year != self._year:  # turned to another year meanwhile
            self.reload()
            return
        self._loaded_once = True
        self._days = {entry.day: entry for entry in days}
        self._mark_calendar()
        self._fill_list()
        self._day_chosen()

    def _page_changed(self, year: int, _month: int) -> None:
        if year != self._year:
            self._year = year
            self._days = {}
            self._mark_calendar()
            self._fill_list()
            self.reload()

    def _mark_calendar(self) -> None:
        plain = QTextCharFormat()
        for day in self._marked:
            self.calendar.setDateTextFormat(qdate(day), plain)
        self._marked = []
        for day, entry in self._days.items():
            style = QTextCharFormat()
            style.setFontWeight(700)
            if entry.kind == "holiday":
                style.setForeground(HOLIDAY_TEXT)
                style.setBackground(HOLIDAY_BACKGROUND)
            else:
                style.setForeground(WORKDAY_TEXT)
                style.setBackground(WORKDAY_BACKGROUND)
            style.setToolTip(self._entry_text(entry))
            self.calendar.setDateTextFormat(qdate(day), style)
            self._marked.append(day)

    def _fill_list(self) -> None:
        self.year_title.setText(
            self.tr("{year} 年：节假日 {holidays} 天，调休上班 {workdays} 天").format(
                year=self._year,
                holidays=sum(1 for e in self._days.values() if e.kind == "holiday"),
                workdays=sum(1 for e in self._days.values() if e.kind == "workday"),
            )
        )
        self.days_list.blockSignals(True)
        self.days_list.clear()
        for entry in self.entries():
            item = QListWidgetItem(self._entry_text(entry))
            item.setData(Qt.ItemDataRole.UserRole, entry.day)
            item.setForeground(HOLIDAY_TEXT if entry.kind == "holiday" else WORKDAY_TEXT)
            self.days_list.addItem(item)
        if not self._days:
            empty = QListWidgetItem(self.tr("本年尚未设置节假日"))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.days_list.addItem(empty)
        self.days_list.blockSignals(False)

    def _entry_text(self, entry: Any) -> str:
        kind = self.tr("节假日") if entry.kind == "holiday" else self.tr("调休上班")
        text = self.tr("{day} {weekday}  {kind}").format(
            day=entry.day.isoformat(), weekday=self._weekday(entry.day), kind=kind
        )
        return f"{text}  {entry.name}" if entry.name else text

    def _weekday(self, day: date) -> str:
        return QLocale(QLocale.Language.Chinese, QLocale.Country.China).dayName(
            day.isoweekday(), QLocale.FormatType.ShortFormat
        )

    # -- choosing a day ----------------------------------------------------------------------

    def _list_chosen(self) -> None:
        items = self.days_list.selectedItems()
        day = items[0].data(Qt.ItemDataRole.UserRole) if items else None
        if isinstance(day, date):
            self.choose(day)

    def _day_chosen(self) -> None:
        day = self.selected_day()
        entry = self._days.get(day)
        if entry is not None:
            state = self.tr("现为{kind}").format(
                kind=self.tr("节假日") if entry.kind == "holiday" else self.tr("调休上班")
            )
            self.kind_radios[entry.kind].setChecked(True)
            self.name.setText(entry.name)
        elif day.weekday() >= 5:
            state = self.tr("周末")
            self.kind_radios["workday"].setChecked(True)
        else:
            state = self.tr("工作日")
            self.kind_radios["holiday"].setChecked(True)
        self.chosen_day.setText(
            self.tr("{day} {weekday}（{state}）").format(
                day=day.isoformat(), weekday=self._weekday(day), state=state
            )
        )
        self.until.blockSignals(True)
        self.until.setMinimumDate(qdate(day))
        self.until.setMaximumDate(qdate(day + timedelta(days=MAX_RANGE_DAYS - 1)))
        self.until.setDate(qdate(day))
        self.until.blockSignals(False)
        self._sync()

    def chosen_kind(self) -> str:
        return next(k for k, radio in self.kind_radios.items() if radio.isChecked())

    def _sync(self, *_: object) -> None:
        day = self.selected_day()
        self.set_button.setEnabled(not self._busy)
        self.clear_button.setEnabled(not self._busy and day in self._days)

    # -- changing ----------------------------------------------------------------------------

    def set_days(self) -> None:
        """Make the chosen day(s) holidays or 调休 workdays, with the name typed."""
        if self._busy:
            return
        days = days_between(self.selected_day(), pydate(self.until.date()))
        kind, name = self.chosen_kind(), " ".join(self.name.text().split())
        if kind == "workday" and len(days) > 1:  # a range: its weekend days only
            days = [d for d in days if d.weekday() >= 5]
            if not days:
                self._show_message(self.tr("调休上班只能设在周六或周日"), kind="error")
                return
        desk = self._desk

        def set_all() -> int:
            """Worker thread: one day at a time; the days before a refused one stay set."""
            for day in days:
                desk.set_calendar_day(day, kind, name)
            return len(days)

        def done(count: int) -> None:
            label = self.tr("节假日") if kind == "holiday" else self.tr("调休上班")
            self._show_message(
                self.tr("已把 %n 天设为{kind}", "", count).format(kind=label), kind="info"
            )
            self.reload()

        self._run(set_all, done)

    def clear_day(self) -> None:
        """Make the chosen day an ordinary day again."""
        day = self.selected_day()
        if self._busy or day not in self._days:
            return

        def done(_result: object) -> None:
            self._show_message(
                self.tr("{day} 已恢复为普通日").format(day=day.isoformat()), kind="info"
            )
            self.reload()

        self._run(functools.partial(self._desk.set_calendar_day, day, None), done)

    # -- running calls -----------------------------------------------------------------------

    def _run(
        self, call: Callable[[], Any], on_done: Callable[[Any], None], *, change: bool = True
    ) -> None:
        if self._busy:
            return
        self._busy = True
        self._sync()

        def done(result: Any) -> None:
            self._busy = False
            on_done(result)
            self._sync()

        failed = functools.partial(self._failed, change=change)
        self._session.run(call, on_done=done, on_error=failed, context=self)

    def _failed(self, error: Exception, *, change: bool) -> None:
        self._busy = False
        if isinstance(error, HallError):
            logger.info("calendar change refused: %s (%s)", error.message, error.code)
            self._show_message(error.message, kind="error")
        else:
            logger.error("calendar call failed", exc_info=error)
            self._show_message(self.tr("操作失败：{error}").format(error=error), kind="error")
        self._sync()
        if change:  # show what stands now (a range may have been set in part)
            self.reload()

    def _show_message(self, text: str, *, kind: str) -> None:
        self.message_bar.setText(text)
        set_style_property(self.message_bar, "kind", kind)
        self.message_bar.show()
