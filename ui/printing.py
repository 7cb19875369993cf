"""Printing ticket slips: on the desk's remembered printer, with a PDF copy of every slip.

The PDF copy is written first, under the user data folder
(``slips/<business day>/<number>.pdf``), so a slip that did not come out of the printer can
still be found and printed again. Printing never raises: it reports success or, in Chinese for
the guide, why it failed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir
from PySide6.QtCore import QCoreApplication, QMarginsF, QObject, QRectF, QSettings, Signal
from PySide6.QtGui import QPageLayout, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QWidget

from ui.slip import (
    SLIP_HEIGHT_MM,
    SLIP_WIDTH_MM,
    SlipData,
    render_slip,
    slip_page_size,
    write_slip_pdf,
)

logger = logging.getLogger(__name__)

APP_DATA_NAME = "HallDesk"
TICKET_PRINTER_KEY = "printing/ticket_printer"
"""QSettings key: the printer name chosen at this ticket desk ("" = the system default)."""
MM_PER_INCH = 25.4


def default_slip_folder() -> Path:
    return Path(user_data_dir(APP_DATA_NAME, appauthor=False)) / "slips"


def system_printers() -> tuple[tuple[str, ...], str]:
    """The printers the system knows, and the name of its default printer ("" if none)."""
    return tuple(QPrinterInfo.availablePrinterNames()), QPrinterInfo.defaultPrinterName()


@dataclass(frozen=True, slots=True)
class PrintOutcome:
    """What became of one slip: printed or not (and why not), and where its PDF copy is."""

    slip: SlipData
    printed: bool
    reason: str | None = None
    printer: str | None = None
    pdf_path: Path | None = None


class SlipPrinter(QObject):
    """Prints ticket slips at one ticket desk. GUI thread only.

    ``settings`` remembers the chosen printer (QSettings() when not given); ``slip_folder``
    holds the PDF copies (the user data folder when not given).
    """

    printer_changed = Signal(str)
    """The chosen printer changed (its name)."""

    def __init__(
        self,
        settings: QSettings | None = None,
        *,
        slip_folder: Path | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings if settings is not None else QSettings()
        self._folder = slip_folder if slip_folder is not None else default_slip_folder()

    # -- which printer -----------------------------------------------------------------------

    def chosen_printer(self) -> str:
        """The printer chosen at this desk, "" when none was chosen."""
        value = self._settings.value(TICKET_PRINTER_KEY, "", type=str)
        return str(value or "")

    def set_printer(self, name: str) -> None:
        self._settings.setValue(TICKET_PRINTER_KEY, name)
        self._settings.sync()
        logger.info("ticket printer set to %r", name)
        self.printer_changed.emit(name)

    def printer_to_use(self) -> tuple[str | None, str | None]:
        """(the printer a slip goes to, or None; why there is none or why it is not the chosen
        one, or None)."""
        names, default = system_printers()
        chosen = self.chosen_printer()
        if chosen and chosen in names:
            return chosen, None
        if chosen:
            if default:
                return default, self.tr("未找到打印机“{chosen}”，已改用系统默认打印机").format(
                    chosen=chosen
                )
            return None, self.tr("未找到打印机“{chosen}”，系统也没有默认打印机").format(
                chosen=chosen
            )
        if default:
            return default, None
        return None, self.tr("没有可用的打印机，请连接票据打印机后点“选择打印机…”")

    def describe(self) -> str:
        """The printer as the status bar shows it."""
        name, note = self.printer_to_use()
        if name is None:
            return self.tr("打印机：无")
        if note is None and not self.chosen_printer():
            return self.tr("打印机：{name}（系统默认）").format(name=name)
        return self.tr("打印机：{name}").format(name=name)

    def choose_printer(self, parent: QWidget | None = None) -> bool:
        """Let the guide pick the printer; remembered for this desk. False when cancelled."""
        name = self.ask_printer(parent, self.printer_to_use()[0])
        if not name:
            return False
        self.set_printer(name)
        return True

    @staticmethod
    def ask_printer(parent: QWidget | None, current: str | None) -> str | None:
        """The print dialog; the chosen printer's name, or None when cancelled. Tests patch this."""
        printer = QPrinter()
        if current:
            printer.setPrinterName(current)
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(QCoreApplication.translate("SlipPrinter", "选择取号票打印机"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return printer.printerName() or None

    # -- printing ----------------------------------------------------------------------------

    def pdf_path(self, slip: SlipData) -> Path:
        return self._folder / slip.day.isoformat() / f"{slip.number}.pdf"

    def print_slip(self, slip: SlipData) -> PrintOutcome:
        """Save the PDF copy, then print on paper. Never raises."""
        pdf_path: Path | None = None
        try:
            pdf_path = write_slip_pdf(self.pdf_path(slip), slip)
        except Exception:
            logger.exception("could not save the PDF copy of slip %s", slip.number)
        try:
            printer, reason = self.print_on_paper(slip)
        except Exception as exc:
            logger.exception("printing slip %s failed", slip.number)
            printer, reason = None, self.tr("打印出错：{error}").format(error=exc)
        if reason is None:
            logger.info("slip %s printed on %s", slip.number, printer)
        else:
            logger.warning("slip %s not printed: %s", slip.number, reason)
        return PrintOutcome(
            slip=slip, printed=reason is None, reason=reason, printer=printer, pdf_path=pdf_path
        )

    def print_on_paper(self, slip: SlipData) -> tuple[str | None, str | None]:
        """Send ``slip`` to the printer: (the printer used, None) or (printer or None, why not)."""
        name, note = self.printer_to_use()
        if name is None:
            return None, note
        info = QPrinterInfo.printerInfo(name)
        if info.isNull():
            return name, self.tr("无法打开打印机“{name}”").format(name=name)
        if info.state() == QPrinter.PrinterState.Error:
            return name, self.tr("打印机“{name}”故障（可能缺纸或未连接）").format(name=name)
        printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
        if (
            printer.outputFormat() != QPrinter.OutputFormat.NativeFormat
            or printer.printerName() != name
        ):
            return name, self.tr("无法打开打印机“{name}”").format(name=name)
        printer.setDocName(self.tr("取号票 {number}").format(number=slip.number))
        if not paint_slip(printer, slip):
            return name, self.tr("打印机“{name}”拒绝了打印任务").format(name=name)
        return name, None


def paint_slip(printer: QPrinter, slip: SlipData) -> bool:
    """Print one slip on ``printer`` (a real printer or a PDF file); False if the job failed.

    The slip is 80 mm wide from the paper's left edge (narrower paper: scaled to its width).
    """
    printer.setFullPage(True)
    printer.setPageSize(slip_page_size())
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    printer.setCopyCount(1)
    painter = QPainter()
    if not painter.begin(printer):
        return False
    paper = printer.pageLayout().fullRectPixels(printer.resolution())
    width = min(float(paper.width()), SLIP_WIDTH_MM / MM_PER_INCH * printer.resolution())
    rect = QRectF(0, 0, width, width * SLIP_HEIGHT_MM / SLIP_WIDTH_MM)
    render_slip(painter, rect, slip)
    ended = painter.end()
    return ended and printer.printerState() != QPrinter.PrinterState.Error
