"""Business applications (受理单): saving a form at the counter, and its life until completed.

Saving is one write transaction: the form is checked (hall.forms) and then against the database
(the account exists and owes nothing where that is the rule, the yearly limits of 暂停, the staff
member complained about exists), and only then the next number of the hall's series for the year
is taken, so a refused form uses no number and the series stays gapless.

The clock of an application starts when its file is complete: while documents are missing it is
``waiting_documents`` with no due date; once they are in it is ``accepted`` with its due date
(working days by the hall calendar, or hours for a repair crew). A form handled at the counter
(an inquiry answered there, a bill printed) is saved ``completed``. Complaints are ``contacted``
once the customer was called back. Every step appends a row to the application's event log.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from types import MappingProxyType
from typing import Any

from sqlalchemy import ColumnElement, Connection, Row, Select, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased

from db import models as m
from hall.calendar import HallCalendar
from hall.context import HallContext
from hall.errors import Conflict, FormInvalid, InvalidInput, NotFound
from hall.events import HallEvent
from hall.forms import (
    COMPLAINT_CONTACT_DAYS,
    FORMS,
    SUSPENSION,
    FieldKind,
    FormKind,
    check_form,
    suspension_errors,
)
from hall.money import format_yuan
from hall.queue import OPEN, Actor
from hall.validation import mask_id, mask_phone

logger = logging.getLogger(__name__)

AP = m.Application.__table__
AEV = m.ApplicationEvent.__table__
ASEQ = m.ApplicationSequence.__table__
ACC = m.Account.__table__
T = m.Ticket.__table__

STATUS_LABELS = {
    "waiting_documents": "待补资料",
    "accepted": "已受理",
    "contacted": "已联系",
    "completed": "已办结",
    "cancelled": "已撤销",
}
OPEN_STATUSES = ("waiting_documents", "accepted", "contacted")
EVENT_LABELS = {
    "saved": "受理",
    "documents": "补交资料",
    "accepted": "资料齐全",
    "contacted": "联系客户",
    "escalated": "升级处理",
    "urged": "催办",
    "completed": "办结",
    "cancelled": "撤销",
}
LIST_FILTERS = ("open", "overdue", *STATUS_LABELS)
MAX_NOTE_LENGTH = 500
MAX_LIST = 1000
ATTEMPTS = 3
# An account closed (销户) can still print old bills, ask and complain, but not apply for more.
NOT_FOR_CLOSED_ACCOUNTS = frozenset("CDEFG")


def application_number(year: int, seq: int) -> str:
    """ "SQ2026-000123": 申请 (SQ), the year and the 6-digit number of the hall's series."""
    return f"SQ{year}-{seq:06d}"


@dataclass(frozen=True, slots=True)
class Application:
    """An application as the screens show it: ID numbers and phones masked, times in hall time.

    ``overdue``: still open and past its due day (``due_on``), due moment (``due_at``) or, for
    a complaint not yet contacted, its contact-by day, as of when it was read.
    """

    id: int
    number: str
    form: str
    title: str
    business: str
    account: str | None
    customer_name: str
    masked_phone: str
    fields: Mapping[str, object]
    documents_needed: tuple[str, ...]
    documents_received: tuple[str, ...]
    status: str
    status_label: str
    due_on: date | None
    due_at: datetime | None
    category: str | None
    severity: str | None
    contact_by: date | None
    against: str | None
    escalated: bool
    urged: int
    clerk: str
    clerk_name: str
    window: int | None
    ticket_number: str | None
    created_at: datetime
    completed_at: datetime | None
    overdue: bool

    @property
    def missing_documents(self) -> tuple[str, ...]:
        """The checklist entries not handed in yet (what the 一次性告知 slip lists)."""
        return tuple(d for d in self.documents_needed if d not in self.documents_received)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


