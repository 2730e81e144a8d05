"""Series for the Trends charts and Home's cadence card: pure functions over aggregated rows.

The database groups check-ins by *local day* (SQL, using the index on the check-in time);
these functions fold days into the couple's weeks, fill gaps, average and smooth. Nothing
here ranks one partner above the other: each partner has their own series.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from app.domain.weeks import week_start_of, weeks_between


@dataclass(frozen=True)
class DayRow:
    """One partner's check-ins on one local day, as aggregated by SQL."""

    day: date
    partner_id: int
    count: int
    connection_sum: int = 0
    mood_sum: int = 0


@dataclass(frozen=True)
class WeekCount:
    start: date
    by_partner: dict[int, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.by_partner.values())


def weekly_counts(rows: Iterable[DayRow], first: date, last: date, week_start: int,
                  partner_ids: Sequence[int]) -> list[WeekCount]:
    """Check-ins per week and partner for every week overlapping first..last, empty ones too."""
    counts: dict[date, dict[int, int]] = {
        start: dict.fromkeys(partner_ids, 0) for start in weeks_between(first, last, week_start)
    }
    for row in rows:
        if not first <= row.day <= last:
            continue
        week = counts.get(week_start_of(row.day, week_start))
        if week is not None:
            week[row.partner_id] = week.get(row.partner_id, 0) + row.count
    return [WeekCount(start, by_partner) for start, by_partner in counts.items()]


@dataclass(frozen=True)
class PartnerSeries:
    """One partner's weekly averages; ``None`` where that week had no check-in."""

    partner_id: int
    weeks: tuple[date, ...]
    connection: tuple[float | None, ...]
    mood: tuple[float | None, ...]
    connection_smooth: tuple[float | None, ...]
    mood_smooth: tuple[float | None, ...]

    @property
    def points(self) -> int:
        return sum(1 for v in self.connection if v is not None)


def weekly_averages(rows: Iterable[DayRow], first: date, last: date, week_start: int,
                    partner_ids: Sequence[int], window: int = 4) -> list[PartnerSeries]:
    """Each partner's average connection and mood per week, plus a smoothed line."""
    weeks = weeks_between(first, last, week_start)
    index = {start: i for i, start in enumerate(weeks)}
    sums: dict[int, list[list[int]]] = {
        pid: [[0, 0, 0] for _ in weeks] for pid in partner_ids
    }
    for row in rows:
        if not first <= row.day <= last or row.partner_id not in sums:
            continue
        i = index.get(week_start_of(row.day, week_start))
        if i is None:
            continue
        bucket = sums[row.partner_id][i]
        bucket[0] += row.count
        bucket[1] += row.connection_sum
        bucket[2] += row.mood_sum
    series = []
    for pid in partner_ids:
        connection = tuple(b[1] / b[0] if b[0] else None for b in sums[pid])
        mood = tuple(b[2] / b[0] if b[0] else None for b in sums[pid])
        series.append(PartnerSeries(
            pid, tuple(weeks), connection, mood,
            rolling_mean(connection, window), rolling_mean(mood, window),
        ))
    return series


def rolling_mean(values: Sequence[float | None], window: int) -> tuple[float | None, ...]:
    """A centred moving average that skips gaps; ``None`` where the window holds no value."""
    if window < 1:
        raise ValueError("window must be at least 1")
    half_before = (window - 1) // 2
    half_after = window - 1 - half_before
    out: list[float | None] = []
    for i in range(len(values)):
        chunk = [v for v in values[max(0, i - half_before): i + half_after + 1] if v is not None]
        out.append(sum(chunk) / len(chunk) if chunk else None)
    return tuple(out)


@dataclass(frozen=True)
class Cadence:
    """How this week is going against the couple's aim, and their run of weeks."""

    target: int
    this_week: int
    this_week_start: date
    streak: int  # weeks in a row that met the aim, ending with the last complete week
    met_recent: int  # of the last ``recent_weeks`` complete weeks, how many met the aim
    recent_weeks: int
    longest_streak: int

    @property
    def this_week_met(self) -> bool:
        return self.target > 0 and self.this_week >= self.target


def cadence(together_days: Iterable[date], today: date, week_start: int, target: int,
            first_day: date | None = None, recent: int = 12) -> Cadence:
    """Summarise sittings where both checked in (one date per sitting) against ``target``.

    The current week counts towards the streak once it has met the aim; until then the
    streak is the run of complete weeks before it, so an unfinished week never breaks it.
    A missed week ends a run but the earlier runs are kept (``longest_streak``,
    ``met_recent``): nothing is erased and nothing is scolded.
    """
    per_week: dict[date, int] = defaultdict(int)
    for day in together_days:
        per_week[week_start_of(day, week_start)] += 1
    return cadence_of_weeks(per_week, today, week_start, target, first_day, recent)


def cadence_of_weeks(per_week: Mapping[date, int], today: date, week_start: int, target: int,
                     first_day: date | None = None, recent: int = 12) -> Cadence:
    """``cadence`` from sittings already counted per week (keyed by each week's first day),
    e.g. by SQL over years of check-ins."""
    this_start = week_start_of(today, week_start)
    this_week = per_week.get(this_start, 0)
    if target <= 0:
        return Cadence(target, this_week, this_start, 0, 0, 0, 0)
    start = week_start_of(first_day or min(per_week, default=today), week_start)
    complete = weeks_between(start, this_start - timedelta(days=1), week_start)
    met = [per_week.get(w, 0) >= target for w in complete]
    streak = 0
    for ok in reversed(met):
        if not ok:
            break
        streak += 1
    if this_week >= target:
        streak += 1
    longest = run = 0
    for ok in [*met, this_week >= target]:
        run = run + 1 if ok else 0
        longest = max(longest, run)
    window = met[-recent:]
    return Cadence(target, this_week, this_start, streak, sum(window), len(window), longest)
