"""Receipts (收据) as PDF, 80 mm wide like a counter's receipt printer roll. No Qt.

The layout carries everything an accounting voucher needs (domain.md section 5, 会计基础工作规范
art. 48): the receipt's name and number, date and time, the hall, the clerk (name and 工号) and
window, the payer (户号, 户名, 用电地址, masked phone), what was paid for, and the amounts in
figures ("￥") and in capitals ("人民币…"). A reprint is marked 重打, a reversal 冲正.

The font is the shipped WenQuanYi Micro Hei (resources/fonts), embedded as a subset, so that the
PDF shows the same on any PC and prints without the font installed.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from hall.money import format_yuan
from hall.records import Receipt

FONT_NAME = "WQYMicroHei"
FONT_FILE = Path(__file__).resolve().parent.parent / "resources" / "fonts" / "wqy-microhei.ttc"
PAGE_WIDTH = 80 * mm
MARGIN = 4 * mm
BODY_SIZE = 8.5
LINE = BODY_SIZE * 1.45

_font_lock = threading.Lock()


def register_font() -> str:
    """Register the receipt font once per process; returns its name."""
    with _font_lock:
        if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(FONT_NAME, str(FONT_FILE), subfontIndex=0))
    return FONT_NAME


def receipt_lines(receipt: Receipt) -> list[tuple[str, str]]:
    """The labelled lines of a receipt, in print order: (label, value)."""
    reversal = receipt.kind == "reversal"
    if receipt.due_fen == 0:
        item = "预存电费"
    elif receipt.prepaid_fen:
        item = "电费（含预存电费）"
    else:
        item = "电费"
    lines = [
        ("收据号", receipt.number),
        ("日期", f"{receipt.issued_at:%Y-%m-%d %H:%M:%S}"),
        ("户号", receipt.account),
        ("户名", receipt.account_name),
        ("用电地址", receipt.address),
    ]
    if receipt.masked_phone:
        lines.append(("联系电话", receipt.masked_phone))
    # A reversal repeats what the original receipt said, then what is paid back.
    before = "原" if reversal else ""
    if reversal:
        lines.append(("冲正原收据", receipt.reverses or ""))
    lines += [
        ("项目", item + ("冲正" if reversal else "")),
        (before + "应收", format_yuan(receipt.due_fen)),
        (before + "实收", format_yuan(receipt.received_fen)),
    ]
    if receipt.prepaid_fen:
        lines.append((before + "转预收", format_yuan(receipt.prepaid_fen)))
    else:
        lines.append((before + "找零", format_yuan(receipt.change_fen)))
    lines += [
        ("预存余额", format_yuan(receipt.prepaid_balance_fen)),
        ("退还金额" if reversal else "小写金额", format_yuan(receipt.kept_fen)),
        ("大写金额", receipt.words),
        ("缴费方式", receipt.method_name),
        ("收费员", f"{receipt.clerk_name}（工号 {receipt.clerk_code}）"),
        ("窗口", f"{receipt.window}号窗口" if receipt.window else "—"),
    ]
    if receipt.ticket:
        lines.append(("排队号", receipt.ticket))
    if reversal:
        lines += [("冲正原因", receipt.reason or ""), ("授权值班长", receipt.approved_by or "")]
    lines.append(("营业厅", receipt.hall_name))
    return lines


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` (character by character: CJK text)."""
    lines: list[str] = []
    current = ""
    for char in text:
        if current and pdfmetrics.stringWidth(current + char, font, size) > width:
            lines.append(current)
            current = char
        else:
            current += char
    lines.append(current)
    return lines


def write_receipt_pdf(receipt: Receipt, path: str | os.PathLike[str]) -> None:
    font = register_font()
    label_width = 17 * mm
    value_width = PAGE_WIDTH - 2 * MARGIN - label_width
    body: list[tuple[str, list[str]]] = [
        (label, _wrap(value, font, BODY_SIZE, value_width))
        for label, value in receipt_lines(receipt)
    ]
    title = "电费缴费收据" if receipt.kind == "payment" else "电费缴费冲正收据"
    marks = [m for m, on in (("冲正", receipt.kind == "reversal"), ("重打", receipt.reprint)) if on]
    height = MARGIN * 2 + 14 * 3 + (LINE if marks else 0) + sum(len(v) for _, v in body) * LINE + 30
    canvas = Canvas(
        os.fspath(path),
        pagesize=(PAGE_WIDTH, height),
        initialFontName=font,
        initialFontSize=BODY_SIZE,
    )
    canvas.setTitle(f"{title} {receipt.number}")
    canvas.setAuthor(receipt.hall_name)
    y = height - MARGIN - 12
    canvas.setFont(font, 11)
    for line in _wrap(receipt.hall_name, font, 11, PAGE_WIDTH - 2 * MARGIN):
        canvas.drawCentredString(PAGE_WIDTH / 2, y, line)
        y -= 14
    canvas.setFont(font, 13)
    canvas.drawCentredString(PAGE_WIDTH / 2, y, title)
    y -= 16
    if marks:
        canvas.setFont(font, 12)
        canvas.drawCentredString(PAGE_WIDTH / 2, y, "【" + "】【".join(marks) + "】")
        y -= LINE + 4
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN, y + LINE * 0.6, PAGE_WIDTH - MARGIN, y + LINE * 0.6)
    canvas.setFont(font, BODY_SIZE)
    for label, values in body:
        canvas.drawString(MARGIN, y, label)
        for value in values:
            canvas.drawString(MARGIN + label_width, y, value)
            y -= LINE
    canvas.line(MARGIN, y + LINE * 0.6, PAGE_WIDTH - MARGIN, y + LINE * 0.6)
    y -= 2
    canvas.setFont(font, 7)
    canvas.drawCentredString(PAGE_WIDTH / 2, y, "请妥善保管本收据，如有疑问请咨询95598")
    canvas.showPage()
    canvas.save()
