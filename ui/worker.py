"""Database work off the GUI thread: calls run in order on one background thread, results come
back to the GUI thread by signal."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from shiboken6 import Shiboken

from hall.errors import HallError

logger = logging.getLogger(__name__)

T = TypeVar("T")


class _Relay(QObject):
    """Carries a finished call from the pool thread to the GUI thread."""

    finished = Signal(int, bool, object)  # job id, succeeded, result or exception


class _Call(QRunnable):
    def __init__(self, job_id: int, call: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._job_id = job_id
        self._call = call
        self._relay = relay

    def run(self) -> None:  # the worker thread
        try:
            result = self._call()
        except Exception as exc:
            self._relay.finished.emit(self._job_id, False, exc)
        else:
            self._relay.finished.emit(self._job_id, True, result)


@dataclass(frozen=True)
class _Callbacks:
    on_done: Callable[[Any], None] | None
    on_error: Callable[[Exception], None] | None
    context: QObject | None


class DbWorker(QObject):
    """Runs calls into the hall one at a time, in submission order, on one background thread.

    ``submit`` from the GUI thread; ``on_done(result)`` or ``on_error(exception)`` are then called
    in the GUI thread. One thread at a time means objects that are not thread-safe (a
    ChangeWatcher) may be used by successive calls. A call whose ``context`` QObject has been
    deleted by the time it finishes has its callbacks skipped.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pool.setObjectName("hall-db")
        self._relay = _Relay(self)
        self._relay.finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._ids = itertools.count(1)
        self._waiting: dict[int, _Callbacks] = {}
        self._closed = False

    def submit(
        self,
        call: Callable[[], T],
        *,
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        context: QObject | None = None,
    ) -> None:
        """Queue ``call`` (which must not touch widgets) to run on the worker thread."""
        if self._closed:
            raise RuntimeError("the database worker has been shut down")
        job_id = next(self._ids)
        self._waiting[job_id] = _Callbacks(on_done, on_error, context)
        self._pool.start(_Call(job_id, call, self._relay))

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def busy(self) -> bool:
        """Whether any submitted call has not yet reported back."""
        return bool(self._waiting)

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Drop calls not yet started, wait for the running one; no callback runs afterwards.

        Returns False if the running call did not finish within ``timeout_ms``.
        """
        self._closed = True
        self._pool.clear()
        finished = self._pool.waitForDone(timeout_ms)
        if not finished:
            logger.error("a database call was still running after %d ms at shutdown", timeout_ms)
        self._waiting.clear()
        return finished

    @Slot(int, bool, object)
    def _deliver(self, job_id: int, ok: bool, payload: object) -> None:
        callbacks = self._waiting.pop(job_id, None)
        if callbacks is None or self._closed:
            return
        if callbacks.context is not None and not Shiboken.isValid(callbacks.context):
            return
        if ok:
            if callbacks.on_done is not None:
                callbacks.on_done(payload)
            return
        assert isinstance(payload, Exception)
        if not isinstance(payload, HallError):
            logger.error("database call failed", exc_info=payload)
        if callbacks.on_error is not None:
            callbacks.on_error(payload)
        elif isinstance(payload, HallError):
            logger.warning("database call refused: %s (%s)", payload.message, payload.code)
