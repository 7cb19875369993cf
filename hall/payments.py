"""Payments at the counter (收费), their receipts and reversals (冲正).

Each payment is one write transaction: the next receipt number of the hall's series for the year,
the payment row and the account's new balances, all or nothing. Every check is made before the
number is taken, so a refused payment uses no number and the series stays gapless. A reversal is
a payment row of its own (``kind = 'reversal'``) with the next number of the same series.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, exists, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased

from db import models as m
from hall.context import HallContext
from hall.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from hall.money import MAX_PARSED_FEN, format_yuan, spoken_yuan, to_capitals
from hall.queue import OPEN, Actor
from hall.records import PAYMENT_METHODS, Receipt, Role
from hall.staff import StaffDirectory
from hall.validation import mask_phone

logger = logging.getLogger(__name__)

P = m.Payment.__table__
A = m.Account.__table__
RSEQ = m.ReceiptSequence.__table__
T = m.Ticket.__table__
EXCESS = ("change", "prepay")
MAX_REASON_LENGTH = 200
ATTEMPTS = 3


def receipt_number(year: int, seq: int) -> str:
    """ "2026-000123": the year and the 6-digit sequence number of the hall's series."""
    return f"{year}-{seq:06d}"


class Payments:
    """Taking payments, reprinting receipts and reversing payments. Thread-safe."""

    def __init__(self, ctx: HallContext, staff: StaffDirectory) -> None:
        self._ctx = ctx
        self._staff = staff

    # -- taking a payment --------------------------------------------------------------------

    def take(
        self,
        actor: Actor,
        account: str,
        *,
        received_fen: int,
        method: str = "cash",
        excess: str = "change",
        expected_due_fen: int | None = None,
    ) -> Receipt:
        received = _checked_received(received_fen)
        if method not in PAYMENT_METHODS:
            raise InvalidInput("缴费方式应为现金、刷卡或扫码", code="invalid_method")
        if excess not in EXCESS:
            raise InvalidInput("多收的金额只能找零或转为预存电费", code="invalid_excess")
        if not isinstance(account, str):
            raise InvalidInput("请输入户号", code="invalid_account")
        number = account.strip().replace(" ", "")
        ctx = self._ctx
        for _attempt in range(ATTEMPTS):
            try:
                with ctx.database.write() as conn:
                    now = ctx.now()
                    # Under the write lock; FOR UPDATE also locks the account on PostgreSQL.
                    acct = conn.execute(
                        select(A)
                        .where(A.c.hall_id == ctx.hall_id, A.c.account == number)
                        .with_for_update()
                    ).one_or_none()
                    if acct is None:
                        raise NotFound(f"没有户号为 {number} 的客户", code="account_not_found")
                    if expected_due_fen is not None and acct.arrears_fen != expected_due_fen:
                        # The clerk read another amount aloud: never book what was not said.
                        raise Conflict(
                            f"该户欠费已变为{format_yuan(acct.arrears_fen)}，请核对后重新唱收",
                            code="due_changed",
                        )
                    change, prepaid = _split(acct.arrears_fen, received, method, excess)
                    ticket_id = None
                    if actor.window_id is not None:
                        ticket_id = conn.execute(
                            select(T.c.id).where(T.c.window_id == actor.window_id, OPEN)
                        ).scalar_one_or_none()
                    balance = acct.prepaid_fen + prepaid
                    payment_id = self._book(
                        conn,
                        now,
                        account_id=acct.id,
                        ticket_id=ticket_id,
                        staff_id=actor.staff_id,
                        window_id=actor.window_id,
                        method=method,
                        due_fen=acct.arrears_fen,
                        received_fen=received,
                        change_fen=change,
                        prepaid_fen=prepaid,
                        prepaid_balance_fen=balance,
                        kind="payment",
                    )
                    changed = conn.execute(
                        update(A)
                        .where(A.c.id == acct.id, A.c.arrears_fen == acct.arrears_fen)
                        .values(arrears_fen=0, prepaid_fen=balance)
                    ).rowcount
                    if changed != 1:  # cannot happen under the write lock; never book half
                        raise Conflict("客户欠费刚刚发生变化，请重新查询后再收费", code="busy")
                    receipt = self._receipt(conn, payment_id)
                break
            except IntegrityError:
                # Two PCs created the year's first sequence row at once; try again.
                logger.info("receipt sequence race, retrying")
        else:
            raise Conflict("收费繁忙，请重试", code="busy")
        logger.info("payment %s on account %s", receipt.number, receipt.account)
        return receipt

    def _book(self, conn: Connection, now: datetime, **values: Any) -> int:
        """Write a payment or reversal row under the next number of the hall's receipt series
        for the year of ``now`` (hall time); its id."""
        hall_id = self._ctx.hall_id
        year = now.astimezone(self._ctx.zone).year
        seq = conn.execute(
            update(RSEQ)
            .where(RSEQ.c.hall_id == hall_id, RSEQ.c.year == year)
            .values(last_seq=RSEQ.c.last_seq + 1)
            .returning(RSEQ.c.last_seq)
        ).scalar_one_or_none()
        if seq is None:
            conn.execute(insert(RSEQ).values(hall_id=hall_id, year=year, last_seq=1))
            seq = 1
        return conn.execute(
            insert(P)
            .values(
                hall_id=hall_id,
                receipt_year=year,
                receipt_seq=seq,
                receipt_number=receipt_number(year, seq),
                issued_at=now,
                reprints=0,
                **values,
            )
            .returning(P.c.id)
        ).scalar_one()

    # -- reprint and reversal ----------------------------------------------------------------

    def reprint(self, number: str) -> Receipt:
        ctx = self._ctx
        with ctx.database.write() as conn:
            payment_id = conn.execute(
                update(P)
                .where(P.c.hall_id == ctx.hall_id, P.c.receipt_number == _clean_number(number))
                .values(reprints=P.c.reprints + 1)
                .returning(P.c.id)
            ).scalar_one_or_none()
            if payment_id is None:
                raise NotFound(f"没有收据号为 {number} 的收据", code="receipt_not_found")
            return self._receipt(conn, payment_id, reprint=True)

    def reverse(
        self, actor: Actor, number: str, *, lead_code: str, lead_password: str, reason: str
    ) -> Receipt:
        cleaned_reason = " ".join((reason or "").split())
        if not cleaned_reason:
            raise InvalidInput("请填写冲正原因", code="reason_required")
        if len(cleaned_reason) > MAX_REASON_LENGTH:
            raise InvalidInput(f"冲正原因不能超过{MAX_REASON_LENGTH}个字", code="reason_too_long")
        # The slow password check runs before the write lock is taken.
        lead = self._staff.authenticate(lead_code, lead_password)
        if lead.role != Role.LEAD.value:
            raise PermissionDenied("冲正须由值班长授权", code="lead_required")
        ctx = self._ctx
        wanted = _clean_number(number)
        for _attempt in range(ATTEMPTS):
            try:
                with ctx.database.write() as conn:
                    now = ctx.now()
                    original = conn.execute(
                        select(P).where(P.c.hall_id == ctx.hall_id, P.c.receipt_number == wanted)
                    ).one_or_none()
                    if original is None:
                        raise NotFound(f"没有收据号为 {wanted} 的收据", code="receipt_not_found")
                    if original.kind != "payment":
                        raise Conflict("冲正收据不能再冲正", code="reversal_of_reversal")
                    if conn.execute(
                        select(exists().where(P.c.reverses_id == original.id))
                    ).scalar_one():
                        raise Conflict(f"收据 {wanted} 已冲正过", code="already_reversed")
                    acct = conn.execute(
                        select(A).where(A.c.id == original.account_id).with_for_update()
                    ).one()
                    if acct.prepaid_fen < original.prepaid_fen:
                        raise Conflict(
                            "这笔缴费转入的预存电费已被使用，不能冲正，请联系值班长",
                            code="prepaid_used",
                        )
                    balance = acct.prepaid_fen - original.prepaid_fen
                    payment_id = self._book(
                        conn,
                        now,
                        account_id=original.account_id,
                        ticket_id=original.ticket_id,
                        staff_id=actor.staff_id,
                        window_id=actor.window_id,
                        method=original.method,
                        due_fen=original.due_fen,
                        received_fen=original.received_fen,
                        change_fen=original.change_fen,
                        prepaid_fen=original.prepaid_fen,
                        prepaid_balance_fen=balance,
                        kind="reversal",
                        reverses_id=original.id,
                        reason=cleaned_reason,
                        approved_by=lead.id,
                    )
                    conn.execute(
                        update(A)
                        .where(A.c.id == acct.id)
                        .values(arrears_fen=A.c.arrears_fen + original.due_fen, prepaid_fen=balance)
                    )
                    receipt = self._receipt(conn, payment_id)
                break
            except IntegrityError:
                logger.info("receipt sequence race on a reversal, retrying")
        else:
            raise Conflict("收费繁忙，请重试", code="busy")
        logger.info("payment %s reversed by %s, approved by %s", wanted, receipt.number, lead_code)
        return receipt

    # -- building a receipt ------------------------------------------------------------------

    def _receipt(self, conn: Connection, payment_id: int, *, reprint: bool = False) -> Receipt:
        clerk = aliased(m.Staff)
        approver = aliased(m.Staff)
        original = aliased(m.Payment)
        row = conn.execute(
            select(
                P,
                A.c.account,
                A.c.name.label("account_name"),
                A.c.address,
                A.c.phone,
                clerk.name.label("clerk_name"),
                clerk.code.label("clerk_code"),
                approver.name.label("approver_name"),
                m.Window.number.label("window_number"),
                m.Ticket.number.label("ticket_number"),
                original.receipt_number.label("reverses_number"),
                m.Hall.name.label("hall_name"),
            )
            .join(A, A.c.id == P.c.account_id)
            .join(clerk, clerk.id == P.c.staff_id)
            .join(m.Hall, m.Hall.id == P.c.hall_id)
            .outerjoin(approver, approver.id == P.c.approved_by)
            .outerjoin(m.Window, m.Window.id == P.c.window_id)
            .outerjoin(m.Ticket, m.Ticket.id == P.c.ticket_id)
            .outerjoin(original, original.id == P.c.reverses_id)
            .where(P.c.id == payment_id)
        ).one()
        return _to_receipt(row, self._ctx, reprint=reprint)


