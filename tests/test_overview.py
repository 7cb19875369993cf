"""The shift lead's live view of the hall, its alerts, and the lead's actions on it."""

from __future__ import annotations

import pytest
from conftest import FakeClock

from hall.desk import Desk
from hall.errors import Conflict, InvalidInput, PermissionDenied
from hall.facade import Hall

COMPLAINT = {
    "kind": "投诉",
    "category": "服务",
    "severity": "一般",
    "customer_name": "王五",
    "mobile": "13812345678",
    "description": "窗口人员态度生硬",
}


def alerts(lead: Desk) -> list[tuple[str, str, str]]:
    return [(a.kind, a.level, a.text) for a in lead.hall_overview().alerts]


def test_windows_and_businesses_at_a_glance(
    lead: Desk, guide: Desk, counter, clock: FakeClock
) -> None:  # type: ignore[no-untyped-def]
    guide.issue_ticket("A")
    guide.issue_ticket("A")
    one, two = counter(1), counter(2)
    clock.advance(minutes=1)
    one.call_next()
    one.start()
    two.pause("午休")
    clock.advance(minutes=3)
    view = lead.hall_overview()
    windows = {w.number: w for w in view.windows}
    assert (windows[1].state, windows[1].ticket, windows[1].business) == ("serving", "A001", "A")
    assert windows[1].clerk_name == "张受理"
    assert (view.at - windows[1].since).total_seconds() == 180  # type: ignore[operator]
    assert not windows[1].over_target and windows[1].target_s == 300
    assert (windows[2].state, windows[2].paused_reason) == ("paused", "午休")
    assert windows[3].state == "closed"  # nobody signed in
    a = next(b for b in view.businesses if b.code == "A")
    assert (a.waiting, a.longest_wait_s, a.windows_serving, a.active) == (1, 240, 1, True)
    assert view.alerts == ()


def test_long_waits_services_over_target_and_unserved_businesses_raise_alerts(
    lead: Desk, guide: Desk, counter, clock: FakeClock
) -> None:  # type: ignore[no-untyped-def]
    guide.issue_ticket("A")
    guide.issue_ticket("C")
    lead.save_window(2, businesses=["A"])
    one = counter(2)
    one.call_next()
    one.start()
    clock.advance(minutes=13)
    assert alerts(lead) == [
        ("no_window", "critical", "C 低压居民新装/增容：1 人等候，没有窗口在办理"),
        ("over_target", "critical", "2号窗口 A001：已办理 13 分钟，超过时限 5 分钟"),
        ("long_wait", "warning", "C 低压居民新装/增容：最长已等 13 分钟，接近 15 分钟"),
    ]
    clock.advance(minutes=3)
    assert ("long_wait", "critical", "C 低压居民新装/增容：最长已等 16 分钟，超过 15 分钟") in (
        alerts(lead)
    )


def test_complaints_due_today_then_overdue(lead: Desk, counter, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    saved = counter(1).save_application("complaint", COMPLAINT)  # Monday: contact by Tuesday
    assert lead.hall_overview().complaints_due == 0
    clock.advance(days=1)
    view = lead.hall_overview()
    assert (view.complaints_due, view.complaints_overdue) == (1, 0)
    assert [(a.kind, a.application) for a in view.alerts] == [("complaint_due", saved.number)]
    assert view.alerts[0].text == f"投诉 {saved.number}（服务）今天须联系客户"
    clock.advance(days=1)
    view = lead.hall_overview()
    assert (view.complaints_due, view.complaints_overdue) == (0, 1)
    assert view.alerts[0].level == "critical"


def test_closing_a_business_stops_its_tickets(lead: Desk, guide: Desk) -> None:
    guide.issue_ticket("C")
    closed = lead.set_business_open("C", False)
    assert not closed.active
    with pytest.raises(Conflict):
        guide.issue_ticket("C")
    assert next(b for b in lead.hall_overview().businesses if b.code == "C").waiting == 1
    lead.set_business_open("c", True)
    assert guide.issue_ticket("C").number == "C002"


def test_the_outage_surge_opens_a_temporary_business_and_announces_it(
    hall: Hall, lead: Desk, guide: Desk, counter
) -> None:  # type: ignore[no-untyped-def]
    notice = "因线路检修，城东片区今日停电，停电咨询请领取T字头号"
    business = lead.start_outage_surge(notice=notice, windows=[5, 6])
    assert (business.code, business.name, business.active) == ("T", "停电咨询", True)
    assert hall.notice == notice
    snapshot = lead.snapshot()
    serving_t = [w.number for w in snapshot.windows if "T" in w.businesses]
    assert serving_t == [5, 6]
    view = lead.hall_overview()
    assert view.surge is not None and view.surge.notice == notice
    assert next(b for b in view.businesses if b.code == "T").temporary
    with pytest.raises(Conflict, match="已经开启"):
        lead.start_outage_surge(notice=notice)
    guide.issue_ticket("T")
    lead.end_outage_surge()
    assert hall.notice == "" and lead.hall_overview().surge is None
    with pytest.raises(Conflict):
        guide.issue_ticket("T")
    assert counter(5, "2003").call_next().number == "T001"  # type: ignore[union-attr]
    lead.start_outage_surge(notice=notice)  # the same temporary business again, next outage
    assert lead.hall_overview().surge is not None


def test_the_surge_refuses_what_cannot_work(lead: Desk) -> None:
    with pytest.raises(Conflict, match="电费缴纳"):
        lead.start_outage_surge(notice="停电咨询请取A号", code="A")
    with pytest.raises(InvalidInput, match="公告"):
        lead.start_outage_surge(notice="  ")
    with pytest.raises(InvalidInput, match="9号窗口"):
        lead.start_outage_surge(notice="停电咨询请取T号", windows=[9])
    assert lead.hall_overview().surge is None


def test_only_a_lead_sees_and_acts(counter, guide: Desk) -> None:  # type: ignore[no-untyped-def]
    clerk = counter(1)
    for desk in (clerk, guide):
        with pytest.raises(PermissionDenied):
            desk.hall_overview()
        with pytest.raises(PermissionDenied):
            desk.set_business_open("A", False)
        with pytest.raises(PermissionDenied):
            desk.start_outage_surge(notice="x")
