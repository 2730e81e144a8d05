"""Settings: lock Hearth behind its passphrase after some idle minutes.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("couple_settings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("lock_after_minutes", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.create_check_constraint(
            op.f("ck_couple_settings_lock_after"), "lock_after_minutes BETWEEN 0 AND 1440"
        )


def downgrade() -> None:
    with op.batch_alter_table("couple_settings", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_couple_settings_lock_after"), type_="check")
        batch_op.drop_column("lock_after_minutes")
