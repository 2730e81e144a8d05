"""Home shows the next quality time and this week's hours; Settings holds the weekly aim."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from app.domain.calendar import EventInput
from app.domain.weeks import week_start_of


def test_home_shows_the_next_quality_time_and_the_weeks_hours(qtbot, couple, services,
                                                              make_window):
    window = make_window()
    home = window.view("home")
    assert "Nothing planned yet" in home.next_time.text()
    assert home.week_hours.text() == "This week: 0 of 4 hours together"

    today = datetime.now().date()
    first = week_start_of(today, 0)
    # Two hours inside this week (on its first day), planned.
    start = datetime.combine(first, time(6, 0))
    event, change = services.calendar.create(EventInput("Breakfast out", "date_night", start,
                                                        start + timedelta(hours=2)))
    later = datetime.combine(today + timedelta(days=8), time(19, 30))
    _later, change2 = services.calendar.create(EventInput("Concert", "adventure", later,
                                                          later + timedelta(hours=3)))
    window.bus.publish(change | change2)
    assert home.week_hours.text() == "This week: 2 of 4 hours together"
    if start + timedelta(hours=2) <= datetime.now():
        assert "Concert" in home.next_time.text()
    services.calendar.set_status(event.id, None, "skipped")
    _settings, settings_change = services.settings.update(quality_hours_per_week=6)
    window.bus.publish(settings_change | change)
    assert home.week_hours.text() == "This week: 0 of 6 hours together"


def test_the_weekly_quality_time_aim_is_saved_from_settings(qtbot, couple, services,
                                                            make_window):
    window = make_window()
    window.show_view("settings")
    settings = window.view("settings")
    settings.quality_hours.setValue(7)
    assert services.settings.get().quality_hours_per_week == 7


def test_home_shows_breaks_and_follow_ups_only_when_there_are_some(qtbot, couple, services,
                                                                   make_window):
    from datetime import UTC, date

    window = make_window()
    home = window.view("home")
    assert home.talk_card.isHidden()
    paused, _ = services.worksheets.start("after_fight", "Late again")
    services.worksheets.pause(paused.id, datetime.now(UTC) + timedelta(minutes=30))
    due, _ = services.worksheets.start("solve_together", "Holidays")
    _due, change = services.worksheets.start("gentle_start", "Not yet due")
    services.worksheets.set_follow_up(due.id, date.today())
    window.bus.publish(change)
    assert not home.talk_card.isHidden()
    assert "Late again" in home.talk.text() and "on a break" in home.talk.text()
    assert "Holidays" in home.talk.text() and "did your agreement work?" in home.talk.text()
    assert "Not yet due" not in home.talk.text()
