"""The daily sheet (日报) on a scripted day whose every figure was worked out by hand."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import PASSWORD, FakeClock

from hall.desk import Desk
from hall.errors import InvalidInput, PermissionDenied
from hall.facade import Hall
from hall.reports import DailySheet, percentile

ROOT = Path(__file__).resolve().parent.parent
DAY = date(2026, 3, 2)  # the conftest clock's Monday


def at(clock: FakeClock, hhmm: str) -> None:
    """Move the clock to hh:mm on DAY, Shanghai time (UTC+8)."""
    hours, minutes = (int(part) for part in hhmm.split(":"))
    clock.set(clock.now.replace(hour=hours - 8, minute=minutes, second=0))


@pytest.fixture
def scripted_day(hall: Hall, lead: Desk, guide: Desk, counter, clock: FakeClock) -> DailySheet:  # type: ignore[no-untyped-def]
    """10:00 A001, A002, C001 arrive. Window 1 (2001) serves A001 10:02-10:10 (7 min from the
    start: over A's 5-minute target). Window 2 (2002) calls A002 at 10:05, a no-show at 10:06,
    calls C001 at 10:06, starts 10:07 and transfers it to A at 10:08; window 1 calls it back at
    10:10, starts 10:11 and finishes 10:13 (2 min). Window 2 pauses 10:14-10:20. J001 arrives
    10:20 and is never called; a complaint against 2002 is saved at window 3 (an older one,
    from 26 February, was never followed up). Ratings: A001 非常满意, C001 不满意. Payments at window 1: cash
    ￥236.40 of ￥300, and QR ￥15.00 (￥10.00 due, ￥5.00 prepaid) reversed. The lead ends the day.
    """
    complaint = {
        "kind": "投诉",
        "category": "服务",
        "severity": "一般",
        "customer_name": "王五",
        "mobile": "13812345678",
        "description": "窗口人员态度生硬",
    }
    saved = clock.now
    clock.set(saved - timedelta(days=4))  # Thursday 26 February: contact by Friday the 27th
    three = counter(3)
    three.save_application("complaint", complaint)  # never contacted: overdue by 2 March
    clock.set(saved)
    lead.add_account(account="3300000001", name="张三", address="城东路1号", arrears_fen=23640)
    lead.add_account(account="3300000002", name="李四", address="城东路2号", arrears_fen=1000)
    at(clock, "10:00")
    a001 = guide.issue_ticket("A")
    guide.issue_ticket("A")
    c001 = guide.issue_ticket("C")
    one, two = counter(1), counter(2)
    at(clock, "10:02")
    one.call_next()
    at(clock, "10:03")
    one.start()
    at(clock, "10:05")
    two.call_next()
    at(clock, "10:06")
    two.no_show()
    two.call_next()
    at(clock, "10:07")
    two.start()
    at(clock, "10:08")
    two.transfer(business="A")
    at(clock, "10:09")
    one.take_payment("3300000001", received_fen=30000, method="cash")
    qr = one.take_payment("3300000002", received_fen=1500, method="qr", excess="prepay")
    one.reverse_payment(qr.number, lead_code="9001", lead_password=PASSWORD, reason="扫错户号")
    at(clock, "10:10")
    one.finish()
    assert one.call_next().number == "C001"  # type: ignore[union-attr]
    at(clock, "10:11")
    one.start()
    at(clock, "10:13")
    one.finish()
    at(clock, "10:14")
    two.pause("整理资料")
    at(clock, "10:20")
    two.resume()
    guide.issue_ticket("J")
    three.save_application("complaint", {**complaint, "against": "2002"})  # contact by 3 March
    hall.rate(a001.id, 5)
    hall.rate(c001.id, 2, "等太久")
    at(clock, "17:00")
    lead.end_day()
    return lead.daily_sheet(DAY)


def test_the_hall_totals(scripted_day: DailySheet) -> None:
    sheet = scripted_day
    assert sheet.hall_name == "城东供电营业厅"
    assert (sheet.issued, sheet.served, sheet.no_shows) == (4, 2, 1)
    assert (sheet.parked, sheet.transferred, sheet.closed_unserved) == (0, 1, 2)
    # Waits to the first call: A001 2 min, A002 5 min, C001 6 min.
    assert sheet.avg_wait_s == pytest.approx((120 + 300 + 360) / 3)
    assert sheet.p90_wait_s == 360
    assert sheet.avg_handle_s == pytest.approx((420 + 120) / 2)
    assert sheet.over_target == 1
    assert sheet.long_waits == 0 and sheet.wait_limit_s == 900
    assert sheet.ratings == {2: 1, 5: 1}
    assert sheet.satisfaction == pytest.approx(0.5)
    assert (sheet.complaints_opened, sheet.complaints_overdue) == (1, 1)
    assert sheet.arrivals_by_hour == {10: 4}
    assert sheet.served_by_hour == {10: 2}
    assert dict(sheet.wait_distribution) == {
        "0-5分钟": 1,
        "5-10分钟": 2,
        "10-15分钟": 0,
        "15-20分钟": 0,
        "20-30分钟": 0,
        "30分钟以上": 0,
    }


def test_by_business_counts_transfers_where_they_leave_and_services_where_they_end(
    scripted_day: DailySheet,
) -> None:
    a, c, j = (scripted_day.by_business[code] for code in "ACJ")
    assert (a.issued, a.served, a.no_shows, a.transferred, a.over_target) == (2, 2, 1, 0, 1)
    assert a.avg_wait_s == pytest.approx(210)
    assert a.avg_handle_s == pytest.approx(270)
    assert a.ratings == {2: 1, 5: 1}  # ratings go where the service was finished
    assert (c.issued, c.served, c.transferred) == (1, 0, 1)
    assert c.avg_wait_s == 360 and c.avg_handle_s is None
    assert c.ratings == {}
    assert (j.issued, j.served, j.avg_wait_s) == (1, 0, None)
    assert scripted_day.business_names["A"].startswith("电费缴纳")


def test_by_window_and_clerk(scripted_day: DailySheet) -> None:
    one, two = scripted_day.by_window[1], scripted_day.by_window[2]
    assert (one.served, one.no_shows, one.over_target, one.pause_s) == (2, 0, 1, 0)
    assert one.avg_wait_s == 120  # only A001 was first called here
    assert (two.served, two.no_shows, two.transferred, two.pause_s) == (0, 1, 1, 360)
    assert two.avg_wait_s == pytest.approx(330)
    clerk = scripted_day.by_clerk["2001"]
    assert (clerk.served, clerk.avg_handle_s, clerk.ratings) == (2, 270, {2: 1, 5: 1})
    assert clerk.satisfaction == pytest.approx(0.5)
    assert scripted_day.by_clerk["2002"].pause_s == 360
    assert scripted_day.by_clerk["2002"].complaints == 1
    assert scripted_day.staff_names["2001"] == "张受理"


def test_payments_net_of_reversals(scripted_day: DailySheet) -> None:
    assert scripted_day.payments_fen == {"cash": 23640, "qr": 0}
    assert scripted_day.payments_by_cashier == {"2001": {"cash": 23640, "qr": 0}}
    assert (scripted_day.receipts, scripted_day.reversals) == (2, 1)


def test_another_day_is_empty_and_only_a_lead_reads_it(
    scripted_day: DailySheet, lead: Desk, counter
) -> None:  # type: ignore[no-untyped-def]
    empty = lead.daily_sheet(date(2026, 3, 3))
    assert (empty.issued, empty.served, empty.avg_wait_s, empty.satisfaction) == (0, 0, None, None)
    assert empty.by_business == {} and empty.payments_fen == {}
    with pytest.raises(PermissionDenied):
        counter(3).daily_sheet(DAY)
    with pytest.raises(InvalidInput):
        lead.daily_sheet("2026-03-02")  # type: ignore[arg-type]


def test_percentile_is_the_nearest_rank() -> None:
    assert percentile([], 0.9) is None
    assert percentile([5.0], 0.9) == 5.0
    assert percentile([float(n) for n in range(1, 11)], 0.9) == 9.0
    assert percentile([float(n) for n in range(1, 21)], 0.9) == 18.0


def test_the_pdf_export_reads_back(scripted_day: DailySheet, lead: Desk, tmp_path: Path) -> None:
    written = lead.export_daily_sheet(DAY, tmp_path / "day.pdf")
    pages = subprocess.run(
        ["pdfinfo", str(written)], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r"^Pages:\s+1$", pages, re.MULTILINE)
    text = subprocess.run(
        ["pdftotext", "-layout", str(written), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "城东供电营业厅 营业日报 2026-03-02" in text
    assert "张受理" in text and "赵收费" in text  # staff by name
    assert "236.40" in text  # the cash taken
    assert "50.0" in text  # the satisfaction rate


def test_the_xlsx_export_holds_numbers(
    scripted_day: DailySheet, lead: Desk, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    book = load_workbook(lead.export_daily_sheet(DAY, tmp_path / "day.xlsx"))
    assert book.sheetnames == [
        "概况",
        "按业务",
        "按窗口",
        "按人员",
        "评价",
        "收费",
        "分时段",
        "等候分布",
    ]
    by_business = book["按业务"]
    assert by_business["A1"].value == "城东供电营业厅 营业日报 2026-03-02"
    rows = {row[0]: row[1:] for row in by_business.iter_rows(min_row=3, values_only=True)}
    issued, served, no_shows = rows["A 电费缴纳/预存电费"][:3]
    assert (issued, served, no_shows) == (2, 2, 1)
    clerk_rows = list(book["按人员"].iter_rows(min_row=3, values_only=True))
    assert clerk_rows[0][:4] == ("2001", "张受理", 2, 0)  # served, no-shows
    totals = list(book["收费"].iter_rows(min_row=3, values_only=True))[-1]
    assert totals[0] == "合计" and totals[2] == pytest.approx(236.40)


def test_other_file_types_are_refused(scripted_day: DailySheet, lead: Desk, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="pdf"):
        lead.export_daily_sheet(DAY, tmp_path / "day.docx")
    assert not (tmp_path / "day.docx").exists()


def test_the_command_line_export(scripted_day: DailySheet, db_url: str, tmp_path: Path) -> None:
    out = tmp_path / "exports" / "day.xlsx"
    done = subprocess.run(
        [sys.executable, "main.py", "report", "--day", "2026-03-02", "--out", str(out)]
        + ["--db", db_url],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(out)
    from openpyxl import load_workbook

    summary = dict(load_workbook(out)["概况"].iter_rows(min_row=3, values_only=True))
    assert (summary["取号"], summary["办结"], summary["过号"]) == (4, 2, 1)

    refused = subprocess.run(
        [sys.executable, "main.py", "report", "--out", str(tmp_path / "day.txt"), "--db", db_url],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert refused.returncode == 1
    assert "日报只能导出为 .pdf 或 .xlsx 文件" in refused.stderr
