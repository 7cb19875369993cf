"""Taking a payment at the counter (收费, 唱收唱付): look up the account, type what was handed
over, read the sentence aloud, confirm, and hand over the receipt.

Every database call (the account, the payment) runs on the session's worker; the receipt's PDF is
written there too, under the user data folder (``receipts/<date>/<number>.pdf``). The sentence
to read aloud can also be spoken by this PC (朗读), through an announcer.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from pathlib import Path

from platformdirs import user_data_dir
from PySide6.QtCore import QCoreApplication, QRectF, QSettings, QSize
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hall.desk import Desk
from hall.errors import Conflict, InvalidInput
from hall.money import format_yuan, parse_yuan, spoken_yuan
from hall.payments import readback
from hall.records import Account, Receipt

from ui.announcer import Announcer, readback_announcer
from ui.printing import APP_DATA_NAME
from ui.session import HallSession
from ui.widgets import DIALOG_STYLE, named_label, set_style_property
from ui.worker_calls import WorkerCalls

logger = logging.getLogger(__name__)

RECEIPT_PRINTER_KEY = "printing/receipt_printer"
"""QSettings key: the receipt printer chosen at this counter ("" = none: PDF copy only)."""
MAX_PRINT_DPI = 300
"""PDF pages are rendered at most this finely for a printer: an A4 page at a printer's 1200 dpi
would be an image of half a gigabyte."""

Speaker = Announcer | Callable[[str], None]
"""What reads a sentence aloud: an announcer, or any callable taking the sentence."""

STYLE = (
    DIALOG_STYLE
    + """
#fieldTitle { font-size: 17px; color: #4b5563; }
#accountInfo { font-size: 19px; color: #1f2937; }
#due { font-size: 40px; font-weight: bold; color: #b42318; }
#prepaid { font-size: 19px; color: #0b4f49; }
#fieldMessage { font-size: 16px; color: #6b7280; min-height: 22px; }
#fieldMessage[kind="error"] { color: #b42318; font-weight: bold; }
#readback { font-size: 26px; font-weight: bold; color: #00524c; background: #e6f2f1;
    border-radius: 6px; padding: 10px 14px; }
#readback[empty="true"] { color: #9ca3af; background: #f3f5f7; font-weight: normal; }
#change { font-size: 40px; font-weight: bold; color: #1d63c9; }
#receiptNumber { font-size: 30px; font-weight: bold; color: #0a7a3f; }
#words { font-size: 24px; font-weight: bold; color: #111827; }
#printNote { font-size: 16px; color: #4b5563; }
QLineEdit { font-size: 22px; padding: 4px; }
#received { font-size: 30px; }
QRadioButton { font-size: 20px; padding: 4px 4px; }
QRadioButton::indicator { width: 22px; height: 22px; }
QPushButton { font-size: 18px; min-height: 42px; padding: 0 22px; }
"""
)


def default_receipt_folder() -> Path:
    return Path(user_data_dir(APP_DATA_NAME, appauthor=False)) / "receipts"


def receipt_pdf_path(folder: Path, receipt: Receipt) -> Path:
    """``<folder>/<YYYY-MM-DD>/<number>.pdf``, the date being the receipt's in hall time; a
    reprint's copy is ``<number>-reprint.pdf`` beside it."""
    name = f"{receipt.number}-reprint" if receipt.reprint else receipt.number
    return folder / receipt.issued_at.date().isoformat() / f"{name}.pdf"


def write_receipt_copy(folder: Path, receipt: Receipt) -> Path | None:
    """Write the receipt's PDF under ``folder``; its path, or None (logged) when it cannot be
    written. Any thread."""
    path = receipt_pdf_path(folder, receipt)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        receipt.write_pdf(path)
    except Exception:
        logger.exception("could not write the PDF of receipt %s", receipt.number)
        return None
    return path


