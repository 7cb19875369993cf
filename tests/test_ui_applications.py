"""Application forms on screen (受理单): filling one in at the counter, the 一次性告知单 when
documents are missing, the list that follows applications up, and the lead's holiday calendar."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import FakeClock
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDateEdit, QLineEdit, QPlainTextEdit

from hall.desk import Desk
from hall.forms import ADDRESS_PROOF, IDENTITY_PROOF
from hall.validation import id_check_digit

import ui.application_form as application_form
from ui.application_form import ApplicationFormDialog, FormChooserDialog, choose_form, qdate
from ui.applications_view import (
    OVERDUE_TEXT,
    ApplicationsModel,
    ApplicationsView,
    DocumentsDialog,
    Filter,
    NoteDialog,
)
from ui.calendar_dialog import CalendarDialog
from ui.fonts import install_cjk_font
from ui.session import HallSession
from ui.table_model import RECORD_ROLE

ID_FIRST17 = "11010519491231002"
GOOD_ID = ID_FIRST17 + id_check_digit(ID_FIRST17)
BAD_ID = ID_FIRST17 + ("0" if GOOD_ID[-1] != "0" else "1")  # wrong check digit
ACCOUNT = "3301234567"
NEW_CONNECTION = {
    "request": "新装",
    "customer_name": "张三",
    "id_type": "居民身份证",
    "id_number": GOOD_ID,
    "mobile": "13812345678",
    "address": "城东路 12 号 3 单元 501",
    "capacity_kva": 8,
    "address_proof": "不动产权证书",
}

OpenForm = Callable[..., ApplicationFormDialog]


@pytest.fixture
def clerk(counter) -> Desk:  # type: ignore[no-untyped-def]
    """The clerk at window 1."""
    return counter(1)


@pytest.fixture
def open_form(  # type: ignore[no-untyped-def]
    qtbot, session: HallSession, clerk: Desk, tmp_path: Path
) -> Iterator[OpenForm]:
    """open_form(form_code, **kwargs) shows the form dialog for the clerk at window 1."""

    def open_(
        form_code: str = "residential_connection", desk: Desk | None = None, **kwargs: Any
    ) -> ApplicationFormDialog:
        install_cjk_font(QApplication.instance())  # type: ignore[arg-type]
        dialog = ApplicationFormDialog(
            session,
            desk or clerk,
            form_code,
            notice_folder=tmp_path / "notices",
            **kwargs,
        )
        qtbot.addWidget(dialog)
        dialog.resize(1366, 768)
        dialog.show()
        return dialog

    yield open_


def fill(qtbot, dialog: ApplicationFormDialog, values: dict[str, object]) -> None:  # type: ignore[no-untyped-def]
    """Enter values as the clerk does: typed (ASCII) or committed by the input method, a choice
    picked from its list, a date set in its field."""
    for key, value in values.items():
        editor = dialog.editor(key)
        if isinstance(editor, QComboBox):
            index = editor.findData(value)
            assert index >= 0, (key, value)
            editor.setCurrentIndex(index)
        elif isinstance(editor, QDateEdit):
            assert isinstance(value, date)
            editor.setDate(qdate(value))
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(str(value))
        else:
            assert isinstance(editor, QLineEdit)
            editor.clear()
            text = str(value)
            if text.isascii():
                qtbot.keyClicks(editor, text)
            else:
                editor.setText(text)  # what an input method commits


def click(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def tick(qtbot, box) -> None:  # type: ignore[no-untyped-def]
    """Click a check box on its box (a click on the empty space beside its text does nothing)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def save(qtbot, dialog: ApplicationFormDialog) -> None:  # type: ignore[no-untyped-def]
    assert dialog.save_button.isEnabled()
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: not dialog.busy)


# -- the form ----------------------------------------------------------------------------------


