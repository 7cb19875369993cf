"""Calling and serving at the windows: order, every move, and every refused move."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from db import models as m
from hall.errors import Conflict, InvalidInput, NotFound
from hall.records import EventCode, Outcome, TicketStatus


def issue(guide, *codes: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [guide.issue_ticket(code).number for code in codes]


def state(hall):  # type: ignore[no-untyped-def]
    """Everything a refused move must leave as it was: the queue and the event log."""
    with hall.database.read() as conn:
        events = conn.execute(select(func.count()).select_from(m.TicketEvent)).scalar_one()
        pauses = conn.execute(select(func.count()).select_from(m.WindowPause)).scalar_one()
    return hall.snapshot(), events, pauses


def test_the_longest_waiting_is_called_first(guide, counter, clock) -> None:  # type: ignore[no-untyped-def]
    issue(guide, "C")
    clock.advance(minutes=1)
    issue(guide, "A", "A")
    desk = counter(1)
    called = []
    for _ in range(3):
        called.append(desk.call_next().number)
        desk.finish()
    assert called == ["C001", "A001", "A002"]
    assert desk.call_next() is None


def test_priority_tickets_go_first(guide, counter, clock) -> None:  # type: ignore[no-untyped-def]
    issue(guide, "A", "A")
    clock.advance(minutes=1)
    guide.issue_ticket("C", priority_reason="残障人士")
    ticket = counter(1).call_next()
    assert (ticket.number, ticket.priority) == ("C001", True)


def test_a_window_calls_only_the_business_it_serves(guide, lead, counter) -> None:  # type: ignore[no-untyped-def]
    lead.save_window(2, businesses=["C", "D"])
    issue(guide, "A", "A", "D")
    desk = counter(2)
    assert desk.call_next().number == "D001"
    desk.finish()
    assert desk.call_next() is None
    assert [t.number for t in desk.snapshot().waiting] == ["A001", "A002"]


def test_a_call_takes_the_ticket_to_the_window(hall, guide, counter, clock) -> None:  # type: ignore[no-untyped-def]
    issue(guide, "A")
    clock.advance(minutes=4)
    ticket = counter(3).call_next()
    assert (ticket.status, ticket.window, ticket.called_at) == (
        TicketStatus.CALLED,
        3,
        clock.now,
    )
    assert [t.number for t in hall.snapshot().open] == ["A001"]
    assert hall.snapshot().waiting == ()


def test_start_then_finish(hall, guide, counter, clock) -> None:  # type: ignore[no-untyped-def]
    issue(guide, "C")
    desk = counter(1)
    desk.call_next()
    clock.advance(seconds=30)
    started = desk.start()
    assert (started.status, started.started_at) == (TicketStatus.SERVING, clock.now)
    clock.advance(minutes=12)
    done = desk.finish(outcome="unresolved")
    assert (done.status, done.outcome, done.finished_at) == (
        TicketStatus.DONE,
        Outcome.UNRESOLVED,
        clock.now,
    )
    assert desk.current_ticket() is None
    assert hall.snapshot().open == ()


def test_finish_straight_from_called(guide, counter) -> None:  # type: ignore[no-untyped-def]
    issue(guide, "B")
    desk = counter(1)
    desk.call_next()
    assert desk.finish().status is TicketStatus.DONE


def test_recall_counts_and_keeps_the_ticket(guide, counter) -> None:  # type: ignore[no-untyped-def]
    issue(guide, "A")
    desk = counter(1)
    desk.call_next()
    desk.recall()
    ticket = desk.recall()
    assert (ticket.recalls, ticket.status, ticket.window) == (2, TicketStatus.CALLED, 1)


def test_no_show_then_reactivate_goes_to_the_front(hall, guide, counter) -> None:  # type: ignore[no-untyped-def]
    issue(guide, "A", "A", "A")
    one, two = counter(1), counter(2)
    one.call_next()
    missed = one.no_show()
    assert missed.status is TicketStatus.NO_SHOW
    assert [t.number for t in hall.snapshot().no_shows] == ["A001"]
    # The late customer turns up: any window serving A may put A001 back at the front.
    back = two.reactivate("a001")
    assert (back.status, back.window) == (TicketStatus.WAITING, None)
    guide.issue_ticket("A", priority_reason="老年人")
    assert [t.number for t in hall.snapshot().waiting] == ["A004", "A001", "A002", "A003"]
    assert one.call_next().number == "A004"
    assert two.call_next().number == "A001"


def test_park_then_call_back(hall, guide, counter) -> None:  # type: ignore[no-untyped-def]
    issue(guide, "E", "E")
    desk = counter(1)
    desk.call_next()
    desk.start()
    parked = desk.park()  # the customer fetches a document
    assert parked.status is TicketStatus.PARKED
    assert desk.call_next().number == "E002"
    desk.finish()
    desk.call_back("E001")
    assert [t.number for t in hall.snapshot().waiting] == ["E001"]
    assert desk.call_next().number == "E001"


def test_transfer_keeps_number_and_arrival(hall, guide, counter, clock) -> None:  # type: ignore[no-untyped-def]
    issue(guide, "J")
    clock.advance(minutes=5)
    issue(guide, "E")
    desk = counter(1)
    assert desk.call_next().number == "J001"
    moved = desk.transfer(business="E")
    assert (moved.number, moved.business, moved.status) == ("J001", "E", TicketStatus.WAITING)
    # It arrived before E001, so it is called before E001 (一票到底).
    assert [t.number for t in hall.snapshot().waiting_for("E")] == ["J001", "E001"]
    assert desk.call_next().number == "J001"


def test_transfer_to_the_same_or_an_unknown_business_is_refused(hall, guide, counter) -> None:  # type: ignore[no-untyped-def]
    issue(guide, "J")
    desk = counter(1)
    desk.call_next()
    before = state(hall)
    with pytest.raises(InvalidInput):
        desk.transfer(business="J")
    with pytest.raises(NotFound):
        desk.transfer(business="Z")
    assert state(hall) == before


def test_hand_back_returns_the_ticket_to_the_front(hall, guide, counter) -> None:  # type: ignore[no-untyped-def]
    issue(guide, "A", "A")
    desk = counter(1)
    desk.call_next()
    desk.hand_back()
    assert [t.number for t in hall.snapshot().waiting] == ["A001", "A002"]


def test_pause_stops_calling_until_resumed(hall, guide, counter) -> None:  # type: ignore[no-untyped-def]
    issue(guide, "A")
    desk = counter(1)
    desk.pause("系统故障")
    assert hall.snapshot().windows[0].paused_reason == "系统故障"
    before = state(hall)
    with pytest.raises(Conflict) as error:
        desk.call_next()
    assert error.value.code == "window_paused"
    assert state(hall) == before
    desk.resume()
    assert desk.call_next().number == "A001"


def test_pause_needs_a_reason_and_is_recorded(hall, counter, clock) -> None:  # type: ignore[no-untyped-def]
    desk = counter(2)
    with pytest.raises(InvalidInput):
        desk.pause("  ")
    desk.pause("午休")
    clock.advance(minutes=30)
    desk.resume()
    with hall.database.read() as conn:
        pause = conn.execute(select(m.WindowPause)).one()
    assert pause.reason == "午休"
    assert pause.ended_at - pause.started_at == clock.now - pause.started_at


def test_a_lead_moves_a_waiting_ticket_forward(hall, guide, lead, counter) -> None:  # type: ignore[no-untyped-def]
    issue(guide, "A", "A", "A")
    with pytest.raises(InvalidInput):
        lead.jump("A003", " ")
    jumped = lead.jump("A003", "重要客户")
    assert (jumped.priority, jumped.priority_reason) == (True, "重要客户")
    assert counter(1).call_next().number == "A003"


# -- every impossible move raises Conflict and changes nothing -------------------------------

WINDOW_MOVES = {
    "start": lambda d: d.start(),
    "finish": lambda d: d.finish(),
    "recall": lambda d: d.recall(),
    "no_show": lambda d: d.no_show(),
    "park": lambda d: d.park(),
    "transfer": lambda d: d.transfer(business="C"),
    "hand_back": lambda d: d.hand_back(),
}


@pytest.mark.parametrize("move", WINDOW_MOVES)
def test_moves_without_an_open_ticket_are_refused(hall, guide, counter, move) -> None:  # type: ignore[no-untyped-def]
    issue(guide, "A")
    desk = counter(1)
    before = state(hall)
    with pytest.raises(Conflict) as error:
        WINDOW_MOVES[move](desk)
    assert error.value.code == "no_open_ticket"
    assert state(hall) == before


@pytest.mark.parametrize("move", WINDOW_MOVES)
def test_a_window_cannot_touch_another_windows_ticket(hall, guide, counter, move) -> None:  # type: ignore[no-untyped-def]
    issue(guide, "A")
    counter(1).call_next()
    other = counter(2)
    before = state(hall)
    with pytest.raises(Conflict):
        WINDOW_MOVES[move](other)
    assert state(hall) == before
    assert hall.snapshot().open[0].window == 1


@pytest.mark.parametrize("move", ["start", "recall", "no_show"])
def test_moves_that_need_a_called_ticket_refuse_one_in_service(hall, guide, counter, move) -> None:  # type: ignore[no-untyped-def]
    issue(guide, "A")
    desk = counter(1)
    desk.call_next()
    desk.start()
    before = state(hall)
    with pytest.raises(Conflict) as error:
        WINDOW_MOVES[move](desk)
    assert error.value.code == "already_serving"
    assert state(hall) == before


def test_calling_while_a_ticket_is_open_is_refused(hall, guide, counter) -> None:  # type: ignore[no-untyped-def]
    issue(guide, "A", "A")
    desk = counter(1)
    desk.call_next()
    before = state(hall)
    with pytest.raises(Conflict) as error:
        desk.call_next()
    assert error.value.code == "window_busy"
    assert "A001" in error.value.message
    assert state(hall) == before


def test_finish_with_an_unknown_outcome_is_refused(hall, guide, counter) -> None:  # type: ignore[no-untyped-def]
    issue(guide, "A")
    desk = counter(1)
    desk.call_next()
    before = state(hall)
    with pytest.raises(InvalidInput):
        desk.finish(outcome="done-ish")
    assert state(hall) == before


@pytest.mark.parametrize(
    "method,number,code",
    [
        ("reactivate", "A001", "wrong_status"),  # waiting, not a no-show
        ("call_back", "A001", "wrong_status"),  # waiting, not parked
        ("reactivate", "A099", "ticket_not_found"),
    ],
)
def test_moves_by_number_check_the_ticket(hall, guide, counter, method, number, code) -> None:  # type: ignore[no-untyped-def]
    issue(guide, "A")
    desk = counter(1)
    before = state(hall)
    with pytest.raises((Conflict, NotFound)) as error:
        getattr(desk, method)(number)
    assert error.value.code == code
    assert state(hall) == before


def test_only_a_window_serving_the_business_may_reactivate(hall, guide, lead, counter) -> None:  # type: ignore[no-untyped-def]
    lead.save_window(2, businesses=["C"])
    issue(guide, "A")
    desk = counter(1)
    desk.call_next()
    desk.no_show()
    with pytest.raises(Conflict) as error:
        counter(2).reactivate("A001")
    assert error.value.code == "not_served_here"


def test_a_clerk_without_a_window_cannot_call(hall, guide) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import PASSWORD

    issue(guide, "A")
    with pytest.raises(Conflict) as error:
        hall.sign_in("2001", PASSWORD).call_next()
    assert error.value.code == "no_window"


# -- the event log ----------------------------------------------------------------------------


def test_every_move_is_logged_with_who_where_and_when(hall, guide, counter, clock) -> None:  # type: ignore[no-untyped-def]
    issue(guide, "J")
    desk = counter(2)
    desk.call_next()
    clock.advance(seconds=20)
    desk.recall()
    desk.start()
    desk.transfer(business="E")
    desk.call_next()
    desk.park()
    desk.call_back("J001")
    desk.call_next()
    desk.no_show()
    desk.reactivate("J001")
    desk.call_next()
    clock.advance(minutes=3)
    desk.finish()
    with hall.database.read() as conn:
        rows = conn.execute(
            select(m.TicketEvent.code, m.TicketEvent.window_id, m.TicketEvent.at, m.Staff.code)
            .outerjoin(m.Staff, m.Staff.id == m.TicketEvent.staff_id)
            .order_by(m.TicketEvent.id)
        ).all()
    codes = [EventCode(r[0]) for r in rows]
    assert codes == [
        EventCode.ISSUED,
        EventCode.CALLED,
        EventCode.RECALLED,
        EventCode.STARTED,
        EventCode.TRANSFERRED,
        EventCode.CALLED,
        EventCode.PARKED,
        EventCode.CALLED_BACK,
        EventCode.CALLED,
        EventCode.NO_SHOW,
        EventCode.REACTIVATED,
        EventCode.CALLED,
        EventCode.FINISHED,
    ]
    assert rows[0][3] == "1001" and rows[0][1] is None  # the guide, at no window
    assert all(r[3] == "2002" for r in rows[1:])
    assert rows[-1][2] == clock.now
    assert rows[2][2] > rows[1][2]


def test_a_transfer_is_logged_under_the_business_it_leaves(hall, guide, counter) -> None:  # type: ignore[no-untyped-def]
    issue(guide, "J")
    desk = counter(1)
    desk.call_next()
    desk.transfer(business="E")
    desk.call_next()
    desk.finish()
    with hall.database.read() as conn:
        rows = conn.execute(
            select(m.TicketEvent.code, m.BusinessType.code, m.TicketEvent.detail)
            .join(m.BusinessType, m.BusinessType.id == m.TicketEvent.business_id)
            .order_by(m.TicketEvent.id)
        ).all()
    assert [tuple(r) for r in rows] == [
        ("issued", "J", None),
        ("called", "J", None),
        ("transferred", "J", "E"),
        ("called", "E", None),
        ("finished", "E", "served"),
    ]
