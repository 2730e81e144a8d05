"""The quality-time calendar: plan, repeat, move, mark, reflect, and count the hours."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from dateutil.rrule import rrulestr
from sqlalchemy import delete as sql_delete
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import changes
from app.domain.calendar import (
    SCOPES,
    STATUSES,
    EventInput,
    Occurrence,
    clean_event,
    clean_memory,
    expand,
    hours_of,
    next_planned_of,
    until_before,
    zone,
)
from app.domain.changes import ChangeSet
from app.domain.errors import NotFoundError, ValidationError
from app.persistence import glance
from app.persistence.database import Database
from app.persistence.models import EventOverrideRecord, EventRecord, ReflectionRecord
from app.persistence.repositories import CoupleRepository


@dataclass(frozen=True)
class Event:
    """A series (or a single event) as planned."""

    id: int
    uid: str
    title: str
    kind: str
    start: datetime  # naive local wall-clock time in ``tz``
    end: datetime
    all_day: bool
    tz: str | None
    rrule: str | None
    location: str
    notes: str
    planned_by: int | None
    devices_away: bool
    status: str
    sequence: int

    def as_input(self) -> EventInput:
        return EventInput(self.title, self.kind, self.start, self.end, self.all_day, self.tz,
                          self.location, self.notes, self.planned_by, self.devices_away,
                          self.rrule)


Columns = tuple[tuple[str, object], ...]


@dataclass(frozen=True)
class SavedEvent:
    """One event exactly as it was: its columns, changed occurrences and reflections."""

    columns: Columns
    overrides: tuple[Columns, ...]
    reflections: tuple[Columns, ...]

    @property
    def title(self) -> str:
        return str(dict(self.columns)["title"])


@dataclass(frozen=True)
class EventState:
    """How some events were at one moment — each by id, None where it didn't exist — so
    an action on them can be undone and redone exactly (``CalendarService.restore``)."""

    events: tuple[tuple[int, SavedEvent | None], ...]


def _columns(record, skip: tuple[str, ...] = ()) -> Columns:
    return tuple((c.key, getattr(record, c.key)) for c in record.__mapper__.column_attrs
                 if c.key not in skip)


def _event(record: EventRecord) -> Event:
    return Event(record.id, record.uid, record.title, record.kind, record.start_local,
                 record.end_local, record.all_day, record.tz, record.rrule, record.location,
                 record.notes, record.planned_by, record.devices_away, record.status,
                 record.sequence)


def _to_utc(local: datetime, tz: str | None) -> datetime:
    if tz is None:
        return local  # all-day: the margin covers the zones
    return local.replace(tzinfo=zone(tz)).astimezone(UTC).replace(tzinfo=None)


def _bounds(data: EventInput) -> tuple[datetime, datetime | None]:
    """First start and last end of a series, in UTC (None: it never ends)."""
    first = _to_utc(data.start, data.tz)
    duration = data.end - data.start
    if data.rrule is None:
        return first, _to_utc(data.end, data.tz)
    series = rrulestr(data.rrule, dtstart=data.start)
    if "UNTIL=" not in data.rrule and "COUNT=" not in data.rrule:
        return first, None
    last = None
    for last in series:  # noqa: B007 - finite by UNTIL/COUNT
        pass
    if last is None:
        return first, first + duration
    return first, _to_utc(last + duration, data.tz)


def _widen_bounds(record: EventRecord) -> None:
    """A moved occurrence can lie outside the series' own first and last dates."""
    for override in record.overrides:
        if override.start_local is None or override.cancelled:
            continue
        end = override.end_local or override.start_local + (record.end_local -
                                                            record.start_local)
        first, last = _to_utc(override.start_local, record.tz), _to_utc(end, record.tz)
        record.first_utc = min(record.first_utc, first)
        if record.last_utc is not None:
            record.last_utc = max(record.last_utc, last)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _changed(*ids: int) -> ChangeSet:
    return ChangeSet.of(changes.CALENDAR, ids={changes.CALENDAR: list(ids)})


