"""What the workstations of one process share: the hall, its database worker, the bridge of
core events, and one live reading of the hall that is kept current for every screen.

Refreshing: this process's own changes (through the bridge) trigger a re-read at once; changes
made by other processes are noticed by polling the database's ChangeWatcher (cheap: SQLite's
``PRAGMA data_version``) every ``poll_interval_ms`` on the database worker, and only when it
reports a change is the hall re-read. At most one read is in flight; requests arriving meanwhile
are folded into one more read. Calls are read back from the event log, so a display announces
calls made at any PC.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from hall.facade import Hall
from hall.records import CallNotice, QueueSnapshot

from ui.bridge import HallBridge
from ui.worker import DbWorker

logger = logging.getLogger(__name__)

POLL_INTERVAL_MS = 400
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
    """Calls made since the previous reading (none in the first): what to announce."""


class LiveFeed:
    """Reads the hall for the screens. Worker thread only, one call at a time."""

    def __init__(self, hall: Hall) -> None:
        self._hall = hall
        self._watcher = hall.change_watcher()
        self._recent: tuple[CallNotice, ...] | None = None

    def poll(self, *, force: bool) -> LiveView | None:
        """A fresh reading if the database changed since the last poll (or ``force``), else None."""
        changed = self._watcher.changed()
        if not (changed or force):
            return None
        snapshot = self._hall.snapshot()
        if self._recent is None:  # the first reading: show the latest calls, announce none
            new: tuple[CallNotice, ...] = ()
            recent = self._hall.calls_since(limit=RECENT_CALLS)
        else:
            last = self._recent[-1].event_id if self._recent else None
            new = self._hall.calls_since(last, limit=100)
            recent = (self._recent + new)[-RECENT_CALLS:]
        zone = self._hall.zone
        self._recent = tuple(c for c in recent if c.at.astimezone(zone).date() == snapshot.day)
        return LiveView(snapshot.hall_name, snapshot, self._hall.clock(), self._recent, new)

    def close(self) -> None:
        self._watcher.close()


class HallSession(QObject):
    """One open hall shared by the screens of this process. GUI thread only.

    Screens connect to ``view_changed`` (a LiveView, emitted after every change anywhere) and run
    their own database calls through ``run`` so that they are ordered with the readings.
    """

    view_changed = Signal(object)
    read_failed = Signal(str)

    def __init__(
        self,
        hall: Hall,
        worker: DbWorker | None = None,
        *,
        poll_interval_ms: int = POLL_INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.hall = hall
        self.worker = worker or DbWorker(self)
        self._owns_worker = worker is None
        self.bridge = HallBridge(hall.events, self)
        self.latest: LiveView | None = None
        self._feed = LiveFeed(hall)
        self._in_flight = False
        self._force_next = False
        self._closed = False
        self.bridge.changed.connect(self.refresh)
        self._poll_timer = QTimer(self)
        self._poll_timer.setInterval(poll_interval_ms)
        self._poll_timer.timeout.connect(lambda: self._request(force=False))
        self._poll_timer.start()
        self.refresh()

    def run(
        self,
        call: Callable[[], R],
        *,
        on_done: Callable[[R], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        context: QObject | None = None,
    ) -> None:
        """Run ``call`` (which must not touch widgets) on the database worker."""
        self.worker.submit(call, on_done=on_done, on_error=on_error, context=context)

    def refresh(self) -> None:
        """Read the hall again now, changed or not."""
        self._request(force=True)

    def _request(self, *, force: bool) -> None:
        self._force_next = self._force_next or force
        if self._closed or self._in_flight:
            return  # a forced request is picked up when the read in flight returns
        self._in_flight = True
        force_now, self._force_next = self._force_next, False
        self.worker.submit(
            functools.partial(self._feed.poll, force=force_now),
            on_done=self._on_polled,
            on_error=self._on_poll_failed,
            context=self,
        )

    def _on_polled(self, view: LiveView | None) -> None:
        self._in_flight = False
        if view is not None:
            self.latest = view
            self.view_changed.emit(view)
        if self._force_next:
            self._request(force=True)

    def _on_poll_failed(self, error: Exception) -> None:
        self._in_flight = False
        self._force_next = True  # read in full once the database answers again
        first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
        self.read_failed.emit(first_line)

    def close(self) -> None:
        """Stop polling and listening. Safe to call more than once."""
        if self._closed:
            return
        self._closed = True
        self._poll_timer.stop()
        self.bridge.close()
        if self.worker.closed:
            self._feed.close()
        else:
            self.worker.submit(self._feed.close)  # after any read still queued
        if self._owns_worker:
            self.worker.shutdown()


def connect_view(session: HallSession, receiver: Callable[[LiveView], Any]) -> None:
    """Call ``receiver`` with the latest reading now (if any) and after every change."""
    session.view_changed.connect(receiver)
    if session.latest is not None:
        receiver(session.latest)
