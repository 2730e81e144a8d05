"""Rituals: the weekly "state of us" talk, its commitments, and conversation prompts.

Hearth's own prompts live in app/domain/prompt_decks.py (text that ships with the app, keyed
by a stable key); the database keeps only the couple's marks on them (favourite, talked
about, shown in this round) and the decks and prompts they write themselves.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "prompt_deck",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=80), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_prompt_deck")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "prompt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("deck_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("depth", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("depth IN ('light', 'deeper', 'vulnerable')",
                           name=op.f("ck_prompt_depth")),
        sa.ForeignKeyConstraint(["deck_id"], ["prompt_deck.id"],
                                name=op.f("fk_prompt_deck_id_prompt_deck"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_prompt")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_prompt_deck_id", "prompt", ["deck_id"])
    op.create_table(
        "prompt_mark",
        sa.Column("prompt_key", sa.String(length=40), nullable=False),
        sa.Column("favourite", sa.Boolean(), nullable=False),
        sa.Column("shown_at", sa.DateTime(), nullable=True),
        sa.Column("talked_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("prompt_key", name=op.f("pk_prompt_mark")),
    )
    op.create_table(
        "meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("step", sa.Integer(), nullable=False),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("recurrence", sa.DateTime(), nullable=True),
        sa.CheckConstraint("step BETWEEN 0 AND 4", name=op.f("ck_meeting_step")),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"],
                                name=op.f("fk_meeting_event_id_event"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_meeting_finished_at", "meeting", ["finished_at"])
    op.create_table(
        "commitment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("outcome", sa.String(length=10), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("outcome IN ('kept', 'partly', 'not_yet')",
                           name=op.f("ck_commitment_outcome")),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"],
                                name=op.f("fk_commitment_meeting_id_meeting"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["partner_id"], ["partner.id"],
                                name=op.f("fk_commitment_partner_id_partner"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitment")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_commitment_meeting_id", "commitment", ["meeting_id"])


def downgrade() -> None:
    op.drop_index("ix_commitment_meeting_id", table_name="commitment")
    op.drop_table("commitment")
    op.drop_index("ix_meeting_finished_at", table_name="meeting")
    op.drop_table("meeting")
    op.drop_table("prompt_mark")
    op.drop_index("ix_prompt_deck_id", table_name="prompt")
    op.drop_table("prompt")
    op.drop_table("prompt_deck")
