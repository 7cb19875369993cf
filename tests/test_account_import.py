"""Importing the billing system's CSV export into the customer accounts (客户档案)."""

from __future__ import annotations

import codecs
import time
from pathlib import Path

import pytest

from hall.account_import import ImportRefused, RowNote
from hall.desk import Desk
from hall.errors import InvalidInput, NotFound, PermissionDenied

HEADER = "户号,户名,用电地址,联系电话,用电类别,电压等级,合同容量(kVA),欠费(元),预存余额(元),状态"
GOOD = [
    HEADER,
    "3300000001,张三,城东路 12 号,13812345678,居民生活,不满1kV,8,236.40,0.00,正常",
    "3300000002,城东五金店,城东路 14 号,0571-88886666,一般工商业及其他,交流10kV,315,"
    '"1,236.40",50.00,正常',
    "3300000003,李四,城西路 3 号,,居民生活,低压,,0,12.5,暂停",
]


def csv_bytes(lines: list[str], encoding: str = "utf-8", *, bom: bool = False) -> bytes:
    data = "\r\n".join(lines).encode(encoding)
    return codecs.BOM_UTF8 + data if bom else data


@pytest.mark.parametrize(
    "encoding,bom,detected",
    [("utf-8", False, "UTF-8"), ("utf-8", True, "UTF-8"), ("gbk", False, "GBK")],
)
def test_a_good_file_is_imported_with_amounts_in_fen(  # type: ignore[no-untyped-def]
    lead: Desk, counter, tmp_path: Path, encoding: str, bom: bool, detected: str
) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(csv_bytes(GOOD, encoding, bom=bom))

    report = lead.import_accounts(path)

    assert (report.rows, report.added, report.updated) == (3, 3, 0)
    assert report.bad_rows == () and report.imported and report.encoding == detected
    zhang = counter(1).account("3300000001")
    assert (zhang.name, zhang.address, zhang.phone) == ("张三", "城东路 12 号", "13812345678")
    assert (zhang.arrears_fen, zhang.prepaid_fen, zhang.capacity_kva) == (23640, 0, 8)
    shop = lead.account("3300000002")
    assert (shop.tariff_class, shop.voltage_class, shop.capacity_kva) == (
        "一般工商业及其他",
        "1-10kV",
        315,
    )
    assert (shop.phone, shop.arrears_fen, shop.prepaid_fen) == ("0571-88886666", 123640, 5000)
    li = lead.account("3300000003")
    assert (li.phone, li.voltage_class, li.capacity_kva, li.prepaid_fen, li.status) == (
        "",
        "不满1kV",
        0,
        1250,
        "suspended",
    )


def test_english_headers_and_extra_columns_are_understood(lead: Desk) -> None:
    data = csv_bytes(
        [
            "Account No,Name,Address,Meter Book,Arrears,Prepaid",
            "3300000001,张三,城东路 12 号,B-07,10,",
        ]
    )
    report = lead.import_accounts(data)
    assert report.columns == ("户号", "户名", "用电地址", "欠费", "预存余额")
    assert report.ignored_columns == ("Meter Book",)
    account = lead.account("3300000001")
    assert (account.arrears_fen, account.prepaid_fen, account.tariff_class) == (1000, 0, "居民生活")


BAD = [
    HEADER,
    "3300000001,张三,城东路 12 号,13812345678,居民生活,不满1kV,8,236.40,0,正常",
    "33000002,王五,城北路 1 号,,居民生活,不满1kV,8,0,0,正常",
    "",
    "3300000004,,城南路 9 号,1381234567,商业,不满1kV,8,-5,0,正常",
    "3300000005,赵六,城东路 20 号,,居民生活,不满1kV,8,abc,0,正常",
    "3300000006,孙七,城东路 22 号,,居民生活,不满1kV,8,0,0,正常",
    "3300000006,孙七,城东路 22 号,,居民生活,不满1kV,8,10,0,正常",
]


def test_bad_rows_are_reported_by_line_and_nothing_is_imported(lead: Desk) -> None:
    data = csv_bytes(BAD, "gbk")

    preview = lead.preview_account_import(data)
    with pytest.raises(ImportRefused) as refused:
        lead.import_accounts(data)

    assert refused.value.code == "import_bad_rows"
    assert refused.value.report == preview
    assert not preview.imported and not preview.ok
    assert (preview.rows, preview.added, preview.updated) == (6, 1, 0)  # the blank line is no row
    assert preview.bad_rows == (
        RowNote(3, "户号：户号应为10位数字"),
        RowNote(
            5,
            "户名：请填写户名；联系电话：手机号码应为11位，现在是10位；"
            "用电类别：用电类别应为：居民生活、一般工商业及其他、大工业、农业生产；"
            "欠费：金额不能为负数",
        ),
        RowNote(6, "欠费：“abc”不是有效的金额，请输入如 236.40 的数字"),
        RowNote(7, "户号 3300000006 在文件中重复出现（第7、8行）"),
        RowNote(8, "户号 3300000006 在文件中重复出现（第7、8行）"),
    )
    with pytest.raises(NotFound):
        lead.account("3300000001")  # not even the good row


