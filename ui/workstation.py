"""What every workstation window shares: it shows the live readings of the process's HallSession
and lets go of them when it closes."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QWidget

from ui.session import HallSession, LiveView, connect_view

logger = logging.getLogger(__name__)


class WorkstationWindow(QMainWindow):
    """A main window over ``session``. GUI thread only.

    A subclass builds its widgets, then calls ``_watch_session``: from then on ``_show`` gets the
    latest reading (at once, if there is one) and every new one, and ``_on_read_failed`` the
    error of every failed reading. Closing the window shuts it down once: the timers made with
    ``_timer`` stop, the session's signals are disconnected, then ``_extra_shut_down`` runs.
    """

    def __init__(self, session: HallSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._hall = session.hall
        self._closed = False
        self._timers: list[QTimer] = []

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
        connect_view(self._session, self._show)

    # -- what a subclass says ----------------------------------------------------------------

    def _show(self, view: LiveView) -> None:
        raise NotImplementedError

    def _on_read_failed(self, error: str) -> None:
        """A reading failed and the session is retrying; by default nothing is shown."""

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
        self._extra_shut_down()
