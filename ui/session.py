"""What the workstations of one process share: the hall, its database worker, the bridge of
core events, and one live reading of the hall that is kept current for every screen.

Refreshing: this process's own changes (through the bridge) trigger a re-read at once. Changes
made by other processes:
- SQLite: noticed by polling the database's ChangeWatcher (cheap: ``PRAGMA data_version``) every
  ``poll_interval_ms`` (400 ms) on the database worker; only when it reports a change is the hall
  re-read.
- PostgreSQL: pushed. The watcher LISTENs on a connection of its own; a QSocketNotifier on its
  socket wakes the GUI thread when a write transaction's NOTIFY arrives, and the hall is re-read
  at once. The poll stays as a safety net, every 5 s.
At most one read is in flight; requests arriving meanwhile are folded into one more read. Calls
are read back from the event log, so a display announces calls made at any PC.

Losing the database (the server restarts, the network fails): the session says so at once
(``connection_changed(False, error)``), stops reading, and tries again after 0.25, 0.5, 1, 2,
then every 5 s (listening again first). When the database answers it reads the hall in full and
says ``connection_changed(True, "")``: calls made meanwhile are shown, and only those of the last
minute are announced. A desk call that fails meanwhile changes nothing (its transaction never
commits) and reports its error to its screen as any failed call does.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

from db.engine import ConnectionLost
from hall.errors import HallError
from hall.facade import Hall
from hall.records import CallNotice, QueueSnapshot

from ui.bridge import HallBridge
from ui.worker import DbWorker

logger = logging.getLogger(__name__)

POLL_INTERVAL_MS = 400
"""How often other processes' changes are looked for when they are not pushed (SQLite)."""
SAFETY_POLL_MS = 5000
"""How often they are looked for anyway when they are pushed (PostgreSQL): one may be missed."""
RECONNECT_DELAYS_MS = (250, 500, 1000, 2000, 5000)
"""Waits before each new attempt to reach a lost database; the last one repeats."""
CATCH_UP_ANNOUNCE = timedelta(minutes=1)
"""Calls made while this PC could not reach the database are shown when it is back; only those
made within this time before are also announced (a customer called long ago is not called
again)."""
RECENT_CALLS = 10
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class LiveView:
    """One consistent reading of the hall, as every screen shows it."""

    hall_name: str
    snapshot: QueueSnapshot
    read_at: datetime
    recent_calls: tuple[CallNotice, ...]
    """The latest calls of the day, oldest first."""
    new_calls: tuple[CallNotice, ...]
    """Calls made since the previous reading (none in the first): what to announce. After the
    database was out of reach, only those of the last ``CATCH_UP_ANNOUNCE``."""


class LiveFeed:
    """Reads the hall for the screens. Worker thread only, one call at a time, except
    ``take_notifications`` (the GUI thread, which watches the socket)."""

    def __init__(self, hall: Hall) -> None:
        self._hall = hall
        self._watcher = hall.change_watcher()
        self._recent: tuple[CallNotice, ...] | None = None

    @property
    def pushes(self) -> bool:
        """Whether other processes' changes are announced on a socket (see ``connect``)."""
        return bool(getattr(self._watcher, "pushes", False))

    def connect(self, *, catching_up: bool) -> tuple[int | None, LiveView]:
        """Start (again) watching the database, then read the hall in full.

        Returns the socket to watch for pushed changes (None when they are polled) and the
        reading. Listening starts before the reading, so no change falls between the two.
        """
        socket = None
        if self.pushes:
            self._watcher.reset()
            socket = self._watcher.listen()
        view = self.poll(force=True, catching_up=catching_up)
        assert view is not None
        return socket, view

    def take_notifications(self) -> bool:
        """Whether a change was pushed since the last call; never blocks. GUI thread.

        Raises ConnectionLost when the listening connection broke."""
        return self._watcher.take_notifications()

    def poll(self, *, force: bool, catching_up: bool = False) -> LiveView | None:
        """A fresh reading if the database changed since the last poll (or ``force``), else None.

        ``catching_up``: the first reading after the database was out of reach; calls made
        meanwhile are all shown, but only the recent ones are in ``new_calls``.
        """
        changed = self._watcher.changed()
        if not (changed or force):
            return None
        snapshot = self._hall.snapshot()
        now = self._hall.clock()
        if self._recent is None:  # the first reading: show the latest calls, announce none
            new: tuple[CallNotice, ...] = ()
            recent = self._hall.calls_since(limit=RECENT_CALLS)
        else:
            last = self._recent[-1].event_id if self._recent else None
            new = self._hall.calls_since(last, limit=100)
            recent = (self._recent + new)[-RECENT_CALLS:]
            if catching_up:
                new = tuple(c for c in new if c.at >= now - CATCH_UP_ANNOUNCE)
        zone = self._hall.zone
        self._recent = tuple(c for c in recent if c.at.astimezone(zone).date() == snapshot.day)
        return LiveView(snapshot.hall_name, snapshot, now, self._recent, new)

    def close(self) -> None:
        self._watcher.close()


