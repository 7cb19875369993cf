"""The application forms (受理单) of the counter, as data: fields, their checks, the documents
each business needs, and the published time limit that gives its due date (domain.md 2-4).

The UI draws a form from its ``Field`` list and calls ``check_field`` as the clerk types and
``check_form`` before saving; ``hall.applications`` calls ``check_form`` again when saving, so a
form the UI did not check is refused the same way. Everything here is pure: no database. The
rules that need the database (the account exists and owes nothing, the yearly limits of 暂停)
are checked by ``hall.applications`` with the helpers at the end of this module.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from hall.errors import InvalidInput
from hall.validation import credit_code, fixed_phone, mobile, resident_id


class FieldKind(StrEnum):
    TEXT = "text"  # one line
    LONG_TEXT = "long_text"  # several lines (a description, a complaint)
    CHOICE = "choice"  # one of ``choices``
    INT = "int"  # a whole number within [minimum, maximum], in ``unit``
    DATE = "date"  # a datetime.date (or its ISO text, "2026-03-02")
    ID_NUMBER = "id_number"  # checked by the document type in the field ``id_type_key``
    MOBILE = "mobile"  # 11-digit mainland mobile
    PHONE = "phone"  # mobile or fixed line
    ACCOUNT = "account"  # 户号, digits (its length is the hall's, checked on saving)
    CREDIT_CODE = "credit_code"  # 统一社会信用代码


# Identity documents accepted at the counter (domain.md section 3), and the ones checked by rule.
PERSONAL_DOCUMENTS = (
    "居民身份证",
    "临时身份证",
    "户口本",
    "军官证/士兵证",
    "台胞证",
    "港澳通行证",
    "外国护照",
    "外国人永久居留证",
)
RESIDENT_ID_DOCUMENTS = frozenset({"居民身份证", "临时身份证", "户口本"})
REFUSED_IDENTITY_DOCUMENTS = ("驾驶证", "工作证", "学生证")
TARIFF_CLASSES = ("居民生活", "一般工商业及其他", "大工业", "农业生产")


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: FieldKind = FieldKind.TEXT
    required: bool = True
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    unit: str = ""
    max_length: int = 100
    hint: str = ""
    # The field holding the document type an ID_NUMBER is checked against.
    id_type_key: str = ""
    # Shown (and checked) only while another field has one of these values: (key, values).
    shown_if: tuple[str, tuple[str, ...]] | None = None

    def shown(self, values: Mapping[str, object]) -> bool:
        if self.shown_if is None:
            return True
        key, wanted = self.shown_if
        return values.get(key) in wanted


@dataclass(frozen=True)
class DueRule:
    """How a saved application's due date is found.

    ``working_days``: that many working days after the day the file is complete; ``by_field``
    picks another number of days by the value of a field (e.g. high-voltage supply). ``hours_by``:
    a moment, that many hours after saving, by the value of a field (repair crew arrival).
    ``None`` everywhere: handled at the counter, no due date.
    """

    working_days: int | None = None
    by_field: tuple[str, Mapping[str, int]] | None = None
    hours_by: tuple[str, Mapping[str, float]] | None = None

    def days_for(self, values: Mapping[str, object]) -> int | None:
        """Working days until due for these (checked) values; None: no due day."""
        if self.by_field is not None:
            key, days = self.by_field
            found = days.get(str(values.get(key)))
            if found is not None:
                return found
        return self.working_days

    def hours_for(self, values: Mapping[str, object]) -> float | None:
        """Hours until due for these (checked) values; None: no due moment."""
        if self.hours_by is None:
            return None
        key, hours = self.hours_by
        return hours.get(str(values.get(key)))


@dataclass(frozen=True)
class FormKind:
    code: str
    title: str
    business: str  # the default menu's ticket prefix this form belongs to
    fields: tuple[Field, ...]
    documents: tuple[str, ...] = ()  # the attachments checklist
    due: DueRule = field(default_factory=DueRule)
    complaint: bool = False  # carries category, severity, contact-by and reply-by dates
    # Rules across fields: (values already checked one by one, today) -> {key: message}.
    cross_check: Callable[[Mapping[str, object], date], dict[str, str]] | None = None
    # The account must owe nothing first: always (True), or while a field has one of these
    # values (key, values). 《供电营业规则》: 销户 and 过户 settle the old account.
    settle_arrears: bool | tuple[str, tuple[str, ...]] = False

    def field(self, key: str) -> Field:
        for item in self.fields:
            if item.key == key:
                return item
        raise KeyError(key)

    def needs_settled_account(self, values: Mapping[str, object]) -> bool:
        if isinstance(self.settle_arrears, bool):
            return self.settle_arrears
        key, wanted = self.settle_arrears
        return values.get(key) in wanted


def check_field(item: Field, value: object, values: Mapping[str, object], *, today: date) -> object:
    """The value normalised for storage (None for an empty optional field), or InvalidInput
    whose Chinese message names the field and says what is wrong."""
    if isinstance(value, str):
        value = value.strip()
    if value in (None, ""):
        if item.required:
            raise InvalidInput(f"请填写{item.label}", code="required")
        return None
    match item.kind:
        case FieldKind.TEXT | FieldKind.LONG_TEXT:
            text = str(value)
            if len(text) > item.max_length:
                raise InvalidInput(f"{item.label}不能超过{item.max_length}个字", code="too_long")
            return text
        case FieldKind.CHOICE:
            if value not in item.choices:
                raise InvalidInput(
                    f"{item.label}应为：" + "、".join(item.choices), code="invalid_choice"
                )
            return value
        case FieldKind.INT:
            return _checked_int(item, value)
        case FieldKind.DATE:
            return _checked_date(item, value)
        case FieldKind.ID_NUMBER:
            return _checked_id(item, str(value), values, today)
        case FieldKind.MOBILE:
            return mobile(str(value))
        case FieldKind.PHONE:
            text = str(value)
            return mobile(text) if text.lstrip("+86 ").startswith("1") else fixed_phone(text)
        case FieldKind.ACCOUNT:
            number = str(value).replace(" ", "")
            if not (number.isascii() and number.isdigit()):
                raise InvalidInput("户号只能由数字组成", code="invalid_account")
            return number
        case FieldKind.CREDIT_CODE:
            return credit_code(str(value))
    raise AssertionError(item.kind)


def check_form(
    form: FormKind, values: Mapping[str, object], *, today: date
) -> tuple[dict[str, object], dict[str, str]]:
    """Check every shown field, then the form's cross-field rules.

    Returns (cleaned values of the shown fields, {field key: message} of what is wrong). Saving
    is allowed only with no messages.
    """
    cleaned: dict[str, object] = {}
    errors: dict[str, str] = {}
    for item in form.fields:
        if not item.shown(values):
            continue
        try:
            cleaned[item.key] = check_field(item, values.get(item.key), values, today=today)
        except InvalidInput as error:
            errors[item.key] = error.message
    if not errors and form.cross_check is not None:
        errors.update(form.cross_check(cleaned, today))
    return cleaned, errors


def _checked_int(item: Field, value: object) -> int:
    if isinstance(value, bool):
        raise InvalidInput(f"{item.label}应为整数", code="invalid_number")
    if isinstance(value, str):
        if not (value.isascii() and value.isdigit()):
            raise InvalidInput(f"{item.label}应为整数", code="invalid_number")
        value = int(value)
    if not isinstance(value, int):
        raise InvalidInput(f"{item.label}应为整数", code="invalid_number")
    unit = item.unit
    if item.minimum is not None and value < item.minimum:
        raise InvalidInput(f"{item.label}不能小于{item.minimum}{unit}", code="out_of_range")
    if item.maximum is not None and value > item.maximum:
        raise InvalidInput(f"{item.label}不能大于{item.maximum}{unit}", code="out_of_range")
    return value


def _checked_date(item: Field, value: object) -> date:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise InvalidInput(f"{item.label}不是有效日期", code="invalid_date") from None
    # A datetime is a date too, but would never equal the day it falls on.
    if isinstance(value, datetime) or not isinstance(value, date):
        raise InvalidInput(f"{item.label}不是有效日期", code="invalid_date")
    return value


def _checked_id(item: Field, text: str, values: Mapping[str, object], today: date) -> str:
    document = values.get(item.id_type_key) if item.id_type_key else "居民身份证"
    if document in RESIDENT_ID_DOCUMENTS:
        return resident_id(text, today=today)
    if document == "营业执照":
        return credit_code(text)
    cleaned = text.replace(" ", "").upper()
    if not (cleaned.isascii() and cleaned.isalnum() and 5 <= len(cleaned) <= 30):
        raise InvalidInput(f"{item.label}应为5到30位字母或数字", code="invalid_document")
    return cleaned


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later; the month's last day when it has no such day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    following = date(year + month // 12, month % 12 + 1, 1)
    return date(year, month, min(day.day, (following - timedelta(days=1)).day))


def _period_errors(
    values: Mapping[str, object], today: date, *, earliest: date, what: str
) -> dict[str, str]:
    """The usual checks of a (start, end) period: start not before ``earliest``, end after it."""
    start, end = values["start"], values["end"]
    assert isinstance(start, date) and isinstance(end, date)
    if start < earliest:
        if earliest == today:
            return {"start": f"{what}开始日期不能早于今天"}
        return {"start": f"{what}须提前{(earliest - today).days}天申请，开始日期最早为{earliest}"}
    if end <= start:
        return {"end": f"{what}结束日期应晚于开始日期"}
    return {}


# -- documents --------------------------------------------------------------------------------

ADDRESS_PROOFS = (
    "房产证/购房合同",
    "不动产权证书",
    "宅基地证",
    "租赁协议及房东产权证明",
    "法院裁定书",
    "乡镇（街道）证明",
    "一证受理（签署客户承诺书）",
)
IDENTITY_PROOF = "申请人有效身份证明"
# Residential customers may apply with their ID alone under 一证受理, signing a 客户承诺书.
ADDRESS_PROOF = "用电地址产权证明或客户承诺书"
PROPERTY_PROOF = "用电地址产权证明"
BUSINESS_LICENCE = "营业执照"
LEGAL_REP_ID = "法定代表人有效身份证明"
DOCUMENT_ALTERNATIVES: Mapping[str, tuple[str, ...]] = {
    IDENTITY_PROOF: PERSONAL_DOCUMENTS,
    LEGAL_REP_ID: PERSONAL_DOCUMENTS,
    ADDRESS_PROOF: ADDRESS_PROOFS,
    PROPERTY_PROOF: ADDRESS_PROOFS[:-1],
}
"""What a checklist entry may be: any one of these (shown on the 一次性告知 slip)."""


# -- the pieces most forms share -------------------------------------------------------------

CUSTOMER = (
    Field("customer_name", "客户名称", max_length=100),
    Field("id_type", "证件类型", FieldKind.CHOICE, choices=PERSONAL_DOCUMENTS),
    Field("id_number", "证件号码", FieldKind.ID_NUMBER, id_type_key="id_type"),
    Field("contact", "联系人", required=False, max_length=50),
    Field("mobile", "移动电话", FieldKind.MOBILE),
    Field("landline", "固定电话", FieldKind.PHONE, required=False, hint="如 010-12345678"),
)
ACCOUNT = Field("account", "户号", FieldKind.ACCOUNT)
REMARK = Field("remark", "备注", FieldKind.LONG_TEXT, required=False, max_length=500)
CHANGE_DAYS = 5  # changes of use: no published limit, the 95598 default (domain.md section 4)


def _period(label: str) -> tuple[Field, Field]:
    return (
        Field("start", f"{label}开始日期", FieldKind.DATE),
        Field("end", f"{label}结束日期", FieldKind.DATE),
    )


# -- B 发票/账单打印 ---------------------------------------------------------------------------


def _bill_print_checks(values: Mapping[str, object], today: date) -> dict[str, str]:
    first, last = values["period_from"], values["period_to"]
    assert isinstance(first, date) and isinstance(last, date)
    if last < first:
        return {"period_to": "截止日期不能早于起始日期"}
    if last > today:
        return {"period_to": "截止日期不能晚于今天"}
    return {}


BILL_PRINT = FormKind(
    code="bill_print",
    title="发票/账单打印",
    business="B",
    fields=(
        Field("item", "打印项目", FieldKind.CHOICE, choices=("电费发票", "电费账单", "缴费明细")),
        ACCOUNT,
        Field("customer_name", "户名", max_length=100),
        Field("period_from", "起始日期", FieldKind.DATE),
        Field("period_to", "截止日期", FieldKind.DATE),
        Field("mobile", "移动电话", FieldKind.MOBILE, required=False),
        REMARK,
    ),
    cross_check=_bill_print_checks,
)


# -- C 低压居民新装/增容 -----------------------------------------------------------------------


def _residential_connection_checks(values: Mapping[str, object], today: date) -> dict[str, str]:
    if values.get("request") == "增容" and not values.get("account"):
        return {"account": "增容须填写原户号"}
    return {}


RESIDENTIAL_CONNECTION = FormKind(
    code="residential_connection",
    title="低压居民新装/增容申请",
    business="C",
    fields=(
        Field("request", "申请事项", FieldKind.CHOICE, choices=("新装", "增容")),
        *CUSTOMER,
        Field("account", "原户号", FieldKind.ACCOUNT, required=False, hint="增容时填写"),
        Field("address", "用电地址", max_length=200),
        Field("mail_address", "通讯地址", required=False, max_length=200),
        Field("capacity_kva", "申请容量", FieldKind.INT, minimum=1, maximum=100, unit="kVA"),
        Field("address_proof", "产权证明", FieldKind.CHOICE, choices=ADDRESS_PROOFS),
        REMARK,
    ),
    documents=(IDENTITY_PROOF, ADDRESS_PROOF),
    due=DueRule(working_days=5),
    cross_check=_residential_connection_checks,
)


# -- D 低压非居民新装/增容 (and high voltage) ---------------------------------------------------

SUPPLY_DAYS = {"低压": 6, "高压单电源": 22, "高压双电源": 32}  # State Grid 十项承诺 (2023)
HIGH_VOLTAGES = ("1-10kV", "35kV", "110kV", "220kV")
# Cities connect up to 160 kVA at low voltage (State Grid, 2022); larger loads need high voltage.
LOW_VOLTAGE_MAX_KVA = 160
TWO_PART_TARIFF_KVA = 315  # from 315 kVA: two-part tariff (大工业 电价)


def two_part_tariff(capacity_kva: int) -> bool:
    """Whether a customer of this capacity pays the two-part tariff (domain.md section 2)."""
    return capacity_kva >= TWO_PART_TARIFF_KVA


def _nonresidential_connection_checks(values: Mapping[str, object], today: date) -> dict[str, str]:
    capacity = values["capacity_kva"]
    assert isinstance(capacity, int)
    if values.get("request") == "增容" and not values.get("account"):
        return {"account": "增容须填写原户号"}
    if values["supply"] == "低压" and capacity > LOW_VOLTAGE_MAX_KVA:
        return {
            "supply": f"低压供电容量不超过{LOW_VOLTAGE_MAX_KVA}kVA，{capacity}kVA须选择高压供电"
        }
    if values["tariff_class"] == "大工业" and not two_part_tariff(capacity):
        return {
            "tariff_class": f"大工业用电须受电容量{TWO_PART_TARIFF_KVA}kVA及以上（两部制电价），"
            "请选择一般工商业及其他"
        }
    return {}


NONRESIDENTIAL_CONNECTION = FormKind(
    code="nonresidential_connection",
    title="非居民新装/增容申请",
    business="D",
    fields=(
        Field("request", "申请事项", FieldKind.CHOICE, choices=("新装", "增容")),
        Field("customer_name", "企业名称", max_length=100),
        Field("credit_code", "统一社会信用代码", FieldKind.CREDIT_CODE),
        Field("legal_rep", "法定代表人", max_length=50),
        Field(
            "legal_rep_id_type", "法定代表人证件类型", FieldKind.CHOICE, choices=PERSONAL_DOCUMENTS
        ),
        Field(
            "legal_rep_id",
            "法定代表人证件号码",
            FieldKind.ID_NUMBER,
            id_type_key="legal_rep_id_type",
        ),
        Field("contact", "联系人", max_length=50),
        Field("mobile", "移动电话", FieldKind.MOBILE),
        Field("landline", "固定电话", FieldKind.PHONE, required=False, hint="如 010-12345678"),
        Field("account", "原户号", FieldKind.ACCOUNT, required=False, hint="增容时填写"),
        Field("address", "用电地址", max_length=200),
        Field("mail_address", "通讯地址", required=False, max_length=200),
        Field("tariff_class", "用电类别", FieldKind.CHOICE, choices=TARIFF_CLASSES[1:]),
        Field(
            "capacity_kva",
            "申请容量",
            FieldKind.INT,
            minimum=1,
            maximum=100_000,
            unit="kVA",
            hint=f"{TWO_PART_TARIFF_KVA}kVA及以上执行两部制电价",
        ),
        Field("supply", "供电方式", FieldKind.CHOICE, choices=tuple(SUPPLY_DAYS)),
        Field(
            "voltage",
            "供电电压",
            FieldKind.CHOICE,
            choices=HIGH_VOLTAGES,
            shown_if=("supply", ("高压单电源", "高压双电源")),
        ),
        REMARK,
    ),
    documents=(BUSINESS_LICENCE, LEGAL_REP_ID, PROPERTY_PROOF),
    due=DueRule(by_field=("supply", SUPPLY_DAYS)),
    cross_check=_nonresidential_connection_checks,
)


# -- E 变更用电 -------------------------------------------------------------------------------


def _rename_checks(values: Mapping[str, object], today: date) -> dict[str, str]:
    if values["customer_name"] == values["old_name"]:
        return {"customer_name": "新户名与原户名相同，无需办理更名/过户"}
    return {}


RENAME = FormKind(
    code="rename",
    title="更名/过户申请",
    business="E",
    fields=(
        Field("request", "申请事项", FieldKind.CHOICE, choices=("更名", "过户")),
        ACCOUNT,
        Field("old_name", "原户名", max_length=100),
        Field("customer_name", "新户名", max_length=100),
        *CUSTOMER[1:],
        REMARK,
    ),
    documents=(IDENTITY_PROOF, ADDRESS_PROOF),
    due=DueRule(working_days=CHANGE_DAYS),
    cross_check=_rename_checks,
    settle_arrears=("request", ("过户",)),
)


def _close_account_checks(values: Mapping[str, object], today: date) -> dict[str, str]:
    removal = values["remove_on"]
    assert isinstance(removal, date)
    if removal < today:
        return {"remove_on": "拆表日期不能早于今天"}
    return {}


CLOSE_ACCOUNT = FormKind(
    code="close_account",
    title="销户申请",
    business="E",
    fields=(
        ACCOUNT,
        *CUSTOMER,
        Field(
            "reason",
            "销户原因",
            FieldKind.CHOICE,
            choices=("房屋拆迁", "停止经营", "迁址", "长期不用电", "其他"),
        ),
        Field("remove_on", "拆表日期", FieldKind.DATE),
        REMARK,
    ),
    documents=(IDENTITY_PROOF, PROPERTY_PROOF),
    due=DueRule(working_days=CHANGE_DAYS),
    cross_check=_close_account_checks,
    settle_arrears=True,
)


TEMPORARY_REMOVAL_MONTHS = 6


def _temporary_removal_checks(values: Mapping[str, object], today: date) -> dict[str, str]:
    errors = _period_errors(values, today, earliest=today, what="暂拆")
    start, end = values["start"], values["end"]
    assert isinstance(start, date) and isinstance(end, date)
    if not errors and end > add_months(start, TEMPORARY_REMOVAL_MONTHS):
        errors["end"] = f"暂拆时间最长{TEMPORARY_REMOVAL_MONTHS}个月，结束日期最晚为" + str(
            add_months(start, TEMPORARY_REMOVAL_MONTHS)
        )
    return errors


TEMPORARY_REMOVAL = FormKind(
    code="temporary_removal",
    title="暂拆申请",
    business="E",
    fields=(
        ACCOUNT,
        *CUSTOMER,
        Field("reason", "暂拆原因", max_length=200, hint="如房屋翻修"),
        *_period("暂拆"),
        REMARK,
    ),
    documents=(IDENTITY_PROOF,),
    due=DueRule(working_days=CHANGE_DAYS),
    cross_check=_temporary_removal_checks,
)


def _reinstall_checks(values: Mapping[str, object], today: date) -> dict[str, str]:
    wanted = values["wanted_on"]
    assert isinstance(wanted, date)
    if wanted < today:
        return {"wanted_on": "希望复装日期不能早于今天"}
    return {}


REINSTALL = FormKind(
    code="reinstall",
    title="复装申请",
    business="E",
    fields=(ACCOUNT, *CUSTOMER, Field("wanted_on", "希望复装日期", FieldKind.DATE), REMARK),
    documents=(IDENTITY_PROOF,),
    due=DueRule(working_days=CHANGE_DAYS),
    cross_check=_reinstall_checks,
)


def _move_meter_checks(values: Mapping[str, object], today: date) -> dict[str, str]:
    if values["new_place"] == values["old_place"]:
        return {"new_place": "新表位与原表位相同"}
    return {}


MOVE_METER = FormKind(
    code="move_meter",
    title="移表申请",
    business="E",
    fields=(
        ACCOUNT,
        *CUSTOMER,
        Field("old_place", "原表位", max_length=200),
        Field("new_place", "新表位", max_length=200),
        Field("reason", "移表原因", max_length=200),
        REMARK,
    ),
    documents=(IDENTITY_PROOF, ADDRESS_PROOF),
    due=DueRule(working_days=CHANGE_DAYS),
    cross_check=_move_meter_checks,
)


PEAK_VALLEY = ("执行峰谷电价", "不执行峰谷电价")


def _change_class_checks(values: Mapping[str, object], today: date) -> dict[str, str]:
    if values.get("request") == "变更用电类别" and values["new_class"] == values["current_class"]:
        return {"new_class": "新用电类别须与原用电类别不同"}
    return {}


CHANGE_CLASS = FormKind(
    code="change_class",
    title="改类申请",
    business="E",
    fields=(
        Field("request", "申请事项", FieldKind.CHOICE, choices=("变更用电类别", "变更峰谷电价")),
        ACCOUNT,
        *CUSTOMER,
        Field("current_class", "原用电类别", FieldKind.CHOICE, choices=TARIFF_CLASSES),
        Field(
            "new_class",
            "新用电类别",
            FieldKind.CHOICE,
            choices=TARIFF_CLASSES,
            shown_if=("request", ("变更用电类别",)),
        ),
        Field("peak_valley", "峰谷电价", FieldKind.CHOICE, choices=PEAK_VALLEY),
        Field("reason", "变更原因", max_length=200),
        REMARK,
    ),
    documents=(IDENTITY_PROOF, ADDRESS_PROOF),
    due=DueRule(working_days=CHANGE_DAYS),
    cross_check=_change_class_checks,
)


CAPACITY_REDUCTION_MONTHS = (6, 24)  # 减容 lasts 6 months to 2 years


def _capacity_reduction_checks(values: Mapping[str, object], today: date) -> dict[str, str]:
    current, reduced = values["current_kva"], values["reduced_kva"]
    assert isinstance(current, int) and isinstance(reduced, int)
    if reduced >= current:
        return {"reduced_kva": f"减容后容量应小于原容量{current}kVA"}
    errors = _period_errors(values, today, earliest=today, what="减容")
    if errors:
        return errors
    start, end = values["start"], values["end"]
    assert isinstance(start, date) and isinstance(end, date)
    shortest, longest = (add_months(start, n) for n in CAPACITY_REDUCTION_MONTHS)
    if not shortest <= end <= longest:
        return {"end": f"减容期限为6个月至2年，结束日期应在{shortest}至{longest}之间"}
    return {}


CAPACITY_REDUCTION = FormKind(
    code="capacity_reduction",
    title="减容申请",
    business="E",
    fields=(
        ACCOUNT,
        *CUSTOMER,
        Field("current_kva", "原容量", FieldKind.INT, minimum=1, maximum=100_000, unit="kVA"),
        Field("reduced_kva", "减容后容量", FieldKind.INT, minimum=0, maximum=100_000, unit="kVA"),
        *_period("减容"),
        Field("reason", "减容原因", max_length=200),
        REMARK,
    ),
    documents=(IDENTITY_PROOF, BUSINESS_LICENCE),
    due=DueRule(working_days=CHANGE_DAYS),
    cross_check=_capacity_reduction_checks,
)


# 暂停 (《供电营业规则》): apply 5 days ahead, each at least 15 days, at most twice and at most six
# months in a calendar year. The yearly limits need the account's earlier 暂停: see
# ``suspension_errors``.
SUSPENSION_NOTICE_DAYS = 5
SUSPENSION_MIN_DAYS = 15
SUSPENSIONS_PER_YEAR = 2
SUSPENSION_DAYS_PER_YEAR = 183  # six months: half a year


def period_days(start: date, end: date) -> int:
    """Days of a period, both ends counted."""
    return (end - start).days + 1


def _suspension_checks(values: Mapping[str, object], today: date) -> dict[str, str]:
    earliest = today + timedelta(days=SUSPENSION_NOTICE_DAYS)
    errors = _period_errors(values, today, earliest=earliest, what="暂停")
    if errors:
        return errors
    start, end = values["start"], values["end"]
    assert isinstance(start, date) and isinstance(end, date)
    days = period_days(start, end)
    if days < SUSPENSION_MIN_DAYS:
        return {"end": f"每次暂停不少于{SUSPENSION_MIN_DAYS}天，现在是{days}天"}
    if days > SUSPENSION_DAYS_PER_YEAR:
        return {"end": f"暂停累计不得超过6个月（{SUSPENSION_DAYS_PER_YEAR}天），现在是{days}天"}
    return {}


SUSPENSION = FormKind(
    code="suspension",
    title="暂停申请",
    business="E",
    fields=(
        ACCOUNT,
        *CUSTOMER,
        Field(
            "suspended_kva",
            "暂停容量",
            FieldKind.INT,
            required=False,
            minimum=1,
            maximum=100_000,
            unit="kVA",
            hint="不填为全部容量",
        ),
        *_period("暂停"),
        Field("reason", "暂停原因", max_length=200),
        REMARK,
    ),
    documents=(IDENTITY_PROOF, BUSINESS_LICENCE),
    due=DueRule(working_days=CHANGE_DAYS),
    cross_check=_suspension_checks,
)


def _days_in_year(start: date, end: date, year: int) -> int:
    first, last = max(start, date(year, 1, 1)), min(end, date(year, 12, 31))
    return max(0, period_days(first, last))


def suspension_errors(
    start: date, end: date, earlier: Iterable[tuple[date, date]]
) -> dict[str, str]:
    """The yearly limits of a new 暂停 (start, end) given the account's earlier ones (not
    cancelled): at most twice in the calendar year it starts, and at most six months in total
    in each calendar year it touches."""
    earlier = list(earlier)
    same_year = sum(1 for first, _ in earlier if first.year == start.year)
    if same_year >= SUSPENSIONS_PER_YEAR:
        return {
            "start": f"该户{start.year}年已申请暂停{same_year}次，每年最多{SUSPENSIONS_PER_YEAR}次"
        }
    for year in range(start.year, end.year + 1):
        used = sum(_days_in_year(first, last, year) for first, last in earlier)
        total = used + _days_in_year(start, end, year)
        if total > SUSPENSION_DAYS_PER_YEAR:
            return {
                "end": f"该户{year}年已暂停{used}天，再暂停将累计{total}天，"
                f"每年累计不得超过6个月（{SUSPENSION_DAYS_PER_YEAR}天）"
            }
    return {}


# -- F 电能表校验 / G 分布式光伏并网 -------------------------------------------------------------

METER_TEST = FormKind(
    code="meter_test",
    title="电能表校验申请",
    business="F",
    fields=(
        ACCOUNT,
        *CUSTOMER,
        Field("meter_number", "电能表表号", required=False, max_length=32),
        Field(
            "reason",
            "申请原因",
            FieldKind.CHOICE,
            choices=("电量异常", "表计走快", "表计外观损坏", "其他"),
        ),
        Field("description", "情况说明", FieldKind.LONG_TEXT, required=False, max_length=500),
        REMARK,
    ),
    documents=(IDENTITY_PROOF,),
    due=DueRule(working_days=5),
)


PV_MODES = ("全额上网", "自发自用、余电上网", "全部自用")
PV_MAX_KW = 6000  # distributed PV: at most 6 MW at one connection


PV_CONNECTION = FormKind(
    code="pv_connection",
    title="分布式光伏并网申请",
    business="G",
    fields=(
        *CUSTOMER,
        Field("account", "用电户号", FieldKind.ACCOUNT, required=False, hint="已有用电户号时填写"),
        Field("address", "项目地址", max_length=200),
        Field("capacity_kw", "装机容量", FieldKind.INT, minimum=1, maximum=PV_MAX_KW, unit="kW"),
        Field("mode", "消纳方式", FieldKind.CHOICE, choices=PV_MODES),
        REMARK,
    ),
    documents=(IDENTITY_PROOF, PROPERTY_PROOF),
    due=DueRule(working_days=5),
)


# -- H 故障报修 / J 咨询 / K 投诉 ----------------------------------------------------------------

CREW_ARRIVAL_HOURS = {"城区": 0.75, "农村": 1.5, "偏远": 2.0}  # State Grid 十项承诺 (2023)

FAULT_REPORT = FormKind(
    code="fault_report",
    title="故障报修登记",
    business="H",
    fields=(
        Field("customer_name", "报修人", max_length=100),
        Field("phone", "联系电话", FieldKind.PHONE),
        Field("account", "户号", FieldKind.ACCOUNT, required=False),
        Field("address", "故障地址", max_length=200),
        Field(
            "area",
            "所在区域",
            FieldKind.CHOICE,
            choices=tuple(CREW_ARRIVAL_HOURS),
            hint="抢修到场：城区45分钟，农村90分钟，偏远地区2小时",
        ),
        Field(
            "fault",
            "故障类型",
            FieldKind.CHOICE,
            choices=("全户停电", "部分停电", "电压异常", "表计故障", "线路设备隐患", "其他"),
        ),
        Field("description", "故障描述", FieldKind.LONG_TEXT, required=False, max_length=500),
    ),
    due=DueRule(hours_by=("area", CREW_ARRIVAL_HOURS)),
)


WRITTEN_REPLY = "书面答复"


def _inquiry_checks(values: Mapping[str, object], today: date) -> dict[str, str]:
    if values["reply"] == WRITTEN_REPLY and not values.get("mobile"):
        return {"mobile": "书面答复须留移动电话"}
    return {}


INQUIRY = FormKind(
    code="inquiry",
    title="咨询登记",
    business="J",
    fields=(
        Field("customer_name", "客户姓名", max_length=100),
        Field("mobile", "移动电话", FieldKind.MOBILE, required=False),
        Field("account", "户号", FieldKind.ACCOUNT, required=False),
        Field(
            "topic",
            "咨询类别",
            FieldKind.CHOICE,
            choices=("电价电费", "业扩报装", "用电变更", "停电信息", "计量", "其他"),
        ),
        Field("question", "咨询内容", FieldKind.LONG_TEXT, max_length=1000),
        Field("reply", "答复方式", FieldKind.CHOICE, choices=("当场答复", WRITTEN_REPLY)),
        Field(
            "answer",
            "答复内容",
            FieldKind.LONG_TEXT,
            required=False,
            max_length=1000,
            shown_if=("reply", ("当场答复",)),
        ),
        Field(
            "mail_address",
            "答复寄送地址",
            max_length=200,
            shown_if=("reply", (WRITTEN_REPLY,)),
        ),
    ),
    # Answered at the counter: no due date, saved as completed.
    due=DueRule(by_field=("reply", {WRITTEN_REPLY: 5})),
    cross_check=_inquiry_checks,
)


COMPLAINT_KINDS = ("投诉", "举报", "意见", "建议")
COMPLAINT_CATEGORIES = ("服务", "营业", "停送电", "供电质量", "电网建设")
SEVERITIES = ("一般", "重要", "紧急")
# Complaints (2011 rule, domain.md section 4): contact within 1 working day, reply within 7.
COMPLAINT_CONTACT_DAYS = 1
COMPLAINT_REPLY_DAYS = 7


def _complaint_checks(values: Mapping[str, object], today: date) -> dict[str, str]:
    happened = values.get("happened_on")
    if isinstance(happened, date) and happened > today:
        return {"happened_on": "发生日期不能晚于今天"}
    return {}


COMPLAINT = FormKind(
    code="complaint",
    title="投诉/举报/意见建议登记",
    business="K",
    fields=(
        Field("kind", "类型", FieldKind.CHOICE, choices=COMPLAINT_KINDS),
        Field("category", "分类", FieldKind.CHOICE, choices=COMPLAINT_CATEGORIES),
        Field("severity", "紧急程度", FieldKind.CHOICE, choices=SEVERITIES),
        Field("customer_name", "客户姓名", max_length=100),
        Field("mobile", "移动电话", FieldKind.MOBILE),
        Field("account", "户号", FieldKind.ACCOUNT, required=False),
        Field(
            "against",
            "被投诉员工工号",
            required=False,
            max_length=32,
            hint="投诉本厅员工时填写",
            shown_if=("kind", ("投诉", "举报")),
        ),
        Field("happened_on", "发生日期", FieldKind.DATE, required=False),
        Field("description", "事由", FieldKind.LONG_TEXT, max_length=1000),
        Field("demand", "客户诉求", FieldKind.LONG_TEXT, required=False, max_length=500),
    ),
    due=DueRule(working_days=COMPLAINT_REPLY_DAYS),
    complaint=True,
    cross_check=_complaint_checks,
)


# In menu order (domain.md section 2); the changes of use in the order of the menu's name.
FORMS: dict[str, FormKind] = {
    form.code: form
    for form in (
        BILL_PRINT,
        RESIDENTIAL_CONNECTION,
        NONRESIDENTIAL_CONNECTION,
        RENAME,
        CLOSE_ACCOUNT,
        TEMPORARY_REMOVAL,
        REINSTALL,
        MOVE_METER,
        CHANGE_CLASS,
        CAPACITY_REDUCTION,
        SUSPENSION,
        METER_TEST,
        PV_CONNECTION,
        FAULT_REPORT,
        INQUIRY,
        COMPLAINT,
    )
}


def forms_for(business: str) -> tuple[FormKind, ...]:
    """The forms a ticket of this business (its prefix) may open, in menu order."""
    return tuple(form for form in FORMS.values() if form.business == business)
