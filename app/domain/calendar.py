"""Quality time on the calendar: kinds of time together, events that may repeat (RFC 5545
rules, expanded with python-dateutil), single occurrences moved or marked, reflections.

Times are kept as local wall-clock times with their IANA time zone, so "every Friday at
19:30" stays at 19:30 across daylight-saving changes. All-day events are local dates.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import DAILY, MONTHLY, WEEKLY, YEARLY, rrule, rrulestr

from app.domain.checkins import clean_text
from app.domain.couple import clean_label
from app.domain.errors import ValidationError
from app.domain.moments import LATEST_YEAR, refuse_skipped, skipped, within_years
from app.domain.weeks import months_between


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    colour: str  # readable on light and dark backgrounds
    icon: str  # a symbol any font has


KINDS: tuple[Kind, ...] = (
    Kind("date_night", "Date night", "#c2410c", "♥"),
    Kind("walk", "Walk", "#15803d", "☀"),
    Kind("cooking", "Cooking together", "#b45309", "♨"),
    Kind("device_free", "Device-free evening", "#0f766e", "☾"),
    Kind("conversation", "Deep conversation", "#7c3aed", "✎"),
    Kind("adventure", "Adventure", "#be123c", "✈"),
    Kind("rest", "Rest together", "#2563eb", "☁"),
    Kind("meeting", "Weekly meeting", "#a16207", "☷"),
    Kind("other", "Other", "#64748b", "●"),
)
# Not time together: when to come back to a worksheet after a break to calm down. Hearth
# puts it on the calendar itself; it is never offered as a kind to plan.
COME_BACK = Kind("come_back", "Come back to a talk", "#475569", "↺")
COME_BACK_TITLE = "Come back to: "
KINDS_BY_KEY = {k.key: k for k in (*KINDS, COME_BACK)}
STATUSES = ("planned", "done", "skipped")
TITLE_MAX = 120
LINE_MAX = 300
SCOPES = ("this", "following", "all")


@dataclass(frozen=True)
class EventInput:
    """What the couple plans. ``start``/``end``: local wall-clock times (naive) in ``tz``,
    or, for all-day events, midnight of the first day and of the day after the last."""

    title: str
    kind: str = "date_night"
    start: datetime = datetime(2026, 1, 1, 19, 0)
    end: datetime = datetime(2026, 1, 1, 21, 0)
    all_day: bool = False
    tz: str | None = None  # IANA name; None: this computer's zone
    location: str = ""
    notes: str = ""
    planned_by: int | None = None  # None: both
    devices_away: bool = False
    rrule: str | None = None  # e.g. "FREQ=WEEKLY;BYDAY=FR"


@dataclass(frozen=True)
class Reflection:
    partner_id: int
    rating: int  # 1–5: how connected it felt
    memory: str


@dataclass(frozen=True)
class Occurrence:
    """One time a (possibly repeating) event happens."""

    event_id: int
    recurrence: datetime  # the original local start: which occurrence of the series
    title: str
    kind: str
    start: datetime  # aware, local zone of the event (all-day: naive midnight)
    end: datetime
    all_day: bool
    location: str
    notes: str
    planned_by: int | None
    devices_away: bool
    status: str
    repeating: bool
    moved: bool = False
    reflections: tuple[Reflection, ...] = field(default=())

    @property
    def hours(self) -> float:
        if self.all_day:
            return 0.0  # a whole day is not counted as hours of quality time
        # In UTC: a night the clocks change has one hour more or less than the wall says.
        return (self.end.astimezone(UTC) - self.start.astimezone(UTC)).total_seconds() / 3600

    @property
    def key(self) -> tuple[int, datetime]:
        return self.event_id, self.recurrence


@dataclass(frozen=True)
class MonthHours:
    month: date  # the first day
    hours: float  # quality time marked done
    connection: float | None  # average rating after dates that month


def monthly_hours(occurrences: Iterable[Occurrence], first: date,
                  last: date) -> list[MonthHours]:
    """Hours done per month from ``first`` to ``last``, and the average connection rating
    after that month's dates (None when nobody rated one)."""
    hours: dict[date, float] = defaultdict(float)
    ratings: dict[date, list[int]] = defaultdict(list)
    for occurrence in together(occurrences):
        month = occurrence.start.date().replace(day=1)
        if occurrence.status == "done":
            hours[month] += occurrence.hours
        ratings[month].extend(r.rating for r in occurrence.reflections)
    return [MonthHours(month, round(hours.get(month, 0.0), 2),
                       sum(ratings[month]) / len(ratings[month]) if ratings.get(month) else None)
            for month in months_between(first, last)]


