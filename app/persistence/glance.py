"""Home's reads in plain SQL over the DB-API (sqlite3, or SQLCipher's twin).

Home is the first screen, and SQLAlchemy takes longer to import than everything else at
start-up together; these reads need nothing but a connection (``Database.raw()``), so Home
shows the couple's data while SQLAlchemy is still loading. The services use the same
functions for the same figures (a cadence, the check-ins' span), so there is one
implementation of each. Every query is an indexed lookup or a GROUP BY; nothing here reads
row by row through the history.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone

from app.domain.calendar import Occurrence, Reflection, occurrences_of
from app.domain.couple import Couple, Partner
from app.domain.meetings import Commitment
from app.domain.moments import EARLIEST_YEAR, LATEST_YEAR
from app.domain.prompts import Deck, Marks, Prompt, own_deck_key, own_prompt_key
from app.domain.settings import Settings, TextSize
from app.domain.trends import Cadence, DayRow, cadence_of_weeks
from app.domain.weeks import months_between

# All-day events and zone offsets: widen UTC range checks by this much either side.
MARGIN = timedelta(days=2)

# How long a talk's commitments stay "this week's": up to the same weekday a week later,
# so a couple who talk every Sunday see them until the next talk.
COMMITMENT_DAYS = 7

# The local day of a check-in, from its UTC moment and its offset east of UTC in minutes.
LOCAL_DAY = "date(at, printf('%+d minutes', utc_offset))"


def _moment(text: str | None) -> datetime | None:
    """A stored DateTime (``YYYY-MM-DD HH:MM:SS[.ffffff]``), naive as stored."""
    return None if text is None else datetime.fromisoformat(text)


def _stored(moment: datetime) -> str:
    """A naive moment as the DateTime columns store it, so text comparison orders right."""
    return moment.isoformat(sep=" ", timespec="microseconds")


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def couple(conn: sqlite3.Connection) -> Couple | None:
    row = conn.execute("SELECT id, created_at FROM couple ORDER BY id LIMIT 1").fetchone()
    if row is None:
        return None
    partners = conn.execute("SELECT id, position, name, colour FROM partner "
                            "WHERE couple_id = ? ORDER BY position", (row[0],)).fetchall()
    a, b = (Partner(pid, position, name, colour) for pid, position, name, colour in partners)
    return Couple(partners=(a, b), created_at=_moment(row[1]).replace(tzinfo=UTC))


def settings(conn: sqlite3.Connection) -> Settings:
    row = conn.execute(
        "SELECT week_start, text_size, checkin_target_per_week, quality_hours_per_week, "
        "lock_after_minutes FROM couple_settings ORDER BY couple_id LIMIT 1").fetchone()
    if row is None:
        return Settings()
    week_start, text_size, target, hours, lock = row
    return Settings(week_start=week_start, text_size=TextSize(text_size),
                    checkin_target_per_week=target, quality_hours_per_week=hours,
                    lock_after_minutes=lock)


def span(conn: sqlite3.Connection) -> tuple[date, date] | None:
    """The local days of the first and last check-in, or None when there are none.

    A check-in's local day is never more than 14 hours from its UTC moment, so the first
    and last local days are among the check-ins of the first and last 28 hours: two short
    ranges of the ``at`` index instead of every check-in there is."""
    first, last = conn.execute(
        f"SELECT (SELECT min({LOCAL_DAY}) FROM checkin "
        "         WHERE at <= (SELECT datetime(min(at), '+28 hours') FROM checkin)), "
        f"       (SELECT max({LOCAL_DAY}) FROM checkin "
        "         WHERE at >= (SELECT datetime(max(at), '-28 hours') FROM checkin))"
    ).fetchone()
    return None if first is None else (_day(first), _day(last))


def together_weeks(conn: sqlite3.Connection, week_start: int) -> dict[date, int]:
    """Sittings where both partners checked in, counted per week (keyed by the week's first
    day). ``together_sitting`` (kept by triggers on ``checkin``, migration 0011) holds one
    row per such sitting with its local day, so this is a scan of its day index and a few
    thousand days grouped into weeks, however many check-ins there are. SQLite's %w counts
    from Sunday = 0, Python's weekday() (and ``week_start``) from Monday = 0."""
    rows = conn.execute(
        "SELECT date(day, printf('-%d days', (CAST(strftime('%w', day) AS INTEGER) + 13 - ?)"
        "                                    % 7)) AS week, sum(n) "
        "FROM (SELECT day, count(*) AS n FROM together_sitting GROUP BY day) "
        "GROUP BY week", (week_start,))
    return {_day(week): n for week, n in rows}


