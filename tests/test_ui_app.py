"""End to end: one morning at the hall through the app's own workstations."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import PASSWORD, FakeClock
from fakes import FakeEngine, FakePlayer, FakeSlipPrinter, Heard
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from hall.facade import Hall
from hall.records import Outcome, TicketStatus

from ui.announcer import Announcer
from ui.app import HallDeskApp
from ui.counter import Command, CounterWindow
from ui.display import HallDisplayWindow
from ui.finish_dialog import FinishChoice, FinishDialog
from ui.fonts import install_cjk_font
from ui.rating_pad import RatingPadWindow
from ui.session import HallSession
from ui.signin import StationKind, Workstation
from ui.ticket_desk import TicketDeskWindow

ROOT = Path(__file__).resolve().parent.parent
WITHIN_ONE_SECOND_MS = 1000


@pytest.fixture
def hall_app(qtbot, hall: Hall, tmp_path: Path) -> Iterator[tuple[HallDeskApp, Heard]]:  # type: ignore[no-untyped-def]
    install_cjk_font(QApplication.instance())  # type: ignore[arg-type]
    heard = Heard()
    announcer = Announcer(
        FakeEngine(heard, auto=True), player=FakePlayer(heard), pause_ms=5, gap_ms=5
    )
    printer = FakeSlipPrinter(
        QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat), tmp_path / "slips"
    )
    session = HallSession(hall)
    app = HallDeskApp(session, announcer=announcer, slip_printer=printer)
    yield app, heard
    for window in list(app.windows):
        window.close()
    qtbot.waitUntil(lambda: not session.worker.busy)
    session.close()


def press(qtbot, window: CounterWindow, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    """A key pressed at the counter, the window the clerk is working in."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, key)


def latest_call(display: HallDisplayWindow) -> tuple[str, str]:
    """The newest call as the big panel shows it: number, and where to go."""
    return display.hero_number.text(), display.hero_window.text()


def open_station(qtbot, app: HallDeskApp, code: str, station: Workstation):  # type: ignore[no-untyped-def]
    window_number = station.window if station.kind is StationKind.COUNTER else None
    window = app.open(app.session.hall.sign_in(code, PASSWORD, window=window_number), station)
    qtbot.addWidget(window)
    return window


def test_a_customer_from_ticket_to_rating(qtbot, hall_app, hall: Hall, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    app, heard = hall_app
    desk = open_station(qtbot, app, "1001", Workstation(StationKind.TICKET_DESK))
    counter = open_station(qtbot, app, "2001", Workstation(StationKind.COUNTER, 1))
    display = open_station(qtbot, app, "9001", Workstation(StationKind.DISPLAY))
    pad = open_station(qtbot, app, "9001", Workstation(StationKind.RATING_PAD, 1))
    assert isinstance(desk, TicketDeskWindow) and isinstance(counter, CounterWindow)
    assert isinstance(display, HallDisplayWindow) and isinstance(pad, RatingPadWindow)
    qtbot.waitUntil(lambda: "A" in desk.business_buttons)

    # The guide touches 电费缴纳 twice: two slips, and the counter sees them waiting.
    for _ in range(2):
        qtbot.waitUntil(lambda: desk.business_buttons["A"].isEnabled())
        qtbot.mouseClick(desk.business_buttons["A"], Qt.MouseButton.LeftButton)
    printer = app.slip_printer
    assert printer is not None
    qtbot.waitUntil(lambda: [s.number for s in printer.printed] == ["A001", "A002"])

    # F1 at window 1: the display shows the call and the hall hears it, twice, within a second.
    # F1 works once the counter has seen the tickets waiting (it reads the hall in the background).
    qtbot.waitUntil(lambda: counter.actions_by_command[Command.CALL_NEXT].isEnabled())
    press(qtbot, counter, Qt.Key.Key_F1)
    qtbot.waitUntil(
        lambda: latest_call(display) == ("A001", "请到 1 号窗口"), timeout=WITHIN_ONE_SECOND_MS
    )
    qtbot.waitUntil(lambda: heard.said() == ["请A零零一号到一号窗口办理业务"] * 2)
    assert heard.sounds[0] == ("chime",)

    # F9 finishes with the outcome chosen on the form; the pad at window 1 asks the customer.
    monkeypatch.setattr(
        FinishDialog,
        "ask",
        classmethod(lambda cls, *a, **k: FinishChoice(Outcome.SERVED, "已缴清")),
    )
    qtbot.waitUntil(lambda: counter.current_ticket is not None and not counter.busy)
    press(qtbot, counter, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: pad.level_buttons[5].isVisible(), timeout=WITHIN_ONE_SECOND_MS * 2)
    qtbot.mouseClick(pad.level_buttons[5], Qt.MouseButton.LeftButton)
    first = hall.snapshot()
    qtbot.waitUntil(lambda: hall.awaiting_rating(1) is None)
    assert [t.number for t in first.waiting] == ["A002"]

    # Closing the counter signs the clerk out of window 1.
    counter.close()
    qtbot.waitUntil(lambda: hall.snapshot().windows[0].clerk is None)


def test_two_counters_in_two_processes_never_share_a_ticket(  # type: ignore[no-untyped-def]
    qtbot, hall_app, hall: Hall, guide, db_url: str, clock: FakeClock
) -> None:
    app, heard = hall_app
    counter = open_station(qtbot, app, "2001", Workstation(StationKind.COUNTER, 1))
    display = open_station(qtbot, app, "9001", Workstation(StationKind.DISPLAY))
    for _ in range(3):
        guide.issue_ticket("A")
    # F1 works once the counter has seen the tickets waiting (it reads the hall in the background).
    qtbot.waitUntil(lambda: counter.actions_by_command[Command.CALL_NEXT].isEnabled())
    press(qtbot, counter, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: counter.current_ticket is not None)
    assert counter.current_ticket.number == "A001"

    other = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tests" / "gui_counter.py"),
            db_url,
            "2002",
            PASSWORD,
            "2",
            clock.now.isoformat(),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert other.returncode == 0, other.stderr
    assert other.stdout.strip() == "A002"
    # This process's display learns of the other PC's call from the database and announces it.
    qtbot.waitUntil(
        lambda: latest_call(display) == ("A002", "请到 2 号窗口"), timeout=WITHIN_ONE_SECOND_MS
    )
    qtbot.waitUntil(lambda: "请A零零二号到二号窗口办理业务" in heard.said())
    open_at = {t.window: t.number for t in hall.snapshot().open}
    assert open_at == {1: "A001", 2: "A002"}
    assert [t.status for t in hall.snapshot().waiting] == [TicketStatus.WAITING]
