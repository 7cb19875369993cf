"""Business applications (受理单) and their log, the hall calendar, shift settlements (日清日结),
and the account's voltage class and contracted capacity.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 20:17:32.387550
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import db.types

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "application_sequences",
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["hall_id"], ["halls.id"], name=op.f("fk_application_sequences_hall_id_halls")
        ),
        sa.PrimaryKeyConstraint("hall_id", "year", name=op.f("pk_application_sequences")),
    )
    op.create_table(
        "calendar_days",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("name", sa.String(length=50), server_default="", nullable=False),
        sa.CheckConstraint("kind IN ('holiday', 'workday')", name=op.f("ck_calendar_days_kind")),
        sa.ForeignKeyConstraint(
            ["hall_id"], ["halls.id"], name=op.f("fk_calendar_days_hall_id_halls")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_days")),
        sa.UniqueConstraint("hall_id", "day", name=op.f("uq_calendar_days_hall_id_day")),
    )
    op.create_table(
        "shift_settlements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("expected_cash_fen", sa.Integer(), nullable=False),
        sa.Column("counted_cash_fen", sa.Integer(), nullable=False),
        sa.Column("receipts", sa.Integer(), nullable=False),
        sa.Column("first_receipt", sa.String(length=20), nullable=True),
        sa.Column("last_receipt", sa.String(length=20), nullable=True),
        sa.Column("note", sa.String(length=200), server_default="", nullable=False),
        sa.Column("settled_at", db.types.AwareDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["hall_id"], ["halls.id"], name=op.f("fk_shift_settlements_hall_id_halls")
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_shift_settlements_staff_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shift_settlements")),
    )
    with op.batch_alter_table("shift_settlements", schema=None) as batch_op:
        batch_op.create_index("ix_shift_settlements_hall_day", ["hall_id", "day"], unique=False)

    op.create_table(
        "applications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("form", sa.String(length=32), nullable=False),
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("account", sa.String(length=32), nullable=True),
        sa.Column("customer_name", sa.String(length=100), nullable=False),
        sa.Column("phone", sa.String(length=32), server_default="", nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("documents_needed", sa.Text(), server_default="[]", nullable=False),
        sa.Column("documents_received", sa.Text(), server_default="[]", nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("due_at", db.types.AwareDateTime(timezone=True), nullable=True),
        sa.Column("category", sa.String(length=20), nullable=True),
        sa.Column("severity", sa.String(length=10), nullable=True),
        sa.Column("contact_by", sa.Date(), nullable=True),
        sa.Column("against_staff_id", sa.Integer(), nullable=True),
        sa.Column("escalated", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("urged", sa.Integer(), server_default="0", nullable=False),
        sa.Column("clerk_id", sa.Integer(), nullable=False),
        sa.Column("window_id", sa.Integer(), nullable=True),
        sa.Column("created_at", db.types.AwareDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", db.types.AwareDateTime(timezone=True), nullable=False),
        sa.Column("completed_at", db.types.AwareDateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('waiting_documents', 'accepted', 'contacted', 'completed', 'cancelled')",
            name=op.f("ck_applications_status"),
        ),
        sa.ForeignKeyConstraint(
            ["against_staff_id"], ["staff.id"], name=op.f("fk_applications_against_staff_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["business_types.id"],
            name=op.f("fk_applications_business_id_business_types"),
        ),
        sa.ForeignKeyConstraint(
            ["clerk_id"], ["staff.id"], name=op.f("fk_applications_clerk_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["hall_id"], ["halls.id"], name=op.f("fk_applications_hall_id_halls")
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_applications_ticket_id_tickets")
        ),
        sa.ForeignKeyConstraint(
            ["window_id"], ["windows.id"], name=op.f("fk_applications_window_id_windows")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_applications")),
        sa.UniqueConstraint("hall_id", "number", name=op.f("uq_applications_hall_id_number")),
    )
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.create_index("ix_applications_hall_account", ["hall_id", "account"], unique=False)
        batch_op.create_index(
            "ix_applications_hall_created", ["hall_id", "created_at"], unique=False
        )
        batch_op.create_index("ix_applications_hall_status", ["hall_id", "status"], unique=False)

    op.create_table(
        "application_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("at", db.types.AwareDateTime(timezone=True), nullable=False),
        sa.Column("note", sa.String(length=500), server_default="", nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_application_events_application_id_applications"),
        ),
        sa.ForeignKeyConstraint(
            ["hall_id"], ["halls.id"], name=op.f("fk_application_events_hall_id_halls")
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_application_events_staff_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application_events")),
    )
    with op.batch_alter_table("application_events", schema=None) as batch_op:
        batch_op.create_index(
            "ix_application_events_application_id", ["application_id"], unique=False
        )

    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "voltage_class", sa.String(length=20), server_default="不满1kV", nullable=False
            )
        )
        batch_op.add_column(
            sa.Column("capacity_kva", sa.Integer(), server_default="0", nullable=False)
        )

    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.create_index("ix_tickets_hall_account", ["hall_id", "account"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.drop_index("ix_tickets_hall_account")

    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.drop_column("capacity_kva")
        batch_op.drop_column("voltage_class")

    with op.batch_alter_table("application_events", schema=None) as batch_op:
        batch_op.drop_index("ix_application_events_application_id")

    op.drop_table("application_events")
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.drop_index("ix_applications_hall_status")
        batch_op.drop_index("ix_applications_hall_created")
        batch_op.drop_index("ix_applications_hall_account")

    op.drop_table("applications")
    with op.batch_alter_table("shift_settlements", schema=None) as batch_op:
        batch_op.drop_index("ix_shift_settlements_hall_day")

    op.drop_table("shift_settlements")
    op.drop_table("calendar_days")
    op.drop_table("application_sequences")
