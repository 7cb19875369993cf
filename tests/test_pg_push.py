"""PostgreSQL: changes are pushed (LISTEN/NOTIFY) to every screen, and screens ride out a server
restart or a cut network by themselves.

These tests run a PostgreSQL server of their own (a private cluster in a temporary folder, made
with the server binaries ``initdb`` and ``pg_ctl``), because they restart it. Without those
binaries they are skipped. Another PC is another ``open_hall`` on the same database: its events
never reach this process, only its commits (and their NOTIFY) do.
"""

from __future__ import annotations

import contextlib
import select
import socket
import statistics
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from uuid import uuid4

import pytest
from conftest import PASSWORD, FakeClock
from fakes import FakeEngine, FakePlayer, Heard
from pg_server import PgServer, PgUnavailable, private_server
from PySide6.QtWidgets import QApplication
from sqlalchemy import create_engine, make_url
from sqlalchemy.pool import NullPool
from test_ui_display import Board, fast_announcer

from hall import open_hall
from hall.facade import Hall

from ui.counter import Command, CounterWindow
from ui.display import HallDisplayWindow
from ui.fonts import install_cjk_font
from ui.session import HallSession
from ui.worker import DbWorker

SAFETY_POLL_IN_TESTS_MS = 30_000
"""So slow that only a pushed change can arrive within a second."""
PUSHED_WITHIN_S = 1.0
RECONNECTING = "数据库连接中断，正在重新连接…"


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    try:
        with private_server() as server:
            yield server
    except PgUnavailable as why:
        pytest.skip(f"{why}: the LISTEN/NOTIFY and server restart tests need their own server")


@pytest.fixture
def db_url(pg_server: PgServer) -> Iterator[str]:
    """This module's own: a fresh database on the private server (so the tests may restart it)."""
    name = f"hall_push_{uuid4().hex[:12]}"
    # No pool: each statement on a connection of its own, as the server may restart meanwhile.
    admin = create_engine(pg_server.url(), isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    yield pg_server.url(name)
    with admin.connect() as conn:
        conn.exec_driver_sql(f"DROP DATABASE {name} WITH (FORCE)")
    admin.dispose()


@pytest.fixture
def elsewhere(db_url: str, clock: FakeClock, hall: Hall) -> Iterator[Hall]:
    """The same hall opened again: another PC."""
    other = open_hall(db_url, clock=clock)
    yield other
    other.close()


# -- a PC's network, to cut ----------------------------------------------------------------------


class CuttableNetwork:
    """A TCP port on localhost that forwards to the server's Unix socket: one PC's network.

    ``cut()`` drops every connection through it and refuses new ones until ``restore()``, as if
    that PC's cable were pulled while the server and the other PCs go on.
    """

    def __init__(self, upstream: str) -> None:
        self._upstream = upstream
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.1)
        self.port = self._listener.getsockname()[1]
        self._cut = threading.Event()
        self._closed = threading.Event()
        self._lock = threading.Lock()
        self._open: list[socket.socket] = []
        threading.Thread(target=self._accept, name="network", daemon=True).start()

    def url(self, database_url: str) -> str:
        url = make_url(database_url)
        return url.set(host="127.0.0.1", port=self.port, query={}).render_as_string(False)

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            if self._cut.is_set():
                client.close()
                continue
            server = socket.socket(socket.AF_UNIX)
            try:
                server.connect(self._upstream)
            except OSError:
                client.close()
                server.close()
                continue
            with self._lock:
                self._open += [client, server]
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        for end in (source, sink):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        self._cut.set()
        with self._lock:
            dropped, self._open = self._open, []
        for end in dropped:
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)  # wakes its pump, which lets go

    def restore(self) -> None:
        self._cut.clear()

    def close(self) -> None:
        self._closed.set()
        self.cut()
        self._listener.close()


@pytest.fixture
def network(pg_server: PgServer) -> Iterator[CuttableNetwork]:
    net = CuttableNetwork(pg_server.socket_path)
    yield net
    net.close()


