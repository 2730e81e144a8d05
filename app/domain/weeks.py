"""Weeks as the couple counts them: starting on the day chosen in Settings, in local time
(and months, for the charts that count by month)."""

from __future__ import annotations

from datetime import date, timedelta

# The days Hearth reasons about: nothing is kept from before 1970, and a range reaching far
# beyond this millennium is a typo, not a plan.
EARLIEST_DAY, LATEST_DAY = date(1970, 1, 1), date(2999, 12, 31)


def week_start_of(day: date, week_start: int) -> date:
    """The first day of the week holding ``day`` (``week_start`` 0 = Monday … 6 = Sunday)."""
    return day - timedelta(days=(day.weekday() - week_start) % 7)


def weeks_between(first: date, last: date, week_start: int) -> list[date]:
    """The first day of every week overlapping ``first``..``last`` (inclusive), in order."""
    if last < first:
        return []
    start = week_start_of(first, week_start)
    end = week_start_of(last, week_start)
    count = (end - start).days // 7 + 1
    return [start + timedelta(weeks=i) for i in range(count)]


def months_between(first: date, last: date) -> list[date]:
    """The first day of every month overlapping ``first``..``last`` (inclusive), in order."""
    months = []
    cursor = first.replace(day=1)
    while cursor <= last:
        months.append(cursor)
        cursor = (cursor + timedelta(days=32)).replace(day=1)
    return months
