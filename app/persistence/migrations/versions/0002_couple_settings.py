"""The couple's settings: week start, text size, check-in cadence target.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "couple_settings",
        sa.Column("couple_id", sa.Integer(), nullable=False),
        sa.Column("week_start", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("text_size", sa.String(length=20), nullable=False, server_default="normal"),
        sa.Column("checkin_target_per_week", sa.Integer(), nullable=False, server_default="2"),
        sa.CheckConstraint(
            "week_start BETWEEN 0 AND 6", name=op.f("ck_couple_settings_week_start")
        ),
        sa.CheckConstraint(
            "checkin_target_per_week BETWEEN 0 AND 14",
            name=op.f("ck_couple_settings_checkin_target"),
        ),
        sa.ForeignKeyConstraint(
            ["couple_id"],
            ["couple.id"],
            name=op.f("fk_couple_settings_couple_id_couple"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("couple_id", name=op.f("pk_couple_settings")),
    )
    # Couples created before settings existed get the defaults.
    op.execute("INSERT INTO couple_settings (couple_id) SELECT id FROM couple")


def downgrade() -> None:
    op.drop_table("couple_settings")
