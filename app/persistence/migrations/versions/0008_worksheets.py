"""Conflict worksheets: the conversation, each partner's answers per step, and the
agreements with their follow-up.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "worksheet",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("step", sa.Integer(), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("paused_at", sa.DateTime(), nullable=True),
        sa.Column("resume_at", sa.DateTime(), nullable=True),
        sa.Column("follow_up", sa.Date(), nullable=True),
        sa.Column("review", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "status IN ('open', 'paused', 'resolved')", name=op.f("ck_worksheet_status")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_worksheet")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("worksheet", schema=None) as batch_op:
        batch_op.create_index("ix_worksheet_follow_up", ["follow_up"], unique=False)
        batch_op.create_index("ix_worksheet_status", ["status"], unique=False)

    op.create_table(
        "agreement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("worksheet_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("kept", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["partner.id"],
            name=op.f("fk_agreement_owner_id_partner"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["worksheet_id"],
            ["worksheet.id"],
            name=op.f("fk_agreement_worksheet_id_worksheet"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.create_index("ix_agreement_worksheet_id", ["worksheet_id"], unique=False)

    op.create_table(
        "worksheet_answer",
        sa.Column("worksheet_id", sa.Integer(), nullable=False),
        sa.Column("step_key", sa.String(length=40), nullable=False),
        sa.Column("field_key", sa.String(length=40), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partner.id"],
            name=op.f("fk_worksheet_answer_partner_id_partner"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["worksheet_id"],
            ["worksheet.id"],
            name=op.f("fk_worksheet_answer_worksheet_id_worksheet"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "worksheet_id", "step_key", "field_key", "partner_id", name=op.f("pk_worksheet_answer")
        ),
    )


def downgrade() -> None:
    op.drop_table("worksheet_answer")
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.drop_index("ix_agreement_worksheet_id")

    op.drop_table("agreement")
    with op.batch_alter_table("worksheet", schema=None) as batch_op:
        batch_op.drop_index("ix_worksheet_status")
        batch_op.drop_index("ix_worksheet_follow_up")

    op.drop_table("worksheet")
