"""Announcements of what changed, as plain Python events.

The core emits an event after the change is committed, in the thread that made the change. The UI
bridges them into Qt signals; the hall display listens for calls. Changes made by other processes
are not seen here: screens also watch the database (``Hall.change_watcher``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from hall.records import EventCode, Ticket, TicketId

logger = logging.getLogger(__name__)


class HallEvent:
    """Base of every event."""


@dataclass(frozen=True, slots=True)
class TicketIssued(HallEvent):
    ticket: Ticket


@dataclass(frozen=True, slots=True)
class TicketCalled(HallEvent):
    """A number was called to a window: announce it. ``recall`` is true for 重呼."""

    ticket: Ticket
    window: int
    recall: bool


@dataclass(frozen=True, slots=True)
class TicketMoved(HallEvent):
    """Any other change of a ticket: started, parked, no-show, back in the queue, transferred."""

    ticket: Ticket
    code: EventCode


@dataclass(frozen=True, slots=True)
class TicketFinished(HallEvent):
    ticket: Ticket


@dataclass(frozen=True, slots=True)
class WindowPaused(HallEvent):
    window: int
    reason: str


@dataclass(frozen=True, slots=True)
class WindowResumed(HallEvent):
    window: int


@dataclass(frozen=True, slots=True)
class DayClosed(HallEvent):
    """Tickets of ``day`` left unserved were closed (at the day's end or by the lead)."""

    day: date
    closed: int


@dataclass(frozen=True, slots=True)
class RatingRecorded(HallEvent):
    ticket_id: TicketId
    window: int | None
    level: int


@dataclass(frozen=True, slots=True)
class SetupChanged(HallEvent):
    """Business types, windows, staff or hall settings were edited."""

    what: str


E = TypeVar("E", bound=HallEvent)
Handler = Callable[[HallEvent], None]


class EventBus:
    """Typed publish/subscribe. Thread-safe; a failing handler is logged, the others still run."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._handlers: list[tuple[type[HallEvent], Handler]] = []

    def subscribe(self, event_type: type[E], handler: Callable[[E], None]) -> Callable[[], None]:
        """Call ``handler`` for each event of ``event_type`` or a subclass; returns unsubscribe."""
        entry = (event_type, handler)
        with self._lock:
            self._handlers.append(entry)  # type: ignore[arg-type]

        def unsubscribe() -> None:
            with self._lock:
                if entry in self._handlers:
                    self._handlers.remove(entry)  # type: ignore[arg-type]

        return unsubscribe

    def emit(self, event: HallEvent) -> None:
        with self._lock:
            handlers = [h for t, h in self._handlers if isinstance(event, t)]
        for handler in handlers:
            try:
                handler(event)
            except Exception:
                logger.exception("event handler %r failed on %r", handler, event)
