"""Sittings where both partners checked in, kept by triggers, for Home's weekly rhythm.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-23

``together_sitting`` is derived from ``checkin``: the triggers below recompute a sitting's
row whenever one of its check-ins is added, removed or moved, so every way check-ins
arrive (the app, an import, demo data) keeps it right. It has no foreign key on purpose:
while a sitting is deleted, its check-ins go one by one and the triggers run in between.

A later migration that rebuilds ``checkin`` in batch mode drops these triggers: it must
create them again (tests/migrations checks they exist at head).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

LOCAL_DAY = "date(at, printf('%+d minutes', utc_offset))"


def _recompute(session: str) -> str:
    return (
        f"DELETE FROM together_sitting WHERE session_id = {session}; "
        "INSERT INTO together_sitting (session_id, day) "
        f"SELECT session_id, min({LOCAL_DAY}) FROM checkin WHERE session_id = {session} "
        "GROUP BY session_id HAVING count(DISTINCT partner_id) >= 2;"
    )


TRIGGERS = {
    "checkin_together_insert": f"AFTER INSERT ON checkin BEGIN {_recompute('NEW.session_id')} END",
    "checkin_together_delete": f"AFTER DELETE ON checkin BEGIN {_recompute('OLD.session_id')} END",
    "checkin_together_update": (
        "AFTER UPDATE OF session_id, partner_id, at, utc_offset ON checkin BEGIN "
        f"{_recompute('OLD.session_id')} {_recompute('NEW.session_id')} END"
    ),
}


def upgrade() -> None:
    op.create_table(
        "together_sitting",
        sa.Column("session_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.PrimaryKeyConstraint("session_id", name=op.f("pk_together_sitting")),
    )
    op.create_index("ix_together_sitting_day", "together_sitting", ["day"], unique=False)
    op.execute(
        "INSERT INTO together_sitting (session_id, day) "
        f"SELECT session_id, min({LOCAL_DAY}) FROM checkin GROUP BY session_id "
        "HAVING count(DISTINCT partner_id) >= 2"
    )
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index("ix_together_sitting_day", table_name="together_sitting")
    op.drop_table("together_sitting")
