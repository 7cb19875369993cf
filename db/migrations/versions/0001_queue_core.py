"""Queue core: halls, staff, business types, windows, tickets and their event log, ratings.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-26 17:57:24.855902
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import db.types

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "halls",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("timezone", sa.String(length=64), server_default="Asia/Shanghai", nullable=False),
        sa.Column("wait_limit_s", sa.Integer(), server_default="900", nullable=False),
        sa.Column("current_day", sa.Date(), nullable=True),
        sa.Column("ended_day", sa.Date(), nullable=True),
        sa.Column("notice", sa.Text(), server_default="", nullable=False),
        sa.Column("created_at", db.types.AwareDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_halls")),
        sa.UniqueConstraint("code", name=op.f("uq_halls_code")),
    )
    op.create_table(
        "business_types",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=2), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("target_s", sa.Integer(), nullable=False),
        sa.Column("daily_cap", sa.Integer(), server_default="999", nullable=False),
        sa.Column("alert_waiting", sa.Integer(), server_default="20", nullable=False),
        sa.Column("opens_at", sa.Time(), nullable=False),
        sa.Column("closes_at", sa.Time(), nullable=False),
        sa.Column("open_days", sa.String(length=7), server_default="1234567", nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("sort_order", sa.Integer(), server_default="0", nullable=False),
        sa.CheckConstraint("daily_cap BETWEEN 1 AND 999", name=op.f("ck_business_types_daily_cap")),
        sa.ForeignKeyConstraint(
            ["hall_id"], ["halls.id"], name=op.f("fk_business_types_hall_id_halls")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_business_types")),
        sa.UniqueConstraint("hall_id", "code", name=op.f("uq_business_types_hall_id_code")),
    )
    op.create_table(
        "staff",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("failed_signins", sa.Integer(), server_default="0", nullable=False),
        sa.Column("locked_until", db.types.AwareDateTime(timezone=True), nullable=True),
        sa.Column("created_at", db.types.AwareDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("role IN ('guide', 'clerk', 'lead')", name=op.f("ck_staff_role")),
        sa.ForeignKeyConstraint(["hall_id"], ["halls.id"], name=op.f("fk_staff_hall_id_halls")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff")),
        sa.UniqueConstraint("hall_id", "code", name=op.f("uq_staff_hall_id_code")),
    )
    op.create_table(
        "ticket_sequences",
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["business_types.id"],
            name=op.f("fk_ticket_sequences_business_id_business_types"),
        ),
        sa.ForeignKeyConstraint(
            ["hall_id"], ["halls.id"], name=op.f("fk_ticket_sequences_hall_id_halls")
        ),
        sa.PrimaryKeyConstraint("business_id", "day", name=op.f("pk_ticket_sequences")),
    )
    op.create_table(
        "windows",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=50), server_default="", nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("paused_reason", sa.String(length=100), nullable=True),
        sa.Column("paused_at", db.types.AwareDateTime(timezone=True), nullable=True),
        sa.Column("clerk_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["clerk_id"], ["staff.id"], name=op.f("fk_windows_clerk_id_staff")),
        sa.ForeignKeyConstraint(["hall_id"], ["halls.id"], name=op.f("fk_windows_hall_id_halls")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_windows")),
        sa.UniqueConstraint("hall_id", "number", name=op.f("uq_windows_hall_id_number")),
    )
    op.create_table(
        "tickets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("origin_business_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=8), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("priority", sa.Boolean(), nullable=False),
        sa.Column("priority_reason", sa.String(length=100), nullable=True),
        sa.Column("account", sa.String(length=32), nullable=True),
        sa.Column("issued_at", db.types.AwareDateTime(timezone=True), nullable=False),
        sa.Column("issued_by", sa.Integer(), nullable=False),
        sa.Column("waiting_ahead", sa.Integer(), nullable=False),
        sa.Column("front_at", db.types.AwareDateTime(timezone=True), nullable=True),
        sa.Column("window_id", sa.Integer(), nullable=True),
        sa.Column("clerk_id", sa.Integer(), nullable=True),
        sa.Column("recalls", sa.Integer(), server_default="0", nullable=False),
        sa.Column("called_at", db.types.AwareDateTime(timezone=True), nullable=True),
        sa.Column("started_at", db.types.AwareDateTime(timezone=True), nullable=True),
        sa.Column("finished_at", db.types.AwareDateTime(timezone=True), nullable=True),
        sa.Column("outcome", sa.String(length=12), nullable=True),
        sa.CheckConstraint(
            "status IN ('waiting', 'called', 'serving', 'parked', 'no_show', 'done', 'closed')",
            name=op.f("ck_tickets_status"),
        ),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["business_types.id"],
            name=op.f("fk_tickets_business_id_business_types"),
        ),
        sa.ForeignKeyConstraint(["clerk_id"], ["staff.id"], name=op.f("fk_tickets_clerk_id_staff")),
        sa.ForeignKeyConstraint(["hall_id"], ["halls.id"], name=op.f("fk_tickets_hall_id_halls")),
        sa.ForeignKeyConstraint(
            ["issued_by"], ["staff.id"], name=op.f("fk_tickets_issued_by_staff")
        ),
        sa.ForeignKeyConstraint(
            ["origin_business_id"],
            ["business_types.id"],
            name=op.f("fk_tickets_origin_business_id_business_types"),
        ),
        sa.ForeignKeyConstraint(
            ["window_id"], ["windows.id"], name=op.f("fk_tickets_window_id_windows")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tickets")),
        sa.UniqueConstraint("hall_id", "day", "number", name=op.f("uq_tickets_hall_id_day_number")),
    )
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.create_index("ix_tickets_hall_day", ["hall_id", "day"], unique=False)
        batch_op.create_index(
            "ix_tickets_waiting",
            ["hall_id", "day"],
            unique=False,
            sqlite_where=sa.text("status = 'waiting'"),
            postgresql_where=sa.text("status = 'waiting'"),
        )
        batch_op.create_index(
            "ux_tickets_open_window",
            ["window_id"],
            unique=True,
            sqlite_where=sa.text("status IN ('called', 'serving')"),
            postgresql_where=sa.text("status IN ('called', 'serving')"),
        )

    op.create_table(
        "window_businesses",
        sa.Column("window_id", sa.Integer(), nullable=False),
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["business_types.id"],
            name=op.f("fk_window_businesses_business_id_business_types"),
        ),
        sa.ForeignKeyConstraint(
            ["window_id"], ["windows.id"], name=op.f("fk_window_businesses_window_id_windows")
        ),
        sa.PrimaryKeyConstraint("window_id", "business_id", name=op.f("pk_window_businesses")),
    )
    op.create_table(
        "window_pauses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column("window_id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=100), nullable=False),
        sa.Column("started_at", db.types.AwareDateTime(timezone=True), nullable=False),
        sa.Column("ended_at", db.types.AwareDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["hall_id"], ["halls.id"], name=op.f("fk_window_pauses_hall_id_halls")
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_window_pauses_staff_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["window_id"], ["windows.id"], name=op.f("fk_window_pauses_window_id_windows")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_window_pauses")),
    )
    with op.batch_alter_table("window_pauses", schema=None) as batch_op:
        batch_op.create_index(
            "ix_window_pauses_hall_started", ["hall_id", "started_at"], unique=False
        )

    op.create_table(
        "ratings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.Column("window_id", sa.Integer(), nullable=True),
        sa.Column("clerk_id", sa.Integer(), nullable=True),
        sa.Column("rated_at", db.types.AwareDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("level BETWEEN 1 AND 5", name=op.f("ck_ratings_level")),
        sa.ForeignKeyConstraint(["clerk_id"], ["staff.id"], name=op.f("fk_ratings_clerk_id_staff")),
        sa.ForeignKeyConstraint(["hall_id"], ["halls.id"], name=op.f("fk_ratings_hall_id_halls")),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_ratings_ticket_id_tickets")
        ),
        sa.ForeignKeyConstraint(
            ["window_id"], ["windows.id"], name=op.f("fk_ratings_window_id_windows")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ratings")),
        sa.UniqueConstraint("ticket_id", name=op.f("uq_ratings_ticket_id")),
    )
    op.create_table(
        "ticket_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("at", db.types.AwareDateTime(timezone=True), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("window_id", sa.Integer(), nullable=True),
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("detail", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["business_types.id"],
            name=op.f("fk_ticket_events_business_id_business_types"),
        ),
        sa.ForeignKeyConstraint(
            ["hall_id"], ["halls.id"], name=op.f("fk_ticket_events_hall_id_halls")
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_ticket_events_staff_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_ticket_events_ticket_id_tickets")
        ),
        sa.ForeignKeyConstraint(
            ["window_id"], ["windows.id"], name=op.f("fk_ticket_events_window_id_windows")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket_events")),
    )
    with op.batch_alter_table("ticket_events", schema=None) as batch_op:
        batch_op.create_index("ix_ticket_events_hall_day", ["hall_id", "day"], unique=False)
        batch_op.create_index("ix_ticket_events_ticket_id", ["ticket_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("ticket_events", schema=None) as batch_op:
        batch_op.drop_index("ix_ticket_events_ticket_id")
        batch_op.drop_index("ix_ticket_events_hall_day")

    op.drop_table("ticket_events")
    op.drop_table("ratings")
    with op.batch_alter_table("window_pauses", schema=None) as batch_op:
        batch_op.drop_index("ix_window_pauses_hall_started")

    op.drop_table("window_pauses")
    op.drop_table("window_businesses")
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.drop_index(
            "ux_tickets_open_window",
            sqlite_where=sa.text("status IN ('called', 'serving')"),
            postgresql_where=sa.text("status IN ('called', 'serving')"),
        )
        batch_op.drop_index(
            "ix_tickets_waiting",
            sqlite_where=sa.text("status = 'waiting'"),
            postgresql_where=sa.text("status = 'waiting'"),
        )
        batch_op.drop_index("ix_tickets_hall_day")

    op.drop_table("tickets")
    op.drop_table("windows")
    op.drop_table("ticket_sequences")
    op.drop_table("staff")
    op.drop_table("business_types")
    op.drop_table("halls")
