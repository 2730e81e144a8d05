"""Drafts: unfinished input kept in the database so closing the window loses nothing."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from app.domain.errors import ValidationError
from app.persistence.database import Database
from app.persistence.models import DraftRecord


class DraftService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def save(self, key: str, payload: dict[str, Any]) -> None:
        """Keep ``payload`` (plain JSON values under text keys) until cleared."""
        if not isinstance(key, str) or not isinstance(payload, dict):
            raise ValidationError("A draft is a set of named answers.", "draft")
        try:
            text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
            text.encode("utf-8")
        except (TypeError, ValueError, UnicodeEncodeError):
            raise ValidationError("That draft holds something Hearth can't keep.",
                                  "draft") from None
        with self.db.transaction() as session:
            record = session.get(DraftRecord, key)
            if record is None:
                record = DraftRecord(key=key)
                session.add(record)
            record.payload = text
            record.updated_at = datetime.now(UTC).replace(tzinfo=None)

    def load(self, key: str) -> dict[str, Any] | None:
        with self.db.reading() as session:
            record = session.get(DraftRecord, key)
            if record is None:
                return None
            try:
                value = json.loads(record.payload)
            except ValueError:
                return None
            return value if isinstance(value, dict) else None

    def clear(self, key: str) -> None:
        with self.db.transaction() as session:
            record = session.get(DraftRecord, key)
            if record is not None:
                session.delete(record)
