"""The application forms as a clerk fills them in: what each form accepts, and what it refuses
with which message beside which field (hall/forms.py, domain.md sections 2-4).

Pure checks, no database; the rules that need the account's history are tested in
test_applications.py. The ID and credit code are the published standard examples.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from hall.forms import (
    DOCUMENT_ALTERNATIVES,
    FORMS,
    PERSONAL_DOCUMENTS,
    FieldKind,
    FormKind,
    add_months,
    check_form,
    forms_for,
    suspension_errors,
    two_part_tariff,
)

TODAY = date(2026, 3, 2)  # a Monday
ID = "11010519491231002X"  # GB 11643's own example
CREDIT = "91350100M000100Y43"  # GB 32100's published example
PERSON = {
    "customer_name": "张三",
    "id_type": "居民身份证",
    "id_number": ID,
    "mobile": "13812345678",
}
ACCOUNT = {"account": "3300123456"}

GOOD: dict[str, dict[str, object]] = {
    "bill_print": {
        **ACCOUNT,
        "item": "电费发票",
        "customer_name": "张三",
        "period_from": date(2026, 1, 1),
        "period_to": date(2026, 2, 28),
    },
    "residential_connection": {
        **PERSON,
        "request": "新装",
        "address": "城东路 12 号",
        "capacity_kva": 8,
        "address_proof": "不动产权证书",
    },
    "nonresidential_connection": {
        "request": "新装",
        "customer_name": "城东五金有限公司",
        "credit_code": CREDIT,
        "legal_rep": "王五",
        "legal_rep_id_type": "居民身份证",
        "legal_rep_id": ID,
        "contact": "赵六",
        "mobile": "13812345678",
        "address": "城东工业园 3 号",
        "tariff_class": "一般工商业及其他",
        "capacity_kva": 100,
        "supply": "低压",
    },
    "rename": {
        **ACCOUNT,
        **PERSON,
        "request": "过户",
        "old_name": "李四",
        "customer_name": "张三",
    },
    "close_account": {**ACCOUNT, **PERSON, "reason": "房屋拆迁", "remove_on": TODAY},
    "temporary_removal": {
        **ACCOUNT,
        **PERSON,
        "reason": "房屋翻修",
        "start": TODAY,
        "end": date(2026, 6, 1),
    },
    "reinstall": {**ACCOUNT, **PERSON, "wanted_on": date(2026, 3, 10)},
    "move_meter": {
        **ACCOUNT,
        **PERSON,
        "old_place": "楼道",
        "new_place": "院墙外",
        "reason": "改建",
    },
    "change_class": {
        **ACCOUNT,
        **PERSON,
        "request": "变更用电类别",
        "current_class": "居民生活",
        "new_class": "一般工商业及其他",
        "peak_valley": "执行峰谷电价",
        "reason": "开店",
    },
    "capacity_reduction": {
        **ACCOUNT,
        **PERSON,
        "current_kva": 630,
        "reduced_kva": 315,
        "start": date(2026, 4, 1),
        "end": date(2026, 12, 31),
        "reason": "减产",
    },
    "suspension": {
        **ACCOUNT,
        **PERSON,
        "start": date(2026, 3, 7),
        "end": date(2026, 3, 21),
        "reason": "设备检修",
    },
    "meter_test": {**ACCOUNT, **PERSON, "reason": "电量异常"},
    "pv_connection": {**PERSON, "address": "城东路 12 号", "capacity_kw": 20, "mode": "全额上网"},
    "fault_report": {
        "customer_name": "张三",
        "phone": "0571-88886666",
        "address": "城东路 12 号",
        "area": "城区",
        "fault": "全户停电",
    },
    "inquiry": {
        "customer_name": "张三",
        "topic": "电价电费",
        "question": "阶梯电价怎么算？",
        "reply": "当场答复",
    },
    "complaint": {
        "kind": "投诉",
        "category": "服务",
        "severity": "一般",
        "customer_name": "张三",
        "mobile": "13812345678",
        "description": "窗口人员态度生硬",
    },
}


def errors(form: FormKind | str, values: dict[str, object], **changes: object) -> dict[str, str]:
    form = FORMS[form] if isinstance(form, str) else form
    _, found = check_form(form, {**values, **changes}, today=TODAY)
    return found


def error_on(code: str, **changes: object) -> dict[str, str]:
    """The errors of form ``code``'s good example with ``changes``."""
    return errors(code, GOOD[code], **changes)


