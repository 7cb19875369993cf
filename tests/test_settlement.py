"""A cashier's end of shift (日清日结): takings by method from the day's receipts, reversals netted
out, the receipts issued, the cash expected in the drawer against the cash counted, and the PDF.

The day below is worked out by hand; every figure asserted comes from that working, not from the
code under test.
"""

from __future__ import annotations

import subprocess
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from db import models as m
from hall.desk import Desk
from hall.errors import InvalidInput, NotFound, PermissionDenied
from hall.facade import Hall

from tests.conftest import PASSWORD, FakeClock

MONDAY = date(2026, 3, 2)

# account: (name, arrears in fen)
ACCOUNTS = {
    "3300000001": ("张三", 23640),
    "3300000002": ("李四", 10000),
    "3300000003": ("王五", 8880),
    "3300000004": ("赵六", 0),
    "3300000005": ("孙七", 5000),
    "3300000006": ("周八", 12000),
}


@pytest.fixture
def accounts(lead: Desk) -> None:
    for number, (name, arrears) in ACCOUNTS.items():
        lead.add_account(account=number, name=name, address="城东路 1 号", arrears_fen=arrears)


@pytest.fixture
def cashier(counter: Any, accounts: None) -> Desk:
    """赵收费 (2002) at window 2."""
    return counter(2)


@pytest.fixture
def worked_day(cashier: Desk, counter: Any, clock: FakeClock) -> Desk:
    """Monday at window 2, receipt by receipt (another clerk takes 000005 in between):

    000001 cash 张三  owes 236.40, hands 300.00 → change 63.60
    000002 cash 李四  owes 100.00, hands 150.00 → 50.00 booked as prepayment
    000003 card 王五  owes  88.80, card  88.80
    000004 qr   赵六  owes   0.00, scans 200.00 → all prepayment
    000005 cash 孙七  owes  50.00 — taken at window 1 by 张受理 (2001)
    000006 cash 周八  owes 120.00, hands 200.00 → change 80.00
    000007 reversal of 000006 (cash): 120.00 paid back from the drawer
    000008 reversal of 000003 (card):  88.80 paid back to the card

    Cash at window 2: received 300 + 150 + 200 = 650.00, change 63.60 + 80.00 = 143.60, kept
    506.40 (of which 50.00 prepayment), paid back 120.00 → 386.40 should be in the drawer.
    """
    cashier.take_payment("3300000001", received_fen=30000)
    clock.advance(minutes=5)
    cashier.take_payment("3300000002", received_fen=15000, excess="prepay")
    clock.advance(minutes=5)
    cashier.take_payment("3300000003", received_fen=8880, method="card")
    clock.advance(minutes=5)
    cashier.take_payment("3300000004", received_fen=20000, method="qr")
    counter(1).take_payment("3300000005", received_fen=5000)
    clock.advance(minutes=5)
    cashier.take_payment("3300000006", received_fen=20000)
    clock.advance(minutes=5)
    cashier.reverse_payment(
        "2026-000006", lead_code="9001", lead_password=PASSWORD, reason="收错户"
    )
    cashier.reverse_payment(
        "2026-000003", lead_code="9001", lead_password=PASSWORD, reason="重复刷卡"
    )
    return cashier


def amounts(line: Any) -> tuple[int, ...]:
    return (
        line.receipts,
        line.received_fen,
        line.change_fen,
        line.prepaid_fen,
        line.reversals,
        line.reversed_fen,
        line.net_fen,
    )


def test_takings_by_method_with_change_prepayments_and_reversals(worked_day: Desk) -> None:
    takings = worked_day.shift_takings()
    assert (takings.day, takings.clerk_code, takings.clerk_name) == (MONDAY, "2002", "赵收费")
    assert takings.hall_name == "城东供电营业厅"
    assert [line.name for line in takings.by_method] == ["现金", "刷卡", "扫码"]
    #                                  count received change  prepaid rev. paid back  net
    assert amounts(takings.method("cash")) == (3, 65000, 14360, 5000, 1, 12000, 38640)
    assert amounts(takings.method("card")) == (1, 8880, 0, 0, 1, 8880, 0)
    assert amounts(takings.method("qr")) == (1, 20000, 0, 20000, 0, 0, 20000)
    assert amounts(takings.total) == (5, 93880, 14360, 25000, 2, 20880, 58640)
    assert takings.expected_cash_fen == 38640

    numbers = [r.number for r in takings.receipts]
    assert numbers == [f"2026-00000{n}" for n in (1, 2, 3, 4, 6, 7, 8)]  # 5 is window 1's
    assert (takings.receipt_count, takings.first_receipt, takings.last_receipt) == (
        7,
        "2026-000001",
        "2026-000008",
    )
    reversals = [(r.number, r.reverses, r.method, r.kept_fen) for r in takings.reversals]
    assert reversals == [
        ("2026-000007", "2026-000006", "cash", 12000),
        ("2026-000008", "2026-000003", "card", 8880),
    ]
    assert {r.reason for r in takings.reversals} == {"收错户", "重复刷卡"}
    assert {r.approved_by for r in takings.reversals} == {"王值班"}
    assert takings.settlement is None and takings.needs_settling


