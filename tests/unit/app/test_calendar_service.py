"""Quality time on the calendar as the couple plans it: one-off and repeating dates that
keep their local wall-clock time across daylight-saving changes, single occurrences moved,
marked and reflected on, a series changed or deleted for this one / the following / all,
and the hours and monthly connection the home view shows.

Where it matters that something was stored, it is read back through a fresh Database, the
way the next start of Hearth would see it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain import changes
from app.domain.calendar import KINDS, EventInput, Occurrence, rule_words
from app.domain.errors import NotFoundError, ValidationError
from app.services import Services
from app.services.calendar import Event
from tests.helpers import fresh

DB_SETTINGS = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

BERLIN, NEW_YORK, TOKYO = "Europe/Berlin", "America/New_York", "Asia/Tokyo"
FRIDAY = datetime(2026, 3, 6, 19, 30)  # the first of a weekly Friday date night
WEEKLY_FRIDAY = "FREQ=WEEKLY;BYDAY=FR"


def plan(services: Services, title: str = "Date night", start: datetime = FRIDAY,
         hours: float = 2, *, tz: str | None = BERLIN, rrule: str | None = WEEKLY_FRIDAY,
         kind: str = "date_night", **more) -> Event:
    event, _ = services.calendar.create(EventInput(
        title, kind, start, start + timedelta(hours=hours), tz=tz, rrule=rrule, **more))
    return event


def moved_to(event: Event, start: datetime, title: str | None = None) -> EventInput:
    """The event's details, one occurrence moved to ``start`` (same length)."""
    return replace(event.as_input(), title=title or event.title, start=start,
                   end=start + (event.end - event.start), rrule=None)


def occurrences(services: Services, first: date, last: date | None = None) -> list[Occurrence]:
    return services.calendar.occurrences(first, last or first)


def wall(o: Occurrence) -> datetime:
    """The start as the clock on the wall shows it, in the event's own zone."""
    return o.start.replace(tzinfo=None)


def ids(couple) -> tuple[int, int]:
    return couple.partners[0].id, couple.partners[1].id


# --- planning and refusing ------------------------------------------------------------------


def test_an_event_is_kept_with_everything_it_was_given(services, couple, db_file):
    zoe, _ = ids(couple)
    event, bus = services.calendar.create(EventInput(
        "Dinner at Luigi's 🍝", "date_night", datetime(2026, 4, 3, 19, 30),
        datetime(2026, 4, 3, 22, 0), tz=BERLIN, location="  Hauptstraße 5, Berlin ",
        notes="Book the window table.\nBring the little gift.", planned_by=zoe,
        devices_away=True))
    assert bus.ids == {(changes.CALENDAR, event.id)}
    assert (event.title, event.kind, event.tz, event.rrule) == (
        "Dinner at Luigi's 🍝", "date_night", BERLIN, None)
    assert (event.location, event.notes) == (
        "Hauptstraße 5, Berlin", "Book the window table.\nBring the little gift.")
    assert (event.planned_by, event.devices_away, event.status) == (zoe, True, "planned")
    with fresh(db_file) as again:
        assert again.calendar.get(event.id) == event
        (only,) = occurrences(again, date(2026, 4, 3))
    assert (only.title, only.start, only.end, only.repeating, only.moved) == (
        "Dinner at Luigi's 🍝", datetime(2026, 4, 3, 19, 30, tzinfo=ZoneInfo(BERLIN)),
        datetime(2026, 4, 3, 22, 0, tzinfo=ZoneInfo(BERLIN)), False, False)
    assert only.hours == 2.5


def test_every_kind_has_a_label_a_colour_and_an_icon(services, couple):
    assert len({k.key for k in KINDS}) == len(KINDS)
    for number, kind in enumerate(KINDS):
        assert kind.label and kind.icon and kind.colour.startswith("#"), kind
        start = datetime(2026, 5, 1 + number, 18, 0)
        plan(services, kind.label, start, kind=kind.key, rrule=None)
    assert [o.kind for o in occurrences(services, date(2026, 5, 1), date(2026, 5, 31))] == [
        k.key for k in KINDS]


REFUSALS = [
    ({"title": "   "}, "title", "Please write a title."),
    ({"title": "Dinner\nand a film"}, "title", "line breaks"),
    ({"title": "x" * 121}, "title", "120 characters"),
    ({"end": FRIDAY - timedelta(minutes=30)}, "end", "The end needs to be after the start."),
    ({"end": FRIDAY}, "end", "The end needs to be after the start."),
    ({"end": FRIDAY + timedelta(days=40)}, "end", "a month at most"),
    ({"kind": "picnic"}, "kind", "Please choose what kind of time together this is."),
    ({"rrule": "FREQ=FORTNIGHTLY"}, "rrule", "That repeat rule isn't one Hearth understands."),
    ({"rrule": "every friday"}, "rrule", "That repeat rule isn't one Hearth understands."),
    ({"rrule": "FREQ=WEEKLY;UNTIL=20250101T000000"}, "rrule", "That repeat rule never happens."),
    ({"rrule": "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"}, "rrule",
     "That repeat rule never happens."),
    ({"all_day": True, "rrule": None}, "end", "An all-day event runs from one day to another."),
    ({"tz": "Mars/Olympus_Mons"}, "tz", "“Mars/Olympus_Mons” isn't a time zone Hearth knows."),
    ({"tz": "W. Europe Standard Time"}, "tz", "isn't a time zone Hearth knows"),
    ({"location": "Luigi's\nsecond floor"}, "location", "Please keep the place to one line."),
    ({"location": "x" * 301}, "location", "Please keep the place to one line."),
    ({"notes": "tea \x00 time"}, "notes", "hidden character"),
    ({"planned_by": 9999}, "planned_by", "Please choose who planned it."),
]


