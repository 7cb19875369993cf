"""The business day: numbering restarts, yesterday's unserved tickets are closed, never lost."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from db import models as m
from hall import open_hall
from hall.errors import Conflict
from hall.events import DayClosed
from hall.records import TicketStatus

from tests.conftest import PASSWORD

MONDAY_5PM = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
TUESDAY_9AM = datetime(2026, 3, 3, 1, 0, tzinfo=UTC)


def statuses(hall) -> dict[str, str]:  # type: ignore[no-untyped-def]
    with hall.database.read() as conn:
        rows = conn.execute(select(m.Ticket.day, m.Ticket.number, m.Ticket.status)).all()
    return {f"{day:%m-%d} {number}": status for day, number, status in rows}


def test_numbering_restarts_on_the_next_day(hall, guide, clock) -> None:  # type: ignore[no-untyped-def]
    assert [guide.issue_ticket("A").number for _ in range(3)][-1] == "A003"
    clock.set(TUESDAY_9AM)
    assert guide.issue_ticket("A").number == "A001"
    assert guide.issue_ticket("A").waiting_ahead == 1  # yesterday's do not count


def test_first_action_of_a_day_closes_what_yesterday_left(hall, guide, counter, clock) -> None:  # type: ignore[no-untyped-def]
    closed_days = []
    hall.events.subscribe(DayClosed, closed_days.append)
    clock.set(MONDAY_5PM)
    for _ in range(5):
        guide.issue_ticket("E")
    desk = counter(1)
    desk.call_next()
    desk.finish()  # E001 served
    desk.call_next()
    desk.no_show()  # E002 missed
    desk.call_next()
    desk.park()  # E003 parked
    # E004 and E005 still waiting at closing time.

    clock.set(TUESDAY_9AM)
    assert desk.call_next() is None  # yesterday's tickets are never called
    assert statuses(hall) == {
        "03-02 E001": "done",
        "03-02 E002": "closed",
        "03-02 E003": "closed",
        "03-02 E004": "closed",
        "03-02 E005": "closed",
    }
    assert closed_days == [DayClosed(MONDAY_5PM.date(), 4)]
    with hall.database.read() as conn:
        details = (
            conn.execute(select(m.TicketEvent.detail).where(m.TicketEvent.code == "closed"))
            .scalars()
            .all()
        )
    assert sorted(details) == [
        "day_end:no_show",
        "day_end:parked",
        "day_end:waiting",
        "day_end:waiting",
    ]


def test_reactivating_yesterdays_no_show_is_impossible(hall, guide, counter, clock) -> None:  # type: ignore[no-untyped-def]
    guide.issue_ticket("A")
    desk = counter(1)
    desk.call_next()
    desk.no_show()
    clock.set(TUESDAY_9AM)
    with pytest.raises(Exception) as error:
        desk.reactivate("A001")
    assert error.value.code == "ticket_not_found"


def test_the_day_follows_the_halls_timezone(fresh_hall, clock) -> None:  # type: ignore[no-untyped-def]
    # 23:30 UTC on Monday is already 07:30 on Tuesday in Shanghai.
    fresh_hall.setup(hall_name="厅", lead_code="9001", lead_name="王", lead_password=PASSWORD)
    lead = fresh_hall.sign_in("9001", PASSWORD)
    lead.save_business("A", name="电费缴纳", target_min=5, opens_at=datetime.min.time())
    clock.set(datetime(2026, 3, 2, 23, 30, tzinfo=UTC))
    assert lead.issue_ticket("A").day.isoformat() == "2026-03-03"


def test_a_hall_in_another_timezone(db_url, clock) -> None:  # type: ignore[no-untyped-def]
    hall = open_hall(db_url, clock=clock)
    hall.setup(
        hall_name="乌鲁木齐营业厅",
        lead_code="9001",
        lead_name="王",
        lead_password=PASSWORD,
        timezone="Asia/Urumqi",
    )
    lead = hall.sign_in("9001", PASSWORD)
    clock.set(datetime(2026, 3, 2, 3, 0, tzinfo=UTC))  # 09:00 in Urumqi, 11:00 in Shanghai
    assert lead.issue_ticket("A").day.isoformat() == "2026-03-02"
    clock.set(datetime(2026, 3, 2, 2, 0, tzinfo=UTC))  # 08:00 in Urumqi: not open yet
    with pytest.raises(Conflict):
        lead.issue_ticket("A")
    hall.close()


def test_a_lead_ends_the_day_early(hall, guide, lead, counter) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        guide.issue_ticket("J")
    desk = counter(1)
    desk.call_next()
    assert lead.end_day() == 2
    assert hall.snapshot().waiting == ()
    assert [t.number for t in hall.snapshot().open] == ["J001"]  # served to the end
    assert desk.finish().status is TicketStatus.DONE
    with pytest.raises(Conflict) as error:
        guide.issue_ticket("J")
    assert error.value.code == "day_ended"
    lead.reopen_day()
    assert guide.issue_ticket("J").number == "J004"


def test_history_is_never_deleted(hall, guide, clock) -> None:  # type: ignore[no-untyped-def]
    guide.issue_ticket("A")
    for day in range(3, 6):
        clock.set(datetime(2026, 3, day, 2, 0, tzinfo=UTC))
        guide.issue_ticket("A")
    assert sorted(statuses(hall)) == [
        "03-02 A001",
        "03-03 A001",
        "03-04 A001",
        "03-05 A001",
    ]


def test_two_processes_roll_the_day_once(db_url, hall, guide, clock) -> None:  # type: ignore[no-untyped-def]
    guide.issue_ticket("A")
    clock.set(TUESDAY_9AM)
    other = open_hall(db_url, clock=clock)
    other.sign_in("1001", PASSWORD).issue_ticket("A")
    guide.issue_ticket("A")
    other.close()
    with hall.database.read() as conn:
        closed = conn.execute(select(m.TicketEvent.id).where(m.TicketEvent.code == "closed")).all()
    assert len(closed) == 1
