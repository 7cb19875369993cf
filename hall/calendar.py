"""The hall's own calendar: public holidays and the weekend days made working days (调休).

The lead enters them from the State Council's yearly notice; due dates of applications count
working days by them (hall.workdays). Changing the calendar does not move due dates already
given: a customer keeps the date written on the form.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, delete, insert, select, update

from db import models as m
from hall.context import HallContext
from hall.errors import InvalidInput
from hall.events import SetupChanged
from hall.workdays import add_working_days

KINDS = {"holiday": "节假日", "workday": "调休工作日"}
MAX_NAME_LENGTH = 50
CD = m.CalendarDay.__table__


@dataclass(frozen=True, slots=True)
class CalendarDay:
    day: date
    kind: str  # "holiday" or "workday"
    name: str  # e.g. "春节"

    @property
    def label(self) -> str:
        return KINDS[self.kind]


class HallCalendar:
    def __init__(self, ctx: HallContext) -> None:
        self._ctx = ctx

    def set_day(self, day: date, kind: str | None, name: str = "") -> CalendarDay | None:
        """Make ``day`` a holiday or a 调休 workday, or (kind None) an ordinary day again."""
        day = _checked_day(day)
        if kind is not None and kind not in KINDS:
            raise InvalidInput("日期类型应为节假日或调休工作日", code="invalid_day_kind")
        if kind == "workday" and day.weekday() < 5:
            raise InvalidInput(
                f"{day}是工作日，调休工作日只能是周六或周日", code="workday_not_weekend"
            )
        cleaned = " ".join((name or "").split())
        if len(cleaned) > MAX_NAME_LENGTH:
            raise InvalidInput(f"名称不能超过{MAX_NAME_LENGTH}个字", code="too_long")
        ctx = self._ctx
        here = (CD.c.hall_id == ctx.hall_id) & (CD.c.day == day)
        with ctx.database.write() as conn:
            if kind is None:
                conn.execute(delete(CD).where(here))
            elif conn.execute(update(CD).where(here).values(kind=kind, name=cleaned)).rowcount == 0:
                conn.execute(
                    insert(CD).values(hall_id=ctx.hall_id, day=day, kind=kind, name=cleaned)
                )
        ctx.events.emit(SetupChanged("calendar"))
        return None if kind is None else CalendarDay(day, kind, cleaned)

    def days(self, year: int | None = None) -> tuple[CalendarDay, ...]:
        """The entries of one year, or all of them, by date."""
        query = select(CD.c.day, CD.c.kind, CD.c.name).where(CD.c.hall_id == self._ctx.hall_id)
        if year is not None:
            if isinstance(year, bool) or not isinstance(year, int) or not 1 <= year <= 9999:
                raise InvalidInput("年份无效", code="invalid_year")
            query = query.where(CD.c.day >= date(year, 1, 1), CD.c.day <= date(year, 12, 31))
        with self._ctx.database.read() as conn:
            rows = conn.execute(query.order_by(CD.c.day)).all()
        return tuple(CalendarDay(r.day, r.kind, r.name) for r in rows)

    def add_working_days(self, conn: Connection, start: date, days: int) -> date:
        """The date ``days`` working days after ``start`` by this hall's calendar."""
        rows = conn.execute(
            select(CD.c.day, CD.c.kind).where(CD.c.hall_id == self._ctx.hall_id, CD.c.day > start)
        ).all()
        return add_working_days(
            start,
            days,
            holidays=[r.day for r in rows if r.kind == "holiday"],
            workdays=[r.day for r in rows if r.kind == "workday"],
        )


def _checked_day(day: object) -> date:
    if isinstance(day, datetime) or not isinstance(day, date):
        raise InvalidInput("请给出日期", code="invalid_date")
    return day