@pytest.mark.parametrize(("change", "field", "words"), REFUSALS,
                         ids=[f"{f}-{n}" for n, (_, f, _) in enumerate(REFUSALS)])
def test_what_cannot_be_planned_is_refused_and_nothing_is_stored(services, couple, db_file,
                                                                  change, field, words):
    data = replace(EventInput("Date night", "date_night", FRIDAY, FRIDAY + timedelta(hours=2),
                              tz=BERLIN, rrule=WEEKLY_FRIDAY), **change)
    with pytest.raises(ValidationError) as caught:
        services.calendar.create(data)
    assert caught.value.field == field
    assert words in caught.value.message
    with fresh(db_file) as again:
        assert again.calendar.events() == ()
        assert occurrences(again, date(2026, 1, 1), date(2026, 12, 31)) == []


@pytest.mark.parametrize(("change", "field", "words"), REFUSALS[::3])
def test_a_refused_change_leaves_the_event_as_it_was(services, couple, db_file, change,
                                                     field, words):
    event = plan(services)
    services.calendar.set_status(event.id, FRIDAY, "done")
    for scope, recurrence in (("all", None), ("this", FRIDAY + timedelta(weeks=1)),
                              ("following", FRIDAY + timedelta(weeks=2))):
        with pytest.raises(ValidationError) as caught:
            services.calendar.update(event.id, recurrence,
                                     replace(event.as_input(), **change), scope)
        assert (caught.value.field, words in caught.value.message) == (field, True)
    with fresh(db_file) as again:
        assert again.calendar.events() == (event,)
        assert [(wall(o), o.status, o.moved) for o in occurrences(
            again, date(2026, 3, 1), date(2026, 3, 31))] == [
            (FRIDAY, "done", False), *((FRIDAY + timedelta(weeks=n), "planned", False)
                                       for n in (1, 2, 3))]


def test_an_unknown_scope_or_status_is_refused(services, couple):
    event = plan(services)
    with pytest.raises(ValidationError, match="which events to change"):
        services.calendar.update(event.id, FRIDAY, event.as_input(), "some")
    with pytest.raises(ValidationError, match="which events to delete"):
        services.calendar.delete(event.id, FRIDAY, "some")
    with pytest.raises(ValidationError, match="planned, done or skipped"):
        services.calendar.set_status(event.id, FRIDAY, "cancelled")
    assert services.calendar.events() == (event,)
    assert {o.status for o in occurrences(services, date(2026, 3, 1), date(2026, 3, 31))} == {
        "planned"}


def test_nothing_can_be_planned_before_the_couple_is_set_up(services, db_file):
    with pytest.raises(NotFoundError, match="both names"):
        plan(services)
    with fresh(db_file) as again:
        assert again.calendar.events() == ()


def test_an_event_that_is_gone_says_so(services, couple):
    event = plan(services, rrule=None)
    services.calendar.delete(event.id)
    for action in (lambda: services.calendar.get(event.id),
                   lambda: services.calendar.update(event.id, None, event.as_input()),
                   lambda: services.calendar.delete(event.id),
                   lambda: services.calendar.set_status(event.id, None, "done"),
                   lambda: services.calendar.reflect(event.id, None, couple.partners[0].id, 4)):
        with pytest.raises(NotFoundError, match="no longer exists"):
            action()


def test_an_all_day_event_is_a_local_date_without_a_zone(services, couple):
    event, _ = services.calendar.create(EventInput(
        "Lazy Sunday", "rest", datetime(2026, 3, 29), datetime(2026, 3, 30), all_day=True,
        tz=BERLIN))
    assert event.tz is None
    (day,) = occurrences(services, date(2026, 3, 29))
    assert (day.start, day.end, day.all_day, day.hours) == (
        datetime(2026, 3, 29), datetime(2026, 3, 30), True, 0.0)
    assert day.start.tzinfo is None


# --- repeating in local wall-clock time ---------------------------------------------------------


def test_a_weekly_friday_date_in_berlin_stays_at_1930_across_both_dst_changes(services,
                                                                              couple):
    plan(services)  # Fridays 19:30–21:30 Europe/Berlin from 6 March 2026
    found = occurrences(services, date(2026, 3, 1), date(2026, 11, 30))
    fridays = [FRIDAY + timedelta(weeks=n) for n in range(39)]
    assert [wall(o) for o in found] == fridays
    assert fridays[-1] == datetime(2026, 11, 27, 19, 30)
    for o in found:
        assert o.start.tzinfo == ZoneInfo(BERLIN)
        assert (o.start.weekday(), o.start.time(), o.end.time()) == (4, time(19, 30),
                                                                     time(21, 30))
        assert o.hours == 2
    offset = {wall(o).date(): o.start.utcoffset() for o in found}
    assert offset[date(2026, 3, 27)] == timedelta(hours=1)  # the last Friday in winter time
    assert offset[date(2026, 4, 3)] == timedelta(hours=2)  # clocks went forward on 29 March
    assert offset[date(2026, 10, 23)] == timedelta(hours=2)
    assert offset[date(2026, 10, 30)] == timedelta(hours=1)  # and back on 25 October
    utc = {wall(o).date(): o.start.astimezone(UTC).time() for o in found}
    assert (utc[date(2026, 3, 27)], utc[date(2026, 4, 3)], utc[date(2026, 10, 30)]) == (
        time(18, 30), time(17, 30), time(18, 30))


