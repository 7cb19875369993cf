"""Time for the hall: an injectable clock, and the business day in the hall's own timezone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

Clock = Callable[[], datetime]
DEFAULT_TIMEZONE = "Asia/Shanghai"


def system_clock() -> datetime:
    return datetime.now(UTC)


def checked_now(clock: Clock) -> datetime:
    now = clock()
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("the hall's clock must return timezone-aware datetimes")
    return now


def business_day(instant: datetime, zone: ZoneInfo) -> date:
    """The business day an instant falls on: the calendar date in the hall's timezone."""
    return instant.astimezone(zone).date()
