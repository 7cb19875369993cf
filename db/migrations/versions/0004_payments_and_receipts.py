"""Payments and receipts (收据): the payments table and a gapless receipt series per hall per year.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 19:39:08.999361
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import db.types

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "receipt_sequences",
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["hall_id"], ["halls.id"], name=op.f("fk_receipt_sequences_hall_id_halls")
        ),
        sa.PrimaryKeyConstraint("hall_id", "year", name=op.f("pk_receipt_sequences")),
    )
    op.create_table(
        "payments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column("receipt_year", sa.Integer(), nullable=False),
        sa.Column("receipt_seq", sa.Integer(), nullable=False),
        sa.Column("receipt_number", sa.String(length=20), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("window_id", sa.Integer(), nullable=True),
        sa.Column("method", sa.String(length=8), nullable=False),
        sa.Column("due_fen", sa.Integer(), nullable=False),
        sa.Column("received_fen", sa.Integer(), nullable=False),
        sa.Column("change_fen", sa.Integer(), nullable=False),
        sa.Column("prepaid_fen", sa.Integer(), nullable=False),
        sa.Column("prepaid_balance_fen", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), server_default="payment", nullable=False),
        sa.Column("reverses_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.Column("approved_by", sa.Integer(), nullable=True),
        sa.Column("issued_at", db.types.AwareDateTime(timezone=True), nullable=False),
        sa.Column("reprints", sa.Integer(), server_default="0", nullable=False),
        sa.CheckConstraint(
            "(kind = 'payment' AND reverses_id IS NULL)"
            " OR (kind = 'reversal' AND reverses_id IS NOT NULL)",
            name=op.f("ck_payments_reversal"),
        ),
        sa.CheckConstraint("kind IN ('payment', 'reversal')", name=op.f("ck_payments_kind")),
        sa.CheckConstraint("method IN ('cash', 'card', 'qr')", name=op.f("ck_payments_method")),
        sa.CheckConstraint(
            "due_fen >= 0 AND received_fen > 0 AND change_fen >= 0 AND prepaid_fen >= 0",
            name=op.f("ck_payments_amounts"),
        ),
        sa.CheckConstraint(
            "received_fen = due_fen + change_fen + prepaid_fen", name=op.f("ck_payments_balance")
        ),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_payments_account_id_accounts")
        ),
        sa.ForeignKeyConstraint(
            ["approved_by"], ["staff.id"], name=op.f("fk_payments_approved_by_staff")
        ),
        sa.ForeignKeyConstraint(["hall_id"], ["halls.id"], name=op.f("fk_payments_hall_id_halls")),
        sa.ForeignKeyConstraint(
            ["reverses_id"], ["payments.id"], name=op.f("fk_payments_reverses_id_payments")
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_payments_staff_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_payments_ticket_id_tickets")
        ),
        sa.ForeignKeyConstraint(
            ["window_id"], ["windows.id"], name=op.f("fk_payments_window_id_windows")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payments")),
        sa.UniqueConstraint(
            "hall_id", "receipt_number", name=op.f("uq_payments_hall_id_receipt_number")
        ),
        sa.UniqueConstraint(
            "hall_id",
            "receipt_year",
            "receipt_seq",
            name=op.f("uq_payments_hall_id_receipt_year_receipt_seq"),
        ),
        sa.UniqueConstraint("reverses_id", name=op.f("uq_payments_reverses_id")),
    )
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.create_index("ix_payments_account_id", ["account_id"], unique=False)
        batch_op.create_index("ix_payments_hall_issued", ["hall_id", "issued_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.drop_index("ix_payments_hall_issued")
        batch_op.drop_index("ix_payments_account_id")

    op.drop_table("payments")
    op.drop_table("receipt_sequences")