def _to_receipt(row: Row[Any], ctx: HallContext, *, reprint: bool) -> Receipt:
    kept = row.due_fen + row.prepaid_fen
    return Receipt(
        number=row.receipt_number,
        account=row.account,
        due_fen=row.due_fen,
        received_fen=row.received_fen,
        change_fen=row.change_fen,
        prepaid_fen=row.prepaid_fen,
        words=to_capitals(kept),
        readback=readback(
            due_fen=row.due_fen,
            received_fen=row.received_fen,
            change_fen=row.change_fen,
            prepaid_fen=row.prepaid_fen,
            method=row.method,
            reverses=row.reverses_number,
        ),
        issued_at=row.issued_at.astimezone(ctx.zone),
        kind=row.kind,
        method=row.method,
        hall_name=row.hall_name,
        account_name=row.account_name,
        address=row.address,
        masked_phone=mask_phone(row.phone) if row.phone else "",
        clerk_name=row.clerk_name,
        clerk_code=row.clerk_code,
        window=row.window_number,
        ticket=row.ticket_number,
        prepaid_balance_fen=row.prepaid_balance_fen,
        reverses=row.reverses_number,
        reason=row.reason,
        approved_by=row.approver_name,
        reprint=reprint,
    )


def readback(
    *,
    due_fen: int,
    received_fen: int,
    change_fen: int,
    prepaid_fen: int,
    method: str,
    reverses: str | None = None,
) -> str:
    """The sentence the clerk reads aloud for a receipt (唱收唱付, domain.md section 5).

    Cash: "您本次应交236元4角，收您300元，找您63元6角，请当面点清". Card and QR name the way it was
    paid ("刷卡收您…", "扫码收您…"). An excess booked as prepayment: "…，其中63元6角转为预存电费，
    请收好收据"; with nothing due: "您本次没有欠费，收您300元，全部转为预存电费，请收好收据".
    A reversal: "收据2026-000001的缴费已冲正，退还您236元4角，请当面点清".
    """
    kept = due_fen + prepaid_fen
    if reverses is not None:
        back = "请当面点清" if method == "cash" else "款项将按原路退回"
        return f"收据{reverses}的缴费已冲正，退还您{spoken_yuan(kept)}，{back}"
    took = {"cash": "收您", "card": "刷卡收您", "qr": "扫码收您"}[method]
    if due_fen == 0:
        return f"您本次没有欠费，{took}{spoken_yuan(received_fen)}，全部转为预存电费，请收好收据"
    parts = [f"您本次应交{spoken_yuan(due_fen)}", f"{took}{spoken_yuan(received_fen)}"]
    if change_fen:
        parts.append(f"找您{spoken_yuan(change_fen)}")
    if prepaid_fen:
        parts.append(f"其中{spoken_yuan(prepaid_fen)}转为预存电费")
    if change_fen:
        parts.append("请当面点清")
    elif method == "cash" and not prepaid_fen:
        parts.append("金额正好，请收好收据")
    else:
        parts.append("请收好收据")
    return "，".join(parts)