@pytest.fixture
def cut_off(network: CuttableNetwork, db_url: str, clock: FakeClock, hall: Hall) -> Iterator[Hall]:
    """The hall opened by a PC that reaches the server through ``network``."""
    here = open_hall(network.url(db_url), clock=clock)
    yield here
    here.close()


# -- screens -------------------------------------------------------------------------------------


@dataclass
class PushBoard(Board):
    session: HallSession | None = None


@dataclass
class Transitions:
    """What a session said about its connection, and whether the window showed it then."""

    seen: list[tuple[bool, bool]]  # (connected, banner shown), in order

    def lost_then_back(self) -> bool:
        return (False, True) in self.seen and self.seen[-1] == (True, False)


OpenBoard = Callable[..., PushBoard]


@pytest.fixture
def open_board(qtbot) -> Iterator[OpenBoard]:  # type: ignore[no-untyped-def]
    """open_board(hall) shows a hall display over a session of its own (safety poll 30 s), with
    a fake voice that speaks at once."""
    opened: list[tuple[HallDisplayWindow, HallSession, DbWorker]] = []

    def open_(hall: Hall) -> PushBoard:
        install_cjk_font(QApplication.instance())  # type: ignore[arg-type]
        heard = Heard()
        announcer = fast_announcer(FakeEngine(heard, auto=True), FakePlayer(heard))
        announced: list = []  # type: ignore[type-arg]
        announcer.started.connect(announced.append)
        worker = DbWorker()
        session = HallSession(hall, worker, poll_interval_ms=SAFETY_POLL_IN_TESTS_MS)
        window = HallDisplayWindow(session, announcer=announcer)
        qtbot.addWidget(window)
        opened.append((window, session, worker))
        window.resize(1366, 768)
        window.show()
        qtbot.waitUntil(lambda: window.windowTitle().startswith("城东供电营业厅"))
        return PushBoard(window, heard, announced, session)

    yield open_
    for window, session, worker in opened:
        window.close()
        window.announcer.close()
        session.close()
        worker.shutdown()


def watch_connection(
    session: HallSession, window: HallDisplayWindow | CounterWindow
) -> Transitions:
    """Record each connection change with the banner as the window shows it right after."""
    transitions = Transitions([])
    session.connection_changed.connect(
        lambda ok, _error: transitions.seen.append((ok, window.reconnecting))
    )
    return transitions


def in_background(action: Callable[[], None]) -> threading.Thread:
    """Run ``action`` (a pg_ctl command) on a thread, so that the GUI goes on meanwhile."""
    thread = threading.Thread(target=action, daemon=True)
    thread.start()
    return thread


# -- pushed changes ------------------------------------------------------------------------------


def _time_pushes(qtbot, session: HallSession, elsewhere: Hall, count: int) -> list[float]:  # type: ignore[no-untyped-def]
    """Seconds from each ticket issued at another PC until this session has read it."""
    guide = elsewhere.sign_in("1001", PASSWORD)
    timings = []
    for _ in range(count):
        assert session.latest is not None
        before = len(session.latest.snapshot.waiting)
        started = time.perf_counter()
        guide.issue_ticket("A")
        qtbot.waitUntil(
            lambda before=before: len(session.latest.snapshot.waiting) == before + 1,  # type: ignore[union-attr]
            timeout=int(PUSHED_WITHIN_S * 1000),
        )
        timings.append(time.perf_counter() - started)
    return timings


def test_a_change_at_another_pc_is_pushed_well_within_the_safety_poll(  # type: ignore[no-untyped-def]
    qtbot, hall: Hall, worker: DbWorker, elsewhere: Hall
) -> None:
    session = HallSession(hall, worker, poll_interval_ms=SAFETY_POLL_IN_TESTS_MS)
    try:
        qtbot.waitUntil(lambda: session.latest is not None)
        assert session.pushed
        timings = _time_pushes(qtbot, session, elsewhere, count=10)
        print(  # shown with -s: the figures of the report
            f"\npushed: median {statistics.median(timings) * 1000:.1f} ms,"
            f" max {max(timings) * 1000:.1f} ms over {len(timings)} changes"
        )
        assert max(timings) < PUSHED_WITHIN_S
    finally:
        session.close()


