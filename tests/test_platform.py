"""The Qt binding holds up in an app that runs all day."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_updating_labels_all_day_leaks_no_references(qtbot) -> None:  # type: ignore[no-untyped-def]
    """PySide6 6.12.0 drops a reference to None on every call returning nothing; on Python 3.11
    (where None is not immortal) a hall display aborts within minutes. Pinned below 6.12."""
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for second in range(1000):  # the clock and ticker of a display, for a while
        label.setText(str(second))
    assert abs(sys.getrefcount(None) - before) < 100