# -- the menu ----------------------------------------------------------------------------------


def test_every_business_of_the_default_menu_but_payment_has_its_forms() -> None:
    assert forms_for("A") == ()
    for business in "BCDFGHJK":
        assert len(forms_for(business)) == 1, business
    assert [f.title for f in forms_for("E")] == [
        "更名/过户申请",
        "销户申请",
        "暂拆申请",
        "复装申请",
        "移表申请",
        "改类申请",
        "减容申请",
        "暂停申请",
    ]


@pytest.mark.parametrize("code", list(FORMS))
def test_the_good_example_of_each_form_is_accepted(code: str) -> None:
    cleaned, found = check_form(FORMS[code], GOOD[code], today=TODAY)
    assert found == {}
    assert cleaned["customer_name"]


@pytest.mark.parametrize("code", list(FORMS))
def test_an_empty_form_names_every_required_field(code: str) -> None:
    form = FORMS[code]
    found = errors(form, {})
    required = [f for f in form.fields if f.required and f.shown({})]
    assert set(found) == {f.key for f in required}
    for item in required:
        assert found[item.key] == f"请填写{item.label}"


def test_every_checklist_entry_with_alternatives_lists_them() -> None:
    checklists = {d for form in FORMS.values() for d in form.documents}
    assert "用电地址产权证明或客户承诺书" in checklists
    assert "一证受理（签署客户承诺书）" in DOCUMENT_ALTERNATIVES["用电地址产权证明或客户承诺书"]
    # An organisation proves its premises: no 一证受理.
    assert "一证受理（签署客户承诺书）" not in DOCUMENT_ALTERNATIVES["用电地址产权证明"]
    assert DOCUMENT_ALTERNATIVES["申请人有效身份证明"] == PERSONAL_DOCUMENTS
    assert "驾驶证" not in PERSONAL_DOCUMENTS


def test_the_organisation_form_asks_for_licence_and_legal_representative() -> None:
    form = FORMS["nonresidential_connection"]
    assert form.documents == ("营业执照", "法定代表人有效身份证明", "用电地址产权证明")
    assert form.field("credit_code").kind is FieldKind.CREDIT_CODE


# -- identity documents, credit codes, phones, dates ------------------------------------------


def test_identity_numbers_are_checked_by_document_type() -> None:
    assert error_on("residential_connection", id_number="110105194912310021") == {
        "id_number": "身份证号码校验位不正确，请核对每一位数字"
    }
    assert "id_number" in error_on("residential_connection", id_number="11010519491231002")
    # 户口本 carries the same number as the ID card.
    assert error_on("residential_connection", id_type="户口本") == {}
    # A passport is letters and digits.
    assert error_on("residential_connection", id_type="外国护照", id_number="E12345678") == {}
    assert "id_number" in error_on("residential_connection", id_type="外国护照", id_number="E-1234")
    assert "id_type" in error_on("residential_connection", id_type="驾驶证")


def test_the_id_number_is_stored_normalised() -> None:
    cleaned, _ = check_form(
        FORMS["residential_connection"],
        {**GOOD["residential_connection"], "id_number": " 11010519491231002x "},
        today=TODAY,
    )
    assert cleaned["id_number"] == ID


