"""Customer records at the counter (客户档案) and the lead's import of the billing export."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FakeClock
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from hall.desk import Desk

from ui.customer_dialog import CustomerDialog
from ui.fonts import install_cjk_font
from ui.import_dialog import ImportDialog
from ui.session import HallSession

ACCOUNT = "3300123456"


@pytest.fixture
def accounts(lead: Desk) -> None:
    lead.add_account(
        account=ACCOUNT,
        name="张三",
        address="城东路 12 号",
        phone="13812345678",
        arrears_fen=23640,
        prepaid_fen=1000,
        capacity_kva=8,
    )
    lead.add_account(
        account="3300123457",
        name="张三丰",
        address="城西路 100 号",
        tariff_class="一般工商业及其他",
        voltage_class="1-10kV",
        capacity_kva=315,
    )
    lead.add_account(account="3300999999", name="李四", address="城北路 1 号")


@pytest.fixture
def clerk(counter, guide: Desk, accounts: None, clock: FakeClock) -> Desk:  # type: ignore[no-untyped-def]
    """Window 1's clerk serves 张三, who was here three days ago for the same change of use."""
    desk = counter(1)
    guide.issue_ticket("E", account=ACCOUNT)
    desk.call_next()
    desk.finish("unresolved", note="缺少房产证明，已一次性告知")
    clock.advance(days=3)
    guide.issue_ticket("E", account=ACCOUNT)
    desk.call_next()
    desk.start()
    return desk


def open_customer(qtbot, session: HallSession, desk: Desk, account: str | None = None):  # type: ignore[no-untyped-def]
    install_cjk_font(QApplication.instance())  # type: ignore[arg-type]
    dialog = CustomerDialog(session, desk, account)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.busy)
    return dialog


def cells(view, row: int) -> list[str]:  # type: ignore[no-untyped-def]
    model = view.model()
    return [model.index(row, c).data() for c in range(model.columnCount())]


def test_a_search_lists_accounts_and_a_chosen_one_shows_its_card_and_history(  # type: ignore[no-untyped-def]
    qtbot, session: HallSession, clerk: Desk
) -> None:
    dialog = open_customer(qtbot, session, clerk)
    assert dialog.name_label.text() == "请查找客户"

    qtbot.keyClicks(dialog.search_field, "33001234")
    qtbot.keyClick(dialog.search_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.results_model.rowCount() == 2 and not dialog.busy)
    assert dialog.message.text() == "找到 2 户"
    assert cells(dialog.results, 0) == [
        "3300123456",
        "张三",
        "138****5678",
        "城东路 12 号",
        "￥236.40",
    ]
    assert dialog.history is None  # two found: the clerk picks one

    qtbot.mouseClick(
        dialog.results.viewport(),
        Qt.MouseButton.LeftButton,
        pos=dialog.results.visualRect(dialog.results_model.index(1, 1)).center(),
    )
    qtbot.waitUntil(lambda: dialog.history is not None and not dialog.busy)
    assert dialog.name_label.text() == "张三丰"
    assert dialog.account_label.text() == "户号 3300123457"
    assert dialog.values["voltage"].text() == "1-10kV"
    assert dialog.values["capacity"].text() == "315 kVA"
    assert dialog.values["tariff"].text() == "一般工商业及其他"
    assert dialog.arrears.text() == "欠费 ￥0.00"
    assert dialog.tabs.tabText(0) == "来访记录 (0)"
    assert not dialog.repeat_badge.isVisible()  # not the customer being served

    dialog.search_field.clear()
    qtbot.keyClicks(dialog.search_field, "5678")  # a phone number's tail
    qtbot.keyClick(dialog.search_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.history.account_number == ACCOUNT and not dialog.busy)
    card = " ".join(v.text() for v in dialog.values.values())
    assert "138****5678" in card and "13812345678" not in card
    assert dialog.values["address"].text() == "城东路 12 号"
    assert (dialog.arrears.text(), dialog.prepaid.text()) == ("欠费 ￥236.40", "预存余额 ￥10.00")

    dialog.search_field.setText("赵")  # QTest types ASCII only
    qtbot.keyClick(dialog.search_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.results_model.rowCount() == 0 and not dialog.busy)
    assert dialog.message.text() == "没有找到“赵”"


def test_the_customer_being_served_shows_the_repeat_visit_badge_and_history(  # type: ignore[no-untyped-def]
    qtbot, session: HallSession, clerk: Desk
) -> None:
    clerk.take_payment(ACCOUNT, received_fen=23640)
    dialog = open_customer(qtbot, session, clerk, ACCOUNT)

    assert dialog.name_label.text() == "张三"
    assert dialog.repeat_badge.isVisible() and dialog.repeat_badge.text() == "重复来访"
    assert dialog.repeat_detail.text() == (
        "7天内来过：2026-03-02 10:00 E001（未办结，需再来），备注：缺少房产证明，已一次性告知"
    )
    assert dialog.tabs.tabText(0) == "来访记录 (2)"
    tickets = dialog.tabs.widget(0)
    assert cells(tickets, 0) == [
        "2026-03-05 10:00",
        "E001",
        "变更用电",
        "办理中",
        "张受理",
        "是（E001）",
        "",
    ]
    assert cells(tickets, 1)[3:] == ["未办结，需再来", "张受理", "", "缺少房产证明，已一次性告知"]
    assert dialog.tabs.tabText(2) == "缴费记录 (1)"
    assert cells(dialog.tabs.widget(2), 0)[1:] == [
        "2026-000001",
        "收费",
        "￥236.40",
        "现金",
        "张受理",
    ]