def test_a_bad_id_number_keeps_save_disabled_with_the_reason_under_the_field(  # type: ignore[no-untyped-def]
    qtbot, open_form: OpenForm, clerk: Desk, lead: Desk
) -> None:
    dialog = open_form()
    assert dialog.title.text() == "低压居民新装/增容申请"
    assert dialog.subtitle.text() == "资料齐全后 5 个工作日内办结"
    assert not dialog.save_button.isEnabled()
    assert dialog.message("customer_name") == ""  # nothing said about fields not yet touched
    assert "申请事项" in dialog.summary.text()

    fill(qtbot, dialog, {**NEW_CONNECTION, "id_number": BAD_ID})
    assert dialog.message("id_number") == "身份证号码校验位不正确，请核对每一位数字"
    assert dialog.row("id_number").message.property("kind") == "error"
    assert dialog.row("id_number").message.isVisible()
    assert not dialog.save_button.isEnabled()
    assert dialog.summary.text() == "还需填写或更正：证件号码"
    dialog.save()  # Enter or a stray call saves nothing either
    assert not dialog.busy and dialog.application is None

    dialog.editor("id_number").clear()  # type: ignore[attr-defined]
    qtbot.keyClicks(dialog.editor("id_number"), GOOD_ID[:10])
    assert dialog.message("id_number") == "身份证号码应为18位，现在是10位"  # as the clerk types
    qtbot.keyClicks(dialog.editor("id_number"), GOOD_ID[10:])
    assert dialog.message("id_number") == ""
    assert dialog.row("id_number").message.property("kind") == "hint"
    assert dialog.save_button.isEnabled()
    assert lead.applications() == ()  # nothing saved until 保存


def test_saving_with_documents_missing_offers_the_notice_slip(  # type: ignore[no-untyped-def]
    qtbot, open_form: OpenForm, clerk: Desk, lead: Desk, tmp_path: Path, monkeypatch
) -> None:
    printed: list[Path] = []
    opened: list[Path] = []

    def print_pdf(path: Path) -> None:
        printed.append(path)  # sent to the printer

    def open_pdf(path: Path) -> bool:
        opened.append(path)
        return True

    monkeypatch.setattr(application_form, "print_pdf", print_pdf)
    monkeypatch.setattr(application_form, "open_pdf", open_pdf)

    dialog = open_form()
    fill(qtbot, dialog, NEW_CONNECTION)
    tick(qtbot, dialog.document_boxes[IDENTITY_PROOF])
    assert dialog.summary.text() == "资料未收齐：保存后请打印一次性告知单交给客户"
    save(qtbot, dialog)

    application = dialog.application
    assert application is not None and application.number.startswith("SQ2026-")
    assert dialog.number_label.text() == f"受理单号 {application.number}"
    assert dialog.number_label.isVisible()
    assert dialog.due_line.text() == "资料补齐后开始计算办理时限"
    assert dialog.missing_list.isVisible()
    assert dialog.missing_list.text() == f"· {ADDRESS_PROOF}"
    assert dialog.notice_button.isVisible() and dialog.notice_button.text() == "打印一次性告知单"

    saved = lead.application(application.number)
    assert saved.status == "waiting_documents"
    assert saved.documents_received == (IDENTITY_PROOF,)
    assert saved.customer_name == "张三"

    click(qtbot, dialog.notice_button)
    qtbot.waitUntil(lambda: dialog.pdf_path is not None and not dialog.busy)
    pdf = tmp_path / "notices" / "2026-03-02" / f"{application.number}.pdf"
    assert dialog.pdf_path == pdf and pdf.exists()
    assert printed == [pdf] and opened == []
    assert dialog.print_note.text() == "一次性告知单已送打印机"
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert application.number in text and "用电地址产权证明" in text

    click(qtbot, dialog.done_button)
    assert dialog.result() == ApplicationFormDialog.DialogCode.Accepted


def test_without_a_printer_the_notice_slip_is_opened_to_print(  # type: ignore[no-untyped-def]
    qtbot, open_form: OpenForm, monkeypatch, tmp_path: Path
) -> None:
    opened: list[Path] = []

    def open_pdf(path: Path) -> bool:
        opened.append(path)
        return True

    monkeypatch.setattr(application_form, "print_pdf", lambda path: "未设置本窗口的打印机")
    monkeypatch.setattr(application_form, "open_pdf", open_pdf)
    dialog = open_form()
    fill(qtbot, dialog, NEW_CONNECTION)
    save(qtbot, dialog)
    click(qtbot, dialog.notice_button)
    qtbot.waitUntil(lambda: dialog.pdf_path is not None and not dialog.busy)
    assert opened == [dialog.pdf_path]
    assert dialog.print_note.text().startswith("未设置本窗口的打印机，已打开告知单PDF")


