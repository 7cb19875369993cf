"""The daily sheet written out: a one-page PDF (reportlab, the shipped font embedded) and an XLSX
workbook (openpyxl, one sheet per table). No Qt.

Both are drawn from the same tables (``sheet_tables``), whose cells are typed: whole numbers stay
ints, minutes and yuan are Decimals (never floats: money stays exact), so the workbook holds
numbers a lead can sum, and the PDF prints the very same figures.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from hall.errors import InvalidInput
from hall.records import PAYMENT_METHODS, RatingLevel
from hall.reports import Counts, DailySheet

Cell = int | Decimal | str | None

RATING_NAMES = {
    RatingLevel(5): "非常满意",
    RatingLevel(4): "满意",
    RatingLevel(3): "基本满意",
    RatingLevel(2): "不满意",
    RatingLevel(1): "非常不满意",
}
COUNT_HEADERS = (
    "办结",
    "过号",
    "挂起",
    "转出",
    "平均等候(分)",
    "90%等候(分)",
    "平均办理(分)",
    "超时",
    "评价数",
    "满意率(%)",
)


@dataclass(frozen=True, slots=True)
class Table:
    title: str  # also the workbook's sheet name
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


def minutes(seconds: float | None) -> Decimal | None:
    if seconds is None:
        return None
    return (Decimal(str(seconds)) / 60).quantize(Decimal("0.1"), ROUND_HALF_UP)


def percent(share: float | None) -> Decimal | None:
    if share is None:
        return None
    return (Decimal(str(share)) * 100).quantize(Decimal("0.1"), ROUND_HALF_UP)


def yuan(fen: int) -> Decimal:
    return (Decimal(fen) / 100).quantize(Decimal("0.01"))


def _count_cells(counts: Counts) -> tuple[Cell, ...]:
    """A row's figures under COUNT_HEADERS (tickets are issued per business only)."""
    return (
        counts.served,
        counts.no_shows,
        counts.parked,
        counts.transferred,
        minutes(counts.avg_wait_s),
        minutes(counts.p90_wait_s),
        minutes(counts.avg_handle_s),
        counts.over_target,
        counts.rated,
        percent(counts.satisfaction),
    )


def sheet_tables(sheet: DailySheet) -> list[Table]:
    """The sheet's tables, in print order."""
    summary = Table(
        "概况",
        ("项目", "数值"),
        (
            ("取号", sheet.issued),
            ("办结", sheet.served),
            ("过号", sheet.no_shows),
            ("挂起", sheet.parked),
            ("转出", sheet.transferred),
            ("日终未办关闭", sheet.closed_unserved),
            ("平均等候(分)", minutes(sheet.avg_wait_s)),
            ("90%等候(分)", minutes(sheet.p90_wait_s)),
            (f"等候超{sheet.wait_limit_s // 60}分钟", sheet.long_waits),
            ("平均办理(分)", minutes(sheet.avg_handle_s)),
            ("办理超时", sheet.over_target),
            ("评价数", sheet.rated),
            ("满意率(%)", percent(sheet.satisfaction)),
            ("新增投诉", sheet.complaints_opened),
            ("投诉逾期", sheet.complaints_overdue),
            ("收据", sheet.receipts),
            ("冲正", sheet.reversals),
        ),
    )
    by_business = Table(
        "按业务",
        ("业务", "取号", *COUNT_HEADERS),
        tuple(
            (
                f"{code} {sheet.business_names.get(code, '')}",
                counts.issued,
                *_count_cells(counts),
            )
            for code, counts in sheet.by_business.items()
        ),
    )
    by_window = Table(
        "按窗口",
        ("窗口", *COUNT_HEADERS, "暂停(分)"),
        tuple(
            (f"{number}号窗口", *_count_cells(counts), minutes(counts.pause_s))
            for number, counts in sheet.by_window.items()
        ),
    )
    by_clerk = Table(
        "按人员",
        ("工号", "姓名", *COUNT_HEADERS, "暂停(分)"),
        tuple(
            (code, sheet.staff_names.get(code, ""), *_count_cells(counts), minutes(counts.pause_s))
            for code, counts in sheet.by_clerk.items()
        ),
    )
    ratings = Table(
        "评价",
        ("评价", "次数"),
        tuple((name, sheet.ratings.get(int(level), 0)) for level, name in RATING_NAMES.items()),
    )
    methods = sorted({m for cashier in sheet.payments_by_cashier.values() for m in cashier})
    payments = Table(
        "收费",
        ("收费员", "姓名", *(f"{PAYMENT_METHODS[m]}(元)" for m in methods), "合计(元)"),
        (
            *(
                (
                    code,
                    sheet.staff_names.get(code, ""),
                    *(yuan(by_method.get(m, 0)) for m in methods),
                    yuan(sum(by_method.values())),
                )
                for code, by_method in sheet.payments_by_cashier.items()
            ),
            (
                "合计",
                "",
                *(yuan(sheet.payments_fen.get(m, 0)) for m in methods),
                yuan(sum(sheet.payments_fen.values())),
            ),
        ),
    )
    hours = sorted(set(sheet.arrivals_by_hour) | set(sheet.served_by_hour))
    by_hour = Table(
        "分时段",
        ("时段", "取号", "办结"),
        tuple(
            (
                f"{hour:02d}:00-{hour + 1:02d}:00",
                sheet.arrivals_by_hour.get(hour, 0),
                sheet.served_by_hour.get(hour, 0),
            )
            for hour in hours
        ),
    )
    waits = Table("等候分布", ("等候", "人数"), tuple(sheet.wait_distribution))
    return [summary, by_business, by_window, by_clerk, ratings, payments, by_hour, waits]