def test_the_legal_representatives_id_and_the_credit_code_are_checked() -> None:
    assert error_on("nonresidential_connection", credit_code="91350100M000100Y44") == {
        "credit_code": "统一社会信用代码校验位不正确，请核对每一位"
    }
    assert "credit_code" in error_on("nonresidential_connection", credit_code="91350100M00010")
    assert "legal_rep_id" in error_on(
        "nonresidential_connection", legal_rep_id="110105194912310021"
    )
    assert (
        error_on(
            "nonresidential_connection", legal_rep_id_type="港澳通行证", legal_rep_id="H12345678"
        )
        == {}
    )


def test_phones() -> None:
    assert error_on("residential_connection", mobile="1381234567") == {
        "mobile": "手机号码应为11位，现在是10位"
    }
    assert "mobile" in error_on("residential_connection", mobile="12812345678")
    cleaned, found = check_form(
        FORMS["residential_connection"],
        {
            **GOOD["residential_connection"],
            "mobile": "+86 138-1234-5678",
            "landline": "010 12345678",
        },
        today=TODAY,
    )
    assert found == {}
    assert (cleaned["mobile"], cleaned["landline"]) == ("13812345678", "010-12345678")
    assert "landline" in error_on("residential_connection", landline="12345")
    # A fault can be reported from a fixed line or a mobile.
    assert error_on("fault_report", phone="13812345678") == {}
    assert "phone" in error_on("fault_report", phone="88886666")


def test_dates_are_dates() -> None:
    assert error_on("reinstall", wanted_on="2026-03-10") == {}
    assert error_on("reinstall", wanted_on="10/03/2026") == {
        "wanted_on": "希望复装日期不是有效日期"
    }
    assert "wanted_on" in error_on("reinstall", wanted_on=datetime(2026, 3, 10, 9, 0))


def test_account_numbers_are_digits() -> None:
    assert error_on("meter_test", account="33001234AB") == {"account": "户号只能由数字组成"}


# -- C and D: connections ----------------------------------------------------------------------


def test_a_capacity_increase_needs_the_existing_account() -> None:
    assert error_on("residential_connection", request="增容") == {"account": "增容须填写原户号"}
    assert error_on("residential_connection", request="增容", account="3300123456") == {}
    assert error_on("nonresidential_connection", request="增容") == {"account": "增容须填写原户号"}


def test_residential_capacity_range() -> None:
    assert error_on("residential_connection", capacity_kva=100) == {}
    assert error_on("residential_connection", capacity_kva=101) == {
        "capacity_kva": "申请容量不能大于100kVA"
    }
    assert error_on("residential_connection", capacity_kva=0) == {
        "capacity_kva": "申请容量不能小于1kVA"
    }
    assert error_on("residential_connection", capacity_kva="八") == {
        "capacity_kva": "申请容量应为整数"
    }


def test_low_voltage_supply_takes_at_most_160_kva() -> None:
    assert error_on("nonresidential_connection", capacity_kva=160) == {}
    found = error_on("nonresidential_connection", capacity_kva=200)
    assert found == {"supply": "低压供电容量不超过160kVA，200kVA须选择高压供电"}
    assert (
        error_on(
            "nonresidential_connection", capacity_kva=200, supply="高压单电源", voltage="1-10kV"
        )
        == {}
    )
    assert "capacity_kva" in error_on("nonresidential_connection", capacity_kva=100_001)


def test_high_voltage_supply_asks_for_the_voltage() -> None:
    form = FORMS["nonresidential_connection"]
    assert not form.field("voltage").shown(GOOD["nonresidential_connection"])
    assert error_on("nonresidential_connection", supply="高压双电源") == {
        "voltage": "请填写供电电压"
    }


def test_large_industry_tariff_from_315_kva() -> None:
    high = {"supply": "高压单电源", "voltage": "1-10kV", "tariff_class": "大工业"}
    assert "tariff_class" in error_on("nonresidential_connection", capacity_kva=314, **high)
    assert error_on("nonresidential_connection", capacity_kva=315, **high) == {}
    assert not two_part_tariff(314)
    assert two_part_tariff(315)
    assert "315kVA" in FORMS["nonresidential_connection"].field("capacity_kva").hint