def cadence(conn: sqlite3.Connection, today: date) -> Cadence:
    chosen = settings(conn)
    first = span(conn)
    return cadence_of_weeks(together_weeks(conn, chosen.week_start), today, chosen.week_start,
                            chosen.checkin_target_per_week,
                            first_day=first[0] if first else None)


@dataclass(frozen=True)
class LastCheckin:
    day: date  # the local day it was made on
    together: bool  # both partners checked in at that sitting


def last_checkin(conn: sqlite3.Connection) -> LastCheckin | None:
    row = conn.execute("SELECT session_id, at, utc_offset FROM checkin "
                       "ORDER BY at DESC LIMIT 1").fetchone()
    if row is None:
        return None
    session_id, at, offset = row
    local = _moment(at).replace(tzinfo=UTC).astimezone(timezone(timedelta(minutes=offset)))
    (count,) = conn.execute("SELECT count(*) FROM checkin WHERE session_id = ?",
                            (session_id,)).fetchone()
    return LastCheckin(local.date(), count == 2)


@dataclass(frozen=True)
class Titled:
    """A goal, win or worksheet as Home lists it: its title and the day or moment that
    puts it there."""

    title: str
    when: date | datetime | None


def goals_due(conn: sqlite3.Connection, today: date) -> list[Titled]:
    """Open goals whose review date has come, the longest waiting first."""
    return [Titled(title, _day(day)) for title, day in conn.execute(
        "SELECT title, next_review FROM goal WHERE next_review <= ? "
        "AND status IN ('idea', 'active') ORDER BY next_review, id", (today.isoformat(),))]


def wins(conn: sqlite3.Connection, limit: int) -> list[Titled]:
    return [Titled(title, _day(day)) for title, day in conn.execute(
        "SELECT title, won_on FROM win ORDER BY won_on DESC, id DESC LIMIT ?", (limit,))]


def _local_moment(text: str | None) -> datetime | None:
    """A stored UTC moment as the local time it was."""
    moment = _moment(text)
    return None if moment is None else moment.replace(tzinfo=UTC).astimezone()


def paused_worksheets(conn: sqlite3.Connection) -> list[Titled]:
    """Worksheets on a break, with when the couple meant to come back (local time)."""
    return [Titled(title, _local_moment(resume)) for title, resume in conn.execute(
        "SELECT title, resume_at FROM worksheet WHERE status = 'paused' "
        "ORDER BY resume_at")]


def follow_ups_due(conn: sqlite3.Connection, today: date) -> list[Titled]:
    return [Titled(title, _day(day)) for title, day in conn.execute(
        "SELECT title, follow_up FROM worksheet WHERE follow_up <= ? "
        "AND status != 'resolved' ORDER BY follow_up", (today.isoformat(),))]


@dataclass
class _EventRow:
    """An ``event`` row and its overrides, shaped as ``occurrences_of`` reads them."""

    id: int
    title: str
    kind: str
    all_day: bool
    start_local: datetime
    end_local: datetime
    tz: str | None
    rrule: str | None
    location: str
    notes: str
    planned_by: int | None
    devices_away: bool
    status: str
    overrides: list[_OverrideRow] = field(default_factory=list)


@dataclass
class _OverrideRow:
    recurrence: datetime
    cancelled: bool
    start_local: datetime | None
    end_local: datetime | None
    title: str | None
    status: str | None


