"""Repositories: the queries, in one place per area. They take a session and return records.

Services own the transaction; repositories never commit.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, table, text
from sqlalchemy.orm import Session, selectinload

from app.persistence.models import CoupleRecord, PartnerRecord, SettingsRecord

# Tables that hold the couple itself rather than entries they made.
COUPLE_TABLES = frozenset({"couple", "partner", "couple_settings"})


class CoupleRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self) -> CoupleRecord | None:
        return self.session.scalars(
            select(CoupleRecord).options(selectinload(CoupleRecord.partners)).limit(1)
        ).first()

    def create(
        self, names: tuple[str, str], colours: tuple[str, str], created_at: datetime
    ) -> CoupleRecord:
        couple = CoupleRecord(created_at=created_at)
        couple.partners = [
            PartnerRecord(position=i, name=name, colour=colour)
            for i, (name, colour) in enumerate(zip(names, colours, strict=True))
        ]
        couple.settings = SettingsRecord(
            week_start=0, text_size="normal", checkin_target_per_week=2, quality_hours_per_week=4
        )
        self.session.add(couple)
        self.session.flush()
        return couple


class SettingsRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self) -> SettingsRecord | None:
        return self.session.scalars(select(SettingsRecord).limit(1)).first()


class StatsRepository:
    """Row counts for ``hearth-cli info`` and the demo generator's safety check."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def rows_per_table(self) -> dict[str, int]:
        """Rows in every table the database holds (whatever its schema revision)."""
        names = self.session.scalars(
            text(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version' ORDER BY name"
            )
        ).all()
        return {
            name: self.session.scalar(select(func.count()).select_from(table(name)))
            for name in names
        }

    def entries_beyond_couple(self) -> int:
        """Rows the couple wrote themselves: not their names and settings, not the starter
        values and ideas every database comes with."""
        rows = self.rows_per_table()
        entries = sum(n for name, n in rows.items() if name not in COUPLE_TABLES)
        for starter in ("value", "idea"):  # what every database comes with
            if starter in rows:
                entries -= self.session.scalar(
                    text(f"SELECT count(*) FROM {starter} WHERE NOT custom"))
        return entries

    def highest_ids(self) -> dict[str, int]:
        """The highest row id in each table that has rows."""
        names = [r[0] for r in self.session.execute(text(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN "
            "('alembic_version', 'sqlite_sequence') ORDER BY name"))]
        found = {}
        for name in names:
            highest = self.session.scalar(text(f'SELECT max(rowid) FROM "{name}"'))
            if highest is not None:
                found[name] = highest
        return found

    def schema_revision(self) -> str | None:
        return self.session.scalar(text("SELECT version_num FROM alembic_version"))
