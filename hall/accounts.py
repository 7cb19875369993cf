"""Customer accounts (客户档案): who the customer at the counter is, and what they owe."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection, Row, func, insert, or_, select
from sqlalchemy.exc import IntegrityError

from db import models as m
from hall.context import HallContext
from hall.errors import Conflict, InvalidInput, NotFound
from hall.records import Account
from hall.validation import fixed_phone, mobile

# shared/domain.md section 2.
TARIFF_CLASSES = ("居民生活", "一般工商业及其他", "大工业", "农业生产")
VOLTAGE_CLASSES = ("不满1kV", "1-10kV", "35kV", "110kV", "220kV")
# How the billing system and people write supply voltages, to the classes above.
_VOLTAGE_ALIASES = {
    "220v": "不满1kV",
    "380v": "不满1kV",
    "0.4kv": "不满1kV",
    "低压": "不满1kV",
    "1kv以下": "不满1kV",
    "6kv": "1-10kV",
    "10kv": "1-10kV",
}
ACCOUNT_STATUSES = {"normal": "正常", "suspended": "暂停", "dismantled": "暂拆", "closed": "销户"}
"""Account statuses as stored, and as the billing system and the screens name them."""
MAX_CAPACITY_KVA = 10_000_000
MAX_SEARCH_RESULTS = 200
A = m.Account.__table__


class Accounts:
    def __init__(self, ctx: HallContext) -> None:
        self._ctx = ctx

    def add(
        self,
        *,
        account: str,
        name: str,
        address: str,
        phone: str = "",
        tariff_class: str = TARIFF_CLASSES[0],
        voltage_class: str = VOLTAGE_CLASSES[0],
        capacity_kva: int = 0,
        arrears_fen: int = 0,
        prepaid_fen: int = 0,
    ) -> Account:
        ctx = self._ctx
        with ctx.database.write() as conn:
            values = {
                "account": checked_account(account, self.account_length(conn)),
                "name": checked_text(name, "户名", 100),
                "address": checked_text(address, "用电地址", 200),
                "phone": checked_phone(phone),
                "tariff_class": checked_tariff_class(tariff_class),
                "voltage_class": checked_voltage_class(voltage_class),
                "capacity_kva": checked_capacity(capacity_kva),
                "arrears_fen": checked_fen(arrears_fen, "欠费"),
                "prepaid_fen": checked_fen(prepaid_fen, "预存余额"),
                "status": "normal",
            }
            try:
                with conn.begin_nested():
                    conn.execute(
                        insert(A).values(hall_id=ctx.hall_id, created_at=ctx.now(), **values)
                    )
            except IntegrityError:
                raise Conflict(f"户号 {values['account']} 已存在", code="account_exists") from None
        return to_account(values)

    def account_length(self, conn: Connection) -> int:
        """How many digits this hall's account numbers have."""
        return conn.execute(
            select(m.Hall.account_length).where(m.Hall.id == self._ctx.hall_id)
        ).scalar_one()

    def get(self, account: str) -> Account:
        number = account.strip()
        with self._ctx.database.read() as conn:
            row = conn.execute(
                select(A).where(A.c.hall_id == self._ctx.hall_id, A.c.account == number)
            ).one_or_none()
        if row is None:
            raise NotFound(f"没有户号为 {number} 的客户", code="account_not_found")
        return to_account(row._mapping)

    def search(self, text: str, *, limit: int = 50) -> tuple[Account, ...]:
        """Accounts whose number starts with ``text``, then those whose name, address or phone
        contains it, each group by account number; at most ``limit``. Empty text finds nothing.

        The number prefix is a range on the unique (hall, account) index; the substring match
        scans the hall's accounts once, which stays in milliseconds for tens of thousands.
        """
        if not isinstance(text, str):
            raise InvalidInput("请输入要查找的内容", code="invalid_search")
        if (
            isinstance(limit, bool)
            or not isinstance(limit, int)
            or not 1 <= limit <= MAX_SEARCH_RESULTS
        ):
            raise InvalidInput(f"查找结果数应在1到{MAX_SEARCH_RESULTS}之间", code="invalid_search")
        query = " ".join(text.split())
        if not query:
            return ()
        digits = re.sub(r"[\s-]", "", query)
        is_number = digits.isascii() and digits.isdigit()
        hall = A.c.hall_id == self._ctx.hall_id
        with self._ctx.database.read() as conn:
            found: list[Row[Any]] = []
            if is_number:
                # "339" matches ["339", "33:"): ':' is the character after '9' byte by byte. A
                # linguistic collation (PostgreSQL on a zh_CN or ICU database) ignores the ':'.
                account = A.c.account if self._ctx.database.is_sqlite else A.c.account.collate("C")
                after = digits[:-1] + chr(ord(digits[-1]) + 1)
                found = list(
                    conn.execute(
                        select(A)
                        .where(hall, account >= digits, account < after)
                        .order_by(A.c.account)
                        .limit(limit)
                    ).all()
                )
            if len(found) < limit:
                matches = [  # ignoring case ("b座" finds "B座"), as SQLite's LIKE does
                    A.c.name.icontains(query, autoescape=True),
                    A.c.address.icontains(query, autoescape=True),
                ]
                if is_number:
                    # Fixed lines are stored as "0571-88886666"; people type them either way.
                    matches.append(func.replace(A.c.phone, "-", "").contains(digits))
                others = select(A).where(hall, or_(*matches))
                if found:
                    others = others.where(A.c.account.not_in([r.account for r in found]))
                found += conn.execute(others.order_by(A.c.account).limit(limit - len(found))).all()
        return tuple(to_account(r._mapping) for r in found)


