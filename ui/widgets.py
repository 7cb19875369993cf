"""Small widgets and style helpers the workstation screens share."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

logger = logging.getLogger(__name__)

DIALOG_STYLE = """
QDialog { font-size: 18px; background: #ffffff; }
#title { font-size: 24px; font-weight: bold; color: #111827; }
#dialogError { font-size: 17px; background: #fde8e6; color: #8a1c12; border: 1px solid #f0b4ad;
    border-radius: 4px; padding: 6px 10px; }
QPushButton:default { background: #00665f; color: #ffffff; border: none; border-radius: 4px; }
QPushButton:default:disabled { background: #9ca3af; }
"""
"""What the counter's and the lead's dialogs share: large type, the title, the refusal box and
the teal default button. Each dialog adds its own rules after it."""


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


class ReasonChoice(QWidget):
    """Why something is done: preset reasons as radio buttons, and 其他 with a line to type.

    ``presets``: (the reason as recorded, the text shown). ``reason()`` is the chosen preset's
    recorded reason, or the typed text with its spaces tidied; None while there is none.
    """

    changed = Signal()

    def __init__(self, presets: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._group = QButtonGroup(self)
        self.presets: list[QRadioButton] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for recorded, shown in presets:
            radio = QRadioButton(shown)
            radio.setProperty("reason", recorded)
            self._group.addButton(radio)
            self.presets.append(radio)
            layout.addWidget(radio)
        self._other = QRadioButton(self.tr("其他："))
        self._group.addButton(self._other)
        self.other_text = QLineEdit()
        self.other_text.setMaxLength(100)
        self.other_text.setPlaceholderText(self.tr("请填写原因"))
        other_row = QHBoxLayout()
        other_row.addWidget(self._other)
        other_row.addWidget(self.other_text, 1)
        layout.addLayout(other_row)
        self.other_text.textEdited.connect(lambda _text: self._other.setChecked(True))
        self._other.toggled.connect(lambda on: on and self.other_text.setFocus())
        self._group.buttonToggled.connect(self.changed)
        self.other_text.textChanged.connect(self.changed)

    def reason(self) -> str | None:
        if self._other.isChecked():
            return " ".join(self.other_text.text().split()) or None
        checked = self._group.checkedButton()
        return checked.property("reason") if checked is not None else None
