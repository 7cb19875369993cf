"""The Hall: one open hall database, the single entry point of the core."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Row, exists, or_, select, update
from sqlalchemy.exc import IntegrityError

from db import models as m
from db.engine import ChangeWatcher, Database
from hall.account_import import AccountImporter
from hall.accounts import Accounts
from hall.applications import Applications
from hall.assessment import Assessments
from hall.calendar import HallCalendar
from hall.catalog import Catalog
from hall.clock import DEFAULT_TIMEZONE, Clock, checked_now
from hall.context import HallContext
from hall.days import BusinessDays
from hall.desk import Desk
from hall.errors import Conflict, InvalidInput, NotFound
from hall.events import EventBus, SetupChanged
from hall.overview import Overview
from hall.payments import Payments
from hall.queue import CALL_ORDER, OPEN, TICKET_COLUMNS, QueueEngine
from hall.ratings import Ratings
from hall.records import CallNotice, EventCode, QueueSnapshot, Role, Ticket, TicketStatus
from hall.reports import DailySheet, Reports
from hall.settlement import Settlements
from hall.staff import StaffDirectory
from hall.visits import Visits
from hall.windows import Windows

logger = logging.getLogger(__name__)

# The hall a database opens by default; several halls share a server under codes of their own.
HALL_CODE = "main"
_HALL_CODE_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
MAX_NOTICE_LENGTH = 500
# How long after a service the rating pad still asks about it.
RATING_WINDOW = timedelta(minutes=3)
T = m.Ticket.__table__
EV = m.TicketEvent.__table__


@dataclass(frozen=True)
class _Services:
    ctx: HallContext
    days: BusinessDays
    queue: QueueEngine
    catalog: Catalog
    staff: StaffDirectory
    windows: Windows
    ratings: Ratings
    accounts: Accounts
    account_import: AccountImporter
    visits: Visits
    payments: Payments
    calendar: HallCalendar
    applications: Applications
    reports: Reports
    assessments: Assessments
    overview: Overview
    settlements: Settlements


def check_hall_code(code: str) -> str:
    """A hall's code as given (``main``, ``east-2``): 1 to 32 letters, digits, ``_`` or ``-``."""
    if not isinstance(code, str) or not 1 <= len(code) <= 32 or not set(code) <= _HALL_CODE_CHARS:
        raise InvalidInput(
            f"营业厅代码“{code}”无效：须为1到32个字母、数字、下划线或连字符", code="invalid_hall"
        )
    return code


