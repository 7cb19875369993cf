"""The hall display: a full-screen board for the TV in the hall.

What a customer sees from across the hall: the newest call, huge and flashing when it arrives;
what every window is serving; the last calls; how many wait for each business; the date and time;
and a scrolling notice line that a lead sets (an outage notice, say). Each new call and recall is
handed to the Announcer, in order, to be spoken.

Every size is a fraction of the window's height (see ``Scale``), so the board reads the same on
a 1920x1080 TV as at 1366x768; text that would not fit its box is shrunk to fit, never clipped.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, QElapsedTimer, QEvent, QLocale, QRectF, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from hall.records import BusinessType, CallNotice, QueueSnapshot, Ticket, TicketStatus, Window

from ui.announcer import Announcer
from ui.session import HallSession, LiveView
from ui.widgets import set_style_property
from ui.workstation import WorkstationWindow

logger = logging.getLogger(__name__)

CLOCK_INTERVAL_MS = 1000
FLASH_INTERVAL_MS = 450
FLASH_CHANGES = 8
"""Colour changes of a flash: four times bright, four times back."""
RECENT_ROWS = 5
COUNT_ROWS_PER_COLUMN = 5
TICKER_FRAME_MS = 16
TICKER_SPEED = 3.2
"""How fast the notice scrolls, in font heights per second (about three characters a second)."""
REFERENCE_HEIGHT = 1080
REFERENCE_WIDTH = 1700
"""Sizes are designed for 1080 lines; a window narrower than 16:9 scales down with its width."""

TEAL = "#00665f"
TEAL_DARK = "#004a45"
AMBER = "#ffb300"
CALLED = "#c2410c"
TICKER_TEXT = QColor("#fff4b8")
TICKER_WELCOME = QColor("#ffffff")

STYLE = f"""
#board {{ background: #e9efee; }}
#header {{ background: {TEAL}; }}
#header QLabel {{ color: #ffffff; }}
#today {{ color: #cfe9e6; }}
#panel {{ background: #ffffff; border: 1px solid #c9d3d1; border-radius: 10px; }}
#sectionTitle {{ color: {TEAL}; }}
#hero {{ background: {TEAL}; border-radius: 12px; }}
#hero QLabel {{ color: #ffffff; }}
#hero #heroCaption {{ color: #cfe9e6; }}
#hero[flash="true"] {{ background: {AMBER}; }}
#hero[flash="true"] QLabel, #hero[flash="true"] #heroCaption {{ color: #1a1a1a; }}
#tile {{ background: #ffffff; border: 2px solid #c9d3d1; border-radius: 10px; }}
#tileName {{ color: #4b5563; }}
#tileMain {{ color: #9ca3af; }}
#tile[state="called"] {{ border: 3px solid {CALLED}; }}
#tile[state="called"] #tileMain {{ color: {CALLED}; }}
#tile[state="serving"] #tileMain {{ color: {TEAL}; }}
#tile[state="paused"] {{ background: #fff4e5; border: 2px solid #e0a04a; }}
#tile[state="paused"] #tileMain {{ color: #9a3412; }}
#tile[state="closed"] {{ background: #f1f4f4; }}
#tile[flash="true"] {{ background: {AMBER}; border: 3px solid {AMBER}; }}
#tile[flash="true"] #tileMain, #tile[flash="true"] #tileName {{ color: #1a1a1a; }}
#recentNumber {{ color: #111827; }}
#recentWindow {{ color: {TEAL}; }}
#recentNote {{ color: {CALLED}; }}
#codeBadge {{ background: {TEAL}; color: #ffffff; border-radius: 6px; }}
#businessName {{ color: #1f2937; }}
#waitingCount {{ color: {TEAL}; }}
#waitingCount[none="true"] {{ color: #9ca3af; }}
#status {{ background: #fff4e5; color: #9a3412; }}
#noticeBar {{ background: {TEAL_DARK}; }}
#noticeTag {{ background: {AMBER}; color: #1a1a1a; border-radius: 6px; }}
"""


@dataclass(frozen=True)
class Scale:
    """Font sizes in pixels for one window size: fractions of the height (1080 lines = 1.0)."""

    factor: float

    @classmethod
    def for_size(cls, width: int, height: int) -> Scale:
        return cls(max(0.3, min(height / REFERENCE_HEIGHT, width / REFERENCE_WIDTH)))

    def px(self, at_1080: float) -> int:
        """``at_1080`` pixels on a 1080-line screen, scaled to this one."""
        return max(6, round(at_1080 * self.factor))


# Font sizes on a 1080-line screen, in pixels. A 1.0 m high 55" TV at 8 m: 24 px is about 2.2 cm.
HALL_NAME_PX = 52
DATE_PX = 30
CLOCK_PX = 56
SECTION_PX = 34
HERO_CAPTION_PX = 40
HERO_NUMBER_PX = 230
HERO_WINDOW_PX = 80
TILE_NAME_PX = 30
TILE_MAIN_PX = 72
RECENT_PX = 48
COUNT_PX = 36
TICKER_PX = 42
STATUS_PX = 24


class FitLabel(QLabel):
    """A one-line label at a set pixel size that shrinks its font to fit its width, never clips.

    Its height is fixed by its pixel size, so a shrunken text never moves the layout.
    """

    def __init__(
        self,
        name: str,
        *,
        bold: bool = False,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
        line_height: float = 1.3,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._bold = bold
        self._line_height = line_height
        self._pixel_size = 12
        self.setAlignment(align | Qt.AlignmentFlag.AlignVCenter)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(1)

    @property
    def pixel_size(self) -> int:
        """The size the text is meant to have (it may be shown smaller to fit)."""
        return self._pixel_size

    def set_pixel_size(self, pixel_size: int) -> None:
        self._pixel_size = pixel_size
        self.setFixedHeight(math.ceil(pixel_size * self._line_height))
        self._fit()

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        if text != self.text():
            super().setText(text)
            self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def fits(self) -> bool:
        """Whether the whole text is visible in the label as it is now."""
        width = QFontMetricsF(self.font()).horizontalAdvance(self.text())
        return width <= self.contentsRect().width() + 0.5

    def _fit(self) -> None:
        font = QFont(self.font())
        font.setBold(self._bold)
        font.setPixelSize(self._pixel_size)
        available = self.contentsRect().width()
        needed = QFontMetricsF(font).horizontalAdvance(self.text())
        if needed > available > 0:
            font.setPixelSize(max(6, math.floor(self._pixel_size * available / needed)))
        if font != self.font():
            self.setFont(font)


class NoticeTicker(QWidget):
    """The scrolling notice line: moves left smoothly and loops when the text is wider than the
    line; stands still, centred, when it fits. Driven by a QTimer and the elapsed time, so the
    speed stays even when frames are late."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ticker")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._text = ""
        self._colour = TICKER_TEXT
        self._offset = 0.0
        self._clock = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setInterval(TICKER_FRAME_MS)
        self._timer.timeout.connect(self._step)

    def text(self) -> str:
        return self._text

    @property
    def offset(self) -> float:
        """How far the text has scrolled, in pixels."""
        return self._offset

    def set_text(self, text: str, colour: QColor) -> None:
        if text == self._text and colour == self._colour:
            return
        self._text = text
        self._colour = colour
        self._offset = 0.0
        self._update_running()
        self.update()

    def set_pixel_size(self, pixel_size: int) -> None:
        font = QFont(self.font())
        font.setPixelSize(pixel_size)
        self.setFont(font)
        self.setFixedHeight(math.ceil(pixel_size * 1.6))
        self._update_running()

    def scrolling(self) -> bool:
        return self._text_width() > self.width()

    def _text_width(self) -> float:
        return QFontMetricsF(self.font()).horizontalAdvance(self._text)

    def _gap(self) -> float:
        return self.font().pixelSize() * 4.0

    def _update_running(self) -> None:
        if self.isVisible() and self.scrolling():
            if not self._timer.isActive():
                self._clock.start()
                self._timer.start()
        else:
            self._timer.stop()
            self._offset = 0.0

    def _step(self) -> None:
        elapsed_s = self._clock.restart() / 1000
        speed = TICKER_SPEED * self.font().pixelSize()
        period = self._text_width() + self._gap()
        self._offset = (self._offset + speed * min(elapsed_s, 0.25)) % period
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setFont(self.font())
        painter.setPen(self._colour)
        height = float(self.height())
        if not self.scrolling():
            painter.drawText(
                QRectF(0, 0, self.width(), height), Qt.AlignmentFlag.AlignCenter, self._text
            )
            return
        start_x = self._pixel_start() - self._offset
        period = self._text_width() + self._gap()
        x = start_x
        while x < self.width():
            painter.drawText(
                QRectF(x, 0, self._text_width() + 2, height),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                self._text,
            )
            x += period

    def _pixel_start(self) -> float:
        return self.font().pixelSize() * 0.5

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._update_running()

    def hideEvent(self, event: QEvent) -> None:  # noqa: N802
        super().hideEvent(event)
        self._timer.stop()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._update_running()


