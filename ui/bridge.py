"""The bridge from the core's plain-Python events to Qt signals in the GUI thread."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, Signal, Slot

from hall.events import EventBus, HallEvent, TicketCalled

logger = logging.getLogger(__name__)


class HallBridge(QObject):
    """Re-emits every event of one hall's EventBus as Qt signals, always in the GUI thread.

    The core emits an event in whichever thread committed the change (usually the DbWorker's);
    the bridge only queues it there, and emits its signals when the GUI thread's event loop
    delivers it. Changes made by other processes never arrive here: screens also poll the
    database's ChangeWatcher for those.
    """

    hall_event = Signal(object)
    """A HallEvent committed in this process. (Not named ``event``: that is QObject's handler.)"""
    changed = Signal()
    """Something changed in this process (emitted after ``hall_event``)."""
    ticket_called = Signal(object)
    """A TicketCalled event: a number to announce."""

    _arrived = Signal(object)

    def __init__(self, events: EventBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._arrived.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        unsubscribe = events.subscribe(HallEvent, self._on_core_event)
        self._unsubscribe = unsubscribe
        # A plain function, not a method: it must still work while this object is being deleted.
        self.destroyed.connect(lambda *_: unsubscribe())

    def close(self) -> None:
        """Stop listening. Safe to call more than once."""
        self._unsubscribe()

    def _on_core_event(self, event: HallEvent) -> None:
        """Any thread: hand the event over to the GUI thread."""
        self._arrived.emit(event)

    @Slot(object)
    def _deliver(self, event: HallEvent) -> None:
        logger.debug("hall event %r", event)
        self.hall_event.emit(event)
        if isinstance(event, TicketCalled):
            self.ticket_called.emit(event)
        self.changed.emit()
