"""Demo quality time gives the calendar and the home view something true to show: a weekly
date night that mostly happened (a few skipped, one moved), walks every other Sunday, a
yearly anniversary, reflections after the dates that happened, and something coming up."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest

from app.domain.calendar import Occurrence
from app.persistence.database import Database
from app.services import Services
from app.services.demo import DemoService


@pytest.fixture(scope="module")
def made_at() -> datetime:
    """A moment just before the demo was made: every date over by then has been marked."""
    return datetime.now().astimezone()


@pytest.fixture(scope="module")
def demo(made_at: datetime, template_db: Path,
         tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    """One demo for the whole module: the tests only look at it."""
    path = tmp_path_factory.mktemp("demo-calendar") / "hearth.sqlite3"
    shutil.copyfile(template_db, path)
    db = Database(path)
    DemoService(db).generate(years=2, seed=1)
    services = Services.over(db)
    yield services
    services.close()


@pytest.fixture(scope="module")
def history(demo: Services) -> list[Occurrence]:
    """Every date from two years ago to two months ahead."""
    today = date.today()
    return demo.calendar.occurrences(today - timedelta(days=2 * 365 + 7),
                                     today + timedelta(days=60))


def by_event(demo: Services, history: list[Occurrence], title: str) -> list[Occurrence]:
    (event,) = [e for e in demo.calendar.events() if e.title == title]
    return [o for o in history if o.event_id == event.id]


def over_by(o: Occurrence, moment: datetime) -> bool:
    return o.end <= (moment.replace(tzinfo=None) if o.all_day else moment)


def test_the_demo_has_a_weekly_friday_date_night_mostly_done(demo, history, made_at):
    (event,) = [e for e in demo.calendar.events() if e.title == "Date night"]
    assert event.rrule == "FREQ=WEEKLY;BYDAY=FR" and event.kind == "date_night"
    nights = by_event(demo, history, "Date night")
    past = [o for o in nights if over_by(o, made_at)]
    assert len(past) > 90
    statuses = [o.status for o in past]
    assert statuses.count("skipped") >= 3
    assert statuses.count("done") > statuses.count("skipped") * 3
    assert "planned" not in statuses  # every past date night is marked one way or the other
    assert {o.start.weekday() for o in nights if not o.moved} == {4}


def test_exactly_one_date_night_was_moved(demo, history):
    nights = by_event(demo, history, "Date night")
    (moved,) = [o for o in nights if o.moved]
    assert moved.start.date() != moved.recurrence.date()
    assert moved.start.weekday() == 5  # to the Saturday
    assert moved.status == "done"
    assert "Saturday" in moved.title
    same_week = [o for o in nights if o.start.date() == moved.recurrence.date()]
    assert same_week == []  # not also shown on the Friday it was moved from


def test_walks_are_every_other_sunday_with_some_skipped(demo, history, made_at):
    walks = by_event(demo, history, "Sunday walk")
    assert len(walks) > 40
    assert {o.start.weekday() for o in walks} == {6}
    gaps = {(b.start.date() - a.start.date()).days for a, b in pairwise(walks)}
    assert gaps == {14}
    statuses = [o.status for o in walks if over_by(o, made_at)]
    assert "skipped" in statuses and "done" in statuses
    assert "planned" not in statuses


def test_the_anniversary_comes_every_year_all_day(demo):
    (event,) = [e for e in demo.calendar.events() if e.all_day]
    assert (event.title, event.rrule) == ("Our anniversary", "FREQ=YEARLY")
    next_year = date.today().year + 1
    found = [o for o in demo.calendar.occurrences(event.start.date(), date(next_year, 12, 31))
             if o.event_id == event.id]
    assert [(o.start.date(), o.all_day, o.hours) for o in found] == [
        (date(year, 6, 12), True, 0.0) for year in range(event.start.year, next_year + 1)]
    assert len(found) >= 2


def test_reflections_rate_1_to_5_and_only_follow_dates_that_happened(demo, history):
    reflected = [o for o in history if o.reflections]
    assert len(reflected) > 50
    ratings = [r.rating for o in reflected for r in o.reflections]
    assert set(ratings) <= {1, 2, 3, 4, 5} and len(set(ratings)) >= 3
    assert {o.status for o in reflected} == {"done"}
    partners = {p.id for p in demo.couple.require().partners}
    assert {r.partner_id for o in reflected for r in o.reflections} == partners
    assert any(r.memory for o in reflected for r in o.reflections)
    assert all("\n" not in r.memory for o in reflected for r in o.reflections)


def test_nothing_is_done_or_skipped_in_the_future(demo, history):
    for o in history:
        if o.status != "planned" or o.reflections:
            assert over_by(o, datetime.now().astimezone()), (o.title, o.start, o.status)


def test_something_is_planned_in_the_coming_weeks(demo):
    upcoming = demo.calendar.next_planned()
    assert upcoming is not None
    assert upcoming.start <= datetime.now().astimezone() + timedelta(days=14)
    found = demo.calendar.occurrences(date.today(), date.today() + timedelta(days=28))
    assert any(not o.repeating for o in found)  # a one-off, not only the routine
    assert demo.calendar.hours_between(date.today(), date.today() + timedelta(days=28)) > 0


def test_the_home_view_numbers_have_something_to_show(demo):
    today = date.today()
    rows = demo.trends.quality_months(date(today.year - 1, today.month, 1), today)
    assert [(r.month.year, r.month.month) for r in rows][::12] == [
        (today.year - 1, today.month), (today.year, today.month)]
    assert len(rows) == 13
    assert sum(1 for r in rows if r.hours > 0) >= 10
    assert all(r.connection is None or 1 <= r.connection <= 5 for r in rows)
    assert sum(1 for r in rows if r.connection is not None) >= 10