def test_a_complete_file_is_accepted_with_its_due_date_and_no_notice(  # type: ignore[no-untyped-def]
    qtbot, open_form: OpenForm, lead: Desk
) -> None:
    dialog = open_form()
    fill(qtbot, dialog, NEW_CONNECTION)
    for box in dialog.document_boxes.values():
        tick(qtbot, box)
    assert dialog.summary.text() == "已填好，可以保存"
    save(qtbot, dialog)
    application = dialog.application
    assert application is not None
    assert application.status == "accepted"
    # Monday 2 March + 5 working days.
    assert dialog.due_line.text() == "办理时限：2026-03-09 前办结"
    assert not dialog.notice_button.isVisible()
    assert not dialog.missing_list.isVisible()
    assert lead.application(application.number).due_on == date(2026, 3, 9)


def test_a_field_the_core_refuses_is_marked_on_the_form(  # type: ignore[no-untyped-def]
    qtbot, open_form: OpenForm, lead: Desk
) -> None:
    """增容 for an account the hall does not have: only the database can tell."""
    dialog = open_form()
    fill(qtbot, dialog, {**NEW_CONNECTION, "request": "增容", "capacity_kva": 12})
    assert dialog.message("account") == "增容须填写原户号"  # the form's own rule, as it stands
    assert not dialog.save_button.isEnabled()
    fill(qtbot, dialog, {"account": "3300000000"})
    assert dialog.save_button.isEnabled()
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: dialog.error.isVisible())
    assert dialog.message("account") == "没有户号为 3300000000 的客户"
    assert dialog.row("account").message.property("kind") == "error"
    assert dialog.application is None
    assert not dialog.save_button.isEnabled()

    lead.add_account(account=ACCOUNT, name="张三", address="城东路 12 号", capacity_kva=8)
    fill(qtbot, dialog, {"account": ACCOUNT})  # corrected: the core's message goes
    assert dialog.message("account") == ""
    save(qtbot, dialog)
    assert dialog.application is not None
    assert dialog.application.account == ACCOUNT


def test_the_account_and_prefill_go_into_the_form(open_form: OpenForm) -> None:
    dialog = open_form(account=ACCOUNT, prefill={"customer_name": "李四", "request": "增容"})
    assert dialog.values()["account"] == ACCOUNT
    assert dialog.values()["customer_name"] == "李四"
    assert dialog.values()["request"] == "增容"


def test_fields_show_and_hide_with_the_choice_they_depend_on(  # type: ignore[no-untyped-def]
    qtbot, open_form: OpenForm, lead: Desk
) -> None:
    dialog = open_form("inquiry")
    answer, address = dialog.row("answer"), dialog.row("mail_address")
    assert not answer.editor.isVisible() and not address.editor.isVisible()

    fill(qtbot, dialog, {"customer_name": "王五", "topic": "电价电费", "reply": "书面答复"})
    assert address.editor.isVisible() and not answer.editor.isVisible()
    fill(qtbot, dialog, {"question": "峰谷电价怎么申请？"})
    assert dialog.message("mail_address") == ""  # not touched yet
    assert "答复寄送地址" in dialog.summary.text()
    fill(qtbot, dialog, {"mail_address": "城西路 8 号"})
    assert dialog.message("mobile") == "书面答复须留移动电话"  # the cross-field rule
    assert not dialog.save_button.isEnabled()

    fill(qtbot, dialog, {"reply": "当场答复"})  # answered here: the address is not asked for
    assert answer.editor.isVisible() and not address.editor.isVisible()
    assert dialog.save_button.isEnabled()
    fill(qtbot, dialog, {"answer": "可在营业厅或网上国网办理"})
    save(qtbot, dialog)
    assert dialog.application is not None
    saved = lead.application(dialog.application.number)
    assert "mail_address" not in saved.fields
    assert saved.status == "completed"
    assert dialog.due_line.text() == "当场办结，无办理时限"


