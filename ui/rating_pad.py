"""The rating pad (评价器): the customer-facing screen at one window.

After each service finished at its window the pad asks the customer to rate it on the national
好差评 scale (非常满意 … 非常不满意); the two lowest levels also ask why. A customer who does not
answer within the timeout is not asked again: the service counts as not rated. The rating is
recorded by ``Hall.rate`` against the ticket, which ties it to its window and clerk.
"""

from __future__ import annotations

import functools
import logging
from enum import StrEnum

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hall.errors import HallError
from hall.ratings import MAX_REASON_LENGTH
from hall.records import RatingLevel, Ticket

from ui.session import HallSession, LiveView
from ui.widgets import named_label
from ui.workstation import WorkstationWindow

logger = logging.getLogger(__name__)

THANKS_MS = 3000
"""How long "thank you" (or a polite apology) stays before the pad is idle again."""

LEVEL_COLOURS = {
    RatingLevel.VERY_SATISFIED: ("#0a7a3f", "#086633"),
    RatingLevel.SATISFIED: ("#4d9a1f", "#3f8019"),
    RatingLevel.FAIRLY_SATISFIED: ("#b98a00", "#9c7400"),
    RatingLevel.DISSATISFIED: ("#d0621b", "#b05215"),
    RatingLevel.VERY_DISSATISFIED: ("#b42318", "#961d14"),
}

# What a dissatisfied customer can pick; the Chinese source is what the rating records, whatever
# language the pad shows.
BAD_RATING_REASONS = (
    QT_TRANSLATE_NOOP("RatingPadWindow", "等候时间长"),
    QT_TRANSLATE_NOOP("RatingPadWindow", "办理效率低"),
    QT_TRANSLATE_NOOP("RatingPadWindow", "服务态度差"),
    QT_TRANSLATE_NOOP("RatingPadWindow", "业务不熟练"),
    QT_TRANSLATE_NOOP("RatingPadWindow", "环境设施差"),
)
OTHER_REASON = QT_TRANSLATE_NOOP("RatingPadWindow", "其他")


def _level_style() -> str:
    """One colour per level, from green (非常满意) to red (非常不满意)."""
    rules = []
    for level, (colour, pressed) in LEVEL_COLOURS.items():
        selector = f'#levelButton[level="{level.value}"]'
        rules.append(f"{selector} {{ background: {colour}; }}")
        rules.append(f"{selector}:pressed {{ background: {pressed}; }}")
    return "\n".join(rules)


STYLE = (
    """
QMainWindow, #central { background: #f3f5f7; }
#header { background: #00665f; }
#header QLabel { color: #ffffff; }
#hallName { font-size: 26px; font-weight: bold; }
#windowName { font-size: 30px; font-weight: bold; }
#welcome { font-size: 72px; font-weight: bold; color: #00665f; }
#clerk { font-size: 30px; color: #374151; }
#idleNote { font-size: 22px; color: #6b7280; }
#question { font-size: 44px; font-weight: bold; color: #111827; }
#subQuestion { font-size: 24px; color: #4b5563; }
#countdown { font-size: 20px; color: #6b7280; }
#levelButton { color: #ffffff; border: none; border-radius: 14px; font-size: 34px;
    font-weight: bold; min-height: 150px; }
#reasonButton { font-size: 28px; min-height: 84px; border-radius: 10px; color: #1f2937;
    background: #ffffff; border: 2px solid #c5ccd4; }
#reasonButton:checked { background: #fde8e6; border: 3px solid #b42318; color: #8a1c12;
    font-weight: bold; }
#otherText { font-size: 26px; min-height: 60px; padding: 0 12px; border: 2px solid #c5ccd4;
    border-radius: 8px; background: #ffffff; }
#otherText:focus { border: 3px solid #00665f; }
#submit { font-size: 30px; font-weight: bold; min-height: 80px; border-radius: 12px;
    color: #ffffff; background: #00665f; border: none; padding: 0 40px; }
#submit:disabled { background: #9ca3af; }
#back { font-size: 26px; min-height: 80px; border-radius: 12px; color: #374151;
    background: #ffffff; border: 2px solid #c5ccd4; padding: 0 30px; }
#thanks { font-size: 76px; font-weight: bold; color: #0a7a3f; }
#sorry { font-size: 36px; font-weight: bold; color: #8a4b00; }
"""
    + _level_style()
    + "\n#levelButton:disabled { background: #c5ccd4; }"
)


class PadPage(StrEnum):
    """What the pad shows."""

    IDLE = "idle"
    ASKING = "asking"
    REASON = "reason"
    THANKS = "thanks"
    SORRY = "sorry"


