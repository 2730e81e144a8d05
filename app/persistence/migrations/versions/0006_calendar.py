"""The quality-time calendar: events (one-off or repeating by an RFC 5545 rule, in local
wall-clock time with their time zone), single occurrences that differ, reflections after
the date, and the weekly quality-time target in the couple's settings.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=255), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("all_day", sa.Boolean(), nullable=False),
        sa.Column("start_local", sa.DateTime(), nullable=False),
        sa.Column("end_local", sa.DateTime(), nullable=False),
        sa.Column("tz", sa.String(length=64), nullable=True),
        sa.Column("rrule", sa.Text(), nullable=True),
        sa.Column("location", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("planned_by", sa.Integer(), nullable=True),
        sa.Column("devices_away", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("first_utc", sa.DateTime(), nullable=False),
        sa.Column("last_utc", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "status IN ('planned', 'done', 'skipped')", name=op.f("ck_event_status")
        ),
        sa.CheckConstraint("end_local > start_local", name=op.f("ck_event_ends_after_start")),
        sa.ForeignKeyConstraint(
            ["planned_by"],
            ["partner.id"],
            name=op.f("fk_event_planned_by_partner"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event")),
        sa.UniqueConstraint("uid", name=op.f("uq_event_uid")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.create_index("ix_event_first_utc", ["first_utc"], unique=False)
        batch_op.create_index("ix_event_last_utc", ["last_utc"], unique=False)

    op.create_table(
        "event_override",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("recurrence", sa.DateTime(), nullable=False),
        sa.Column("cancelled", sa.Boolean(), nullable=False),
        sa.Column("start_local", sa.DateTime(), nullable=True),
        sa.Column("end_local", sa.DateTime(), nullable=True),
        sa.Column("title", sa.String(length=500), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=True),
        sa.CheckConstraint(
            "status IS NULL OR status IN ('planned', 'done', 'skipped')",
            name=op.f("ck_event_override_status"),
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_event_override_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_override")),
        sa.UniqueConstraint(
            "event_id", "recurrence", name=op.f("uq_event_override_event_id_recurrence")
        ),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "reflection",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("recurrence", sa.DateTime(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("memory", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("rating BETWEEN 1 AND 5", name=op.f("ck_reflection_rating")),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_reflection_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partner.id"],
            name=op.f("fk_reflection_partner_id_partner"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reflection")),
        sa.UniqueConstraint(
            "event_id",
            "recurrence",
            "partner_id",
            name=op.f("uq_reflection_event_id_recurrence_partner_id"),
        ),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("couple_settings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("quality_hours_per_week", sa.Integer(), nullable=False, server_default="4")
        )
        batch_op.create_check_constraint(
            op.f("ck_couple_settings_quality_hours"), "quality_hours_per_week BETWEEN 0 AND 40"
        )


def downgrade() -> None:
    with op.batch_alter_table("couple_settings", schema=None) as batch_op:
        batch_op.drop_column("quality_hours_per_week")

    op.drop_table("reflection")
    op.drop_table("event_override")
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index("ix_event_last_utc")
        batch_op.drop_index("ix_event_first_utc")

    op.drop_table("event")
