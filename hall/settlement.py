"""A cashier's takings and the end-of-shift settlement (日清日结, domain.md section 5).

Takings are read from the receipts themselves: every payment and reversal row a cashier issued on
a business day, by method. A reversal belongs to the drawer that paid the money back, i.e. to the
cashier who issued the reversal receipt, on the day it was issued. The cash that should be in the
drawer is what cash payments kept (received minus change) minus what cash reversals paid back.

A settlement records the cash counted against that expected amount (长款 over, 短款 short). A
cashier may settle more than once a day: the latest settlement stands, the earlier ones are kept.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, Row, insert, select
from sqlalchemy.orm import aliased

from db import models as m
from hall.context import HallContext
from hall.errors import InvalidInput, NotFound
from hall.money import MAX_PARSED_FEN, format_yuan
from hall.records import PAYMENT_METHODS

P = m.Payment.__table__
SS = m.ShiftSettlement.__table__
S = m.Staff.__table__
MAX_NOTE_LENGTH = 200


@dataclass(frozen=True, slots=True)
class ReceiptSummary:
    """One receipt issued (a payment, or the reversal of one), as a list shows it. Amounts in
    fen; a reversal repeats the amounts of the payment it reverses (``reverses``)."""

    number: str
    kind: str
    method: str
    account: str
    account_name: str
    due_fen: int
    received_fen: int
    change_fen: int
    prepaid_fen: int
    issued_at: datetime
    clerk_code: str
    clerk_name: str
    window: int | None
    reverses: str | None = None
    """For a reversal: the number of the receipt it reverses."""
    reversed_by: str | None = None
    """For a payment that was reversed: the number of the reversal receipt."""
    reason: str | None = None
    approved_by: str | None = None

    @property
    def kept_fen(self) -> int:
        """What the payment kept (due plus prepayment); for a reversal, what was paid back."""
        return self.due_fen + self.prepaid_fen

    @property
    def method_name(self) -> str:
        return PAYMENT_METHODS[self.method]


@dataclass(frozen=True, slots=True)
class MethodTakings:
    """The takings of one payment method (or of all: ``method`` "all"). Amounts in fen."""

    method: str
    receipts: int = 0
    """Payments taken (reversal receipts are counted in ``reversals``)."""
    due_fen: int = 0
    received_fen: int = 0
    change_fen: int = 0
    prepaid_fen: int = 0
    reversals: int = 0
    reversed_fen: int = 0
    """Paid back by reversals."""

    @property
    def kept_fen(self) -> int:
        """Received minus change: the amount due plus the prepayments booked."""
        return self.received_fen - self.change_fen

    @property
    def net_fen(self) -> int:
        """What stays with the hall: kept minus what reversals paid back."""
        return self.kept_fen - self.reversed_fen

    @property
    def name(self) -> str:
        return PAYMENT_METHODS.get(self.method, "合计")

    def __add__(self, other: MethodTakings) -> MethodTakings:
        return MethodTakings(
            self.method if self.method == other.method else "all",
            receipts=self.receipts + other.receipts,
            due_fen=self.due_fen + other.due_fen,
            received_fen=self.received_fen + other.received_fen,
            change_fen=self.change_fen + other.change_fen,
            prepaid_fen=self.prepaid_fen + other.prepaid_fen,
            reversals=self.reversals + other.reversals,
            reversed_fen=self.reversed_fen + other.reversed_fen,
        )


@dataclass(frozen=True, slots=True)
class Settlement:
    """One end-of-shift settlement: the cash counted against the cash expected. Amounts in fen."""

    day: date
    clerk_code: str
    clerk_name: str
    expected_cash_fen: int
    counted_cash_fen: int
    receipts: int
    first_receipt: str | None
    last_receipt: str | None
    note: str
    settled_at: datetime

    @property
    def difference_fen(self) -> int:
        """Counted minus expected: above zero 长款 (over), below zero 短款 (short)."""
        return self.counted_cash_fen - self.expected_cash_fen

    @property
    def verdict(self) -> str:
        """长款, 短款 or 相符 (the count agrees)."""
        return verdict(self.difference_fen)


def verdict(difference_fen: int) -> str:
    if difference_fen > 0:
        return "长款"
    if difference_fen < 0:
        return "短款"
    return "相符"


@dataclass(frozen=True, slots=True)
class ShiftTakings:
    """A cashier's takings for one business day, with the day's settlements (oldest first)."""

    hall_name: str
    day: date
    clerk_code: str
    clerk_name: str
    by_method: tuple[MethodTakings, ...]
    """One per method, in the order 现金, 刷卡, 扫码, also when a method took nothing."""
    receipts: tuple[ReceiptSummary, ...]
    """Every receipt issued (payments and reversals), in number order."""
    settlements: tuple[Settlement, ...] = ()
    read_at: datetime | None = None

    @property
    def total(self) -> MethodTakings:
        return sum(self.by_method, MethodTakings("all"))

    def method(self, method: str) -> MethodTakings:
        return next(line for line in self.by_method if line.method == method)

    @property
    def reversals(self) -> tuple[ReceiptSummary, ...]:
        return tuple(r for r in self.receipts if r.kind == "reversal")

    @property
    def receipt_count(self) -> int:
        return len(self.receipts)

    @property
    def first_receipt(self) -> str | None:
        return self.receipts[0].number if self.receipts else None

    @property
    def last_receipt(self) -> str | None:
        return self.receipts[-1].number if self.receipts else None

    @property
    def expected_cash_fen(self) -> int:
        """The cash that should be in the drawer: cash kept minus cash paid back."""
        return self.method("cash").net_fen

    @property
    def settlement(self) -> Settlement | None:
        """The latest settlement of the day: the one that stands."""
        return self.settlements[-1] if self.settlements else None

    @property
    def needs_settling(self) -> bool:
        """No settlement yet, or receipts issued since the latest one."""
        latest = self.settlement
        return latest is None or (
            latest.receipts,
            latest.last_receipt,
            latest.expected_cash_fen,
        ) != (self.receipt_count, self.last_receipt, self.expected_cash_fen)

    def write_pdf(self, path: str | os.PathLike[str]) -> None:
        write_takings_pdf(self, path)


@dataclass(frozen=True, slots=True)
class HallTakings:
    """Every cashier's takings for one business day, and the hall's totals by method."""

    hall_name: str
    day: date
    cashiers: tuple[ShiftTakings, ...]
    """Cashiers who issued a receipt or settled that day, by staff code."""
    by_method: tuple[MethodTakings, ...]

    @property
    def total(self) -> MethodTakings:
        return sum(self.by_method, MethodTakings("all"))

    @property
    def expected_cash_fen(self) -> int:
        return sum(c.expected_cash_fen for c in self.cashiers)

    @property
    def receipt_count(self) -> int:
        return sum(c.receipt_count for c in self.cashiers)


class Settlements:
    """Reading takings and receipts, and recording settlements. Thread-safe."""

    def __init__(self, ctx: HallContext) -> None:
        self._ctx = ctx

    def receipts(self, day: date | None, staff_id: int | None) -> tuple[ReceiptSummary, ...]:
        """The receipts issued on ``day`` (None: today), by one staff member or (None) by all."""
        with self._ctx.database.read() as conn:
            rows = self._receipt_rows(conn, self._day(day), staff_id)
        return tuple(_summary(r, self._ctx) for r in rows)

    def shift_takings(self, day: date | None, *, staff_id: int) -> ShiftTakings:
        wanted = self._day(day)
        with self._ctx.database.read() as conn:
            return self._takings(conn, wanted, staff_id)

    def staff_id(self, code: str) -> int:
        with self._ctx.database.read() as conn:
            found = conn.execute(
                select(S.c.id).where(S.c.hall_id == self._ctx.hall_id, S.c.code == code)
            ).scalar_one_or_none()
        if found is None:
            raise NotFound(f"没有工号为 {code} 的员工", code="staff_not_found")
        return found

    def hall_takings(self, day: date | None) -> HallTakings:
        wanted = self._day(day)
        ctx = self._ctx
        with ctx.database.read() as conn:
            rows = self._receipt_rows(conn, wanted, None)
            settled = self._settlement_rows(conn, wanted, None)
            staff_ids = {r.staff_id for r in rows} | {s.staff_id for s in settled}
            staff = {
                s.id: s
                for s in conn.execute(
                    select(S.c.id, S.c.code, S.c.name).where(S.c.id.in_(staff_ids))
                )
            }
            hall_name = self._hall_name(conn)
        now = ctx.now()
        cashiers = sorted(
            (
                _shift_takings(
                    hall_name,
                    wanted,
                    staff[sid],
                    [r for r in rows if r.staff_id == sid],
                    [s for s in settled if s.staff_id == sid],
                    ctx,
                    now,
                )
                for sid in staff_ids
            ),
            key=lambda t: t.clerk_code,
        )
        by_method = tuple(
            sum((c.method(method) for c in cashiers), MethodTakings(method))
            for method in PAYMENT_METHODS
        )
        return HallTakings(hall_name, wanted, tuple(cashiers), by_method)

    def settle(self, staff_id: int, counted_cash_fen: int, note: str = "") -> Settlement:
        counted = _checked_counted(counted_cash_fen)
        cleaned = " ".join((note or "").split())
        if len(cleaned) > MAX_NOTE_LENGTH:
            raise InvalidInput(f"备注不能超过{MAX_NOTE_LENGTH}个字", code="note_too_long")
        ctx = self._ctx
        # In the write transaction: the expected amount is that of the receipts committed now.
        with ctx.database.write() as conn:
            now = ctx.now()
            day = ctx.today(now)
            takings = self._takings(conn, day, staff_id)
            conn.execute(
                insert(SS).values(
                    hall_id=ctx.hall_id,
                    day=day,
                    staff_id=staff_id,
                    expected_cash_fen=takings.expected_cash_fen,
                    counted_cash_fen=counted,
                    receipts=takings.receipt_count,
                    first_receipt=takings.first_receipt,
                    last_receipt=takings.last_receipt,
                    note=cleaned,
                    settled_at=now,
                )
            )
        return Settlement(
            day=day,
            clerk_code=takings.clerk_code,
            clerk_name=takings.clerk_name,
            expected_cash_fen=takings.expected_cash_fen,
            counted_cash_fen=counted,
            receipts=takings.receipt_count,
            first_receipt=takings.first_receipt,
            last_receipt=takings.last_receipt,
            note=cleaned,
            settled_at=now.astimezone(ctx.zone),
        )

    # -- reading -----------------------------------------------------------------------------

    def _day(self, day: date | None) -> date:
        return self._ctx.today() if day is None else day

    def _takings(self, conn: Connection, day: date, staff_id: int) -> ShiftTakings:
        clerk = conn.execute(select(S.c.id, S.c.code, S.c.name).where(S.c.id == staff_id)).one()
        return _shift_takings(
            self._hall_name(conn),
            day,
            clerk,
            self._receipt_rows(conn, day, staff_id),
            self._settlement_rows(conn, day, staff_id),
            self._ctx,
            self._ctx.now(),
        )

    def _hall_name(self, conn: Connection) -> str:
        return conn.execute(select(m.Hall.name).where(m.Hall.id == self._ctx.hall_id)).scalar_one()

    def _receipt_rows(
        self, conn: Connection, day: date, staff_id: int | None
    ) -> Sequence[Row[Any]]:
        zone = self._ctx.zone
        start = datetime.combine(day, time(0), tzinfo=zone)
        end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
        clerk = aliased(m.Staff)
        approver = aliased(m.Staff)
        original = aliased(m.Payment)
        reversal = aliased(m.Payment)
        query = (
            select(
                P,
                m.Account.account,
                m.Account.name.label("account_name"),
                clerk.code.label("clerk_code"),
                clerk.name.label("clerk_name"),
                approver.name.label("approver_name"),
                m.Window.number.label("window_number"),
                original.receipt_number.label("reverses_number"),
                reversal.receipt_number.label("reversed_by"),
            )
            .join(m.Account, m.Account.id == P.c.account_id)
            .join(clerk, clerk.id == P.c.staff_id)
            .outerjoin(approver, approver.id == P.c.approved_by)
            .outerjoin(m.Window, m.Window.id == P.c.window_id)
            .outerjoin(original, original.id == P.c.reverses_id)
            .outerjoin(reversal, reversal.reverses_id == P.c.id)
            .where(P.c.hall_id == self._ctx.hall_id, P.c.issued_at >= start, P.c.issued_at < end)
            .order_by(P.c.receipt_year, P.c.receipt_seq)
        )
        if staff_id is not None:
            query = query.where(P.c.staff_id == staff_id)
        return conn.execute(query).all()

    def _settlement_rows(
        self, conn: Connection, day: date, staff_id: int | None
    ) -> Sequence[Row[Any]]:
        query = (
            select(SS, S.c.code.label("clerk_code"), S.c.name.label("clerk_name"))
            .join(S, S.c.id == SS.c.staff_id)
            .where(SS.c.hall_id == self._ctx.hall_id, SS.c.day == day)
            .order_by(SS.c.settled_at, SS.c.id)
        )
        if staff_id is not None:
            query = query.where(SS.c.staff_id == staff_id)
        return conn.execute(query).all()


def _shift_takings(
    hall_name: str,
    day: date,
    clerk: Row[Any],
    rows: Iterable[Row[Any]],
    settled: Iterable[Row[Any]],
    ctx: HallContext,
    now: datetime,
) -> ShiftTakings:
    receipts = tuple(_summary(r, ctx) for r in rows)
    return ShiftTakings(
        hall_name=hall_name,
        day=day,
        clerk_code=clerk.code,
        clerk_name=clerk.name,
        by_method=tuple(_method_line(method, receipts) for method in PAYMENT_METHODS),
        receipts=receipts,
        settlements=tuple(_settlement(s, ctx) for s in settled),
        read_at=now.astimezone(ctx.zone),
    )


def _method_line(method: str, receipts: Iterable[ReceiptSummary]) -> MethodTakings:
    count = due = received = change = prepaid = reversals = reversed_fen = 0
    for r in receipts:
        if r.method != method:
            continue
        if r.kind == "reversal":
            reversals += 1
            reversed_fen += r.kept_fen
        else:
            count += 1
            due += r.due_fen
            received += r.received_fen
            change += r.change_fen
            prepaid += r.prepaid_fen
    return MethodTakings(
        method,
        receipts=count,
        due_fen=due,
        received_fen=received,
        change_fen=change,
        prepaid_fen=prepaid,
        reversals=reversals,
        reversed_fen=reversed_fen,
    )


def _summary(row: Row[Any], ctx: HallContext) -> ReceiptSummary:
    return ReceiptSummary(
        number=row.receipt_number,
        kind=row.kind,
        method=row.method,
        account=row.account,
        account_name=row.account_name,
        due_fen=row.due_fen,
        received_fen=row.received_fen,
        change_fen=row.change_fen,
        prepaid_fen=row.prepaid_fen,
        issued_at=row.issued_at.astimezone(ctx.zone),
        clerk_code=row.clerk_code,
        clerk_name=row.clerk_name,
        window=row.window_number,
        reverses=row.reverses_number,
        reversed_by=row.reversed_by,
        reason=row.reason,
        approved_by=row.approver_name,
    )


def _settlement(row: Row[Any], ctx: HallContext) -> Settlement:
    return Settlement(
        day=row.day,
        clerk_code=row.clerk_code,
        clerk_name=row.clerk_name,
        expected_cash_fen=row.expected_cash_fen,
        counted_cash_fen=row.counted_cash_fen,
        receipts=row.receipts,
        first_receipt=row.first_receipt,
        last_receipt=row.last_receipt,
        note=row.note,
        settled_at=row.settled_at.astimezone(ctx.zone),
    )


def _checked_counted(fen: object) -> int:
    if isinstance(fen, bool) or not isinstance(fen, int):
        raise InvalidInput("清点的现金应为整数（分）", code="invalid_amount")
    if fen < 0:
        raise InvalidInput("清点的现金不能为负数", code="invalid_amount")
    if fen > MAX_PARSED_FEN:
        raise InvalidInput("清点的现金过大，请检查输入", code="invalid_amount")
    return fen


# -- the PDF -----------------------------------------------------------------------------------


def write_takings_pdf(takings: ShiftTakings, path: str | os.PathLike[str]) -> None:
    """The day's takings of one cashier on A4, to be signed by the cashier and the shift lead:
    the table by method, the reversals, the receipts issued, and the cash counted against the
    cash expected (from the latest settlement; blank to fill in by hand when there is none)."""
    # Imported here: opening a hall needs no PDF library.
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from hall.receipts import register_font

    font = register_font()
    body = ParagraphStyle("body", fontName=font, fontSize=10, leading=15, wordWrap="CJK")
    small = ParagraphStyle("small", parent=body, fontSize=8.5, leading=12)
    heading = ParagraphStyle("heading", parent=body, fontSize=12, leading=18, spaceBefore=8)
    title = ParagraphStyle("title", parent=body, fontSize=18, leading=24, alignment=TA_CENTER)
    hall = ParagraphStyle("hall", parent=body, fontSize=12, leading=16, alignment=TA_CENTER)
    width = A4[0] - 30 * mm

    def table(
        rows: list[list[str]], widths: list[float], *, right_from: int = 1, wrap: int | None = None
    ) -> Table:
        """A grid with a header row; amounts right-aligned from column ``right_from``; the
        column ``wrap`` (free text) wraps."""
        cells: list[list[Any]] = [rows[0]] + [
            [Paragraph(_escape(c), small) if i == wrap else c for i, c in enumerate(row)]
            for row in rows[1:]
        ]
        shown = Table(cells, colWidths=widths, repeatRows=1)
        shown.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), font, 9),
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef0")),
                    ("ALIGN", (0, 0), (-1, 0), "CENTER"),
                    ("ALIGN", (right_from, 1), (-1, -1), "RIGHT"),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ]
            )
        )
        return shown

    story: list[Any] = [
        Paragraph(_escape(takings.hall_name), hall),
        Paragraph("收费员日清日结单", title),
        Spacer(0, 4 * mm),
        Table(
            [
                [
                    f"营业日：{takings.day:%Y-%m-%d}",
                    f"收费员：{takings.clerk_name}（工号 {takings.clerk_code}）",
                    f"打印时间：{takings.read_at:%Y-%m-%d %H:%M}" if takings.read_at else "",
                ]
            ],
            colWidths=[width * 0.28, width * 0.4, width * 0.32],
            style=TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), font, 10),
                    ("LEFTPADDING", (0, 0), (0, 0), 0),
                    ("ALIGN", (-1, 0), (-1, 0), "RIGHT"),
                ]
            ),
        ),
        Paragraph("一、收费汇总（按缴费方式）", heading),
    ]
    lines = [*takings.by_method, takings.total]
    story.append(
        table(
            [["缴费方式", "收费笔数", "实收", "找零", "转预收", "冲正笔数", "冲正退还", "净收"]]
            + [
                [
                    line.name,
                    str(line.receipts),
                    format_yuan(line.received_fen),
                    format_yuan(line.change_fen),
                    format_yuan(line.prepaid_fen),
                    str(line.reversals),
                    format_yuan(line.reversed_fen),
                    format_yuan(line.net_fen),
                ]
                for line in lines
            ],
            [18 * mm, 17 * mm, 27 * mm, 24 * mm, 24 * mm, 17 * mm, 24 * mm, width - 151 * mm],
        )
    )
    story.append(
        Paragraph("净收 = 实收 − 找零 − 冲正退还；其中转预收已计入净收，为客户预存电费。", small)
    )

    story.append(Paragraph("二、冲正明细", heading))
    if takings.reversals:
        story.append(
            table(
                [["冲正收据号", "原收据号", "户号", "方式", "退还金额", "冲正原因", "授权值班长"]]
                + [
                    [
                        r.number,
                        r.reverses or "",
                        r.account,
                        r.method_name,
                        format_yuan(r.kept_fen),
                        r.reason or "",
                        r.approved_by or "",
                    ]
                    for r in takings.reversals
                ],
                [25 * mm, 25 * mm, 24 * mm, 12 * mm, 24 * mm, width - 130 * mm, 20 * mm],
                wrap=5,
            )
        )
    else:
        story.append(Paragraph("本日无冲正。", body))

    story.append(Paragraph("三、收据", heading))
    if takings.receipts:
        payments = takings.receipt_count - len(takings.reversals)
        story.append(
            Paragraph(
                _escape(
                    f"本日开出收据 {takings.receipt_count} 张（缴费 {payments} 张，"
                    f"冲正 {len(takings.reversals)} 张），起号 {takings.first_receipt}，"
                    f"止号 {takings.last_receipt}。"
                ),
                body,
            )
        )
        story.append(
            Paragraph(_escape("收据号：" + "、".join(r.number for r in takings.receipts)), small)
        )
        story.append(
            Paragraph("收据号由全厅各窗口共用一个号段，号段中缺少的号码为其他窗口所开。", small)
        )
    else:
        story.append(Paragraph("本日未开出收据。", body))

    story.append(Paragraph("四、现金核对", heading))
    settled = takings.settlement
    if settled is None:
        cash = [format_yuan(takings.expected_cash_fen), "", "", ""]
    else:
        cash = [
            format_yuan(settled.expected_cash_fen),
            format_yuan(settled.counted_cash_fen),
            format_yuan(abs(settled.difference_fen)),
            settled.verdict,
        ]
    story.append(
        table(
            [["应有现金", "实点现金", "差额", "长款/短款"], cash],
            [width / 4] * 4,
            right_from=0,
        )
    )
    if settled is not None:
        notes = [f"结算时间：{settled.settled_at:%Y-%m-%d %H:%M:%S}"]
        if len(takings.settlements) > 1:
            notes.append(f"本日共结算 {len(takings.settlements)} 次，以最后一次为准")
        story.append(Paragraph(_escape("；".join(notes) + "。"), small))
        if settled.note:
            story.append(Paragraph(_escape(f"备注：{settled.note}"), body))
        if takings.needs_settling:
            story.append(
                Paragraph(
                    _escape(
                        "注意：结算后又开出收据，现应有现金 "
                        f"{format_yuan(takings.expected_cash_fen)}，请重新清点结算。"
                    ),
                    body,
                )
            )

    story += [
        Spacer(0, 16 * mm),
        Table(
            [["收费员（签字）：", "", "值班长（签字）：", ""], ["日期：", "", "日期：", ""]],
            colWidths=[30 * mm, width / 2 - 30 * mm, 30 * mm, width / 2 - 30 * mm],
            rowHeights=[12 * mm, 12 * mm],
            style=TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), font, 11),
                    ("LINEBELOW", (1, 0), (1, -1), 0.7, colors.black),
                    ("LINEBELOW", (3, 0), (3, -1), 0.7, colors.black),
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ]
            ),
        ),
    ]
    document = SimpleDocTemplate(
        os.fspath(path),
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=f"收费员日清日结单 {takings.day:%Y-%m-%d} {takings.clerk_code}",
        author=takings.hall_name,
        initialFontName=font,  # else Helvetica is referenced, unembedded
        initialFontSize=10,
    )
    document.build(story)


def _escape(text: str) -> str:
    """Text for a reportlab Paragraph, which reads markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