def test_a_change_whose_notification_is_lost_is_found_by_the_safety_poll(  # type: ignore[no-untyped-def]
    qtbot, hall: Hall, worker: DbWorker, elsewhere: Hall, monkeypatch
) -> None:
    session = HallSession(hall, worker, poll_interval_ms=300)
    try:
        qtbot.waitUntil(lambda: session.latest is not None)
        monkeypatch.setattr(elsewhere.database, "is_postgresql", False)  # it sends no NOTIFY
        elsewhere.sign_in("1001", PASSWORD).issue_ticket("A")
        qtbot.waitUntil(lambda: len(session.latest.snapshot.waiting) == 1, timeout=3000)  # type: ignore[union-attr]
    finally:
        session.close()


def test_only_notifications_of_this_hall_count(  # type: ignore[no-untyped-def]
    hall: Hall, db_url: str, clock: FakeClock
) -> None:
    """Several halls may share the server: a change of another one is not this hall's news."""
    watcher = hall.change_watcher()
    west = open_hall(db_url, clock=clock, hall="west")
    try:
        readable = watcher.listen()
        west.setup(
            hall_name="城西供电营业厅", lead_code="9001", lead_name="李", lead_password=PASSWORD
        )
        west.sign_in("9001", PASSWORD).set_notice("城西今日停电")
        heard = 0
        while select.select([readable], [], [], 0.5)[0]:  # until quiet: all of them taken
            heard += 1
            assert not watcher.take_notifications()
        assert heard >= 1
        hall.sign_in("9001", PASSWORD).set_notice("城东通知")
        assert select.select([readable], [], [], 5)[0]
        assert watcher.take_notifications()
        assert not watcher.take_notifications()  # taken
    finally:
        west.close()
        watcher.close()


def test_after_a_server_restart_the_session_listens_again(  # type: ignore[no-untyped-def]
    qtbot, hall: Hall, worker: DbWorker, elsewhere: Hall, pg_server: PgServer
) -> None:
    session = HallSession(hall, worker, poll_interval_ms=SAFETY_POLL_IN_TESTS_MS)
    said: list[tuple[bool, str]] = []
    session.connection_changed.connect(lambda ok, error: said.append((ok, error)))
    try:
        qtbot.waitUntil(lambda: session.latest is not None)
        started = time.perf_counter()
        pg_server.restart()  # blocks this thread: the session notices once it returns
        qtbot.waitUntil(lambda: bool(said) and said[-1][0] and session.connected, timeout=10_000)
        back_after = time.perf_counter() - started
        assert [ok for ok, _ in said] == [False, True]
        assert said[0][1]  # the error that was seen
        # Listening again: a change at another PC arrives at once, not at the 30 s safety poll.
        timings = _time_pushes(qtbot, session, elsewhere, count=3)
        print(
            f"\nrestart + reconnect {back_after:.2f} s; pushed afterwards: max"
            f" {max(timings) * 1000:.1f} ms"
        )
        assert max(timings) < PUSHED_WITHIN_S
    finally:
        session.close()


# -- the hall display through a restart and through a cut network ----------------------------


