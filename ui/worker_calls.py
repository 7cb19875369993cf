"""Running a dialog's database calls on the session's worker, one at a time."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel

from hall.errors import HallError

from ui.session import HallSession

logger = logging.getLogger(__name__)


class WorkerCalls:
    """For a dialog with ``_session``, ``_busy``, an ``error`` label and a ``_sync()`` that
    enables its buttons by ``_busy``: a call in flight keeps the dialog busy (so a double press
    never calls twice), and a refusal shows the core's Chinese message in ``error``."""

    _session: HallSession
    _busy: bool
    error: QLabel

    def _sync(self) -> None:
        raise NotImplementedError

    def _run(self, call: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        self._busy = True
        self.error.hide()
        self._sync()
        self._session.run(
            call,
            on_done=functools.partial(self._call_done, on_done),
            on_error=self._call_failed,
            context=self,  # type: ignore[arg-type]
        )

    def _call_done(self, on_done: Callable[[Any], None], result: object) -> None:
        self._busy = False
        on_done(result)
        self._sync()

    def _call_failed(self, error: Exception) -> None:
        self._busy = False
        if isinstance(error, HallError):
            logger.info("%s refused: %s (%s)", type(self).__name__, error.message, error.code)
            self._show_error(error.message)
        else:
            logger.error("%s failed: %s", type(self).__name__, error)
            self._show_error(self._failure_text(error))
        self._sync()

    def _failure_text(self, error: Exception) -> str:
        """What to tell the clerk when a call fails for a reason other than a refusal."""
        return QCoreApplication.translate(
            "WorkerCalls", "操作失败，请重试或联系值班长：{error}"
        ).format(error=error)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
