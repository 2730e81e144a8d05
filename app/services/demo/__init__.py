"""Demo data: a believable couple with years of history, deterministic per seed.

The generator is a list of contributors, one per feature area. Each feature issue adds its
own module and lists it in ``contributors()``. A contributor writes its rows in batches,
each in its own transaction, and reports progress, so a large demo never holds one huge
transaction.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from app.domain.changes import ALL, ChangeSet
from app.domain.couple import Couple
from app.domain.errors import ValidationError
from app.persistence.database import Database
from app.persistence.repositories import CoupleRepository, StatsRepository
from app.services.couple import CoupleService
from app.services.settings import SettingsService

DEMO_NAMES = ("Zoë", "Łukasz")
DEMO_COLOURS = ("teal", "terracotta")
YEARS_MAX = 50


@dataclass
class DemoContext:
    """What a contributor needs: the database, the couple, the span and a seeded RNG."""

    db: Database
    couple: Couple
    start: date
    end: date
    seed: int
    scale: int = 1
    rng: random.Random = field(init=False)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)


# A contributor yields (label, done, total) as it goes.
Contributor = Callable[[DemoContext], Iterator[tuple[str, int, int]]]


def contributors() -> list[tuple[str, Contributor]]:
    """Every feature's demo generator, in order. Each feature issue adds its own module."""
    from app.services.demo import calendar, checkins, goals, rituals, worksheets

    return [("check-ins", checkins.generate), ("values and goals", goals.generate),
            ("quality time", calendar.generate), ("worksheets", worksheets.generate),
            ("weekly talks and prompts", rituals.generate)]


@dataclass(frozen=True)
class DemoReport:
    couple: Couple
    created_couple: bool
    years: int
    areas: tuple[str, ...]


Progress = Callable[[str, int, int], None]


class DemoService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def generate(
        self,
        years: int = 2,
        seed: int = 1,
        *,
        force: bool = False,
        scale: int = 1,
        today: date | None = None,
        progress: Progress | None = None,
    ) -> tuple[DemoReport, ChangeSet]:
        if isinstance(years, bool) or not isinstance(years, int) or not 1 <= years <= YEARS_MAX:
            raise ValidationError(f"Please choose between 1 and {YEARS_MAX} years.", "years")
        if isinstance(seed, bool) or not isinstance(seed, int):
            raise ValidationError("The seed needs to be a whole number.", "seed")
        if isinstance(scale, bool) or not isinstance(scale, int) or not 1 <= scale <= 1000:
            raise ValidationError("Please choose a scale between 1 and 1000.", "scale")
        with self.db.reading() as session:
            existing = StatsRepository(session).entries_beyond_couple()
        if existing and not force:
            raise ValidationError(
                f"This database already holds {existing} entries, so demo data would mix "
                "with your own.",
                "force",
            )
        couples = CoupleService(self.db)
        couple = couples.get()
        created = couple is None
        end = today or datetime.now(UTC).date()
        start = end - timedelta(days=365 * years)
        if couple is None:
            couple, _ = couples.setup(*DEMO_NAMES, colours=DEMO_COLOURS)
            SettingsService(self.db).update(checkin_target_per_week=2)
            with self.db.transaction() as session:  # the demo couple has used Hearth for years
                record = CoupleRepository(session).get()
                if record is not None:
                    record.created_at = datetime.combine(start, datetime.min.time())
            couple = couples.require()
        context = DemoContext(self.db, couple, start, end, seed, scale)
        areas = contributors()
        for name, contributor in areas:
            for label, done, total in contributor(context):
                if progress:
                    progress(label or name, done, total)
        report = DemoReport(couple, created, years, tuple(name for name, _ in areas))
        return report, ChangeSet.of(ALL)
