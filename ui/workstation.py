"""What every workstation window shares: it shows the live readings of the process's HallSession,
a banner across the top while the database cannot be reached, and lets go of both when it
closes."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QFont, QResizeEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QSizePolicy, QVBoxLayout, QWidget

from ui.session import HallSession, LiveView, connect_view

logger = logging.getLogger(__name__)

BANNER_STYLE = "QLabel { background: #b91c1c; color: #ffffff; padding: 0.4em 1em; }"
BANNER_HEIGHT_SHARE = 0.028
"""The banner's text height as a share of the window's (at least 16 px): large on a TV."""


class WorkstationWindow(QMainWindow):
    """A main window over ``session``. GUI thread only.

    A subclass builds its widgets, then calls ``_watch_session``: from then on ``_show`` gets the
    latest reading (at once, if there is one) and every new one, and ``_on_read_failed`` the
    error of every failed reading but a lost connection. While the session cannot reach the
    database, ``connection_banner`` shows across the top of the window (above the widget given
    to ``setCentralWidget``) until it is back. Closing the window shuts it down once: the timers
    made with ``_timer`` stop, the session's signals are disconnected, then ``_extra_shut_down``
    runs.
    """

    def __init__(self, session: HallSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._hall = session.hall
        self._closed = False
        self._timers: list[QTimer] = []
        self.connection_banner = QLabel(self.tr("数据库连接中断，正在重新连接…"))
        self.connection_banner.setObjectName("connectionBanner")
        self.connection_banner.setStyleSheet(BANNER_STYLE)
        self.connection_banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.connection_banner.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.connection_banner.hide()

    def setCentralWidget(self, widget: QWidget) -> None:  # noqa: N802 (Qt's name)
        """Show ``widget`` as the window's content, under the connection banner."""
        frame = QWidget()
        frame.setObjectName("workstationFrame")
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.connection_banner)
        layout.addWidget(widget, 1)
        super().setCentralWidget(frame)

    def _timer(
        self, interval_ms: int, on_timeout: Callable[[], object], *, single_shot: bool = False
    ) -> QTimer:
        """A timer of this window, not started; it is stopped when the window shuts down."""
        timer = QTimer(self)
        timer.setSingleShot(single_shot)
        timer.setInterval(interval_ms)
        timer.timeout.connect(on_timeout)
        self._timers.append(timer)
        return timer

    def _watch_session(self) -> None:
        """Start showing the session's readings (call once, when the window is built)."""
        self._session.read_failed.connect(self._on_read_failed)
        self._session.connection_changed.connect(self._on_connection_changed)
        if not self._session.connected:
            self._on_connection_changed(False, "")
        connect_view(self._session, self._show)

    # -- what a subclass says ----------------------------------------------------------------

    def _show(self, view: LiveView) -> None:
        raise NotImplementedError

    def _on_read_failed(self, error: str) -> None:
        """A reading failed and the session is retrying; by default nothing is shown."""

    def _on_connection_changed(self, ok: bool, error: str) -> None:
        """The database was lost (``ok`` False, with the error) or is back: the banner shows or
        hides. A subclass that overrides it calls this one too."""
        if not ok:
            logger.warning("%s: database connection lost: %s", type(self).__name__, error)
        self.connection_banner.setToolTip(error)
        self.connection_banner.setVisible(not ok)

    @property
    def reconnecting(self) -> bool:
        """Whether the window shows that the database is out of reach."""
        return not self.connection_banner.isHidden()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        font = QFont(self.connection_banner.font())
        font.setBold(True)
        font.setPixelSize(max(16, round(event.size().height() * BANNER_HEIGHT_SHARE)))
        self.connection_banner.setFont(font)

    def _extra_shut_down(self) -> None:
        """Let go of whatever else the window holds (after the session is disconnected)."""

    # -- closing -----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        self._shut_down()
        super().closeEvent(event)

    def _shut_down(self) -> None:
        if self._closed:
            return
        self._closed = True
        for timer in self._timers:
            timer.stop()
        self._session.view_changed.disconnect(self._show)
        self._session.read_failed.disconnect(self._on_read_failed)
        self._session.connection_changed.disconnect(self._on_connection_changed)
        self._extra_shut_down()
