"""Business types (the ticket menu) and windows: what the hall offers and who serves what."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time

from sqlalchemy import Connection, delete, insert, select, update

from db import models as m
from hall.context import HallContext
from hall.errors import InvalidInput, NotFound
from hall.events import SetupChanged
from hall.records import BusinessType, Window

BUSINESS_CODE = re.compile(r"[A-Z]{1,2}")
MAX_DAILY_CAP = 999  # numbers have three digits
DEFAULT_OPENS = time(8, 30)
DEFAULT_CLOSES = time(17, 30)
DEFAULT_WINDOWS = 6


@dataclass(frozen=True)
class DefaultBusiness:
    code: str
    name: str
    target_min: int
    alert_waiting: int


# shared/domain.md section 2.
DEFAULT_MENU = (
    DefaultBusiness("A", "电费缴纳/预存电费", 5, 20),
    DefaultBusiness("B", "发票/账单打印", 5, 20),
    DefaultBusiness("C", "低压居民新装/增容", 20, 10),
    DefaultBusiness("D", "低压非居民新装/增容", 20, 10),
    DefaultBusiness("E", "变更用电", 20, 10),
    DefaultBusiness("F", "电能表校验申请", 20, 10),
    DefaultBusiness("G", "分布式光伏并网", 20, 10),
    DefaultBusiness("H", "故障报修登记", 10, 10),
    DefaultBusiness("J", "咨询", 10, 15),
    DefaultBusiness("K", "投诉/举报/意见建议", 20, 5),
)

BT = m.BusinessType.__table__
WIN = m.Window.__table__
WB = m.WindowBusiness.__table__


class Catalog:
    def __init__(self, ctx: HallContext) -> None:
        self._ctx = ctx

    # -- reading -----------------------------------------------------------------------------

    def businesses(self, conn: Connection | None = None) -> tuple[BusinessType, ...]:
        if conn is None:
            with self._ctx.database.read() as own:
                return self.businesses(own)
        rows = conn.execute(
            select(BT).where(BT.c.hall_id == self._ctx.hall_id).order_by(BT.c.sort_order, BT.c.code)
        ).all()
        return tuple(
            BusinessType(
                code=r.code,
                name=r.name,
                target_s=r.target_s,
                daily_cap=r.daily_cap,
                alert_waiting=r.alert_waiting,
                opens_at=r.opens_at,
                closes_at=r.closes_at,
                open_days=r.open_days,
                active=bool(r.active),
                sort_order=r.sort_order,
            )
            for r in rows
        )

    def windows(self, conn: Connection | None = None) -> tuple[Window, ...]:
        if conn is None:
            with self._ctx.database.read() as own:
                return self.windows(own)
        names = self._ctx.names
        served: dict[int, list[str]] = {}
        for window_id, business_id in conn.execute(
            select(WB.c.window_id, WB.c.business_id)
            .join(WIN, WIN.c.id == WB.c.window_id)
            .where(WIN.c.hall_id == self._ctx.hall_id)
        ):
            served.setdefault(window_id, []).append(names.business_code(business_id))
        rows = conn.execute(
            select(WIN, m.Staff.code.label("clerk_code"), m.Staff.name.label("clerk_name"))
            .outerjoin(m.Staff, m.Staff.id == WIN.c.clerk_id)
            .where(WIN.c.hall_id == self._ctx.hall_id)
            .order_by(WIN.c.number)
        ).all()
        return tuple(
            Window(
                number=r.number,
                name=r.name,
                businesses=tuple(sorted(served.get(r.id, ()))),
                active=bool(r.active),
                paused_reason=r.paused_reason,
                paused_at=r.paused_at,
                clerk=r.clerk_code,
                clerk_name=r.clerk_name,
            )
            for r in rows
        )

    def window(self, number: int) -> Window:
        for window in self.windows():
            if window.number == number:
                return window
        raise NotFound(f"没有{number}号窗口", code="window_not_found")

    # -- editing (permission checked by the caller) -----------------------------------------

    def install_defaults(self, conn: Connection) -> None:
        hall_id = self._ctx.hall_id
        ids = []
        for order, item in enumerate(DEFAULT_MENU):
            ids.append(
                conn.execute(
                    insert(BT)
                    .values(
                        hall_id=hall_id,
                        code=item.code,
                        name=item.name,
                        target_s=item.target_min * 60,
                        daily_cap=MAX_DAILY_CAP,
                        alert_waiting=item.alert_waiting,
                        opens_at=DEFAULT_OPENS,
                        closes_at=DEFAULT_CLOSES,
                        open_days="1234567",
                        active=True,
                        sort_order=order,
                    )
                    .returning(BT.c.id)
                ).scalar_one()
            )
        for number in range(1, DEFAULT_WINDOWS + 1):
            window_id = conn.execute(
                insert(WIN)
                .values(hall_id=hall_id, number=number, name=f"{number}号窗口", active=True)
                .returning(WIN.c.id)
            ).scalar_one()
            conn.execute(insert(WB), [{"window_id": window_id, "business_id": b} for b in ids])

    def save_business(
        self,
        code: str,
        *,
        name: str,
        target_min: int,
        daily_cap: int = MAX_DAILY_CAP,
        alert_waiting: int = 10,
        opens_at: time = DEFAULT_OPENS,
        closes_at: time = DEFAULT_CLOSES,
        open_days: str = "1234567",
        active: bool = True,
    ) -> BusinessType:
        """Create a business type, or change the one with this code (the code never changes)."""
        code = code.strip().upper()
        if not BUSINESS_CODE.fullmatch(code):
            raise InvalidInput("业务代码须为一到两个大写字母，如 A", code="invalid_business_code")
        name = name.strip()
        if not 1 <= len(name) <= 50:
            raise InvalidInput("业务名称须为1到50个字", code="invalid_name")
        if not 1 <= target_min <= 240:
            raise InvalidInput("办理时限须在1到240分钟之间", code="invalid_target")
        if not 1 <= daily_cap <= MAX_DAILY_CAP:
            raise InvalidInput(f"每日限号须在1到{MAX_DAILY_CAP}之间", code="invalid_cap")
        if not 1 <= alert_waiting <= MAX_DAILY_CAP:
            raise InvalidInput("等候预警人数须至少为1", code="invalid_alert")
        if not opens_at < closes_at:
            raise InvalidInput("开始取号时间须早于停止取号时间", code="invalid_hours")
        if not open_days or not set(open_days) <= set("1234567"):
            raise InvalidInput("营业日须为1（周一）到7（周日）中的数字", code="invalid_days")
        values = {
            "name": name,
            "target_s": target_min * 60,
            "daily_cap": daily_cap,
            "alert_waiting": alert_waiting,
            "opens_at": opens_at,
            "closes_at": closes_at,
            "open_days": "".join(sorted(set(open_days))),
            "active": active,
        }
        hall_id = self._ctx.hall_id
        with self._ctx.database.write() as conn:
            updated = conn.execute(
                update(BT).where(BT.c.hall_id == hall_id, BT.c.code == code).values(**values)
            ).rowcount
            if not updated:
                count = len(self.businesses(conn))
                conn.execute(
                    insert(BT).values(hall_id=hall_id, code=code, sort_order=count, **values)
                )
            result = next(b for b in self.businesses(conn) if b.code == code)
        self._ctx.events.emit(SetupChanged("businesses"))
        return result

    def save_window(
        self,
        number: int,
        *,
        businesses: list[str] | tuple[str, ...],
        name: str | None = None,
        active: bool = True,
    ) -> Window:
        """Create a window or change which business types it serves."""
        if not 1 <= number <= 99:
            raise InvalidInput("窗口号须在1到99之间", code="invalid_window")
        names = self._ctx.names
        business_ids = []
        for code in businesses:
            business_id = names.business_id(code)
            if business_id is None:
                raise NotFound(f"没有代码为“{code}”的业务", code="business_not_found")
            business_ids.append(business_id)
        label = (name or f"{number}号窗口").strip()
        hall_id = self._ctx.hall_id
        with self._ctx.database.write() as conn:
            window_id = conn.execute(
                select(WIN.c.id).where(WIN.c.hall_id == hall_id, WIN.c.number == number)
            ).scalar()
            if window_id is None:
                window_id = conn.execute(
                    insert(WIN)
                    .values(hall_id=hall_id, number=number, name=label, active=active)
                    .returning(WIN.c.id)
                ).scalar_one()
            else:
                conn.execute(
                    update(WIN).where(WIN.c.id == window_id).values(name=label, active=active)
                )
            conn.execute(delete(WB).where(WB.c.window_id == window_id))
            if business_ids:
                conn.execute(
                    insert(WB),
                    [{"window_id": window_id, "business_id": b} for b in set(business_ids)],
                )
        self._ctx.events.emit(SetupChanged("windows"))
        return self.window(number)
