"""Moments the couple gives Hearth: aware, and within what a calendar can show."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo

from app.domain.errors import ValidationError

EARLIEST_YEAR, LATEST_YEAR = 1900, 2200  # plans, check-ins and pauses live in between


def aware(value: object, field: str) -> datetime:
    """``value`` as an aware datetime (a naive one is local time on this computer). Refuses
    what isn't a date and time, dates no clock can show in this zone, and a wall-clock time
    the clocks skipped (the hour lost when they go forward)."""
    if not isinstance(value, datetime):
        raise ValidationError("Please give a date and time.", field)
    try:
        if value.utcoffset() is not None:
            moment = value
        else:
            refuse_skipped(value, None, field)
            moment = value.astimezone()
        moment.astimezone(UTC)
    except (OverflowError, ValueError, OSError):
        raise ValidationError("That date is out of range.", field) from None
    return moment


def _placed(wall: datetime, zone: tzinfo | None) -> datetime:
    """A naive wall-clock time in ``zone`` (None: this computer's), as an aware moment."""
    return wall.astimezone() if zone is None else wall.replace(tzinfo=zone)


def _wall(moment: datetime, zone: tzinfo | None) -> datetime:
    """What the clocks in ``zone`` (None: this computer's) showed at ``moment``."""
    shown = moment.astimezone() if zone is None else moment.astimezone(zone)
    return shown.replace(tzinfo=None, fold=0)


def skipped(wall: datetime, zone: tzinfo | None = None) -> tuple[datetime, datetime] | None:
    """When the naive ``wall`` time never happens in ``zone`` (None: this computer's zone),
    because the clocks went forward over it: the time they left and the time they jumped
    to (e.g. 2:00 and 3:00). None for a time that exists."""
    wall = wall.replace(tzinfo=None, fold=0)
    first = _placed(wall, zone).astimezone(UTC)
    if _wall(first, zone) == wall:
        return None
    second = _placed(wall.replace(fold=1), zone).astimezone(UTC)
    low, high = sorted((first, second))
    before, after = _wall(low, zone) - low.replace(tzinfo=None), \
        _wall(high, zone) - high.replace(tzinfo=None)
    # The moment the clocks changed lies between the two readings: find it to the minute.
    minutes = int((high - low).total_seconds() // 60)
    lo, hi = 0, max(minutes, 1)
    while lo < hi:
        middle = (lo + hi) // 2
        moment = low + timedelta(minutes=middle)
        if _wall(moment, zone) - moment.replace(tzinfo=None) == after:
            hi = middle
        else:
            lo = middle + 1
    change = (low + timedelta(minutes=lo)).replace(tzinfo=None)
    return change + before, change + after


def _clock(moment: datetime) -> str:
    return f"{moment.hour}:{moment.minute:02d}"


def _day(moment: datetime) -> str:
    return f"{moment.day} {moment:%B %Y}"


def refuse_skipped(wall: datetime, zone: tzinfo | None, field: str,
                   zone_words: str = "your time zone") -> None:
    """Refuse, with words naming the gap, a wall-clock time the clocks skipped."""
    gap = skipped(wall, zone)
    if gap is None:
        return
    left, reached = gap
    if left.date() == reached.date():
        jump = f"from {_clock(left)} to {_clock(reached)}"
    else:
        jump = f"from {_clock(left)} on {_day(left)} to {_clock(reached)} on {_day(reached)}"
    raise ValidationError(
        f"{_clock(wall)} on {_day(wall)} doesn't exist in {zone_words}: the clocks went "
        f"forward {jump}. Please choose another time.", field)


def within_years(value: datetime, field: str) -> datetime:
    """Refuse a day before 1900 or after 2200 (an easy slip of the keyboard, e.g. 0202)."""
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValidationError(f"Please choose a date between {EARLIEST_YEAR} and "
                              f"{LATEST_YEAR}.", field)
    return value