def test_a_weekly_evening_in_new_york_keeps_its_time_when_the_us_changes_clocks(services,
                                                                               couple):
    start = datetime(2026, 2, 25, 18, 0)  # Wednesdays; US clocks change 8 March, 1 November
    plan(services, "Cooking night", start, tz=NEW_YORK, kind="cooking",
         rrule="FREQ=WEEKLY;BYDAY=WE")
    found = occurrences(services, date(2026, 2, 1), date(2026, 11, 30))
    assert [wall(o) for o in found] == [start + timedelta(weeks=n) for n in range(40)]
    assert {o.start.time() for o in found} == {time(18, 0)}
    offset = {wall(o).date(): o.start.utcoffset() for o in found}
    assert (offset[date(2026, 3, 4)], offset[date(2026, 3, 11)]) == (
        timedelta(hours=-5), timedelta(hours=-4))
    assert (offset[date(2026, 10, 28)], offset[date(2026, 11, 4)]) == (
        timedelta(hours=-4), timedelta(hours=-5))


def test_every_other_sunday(services, couple):
    plan(services, "Sunday walk", datetime(2026, 1, 4, 10, 0), 1.5, kind="walk",
         rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=SU")
    found = occurrences(services, date(2026, 1, 1), date(2026, 3, 31))
    assert [wall(o).date() for o in found] == [
        date(2026, 1, 4), date(2026, 1, 18), date(2026, 2, 1), date(2026, 2, 15),
        date(2026, 3, 1), date(2026, 3, 15), date(2026, 3, 29)]
    assert {o.start.time() for o in found} == {time(10, 0)}
    assert occurrences(services, date(2026, 1, 11)) == []


def test_the_first_saturday_of_every_month(services, couple):
    plan(services, "Brunch out", datetime(2026, 1, 3, 11, 0), kind="adventure",
         rrule="FREQ=MONTHLY;BYDAY=1SA")
    found = occurrences(services, date(2026, 1, 1), date(2026, 12, 31))
    assert [wall(o).date() for o in found] == [
        date(2026, 1, 3), date(2026, 2, 7), date(2026, 3, 7), date(2026, 4, 4),
        date(2026, 5, 2), date(2026, 6, 6), date(2026, 7, 4), date(2026, 8, 1),
        date(2026, 9, 5), date(2026, 10, 3), date(2026, 11, 7), date(2026, 12, 5)]
    assert {(wall(o).weekday(), wall(o).hour) for o in found} == {(5, 11)}


def test_a_yearly_all_day_anniversary(services, couple):
    services.calendar.create(EventInput("Our anniversary 💍", "other", datetime(2025, 6, 12),
                                        datetime(2025, 6, 13), all_day=True,
                                        rrule="FREQ=YEARLY"))
    found = occurrences(services, date(2025, 1, 1), date(2028, 12, 31))
    assert [(o.start, o.end, o.all_day) for o in found] == [
        (datetime(y, 6, 12), datetime(y, 6, 13), True) for y in (2025, 2026, 2027, 2028)]
    assert services.calendar.hours_between(date(2025, 1, 1), date(2028, 12, 31)) == 0


def test_a_leap_day_anniversary_comes_back_in_leap_years_only(services, couple):
    # RFC 5545: a date a year doesn't have is skipped, as other calendar apps do.
    services.calendar.create(EventInput("Leap-day wedding", "other", datetime(2024, 2, 29),
                                        datetime(2024, 3, 1), all_day=True,
                                        rrule="FREQ=YEARLY"))
    found = occurrences(services, date(2024, 1, 1), date(2032, 12, 31))
    assert [o.start.date() for o in found] == [date(2024, 2, 29), date(2028, 2, 29),
                                               date(2032, 2, 29)]


@pytest.mark.parametrize(("rule", "words"), [
    (None, "Once"),
    ("FREQ=WEEKLY;BYDAY=FR", "Every week on Friday"),
    ("FREQ=WEEKLY;INTERVAL=2;BYDAY=SU", "Every 2 weeks on Sunday"),
    ("FREQ=WEEKLY;BYDAY=TU,TH", "Every week on Tuesday and Thursday"),
    ("FREQ=MONTHLY;BYDAY=1SA", "The first Saturday of every month"),
    ("FREQ=MONTHLY;BYDAY=-1FR", "The last Friday of every month"),
    ("FREQ=YEARLY", "Every year"),
    ("FREQ=DAILY;INTERVAL=3", "Every 3 days"),
])
def test_a_repeat_rule_reads_as_words(rule, words):
    assert rule_words(rule) == words


# --- deleting -----------------------------------------------------------------------------------


def test_deleting_this_one_leaves_the_others(services, couple, db_file):
    event = plan(services)
    bus = services.calendar.delete(event.id, FRIDAY + timedelta(weeks=1), "this")
    assert bus.ids == {(changes.CALENDAR, event.id)}
    with fresh(db_file) as again:
        assert [wall(o) for o in occurrences(again, date(2026, 3, 1), date(2026, 3, 31))] == [
            FRIDAY, FRIDAY + timedelta(weeks=2), FRIDAY + timedelta(weeks=3)]
        assert occurrences(again, date(2026, 3, 13)) == []
        assert [e.id for e in again.calendar.events()] == [event.id]


def test_deleting_this_and_following_ends_the_series_and_keeps_its_past(services, couple,
                                                                        db_file):
    zoe, _ = ids(couple)
    event = plan(services)
    services.calendar.set_status(event.id, FRIDAY, "done")
    services.calendar.reflect(event.id, FRIDAY, zoe, 5, "The little Italian place")
    services.calendar.set_status(event.id, FRIDAY + timedelta(weeks=1), "skipped")
    services.calendar.set_status(event.id, FRIDAY + timedelta(weeks=3), "done")
    services.calendar.delete(event.id, FRIDAY + timedelta(weeks=2), "following")
    with fresh(db_file) as again:
        found = occurrences(again, date(2026, 1, 1), date(2027, 12, 31))
        assert [(wall(o), o.status) for o in found] == [
            (FRIDAY, "done"), (FRIDAY + timedelta(weeks=1), "skipped")]
        assert [(r.partner_id, r.rating, r.memory) for r in found[0].reflections] == [
            (zoe, 5, "The little Italian place")]
        assert "UNTIL=" in again.calendar.get(event.id).rrule


def test_deleting_following_from_the_first_one_deletes_the_series(services, couple):
    event = plan(services)
    services.calendar.delete(event.id, FRIDAY, "following")
    assert services.calendar.events() == ()
    assert occurrences(services, date(2026, 3, 1), date(2026, 12, 31)) == []


def test_deleting_all_removes_every_occurrence(services, couple, db_file):
    event = plan(services)
    other = plan(services, "Sunday walk", datetime(2026, 3, 8, 10, 0), kind="walk",
                 rrule="FREQ=WEEKLY;BYDAY=SU")
    services.calendar.set_status(event.id, FRIDAY, "done")
    services.calendar.reflect(event.id, FRIDAY, couple.partners[0].id, 4)
    services.calendar.delete(event.id, FRIDAY + timedelta(weeks=2), "all")
    with fresh(db_file) as again:
        assert again.calendar.events() == (other,)
        assert {o.title for o in occurrences(again, date(2026, 1, 1), date(2027, 1, 1))} == {
            "Sunday walk"}


def test_deleting_a_one_off_event(services, couple):
    event = plan(services, rrule=None)
    services.calendar.delete(event.id, FRIDAY, "this")
    assert services.calendar.events() == ()
    assert occurrences(services, FRIDAY.date()) == []


# --- changing -----------------------------------------------------------------------------------


def test_moving_this_one_shows_it_at_the_new_time_and_not_at_the_old(services, couple,
                                                                     db_file):
    event = plan(services)
    second = FRIDAY + timedelta(weeks=1)
    saturday = datetime(2026, 3, 14, 18, 0)
    updated, bus = services.calendar.update(
        event.id, second, moved_to(event, saturday, "Date night (Saturday this time)"), "this")
    assert bus.ids == {(changes.CALENDAR, event.id)}
    assert (updated.title, updated.start, updated.rrule) == ("Date night", FRIDAY,
                                                             WEEKLY_FRIDAY)
    assert updated.sequence == event.sequence + 1
    with fresh(db_file) as again:
        assert occurrences(again, second.date()) == []
        (moved,) = occurrences(again, saturday.date())
        found = occurrences(again, date(2026, 3, 1), date(2026, 3, 31))
    assert (wall(moved), moved.end.replace(tzinfo=None), moved.title, moved.moved) == (
        saturday, saturday + timedelta(hours=2), "Date night (Saturday this time)", True)
    assert moved.recurrence == second  # still the second date of the series
    assert [(wall(o), o.title, o.moved) for o in found] == [
        (FRIDAY, "Date night", False), (saturday, "Date night (Saturday this time)", True),
        (FRIDAY + timedelta(weeks=2), "Date night", False),
        (FRIDAY + timedelta(weeks=3), "Date night", False)]


def test_a_moved_one_shows_in_a_window_that_holds_only_its_new_day(services, couple):
    event = plan(services)
    second = FRIDAY + timedelta(weeks=1)
    tuesday = datetime(2026, 3, 24, 20, 0)  # eleven days later, past the next Friday
    services.calendar.update(event.id, second, moved_to(event, tuesday), "this")
    (moved,) = occurrences(services, tuesday.date())
    assert (wall(moved), moved.moved, moved.recurrence) == (tuesday, True, second)
    assert occurrences(services, date(2026, 3, 9), date(2026, 3, 19)) == []
    earlier = FRIDAY + timedelta(weeks=3)
    monday = datetime(2026, 3, 9, 19, 0)  # moved back into the window from after it
    services.calendar.update(event.id, earlier, moved_to(event, monday), "this")
    assert [wall(o) for o in occurrences(services, date(2026, 3, 9), date(2026, 3, 19))] == [
        monday]
    assert occurrences(services, earlier.date()) == []


def test_an_occurrence_moved_by_six_weeks_still_shows_on_its_new_day(services, couple):
    event = plan(services)
    second = FRIDAY + timedelta(weeks=1)
    tuesday = datetime(2026, 4, 28, 20, 0)
    services.calendar.update(event.id, second, moved_to(event, tuesday), "this")
    assert [(wall(o), o.moved) for o in occurrences(services, tuesday.date())] == [
        (tuesday, True)]


def test_the_last_of_a_course_moved_a_week_later_still_shows(services, couple):
    start = datetime(2026, 4, 7, 18, 0)
    event = plan(services, "Cooking course", start, kind="cooking",
                 rrule="FREQ=WEEKLY;COUNT=4")
    last = start + timedelta(weeks=3)
    later = last + timedelta(weeks=1)
    services.calendar.update(event.id, last, moved_to(event, later), "this")
    assert [wall(o) for o in occurrences(services, date(2026, 5, 1), date(2026, 5, 31))] == [
        later]
    upcoming = services.calendar.next_planned(datetime(2026, 5, 1, 12, tzinfo=ZoneInfo(BERLIN)))
    assert upcoming is not None and wall(upcoming) == later


def test_changing_this_and_following_splits_the_series(services, couple, db_file):
    zoe, lukasz = ids(couple)
    event = plan(services)
    services.calendar.set_status(event.id, FRIDAY, "done")
    services.calendar.reflect(event.id, FRIDAY, zoe, 4, "Ramen")
    services.calendar.set_status(event.id, FRIDAY + timedelta(weeks=1), "skipped")
    services.calendar.set_status(event.id, FRIDAY + timedelta(weeks=4), "skipped")
    services.calendar.set_status(event.id, FRIDAY + timedelta(weeks=5), "done")
    services.calendar.reflect(event.id, FRIDAY + timedelta(weeks=5), lukasz, 5, "Jazz bar")
    split = FRIDAY + timedelta(weeks=3)  # 27 March
    later = split + timedelta(hours=1)
    new, bus = services.calendar.update(
        event.id, split, replace(event.as_input(), title="Late date night", start=later,
                                 end=later + timedelta(hours=2)), "following")
    assert new.id != event.id
    assert bus.ids == {(changes.CALENDAR, event.id), (changes.CALENDAR, new.id)}
    assert (new.title, new.start, new.rrule) == ("Late date night", later, WEEKLY_FRIDAY)
    with fresh(db_file) as again:
        old = again.calendar.get(event.id)
        found = occurrences(again, date(2026, 3, 1), date(2026, 5, 31))
    assert old.title == "Date night" and "UNTIL=" in old.rrule
    before = [(wall(o), o.status) for o in found if o.event_id == event.id]
    after = [(wall(o), o.title, o.status) for o in found if o.event_id == new.id]
    assert before == [(FRIDAY, "done"), (FRIDAY + timedelta(weeks=1), "skipped"),
                      (FRIDAY + timedelta(weeks=2), "planned")]
    assert after[:3] == [(later, "Late date night", "planned"),
                         (later + timedelta(weeks=1), "Late date night", "skipped"),
                         (later + timedelta(weeks=2), "Late date night", "done")]
    assert len(after) == 10 and {when.time() for when, _, _ in after} == {time(20, 30)}
    marked = {wall(o): o.reflections for o in found}
    assert [(r.partner_id, r.rating) for r in marked[FRIDAY]] == [(zoe, 4)]
    assert [(r.partner_id, r.rating, r.memory) for r in marked[later + timedelta(weeks=2)]] == [
        (lukasz, 5, "Jazz bar")]


def test_a_split_series_with_a_count_keeps_the_number_of_dates(services, couple):
    start = datetime(2026, 5, 1, 9, 0)
    event = plan(services, "Morning yoga", start, 1, tz="UTC", kind="rest",
                 rrule="FREQ=DAILY;COUNT=10")
    services.calendar.delete(event.id, start + timedelta(days=2), "this")
    split = start + timedelta(days=4)
    services.calendar.update(event.id, split, replace(event.as_input(), start=split,
                                                      end=split + timedelta(hours=1)),
                             "following")
    found = occurrences(services, date(2026, 5, 1), date(2026, 6, 30))
    days = [wall(o).day for o in found]
    assert days == [1, 2, 4, 5, 6, 7, 8, 9, 10]  # ten dates, one of them cancelled
    assert len({o.event_id for o in found}) == 2


def test_changing_all_moves_marks_and_moved_dates_with_the_series(services, couple,
                                                                  db_file):
    event = plan(services)
    services.calendar.set_status(event.id, FRIDAY, "done")
    services.calendar.set_status(event.id, FRIDAY + timedelta(weeks=1), "skipped")
    services.calendar.delete(event.id, FRIDAY + timedelta(weeks=3), "this")
    saturday = datetime(2026, 3, 21, 18, 0)
    services.calendar.update(event.id, FRIDAY + timedelta(weeks=2),
                             moved_to(event, saturday), "this")
    later = FRIDAY.replace(hour=20)
    updated, _ = services.calendar.update(
        event.id, None, replace(event.as_input(), start=later, end=later + timedelta(hours=2),
                                location="Jazz bar"), "all")
    assert updated.sequence > event.sequence
    with fresh(db_file) as again:
        found = occurrences(again, date(2026, 3, 1), date(2026, 4, 5))
    assert [(wall(o), o.status, o.moved, o.location) for o in found] == [
        (later, "done", False, "Jazz bar"),
        (later + timedelta(weeks=1), "skipped", False, "Jazz bar"),
        (saturday, "planned", True, "Jazz bar"),
        (later + timedelta(weeks=4), "planned", False, "Jazz bar"),
    ]


def test_moving_the_whole_series_to_saturdays_takes_the_marks_along(services, couple):
    event = plan(services)
    services.calendar.set_status(event.id, FRIDAY + timedelta(weeks=1), "done")
    saturday = FRIDAY + timedelta(days=1)
    services.calendar.update(event.id, None, replace(
        event.as_input(), start=saturday, end=saturday + timedelta(hours=2),
        rrule="FREQ=WEEKLY;BYDAY=SA"), "all")
    found = occurrences(services, date(2026, 3, 1), date(2026, 3, 31))
    assert [(wall(o).day, wall(o).weekday(), o.status) for o in found] == [
        (7, 5, "planned"), (14, 5, "done"), (21, 5, "planned"), (28, 5, "planned")]


def test_changing_all_keeps_the_reflections_with_their_dates(services, couple):
    zoe, _ = ids(couple)
    event = plan(services)
    services.calendar.set_status(event.id, FRIDAY, "done")
    services.calendar.reflect(event.id, FRIDAY, zoe, 5, "The little Italian place")
    later = FRIDAY.replace(hour=20)
    services.calendar.update(event.id, None, replace(
        event.as_input(), start=later, end=later + timedelta(hours=2)), "all")
    (first,) = occurrences(services, FRIDAY.date())
    assert [(r.rating, r.memory) for r in first.reflections] == [
        (5, "The little Italian place")]
    assert services.trends.quality_months(date(2026, 3, 1), date(2026, 3, 31))[0].connection == 5


def test_changing_a_one_off_event(services, couple, db_file):
    event = plan(services, rrule=None)
    services.calendar.set_status(event.id, None, "done")
    later = FRIDAY + timedelta(days=1, hours=-1)
    updated, _ = services.calendar.update(event.id, FRIDAY, replace(
        event.as_input(), title="Dinner and a film", start=later,
        end=later + timedelta(hours=3)), "this")
    assert updated.sequence == 1
    with fresh(db_file) as again:
        assert occurrences(again, FRIDAY.date()) == []
        (one,) = occurrences(again, later.date())
    assert (one.title, wall(one), one.hours, one.status, one.moved) == (
        "Dinner and a film", later, 3, "done", False)


# --- marking and reflecting -----------------------------------------------------------------------


def test_marking_an_occurrence_done_or_skipped_and_back(services, couple, db_file):
    event = plan(services)
    one_off = plan(services, "Cinema", datetime(2026, 3, 10, 20, 0), rrule=None)
    services.calendar.set_status(event.id, FRIDAY, "done")
    services.calendar.set_status(event.id, FRIDAY + timedelta(weeks=1), "skipped")
    services.calendar.set_status(event.id, FRIDAY + timedelta(weeks=2), "done")
    services.calendar.set_status(event.id, FRIDAY + timedelta(weeks=2), "planned")
    services.calendar.set_status(one_off.id, None, "skipped")
    with fresh(db_file) as again:
        assert [(o.title, o.status) for o in occurrences(
            again, date(2026, 3, 1), date(2026, 3, 31))] == [
            ("Date night", "done"), ("Cinema", "skipped"), ("Date night", "skipped"),
            ("Date night", "planned"), ("Date night", "planned")]


def test_each_partner_reflects_once_and_saying_it_again_replaces_it(services, couple,
                                                                     db_file):
    zoe, lukasz = ids(couple)
    event = plan(services)
    services.calendar.set_status(event.id, FRIDAY, "done")
    services.calendar.reflect(event.id, FRIDAY, lukasz, 3, "  A bit tired.  ")
    services.calendar.reflect(event.id, FRIDAY, zoe, 2, "Too loud")
    services.calendar.reflect(event.id, FRIDAY, zoe, 5, "We laughed so much 😂")
    with fresh(db_file) as again:
        (first,) = occurrences(again, FRIDAY.date())
        (second,) = occurrences(again, FRIDAY.date() + timedelta(weeks=1))
    assert [(r.partner_id, r.rating, r.memory) for r in first.reflections] == [
        (zoe, 5, "We laughed so much 😂"), (lukasz, 3, "A bit tired.")]
    assert second.reflections == ()


@pytest.mark.parametrize(("rating", "memory", "words"), [
    (0, "", "Please rate it from 1 (not very) to 5 (very connected)."),
    (6, "", "from 1 (not very) to 5"),
    (-1, "", "from 1 (not very) to 5"),
    (True, "", "from 1 (not very) to 5"),
    (4.5, "", "from 1 (not very) to 5"),
    ("4", "", "from 1 (not very) to 5"),
    (None, "", "from 1 (not very) to 5"),
    (4, "Lovely.\nReally lovely.", "Please keep the memory to one line."),
    (4, "x" * 301, "Please keep the memory to one line."),
    (4, "tea \x00", "hidden character"),
])
def test_a_reflection_needs_a_rating_from_1_to_5_and_one_line(services, couple, db_file,
                                                               rating, memory, words):
    event = plan(services)
    with pytest.raises(ValidationError) as caught:
        services.calendar.reflect(event.id, FRIDAY, couple.partners[0].id, rating, memory)
    assert words in caught.value.message
    with fresh(db_file) as again:
        assert occurrences(again, FRIDAY.date())[0].reflections == ()


def test_a_reflection_on_a_date_the_series_does_not_have_is_refused(services, couple):
    zoe, _ = ids(couple)
    event = plan(services)
    one_off = plan(services, "Cinema", datetime(2026, 3, 10, 20, 0), rrule=None)
    for event_id, moment in ((event.id, FRIDAY + timedelta(days=1)),
                             (event.id, FRIDAY + timedelta(minutes=30)),
                             (event.id, FRIDAY - timedelta(weeks=1)),
                             (one_off.id, datetime(2026, 3, 11, 20, 0))):
        with pytest.raises(NotFoundError, match="isn't part of this"):
            services.calendar.reflect(event_id, moment, zoe, 4)
    with pytest.raises(NotFoundError, match="isn't part of this series"):
        services.calendar.set_status(event.id, FRIDAY + timedelta(days=1), "done")
    with pytest.raises(ValidationError, match="isn't part of this couple"):
        services.calendar.reflect(event.id, FRIDAY, 9999, 4)
    found = occurrences(services, date(2026, 2, 1), date(2026, 3, 31))
    assert all(o.reflections == () and o.status == "planned" for o in found)


# --- reading: order, hours, months, what comes next ---------------------------------------------


def test_occurrences_come_in_time_order_across_zones(services, couple):
    day = datetime(2026, 1, 15)
    plan(services, "New York breakfast", day.replace(hour=7), tz=NEW_YORK, rrule=None)  # 12:00Z
    plan(services, "Berlin coffee", day.replace(hour=8), tz=BERLIN, rrule=None)  # 07:00Z
    plan(services, "Tokyo lunch", day.replace(hour=9), tz=TOKYO, rrule=None)  # 00:00Z
    plan(services, "Berlin dinner", day.replace(hour=20), tz=BERLIN, rrule=None)  # 19:00Z
    found = occurrences(services, day.date())
    assert [o.title for o in found] == ["Tokyo lunch", "Berlin coffee", "New York breakfast",
                                        "Berlin dinner"]
    moments = [o.start.astimezone(UTC) for o in found]
    assert moments == sorted(moments)
    assert [o.start.tzinfo for o in found] == [ZoneInfo(z) for z in (TOKYO, BERLIN, NEW_YORK,
                                                                     BERLIN)]


def test_hours_count_done_and_planned_but_not_skipped_nor_all_day(services, couple):
    event = plan(services)  # 2 hours each Friday: 6, 13, 20, 27 March
    services.calendar.set_status(event.id, FRIDAY, "done")
    services.calendar.set_status(event.id, FRIDAY + timedelta(weeks=1), "skipped")
    cinema = plan(services, "Cinema", datetime(2026, 3, 10, 20, 0), 1.5, rrule=None)
    services.calendar.set_status(cinema.id, None, "skipped")
    plan(services, "Walk", datetime(2026, 3, 11, 18, 0), 0.75, kind="walk", rrule=None)
    services.calendar.create(EventInput("Spa day", "rest", datetime(2026, 3, 14),
                                        datetime(2026, 3, 15), all_day=True))
    assert services.calendar.hours_between(date(2026, 3, 1), date(2026, 3, 31)) == 6.75
    assert services.calendar.hours_between(date(2026, 3, 13), date(2026, 3, 19)) == 0
    assert services.calendar.hours_between(date(2026, 3, 20), date(2026, 3, 20)) == 2


def test_hours_over_the_night_the_clocks_change_are_real_hours(services, couple):
    plan(services, "Device-free night", datetime(2026, 3, 28, 22, 0), 6, kind="device_free",
         rrule=None)  # until 04:00 local, but 02:00–03:00 never happens that night
    assert services.calendar.hours_between(date(2026, 3, 28), date(2026, 3, 28)) == 5


def test_monthly_gives_each_month_its_done_hours_and_average_connection(services, couple):
    zoe, lukasz = ids(couple)
    start = datetime(2026, 1, 2, 19, 30)  # Fridays, 2 hours
    event = plan(services, start=start)
    for weeks, status in ((0, "done"), (1, "done"), (5, "done"), (6, "skipped")):
        services.calendar.set_status(event.id, start + timedelta(weeks=weeks), status)
    services.calendar.reflect(event.id, start, zoe, 5)
    services.calendar.reflect(event.id, start, lukasz, 3)
    services.calendar.reflect(event.id, start + timedelta(weeks=5), zoe, 4)  # 6 February
    walk = plan(services, "Walk", datetime(2026, 2, 22, 10, 0), 1.5, kind="walk", rrule=None)
    services.calendar.set_status(walk.id, None, "done")
    rows = services.trends.quality_months(date(2026, 1, 1), date(2026, 4, 30))
    assert [(r.month, r.hours, r.connection) for r in rows] == [
        (date(2026, 1, 1), 4.0, 4.0),
        (date(2026, 2, 1), 3.5, 4.0),
        (date(2026, 3, 1), 0.0, None),
        (date(2026, 4, 1), 0.0, None),
    ]


def test_monthly_over_a_year_end_has_one_row_per_month(services, couple):
    rows = services.trends.quality_months(date(2025, 11, 15), date(2026, 2, 3))
    assert [r.month for r in rows] == [date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1),
                                       date(2026, 2, 1)]
    assert all(r.hours == 0 and r.connection is None for r in rows)