def test_a_business_with_several_forms_switches_between_them_keeping_what_was_typed(  # type: ignore[no-untyped-def]
    qtbot, open_form: OpenForm, monkeypatch
) -> None:
    dialog = open_form("rename")
    assert dialog.form_choice.isVisible()
    assert dialog.form_choice.count() == 8
    fill(qtbot, dialog, {"customer_name": "赵六", "mobile": "13912345678"})
    index = dialog.form_choice.findData("close_account")
    dialog.form_choice.setCurrentIndex(index)
    assert dialog.form.code == "close_account"
    assert dialog.title.text() == dialog.form_choice.itemText(index)
    assert dialog.values()["customer_name"] == "赵六"
    assert dialog.values()["mobile"] == "13912345678"

    assert not open_form().form_choice.isVisible()  # C has one form

    assert choose_form(None, "C") == "residential_connection"  # asks nothing
    assert choose_form(None, "A") is None  # payments have no form
    monkeypatch.setattr(FormChooserDialog, "ask", lambda forms, parent=None: forms[2].code)
    assert choose_form(None, "E") == "temporary_removal"


def test_the_form_fits_a_1366x768_screen(open_form: OpenForm) -> None:  # type: ignore[no-untyped-def]
    """The longest form scrolls inside the dialog; its buttons stay on screen."""
    for code in ("residential_connection", "nonresidential_connection"):
        dialog = open_form(code)
        dialog.resize(1366, 768)
        QApplication.processEvents()
        assert dialog.save_button.geometry().bottom() < dialog.height()
        assert dialog.save_button.mapTo(dialog, dialog.save_button.rect().bottomRight()).y() < 768
        assert dialog.form_scroll.horizontalScrollBar().maximum() == 0  # nothing cut off sideways


# -- the list ----------------------------------------------------------------------------------


@pytest.fixture
def open_view(qtbot, session: HallSession, tmp_path: Path):  # type: ignore[no-untyped-def]
    def open_(desk: Desk) -> ApplicationsView:
        install_cjk_font(QApplication.instance())  # type: ignore[arg-type]
        view = ApplicationsView(session, desk, notice_folder=tmp_path / "notices")
        qtbot.addWidget(view)
        view.resize(1366, 700)
        view.show()
        qtbot.waitUntil(lambda: view.loaded)
        return view

    return open_


def saved_connection(desk: Desk, *, complete: bool, name: str = "张三") -> Any:
    documents = (IDENTITY_PROOF, ADDRESS_PROOF) if complete else (IDENTITY_PROOF,)
    return desk.save_application(
        "residential_connection",
        {**NEW_CONNECTION, "customer_name": name},
        documents_received=documents,
    )


def row_of(view: ApplicationsView, number: str) -> int:
    for row, application in enumerate(view.model.records):
        if application.number == number:
            return row
    raise AssertionError(f"{number} not listed")


def cell(view: ApplicationsView, number: str, column: ApplicationsModel.Columns) -> str:
    return view.model.index(row_of(view, number), column).data()


