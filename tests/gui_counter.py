"""A counter workstation in a process of its own, for the end-to-end test.

    python tests/gui_counter.py DB_URL CLERK_CODE PASSWORD WINDOW ISO_TIME

Opens the hall offscreen at a fixed time, signs the clerk in at the window, presses F1 once and
prints the number the counter then shows.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from hall import open_hall  # noqa: E402

from ui.counter import CounterWindow  # noqa: E402
from ui.session import HallSession  # noqa: E402


def main() -> int:
    url, code, password, window_text, when = sys.argv[1:6]
    at = datetime.fromisoformat(when)
    app = QApplication([])
    hall = open_hall(url, clock=lambda: at)
    session = HallSession(hall)
    window = CounterWindow(session, hall.sign_in(code, password, window=int(window_text)))
    window.show()
    window.activateWindow()
    shown: list[str] = []

    def press_when_ready() -> None:
        if session.latest is None or QApplication.activeWindow() is not window:
            QTimer.singleShot(20, press_when_ready)
            return
        QTest.keyClick(window, Qt.Key.Key_F1)
        QTimer.singleShot(20, report_when_called)

    def report_when_called() -> None:
        ticket = window.current_ticket
        if ticket is None:
            QTimer.singleShot(20, report_when_called)
            return
        shown.append(window.panel.number.text())
        app.quit()

    QTimer.singleShot(0, press_when_ready)
    QTimer.singleShot(20_000, app.quit)
    app.exec()
    window.close()
    session.close()
    hall.close()
    print(shown[0] if shown else "")
    return 0 if shown else 1


if __name__ == "__main__":
    sys.exit(main())
