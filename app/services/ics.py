"""Exchange the calendar with other calendar apps as iCalendar (.ics), with `icalendar`.

Export: one VEVENT per series (stable UID, SEQUENCE, DTSTART with TZID or as a date,
RRULE, EXDATE for cancelled occurrences) plus one VEVENT per changed occurrence
(RECURRENCE-ID), and a VTIMEZONE for every zone used.

Import: all or nothing. Everything is read and checked first; only then is anything
stored, in one transaction. Components other than events are skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

from app.domain import changes
from app.domain.calendar import KINDS, KINDS_BY_KEY, EventInput, clean_event, local_zone_name
from app.domain.changes import ChangeSet
from app.domain.errors import NotFoundError, ValidationError
from app.persistence.database import Database
from app.persistence.models import EventOverrideRecord, EventRecord
from app.persistence.repositories import CoupleRepository
from app.services.calendar import CalendarService, _bounds, _now, _widen_bounds

PRODID = "-//Hearth//Quality time//EN"
KIND_BY_LABEL = {k.label.casefold(): k.key for k in KINDS}
Progress = Callable[[int, int], None]
MAX_BYTES = 50 * 1024 * 1024

# What icalendar and dateutil raise for a file they can't make sense of.
UNREADABLE = (ValueError, TypeError, KeyError, AttributeError, OverflowError)


@dataclass
class _Series:
    data: EventInput
    uid: str
    sequence: int = 0
    status: str = "planned"
    overrides: list[dict] = field(default_factory=list)


def _zone_name(value: tzinfo | None) -> str | None:
    if value is None:
        return None
    key = getattr(value, "key", None) or getattr(value, "zone", None)
    if isinstance(key, str):
        try:
            ZoneInfo(key)
            return key
        except (ValueError, OSError, KeyError):
            return None
    return None


def _local(value: datetime, tz_name: str) -> datetime:
    """A moment from the file as a naive wall-clock time in ``tz_name``."""
    if value.tzinfo is None:
        return value  # floating time: as written
    return value.astimezone(ZoneInfo(tz_name)).replace(tzinfo=None)


def _guess_kind(title: str) -> str:
    """A kind from the words of a title made in another app ("Date night at Luigi's")."""
    words = title.casefold()
    for label, key in KIND_BY_LABEL.items():
        if label in words:
            return key
    for hint, key in (("date", "date_night"), ("walk", "walk"), ("hike", "walk"),
                      ("cook", "cooking"), ("dinner", "date_night"), ("trip", "adventure"),
                      ("meeting", "meeting"), ("talk", "conversation")):
        if hint in words:
            return key
    return "other"


class IcsService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- export --------------------------------------------------------------------------------

    def export(self, first: date | None = None, last: date | None = None) -> bytes:
        from icalendar import Calendar
        from icalendar import Event as VEvent

        calendar = Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("x-wr-calname", "Hearth — our quality time")
        lo = datetime.combine(first, time(0)) if first else None
        hi = datetime.combine(last, time(0)) + timedelta(days=1) if last else None
        with self.db.reading() as session:
            from sqlalchemy import select
            from sqlalchemy.orm import selectinload

            records = session.scalars(
                select(EventRecord).options(selectinload(EventRecord.overrides))
                .order_by(EventRecord.id)
            ).all()
            for record in records:
                if hi is not None and record.first_utc >= hi + timedelta(days=2):
                    continue
                if lo is not None and record.last_utc is not None \
                        and record.last_utc <= lo - timedelta(days=2):
                    continue
                calendar.add_component(self._vevent(VEvent, record))
                for override in record.overrides:
                    if override.cancelled or not (override.start_local or override.title
                                                  or override.status):
                        continue
                    calendar.add_component(self._override_vevent(VEvent, record, override))
        calendar.add_missing_timezones()
        return calendar.to_ical()

    @staticmethod
    def _when(value: datetime, record: EventRecord):
        if record.all_day:
            return value.date()
        return value.replace(tzinfo=ZoneInfo(record.tz)) if record.tz else value

    def _vevent(self, factory, record: EventRecord):
        event = factory()
        event.add("uid", record.uid)
        event.add("dtstamp", datetime.now(UTC))
        event.add("sequence", record.sequence)
        event.add("summary", record.title)
        event.add("dtstart", self._when(record.start_local, record))
        event.add("dtend", self._when(record.end_local, record))
        if record.location:
            event.add("location", record.location)
        if record.notes:
            event.add("description", record.notes)
        event.add("categories", [KINDS_BY_KEY[record.kind].label])
        event.add("x-hearth-kind", record.kind)
        if record.devices_away:
            event.add("x-hearth-devices-away", "TRUE")
        if record.rrule:
            event.add("rrule", self._export_rule(record))
            cancelled = [self._when(o.recurrence, record) for o in record.overrides
                         if o.cancelled]
            if cancelled:
                event.add("exdate", cancelled)
        if record.status != "planned":
            event.add("x-hearth-status", record.status.upper())
        return event

    @staticmethod
    def _export_rule(record: EventRecord):
        """RFC 5545 wants UNTIL in UTC when the start has a zone, and as a date when the
        event is all-day; Hearth keeps it in the event's wall-clock time."""
        from icalendar import vRecur

        rule = vRecur.from_ical(record.rrule)
        until = rule.get("UNTIL")
        if until and isinstance(until[0], datetime):
            moment = until[0].replace(tzinfo=None)
            if record.all_day:
                rule["UNTIL"] = [moment.date()]
            elif record.tz:
                rule["UNTIL"] = [moment.replace(tzinfo=ZoneInfo(record.tz)).astimezone(UTC)]
        return rule

    def _override_vevent(self, factory, record: EventRecord, override: EventOverrideRecord):
        event = factory()
        duration = record.end_local - record.start_local
        start = override.start_local or override.recurrence
        end = override.end_local or start + duration
        event.add("uid", record.uid)
        event.add("dtstamp", datetime.now(UTC))
        event.add("sequence", record.sequence)
        event.add("recurrence-id", self._when(override.recurrence, record))
        event.add("summary", override.title or record.title)
        event.add("dtstart", self._when(start, record))
        event.add("dtend", self._when(end, record))
        event.add("x-hearth-kind", record.kind)
        if override.status:
            event.add("x-hearth-status", override.status.upper())
        return event

    # -- import --------------------------------------------------------------------------------

    def import_(self, content: bytes, progress: Progress | None = None) -> tuple[int, ChangeSet]:
        """Add every event in ``content``; returns how many series were imported."""
        series = self._read(content, progress)
        with self.db.transaction() as session:
            couple = CoupleRepository(session).get()
            if couple is None:
                raise NotFoundError("Hearth hasn't been set up yet: please enter both names.")
            partner_ids = tuple(p.id for p in couple.partners)
            from sqlalchemy import select

            taken = set(session.scalars(select(EventRecord.uid)))
            for number, item in enumerate(series, start=1):
                try:
                    cleaned = clean_event(item.data, partner_ids)
                except ValidationError as error:
                    raise ValidationError(
                        f"Event {number} (“{item.data.title[:60]}”) can't be imported: "
                        f"{error.message}", error.field) from None
                uid, copy = item.uid, 1
                while uid in taken:  # the same file imported again: its events are new ones
                    copy += 1
                    uid = f"{item.uid}-{copy}"
                taken.add(uid)
                record = EventRecord(uid=uid, created_at=_now(), sequence=item.sequence,
                                     status=item.status)
                CalendarService._apply(record, cleaned)
                record.first_utc, record.last_utc = _bounds(cleaned)
                for override in item.overrides:
                    record.overrides.append(EventOverrideRecord(**override))
                _widen_bounds(record)
                session.add(record)
        return len(series), ChangeSet.of(changes.CALENDAR)

    def _read(self, content: bytes, progress: Progress | None) -> list[_Series]:
        from icalendar import Calendar

        if len(content) > MAX_BYTES:
            raise ValidationError("That file is too big to be a calendar of your dates.",
                                  "file")
        try:
            calendars = Calendar.from_ical(content, multiple=True)
        except (*UNREADABLE, IndexError, UnicodeDecodeError) as error:
            raise ValidationError(
                f"That file isn't a calendar Hearth can read ({error}). Nothing was imported.",
                "file") from None
        if not calendars:
            raise ValidationError("That file holds no calendar. Nothing was imported.", "file")
        events = [c for cal in calendars for c in cal.walk("VEVENT")]
        if not events:
            raise ValidationError("That calendar holds no events. Nothing was imported.",
                                  "file")
        masters: dict[str, _Series] = {}
        children = []
        local = local_zone_name()
        self._defined_zones = {str(z.get("tzid")) for cal in calendars
                               for z in cal.walk("VTIMEZONE")}
        for index, component in enumerate(events, start=1):
            try:
                if component.get("recurrence-id") is not None:
                    children.append(component)
                else:
                    item = self._series(component, local)
                    masters[item.uid if item.uid not in masters else f"{item.uid}-{index}"] = \
                        item
            except UNREADABLE as error:
                raise ValidationError(
                    f"Event {index} in the file can't be read ({error}). Nothing was imported.",
                    "file") from None
            if progress and index % 200 == 0:
                progress(index, len(events))
        for component in children:
            uid = str(component.get("uid", ""))
            master = masters.get(uid)
            try:
                if master is None:
                    # An occurrence without its series: keep it as an event of its own.
                    item = self._series(component, local)
                    masters[f"{uid}-{len(masters)}"] = item
                    continue
                master.overrides.append(self._override(component, master))
            except UNREADABLE as error:
                raise ValidationError(
                    f"A changed occurrence of “{master.data.title if master else uid}” can't be "
                    f"read ({error}). Nothing was imported.", "file") from None
        if progress:
            progress(len(events), len(events))
        return list(masters.values())

    def _series(self, component, local: str) -> _Series:
        start = component.decoded("dtstart")
        all_day = isinstance(start, date) and not isinstance(start, datetime)
        tz = None if all_day else self._zone_of(component, start, local)
        begin = datetime.combine(start, time(0)) if all_day else _local(start, tz)
        if component.get("dtend") is not None:
            end_value = component.decoded("dtend")
            end = (datetime.combine(end_value, time(0)) if all_day
                   else _local(end_value, tz))
        elif component.get("duration") is not None:
            end = begin + component.decoded("duration")
        else:
            end = begin + (timedelta(days=1) if all_day else timedelta(hours=1))
        if end <= begin:
            end = begin + (timedelta(days=1) if all_day else timedelta(hours=1))
        kind = str(component.get("x-hearth-kind", "")).strip()
        if kind not in KINDS_BY_KEY:
            categories = component.get("categories")
            labels = []
            if categories is not None:
                for entry in categories if isinstance(categories, list) else [categories]:
                    labels += [str(c) for c in getattr(entry, "cats", [entry])]
            kind = next((KIND_BY_LABEL[c.casefold()] for c in labels
                         if c.casefold() in KIND_BY_LABEL), None) or _guess_kind(
                str(component.get("summary", "")))
        rule = None
        if component.get("rrule") is not None:
            rule = self._rule(component.get("rrule"), tz)
        status = str(component.get("x-hearth-status", "planned")).lower()
        overrides = []
        for entry in self._exdates(component):
            moment = (datetime.combine(entry, time(0)) if not isinstance(entry, datetime)
                      else (_local(entry, tz) if tz else entry.replace(tzinfo=None)))
            overrides.append({"recurrence": moment, "cancelled": True})
        title = str(component.get("summary", "")).strip() or "Time together"
        data = EventInput(
            title=title[:120], kind=kind, start=begin, end=end, all_day=all_day, tz=tz,
            location=" ".join(str(component.get("location", "")).split())[:300],
            notes=str(component.get("description", "")),
            devices_away=str(component.get("x-hearth-devices-away", "")).upper() == "TRUE",
            rrule=rule,
        )
        return _Series(data, str(component.get("uid", "")) or f"imported-{id(component)}",
                       int(component.get("sequence", 0) or 0),
                       status if status in ("planned", "done", "skipped") else "planned",
                       overrides)

    def _zone_of(self, component, start: datetime, local: str) -> str:
        """The IANA zone an event repeats in: its own, Windows names translated; a zone
        defined only inside the file is followed in this computer's zone; an unknown one
        is refused."""
        known = _zone_name(start.tzinfo)
        if known:
            return known
        tzid = component["dtstart"].params.get("TZID")
        if tzid:
            from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

            mapped = WINDOWS_TO_OLSON.get(str(tzid))
            if mapped:
                return mapped
            if start.tzinfo is None or str(tzid) not in self._defined_zones:
                raise ValueError(f"the time zone “{tzid}” is one Hearth doesn't know")
        return local

    @staticmethod
    def _exdates(component) -> list:
        found = []
        value = component.get("exdate")
        if value is None:
            return found
        for entry in value if isinstance(value, list) else [value]:
            found.extend(d.dt for d in entry.dts)
        return found

    @staticmethod
    def _rule(value, tz: str | None) -> str:
        """The RRULE as text, with UNTIL in the event's own wall-clock time."""
        rule = dict(value)
        until = rule.get("UNTIL")
        if until:
            moment = until[0]
            if isinstance(moment, datetime):
                if moment.tzinfo is not None and tz is not None:
                    moment = moment.astimezone(ZoneInfo(tz))
                rule["UNTIL"] = [moment.replace(tzinfo=None)]
            else:
                rule["UNTIL"] = [datetime.combine(moment, time(23, 59, 59))]
        from icalendar import vRecur

        return vRecur(rule).to_ical().decode()

    def _override(self, component, master: _Series) -> dict:
        tz = master.data.tz
        recurrence = component.decoded("recurrence-id")
        if isinstance(recurrence, datetime):
            recurrence = _local(recurrence, tz) if tz else recurrence.replace(tzinfo=None)
        else:
            recurrence = datetime.combine(recurrence, time(0))
        if str(component.get("status", "")).upper() == "CANCELLED":
            return {"recurrence": recurrence, "cancelled": True}
        start = component.decoded("dtstart")
        start = (_local(start, tz) if isinstance(start, datetime) and tz
                 else start if isinstance(start, datetime)
                 else datetime.combine(start, time(0)))
        end = None
        if component.get("dtend") is not None:
            end_value = component.decoded("dtend")
            end = (_local(end_value, tz) if isinstance(end_value, datetime) and tz
                   else end_value if isinstance(end_value, datetime)
                   else datetime.combine(end_value, time(0)))
        title = str(component.get("summary", "")).strip()
        status = str(component.get("x-hearth-status", "")).lower() or None
        return {
            "recurrence": recurrence, "cancelled": False,
            "start_local": start if start != recurrence else None,
            "end_local": end if end and end > start else None,
            "title": title[:120] if title and title != master.data.title else None,
            "status": status if status in ("planned", "done", "skipped") else None,
        }