def test_skip_bad_rows_imports_the_good_ones_only(lead: Desk) -> None:
    report = lead.import_accounts(csv_bytes(BAD), skip_bad_rows=True)

    assert report.imported and (report.added, report.updated, len(report.bad_rows)) == (1, 0, 5)
    assert lead.account("3300000001").arrears_fen == 23640
    for skipped in ("3300000005", "3300000006"):
        with pytest.raises(NotFound):
            lead.account(skipped)


def test_a_quoted_cell_spanning_lines_keeps_the_line_numbers_right(lead: Desk) -> None:
    data = csv_bytes(
        [
            "户号,户名,用电地址",
            '3300000001,张三,"城东路 12 号',
            '(后门)"',
            "3300000002,,城西路 3 号",
        ]
    )
    assert lead.preview_account_import(data).bad_rows == (RowNote(4, "户名：请填写户名"),)


def test_existing_accounts_are_updated_from_the_billing_data(
    lead: Desk,
    counter,  # type: ignore[no-untyped-def]
    guide: Desk,
) -> None:
    lead.add_account(
        account="3300000001",
        name="张三",
        address="城东路 12 号",
        phone="13900000000",
        arrears_fen=999,
        prepaid_fen=1,
        capacity_kva=4,
    )
    clerk = counter(1)
    lead.add_account(account="3300000009", name="钱九", address="城东路 30 号", arrears_fen=500)
    lead.add_account(account="3300000008", name="周八", address="城东路 28 号", arrears_fen=800)
    clerk.take_payment("3300000008", received_fen=800)
    clerk.take_payment("3300000009", received_fen=500)  # paid at the hall this morning
    data = csv_bytes(
        [
            "户号,户名,用电地址,联系电话,欠费,预存余额",
            "3300000001,张三,城东路 12 号 2 单元,13812345678,236.40,0",
            "3300000002,李四,城西路 3 号,,0,0",
            "3300000008,周八,城东路 28 号,,0,0",  # the export knows of that payment
            "3300000009,钱九,城东路 30 号,,5.00,0",
        ]
    )

    preview = lead.preview_account_import(data)
    assert (preview.added, preview.updated, preview.unchanged) == (1, 2, 1)
    assert lead.account("3300000001").arrears_fen == 999  # a preview changes nothing
    report = lead.import_accounts(data)

    assert (report.rows, report.added, report.updated, report.bad_rows) == (4, 1, 2, ())
    zhang = lead.account("3300000001")
    assert (zhang.address, zhang.phone, zhang.arrears_fen, zhang.prepaid_fen) == (
        "城东路 12 号 2 单元",
        "13812345678",
        23640,
        0,
    )
    assert zhang.capacity_kva == 4  # not in the file: left as it was
    assert report.warnings == (
        RowNote(
            5,
            "户号 3300000009 今天已在营业厅缴费（收据 2026-000002），"
            "导出的欠费可能未计入这笔缴费，请与营销系统核对",
        ),
    )


@pytest.mark.parametrize(
    "data,code",
    [
        (b"", "import_empty"),
        ("户名,用电地址\n张三,城东路\n".encode(), "import_header"),
        ("户号,户名,用电地址,户号\n".encode(), "import_header"),
        (b"PK\x03\x04 an xlsx file", "import_not_csv"),
        (b"\xff\xfe\x00\x81", "import_encoding"),
    ],
)
def test_a_file_that_cannot_be_read_as_a_whole_is_refused(
    lead: Desk, data: bytes, code: str
) -> None:
    with pytest.raises(InvalidInput) as error:
        lead.preview_account_import(data)
    assert error.value.code == code


def test_a_missing_file_is_refused_with_its_name(lead: Desk, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as error:
        lead.import_accounts(tmp_path / "nowhere.csv")
    assert error.value.code == "import_unreadable"
    assert "nowhere.csv" in error.value.message


def test_only_a_lead_imports_or_previews(counter, guide: Desk) -> None:  # type: ignore[no-untyped-def]
    data = csv_bytes(GOOD)
    for desk in (counter(1), guide):
        with pytest.raises(PermissionDenied):
            desk.preview_account_import(data)
        with pytest.raises(PermissionDenied):
            desk.import_accounts(data)


def test_ten_thousand_rows_import_in_one_go(lead: Desk) -> None:
    lines = [HEADER] + [
        f"33{n:08d},客户{n},城东路 {n} 号,138{n:08d},居民生活,不满1kV,8,{n}.50,0,正常"
        for n in range(10_000)
    ]
    data = csv_bytes(lines, "gbk")
    next_month = csv_bytes([line.replace(".50,", ".60,") for line in lines], "gbk")

    started = time.perf_counter()
    added = lead.import_accounts(data)
    updated = lead.import_accounts(next_month)
    elapsed = time.perf_counter() - started

    assert (added.added, added.updated, updated.added, updated.updated) == (10_000, 0, 0, 10_000)
    assert lead.account("3300009999").arrears_fen == 999_960
    again = lead.preview_account_import(next_month)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 10_000)
    assert elapsed < 6  # two imports; about 0.3 s each on a laptop
