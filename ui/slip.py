"""The ticket slip handed to the customer: one drawing routine for the printer and the PDF copy.

The slip is laid out for an 80 mm thermal roll (80 x 110 mm): hall name, business, the number in
large type, 绿色通道 when it is a priority ticket, "前方等待 N 人", the time of issue in the hall's
own time, a QR code of the number and a line on what to do next. Thermal printers print black
only, so the slip uses no colour. Everything is measured in millimetres of the slip and scaled
to the rectangle it is drawn in, so a printer, a PDF and an image show the same slip.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import segno
from PySide6.QtCore import QCoreApplication, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
)

from hall.records import Ticket

logger = logging.getLogger(__name__)

SLIP_WIDTH_MM = 80.0
SLIP_HEIGHT_MM = 110.0
MARGIN_MM = 5.0
QR_SIZE_MM = 26.0
PDF_RESOLUTION_DPI = 600
INK = QColor("#000000")
PAPER = QColor("#ffffff")


def slip_page_size() -> QPageSize:
    """The 80 x 110 mm page of one slip."""
    return QPageSize(
        QSizeF(SLIP_WIDTH_MM, SLIP_HEIGHT_MM),
        QPageSize.Unit.Millimeter,
        "80 x 110 mm",
        QPageSize.SizeMatchPolicy.ExactMatch,
    )


@dataclass(frozen=True, slots=True)
class SlipData:
    """What one slip shows. ``issued_at`` is in the hall's local time; ``day`` the business day."""

    hall_name: str
    number: str
    business_name: str
    waiting_ahead: int
    issued_at: datetime
    day: date
    priority: bool = False

    @classmethod
    def from_ticket(
        cls, ticket: Ticket, *, hall_name: str, business_name: str, zone: ZoneInfo
    ) -> SlipData:
        return cls(
            hall_name=hall_name,
            number=ticket.number,
            business_name=business_name,
            waiting_ahead=ticket.waiting_ahead,
            issued_at=ticket.issued_at.astimezone(zone),
            day=ticket.day,
            priority=ticket.priority,
        )


def slip_lines(slip: SlipData) -> dict[str, str]:
    """The texts of the slip, translated, by what they are."""
    return {
        "ahead": QCoreApplication.translate("Slip", "前方等待 {count} 人").format(
            count=slip.waiting_ahead
        ),
        "time": slip.issued_at.strftime("%Y-%m-%d %H:%M"),
        "priority": QCoreApplication.translate("Slip", "绿色通道"),
        "footer": QCoreApplication.translate("Slip", "请留意叫号，过号请到引导台"),
    }


class _Pen:
    """Writes centred lines down the slip; sizes in millimetres of the slip."""

    def __init__(self, painter: QPainter, rect: QRectF) -> None:
        self.painter = painter
        self.mm = rect.width() / SLIP_WIDTH_MM
        self.left = rect.left() + MARGIN_MM * self.mm
        self.width = rect.width() - 2 * MARGIN_MM * self.mm
        self.y = rect.top() + MARGIN_MM * self.mm
        self.base = QFont(QGuiApplication.font())

    def font(self, size_mm: float, *, bold: bool = False) -> QFont:
        font = QFont(self.base)
        font.setPixelSize(max(1, round(size_mm * self.mm)))
        font.setBold(bold)
        return font

    def space(self, mm: float) -> None:
        self.y += mm * self.mm

    def text(self, text: str, size_mm: float, *, bold: bool = False, max_lines: int = 1) -> QRectF:
        """One centred line (or up to ``max_lines`` wrapped), shrunk until it fits the width."""
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap
        size = size_mm
        while True:
            font = self.font(size, bold=bold)
            metrics = QFontMetricsF(font)
            box = metrics.boundingRect(QRectF(0, 0, self.width, 1e6), flags, text)
            fits = box.width() <= self.width + 0.5 and box.height() <= metrics.lineSpacing() * (
                max_lines + 0.5
            )
            if fits or size <= 2.5:
                break
            size *= 0.92
        area = QRectF(self.left, self.y, self.width, box.height())
        self.painter.setFont(font)
        self.painter.setPen(INK)
        self.painter.drawText(area, flags, text)
        self.y = area.bottom()
        return area

    def rule(self) -> None:
        pen = QPen(INK, max(1.0, 0.25 * self.mm), Qt.PenStyle.DashLine)
        self.painter.setPen(pen)
        self.painter.drawLine(QPointF(self.left, self.y), QPointF(self.left + self.width, self.y))