def test_supply_decides_the_working_days_of_a_non_residential_connection() -> None:
    due = FORMS["nonresidential_connection"].due
    assert due.days_for({"supply": "低压"}) == 6
    assert due.days_for({"supply": "高压单电源"}) == 22
    assert due.days_for({"supply": "高压双电源"}) == 32
    assert FORMS["residential_connection"].due.days_for(GOOD["residential_connection"]) == 5


# -- E: changes of use -------------------------------------------------------------------------


def test_rename_to_the_same_name_is_refused() -> None:
    assert error_on("rename", customer_name="李四") == {
        "customer_name": "新户名与原户名相同，无需办理更名/过户"
    }


def test_transfer_and_closing_need_a_settled_account_renaming_does_not() -> None:
    rename = FORMS["rename"]
    assert rename.needs_settled_account({"request": "过户"})
    assert not rename.needs_settled_account({"request": "更名"})
    assert FORMS["close_account"].needs_settled_account({})
    assert not FORMS["move_meter"].needs_settled_account({})


def test_closing_cannot_remove_the_meter_in_the_past() -> None:
    assert error_on("close_account", remove_on=TODAY - timedelta(days=1)) == {
        "remove_on": "拆表日期不能早于今天"
    }


def test_temporary_removal_lasts_at_most_six_months() -> None:
    assert error_on("temporary_removal", end=date(2026, 9, 2)) == {}
    assert error_on("temporary_removal", end=date(2026, 9, 3)) == {
        "end": "暂拆时间最长6个月，结束日期最晚为2026-09-02"
    }
    assert error_on("temporary_removal", end=TODAY) == {"end": "暂拆结束日期应晚于开始日期"}
    assert error_on("temporary_removal", start=TODAY - timedelta(days=1)) == {
        "start": "暂拆开始日期不能早于今天"
    }


def test_reinstall_and_move_meter() -> None:
    assert "wanted_on" in error_on("reinstall", wanted_on=date(2026, 3, 1))
    assert error_on("move_meter", new_place="楼道") == {"new_place": "新表位与原表位相同"}


def test_change_of_class_must_change_the_class() -> None:
    assert error_on("change_class", new_class="居民生活") == {
        "new_class": "新用电类别须与原用电类别不同"
    }
    # Only switching to the peak/valley tariff keeps the class: no new class is asked.
    peak_valley = {**GOOD["change_class"], "request": "变更峰谷电价"}
    del peak_valley["new_class"]
    assert errors("change_class", peak_valley) == {}
    assert "peak_valley" in error_on("change_class", peak_valley="随便")


def test_capacity_reduction_lowers_the_capacity_for_six_months_to_two_years() -> None:
    assert error_on("capacity_reduction", reduced_kva=630) == {
        "reduced_kva": "减容后容量应小于原容量630kVA"
    }
    assert error_on("capacity_reduction", end=date(2026, 10, 1)) == {}  # six months exactly
    assert error_on("capacity_reduction", end=date(2028, 4, 1)) == {}  # two years exactly
    message = "减容期限为6个月至2年，结束日期应在2026-10-01至2028-04-01之间"
    assert error_on("capacity_reduction", end=date(2026, 9, 30)) == {"end": message}
    assert error_on("capacity_reduction", end=date(2028, 4, 2)) == {"end": message}


def test_suspension_is_asked_five_days_ahead() -> None:
    assert error_on("suspension", start=date(2026, 3, 6), end=date(2026, 3, 20)) == {
        "start": "暂停须提前5天申请，开始日期最早为2026-03-07"
    }


def test_each_suspension_lasts_fifteen_days_to_six_months() -> None:
    assert error_on("suspension", end=date(2026, 3, 20)) == {
        "end": "每次暂停不少于15天，现在是14天"
    }
    assert error_on("suspension", end=date(2026, 9, 5)) == {}  # 183 days
    assert error_on("suspension", end=date(2026, 9, 6)) == {
        "end": "暂停累计不得超过6个月（183天），现在是184天"
    }


