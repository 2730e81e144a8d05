"""Check-in and sitting ids are never handed out twice.

Undo brings a deleted check-in back with its own id and sitting. Plain SQLite rowids
would give a deleted id to the next new check-in, so undo could collide with it or join a
stranger's sitting. AUTOINCREMENT keeps every id used once; the tables are rebuilt in
batch mode with their rows, constraints and indexes.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("checkin_session", "checkin"):
        with op.batch_alter_table(
            table, recreate="always", table_kwargs={"sqlite_autoincrement": True}
        ):
            pass


def downgrade() -> None:
    for table in ("checkin", "checkin_session"):
        with op.batch_alter_table(
            table, recreate="always", table_kwargs={"sqlite_autoincrement": False}
        ):
            pass