def paint_pdf(printer: QPrinter, pdf_path: Path) -> str | None:
    """Print every page of a PDF on ``printer``, each scaled to the printable area with its
    proportions kept; None when sent, else why not (in Chinese). GUI thread."""
    from PySide6.QtGui import QPainter
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    if document.load(str(pdf_path)) != QPdfDocument.Error.None_:
        return QCoreApplication.translate("PaymentDialog", "无法读取PDF文件：{path}").format(
            path=str(pdf_path)
        )
    painter = QPainter()
    if not painter.begin(printer):
        return QCoreApplication.translate("PaymentDialog", "打印机拒绝了打印任务")
    area = printer.pageLayout().paintRectPixels(printer.resolution())
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    for page in range(document.pageCount()):
        if page:
            printer.newPage()
        points = document.pagePointSize(page)
        scale = min(area.width() / points.width(), area.height() / points.height())
        pixels = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
        target = QRectF(0, 0, points.width() * scale, points.height() * scale)
        painter.drawImage(target, document.render(page, pixels))
    painter.end()
    return None


class ReadAloudButton(QPushButton):
    """朗读: this PC says the sentence set with ``set_sentence`` (the 唱收唱付 read-back), queued
    behind anything it is already saying. ``speaker``: an Announcer, a callable taking the
    sentence, or None for this PC's read-back announcer (made on the first press). When the
    announcer has no voice the button says so and stays disabled."""

    def __init__(self, speaker: Speaker | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(self.tr("朗读"))
        self.setAutoDefault(False)
        self._speaker = speaker
        self._sentence = ""
        self._voice_off = False
        self.clicked.connect(self.read_aloud)
        if isinstance(speaker, Announcer):
            self._watch(speaker)
        self._sync()

    def set_sentence(self, text: str) -> None:
        self._sentence = text
        self._sync()

    def read_aloud(self) -> None:
        if not self._sentence or self._voice_off:
            return
        if self._speaker is None:
            self._speaker = readback_announcer()
            self._watch(self._speaker)
        if isinstance(self._speaker, Announcer):
            self._speaker.say(self._sentence)
        else:
            self._speaker(self._sentence)

    def _watch(self, announcer: Announcer) -> None:
        announcer.voice_unavailable.connect(self._on_voice_off)
        if announcer.voice_off_message:
            self._on_voice_off()

    def _on_voice_off(self, *_: object) -> None:
        self._voice_off = True
        self.setText(self.tr("朗读（本机无语音）"))
        self.setToolTip(self.tr("这台电脑没有可用的中文语音，请口头唱收唱付"))
        self._sync()

    def _sync(self) -> None:
        self.setEnabled(bool(self._sentence) and not self._voice_off)


class PaymentDialog(WorkerCalls, QDialog):
    """Takes one payment of an account's arrears (唱收唱付) for ``desk``.

    Use ``ask``; tests patch it. GUI thread only: the account and the payment are read and written
    on ``session``'s worker, one call at a time, so a double press never pays twice.
    ``speaker`` reads the sentence aloud (朗读; see ReadAloudButton).
    """

    def __init__(
        self,
        session: HallSession,
        desk: Desk,
        account_number: str | None = None,
        *,
        receipt_folder: Path | None = None,
        speaker: Speaker | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._desk = desk
        self._folder = receipt_folder if receipt_folder is not None else default_receipt_folder()
        self._speaker = speaker
        self._account: Account | None = None
        self._busy = False
        self._receipt: Receipt | None = None
        self._pdf_path: Path | None = None
        self.setWindowTitle(self.tr("收费"))
        self.setMinimumWidth(860)
        self.setStyleSheet(STYLE)

        self._pages = QStackedWidget()
        self._pages.addWidget(self._build_form())
        self._pages.addWidget(self._build_done())
        self.error = named_label("dialogError")
        self.error.setWordWrap(True)
        self.error.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.setSpacing(10)
        layout.addWidget(self._pages, 1)
        layout.addWidget(self.error)

        if account_number:
            self.account_field.setText(account_number)
            self.look_up()
        self._sync()

    # -- building ----------------------------------------------------------------------------

    def _build_form(self) -> QWidget:
        page = QWidget()
        title = named_label("title", self.tr("收费 · 唱收唱付"))

        self.account_field = QLineEdit()
        self.account_field.setPlaceholderText(self.tr("输入户号后按回车"))
        self.account_field.setMaxLength(30)
        self.account_field.returnPressed.connect(self.look_up)
        self.account_field.textEdited.connect(self._account_edited)
        self.look_up_button = QPushButton(self.tr("查询"))
        self.look_up_button.setAutoDefault(False)
        self.look_up_button.clicked.connect(self.look_up)
        account_row = QHBoxLayout()
        account_row.addWidget(named_label("fieldTitle", self.tr("户号")))
        account_row.addWidget(self.account_field, 1)
        account_row.addWidget(self.look_up_button)

        self.account_info = named_label("accountInfo")
        self.account_info.setWordWrap(True)
        self.due = named_label("due")
        self.prepaid = named_label("prepaid")
        due_row = QHBoxLayout()
        due_row.addWidget(self.due)
        due_row.addStretch(1)
        due_row.addWidget(self.prepaid)

        self.received = QLineEdit()
        self.received.setObjectName("received")
        self.received.setPlaceholderText(self.tr("客户交来的金额，如 300"))
        self.received.setMaxLength(20)
        self.received.setMinimumHeight(54)
        self.received.textChanged.connect(self._sync)
        self.received_message = named_label("fieldMessage")
        self.received_message.setWordWrap(True)

        self._methods = QButtonGroup(self)
        self.method_radios: dict[str, QRadioButton] = {}
        for method, text in (
            ("cash", self.tr("现金")),
            ("card", self.tr("刷卡")),
            ("qr", self.tr("扫码")),
        ):
            radio = QRadioButton(text)
            self.method_radios[method] = radio
            self._methods.addButton(radio)
        self.method_radios["cash"].setChecked(True)
        self._methods.buttonToggled.connect(self._method_toggled)

        self._excesses = QButtonGroup(self)
        self.excess_radios = {
            "change": QRadioButton(self.tr("找零")),
            "prepay": QRadioButton(self.tr("转预存")),
        }
        for radio in self.excess_radios.values():
            self._excesses.addButton(radio)
        self.excess_radios["change"].setChecked(True)
        self._excesses.buttonToggled.connect(self._sync)

        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(4)
        grid.addWidget(named_label("fieldTitle", self.tr("实收")), 0, 0)
        grid.addWidget(self.received, 0, 1, 1, 4)
        grid.addWidget(self.received_message, 1, 1, 1, 4)
        grid.addWidget(named_label("fieldTitle", self.tr("缴费方式")), 2, 0)
        for column, radio in enumerate(self.method_radios.values(), start=1):
            grid.addWidget(radio, 2, column)
        grid.addWidget(named_label("fieldTitle", self.tr("多收金额")), 3, 0)
        for column, radio in enumerate(self.excess_radios.values(), start=1):
            grid.addWidget(radio, 3, column)
        grid.setColumnStretch(4, 1)

        self.readback = named_label("readback")
        self.readback.setWordWrap(True)
        self.change = named_label("change")

        self.confirm_button = QPushButton(self.tr("确认收费"))
        self.confirm_button.setDefault(True)
        self.confirm_button.clicked.connect(self.confirm)
        cancel = QPushButton(self.tr("取消"))
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.change)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.confirm_button)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addLayout(account_row)
        layout.addWidget(self.account_info)
        layout.addLayout(due_row)
        layout.addLayout(grid)
        self.read_aloud_button = ReadAloudButton(self._speaker)
        layout.addLayout(_readback_title(self.tr("请向客户唱收唱付："), self.read_aloud_button))
        layout.addWidget(self.readback)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    def _build_done(self) -> QWidget:
        page = QWidget()
        self.receipt_number = named_label("receiptNumber")
        self.words = named_label("words")
        self.words.setWordWrap(True)
        self.done_readback = named_label("readback")
        self.done_readback.setWordWrap(True)
        self.done_change = named_label("change")
        self.print_note = named_label("printNote")
        self.print_note.setWordWrap(True)
        self.print_button = QPushButton(self.tr("打印收据"))
        self.print_button.setAutoDefault(False)
        self.print_button.clicked.connect(self.print_receipt)
        self.done_button = QPushButton(self.tr("完成"))
        self.done_button.setDefault(True)
        self.done_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.done_button)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(named_label("title", self.tr("收费成功")))
        layout.addWidget(self.receipt_number)
        layout.addWidget(self.words)
        self.done_read_aloud_button = ReadAloudButton(self._speaker)
        layout.addLayout(
            _readback_title(self.tr("请向客户唱收唱付："), self.done_read_aloud_button)
        )
        layout.addWidget(self.done_readback)
        layout.addWidget(self.done_change)
        layout.addWidget(self.print_note)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    # -- the entry point ---------------------------------------------------------------------

    @classmethod
    def ask(
        cls,
        session: HallSession,
        desk: Desk,
        account_number: str | None = None,
        *,
        parent: QWidget | None = None,
    ) -> Receipt | None:
        """Run the dialog; the receipt of the payment taken, or None when none was taken."""
        dialog = cls(session, desk, account_number, parent=parent)
        dialog.exec()
        return dialog.receipt

    # -- what other code and tests may look at -----------------------------------------------

    @property
    def receipt(self) -> Receipt | None:
        """The receipt of the payment taken in this dialog, if one was."""
        return self._receipt

    @property
    def pdf_path(self) -> Path | None:
        """Where the receipt's PDF was written, if it was."""
        return self._pdf_path

    @property
    def account(self) -> Account | None:
        return self._account

    @property
    def busy(self) -> bool:
        return self._busy

    # -- the account -------------------------------------------------------------------------

    def look_up(self) -> None:
        number = self.account_field.text().strip().replace(" ", "")
        if self._busy or self._receipt is not None:
            return
        if not number:
            self._show_error(self.tr("请输入户号"))
            return
        self._account = None
        self._show_account()
        self._run(functools.partial(self._desk.account, number), self._account_loaded)

    def _account_loaded(self, account: Account) -> None:
        self._account = account
        self._show_account()
        self.received.setFocus()

    def _account_edited(self, _text: str) -> None:
        if self._account is not None:
            self._account = None
            self._show_account()
            self._sync()

    def _show_account(self) -> None:
        account = self._account
        if account is None:
            self.account_info.setText(self.tr("请输入户号并查询"))
            self.due.setText("")
            self.prepaid.setText("")
            return
        phone = account.masked_phone or self.tr("未登记")
        self.account_info.setText(
            self.tr("户名：{name}\n地址：{address}\n电话：{phone}").format(
                name=account.name, address=account.address, phone=phone
            )
        )
        self.due.setText(self.tr("应交 {amount}").format(amount=format_yuan(account.arrears_fen)))
        self.prepaid.setText(
            self.tr("预存余额 {amount}").format(amount=format_yuan(account.prepaid_fen))
        )

    # -- what was handed over ----------------------------------------------------------------

    def method(self) -> str:
        return next(m for m, radio in self.method_radios.items() if radio.isChecked())

    def excess(self) -> str:
        return next(e for e, radio in self.excess_radios.items() if radio.isChecked())

    def _method_toggled(self, *_: object) -> None:
        cash = self.method() == "cash"
        self.excess_radios["change"].setEnabled(cash)
        if not cash:
            self.excess_radios["prepay"].setChecked(True)
        self._sync()

    def _checked(self) -> tuple[int, int, int] | str | None:
        """(received, change, prepaid) in fen, or why not (shown under the field), or None
        while there is nothing to check yet."""
        account = self._account
        text = self.received.text()
        if account is None or not text.strip():
            return None
        try:
            received = parse_yuan(text)
        except InvalidInput as error:
            return error.message
        due = account.arrears_fen
        if received <= 0:
            return self.tr("实收金额必须大于零")
        if received < due:
            return self.tr("实收{received}少于应交{due}，欠费须一次缴清，不收部分缴费").format(
                received=spoken_yuan(received), due=spoken_yuan(due)
            )
        extra = received - due
        if due == 0 or self.excess() == "prepay":
            return received, 0, extra
        return received, extra, 0

    def _sync(self, *_: object) -> None:
        checked = self._checked()
        if isinstance(checked, str):
            self.received_message.setText(checked)
            set_style_property(self.received_message, "kind", "error")
        else:
            self.received_message.setText(self.tr("请先查询户号") if self._account is None else "")
            set_style_property(self.received_message, "kind", "hint")
        if isinstance(checked, tuple):
            received, change, prepaid = checked
            assert self._account is not None
            self.readback.setText(
                readback(
                    due_fen=self._account.arrears_fen,
                    received_fen=received,
                    change_fen=change,
                    prepaid_fen=prepaid,
                    method=self.method(),
                )
            )
            if prepaid:
                self.change.setText(self.tr("转预存 {amount}").format(amount=format_yuan(prepaid)))
            else:
                self.change.setText(self.tr("找零 {amount}").format(amount=format_yuan(change)))
        else:
            self.readback.setText(self.tr("输入实收金额后，这里显示要向客户念的话"))
            self.change.setText("")
        set_style_property(self.readback, "empty", not isinstance(checked, tuple))
        self.read_aloud_button.set_sentence(
            self.readback.text() if isinstance(checked, tuple) else ""
        )
        self.confirm_button.setEnabled(isinstance(checked, tuple) and not self._busy)
        self.look_up_button.setEnabled(not self._busy)

    # -- taking the payment ------------------------------------------------------------------

    def confirm(self) -> None:
        """Take the payment as shown; does nothing while a call is in flight or when invalid."""
        checked = self._checked()
        if self._busy or self._account is None or not isinstance(checked, tuple):
            return
        received = checked[0]
        desk, folder = self._desk, self._folder
        shown = self._account
        account, method, excess = shown.account, self.method(), self.excess()

        def pay() -> tuple[Receipt, Path | None] | Account:
            """Worker thread: the account as it is now if its arrears changed since they were
            shown (the clerk must read the new amount aloud), else the payment and its PDF.
            The payment stands even if its PDF cannot be written."""
            try:
                receipt = desk.take_payment(
                    account,
                    received_fen=received,
                    method=method,
                    excess=excess,
                    expected_due_fen=shown.arrears_fen,
                )
            except Conflict as refused:
                if refused.code != "due_changed":
                    raise
                return desk.account(account)
            return receipt, write_receipt_copy(folder, receipt)

        self._run(pay, self._paid)

    def _paid(self, result: tuple[Receipt, Path | None] | Account) -> None:
        if isinstance(result, Account):
            self._account = result
            self._show_account()
            self._show_error(
                self.tr("该户欠费已变为{due}，请核对后重新唱收").format(
                    due=format_yuan(result.arrears_fen)
                )
            )
            return
        receipt, path = result
        self._receipt = receipt
        self._pdf_path = path
        self.receipt_number.setText(self.tr("收据 {number}").format(number=receipt.number))
        self.words.setText(
            self.tr("{words}（{figures}）").format(
                words=receipt.words, figures=format_yuan(receipt.kept_fen)
            )
        )
        self.done_readback.setText(receipt.readback)
        self.done_read_aloud_button.set_sentence(receipt.readback)
        if receipt.prepaid_fen:
            self.done_change.setText(
                self.tr("转预存 {amount}").format(amount=format_yuan(receipt.prepaid_fen))
            )
        else:
            self.done_change.setText(
                self.tr("找零 {amount}").format(amount=format_yuan(receipt.change_fen))
            )
        if path is None:
            self.print_note.setText(self.tr("收据PDF未能保存，请用重打收据补打"))
        else:
            self.print_note.setText(self.tr("收据已保存：{path}").format(path=str(path)))
        self._pages.setCurrentIndex(1)
        self.setWindowTitle(self.tr("收费成功"))
        self.done_button.setFocus()

    def print_receipt(self) -> None:
        if self._pdf_path is None:
            return
        reason = self.send_to_printer(self._pdf_path)
        if reason is None:
            self.print_note.setText(self.tr("收据已送打印机"))
        else:
            self.print_note.setText(reason)

    @staticmethod
    def send_to_printer(pdf_path: Path) -> str | None:
        """Print the receipt's PDF on this counter's receipt printer; None when sent, else why
        not (in Chinese). Tests patch this."""
        name = str(QSettings().value(RECEIPT_PRINTER_KEY, "", type=str) or "")
        if not name:
            return QCoreApplication.translate(
                "PaymentDialog", "未设置收据打印机，收据PDF已保存：{path}"
            ).format(path=str(pdf_path))
        info = QPrinterInfo.printerInfo(name)
        if info.isNull():
            return QCoreApplication.translate("PaymentDialog", "无法打开打印机“{name}”").format(
                name=name
            )
        return paint_pdf(QPrinter(info, QPrinter.PrinterMode.HighResolution), pdf_path)

    def reject(self) -> None:
        if self._busy:
            return  # the payment's answer is awaited; closing now would hide its receipt
        if self._receipt is not None:
            self.accept()
            return
        super().reject()


def _readback_title(title: str, button: ReadAloudButton) -> QHBoxLayout:
    """The title above a read-back sentence, with its 朗读 button at the right."""
    row = QHBoxLayout()
    row.addWidget(named_label("fieldTitle", title))
    row.addStretch(1)
    row.addWidget(button)
    return row
