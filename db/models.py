"""The hall's tables, as SQLAlchemy 2 typed models.

Every record belongs to a hall (branch) so that several halls can share one server. Nothing is
ever deleted: tickets of past days stay as history, and each state change of a ticket appends a
row to ``ticket_events``, from which service records and reports are derived.

The schema is created and changed only by the Alembic migrations in ``db/migrations``; a test
checks that these models and the migrations agree.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    Time,
    UniqueConstraint,
    false,
    text,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from db.types import AwareDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Statuses in which a ticket occupies its window; at most one per window (see the index below).
OPEN_STATUSES_SQL = "status IN ('called', 'serving')"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Hall(Base):
    __tablename__ = "halls"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    timezone: Mapped[str] = mapped_column(String(64), server_default="Asia/Shanghai")
    wait_limit_s: Mapped[int] = mapped_column(Integer, server_default="900")
    # The business day the hall last rolled over to, and a day the lead ended early.
    current_day: Mapped[date | None] = mapped_column(Date)
    ended_day: Mapped[date | None] = mapped_column(Date)
    notice: Mapped[str] = mapped_column(Text, server_default="")
    # Digits in a customer number (户号): 10 in some provinces, 13 in others.
    account_length: Mapped[int] = mapped_column(Integer, server_default="10")
    created_at: Mapped[datetime] = mapped_column(AwareDateTime())


class Staff(Base):
    __tablename__ = "staff"
    __table_args__ = (
        UniqueConstraint("hall_id", "code"),
        CheckConstraint("role IN ('guide', 'clerk', 'lead')", name="role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"))
    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(50))
    role: Mapped[str] = mapped_column(String(10))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, server_default=true())
    failed_signins: Mapped[int] = mapped_column(Integer, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(AwareDateTime())
    created_at: Mapped[datetime] = mapped_column(AwareDateTime())


class BusinessType(Base):
    __tablename__ = "business_types"
    __table_args__ = (
        UniqueConstraint("hall_id", "code"),
        CheckConstraint("daily_cap BETWEEN 1 AND 999", name="daily_cap"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"))
    code: Mapped[str] = mapped_column(String(2))
    name: Mapped[str] = mapped_column(String(50))
    target_s: Mapped[int] = mapped_column(Integer)
    daily_cap: Mapped[int] = mapped_column(Integer, server_default="999")
    alert_waiting: Mapped[int] = mapped_column(Integer, server_default="20")
    opens_at: Mapped[time] = mapped_column(Time)
    closes_at: Mapped[time] = mapped_column(Time)
    # ISO weekdays on which it is open, "1234567" = every day.
    open_days: Mapped[str] = mapped_column(String(7), server_default="1234567")
    active: Mapped[bool] = mapped_column(Boolean, server_default=true())
    sort_order: Mapped[int] = mapped_column(Integer, server_default="0")


class Window(Base):
    __tablename__ = "windows"
    __table_args__ = (UniqueConstraint("hall_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"))
    number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(50), server_default="")
    active: Mapped[bool] = mapped_column(Boolean, server_default=true())
    paused_reason: Mapped[str | None] = mapped_column(String(100))
    paused_at: Mapped[datetime | None] = mapped_column(AwareDateTime())
    clerk_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))


class WindowBusiness(Base):
    """Which business types a window serves."""

    __tablename__ = "window_businesses"

    window_id: Mapped[int] = mapped_column(ForeignKey("windows.id"), primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("business_types.id"), primary_key=True)


class TicketSequence(Base):
    """The last number issued per business type per business day."""

    __tablename__ = "ticket_sequences"

    business_id: Mapped[int] = mapped_column(ForeignKey("business_types.id"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"))
    last_seq: Mapped[int] = mapped_column(Integer)


class Ticket(Base):
    __tablename__ = "tickets"
    __table_args__ = (
        UniqueConstraint("hall_id", "day", "number"),
        CheckConstraint(
            "status IN ('waiting', 'called', 'serving', 'parked', 'no_show', 'done', 'closed')",
            name="status",
        ),
        # The database itself refuses a second open ticket at one window.
        Index(
            "ux_tickets_open_window",
            "window_id",
            unique=True,
            sqlite_where=text(OPEN_STATUSES_SQL),
            postgresql_where=text(OPEN_STATUSES_SQL),
        ),
        Index(
            "ix_tickets_waiting",
            "hall_id",
            "day",
            sqlite_where=text("status = 'waiting'"),
            postgresql_where=text("status = 'waiting'"),
        ),
        Index("ix_tickets_hall_day", "hall_id", "day"),
        # A customer's visit history and the repeat-visit flag look tickets up by account.
        Index("ix_tickets_hall_account", "hall_id", "account"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"))
    day: Mapped[date] = mapped_column(Date)
    business_id: Mapped[int] = mapped_column(ForeignKey("business_types.id"))
    origin_business_id: Mapped[int] = mapped_column(ForeignKey("business_types.id"))
    seq: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(10))
    priority: Mapped[bool] = mapped_column(Boolean)
    priority_reason: Mapped[str | None] = mapped_column(String(100))
    account: Mapped[str | None] = mapped_column(String(32))
    issued_at: Mapped[datetime] = mapped_column(AwareDateTime())
    issued_by: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    waiting_ahead: Mapped[int] = mapped_column(Integer)
    # Set when a late or parked customer is put back at the front of the queue.
    front_at: Mapped[datetime | None] = mapped_column(AwareDateTime())
    window_id: Mapped[int | None] = mapped_column(ForeignKey("windows.id"))
    clerk_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    recalls: Mapped[int] = mapped_column(Integer, server_default="0")
    called_at: Mapped[datetime | None] = mapped_column(AwareDateTime())
    started_at: Mapped[datetime | None] = mapped_column(AwareDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(AwareDateTime())
    outcome: Mapped[str | None] = mapped_column(String(12))
    # The clerk's note when finishing (what was done, what the customer still needs).
    note: Mapped[str | None] = mapped_column(String(500))


class TicketEvent(Base):
    """One state change of a ticket: what, who, at which window, when."""

    __tablename__ = "ticket_events"
    __table_args__ = (
        Index("ix_ticket_events_ticket_id", "ticket_id"),
        Index("ix_ticket_events_hall_day", "hall_id", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"))
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"))
    day: Mapped[date] = mapped_column(Date)
    code: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(AwareDateTime())
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    window_id: Mapped[int | None] = mapped_column(ForeignKey("windows.id"))
    business_id: Mapped[int] = mapped_column(ForeignKey("business_types.id"))
    detail: Mapped[str | None] = mapped_column(String(200))


class WindowPause(Base):
    __tablename__ = "window_pauses"
    __table_args__ = (Index("ix_window_pauses_hall_started", "hall_id", "started_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"))
    window_id: Mapped[int] = mapped_column(ForeignKey("windows.id"))
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    reason: Mapped[str] = mapped_column(String(100))
    started_at: Mapped[datetime] = mapped_column(AwareDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(AwareDateTime())


class Account(Base):
    """A customer account (客户档案) as the billing system knows it. Money in fen."""

    __tablename__ = "accounts"
    __table_args__ = (
        UniqueConstraint("hall_id", "account"),
        CheckConstraint("arrears_fen >= 0", name="arrears"),
        CheckConstraint("prepaid_fen >= 0", name="prepaid"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"))
    account: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(100))
    address: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(32), server_default="")
    tariff_class: Mapped[str] = mapped_column(String(20))
    voltage_class: Mapped[str] = mapped_column(String(20), server_default="不满1kV")
    capacity_kva: Mapped[int] = mapped_column(Integer, server_default="0")
    arrears_fen: Mapped[int] = mapped_column(Integer, server_default="0")
    prepaid_fen: Mapped[int] = mapped_column(Integer, server_default="0")
    status: Mapped[str] = mapped_column(String(10), server_default="normal")
    created_at: Mapped[datetime] = mapped_column(AwareDateTime())


class Rating(Base):
    __tablename__ = "ratings"
    __table_args__ = (CheckConstraint("level BETWEEN 1 AND 5", name="level"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"))
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), unique=True)
    level: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str | None] = mapped_column(String(200))
    window_id: Mapped[int | None] = mapped_column(ForeignKey("windows.id"))
    clerk_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    rated_at: Mapped[datetime] = mapped_column(AwareDateTime())


class ReceiptSequence(Base):
    """The last receipt number issued per hall per calendar year (in the hall's timezone)."""

    __tablename__ = "receipt_sequences"

    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_seq: Mapped[int] = mapped_column(Integer)


class Payment(Base):
    """One payment taken at a counter, or the reversal (冲正) of one. Money in fen.

    A reversal is a row of its own with the next receipt number; it refers to the payment it
    reverses (``reverses_id``) and repeats its amounts. Nothing is ever deleted or changed except
    the reprint counter.
    """

    __tablename__ = "payments"
    __table_args__ = (
        UniqueConstraint("hall_id", "receipt_number"),
        UniqueConstraint("hall_id", "receipt_year", "receipt_seq"),
        # A payment can be reversed once only.
        UniqueConstraint("reverses_id"),
        CheckConstraint("method IN ('cash', 'card', 'qr')", name="method"),
        CheckConstraint("kind IN ('payment', 'reversal')", name="kind"),
        CheckConstraint(
            "due_fen >= 0 AND received_fen > 0 AND change_fen >= 0 AND prepaid_fen >= 0",
            name="amounts",
        ),
        CheckConstraint("received_fen = due_fen + change_fen + prepaid_fen", name="balance"),
        CheckConstraint(
            "(kind = 'payment' AND reverses_id IS NULL)"
            " OR (kind = 'reversal' AND reverses_id IS NOT NULL)",
            name="reversal",
        ),
        Index("ix_payments_account_id", "account_id"),
        Index("ix_payments_hall_issued", "hall_id", "issued_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"))
    receipt_year: Mapped[int] = mapped_column(Integer)
    receipt_seq: Mapped[int] = mapped_column(Integer)
    receipt_number: Mapped[str] = mapped_column(String(20))
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    window_id: Mapped[int | None] = mapped_column(ForeignKey("windows.id"))
    method: Mapped[str] = mapped_column(String(8))
    due_fen: Mapped[int] = mapped_column(Integer)
    received_fen: Mapped[int] = mapped_column(Integer)
    change_fen: Mapped[int] = mapped_column(Integer)
    prepaid_fen: Mapped[int] = mapped_column(Integer)
    # The account's prepaid balance after this payment (or reversal).
    prepaid_balance_fen: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10), server_default="payment")
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("payments.id"))
    reason: Mapped[str | None] = mapped_column(String(200))
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    issued_at: Mapped[datetime] = mapped_column(AwareDateTime())
    reprints: Mapped[int] = mapped_column(Integer, server_default="0")