class HallSession(QObject):
    """One open hall shared by the screens of this process. GUI thread only.

    Screens connect to ``view_changed`` (a LiveView, emitted after every change anywhere) and run
    their own database calls through ``run`` so that they are ordered with the readings. They
    show ``connection_changed`` (False with the error while the database cannot be reached, True
    when it is back); ``read_failed`` reports every other reading that failed (the session reads
    again at the next poll).
    """

    view_changed = Signal(object)
    read_failed = Signal(str)
    connection_changed = Signal(bool, str)

    def __init__(
        self,
        hall: Hall,
        worker: DbWorker | None = None,
        *,
        poll_interval_ms: int | None = None,
        parent: QObject | None = None,
    ) -> None:
        """``poll_interval_ms``: how often to look for other processes' changes; by default
        ``POLL_INTERVAL_MS`` when they are polled, ``SAFETY_POLL_MS`` when they are pushed."""
        super().__init__(parent)
        self.hall = hall
        self.worker = worker or DbWorker(self)
        self._owns_worker = worker is None
        self.bridge = HallBridge(hall.events, self)
        self.latest: LiveView | None = None
        self._feed = LiveFeed(hall)
        self._pushed = self._feed.pushes
        self._in_flight = False
        self._force_next = False
        self._closed = False
        self._connected = True
        self._needs_connect = True  # the first reading starts the watching
        self._catching_up = False
        self._attempts = 0
        self._notifier: QSocketNotifier | None = None
        self.bridge.changed.connect(self.refresh)
        if poll_interval_ms is None:
            poll_interval_ms = SAFETY_POLL_MS if self._pushed else POLL_INTERVAL_MS
        self._poll_timer = QTimer(self)
        self._poll_timer.setInterval(poll_interval_ms)
        self._poll_timer.timeout.connect(lambda: self._request(force=False))
        self._poll_timer.start()
        self._retry_timer = QTimer(self)
        self._retry_timer.setSingleShot(True)
        self._retry_timer.timeout.connect(lambda: self._request(force=True))
        self.refresh()

    @property
    def connected(self) -> bool:
        """False from a lost connection until the database has answered again."""
        return self._connected

    @property
    def pushed(self) -> bool:
        """Whether other processes' changes are pushed (PostgreSQL), not only polled."""
        return self._pushed

    def run(
        self,
        call: Callable[[], R],
        *,
        on_done: Callable[[R], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        context: QObject | None = None,
    ) -> None:
        """Run ``call`` (which must not touch widgets) on the database worker.

        A call that fails because the database cannot be reached also starts the reconnecting
        (every screen then shows it), before ``on_error`` gets the error.
        """

        def failed(error: Exception) -> None:
            if self._is_connection_error(error):
                self._lose_connection(_first_line(error))
            if on_error is not None:
                on_error(error)
            elif isinstance(error, HallError):
                logger.warning("database call refused: %s (%s)", error.message, error.code)

        self.worker.submit(call, on_done=on_done, on_error=failed, context=context)

    def refresh(self) -> None:
        """Read the hall again now, changed or not (once the database answers, if it does not)."""
        self._request(force=True)

    # -- reading -----------------------------------------------------------------------------

    def _request(self, *, force: bool) -> None:
        self._force_next = self._force_next or force
        if self._closed or self._in_flight or self._retry_timer.isActive():
            return  # picked up when the read in flight returns, or at the next attempt
        self._in_flight = True
        force_now, self._force_next = self._force_next, False
        if self._needs_connect:
            job: Callable[[], Any] = functools.partial(
                self._feed.connect, catching_up=self._catching_up
            )
            on_done: Callable[[Any], None] = self._on_connected
        else:
            job = functools.partial(self._feed.poll, force=force_now)
            on_done = self._on_polled
        self.worker.submit(
            functools.partial(self._unless_unreachable, job),
            on_done=functools.partial(self._unless_failed, on_done),
            on_error=self._on_poll_failed,
            context=self,
        )

    def _unless_unreachable(self, job: Callable[[], Any]) -> Any:
        """Worker thread: ``job``'s result, or the error if the database cannot be reached
        (expected while it is away: logged once by the session, not as a failed call)."""
        try:
            return job()
        except Exception as error:
            if self._is_connection_error(error):
                return _Unreachable(error)
            raise

    def _unless_failed(self, on_done: Callable[[Any], None], result: Any) -> None:
        if isinstance(result, _Unreachable):
            self._on_poll_failed(result.error)
        else:
            on_done(result)

    def _on_connected(self, result: tuple[int | None, LiveView]) -> None:
        socket, view = result
        self._needs_connect = False
        self._catching_up = False
        self._attempts = 0
        if socket is not None:
            self._watch_socket(socket)
        back = not self._connected
        self._connected = True
        self._on_polled(view)
        if back:
            logger.info("the database answers again; the hall has been read anew")
            self.connection_changed.emit(True, "")

    def _on_polled(self, view: LiveView | None) -> None:
        self._in_flight = False
        if self._force_next or self._needs_connect:
            # Queued before whatever the screens ask for when shown this reading (which is
            # already behind a change), so that their own reads never see newer data first.
            self._request(force=True)
        if view is not None:
            self.latest = view
            self.view_changed.emit(view)

    def _on_poll_failed(self, error: Exception) -> None:
        self._in_flight = False
        self._force_next = True  # read in full once the database answers again
        message = _first_line(error)
        if self._is_connection_error(error):  # said by connection_changed, once
            if not self._connected:
                logger.info("the database is still out of reach: %s", message)
            self._lose_connection(message)
            return
        self.read_failed.emit(message)
        if self._needs_connect and self._pushed:
            self._retry_later()  # could not start listening: try again, backing off
        # Otherwise the next poll reads again.

    # -- the connection ----------------------------------------------------------------------

    def _is_connection_error(self, error: Exception) -> bool:
        return self.hall.database.is_connection_error(error)

    def _lose_connection(self, message: str) -> None:
        """The database cannot be reached: say so once, stop listening, try again later."""
        if self._closed:
            return
        self._stop_watching_socket()
        self._needs_connect = True
        if self._connected:
            self._connected = False
            self._catching_up = True
            logger.warning("lost the database connection, reconnecting: %s", message)
            self.connection_changed.emit(False, message)
        if not self._in_flight:  # else the read in flight fails or returns, then this retries
            self._retry_later()

    def _retry_later(self) -> None:
        if self._closed or self._retry_timer.isActive():
            return
        delay = RECONNECT_DELAYS_MS[min(self._attempts, len(RECONNECT_DELAYS_MS) - 1)]
        self._attempts += 1
        self._retry_timer.start(delay)

    def _watch_socket(self, socket: int) -> None:
        self._stop_watching_socket()
        self._notifier = QSocketNotifier(socket, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_socket_ready)

    def _stop_watching_socket(self) -> None:
        if self._notifier is not None:
            notifier, self._notifier = self._notifier, None
            notifier.setEnabled(False)
            notifier.deleteLater()

    def _on_socket_ready(self) -> None:
        notifier = self._notifier
        if notifier is None or self._closed:
            return
        notifier.setEnabled(False)  # the socket may be closed below: not watched meanwhile
        try:
            changed = self._feed.take_notifications()
        except ConnectionLost as lost:
            self._lose_connection(str(lost))
            return
        notifier.setEnabled(True)
        if changed:
            self._request(force=True)

    # -- closing -----------------------------------------------------------------------------

    def close(self) -> None:
        """Stop polling and listening. Safe to call more than once."""
        if self._closed:
            return
        self._closed = True
        self._poll_timer.stop()
        self._retry_timer.stop()
        self._stop_watching_socket()
        self.bridge.close()
        if self.worker.closed:
            self._feed.close()
        else:
            self.worker.submit(self._feed.close)  # after any read still queued
        if self._owns_worker:
            self.worker.shutdown()


@dataclass(frozen=True, slots=True)
class _Unreachable:
    error: Exception


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def connect_view(session: HallSession, receiver: Callable[[LiveView], Any]) -> None:
    """Call ``receiver`` with the latest reading now (if any) and after every change."""
    session.view_changed.connect(receiver)
    if session.latest is not None:
        receiver(session.latest)