def local_zone_name() -> str:
    """This computer's IANA zone name, or UTC when it cannot be told."""
    import os

    name = os.environ.get("TZ", "")
    if name and _zone(name) is not None:
        return name
    try:
        link = os.path.realpath("/etc/localtime")
        if "zoneinfo/" in link:
            candidate = link.split("zoneinfo/", 1)[1]
            if _zone(candidate) is not None:
                return candidate
    except OSError:
        pass
    # No zone database link (e.g. Windows): a fixed offset is the best honest answer.
    offset = datetime.now().astimezone().utcoffset() or timedelta(0)
    hours, rest = divmod(int(offset.total_seconds()), 3600)
    if rest == 0 and hours:
        return f"Etc/GMT{-hours:+d}"  # POSIX-style names have the sign inverted
    return "UTC"


def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def zone(name: str | None) -> ZoneInfo:
    found = _zone(name or local_zone_name())
    if found is None:
        raise ValidationError(f"“{name}” isn't a time zone Hearth knows.", "tz")
    return found


INTERVAL_MAX = 400  # "every 400 days" is the most anyone plans
COUNT_MAX = 2000  # forty years of weekly dates
_RULE_TEXT = re.compile(r"[A-Z]+=[A-Z0-9,+\-]+(;[A-Z]+=[A-Z0-9,+\-]+)*;?")


def clean_rule(rule: str | None, start: datetime) -> str | None:
    """An RFC 5545 RRULE value (without "RRULE:"), checked by parsing it; None: no repeat."""
    if rule is None:
        return None
    if not isinstance(rule, str):
        raise ValidationError("That repeat rule isn't one Hearth understands.", "rrule")
    if not rule.strip():
        return None
    text = rule.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    if not _RULE_TEXT.fullmatch(text.upper()):  # one RRULE value: no DTSTART, no lines
        raise ValidationError("That repeat rule isn't one Hearth understands.", "rrule")
    try:
        parsed = rrulestr(text, dtstart=start)
    except (ValueError, TypeError, KeyError, OverflowError):
        raise ValidationError("That repeat rule isn't one Hearth understands.", "rrule") from None
    if not isinstance(parsed, rrule):
        raise ValidationError("Please use a single repeat rule.", "rrule")
    if parsed._freq not in (YEARLY, MONTHLY, WEEKLY, DAILY):
        raise ValidationError("Hearth repeats plans by the day, week, month or year.", "rrule")
    if not 1 <= parsed._interval <= INTERVAL_MAX:
        raise ValidationError(f"Please repeat every 1 to {INTERVAL_MAX} days, weeks, months "
                              "or years.", "rrule")
    if parsed._count is not None and not 1 <= parsed._count <= COUNT_MAX:
        raise ValidationError(f"Please repeat at most {COUNT_MAX} times.", "rrule")
    if parsed._until is not None and parsed._until.year > LATEST_YEAR:
        raise ValidationError(f"Please end the repeats by {LATEST_YEAR}.", "rrule")
    # Look for a first time within fifty years: an impossible rule (30 February) would
    # otherwise be searched for until the year 9999.
    bounded = text if "UNTIL=" in text.upper() else ";".join(
        [p for p in text.split(";") if not p.upper().startswith("COUNT=")]
        + [f"UNTIL={(start + timedelta(days=366 * 50)):%Y%m%dT%H%M%S}"])
    try:
        probe = rrulestr(bounded, dtstart=start)
    except (ValueError, TypeError, KeyError):
        probe = parsed
    if probe.after(start - timedelta(seconds=1), inc=True) is None:
        raise ValidationError("That repeat rule never happens.", "rrule")
    return text.upper()