def test_the_list_flags_an_application_once_it_is_overdue(  # type: ignore[no-untyped-def]
    qtbot, open_view, clerk: Desk, lead: Desk, clock: FakeClock, session: HallSession
) -> None:
    accepted = saved_connection(clerk, complete=True)
    waiting = saved_connection(clerk, complete=False, name="李四")
    view = open_view(lead)
    C = ApplicationsModel.Columns
    assert view.current_filter() == Filter.OPEN
    assert cell(view, accepted.number, C.DUE) == "2026-03-09"
    assert cell(view, waiting.number, C.DUE) == "待补资料"
    assert cell(view, accepted.number, C.MARKS) == ""
    row = row_of(view, accepted.number)
    assert view.model.index(row, C.NUMBER).data(Qt.ItemDataRole.ForegroundRole) is None
    assert view.count_label.text() == "共 2 件"

    clock.advance(days=8)  # Tuesday 10 March: past Monday 9 March
    view.reload()
    qtbot.waitUntil(lambda: cell(view, accepted.number, C.MARKS) == "超期")
    row = row_of(view, accepted.number)
    brush = view.model.index(row, C.NUMBER).data(Qt.ItemDataRole.ForegroundRole)
    assert brush.color() == OVERDUE_TEXT
    assert view.model.index(row, C.DUE).data(Qt.ItemDataRole.ToolTipRole) == "已超过办理时限"
    assert cell(view, waiting.number, C.MARKS) == ""  # no clock while documents are missing
    assert view.count_label.text() == "共 2 件，超期 1 件"

    click(qtbot, view.filter_buttons[Filter.OVERDUE])
    qtbot.waitUntil(lambda: view.loaded and view.model.rowCount() == 1)
    assert view.model.record_at(0).number == accepted.number


def test_the_lead_urges_an_application_from_the_list(  # type: ignore[no-untyped-def]
    qtbot, open_view, clerk: Desk, lead: Desk, monkeypatch
) -> None:
    application = saved_connection(clerk, complete=True)
    view = open_view(lead)
    assert view.buttons["urge"].isVisible() and view.buttons["escalate"].isVisible()
    assert not view.buttons["urge"].isEnabled()  # nothing selected
    assert view.select(application.number)
    assert view.selected().number == application.number
    qtbot.waitUntil(lambda: "办理记录" in view.detail.toPlainText())
    detail = view.detail.toPlainText()
    assert "110105********" in detail and GOOD_ID not in detail  # masked
    assert "138****5678" in detail and "13812345678" not in detail
    assert view.buttons["urge"].isEnabled()

    asked: list[str] = []

    def ask(title, prompt, *, required=True, action="", parent=None):  # type: ignore[no-untyped-def]
        asked.append(title)
        return "请今天联系客户"

    monkeypatch.setattr(NoteDialog, "ask", staticmethod(ask))
    click(qtbot, view.buttons["urge"])
    assert asked == ["催办"]
    qtbot.waitUntil(lambda: not view.busy and view.message() != "")
    assert view.message() == f"{application.number} 已催办"
    assert lead.application(application.number).urged == 1
    C = ApplicationsModel.Columns
    qtbot.waitUntil(lambda: cell(view, application.number, C.MARKS) == "催办")
    qtbot.waitUntil(lambda: "请今天联系客户" in view.detail.toPlainText())

    monkeypatch.setattr(NoteDialog, "ask", staticmethod(lambda *a, **k: None))  # cancelled
    click(qtbot, view.buttons["escalate"])
    assert not view.busy
    assert not lead.application(application.number).escalated

    saved_connection(clerk, complete=True, name="李四")  # not urged, not overdue
    click(qtbot, view.filter_buttons[Filter.URGENT])
    qtbot.waitUntil(lambda: view.loaded and view.model.rowCount() == 1)
    assert view.model.record_at(0).number == application.number


def test_the_list_narrows_to_one_account_or_to_the_clerks_own(  # type: ignore[no-untyped-def]
    qtbot, open_view, clerk: Desk, counter, lead: Desk
) -> None:
    lead.add_account(account=ACCOUNT, name="张三", address="城东路 12 号", capacity_kva=8)
    mine = saved_connection(clerk, complete=True)
    theirs = counter(2).save_application(
        "residential_connection",
        {**NEW_CONNECTION, "request": "增容", "account": ACCOUNT, "capacity_kva": 12},
        documents_received=(IDENTITY_PROOF, ADDRESS_PROOF),
    )
    view = open_view(clerk)
    assert {a.number for a in view.model.records} == {mine.number, theirs.number}

    view.set_account(ACCOUNT)
    assert view.account_button.isVisible() and view.account_button.text() == f"户号 {ACCOUNT} ✕"
    qtbot.waitUntil(lambda: view.loaded and view.model.rowCount() == 1)
    assert view.model.record_at(0).number == theirs.number
    click(qtbot, view.account_button)  # every customer's again
    assert view.account() is None and not view.account_button.isVisible()
    qtbot.waitUntil(lambda: view.loaded and view.model.rowCount() == 2)

    click(qtbot, view.mine)
    qtbot.waitUntil(lambda: view.loaded and view.model.rowCount() == 1)
    assert view.model.record_at(0).number == mine.number


