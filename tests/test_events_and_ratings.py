"""Core events for the screens, and the customers' ratings."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from db import models as m
from hall.errors import Conflict, InvalidInput, NotFound
from hall.events import (
    HallEvent,
    RatingRecorded,
    TicketCalled,
    TicketFinished,
    TicketIssued,
    TicketMoved,
    WindowPaused,
    WindowResumed,
)
from hall.records import EventCode


def test_the_core_announces_each_change(hall, guide, counter) -> None:  # type: ignore[no-untyped-def]
    seen: list[HallEvent] = []
    hall.events.subscribe(HallEvent, seen.append)
    guide.issue_ticket("A")
    desk = counter(3)
    desk.call_next()
    desk.recall()
    desk.start()
    done = desk.finish()
    desk.pause("培训")
    desk.resume()
    hall.rate(done.id, 5)
    kinds = [type(e).__name__ for e in seen]
    assert kinds == [
        "TicketIssued",
        "TicketCalled",
        "TicketCalled",
        "TicketMoved",
        "TicketFinished",
        "WindowPaused",
        "WindowResumed",
        "RatingRecorded",
    ]
    issued, called, recalled, started, finished, paused, resumed, rated = seen
    assert isinstance(issued, TicketIssued) and issued.ticket.number == "A001"
    assert isinstance(called, TicketCalled) and (called.window, called.recall) == (3, False)
    assert isinstance(recalled, TicketCalled) and recalled.recall
    assert isinstance(started, TicketMoved) and started.code is EventCode.STARTED
    assert isinstance(finished, TicketFinished) and finished.ticket.status == "done"
    assert paused == WindowPaused(3, "培训") and resumed == WindowResumed(3)
    assert rated == RatingRecorded(done.id, 3, 5)


def test_subscribers_get_only_their_kind_and_can_leave(hall, guide) -> None:  # type: ignore[no-untyped-def]
    calls: list[TicketCalled] = []
    unsubscribe = hall.events.subscribe(TicketCalled, calls.append)
    issued: list[TicketIssued] = []
    stop = hall.events.subscribe(TicketIssued, issued.append)
    guide.issue_ticket("A")
    stop()
    guide.issue_ticket("A")
    unsubscribe()
    assert calls == [] and [e.ticket.number for e in issued] == ["A001"]


def test_a_failing_subscriber_does_not_undo_or_block_the_change(hall, guide) -> None:  # type: ignore[no-untyped-def]
    def broken(_event: HallEvent) -> None:
        raise RuntimeError("screen crashed")

    after: list[HallEvent] = []
    hall.events.subscribe(TicketIssued, broken)
    hall.events.subscribe(TicketIssued, after.append)
    ticket = guide.issue_ticket("A")
    assert len(after) == 1
    assert hall.ticket(ticket.id).number == "A001"


def finished_ticket(guide, counter, window: int = 1):  # type: ignore[no-untyped-def]
    guide.issue_ticket("A")
    desk = counter(window)
    desk.call_next()
    return desk.finish()


def test_a_rating_is_tied_to_ticket_window_and_clerk(hall, guide, counter) -> None:  # type: ignore[no-untyped-def]
    ticket = finished_ticket(guide, counter, window=2)
    hall.rate(ticket.id, 4)
    with hall.database.read() as conn:
        row = conn.execute(
            select(m.Rating.level, m.Window.number, m.Staff.code)
            .join(m.Window, m.Window.id == m.Rating.window_id)
            .join(m.Staff, m.Staff.id == m.Rating.clerk_id)
        ).one()
    assert tuple(row) == (4, 2, "2002")


@pytest.mark.parametrize("level", [1, 2])
def test_a_bad_rating_needs_a_reason(hall, guide, counter, level) -> None:  # type: ignore[no-untyped-def]
    ticket = finished_ticket(guide, counter)
    with pytest.raises(InvalidInput) as error:
        hall.rate(ticket.id, level)
    assert error.value.code == "reason_required"
    hall.rate(ticket.id, level, reason="等候时间太长")


@pytest.mark.parametrize("level", [0, 6, True, 4.5, "5"])
def test_only_levels_one_to_five(hall, guide, counter, level) -> None:  # type: ignore[no-untyped-def]
    ticket = finished_ticket(guide, counter)
    with pytest.raises(InvalidInput):
        hall.rate(ticket.id, level, reason="x")


def test_one_rating_per_ticket(hall, guide, counter) -> None:  # type: ignore[no-untyped-def]
    ticket = finished_ticket(guide, counter)
    hall.rate(ticket.id, 5)
    with pytest.raises(Conflict) as error:
        hall.rate(ticket.id, 1, reason="改主意了")
    assert error.value.code == "already_rated"
    with hall.database.read() as conn:
        assert conn.execute(select(m.Rating.level)).scalars().all() == [5]


def test_only_a_finished_service_is_rated(hall, guide, counter) -> None:  # type: ignore[no-untyped-def]
    ticket = guide.issue_ticket("A")
    with pytest.raises(Conflict):
        hall.rate(ticket.id, 5)
    counter(1).call_next()
    with pytest.raises(Conflict):
        hall.rate(ticket.id, 5)
    with pytest.raises(NotFound):
        hall.rate(9999, 5)


def test_a_transferred_ticket_is_rated_for_the_clerk_who_finished_it(hall, guide, counter) -> None:  # type: ignore[no-untyped-def]
    guide.issue_ticket("J")
    first = counter(1)
    first.call_next()
    first.transfer(business="E")
    second = counter(2)
    second.call_next()
    done = second.finish()
    hall.rate(done.id, 5)
    with hall.database.read() as conn:
        clerk = conn.execute(
            select(m.Staff.code).join(m.Rating, m.Rating.clerk_id == m.Staff.id)
        ).scalar_one()
    assert clerk == "2002"


def test_calls_are_read_back_from_the_log_for_the_display(hall, guide, counter, clock) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        guide.issue_ticket("A")
    one, two = counter(1), counter(2)
    one.call_next()
    clock.advance(seconds=5)
    two.call_next()
    two.recall()
    calls = hall.calls_since()
    assert [(c.number, c.window, c.recall) for c in calls] == [
        ("A001", 1, False),
        ("A002", 2, False),
        ("A002", 2, True),
    ]
    assert hall.calls_since(calls[-1].event_id) == ()
    one.finish()
    one.call_next()
    assert [(c.number, c.window) for c in hall.calls_since(calls[-1].event_id)] == [("A003", 1)]
    assert [c.number for c in hall.calls_since(limit=2)] == ["A002", "A003"]


def test_todays_average_handling_time_per_business(hall, guide, counter, clock) -> None:  # type: ignore[no-untyped-def]
    guide.issue_ticket("A")
    guide.issue_ticket("A")
    guide.issue_ticket("C")
    desk = counter(1)
    desk.call_next()
    clock.advance(minutes=2)
    desk.finish()  # 120 s, counted from the call
    desk.call_next()
    clock.advance(minutes=1)
    desk.start()
    clock.advance(minutes=4)
    desk.finish()  # 240 s, counted from the start
    desk.call_next()  # C001 still open: not counted
    assert hall.handling_averages() == {"A": 180.0}


def test_the_snapshot_carries_the_notice_and_staffed_windows(hall, lead, counter) -> None:  # type: ignore[no-untyped-def]
    lead.set_notice("  今日 14:00-16:00 城东片区计划停电  ")
    counter(1)
    counter(2).pause("午休")
    snapshot = hall.snapshot()
    assert snapshot.notice == "今日 14:00-16:00 城东片区计划停电"
    assert snapshot.hall_name == "城东供电营业厅"
    assert [w.number for w in snapshot.serving_windows("A")] == [1]


def test_the_pad_asks_about_the_last_unrated_service_at_its_window(
    hall, guide, counter, clock
) -> None:  # type: ignore[no-untyped-def]
    for _ in range(2):
        guide.issue_ticket("A")
    desk = counter(2)
    assert hall.awaiting_rating(2) is None
    desk.call_next()
    first = desk.finish(note="已缴清")
    assert first.note == "已缴清" and first.clerk == "2002"
    assert hall.awaiting_rating(2).number == "A001"
    assert hall.awaiting_rating(1) is None  # another window's pad stays quiet
    hall.rate(first.id, 5)
    assert hall.awaiting_rating(2) is None
    desk.call_next()
    desk.finish()
    clock.advance(minutes=4)  # the customer walked away: not asked any more
    assert hall.awaiting_rating(2) is None
