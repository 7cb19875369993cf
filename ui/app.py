"""The application: workstations opened by signing in, several of them in one process if the
hall wants (a small hall runs the ticket desk and the hall display on one PC with two screens).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMainWindow

from hall.demo import DEMO_PASSWORD, DEMO_STAFF
from hall.desk import Desk
from hall.errors import HallError

from ui.announcer import Announcer
from ui.counter import CounterWindow
from ui.display import HallDisplayWindow
from ui.lead_console import LeadConsoleWindow
from ui.printing import SlipPrinter
from ui.rating_pad import RatingPadWindow
from ui.session import HallSession
from ui.signin import SignInDialog, StationKind, Workstation
from ui.ticket_desk import TicketDeskWindow

logger = logging.getLogger(__name__)


class HallDeskApp(QObject):
    """Opens workstations for signed-in staff and signs them out when their window closes."""

    def __init__(
        self,
        session: HallSession,
        *,
        demo: bool = False,
        announcer: Announcer | None = None,
        slip_printer: SlipPrinter | None = None,
    ) -> None:
        """``announcer`` and ``slip_printer``: the devices to use (default: the PC's own)."""
        super().__init__(session)
        self.session = session
        self.demo = demo
        self.announcer = announcer
        self.slip_printer = slip_printer
        self.windows: dict[QMainWindow, Desk] = {}

    def open_workstation(self) -> QMainWindow | None:
        """Ask who signs in where; open that workstation. None when the sign-in was cancelled."""
        signed_in = SignInDialog.ask(
            self.session,
            demo_accounts=DEMO_STAFF if self.demo else (),
            demo_password=DEMO_PASSWORD if self.demo else "",
        )
        if signed_in is None:
            return None
        return self.open(*signed_in)

    def open(self, desk: Desk, station: Workstation) -> QMainWindow:
        window = self._build(desk, station)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        another = QAction(self.tr("打开其他工作站…"), window)
        another.setShortcut(QKeySequence("Ctrl+N"))
        another.triggered.connect(self.open_workstation)
        window.addAction(another)
        window.installEventFilter(self)
        self.windows[window] = desk
        if station.kind is StationKind.DISPLAY:
            self._show_on_hall_screen(window)
        else:
            # Fill the screen even where no window manager maximizes (a kiosk PC, Xvfb).
            window.setGeometry(window.screen().availableGeometry())
            window.showMaximized()
        return window

    def _build(self, desk: Desk, station: Workstation) -> QMainWindow:
        session = self.session
        if station.kind is StationKind.TICKET_DESK:
            return TicketDeskWindow(session, desk, slip_printer=self.slip_printer)
        if station.kind is StationKind.COUNTER:
            return CounterWindow(session, desk)
        if station.kind is StationKind.DISPLAY:
            return HallDisplayWindow(session, announcer=self.announcer)
        if station.kind is StationKind.RATING_PAD:
            assert station.window is not None
            return RatingPadWindow(session, station.window)
        return LeadConsoleWindow(session, desk)

    @staticmethod
    def _show_on_hall_screen(window: QMainWindow) -> None:
        """Full screen on the last screen: the hall's TV when the PC has two."""
        screen = QGuiApplication.screens()[-1]
        window.setScreen(screen)
        window.setGeometry(screen.geometry())
        window.showFullScreen()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Close and watched in self.windows:
            desk = self.windows.pop(watched)  # type: ignore[call-overload]
            self.session.run(desk.sign_out, on_error=self._sign_out_failed)
        return False

    @staticmethod
    def _sign_out_failed(error: Exception) -> None:
        # The open ticket stays with its window; the clerk finds it there on signing in again.
        message = error.message if isinstance(error, HallError) else str(error)
        logger.warning("sign-out refused: %s", message)