def test_no_badge_on_a_first_visit(  # type: ignore[no-untyped-def]
    qtbot, session: HallSession, counter, guide: Desk, accounts: None
) -> None:
    desk = counter(1)
    guide.issue_ticket("A", account=ACCOUNT)
    desk.call_next()
    dialog = open_customer(qtbot, session, desk, ACCOUNT)
    assert dialog.history is not None and dialog.name_label.text() == "张三"
    assert not dialog.repeat_badge.isVisible() and not dialog.repeat_detail.isVisible()


def test_the_customer_dialog_models_pass_the_model_tester(  # type: ignore[no-untyped-def]
    qtbot, qtmodeltester, session: HallSession, clerk: Desk
) -> None:
    clerk.take_payment(ACCOUNT, received_fen=23640)
    dialog = open_customer(qtbot, session, clerk, ACCOUNT)
    for model in (dialog.results_model, dialog.tickets_model, dialog.payments_model):
        assert model.rowCount() > 0
        qtmodeltester.check(model)


BAD_EXPORT = "\n".join(
    [
        "户号,户名,用电地址,联系电话,欠费(元),抄表段",
        "3300000001,王五,城东路 1 号,13812345678,12.50,B07",
        "33000002,赵六,城东路 2 号,,0,B07",
        "3300000003,,城东路 3 号,1381234567,0,B07",
        f"{ACCOUNT},张三,城东路 12 号,13812345678,0,B07",
        "3300999999,李四,城北路 1 号,,0,B07",
    ]
)


def open_import(qtbot, session: HallSession, desk: Desk, path: Path, monkeypatch):  # type: ignore[no-untyped-def]
    install_cjk_font(QApplication.instance())  # type: ignore[arg-type]
    dialog = ImportDialog(session, desk)
    qtbot.addWidget(dialog)
    dialog.show()
    monkeypatch.setattr(ImportDialog, "choose_file", staticmethod(lambda parent: path))
    assert not dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy)
    return dialog


def test_the_import_preview_lists_bad_lines_and_imports_only_when_told_to_skip_them(  # type: ignore[no-untyped-def]
    qtbot, session: HallSession, lead: Desk, accounts: None, tmp_path: Path, monkeypatch
) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(BAD_EXPORT.encode("gbk"))
    dialog = open_import(qtbot, session, lead, path, monkeypatch)

    assert dialog.summary.text() == "共 5 行：新增 1 户，更新 1 户，1 户无变化，2 行有错误"
    assert dialog.detail.text() == (
        "文件编码：GBK；已有的 1 户将按营销系统的数据更新；未识别、不导入的列：抄表段"
    )
    table = dialog.problems
    assert [cells(table, row) for row in range(dialog.problems_model.rowCount())] == [
        ["3", "错误", "户号：户号应为10位数字"],
        ["4", "错误", "户名：请填写户名"],
        ["4", "错误", "联系电话：手机号码应为11位，现在是10位"],
    ]
    assert not dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert not dialog.busy  # nothing started

    dialog.skip_bad_rows.setChecked(True)
    assert dialog.import_button.isEnabled()
    path.write_bytes(b"changed since the preview")  # what was previewed is what is imported
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.imported is not None and not dialog.busy)

    assert dialog.result_label.isVisible()
    assert dialog.result_label.text() == "导入完成：新增 1 户，更新 1 户，跳过错误行 2 行"
    assert not dialog.import_button.isEnabled()
    assert lead.account("3300000001").arrears_fen == 1250
    assert lead.account(ACCOUNT).arrears_fen == 0
    assert dialog.close_button.text() == "完成"


def test_a_file_that_cannot_be_read_shows_why(  # type: ignore[no-untyped-def]
    qtbot, session: HallSession, lead: Desk, tmp_path: Path, monkeypatch
) -> None:
    path = tmp_path / "export.csv"
    path.write_text("姓名,电话\n张三,13812345678\n", encoding="utf-8")
    dialog = open_import(qtbot, session, lead, path, monkeypatch)
    assert dialog.error.isVisible()
    assert dialog.error.text().startswith("表头缺少必需的列：户号、户名、用电地址")
    assert not dialog.import_button.isEnabled()

    dialog.open_file(tmp_path / "missing.csv")
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.error.text() == f"找不到文件：{tmp_path / 'missing.csv'}"


def test_a_clerk_cannot_import_whatever_the_dialog_shows(  # type: ignore[no-untyped-def]
    qtbot, session: HallSession, counter, tmp_path: Path, monkeypatch
) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(BAD_EXPORT.encode("utf-8"))
    dialog = open_import(qtbot, session, counter(1), path, monkeypatch)
    assert dialog.error.text() == "只有值班长可以这样做"
    assert dialog.preview is None and not dialog.import_button.isEnabled()
