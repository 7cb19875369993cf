"""The demo hall shows every screen with data at once."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from db import models as m
from hall.demo import DEMO_PASSWORD, DEMO_STAFF, build_demo_hall


def test_the_demo_hall_has_a_busy_morning(db_url: str) -> None:
    hall = build_demo_hall(db_url, now=datetime(2026, 3, 2, 8, 0, tzinfo=UTC))
    snapshot = hall.snapshot()
    assert snapshot.day.isoformat() == "2026-03-02"
    assert len(snapshot.waiting) >= 5
    assert {t.window for t in snapshot.open} >= {1, 2}
    assert any(w.paused for w in snapshot.windows)
    assert snapshot.notice
    assert hall.calls_since(limit=5)
    assert hall.handling_averages()["A"] > 0
    with hall.database.read() as conn:
        assert conn.execute(select(func.count()).select_from(m.Rating)).scalar_one() > 10
    accounts = {t.account for t in snapshot.waiting if t.account}
    assert accounts and all(hall.sign_in("2001", DEMO_PASSWORD).account(a).name for a in accounts)
    for account in DEMO_STAFF:
        assert hall.sign_in(account.code, DEMO_PASSWORD).name == account.name
    # The clock runs on from the end of the simulated morning: new tickets can be issued.
    assert hall.sign_in("1001", DEMO_PASSWORD).issue_ticket("A").number.startswith("A")
    hall.close()
