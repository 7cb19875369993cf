"""Several halls on one database: each workstation opens its own hall (``open_hall(hall=CODE)``),
numbers, queues, staff and receipt series stay per hall, and a regional lead puts the halls'
daily sheets side by side (hall/regional.py, ``main.py report --halls``).

Runs on SQLite; with HALL_TEST_POSTGRES on a fresh PostgreSQL database too (db_url).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from conftest import PASSWORD, FakeClock
from openpyxl import load_workbook

from hall import cli, open_hall
from hall.errors import AuthError, Conflict, InvalidInput, NotFound
from hall.facade import Hall
from hall.regional import compare_halls, export_comparison, parse_hall_codes

DAY = date(2026, 3, 2)  # the FakeClock's day
ACCOUNT = "3100000001"
NAMES = {"east": "城东供电营业厅", "west": "城西供电营业厅"}


@pytest.fixture
def halls(db_url: str, clock: FakeClock) -> Iterator[dict[str, Hall]]:
    """Two halls set up on one database, each with lead 9001, guide 1001, clerks 2001 and
    2002 (the same codes on purpose) and the customer account ACCOUNT owing 100 yuan."""
    opened: dict[str, Hall] = {}
    try:
        for code, name in NAMES.items():
            hall = open_hall(db_url, clock=clock, hall=code)
            opened[code] = hall
            hall.setup(hall_name=name, lead_code="9001", lead_name="王值班", lead_password=PASSWORD)
            lead = hall.sign_in("9001", PASSWORD)
            lead.add_staff(code="1001", name="李引导", role="guide", password=PASSWORD)
            lead.add_staff(code="2001", name="张受理", role="clerk", password=PASSWORD)
            lead.add_staff(code="2002", name="赵收费", role="clerk", password=PASSWORD)
            lead.add_account(account=ACCOUNT, name="陈客户", address="解放路1号", arrears_fen=10000)
        yield opened
    finally:
        for hall in opened.values():
            hall.close()


def test_each_hall_numbers_its_own_tickets(halls: dict[str, Hall]) -> None:
    east = halls["east"].sign_in("1001", PASSWORD)
    west = halls["west"].sign_in("1001", PASSWORD)
    assert east.issue_ticket("A").number == "A001"
    assert west.issue_ticket("A").number == "A001"
    assert east.issue_ticket("A").number == "A002"
    assert east.issue_ticket("B").number == "B001"
    assert west.issue_ticket("A").number == "A002"
    assert halls["east"].snapshot().issued_today == {"A": 2, "B": 1}
    assert halls["west"].snapshot().issued_today == {"A": 2}


def test_staff_sign_in_only_to_their_own_hall(halls: dict[str, Hall]) -> None:
    halls["east"].sign_in("9001", PASSWORD).add_staff(
        code="3001", name="孙东", role="clerk", password=PASSWORD
    )
    assert halls["east"].sign_in("3001", PASSWORD, window=3).window == 3
    with pytest.raises(AuthError):
        halls["west"].sign_in("3001", PASSWORD)
    # The same code in both halls is two people: west's new password does not open east.
    halls["west"].sign_in("9001", PASSWORD).reset_password("2001", "west-only-9")
    assert halls["west"].sign_in("2001", "west-only-9", window=1).code == "2001"
    with pytest.raises(AuthError):
        halls["east"].sign_in("2001", "west-only-9", window=1)
    # A lead sees and manages the own hall's staff only.
    east_staff = {s.code for s in halls["east"].sign_in("9001", PASSWORD).staff()}
    west_staff = {s.code for s in halls["west"].sign_in("9001", PASSWORD).staff()}
    assert "3001" in east_staff
    assert "3001" not in west_staff


def test_queues_and_snapshots_stay_per_hall(halls: dict[str, Hall]) -> None:
    east_guide = halls["east"].sign_in("1001", PASSWORD)
    for _ in range(3):
        east_guide.issue_ticket("A")
    halls["west"].sign_in("1001", PASSWORD).issue_ticket("A")

    west_clerk = halls["west"].sign_in("2001", PASSWORD, window=1)
    called = west_clerk.call_next()
    assert called is not None and called.number == "A001"
    west_clerk.finish()
    # East's three waiting tickets are not west's to call.
    assert west_clerk.call_next() is None

    east, west = halls["east"].snapshot(), halls["west"].snapshot()
    assert [t.number for t in east.waiting] == ["A001", "A002", "A003"]
    assert west.waiting == () and west.open == ()
    assert (east.hall_name, west.hall_name) == (NAMES["east"], NAMES["west"])
    assert [c.number for c in halls["west"].calls_since()] == ["A001"]
    assert halls["east"].calls_since() == ()

    east_clerk = halls["east"].sign_in("2001", PASSWORD, window=1)
    ticket = east_clerk.call_next()
    assert ticket is not None and ticket.number == "A001"
    # Window 1 of each hall is its own window: both have a clerk and an open ticket or none.
    assert [t.number for t in halls["east"].snapshot().open] == ["A001"]
    assert halls["west"].snapshot().open == ()
    # A ticket id of the other hall is not this hall's to rate or read.
    with pytest.raises(NotFound):
        halls["west"].ticket(ticket.id)


def test_receipt_series_are_per_hall(halls: dict[str, Hall]) -> None:
    east = halls["east"].sign_in("2002", PASSWORD, window=2)
    west = halls["west"].sign_in("2002", PASSWORD, window=2)
    first_east = east.take_payment(ACCOUNT, received_fen=10000)
    first_west = west.take_payment(ACCOUNT, received_fen=10000)
    second_east = east.take_payment(ACCOUNT, received_fen=5000, method="qr")  # a prepayment
    assert first_east.number.endswith("000001")
    assert first_west.number.endswith("000001")
    assert second_east.number.endswith("000002")
    assert west.take_payment(ACCOUNT, received_fen=2000).number.endswith("000002")
    # The account of the same number is each hall's own: west's payment left east's alone.
    assert halls["east"].sign_in("2002", PASSWORD, window=3).account(ACCOUNT).prepaid_fen == 5000


def test_a_lead_ends_the_day_of_the_own_hall_only(halls: dict[str, Hall]) -> None:
    halls["east"].sign_in("1001", PASSWORD).issue_ticket("A")
    halls["east"].sign_in("9001", PASSWORD).end_day()
    assert halls["east"].snapshot().day_ended
    assert not halls["west"].snapshot().day_ended
    assert halls["west"].sign_in("1001", PASSWORD).issue_ticket("A").number == "A001"


def test_the_default_hall_and_a_new_one_on_a_shared_database(
    halls: dict[str, Hall], db_url: str, clock: FakeClock
) -> None:
    main = open_hall(db_url, clock=clock)
    north = open_hall(db_url, clock=clock, hall="north")
    try:
        assert main.code == "main" and main.needs_setup
        assert north.needs_setup
        north.setup(
            hall_name="城北营业厅", lead_code="9001", lead_name="周", lead_password=PASSWORD
        )
        assert north.name == "城北营业厅"
        assert main.needs_setup
        assert halls["east"].name == NAMES["east"]
    finally:
        main.close()
        north.close()


def test_two_pcs_setting_up_the_same_new_hall(db_url: str, clock: FakeClock) -> None:
    first = open_hall(db_url, clock=clock, hall="north")
    second = open_hall(db_url, clock=clock, hall="north")
    try:
        assert first.needs_setup and second.needs_setup
        first.setup(
            hall_name="城北营业厅", lead_code="9001", lead_name="周", lead_password=PASSWORD
        )
        with pytest.raises(Conflict) as refused:
            second.setup(
                hall_name="另一个名字", lead_code="9002", lead_name="吴", lead_password=PASSWORD
            )
        assert refused.value.code == "already_set_up"
        assert first.name == "城北营业厅"
    finally:
        first.close()
        second.close()


@pytest.mark.parametrize("code", ["", "has space", "x" * 33, "城东", "a/b"])
def test_a_hall_code_is_letters_digits_dash_underscore(db_url: str, code: str) -> None:
    with pytest.raises(InvalidInput):
        open_hall(db_url, hall=code)


def test_parse_hall_codes() -> None:
    assert parse_hall_codes(" east, west,east ,,north") == ["east", "west", "north"]
    with pytest.raises(InvalidInput):
        parse_hall_codes(" , ")
    with pytest.raises(InvalidInput):
        parse_hall_codes("east,城西")


# -- the regional comparison ----------------------------------------------------------------


def _a_day(halls: dict[str, Hall], clock: FakeClock) -> None:
    """East: three tickets, two served, one paid; west: one ticket, a no-show."""
    east_guide = halls["east"].sign_in("1001", PASSWORD)
    for business in ("A", "A", "B"):
        east_guide.issue_ticket(business)
    clerk = halls["east"].sign_in("2001", PASSWORD, window=1)
    for _ in range(2):
        clerk.call_next()
        clock.advance(minutes=3)
        clerk.start()
        clock.advance(minutes=6)
        clerk.finish()
    halls["east"].sign_in("2002", PASSWORD, window=2).take_payment(ACCOUNT, received_fen=10000)
    halls["west"].sign_in("1001", PASSWORD).issue_ticket("C")
    west_clerk = halls["west"].sign_in("2001", PASSWORD, window=1)
    west_clerk.call_next()
    west_clerk.no_show()


def test_compare_halls_gives_each_halls_own_sheet(
    halls: dict[str, Hall], clock: FakeClock, db_url: str
) -> None:
    _a_day(halls, clock)
    comparison = compare_halls(db_url, ["west", "east"], DAY)
    assert list(comparison.sheets) == ["west", "east"]
    east, west = comparison.sheets["east"], comparison.sheets["west"]
    assert (east.issued, east.served, east.no_shows) == (3, 2, 0)
    assert (west.issued, west.served, west.no_shows) == (1, 0, 1)
    assert east.payments_fen == {"cash": 10000} and west.payments_fen == {}
    assert east == halls["east"].daily_sheet(DAY)  # the same as the hall's own sheet
    # An open Database works too (the caller keeps it open, and it stays east's).
    lent = halls["east"].database
    tag = getattr(lent, "change_tag", None)
    again = compare_halls(lent, ["east", "west"], DAY)
    assert again.sheets == {"east": east, "west": west}
    assert getattr(lent, "change_tag", None) == tag
    with pytest.raises(NotFound, match="south"):
        compare_halls(db_url, ["east", "south"], DAY)


def test_comparison_workbook_has_a_column_per_hall_and_a_sheet_per_hall(
    halls: dict[str, Hall], clock: FakeClock, db_url: str, tmp_path: Path
) -> None:
    _a_day(halls, clock)
    path = export_comparison(compare_halls(db_url, ["east", "west"], DAY), tmp_path / "cmp.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["对比", "east", "west"]
    ws = book["对比"]
    assert ws["A1"].value == "营业日报对比 2026-03-02"
    assert [c.value for c in ws[2]] == ["项目", NAMES["east"], NAMES["west"]]
    figures = {row[0]: row[1:] for row in ws.iter_rows(min_row=3, values_only=True)}
    assert figures["营业厅代码"] == ("east", "west")
    assert figures["取号"] == (3, 1)
    assert figures["办结"] == (2, 0)
    assert figures["过号"] == (0, 1)
    assert figures["平均办理(分)"][0] == pytest.approx(6.0)
    assert figures["收费合计(元)"] == (100, 0)
    assert figures["现金(元)"] == (100, 0)
    assert figures["A 电费缴纳/预存电费 取号"] == (2, 0)
    assert figures["C 低压居民新装/增容 取号"] == (0, 1)
    assert ws.cell(row=3 + list(figures).index("收费合计(元)"), column=2).number_format == (
        "#,##0.00"
    )
    # Each hall's sheet: its title and its whole daily sheet, table after table.
    east = book["east"]
    assert east["A1"].value == f"{NAMES['east']} 营业日报 2026-03-02"
    column_a = [row[0] for row in east.iter_rows(values_only=True)]
    for title in ("概况", "按业务", "按窗口", "按人员", "评价", "收费", "分时段", "等候分布"):
        assert title in column_a
    summary = column_a.index("概况")
    assert [c.value for c in east[summary + 3][:2]] == ["取号", 3]
    assert book["west"]["A1"].value == f"{NAMES['west']} 营业日报 2026-03-02"


def test_comparison_pdf_is_one_page(
    halls: dict[str, Hall], clock: FakeClock, db_url: str, tmp_path: Path
) -> None:
    _a_day(halls, clock)
    path = export_comparison(compare_halls(db_url, ["east", "west"], DAY), tmp_path / "cmp.pdf")
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type /Page\b(?!s)", data)) == 1
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "营业日报对比 2026-03-02" in text
        assert NAMES["east"] in text and NAMES["west"] in text
    with pytest.raises(InvalidInput):
        export_comparison(compare_halls(db_url, ["east"], DAY), tmp_path / "cmp.csv")


def test_report_command_compares_halls_or_exports_one(
    halls: dict[str, Hall],
    clock: FakeClock,
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _a_day(halls, clock)
    out = tmp_path / "cmp.xlsx"
    args = ["report", "--halls", "east,west", "--day", "2026-03-02", "--db", db_url]
    assert cli.main([*args, "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    assert load_workbook(out).sheetnames == ["对比", "east", "west"]
    assert cli.main([*args, "--out", str(tmp_path / "cmp.pdf")]) == 0

    # The single form, for one hall of the shared database.
    one = tmp_path / "west.xlsx"
    single = ["report", "--day", "2026-03-02", "--db", db_url]
    assert cli.main([*single, "--hall", "west", "--out", str(one)]) == 0
    assert load_workbook(one)["概况"]["A1"].value == f"{NAMES['west']} 营业日报 2026-03-02"
    capsys.readouterr()
    # Without --hall: the hall "main", not set up on this database.
    assert cli.main([*single, "--out", str(tmp_path / "main.pdf")]) == 1
    assert "尚未初始化" in capsys.readouterr().err
    # A hall that is not there, named in the message with the ones that are.
    assert cli.main(["report", "--halls", "east,south", "--db", db_url, "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "south" in err and "east、west" in err


def test_the_app_remembers_the_hall_of_this_pc(tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    import main

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    args, _qt = main.parse_args(["--db", "sqlite:////srv/hall.db", "--hall", "east"])
    assert args.hall == "east"
    assert main.parse_args([])[0].hall is None
    assert main._hall_code(None) == "main"  # nothing remembered yet
    main._remember_hall("east")
    assert main._hall_code(None) == "east"
    assert main._hall_code("west") == "west"  # --hall wins (and is remembered once it opens)
