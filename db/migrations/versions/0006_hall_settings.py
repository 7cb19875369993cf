"""Hall settings the lead edits (JSON values), starting with the assessment's weights.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 20:23:20.323724
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import db.types

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hall_settings",
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("updated_at", db.types.AwareDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["hall_id"], ["halls.id"], name=op.f("fk_hall_settings_hall_id_halls")
        ),
        sa.PrimaryKeyConstraint("hall_id", "key", name=op.f("pk_hall_settings")),
    )


def downgrade() -> None:
    op.drop_table("hall_settings")
