"""Customer accounts (客户档案) of the hall.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 19:09:47.972376
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import db.types

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("halls", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("account_length", sa.Integer(), server_default="10", nullable=False)
        )
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column("account", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=32), server_default="", nullable=False),
        sa.Column("tariff_class", sa.String(length=20), nullable=False),
        sa.Column("arrears_fen", sa.Integer(), server_default="0", nullable=False),
        sa.Column("prepaid_fen", sa.Integer(), server_default="0", nullable=False),
        sa.Column("status", sa.String(length=10), server_default="normal", nullable=False),
        sa.Column("created_at", db.types.AwareDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("arrears_fen >= 0", name=op.f("ck_accounts_arrears")),
        sa.CheckConstraint("prepaid_fen >= 0", name=op.f("ck_accounts_prepaid")),
        sa.ForeignKeyConstraint(["hall_id"], ["halls.id"], name=op.f("fk_accounts_hall_id_halls")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accounts")),
        sa.UniqueConstraint("hall_id", "account", name=op.f("uq_accounts_hall_id_account")),
    )


def downgrade() -> None:
    op.drop_table("accounts")
    with op.batch_alter_table("halls", schema=None) as batch_op:
        batch_op.drop_column("account_length")
