"""A Desk: one signed-in person at one workstation.

The role decides what a desk may do, and it is checked here, whatever the UI shows or hides:
a guide issues tickets, a clerk works a window, a lead may do both and runs the hall.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from hall.account_import import ImportReport
from hall.applications import Application, ApplicationEvent
from hall.assessment import Assessment, AssessmentRules
from hall.calendar import CalendarDay
from hall.errors import Conflict, InvalidInput, PermissionDenied
from hall.forms import FormKind
from hall.overview import HallOverview
from hall.queue import Actor
from hall.records import (
    Account,
    BusinessType,
    QueueSnapshot,
    Receipt,
    Role,
    StaffMember,
    Ticket,
    Window,
)
from hall.reports import DailySheet
from hall.settlement import HallTakings, ReceiptSummary, Settlement, ShiftTakings
from hall.sheet_export import export_daily_sheet
from hall.visits import RepeatVisit, VisitHistory

if TYPE_CHECKING:
    from hall.facade import Hall

P = ParamSpec("P")
R = TypeVar("R")

ROLE_NAMES = {Role.GUIDE: "引导员", Role.CLERK: "业务受理员", Role.LEAD: "值班长"}
TICKET_DESK = (Role.GUIDE, Role.LEAD)
COUNTER = (Role.CLERK, Role.LEAD)
LEAD_ONLY = (Role.LEAD,)


def allowed(*roles: Role) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Only these roles may call the decorated Desk method; others get PermissionDenied."""

    def decorate(method: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(method)
        def checked(*args: P.args, **kwargs: P.kwargs) -> R:
            desk = args[0]
            assert isinstance(desk, Desk)
            desk._check(roles)
            return method(*args, **kwargs)

        checked.roles = roles  # type: ignore[attr-defined]
        return checked

    return decorate


class Desk:
    def __init__(
        self,
        hall: Hall,
        *,
        staff_id: int,
        code: str,
        name: str,
        role: Role,
        window: int | None,
        window_id: int | None,
    ) -> None:
        self._hall = hall
        self._services = hall._services_or_fail()
        self.code = code
        self.name = name
        self.role = role
        self.window = window
        self._actor = Actor(staff_id=staff_id, window_id=window_id)
        self._signed_in = True

    def __repr__(self) -> str:
        where = f" at window {self.window}" if self.window else ""
        return f"<Desk {self.code} {self.role.value}{where}>"

    @property
    def signed_in(self) -> bool:
        return self._signed_in

    def _check(self, roles: tuple[Role, ...]) -> None:
        if not self._signed_in:
            raise Conflict("已签退，请重新签到", code="signed_out")
        if self.role not in roles:
            who = "、".join(ROLE_NAMES[r] for r in roles)
            raise PermissionDenied(f"只有{who}可以这样做", code="permission")

    # -- anyone signed in --------------------------------------------------------------------

    def snapshot(self) -> QueueSnapshot:
        self._check(tuple(Role))
        return self._hall.snapshot()

    def sign_out(self) -> None:
        """End this desk. A window's open ticket must be finished or handed back first."""
        if not self._signed_in:
            return
        if self._actor.window_id is not None:
            self._services.windows.leave(self._actor.window_id, self._actor.staff_id)
        self._signed_in = False

    def account(self, account: str) -> Account:
        """The customer account with this number (客户档案)."""
        self._check(tuple(Role))
        return self._services.accounts.get(account)

    def search_accounts(self, text: str, limit: int = 50) -> tuple[Account, ...]:
        """Accounts by 户号 (prefix), or name, phone or address (substring); at most ``limit``
        (1-200), account-number matches first."""
        self._check(tuple(Role))
        return self._services.accounts.search(text, limit=limit)

    # -- ticket desk -------------------------------------------------------------------------

    @allowed(*TICKET_DESK)
    def issue_ticket(
        self, business: str, *, account: str | None = None, priority_reason: str | None = None
    ) -> Ticket:
        return self._services.queue.issue(
            self._actor, business, account=account, priority_reason=priority_reason
        )

    # -- counter -----------------------------------------------------------------------------

    @allowed(*COUNTER)
    def current_ticket(self) -> Ticket | None:
        """The ticket called to or being served at this window."""
        if self._actor.window_id is None:
            return None
        return self._services.queue.open_ticket(self._actor.window_id)

    @allowed(*COUNTER)
    def call_next(self) -> Ticket | None:
        return self._services.queue.call_next(self._actor)

    @allowed(*COUNTER)
    def recall(self) -> Ticket:
        return self._services.queue.recall(self._actor)

    @allowed(*COUNTER)
    def no_show(self) -> Ticket:
        return self._services.queue.no_show(self._actor)

    @allowed(*COUNTER)
    def start(self) -> Ticket:
        return self._services.queue.start(self._actor)

    @allowed(*COUNTER)
    def finish(self, outcome: str = "served", *, note: str | None = None) -> Ticket:
        return self._services.queue.finish(self._actor, outcome, note)

    @allowed(*COUNTER)
    def park(self) -> Ticket:
        return self._services.queue.park(self._actor)

    @allowed(*COUNTER)
    def hand_back(self) -> Ticket:
        """Return the open ticket to the front of its queue (e.g. before signing out)."""
        return self._services.queue.hand_back(self._actor)

    @allowed(*COUNTER)
    def call_back(self, number: str) -> Ticket:
        return self._services.queue.call_back(self._actor, number)

    @allowed(*COUNTER)
    def reactivate(self, number: str) -> Ticket:
        return self._services.queue.reactivate(self._actor, number)

    @allowed(*COUNTER)
    def transfer(self, *, business: str) -> Ticket:
        return self._services.queue.transfer(self._actor, business)

    @allowed(*COUNTER)
    def pause(self, reason: str) -> None:
        self._services.windows.pause(self._window_id(), self._actor.staff_id, reason)

    @allowed(*COUNTER)
    def resume(self) -> None:
        self._services.windows.resume(self._window_id())

    @allowed(*COUNTER)
    def take_payment(
        self,
        account: str,
        *,
        received_fen: int,
        method: str = "cash",
        excess: str = "change",
        expected_due_fen: int | None = None,
    ) -> Receipt:
        """Take a payment of the account's arrears (唱收唱付) and return its receipt.

        method: "cash", "card" or "qr". excess: "change" (cash only) or "prepay" (booked as
        预收电费). The payment belongs to the ticket open at this window, if any.
        expected_due_fen: the amount the clerk read aloud; if the arrears are no longer that,
        Conflict (code "due_changed") and nothing is booked.
        """
        self._window_id()
        return self._services.payments.take(
            self._actor,
            account,
            received_fen=received_fen,
            method=method,
            excess=excess,
            expected_due_fen=expected_due_fen,
        )

    @allowed(*COUNTER)
    def reprint_receipt(self, number: str) -> Receipt:
        """The receipt with this number again, marked 重打."""
        return self._services.payments.reprint(number)

    @allowed(*COUNTER)
    def reverse_payment(
        self, number: str, *, lead_code: str, lead_password: str, reason: str
    ) -> Receipt:
        """Reverse (冲正) a payment with a shift lead's password; returns the reversal receipt."""
        self._window_id()
        return self._services.payments.reverse(
            self._actor,
            number,
            lead_code=lead_code,
            lead_password=lead_password,
            reason=reason,
        )

    @allowed(*COUNTER)
    def visit_history(self, account: str, *, limit: int = 200) -> VisitHistory:
        """The account's tickets, applications and payments, newest first (at most ``limit`` of
        each), each ticket flagged when it was a repeat visit."""
        return self._services.visits.history(account, limit=limit)

    @allowed(*COUNTER)
    def repeat_visit(self, ticket: int | Ticket) -> RepeatVisit | None:
        """The same customer's ticket for the same business in the 7 days before this one (重复
        来访), or None."""
        return self._services.visits.repeat_visit(ticket)

    def _window_id(self) -> int:
        if self._actor.window_id is None:
            raise Conflict("请先在窗口签到再办理", code="no_window")
        return self._actor.window_id

    # -- a cashier's takings (日清日结) --------------------------------------------------------

    @allowed(*COUNTER)
    def receipts(self, day: date | None = None, mine: bool = True) -> tuple[ReceiptSummary, ...]:
        """The receipts issued on ``day`` (default: today), in number order: by this desk's
        cashier, or with ``mine=False`` at every counter (any counter may reprint)."""
        return self._services.settlements.receipts(
            _optional_day(day), self._actor.staff_id if mine else None
        )

    @allowed(*COUNTER)
    def shift_takings(self, day: date | None = None, clerk: str | None = None) -> ShiftTakings:
        """A cashier's takings for a business day (default: today), by method, with the receipts
        issued and the day's settlements. A clerk sees their own; a lead anyone's (``clerk``:
        a staff code)."""
        settlements = self._services.settlements
        if clerk is None or clerk == self.code:
            staff_id = self._actor.staff_id
        elif self.role is Role.LEAD:
            staff_id = settlements.staff_id(clerk)
        else:
            raise PermissionDenied("只能查看自己的收费情况", code="permission")
        return settlements.shift_takings(_optional_day(day), staff_id=staff_id)

    @allowed(*COUNTER)
    def settle_shift(self, counted_cash_fen: int, note: str = "") -> Settlement:
        """Record today's cash counted against the cash the receipts say should be there
        (长款/短款). Allowed again later in the day: the latest settlement stands."""
        return self._services.settlements.settle(self._actor.staff_id, counted_cash_fen, note)

    @allowed(*LEAD_ONLY)
    def hall_takings(self, day: date | None = None) -> HallTakings:
        """Every cashier's takings for a business day (default: today), with the hall's totals."""
        return self._services.settlements.hall_takings(_optional_day(day))

    # -- applications (受理单) -----------------------------------------------------------------

    @allowed(*COUNTER)
    def save_application(
        self,
        form: str | FormKind,
        values: Mapping[str, object],
        *,
        documents_received: Iterable[str] = (),
    ) -> Application:
        """Save a filled-in form (its code, or the FormKind) under the next number of the hall's
        series, linked to the ticket open at this window. FormInvalid (``errors``: field key ->
        message) and nothing saved when a field or a rule of the account is wrong.

        A clerk saves at a window; a lead may also save from the console, with no window.
        """
        if self.role is not Role.LEAD:
            self._window_id()
        code = form.code if isinstance(form, FormKind) else form
        return self._services.applications.save(
            self._actor, code, values, documents_received=documents_received
        )

    @allowed(*COUNTER)
    def receive_documents(self, number: str, documents: Iterable[str]) -> Application:
        """Documents handed in later; when the file is complete the due date is set."""
        return self._services.applications.receive_documents(self._actor, number, documents)

    @allowed(*COUNTER)
    def applications(
        self,
        *,
        status: str | None = None,
        account: str | None = None,
        mine: bool = False,
        limit: int = 200,
    ) -> tuple[Application, ...]:
        """Newest first. status: None (all), "open", "overdue" or one status; mine: those this
        person accepted."""
        return self._services.applications.find(
            self._actor, status=status, account=account, mine=mine, limit=limit
        )

    @allowed(*COUNTER)
    def application(self, number: str) -> Application:
        return self._services.applications.get(number)

    @allowed(*COUNTER)
    def application_events(self, number: str) -> tuple[ApplicationEvent, ...]:
        return self._services.applications.events(number)

    @allowed(*COUNTER)
    def record_contact(self, number: str, note: str) -> Application:
        """The customer was contacted (what was said in ``note``); a complaint is then
        ``contacted``."""
        return self._services.applications.record_contact(self._actor, number, note)

    @allowed(*COUNTER)
    def complete_application(self, number: str, note: str = "") -> Application:
        return self._services.applications.complete(self._actor, number, note)

    @allowed(*COUNTER)
    def cancel_application(self, number: str, reason: str) -> Application:
        return self._services.applications.cancel(self._actor, number, reason)

    @allowed(*COUNTER)
    def urgent_applications(self) -> tuple[Application, ...]:
        """Open applications overdue, urged (催办) or escalated, oldest first: a clerk's own, or
        all of them for a lead."""
        return self._services.applications.urgent(self._actor, everyone=self.role is Role.LEAD)

    @allowed(*LEAD_ONLY)
    def escalate(self, number: str, note: str) -> Application:
        return self._services.applications.escalate(self._actor, number, note)

    @allowed(*LEAD_ONLY)
    def urge(self, number: str, note: str) -> Application:
        """催办: counted and logged; shows in the handling clerk's urgent list."""
        return self._services.applications.urge(self._actor, number, note)

    @allowed(*LEAD_ONLY)
    def complaint_counts(self, first_day: date, last_day: date) -> dict[str, int]:
        """Complaints naming a staff member, saved in these business days, by staff code."""
        return self._services.applications.complaint_counts(
            _checked_day(first_day), _checked_day(last_day)
        )

    # -- the hall calendar -------------------------------------------------------------------

    def calendar(self, year: int | None = None) -> tuple[CalendarDay, ...]:
        """The hall's holidays and 调休 workdays of ``year`` (None: all), by date."""
        self._check(tuple(Role))
        return self._services.calendar.days(year)

    @allowed(*LEAD_ONLY)
    def set_calendar_day(self, day: date, kind: str | None, name: str = "") -> None:
        """kind: "holiday", "workday" (a weekend day made a working day) or None (ordinary)."""
        self._services.calendar.set_day(day, kind, name)

    # -- shift lead --------------------------------------------------------------------------

    @allowed(*LEAD_ONLY)
    def add_staff(self, *, code: str, name: str, role: str, password: str) -> StaffMember:
        return self._services.staff.add(code=code, name=name, role=role, password=password)

    @allowed(*LEAD_ONLY)
    def add_account(
        self,
        *,
        account: str,
        name: str,
        address: str,
        phone: str = "",
        tariff_class: str = "居民生活",
        arrears_fen: int = 0,
        prepaid_fen: int = 0,
        voltage_class: str = "不满1kV",
        capacity_kva: int = 0,
    ) -> Account:
        """voltage_class: 不满1kV, 1-10kV, 35kV, 110kV or 220kV; capacity_kva: 合同容量."""
        return self._services.accounts.add(
            account=account,
            name=name,
            address=address,
            phone=phone,
            tariff_class=tariff_class,
            voltage_class=voltage_class,
            capacity_kva=capacity_kva,
            arrears_fen=arrears_fen,
            prepaid_fen=prepaid_fen,
        )

    @allowed(*LEAD_ONLY)
    def preview_account_import(self, source: str | os.PathLike[str] | bytes) -> ImportReport:
        """Check a billing-system CSV export (a path or its bytes) and report what importing it
        would do; changes nothing. InvalidInput for a file that cannot be read as a whole."""
        return self._services.account_import.preview(source)

    @allowed(*LEAD_ONLY)
    def import_accounts(
        self, source: str | os.PathLike[str] | bytes, *, skip_bad_rows: bool = False
    ) -> ImportReport:
        """Import a billing-system CSV export, all or nothing: new accounts are added, existing
        ones updated (the billing data is the truth). A file with bad rows raises
        hall.account_import.ImportRefused (an InvalidInput carrying the report) and imports
        nothing, unless ``skip_bad_rows``: then only the good rows are imported."""
        return self._services.account_import.run(source, skip_bad_rows=skip_bad_rows)

    @allowed(*LEAD_ONLY)
    def staff(self) -> tuple[StaffMember, ...]:
        return self._services.staff.members()

    @allowed(*LEAD_ONLY)
    def set_staff_active(self, code: str, active: bool) -> None:
        if code == self.code and not active:
            raise Conflict("不能停用自己的账号", code="self_deactivate")
        self._services.staff.set_active(code, active)

    @allowed(*LEAD_ONLY)
    def reset_password(self, code: str, password: str) -> None:
        self._services.staff.reset_password(code, password)

    @allowed(*LEAD_ONLY)
    def unlock_staff(self, code: str) -> None:
        self._services.staff.unlock(code)

    @allowed(*LEAD_ONLY)
    def save_business(
        self,
        code: str,
        *,
        name: str,
        target_min: int,
        daily_cap: int = 999,
        alert_waiting: int = 10,
        opens_at: time = time(8, 30),
        closes_at: time = time(17, 30),
        open_days: str = "1234567",
        active: bool = True,
    ) -> BusinessType:
        return self._services.catalog.save_business(
            code,
            name=name,
            target_min=target_min,
            daily_cap=daily_cap,
            alert_waiting=alert_waiting,
            opens_at=opens_at,
            closes_at=closes_at,
            open_days=open_days,
            active=active,
        )

    @allowed(*LEAD_ONLY)
    def save_window(
        self,
        number: int,
        *,
        businesses: list[str] | tuple[str, ...],
        name: str | None = None,
        active: bool = True,
    ) -> Window:
        return self._services.catalog.save_window(
            number, businesses=businesses, name=name, active=active
        )

    @allowed(*LEAD_ONLY)
    def jump(self, number: str, reason: str) -> Ticket:
        """Queue jump: a waiting ticket is served next, with the reason recorded."""
        return self._services.queue.jump(self._actor, number, reason)

    @allowed(*LEAD_ONLY)
    def end_day(self) -> int:
        """End today's business now: unserved tickets are closed; returns how many."""
        return self._services.days.end_today(self._actor.staff_id)

    @allowed(*LEAD_ONLY)
    def reopen_day(self) -> None:
        self._services.days.reopen_today()

    @allowed(*LEAD_ONLY)
    def daily_sheet(self, day: date) -> DailySheet:
        """How the business day ``day`` went: counts by business, window and clerk (日报)."""
        return self._services.reports.daily_sheet(_checked_day(day))

    @allowed(*COUNTER)
    def assessment(self, first: date, last: date, *, clerk: str | None = None) -> Assessment:
        """The staff assessment (考核) over the business days ``first`` to ``last``: a lead sees
        every clerk (or ``clerk``), a clerk only their own sheet."""
        if self.role is not Role.LEAD:
            if clerk not in (None, self.code):
                raise PermissionDenied("只能查看自己的考核", code="permission")
            clerk = self.code
        return self._services.assessments.assess(
            _checked_day(first), _checked_day(last), only=clerk
        )

    @allowed(*COUNTER)
    def assessment_rules(self) -> AssessmentRules:
        return self._services.assessments.rules()

    @allowed(*LEAD_ONLY)
    def set_assessment_rules(self, rules: AssessmentRules) -> AssessmentRules:
        """Change the assessment's weights and star thresholds for the whole hall."""
        return self._services.assessments.set_rules(rules)

    @allowed(*LEAD_ONLY)
    def export_daily_sheet(self, day: date, path: str | os.PathLike[str]) -> Path:
        """Write the day's sheet as PDF or XLSX (by the suffix of ``path``); the path written."""
        return export_daily_sheet(self.daily_sheet(day), path)

    @allowed(*LEAD_ONLY)
    def hall_overview(self) -> HallOverview:
        """The hall right now: each business's load, each window's state, and the alerts."""
        return self._services.overview.overview()

    @allowed(*LEAD_ONLY)
    def set_business_open(self, code: str, open: bool) -> BusinessType:  # noqa: A002 (the word)
        """Open or close a business type for new tickets (those waiting are still served)."""
        return self._services.overview.set_business_open(code, open)

    @allowed(*LEAD_ONLY)
    def start_outage_surge(
        self,
        *,
        notice: str,
        code: str = "T",
        name: str = "停电咨询",
        windows: Sequence[int] | None = None,
    ) -> BusinessType:
        """Outage surge (停电咨询): a temporary business with its own prefix at these windows (all
        active ones by default), announced on the hall display by ``notice``."""
        return self._services.overview.start_surge(
            notice=notice, code=code, name=name, windows=windows, set_notice=self._hall._set_notice
        )

    @allowed(*LEAD_ONLY)
    def end_outage_surge(self) -> None:
        self._services.overview.end_surge(set_notice=self._hall._set_notice)

    @allowed(*LEAD_ONLY)
    def set_notice(self, text: str) -> None:
        """The scrolling notice line of the hall display (e.g. an outage notice)."""
        self._hall._set_notice(text)


def _checked_day(day: object) -> date:
    if isinstance(day, datetime) or not isinstance(day, date):
        raise InvalidInput("请给出营业日的日期", code="invalid_day")
    return day


def _optional_day(day: object) -> date | None:
    return None if day is None else _checked_day(day)
