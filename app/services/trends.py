"""Trends: the series its charts draw, read in plain SQL (app/persistence/glance.py); the
couple's settings (their aims) come from ``services.home``, which reads them the same way.

No SQLAlchemy here: opening Trends imports matplotlib, and waiting for SQLAlchemy as well
(~0.3 s) would double the wait for the first chart."""

from __future__ import annotations

from datetime import date

from app.domain.calendar import MonthHours, monthly_hours
from app.domain.couple import Couple
from app.domain.errors import NotFoundError
from app.domain.trends import DayRow, PartnerSeries, WeekCount, weekly_averages, weekly_counts
from app.persistence import glance
from app.persistence.database import Database


class TrendsService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def couple(self) -> Couple:
        with self.db.raw() as conn:
            couple = glance.couple(conn)
        if couple is None:
            raise NotFoundError("Hearth hasn't been set up yet: please enter both names.")
        return couple

    def span(self) -> tuple[date, date] | None:
        """The local days of the first and last check-in, or None when there are none."""
        with self.db.raw() as conn:
            return glance.span(conn)

    def day_rows(self, first: date | None = None, last: date | None = None) -> list[DayRow]:
        """Check-ins per local day and partner, with sums for averages."""
        with self.db.raw() as conn:
            return glance.day_rows(conn, first, last)

    def weekly_counts(self, first: date, last: date) -> list[WeekCount]:
        """Check-ins per week of the couple's (each partner's own count), gaps filled."""
        with self.db.raw() as conn:
            partner_ids, week_start = self._partners_and_week_start(conn)
            rows = glance.day_rows(conn, first, last)
        return weekly_counts(rows, first, last, week_start, partner_ids)

    def weekly_averages(self, first: date, last: date) -> list[PartnerSeries]:
        """Each partner's weekly average connection and mood."""
        with self.db.raw() as conn:
            partner_ids, week_start = self._partners_and_week_start(conn)
            rows = glance.day_rows(conn, first, last)
        return weekly_averages(rows, first, last, week_start, partner_ids)

    def quality_months(self, first: date, last: date) -> list[MonthHours]:
        """Hours of quality time done per month, and the average rating after dates."""
        with self.db.raw() as conn:
            occurrences = glance.occurrences(conn, first, last, with_reflections=True)
        return monthly_hours(occurrences, first, last)

    def conflict_months(self, first: date, last: date) -> list[tuple[date, int, int]]:
        """(month, opened, resolved) worksheets for each month from ``first`` to ``last``."""
        with self.db.raw() as conn:
            return glance.worksheet_months(conn, first, last)

    @staticmethod
    def _partners_and_week_start(conn) -> tuple[list[int], int]:
        couple = glance.couple(conn)
        return ([p.id for p in couple.partners] if couple else [],
                glance.settings(conn).week_start)