@dataclass(frozen=True, slots=True)
class ApplicationEvent:
    code: str
    label: str
    at: datetime
    staff: str | None
    staff_name: str | None
    note: str


@dataclass(frozen=True, slots=True)
class ApplicationChanged(HallEvent):
    """An application was saved or moved on (documents, contact, urge, completion...)."""

    number: str
    status: str


class Applications:
    """Saving and following up applications. Thread-safe; each call is one transaction."""

    def __init__(self, ctx: HallContext, calendar: HallCalendar) -> None:
        self._ctx = ctx
        self._calendar = calendar

    # -- saving ------------------------------------------------------------------------------

    def save(
        self,
        actor: Actor,
        form_code: str,
        values: Mapping[str, object],
        *,
        documents_received: Iterable[str] = (),
    ) -> Application:
        form = FORMS.get(form_code) if isinstance(form_code, str) else None
        if form is None:
            raise NotFound(f"没有这种受理单：{form_code}", code="form_not_found")
        if not isinstance(values, Mapping):
            raise InvalidInput("表单内容无效", code="invalid_values")
        received = _checked_documents(form, documents_received)
        ctx = self._ctx
        cleaned, errors = check_form(form, values, today=ctx.today())
        if errors:
            raise FormInvalid(errors)
        business_id = ctx.names.business_id(form.business)
        if business_id is None:
            raise Conflict(f"业务类型 {form.business} 不存在，请联系值班长", code="no_business")
        for _attempt in range(ATTEMPTS):
            try:
                with ctx.database.write() as conn:
                    now = ctx.now()
                    against_id = self._check_with_database(conn, form, cleaned)
                    application_id = self._insert(
                        conn,
                        now,
                        actor,
                        form,
                        cleaned,
                        received,
                        business_id=business_id,
                        against_id=against_id,
                    )
                    application = self._read(conn, application_id)
                break
            except IntegrityError:
                # Two PCs created the year's first sequence row at once; try again.
                logger.info("application sequence race, retrying")
        else:
            raise Conflict("受理繁忙，请重试", code="busy")
        logger.info("application %s (%s) saved", application.number, form.code)
        ctx.events.emit(ApplicationChanged(application.number, application.status))
        return application

    def _check_with_database(
        self, conn: Connection, form: FormKind, values: Mapping[str, object]
    ) -> int | None:
        """FormInvalid unless the database agrees; the id of the staff member complained about."""
        ctx = self._ctx
        errors: dict[str, str] = {}
        account = None
        number = values.get("account")
        if isinstance(number, str):
            length = conn.execute(
                select(m.Hall.account_length).where(m.Hall.id == ctx.hall_id)
            ).scalar_one()
            if len(number) != length:
                errors["account"] = f"户号应为{length}位数字"
            else:
                # FOR UPDATE: two counters never both pass the yearly 暂停 limits (PostgreSQL).
                account = conn.execute(
                    select(ACC)
                    .where(ACC.c.hall_id == ctx.hall_id, ACC.c.account == number)
                    .with_for_update()
                ).one_or_none()
                if account is None:
                    errors["account"] = f"没有户号为 {number} 的客户"
        if account is not None:
            errors.update(_account_rules(form, values, account))
        if account is not None and form is SUSPENSION and not errors:
            start, end = values["start"], values["end"]
            assert isinstance(start, date) and isinstance(end, date)
            errors.update(suspension_errors(start, end, self._suspensions(conn, account.account)))
        against_id = None
        code = values.get("against")
        if isinstance(code, str):
            against_id = conn.execute(
                select(m.Staff.id).where(m.Staff.hall_id == ctx.hall_id, m.Staff.code == code)
            ).scalar_one_or_none()
            if against_id is None:
                errors["against"] = f"没有工号为 {code} 的员工"
        if errors:
            raise FormInvalid(errors)
        return against_id

    def _suspensions(self, conn: Connection, account: str) -> list[tuple[date, date]]:
        rows = conn.execute(
            select(AP.c.fields).where(
                AP.c.hall_id == self._ctx.hall_id,
                AP.c.account == account,
                AP.c.form == SUSPENSION.code,
                AP.c.status != "cancelled",
            )
        ).scalars()
        periods = []
        for text in rows:
            stored = json.loads(text)
            periods.append((date.fromisoformat(stored["start"]), date.fromisoformat(stored["end"])))
        return periods

    def _insert(
        self,
        conn: Connection,
        now: datetime,
        actor: Actor,
        form: FormKind,
        values: Mapping[str, object],
        received: tuple[str, ...],
        *,
        business_id: int,
        against_id: int | None,
    ) -> int:
        ctx = self._ctx
        year = now.astimezone(ctx.zone).year
        seq = conn.execute(
            update(ASEQ)
            .where(ASEQ.c.hall_id == ctx.hall_id, ASEQ.c.year == year)
            .values(last_seq=ASEQ.c.last_seq + 1)
            .returning(ASEQ.c.last_seq)
        ).scalar_one_or_none()
        if seq is None:
            conn.execute(insert(ASEQ).values(hall_id=ctx.hall_id, year=year, last_seq=1))
            seq = 1
        ticket_id = None
        if actor.window_id is not None:
            ticket_id = conn.execute(
                select(T.c.id).where(T.c.window_id == actor.window_id, OPEN)
            ).scalar_one_or_none()
        missing = [d for d in form.documents if d not in received]
        progress = (
            {"status": "waiting_documents"} if missing else self._clock(conn, form, values, now)
        )
        phone = next((values[k] for k in ("mobile", "phone", "landline") if values.get(k)), "")
        application_id = conn.execute(
            insert(AP)
            .values(
                hall_id=ctx.hall_id,
                number=application_number(year, seq),
                form=form.code,
                business_id=business_id,
                ticket_id=ticket_id,
                account=values.get("account"),
                customer_name=values["customer_name"],
                phone=phone,
                fields=json.dumps(values, ensure_ascii=False, default=date.isoformat),
                documents_needed=json.dumps(form.documents, ensure_ascii=False),
                documents_received=json.dumps(received, ensure_ascii=False),
                category=values.get("category") if form.complaint else None,
                severity=values.get("severity") if form.complaint else None,
                against_staff_id=against_id,
                clerk_id=actor.staff_id,
                window_id=actor.window_id,
                created_at=now,
                updated_at=now,
                **progress,
            )
            .returning(AP.c.id)
        ).scalar_one()
        note = form.title + ("；缺：" + "、".join(missing) if missing else "")
        self._log(conn, application_id, "saved", actor.staff_id, now, note)
        if progress["status"] == "completed":
            self._log(conn, application_id, "completed", actor.staff_id, now, "当场办结")
        return application_id

    def _clock(
        self, conn: Connection, form: FormKind, values: Mapping[str, object], now: datetime
    ) -> dict[str, object]:
        """Status and due dates of a complete file, counted from ``now``."""
        today = self._ctx.today(now)
        days = form.due.days_for(values)
        hours = form.due.hours_for(values)
        if days is None and hours is None:
            return {"status": "completed", "completed_at": now}
        progress: dict[str, object] = {"status": "accepted"}
        if days is not None:
            progress["due_on"] = self._calendar.add_working_days(conn, today, days)
        if hours is not None:
            progress["due_at"] = now + timedelta(hours=hours)
        if form.complaint:
            progress["contact_by"] = self._calendar.add_working_days(
                conn, today, COMPLAINT_CONTACT_DAYS
            )
        return progress

    # -- moving on ---------------------------------------------------------------------------

    def receive_documents(self, actor: Actor, number: str, documents: Iterable[str]) -> Application:
        """Documents handed in later; when the file is complete the clock starts."""
        ctx = self._ctx
        with ctx.database.write() as conn:
            now = ctx.now()
            row = self._locked(conn, number)
            if row.status != "waiting_documents":
                raise Conflict(
                    f"受理单 {row.number} {STATUS_LABELS[row.status]}，无需补交资料",
                    code="documents_complete",
                )
            form = _form_of(row.form)
            needed = tuple(json.loads(row.documents_needed))
            handed = _checked_documents(form, documents, needed)
            if not handed:
                raise InvalidInput("请勾选补交的资料", code="no_documents")
            have = set(json.loads(row.documents_received)) | set(handed)
            received = tuple(d for d in needed if d in have)
            missing = [d for d in needed if d not in have]
            changes: dict[str, object] = {
                "documents_received": json.dumps(received, ensure_ascii=False),
                "updated_at": now,
            }
            if not missing:
                changes.update(self._clock(conn, form, json.loads(row.fields), now))
            conn.execute(update(AP).where(AP.c.id == row.id).values(**changes))
            self._log(conn, row.id, "documents", actor.staff_id, now, "、".join(handed))
            if not missing:
                self._log(conn, row.id, "accepted", actor.staff_id, now, "")
            application = self._read(conn, row.id)
        ctx.events.emit(ApplicationChanged(application.number, application.status))
        return application

    def record_contact(self, actor: Actor, number: str, note: str) -> Application:
        """The customer was called back; a complaint becomes ``contacted``."""
        text = _note(note, "请填写联系情况")

        def contact(row: Row[Any], now: datetime) -> dict[str, object]:
            complaint = _form_of(row.form).complaint
            return {"status": "contacted"} if complaint and row.status == "accepted" else {}

        return self._move(actor, number, "contacted", text, contact)

    def complete(self, actor: Actor, number: str, note: str = "") -> Application:
        def finish(row: Row[Any], now: datetime) -> dict[str, object]:
            if row.status == "waiting_documents":
                raise Conflict(f"受理单 {row.number} 资料未齐，不能办结", code="documents_missing")
            return {"status": "completed", "completed_at": now}

        return self._move(actor, number, "completed", _note(note), finish)

    def cancel(self, actor: Actor, number: str, reason: str) -> Application:
        text = _note(reason, "请填写撤销原因")
        return self._move(
            actor, number, "cancelled", text, lambda row, now: {"status": "cancelled"}
        )

    def escalate(self, actor: Actor, number: str, note: str) -> Application:
        def raise_up(row: Row[Any], now: datetime) -> dict[str, object]:
            if row.escalated:
                raise Conflict(f"受理单 {row.number} 已升级处理", code="already_escalated")
            return {"escalated": True}

        return self._move(actor, number, "escalated", _note(note), raise_up)

    def urge(self, actor: Actor, number: str, note: str) -> Application:
        """催办: counted and logged; the handling clerk sees it in their urgent list."""
        return self._move(
            actor, number, "urged", _note(note), lambda row, now: {"urged": AP.c.urged + 1}
        )

    def _move(
        self,
        actor: Actor,
        number: str,
        code: str,
        note: str,
        changes: Callable[[Row[Any], datetime], dict[str, object]],
    ) -> Application:
        """One step of an open application: ``changes(row, now)`` gives the new column values."""
        ctx = self._ctx
        with ctx.database.write() as conn:
            now = ctx.now()
            row = self._locked(conn, number)
            if row.status not in OPEN_STATUSES:
                raise Conflict(
                    f"受理单 {row.number} {STATUS_LABELS[row.status]}，不能再办理",
                    code="application_closed",
                )
            values = changes(row, now)
            conn.execute(update(AP).where(AP.c.id == row.id).values(updated_at=now, **values))
            self._log(conn, row.id, code, actor.staff_id, now, note)
            application = self._read(conn, row.id)
        logger.info("application %s: %s", application.number, code)
        ctx.events.emit(ApplicationChanged(application.number, application.status))
        return application

    def _locked(self, conn: Connection, number: str) -> Row[Any]:
        row = conn.execute(self._by_number(number).with_for_update()).one_or_none()
        if row is None:
            raise NotFound(f"没有受理单号为 {number} 的受理单", code="application_not_found")
        return row

    def _by_number(self, number: str) -> Select[Any]:
        if not isinstance(number, str):
            raise InvalidInput("请输入受理单号", code="invalid_application_number")
        wanted = number.strip().upper()
        return select(AP).where(AP.c.hall_id == self._ctx.hall_id, AP.c.number == wanted)

    def _log(
        self,
        conn: Connection,
        application_id: int,
        code: str,
        staff_id: int,
        at: datetime,
        note: str,
    ) -> None:
        conn.execute(
            insert(AEV).values(
                hall_id=self._ctx.hall_id,
                application_id=application_id,
                code=code,
                staff_id=staff_id,
                at=at,
                note=note,
            )
        )

    # -- reading -----------------------------------------------------------------------------

    def get(self, number: str) -> Application:
        with self._ctx.database.read() as conn:
            return self._read(conn, self._id_of(conn, number))

    def _id_of(self, conn: Connection, number: str) -> int:
        found = conn.execute(self._by_number(number).with_only_columns(AP.c.id)).scalar()
        if found is None:
            raise NotFound(f"没有受理单号为 {number} 的受理单", code="application_not_found")
        return found

    def events(self, number: str) -> tuple[ApplicationEvent, ...]:
        with self._ctx.database.read() as conn:
            application_id = self._id_of(conn, number)
            rows = conn.execute(
                select(AEV, m.Staff.code.label("staff_code"), m.Staff.name.label("staff_name"))
                .outerjoin(m.Staff, m.Staff.id == AEV.c.staff_id)
                .where(AEV.c.application_id == application_id)
                .order_by(AEV.c.id)
            ).all()
        zone = self._ctx.zone
        return tuple(
            ApplicationEvent(
                code=r.code,
                label=EVENT_LABELS.get(r.code, r.code),
                at=r.at.astimezone(zone),
                staff=r.staff_code,
                staff_name=r.staff_name,
                note=r.note,
            )
            for r in rows
        )

    def find(
        self,
        actor: Actor,
        *,
        status: str | None = None,
        account: str | None = None,
        mine: bool = False,
        limit: int = 200,
    ) -> tuple[Application, ...]:
        """Newest first. status: None (all), "open", "overdue" or one status."""
        if status is not None and status not in LIST_FILTERS:
            raise InvalidInput(
                "状态应为：open、overdue、" + "、".join(STATUS_LABELS), code="invalid_status"
            )
        if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIST:
            raise InvalidInput(f"条数应在1到{MAX_LIST}之间", code="invalid_limit")
        now = self._ctx.now()
        wheres: list[ColumnElement[bool]] = []
        if status == "open":
            wheres.append(AP.c.status.in_(OPEN_STATUSES))
        elif status == "overdue":
            wheres.append(_overdue(now, self._ctx.today(now)))
        elif status is not None:
            wheres.append(AP.c.status == status)
        if account is not None:
            if not isinstance(account, str):
                raise InvalidInput("请输入户号", code="invalid_account")
            wheres.append(AP.c.account == account.strip())
        if mine:
            wheres.append(AP.c.clerk_id == actor.staff_id)
        return self._list(now, wheres, AP.c.id.desc(), limit)

    def urgent(self, actor: Actor, *, everyone: bool) -> tuple[Application, ...]:
        """Open and overdue, urged or escalated; oldest first. Only the actor's own unless
        ``everyone``."""
        now = self._ctx.now()
        wheres = [
            AP.c.status.in_(OPEN_STATUSES),
            or_(_overdue(now, self._ctx.today(now)), AP.c.urged > 0, AP.c.escalated),
        ]
        if not everyone:
            wheres.append(AP.c.clerk_id == actor.staff_id)
        return self._list(now, wheres, AP.c.id, MAX_LIST)

    def complaint_counts(self, first_day: date, last_day: date) -> dict[str, int]:
        """Complaints (not cancelled) saved in [first_day, last_day] naming a staff member, by
        staff code: for the staff assessment (考核)."""
        zone = self._ctx.zone
        since = datetime.combine(first_day, datetime.min.time(), zone)
        until = datetime.combine(last_day + timedelta(days=1), datetime.min.time(), zone)
        with self._ctx.database.read() as conn:
            rows = conn.execute(
                select(m.Staff.code, func.count())
                .join(AP, AP.c.against_staff_id == m.Staff.id)
                .where(
                    AP.c.hall_id == self._ctx.hall_id,
                    AP.c.status != "cancelled",
                    AP.c.created_at >= since,
                    AP.c.created_at < until,
                )
                .group_by(m.Staff.code)
            ).all()
        return {code: count for code, count in rows}

    def _list(
        self, now: datetime, wheres: list[ColumnElement[bool]], order: Any, limit: int
    ) -> tuple[Application, ...]:
        query = _application_query().where(AP.c.hall_id == self._ctx.hall_id, *wheres)
        with self._ctx.database.read() as conn:
            rows = conn.execute(query.order_by(order).limit(limit)).all()
        return tuple(self._to_application(r, now) for r in rows)

    def _read(self, conn: Connection, application_id: int) -> Application:
        row = conn.execute(_application_query().where(AP.c.id == application_id)).one()
        return self._to_application(row, self._ctx.now())

    def _to_application(self, row: Row[Any], now: datetime) -> Application:
        ctx = self._ctx
        form = FORMS.get(row.form)
        stored = json.loads(row.fields)
        return Application(
            id=row.id,
            number=row.number,
            form=row.form,
            title=form.title if form else row.form,
            business=ctx.names.business_code(row.business_id),
            account=row.account,
            customer_name=row.customer_name,
            masked_phone=mask_phone(row.phone) if row.phone else "",
            fields=MappingProxyType(_shown_fields(form, stored)),
            documents_needed=tuple(json.loads(row.documents_needed)),
            documents_received=tuple(json.loads(row.documents_received)),
            status=row.status,
            status_label=STATUS_LABELS[row.status],
            due_on=row.due_on,
            due_at=row.due_at.astimezone(ctx.zone) if row.due_at else None,
            category=row.category,
            severity=row.severity,
            contact_by=row.contact_by,
            against=row.against_code,
            escalated=bool(row.escalated),
            urged=row.urged,
            clerk=row.clerk_code,
            clerk_name=row.clerk_name,
            window=row.window_number,
            ticket_number=row.ticket_number,
            created_at=row.created_at.astimezone(ctx.zone),
            completed_at=row.completed_at.astimezone(ctx.zone) if row.completed_at else None,
            overdue=_is_overdue(row, now, ctx.today(now)),
        )


