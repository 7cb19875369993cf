"""Today's receipts at the counter: reprint one (重打) or reverse a payment (冲正) with a shift
lead's code and password.

Every database call runs on the session's worker, and the receipt's PDF is written there, under
the user data folder like the payment dialog's; printing goes to this counter's receipt printer
the same way (``PaymentDialog.send_to_printer``).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Mapping
from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hall.desk import Desk
from hall.errors import HallError
from hall.money import format_yuan
from hall.payments import MAX_REASON_LENGTH
from hall.records import Receipt
from hall.settlement import ReceiptSummary

from ui.payment_dialog import (
    PaymentDialog,
    ReadAloudButton,
    Speaker,
    default_receipt_folder,
    write_receipt_copy,
)
from ui.session import HallSession
from ui.table_model import RecordTableModel
from ui.widgets import DIALOG_STYLE, named_label

logger = logging.getLogger(__name__)

STYLE = (
    DIALOG_STYLE
    + """
#fieldTitle { font-size: 17px; color: #4b5563; }
#panel { background: #f7f9fa; border: 1px solid #d1d5db; border-radius: 6px; }
#panelTitle { font-size: 19px; font-weight: bold; color: #111827; }
#panelError { font-size: 16px; color: #b42318; font-weight: bold; }
#readback { font-size: 22px; font-weight: bold; color: #00524c; background: #e6f2f1;
    border-radius: 6px; padding: 8px 12px; }
