"""The shift lead's view of the hall right now (值班长实况): the load of each business, what each
window is doing and for how long, and the alerts a lead must act on — and the outage-surge mode
(停电咨询) that opens a temporary business when an outage brings a crowd.

The overview is computed from the live snapshot plus the open applications; it changes with
time alone (waits grow), so screens read it again on a timer as well as on every change.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, insert, select

from db import models as m
from hall.catalog import Catalog
from hall.context import HallContext
from hall.errors import Conflict, InvalidInput, NotFound
from hall.records import BusinessType, QueueSnapshot, TicketStatus

APP = m.Application.__table__
SETTINGS = m.HallSetting.__table__
SURGE_KEY = "outage_surge"
SURGE_TARGET_MIN = 10
# A wait this share of the hall's limit is a warning; past the limit it is critical.
WAIT_WARNING_SHARE = 0.8
OPEN_APPLICATIONS = ("waiting_documents", "accepted", "contacted")


@dataclass(frozen=True, slots=True)
class Alert:
    kind: str  # long_wait | no_window | peak | over_target | complaint_due | complaint_overdue
    #            | application_overdue
    level: str  # warning | critical
    text: str
    business: str | None = None
    window: int | None = None
    ticket: str | None = None
    application: str | None = None


@dataclass(frozen=True, slots=True)
class BusinessLoad:
    code: str
    name: str
    active: bool
    waiting: int
    longest_wait_s: float | None
    windows_serving: int
    alert_waiting: int
    temporary: bool


@dataclass(frozen=True, slots=True)
class WindowState:
    number: int
    name: str
    state: str  # serving | called | idle | paused | closed
    clerk: str | None
    clerk_name: str | None
    ticket: str | None
    business: str | None
    since: datetime | None
    target_s: int | None
    over_target: bool
    paused_reason: str | None


@dataclass(frozen=True, slots=True)
class SurgeState:
    code: str
    name: str
    started_at: datetime
    notice: str


@dataclass(frozen=True, slots=True)
class HallOverview:
    at: datetime
    wait_limit_s: int
    businesses: tuple[BusinessLoad, ...]
    windows: tuple[WindowState, ...]
    alerts: tuple[Alert, ...]
    complaints_due: int
    complaints_overdue: int
    surge: SurgeState | None


def _minutes(seconds: float) -> int:
    return int(seconds // 60)


class Overview:
    def __init__(
        self, ctx: HallContext, catalog: Catalog, snapshot: Callable[[], QueueSnapshot]
    ) -> None:
        self._ctx = ctx
        self._catalog = catalog
        self._snapshot = snapshot

    # -- reading -----------------------------------------------------------------------------

    def overview(self) -> HallOverview:
        ctx = self._ctx
        snapshot = self._snapshot()
        now = ctx.now()
        today = ctx.today(now)
        with ctx.database.read() as conn:
            wait_limit_s = conn.execute(
                select(m.Hall.wait_limit_s).where(m.Hall.id == ctx.hall_id)
            ).scalar_one()
            applications = conn.execute(
                select(
                    APP.c.number,
                    APP.c.category,
                    APP.c.status,
                    APP.c.due_on,
                    APP.c.due_at,
                    APP.c.contact_by,
                ).where(APP.c.hall_id == ctx.hall_id, APP.c.status.in_(OPEN_APPLICATIONS))
            ).all()
        surge = self.surge()
        alerts: list[Alert] = []
        businesses = self._business_loads(snapshot, now, wait_limit_s, surge, alerts)
        windows = self._window_states(snapshot, now, alerts)
        due, overdue = self._application_alerts(applications, today, now, alerts)
        order = {"critical": 0, "warning": 1}
        alerts.sort(key=lambda a: order[a.level])
        return HallOverview(
            at=now,
            wait_limit_s=wait_limit_s,
            businesses=businesses,
            windows=windows,
            alerts=tuple(alerts),
            complaints_due=due,
            complaints_overdue=overdue,
            surge=surge,
        )

    def _business_loads(
        self,
        snapshot: QueueSnapshot,
        now: datetime,
        wait_limit_s: int,
        surge: SurgeState | None,
        alerts: list[Alert],
    ) -> tuple[BusinessLoad, ...]:
        loads = []
        for business in snapshot.businesses:
            waiting = snapshot.waiting_for(business.code)
            longest = max(((now - t.issued_at).total_seconds() for t in waiting), default=None)
            serving = len(snapshot.serving_windows(business.code))
            label = f"{business.code} {business.name}"
            if longest is not None and longest > wait_limit_s:
                alerts.append(
                    Alert(
                        "long_wait",
                        "critical",
                        f"{label}：最长已等 {_minutes(longest)} 分钟，"
                        f"超过 {_minutes(wait_limit_s)} 分钟",
                        business=business.code,
                    )
                )
            elif longest is not None and longest > wait_limit_s * WAIT_WARNING_SHARE:
                alerts.append(
                    Alert(
                        "long_wait",
                        "warning",
                        f"{label}：最长已等 {_minutes(longest)} 分钟，"
                        f"接近 {_minutes(wait_limit_s)} 分钟",
                        business=business.code,
                    )
                )
            if waiting and serving == 0:
                alerts.append(
                    Alert(
                        "no_window",
                        "critical",
                        f"{label}：{len(waiting)} 人等候，没有窗口在办理",
                        business=business.code,
                    )
                )
            elif len(waiting) >= business.alert_waiting:
                alerts.append(
                    Alert(
                        "peak",
                        "warning",
                        f"{label}：等候 {len(waiting)} 人，已达预警人数 {business.alert_waiting}",
                        business=business.code,
                    )
                )
            loads.append(
                BusinessLoad(
                    code=business.code,
                    name=business.name,
                    active=business.active,
                    waiting=len(waiting),
                    longest_wait_s=longest,
                    windows_serving=serving,
                    alert_waiting=business.alert_waiting,
                    temporary=surge is not None and surge.code == business.code,
                )
            )
        return tuple(loads)

    def _window_states(
        self, snapshot: QueueSnapshot, now: datetime, alerts: list[Alert]
    ) -> tuple[WindowState, ...]:
        targets = {b.code: b.target_s for b in snapshot.businesses}
        open_at = {t.window: t for t in snapshot.open if t.window is not None}
        states = []
        for window in snapshot.windows:
            if not window.active:
                continue
            ticket = open_at.get(window.number)
            since = None
            target = None
            over = False
            if ticket is not None:
                serving = ticket.status == TicketStatus.SERVING
                state = "serving" if serving else "called"
                since = (ticket.started_at if serving else None) or ticket.called_at
                target = targets.get(ticket.business)
                if since is not None and target:
                    running = (now - since).total_seconds()
                    over = running > target
                    if over:
                        alerts.append(
                            Alert(
                                "over_target",
                                "critical" if running > 2 * target else "warning",
                                f"{window.name} {ticket.number}：已办理 {_minutes(running)} 分钟，"
                                f"超过时限 {_minutes(target)} 分钟",
                                business=ticket.business,
                                window=window.number,
                                ticket=ticket.number,
                            )
                        )
            elif window.paused:
                state, since = "paused", window.paused_at
            elif window.clerk is not None:
                state = "idle"
            else:
                state = "closed"
            states.append(
                WindowState(
                    number=window.number,
                    name=window.name,
                    state=state,
                    clerk=window.clerk,
                    clerk_name=window.clerk_name,
                    ticket=ticket.number if ticket else None,
                    business=ticket.business if ticket else None,
                    since=since,
                    target_s=target,
                    over_target=over,
                    paused_reason=window.paused_reason,
                )
            )
        return tuple(states)

    def _application_alerts(
        self, rows: Sequence[object], today: date, now: datetime, alerts: list[Alert]
    ) -> tuple[int, int]:
        """Complaints due today or overdue, one alert each; other overdue applications as one."""
        due = overdue = late_applications = 0
        for row in rows:
            number, category, status = row.number, row.category, row.status  # type: ignore[attr-defined]
            due_on, due_at, contact_by = row.due_on, row.due_at, row.contact_by  # type: ignore[attr-defined]
            late = (due_on is not None and due_on < today) or (due_at is not None and due_at < now)
            if category is None:
                late_applications += late
                continue
            uncontacted = status == "accepted" and contact_by is not None
            if late or (uncontacted and contact_by < today):
                overdue += 1
                what = "联系客户" if uncontacted and contact_by < today else "答复客户"
                alerts.append(
                    Alert(
                        "complaint_overdue",
                        "critical",
                        f"投诉 {number}（{category}）已超期：未按时{what}",
                        application=number,
                    )
                )
            elif due_on == today or (uncontacted and contact_by == today):
                due += 1
                what = "联系客户" if uncontacted and contact_by == today else "答复客户"
                alerts.append(
                    Alert(
                        "complaint_due",
                        "warning",
                        f"投诉 {number}（{category}）今天须{what}",
                        application=number,
                    )
                )
        if late_applications:
            alerts.append(
                Alert(
                    "application_overdue",
                    "warning",
                    f"{late_applications} 件受理单已超过办结时限",
                )
            )
        return due, overdue

    # -- opening and closing business types, and the outage surge ---------------------------

    def set_business_open(self, code: str, is_open: bool) -> BusinessType:
        business = self._business(code)
        return self._save_business(business, active=is_open)

    def surge(self) -> SurgeState | None:
        with self._ctx.database.read() as conn:
            stored = conn.execute(
                select(SETTINGS.c.value).where(
                    SETTINGS.c.hall_id == self._ctx.hall_id, SETTINGS.c.key == SURGE_KEY
                )
            ).scalar_one_or_none()
        if stored is None:
            return None
        values = json.loads(stored)
        return SurgeState(
            code=values["code"],
            name=values["name"],
            started_at=datetime.fromisoformat(values["started_at"]),
            notice=values["notice"],
        )

    def start_surge(
        self,
        *,
        notice: str,
        code: str,
        name: str,
        windows: Sequence[int] | None,
        set_notice: Callable[[str], None],
    ) -> BusinessType:
        if self.surge() is not None:
            raise Conflict("停电咨询已经开启", code="surge_running")
        notice = " ".join(notice.split())
        if not notice:
            raise InvalidInput("请填写显示屏公告，告诉客户停电咨询取哪个号", code="required")
        code = code.strip().upper()
        existing = {b.code: b for b in self._catalog.businesses()}
        if code in existing and existing[code].name != name.strip():
            raise Conflict(
                f"代码 {code} 已用于“{existing[code].name}”，请换一个字母",
                code="business_code_taken",
            )
        chosen = [w for w in self._catalog.windows() if w.active]
        if windows is not None:
            wanted = set(windows)
            unknown = wanted - {w.number for w in chosen}
            if unknown:
                raise InvalidInput(
                    f"没有{min(unknown)}号窗口或该窗口未启用", code="window_not_found"
                )
            chosen = [w for w in chosen if w.number in wanted]
        if not chosen:
            raise InvalidInput("请至少选择一个办理停电咨询的窗口", code="no_windows")
        business = self._catalog.save_business(
            code, name=name.strip(), target_min=SURGE_TARGET_MIN, active=True
        )
        for window in chosen:
            if code not in window.businesses:
                self._catalog.save_window(
                    window.number,
                    businesses=[*window.businesses, code],
                    name=window.name,
                    active=window.active,
                )
        set_notice(notice)
        ctx = self._ctx
        value = json.dumps(
            {
                "code": code,
                "name": business.name,
                "started_at": ctx.now().isoformat(),
                "notice": notice,
            },
            ensure_ascii=False,
        )
        with ctx.database.write() as conn:
            conn.execute(
                insert(SETTINGS).values(
                    hall_id=ctx.hall_id, key=SURGE_KEY, value=value, updated_at=ctx.now()
                )
            )
        return business

    def end_surge(self, *, set_notice: Callable[[str], None]) -> None:
        """No more tickets for the temporary business; those already waiting are still served."""
        surge = self.surge()
        if surge is None:
            raise Conflict("停电咨询没有开启", code="surge_not_running")
        self._save_business(self._business(surge.code), active=False)
        set_notice("")
        with self._ctx.database.write() as conn:
            conn.execute(
                delete(SETTINGS).where(
                    SETTINGS.c.hall_id == self._ctx.hall_id, SETTINGS.c.key == SURGE_KEY
                )
            )

    def _business(self, code: str) -> BusinessType:
        cleaned = code.strip().upper()
        for business in self._catalog.businesses():
            if business.code == cleaned:
                return business
        raise NotFound(f"没有代码为“{cleaned}”的业务", code="business_not_found")

    def _save_business(self, business: BusinessType, *, active: bool) -> BusinessType:
        return self._catalog.save_business(
            business.code,
            name=business.name,
            target_min=max(1, business.target_s // 60),
            daily_cap=business.daily_cap,
            alert_waiting=business.alert_waiting,
            opens_at=business.opens_at,
            closes_at=business.closes_at,
            open_days=business.open_days,
            active=active,
        )
