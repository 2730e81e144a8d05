"""Moments the couple gives Hearth: aware, and within what a calendar can show."""

from __future__ import annotations

from datetime import UTC, datetime

from app.domain.errors import ValidationError

EARLIEST_YEAR, LATEST_YEAR = 1900, 2200  # plans, check-ins and pauses live in between


def aware(value: object, field: str) -> datetime:
    """``value`` as an aware datetime (a naive one is local time on this computer). Refuses
    what isn't a date and time, and dates no clock can show in this zone."""
    if not isinstance(value, datetime):
        raise ValidationError("Please give a date and time.", field)
    try:
        moment = value if value.utcoffset() is not None else value.astimezone()
        moment.astimezone(UTC)
    except (OverflowError, ValueError):
        raise ValidationError("That date is out of range.", field) from None
    return moment


def within_years(value: datetime, field: str) -> datetime:
    """Refuse a day before 1900 or after 2200 (an easy slip of the keyboard, e.g. 0202)."""
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValidationError(f"Please choose a date between {EARLIEST_YEAR} and "
                              f"{LATEST_YEAR}.", field)
    return value
