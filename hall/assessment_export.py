"""The staff assessment (考核) written out: a PDF with one page per clerk to sign (reportlab, the
shipped font embedded) and an XLSX workbook with every clerk on one summary sheet (openpyxl).
No Qt.

The screen and both files draw their figures from ``clerk_cells``, typed as the daily sheet's
tables are (hall.sheet_export): counts stay ints, minutes, percentages and points are Decimals,
so the workbook holds numbers a lead can sum and the PDF prints the very same figures.
"""

from __future__ import annotations

import os
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from hall.assessment import Assessment, AssessmentRules, ClerkAssessment
from hall.errors import InvalidInput
from hall.sheet_export import Cell, Table, minutes, percent

MAX_STARS = 5
SUMMARY_HEADERS = (
    "工号",
    "姓名",
    "出勤天数",
    "办结",
    "平均办理(分)",
    "超时",
    "过号",
    "暂停(分)",
    "评价数",
    "不满意",
    "满意率(%)",
    "投诉",
    "扣分",
    "得分",
    "星级",
)
STARS_COLUMN = SUMMARY_HEADERS.index("星级")
SCORE_COLUMN = SUMMARY_HEADERS.index("得分")
STAR_NAMES = ("一星", "二星", "三星", "四星", "五星")


def points(value: float) -> Decimal:
    """Points as the sheet prints them: one decimal place."""
    return Decimal(str(value)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def stars_text(stars: int) -> str:
    """★ for each star earned, ☆ for the rest: ★★★★☆."""
    return "★" * stars + "☆" * (MAX_STARS - stars)


def deducted(clerk: ClerkAssessment) -> Decimal:
    return sum((points(p) for _, p in clerk.deductions), Decimal("0.0"))


def clerk_cells(clerk: ClerkAssessment) -> tuple[Cell, ...]:
    """One clerk's row under SUMMARY_HEADERS (stars as a number)."""
    counts = clerk.counts
    return (
        clerk.code,
        clerk.name,
        counts.days_worked,
        counts.served,
        minutes(counts.avg_handle_s),
        counts.over_target,
        counts.no_shows,
        minutes(counts.pause_s),
        counts.rated,
        clerk.bad_ratings,
        percent(counts.satisfaction),
        counts.complaints,
        deducted(clerk),
        points(clerk.score),
        clerk.stars,
    )


def summary_table(assessment: Assessment) -> Table:
    return Table("考核汇总", SUMMARY_HEADERS, tuple(clerk_cells(c) for c in assessment.clerks))


def figure_rows(clerk: ClerkAssessment) -> tuple[tuple[str, Cell], ...]:
    """The figures of one clerk's page, labelled."""
    counts = clerk.counts
    return (
        ("出勤天数", counts.days_worked),
        ("办结件数", counts.served),
        ("平均等候(分)", minutes(counts.avg_wait_s)),
        ("平均办理(分)", minutes(counts.avg_handle_s)),
        ("办理超时", counts.over_target),
        ("过号", counts.no_shows),
        ("挂起", counts.parked),
        ("暂停(分)", minutes(counts.pause_s)),
        ("评价数", counts.rated),
        ("不满意评价", clerk.bad_ratings),
        ("满意率(%)", percent(counts.satisfaction)),
        ("被投诉", counts.complaints),
    )


def _number(value: float) -> str:
    """0.5 -> "0.5", 15.0 -> "15"."""
    return f"{value:g}"


def rules_text(rules: AssessmentRules) -> str:
    """How the score was computed, in a sentence a clerk can check their page against."""
    thresholds = "、".join(
        f"{name}{_number(score)}分"
        for name, score in zip(STAR_NAMES, rules.star_scores, strict=True)
    )
    return (
        f"满分100分。超时办理每件扣{_number(rules.over_target_points)}分"
        f"（最多{_number(rules.over_target_cap)}分）；"
        f"不满意评价每次扣{_number(rules.bad_rating_points)}分"
        f"（最多{_number(rules.bad_rating_cap)}分）；"
        f"满意率低于{_number(rules.satisfaction_floor * 100)}%时每差1个百分点扣"
        f"{_number(rules.satisfaction_points)}分（最多{_number(rules.satisfaction_cap)}分）；"
        f"被投诉每次扣{_number(rules.complaint_points)}分（最多{_number(rules.complaint_cap)}分）；"
        f"暂停每天超过{_number(rules.pause_allowance_min)}分钟后每10分钟扣"
        f"{_number(rules.pause_points)}分（最多{_number(rules.pause_cap)}分）。"
        f"星级分数线：{thresholds}；五星另需满意率不低于"
        f"{_number(rules.five_star_satisfaction * 100)}%。"
    )


def title_of(assessment: Assessment) -> str:
    return f"{assessment.hall_name} 员工考核表"


def period_of(assessment: Assessment) -> str:
    return f"{assessment.first:%Y-%m-%d} 至 {assessment.last:%Y-%m-%d}"


def export_assessment(assessment: Assessment, path: str | os.PathLike[str]) -> Path:
    """Write the assessment as .pdf or .xlsx, chosen by the suffix; returns the path written."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix == ".pdf":
        write_pdf(assessment, target)
    elif suffix == ".xlsx":
        write_xlsx(assessment, target)
    else:
        raise InvalidInput("考核表只能导出为 .pdf 或 .xlsx 文件", code="invalid_export_type")
    return target


def write_xlsx(assessment: Assessment, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    summary = summary_table(assessment)
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = summary.title
    ws.append([title_of(assessment)])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([f"考核期：{period_of(assessment)}"])
    ws.append(list(summary.headers))
    for cell in ws[3]:
        cell.font = Font(bold=True)
    for row in summary.rows:
        ws.append(list(row))
    for column, header in enumerate(summary.headers, start=1):
        letter = ws.cell(3, column).column_letter
        ws.column_dimensions[letter].width = max(len(header) * 2 + 2, 9)
    ws.freeze_panes = "C4"

    details = book.create_sheet("扣分明细")
    details.append(["工号", "姓名", "扣分项", "扣分"])
    for cell in details[1]:
        cell.font = Font(bold=True)
    for clerk in assessment.clerks:
        for what, lost in clerk.deductions:
            details.append([clerk.code, clerk.name, what, points(lost)])
    for letter, width in zip("ABCD", (10, 12, 24, 8), strict=True):
        details.column_dimensions[letter].width = width

    rules = book.create_sheet("考核参数")
    rules.append([rules_text(assessment.rules)])
    rules.column_dimensions["A"].width = 120
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def write_pdf(assessment: Assessment, path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

    from hall.receipts import register_font

    font = register_font()
    title = ParagraphStyle("title", fontName=font, fontSize=17, leading=24, spaceAfter=4)
    line = ParagraphStyle("line", fontName=font, fontSize=11, leading=17)
    heading = ParagraphStyle("heading", fontName=font, fontSize=11, leading=16, spaceBefore=8)
    score = ParagraphStyle("score", fontName=font, fontSize=15, leading=24, spaceBefore=10)
    note = ParagraphStyle("note", fontName=font, fontSize=8.5, leading=12.5, spaceBefore=10)
    sign = ParagraphStyle("sign", fontName=font, fontSize=11, leading=18, spaceBefore=26)

    story: list[object] = []
    if not assessment.clerks:
        story += [
            Paragraph(title_of(assessment), title),
            Paragraph(f"考核期：{period_of(assessment)}", line),
            Paragraph("本考核期内没有员工在窗口办理业务。", heading),
        ]
    for n, clerk in enumerate(assessment.clerks):
        if n:
            story.append(PageBreak())
        lost = deducted(clerk)
        deduction_rows: list[list[str]] = [["扣分项", "扣分"]]
        deduction_rows += [[what, str(points(p))] for what, p in clerk.deductions] or [
            ["无扣分", "0.0"]
        ]
        deduction_rows.append(["扣分合计", str(lost)])
        story += [
            Paragraph(title_of(assessment), title),
            Paragraph(f"考核期：{period_of(assessment)}", line),
            Paragraph(f"员工：{clerk.name}　工号：{clerk.code}", line),
            Paragraph("考核数据", heading),
            _pdf_table(
                [["项目", "数值"], *[[label, _text(v)] for label, v in figure_rows(clerk)]],
                font,
                widths=(60 * mm, 35 * mm),
            ),
            Paragraph("扣分明细", heading),
            _pdf_table(deduction_rows, font, widths=(60 * mm, 35 * mm), total_row=True),
            Paragraph(
                f"考核得分：{points(clerk.score)} 分　　星级：{stars_text(clerk.stars)}"
                f"（{clerk.stars}星）",
                score,
            ),
            Paragraph(f"评分办法：{rules_text(assessment.rules)}", note),
            Spacer(1, 6 * mm),
            Paragraph("被考核人（签字）：________________　　日期：____年____月____日", sign),
            Paragraph("值班长（签字）：________________　　日期：____年____月____日", sign),
        ]
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=f"{title_of(assessment)} {period_of(assessment)}",
        author=assessment.hall_name,
    )
    doc.build(story)  # type: ignore[arg-type]


def _text(cell: Cell) -> str:
    return "—" if cell is None else str(cell)


def _pdf_table(
    rows: list[list[str]], font: str, *, widths: tuple[float, ...], total_row: bool = False
) -> object:
    from reportlab.lib import colors
    from reportlab.platypus import Table as PdfTable
    from reportlab.platypus import TableStyle

    table = PdfTable(rows, colWidths=widths, hAlign="LEFT")
    style = [
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("FONTSIZE", (0, 0), (-1, -1), 10),
        ("LEADING", (0, 0), (-1, -1), 13),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9ca3af")),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6f2f1")),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if total_row:
        style.append(("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#f3f5f7")))
    table.setStyle(TableStyle(style))
    return table
