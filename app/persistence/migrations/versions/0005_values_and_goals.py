"""Values (a starter set of 31, the couple's own, each partner's sorts over time, the
shared statement) and goals (milestones, linked values, wins).

The starter values are written here as they were at this revision, so the migration never
depends on code that changes later.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


STARTER_VALUES = (
    ("honesty", "Honesty", "Saying what is true, kindly, even when it is hard to say."),
    ("trust", "Trust", "Counting on each other, and being someone the other can count on."),
    ("kindness", "Kindness", "Gentle words and small generous acts, every ordinary day."),
    ("respect", "Respect", "Taking each other's views, limits and time seriously."),
    ("loyalty", "Loyalty", "Standing by each other, with others around and when alone."),
    ("closeness", "Closeness", "Feeling truly known, in body and in heart."),
    ("affection", "Affection", "Hugs, warmth, touch and saying the loving thing out loud."),
    ("friendship", "Friendship", "Being best friends as well as partners."),
    ("fairness", "Fairness", "Sharing the load at home and in life so it feels even."),
    ("family", "Family", "The people we come from and the people we care for."),
    ("security", "Security", "A steady base: a home, some savings, knowing we'll be okay."),
    (
        "financial_freedom",
        "Financial freedom",
        "Being free of money worries and able to choose how we live.",
    ),
    ("routine", "Routine", "Predictable days and habits we can lean on."),
    ("calm", "Calm", "A peaceful home and an unhurried pace."),
    ("simplicity", "Simplicity", "Less stuff, less rush, more of what matters."),
    ("health", "Health", "Caring for our bodies and minds: sleep, food, movement, rest."),
    ("adventure", "Adventure", "New places, new things, a little daring together."),
    ("play", "Play", "Silliness, games and not taking everything too seriously."),
    ("humour", "Humour", "Finding the funny side, even on hard days."),
    ("creativity", "Creativity", "Making things, imagining, expressing who we are."),
    ("learning", "Learning", "Curiosity, books, courses — always finding out more."),
    ("growth", "Growth", "Becoming better people, and helping each other get there."),
    ("ambition", "Ambition", "Working towards big things in work or in life."),
    (
        "independence",
        "Independence",
        "Room to be our own people, with our own friends, time and interests.",
    ),
    ("freedom", "Freedom", "Choosing our own path, with little tying us down."),
    ("faith", "Faith or meaning", "Something bigger than us that guides how we live."),
    ("tradition", "Tradition", "Rituals, holidays and customs that connect us to our roots."),
    ("community", "Community", "Neighbours, friends and causes we show up for."),
    ("generosity", "Generosity", "Giving time, help and money freely."),
    ("helping_others", "Helping others", "Caring for people who need it, making things better."),
    ("nature", "Nature", "Time outdoors, and looking after the world we live in."),
)


def upgrade() -> None:
    op.create_table(
        "value",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("custom", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_value")),
        sa.UniqueConstraint("key", name=op.f("uq_value_key")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "value_statement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("written_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_value_statement")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "goal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("why", sa.Text(), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("horizon", sa.String(length=20), nullable=False),
        sa.Column("target_date", sa.Date(), nullable=True),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("manual_progress", sa.Integer(), nullable=True),
        sa.Column("next_review", sa.Date(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_on", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "status IN ('idea', 'active', 'done', 'let_go')", name=op.f("ck_goal_status")
        ),
        sa.CheckConstraint(
            "manual_progress IS NULL OR manual_progress BETWEEN 0 AND 100",
            name=op.f("ck_goal_manual_progress"),
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["partner.id"], name=op.f("fk_goal_owner_id_partner"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goal")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("goal", schema=None) as batch_op:
        batch_op.create_index("ix_goal_next_review", ["next_review"], unique=False)
        batch_op.create_index("ix_goal_status_position", ["status", "position"], unique=False)

    op.create_table(
        "value_sort",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("sorted_at", sa.DateTime(), nullable=False),
        sa.Column("utc_offset", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partner.id"],
            name=op.f("fk_value_sort_partner_id_partner"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_value_sort")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("value_sort", schema=None) as batch_op:
        batch_op.create_index(
            "ix_value_sort_partner_id_sorted_at", ["partner_id", "sorted_at"], unique=False
        )

    op.create_table(
        "goal_value",
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("value_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["goal_id"], ["goal.id"], name=op.f("fk_goal_value_goal_id_goal"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["value_id"],
            ["value.id"],
            name=op.f("fk_goal_value_value_id_value"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("goal_id", "value_id", name=op.f("pk_goal_value")),
    )
    with op.batch_alter_table("goal_value", schema=None) as batch_op:
        batch_op.create_index("ix_goal_value_value_id", ["value_id"], unique=False)

    op.create_table(
        "milestone",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["goal_id"], ["goal.id"], name=op.f("fk_milestone_goal_id_goal"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_milestone")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("milestone", schema=None) as batch_op:
        batch_op.create_index(
            "ix_milestone_goal_id_position", ["goal_id", "position"], unique=False
        )

    op.create_table(
        "value_rating",
        sa.Column("sort_id", sa.Integer(), nullable=False),
        sa.Column("value_id", sa.Integer(), nullable=False),
        sa.Column("importance", sa.Integer(), nullable=False),
        sa.CheckConstraint("importance BETWEEN 1 AND 5", name=op.f("ck_value_rating_importance")),
        sa.ForeignKeyConstraint(
            ["sort_id"],
            ["value_sort.id"],
            name=op.f("fk_value_rating_sort_id_value_sort"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["value_id"],
            ["value.id"],
            name=op.f("fk_value_rating_value_id_value"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("sort_id", "value_id", name=op.f("pk_value_rating")),
    )
    with op.batch_alter_table("value_rating", schema=None) as batch_op:
        batch_op.create_index("ix_value_rating_value_id", ["value_id"], unique=False)

    op.create_table(
        "win",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("won_on", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["goal_id"], ["goal.id"], name=op.f("fk_win_goal_id_goal"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_win")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("win", schema=None) as batch_op:
        batch_op.create_index("ix_win_goal_id", ["goal_id"], unique=False)
        batch_op.create_index("ix_win_won_on", ["won_on"], unique=False)

    value = sa.table(
        "value",
        sa.column("key", sa.String),
        sa.column("name", sa.String),
        sa.column("description", sa.Text),
        sa.column("custom", sa.Boolean),
        sa.column("position", sa.Integer),
    )
    op.bulk_insert(
        value,
        [
            {
                "key": key,
                "name": name,
                "description": description,
                "custom": False,
                "position": position,
            }
            for position, (key, name, description) in enumerate(STARTER_VALUES)
        ],
    )


def downgrade() -> None:
    with op.batch_alter_table("win", schema=None) as batch_op:
        batch_op.drop_index("ix_win_won_on")
        batch_op.drop_index("ix_win_goal_id")

    op.drop_table("win")
    with op.batch_alter_table("value_rating", schema=None) as batch_op:
        batch_op.drop_index("ix_value_rating_value_id")

    op.drop_table("value_rating")
    with op.batch_alter_table("milestone", schema=None) as batch_op:
        batch_op.drop_index("ix_milestone_goal_id_position")

    op.drop_table("milestone")
    with op.batch_alter_table("goal_value", schema=None) as batch_op:
        batch_op.drop_index("ix_goal_value_value_id")

    op.drop_table("goal_value")
    with op.batch_alter_table("value_sort", schema=None) as batch_op:
        batch_op.drop_index("ix_value_sort_partner_id_sorted_at")

    op.drop_table("value_sort")
    with op.batch_alter_table("goal", schema=None) as batch_op:
        batch_op.drop_index("ix_goal_status_position")
        batch_op.drop_index("ix_goal_next_review")

    op.drop_table("goal")
    op.drop_table("value_statement")
    op.drop_table("value")