def clean_event(data: EventInput, partner_ids: tuple[int, ...]) -> EventInput:
    title = clean_label(data.title, "title", "title", TITLE_MAX)
    if data.kind not in KINDS_BY_KEY:
        raise ValidationError("Please choose what kind of time together this is.", "kind")
    for value, name in ((data.start, "start"), (data.end, "end")):
        if not isinstance(value, datetime) or value.tzinfo is not None:
            raise ValidationError("Please give a start and an end.", name)
        within_years(value, name)
    if not isinstance(data.all_day, bool):
        raise ValidationError("Please say whether it lasts all day.", "all_day")
    if data.tz is not None and not isinstance(data.tz, str):
        raise ValidationError("That isn't a time zone Hearth knows.", "tz")
    if data.end <= data.start:
        raise ValidationError("The end needs to be after the start.", "end")
    if data.all_day and (data.start.time() != time(0) or data.end.time() != time(0)):
        raise ValidationError("An all-day event runs from one day to another.", "end")
    if data.end - data.start > timedelta(days=31):
        raise ValidationError("Please keep one event to a month at most.", "end")
    tz = None if data.all_day else (data.tz or local_zone_name())
    if tz is not None:
        place = zone(tz)
        for value, name in ((data.start, "start"), (data.end, "end")):
            if skipped(value, place):  # a time the clocks jumped over
                mine = data.tz is None or tz == local_zone_name()
                refuse_skipped(value, place, name, "your time zone" if mine else tz)
    location = clean_text(data.location, "location", "The place").strip()
    if len(location) > LINE_MAX or len(location.splitlines()) > 1:
        raise ValidationError("Please keep the place to one line.", "location")
    notes = clean_text(data.notes, "notes", "The notes")
    if data.planned_by is not None and data.planned_by not in partner_ids:
        raise ValidationError("Please choose who planned it.", "planned_by")
    rule = clean_rule(data.rrule, data.start)
    return EventInput(title, data.kind, data.start, data.end, data.all_day, tz, location, notes,
                      data.planned_by, bool(data.devices_away), rule)


def clean_memory(rating: object, memory: object) -> tuple[int, str]:
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        raise ValidationError("Please rate it from 1 (not very) to 5 (very connected).",
                              "rating")
    text = clean_text(memory, "memory", "The memory").strip()
    if len(text) > LINE_MAX or len(text.splitlines()) > 1:
        raise ValidationError("Please keep the memory to one line.", "memory")
    return rating, text


def expand(start: datetime, rule: str | None, exdates: set[datetime],
           first: datetime, last: datetime) -> Iterator[datetime]:
    """Original local starts of a series that fall in [first, last) (naive local times).

    The rule runs in wall-clock time, so 19:30 stays 19:30 across DST changes.
    """
    if rule is None:
        if first <= start < last and start not in exdates:
            yield start
        return
    series = _series(rule, start)
    for moment in series.xafter(first - timedelta(microseconds=1)):
        if moment >= last:
            break
        if moment not in exdates:
            yield moment


@lru_cache(maxsize=256)
def _series(rule: str, start: datetime) -> rrule:
    """A parsed rule that remembers the times it has worked out (dateutil's cache), so
    moving through the months of a long series doesn't start from its first date each time."""
    return rrulestr(rule, dtstart=start, cache=True)


def aware(local: datetime, tz: str | None) -> datetime:
    """A naive local time as an aware one in its zone (all-day stays naive)."""
    if tz is None:
        return local
    return local.replace(tzinfo=zone(tz))


def until_before(rule: str, moment: datetime) -> str:
    """The rule, ended just before ``moment`` (for "this and following")."""
    parts = [p for p in rule.split(";") if p and not p.startswith(("UNTIL=", "COUNT="))]
    until = (moment - timedelta(seconds=1)).strftime("%Y%m%dT%H%M%S")
    return ";".join([*parts, f"UNTIL={until}"])


def rule_words(rule: str | None) -> str:
    """A short description of a repeat rule, for lists and the dialog."""
    if not rule:
        return "Once"
    parts = dict(p.split("=", 1) for p in rule.split(";") if "=" in p)
    freq = parts.get("FREQ", "")
    interval = int(parts.get("INTERVAL", "1") or 1)
    names = {"MO": "Monday", "TU": "Tuesday", "WE": "Wednesday", "TH": "Thursday",
             "FR": "Friday", "SA": "Saturday", "SU": "Sunday"}
    days = [d for d in parts.get("BYDAY", "").split(",") if d]
    if freq == "WEEKLY":
        on = " and ".join(names.get(d[-2:], d) for d in days)
        base = "Every week" if interval == 1 else f"Every {interval} weeks"
        return f"{base} on {on}" if on else base
    if freq == "MONTHLY":
        if days and days[0][:-2]:
            nth = {"1": "first", "2": "second", "3": "third", "4": "fourth", "-1": "last"}
            return f"The {nth.get(days[0][:-2], days[0][:-2])} {names.get(days[0][-2:], '')} " \
                   "of every month"
        return "Every month" if interval == 1 else f"Every {interval} months"
    if freq == "YEARLY":
        return "Every year"
    if freq == "DAILY":
        return "Every day" if interval == 1 else f"Every {interval} days"
    return "Repeats"


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(0))
    return start, start + timedelta(days=1)


