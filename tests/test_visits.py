"""A customer's visit history (来访记录) and the repeat-visit flag (重复来访)."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import FakeClock
from sqlalchemy import insert, select

from db import models as m
from hall.desk import Desk
from hall.errors import InvalidInput, NotFound, PermissionDenied
from hall.facade import Hall
from hall.records import Outcome, Ticket, TicketStatus

ACCOUNT = "3300123456"


@pytest.fixture
def customer(lead: Desk) -> str:
    lead.add_account(
        account=ACCOUNT, name="张三", address="城东路 12 号", phone="13812345678", arrears_fen=23640
    )
    return ACCOUNT


@pytest.fixture
def clerk(counter) -> Desk:  # type: ignore[no-untyped-def]
    return counter(1)


def serve(
    guide: Desk,
    clerk: Desk,
    business: str,
    account: str | None = ACCOUNT,
    outcome: str = "served",
    note: str | None = None,
) -> Ticket:
    issued = guide.issue_ticket(business, account=account)
    assert clerk.call_next() == clerk.current_ticket() and clerk.current_ticket().id == issued.id
    clerk.start()
    return clerk.finish(outcome, note=note)


def add_application(hall: Hall, number: str, form: str, business: str, status: str) -> None:
    """An application row as the counter's forms save it (hall/applications.py)."""
    ctx = hall._services_or_fail().ctx
    now = ctx.now()
    with hall.database.write() as conn:
        business_id = conn.execute(
            select(m.BusinessType.id).where(m.BusinessType.code == business)
        ).scalar_one()
        clerk_id = conn.execute(select(m.Staff.id).where(m.Staff.code == "2001")).scalar_one()
        conn.execute(
            insert(m.Application).values(
                hall_id=ctx.hall_id,
                number=number,
                form=form,
                business_id=business_id,
                account=ACCOUNT,
                customer_name="张三",
                fields="{}",
                status=status,
                due_on=date(2026, 3, 9),
                clerk_id=clerk_id,
                created_at=now,
                updated_at=now,
            )
        )


def test_the_history_shows_tickets_applications_and_payments_newest_first(  # type: ignore[no-untyped-def]
    hall: Hall, customer: str, guide: Desk, clerk: Desk, lead: Desk, clock: FakeClock
) -> None:
    serve(guide, clerk, "H", note="报修已登记")
    clock.advance(minutes=20)
    guide.issue_ticket("A", account=ACCOUNT)
    clerk.call_next()
    clerk.start()
    receipt = clerk.take_payment(ACCOUNT, received_fen=30000, excess="prepay")
    clerk.finish()
    clock.advance(minutes=5)
    add_application(hall, "SQ2026-0001", "residential_connection", "C", "waiting_documents")
    add_application(hall, "SQ2026-0002", "some_new_form", "E", "accepted")
    serve(guide, clerk, "B", account="3300999999")  # someone else

    history = clerk.visit_history(" 3300 123 456 ")

    assert history.account_number == ACCOUNT and history.account == lead.account(ACCOUNT)
    assert [(t.number, t.business, t.business_name) for t in history.tickets] == [
        ("A001", "A", "电费缴纳/预存电费"),
        ("H001", "H", "故障报修登记"),
    ]
    newest, oldest = history.tickets
    assert (newest.status, newest.outcome, newest.clerk, newest.clerk_name) == (
        TicketStatus.DONE,
        Outcome.SERVED,
        "2001",
        "张受理",
    )
    assert (oldest.day, oldest.note) == (date(2026, 3, 2), "报修已登记")
    assert [(a.number, a.form_title, a.business, a.status) for a in history.applications] == [
        ("SQ2026-0002", "some_new_form", "E", "accepted"),
        ("SQ2026-0001", "低压居民新装/增容申请", "C", "waiting_documents"),
    ]
    assert [(p.receipt_number, p.amount_fen, p.method, p.kind) for p in history.payments] == [
        (receipt.number, 30000, "cash", "payment")
    ]
    assert history.payments[0].clerk_name == "张受理"


