"""The staff assessment (考核) exports, read back: a page per clerk to sign, and a workbook of
numbers."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
from test_assessment import MARCH, month  # noqa: F401 (the scripted month fixture)

from hall.assessment_export import export_assessment, stars_text
from hall.desk import Desk
from hall.errors import InvalidInput


def pdf_pages(path: Path) -> list[str]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    found = re.search(r"^Pages:\s+(\d+)$", info.stdout, re.MULTILINE)
    assert found
    return [
        subprocess.run(
            ["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in range(1, int(found.group(1)) + 1)
    ]


def test_stars_text() -> None:
    assert stars_text(0) == "☆☆☆☆☆"
    assert stars_text(4) == "★★★★☆"


def test_the_pdf_has_a_page_per_clerk_to_sign(month: None, lead: Desk, tmp_path: Path) -> None:  # noqa: F811
    written = export_assessment(lead.assessment(*MARCH), tmp_path / "march.pdf")
    pages = pdf_pages(written)
    assert len(pages) == 3
    first, second, third = pages
    assert "城东供电营业厅 员工考核表" in first
    assert "考核期：2026-03-01 至 2026-03-31" in first
    assert "张受理" in first and "2001" in first
    assert "超时办理 1 件" in first and "不满意评价 1 次" in first
    assert re.search(r"扣分合计\s+2\.5", first)
    assert "考核得分：97.5 分" in first and "★★★★☆（4星）" in first
    assert "被考核人（签字）" in first and "值班长（签字）" in first
    assert "评分办法：满分100分。超时办理每件扣0.5分（最多15分）" in first
    assert "赵收费" in second and "暂停超出 70 分钟" in second and "★★★☆☆" in second
    assert "钱受理" in third and "无扣分" in third and "考核得分：100.0 分" in third
    assert "★★★★★" in third
    fonts = subprocess.run(
        ["pdffonts", str(written)], capture_output=True, text=True, check=True
    ).stdout
    shipped = [line for line in fonts.splitlines() if "WenQuanYiMicroHei" in line]
    assert shipped and all(line.split()[-5] == "yes" for line in shipped)  # embedded


def test_an_empty_period_says_so(month: None, lead: Desk, tmp_path: Path) -> None:  # noqa: F811
    april = lead.assessment(date(2026, 4, 1), date(2026, 4, 30))
    (page,) = pdf_pages(export_assessment(april, tmp_path / "april.pdf"))
    assert "没有员工" in page


def test_the_workbook_holds_numbers(month: None, lead: Desk, tmp_path: Path) -> None:  # noqa: F811
    from openpyxl import load_workbook

    book = load_workbook(export_assessment(lead.assessment(*MARCH), tmp_path / "march.xlsx"))
    assert book.sheetnames == ["考核汇总", "扣分明细", "考核参数"]
    summary = book["考核汇总"]
    assert summary["A1"].value == "城东供电营业厅 员工考核表"
    assert summary["A2"].value == "考核期：2026-03-01 至 2026-03-31"
    headers = [cell.value for cell in summary[3]]
    rows = {
        row[0]: dict(zip(headers, row, strict=True))
        for row in summary.iter_rows(min_row=4, values_only=True)
    }
    assert list(rows) == ["2001", "2002", "2003"]
    one = rows["2001"]
    assert (one["姓名"], one["出勤天数"], one["办结"], one["超时"], one["不满意"]) == (
        "张受理",
        2,
        20,
        1,
        1,
    )
    assert one["满意率(%)"] == pytest.approx(95.0)
    assert (one["扣分"], one["得分"], one["星级"]) == (pytest.approx(2.5), pytest.approx(97.5), 4)
    assert isinstance(one["办结"], int) and isinstance(one["得分"], float)
    assert rows["2002"]["暂停(分)"] == pytest.approx(100.0)
    assert (rows["2003"]["得分"], rows["2003"]["星级"]) == (100, 5)
    details = list(book["扣分明细"].iter_rows(min_row=2, values_only=True))
    assert details == [
        ("2001", "张受理", "超时办理 1 件", 0.5),
        ("2001", "张受理", "不满意评价 1 次", 2),
        ("2002", "赵收费", "暂停超出 70 分钟", 7),
    ]


def test_other_file_types_are_refused(month: None, lead: Desk, tmp_path: Path) -> None:  # noqa: F811
    with pytest.raises(InvalidInput, match="考核表只能导出为"):
        export_assessment(lead.assessment(*MARCH), tmp_path / "march.csv")
    assert not (tmp_path / "march.csv").exists()