def to_account(values: Row[Any] | Any) -> Account:
    return Account(**{field: values[field] for field in Account.__slots__})


def checked_account(account: str, length: int) -> str:
    number = account.strip().replace(" ", "")
    if not (number.isascii() and number.isdigit()):
        raise InvalidInput("户号只能由数字组成", code="invalid_account")
    if len(number) != length:
        raise InvalidInput(f"户号应为{length}位数字", code="invalid_account")
    return number


def checked_text(text: str, what: str, limit: int) -> str:
    cleaned = " ".join(text.split())
    if not cleaned:
        raise InvalidInput(f"请填写{what}", code="required")
    if len(cleaned) > limit:
        raise InvalidInput(f"{what}不能超过{limit}个字", code="too_long")
    return cleaned


def checked_phone(phone: str) -> str:
    if not phone.strip():
        return ""
    # A mobile number starts with 1, a fixed line with its area code's 0.
    return mobile(phone) if phone.strip().lstrip("+86 ").startswith("1") else fixed_phone(phone)


def checked_tariff_class(tariff_class: str) -> str:
    cleaned = tariff_class.strip()
    if cleaned not in TARIFF_CLASSES:
        raise InvalidInput(
            "用电类别应为：" + "、".join(TARIFF_CLASSES), code="invalid_tariff_class"
        )
    return cleaned


def checked_voltage_class(voltage_class: str) -> str:
    """One of VOLTAGE_CLASSES; "10kV", "交流380V" and the like are accepted as their class."""
    key = re.sub(r"\s|交流", "", voltage_class).lower()
    key = re.sub("[–—~～]", "-", key)
    for label in VOLTAGE_CLASSES:
        if key == label.lower():
            return label
    if key in _VOLTAGE_ALIASES:
        return _VOLTAGE_ALIASES[key]
    raise InvalidInput("电压等级应为：" + "、".join(VOLTAGE_CLASSES), code="invalid_voltage_class")


def checked_capacity(capacity_kva: int) -> int:
    if (
        isinstance(capacity_kva, bool)
        or not isinstance(capacity_kva, int)
        or not 0 <= capacity_kva <= MAX_CAPACITY_KVA
    ):
        raise InvalidInput(
            f"合同容量应为0到{MAX_CAPACITY_KVA}之间的整数（kVA）", code="invalid_capacity"
        )
    return capacity_kva


def checked_status(status: str) -> str:
    """A stored status ("normal") from itself or its Chinese name (正常)."""
    cleaned = status.strip()
    for code, label in ACCOUNT_STATUSES.items():
        if cleaned in (code, label):
            return code
    raise InvalidInput(
        "状态应为：" + "、".join(ACCOUNT_STATUSES.values()), code="invalid_account_status"
    )


def checked_fen(fen: int, what: str) -> int:
    if isinstance(fen, bool) or not isinstance(fen, int) or fen < 0:
        raise InvalidInput(f"{what}应为不小于零的整数（分）", code="invalid_amount")
    return fen
