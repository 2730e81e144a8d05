"""The couple's settings."""

from __future__ import annotations

from app.domain import changes
from app.domain.changes import ChangeSet
from app.domain.errors import NotFoundError
from app.domain.privacy import clean_lock_minutes
from app.domain.settings import (
    Settings,
    TextSize,
    clean_checkin_target,
    clean_quality_hours,
    clean_text_size,
    clean_week_start,
)
from app.persistence.database import Database
from app.persistence.models import SettingsRecord
from app.persistence.repositories import SettingsRepository

_CLEANERS = {
    "week_start": clean_week_start,
    "text_size": clean_text_size,
    "checkin_target_per_week": clean_checkin_target,
    "quality_hours_per_week": clean_quality_hours,
    "lock_after_minutes": clean_lock_minutes,
}


def to_settings(record: SettingsRecord) -> Settings:
    return Settings(
        week_start=record.week_start,
        text_size=TextSize(record.text_size),
        checkin_target_per_week=record.checkin_target_per_week,
        quality_hours_per_week=record.quality_hours_per_week,
        lock_after_minutes=record.lock_after_minutes,
    )


class SettingsService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self) -> Settings:
        """The couple's settings, or the defaults before the couple exists."""
        with self.db.reading() as session:
            record = SettingsRepository(session).get()
            return to_settings(record) if record else Settings()

    def update(self, **values: object) -> tuple[Settings, ChangeSet]:
        """Change one or more settings; all are validated before anything is written."""
        unknown = set(values) - set(_CLEANERS)
        if unknown:
            raise TypeError(f"unknown settings: {', '.join(sorted(unknown))}")
        cleaned = {key: _CLEANERS[key](value) for key, value in values.items()}
        with self.db.transaction() as session:
            record = SettingsRepository(session).get()
            if record is None:
                raise NotFoundError("Hearth hasn't been set up yet: please enter both names first.")
            for key, value in cleaned.items():
                setattr(record, key, str(value) if isinstance(value, TextSize) else value)
            settings = to_settings(record)
        return settings, ChangeSet.of(changes.SETTINGS)
