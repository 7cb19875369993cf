"""Issuing tickets at the lobby: numbers, waiting ahead, priority, opening hours, daily caps."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from hall.errors import Conflict, InvalidInput, NotFound
from hall.records import TicketStatus


def test_numbers_run_per_business(guide) -> None:  # type: ignore[no-untyped-def]
    numbers = [guide.issue_ticket(code).number for code in "AACAC"]
    assert numbers == ["A001", "A002", "C001", "A003", "C002"]


def test_a_new_ticket_waits_with_its_details(guide, clock) -> None:  # type: ignore[no-untyped-def]
    ticket = guide.issue_ticket("E", account=" 3300 123 456 ")
    assert ticket.status is TicketStatus.WAITING
    assert ticket.business == "E"
    assert ticket.account == "3300123456"
    assert ticket.issued_at == clock.now
    assert ticket.window is None
    assert not ticket.priority


def test_waiting_ahead_counts_who_is_served_first(guide, counter) -> None:  # type: ignore[no-untyped-def]
    assert guide.issue_ticket("A").waiting_ahead == 0
    assert guide.issue_ticket("A").waiting_ahead == 1
    assert guide.issue_ticket("C").waiting_ahead == 0  # other businesses do not count
    counter(1).call_next()  # A001 leaves the queue
    assert guide.issue_ticket("A").waiting_ahead == 1
    # A priority customer waits only behind earlier priority customers.
    assert guide.issue_ticket("A", priority_reason="老年人").waiting_ahead == 0
    assert guide.issue_ticket("A", priority_reason="孕妇").waiting_ahead == 1
    assert guide.issue_ticket("A").waiting_ahead == 4


def test_priority_records_its_reason(guide) -> None:  # type: ignore[no-untyped-def]
    ticket = guide.issue_ticket("K", priority_reason="  紧急投诉 ")
    assert ticket.priority
    assert ticket.priority_reason == "紧急投诉"
    assert not guide.issue_ticket("K", priority_reason="  ").priority


def test_an_unknown_business_is_refused(hall, guide) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFound):
        guide.issue_ticket("Z")
    assert hall.snapshot().waiting == ()


def test_full_width_digits_count_as_digits(guide) -> None:  # type: ignore[no-untyped-def]
    assert guide.issue_ticket("A", account="３３００１２").account == "330012"


@pytest.mark.parametrize("account", ["33001A", "33-001", "1" * 33])
def test_a_bad_customer_number_is_refused(hall, guide, account) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInput):
        guide.issue_ticket("A", account=account)
    assert hall.snapshot().waiting == ()


@pytest.mark.parametrize(
    "utc_time,allowed",
    [
        (datetime(2026, 3, 2, 0, 29, tzinfo=UTC), False),  # 08:29 in Shanghai
        (datetime(2026, 3, 2, 0, 30, tzinfo=UTC), True),  # 08:30
        (datetime(2026, 3, 2, 9, 29, tzinfo=UTC), True),  # 17:29
        (datetime(2026, 3, 2, 9, 30, tzinfo=UTC), False),  # 17:30
    ],
)
def test_tickets_only_within_opening_hours(hall, guide, clock, utc_time, allowed) -> None:  # type: ignore[no-untyped-def]
    clock.set(utc_time)
    if allowed:
        assert guide.issue_ticket("A").number == "A001"
        return
    with pytest.raises(Conflict) as error:
        guide.issue_ticket("A")
    assert error.value.code == "outside_hours"
    assert "08:30–17:30" in error.value.message
    assert hall.snapshot().waiting == ()


def test_a_business_closed_on_weekends(guide, lead, clock) -> None:  # type: ignore[no-untyped-def]
    lead.save_business("G", name="分布式光伏并网", target_min=20, open_days="12345")
    clock.set(datetime(2026, 3, 7, 2, 0, tzinfo=UTC))  # Saturday
    with pytest.raises(Conflict) as error:
        guide.issue_ticket("G")
    assert "今天不办理" in error.value.message
    assert guide.issue_ticket("A").number == "A001"


def test_the_daily_cap_refuses_one_more(hall, guide, lead) -> None:  # type: ignore[no-untyped-def]
    lead.save_business("F", name="电能表校验申请", target_min=20, daily_cap=2)
    guide.issue_ticket("F")
    guide.issue_ticket("F")
    with pytest.raises(Conflict) as error:
        guide.issue_ticket("F")
    assert error.value.code == "daily_cap"
    assert "号源已满" in error.value.message
    assert [t.number for t in hall.snapshot().waiting] == ["F001", "F002"]
    lead.save_business("F", name="电能表校验申请", target_min=20, daily_cap=3)
    assert guide.issue_ticket("F").number == "F003"


def test_a_closed_business_issues_no_tickets(guide, lead) -> None:  # type: ignore[no-untyped-def]
    lead.save_business("H", name="故障报修登记", target_min=10, active=False)
    with pytest.raises(Conflict) as error:
        guide.issue_ticket("H")
    assert error.value.code == "business_closed"


def test_a_lead_edits_the_menu(hall, lead, guide) -> None:  # type: ignore[no-untyped-def]
    lead.save_business(
        "L",
        name="停电咨询",
        target_min=5,
        alert_waiting=30,
        opens_at=time(7, 0),
        closes_at=time(21, 0),
    )
    changed = lead.save_business("A", name="电费缴纳", target_min=6)
    assert (changed.name, changed.target_s) == ("电费缴纳", 360)
    assert hall.snapshot().businesses[-1].name == "停电咨询"
    lead.save_window(6, businesses=["L"])
    assert guide.issue_ticket("L").number == "L001"
    assert hall.snapshot().windows[5].businesses == ("L",)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"code": "a1", "name": "x", "target_min": 5},
        {"code": "A", "name": "", "target_min": 5},
        {"code": "A", "name": "x", "target_min": 0},
        {"code": "A", "name": "x", "target_min": 5, "daily_cap": 1000},
        {"code": "A", "name": "x", "target_min": 5, "opens_at": time(18), "closes_at": time(8)},
        {"code": "A", "name": "x", "target_min": 5, "open_days": "89"},
    ],
)
def test_bad_business_settings_change_nothing(hall, lead, kwargs) -> None:  # type: ignore[no-untyped-def]
    before = hall.snapshot().businesses
    code = kwargs.pop("code")
    with pytest.raises(InvalidInput):
        lead.save_business(code, **kwargs)
    assert hall.snapshot().businesses == before