def occurrences(conn: sqlite3.Connection, first: date, last: date, *,
                with_reflections: bool = False) -> list[Occurrence]:
    """Planned time starting on local days ``first``..``last``, in time order; with each
    occurrence's reflections when asked (Home doesn't show them, Trends averages them).
    Plans only exist between 1900 and 2200, so days outside those years hold none."""
    first = max(first, date(EARLIEST_YEAR, 1, 1))
    last = min(last, date(LATEST_YEAR, 12, 31))
    if last < first:
        return []
    lo = datetime.combine(first, datetime.min.time())
    hi = datetime.combine(last, datetime.min.time()) + timedelta(days=1)
    events = {}
    for row in conn.execute(
            "SELECT id, title, kind, all_day, start_local, end_local, tz, rrule, location, "
            "notes, planned_by, devices_away, status FROM event "
            "WHERE first_utc < ? AND (last_utc IS NULL OR last_utc > ?)",
            (_stored(hi + MARGIN), _stored(lo - MARGIN))):
        (eid, title, kind, all_day, start, end, tz, rule, location, notes, planned_by,
         devices_away, status) = row
        events[eid] = _EventRow(eid, title, kind, bool(all_day), _moment(start), _moment(end),
                                tz, rule, location, notes, planned_by, bool(devices_away),
                                status)
    reflections: dict[tuple[int, datetime], list[Reflection]] = {}
    if events:
        marks = ",".join("?" * len(events))
        for eid, recurrence, cancelled, start, end, title, status in conn.execute(
                "SELECT event_id, recurrence, cancelled, start_local, end_local, title, "
                f"status FROM event_override WHERE event_id IN ({marks}) "
                "ORDER BY recurrence", tuple(events)):
            events[eid].overrides.append(_OverrideRow(
                _moment(recurrence), bool(cancelled), _moment(start), _moment(end), title,
                status))
        if with_reflections:  # moved occurrences may come from a month either side
            for eid, recurrence, partner_id, rating, memory in conn.execute(
                    "SELECT event_id, recurrence, partner_id, rating, memory FROM reflection "
                    f"WHERE event_id IN ({marks}) AND recurrence >= ? AND recurrence < ? "
                    "ORDER BY partner_id",
                    (*events, _stored(lo - timedelta(days=32)),
                     _stored(hi + timedelta(days=32)))):
                reflections.setdefault((eid, _moment(recurrence)), []).append(
                    Reflection(partner_id, rating, memory))
    return occurrences_of(list(events.values()), reflections, lo, hi)


# -- Trends: what the charts draw, so Trends opens without waiting for SQLAlchemy ---------


def day_rows(conn: sqlite3.Connection, first: date | None = None,
             last: date | None = None) -> list[DayRow]:
    """Check-ins per local day and partner, with sums for averages: one GROUP BY over the
    ``at`` index's range (a local day is at most 14 hours from UTC, so a day either side is
    read and trimmed)."""
    where, bounds = [], []
    if first is not None:
        where.append("at >= ?")
        bounds.append(_stored(datetime.combine(first - timedelta(days=1), datetime.min.time())))
    if last is not None:
        where.append("at < ?")
        bounds.append(_stored(datetime.combine(last + timedelta(days=2), datetime.min.time())))
    rows = conn.execute(
        f"SELECT {LOCAL_DAY} AS day, partner_id, count(*), sum(connection), sum(mood) "
        f"FROM checkin {'WHERE ' + ' AND '.join(where) if where else ''} "
        "GROUP BY day, partner_id ORDER BY day, partner_id", bounds)
    found = []
    for text, partner_id, count, connection, mood in rows:
        day = _day(text)
        if (first is None or day >= first) and (last is None or day <= last):
            found.append(DayRow(day, partner_id, count, int(connection or 0), int(mood or 0)))
    return found


