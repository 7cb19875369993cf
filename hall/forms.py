"""The application forms (受理单) of the counter, as data: fields, their checks, the documents
each business needs, and the published time limit that gives its due date (domain.md 2-4).

The UI draws a form from its ``Field`` list and calls ``check_field`` as the clerk types and
``check_form`` before saving; ``hall.applications`` calls ``check_form`` again when saving, so a
form the UI did not check is refused the same way. Everything here is pure: no database.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from hall.errors import InvalidInput
from hall.validation import credit_code, fixed_phone, mobile, resident_id


class FieldKind(StrEnum):
    TEXT = "text"  # one line
    LONG_TEXT = "long_text"  # several lines (a description, a complaint)
    CHOICE = "choice"  # one of ``choices``
    INT = "int"  # a whole number within [minimum, maximum], in ``unit``
    DATE = "date"  # a datetime.date
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

    def field(self, key: str) -> Field:
        for item in self.fields:
            if item.key == key:
                return item
        raise KeyError(key)


def check_field(
    item: Field, value: object, values: Mapping[str, object], *, today: date
) -> object:
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
            if not isinstance(value, date):
                raise InvalidInput(f"{item.label}不是有效日期", code="invalid_date")
            return value
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


# -- the pieces most forms share -------------------------------------------------------------

CUSTOMER = (
    Field("customer_name", "客户名称", max_length=100),
    Field("id_type", "证件类型", FieldKind.CHOICE, choices=PERSONAL_DOCUMENTS),
    Field("id_number", "证件号码", FieldKind.ID_NUMBER, id_type_key="id_type"),
    Field("contact", "联系人", required=False, max_length=50),
    Field("mobile", "移动电话", FieldKind.MOBILE),
    Field("landline", "固定电话", FieldKind.PHONE, required=False, hint="如 010-12345678"),
)
ADDRESS_PROOFS = (
    "房产证/购房合同",
    "不动产权证书",
    "宅基地证",
    "租赁协议及房东产权证明",
    "法院裁定书",
    "乡镇（街道）证明",
    "一证受理（签署客户承诺书）",
)


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
        Field("remark", "备注", FieldKind.LONG_TEXT, required=False, max_length=500),
    ),
    documents=("申请人有效身份证明", "用电地址产权证明或客户承诺书"),
    due=DueRule(working_days=5),
    cross_check=_residential_connection_checks,
)


FORMS: dict[str, FormKind] = {form.code: form for form in (RESIDENTIAL_CONNECTION,)}


def forms_for(business: str) -> tuple[FormKind, ...]:
    """The forms a ticket of this business (its prefix) may open, in menu order."""
    return tuple(form for form in FORMS.values() if form.business == business)