def _application_query() -> Select[Any]:
    clerk = aliased(m.Staff)
    against = aliased(m.Staff)
    return (
        select(
            AP,
            clerk.code.label("clerk_code"),
            clerk.name.label("clerk_name"),
            against.code.label("against_code"),
            m.Window.number.label("window_number"),
            m.Ticket.number.label("ticket_number"),
        )
        .join(clerk, clerk.id == AP.c.clerk_id)
        .outerjoin(against, against.id == AP.c.against_staff_id)
        .outerjoin(m.Window, m.Window.id == AP.c.window_id)
        .outerjoin(m.Ticket, m.Ticket.id == AP.c.ticket_id)
    )


def _overdue(now: datetime, today: date) -> ColumnElement[bool]:
    return AP.c.status.in_(OPEN_STATUSES) & or_(
        AP.c.due_on < today,
        AP.c.due_at < now,
        (AP.c.status == "accepted") & (AP.c.contact_by < today),
    )


def _is_overdue(row: Row[Any], now: datetime, today: date) -> bool:
    if row.status not in OPEN_STATUSES:
        return False
    return bool(
        (row.due_on is not None and row.due_on < today)
        or (row.due_at is not None and row.due_at < now)
        or (row.status == "accepted" and row.contact_by is not None and row.contact_by < today)
    )


