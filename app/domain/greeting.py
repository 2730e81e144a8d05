"""Words for greeting the couple."""

from __future__ import annotations

from datetime import date, datetime


def part_of_day(moment: datetime) -> str:
    hour = moment.hour
    if 5 <= hour < 12:
        return "morning"
    if 12 <= hour < 18:
        return "afternoon"
    if 18 <= hour < 23:
        return "evening"
    return "night"


def greeting(moment: datetime) -> str:
    """“Good evening” and friends; late at night simply “Hello”."""
    part = part_of_day(moment)
    return "Hello" if part == "night" else f"Good {part}"


def long_date(day: date) -> str:
    """A date written out the way people say it: 23 November 2026."""
    return f"{day.day} {day:%B %Y}"