def test_a_reversal_shows_as_a_negative_amount_referring_to_its_payment(  # type: ignore[no-untyped-def]
    customer: str, clerk: Desk
) -> None:
    paid = clerk.take_payment(ACCOUNT, received_fen=23640)
    reversal = clerk.reverse_payment(
        paid.number, lead_code="9001", lead_password="secret-123", reason="金额录错"
    )
    payments = clerk.visit_history(ACCOUNT).payments
    assert [(p.receipt_number, p.kind, p.amount_fen, p.reverses) for p in payments] == [
        (reversal.number, "reversal", -23640, paid.number),
        (paid.number, "payment", 23640, None),
    ]


def test_a_number_not_in_the_accounts_still_has_its_tickets(guide: Desk, clerk: Desk) -> None:
    serve(guide, clerk, "C", account="3300777777")
    history = clerk.visit_history("3300777777")
    assert history.account is None and history.payments == ()
    assert [t.number for t in history.tickets] == ["C001"]


def test_back_within_seven_days_for_the_same_business_is_a_repeat_visit(  # type: ignore[no-untyped-def]
    customer: str, guide: Desk, clerk: Desk, clock: FakeClock
) -> None:
    first = serve(guide, clerk, "E", outcome="unresolved", note="缺少房产证，已一次性告知")
    clock.advance(days=6, hours=23)  # next Monday 09:00
    again = guide.issue_ticket("E", account=ACCOUNT)

    repeat = clerk.repeat_visit(again)

    assert repeat is not None
    assert (repeat.ticket_id, repeat.number, repeat.day) == (first.id, "E001", date(2026, 3, 2))
    assert (repeat.outcome, repeat.note) == (Outcome.UNRESOLVED, "缺少房产证，已一次性告知")
    assert clerk.repeat_visit(again.id) == repeat
    assert clerk.repeat_visit(first) is None
    newest, oldest = clerk.visit_history(ACCOUNT).tickets
    assert (newest.number, newest.repeat_of) == ("E001", repeat)  # numbers restart each day
    assert oldest.repeat_of is None


def test_a_visit_after_seven_days_or_for_another_business_is_no_repeat(  # type: ignore[no-untyped-def]
    customer: str, guide: Desk, clerk: Desk, clock: FakeClock
) -> None:
    serve(guide, clerk, "E", outcome="unresolved")
    clock.advance(minutes=10)
    other_business = serve(guide, clerk, "F")
    no_account = guide.issue_ticket("E")
    clock.advance(days=7, minutes=1)
    late = guide.issue_ticket("E", account=ACCOUNT)

    assert clerk.repeat_visit(other_business) is None
    assert clerk.repeat_visit(no_account) is None
    assert clerk.repeat_visit(late) is None
    assert [t.repeat_of for t in clerk.visit_history(ACCOUNT).tickets] == [None, None, None]


def test_a_transferred_ticket_counts_for_the_business_it_was_issued_for(  # type: ignore[no-untyped-def]
    customer: str, guide: Desk, clerk: Desk, clock: FakeClock
) -> None:
    guide.issue_ticket("J", account=ACCOUNT)  # an inquiry, sent on to a change of use
    clerk.call_next()
    clerk.transfer(business="E")
    clerk.call_next()
    clerk.finish()
    clock.advance(days=2)
    asks_again = guide.issue_ticket("J", account=ACCOUNT)
    changes_again = guide.issue_ticket("E", account=ACCOUNT)

    assert clerk.repeat_visit(asks_again) is not None
    assert clerk.repeat_visit(changes_again) is None


def test_history_and_repeat_flag_are_for_counter_staff(  # type: ignore[no-untyped-def]
    customer: str, guide: Desk, lead: Desk
) -> None:
    ticket = guide.issue_ticket("A", account=ACCOUNT)
    with pytest.raises(PermissionDenied):
        guide.visit_history(ACCOUNT)
    with pytest.raises(PermissionDenied):
        guide.repeat_visit(ticket)
    assert lead.visit_history(ACCOUNT).tickets[0].number == "A001"
    assert lead.repeat_visit(ticket) is None


def test_bad_history_requests_are_refused(customer: str, clerk: Desk) -> None:
    with pytest.raises(InvalidInput):
        clerk.visit_history("33A")
    with pytest.raises(NotFound):
        clerk.repeat_visit(999)
    with pytest.raises(InvalidInput):
        clerk.visit_history(ACCOUNT, limit=0)
