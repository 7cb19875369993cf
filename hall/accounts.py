"""Customer accounts (客户档案): who the customer at the counter is, and what they owe."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, insert, select
from sqlalchemy.exc import IntegrityError

from db import models as m
from hall.context import HallContext
from hall.errors import Conflict, InvalidInput, NotFound
from hall.records import Account
from hall.validation import fixed_phone, mobile

# shared/domain.md section 2.
TARIFF_CLASSES = ("居民生活", "一般工商业及其他", "大工业", "农业生产")
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
        arrears_fen: int = 0,
        prepaid_fen: int = 0,
    ) -> Account:
        ctx = self._ctx
        with ctx.database.write() as conn:
            length = conn.execute(
                select(m.Hall.account_length).where(m.Hall.id == ctx.hall_id)
            ).scalar_one()
            values = {
                "account": _checked_account(account, length),
                "name": _required(name, "户名", 100),
                "address": _required(address, "用电地址", 200),
                "phone": _checked_phone(phone),
                "tariff_class": _checked_class(tariff_class),
                "arrears_fen": _checked_fen(arrears_fen, "欠费"),
                "prepaid_fen": _checked_fen(prepaid_fen, "预存余额"),
                "status": "normal",
            }
            try:
                with conn.begin_nested():
                    conn.execute(
                        insert(A).values(hall_id=ctx.hall_id, created_at=ctx.now(), **values)
                    )
            except IntegrityError:
                raise Conflict(f"户号 {values['account']} 已存在", code="account_exists") from None
        return _to_account(values)

    def get(self, account: str) -> Account:
        number = account.strip()
        with self._ctx.database.read() as conn:
            row = conn.execute(
                select(A).where(A.c.hall_id == self._ctx.hall_id, A.c.account == number)
            ).one_or_none()
        if row is None:
            raise NotFound(f"没有户号为 {number} 的客户", code="account_not_found")
        return _to_account(row._mapping)


def _to_account(values: Row[Any] | Any) -> Account:
    return Account(**{field: values[field] for field in Account.__slots__})


def _checked_account(account: str, length: int) -> str:
    number = account.strip().replace(" ", "")
    if not (number.isascii() and number.isdigit()):
        raise InvalidInput("户号只能由数字组成", code="invalid_account")
    if len(number) != length:
        raise InvalidInput(f"户号应为{length}位数字", code="invalid_account")
    return number


def _required(text: str, what: str, limit: int) -> str:
    cleaned = " ".join(text.split())
    if not cleaned:
        raise InvalidInput(f"请填写{what}", code="required")
    if len(cleaned) > limit:
        raise InvalidInput(f"{what}不能超过{limit}个字", code="too_long")
    return cleaned


def _checked_phone(phone: str) -> str:
    if not phone.strip():
        return ""
    # A mobile number starts with 1, a fixed line with its area code's 0.
    return mobile(phone) if phone.strip().lstrip("+86 ").startswith("1") else fixed_phone(phone)


def _checked_class(tariff_class: str) -> str:
    if tariff_class not in TARIFF_CLASSES:
        raise InvalidInput(
            "用电类别应为：" + "、".join(TARIFF_CLASSES), code="invalid_tariff_class"
        )
    return tariff_class


def _checked_fen(fen: int, what: str) -> int:
    if isinstance(fen, bool) or not isinstance(fen, int) or fen < 0:
        raise InvalidInput(f"{what}应为不小于零的整数（分）", code="invalid_amount")
    return fen