class Hall:
    """An open hall. Thread-safe. Get one with ``hall.open_hall``.

    ``code`` picks the hall among those sharing the database (``halls.code``); every query and
    every number series is scoped to it.
    """

    def __init__(self, database: Database, clock: Clock, code: str = HALL_CODE) -> None:
        self.database = database
        self.clock = clock
        self.code = check_hall_code(code)
        self.events = EventBus()
        self._lock = threading.Lock()
        self._services: _Services | None = None
        self._closed = False
        with database.read() as conn:
            row = conn.execute(select(m.Hall).where(m.Hall.code == self.code)).one_or_none()
            if row is not None:
                self._services = self._services_for(row.id, row.timezone)

    def _services_for(self, hall_id: int, timezone: str) -> _Services:
        ctx = HallContext(self.database, self.clock, self.events, hall_id, ZoneInfo(timezone))
        days = BusinessDays(ctx)
        staff = StaffDirectory(ctx)
        accounts = Accounts(ctx)
        calendar = HallCalendar(ctx)
        reports = Reports(ctx)
        catalog = Catalog(ctx)
        return _Services(
            ctx=ctx,
            days=days,
            queue=QueueEngine(ctx, days),
            catalog=catalog,
            staff=staff,
            windows=Windows(ctx),
            ratings=Ratings(ctx),
            accounts=accounts,
            account_import=AccountImporter(ctx, accounts),
            visits=Visits(ctx),
            payments=Payments(ctx, staff),
            calendar=calendar,
            applications=Applications(ctx, calendar),
            reports=reports,
            assessments=Assessments(ctx, reports),
            overview=Overview(ctx, catalog, self.snapshot),
            settlements=Settlements(ctx),
        )

    def _services_or_fail(self) -> _Services:
        if self._services is None:
            raise Conflict("营业厅尚未初始化，请先完成首次设置", code="not_set_up")
        return self._services

    @property
    def needs_setup(self) -> bool:
        return self._services is None

    @property
    def name(self) -> str:
        return self._hall_row().name

    @property
    def notice(self) -> str:
        return self._hall_row().notice

    @property
    def zone(self) -> ZoneInfo:
        return self._services_or_fail().ctx.zone

    def today(self) -> date:
        """The current business day, in the hall's timezone."""
        return self._services_or_fail().ctx.today()

    def daily_sheet(self, day: date) -> DailySheet:
        """The day's sheet, for trusted tools with direct database access (``main.py report``);
        people read it through a lead's ``Desk.daily_sheet``."""
        return self._services_or_fail().reports.daily_sheet(day)

    def _hall_row(self) -> Row[Any]:
        services = self._services_or_fail()
        with self.database.read() as conn:
            return conn.execute(select(m.Hall).where(m.Hall.id == services.ctx.hall_id)).one()

    def setup(
        self,
        *,
        hall_name: str,
        lead_code: str,
        lead_name: str,
        lead_password: str,
        timezone: str = DEFAULT_TIMEZONE,
    ) -> None:
        """Name a new hall, create its first shift lead and the default menu and windows."""
        hall_name = hall_name.strip()
        if not 1 <= len(hall_name) <= 100:
            raise InvalidInput("营业厅名称须为1到100个字", code="invalid_name")
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise InvalidInput(f"未知时区：{timezone}", code="invalid_timezone") from None
        with self._lock, self.database.write() as conn:
            existing = conn.execute(select(m.Hall).where(m.Hall.code == self.code)).one_or_none()
            if existing is not None:
                has_staff = conn.execute(
                    select(m.Staff.id).where(m.Staff.hall_id == existing.id).limit(1)
                ).scalar()
                if has_staff is not None:
                    raise Conflict("营业厅已经设置过了", code="already_set_up")
                hall_id = existing.id
                conn.execute(
                    update(m.Hall)
                    .where(m.Hall.id == hall_id)
                    .values(name=hall_name, timezone=timezone)
                )
            else:
                try:
                    hall_id = conn.execute(
                        m.Hall.__table__.insert()
                        .values(
                            code=self.code,
                            name=hall_name,
                            timezone=timezone,
                            notice="",
                            created_at=checked_now(self.clock),
                        )
                        .returning(m.Hall.id)
                    ).scalar_one()
                except IntegrityError:
                    # PostgreSQL: another PC set up the same new hall at the same moment.
                    raise Conflict("营业厅已经设置过了", code="already_set_up") from None
            services = self._services_for(hall_id, timezone)
            services.staff.add(
                code=lead_code,
                name=lead_name,
                role=Role.LEAD.value,
                password=lead_password,
                conn=conn,
            )
            services.catalog.install_defaults(conn)
        self._services = services
        logger.info("hall %r (%s) set up with lead %s", hall_name, self.code, lead_code)
        self.events.emit(SetupChanged("hall"))

    def sign_in(self, code: str, password: str, *, window: int | None = None) -> Desk:
        """A desk for this person; AuthError on a wrong code or password.

        Clerks (and a lead working a counter) give their window; the ticket desk, the lead's
        console and other roles give none.
        """
        services = self._services_or_fail()
        staff = services.staff.authenticate(code, password)
        role = Role(staff.role)
        window_id = None
        if window is not None:
            if role is Role.GUIDE:
                raise InvalidInput("引导员不在窗口签到", code="guide_window")
            window_id = services.windows.occupy(window, staff.id)
        logger.info(
            "%s signed in as %s%s", staff.code, role.value, f" at {window}" if window else ""
        )
        return Desk(
            self,
            staff_id=staff.id,
            code=staff.code,
            name=staff.name,
            role=role,
            window=window,
            window_id=window_id,
        )

    def rate(self, ticket_id: int, level: int, reason: str | None = None) -> None:
        """The customer's rating of a finished service (no sign-in: it is the customer's pad)."""
        self._services_or_fail().ratings.rate(ticket_id, level, reason)

    def ticket(self, ticket_id: int) -> Ticket:
        return self._services_or_fail().queue.ticket(ticket_id)

    def snapshot(self) -> QueueSnapshot:
        """Today's live queue: waiting in call order, open at windows, parked and no-show."""
        services = self._services_or_fail()
        ctx = services.ctx
        day = ctx.today()
        with self.database.read() as conn:
            rows = conn.execute(
                select(*TICKET_COLUMNS)
                .where(
                    T.c.hall_id == ctx.hall_id,
                    or_(
                        (T.c.day == day)
                        & T.c.status.in_(
                            [TicketStatus.WAITING, TicketStatus.PARKED, TicketStatus.NO_SHOW]
                        ),
                        OPEN,
                    ),
                )
                .order_by(*CALL_ORDER)
            ).all()
            windows = services.catalog.windows(conn)
            businesses = services.catalog.businesses(conn)
            hall = conn.execute(
                select(m.Hall.name, m.Hall.notice, m.Hall.ended_day).where(m.Hall.id == ctx.hall_id)
            ).one()
            issued = conn.execute(
                select(m.TicketSequence.business_id, m.TicketSequence.last_seq).where(
                    m.TicketSequence.hall_id == ctx.hall_id, m.TicketSequence.day == day
                )
            ).all()
        tickets = [services.queue.to_ticket(r) for r in rows]

        def having(*statuses: TicketStatus) -> tuple[Ticket, ...]:
            return tuple(t for t in tickets if t.status in statuses)

        return QueueSnapshot(
            day=day,
            waiting=having(TicketStatus.WAITING),
            open=having(TicketStatus.CALLED, TicketStatus.SERVING),
            parked=having(TicketStatus.PARKED),
            no_shows=having(TicketStatus.NO_SHOW),
            windows=windows,
            businesses=businesses,
            hall_name=hall.name,
            notice=hall.notice,
            day_ended=hall.ended_day == day,
            issued_today={ctx.names.business_code(b): n for b, n in issued},
        )

    def calls_since(
        self, event_id: int | None = None, *, limit: int = 20
    ) -> tuple[CallNotice, ...]:
        """Today's calls and recalls after the log entry ``event_id``, oldest first.

        With no ``event_id``: the latest ``limit`` calls (what a display shows when it starts).
        Read from the event log, so calls made by any process are seen.
        """
        ctx = self._services_or_fail().ctx
        names = ctx.names
        query = (
            select(EV.c.id, EV.c.code, EV.c.window_id, EV.c.at, T.c.number, EV.c.business_id)
            .join(T, T.c.id == EV.c.ticket_id)
            .where(
                EV.c.hall_id == ctx.hall_id,
                EV.c.day == ctx.today(),
                EV.c.code.in_([EventCode.CALLED.value, EventCode.RECALLED.value]),
            )
        )
        if event_id is None:
            query = query.order_by(EV.c.id.desc()).limit(limit)
        else:
            query = query.where(EV.c.id > event_id).order_by(EV.c.id).limit(limit)
        with self.database.read() as conn:
            rows = conn.execute(query).all()
        if event_id is None:
            rows.reverse()
        return tuple(
            CallNotice(
                event_id=r.id,
                number=r.number,
                business=names.business_code(r.business_id),
                window=names.window_number(r.window_id) or 0,
                recall=r.code == EventCode.RECALLED.value,
                at=r.at,
            )
            for r in rows
        )

    def awaiting_rating(self, window: int, *, within: timedelta = RATING_WINDOW) -> Ticket | None:
        """The service finished at this window in the last ``within`` and not yet rated: what the
        window's rating pad asks the customer about."""
        services = self._services_or_fail()
        ctx = services.ctx
        window_id = ctx.names.window_id(window)
        if window_id is None:
            raise NotFound(f"没有{window}号窗口", code="window_not_found")
        since = ctx.now() - within
        with self.database.read() as conn:
            row = conn.execute(
                select(*TICKET_COLUMNS)
                .where(
                    T.c.window_id == window_id,
                    T.c.status == TicketStatus.DONE.value,
                    T.c.finished_at >= since,
                    ~exists().where(m.Rating.ticket_id == T.c.id),
                )
                .order_by(T.c.finished_at.desc())
                .limit(1)
            ).one_or_none()
        return services.queue.to_ticket(row) if row else None

    def handling_averages(self) -> dict[str, float]:
        """Today's average handling time in seconds per business code, from finished services."""
        ctx = self._services_or_fail().ctx
        with self.database.read() as conn:
            rows = conn.execute(
                select(T.c.business_id, T.c.called_at, T.c.started_at, T.c.finished_at).where(
                    T.c.hall_id == ctx.hall_id,
                    T.c.day == ctx.today(),
                    T.c.status == TicketStatus.DONE.value,
                )
            ).all()
        totals: dict[str, list[float]] = {}
        for r in rows:
            began = r.started_at or r.called_at
            if began is None or r.finished_at is None:
                continue
            code = ctx.names.business_code(r.business_id)
            totals.setdefault(code, []).append((r.finished_at - began).total_seconds())
        return {code: sum(times) / len(times) for code, times in totals.items()}

    def _set_notice(self, text: str) -> None:
        cleaned = " ".join(text.split())
        if len(cleaned) > MAX_NOTICE_LENGTH:
            raise InvalidInput(f"公告不能超过{MAX_NOTICE_LENGTH}个字", code="notice_too_long")
        services = self._services_or_fail()
        with self.database.write() as conn:
            conn.execute(
                update(m.Hall).where(m.Hall.id == services.ctx.hall_id).values(notice=cleaned)
            )
        self.events.emit(SetupChanged("notice"))

    def change_watcher(self) -> ChangeWatcher:
        """Tells whether anything changed in the database, from any process, since last asked."""
        return self.database.change_watcher()

    def close(self) -> None:
        """Release the database. Safe to call more than once."""
        if self._closed:
            return
        self._closed = True
        self.database.dispose()