class CalendarService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- planning ------------------------------------------------------------------------------

    def create(self, data: EventInput, uid: str | None = None) -> tuple[Event, ChangeSet]:
        with self.db.transaction() as session:
            cleaned = self._clean(session, data)
            record = EventRecord(uid=uid or f"{uuid.uuid4()}@hearth", created_at=_now(),
                                 sequence=0, status="planned")
            self._apply(record, cleaned)
            session.add(record)
            session.flush()
            event = _event(record)
        return event, _changed(event.id)

    def get(self, event_id: int) -> Event:
        with self.db.reading() as session:
            return _event(self._record(session, event_id))

    def events(self) -> tuple[Event, ...]:
        with self.db.reading() as session:
            records = session.scalars(select(EventRecord).order_by(EventRecord.first_utc))
            return tuple(_event(r) for r in records)

    def update(self, event_id: int, recurrence: datetime | None, data: EventInput,
               scope: str = "all") -> tuple[Event, ChangeSet]:
        """Change an event. For a series: just this occurrence, this and the following
        ones (the series is split there), or all of them."""
        if scope not in SCOPES:
            raise ValidationError("Please choose which events to change.", "scope")
        with self.db.transaction() as session:
            record = self._record(session, event_id)
            cleaned = self._clean(session, data)
            if record.rrule is None or scope == "all" or recurrence is None:
                if record.rrule is not None and cleaned.rrule is not None:
                    self._shift_overrides(session, record, cleaned.start - record.start_local)
                self._apply(record, cleaned)
                record.sequence += 1
                session.flush()
                return _event(record), _changed(event_id)
            if scope == "this":
                override = self._override(session, record, recurrence)
                override.start_local, override.end_local = cleaned.start, cleaned.end
                override.title = cleaned.title if cleaned.title != record.title else None
                record.sequence += 1
                _widen_bounds(record)
                session.flush()
                return _event(record), _changed(event_id)
            new = self._split(session, record, recurrence, cleaned)
            return _event(new), _changed(event_id, new.id)

    def delete(self, event_id: int, recurrence: datetime | None = None,
               scope: str = "all") -> ChangeSet:
        if scope not in SCOPES:
            raise ValidationError("Please choose which events to delete.", "scope")
        with self.db.transaction() as session:
            record = self._record(session, event_id)
            if record.rrule is None or scope == "all" or recurrence is None:
                session.delete(record)
            elif scope == "this":
                self._override(session, record, recurrence).cancelled = True
                record.sequence += 1
            else:
                if recurrence <= record.start_local:
                    session.delete(record)
                else:
                    self._end_before(record, recurrence)
        return _changed(event_id)

    def set_status(self, event_id: int, recurrence: datetime | None,
                   status: str) -> ChangeSet:
        """Mark one occurrence done or skipped (or planned again)."""
        return self.afterwards(event_id, recurrence, status, {})

    def reflect(self, event_id: int, recurrence: datetime | None, partner_id: int,
                rating: int, memory: str = "") -> ChangeSet:
        """One partner's reflection after the date; saying it again replaces it."""
        return self.afterwards(event_id, recurrence, None, {partner_id: (rating, memory)})

    def afterwards(self, event_id: int, recurrence: datetime | None, status: str | None,
                   reflections: dict[int, tuple[int, str]]) -> ChangeSet:
        """After a plan, in one transaction: how it went (``status``; None leaves it) and
        each partner's reflection (partner id → rating 1–5 and a line to remember) — all
        kept, or nothing if any of it is refused. ``recurrence``: which occurrence of a
        repeating plan (None for a one-off)."""
        if status is not None and status not in STATUSES:
            raise ValidationError("Please choose planned, done or skipped.", "status")
        cleaned = {pid: clean_memory(rating, memory)
                   for pid, (rating, memory) in reflections.items()}
        with self.db.transaction() as session:
            record = self._record(session, event_id)
            if status is not None:
                if record.rrule is None or recurrence is None:
                    record.status = status
                else:
                    self._override(session, record, recurrence).status = status
            if not cleaned:
                return _changed(event_id)
            couple = CoupleRepository(session).get()
            partners = {p.id for p in couple.partners} if couple else set()
            if any(pid not in partners for pid in cleaned):
                raise ValidationError("That partner isn't part of this couple.", "partner")
            moment = recurrence or record.start_local
            self._check_occurs(record, moment)
            for partner_id, (rating, memory) in cleaned.items():
                existing = session.scalars(select(ReflectionRecord).where(
                    ReflectionRecord.event_id == event_id, ReflectionRecord.recurrence == moment,
                    ReflectionRecord.partner_id == partner_id)).first()
                if existing is None:
                    existing = ReflectionRecord(event_id=event_id, recurrence=moment,
                                                partner_id=partner_id, created_at=_now())
                    session.add(existing)
                existing.rating, existing.memory = rating, memory
        return _changed(event_id)

    # -- undo and redo -------------------------------------------------------------------------

    def state(self, *event_ids: int) -> EventState:
        """How these events are now (None for an id that doesn't exist), to restore later."""
        with self.db.reading() as session:
            saved: list[tuple[int, SavedEvent | None]] = []
            for event_id in event_ids:
                record = session.get(EventRecord, event_id)
                if record is None:
                    saved.append((event_id, None))
                    continue
                reflections = session.scalars(select(ReflectionRecord).where(
                    ReflectionRecord.event_id == event_id).order_by(ReflectionRecord.id))
                saved.append((event_id, SavedEvent(
                    _columns(record),
                    tuple(_columns(o, ("id", "event_id")) for o in record.overrides),
                    tuple(_columns(r, ("id", "event_id")) for r in reflections))))
            return EventState(tuple(saved))

    def restore(self, state: EventState) -> ChangeSet:
        """Put events back exactly as ``state`` holds them — same id, same occurrences and
        reflections — and remove those that didn't exist then. This is what undo and
        redo do."""
        with self.db.transaction() as session:
            for event_id, saved in state.events:
                record = session.get(EventRecord, event_id)
                if saved is None:
                    if record is not None:
                        session.delete(record)
                    continue
                if record is None:
                    record = EventRecord(id=event_id)
                    session.add(record)
                else:
                    record.overrides.clear()
                    session.execute(sql_delete(ReflectionRecord).where(
                        ReflectionRecord.event_id == event_id))
                    session.flush()
                for key, value in saved.columns:
                    setattr(record, key, value)
                record.overrides = [EventOverrideRecord(**dict(o)) for o in saved.overrides]
                session.flush()
                for reflection in saved.reflections:
                    session.add(ReflectionRecord(event_id=event_id, **dict(reflection)))
        return _changed(*(event_id for event_id, _saved in state.events))

    # -- reading -------------------------------------------------------------------------------

    def occurrences(self, first: date, last: date) -> list[Occurrence]:
        """Every occurrence starting on local days ``first``..``last`` (inclusive), with
        moved occurrences where they were moved to, in time order. Plans only exist
        between 1900 and 2200, so days outside those years hold none."""
        with self.db.raw() as conn:  # the same read as Home's and Trends'
            return glance.occurrences(conn, first, last, with_reflections=True)

    def next_planned(self, now: datetime | None = None,
                     horizon_days: int = 120) -> Occurrence | None:
        now = now or datetime.now().astimezone()
        return next_planned_of(
            self.occurrences(now.date(), now.date() + timedelta(days=horizon_days)), now)

    def hours_between(self, first: date, last: date) -> float:
        """Hours of quality time done or planned (not skipped) on ``first``..``last``."""
        return hours_of(self.occurrences(first, last))

    # -- helpers -------------------------------------------------------------------------------

    @staticmethod
    def _record(session: Session, event_id: int) -> EventRecord:
        record = session.get(EventRecord, event_id)
        if record is None:
            raise NotFoundError("That event no longer exists.")
        return record

    @staticmethod
    def _clean(session: Session, data: EventInput) -> EventInput:
        couple = CoupleRepository(session).get()
        if couple is None:
            raise NotFoundError("Hearth hasn't been set up yet: please enter both names.")
        return clean_event(data, tuple(p.id for p in couple.partners))

    @staticmethod
    def _apply(record: EventRecord, data: EventInput) -> None:
        record.title, record.kind, record.all_day = data.title, data.kind, data.all_day
        record.start_local, record.end_local, record.tz = data.start, data.end, data.tz
        record.rrule, record.location, record.notes = data.rrule, data.location, data.notes
        record.planned_by, record.devices_away = data.planned_by, data.devices_away
        record.first_utc, record.last_utc = _bounds(data)
        _widen_bounds(record)
        record.updated_at = _now()

    @staticmethod
    def _check_occurs(record: EventRecord, moment: datetime) -> None:
        if record.rrule is None:
            if moment != record.start_local:
                raise NotFoundError("That date isn't part of this event.")
            return
        hits = list(expand(record.start_local, record.rrule, set(), moment,
                           moment + timedelta(seconds=1)))
        if not hits:
            raise NotFoundError("That date isn't part of this series.")
        if any(o.recurrence == moment and o.cancelled for o in record.overrides):
            raise NotFoundError("That date was taken out of the series.")

    def _override(self, session: Session, record: EventRecord,
                  recurrence: datetime) -> EventOverrideRecord:
        self._check_occurs(record, recurrence)
        override = next((o for o in record.overrides if o.recurrence == recurrence), None)
        if override is None:
            override = EventOverrideRecord(recurrence=recurrence, cancelled=False)
            record.overrides.append(override)
        return override

    @staticmethod
    def _shift_overrides(session: Session, record: EventRecord, delta: timedelta) -> None:
        """The series moved in time: its changed occurrences and reflections move along."""
        if not delta:
            return
        for override in record.overrides:
            override.recurrence = override.recurrence + delta
        for reflection in session.scalars(
                select(ReflectionRecord).where(ReflectionRecord.event_id == record.id)):
            reflection.recurrence = reflection.recurrence + delta

    def _end_before(self, record: EventRecord, recurrence: datetime) -> None:
        assert record.rrule is not None
        record.rrule = until_before(record.rrule, recurrence)
        record.overrides = [o for o in record.overrides if o.recurrence < recurrence]
        data = EventInput(record.title, record.kind, record.start_local, record.end_local,
                          record.all_day, record.tz, rrule=record.rrule)
        record.first_utc, record.last_utc = _bounds(data)
        _widen_bounds(record)
        record.sequence += 1
        record.updated_at = _now()

    def _split(self, session: Session, record: EventRecord, recurrence: datetime,
               data: EventInput) -> EventRecord:
        """"This and following": the old series ends before ``recurrence``; a new one
        starts there with the changes (its rule keeps going as the old one did)."""
        self._check_occurs(record, recurrence)
        if recurrence <= record.start_local:
            self._apply(record, data)
            record.sequence += 1
            return record
        moved = [o for o in record.overrides if o.recurrence >= recurrence]
        rule = data.rrule
        if rule and "COUNT=" in rule:
            done = sum(1 for _ in expand(record.start_local, record.rrule, set(),
                                         record.start_local, recurrence))
            parts = dict(p.split("=", 1) for p in rule.split(";"))
            parts["COUNT"] = str(max(1, int(parts["COUNT"]) - done))
            rule = ";".join(f"{k}={v}" for k, v in parts.items())
        self._end_before(record, recurrence)
        new = EventRecord(uid=f"{uuid.uuid4()}@hearth", created_at=_now(), sequence=0,
                          status="planned")
        self._apply(new, EventInput(
            data.title, data.kind, data.start, data.end, data.all_day, data.tz, data.location,
            data.notes, data.planned_by, data.devices_away, rule))
        delta = data.start - recurrence
        for override in moved:
            session.delete(override)
            if override.cancelled or override.status or override.start_local:
                new.overrides.append(EventOverrideRecord(
                    recurrence=override.recurrence + delta, cancelled=override.cancelled,
                    start_local=override.start_local, end_local=override.end_local,
                    title=override.title, status=override.status))
        session.add(new)
        session.flush()
        for reflection in session.scalars(select(ReflectionRecord).where(
                ReflectionRecord.event_id == record.id,
                ReflectionRecord.recurrence >= recurrence)):
            reflection.event_id = new.id
            reflection.recurrence = reflection.recurrence + delta
        return new
