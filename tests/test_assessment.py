"""The staff assessment (考核) on a scripted month, scored by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from conftest import FakeClock

from hall.assessment import AssessmentRules
from hall.desk import Desk
from hall.errors import InvalidInput, PermissionDenied
from hall.facade import Hall

MARCH = (date(2026, 3, 1), date(2026, 3, 31))


def serve(hall: Hall, guide: Desk, clerk: Desk, clock: FakeClock, *, minutes: float) -> int:
    """One A ticket served by ``clerk`` in ``minutes``; its id."""
    ticket = guide.issue_ticket("A")
    clerk.call_next()
    clerk.start()
    clock.advance(minutes=minutes)
    clerk.finish()
    clock.advance(minutes=1)
    return ticket.id


@pytest.fixture
def month(hall: Hall, guide: Desk, counter, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    """2001 serves 20 (one of them in 6 minutes, over A's 5), rated 5 nineteen times and 1 once.
    2002 serves 10, all rated 5, and pauses 100 minutes on its one day. 2003 serves 5, all 5."""
    one, two, three = counter(1), counter(2), counter(3)
    for n in range(20):
        if n == 10:
            clock.advance(days=1)  # a second working day for 2001
        ticket = serve(hall, guide, one, clock, minutes=6 if n == 0 else 2)
        hall.rate(ticket, 1 if n == 5 else 5, "办理太慢" if n == 5 else None)
    for _ in range(10):
        hall.rate(serve(hall, guide, two, clock, minutes=3), 5)
    two.pause("培训")
    clock.advance(minutes=100)
    two.resume()
    for _ in range(5):
        hall.rate(serve(hall, guide, three, clock, minutes=3), 5)
    clock.advance(days=40)  # April: outside the period


def test_scores_and_stars(month: None, lead: Desk) -> None:
    sheet = {c.code: c for c in lead.assessment(*MARCH).clerks}
    one = sheet["2001"]
    assert (one.counts.served, one.counts.over_target, one.bad_ratings) == (20, 1, 1)
    assert one.counts.days_worked == 2
    assert one.counts.satisfaction == pytest.approx(0.95)  # at the floor: no deduction
    assert dict(one.deductions) == {"超时办理 1 件": 0.5, "不满意评价 1 次": 2}
    assert (one.score, one.stars) == (97.5, 4)
    two = sheet["2002"]
    assert two.counts.pause_s == 100 * 60
    assert dict(two.deductions) == {"暂停超出 70 分钟": 7}  # 100 minutes less 30 allowed
    assert (two.score, two.stars) == (93, 3)
    three = sheet["2003"]
    assert (three.score, three.stars, three.deductions) == (100, 5, ())
    assert three.name == "钱受理"


def test_the_leads_weights_change_the_score(month: None, lead: Desk) -> None:
    rules = replace(AssessmentRules(), bad_rating_points=10, star_scores=(80, 85, 90, 95, 99))
    lead.set_assessment_rules(rules)
    assert lead.assessment_rules() == rules
    one = next(c for c in lead.assessment(*MARCH).clerks if c.code == "2001")
    assert (one.score, one.stars) == (89.5, 2)
    with pytest.raises(InvalidInput, match="星级分数线"):
        lead.set_assessment_rules(replace(rules, star_scores=(90, 85, 90, 95, 99)))
    with pytest.raises(InvalidInput, match="负数"):
        lead.set_assessment_rules(replace(rules, complaint_points=-1))
    assert lead.assessment_rules() == rules


def test_a_clerk_sees_only_their_own(month: None, counter) -> None:  # type: ignore[no-untyped-def]
    clerk = counter(1)
    own = clerk.assessment(*MARCH)
    assert [c.code for c in own.clerks] == ["2001"]
    with pytest.raises(PermissionDenied):
        clerk.assessment(*MARCH, clerk="2002")
    with pytest.raises(PermissionDenied):
        clerk.set_assessment_rules(AssessmentRules())


def test_periods_are_checked(month: None, lead: Desk) -> None:
    assert lead.assessment(date(2026, 4, 1), date(2026, 4, 30)).clerks == ()
    with pytest.raises(InvalidInput, match="结束日期"):
        lead.assessment(date(2026, 3, 31), date(2026, 3, 1))
    with pytest.raises(InvalidInput, match="一年"):
        lead.assessment(date(2025, 1, 1), date(2026, 1, 1) + timedelta(days=1))
