"""A demo hall: staff with known passwords and a morning of simulated traffic.

Everything goes through the public API with a simulated clock, so the demo obeys every rule of a
real hall. The app then runs the demo on a clock that continues from the end of the simulated
morning, so a newcomer sees every screen with data at once, at any time of day.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hall import open_hall
from hall.clock import DEFAULT_TIMEZONE
from hall.desk import Desk
from hall.facade import Hall

DEMO_PASSWORD = "demo1234"


@dataclass(frozen=True)
class DemoAccount:
    code: str
    name: str
    role: str
    window: int | None = None


DEMO_STAFF = (
    DemoAccount("9001", "王值班", "lead"),
    DemoAccount("1001", "李引导", "guide"),
    DemoAccount("2001", "张敏", "clerk", 1),
    DemoAccount("2002", "赵磊", "clerk", 2),
    DemoAccount("2003", "钱芳", "clerk", 3),
    DemoAccount("2004", "孙涛", "clerk", 4),
)
# How often each business is asked for in the morning, and minutes it takes (mean).
TRAFFIC = {
    "A": (40, 4),
    "B": (8, 3),
    "C": (6, 16),
    "D": (3, 18),
    "E": (6, 15),
    "F": (2, 12),
    "G": (2, 18),
    "H": (4, 8),
    "J": (10, 7),
    "K": (3, 16),
}
PRIORITY_REASONS = ("老年人", "残障人士", "孕妇", "重要客户")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林"
GIVEN_NAMES = (
    "建国",
    "秀英",
    "伟",
    "芳",
    "敏",
    "静",
    "磊",
    "洋",
    "艳",
    "勇",
    "军",
    "杰",
    "娟",
    "涛",
)
STREETS = ("解放路", "人民路", "建设路", "中山路", "环城东路", "望江路")
SAMPLE_ACCOUNTS = 24
OPENS = time(8, 30)
SIMULATED_UNTIL = time(10, 45)


class SimulatedClock:
    """Stands still until moved; then, if started, runs on in real time from where it stopped."""

    def __init__(self, start: datetime) -> None:
        self._at = start
        self._real_start: datetime | None = None

    def __call__(self) -> datetime:
        if self._real_start is None:
            return self._at
        return self._at + (datetime.now(UTC) - self._real_start)

    def move_to(self, when: datetime) -> None:
        self._at = when

    def run(self) -> None:
        self._real_start = datetime.now(UTC)


def build_demo_hall(url: str, *, seed: int = 20260302, now: datetime | None = None) -> Hall:
    """Create the demo hall at ``url`` (an empty database) and return it open, its clock running.

    Staff have the password DEMO_PASSWORD; sample customer accounts are added and used.

    Today's morning (of ``now``) is simulated from 08:30 to 10:45; the returned hall's clock then
    runs on from 10:45 in real time, whatever the time of day really is.
    """
    zone = ZoneInfo(DEFAULT_TIMEZONE)
    day = (now or datetime.now(UTC)).astimezone(zone).date()
    clock = SimulatedClock(datetime.combine(day, OPENS, tzinfo=zone).astimezone(UTC))
    hall = open_hall(url, clock=clock)
    hall.setup(
        hall_name="城东供电营业厅（演示）",
        lead_code="9001",
        lead_name="王值班",
        lead_password=DEMO_PASSWORD,
    )
    lead = hall.sign_in("9001", DEMO_PASSWORD)
    for account in DEMO_STAFF[1:]:
        lead.add_staff(
            code=account.code, name=account.name, role=account.role, password=DEMO_PASSWORD
        )
    lead.set_notice("温馨提示：本周六 9:00-12:00 城东片区计划停电检修，请提前做好准备。")
    rng = random.Random(seed)
    accounts = _add_sample_accounts(lead, rng)
    _simulate_morning(hall, clock, day, zone, rng, accounts)
    clock.run()
    return hall


def _add_sample_accounts(lead: Desk, rng: random.Random) -> list[str]:
    """Customer accounts with made-up names, addresses and phone numbers."""
    numbers = []
    for i in range(SAMPLE_ACCOUNTS):
        number = f"3301{100000 + i * 37:06d}"
        business = i % 6 == 5
        lead.add_account(
            account=number,
            name=(
                f"城东{rng.choice(STREETS)[:2]}商贸有限公司"
                if business
                else rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES)
            ),
            address=f"城东区{rng.choice(STREETS)}{rng.randint(1, 300)}号",
            phone=f"139{rng.randint(0, 99_999_999):08d}",
            tariff_class="一般工商业及其他" if business else "居民生活",
            arrears_fen=rng.choice([0, 0, rng.randint(3_000, 60_000)]),
        )
        numbers.append(number)
    return numbers


def _simulate_morning(
    hall: Hall,
    clock: SimulatedClock,
    day: date,
    zone: ZoneInfo,
    rng: random.Random,
    accounts: list[str],
) -> None:
    guide = hall.sign_in("1001", DEMO_PASSWORD)
    counters = {
        a.window: hall.sign_in(a.code, DEMO_PASSWORD, window=a.window)
        for a in DEMO_STAFF
        if a.window is not None
    }
    lead = hall.sign_in("9001", DEMO_PASSWORD)
    lead.save_window(1, businesses=["A", "B"])
    lead.save_window(2, businesses=["A", "B", "H", "J"])
    lead.save_window(3, businesses=["C", "D", "E", "F", "G"])
    lead.save_window(4, businesses=["E", "J", "K", "C"])

    start = datetime.combine(day, OPENS, tzinfo=zone)
    end = datetime.combine(day, SIMULATED_UNTIL, tzinfo=zone)
    busy_until = {window: start for window in counters}
    codes = list(TRAFFIC)
    weights = [TRAFFIC[c][0] for c in codes]
    now = start
    while now < end:
        clock.move_to(now)
        # Busier towards the end: the hall fills up as the morning goes on.
        rush = 1 + 2 * (now - start) / (end - start)
        for _ in range(int(rush * rng.random() + 0.4)):
            _arrive(guide, rng.choices(codes, weights)[0], rng, accounts)
        for window, desk in counters.items():
            if now >= busy_until[window]:
                busy_until[window] = now + _serve(hall, desk, rng)
        now += timedelta(seconds=rng.randint(40, 110))
    clock.move_to(end)
    counters[4].pause("业务培训")


def _arrive(guide: Desk, business: str, rng: random.Random, accounts: list[str]) -> None:
    priority = rng.choice(PRIORITY_REASONS) if rng.random() < 0.06 else None
    account = rng.choice(accounts) if rng.random() < 0.5 else None
    guide.issue_ticket(business, account=account, priority_reason=priority)


def _serve(hall: Hall, desk: Desk, rng: random.Random) -> timedelta:
    """One step of a counter: finish what it serves, then call the next; how long it is busy."""
    if desk.current_ticket() is not None:
        _finish(hall, desk, rng)
    ticket = desk.call_next()
    if ticket is None:
        return timedelta(minutes=1)
    if rng.random() < 0.04:
        desk.no_show()
        return timedelta(seconds=30)
    desk.start()
    minutes = rng.expovariate(1 / TRAFFIC[ticket.business][1])
    return timedelta(minutes=max(1.5, min(minutes, 45)))


def _finish(hall: Hall, desk: Desk, rng: random.Random) -> None:
    outcome = rng.choices(["served", "unresolved", "referred"], [90, 7, 3])[0]
    ticket = desk.finish(outcome=outcome)
    if rng.random() < 0.75:  # a quarter of customers walk away without rating
        level = rng.choices([5, 4, 3, 2], [80, 14, 4, 2])[0]
        hall.rate(ticket.id, level, "等候时间长" if level <= 2 else None)
