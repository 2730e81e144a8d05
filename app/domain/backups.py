"""Which backups to keep: thinned the way careful backup tools do it.

The newest backup of each of the last 12 days, of each of the last 10 weeks and of each of
the last 9 months *that have backups* is kept (the periods overlap, so one backup can count
for all three), as borg's ``prune`` counts them: the periods are counted over the backups
themselves, never over the calendar, so a clock set years ahead (or a long holiday) ages out
at most one backup of each kind instead of all of them. The newest backup of all and the
newest one that passed SQLite's integrity check are always kept, however old, and so is
every backup stamped later than now (the clock was changed: it can't be placed).
Everything else can go.
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

# hearth-20261123-211400-reason[.2][.checked].sqlite3; the stamp is UTC, and ".checked"
# marks a backup that passed integrity_check when it was made
_NAME = re.compile(
    r"^hearth-(\d{8}-\d{6})-([a-z0-9-]+)(?:\.(\d+))?(\.checked)?\.sqlite3$")


@dataclass(frozen=True)
class BackupName:
    taken_at: datetime  # aware, UTC
    reason: str
    checked: bool = False  # passed integrity_check when it was made


def parse_backup_name(name: str) -> BackupName | None:
    """What a backup's file name says (None for files that aren't Hearth backups)."""
    found = _NAME.match(name)
    if not found:
        return None
    try:
        taken = datetime.strptime(found.group(1), "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        return None
    return BackupName(taken, found.group(2), found.group(4) is not None)


def _month(day: date) -> tuple[int, int]:
    return day.year, day.month


def backups_to_keep(taken: Iterable[datetime], now: datetime,
                    checked: Iterable[datetime] = ()) -> set[datetime]:
    """The moments (aware) whose backups stay; local days, weeks from Monday. ``checked``
    are the moments of backups that passed the integrity check."""
    moments = sorted(set(taken), reverse=True)  # newest first
    if not moments:
        return set()
    today = now.astimezone().date()
    keep = {moments[0]}
    good = sorted((m for m in set(checked) if m in set(moments)), reverse=True)
    if good:
        keep.add(good[0])
    limits = {"day": KEEP_DAYS, "week": KEEP_WEEKS, "month": KEEP_MONTHS}
    seen: dict[str, set] = {kind: set() for kind in limits}
    for moment in moments:
        day = moment.astimezone().date()
        if day > today:  # the clock was changed: keep what can't be placed
            keep.add(moment)
            continue
        buckets = (("day", day), ("week", day - timedelta(days=day.weekday())),
                   ("month", _month(day)))
        for kind, bucket in buckets:
            if bucket not in seen[kind] and len(seen[kind]) < limits[kind]:
                seen[kind].add(bucket)
                keep.add(moment)
    return keep


def size_words(size: int) -> str:
    """A file size as people say it: "232 KB", "48.3 MB"."""
    return f"{size / 1_048_576:.1f} MB" if size >= 1_048_576 else f"{max(1, size // 1024)} KB"