def test_next_planned_skips_what_is_done_skipped_or_past(services, couple):
    event = plan(services)
    berlin = ZoneInfo(BERLIN)
    morning = datetime(2026, 3, 6, 9, 0, tzinfo=berlin)
    assert wall(services.calendar.next_planned(morning)) == FRIDAY
    services.calendar.set_status(event.id, FRIDAY, "done")
    services.calendar.set_status(event.id, FRIDAY + timedelta(weeks=1), "skipped")
    assert wall(services.calendar.next_planned(morning)) == FRIDAY + timedelta(weeks=2)
    after = datetime(2026, 3, 20, 22, 0, tzinfo=berlin)  # that one is over
    assert wall(services.calendar.next_planned(after)) == FRIDAY + timedelta(weeks=3)
    cinema = plan(services, "Cinema", datetime(2026, 3, 24, 20, 0), rrule=None)
    assert services.calendar.next_planned(after).title == "Cinema"
    services.calendar.set_status(cinema.id, None, "done")
    assert services.calendar.next_planned(after).title == "Date night"
    services.calendar.delete(event.id)
    assert services.calendar.next_planned(after) is None


def test_the_weekly_quality_time_target_is_0_to_40_hours(services, couple, db_file):
    assert services.settings.get().quality_hours_per_week == 4
    for hours in (0, 40, 6):
        settings, bus = services.settings.update(quality_hours_per_week=hours)
        assert settings.quality_hours_per_week == hours
        assert bus.kinds == {changes.SETTINGS}
    for wrong in (-1, 41, True, 4.5, "6", None):
        with pytest.raises(ValidationError, match="between 0 and 40 hours a week"):
            services.settings.update(quality_hours_per_week=wrong)
    with fresh(db_file) as again:
        assert again.settings.get().quality_hours_per_week == 6


