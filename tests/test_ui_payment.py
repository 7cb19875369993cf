"""Taking a payment at the counter (收费, 唱收唱付): what the clerk sees, types and hands over."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from hall.desk import Desk

from ui.counter import Command, CounterWindow
from ui.fonts import install_cjk_font
from ui.payment_dialog import PaymentDialog
from ui.session import HallSession

ACCOUNT = "3301234567"
READBACK_CASH_300 = "您本次应交236元4角，收您300元，找您63元6角，请当面点清"

OpenDialog = Callable[..., PaymentDialog]


@pytest.fixture
def owing(lead: Desk) -> str:
    """An account that owes ￥236.40 and has ￥10.00 prepaid."""
    lead.add_account(
        account=ACCOUNT,
        name="张三",
        address="城东路 12 号",
        phone="13812345678",
        arrears_fen=23640,
        prepaid_fen=1000,
    )
    return ACCOUNT


@pytest.fixture
def clerk(counter, guide: Desk, owing: str) -> Desk:  # type: ignore[no-untyped-def]
    """The clerk at window 1, serving a ticket of the owing account."""
    guide.issue_ticket("A", account=owing)
    desk = counter(1)
    desk.call_next()
    desk.start()
    return desk


@pytest.fixture
def open_dialog(  # type: ignore[no-untyped-def]
    qtbot, session: HallSession, clerk: Desk, tmp_path: Path
) -> Iterator[OpenDialog]:
    """open_dialog(account=ACCOUNT) shows the payment dialog, once the account (if any) is shown."""

    def open_(account: str | None = ACCOUNT) -> PaymentDialog:
        install_cjk_font(QApplication.instance())  # type: ignore[arg-type]
        dialog = PaymentDialog(session, clerk, account, receipt_folder=tmp_path / "receipts")
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: not dialog.busy)
        return dialog

    yield open_


def type_received(qtbot, dialog: PaymentDialog, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type into 实收: keys for ASCII, as an input method commits it otherwise (QTest types
    ASCII only)."""
    dialog.received.clear()
    if text.isascii():
        qtbot.keyClicks(dialog.received, text)
        return
    dialog.received.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(dialog.received, event)


