"""Which backups to keep: thinned the way careful backup tools do it.

The newest backup of each of the last 12 days, of each of the last 10 weeks and of each of
the last 9 months is kept (the periods overlap, so one backup can count for all three); the
newest backup of all is always kept, however old. Everything else can go.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

KEEP_DAYS = 12
KEEP_WEEKS = 10
KEEP_MONTHS = 9
AUTOMATIC_EVERY = timedelta(minutes=30)

# hearth-20261123-211400-reason[.2].sqlite3; the stamp is UTC
_NAME = re.compile(r"^hearth-(\d{8}-\d{6})-([a-z0-9-]+)(?:\.(\d+))?\.sqlite3$")


@dataclass(frozen=True)
class BackupName:
    taken_at: datetime  # aware, UTC
    reason: str


def parse_backup_name(name: str) -> BackupName | None:
    """What a backup's file name says (None for files that aren't Hearth backups)."""
    found = _NAME.match(name)
    if not found:
        return None
    try:
        taken = datetime.strptime(found.group(1), "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        return None
    return BackupName(taken, found.group(2))


def _month(day: date) -> tuple[int, int]:
    return day.year, day.month


def backups_to_keep(taken: Iterable[datetime], now: datetime) -> set[datetime]:
    """The moments (aware) whose backups stay; local days, weeks from Monday."""
    moments = sorted(set(taken), reverse=True)  # newest first
    if not moments:
        return set()
    today = now.astimezone().date()
    first_day = today - timedelta(days=KEEP_DAYS - 1)
    this_week = today - timedelta(days=today.weekday())
    first_week = this_week - timedelta(weeks=KEEP_WEEKS - 1)
    month = (today.year * 12 + today.month - 1) - (KEEP_MONTHS - 1)
    first_month = (month // 12, month % 12 + 1)
    keep = {moments[0]}
    seen: dict[str, set] = {"day": set(), "week": set(), "month": set()}
    for moment in moments:
        day = moment.astimezone().date()
        if day > today:  # the clock was changed: keep what can't be placed
            keep.add(moment)
            continue
        week = day - timedelta(days=day.weekday())
        buckets = (("day", day, first_day <= day <= today),
                   ("week", week, first_week <= week <= this_week),
                   ("month", _month(day), first_month <= _month(day) <= _month(today)))
        for kind, bucket, recent in buckets:
            if recent and bucket not in seen[kind]:
                seen[kind].add(bucket)
                keep.add(moment)
    return keep


def size_words(size: int) -> str:
    """A file size as people say it: "232 KB", "48.3 MB"."""
    return f"{size / 1_048_576:.1f} MB" if size >= 1_048_576 else f"{max(1, size // 1024)} KB"
