"""An index on when applications were completed, so that a day's sheet finds the complaints
still open at its end without reading the years before.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26 22:05:00
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.create_index(
            "ix_applications_hall_completed", ["hall_id", "completed_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.drop_index("ix_applications_hall_completed")
