"""End of shift at the counter (日清日结): today's takings by method, the receipts issued, the
cash that should be in the drawer; the clerk types the cash counted, sees 长款/短款, confirms, and
prints the signed sheet.

Every database call runs on the session's worker; the sheet's PDF is written there too, under
the user data folder (``settlements/<date>/<code>-<time>.pdf``: each settlement keeps its own).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from enum import IntEnum
from pathlib import Path

from platformdirs import user_data_dir
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
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
from hall.errors import InvalidInput
from hall.money import format_yuan, parse_yuan
from hall.settlement import MAX_NOTE_LENGTH, MethodTakings, Settlement, ShiftTakings

from ui.payment_dialog import paint_pdf
from ui.printing import APP_DATA_NAME
from ui.session import HallSession
from ui.table_model import RecordTableModel
from ui.widgets import DIALOG_STYLE, named_label, set_style_property
from ui.worker_calls import WorkerCalls

logger = logging.getLogger(__name__)

STYLE = (
    DIALOG_STYLE
    + """
#who { font-size: 18px; color: #4b5563; }
#fieldTitle { font-size: 17px; color: #4b5563; }
#receiptsInfo { font-size: 17px; color: #1f2937; }
#reversalsInfo { font-size: 15px; color: #6b7280; }
#expected { font-size: 34px; font-weight: bold; color: #111827; }
#difference { font-size: 34px; font-weight: bold; color: #9ca3af; }
#difference[kind="short"] { color: #b42318; }
#difference[kind="over"] { color: #b54708; }
#difference[kind="even"] { color: #0a7a3f; }
#fieldMessage { font-size: 16px; color: #b42318; min-height: 22px; }
#status { font-size: 17px; color: #0b4f49; }
#status[kind="stale"] { color: #b54708; font-weight: bold; }
QTableView { font-size: 17px; gridline-color: #d1d5db; }
QHeaderView::section { font-size: 16px; background: #eef2f3; padding: 4px; border: none;
    border-right: 1px solid #d1d5db; border-bottom: 1px solid #d1d5db; }
QLineEdit { font-size: 22px; padding: 4px; }
#counted { font-size: 30px; }
QPushButton { font-size: 18px; min-height: 42px; padding: 0 22px; }
"""
)


ROW_HEIGHT = 36


def default_settlement_folder() -> Path:
    return Path(user_data_dir(APP_DATA_NAME, appauthor=False)) / "settlements"


def settlement_pdf_path(folder: Path, settlement: Settlement) -> Path:
    """``<folder>/<YYYY-MM-DD>/<code>-<HHMMSS>.pdf``."""
    stamp = f"{settlement.clerk_code}-{settlement.settled_at:%H%M%S}"
    return folder / settlement.day.isoformat() / f"{stamp}.pdf"


class MethodTakingsModel(RecordTableModel[MethodTakings]):
    """The takings table: one row per payment method, then the total."""

    class Columns(IntEnum):
        METHOD = 0
        RECEIPTS = 1
        RECEIVED = 2
        CHANGE = 3
        PREPAID = 4
        REVERSALS = 5
        REVERSED = 6
        NET = 7

    def header_texts(self) -> Mapping[IntEnum, str]:
        c = self.Columns
        return {
            c.METHOD: self.tr("方式"),
            c.RECEIPTS: self.tr("笔数"),
            c.RECEIVED: self.tr("实收"),
            c.CHANGE: self.tr("找零"),
            c.PREPAID: self.tr("转预收"),
            c.REVERSALS: self.tr("冲正笔数"),
            c.REVERSED: self.tr("冲正退还"),
            c.NET: self.tr("净收"),
        }

    def display(self, record: MethodTakings, column: IntEnum) -> str:
        c = self.Columns
        if column == c.METHOD:
            return self.method_name(record.method)
        values = {
            c.RECEIPTS: str(record.receipts),
            c.RECEIVED: format_yuan(record.received_fen),
            c.CHANGE: format_yuan(record.change_fen),
            c.PREPAID: format_yuan(record.prepaid_fen),
            c.REVERSALS: str(record.reversals),
            c.REVERSED: format_yuan(record.reversed_fen),
            c.NET: format_yuan(record.net_fen),
        }
        return values[self.Columns(column)]

    def method_name(self, method: str) -> str:
        names = {
            "cash": self.tr("现金"),
            "card": self.tr("刷卡"),
            "qr": self.tr("扫码"),
        }
        return names.get(method, self.tr("合计"))

    def alignment(self, column: IntEnum) -> Qt.AlignmentFlag | None:
        if column == self.Columns.METHOD:
            return Qt.AlignmentFlag.AlignCenter
        return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

    def bold(self, record: MethodTakings, column: IntEnum) -> bool:
        return record.method == "all" or column == self.Columns.NET

    def background(self, record: MethodTakings, column: IntEnum) -> QColor | None:
        return QColor("#f3f5f7") if record.method == "all" else None


class SettlementDialog(WorkerCalls, QDialog):
    """A clerk's end of shift: today's takings, the cash counted, the settlement and its sheet.

    GUI thread only; reading and settling run on ``session``'s worker, one call at a time.
    Settling again later (a recount, payments taken since) is allowed: the latest stands.
    """

    def __init__(
        self,
        session: HallSession,
        desk: Desk,
        parent: QWidget | None = None,
        *,
        folder: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._desk = desk
        self._folder = folder if folder is not None else default_settlement_folder()
        self._takings: ShiftTakings | None = None
        self._settlement: Settlement | None = None
        self._pdf_path: Path | None = None
        self._busy = False
        self._settled_as_typed = False
        self.setWindowTitle(self.tr("日清日结"))
        self.setMinimumWidth(900)
        self.setStyleSheet(STYLE)
        self._build()
        self._sync()
        self.reload()

    def _build(self) -> None:
        self.title = named_label("title", self.tr("日清日结 · 收费核对"))
        self.who = named_label("who")
        title_row = QHBoxLayout()
        title_row.addWidget(self.title)
        title_row.addStretch(1)
        title_row.addWidget(self.who)

        self.model = MethodTakingsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.receipts_info = named_label("receiptsInfo")
        self.receipts_info.setWordWrap(True)
        self.reversals_info = named_label("reversalsInfo")
        self.reversals_info.setWordWrap(True)

        self.expected = named_label("expected")
        self.counted = QLineEdit()
        self.counted.setObjectName("counted")
        self.counted.setPlaceholderText(self.tr("清点钱箱后输入，如 386.40"))
        self.counted.setMaxLength(20)
        self.counted.setMinimumHeight(54)
        self.counted.textChanged.connect(self._edited)
        self.counted.returnPressed.connect(self.confirm)
        self.counted_message = named_label("fieldMessage")
        self.difference = named_label("difference")
        self.note = QLineEdit()
        self.note.setMaxLength(MAX_NOTE_LENGTH)
        self.note.setPlaceholderText(self.tr("有长款或短款时，请写明原因"))
        self.note.textChanged.connect(self._edited)

        cash = QGridLayout()
        cash.setHorizontalSpacing(14)
        cash.setVerticalSpacing(4)
        cash.addWidget(named_label("fieldTitle", self.tr("应有现金")), 0, 0)
        cash.addWidget(self.expected, 0, 1)
        cash.addWidget(named_label("fieldTitle", self.tr("实点现金")), 1, 0)
        cash.addWidget(self.counted, 1, 1)
        cash.addWidget(self.difference, 1, 2)
        cash.addWidget(self.counted_message, 2, 1, 1, 2)
        cash.addWidget(named_label("fieldTitle", self.tr("备注")), 3, 0)
        cash.addWidget(self.note, 3, 1, 1, 2)
        cash.setColumnStretch(1, 1)
        cash.setColumnMinimumWidth(2, 280)

        self.status = named_label("status")
        self.status.setWordWrap(True)
        self.error = named_label("dialogError")
        self.error.setWordWrap(True)
        self.error.hide()

        self.print_button = QPushButton(self.tr("打印日结单"))
        self.print_button.setAutoDefault(False)
        self.print_button.clicked.connect(self.print_sheet)
        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        self.confirm_button = QPushButton(self.tr("确认结算"))
        self.confirm_button.setDefault(True)
        self.confirm_button.clicked.connect(self.confirm)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.confirm_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.setSpacing(8)
        layout.addLayout(title_row)
        layout.addWidget(self.table)
        layout.addSpacing(4)
        layout.addWidget(self.receipts_info)
        layout.addWidget(self.reversals_info)
        layout.addSpacing(6)
        layout.addLayout(cash)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addLayout(buttons)

    # -- the entry point ---------------------------------------------------------------------

    @classmethod
    def ask(
        cls, session: HallSession, desk: Desk, parent: QWidget | None = None
    ) -> Settlement | None:
        """Run the dialog; the settlement recorded last in it, or None."""
        dialog = cls(session, desk, parent)
        dialog.exec()
        return dialog.settlement

    # -- what other code and tests may look at -----------------------------------------------

    @property
    def takings(self) -> ShiftTakings | None:
        return self._takings

    @property
    def settlement(self) -> Settlement | None:
        """The settlement recorded in this dialog, if one was (the latest)."""
        return self._settlement

    @property
    def pdf_path(self) -> Path | None:
        """Where the sheet of the latest settlement was written, if it was."""
        return self._pdf_path

    @property
    def busy(self) -> bool:
        return self._busy

    # -- the takings -------------------------------------------------------------------------

    def reload(self) -> None:
        if not self._busy:
            self._run(self._desk.shift_takings, self._show_takings)

    def _show_takings(self, takings: ShiftTakings) -> None:
        self._takings = takings
        self.who.setText(
            self.tr("{name}（工号 {code}） {day}").format(
                name=takings.clerk_name, code=takings.clerk_code, day=takings.day.isoformat()
            )
        )
        self.model.sync([*takings.by_method, takings.total], key=lambda line: line.method)
        frame = 2 * self.table.frameWidth()
        header = self.table.horizontalHeader().sizeHint().height()
        self.table.setFixedHeight(header + ROW_HEIGHT * self.model.rowCount() + frame)
        if takings.receipts:
            self.receipts_info.setText(
                self.tr(
                    "今日收据 {count} 张（缴费 {paid}，冲正 {reversed}），起号 {first}，止号 {last}"
                ).format(
                    count=takings.receipt_count,
                    paid=takings.receipt_count - len(takings.reversals),
                    reversed=len(takings.reversals),
                    first=takings.first_receipt,
                    last=takings.last_receipt,
                )
            )
        else:
            self.receipts_info.setText(self.tr("今日尚未开出收据"))
        self.reversals_info.setText(
            "；".join(
                self.tr("冲正 {number}（原收据 {original}，{method}退还 {amount}）").format(
                    number=r.number,
                    original=r.reverses or "",
                    method=self.model.method_name(r.method),
                    amount=format_yuan(r.kept_fen),
                )
                for r in takings.reversals
            )
        )
        self.reversals_info.setVisible(bool(takings.reversals))
        self.expected.setText(format_yuan(takings.expected_cash_fen))
        self._show_status()
        if not self.counted.text():
            self.counted.setFocus()

    def _show_status(self) -> None:
        takings = self._takings
        latest = takings.settlement if takings is not None else None
        if takings is None or latest is None:
            self.status.setText("")
            set_style_property(self.status, "kind", "")
            return
        text = self.tr("今日已结算 {times} 次，最近一次 {at}：实点 {counted}，{result}").format(
            times=len(takings.settlements),
            at=f"{latest.settled_at:%H:%M}",
            counted=format_yuan(latest.counted_cash_fen),
            result=self._result_text(latest.difference_fen),
        )
        if takings.needs_settling:
            text += "\n" + self.tr("此后又开出了收据，请重新清点结算")
        if self._pdf_path is not None:
            text += "\n" + self.tr("日结单已保存：{path}").format(path=str(self._pdf_path))
        self.status.setText(text)
        set_style_property(self.status, "kind", "stale" if takings.needs_settling else "done")

    def _result_text(self, difference_fen: int) -> str:
        if difference_fen > 0:
            return self.tr("长款 {amount}").format(amount=format_yuan(difference_fen))
        if difference_fen < 0:
            return self.tr("短款 {amount}").format(amount=format_yuan(-difference_fen))
        return self.tr("相符")

    # -- the cash counted --------------------------------------------------------------------

    def _counted_fen(self) -> int | str | None:
        """The cash typed in fen, or why it is not an amount, or None while nothing is typed."""
        text = self.counted.text()
        if not text.strip():
            return None
        try:
            return parse_yuan(text)
        except InvalidInput as error:
            return error.message

    def _edited(self, *_: object) -> None:
        self._settled_as_typed = False
        self._sync()

    def _sync(self) -> None:
        counted = self._counted_fen()
        self.counted_message.setText(counted if isinstance(counted, str) else "")
        takings = self._takings
        if isinstance(counted, int) and takings is not None:
            difference = counted - takings.expected_cash_fen
            self.difference.setText(self._result_text(difference))
            kind = "over" if difference > 0 else "short" if difference < 0 else "even"
        else:
            self.difference.setText("")
            kind = ""
        set_style_property(self.difference, "kind", kind)
        self.confirm_button.setEnabled(
            isinstance(counted, int)
            and takings is not None
            and not self._busy
            and not self._settled_as_typed
        )
        self.counted.setEnabled(takings is not None and not self._busy)
        self.print_button.setEnabled(self._pdf_path is not None and not self._busy)

    # -- settling ----------------------------------------------------------------------------

    def confirm(self) -> None:
        """Record the count as typed; does nothing while busy, when invalid or already recorded."""
        counted = self._counted_fen()
        if not self.confirm_button.isEnabled() or not isinstance(counted, int):
            return
        desk, folder, note = self._desk, self._folder, self.note.text()

        def settle() -> tuple[Settlement, ShiftTakings, Path | None]:
            """Worker thread: the settlement, the takings with it, and the sheet's PDF (the
            settlement stands even if its PDF cannot be written)."""
            settlement = desk.settle_shift(counted, note)
            takings = desk.shift_takings(settlement.day)
            path = settlement_pdf_path(folder, settlement)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                takings.write_pdf(path)
            except Exception:
                logger.exception("could not write the settlement sheet %s", path)
                return settlement, takings, None
            return settlement, takings, path

        self._run(settle, self._settled)

    def _settled(self, result: tuple[Settlement, ShiftTakings, Path | None]) -> None:
        settlement, takings, path = result
        self._settlement = settlement
        self._pdf_path = path
        self._settled_as_typed = True
        self._show_takings(takings)
        if path is None:
            self._show_error(self.tr("结算已记录，但日结单PDF未能保存"))

    def print_sheet(self) -> None:
        if self._pdf_path is None:
            return
        reason = self.send_to_printer(self._pdf_path, self)
        if reason is None:
            self.status.setText(self.status.text() + "\n" + self.tr("日结单已送打印机"))
        else:
            self._show_error(reason)

    @staticmethod
    def send_to_printer(pdf_path: Path, parent: QWidget | None = None) -> str | None:
        """Print the A4 sheet on a printer the clerk chooses; None when sent, else why not (in
        Chinese). Tests patch this."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        chooser = QPrintDialog(printer, parent)
        if chooser.exec() != QDialog.DialogCode.Accepted:
            return QCoreApplication.translate(
                "SettlementDialog", "未打印，日结单PDF已保存：{path}"
            ).format(path=str(pdf_path))
        return paint_pdf(printer, pdf_path)

    def reject(self) -> None:
        if self._busy:
            return  # a settlement's answer is awaited
        super().reject()