def test_a_display_keeps_working_through_a_server_restart(  # type: ignore[no-untyped-def]
    qtbot, open_board: OpenBoard, hall: Hall, elsewhere: Hall, guide, pg_server: PgServer
) -> None:
    board = open_board(hall)
    for _ in range(3):
        guide.issue_ticket("A")
    elsewhere.sign_in("2002", PASSWORD, window=2).call_next()
    qtbot.waitUntil(lambda: board.hero()[1] == "A001", timeout=1000)
    qtbot.waitUntil(lambda: [c.number for c in board.announced] == ["A001"])
    assert not board.window.reconnecting
    transitions = watch_connection(board.session, board.window)

    started = time.perf_counter()
    restart = in_background(pg_server.restart)
    qtbot.waitUntil(lambda: (False, True) in transitions.seen, timeout=10_000)
    shown_after = time.perf_counter() - started
    assert board.window.connection_banner.text() == RECONNECTING
    qtbot.waitUntil(lambda: not restart.is_alive(), timeout=30_000)
    qtbot.waitUntil(transitions.lost_then_back, timeout=10_000)
    back_after = time.perf_counter() - started
    assert not board.window.reconnecting
    assert board.hero()[1] == "A001"  # still shown

    # A call at another desk after the restart: on the board and announced, A001 not again.
    elsewhere.sign_in("2003", PASSWORD, window=3).call_next()
    call_started = time.perf_counter()
    qtbot.waitUntil(lambda: board.hero()[1] == "A002", timeout=1000)
    shown_in = time.perf_counter() - call_started
    assert board.hero() == ("正在呼叫", "A002", "请到 3 号窗口")
    qtbot.waitUntil(lambda: [c.number for c in board.announced] == ["A001", "A002"])
    print(
        f"\nbanner after {shown_after:.2f} s, back after {back_after:.2f} s (pg_ctl restart);"
        f" next call shown in {shown_in * 1000:.0f} ms"
    )


def test_a_pc_cut_off_shows_it_refuses_nothing_silently_and_catches_up(  # type: ignore[no-untyped-def]
    qtbot,
    cut_off: Hall,
    open_board: OpenBoard,
    elsewhere: Hall,
    guide,
    network: CuttableNetwork,
    clock: FakeClock,
) -> None:
    # This PC (a display and a counter at window 1) reaches the server through its network; the
    # ticket desk (guide) and the counters at windows 2 and 3 do not.
    board = open_board(cut_off)
    session = board.session
    assert session is not None
    counter = CounterWindow(session, cut_off.sign_in("2001", PASSWORD, window=1))
    qtbot.addWidget(counter)
    counter.show()
    for _ in range(5):
        guide.issue_ticket("A")
    window_2 = elsewhere.sign_in("2002", PASSWORD, window=2)
    window_3 = elsewhere.sign_in("2003", PASSWORD, window=3)
    window_2.call_next()
    qtbot.waitUntil(lambda: [c.number for c in board.announced] == ["A001"], timeout=1000)
    on_board = watch_connection(session, board.window)
    on_counter = watch_connection(session, counter)

    network.cut()
    qtbot.waitUntil(lambda: board.window.reconnecting and counter.reconnecting, timeout=5000)
    assert on_board.seen == [(False, True)] and on_counter.seen == [(False, True)]
    assert counter.connection_banner.text() == RECONNECTING

    # The clerk here presses 呼叫下一位: the error is shown, nothing changes.
    qtbot.waitUntil(lambda: counter.actions_by_command[Command.CALL_NEXT].isEnabled())
    counter.actions_by_command[Command.CALL_NEXT].trigger()
    qtbot.waitUntil(lambda: not counter.busy, timeout=10_000)
    assert counter.message().startswith("操作失败")
    assert counter.current_ticket is None
    assert [t.number for t in elsewhere.snapshot().open if t.window == 1] == []

    # Meanwhile the hall goes on: A002 at window 3; two minutes later A003 at window 2.
    window_3.call_next()
    clock.advance(minutes=2)
    window_2.no_show()
    window_2.call_next()

    network.restore()
    qtbot.waitUntil(on_board.lost_then_back, timeout=10_000)
    assert on_counter.lost_then_back()
    qtbot.waitUntil(lambda: board.hero()[1] == "A003", timeout=1000)
    assert board.recent()[:2] == [("A002", "3号窗口"), ("A001", "2号窗口")]
    # All shown, but only the call of the last minute is said: A002 is two minutes old.
    qtbot.waitUntil(lambda: len(board.announced) == 2)
    assert [c.number for c in board.announced] == ["A001", "A003"]

    # The counter here works again.
    counter.actions_by_command[Command.CALL_NEXT].trigger()
    qtbot.waitUntil(lambda: counter.current_ticket is not None, timeout=5000)
    assert counter.current_ticket.number == "A004"  # type: ignore[union-attr]
    assert not counter.message().startswith("操作失败")
    qtbot.waitUntil(lambda: [c.number for c in board.announced][-1:] == ["A004"])
    counter.close()