def test_the_business_day_is_the_halls_own_and_other_days_stay_apart(
    cashier: Desk, clock: FakeClock
) -> None:
    # 23:50 on Monday in Shanghai is 15:50 UTC: still Monday's takings.
    clock.set(datetime(2026, 3, 2, 15, 50, tzinfo=UTC))
    cashier.take_payment("3300000001", received_fen=23640)
    clock.advance(minutes=20)  # 00:10 on Tuesday
    cashier.take_payment("3300000002", received_fen=10000)
    monday = cashier.shift_takings(MONDAY)
    assert [r.number for r in monday.receipts] == ["2026-000001"]
    assert monday.expected_cash_fen == 23640
    tuesday = cashier.shift_takings()  # today
    assert tuesday.day == date(2026, 3, 3)
    assert [r.number for r in tuesday.receipts] == ["2026-000002"]
    assert tuesday.expected_cash_fen == 10000
    with pytest.raises(InvalidInput):
        cashier.shift_takings("2026-03-02")  # type: ignore[arg-type]


def test_an_empty_day_has_zero_takings_in_every_method(cashier: Desk) -> None:
    takings = cashier.shift_takings()
    assert [amounts(line) for line in takings.by_method] == [(0,) * 7] * 3
    assert takings.receipts == () and takings.first_receipt is None
    assert takings.expected_cash_fen == 0


def test_a_clerk_sees_only_their_own_takings(
    worked_day: Desk, counter: Any, lead: Desk, guide: Desk
) -> None:
    other = counter(1)
    assert [r.number for r in other.shift_takings().receipts] == ["2026-000005"]
    assert other.shift_takings(clerk="2001").clerk_name == "张受理"
    with pytest.raises(PermissionDenied):
        other.shift_takings(clerk="2002")
    with pytest.raises(PermissionDenied):
        other.hall_takings()
    for refused in (
        guide.shift_takings,
        guide.receipts,
        guide.hall_takings,
        lambda: guide.settle_shift(0),
    ):
        with pytest.raises(PermissionDenied):
            refused()


def test_a_lead_sees_any_cashiers_takings_and_the_whole_hall(worked_day: Desk, lead: Desk) -> None:
    theirs = lead.shift_takings(clerk="2002")
    assert theirs == worked_day.shift_takings()
    assert lead.shift_takings(MONDAY, "2001").expected_cash_fen == 5000
    with pytest.raises(NotFound):
        lead.shift_takings(clerk="7777")

    hall = lead.hall_takings(MONDAY)
    assert [c.clerk_code for c in hall.cashiers] == ["2001", "2002"]
    cash = next(line for line in hall.by_method if line.method == "cash")
    assert amounts(cash) == (4, 70000, 14360, 5000, 1, 12000, 43640)
    assert amounts(hall.total) == (6, 98880, 14360, 25000, 2, 20880, 63640)
    assert hall.expected_cash_fen == 43640
    assert hall.receipt_count == 8
    quiet = lead.hall_takings(date(2026, 3, 1))
    assert (quiet.cashiers, quiet.expected_cash_fen, quiet.total.net_fen) == ((), 0, 0)


def test_receipts_of_the_day_mine_or_the_whole_halls(worked_day: Desk) -> None:
    mine = worked_day.receipts()
    assert [r.number for r in mine] == [f"2026-00000{n}" for n in (1, 2, 3, 4, 6, 7, 8)]
    first = mine[0]
    assert (first.account, first.account_name, first.method_name) == ("3300000001", "张三", "现金")
    assert (first.kept_fen, first.change_fen, first.window, first.clerk_code) == (
        23640,
        6360,
        2,
        "2002",
    )
    reversed_ones = {r.number: r.reversed_by for r in mine if r.reversed_by}
    assert reversed_ones == {"2026-000003": "2026-000008", "2026-000006": "2026-000007"}
    everyone = worked_day.receipts(mine=False)
    assert [r.number for r in everyone] == [f"2026-00000{n}" for n in range(1, 9)]
    assert everyone[4].clerk_name == "张受理"
    assert worked_day.receipts(date(2026, 3, 1)) == ()


