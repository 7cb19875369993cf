"""The 一次性告知单 (domain.md section 3): when documents are missing, the clerk hands over one slip
listing everything still needed, so that the customer never comes back twice for the same reason.

An 80 mm wide PDF like the receipts, for the counter's receipt printer, in the same embedded font.
Each missing document shows what may stand for it (the accepted identity documents, the address
proofs), and the slip says in so many words that the list is complete.
"""

from __future__ import annotations

import os

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from hall.applications import Application
from hall.errors import Conflict
from hall.forms import DOCUMENT_ALTERNATIVES, PERSONAL_DOCUMENTS, REFUSED_IDENTITY_DOCUMENTS
from hall.receipts import _wrap, register_font

TITLE = "一次性告知单"
PAGE_WIDTH = 80 * mm
MARGIN = 4 * mm
BODY_SIZE = 8.5
LINE = BODY_SIZE * 1.45
LABEL_WIDTH = 15 * mm
INDENT = 5 * mm
COMPLETE_LIST = "以上为办理本业务尚需的全部资料，特此一次性告知。资料备齐后请携带本单到营业厅办理。"


def _alternatives(document: str) -> str:
    choices = DOCUMENT_ALTERNATIVES.get(document)
    if not choices:
        return ""
    text = "可提供以下任一种：" + "、".join(choices)
    if choices == PERSONAL_DOCUMENTS:
        text += "；" + "、".join(REFUSED_IDENTITY_DOCUMENTS) + "不能作为身份证明"
    return text


def notice_lines(application: Application) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(the labelled head lines, the missing documents with what may stand for each)."""
    created = application.created_at
    head = [
        ("受理单号", application.number),
        ("客户", application.customer_name),
        ("业务", application.title),
        ("受理日期", f"{created:%Y-%m-%d}"),
    ]
    if application.account:
        head.insert(2, ("户号", application.account))
    documents = [(d, _alternatives(d)) for d in application.missing_documents]
    return head, documents


def write_notice_slip(
    application: Application, hall_name: str, path: str | os.PathLike[str]
) -> None:
    """Write the slip of an application still waiting for documents; Conflict when none is
    missing (there is nothing to tell)."""
    if not application.missing_documents:
        raise Conflict(
            f"受理单 {application.number} 的资料已齐全，无需一次性告知", code="nothing_missing"
        )
    font = register_font()
    width = PAGE_WIDTH - 2 * MARGIN
    head, documents = notice_lines(application)
    received = "、".join(application.documents_received)
    clerk = f"{application.clerk_name}（工号 {application.clerk}）"
    if application.window:
        clerk += f"  {application.window}号窗口"

    # Laid out first as (label, x, text, size) lines, then drawn: the page is as long as its text.
    lines: list[tuple[str, float, str, float]] = []

    def add(x: float, text: str, size: float = BODY_SIZE) -> None:
        lines.extend(("", x, part, size) for part in _wrap(text, font, size, width - x + MARGIN))

    for label, value in head:
        for n, part in enumerate(_wrap(value, font, BODY_SIZE, width - LABEL_WIDTH)):
            lines.append(("" if n else label, MARGIN + LABEL_WIDTH, part, BODY_SIZE))
    add(MARGIN, "")
    add(MARGIN, "您办理的业务尚需提供以下资料：")
    for n, (document, alternatives) in enumerate(documents, start=1):
        add(MARGIN, f"{n}. {document}", BODY_SIZE + 0.5)
        if alternatives:
            add(MARGIN + INDENT, alternatives, BODY_SIZE - 1)
    add(MARGIN, "")
    if received:
        add(MARGIN, "已收资料：" + received, BODY_SIZE - 1)
    add(MARGIN, COMPLETE_LIST)
    add(MARGIN, "受理人：" + clerk)

    height = MARGIN * 2 + 14 * 2 + 16 + sum(size * 1.45 for *_, size in lines) + 20
    canvas = Canvas(os.fspath(path), pagesize=(PAGE_WIDTH, height), initialFontName=font)
    canvas.setTitle(f"{TITLE} {application.number}")
    canvas.setAuthor(hall_name)
    y = height - MARGIN - 12
    canvas.setFont(font, 11)
    for part in _wrap(hall_name, font, 11, width):
        canvas.drawCentredString(PAGE_WIDTH / 2, y, part)
        y -= 14
    canvas.setFont(font, 13)
    canvas.drawCentredString(PAGE_WIDTH / 2, y, TITLE)
    y -= 16
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN, y + LINE * 0.6, PAGE_WIDTH - MARGIN, y + LINE * 0.6)
    for label, x, text, size in lines:
        canvas.setFont(font, size)
        if label:
            canvas.drawString(MARGIN, y, label)
        canvas.drawString(x, y, text)
        y -= size * 1.45
    canvas.line(MARGIN, y + LINE * 0.6, PAGE_WIDTH - MARGIN, y + LINE * 0.6)
    y -= 2
    canvas.setFont(font, 7)
    canvas.drawCentredString(PAGE_WIDTH / 2, y, "请妥善保管本告知单，如有疑问请咨询95598")
    canvas.showPage()
    canvas.save()