def _split(due: int, received: int, method: str, excess: str) -> tuple[int, int]:
    """(change, prepayment) of a payment of ``received`` on ``due``; InvalidInput if refused."""
    if received < due:
        raise InvalidInput(
            f"实收{spoken_yuan(received)}少于应交{spoken_yuan(due)}，欠费须一次缴清，不收部分缴费",
            code="partial_payment",
        )
    extra = received - due
    if extra == 0:
        return 0, 0
    if due == 0 or excess == "prepay":
        return 0, extra
    if method != "cash":
        raise InvalidInput(
            f"{PAYMENT_METHODS[method]}只能收应交的金额{spoken_yuan(due)}，"
            "多出的金额只能转为预存电费",
            code="change_not_cash",
        )
    return extra, 0


def _checked_received(fen: object) -> int:
    if isinstance(fen, bool) or not isinstance(fen, int):
        raise InvalidInput("实收金额应为整数（分）", code="invalid_amount")
    if fen <= 0:
        raise InvalidInput("实收金额必须大于零", code="invalid_amount")
    if fen > MAX_PARSED_FEN:
        raise InvalidInput("实收金额过大，请检查输入", code="invalid_amount")
    return fen


def _clean_number(number: str) -> str:
    if not isinstance(number, str):
        raise InvalidInput("请输入收据号", code="invalid_receipt_number")
    return number.strip()
