"""A break to calm down is not time together: the "Come back to: …" reminder a paused
worksheet puts on the calendar stays on the calendar, but Home's hours, the next time
together, the weekly talk's look back and Trends' monthly hours leave it out."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from app.domain.calendar import KINDS, KINDS_BY_KEY, EventInput, is_reminder
from app.domain.weeks import week_start_of


def reminder(services, start: datetime, kind: str = "come_back"):
    """What the conflicts view puts on the calendar when a worksheet is paused."""
    event, _change = services.calendar.create(EventInput(
        "Come back to: Late again", kind, start, start + timedelta(minutes=45),
        notes="Take it gently. Start where you left off."))
    return event


@pytest.fixture
def week(services, couple):
    """Now, and a date night of two hours in this week (today, ending before midnight)."""
    now = datetime.now().astimezone()
    today = now.date()
    start = datetime.combine(today, time(21, 0))
    services.calendar.create(EventInput("Dinner at Rosa's", "date_night", start,
                                        start + timedelta(hours=2)))
    return now


@pytest.mark.parametrize("kind", ["come_back", "conversation"])  # and as reminders were made
def test_a_reminder_is_not_time_together_on_home(services, week, kind):
    now = week
    back = datetime.combine(now.date(), time(20, 0))  # before the date, the same evening
    made = reminder(services, back, kind)
    shown = services.calendar.occurrences(now.date(), now.date())
    assert "Come back to: Late again" in [o.title for o in shown]  # still on the calendar
    assert is_reminder(next(o for o in shown if o.event_id == made.id))

    seen = services.home.glance(now.replace(hour=8, minute=0))
    assert seen.week_hours == pytest.approx(2.0)  # not 2.75
    assert seen.next_time.title == "Dinner at Rosa's"
    assert services.calendar.next_planned(now.replace(hour=8, minute=0)).title == \
        "Dinner at Rosa's"
    first = week_start_of(now.date(), 0)
    assert services.calendar.hours_between(first, first + timedelta(days=6)) == \
        pytest.approx(2.0)


def test_a_reminder_marked_done_is_not_counted_afterwards(services, couple):
    yesterday = date.today() - timedelta(days=1)
    made = reminder(services, datetime.combine(yesterday, time(18, 0)))
    services.calendar.set_status(made.id, None, "done")
    walk, _ = services.calendar.create(EventInput(
        "Walk", "walk", datetime.combine(yesterday, time(10, 0)),
        datetime.combine(yesterday, time(11, 0))))
    services.calendar.set_status(walk.id, None, "done")

    week = services.meetings.week(date.today())
    assert [o.title for o in week.quality_done] == ["Walk"]
    assert week.quality_hours == 1.0
    months = services.trends.quality_months(yesterday.replace(day=1), yesterday)
    assert months[-1].hours == 1.0


def test_the_weekly_talk_does_not_plan_a_break_as_time_ahead(services, couple):
    tomorrow = date.today() + timedelta(days=1)
    reminder(services, datetime.combine(tomorrow, time(18, 0)))
    assert services.meetings.week(date.today()).planned_ahead == ()


def test_a_reminder_has_its_own_kind_that_is_never_offered_to_plan(services, couple):
    assert "come_back" in KINDS_BY_KEY
    assert "come_back" not in [k.key for k in KINDS]
    # A deep conversation the couple planned themselves is time together.
    start = datetime.combine(date.today() + timedelta(days=2), time(19, 0))
    services.calendar.create(EventInput("Come back to: our dreams", "conversation", start,
                                        start + timedelta(hours=1)))
    (planned,) = services.calendar.occurrences(start.date(), start.date())
    assert not is_reminder(planned)