class CalendarDay(Base):
    """The hall's own calendar: a public holiday (``holiday``) or a weekend day that the State
    Council's notice makes a working day (``workday``, 调休). Due dates count working days by it."""

    __tablename__ = "calendar_days"
    __table_args__ = (
        UniqueConstraint("hall_id", "day"),
        CheckConstraint("kind IN ('holiday', 'workday')", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"))
    day: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(String(50), server_default="")


class ApplicationSequence(Base):
    """The last application number used per hall per year: one gapless series."""

    __tablename__ = "application_sequences"

    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_seq: Mapped[int] = mapped_column(Integer)


class Application(Base):
    """A business application (受理单) filled in at a counter: a new connection, a change of use,
    a meter test, a fault report, an inquiry, a complaint...

    ``form``: which form (hall/forms.py); ``fields``: its values as JSON, ID numbers and phones
    in full (masked only when shown). Due dates count from the day the file is complete: while
    documents are missing (``waiting_documents``) there is none.
    """

    __tablename__ = "applications"
    __table_args__ = (
        UniqueConstraint("hall_id", "number"),
        CheckConstraint(
            "status IN ('waiting_documents', 'accepted', 'contacted', 'completed', 'cancelled')",
            name="status",
        ),
        Index("ix_applications_hall_status", "hall_id", "status"),
        Index("ix_applications_hall_account", "hall_id", "account"),
        Index("ix_applications_hall_created", "hall_id", "created_at"),
        # Reports ask which complaints were still open at a day's end: completed after it.
        Index("ix_applications_hall_completed", "hall_id", "completed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"))
    number: Mapped[str] = mapped_column(String(20))
    form: Mapped[str] = mapped_column(String(32))
    business_id: Mapped[int] = mapped_column(ForeignKey("business_types.id"))
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))
    account: Mapped[str | None] = mapped_column(String(32))
    customer_name: Mapped[str] = mapped_column(String(100))
    phone: Mapped[str] = mapped_column(String(32), server_default="")
    fields: Mapped[str] = mapped_column(Text)
    # JSON lists: the checklist of documents this application needs, and those handed in.
    documents_needed: Mapped[str] = mapped_column(Text, server_default="[]")
    documents_received: Mapped[str] = mapped_column(Text, server_default="[]")
    status: Mapped[str] = mapped_column(String(20))
    due_on: Mapped[date | None] = mapped_column(Date)
    # Hour-based limits (a repair crew's arrival) are a moment, not a day.
    due_at: Mapped[datetime | None] = mapped_column(AwareDateTime())
    # Complaints (投诉): contact the customer within 1 working day, reply within 7.
    category: Mapped[str | None] = mapped_column(String(20))
    severity: Mapped[str | None] = mapped_column(String(10))
    contact_by: Mapped[date | None] = mapped_column(Date)
    against_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    escalated: Mapped[bool] = mapped_column(Boolean, server_default=false())
    urged: Mapped[int] = mapped_column(Integer, server_default="0")
    clerk_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    window_id: Mapped[int | None] = mapped_column(ForeignKey("windows.id"))
    created_at: Mapped[datetime] = mapped_column(AwareDateTime())
    updated_at: Mapped[datetime] = mapped_column(AwareDateTime())
    completed_at: Mapped[datetime | None] = mapped_column(AwareDateTime())


