"""Printing ticket slips: on the desk's remembered printer, with a PDF copy of every slip.

The PDF copy is written first, under the user data folder
(``slips/<business day>/<number>.pdf``), so a slip that did not come out of the printer can
still be found and printed again. Printing never raises: it reports success or, in Chinese for
the guide, why it failed.

A desk prints either on a system printer (through Qt and the printer's driver, here) or on an
ESC/POS thermal printer spoken to directly (ui.thermal_printer); which one is remembered in
QSettings on this PC (``printing/ticket_printer_kind``). The desk hands each slip to
``SlipPrinter.submit`` and learns its fate from ``slip_done``: at once for a system printer,
from a background thread for an ESC/POS one.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from ui.thermal_printer import ThermalSlipPrinter

logger = logging.getLogger(__name__)

APP_DATA_NAME = "HallDesk"
TICKET_PRINTER_KEY = "printing/ticket_printer"
"""QSettings key: the printer name chosen at this ticket desk ("" = the system default)."""
TICKET_PRINTER_KIND_KEY = "printing/ticket_printer_kind"
"""QSettings key: "system" (a system printer, the default) or "escpos" (ui.thermal_printer)."""


class PrinterKind(StrEnum):
    SYSTEM = "system"
    ESCPOS = "escpos"


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
    holds the PDF copies (the user data folder when not given). When the desk is set to an
    ESC/POS printer, slips go to a ThermalSlipPrinter (ui.thermal_printer) on the same settings.
    """

    printer_changed = Signal(str)
    """The chosen printer changed (what ``describe`` says now)."""
    slip_done = Signal(object)
    """A slip handed to ``submit`` printed or not: its PrintOutcome."""

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
        self._thermal: ThermalSlipPrinter | None = None

    @property
    def settings(self) -> QSettings:
        return self._settings

    # -- which printer -----------------------------------------------------------------------

    def printer_kind(self) -> PrinterKind:
        """A system printer (the default) or an ESC/POS printer, as set at this desk."""
        value = str(self._settings.value(TICKET_PRINTER_KIND_KEY, "", type=str) or "")
        return PrinterKind.ESCPOS if value == PrinterKind.ESCPOS else PrinterKind.SYSTEM

    def thermal(self) -> ThermalSlipPrinter:
        """The ESC/POS printer of this desk (made when first needed)."""
        if self._thermal is None:
            from ui.thermal_printer import ThermalSlipPrinter

            self._thermal = ThermalSlipPrinter(
                self._settings, slip_folder=self._folder, parent=self
            )
            self._thermal.slip_done.connect(self.slip_done)
        return self._thermal

    def _uses_thermal(self) -> bool:
        return self.printer_kind() is PrinterKind.ESCPOS

    def chosen_printer(self) -> str:
        """The printer chosen at this desk, "" when none was chosen."""
        value = self._settings.value(TICKET_PRINTER_KEY, "", type=str)
        return str(value or "")

    def set_printer(self, name: str) -> None:
        """Print on the system printer ``name`` from now on."""
        self._settings.setValue(TICKET_PRINTER_KEY, name)
        self._settings.setValue(TICKET_PRINTER_KIND_KEY, PrinterKind.SYSTEM.value)
        self._settings.sync()
        logger.info("ticket printer set to %r", name)
        self.printer_changed.emit(self.describe())

    def apply_settings(self, kind: PrinterKind, system_printer: str) -> None:
        """The printer settings dialog was saved (the ESC/POS printer is in the settings)."""
        self._settings.setValue(TICKET_PRINTER_KEY, system_printer)
        self._settings.setValue(TICKET_PRINTER_KIND_KEY, kind.value)
        self._settings.sync()
        logger.info("ticket printer: %s (%s)", kind.value, self.describe())
        self.printer_changed.emit(self.describe())

    def printer_to_use(self) -> tuple[str | None, str | None]:
        """(the system printer a slip goes to, or None; why there is none or why it is not the
        chosen one, or None)."""
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
        if self._uses_thermal():
            return self.thermal().describe()
        name, note = self.printer_to_use()
        if name is None:
            return self.tr("打印机：无")
        if note is None and not self.chosen_printer():
            return self.tr("打印机：{name}（系统默认）").format(name=name)
        return self.tr("打印机：{name}").format(name=name)

    def choose_printer(self, parent: QWidget | None = None) -> bool:
        """Let the guide pick the printer; remembered for this desk. False when cancelled.

        A system printer: the print dialog; an ESC/POS printer: the printer settings."""
        if self._uses_thermal():
            return self.open_settings(parent)
        name = self.ask_printer(parent, self.printer_to_use()[0])
        if not name:
            return False
        self.set_printer(name)
        return True

    def open_settings(self, parent: QWidget | None = None, *, hall_name: str = "") -> bool:
        """The printer settings (system or ESC/POS printer, 测试打印); False when cancelled."""
        from ui.thermal_printer import PrinterSettingsDialog

        dialog = PrinterSettingsDialog(self, parent, hall_name=hall_name)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()

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

    @property
    def busy(self) -> bool:
        """Whether a slip handed to ``submit`` has not been reported yet."""
        return self._thermal is not None and self._thermal.busy

    def pdf_path(self, slip: SlipData) -> Path:
        return self._folder / slip.day.isoformat() / f"{slip.number}.pdf"

    def save_pdf(self, slip: SlipData) -> Path | None:
        """The PDF copy of ``slip``; None (logged) when it could not be written."""
        try:
            return write_slip_pdf(self.pdf_path(slip), slip)
        except Exception:
            logger.exception("could not save the PDF copy of slip %s", slip.number)
            return None

    def submit(self, slip: SlipData) -> None:
        """Print ``slip``; ``slip_done`` tells what became of it (for a system printer before
        this returns, for an ESC/POS printer once it took the slip or did not)."""
        if self._uses_thermal():
            self.thermal().submit(slip)
        else:
            self.slip_done.emit(self.print_slip(slip))

    def print_slip(self, slip: SlipData) -> PrintOutcome:
        """Save the PDF copy, then print on paper and wait. Never raises."""
        pdf_path = self.save_pdf(slip)
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
        if self._uses_thermal():
            return self.thermal().print_on_paper(slip)
        name, note = self.printer_to_use()
        if name is None:
            return None, note
        return name, print_on_system_printer(name, slip)


def print_on_system_printer(name: str, slip: SlipData) -> str | None:
    """Print ``slip`` on the system printer ``name``: None, or why it did not (Chinese)."""

    info = QPrinterInfo.printerInfo(name)
    if info.isNull():
        return QCoreApplication.translate("SlipPrinter", "无法打开打印机“{name}”").format(name=name)
    if info.state() == QPrinter.PrinterState.Error:
        return QCoreApplication.translate(
            "SlipPrinter", "打印机“{name}”故障（可能缺纸或未连接）"
        ).format(name=name)
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    if (
        printer.outputFormat() != QPrinter.OutputFormat.NativeFormat
        or printer.printerName() != name
    ):
        return QCoreApplication.translate("SlipPrinter", "无法打开打印机“{name}”").format(name=name)
    printer.setDocName(
        QCoreApplication.translate("SlipPrinter", "取号票 {number}").format(number=slip.number)
    )
    if not paint_slip(printer, slip):
        return QCoreApplication.translate("SlipPrinter", "打印机“{name}”拒绝了打印任务").format(
            name=name
        )
    return None


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
