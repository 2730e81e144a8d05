"""Every change to the calendar can be undone and redone exactly: the state of the events
it touched is kept before and after, and ``restore`` puts either back — same id, same
changed occurrences, same reflections after the date."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app.domain.calendar import EventInput
from app.domain.errors import NotFoundError
from app.services.calendar import EventState
from tests.helpers import fresh

FRIDAY = datetime(2026, 3, 6, 19, 30)


def seen(services, days: int = 35):
    """Every occurrence in the five weeks from the first Friday, as the calendar shows it."""
    first = FRIDAY.date()
    return [(o.event_id, o.start, o.end, o.title, o.status, o.reflections)
            for o in services.calendar.occurrences(first, first + timedelta(days=days))]


def test_a_deleted_one_off_comes_back_with_its_id_and_reflections(services, couple):
    zoe, lukasz = couple.partners
    event, _ = services.calendar.create(EventInput(
        "Dinner at Rosa's", "date_night", FRIDAY, FRIDAY + timedelta(hours=2),
        location="Rosa's", notes="Book the window table", planned_by=zoe.id))
    services.calendar.afterwards(event.id, None, "done", {zoe.id: (5, "The tiramisu"),
                                                         lukasz.id: (4, "")})
    before = seen(services)
    state = services.calendar.state(event.id)
    assert state.events[0][1].title == "Dinner at Rosa's"
    services.calendar.delete(event.id)
    assert seen(services) == []

    change = services.calendar.restore(state)
    assert change.ids == frozenset({("calendar", event.id)})
    assert seen(services) == before
    again = services.calendar.get(event.id)
    assert (again.uid, again.location, again.notes, again.planned_by) == (
        event.uid, "Rosa's", "Book the window table", zoe.id)
    with fresh(services.db.path) as later:  # kept, as the next start of Hearth would see it
        assert seen(later) == before


@pytest.mark.parametrize("scope", ["this", "following", "all"])
def test_deleting_from_a_series_is_undone_and_redone(services, couple, scope):
    zoe, _lukasz = couple.partners
    event, _ = services.calendar.create(EventInput(
        "Date night", "date_night", FRIDAY, FRIDAY + timedelta(hours=2),
        rrule="FREQ=WEEKLY;BYDAY=FR"))
    second = FRIDAY + timedelta(weeks=1)
    services.calendar.update(event.id, FRIDAY, EventInput(
        "Date night — early", "date_night", FRIDAY - timedelta(hours=1),
        FRIDAY + timedelta(hours=1)), "this")
    services.calendar.afterwards(event.id, FRIDAY, "done", {zoe.id: (5, "")})
    before = seen(services)
    undo = services.calendar.state(event.id)
    services.calendar.delete(event.id, second, scope)
    after = seen(services)
    redo = services.calendar.state(event.id)
    assert after != before

    services.calendar.restore(undo)
    assert seen(services) == before
    services.calendar.restore(redo)
    assert seen(services) == after
    services.calendar.restore(undo)
    assert seen(services) == before


def test_undoing_a_plan_removes_it_and_redoing_brings_it_back(services, couple):
    nothing = services.calendar.state(999)
    assert nothing.events == ((999, None),)
    event, _ = services.calendar.create(EventInput("Walk", "walk", FRIDAY,
                                                   FRIDAY + timedelta(hours=1)))
    made = services.calendar.state(event.id)
    services.calendar.restore(EventState(((event.id, None),)))  # as before it was planned
    with pytest.raises(NotFoundError):
        services.calendar.get(event.id)
    services.calendar.restore(made)
    assert services.calendar.get(event.id).title == "Walk"