def click(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_cash_payment_reads_back_the_change_and_issues_the_receipt(  # type: ignore[no-untyped-def]
    qtbot, open_dialog: OpenDialog, lead: Desk, tmp_path: Path
) -> None:
    dialog = open_dialog()
    assert "户名：张三" in dialog.account_info.text()
    assert "城东路 12 号" in dialog.account_info.text()
    assert "138****5678" in dialog.account_info.text()
    assert "13812345678" not in dialog.account_info.text()
    assert dialog.due.text() == "应交 ￥236.40"
    assert dialog.prepaid.text() == "预存余额 ￥10.00"
    assert not dialog.confirm_button.isEnabled()

    type_received(qtbot, dialog, "300")
    assert dialog.readback.text() == READBACK_CASH_300
    assert dialog.change.text() == "找零 ￥63.60"
    assert dialog.received_message.text() == ""
    assert dialog.confirm_button.isEnabled()

    click(qtbot, dialog.confirm_button)
    assert not dialog.confirm_button.isEnabled()  # while the payment is being taken
    click(qtbot, dialog.confirm_button)  # a double press pays once
    qtbot.keyClick(dialog.received, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.receipt_number.isVisible() and not dialog.busy)
    assert not dialog.error.isVisible()
    assert dialog.receipt_number.text() == "收据 2026-000001"
    assert dialog.words.text() == "人民币贰佰叁拾陆元肆角整（￥236.40）"
    assert dialog.done_readback.text() == READBACK_CASH_300
    assert dialog.done_change.text() == "找零 ￥63.60"
    assert dialog.print_button.isVisible() and dialog.done_button.isVisible()

    account = lead.account(ACCOUNT)
    assert (account.arrears_fen, account.prepaid_fen) == (0, 1000)
    # One payment only: the next receipt of the series is number 2.
    lead.add_account(account="3309999999", name="李四", address="城西路 1 号", arrears_fen=100)
    second = dialog._desk.take_payment("3309999999", received_fen=100)
    assert second.number == "2026-000002"

    pdf = tmp_path / "receipts" / "2026-03-02" / "2026-000001.pdf"
    assert dialog.pdf_path == pdf and pdf.exists()
    assert str(pdf) in dialog.print_note.text()
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "2026-000001" in text

    click(qtbot, dialog.done_button)
    assert dialog.result() == PaymentDialog.DialogCode.Accepted


@pytest.mark.parametrize(
    "typed,message",
    [
        ("abc", "“abc”不是有效的金额，请输入如 236.40 的数字"),
        ("200", "实收200元少于应交236元4角，欠费须一次缴清，不收部分缴费"),
        ("236.401", "金额最多两位小数（精确到分）"),
        ("0", "实收金额必须大于零"),
    ],
)
def test_an_amount_that_cannot_be_taken_keeps_confirm_disabled_and_records_nothing(  # type: ignore[no-untyped-def]
    qtbot, open_dialog: OpenDialog, lead: Desk, typed: str, message: str
) -> None:
    dialog = open_dialog()
    type_received(qtbot, dialog, typed)
    assert dialog.received_message.text() == message
    assert dialog.received_message.property("kind") == "error"
    assert not dialog.confirm_button.isEnabled()
    assert dialog.change.text() == ""
    assert dialog.readback.text() != READBACK_CASH_300

    qtbot.keyClick(dialog.received, Qt.Key.Key_Return)  # Enter does not pay either
    dialog.confirm()
    assert not dialog.busy
    assert dialog.receipt is None
    assert lead.account(ACCOUNT).arrears_fen == 23640

    type_received(qtbot, dialog, "236.4")  # corrected: exactly the amount due
    assert dialog.readback.text() == "您本次应交236元4角，收您236元4角，金额正好，请收好收据"
    assert dialog.confirm_button.isEnabled()


def test_card_payment_books_the_excess_as_prepayment(  # type: ignore[no-untyped-def]
    qtbot, open_dialog: OpenDialog, lead: Desk
) -> None:
    dialog = open_dialog()
    assert dialog.excess_radios["change"].isEnabled()
    click(qtbot, dialog.method_radios["card"])
    assert not dialog.excess_radios["change"].isEnabled()  # change only for cash
    assert dialog.excess_radios["prepay"].isChecked()

    type_received(qtbot, dialog, "300")
    assert dialog.readback.text() == (
        "您本次应交236元4角，刷卡收您300元，其中63元6角转为预存电费，请收好收据"
    )
    assert dialog.change.text() == "转预存 ￥63.60"

    click(qtbot, dialog.confirm_button)
    qtbot.waitUntil(lambda: dialog.receipt is not None)
    assert dialog.words.text() == "人民币叁佰元整（￥300.00）"
    assert dialog.done_change.text() == "转预存 ￥63.60"
    account = lead.account(ACCOUNT)
    assert (account.arrears_fen, account.prepaid_fen) == (0, 1000 + 6360)


def test_cash_excess_may_be_booked_as_prepayment_too(  # type: ignore[no-untyped-def]
    qtbot, open_dialog: OpenDialog, lead: Desk
) -> None:
    dialog = open_dialog()
    click(qtbot, dialog.excess_radios["prepay"])
    type_received(qtbot, dialog, "￥300")
    assert dialog.readback.text() == (
        "您本次应交236元4角，收您300元，其中63元6角转为预存电费，请收好收据"
    )
    click(qtbot, dialog.confirm_button)
    qtbot.waitUntil(lambda: dialog.receipt is not None)
    assert lead.account(ACCOUNT).prepaid_fen == 1000 + 6360


def test_an_unknown_account_is_refused_in_the_dialog(  # type: ignore[no-untyped-def]
    qtbot, open_dialog: OpenDialog
) -> None:
    dialog = open_dialog(None)
    assert dialog.account_field.text() == ""
    assert dialog.received_message.text() == "请先查询户号"
    dialog.account_field.setText("3300000000")
    qtbot.keyClick(dialog.account_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.error.isVisible())
    assert dialog.error.text() == "没有户号为 3300000000 的客户"
    type_received(qtbot, dialog, "300")
    assert not dialog.confirm_button.isEnabled()

    dialog.account_field.setText(ACCOUNT)
    click(qtbot, dialog.look_up_button)
    qtbot.waitUntil(lambda: dialog.account is not None)
    assert not dialog.error.isVisible()
    assert dialog.due.text() == "应交 ￥236.40"


def test_arrears_changed_since_shown_are_shown_again_and_nothing_is_paid(  # type: ignore[no-untyped-def]
    qtbot, open_dialog: OpenDialog, clerk: Desk, counter, lead: Desk
) -> None:
    """Another counter took the payment meanwhile: the clerk must not read out stale amounts."""
    dialog = open_dialog()
    type_received(qtbot, dialog, "300")
    assert dialog.readback.text() == READBACK_CASH_300
    counter(2).take_payment(ACCOUNT, received_fen=23640)  # paid at window 2

    click(qtbot, dialog.confirm_button)
    qtbot.waitUntil(lambda: dialog.error.isVisible())
    assert dialog.error.text() == "该户欠费已变为￥0.00，请核对后重新唱收"
    assert dialog.receipt is None
    assert dialog.due.text() == "应交 ￥0.00"
    assert dialog.readback.text() == "您本次没有欠费，收您300元，全部转为预存电费，请收好收据"
    assert lead.account(ACCOUNT).prepaid_fen == 1000  # nothing booked by this dialog


def test_a_refusal_by_the_core_is_shown_in_the_dialog(  # type: ignore[no-untyped-def]
    qtbot, open_dialog: OpenDialog, clerk: Desk, lead: Desk
) -> None:
    dialog = open_dialog()
    type_received(qtbot, dialog, "300")
    clerk.hand_back()
    clerk.sign_out()  # signed out meanwhile: the core refuses
    click(qtbot, dialog.confirm_button)
    qtbot.waitUntil(lambda: dialog.error.isVisible())
    assert dialog.error.text() == "已签退，请重新签到"
    assert dialog.receipt is None
    assert dialog.confirm_button.isEnabled()  # nothing in flight; the clerk may try again
    assert lead.account(ACCOUNT).arrears_fen == 23640


def test_f7_at_the_counter_takes_a_payment_for_the_current_ticket(  # type: ignore[no-untyped-def]
    qtbot, session: HallSession, clerk: Desk, monkeypatch
) -> None:
    install_cjk_font(QApplication.instance())  # type: ignore[arg-type]
    window = CounterWindow(session, clerk)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.waitUntil(lambda: window.current_ticket is not None)
    assert window.buttons[Command.PAYMENT].label() == "收费"
    asked: list[str | None] = []

    def ask(session_, desk, account_number=None, *, parent=None):  # type: ignore[no-untyped-def]
        asked.append(account_number)
        return desk.take_payment(account_number, received_fen=30000)

    monkeypatch.setattr(PaymentDialog, "ask", staticmethod(ask))
    qtbot.keyClick(window, Qt.Key.Key_F7)
    assert asked == [ACCOUNT]
    assert window.message() == "收据 2026-000001 已开出"
    window.close()