def _shown_fields(form: FormKind | None, stored: dict[str, object]) -> dict[str, object]:
    """Stored values as a screen may show them: dates as dates, ID numbers and phones masked."""
    if form is None:
        return stored
    shown = dict(stored)
    for item in form.fields:
        value = stored.get(item.key)
        if not isinstance(value, str):
            continue
        if item.kind is FieldKind.DATE:
            shown[item.key] = date.fromisoformat(value)
        elif item.kind is FieldKind.ID_NUMBER:
            shown[item.key] = mask_id(value)
        elif item.kind in (FieldKind.MOBILE, FieldKind.PHONE):
            shown[item.key] = mask_phone(value)
    return shown


def _account_rules(
    form: FormKind, values: Mapping[str, object], account: Row[Any]
) -> dict[str, str]:
    """What the customer's account (客户档案) says about this form."""
    if account.status == "closed" and form.business in NOT_FOR_CLOSED_ACCOUNTS:
        return {"account": f"户号 {account.account} 已销户"}
    if form.needs_settled_account(values) and account.arrears_fen > 0:
        what = values.get("request") if not isinstance(form.settle_arrears, bool) else None
        return {
            "account": f"该户尚欠电费{format_yuan(account.arrears_fen)}，"
            f"须先结清电费才能办理{what or form.title.removesuffix('申请')}"
        }
    capacity = account.capacity_kva
    if values.get("request") == "增容" and capacity and values["capacity_kva"] <= capacity:
        return {"capacity_kva": f"增容后的容量应大于现有容量{capacity}kVA"}
    if "current_class" in values and values["current_class"] != account.tariff_class:
        return {"current_class": f"原用电类别与客户档案不符（档案为{account.tariff_class}）"}
    if "current_kva" in values and capacity and values["current_kva"] != capacity:
        return {"current_kva": f"原容量与客户档案不符（档案为{capacity}kVA）"}
    suspended = values.get("suspended_kva")
    if isinstance(suspended, int) and capacity and suspended > capacity:
        return {"suspended_kva": f"暂停容量不能大于合同容量{capacity}kVA"}
    return {}