class ApplicationEvent(Base):
    """One step in an application's life: saved, documents completed, contacted, escalated,
    urged (催办), completed, cancelled; who and when, with a note."""

    __tablename__ = "application_events"
    __table_args__ = (Index("ix_application_events_application_id", "application_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"))
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"))
    code: Mapped[str] = mapped_column(String(20))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    at: Mapped[datetime] = mapped_column(AwareDateTime())
    note: Mapped[str] = mapped_column(String(500), server_default="")


class ShiftSettlement(Base):
    """A cashier's end-of-shift settlement (日清日结): the cash counted in the drawer against what
    the receipts of the day say should be there. Money in fen."""

    __tablename__ = "shift_settlements"
    __table_args__ = (Index("ix_shift_settlements_hall_day", "hall_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"))
    day: Mapped[date] = mapped_column(Date)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    expected_cash_fen: Mapped[int] = mapped_column(Integer)
    counted_cash_fen: Mapped[int] = mapped_column(Integer)
    receipts: Mapped[int] = mapped_column(Integer)
    first_receipt: Mapped[str | None] = mapped_column(String(20))
    last_receipt: Mapped[str | None] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(String(200), server_default="")
    settled_at: Mapped[datetime] = mapped_column(AwareDateTime())


class HallSetting(Base):
    """A hall's setting that the lead edits, stored as JSON (e.g. the assessment's weights)."""

    __tablename__ = "hall_settings"

    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"), primary_key=True)
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(AwareDateTime())