def export_daily_sheet(sheet: DailySheet, path: str | os.PathLike[str]) -> Path:
    """Write the sheet as .pdf or .xlsx, chosen by the suffix; returns the path written."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix == ".pdf":
        write_pdf(sheet, target)
    elif suffix == ".xlsx":
        write_xlsx(sheet, target)
    else:
        raise InvalidInput("日报只能导出为 .pdf 或 .xlsx 文件", code="invalid_export_type")
    return target


def title_of(sheet: DailySheet) -> str:
    return f"{sheet.hall_name} 营业日报 {sheet.day:%Y-%m-%d}"


def _text(cell: Cell) -> str:
    if cell is None:
        return "—"
    return str(cell)


def write_xlsx(sheet: DailySheet, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for table in sheet_tables(sheet):
        ws = book.create_sheet(table.title)
        ws.append([title_of(sheet)])
        ws["A1"].font = Font(bold=True, size=13)
        ws.append(list(table.headers))
        for cell in ws[2]:
            cell.font = Font(bold=True)
        for row in table.rows:
            ws.append(list(row))
        for column, header in enumerate(table.headers, start=1):
            if "元" in header:
                for (cell,) in ws.iter_rows(min_row=3, min_col=column, max_col=column):
                    cell.number_format = "#,##0.00"
        for column, header in enumerate(table.headers, start=1):
            width = max(len(str(header)) * 2 + 2, 10)
            ws.column_dimensions[ws.cell(2, column).column_letter].width = width
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def write_pdf(sheet: DailySheet, path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    from hall.receipts import register_font

    font = register_font()
    title_style = ParagraphStyle("title", fontName=font, fontSize=15, leading=20, spaceAfter=2)
    heading = ParagraphStyle("heading", fontName=font, fontSize=9.5, leading=13, spaceBefore=5)
    story: list[object] = [Paragraph(title_of(sheet), title_style)]
    tables = sheet_tables(sheet)
    summary, rest = tables[0], tables[1:]
    # The summary runs across the page in pairs of columns, to leave room for the rest.
    pairs = [summary.rows[i : i + 5] for i in range(0, len(summary.rows), 5)]
    summary_rows = [
        [cell for pair in column for cell in (pair[0], _text(pair[1]))]
        for column in _zip_longest(pairs)
    ]
    story.append(_pdf_table(summary_rows, font, header=False))
    wide, small = rest[:3], rest[3:]
    for table in wide:
        if table.rows:
            story.extend((Paragraph(table.title, heading), _pdf_block(table, font)))
    # The small tables (ratings, payments, hours, waits) side by side, to keep to one page.
    side_by_side = [t for t in small if t.rows]
    if side_by_side:
        story.append(Spacer(1, 2 * mm))
        story.append(
            _layout_row([[Paragraph(t.title, heading), _pdf_block(t, font)] for t in side_by_side])
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title=title_of(sheet),
        author=sheet.hall_name,
    )
    doc.build(story)  # type: ignore[arg-type]


def _zip_longest(columns: Sequence[Sequence[tuple[Cell, ...]]]) -> list[list[tuple[Cell, ...]]]:
    height = max((len(c) for c in columns), default=0)
    return [[c[i] if i < len(c) else ("", "") for c in columns] for i in range(height)]


def _pdf_block(table: Table, font: str) -> object:
    rows = [list(table.headers), *([_text(cell) for cell in row] for row in table.rows)]
    return _pdf_table(rows, font, header=True)


def _layout_row(cells: list[list[object]]) -> object:
    from reportlab.platypus import Table as PdfTable
    from reportlab.platypus import TableStyle

    row = PdfTable([cells], hAlign="LEFT")
    row.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
            ]
        )
    )
    return row


def _pdf_table(rows: list[list[Cell]], font: str, *, header: bool) -> object:
    from reportlab.lib import colors
    from reportlab.platypus import Table as PdfTable
    from reportlab.platypus import TableStyle

    table = PdfTable(rows, hAlign="LEFT", repeatRows=1 if header else 0)
    style = [
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("FONTSIZE", (0, 0), (-1, -1), 7.5),
        ("LEADING", (0, 0), (-1, -1), 9),
        ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#9ca3af")),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6f2f1")))
    table.setStyle(TableStyle(style))
    return table