class WindowTile(QFrame):
    """One service window on the board: the number it has called or serves, 暂停服务 when
    paused, "—" when it has none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tile")
        self.setProperty("state", "closed")
        self.setProperty("flash", False)
        self.name = FitLabel("tileName", align=Qt.AlignmentFlag.AlignHCenter)
        self.main = FitLabel("tileMain", align=Qt.AlignmentFlag.AlignHCenter)  # see heroNumber
        self.main.setText("—")
        layout = QVBoxLayout(self)
        layout.setSpacing(0)
        layout.addStretch(1)
        layout.addWidget(self.name)
        layout.addWidget(self.main)
        layout.addStretch(1)

    def show_window(self, window: Window, ticket: Ticket | None) -> None:
        if ticket is not None:
            state = "serving" if ticket.status == TicketStatus.SERVING else "called"
            main = ticket.number
        elif window.paused:
            state, main = "paused", self.tr("暂停服务")
        elif window.clerk is not None:
            state, main = "idle", "—"
        else:
            state, main = "closed", "—"
        self.name.setText(window.name)
        self.main.setText(main)
        set_style_property(self, "state", state, self.name, self.main)

    def set_flash(self, on: bool) -> None:
        set_style_property(self, "flash", on, self.name, self.main)

    def scale(self, scale: Scale, rows: int) -> None:
        shrink = min(1.0, 2 / max(rows, 1))  # three rows of tiles get smaller type than two
        self.name.set_pixel_size(scale.px(TILE_NAME_PX * max(shrink, 0.8)))
        self.main.set_pixel_size(scale.px(TILE_MAIN_PX * shrink))
        margin = scale.px(10)
        self.layout().setContentsMargins(margin, margin // 2, margin, margin // 2)


class HallDisplayWindow(WorkstationWindow):
    """The board for the hall's TV. Show it with ``showFullScreen()`` (F11 toggles, Esc leaves).

    GUI thread only. It shows the readings of ``session`` and hands every call made after it
    started (at any PC) to ``announcer`` in order; the calls already made when it starts are
    shown, not announced. Without an ``announcer`` it makes its own, choosing the best voice of
    this PC, and closes it when it closes.
    """

    def __init__(
        self,
        session: HallSession,
        *,
        announcer: Announcer | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, parent)
        self._owns_announcer = announcer is None
        self.announcer = announcer if announcer is not None else Announcer(parent=self)
        self._shown_day: date | None = None
        self._seen_first_view = False
        self._said_notice = ""
        self._last_event_id = 0
        self._scale = Scale(1.0)
        self._tiles: dict[int, WindowTile] = {}
        self._tile_rows = 1
        self._flash_left = 0
        self._flashing_windows: set[int] = set()
        self._status_messages: dict[str, str] = {}
        self._hall_name_text = ""

        self.setObjectName("hallDisplay")
        self.setWindowTitle(self.tr("叫号显示屏"))
        self.setMinimumSize(640, 360)  # sizes follow the window, not the other way round
        self.setStyleSheet(STYLE)
        self._build()

        self._flash_timer = self._timer(FLASH_INTERVAL_MS, self._flash_step)
        self._timer(CLOCK_INTERVAL_MS, self._tick_clock).start()
        self._tick_clock()

        if self.announcer.voice_off_message:
            self._set_status("voice", self.announcer.voice_off_message)
        if self.announcer.audio_message:
            self._set_status("audio", self.announcer.audio_message)
        self.announcer.voice_unavailable.connect(self._on_voice_unavailable)
        self.announcer.audio_failed.connect(self._on_audio_failed)
        self._apply_scale()
        self._watch_session()

    # -- layout ------------------------------------------------------------------------------

    def _build(self) -> None:
        board = QWidget()
        board.setObjectName("board")
        outer = QVBoxLayout(board)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self._build_header())

        self._body = QHBoxLayout()
        left = QVBoxLayout()
        self._left = left
        left.addWidget(self._build_hero(), 11)
        left.addWidget(self._build_recent(), 9)
        right = QVBoxLayout()
        self._right = right
        right.addWidget(self._build_tiles(), 11)
        right.addWidget(self._build_counts(), 9)
        self._body.addLayout(left, 5)
        self._body.addLayout(right, 8)
        outer.addLayout(self._body, 1)

        self.status_line = FitLabel("status", align=Qt.AlignmentFlag.AlignHCenter)
        self.status_line.hide()
        outer.addWidget(self.status_line)
        outer.addWidget(self._build_notice_bar())
        self.setCentralWidget(board)

    def _build_header(self) -> QFrame:
        header = QFrame()
        header.setObjectName("header")
        self._header_layout = layout = QHBoxLayout(header)
        self.hall_name = FitLabel("hallName", bold=True)
        self.today = FitLabel("today", align=Qt.AlignmentFlag.AlignRight)
        self.clock = FitLabel("clock", bold=True, align=Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.hall_name, 8)
        layout.addWidget(self.today, 4)
        layout.addWidget(self.clock, 2)
        return header

    def _build_hero(self) -> QFrame:
        hero = QFrame()
        hero.setObjectName("hero")
        hero.setProperty("flash", False)
        self.hero_panel = hero
        layout = QVBoxLayout(hero)
        layout.setSpacing(0)
        center = Qt.AlignmentFlag.AlignHCenter
        self.hero_caption = FitLabel("heroCaption", align=center)
        # Not bold: above 64 px Qt draws text as outlines, without the synthetic bold of the
        # shipped font, so bold would show only on smaller screens.
        self.hero_number = FitLabel("heroNumber", align=center, line_height=1.12)
        self.hero_window = FitLabel("heroWindow", align=center)
        layout.addStretch(1)
        layout.addWidget(self.hero_caption)
        layout.addWidget(self.hero_number)
        layout.addWidget(self.hero_window)
        layout.addStretch(1)
        return hero

    def _panel(self, title: str) -> tuple[QFrame, QVBoxLayout, FitLabel]:
        panel = QFrame()
        panel.setObjectName("panel")
        layout = QVBoxLayout(panel)
        heading = FitLabel("sectionTitle", bold=True)
        heading.setText(title)
        layout.addWidget(heading)
        return panel, layout, heading

    def _build_recent(self) -> QFrame:
        panel, layout, self._recent_title = self._panel(self.tr("最近呼叫"))
        self._recent_layout = layout
        grid = QGridLayout()
        grid.setVerticalSpacing(0)
        self._recent_rows: list[tuple[FitLabel, FitLabel, FitLabel]] = []
        for row in range(RECENT_ROWS):
            number = FitLabel("recentNumber", bold=True)
            window = FitLabel("recentWindow", bold=True)
            note = FitLabel("recentNote", align=Qt.AlignmentFlag.AlignRight)
            grid.addWidget(number, row, 0)
            grid.addWidget(window, row, 1)
            grid.addWidget(note, row, 2)
            self._recent_rows.append((number, window, note))
        grid.setColumnStretch(0, 4)
        grid.setColumnStretch(1, 5)
        grid.setColumnStretch(2, 3)
        layout.addLayout(grid)
        layout.addStretch(1)
        return panel

    def _build_tiles(self) -> QFrame:
        panel, layout, self._tiles_title = self._panel(self.tr("窗口"))
        self._tiles_layout = layout
        self._tile_grid = QGridLayout()
        layout.addLayout(self._tile_grid, 1)
        return panel

    def _build_counts(self) -> QFrame:
        panel, layout, self._counts_title = self._panel(self.tr("等候人数"))
        self._counts_layout = layout
        self._count_grid = QGridLayout()
        self._count_rows: dict[str, tuple[FitLabel, FitLabel, FitLabel]] = {}
        layout.addLayout(self._count_grid)
        layout.addStretch(1)
        return panel

    def _build_notice_bar(self) -> QFrame:
        bar = QFrame()
        bar.setObjectName("noticeBar")
        self._notice_layout = layout = QHBoxLayout(bar)
        self._notice_tag = QLabel(self.tr("公告"))
        self._notice_tag.setObjectName("noticeTag")
        self._notice_tag.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.ticker = NoticeTicker()
        layout.addWidget(self._notice_tag)
        layout.addWidget(self.ticker, 1)
        return bar

    # -- what the board shows (read-only views for screens built on it, and tests) -------------

    @property
    def tiles(self) -> dict[int, WindowTile]:
        """Window number → its tile."""
        return dict(self._tiles)

    @property
    def recent_rows(self) -> list[tuple[FitLabel, FitLabel, FitLabel]]:
        """The rows of 最近呼叫, newest first: (number, window, 重呼 note); blank when unused."""
        return list(self._recent_rows)

    @property
    def count_rows(self) -> dict[str, tuple[FitLabel, FitLabel, FitLabel]]:
        """Business code → (code badge, name, waiting count) in menu order."""
        return dict(self._count_rows)

    # -- sizes -------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        scale = Scale.for_size(event.size().width(), event.size().height())
        if abs(scale.factor - self._scale.factor) > 0.005:
            self._scale = scale
            self._apply_scale()

    def _apply_scale(self) -> None:
        s = self._scale
        gap = s.px(18)
        self._header_layout.setContentsMargins(s.px(32), s.px(12), s.px(32), s.px(12))
        self._header_layout.setSpacing(gap)
        self.hall_name.set_pixel_size(s.px(HALL_NAME_PX))
        self.today.set_pixel_size(s.px(DATE_PX))
        self.clock.set_pixel_size(s.px(CLOCK_PX))
        self._body.setContentsMargins(gap, gap, gap, gap)
        self._body.setSpacing(gap)
        self._left.setSpacing(gap)
        self._right.setSpacing(gap)
        self.hero_panel.layout().setContentsMargins(gap, gap // 2, gap, gap // 2)
        self.hero_caption.set_pixel_size(s.px(HERO_CAPTION_PX))
        self.hero_number.set_pixel_size(s.px(HERO_NUMBER_PX))
        self.hero_window.set_pixel_size(s.px(HERO_WINDOW_PX))
        for layout, title in (
            (self._recent_layout, self._recent_title),
            (self._tiles_layout, self._tiles_title),
            (self._counts_layout, self._counts_title),
        ):
            layout.setContentsMargins(gap, gap // 2, gap, gap // 2)
            layout.setSpacing(gap // 2)
            title.set_pixel_size(s.px(SECTION_PX))
        for row in self._recent_rows:
            for label in row:
                label.set_pixel_size(s.px(RECENT_PX))
            row[2].set_pixel_size(s.px(RECENT_PX * 0.7))
        self._tile_grid.setSpacing(gap)
        for tile in self._tiles.values():
            tile.scale(s, self._tile_rows)
        self._count_grid.setHorizontalSpacing(s.px(12))
        self._count_grid.setVerticalSpacing(s.px(6))
        for column in range(3, self._count_grid.columnCount(), 4):  # between the two halves
            self._count_grid.setColumnMinimumWidth(column, s.px(24))
        for badge, name, count in self._count_rows.values():
            badge.set_pixel_size(s.px(COUNT_PX))
            badge.setFixedWidth(math.ceil(s.px(COUNT_PX) * 1.3))
            name.set_pixel_size(s.px(COUNT_PX))
            count.set_pixel_size(s.px(COUNT_PX))
            count.setFixedWidth(math.ceil(s.px(COUNT_PX) * 3.0))  # "99 人"; more is shrunk
        self.status_line.set_pixel_size(s.px(STATUS_PX))
        self._notice_layout.setContentsMargins(s.px(24), s.px(6), s.px(24), s.px(6))
        self._notice_layout.setSpacing(gap)
        tag_font = QFont(self._notice_tag.font())
        tag_font.setPixelSize(s.px(TICKER_PX * 0.8))
        tag_font.setBold(True)
        self._notice_tag.setFont(tag_font)
        self._notice_tag.setFixedWidth(s.px(TICKER_PX * 3))
        self.ticker.set_pixel_size(s.px(TICKER_PX))

    # -- showing a reading -------------------------------------------------------------------

    def _show(self, view: LiveView) -> None:
        snapshot = view.snapshot
        self._shown_day = snapshot.day
        self._set_status("read", "")
        self._hall_name_text = view.hall_name
        self.hall_name.setText(view.hall_name)
        self.setWindowTitle(self.tr("{hall} · 叫号显示屏").format(hall=view.hall_name))
        self._show_tiles(snapshot)
        self._show_calls(view.recent_calls)
        self._show_counts(snapshot)
        self._show_notice(snapshot.notice)

        if not self._seen_first_view:  # calls made before the board started: shown, not said
            self._seen_first_view = True
            self._last_event_id = max((c.event_id for c in view.recent_calls), default=0)
            self._said_notice = snapshot.notice
            return
        if snapshot.notice != self._said_notice:
            # A new notice (an outage, a surge business to take) is read out once, in turn.
            self._said_notice = snapshot.notice
            self.announcer.say(snapshot.notice)
        fresh = [c for c in view.new_calls if c.event_id > self._last_event_id]
        if fresh:
            self._last_event_id = fresh[-1].event_id
            self._flash({c.window for c in fresh})
            for call in fresh:
                self.announcer.announce(call)

    def _show_tiles(self, snapshot: QueueSnapshot) -> None:
        windows = [w for w in snapshot.windows if w.active]
        if [w.number for w in windows] != list(self._tiles):
            for tile in self._tiles.values():
                self._tile_grid.removeWidget(tile)
                tile.deleteLater()
            self._tiles = {}
            columns = _tile_columns(len(windows))
            self._tile_rows = max(1, math.ceil(len(windows) / columns))
            for i, window in enumerate(windows):
                tile = WindowTile()
                self._tile_grid.addWidget(tile, i // columns, i % columns)
                self._tiles[window.number] = tile
                tile.scale(self._scale, self._tile_rows)
            for column in range(columns):
                self._tile_grid.setColumnStretch(column, 1)
            for row in range(self._tile_rows):
                self._tile_grid.setRowStretch(row, 1)
        at_window = {t.window: t for t in snapshot.open if t.window is not None}
        for window in windows:
            self._tiles[window.number].show_window(window, at_window.get(window.number))

    def _show_calls(self, recent: tuple[CallNotice, ...]) -> None:
        newest = recent[-1] if recent else None
        if newest is None:
            self.hero_caption.setText(self.tr("欢迎光临"))
            self.hero_number.setText("")
            self.hero_number.hide()  # the two lines left sit together in the middle
            self.hero_window.setText(self.tr("请取号等候叫号"))
        else:
            self.hero_number.show()
            caption = self.tr("再次呼叫") if newest.recall else self.tr("正在呼叫")
            self.hero_caption.setText(caption)
            self.hero_number.setText(newest.number)
            self.hero_window.setText(self.tr("请到 {window} 号窗口").format(window=newest.window))
        # Earlier calls, newest first, each number once (a recall does not fill two rows).
        earlier: list[CallNotice] = []
        for call in reversed(recent[:-1]):
            if newest is not None and call.number == newest.number:
                continue
            if all(call.number != e.number for e in earlier):
                earlier.append(call)
        for i, (number, window, note) in enumerate(self._recent_rows):
            if i < len(earlier):
                call = earlier[i]
                number.setText(call.number)
                window.setText(self.tr("{window}号窗口").format(window=call.window))
                note.setText(self.tr("重呼") if call.recall else "")
            else:
                number.setText("")
                window.setText("")
                note.setText("")

    def _show_counts(self, snapshot: QueueSnapshot) -> None:
        businesses = [b for b in snapshot.businesses if b.active]
        if [b.code for b in businesses] != list(self._count_rows):
            self._rebuild_count_rows(businesses)
        for business in businesses:
            badge, name, count = self._count_rows[business.code]
            name.setText(business.name)
            waiting = len(snapshot.waiting_for(business.code))
            count.setText(self.tr("%n 人", "", waiting))
            set_style_property(count, "none", waiting == 0)

    def _rebuild_count_rows(self, businesses: list[BusinessType]) -> None:
        for row in self._count_rows.values():
            for label in row:
                self._count_grid.removeWidget(label)
                label.deleteLater()
        self._count_rows = {}
        per_column = max(COUNT_ROWS_PER_COLUMN, math.ceil(len(businesses) / 3))
        for i, business in enumerate(businesses):
            row, column = i % per_column, i // per_column
            badge = FitLabel("codeBadge", bold=True, align=Qt.AlignmentFlag.AlignHCenter)
            badge.setText(business.code)
            name = FitLabel("businessName")
            count = FitLabel("waitingCount", bold=True, align=Qt.AlignmentFlag.AlignRight)
            for fixed in (badge, count):  # widths set in _apply_scale
                fixed.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            self._count_grid.addWidget(badge, row, column * 4)
            self._count_grid.addWidget(name, row, column * 4 + 1)
            self._count_grid.addWidget(count, row, column * 4 + 2)
            self._count_grid.setColumnStretch(column * 4 + 1, 1)
            self._count_rows[business.code] = (badge, name, count)
        self._apply_scale()

    def _show_notice(self, notice: str) -> None:
        if notice:
            self.ticker.set_text(notice, TICKER_TEXT)
        else:
            welcome = self.tr("欢迎光临{hall}，请取号后留意叫号")
            self.ticker.set_text(welcome.format(hall=self._hall_name_text), TICKER_WELCOME)

    # -- flashing ----------------------------------------------------------------------------

    def _flash(self, windows: set[int]) -> None:
        """Flash the newest call (and the tiles of ``windows``) a few times."""
        self._set_flash(False)
        self._flashing_windows = windows
        self._flash_left = FLASH_CHANGES
        self._flash_step()
        self._flash_timer.start()

    def _flash_step(self) -> None:
        if self._flash_left <= 0:
            self._flash_timer.stop()
            self._set_flash(False)
            self._flashing_windows = set()
            return
        self._flash_left -= 1
        self._set_flash(self._flash_left % 2 == 1)

    def _set_flash(self, on: bool) -> None:
        set_style_property(
            self.hero_panel, "flash", on, self.hero_caption, self.hero_number, self.hero_window
        )
        for number in self._flashing_windows:
            tile = self._tiles.get(number)
            if tile is not None:
                tile.set_flash(on)

    # -- status, clock -----------------------------------------------------------------------

    def _set_status(self, key: str, text: str) -> None:
        if text:
            self._status_messages[key] = text
        else:
            self._status_messages.pop(key, None)
        shown = "　·　".join(self._status_messages.values())
        self.status_line.setText(shown)
        self.status_line.setVisible(bool(shown))

    def _on_voice_unavailable(self, message: str) -> None:
        self._set_status("voice", message)

    def _on_audio_failed(self, message: str) -> None:
        self._set_status("audio", message)

    def _on_read_failed(self, error: str) -> None:
        logger.warning("hall display cannot read the hall: %s", error)
        self._set_status("read", self.tr("暂时无法读取叫号信息，正在重试"))

    def _tick_clock(self) -> None:
        local = self._hall.clock().astimezone(self._hall.zone)
        self.clock.setText(local.strftime("%H:%M:%S"))
        day = QDate(local.year, local.month, local.day)
        self.today.setText(QLocale().toString(day, QLocale.FormatType.LongFormat))
        if self._shown_day is not None and local.date() != self._shown_day:
            self._shown_day = local.date()
            self._session.refresh()  # a new business day: yesterday's calls are not today's

    # -- keys and closing --------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_F11:
            if self.isFullScreen():
                self.showNormal()
            else:
                self.showFullScreen()
        elif event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.showNormal()
        else:
            super().keyPressEvent(event)

    def _extra_shut_down(self) -> None:
        self.announcer.voice_unavailable.disconnect(self._on_voice_unavailable)
        self.announcer.audio_failed.disconnect(self._on_audio_failed)
        if self._owns_announcer:
            self.announcer.close()


def _tile_columns(count: int) -> int:
    """Columns of window tiles: two rows for up to eight windows, then three or more."""
    if count <= 4:
        return max(count, 1) if count <= 2 else 2
    if count <= 6:
        return 3
    if count <= 8:
        return 4
    return max(4, math.ceil(count / 3))
