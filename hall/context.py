"""What every part of one open hall shares: database, clock, timezone, events, id lookups."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import select

from db import models as m
from db.engine import Database
from hall.clock import Clock, business_day, checked_now
from hall.errors import NotFound
from hall.events import EventBus

K = TypeVar("K")
V = TypeVar("V")


@dataclass
class HallContext:
    database: Database
    clock: Clock
    events: EventBus
    hall_id: int
    zone: ZoneInfo
    names: NameCache = field(init=False)

    def __post_init__(self) -> None:
        self.names = NameCache(self)
        # Every write of this hall tells the other PCs which hall changed (PostgreSQL NOTIFY).
        self.database.change_tag = str(self.hall_id)

    def now(self) -> datetime:
        return checked_now(self.clock)

    def today(self, now: datetime | None = None) -> date:
        return business_day(now or self.now(), self.zone)


class NameCache:
    """Database ids to the codes people use (business "A", window 3, staff "1001") and back.

    Codes and numbers never change meaning once created, so a miss is the only reason to reload.
    """

    def __init__(self, ctx: HallContext) -> None:
        self._ctx = ctx
        self._lock = threading.Lock()
        self._business_code: dict[int, str] = {}
        self._business_id: dict[str, int] = {}
        self._window_number: dict[int, int] = {}
        self._window_id: dict[int, int] = {}
        self._staff_code: dict[int, str] = {}

    def _reload(self) -> None:
        hall_id = self._ctx.hall_id
        with self._ctx.database.read() as conn:
            businesses = conn.execute(
                select(m.BusinessType.id, m.BusinessType.code).where(
                    m.BusinessType.hall_id == hall_id
                )
            ).all()
            windows = conn.execute(
                select(m.Window.id, m.Window.number).where(m.Window.hall_id == hall_id)
            ).all()
            staff = conn.execute(
                select(m.Staff.id, m.Staff.code).where(m.Staff.hall_id == hall_id)
            ).all()
        with self._lock:
            self._business_code = {i: c for i, c in businesses}
            self._business_id = {c: i for i, c in businesses}
            self._window_number = {i: n for i, n in windows}
            self._window_id = {n: i for i, n in windows}
            self._staff_code = {i: c for i, c in staff}

    def _get(self, table: Callable[[], dict[K, V]], key: K) -> V | None:
        found = table().get(key)
        if found is None:
            self._reload()
            found = table().get(key)
        return found

    def business_code(self, business_id: int) -> str:
        code = self._get(lambda: self._business_code, business_id)
        if code is None:
            raise NotFound("业务类型不存在", code="business_not_found")
        return code

    def business_id(self, code: str) -> int | None:
        return self._get(lambda: self._business_id, code)

    def window_number(self, window_id: int | None) -> int | None:
        if window_id is None:
            return None
        return self._get(lambda: self._window_number, window_id)

    def window_id(self, number: int) -> int | None:
        return self._get(lambda: self._window_id, number)

    def staff_code(self, staff_id: int | None) -> str | None:
        if staff_id is None:
            return None
        return self._get(lambda: self._staff_code, staff_id)