def when_words(occurrence: Occurrence, now: datetime) -> str:
    """"tonight at 19:30", "tomorrow at 10:00", "Friday 4 December at 19:30"."""
    start = occurrence.start
    if not occurrence.all_day:
        start = start.astimezone(now.tzinfo) if now.tzinfo else start
    day = start.date()
    days = (day - now.date()).days
    at = "" if occurrence.all_day else f" at {start:%H:%M}"
    if days == 0:
        if occurrence.all_day:
            return "today"
        return ("tonight" if start.hour >= 17 else "today") + at
    if days == 1:
        return "tomorrow" + (at if at else "")
    if 1 < days < 7:
        return f"{start:%A}{at}"
    return f"{start:%A} {day.day} {start:%B}{at}"


def occurrences_of(events, reflections, lo: datetime, hi: datetime) -> list[Occurrence]:
    """The occurrences of ``events`` starting in [``lo``, ``hi``) (naive local times),
    with moved occurrences where they were moved to, in time order.

    ``events`` are rows with the columns of the ``event`` table and their ``overrides``
    (the ORM's records, or plain rows read without it); ``reflections`` maps
    (event id, original start) to that occurrence's reflections."""
    found: list[Occurrence] = []
    for record in events:
        overrides = {o.recurrence: o for o in record.overrides}
        cancelled = {o.recurrence for o in record.overrides if o.cancelled}
        duration = record.end_local - record.start_local
        # Moved occurrences may come from outside the window; look a month either way.
        starts = set(expand(record.start_local, record.rrule, cancelled,
                            lo - timedelta(days=32), hi + timedelta(days=32)))
        starts |= {o.recurrence for o in record.overrides  # moved here from far away
                   if o.start_local is not None and not o.cancelled
                   and lo <= o.start_local < hi}
        for original in sorted(starts):
            override = overrides.get(original)
            start = override.start_local if override and override.start_local else original
            end = override.end_local if override and override.end_local else start + duration
            if not lo <= start < hi:
                continue
            found.append(Occurrence(
                event_id=record.id, recurrence=original,
                title=(override.title if override and override.title else record.title),
                kind=record.kind, start=aware(start, record.tz), end=aware(end, record.tz),
                all_day=record.all_day, location=record.location, notes=record.notes,
                planned_by=record.planned_by, devices_away=record.devices_away,
                status=(override.status if override and override.status
                        else record.status if record.rrule is None else "planned"),
                repeating=record.rrule is not None,
                moved=bool(override and override.start_local
                           and override.start_local != original),
                reflections=tuple(reflections.get((record.id, original), ())),
            ))
    found.sort(key=lambda o: (o.start.replace(tzinfo=None) if o.all_day
                              else o.start.astimezone().replace(tzinfo=None), o.event_id))
    return found


def is_reminder(occurrence: Occurrence | EventInput) -> bool:
    """Whether this is a reminder to come back to a worksheet after a break — on the
    calendar so the time isn't forgotten, but a break to calm down, not time together.
    Reminders made before they had a kind of their own were "Deep conversation"s with
    Hearth's own title and note."""
    return occurrence.kind == COME_BACK.key or (
        occurrence.kind == "conversation" and occurrence.title.startswith(COME_BACK_TITLE)
        and occurrence.notes.startswith("Take it gently."))


def together(occurrences: Iterable[Occurrence]) -> list[Occurrence]:
    """The occurrences that are time together (not reminders)."""
    return [o for o in occurrences if not is_reminder(o)]


def next_planned_of(occurrences: list[Occurrence], now: datetime) -> Occurrence | None:
    """The first still-planned time together that hasn't ended by ``now``."""
    for occurrence in together(occurrences):
        if occurrence.status != "planned":
            continue
        if occurrence.all_day or occurrence.end > now:
            return occurrence
    return None


def hours_of(occurrences: list[Occurrence]) -> float:
    """Hours of quality time done or planned (not skipped; reminders aren't time together)."""
    return sum(o.hours for o in together(occurrences) if o.status != "skipped")