# --- any text a person writes ---------------------------------------------------------------


word = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zs", "Zl", "Zp")),
    min_size=1, max_size=9,
).map(lambda w: unicodedata.normalize("NFC", w))
titles = st.one_of(
    st.sampled_from(["Date night 🍝", "Spaziergang an der Spree", "ערב בלי טלפונים",
                     "مساء هادئ", "Łódź: pierogi 🥟", "👩\u200d❤\ufe0f\u200d👨 anniversary"]),
    st.lists(word, min_size=1, max_size=4).map(" ".join).filter(
        lambda t: any(unicodedata.category(ch) not in ("Cf", "Mn", "Me") for ch in t)),
)
notes = st.text(alphabet=st.characters(blacklist_categories=("Cs",),
                                       blacklist_characters="\x00"), max_size=300)


@given(title=titles, note=notes)
@DB_SETTINGS
def test_any_title_and_notes_are_kept_exactly(services, couple, title, note):
    event = plan(services, title, datetime(2026, 6, 5, 19, 0), notes=note)
    found = services.calendar.get(event.id)
    assert (found.title, found.notes) == (title, note)
    occurrence = next(o for o in occurrences(services, date(2026, 6, 5))
                      if o.event_id == event.id)
    assert (occurrence.title, occurrence.notes) == (title, note)


def test_afterwards_keeps_all_of_it_or_none(services, couple):
    """Marking a plan done and both reflections are one action: a refused reflection
    leaves the plan as it was."""
    from datetime import datetime, timedelta

    from app.domain.calendar import EventInput
    from app.domain.errors import ValidationError

    zoe, lukasz = couple.partners
    start = (datetime.now() - timedelta(days=1)).replace(hour=19, minute=0, second=0,
                                                         microsecond=0)
    event, _ = services.calendar.create(EventInput("Board games", "device_free", start,
                                                   start + timedelta(hours=2)))
    with pytest.raises(ValidationError):
        services.calendar.afterwards(event.id, None, "done",
                                     {zoe.id: (5, "Laughed a lot"), lukasz.id: (9, "")})
    [seen] = services.calendar.occurrences(start.date(), start.date())
    assert seen.status == "planned" and seen.reflections == ()
    services.calendar.afterwards(event.id, None, "done",
                                 {zoe.id: (5, "Laughed a lot"), lukasz.id: (4, "")})
    [seen] = services.calendar.occurrences(start.date(), start.date())
    assert seen.status == "done"
    assert sorted(r.rating for r in seen.reflections) == [4, 5]