class RatingPadWindow(WorkstationWindow):
    """The rating pad of one window. GUI thread only; the hall is asked on the session's worker.

    On each reading of the hall (and whenever it is idle again) the pad asks
    ``Hall.awaiting_rating(window)``; a ticket it has not yet asked about is then put to the
    customer. Each ticket is asked about once: after ``timeout_s`` without a choice the pad goes
    back to idle and that service stays unrated.
    """

    def __init__(
        self,
        session: HallSession,
        window: int,
        *,
        timeout_s: int = 30,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, parent)
        self._window = window
        self._timeout_s = timeout_s
        self._ticket: Ticket | None = None
        self._level: RatingLevel | None = None
        self._asked: set[int] = set()
        self._checking = False
        self._check_again = False
        self._submitting = False
        self._seconds_left = 0

        self.setObjectName("ratingPad")
        self.setWindowTitle(self.tr("{window}号窗口 · 服务评价").format(window=window))
        self.setMinimumSize(1024, 640)
        self.setStyleSheet(STYLE)
        self._build()

        self._timeout = self._timer(0, self._timed_out, single_shot=True)  # started with timeout_s
        self._countdown = self._timer(1000, self._count_down)
        self._back_to_idle = self._timer(THANKS_MS, self._idle, single_shot=True)

        self._show_page(PadPage.IDLE)
        self._watch_session()

    # -- what tests and other code may look at -----------------------------------------------

    @property
    def page(self) -> PadPage:
        return PadPage(self._stack.currentWidget().objectName())

    @property
    def asked_ticket(self) -> Ticket | None:
        """The ticket the customer is being asked about, if any."""
        return self._ticket

    def question(self) -> str:
        return self._question.text()

    def choose(self, level: int) -> None:
        """What a tap on a level button does."""
        self.level_buttons[RatingLevel(level)].click()

    # -- layout ------------------------------------------------------------------------------

    def _build(self) -> None:
        central = QWidget()
        central.setObjectName("central")
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self._build_header())
        self._stack = QStackedWidget()
        self._pages: dict[PadPage, QWidget] = {}
        for page in (
            self._build_idle(),
            self._build_asking(),
            self._build_reason(),
            self._build_message(PadPage.THANKS, "thanks"),
            self._build_message(PadPage.SORRY, "sorry"),
        ):
            self._pages[PadPage(page.objectName())] = page
            self._stack.addWidget(page)
        outer.addWidget(self._stack, 1)
        self.setCentralWidget(central)

    def _build_header(self) -> QFrame:
        header = QFrame()
        header.setObjectName("header")
        layout = QHBoxLayout(header)
        layout.setContentsMargins(32, 14, 32, 14)
        self._hall_name = named_label("hallName")
        window_name = named_label(
            "windowName", self.tr("{window}号窗口").format(window=self._window)
        )
        layout.addWidget(self._hall_name)
        layout.addStretch(1)
        layout.addWidget(window_name)
        return header

    @staticmethod
    def _page(page: PadPage) -> tuple[QWidget, QVBoxLayout]:
        widget = QWidget()
        widget.setObjectName(page.value)
        layout = QVBoxLayout(widget)
        layout.setContentsMargins(48, 28, 48, 36)
        layout.setSpacing(18)
        return widget, layout

    def _build_idle(self) -> QWidget:
        page, layout = self._page(PadPage.IDLE)
        welcome = named_label(
            "welcome", self.tr("{window}号窗口 · 欢迎光临").format(window=self._window)
        )
        self._clerk = named_label("clerk")
        note = named_label("idleNote", self.tr("办理结束后，请在这里为我们的服务评价"))
        layout.addStretch(2)
        for label in (welcome, self._clerk, note):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
        layout.addStretch(3)
        return page

    def _build_asking(self) -> QWidget:
        page, layout = self._page(PadPage.ASKING)
        self._question = named_label("question")
        self._question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._question.setWordWrap(True)
        hint = named_label("subQuestion", self.tr("请点击下面的按钮"))
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._asking_countdown = named_label("countdown")
        self._asking_countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)

        row = QHBoxLayout()
        row.setSpacing(18)
        labels = {
            RatingLevel.VERY_SATISFIED: self.tr("非常满意"),
            RatingLevel.SATISFIED: self.tr("满意"),
            RatingLevel.FAIRLY_SATISFIED: self.tr("基本满意"),
            RatingLevel.DISSATISFIED: self.tr("不满意"),
            RatingLevel.VERY_DISSATISFIED: self.tr("非常不满意"),
        }
        self.level_labels = labels
        self.level_buttons: dict[RatingLevel, QPushButton] = {}
        for level, text in labels.items():
            button = QPushButton(text)
            button.setObjectName("levelButton")
            button.setProperty("level", level.value)  # its colour: see _level_style
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(functools.partial(self._level_chosen, level))
            self.level_buttons[level] = button
            row.addWidget(button)

        layout.addStretch(1)
        layout.addWidget(self._question)
        layout.addWidget(hint)
        layout.addSpacing(18)
        layout.addLayout(row, 4)
        layout.addSpacing(10)
        layout.addWidget(self._asking_countdown)
        layout.addStretch(1)
        return page

    def _build_reason(self) -> QWidget:
        page, layout = self._page(PadPage.REASON)
        self._reason_question = named_label("question")
        self._reason_question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._reason_question.setWordWrap(True)
        hint = named_label("subQuestion", self.tr("请选择一项原因，我们会认真改进"))
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)

        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(14)
        self._reasons = QButtonGroup(self)
        self._reasons.setExclusive(True)
        self.reason_buttons: dict[str, QPushButton] = {}
        self._other_reason = OTHER_REASON
        for i, text in enumerate((*BAD_RATING_REASONS, OTHER_REASON)):
            button = QPushButton(self.tr(text))
            button.setObjectName("reasonButton")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self._reasons.addButton(button)
            self.reason_buttons[text] = button
            grid.addWidget(button, i // 3, i % 3)
        self._reasons.buttonToggled.connect(self._reason_changed)

        self.other_text = QLineEdit()
        self.other_text.setObjectName("otherText")
        self.other_text.setMaxLength(MAX_REASON_LENGTH)
        self.other_text.setPlaceholderText(self.tr("其他原因，请在这里填写"))
        self.other_text.textEdited.connect(self._other_edited)
        self.other_text.textChanged.connect(lambda _text: self._reason_changed())

        self._reason_countdown = named_label("countdown")
        self.back_button = QPushButton(self.tr("返回重新选择"))
        self.back_button.setObjectName("back")
        self.back_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.back_button.clicked.connect(self._back_to_levels)
        self.submit_button = QPushButton(self.tr("提交评价"))
        self.submit_button.setObjectName("submit")
        self.submit_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.submit_button.clicked.connect(self._submit_reason)
        buttons = QHBoxLayout()
        buttons.setSpacing(16)
        buttons.addWidget(self._reason_countdown)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.submit_button)

        layout.addWidget(self._reason_question)
        layout.addWidget(hint)
        layout.addSpacing(6)
        layout.addLayout(grid)
        layout.addWidget(self.other_text)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    def _build_message(self, page_name: PadPage, style_name: str) -> QWidget:
        page, layout = self._page(page_name)
        label = named_label(style_name)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        layout.addStretch(1)
        layout.addWidget(label)
        layout.addStretch(1)
        if page_name == PadPage.THANKS:
            label.setText(self.tr("感谢您的评价！"))
            self._thanks = label
        else:
            self._sorry = label
        return page

    # -- readings of the hall ----------------------------------------------------------------

    def _show(self, view: LiveView) -> None:
        self._hall_name.setText(view.hall_name)
        window = next((w for w in view.snapshot.windows if w.number == self._window), None)
        if window is not None and window.clerk:
            self._clerk.setText(
                self.tr("{name}（工号 {code}）为您服务").format(
                    name=window.clerk_name or "", code=window.clerk
                )
            )
        else:
            self._clerk.setText("")
        self._check()

    def _check(self) -> None:
        """Ask the hall (on the worker) whether a service here waits for a rating."""
        if self._closed or self.page != PadPage.IDLE:
            return
        if self._checking:
            self._check_again = True
            return
        self._checking = True
        self._session.run(
            functools.partial(self._hall.awaiting_rating, self._window),
            on_done=self._checked,
            on_error=self._check_failed,
            context=self,
        )

    def _checked(self, ticket: Ticket | None) -> None:
        self._checking = False
        if self._check_again:
            self._check_again = False
            self._check()
            return
        if ticket is None or ticket.id in self._asked or self.page != PadPage.IDLE:
            return
        self._ask(ticket)

    def _check_failed(self, error: Exception) -> None:
        self._checking = False
        self._check_again = False
        logger.warning("rating pad of window %d cannot ask the hall: %s", self._window, error)

    # -- asking ------------------------------------------------------------------------------

    def _ask(self, ticket: Ticket) -> None:
        self._asked.add(ticket.id)
        self._ticket = ticket
        self._level = None
        logger.info("rating pad of window %d asks about %s", self._window, ticket.number)
        self._question.setText(
            self.tr("请您对本次服务（{number}）进行评价").format(number=ticket.number)
        )
        for button in self.level_buttons.values():
            button.setEnabled(True)
        self._show_page(PadPage.ASKING)
        self._restart_timeout()

    def _level_chosen(self, level: RatingLevel) -> None:
        if self._ticket is None or self._submitting:
            return
        self._level = level
        if level <= RatingLevel.DISSATISFIED:
            self._reason_question.setText(
                self.tr("您选择了“{level}”，请告诉我们哪里做得不好").format(
                    level=self.level_labels[level]
                )
            )
            self._clear_reason()
            self._show_page(PadPage.REASON)
            self._restart_timeout()
            return
        self._submit(level, None)

    def _clear_reason(self) -> None:
        self._reasons.setExclusive(False)
        for button in self.reason_buttons.values():
            button.setChecked(False)
        self._reasons.setExclusive(True)
        self.other_text.clear()
        self._reason_changed()

    def _other_edited(self, _text: str) -> None:
        self.reason_buttons[self._other_reason].setChecked(True)
        self._restart_timeout()

    def _reason_changed(self, *_: object) -> None:
        if self.reason_buttons[self._other_reason].isChecked():
            self.other_text.setFocus()
        self.submit_button.setEnabled(self.chosen_reason() is not None and not self._submitting)
        if self.page == PadPage.REASON:
            self._restart_timeout()

    def chosen_reason(self) -> str | None:
        """The reason as it will be recorded, or None while none is given."""
        checked = self._reasons.checkedButton()
        if checked is None:
            return None
        reason = next(r for r, b in self.reason_buttons.items() if b is checked)
        if reason == self._other_reason:
            written = " ".join(self.other_text.text().split())
            return written or None
        return reason

    def _back_to_levels(self) -> None:
        self._show_page(PadPage.ASKING)
        self._restart_timeout()

    def _submit_reason(self) -> None:
        reason = self.chosen_reason()
        if self._level is None or reason is None:
            return
        self._submit(self._level, reason)

    def _submit(self, level: RatingLevel, reason: str | None) -> None:
        ticket = self._ticket
        if ticket is None or self._submitting:
            return
        self._submitting = True
        self._stop_timeout()
        for button in (*self.level_buttons.values(), self.submit_button, self.back_button):
            button.setEnabled(False)
        self._session.run(
            functools.partial(self._hall.rate, ticket.id, int(level), reason),
            on_done=self._rated,
            on_error=self._rate_failed,
            context=self,
        )

    def _rated(self, _result: object) -> None:
        self._submitting = False
        logger.info("window %d: rating recorded", self._window)
        self._finish(PadPage.THANKS)

    def _rate_failed(self, error: Exception) -> None:
        self._submitting = False
        if isinstance(error, HallError):
            logger.info("rating refused: %s (%s)", error.message, error.code)
            text = self.tr("抱歉，评价未能提交：{reason}\n感谢您的耐心").format(
                reason=error.message
            )
        else:
            text = self.tr("抱歉，评价暂时无法提交，感谢您的耐心")
        self._sorry.setText(text)
        self._finish(PadPage.SORRY)

    def _finish(self, page: PadPage) -> None:
        self._ticket = None
        self._level = None
        self.back_button.setEnabled(True)
        self._show_page(page)
        self._back_to_idle.start()

    # -- timing out --------------------------------------------------------------------------

    def _restart_timeout(self) -> None:
        self._seconds_left = self._timeout_s
        self._timeout.start(self._timeout_s * 1000)
        self._countdown.start()
        self._show_countdown()

    def _stop_timeout(self) -> None:
        self._timeout.stop()
        self._countdown.stop()

    def _count_down(self) -> None:
        self._seconds_left = max(0, self._seconds_left - 1)
        self._show_countdown()

    def _show_countdown(self) -> None:
        text = self.tr("%n 秒后自动关闭", "", self._seconds_left)
        self._asking_countdown.setText(text)
        self._reason_countdown.setText(text)

    def _timed_out(self) -> None:
        if self._ticket is not None:
            logger.info(
                "window %d: %s not rated within %d s",
                self._window,
                self._ticket.number,
                self._timeout_s,
            )
        self._idle()

    def _idle(self) -> None:
        self._stop_timeout()
        self._back_to_idle.stop()
        self._ticket = None
        self._level = None
        self._show_page(PadPage.IDLE)
        self._check()  # a service finished meanwhile is asked about now

    def _show_page(self, page: PadPage) -> None:
        self._stack.setCurrentWidget(self._pages[page])
