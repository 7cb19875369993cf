"""Working days for due dates (domain.md section 4), with the 2026 State Council calendar."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hall.errors import InvalidInput
from hall.workdays import add_working_days, is_working_day, working_days_between


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(n) for n in range((last - first).days + 1)]


# 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04).
HOLIDAYS_2026 = [
    *days(date(2026, 1, 1), date(2026, 1, 3)),  # 元旦
    *days(date(2026, 2, 15), date(2026, 2, 23)),  # 春节
    *days(date(2026, 4, 4), date(2026, 4, 6)),  # 清明节
    *days(date(2026, 5, 1), date(2026, 5, 5)),  # 劳动节
    *days(date(2026, 6, 19), date(2026, 6, 21)),  # 端午节
    *days(date(2026, 9, 25), date(2026, 9, 27)),  # 中秋节
    *days(date(2026, 10, 1), date(2026, 10, 7)),  # 国庆节
]
WORKDAYS_2026 = [
    date(2026, 1, 4),  # Sunday
    date(2026, 2, 14),  # Saturday
    date(2026, 2, 28),  # Saturday
    date(2026, 5, 9),  # Saturday
    date(2026, 9, 20),  # Sunday
    date(2026, 10, 10),  # Saturday
]
CAL = {"holidays": HOLIDAYS_2026, "workdays": WORKDAYS_2026}

MON, FRI, SAT, SUN = date(2026, 5, 11), date(2026, 5, 15), date(2026, 5, 16), date(2026, 5, 17)


def test_calendar_facts() -> None:
    assert [day.weekday() for day in WORKDAYS_2026] == [6, 5, 5, 5, 6, 5]
    assert date(2026, 10, 1).weekday() == 3  # Thursday
    assert MON.weekday() == 0 and SUN.weekday() == 6


# --- is_working_day ------------------------------------------------------------------------------


def test_plain_week() -> None:
    assert [is_working_day(MON + timedelta(n)) for n in range(7)] == [True] * 5 + [False] * 2


def test_holidays_and_make_up_days() -> None:
    assert not is_working_day(date(2026, 10, 1), **CAL)  # Thursday, 国庆节
    assert not is_working_day(date(2026, 10, 3), **CAL)  # Saturday inside the holiday
    assert is_working_day(date(2026, 10, 8), **CAL)
    assert is_working_day(date(2026, 10, 10), **CAL)  # Saturday made a working day (调休)
    assert is_working_day(date(2026, 9, 20), **CAL)  # Sunday made a working day
    assert not is_working_day(date(2026, 10, 11), **CAL)  # an ordinary Sunday
    assert is_working_day(date(2026, 10, 1))  # without the calendar, just a Thursday


def test_holiday_wins_over_make_up_day() -> None:
    assert not is_working_day(SAT, holidays=[SAT], workdays=[SAT])
    assert not is_working_day(MON, holidays=[MON], workdays=[MON])
    assert add_working_days(FRI, 1, holidays=[SAT], workdays=[SAT]) == date(2026, 5, 18)


def test_calendar_accepts_any_iterable() -> None:
    assert not is_working_day(date(2026, 10, 1), holidays=iter(HOLIDAYS_2026))
    assert not is_working_day(date(2026, 10, 1), holidays={date(2026, 10, 1)})


# --- add_working_days ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "count", "due"),
    [
        (MON, 1, date(2026, 5, 12)),
        (MON, 4, FRI),
        (MON, 5, date(2026, 5, 18)),  # across the weekend
        (FRI, 1, date(2026, 5, 18)),
        (FRI, 5, date(2026, 5, 22)),
        (SAT, 1, date(2026, 5, 18)),  # received on a weekend: the start is not counted
        (SUN, 1, date(2026, 5, 18)),
        (SAT, 5, date(2026, 5, 22)),
        (MON, 10, date(2026, 5, 25)),
        (MON, 0, MON),
        (SAT, 0, SAT),  # 0 returns the start unchanged, even on a weekend
    ],
)
def test_add_working_days_across_weekends(start: date, count: int, due: date) -> None:
    assert add_working_days(start, count) == due


@pytest.mark.parametrize(
    ("start", "count", "due"),
    [
        (date(2026, 9, 30), 1, date(2026, 10, 8)),  # the day before National Day
        (date(2026, 9, 29), 2, date(2026, 10, 8)),
        (date(2026, 9, 30), 2, date(2026, 10, 9)),
        (date(2026, 9, 30), 3, date(2026, 10, 10)),  # the make-up Saturday counts
        (date(2026, 9, 30), 5, date(2026, 10, 13)),  # residential connection: 5 working days
        (date(2026, 10, 3), 1, date(2026, 10, 8)),  # received during the holiday
        (date(2026, 10, 9), 1, date(2026, 10, 10)),
        (date(2026, 10, 10), 1, date(2026, 10, 12)),  # start on the make-up Saturday
        (date(2026, 9, 19), 1, date(2026, 9, 20)),  # Saturday before the make-up Sunday
        (date(2026, 9, 24), 1, date(2026, 9, 28)),  # Mid-Autumn Friday, then the weekend
        (date(2026, 9, 24), 7, date(2026, 10, 12)),  # complaint reply: across both holidays
        (date(2026, 9, 18), 22, date(2026, 10, 26)),  # high-voltage single supply
        (date(2025, 12, 31), 1, date(2026, 1, 4)),  # after 元旦, Sunday Jan 4 is a make-up day
        (date(2025, 12, 31), 2, date(2026, 1, 5)),
        (date(2026, 1, 3), 1, date(2026, 1, 4)),  # start on a Saturday holiday
        (date(2026, 2, 13), 1, date(2026, 2, 14)),  # make-up Saturday before 春节
        (date(2026, 2, 14), 1, date(2026, 2, 24)),  # 春节 Feb 15-23
    ],
)
def test_add_working_days_with_2026_calendar(start: date, count: int, due: date) -> None:
    assert add_working_days(start, count, **CAL) == due


def test_without_calendar_the_holiday_is_a_plain_week() -> None:
    assert add_working_days(date(2026, 9, 30), 5) == date(2026, 10, 7)


def test_weekend_holidays_and_weekday_make_up_days_change_nothing() -> None:
    assert add_working_days(FRI, 1, holidays=[SAT, SUN], workdays=[MON]) == date(2026, 5, 18)


def test_long_spans() -> None:
    assert add_working_days(date(2026, 1, 1), 261) == date(2027, 1, 1)
    # 2026 has 261 weekdays, 19 of them holidays, and 6 make-up weekend days: 248 working days.
    assert working_days_between(date(2025, 12, 31), date(2026, 12, 31), **CAL) == 248
    assert add_working_days(date(2025, 12, 31), 248, **CAL) == date(2026, 12, 31)
    assert add_working_days(date(2000, 1, 3), 5 * 52 * 100) == date(2099, 8, 31)
    assert add_working_days(date(2026, 1, 1), 1_000_000) == date(5859, 1, 27)


@pytest.mark.parametrize("bad_days", [-1, -100])
def test_negative_days_rejected(bad_days: int) -> None:
    with pytest.raises(InvalidInput) as caught:
        add_working_days(MON, bad_days)
    assert caught.value.code == "invalid_days"


@pytest.mark.parametrize("bad_days", [1.0, True, "1", None])
def test_non_int_days_rejected(bad_days: object) -> None:
    with pytest.raises(InvalidInput):
        add_working_days(MON, bad_days)  # type: ignore[arg-type]


def test_past_the_calendar_rejected() -> None:
    with pytest.raises(InvalidInput):
        add_working_days(date(9999, 12, 1), 1000)
    assert add_working_days(date(9999, 12, 30), 1) == date(9999, 12, 31)  # a Friday


def test_datetimes_rejected() -> None:
    with pytest.raises(InvalidInput) as caught:
        add_working_days(datetime(2026, 5, 11, 9, 30), 1)
    assert caught.value.code == "invalid_date"
    with pytest.raises(InvalidInput):
        add_working_days(MON, 1, holidays=[datetime(2026, 5, 12)])
    with pytest.raises(InvalidInput):
        is_working_day(MON, workdays=["2026-05-16"])  # type: ignore[list-item]


# --- working_days_between ------------------------------------------------------------------------


def test_working_days_between() -> None:
    assert working_days_between(MON, MON) == 0
    assert working_days_between(MON, FRI) == 4
    assert working_days_between(FRI, date(2026, 5, 18)) == 1
    assert working_days_between(FRI, SUN) == 0
    assert working_days_between(SAT, SUN) == 0
    assert working_days_between(FRI, MON) == -4  # end before start: negated
    assert working_days_between(date(2026, 9, 30), date(2026, 10, 13), **CAL) == 5
    assert working_days_between(date(2026, 10, 13), date(2026, 9, 30), **CAL) == -5


# --- against a day-by-day reference --------------------------------------------------------------


def naive_is_working_day(day: date, holidays: set[date], workdays: set[date]) -> bool:
    return day not in holidays and (day.weekday() < 5 or day in workdays)


def naive_add(start: date, count: int, holidays: set[date], workdays: set[date]) -> date:
    day = start
    while count:
        day += timedelta(1)
        if naive_is_working_day(day, holidays, workdays):
            count -= 1
    return day


BASE = date(2026, 1, 1)
nearby = st.integers(-60, 120).map(lambda n: BASE + timedelta(n))
calendars = st.tuples(st.sets(nearby, max_size=40), st.sets(nearby, max_size=20))


@given(nearby, st.integers(0, 80), calendars)
def test_add_matches_day_by_day_count(
    start: date, count: int, calendar: tuple[set[date], set[date]]
) -> None:
    holidays, workdays = calendar
    assert add_working_days(start, count, holidays, workdays) == naive_add(
        start, count, holidays, workdays
    )


@given(nearby, st.integers(1, 80), calendars)
def test_result_is_a_working_day_and_inverts_between(
    start: date, count: int, calendar: tuple[set[date], set[date]]
) -> None:
    due = add_working_days(start, count, *calendar)
    assert is_working_day(due, *calendar)
    assert working_days_between(start, due, *calendar) == count
    assert working_days_between(start, due - timedelta(1), *calendar) == count - 1


@given(nearby, nearby, nearby, calendars)
def test_between_adds_up(a: date, b: date, c: date, calendar: tuple[set[date], set[date]]) -> None:
    ab = working_days_between(a, b, *calendar)
    assert ab + working_days_between(b, c, *calendar) == working_days_between(a, c, *calendar)
    assert ab == -working_days_between(b, a, *calendar)
    if a <= b:
        holidays, workdays = calendar
        expected = sum(naive_is_working_day(day, holidays, workdays) for day in days(a, b)[1:])
        assert ab == expected
