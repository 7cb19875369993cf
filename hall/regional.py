"""Several halls' daily sheets side by side, for a regional lead (区域对比). No Qt.

Read-only and without signing in, like ``main.py report``: whoever can open the database has the
authority to read every hall in it. Nothing is written, not even a schema upgrade (a database at
an older revision is refused with the command that upgrades it).

    comparison = compare_halls(url, ["east", "west"], date(2026, 3, 2))
    export_comparison(comparison, "cmp.xlsx")   # or .pdf

The workbook has one sheet ``对比`` with a column per hall for the key figures, then one sheet per
hall (named by its code) with that hall's whole daily sheet. The PDF is the comparison table on
one page.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.engine import URL

from db import models as m
from db.engine import Database
from db.migrate import current_revision, head_revision
from hall.clock import Clock, business_day, checked_now, system_clock
from hall.context import HallContext
from hall.errors import Conflict, InvalidInput, NotFound
from hall.events import EventBus
from hall.facade import check_hall_code
from hall.records import PAYMENT_METHODS
from hall.reports import DailySheet, Reports
from hall.sheet_export import Cell, Table, minutes, percent, sheet_tables, title_of, yuan

COMPARISON_SHEET = "对比"


@dataclass(frozen=True, slots=True)
class HallInfo:
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class RegionalComparison:
    """The same business day of several halls; ``sheets`` in the order the halls were asked."""

    day: date
    halls: tuple[HallInfo, ...]
    sheets: Mapping[str, DailySheet]  # hall code -> its sheet

    @property
    def title(self) -> str:
        return f"营业日报对比 {self.day:%Y-%m-%d}"


def parse_hall_codes(text: str) -> list[str]:
    """``"east, west,north"`` -> ``["east", "west", "north"]`` (checked, duplicates dropped)."""
    codes: list[str] = []
    for part in text.split(","):
        code = part.strip()
        if not code:
            continue
        check_hall_code(code)
        if code not in codes:
            codes.append(code)
    if not codes:
        raise InvalidInput("请给出至少一个营业厅代码，例如 --halls east,west", code="no_halls")
    return codes


def hall_list(database: str | URL | Database) -> tuple[HallInfo, ...]:
    """Every hall in the database, by code."""
    with _opened(database) as db, db.read() as conn:
        rows = conn.execute(select(m.Hall.code, m.Hall.name).order_by(m.Hall.code)).all()
    return tuple(HallInfo(r.code, r.name) for r in rows)


def compare_halls(
    database: str | URL | Database,
    halls: Sequence[str],
    day: date | None,
    *,
    clock: Clock | None = None,
) -> RegionalComparison:
    """Each hall's daily sheet of ``day`` (the business day in that hall's own timezone; None:
    today, in the first hall's timezone).

    ``database``: an SQLAlchemy URL (opened and closed here) or an open ``Database``. NotFound
    when a code is not in the database; Conflict when its schema is not at the newest revision.
    """
    if day is not None and not isinstance(day, date):
        raise InvalidInput("请给出日期", code="invalid_day")
    codes = list(dict.fromkeys(check_hall_code(c) for c in halls))
    if not codes:
        raise InvalidInput("请给出至少一个营业厅代码", code="no_halls")
    with _opened(database) as db:
        _check_schema(db)
        with db.read() as conn:
            rows = {
                r.code: r
                for r in conn.execute(
                    select(m.Hall.id, m.Hall.code, m.Hall.name, m.Hall.timezone).where(
                        m.Hall.code.in_(codes)
                    )
                )
            }
        missing = [c for c in codes if c not in rows]
        if missing:
            known = "、".join(h.code for h in hall_list(db)) or "（无）"
            raise NotFound(
                f"数据库中没有营业厅 {'、'.join(missing)}（现有：{known}）", code="hall_not_found"
            )
        if day is None:
            day = business_day(
                checked_now(clock or system_clock), ZoneInfo(rows[codes[0]].timezone)
            )
        sheets: dict[str, DailySheet] = {}
        # A HallContext may mark the Database as its hall's (what its writes announce); a
        # Database lent by a caller keeps its own mark: nothing is written here.
        lent_tag = getattr(db, "change_tag", None)
        try:
            for code in codes:
                row = rows[code]
                zone = ZoneInfo(row.timezone)
                ctx = HallContext(db, clock or system_clock, EventBus(), row.id, zone)
                sheets[code] = Reports(ctx).daily_sheet(day)
        finally:
            if lent_tag is not None:
                db.change_tag = lent_tag
    return RegionalComparison(
        day=day,
        halls=tuple(HallInfo(code, rows[code].name) for code in codes),
        sheets=sheets,
    )


class _opened:
    """A Database for the duration: the one given, or one opened (and disposed) here."""

    def __init__(self, database: str | URL | Database) -> None:
        self._given = database if isinstance(database, Database) else None
        self._url = None if isinstance(database, Database) else database
        self._own: Database | None = None

    def __enter__(self) -> Database:
        if self._given is not None:
            return self._given
        assert self._url is not None
        self._own = Database(self._url)
        return self._own

    def __exit__(self, *exc: object) -> None:
        if self._own is not None:
            self._own.dispose()


def _check_schema(db: Database) -> None:
    with db.read() as conn:
        revision = current_revision(conn)
    if revision is None:
        raise NotFound("数据库中还没有营业厅数据", code="no_schema")
    if revision != head_revision():
        raise Conflict(
            f"数据库结构为旧版本（{revision}），请先升级：python main.py db upgrade --db URL",
            code="old_schema",
        )


# -- the comparison table ---------------------------------------------------------------------


def comparison_table(comparison: RegionalComparison) -> Table:
    """The key figures: one row per figure, one column per hall (typed cells, as the sheet's)."""
    sheets = [comparison.sheets[h.code] for h in comparison.halls]
    rows: list[tuple[Cell, ...]] = [("营业厅代码", *(h.code for h in comparison.halls))]

    def row(label: str, values: Sequence[Cell]) -> None:
        rows.append((label, *values))

    row("取号", [s.issued for s in sheets])
    row("办结", [s.served for s in sheets])
    row("过号", [s.no_shows for s in sheets])
    row("挂起", [s.parked for s in sheets])
    row("转出", [s.transferred for s in sheets])
    row("日终未办关闭", [s.closed_unserved for s in sheets])
    row("平均等候(分)", [minutes(s.avg_wait_s) for s in sheets])
    row("90%等候(分)", [minutes(s.p90_wait_s) for s in sheets])
    row("等候超时限", [s.long_waits for s in sheets])
    row("等候时限(分)", [s.wait_limit_s // 60 for s in sheets])
    row("平均办理(分)", [minutes(s.avg_handle_s) for s in sheets])
    row("办理超时", [s.over_target for s in sheets])
    row("评价数", [s.rated for s in sheets])
    row("满意率(%)", [percent(s.satisfaction) for s in sheets])
    row("新增投诉", [s.complaints_opened for s in sheets])
    row("投诉逾期", [s.complaints_overdue for s in sheets])
    row("收据", [s.receipts for s in sheets])
    row("冲正", [s.reversals for s in sheets])
    for method, label in PAYMENT_METHODS.items():
        row(f"{label}(元)", [yuan(s.payments_fen.get(method, 0)) for s in sheets])
    row("收费合计(元)", [yuan(sum(s.payments_fen.values())) for s in sheets])
    # Per business, by code; a hall without that business shows a dash.
    names: dict[str, str] = {}
    for s in sheets:
        for code, name in s.business_names.items():
            names.setdefault(code, name)
    for code in sorted(names):
        label = f"{code} {names[code]}"
        row(f"{label} 取号", [_business(s, code, "issued") for s in sheets])
        row(f"{label} 办结", [_business(s, code, "served") for s in sheets])
    return Table(COMPARISON_SHEET, ("项目", *(h.name for h in comparison.halls)), tuple(rows))


def _business(sheet: DailySheet, code: str, figure: str) -> Cell:
    if code not in sheet.business_names:
        return None
    counts = sheet.by_business.get(code)
    return getattr(counts, figure) if counts is not None else 0


# -- exports ----------------------------------------------------------------------------------


def export_comparison(comparison: RegionalComparison, path: str | os.PathLike[str]) -> Path:
    """Write the comparison as .xlsx or .pdf, chosen by the suffix; returns the path written."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix == ".xlsx":
        write_xlsx(comparison, target)
    elif suffix == ".pdf":
        write_pdf(comparison, target)
    else:
        raise InvalidInput("对比表只能导出为 .pdf 或 .xlsx 文件", code="invalid_export_type")
    return target


def _sheet_name(code: str, taken: set[str]) -> str:
    name = code[:31]
    n = 2
    while name in taken:
        suffix = f"~{n}"
        name = code[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(name)
    return name


def write_xlsx(comparison: RegionalComparison, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = COMPARISON_SHEET
    table = comparison_table(comparison)
    ws.append([comparison.title])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append(list(table.headers))
    for cell in ws[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    for values in table.rows:
        ws.append(list(values))
        if str(values[0]).endswith("(元)"):
            for cell in ws[ws.max_row][1:]:
                cell.number_format = "#,##0.00"
    ws.column_dimensions["A"].width = 26
    for column in range(2, len(table.headers) + 1):
        ws.column_dimensions[ws.cell(2, column).column_letter].width = 16
    ws.freeze_panes = "B3"

    taken = {COMPARISON_SHEET}
    for info in comparison.halls:
        sheet = comparison.sheets[info.code]
        hs = book.create_sheet(_sheet_name(info.code, taken))
        hs.append([title_of(sheet)])
        hs["A1"].font = Font(bold=True, size=13)
        widest = 0
        for part in sheet_tables(sheet):
            hs.append([])
            hs.append([part.title])
            hs.cell(hs.max_row, 1).font = Font(bold=True)
            hs.append(list(part.headers))
            for cell in hs[hs.max_row]:
                cell.font = Font(bold=True)
            money = [i for i, h in enumerate(part.headers) if "元" in h]
            for values in part.rows:
                hs.append(list(values))
                for i in money:
                    hs.cell(hs.max_row, i + 1).number_format = "#,##0.00"
            widest = max(widest, len(part.headers))
        hs.column_dimensions["A"].width = 22
        for column in range(2, widest + 1):
            hs.column_dimensions[hs.cell(1, column).column_letter].width = 12
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def _text(cell: Cell) -> str:
    return "—" if cell is None else str(cell)


def write_pdf(comparison: RegionalComparison, path: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, TableStyle
    from reportlab.platypus import Table as PdfTable

    from hall.receipts import register_font

    font = register_font()
    table = comparison_table(comparison)
    halls = len(comparison.halls)
    pagesize = landscape(A4) if halls > 4 else A4
    size = 8.0 if halls <= 8 else 6.5
    header_style = ParagraphStyle(
        "header", fontName=font, fontSize=size, leading=size + 2, alignment=1
    )
    title_style = ParagraphStyle("title", fontName=font, fontSize=15, leading=20, spaceAfter=6)
    rows: list[list[object]] = [[Paragraph(str(h), header_style) for h in table.headers]]
    rows += [[_text(cell) for cell in values] for values in table.rows]
    width = pagesize[0] - 24 * mm
    first = 44 * mm
    rest = min((width - first) / max(halls, 1), 34 * mm)
    pdf_table = PdfTable(rows, colWidths=[first, *([rest] * halls)], hAlign="LEFT", repeatRows=1)
    style = [
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("LEADING", (0, 0), (-1, -1), size + 1.5),
        ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#9ca3af")),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6f2f1")),
    ]
    for index in range(2, len(rows), 2):
        style.append(("BACKGROUND", (0, index), (-1, index), colors.HexColor("#f7f7f7")))
    pdf_table.setStyle(TableStyle(style))
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = SimpleDocTemplate(
        str(path),
        pagesize=pagesize,
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title=comparison.title,
    )
    doc.build([Paragraph(comparison.title, title_style), pdf_table])  # type: ignore[list-item]