#note { font-size: 16px; color: #4b5563; }
QTableView { font-size: 17px; }
QHeaderView::section { font-size: 16px; background: #eef2f3; padding: 4px; border: none;
    border-right: 1px solid #d1d5db; border-bottom: 1px solid #d1d5db; }
QLineEdit { font-size: 19px; padding: 3px; }
QCheckBox { font-size: 17px; }
QPushButton { font-size: 18px; min-height: 40px; padding: 0 18px; }
"""
)

REVERSAL_RED = QColor("#b42318")
REVERSED_GREY = QColor("#9ca3af")


class ReceiptsModel(RecordTableModel[ReceiptSummary]):
    """The day's receipts, one row each, in number order."""

    class Columns(IntEnum):
        NUMBER = 0
        TIME = 1
        ACCOUNT = 2
        NAME = 3
        METHOD = 4
        AMOUNT = 5
        CLERK = 6
        STATE = 7

    def header_texts(self) -> Mapping[IntEnum, str]:
        c = self.Columns
        return {
            c.NUMBER: self.tr("收据号"),
            c.TIME: self.tr("时间"),
            c.ACCOUNT: self.tr("户号"),
            c.NAME: self.tr("户名"),
            c.METHOD: self.tr("方式"),
            c.AMOUNT: self.tr("金额"),
            c.CLERK: self.tr("收费员"),
            c.STATE: self.tr("状态"),
        }

    def display(self, record: ReceiptSummary, column: IntEnum) -> str:
        c = self.Columns
        if column == c.NUMBER:
            return record.number
        if column == c.TIME:
            return f"{record.issued_at:%H:%M:%S}"
        if column == c.ACCOUNT:
            return record.account
        if column == c.NAME:
            return record.account_name
        if column == c.METHOD:
            return {"cash": self.tr("现金"), "card": self.tr("刷卡"), "qr": self.tr("扫码")}[
                record.method
            ]
        if column == c.AMOUNT:
            sign = -1 if record.kind == "reversal" else 1
            return format_yuan(sign * record.kept_fen)
        if column == c.CLERK:
            return record.clerk_name
        if record.kind == "reversal":
            return self.tr("冲正（原 {number}）").format(number=record.reverses or "")
        if record.reversed_by:
            return self.tr("已冲正（{number}）").format(number=record.reversed_by)
        return self.tr("缴费")

    def alignment(self, column: IntEnum) -> Qt.AlignmentFlag | None:
        if column == self.Columns.AMOUNT:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

    def foreground(self, record: ReceiptSummary, column: IntEnum) -> QColor | None:
        if record.kind == "reversal":
            return REVERSAL_RED
        return REVERSED_GREY if record.reversed_by else None


class ReceiptsDialog(QDialog):
    """The receipts issued today by this desk's cashier (or at every counter), with 重打 and
    冲正. GUI thread only; each database call runs on ``session``'s worker, one at a time."""

    def __init__(
        self,
        session: HallSession,
        desk: Desk,
        parent: QWidget | None = None,
        *,
        receipt_folder: Path | None = None,
        speaker: Speaker | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._desk = desk
        self._folder = receipt_folder if receipt_folder is not None else default_receipt_folder()
        self._speaker = speaker
        self._busy = False
        self._reversing: ReceiptSummary | None = None
        self._result: Receipt | None = None
        self._result_pdf: Path | None = None
        self.setWindowTitle(self.tr("今日收据"))
        self.setMinimumSize(1040, 640)
        self.setStyleSheet(STYLE)
        self._build()
        self._sync()
        self.reload()

    def _build(self) -> None:
        self.all_counters = QCheckBox(self.tr("显示全厅各窗口的收据"))
        self.all_counters.toggled.connect(self.reload)
        title_row = QHBoxLayout()
        title_row.addWidget(named_label("title", self.tr("今日收据 · 重打与冲正")))
        title_row.addStretch(1)
        title_row.addWidget(self.all_counters)

        self.model = ReceiptsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(34)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ReceiptsModel.Columns.NAME, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._sync)
        self.table.doubleClicked.connect(self.reprint)

        self.reprint_button = QPushButton(self.tr("重打收据"))
        self.reprint_button.setAutoDefault(False)
        self.reprint_button.clicked.connect(self.reprint)
        self.reverse_button = QPushButton(self.tr("冲正…"))
        self.reverse_button.setAutoDefault(False)
        self.reverse_button.clicked.connect(self.start_reversal)
        refresh = QPushButton(self.tr("刷新"))
        refresh.setAutoDefault(False)
        refresh.clicked.connect(self.reload)
        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        actions = QHBoxLayout()
        actions.addWidget(self.reprint_button)
        actions.addWidget(self.reverse_button)
        actions.addStretch(1)
        actions.addWidget(refresh)
        actions.addWidget(self.close_button)

        self.error = named_label("dialogError")
        self.error.setWordWrap(True)
        self.error.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.setSpacing(10)
        layout.addLayout(title_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self._build_reversal())
        layout.addWidget(self._build_result())
        layout.addWidget(self.error)

    def _build_reversal(self) -> QWidget:
        self.reversal_panel = QFrame()
        self.reversal_panel.setObjectName("panel")
        self.reversal_title = named_label("panelTitle")
        self.lead_code = QLineEdit()
        self.lead_code.setMaxLength(32)
        self.lead_code.setPlaceholderText(self.tr("值班长工号"))
        self.lead_password = QLineEdit()
        self.lead_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.lead_password.setPlaceholderText(self.tr("值班长密码"))
        self.lead_password.returnPressed.connect(self.confirm_reversal)
        self.reason = QLineEdit()
        self.reason.setMaxLength(MAX_REASON_LENGTH)
        self.reason.setPlaceholderText(self.tr("如：户号输错、重复收费"))
        self.reversal_error = named_label("panelError")
        self.reversal_error.setWordWrap(True)
        for field in (self.lead_code, self.lead_password, self.reason):
            field.textChanged.connect(self._sync)
        self.confirm_reversal_button = QPushButton(self.tr("确认冲正"))
        self.confirm_reversal_button.setDefault(True)
        self.confirm_reversal_button.clicked.connect(self.confirm_reversal)
        cancel = QPushButton(self.tr("取消"))
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.cancel_reversal)

        grid = QGridLayout(self.reversal_panel)
        grid.setContentsMargins(14, 10, 14, 10)
        grid.setHorizontalSpacing(10)
        grid.addWidget(self.reversal_title, 0, 0, 1, 6)
        grid.addWidget(named_label("fieldTitle", self.tr("冲正原因")), 1, 0)
        grid.addWidget(self.reason, 1, 1, 1, 5)
        grid.addWidget(named_label("fieldTitle", self.tr("值班长授权")), 2, 0)
        grid.addWidget(self.lead_code, 2, 1)
        grid.addWidget(self.lead_password, 2, 2)
        grid.addWidget(cancel, 2, 4)
        grid.addWidget(self.confirm_reversal_button, 2, 5)
        grid.addWidget(self.reversal_error, 3, 0, 1, 6)
        grid.setColumnStretch(3, 1)
        self.reversal_panel.hide()
        return self.reversal_panel

    def _build_result(self) -> QWidget:
        self.result_panel = QFrame()
        self.result_panel.setObjectName("panel")
        self.result_title = named_label("panelTitle")
        self.result_readback = named_label("readback")
        self.result_readback.setWordWrap(True)
        self.read_aloud_button = ReadAloudButton(self._speaker)
        self.print_result_button = QPushButton(self.tr("打印收据"))
        self.print_result_button.setAutoDefault(False)
        self.print_result_button.clicked.connect(self.print_result)
        self.result_note = named_label("note")
        self.result_note.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.result_title, 1)
        top.addWidget(self.read_aloud_button)
        top.addWidget(self.print_result_button)
        layout = QVBoxLayout(self.result_panel)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.addLayout(top)
        layout.addWidget(self.result_readback)
        layout.addWidget(self.result_note)
        self.result_panel.hide()
        return self.result_panel

    # -- what other code and tests may look at -----------------------------------------------

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def receipts(self) -> tuple[ReceiptSummary, ...]:
        return self.model.records

    @property
    def selected(self) -> ReceiptSummary | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record_at(rows[0].row()) if rows else None

    @property
    def result_receipt(self) -> Receipt | None:
        """The receipt reprinted or the reversal receipt issued last in this dialog."""
        return self._result

    @property
    def result_pdf(self) -> Path | None:
        return self._result_pdf

    def select(self, number: str) -> None:
        """Select the receipt with this number (if listed)."""
        for row, record in enumerate(self.model.records):
            if record.number == number:
                self.table.selectRow(row)
                return

    # -- the list ----------------------------------------------------------------------------

    def reload(self) -> None:
        if self._busy:
            return
        call = functools.partial(self._desk.receipts, mine=not self.all_counters.isChecked())
        self._run(call, self._loaded)

    def _loaded(self, receipts: tuple[ReceiptSummary, ...]) -> None:
        self.model.sync(receipts, key=lambda r: r.number)
        # Inserted rows do not make the header fit its columns to them again; this does.
        self.model.headerDataChanged.emit(
            Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1
        )
        if self._reversing is not None:
            self._reversing = next(
                (r for r in receipts if r.number == self._reversing.number), self._reversing
            )

    def _sync(self, *_: object) -> None:
        chosen = self.selected
        idle = not self._busy
        self.reprint_button.setEnabled(idle and chosen is not None)
        self.reverse_button.setEnabled(
            idle and chosen is not None and chosen.kind == "payment" and not chosen.reversed_by
        )
        self.all_counters.setEnabled(idle)
        filled = all(f.text().strip() for f in (self.lead_code, self.lead_password, self.reason))
        self.confirm_reversal_button.setEnabled(idle and filled and self._reversing is not None)
        self.print_result_button.setEnabled(idle and self._result_pdf is not None)

    # -- reprint -----------------------------------------------------------------------------

    def reprint(self, *_: object) -> None:
        """Reprint the selected receipt (marked 重打) and send it to the receipt printer."""
        chosen = self.selected
        if self._busy or chosen is None:
            return
        desk, folder = self._desk, self._folder

        def reprint() -> tuple[Receipt, Path | None]:
            receipt = desk.reprint_receipt(chosen.number)
            return receipt, write_receipt_copy(folder, receipt)

        self._run(reprint, self._reprinted)

    def _reprinted(self, result: tuple[Receipt, Path | None]) -> None:
        receipt, path = result
        self._show_result(receipt, path, self.tr("重打收据 {number}").format(number=receipt.number))
        self.print_result()

    # -- reversal ----------------------------------------------------------------------------

    def start_reversal(self) -> None:
        chosen = self.selected
        if self._busy or chosen is None or chosen.kind != "payment" or chosen.reversed_by:
            return
        self._reversing = chosen
        self.reversal_title.setText(
            self.tr("冲正收据 {number}：{name}（{account}），{method} {amount}").format(
                number=chosen.number,
                name=chosen.account_name,
                account=chosen.account,
                method=self.model.display(chosen, ReceiptsModel.Columns.METHOD),
                amount=format_yuan(chosen.kept_fen),
            )
        )
        self.reversal_error.setText("")
        self.lead_password.clear()
        self.reversal_panel.show()
        self.reason.setFocus()
        self._sync()

    def cancel_reversal(self) -> None:
        if self._busy:
            return
        self._reversing = None
        self.lead_password.clear()
        self.reversal_panel.hide()
        self._sync()

    def confirm_reversal(self) -> None:
        """Reverse the payment with the lead's code and password as typed; a refusal is shown in
        the form and changes nothing."""
        target = self._reversing
        if not self.confirm_reversal_button.isEnabled() or target is None:
            return
        desk, folder = self._desk, self._folder
        number = target.number
        code, password, reason = (
            self.lead_code.text().strip(),
            self.lead_password.text(),
            self.reason.text(),
        )

        def reverse() -> tuple[Receipt, Path | None]:
            receipt = desk.reverse_payment(
                number, lead_code=code, lead_password=password, reason=reason
            )
            return receipt, write_receipt_copy(folder, receipt)

        self.reversal_error.setText("")
        self._run(reverse, self._reversed, on_refused=self._reversal_refused)

    def _reversal_refused(self, error: HallError) -> None:
        self.reversal_error.setText(error.message)
        self.lead_password.clear()
        self.lead_password.setFocus()

    def _reversed(self, result: tuple[Receipt, Path | None]) -> None:
        receipt, path = result
        self._reversing = None
        self.lead_password.clear()
        self.reason.clear()
        self.reversal_panel.hide()
        self._show_result(
            receipt,
            path,
            self.tr("冲正收据 {number}：退还 {amount}").format(
                number=receipt.number, amount=format_yuan(receipt.kept_fen)
            ),
        )
        self.reload()

    # -- the receipt produced ----------------------------------------------------------------

    def _show_result(self, receipt: Receipt, path: Path | None, title: str) -> None:
        self._result = receipt
        self._result_pdf = path
        self.result_title.setText(title)
        self.result_readback.setText(receipt.readback)
        self.read_aloud_button.set_sentence(receipt.readback)
        if path is None:
            self.result_note.setText(self.tr("收据PDF未能保存，请再次重打"))
        else:
            self.result_note.setText(self.tr("收据已保存：{path}").format(path=str(path)))
        self.result_panel.show()

    def print_result(self) -> None:
        if self._result_pdf is None:
            return
        reason = PaymentDialog.send_to_printer(self._result_pdf)
        self.result_note.setText(reason if reason is not None else self.tr("收据已送打印机"))

    # -- running calls -----------------------------------------------------------------------

    def _run(
        self,
        call: Callable[[], Any],
        on_done: Callable[[Any], None],
        *,
        on_refused: Callable[[HallError], None] | None = None,
    ) -> None:
        self._busy = True
        self.error.hide()
        self._sync()
        self._session.run(
            call,
            on_done=functools.partial(self._done, on_done),
            on_error=functools.partial(self._failed, on_refused),
            context=self,
        )

    def _done(self, on_done: Callable[[Any], None], result: object) -> None:
        self._busy = False
        on_done(result)
        self._sync()

    def _failed(self, on_refused: Callable[[HallError], None] | None, error: Exception) -> None:
        self._busy = False
        if isinstance(error, HallError):
            logger.info("receipts dialog refused: %s (%s)", error.message, error.code)
            if on_refused is not None:
                on_refused(error)
            else:
                self._show_error(error.message)
        else:
            self._show_error(self.tr("操作失败，请重试或联系值班长：{error}").format(error=error))
        self._sync()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def reject(self) -> None:
        if self._busy:
            return  # a reprint or reversal is under way: its receipt must be seen
        super().reject()
