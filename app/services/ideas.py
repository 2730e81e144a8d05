"""The idea bank: browse, add your own, and turn an idea into a plan."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from app.domain import changes
from app.domain.calendar import EventInput
from app.domain.changes import ChangeSet
from app.domain.errors import NotFoundError, ValidationError
from app.domain.ideas import LENGTH, Idea, IdeaFilter, clean_idea
from app.domain.moments import within_years
from app.persistence.database import Database
from app.persistence.models import IdeaRecord
from app.services.calendar import CalendarService, Event


def _idea(record: IdeaRecord) -> Idea:
    return Idea(record.id, record.title, record.description, record.kind, record.cost,
                record.duration, record.energy, record.place, record.custom)


class IdeasService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def ideas(self, flt: IdeaFilter | None = None) -> list[Idea]:
        """Ideas that fit, the couple's own first."""
        flt = flt or IdeaFilter()
        with self.db.reading() as session:
            records = session.scalars(
                select(IdeaRecord).order_by(IdeaRecord.custom.desc(), IdeaRecord.id))
            return [i for i in (_idea(r) for r in records) if flt.accepts(i)]

    def add(self, title: str, description: str = "", kind: str = "other",
            cost: str = "free", duration: str = "evening", energy: str = "low",
            place: str = "home") -> tuple[Idea, ChangeSet]:
        title, description = clean_idea(title, description, kind, cost, duration, energy,
                                        place)
        with self.db.transaction() as session:
            record = IdeaRecord(title=title, description=description, kind=kind, cost=cost,
                                duration=duration, energy=energy, place=place, custom=True)
            session.add(record)
            session.flush()
            idea = _idea(record)
        return idea, ChangeSet.of(changes.CALENDAR)

    def plan(self, idea_id: int, start: datetime) -> tuple[Event, ChangeSet]:
        """Put an idea on the calendar at ``start`` (naive local time)."""
        with self.db.reading() as session:
            record = session.get(IdeaRecord, idea_id)
            if record is None:
                raise NotFoundError("That idea no longer exists.")
            idea = _idea(record)
        if not isinstance(start, datetime) or start.tzinfo is not None:
            raise ValidationError("Please choose a day and time for it.", "start")
        within_years(start, "start")
        data = EventInput(idea.title, idea.kind, start, start + LENGTH[idea.duration],
                          notes=idea.description, devices_away=idea.kind == "device_free")
        return CalendarService(self.db).create(data)