def settlement_rows(hall: Hall) -> int:
    with hall.database.read() as conn:
        return conn.execute(select(func.count()).select_from(m.ShiftSettlement)).scalar_one()


def test_settling_records_the_cash_counted_and_the_difference(
    hall: Hall, worked_day: Desk, clock: FakeClock
) -> None:
    clock.set(datetime(2026, 3, 2, 9, 30, tzinfo=UTC))  # 17:30 in Shanghai
    short = worked_day.settle_shift(38500, note="少一张一元和四角")
    assert (short.expected_cash_fen, short.counted_cash_fen) == (38640, 38500)
    assert (short.difference_fen, short.verdict) == (-140, "短款")
    assert (short.receipts, short.first_receipt, short.last_receipt) == (
        7,
        "2026-000001",
        "2026-000008",
    )
    assert short.settled_at == datetime(2026, 3, 2, 17, 30, tzinfo=hall.zone)

    clock.advance(minutes=10)  # counted again, the coins found
    again = worked_day.settle_shift(38640)
    assert (again.difference_fen, again.verdict) == (0, "相符")
    assert settlement_rows(hall) == 2  # both kept

    takings = worked_day.shift_takings()
    assert takings.settlements == (short, again)
    assert takings.settlement == again  # the later one stands
    assert not takings.needs_settling

    over = worked_day.settle_shift(40000)
    assert (over.difference_fen, over.verdict) == (1360, "长款")

    worked_day.take_payment("3300000006", received_fen=12000)  # after settling
    assert worked_day.shift_takings().needs_settling


@pytest.mark.parametrize("counted", [-1, 1.5, True, "385"])
def test_a_count_that_is_not_an_amount_is_refused(
    hall: Hall, cashier: Desk, counted: object
) -> None:
    with pytest.raises(InvalidInput):
        cashier.settle_shift(counted)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        cashier.settle_shift(0, note="字" * 201)
    assert settlement_rows(hall) == 0


# -- the PDF -------------------------------------------------------------------------------------


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_takings_pdf_shows_the_day_to_be_signed(
    worked_day: Desk, clock: FakeClock, tmp_path: Path
) -> None:
    clock.advance(hours=7)
    worked_day.settle_shift(38500, note="少一张一元和四角")
    path = tmp_path / "takings.pdf"
    worked_day.shift_takings().write_pdf(path)
    text = pdf_text(path)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    for expected in (
        "城东供电营业厅",
        "收费员日清日结单",
        "2026-03-02",
        "赵收费（工号 2002）",
        "现金 3 ￥650.00 ￥143.60 ￥50.00 1 ￥120.00 ￥386.40",
        "刷卡 1 ￥88.80 ￥0.00 ￥0.00 1 ￥88.80 ￥0.00",
        "扫码 1 ￥200.00 ￥0.00 ￥200.00 0 ￥0.00 ￥200.00",
        "合计 5 ￥938.80 ￥143.60 ￥250.00 2 ￥208.80 ￥586.40",
        "￥386.40 ￥385.00 ￥1.40 短款",
        "备注：少一张一元和四角",
    ):
        assert any(expected in line for line in lines), expected
    flat = "".join(text.split())
    for expected in (
        "2026-000007",  # the reversals, with what they reverse and why
        "2026-000006",
        "收错户",
        "重复刷卡",
        "王值班",
        "本日开出收据7张（缴费5张，冲正2张），起号2026-000001，止号2026-000008",
        "收费员（签字）",
        "值班长（签字）",
    ):
        assert expected in flat, expected
    assert "2026-000005" not in flat  # window 1's receipt
    fonts = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert rows and all("WenQuanYiMicroHei" in row[0] for row in rows), fonts
    assert all(row[-5] == "yes" for row in rows), fonts  # embedded


def test_an_unsettled_pdf_leaves_the_count_to_be_filled_in_by_hand(
    cashier: Desk, tmp_path: Path
) -> None:
    path = tmp_path / "empty.pdf"
    cashier.shift_takings().write_pdf(path)
    flat = "".join(pdf_text(path).split())
    assert "本日未开出收据" in flat
    assert "本日无冲正" in flat
    assert "应有现金实点现金差额长款/短款￥0.00" in flat
