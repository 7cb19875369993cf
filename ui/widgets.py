"""Small widgets and style helpers the workstation screens share."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

logger = logging.getLogger(__name__)


def named_label(name: str, text: str = "") -> QLabel:
    """A label styled through its object name (see the screen's style sheet)."""
    label = QLabel(text)
    label.setObjectName(name)
    return label


class ElidedLabel(QLabel):
    """A one-line label that ends in "…" when it is too narrow; the whole text is its tooltip."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._full_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def full_text(self) -> str:
        return self._full_text

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        self._full_text = text
        self.setToolTip(text)
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._elide()

    def _elide(self) -> None:
        metrics = self.fontMetrics()
        shown = metrics.elidedText(self._full_text, Qt.TextElideMode.ElideRight, self.width())
        super().setText(shown)


def repolish(*widgets: QWidget) -> None:
    """Apply the style sheet again to ``widgets``, after a dynamic property it selects on
    changed."""
    for widget in widgets:
        widget.style().unpolish(widget)
        widget.style().polish(widget)


def set_style_property(widget: QWidget, name: str, value: object, *restyled: QWidget) -> None:
    """Set ``widget``'s dynamic property ``name``, which the style sheet selects on; when that
    changes it, apply the style sheet again to ``widget`` and to ``restyled`` (the widgets whose
    rules depend on it, such as ``#card[state="busy"] #title``)."""
    if widget.property(name) != value:
        widget.setProperty(name, value)
        repolish(widget, *restyled)
