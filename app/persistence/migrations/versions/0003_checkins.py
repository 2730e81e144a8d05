"""Check-ins, the sittings that link them, and drafts that survive closing the window.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "checkin_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("mode", sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkin_session")),
    )
    op.create_table(
        "checkin",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("utc_offset", sa.Integer(), nullable=False),
        sa.Column("mood", sa.Integer(), nullable=False),
        sa.Column("connection", sa.Integer(), nullable=False),
        sa.Column("stress", sa.Integer(), nullable=True),
        sa.Column("feelings", sa.Text(), nullable=False),
        sa.Column("appreciation", sa.Text(), nullable=False),
        sa.Column("need", sa.Text(), nullable=False),
        sa.Column("private_note", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("mood BETWEEN 1 AND 5", name=op.f("ck_checkin_mood")),
        sa.CheckConstraint("connection BETWEEN 1 AND 10", name=op.f("ck_checkin_connection")),
        sa.CheckConstraint(
            "stress IS NULL OR stress BETWEEN 1 AND 5", name=op.f("ck_checkin_stress")
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"], ["partner.id"], name=op.f("fk_checkin_partner_id_partner"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"], ["checkin_session.id"],
            name=op.f("fk_checkin_session_id_checkin_session"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkin")),
    )
    op.create_index("ix_checkin_at", "checkin", ["at"])
    op.create_index("ix_checkin_partner_id_at", "checkin", ["partner_id", "at"])
    op.create_index(op.f("ix_checkin_session_id"), "checkin", ["session_id"])
    op.create_table(
        "draft",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_draft")),
    )


def downgrade() -> None:
    op.drop_table("draft")
    op.drop_index(op.f("ix_checkin_session_id"), table_name="checkin")
    op.drop_index("ix_checkin_partner_id_at", table_name="checkin")
    op.drop_index("ix_checkin_at", table_name="checkin")
    op.drop_table("checkin")
    op.drop_table("checkin_session")