def test_suspension_at_most_twice_a_year() -> None:
    first = (date(2026, 3, 7), date(2026, 3, 21))
    second = (date(2026, 5, 1), date(2026, 5, 15))
    new = (date(2026, 8, 1), date(2026, 8, 15))
    assert suspension_errors(*new, [first]) == {}
    assert suspension_errors(*new, [first, second]) == {
        "start": "该户2026年已申请暂停2次，每年最多2次"
    }
    # Last year's do not count.
    assert suspension_errors(*new, [(date(2025, 3, 1), date(2025, 3, 20)), first]) == {}


def test_suspension_at_most_six_months_a_year_in_total() -> None:
    earlier = [(date(2026, 1, 1), date(2026, 4, 30))]  # 120 days
    assert suspension_errors(date(2026, 7, 1), date(2026, 9, 1), earlier) == {}  # 63: 183
    assert suspension_errors(date(2026, 7, 1), date(2026, 9, 2), earlier) == {
        "end": "该户2026年已暂停120天，再暂停将累计184天，每年累计不得超过6个月（183天）"
    }
    # A suspension into the new year counts its days in each year.
    assert suspension_errors(date(2026, 12, 1), date(2027, 1, 31), earlier) == {}


# -- F to K -----------------------------------------------------------------------------------


def test_meter_test_and_pv_connection_are_due_in_five_working_days() -> None:
    assert FORMS["meter_test"].due.days_for(GOOD["meter_test"]) == 5
    assert FORMS["pv_connection"].due.days_for(GOOD["pv_connection"]) == 5
    assert error_on("pv_connection", capacity_kw=6001) == {"capacity_kw": "装机容量不能大于6000kW"}


def test_a_repair_crew_arrives_by_area() -> None:
    due = FORMS["fault_report"].due
    assert due.days_for(GOOD["fault_report"]) is None
    assert [due.hours_for({"area": area}) for area in ("城区", "农村", "偏远")] == [0.75, 1.5, 2]


def test_an_inquiry_is_due_only_when_a_written_reply_is_asked() -> None:
    due = FORMS["inquiry"].due
    assert due.days_for(GOOD["inquiry"]) is None
    written = {**GOOD["inquiry"], "reply": "书面答复"}
    assert errors("inquiry", written) == {"mail_address": "请填写答复寄送地址"}
    written["mail_address"] = "城东路 12 号"
    assert errors("inquiry", written) == {"mobile": "书面答复须留移动电话"}
    written["mobile"] = "13812345678"
    assert errors("inquiry", written) == {}
    assert due.days_for(written) == 5


def test_complaints() -> None:
    form = FORMS["complaint"]
    assert form.complaint
    assert form.due.days_for(GOOD["complaint"]) == 7
    assert form.field("category").choices == ("服务", "营业", "停送电", "供电质量", "电网建设")
    assert "category" in error_on("complaint", category="其他")
    assert error_on("complaint", happened_on=TODAY + timedelta(days=1)) == {
        "happened_on": "发生日期不能晚于今天"
    }
    # Only a complaint or a report names a staff member.
    assert form.field("against").shown({"kind": "举报"})
    assert not form.field("against").shown({"kind": "建议"})
    assert "mobile" in error_on("complaint", mobile="")


def test_bill_print_period() -> None:
    assert error_on("bill_print", period_to=date(2025, 12, 31)) == {
        "period_to": "截止日期不能早于起始日期"
    }
    assert error_on("bill_print", period_to=TODAY + timedelta(days=1)) == {
        "period_to": "截止日期不能晚于今天"
    }


def test_add_months_keeps_the_day_or_takes_the_months_last() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2026, 3, 2), 24) == date(2028, 3, 2)
