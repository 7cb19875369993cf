"""Setting up a hall, signing in, lockout, and roles enforced in the core."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from hall.errors import AuthError, Conflict, InvalidInput, PermissionDenied
from hall.records import Role
from hall.staff import MAX_FAILED_SIGNINS

from tests.conftest import PASSWORD


def test_setup_installs_the_default_menu_and_six_windows(hall) -> None:  # type: ignore[no-untyped-def]
    snapshot = hall.snapshot()
    assert [b.code for b in snapshot.businesses] == list("ABCDEFGHJK")
    payment = snapshot.businesses[0]
    assert (payment.name, payment.target_s, payment.daily_cap) == ("电费缴纳/预存电费", 300, 999)
    assert f"{payment.opens_at:%H:%M}-{payment.closes_at:%H:%M}" == "08:30-17:30"
    assert [w.number for w in snapshot.windows] == [1, 2, 3, 4, 5, 6]
    assert all(w.businesses == tuple("ABCDEFGHJK") for w in snapshot.windows)


def test_setup_only_once(hall) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(Conflict) as error:
        hall.setup(hall_name="另一个", lead_code="x", lead_name="x", lead_password=PASSWORD)
    assert error.value.code == "already_set_up"
    assert hall.name == "城东供电营业厅"


def test_setup_refuses_bad_input_and_leaves_the_hall_unset(fresh_hall) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInput):
        fresh_hall.setup(hall_name="厅", lead_code="9001", lead_name="王", lead_password="123")
    with pytest.raises(InvalidInput):
        fresh_hall.setup(hall_name=" ", lead_code="9001", lead_name="王", lead_password=PASSWORD)
    with pytest.raises(InvalidInput):
        fresh_hall.setup(
            hall_name="厅",
            lead_code="9001",
            lead_name="王",
            lead_password=PASSWORD,
            timezone="Mars/Olympus",
        )
    assert fresh_hall.needs_setup
    with pytest.raises(Conflict):
        fresh_hall.sign_in("9001", PASSWORD)


def test_sign_in_gives_a_desk_with_the_role(hall, counter) -> None:  # type: ignore[no-untyped-def]
    desk = counter(2)
    assert (desk.code, desk.name, desk.role, desk.window) == ("2002", "赵收费", Role.CLERK, 2)
    assert hall.snapshot().windows[1].clerk == "2002"


@pytest.mark.parametrize("code,password", [("2001", "wrong-pass"), ("7777", PASSWORD)])
def test_wrong_code_or_password_is_refused_alike(hall, code, password) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(AuthError) as error:
        hall.sign_in(code, password)
    assert "工号或密码错误" in error.value.message


def test_passwords_are_stored_only_as_slow_salted_hashes(hall) -> None:  # type: ignore[no-untyped-def]
    with hall.database.read() as conn:
        hashes = conn.execute(text("SELECT password_hash FROM staff")).scalars().all()
    assert all(h.startswith("scrypt$") and PASSWORD not in h for h in hashes)
    assert len(set(hashes)) == len(hashes)  # same password, different salts


def test_repeated_failures_lock_the_account_for_a_while(hall, clock) -> None:  # type: ignore[no-untyped-def]
    for _ in range(MAX_FAILED_SIGNINS - 1):
        with pytest.raises(AuthError) as error:
            hall.sign_in("2001", "wrong-pass")
        assert error.value.code == "wrong_credentials"
    with pytest.raises(AuthError) as error:
        hall.sign_in("2001", "wrong-pass")
    assert error.value.code == "locked"
    with pytest.raises(AuthError) as error:
        hall.sign_in("2001", PASSWORD)  # even the right password, while locked
    assert error.value.code == "locked"
    assert "锁定" in error.value.message

    clock.advance(minutes=16)
    assert hall.sign_in("2001", PASSWORD).code == "2001"


def test_a_lead_unlocks_an_account(hall, lead) -> None:  # type: ignore[no-untyped-def]
    for _ in range(MAX_FAILED_SIGNINS):
        with pytest.raises(AuthError):
            hall.sign_in("2001", "wrong-pass")
    lead.unlock_staff("2001")
    assert hall.sign_in("2001", PASSWORD).code == "2001"


def test_a_success_resets_the_failure_count(hall) -> None:  # type: ignore[no-untyped-def]
    for _ in range(MAX_FAILED_SIGNINS - 1):
        with pytest.raises(AuthError):
            hall.sign_in("2001", "wrong-pass")
    hall.sign_in("2001", PASSWORD)
    with pytest.raises(AuthError) as error:
        hall.sign_in("2001", "wrong-pass")
    assert error.value.code == "wrong_credentials"


def test_deactivated_staff_cannot_sign_in(hall, lead) -> None:  # type: ignore[no-untyped-def]
    lead.set_staff_active("2003", False)
    with pytest.raises(AuthError) as error:
        hall.sign_in("2003", PASSWORD)
    assert error.value.code == "inactive"
    lead.set_staff_active("2003", True)
    assert hall.sign_in("2003", PASSWORD)


def test_a_lead_resets_a_password(hall, lead) -> None:  # type: ignore[no-untyped-def]
    lead.reset_password("2001", "new-secret")
    with pytest.raises(AuthError):
        hall.sign_in("2001", PASSWORD)
    assert hall.sign_in("2001", "new-secret")


def test_add_staff_checks_its_input(lead) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(Conflict):
        lead.add_staff(code="2001", name="重复", role="clerk", password=PASSWORD)
    with pytest.raises(InvalidInput):
        lead.add_staff(code="3001", name="某", role="cashier", password=PASSWORD)
    with pytest.raises(InvalidInput):
        lead.add_staff(code="工号", name="某", role="clerk", password=PASSWORD)
    with pytest.raises(InvalidInput):
        lead.add_staff(code="3001", name="某", role="clerk", password="12345")
    assert [s.code for s in lead.staff()] == ["1001", "2001", "2002", "2003", "9001"]


GUIDE_FORBIDDEN = [
    ("call_next", ()),
    ("finish", ()),
    ("pause", ("午休",)),
    ("add_staff", ()),
    ("end_day", ()),
    ("jump", ("A001", "老人")),
]
CLERK_FORBIDDEN = [
    ("issue_ticket", ("A",)),
    ("add_staff", ()),
    ("save_business", ("A",)),
    ("save_window", (1,)),
    ("end_day", ()),
    ("jump", ("A001", "老人")),
    ("set_notice", ("停电",)),
    ("unlock_staff", ("2001",)),
]


@pytest.mark.parametrize("method,args", GUIDE_FORBIDDEN)
def test_a_guide_may_only_issue_tickets(guide, method, args) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        getattr(guide, method)(*args)


@pytest.mark.parametrize("method,args", CLERK_FORBIDDEN)
def test_a_clerk_may_not_issue_or_run_the_hall(counter, method, args) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied) as error:
        getattr(counter(1), method)(*args)
    assert "值班长" in error.value.message


def test_permission_is_checked_before_anything_changes(hall, counter) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        counter(1).issue_ticket("A")
    assert hall.snapshot().waiting == ()


def test_a_lead_may_work_a_counter_too(hall, guide) -> None:  # type: ignore[no-untyped-def]
    guide.issue_ticket("A")
    lead_at_window = hall.sign_in("9001", PASSWORD, window=5)
    assert lead_at_window.call_next().window == 5


def test_a_guide_does_not_sign_in_at_a_window(hall) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInput):
        hall.sign_in("1001", PASSWORD, window=1)


def test_signing_in_at_a_missing_window_is_refused(hall) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(Exception) as error:
        hall.sign_in("2001", PASSWORD, window=42)
    assert error.value.code == "window_not_found"


def test_sign_out_needs_the_open_ticket_finished_or_handed_back(guide, counter) -> None:  # type: ignore[no-untyped-def]
    guide.issue_ticket("A")
    desk = counter(1)
    desk.call_next()
    with pytest.raises(Conflict):
        desk.sign_out()
    desk.hand_back()
    desk.sign_out()
    with pytest.raises(Conflict) as error:
        desk.call_next()
    assert error.value.code == "signed_out"


def test_a_window_knows_who_is_signed_in_there(hall, counter) -> None:  # type: ignore[no-untyped-def]
    counter(1)
    window = hall.snapshot().windows[0]
    assert (window.clerk, window.clerk_name) == ("2001", "张受理")