def render_slip(painter: QPainter, rect: QRectF, slip: SlipData) -> QRectF:
    """Draw ``slip`` into ``rect`` (80 mm of slip across its width); return where the QR code is.

    The same routine draws on a printer, a PDF writer and an image. GUI thread (it uses the
    application font).
    """
    lines = slip_lines(slip)
    painter.save()
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        pen = _Pen(painter, rect)
        pen.text(slip.hall_name, 4.4, bold=True, max_lines=2)
        pen.space(2.0)
        pen.rule()
        pen.space(2.5)
        pen.text(slip.business_name, 4.2, max_lines=2)
        pen.space(0.5)
        pen.text(slip.number, 17.0, bold=True)
        if slip.priority:
            _priority_marker(pen, lines["priority"])
        pen.space(0.5)
        pen.text(lines["ahead"], 5.4, bold=True)
        pen.space(1.0)
        pen.text(lines["time"], 3.6)
        pen.space(2.5)
        qr_rect = _qr_code(pen, slip.number)
        pen.space(2.5)
        pen.text(lines["footer"], 3.4, max_lines=2)
        return qr_rect
    finally:
        painter.restore()


def _priority_marker(pen: _Pen, text: str) -> None:
    """White on black: the only emphasis a thermal printer has."""
    font = pen.font(4.2, bold=True)
    metrics = QFontMetricsF(font)
    pad = 2.0 * pen.mm
    width = metrics.horizontalAdvance(text) + 2 * pad
    height = metrics.height() + pad
    pen.space(1.0)
    box = QRectF(pen.left + (pen.width - width) / 2, pen.y, width, height)
    painter = pen.painter
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(INK)
    painter.drawRoundedRect(box, 1.2 * pen.mm, 1.2 * pen.mm)
    painter.setFont(font)
    painter.setPen(PAPER)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    pen.y = box.bottom() + 1.0 * pen.mm


def _qr_code(pen: _Pen, number: str) -> QRectF:
    """The QR code of ``number``, modules as filled squares of a whole number of device pixels."""
    matrix = segno.make(number, micro=False).matrix
    count = len(matrix)
    module = max(1.0, float(int(QR_SIZE_MM * pen.mm / count)))
    side = module * count
    left = round(pen.left + (pen.width - side) / 2)
    top = round(pen.y)
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.WindingFill)
    for row, cells in enumerate(matrix):
        column = 0
        while column < count:
            if not cells[column]:
                column += 1
                continue
            start = column
            while column < count and cells[column]:
                column += 1
            path.addRect(
                QRectF(left + start * module, top + row * module, (column - start) * module, module)
            )
    painter = pen.painter
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.fillPath(path, INK)
    painter.restore()
    pen.y = top + side
    return QRectF(left, top, side, side)


def write_slip_pdf(path: Path, slip: SlipData) -> Path:
    """Write ``slip`` as a one-page 80 x 110 mm PDF at ``path`` (folders created); OSError if it
    cannot be written. GUI thread."""
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_RESOLUTION_DPI)
    writer.setPageLayout(
        QPageLayout(
            slip_page_size(),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle(
        QCoreApplication.translate("Slip", "取号票 {number}").format(number=slip.number)
    )
    writer.setCreator("Hall Desk")
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot write the slip PDF {path}")
    try:
        page = writer.pageLayout().fullRectPixels(writer.resolution())
        render_slip(painter, QRectF(page), slip)
    finally:
        finished = painter.end()
    if not finished:
        raise OSError(f"cannot finish the slip PDF {path}")
    return path