def _form_of(code: str) -> FormKind:
    form = FORMS.get(code)
    if form is None:  # a form retired by a later version: its applications stay readable
        raise Conflict(f"受理单类型 {code} 已停用，不能再办理", code="form_retired")
    return form


def _checked_documents(
    form: FormKind, documents: Iterable[str], needed: tuple[str, ...] | None = None
) -> tuple[str, ...]:
    """The documents handed in, in checklist order; InvalidInput for one not on the list."""
    checklist = form.documents if needed is None else needed
    if isinstance(documents, str):
        raise InvalidInput("资料应为资料名称的列表", code="invalid_documents")
    given = set(documents)
    unknown = sorted(d for d in given if d not in checklist)
    if unknown:
        raise InvalidInput(
            f"“{'、'.join(map(str, unknown))}”不在{form.title}的资料清单中",
            code="unknown_document",
        )
    return tuple(d for d in checklist if d in given)


def _note(text: str, required: str | None = None) -> str:
    if not isinstance(text, str):
        raise InvalidInput("说明必须是文字", code="invalid_note")
    cleaned = text.strip()
    if not cleaned and required:
        raise InvalidInput(required, code="note_required")
    if len(cleaned) > MAX_NOTE_LENGTH:
        raise InvalidInput(f"说明不能超过{MAX_NOTE_LENGTH}个字", code="note_too_long")
    return cleaned
