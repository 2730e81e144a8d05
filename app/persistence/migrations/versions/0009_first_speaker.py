"""Conflict worksheets: who has the floor first in "Solve it together".

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # batch mode rebuilds the table; keep ids never reused (AUTOINCREMENT) as 0008 made them
    with op.batch_alter_table(
        "worksheet", schema=None, table_kwargs={"sqlite_autoincrement": True}
    ) as batch_op:
        batch_op.add_column(sa.Column("first_speaker_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_worksheet_first_speaker_id_partner"),
            "partner",
            ["first_speaker_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table(
        "worksheet", schema=None, table_kwargs={"sqlite_autoincrement": True}
    ) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_worksheet_first_speaker_id_partner"), type_="foreignkey"
        )
        batch_op.drop_column("first_speaker_id")
