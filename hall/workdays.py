"""Working days for due dates (domain.md section 4).

A working day is Monday to Friday, minus the dates in ``holidays``, plus the weekend dates in
``workdays`` (调休: the weekend days the State Council's holiday notice makes working days).
A date listed in both is a holiday. Holidays that fall on a weekend and ``workdays`` entries
that fall on a weekday change nothing.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from datetime import date, datetime

from hall.errors import InvalidInput


class _Calendar:
    """The exceptions to the Monday-Friday week, sorted for counting by bisection."""

    def __init__(self, holidays: Iterable[date], workdays: Iterable[date]) -> None:
        off = {_check_date(day, "节假日") for day in holidays}
        on = {_check_date(day, "调休工作日") for day in workdays}
        self.off = off
        self.on = on - off
        self.off_weekdays = sorted(day for day in off if day.weekday() < 5)
        self.on_weekends = sorted(day for day in self.on if day.weekday() >= 5)

    def is_working_day(self, day: date) -> bool:
        if day in self.off:
            return False
        return day in self.on or day.weekday() < 5

    def count(self, start: date, end: date) -> int:
        """Working days in (start, end]; start <= end."""
        weekdays = _weekdays_through(end) - _weekdays_through(start)
        removed = bisect_right(self.off_weekdays, end) - bisect_right(self.off_weekdays, start)
        added = bisect_right(self.on_weekends, end) - bisect_right(self.on_weekends, start)
        return weekdays - removed + added


def _weekdays_through(day: date) -> int:
    # Ordinal 1 (0001-01-01) is a Monday, so the week pattern is aligned with ordinals.
    weeks, extra = divmod(day.toordinal(), 7)
    return weeks * 5 + min(extra, 5)


def _check_date(day: object, what: str) -> date:
    # A datetime would compare unequal to the holiday dates and silently skip them.
    if isinstance(day, datetime) or not isinstance(day, date):
        raise InvalidInput(
            f"{what}必须是日期（date），不能是 {type(day).__name__}", code="invalid_date"
        )
    return day


def is_working_day(day: date, holidays: Iterable[date] = (), workdays: Iterable[date] = ()) -> bool:
    """Whether ``day`` is a working day under the calendar described in the module docstring."""
    return _Calendar(holidays, workdays).is_working_day(_check_date(day, "日期"))


def working_days_between(
    start: date, end: date, holidays: Iterable[date] = (), workdays: Iterable[date] = ()
) -> int:
    """The number of working days after ``start`` up to and including ``end``.

    ``start`` itself is not counted. When ``end`` is before ``start`` the result is the negated
    count for the reversed pair (minus the working days after ``end`` up to and including
    ``start``), and 0 when they are equal, so that counts add up:
    ``between(a, b) + between(b, c) == between(a, c)``.
    """
    start = _check_date(start, "起始日期")
    end = _check_date(end, "截止日期")
    calendar = _Calendar(holidays, workdays)
    if end < start:
        return -calendar.count(end, start)
    return calendar.count(start, end)


def add_working_days(
    start: date, days: int, holidays: Iterable[date] = (), workdays: Iterable[date] = ()
) -> date:
    """The date ``days`` working days after ``start``: the due date of an application.

    ``start`` itself is never counted, whether or not it is a working day, so an application
    received on a Saturday with 1 working day is due on Monday. The result is always a working
    day, except for ``days=0``, which returns ``start`` unchanged. Raises InvalidInput (code
    "invalid_days") for negative or non-int ``days`` or a result past year 9999, and
    ("invalid_date") for a ``start`` or calendar entry that is not a plain date.
    """
    start = _check_date(start, "起始日期")
    if isinstance(days, bool) or not isinstance(days, int):
        raise InvalidInput("工作日天数必须是整数", code="invalid_days")
    if days < 0:
        raise InvalidInput("工作日天数不能为负数", code="invalid_days")
    calendar = _Calendar(holidays, workdays)
    if days == 0:
        return start

    # Every 7 calendar days hold 5 weekdays, and each weekday holiday costs at most one more.
    low = start.toordinal()
    high = low + 7 * -(-(days + len(calendar.off_weekdays)) // 5)
    high = min(high, date.max.toordinal())
    if calendar.count(start, date.fromordinal(high)) < days:
        raise InvalidInput("工作日天数过大，日期超出范围", code="invalid_days")
    # The count only grows on working days, so the first date reaching `days` is one.
    while high - low > 1:
        middle = (low + high) // 2
        if calendar.count(start, date.fromordinal(middle)) >= days:
            high = middle
        else:
            low = middle
    return date.fromordinal(high)