def test_a_clerk_completes_receives_and_cancels_but_never_urges(  # type: ignore[no-untyped-def]
    qtbot, open_view, clerk: Desk, lead: Desk, monkeypatch
) -> None:
    waiting = saved_connection(clerk, complete=False)
    view = open_view(clerk)
    assert not view.buttons["urge"].isVisible() and not view.buttons["escalate"].isVisible()
    assert view.mine.isVisible()
    view.select(waiting.number)
    qtbot.waitUntil(lambda: view.buttons["documents"].isEnabled())
    assert view.buttons["notice"].isEnabled()
    assert not view.buttons["complete"].isEnabled()  # the file is not complete yet
    assert f"{ADDRESS_PROOF}（未交）" in view.detail.toPlainText()

    monkeypatch.setattr(
        DocumentsDialog, "ask", staticmethod(lambda app, parent=None: (ADDRESS_PROOF,))
    )
    click(qtbot, view.buttons["documents"])
    qtbot.waitUntil(lambda: not view.busy and view.message() != "")
    assert lead.application(waiting.number).status == "accepted"
    qtbot.waitUntil(lambda: view.buttons["complete"].isEnabled())
    assert not view.buttons["notice"].isEnabled()

    reasons: list[bool] = []

    def ask(title, prompt, *, required=True, action="", parent=None):  # type: ignore[no-untyped-def]
        reasons.append(required)
        return "客户撤回申请"

    monkeypatch.setattr(NoteDialog, "ask", staticmethod(ask))
    click(qtbot, view.buttons["cancel"])
    qtbot.waitUntil(lambda: not view.busy and view.message() == f"{waiting.number} 已撤销")
    assert reasons == [True]  # a cancellation needs its reason
    assert lead.application(waiting.number).status == "cancelled"
    qtbot.waitUntil(lambda: view.model.rowCount() == 0)  # gone from the open list
    click(qtbot, view.filter_buttons[Filter.ALL])
    qtbot.waitUntil(lambda: view.loaded and view.model.rowCount() == 1)
    assert view.model.record_at(0).status_label == "已撤销"


def test_a_complaint_is_marked_contacted_and_a_notice_slip_printed_from_the_list(  # type: ignore[no-untyped-def]
    qtbot, open_view, clerk: Desk, lead: Desk, monkeypatch, tmp_path: Path
) -> None:
    complaint = clerk.save_application(
        "complaint",
        {
            "kind": "投诉",
            "category": "服务",
            "severity": "重要",
            "customer_name": "钱九",
            "mobile": "13900001111",
            "description": "窗口排队时间太长",
        },
    )
    waiting = saved_connection(clerk, complete=False)
    view = open_view(clerk)
    view.select(complaint.number)
    qtbot.waitUntil(lambda: view.buttons["contacted"].isEnabled())
    assert not view.buttons["notice"].isEnabled()
    monkeypatch.setattr(NoteDialog, "ask", staticmethod(lambda *a, **k: "已电话联系，客户同意等候"))
    click(qtbot, view.buttons["contacted"])
    qtbot.waitUntil(
        lambda: not view.busy and view.message() == f"{complaint.number} 已登记联系客户"
    )
    assert lead.application(complaint.number).status == "contacted"
    qtbot.waitUntil(lambda: not view.buttons["contacted"].isEnabled())
    assert view.buttons["complete"].isEnabled()

    printed: list[Path] = []

    def print_pdf(path: Path) -> None:
        printed.append(path)

    monkeypatch.setattr(application_form, "print_pdf", print_pdf)
    view.select(waiting.number)
    qtbot.waitUntil(lambda: view.buttons["notice"].isEnabled())
    click(qtbot, view.buttons["notice"])
    qtbot.waitUntil(lambda: not view.busy and view.message() == "一次性告知单已送打印机")
    assert printed == [tmp_path / "notices" / "2026-03-02" / f"{waiting.number}.pdf"]
    assert printed[0].exists()


