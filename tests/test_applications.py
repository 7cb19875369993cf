"""Applications (受理单) saved at the counter and followed up: numbers, due dates by the hall's
calendar, documents handed in later, overdue lists, complaints, 催办 and the account's rules.

What is checked is what the clerk and the lead see: the number and status of a saved form, its
due dates, the lists, the event log, and that a refused form leaves nothing behind.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select, update

from db import models as m
from hall.desk import Desk
from hall.errors import Conflict, FormInvalid, InvalidInput, NotFound, PermissionDenied
from hall.facade import Hall

from tests.conftest import PASSWORD, FakeClock

ACCOUNT = "3300123456"
OTHER = "3300654321"
ID = "11010519491231002X"
PERSON = {
    "customer_name": "张三",
    "id_type": "居民身份证",
    "id_number": ID,
    "mobile": "13812345678",
}
CONNECTION = {
    **PERSON,
    "request": "新装",
    "address": "城东路 12 号",
    "capacity_kva": 8,
    "address_proof": "不动产权证书",
}
ALL_DOCUMENTS = ("申请人有效身份证明", "用电地址产权证明或客户承诺书")
COMPLAINT = {
    "kind": "投诉",
    "category": "服务",
    "severity": "一般",
    "customer_name": "张三",
    "mobile": "13812345678",
    "description": "窗口人员态度生硬",
}


def shanghai(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour - 8, minute, tzinfo=UTC)


@pytest.fixture
def accounts(lead: Desk) -> None:
    lead.add_account(account=ACCOUNT, name="张三", address="城东路 12 号", phone="13812345678")
    lead.add_account(account=OTHER, name="李四", address="城西路 3 号", arrears_fen=23640)


@pytest.fixture
def clerk(counter: Any, accounts: None) -> Desk:
    return counter(1)


def connection(desk: Desk, documents: tuple[str, ...] = ALL_DOCUMENTS, **changes: object) -> Any:
    return desk.save_application(
        "residential_connection", {**CONNECTION, **changes}, documents_received=documents
    )


def suspension(desk: Desk, start: date, end: date, account: str = ACCOUNT) -> Any:
    return desk.save_application(
        "suspension",
        {**PERSON, "account": account, "start": start, "end": end, "reason": "设备检修"},
        documents_received=("申请人有效身份证明", "营业执照"),
    )


def saved_rows(hall: Hall) -> tuple[int, int]:
    with hall.database.read() as conn:
        return (
            conn.execute(select(func.count()).select_from(m.Application)).scalar_one(),
            conn.execute(select(func.count()).select_from(m.ApplicationEvent)).scalar_one(),
        )


# -- saving and numbers ------------------------------------------------------------------------


def test_a_complete_residential_connection_is_accepted_and_due_in_five_working_days(
    clerk: Desk,
) -> None:
    application = connection(clerk)
    assert application.number == "SQ2026-000001"
    assert (application.status, application.status_label) == ("accepted", "已受理")
    assert application.business == "C"
    assert application.title == "低压居民新装/增容申请"
    assert application.due_on == date(2026, 3, 9)  # Monday + 5 working days
    assert application.missing_documents == ()
    assert (application.clerk, application.clerk_name, application.window) == ("2001", "张受理", 1)
    assert not application.overdue


def test_id_numbers_and_phones_are_shown_masked(clerk: Desk) -> None:
    application = connection(clerk, landline="0571-88886666")
    assert application.fields["id_number"] == "110105********002X"
    assert application.fields["mobile"] == "138****5678"
    assert application.fields["landline"] == "0571-****6666"
    assert application.masked_phone == "138****5678"
    assert application.fields["capacity_kva"] == 8
    # Stored in full, for the back office.
    with clerk._hall.database.read() as conn:
        stored = conn.execute(select(m.Application.fields, m.Application.phone)).one()
    assert ID in stored.fields
    assert stored.phone == "13812345678"


def test_numbers_are_one_gapless_series_per_year_and_a_refused_form_uses_none(
    clerk: Desk, counter: Any, clock: FakeClock
) -> None:
    assert connection(clerk).number == "SQ2026-000001"
    with pytest.raises(FormInvalid):
        connection(clerk, mobile="123")
    other = counter(2)
    assert connection(other).number == "SQ2026-000002"
    clock.set(shanghai(2026, 12, 31, 17, 0))
    assert connection(clerk).number == "SQ2026-000003"
    clock.set(shanghai(2027, 1, 4, 9, 0))
    assert connection(clerk).number == "SQ2027-000001"


def test_an_invalid_form_saves_nothing_and_names_each_wrong_field(hall: Hall, clerk: Desk) -> None:
    with pytest.raises(FormInvalid) as caught:
        connection(clerk, mobile="1381234567", capacity_kva=0, customer_name="")
    assert caught.value.code == "invalid_form"
    assert set(caught.value.errors) == {"mobile", "capacity_kva", "customer_name"}
    assert caught.value.errors["customer_name"] == "请填写客户名称"
    assert "手机号码应为11位" in caught.value.message
    assert saved_rows(hall) == (0, 0)
    assert clerk.applications() == ()


def test_unknown_forms_and_documents_are_refused(hall: Hall, clerk: Desk) -> None:
    with pytest.raises(NotFound):
        clerk.save_application("no_such_form", {})
    with pytest.raises(InvalidInput) as caught:
        connection(clerk, documents=("驾驶证",))
    assert caught.value.code == "unknown_document"
    assert saved_rows(hall) == (0, 0)


def test_the_application_belongs_to_the_ticket_being_served(clerk: Desk, guide: Desk) -> None:
    guide.issue_ticket("C")
    ticket = clerk.call_next()
    assert ticket is not None
    assert connection(clerk).ticket_number == ticket.number
    clerk.finish()
    assert connection(clerk).ticket_number is None


def test_a_clerk_saves_at_a_window_a_lead_also_from_the_console(
    hall: Hall, lead: Desk, guide: Desk, accounts: None
) -> None:
    away = hall.sign_in("2001", PASSWORD)
    with pytest.raises(Conflict) as caught:
        connection(away)
    assert caught.value.code == "no_window"
    application = connection(lead)
    assert (application.clerk, application.window) == ("9001", None)
    with pytest.raises(PermissionDenied):
        connection(guide)


def test_the_account_must_exist_and_have_the_halls_length(hall: Hall, clerk: Desk) -> None:
    with pytest.raises(FormInvalid) as caught:
        connection(clerk, request="增容", account="33001234")
    assert caught.value.errors == {"account": "户号应为10位数字"}
    with pytest.raises(FormInvalid) as caught:
        connection(clerk, request="增容", account="3300000000")
    assert caught.value.errors == {"account": "没有户号为 3300000000 的客户"}
    assert saved_rows(hall) == (0, 0)
    assert connection(clerk, request="增容", account=ACCOUNT).account == ACCOUNT


def test_a_capacity_increase_must_exceed_the_contracted_capacity(hall: Hall, clerk: Desk) -> None:
    with hall.database.write() as conn:
        conn.execute(update(m.Account).values(capacity_kva=10))
    with pytest.raises(FormInvalid) as caught:
        connection(clerk, request="增容", account=ACCOUNT, capacity_kva=10)
    assert caught.value.errors == {"capacity_kva": "增容后的容量应大于现有容量10kVA"}
    assert connection(clerk, request="增容", account=ACCOUNT, capacity_kva=16).status == "accepted"


def test_a_change_of_class_starts_from_the_class_on_file(clerk: Desk) -> None:
    values = {
        **PERSON,
        "account": ACCOUNT,
        "request": "变更用电类别",
        "current_class": "一般工商业及其他",
        "new_class": "居民生活",
        "peak_valley": "执行峰谷电价",
        "reason": "关店",
    }
    with pytest.raises(FormInvalid) as caught:
        clerk.save_application("change_class", values)
    assert caught.value.errors == {"current_class": "原用电类别与客户档案不符（档案为居民生活）"}


# -- documents and the clock -------------------------------------------------------------------


def test_missing_documents_keep_the_clock_stopped_until_the_file_is_complete(
    clerk: Desk, clock: FakeClock
) -> None:
    application = connection(clerk, documents=("申请人有效身份证明",))
    assert (application.status, application.status_label) == ("waiting_documents", "待补资料")
    assert application.missing_documents == ("用电地址产权证明或客户承诺书",)
    assert application.due_on is None
    clock.set(shanghai(2026, 3, 30))  # weeks later: not overdue, the clock never started
    assert not clerk.application(application.number).overdue
    clock.set(shanghai(2026, 4, 2))  # Thursday
    done = clerk.receive_documents(application.number, ["用电地址产权证明或客户承诺书"])
    assert done.status == "accepted"
    assert done.due_on == date(2026, 4, 9)  # Thursday + 5 working days
    assert done.documents_received == ALL_DOCUMENTS
    codes = [e.code for e in clerk.application_events(application.number)]
    assert codes == ["saved", "documents", "accepted"]
    with pytest.raises(Conflict) as caught:
        clerk.receive_documents(application.number, ["申请人有效身份证明"])
    assert caught.value.code == "documents_complete"


def test_documents_handed_in_one_by_one(clerk: Desk) -> None:
    application = connection(clerk, documents=())
    half = clerk.receive_documents(application.number, ["申请人有效身份证明"])
    assert (half.status, half.missing_documents) == (
        "waiting_documents",
        ("用电地址产权证明或客户承诺书",),
    )
    with pytest.raises(InvalidInput):
        clerk.receive_documents(application.number, ["驾驶证"])
    with pytest.raises(Conflict) as caught:
        clerk.complete_application(application.number)
    assert caught.value.code == "documents_missing"


def test_due_dates_skip_weekends(clerk: Desk, clock: FakeClock) -> None:
    clock.set(shanghai(2026, 3, 6))  # Friday
    assert connection(clerk).due_on == date(2026, 3, 13)
    clock.set(shanghai(2026, 3, 7))  # Saturday: the day itself never counts
    assert connection(clerk).due_on == date(2026, 3, 13)


def test_due_dates_follow_the_halls_holidays_and_make_up_workdays(
    clerk: Desk, lead: Desk, clock: FakeClock
) -> None:
    clock.set(shanghai(2026, 9, 30))  # Wednesday before the National Day week
    assert connection(clerk).due_on == date(2026, 10, 7)  # by weekends only
    for n in range(1, 8):
        lead.set_calendar_day(date(2026, 10, n), "holiday", "国庆节")
    assert connection(clerk).due_on == date(2026, 10, 14)
    lead.set_calendar_day(date(2026, 10, 10), "workday", "国庆节调休")
    assert connection(clerk).due_on == date(2026, 10, 13)  # 8, 9, 10 (Sat), 12, 13


def test_the_calendar_is_the_leads(clerk: Desk, lead: Desk) -> None:
    lead.set_calendar_day(date(2026, 10, 1), "holiday", "国庆节")
    lead.set_calendar_day(date(2026, 10, 10), "workday", "国庆节调休")
    lead.set_calendar_day(date(2027, 1, 1), "holiday", "元旦")
    days = clerk.calendar(2026)
    assert [(d.day, d.kind, d.label, d.name) for d in days] == [
        (date(2026, 10, 1), "holiday", "节假日", "国庆节"),
        (date(2026, 10, 10), "workday", "调休工作日", "国庆节调休"),
    ]
    assert len(lead.calendar()) == 3
    lead.set_calendar_day(date(2026, 10, 1), None)
    assert [d.day for d in lead.calendar(2026)] == [date(2026, 10, 10)]
    lead.set_calendar_day(date(2026, 10, 10), "holiday", "改为假日")
    assert lead.calendar(2026)[0].kind == "holiday"
    with pytest.raises(InvalidInput) as caught:
        lead.set_calendar_day(date(2026, 10, 8), "workday")  # a Thursday
    assert caught.value.code == "workday_not_weekend"
    with pytest.raises(InvalidInput):
        lead.set_calendar_day(date(2026, 10, 8), "vacation")
    with pytest.raises(PermissionDenied):
        clerk.set_calendar_day(date(2026, 10, 1), "holiday")


def test_overdue_once_the_due_day_has_passed(clerk: Desk, clock: FakeClock) -> None:
    application = connection(clerk)  # due Monday 9 March
    clock.set(shanghai(2026, 3, 9, 17, 0))
    assert not clerk.application(application.number).overdue
    assert clerk.applications(status="overdue") == ()
    clock.set(shanghai(2026, 3, 10, 8, 30))
    assert clerk.application(application.number).overdue
    assert [a.number for a in clerk.applications(status="overdue")] == [application.number]
    done = clerk.complete_application(application.number, "已装表送电")
    assert (done.status, done.overdue) == ("completed", False)
    assert done.completed_at == shanghai(2026, 3, 10, 8, 30)
    assert clerk.applications(status="overdue") == ()


def test_a_non_residential_connection_is_due_by_its_supply(clerk: Desk) -> None:
    values = {
        "request": "新装",
        "customer_name": "城东五金有限公司",
        "credit_code": "91350100M000100Y43",
        "legal_rep": "王五",
        "legal_rep_id_type": "居民身份证",
        "legal_rep_id": ID,
        "contact": "赵六",
        "mobile": "13812345678",
        "address": "城东工业园 3 号",
        "tariff_class": "一般工商业及其他",
        "capacity_kva": 630,
        "supply": "高压单电源",
        "voltage": "1-10kV",
    }
    documents = ("营业执照", "法定代表人有效身份证明", "用电地址产权证明")
    application = clerk.save_application(
        "nonresidential_connection", values, documents_received=documents
    )
    assert application.due_on == date(2026, 4, 1)  # 22 working days: 4 weeks and 2 days
    assert application.fields["legal_rep_id"] == "110105********002X"
    assert application.fields["credit_code"] == "91350100M000100Y43"


# -- counter-only forms, repairs, inquiries ----------------------------------------------------


def test_a_bill_print_is_done_at_the_counter(clerk: Desk) -> None:
    values = {
        "item": "电费发票",
        "account": ACCOUNT,
        "customer_name": "张三",
        "period_from": date(2026, 1, 1),
        "period_to": date(2026, 2, 28),
    }
    application = clerk.save_application("bill_print", values)
    assert (application.status, application.due_on) == ("completed", None)
    assert application.fields["period_from"] == date(2026, 1, 1)
    assert [e.code for e in clerk.application_events(application.number)] == [
        "saved",
        "completed",
    ]


def test_an_inquiry_answered_at_the_counter_is_completed_a_written_reply_is_due(
    clerk: Desk,
) -> None:
    values = {
        "customer_name": "张三",
        "topic": "电价电费",
        "question": "阶梯电价怎么算？",
        "reply": "当场答复",
        "answer": "按年度累计用电量分三档",
    }
    answered = clerk.save_application("inquiry", values)
    assert (answered.status, answered.due_on) == ("completed", None)
    written = clerk.save_application(
        "inquiry",
        {**values, "reply": "书面答复", "mobile": "13812345678", "mail_address": "城东路 12 号"},
    )
    assert (written.status, written.due_on) == ("accepted", date(2026, 3, 9))
    assert "answer" not in written.fields


def test_a_repair_crew_is_due_within_the_hour_limit_of_the_area(
    clerk: Desk, clock: FakeClock
) -> None:
    values = {
        "customer_name": "张三",
        "phone": "13812345678",
        "address": "城东路 12 号",
        "area": "城区",
        "fault": "全户停电",
    }
    city = clerk.save_application("fault_report", values)
    remote = clerk.save_application("fault_report", {**values, "area": "偏远"})
    assert city.due_at == shanghai(2026, 3, 2, 10, 45)
    assert remote.due_at == shanghai(2026, 3, 2, 12, 0)
    assert city.due_on is None
    clock.advance(minutes=46)
    assert [a.number for a in clerk.applications(status="overdue")] == [city.number]


# -- complaints --------------------------------------------------------------------------------


def test_a_complaint_is_contacted_within_one_working_day_and_answered_within_seven(
    clerk: Desk, clock: FakeClock
) -> None:
    clock.set(shanghai(2026, 3, 6))  # Friday
    complaint = clerk.save_application("complaint", {**COMPLAINT, "against": "2002"})
    assert complaint.status == "accepted"
    assert complaint.contact_by == date(2026, 3, 9)
    assert complaint.due_on == date(2026, 3, 17)
    assert (complaint.category, complaint.severity, complaint.against) == ("服务", "一般", "2002")
    clock.set(shanghai(2026, 3, 10))
    assert clerk.application(complaint.number).overdue  # nobody called the customer back
    with pytest.raises(InvalidInput):
        clerk.record_contact(complaint.number, "  ")
    contacted = clerk.record_contact(complaint.number, "已致电客户致歉，约定周五答复")
    assert (contacted.status, contacted.status_label, contacted.overdue) == (
        "contacted",
        "已联系",
        False,
    )
    clock.set(shanghai(2026, 3, 18))
    assert clerk.application(complaint.number).overdue  # past the reply date
    assert clerk.complete_application(complaint.number, "已书面答复").status == "completed"


def test_complaints_are_counted_against_the_staff_member_named(
    clerk: Desk, lead: Desk, hall: Hall
) -> None:
    clerk.save_application("complaint", {**COMPLAINT, "against": "2002"})
    clerk.save_application("complaint", {**COMPLAINT, "against": "2002"})
    cancelled = clerk.save_application("complaint", {**COMPLAINT, "against": "2003"})
    clerk.cancel_application(cancelled.number, "客户撤回投诉")
    clerk.save_application("complaint", {**COMPLAINT, "kind": "建议", "against": "2003"})
    day = date(2026, 3, 2)
    assert lead.complaint_counts(day, day) == {"2002": 2}
    assert lead.complaint_counts(day + timedelta(days=1), day + timedelta(days=1)) == {}
    with pytest.raises(FormInvalid) as caught:
        clerk.save_application("complaint", {**COMPLAINT, "against": "7777"})
    assert caught.value.errors == {"against": "没有工号为 7777 的员工"}
    with pytest.raises(PermissionDenied):
        clerk.complaint_counts(day, day)


def test_contact_on_another_application_is_logged_without_changing_it(clerk: Desk) -> None:
    application = connection(clerk)
    after = clerk.record_contact(application.number, "已电话告知勘查时间")
    assert after.status == "accepted"
    events = clerk.application_events(application.number)
    assert [(e.code, e.label, e.staff, e.note) for e in events][-1] == (
        "contacted",
        "联系客户",
        "2001",
        "已电话告知勘查时间",
    )


# -- urging and escalation ---------------------------------------------------------------------


def test_the_lead_urges_and_the_handling_clerk_sees_it(
    clerk: Desk, counter: Any, lead: Desk
) -> None:
    mine = connection(clerk)
    other = counter(2)
    theirs = connection(other)
    assert clerk.urgent_applications() == ()
    urged = lead.urge(mine.number, "客户来电催问")
    assert urged.urged == 1
    assert lead.urge(mine.number, "").urged == 2
    assert [a.number for a in clerk.urgent_applications()] == [mine.number]
    assert other.urgent_applications() == ()
    escalated = lead.escalate(theirs.number, "重要客户")
    assert escalated.escalated
    with pytest.raises(Conflict):
        lead.escalate(theirs.number, "again")
    assert [a.number for a in other.urgent_applications()] == [theirs.number]
    assert [a.number for a in lead.urgent_applications()] == [mine.number, theirs.number]
    log = [(e.code, e.staff, e.note) for e in clerk.application_events(mine.number)]
    assert log[-2:] == [("urged", "9001", "客户来电催问"), ("urged", "9001", "")]
    clerk.complete_application(mine.number)
    assert clerk.urgent_applications() == ()


def test_only_the_lead_urges_and_escalates(clerk: Desk) -> None:
    application = connection(clerk)
    with pytest.raises(PermissionDenied):
        clerk.urge(application.number, "快点")
    with pytest.raises(PermissionDenied):
        clerk.escalate(application.number, "升级")


def test_overdue_applications_are_urgent(clerk: Desk, lead: Desk, clock: FakeClock) -> None:
    application = connection(clerk)
    clock.set(shanghai(2026, 3, 10))
    assert [a.number for a in clerk.urgent_applications()] == [application.number]
    assert [a.number for a in lead.urgent_applications()] == [application.number]


# -- cancelling, lists -------------------------------------------------------------------------


def test_a_cancelled_application_cannot_move_on(clerk: Desk, lead: Desk) -> None:
    application = connection(clerk)
    with pytest.raises(InvalidInput):
        clerk.cancel_application(application.number, "")
    cancelled = clerk.cancel_application(application.number, "客户放弃")
    assert (cancelled.status, cancelled.status_label) == ("cancelled", "已撤销")
    for move in (
        lambda: clerk.complete_application(application.number),
        lambda: clerk.record_contact(application.number, "x"),
        lambda: lead.urge(application.number, "x"),
    ):
        with pytest.raises(Conflict) as caught:
            move()
        assert caught.value.code == "application_closed"
    with pytest.raises(NotFound):
        clerk.application("SQ2026-999999")


def test_lists_by_status_account_and_clerk(clerk: Desk, counter: Any) -> None:
    first = connection(clerk, documents=())
    second = connection(clerk, request="增容", account=ACCOUNT)
    other = counter(2)
    third = connection(other)
    other.complete_application(third.number)
    numbers = [a.number for a in clerk.applications()]
    assert numbers == [third.number, second.number, first.number]  # newest first
    assert [a.number for a in clerk.applications(status="open")] == [second.number, first.number]
    assert [a.number for a in clerk.applications(status="waiting_documents")] == [first.number]
    assert [a.number for a in clerk.applications(status="completed")] == [third.number]
    assert [a.number for a in clerk.applications(account=ACCOUNT)] == [second.number]
    assert [a.number for a in other.applications(mine=True)] == [third.number]
    assert len(clerk.applications(limit=1)) == 1
    with pytest.raises(InvalidInput):
        clerk.applications(status="lost")


# -- the account's rules: 销户 and 暂停 ----------------------------------------------------------


def close(desk: Desk, account: str) -> Any:
    values = {
        **PERSON,
        "account": account,
        "reason": "房屋拆迁",
        "remove_on": date(2026, 3, 5),
    }
    return desk.save_application(
        "close_account", values, documents_received=("申请人有效身份证明", "用电地址产权证明")
    )


def test_an_account_in_arrears_cannot_be_closed(hall: Hall, clerk: Desk) -> None:
    with pytest.raises(FormInvalid) as caught:
        close(clerk, OTHER)
    assert caught.value.errors == {"account": "该户尚欠电费￥236.40，须先结清电费才能办理销户"}
    assert saved_rows(hall) == (0, 0)
    clerk.take_payment(OTHER, received_fen=23640)
    closing = close(clerk, OTHER)
    assert (closing.number, closing.status) == ("SQ2026-000001", "accepted")


def test_a_transfer_needs_settled_arrears_a_rename_does_not(clerk: Desk) -> None:
    values = {**PERSON, "account": OTHER, "old_name": "李四", "request": "过户"}
    with pytest.raises(FormInvalid) as caught:
        clerk.save_application("rename", values)
    assert caught.value.errors["account"].endswith("须先结清电费才能办理过户")
    assert clerk.save_application("rename", {**values, "request": "更名"}).business == "E"


def test_suspensions_at_most_twice_a_year(clerk: Desk) -> None:
    first = suspension(clerk, date(2026, 3, 10), date(2026, 3, 31))
    assert first.status == "accepted"
    suspension(clerk, date(2026, 6, 1), date(2026, 6, 30))
    with pytest.raises(FormInvalid) as caught:
        suspension(clerk, date(2026, 9, 1), date(2026, 9, 30))
    assert caught.value.errors == {"start": "该户2026年已申请暂停2次，每年最多2次"}
    # Another account has its own count; a cancelled suspension does not count.
    assert suspension(clerk, date(2026, 9, 1), date(2026, 9, 30), account=OTHER).account == OTHER
    clerk.cancel_application(first.number, "客户撤回")
    assert suspension(clerk, date(2026, 9, 1), date(2026, 9, 30)).status == "accepted"


def test_suspensions_at_most_six_months_a_year(clerk: Desk) -> None:
    suspension(clerk, date(2026, 3, 10), date(2026, 6, 30))  # 113 days
    with pytest.raises(FormInvalid) as caught:
        suspension(clerk, date(2026, 8, 1), date(2026, 10, 15))  # 76 more
    assert caught.value.errors == {
        "end": "该户2026年已暂停113天，再暂停将累计189天，每年累计不得超过6个月（183天）"
    }
    assert suspension(clerk, date(2026, 8, 1), date(2026, 10, 9)).status == "accepted"  # 183