def worksheet_months(conn: sqlite3.Connection, first: date,
                     last: date) -> list[tuple[date, int, int]]:
    """(month, opened, resolved) for each month from ``first`` to ``last``, by the local
    month each worksheet was opened and resolved in."""
    since = _stored(datetime.combine(first.replace(day=1), datetime.min.time()) - MARGIN)
    opened: dict[date, int] = {}
    resolved: dict[date, int] = {}
    for opened_at, resolved_at in conn.execute(
            "SELECT opened_at, resolved_at FROM worksheet "
            "WHERE opened_at >= ? OR resolved_at >= ?", (since, since)):
        month = _local_moment(opened_at).date().replace(day=1)
        opened[month] = opened.get(month, 0) + 1
        if resolved_at is not None:
            month = _local_moment(resolved_at).date().replace(day=1)
            resolved[month] = resolved.get(month, 0) + 1
    return [(month, opened.get(month, 0), resolved.get(month, 0))
            for month in months_between(first, last)]


# -- rituals: the weekly talk and tonight's prompt ----------------------------------------------


def commitments(conn: sqlite3.Connection, today: date) -> list[Commitment]:
    """This week's commitments: those of the latest finished talk, if it finished (local
    day) within the last week. The latest talk is one step down the ``finished_at`` index,
    its commitments a lookup of ``ix_commitment_meeting_id``."""
    row = conn.execute("SELECT id, finished_at FROM meeting WHERE finished_at IS NOT NULL "
                       "ORDER BY finished_at DESC, id DESC LIMIT 1").fetchone()
    if row is None:
        return []
    meeting_id, finished = row
    made_on = _local_moment(finished).date()
    if made_on < today - timedelta(days=COMMITMENT_DAYS):
        return []
    return [Commitment(cid, meeting_id, partner_id, text, outcome, made_on)
            for cid, partner_id, text, outcome in conn.execute(
                "SELECT id, partner_id, text, outcome FROM commitment WHERE meeting_id = ? "
                "ORDER BY id", (meeting_id,))]


@dataclass(frozen=True)
class OpenMeeting:
    """A weekly talk begun and not finished: paused, or left when the window closed."""

    id: int
    step: int  # 0–4, the step it is at
    started_at: datetime  # aware, local


def current_meeting(conn: sqlite3.Connection) -> OpenMeeting | None:
    row = conn.execute("SELECT id, step, started_at FROM meeting WHERE finished_at IS NULL "
                       "ORDER BY started_at DESC, id DESC LIMIT 1").fetchone()
    if row is None:
        return None
    meeting_id, step, started = row
    return OpenMeeting(meeting_id, step, _local_moment(started))


def last_meeting(conn: sqlite3.Connection) -> datetime | None:
    """When the latest finished talk ended (local time), or None before the first."""
    (finished,) = conn.execute("SELECT max(finished_at) FROM meeting").fetchone()
    return _local_moment(finished)


def prompt_marks(conn: sqlite3.Connection) -> dict[str, Marks]:
    """The couple's marks, by prompt key (one row per prompt ever marked: a few hundred at
    most)."""
    return {key: Marks(bool(favourite), bool(shown), bool(talked))
            for key, favourite, shown, talked in conn.execute(
                "SELECT prompt_key, favourite, shown_at IS NOT NULL, talked_at IS NOT NULL "
                "FROM prompt_mark")}


def own_decks(conn: sqlite3.Connection) -> list[Deck]:
    """The decks the couple wrote themselves, oldest first, each with its prompts."""
    prompts: dict[int, list[Prompt]] = {}
    for pid, deck_id, depth, text in conn.execute(
            "SELECT id, deck_id, depth, text FROM prompt ORDER BY deck_id, id"):
        prompts.setdefault(deck_id, []).append(
            Prompt(own_prompt_key(pid), own_deck_key(deck_id), depth, text))
    return [Deck(own_deck_key(deck_id), title, description,
                 tuple(prompts.get(deck_id, ())), own_id=deck_id)
            for deck_id, title, description in conn.execute(
                "SELECT id, title, description FROM prompt_deck ORDER BY id")]


def own_prompts(conn: sqlite3.Connection) -> list[Prompt]:
    """Every prompt of the couple's own decks."""
    return [p for deck in own_decks(conn) for p in deck.prompts]
