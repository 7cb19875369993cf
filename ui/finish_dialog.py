"""Finishing a service at the counter: how it ended, and a note.

This is the plain form every business uses until its own form (application, payment, ...) is
built; those forms will be opened from the same place, ``CounterWindow._ask_finish``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from hall.queue import MAX_NOTE_LENGTH
from hall.records import Outcome, Ticket

from ui.widgets import set_style_property

logger = logging.getLogger(__name__)

STYLE = """
QDialog { font-size: 18px; background: #ffffff; }
#title { font-size: 24px; font-weight: bold; color: #111827; }
#sectionTitle { font-size: 16px; font-weight: bold; color: #374151; }
QRadioButton { font-size: 20px; padding: 6px 4px; }
QRadioButton::indicator { width: 22px; height: 22px; }
QPlainTextEdit { font-size: 18px; border: 1px solid #c5ccd4; border-radius: 4px; }
#counter { font-size: 14px; color: #6b7280; }
#counter[over="true"] { color: #b42318; font-weight: bold; }
QPushButton { font-size: 18px; min-height: 40px; padding: 0 22px; }
QPushButton:default { background: #0a7a3f; color: #ffffff; border: none; border-radius: 4px; }
QPushButton:default:disabled { background: #9ca3af; }
"""


@dataclass(frozen=True, slots=True)
class FinishChoice:
    """What the clerk chose when finishing: the outcome and an optional note."""

    outcome: Outcome
    note: str | None


class FinishDialog(QDialog):
    """Asks how the service of ``ticket`` ended (已办结 / 未办结需再来 / 已转办) and for a note.

    Use ``ask``; tests patch it. GUI thread only; touches no database.
    """

    def __init__(
        self,
        ticket: Ticket,
        business_name: str,
        *,
        and_call_next: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("办结"))
        self.setMinimumWidth(560)
        self.setStyleSheet(STYLE)

        title = QLabel(
            self.tr("办结 {number} · {business}").format(
                number=ticket.number, business=business_name
            )
        )
        title.setObjectName("title")

        self._outcomes = QButtonGroup(self)
        self._radios: dict[Outcome, QRadioButton] = {}
        outcome_texts = {
            Outcome.SERVED: self.tr("已办结"),
            Outcome.UNRESOLVED: self.tr("未办结，需再来"),
            Outcome.REFERRED: self.tr("已转办（如95598）"),
        }
        for outcome, text in outcome_texts.items():
            radio = QRadioButton(text)
            self._radios[outcome] = radio
            self._outcomes.addButton(radio)
        self._radios[Outcome.SERVED].setChecked(True)
        self._outcomes.buttonToggled.connect(self._outcome_toggled)

        note_title = QLabel(self.tr("备注（可不填）"))
        note_title.setObjectName("sectionTitle")
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(110)
        self.note.textChanged.connect(self._note_changed)
        self._counter = QLabel()
        self._counter.setObjectName("counter")
        self._counter.setAlignment(Qt.AlignmentFlag.AlignRight)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("办结并呼叫下一位") if and_call_next else self.tr("办结"))
        ok.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addSpacing(6)
        for radio in self._radios.values():
            layout.addWidget(radio)
        layout.addSpacing(6)
        layout.addWidget(note_title)
        layout.addWidget(self.note)
        layout.addWidget(self._counter)
        layout.addWidget(self.buttons)
        self._outcome_toggled()
        self._note_changed()

    @classmethod
    def ask(
        cls,
        ticket: Ticket,
        business_name: str,
        *,
        and_call_next: bool = False,
        parent: QWidget | None = None,
    ) -> FinishChoice | None:
        """Run the dialog; the clerk's choice, or None when they cancelled."""
        dialog = cls(ticket, business_name, and_call_next=and_call_next, parent=parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.choice()

    def choice(self) -> FinishChoice:
        outcome = next(o for o, radio in self._radios.items() if radio.isChecked())
        note = " ".join(self.note.toPlainText().split())
        return FinishChoice(outcome, note or None)

    def select(self, outcome: Outcome) -> None:
        self._radios[outcome].setChecked(True)

    def _outcome_toggled(self, *_: object) -> None:
        hints = {
            Outcome.SERVED: self.tr("例如：已缴清电费"),
            Outcome.UNRESOLVED: self.tr("例如：缺少房产证明，已一次性告知所需材料"),
            Outcome.REFERRED: self.tr("例如：已转95598，工单号…"),
        }
        self.note.setPlaceholderText(hints[self.choice().outcome])

    def _note_changed(self) -> None:
        length = len(" ".join(self.note.toPlainText().split()))
        over = length > MAX_NOTE_LENGTH
        self._counter.setText(
            self.tr("{length}/{limit} 字").format(length=length, limit=MAX_NOTE_LENGTH)
        )
        set_style_property(self._counter, "over", over)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not over)