def test_a_refused_action_is_shown_in_the_view(  # type: ignore[no-untyped-def]
    qtbot, open_view, clerk: Desk, lead: Desk, monkeypatch
) -> None:
    application = saved_connection(clerk, complete=True)
    view = open_view(clerk)
    view.select(application.number)
    lead.cancel_application(application.number, "重复受理")  # meanwhile, at the console
    monkeypatch.setattr(NoteDialog, "ask", staticmethod(lambda *a, **k: "已办结"))
    view.complete()
    qtbot.waitUntil(lambda: not view.busy and view.message() != "")
    assert view.message_bar.property("kind") == "error"
    assert lead.application(application.number).status == "cancelled"


def test_the_list_model_passes_the_model_tester(  # type: ignore[no-untyped-def]
    qtbot, qtmodeltester, open_view, clerk: Desk, lead: Desk
) -> None:
    view = open_view(lead)
    qtmodeltester.check(view.model)  # stays connected: every change below is checked too
    numbers = [
        saved_connection(clerk, complete=n % 2 == 0, name=f"客户{n}").number for n in range(3)
    ]
    view.reload()
    qtbot.waitUntil(lambda: view.model.rowCount() == 3)
    assert {view.model.index(r, 0).data(RECORD_ROLE).number for r in range(3)} == set(numbers)
    view.search.setText(numbers[1])
    assert view.proxy.rowCount() == 1
    assert view.count_label.text() == "1 / 共 3 件"


# -- the calendar ------------------------------------------------------------------------------


def test_the_lead_sets_a_holiday_range_and_clears_a_day(  # type: ignore[no-untyped-def]
    qtbot, session: HallSession, lead: Desk
) -> None:
    install_cjk_font(QApplication.instance())  # type: ignore[arg-type]
    dialog = CalendarDialog(session, lead)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.loaded)
    assert dialog.year == 2026
    assert dialog.entries() == ()

    dialog.choose(date(2026, 4, 4))
    assert dialog.chosen_day.text() == "2026-04-04 周六（周末）"
    click(qtbot, dialog.kind_radios["holiday"])
    dialog.name.setText("清明节")
    dialog.until.setDate(qdate(date(2026, 4, 6)))
    click(qtbot, dialog.set_button)
    qtbot.waitUntil(lambda: dialog.loaded and len(dialog.entries()) == 3)
    assert [d.day for d in lead.calendar(2026)] == [date(2026, 4, d) for d in (4, 5, 6)]
    assert dialog.message() == "已把 3 天设为节假日"
    assert dialog.days_list.item(0).text() == "2026-04-04 周六  节假日  清明节"

    dialog.choose(date(2026, 4, 5))
    assert dialog.clear_button.isEnabled()
    click(qtbot, dialog.clear_button)
    qtbot.waitUntil(lambda: dialog.loaded and len(dialog.entries()) == 2)
    assert [d.day for d in lead.calendar(2026)] == [date(2026, 4, 4), date(2026, 4, 6)]

    dialog.choose(date(2027, 1, 4))  # turning to another year reads that year
    qtbot.waitUntil(lambda: dialog.loaded and dialog.year == 2027)
    assert dialog.entries() == ()
    assert dialog.days_list.item(0).text() == "本年尚未设置节假日"
    dialog.choose(date(2026, 4, 8))  # a Wednesday cannot be a 调休 workday
    qtbot.waitUntil(lambda: dialog.loaded and len(dialog.entries()) == 2)
    click(qtbot, dialog.kind_radios["workday"])
    click(qtbot, dialog.set_button)
    qtbot.waitUntil(lambda: not dialog.busy and dialog.message_bar.property("kind") == "error")
    assert "周六或周日" in dialog.message()
    assert len(lead.calendar(2026)) == 2
